package coref

// This file gives interview labels their speakers: "WN:" or "Q:" is the
// outlet that interviews, "RS:" the person whose initials they are.

import (
	"net/url"
	"strings"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/phrase"
)

// label returns the entity an interview label names, or -1: a person of
// the article whose initials the label is ("RS" for Richard Stallman),
// else the interviewing outlet ("Q", "WN" in a Wikinews interview, "WSS"
// for its reporter), when the article's URL or dateline names it.
func (r *resolver) label(src quotewire.Span) int {
	d := r.d
	l := strings.Trim(strings.TrimSpace(src.In(d.Text)), ":()")
	if !capsLabel(l) {
		return -1
	}
	for e := range d.Entities {
		en := &d.Entities[e]
		if en.Type == quotewire.Person && !en.Anonymous && initials(en.Name) == l {
			return e
		}
	}
	if (l == "Q" || l == "QUESTION") && governmentHost(d.URL) {
		// "Q:" in a government's briefing or media availability: a
		// reporter from some outlet, not the site that prints the
		// transcript
		return r.anonymous("reporter", phrase.Phrase{Head: "reporter"})
	}
	outlet := outletName(d.URL)
	if outlet == "" {
		outlet = d.Agency
	}
	if outlet == "" {
		return -1
	}
	// "Q", "WN", or a label of nobody the article names: the interviewer,
	// who speaks for the outlet
	if e := r.find(outlet, ""); e >= 0 {
		d.Entities[e].Type = quotewire.Organization
		if le, ok := r.byKey[r.keyOf(l)]; ok && le != e && d.Entities[le].Type != quotewire.Person {
			r.absorb(e, le) // the tagger's "WN" is the outlet
		}
		return e
	}
	if e, ok := r.byKey[r.keyOf(l)]; ok && d.Entities[e].Type != quotewire.Person {
		// the tagger took the label for a body: it is the outlet
		d.Entities[e].Name, d.Entities[e].Type = outlet, quotewire.Organization
		r.byKey[r.keyOf(outlet)] = e
		return e
	}
	return r.newEntity(outlet, quotewire.Organization)
}

// absorb moves the mentions of entity from to entity into, and leaves
// from untyped and without mentions so that finish drops it.
func (r *resolver) absorb(into, from int) {
	d := r.d
	for _, mi := range d.Entities[from].Mentions {
		d.Mentions[mi].Entity = into
		d.Entities[into].Mentions = append(d.Entities[into].Mentions, mi)
	}
	d.Entities[from].Mentions = nil
	d.Entities[from].Type = ""
	for k, e := range r.byKey {
		if e == from {
			r.byKey[k] = into
		}
	}
}

// isOutlet reports whether name is the article's publisher: the name its
// URL gives ("Wikinews" for en.wikinews.org) or its dateline's agency.
func (r *resolver) isOutlet(name string) bool {
	if name == "" {
		return false
	}
	if o := outletName(r.d.URL); o != "" && strings.EqualFold(o, name) {
		return true
	}
	return r.d.Agency != "" && strings.EqualFold(r.d.Agency, name)
}

// turnLabel reports whether src is an interview label: one to four
// capitals in double brackets ("((WSS))") or before a colon ("RS:").
func turnLabel(text string, src quotewire.Span) bool {
	return capsLabel(src.In(text)) && (src.Start >= 2 && text[src.Start-2:src.Start] == "((" || src.End < len(text) && text[src.End] == ':')
}

// capsLabel reports whether l is one to four capital letters: "WN", "RS".
func capsLabel(l string) bool {
	if len(l) == 0 || len(l) > 4 {
		return false
	}
	for i := 0; i < len(l); i++ {
		if l[i] < 'A' || l[i] > 'Z' {
			return false
		}
	}
	return true
}

// initials returns the capital first letters of a name's words: "RS" for
// "Richard Stallman".
func initials(name string) string {
	var b strings.Builder
	for _, w := range strings.Fields(name) {
		if c := w[0]; c >= 'A' && c <= 'Z' {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// outletName names the publisher of an article from its URL: the host
// without "www.", "en." or "m." and without its top-level domain, with a
// capital ("https://en.wikinews.org/wiki/…" → "Wikinews"); "" without a
// URL.
func outletName(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return ""
	}
	parts := strings.Split(u.Hostname(), ".")
	for len(parts) > 2 && (parts[0] == "www" || parts[0] == "en" || parts[0] == "m") {
		parts = parts[1:]
	}
	if len(parts) > 1 {
		parts = parts[:len(parts)-1]
	}
	name := parts[len(parts)-1]
	if name == "" {
		return ""
	}
	if full, ok := outlets[name]; ok {
		return full // "voanews" is Voice of America
	}
	return strings.ToUpper(name[:1]) + name[1:]
}

// outlets are the names readers give outlets whose host says otherwise.
var outlets = map[string]string{"voanews": "Voice of America", "bbc": "BBC", "nytimes": "The New York Times",
	"washingtonpost": "The Washington Post", "theguardian": "The Guardian", "rferl": "Radio Free Europe/Radio Liberty",
	"globalvoices": "Global Voices", "aljazeera": "Al Jazeera", "npr": "NPR", "cnn": "CNN"}

// governmentHost reports whether a URL is a government's site, whose
// transcripts' "Q:" lines are reporters from other outlets: .gov, .mil,
// gov.uk and its likes, the Kremlin, the European Union, parliaments.
func governmentHost(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	h := strings.ToLower(u.Hostname())
	for _, suf := range [...]string{".gov", ".mil", ".gov.uk", ".gov.au", ".gc.ca", ".gov.scot", ".gov.wales", "kremlin.ru", "europa.eu", "parliament.uk", "canada.ca"} {
		if strings.HasSuffix(h, suf) || h == strings.TrimPrefix(suf, ".") {
			return true
		}
	}
	return false
}
