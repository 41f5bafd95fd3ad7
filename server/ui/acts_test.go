package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/store/storetest"
)

func TestActsOnPages(t *testing.T) {
	recs := storetest.ActsCorpus()
	st := newStore(t, recs...)
	ctx := context.Background()
	ids := map[string]int64{}
	for _, name := range []string{"zakharova", "izvestia"} {
		es, err := st.Entities(ctx, name, "", nil, 1)
		if err != nil || len(es) != 1 {
			t.Fatalf("Entities(%s) = %v, %v", name, es, err)
		}
		ids[name] = es[0].ID
	}
	h := New(Config{Store: st, Logger: quiet()}).Handler()
	unnamed := `<i class="speaker anonymous" title="The article does not name this speaker: these are the words it describes them with.">senior official</i> <span class="unnamed">unnamed</span>`
	via := fmt.Sprintf(`<span class="via">via <a href="/speakers/%d">Izvestia</a></span>`, ids["izvestia"])
	zak := fmt.Sprintf("/speakers/%d", ids["zakharova"])
	tests := []struct {
		name, target string
		status       int
		check        func(t *testing.T, body string)
	}{
		{"overview counts statements", "/", 200, has("Most quoted", "Maria Zakharova</a> <span class=\"count\">1 statement</span>", "<dt>Quotations</dt>")},
		{"overview lists unnamed speakers per outlet", "/", 200, has("Most quoted unnamed speakers",
			`<a href="/?outlet=example.org&amp;unnamed=senior&#43;official"><i class="anonymous">senior official</i></a> <span class="outlet">example.org</span> <span class="count">2 statements, 1 article</span>`)},
		{"search: one unnamed speaker of one outlet", "/?unnamed=senior+official&outlet=example.org", 200, both(
			has("Statements 1–2", "the sanctions were working", "More talks are planned for May.", unnamed, `value="senior official"`, "Filters (active)"),
			lacks("the talks had ended"))},
		{"search: an unnamed speaker no article has", "/?unnamed=Maria+Zakharova", 200, has("No quotes found")},
		{"search: statements by default", "/?q=sanctions", 200, both(
			has("Statements 1–1", "the sanctions were working", unnamed, via, `<option value="" selected>Statements</option>`),
			lacks("the sanctions will fail", "whether the sanctions would stay", `<a class="speaker" href="/speakers/0"`, `class="act `))},
		{"search: every act", "/?q=sanctions&acts=all", 200, both(
			has("Quotes 1–4", "the sanctions will fail", "whether the sanctions would stay", "Europe to lift the sanctions",
				`<span class="act act-belief" title="A belief: the speaker thinks, hopes or expects this.">belief</span>`,
				`<span class="act act-question" title="A question: the speaker asked this.">question</span>`,
				`<span class="act act-directive"`, `<option value="all" selected>All acts</option>`, "Filters (active)"),
			lacks(`<span class="act act-statement"`))},
		{"search: one act", "/?speaker=Zakharova&acts=belief", 200, both(has("the sanctions will fail", `<option value="belief" selected>Beliefs</option>`),
			lacks("the talks had ended", "whether the sanctions would stay"))},
		{"search: several acts", "/?speaker=Zakharova&acts=question,belief", 200, both(
			has("the sanctions will fail", "whether the sanctions would stay", `<option value="question,belief" selected>question, belief</option>`),
			lacks("the talks had ended"))},
		{"search: the default named", "/?q=talks&acts=statement", 200, both(has("the talks had ended", `<option value="" selected>`),
			lacks("Filters (active)", "acts=statement"))},
		{"search: continued", "/?outlet=example.org", 200, has(`<span class="continued"`, "More talks are planned for May.")},
		{"search: unknown act", "/?q=sanctions&acts=opinion", 400, has("What to show: unknown act", "opinion", "statement, question, directive, belief, evaluation, other")},
		{"search: acts alone", "/?acts=directive", 200, both(has("Europe to lift the sanctions"), lacks("the talks had ended"))},

		{"speaker: statements by default", zak, 200, both(has("1 statement", "Statements per month", "Latest statements", "the talks had ended",
			`href="/?speaker=Maria&#43;Zakharova">Search their quotes`), lacks("the sanctions will fail"))},
		{"speaker: every act", zak + "?acts=all", 200, both(has("4 quotes", "Quotes per month", "the sanctions will fail", "Europe to lift the sanctions",
			`<option value="all" selected>`, `href="/?acts=all&amp;speaker=Maria&#43;Zakharova">Search their quotes`))},
		{"speaker: one act", zak + "?acts=question", 200, both(has("1 quote (question)", "whether the sanctions would stay"), lacks("the talks had ended"))},
		{"speaker: unknown act", zak + "?acts=opinion", 400, has("What to show: unknown act", "opinion")},

		{"article: every quote, described", "/articles/" + recs[1].Key, 200, has(unnamed, via, `<span class="act act-directive"`,
			"senior official (unnamed) via Izvestia · indirect quote · confidence", "Maria Zakharova · indirect quote · directive · confidence",
			`<i class="anonymous" title="The article does not name this speaker: these are the words it describes them with.">senior official</i>`)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := get(t, h, tt.target)
			if r.status != tt.status {
				t.Fatalf("GET %s: status %d, want %d\n%s", tt.target, r.status, tt.status, r.body)
			}
			checkPage(t, r)
			tt.check(t, r.body)
		})
	}
}

// TestUnnamedAndRelayAreData checks that an unnamed speaker's descriptor,
// a relay's name and an act, text from articles, are shown as text.
func TestUnnamedAndRelayAreData(t *testing.T) {
	text := `A <img src=x onerror=alert(1)> official said the dam held, <script>alert(2)</script> reported.`
	rec := article("h", "https://example.org/h", "2024-01-01", "example.org", text,
		[]entity{{`<img src=x onerror=alert(1)> official`, quotewire.Person, nil}},
		[]quote{{"the dam held", `<img src=x onerror=alert(1)> official`, quotewire.Indirect}})
	a := rec.Analysis
	a.Entities[0].Anonymous = true
	q := &a.Quotes[0]
	q.Speaker.Anonymous = true
	q.Via = &quotewire.SpeakerRef{Name: `<script>alert(2)</script>`}
	q.Act = `"><script>alert(3)</script>`
	st := newStore(t, rec)
	h := New(Config{Store: st, Logger: quiet()}).Handler()
	for _, target := range []string{"/?q=dam&acts=all", "/articles/" + rec.Key} {
		r := get(t, h, target)
		if r.status != 200 {
			t.Fatalf("GET %s: %d", target, r.status)
		}
		checkPage(t, r)
		checkInert(t, r.body)
		for _, want := range []string{`&lt;img src=x onerror=alert(1)&gt; official</i>`, `via &lt;script&gt;alert(2)&lt;/script&gt;`} {
			if !strings.Contains(r.body, want) {
				t.Errorf("GET %s lacks %s", target, want)
			}
		}
	}
}
