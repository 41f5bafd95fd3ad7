package coref

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/attrib"
	"github.com/quotewire/quotewire/tag"
	"github.com/quotewire/quotewire/text"
)

// firstNameScan is firstNamed as it was before entityNameKey: a scan of every entity.
func (r *resolver) firstNameScan(k string) int {
	found := -1
	for e := range r.d.Entities {
		en := &r.d.Entities[e]
		if en.Type != quotewire.Person || en.Anonymous || strings.IndexByte(en.Name, ' ') < 0 {
			continue
		}
		if ek := r.keyOf(en.Name); nwords(ek) >= 2 && firstWord(ek) == k {
			if found >= 0 && found != e {
				return -1
			}
			found = e
		}
	}
	return found
}

// TestFirstNamed checks, on generated articles resolved up to
// finish, that firstNamed with the kept keys finds what it found with
// every entity's key looked up, for every word of every entity's name, and that entityKey is
// keyOf of each entity's name.
func TestFirstNamed(t *testing.T) {
	firsts := []string{"Terri", "John", "Maria", "Ann", "Li", "JOHN", "Mr", "Dr.", "Sergey", "José"}
	lasts := []string{"Collins", "Smith", "Lavrov", "Wei", "Fields", "O'Brien", "SMITH", "Kee", "Brudziński", "Corp."}
	orgs := []string{"Acme Corp.", "the Ministry of Health", "Ford Foundation", "the United Nations", "Moscow", "Pierce County"}
	roles := []string{"Senator", "spokesman", "Foreign Minister", "the minister", "Republican state representative"}
	cues := []string{"said", "told reporters", "added", "says"}
	rng := rand.New(rand.NewSource(7))
	pick := func(l []string) string { return l[rng.Intn(len(l))] }
	stages := []quotewire.Stage{text.Segmenter{}, tag.Tagger{}, attrib.Stage{}}
	checked := 0
	for n := 0; n < 300; n++ {
		var b strings.Builder
		for s := 3 + rng.Intn(10); s > 0; s-- {
			var who string
			switch rng.Intn(6) {
			case 0:
				who = pick(firsts)
			case 1:
				who = pick(lasts)
			case 2:
				who = pick(orgs)
			case 3:
				who = pick(roles) + " " + pick(firsts) + " " + pick(lasts)
			case 4:
				who = pick(firsts) + " " + pick(firsts) + " " + pick(lasts)
			default:
				who = pick(firsts) + " " + pick(lasts)
			}
			switch rng.Intn(3) {
			case 0:
				b.WriteString("\"We will act now,\" " + who + " " + pick(cues) + ". ")
			case 1:
				b.WriteString(who + " " + pick(cues) + " the plan would fail. ")
			default:
				b.WriteString(who + ": \"No comment.\"\n")
			}
		}
		d := quotewire.NewDocument(quotewire.Article{Text: b.String()})
		for _, st := range stages {
			if err := st.Process(d); err != nil {
				t.Fatal(err)
			}
		}
		r := newResolver(d, nil)
		r.clusterNames()
		r.buildTimelines()
		r.speakers()
		r.officesNamedLater()
		words := map[string]bool{}
		for e := range d.Entities {
			if got, want := r.entityKey(e), r.keyOf(d.Entities[e].Name); got != want {
				t.Fatalf("%q: entityKey(%d) = %q, want %q", d.Text, e, got, want)
			}
			for _, w := range strings.Fields(r.keyOf(d.Entities[e].Name)) {
				words[w] = true
			}
		}
		for w := range words {
			if got, want := r.firstNamed(w), r.firstNameScan(w); got != want {
				t.Fatalf("%q: first name %q: index %d, scan %d", d.Text, w, got, want)
			}
			checked++
		}
	}
	if checked < 1000 {
		t.Fatalf("only %d first names checked", checked)
	}
}
