package server

import (
	"encoding/json"
	"errors"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/server/ui"
)

var errTest = errors.New("test failure")

// openAPI is the part of an OpenAPI document the tests read.
type openAPI struct {
	OpenAPI    string                                 `json:"openapi"`
	Paths      map[string]map[string]openAPIOperation `json:"paths"`
	Components struct {
		Parameters map[string]openAPIParameter `json:"parameters"`
		Schemas    map[string]struct {
			Properties map[string]json.RawMessage `json:"properties"`
		} `json:"schemas"`
	} `json:"components"`
}

type openAPIOperation struct {
	Parameters []openAPIParameter         `json:"parameters"`
	Responses  map[string]json.RawMessage `json:"responses"`
}

type openAPIParameter struct {
	Ref  string `json:"$ref"`
	Name string `json:"name"`
	In   string `json:"in"`
}

func loadOpenAPI(t *testing.T) openAPI {
	t.Helper()
	h := New(Config{Store: newStore(t), Logger: quietLogger()})
	r := do(t, h, "GET", "/openapi.json", "")
	checkCommon(t, r)
	var doc openAPI
	dec := json.NewDecoder(strings.NewReader(string(r.body)))
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("openapi.json does not parse: %v", err)
	}
	if doc.OpenAPI != "3.1.0" {
		t.Errorf("openapi = %q, want 3.1.0", doc.OpenAPI)
	}
	return doc
}

func TestOpenAPICoversRoutes(t *testing.T) {
	doc := loadOpenAPI(t)
	documented := map[string]bool{}
	for path, ops := range doc.Paths {
		for method := range ops {
			documented[strings.ToUpper(method)+" "+path] = true
		}
	}
	for _, rt := range routes {
		t.Run(rt.pattern, func(t *testing.T) {
			if !documented[rt.pattern] {
				t.Fatalf("%s is not in openapi.json", rt.pattern)
			}
			delete(documented, rt.pattern)
			method, path, _ := strings.Cut(rt.pattern, " ")
			op := doc.Paths[path][strings.ToLower(method)]
			if len(op.Responses) == 0 {
				t.Errorf("no responses documented")
			}
			got := map[string]string{}
			for _, p := range op.Parameters {
				if p.Ref != "" {
					name := strings.TrimPrefix(p.Ref, "#/components/parameters/")
					var ok bool
					if p, ok = doc.Components.Parameters[name]; !ok {
						t.Errorf("dangling parameter reference %s", p.Ref)
						continue
					}
				}
				got[p.Name] = p.In
			}
			want := map[string]string{}
			for _, p := range rt.params {
				want[p] = "query"
			}
			for _, seg := range strings.Split(path, "/") {
				if strings.HasPrefix(seg, "{") {
					want[strings.Trim(seg, "{}")] = "path"
				}
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("documented parameters %v, the route takes %v", got, want)
			}
		})
	}
	for extra := range documented {
		t.Errorf("openapi.json documents %s, which is not a route", extra)
	}
}

// TestOpenAPISchemas checks that the documented schemas have the JSON
// fields of the types the server sends.
func TestOpenAPISchemas(t *testing.T) {
	doc := loadOpenAPI(t)
	types := map[string]any{
		"Hit": quotewire.Hit{}, "QuotesPage": quotesPage{}, "Occurrence": quotewire.Occurrence{},
		"Quotation": quotewire.Quotation{}, "Speaker": quotewire.Speaker{}, "SpeakerCount": quotewire.SpeakerCount{},
		"Bucket": quotewire.Bucket{}, "Timeline": timelineReply{}, "Stats": quotewire.Stats{},
		"Analysis": quotewire.Analysis{}, "QuoteOut": quotewire.QuoteOut{}, "ContentSpan": quotewire.ContentSpan{},
		"TextSpan": quotewire.TextSpan{}, "Span": quotewire.Span{}, "SpeakerRef": quotewire.SpeakerRef{},
		"EntityOut": quotewire.EntityOut{}, "RepeatedSentence": quotewire.RepeatedSentence{},
		"Segment": ui.Segment{}, "ArticleReply": articleReply{}, "ArticleIn": articleIn{},
		"IngestResult": IngestResult{}, "Error": errorBody{}, "EntityRef": quotewire.EntityRef{},
		"EntityExplanation": quotewire.EntityExplanation{}, "EntityName": quotewire.EntityName{},
		"ArticleExplanation": quotewire.ArticleExplanation{}, "MentionJoin": quotewire.MentionJoin{},
	}
	for name, v := range types {
		schema, ok := doc.Components.Schemas[name]
		if !ok {
			t.Errorf("schema %s is missing", name)
			continue
		}
		var got, want []string
		for p := range schema.Properties {
			got = append(got, p)
		}
		rt := reflect.TypeOf(v)
		for i := range rt.NumField() {
			tag, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
			if tag != "" && tag != "-" {
				want = append(want, tag)
			}
		}
		sort.Strings(got)
		sort.Strings(want)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("schema %s has properties %v, the type sends %v", name, got, want)
		}
	}
}
