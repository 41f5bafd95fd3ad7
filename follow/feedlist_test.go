package follow

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
)

// opml is a feed reader's export: categories holding feeds, a feed at the
// top level, attribute names as readers write them.
const opml = `<?xml version="1.0" encoding="UTF-8"?>
<opml version="2.0">
  <head><title>Subscriptions</title></head>
  <body>
    <outline text="World" title="World">
      <outline type="rss" text="BBC World" xmlUrl="https://feeds.example.org/world.xml" htmlUrl="https://www.example.org/"/>
      <outline type="rss" text="Wire &amp; Co" xmlUrl=" https://wire.example.com/rss?x=1&amp;y=2 "/>
    </outline>
    <outline text="Politics">
      <outline type="rss" text="Again" xmlUrl="https://feeds.example.org/world.xml"/>
      <outline text="A folder with no feed"/>
    </outline>
    <outline type="rss" text="Top level" xmlurl="http://news.example.net/atom"/>
  </body>
</opml>`

func TestReadFeedList(t *testing.T) {
	tests := []struct {
		name, in string
		want     []string
		err      string // in the error, "" for none
	}{
		{"lines", "# our feeds\nhttps://a.example/rss  # the first\n\n\thttp://b.example/feed\nhttps://a.example/rss\n",
			[]string{"https://a.example/rss", "http://b.example/feed"}, ""},
		{"a hash in a URL", "https://a.example/rss#top\n", []string{"https://a.example/rss#top"}, ""},
		{"byte order mark", "\ufeffhttps://a.example/rss\r\nhttps://b.example/rss\r\n", []string{"https://a.example/rss", "https://b.example/rss"}, ""},
		{"empty", "", nil, ""},
		{"not a URL", "https://a.example/rss\nftp://b.example/feed\n", nil, "list.txt line 2: \"ftp://b.example/feed\" is not an http or https URL"},
		{"opml", opml, []string{"https://feeds.example.org/world.xml", "https://wire.example.com/rss?x=1&y=2", "http://news.example.net/atom"}, ""},
		{"opml in latin-1", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><opml><body><outline text=\"Caf\xe9\" xmlUrl=\"https://caf.example/rss\"/></body></opml>",
			[]string{"https://caf.example/rss"}, ""},
		{"opml with a bad feed", `<opml><body><outline xmlUrl="file:///etc/passwd"/></body></opml>`, nil, "is not an http or https URL"},
		{"another XML document", `<?xml version="1.0"?><rss><channel/></rss>`, nil, "an XML document of <rss>, not OPML"},
		{"broken opml", `<opml><body><outline xmlUrl="https://a.example/rss"`, nil, "not an OPML list of feeds"},
		{"only a declaration", `<?xml version="1.0"?>`, nil, "no OPML element"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadFeedList(strings.NewReader(tt.in), "list.txt")
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), "list.txt") {
					t.Fatalf("error %v, want one naming list.txt with %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 0 || len(tt.want) != 0 {
				if !reflect.DeepEqual(got, tt.want) {
					t.Errorf("got %q, want %q", got, tt.want)
				}
			}
		})
	}
}

func TestReadFeedListTooLarge(t *testing.T) {
	_, err := ReadFeedList(bytes.NewReader(bytes.Repeat([]byte("https://a.example/\n"), MaxFeedList/18)), "huge.txt")
	if err == nil || !strings.Contains(err.Error(), "huge.txt") || !strings.Contains(err.Error(), "over 16 MB") {
		t.Errorf("a list over the cap: %v", err)
	}
}

// FuzzFeedList: any bytes give a list or an error, never a panic, and
// every URL listed is http(s) and listed once.
func FuzzFeedList(f *testing.F) {
	f.Add([]byte(opml))
	f.Add([]byte("https://a.example/rss # x\n#c\nhttp://b.example/\n"))
	f.Add([]byte(`<opml><body><outline xmlUrl="https://a.example/rss"><outline xmlUrl="ftp://x"/></outline></body></opml>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		urls, err := ReadFeedList(bytes.NewReader(data), "fuzz")
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz") {
				t.Errorf("error %q does not name the file", err)
			}
			return
		}
		seen := map[string]bool{}
		for _, u := range urls {
			if !IsFeedURL(u) || seen[u] {
				t.Errorf("listed %q (seen before: %v)", u, seen[u])
			}
			seen[u] = true
		}
	})
}
