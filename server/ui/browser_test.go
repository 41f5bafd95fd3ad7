package ui

import (
	"context"
	"flag"
	"fmt"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/internal/testpipe"
	"github.com/quotewire/quotewire/store/storetest"
)

// screenshots, when set, is where TestBrowser writes its screenshots
// (the README's come from `go test ./server/ui -run Browser -screenshots
// ../../docs/screenshots`); by default they go to the test's artifacts
// folder, $QUOTEWIRE_ARTIFACTS, or a temporary one.
var screenshots = flag.String("screenshots", "", "write TestBrowser's screenshots to this folder")

// chromium returns the path of a Chromium to drive, or "" when there is
// none ($QUOTEWIRE_CHROMIUM, else chromium or chromium-browser on PATH).
func chromium() string {
	if p := os.Getenv("QUOTEWIRE_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// TestBrowser drives a real Chromium through the UI on the shipped demo
// corpus: search for the founding article's speaker, open the article and
// check its highlights, open the speaker's page and its timeline, a
// quotation and the ingest page, and open a hostile article to check
// that nothing in it runs. It saves a screenshot of each page.
func TestBrowser(t *testing.T) {
	bin := chromium()
	if bin == "" {
		t.Skip("skipping: no Chromium found (apt-get install chromium, or set QUOTEWIRE_CHROMIUM)")
	}
	if testing.Short() {
		t.Skip("skipping the browser test in -short mode")
	}
	out := *screenshots
	if out == "" {
		out = os.Getenv("QUOTEWIRE_ARTIFACTS")
	}
	if out == "" {
		out = t.TempDir()
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	recs := readCorpus(t, testpipe.Default(t), seedFile, "../../testdata/wikinews/wikinews_2019.csv", "../../testdata/wikinews/wikinews_2020.csv")
	hostile := article("evil", "javascript:alert(1)", "2020-01-01", "evil.example",
		`The minister said "<script>window.pwned=1</script><img src=x onerror="window.pwned=2">" at the meeting.`,
		[]entity{{"<b>Bold</b> Minister", quotewire.Person, nil}},
		[]quote{{`"<script>window.pwned=1</script><img src=x onerror="window.pwned=2">"`, "<b>Bold</b> Minister", quotewire.Direct}})
	// quotes of other acts, an unnamed speaker, a relay
	store := newStore(t, append(append(recs, hostile), storetest.ActsCorpus()...)...)
	srv := httptest.NewServer(New(Config{Store: store, Logger: quiet(), Writer: &fakeWriter{}, Token: "t"}).Handler())
	defer srv.Close()

	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(bin), chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1100, 760))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	defer cancel()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancel = context.WithTimeout(ctx, 90*time.Second)
	defer cancel()
	var dialogs atomic.Int32
	if err := chromedp.Listen(ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			dialogs.Add(1)
		}
	}); err != nil {
		t.Fatalf("start Chromium: %v", err)
	}
	do := func(what string, steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
	}
	eval := func(expr string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](expr))
		if err != nil {
			t.Fatalf("evaluate %s: %v", expr, err)
		}
		return n
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return strings.TrimSpace(s)
	}
	// waitPath waits until the page's path starts with prefix: a click
	// that navigates returns before the new page is there
	waitPath := func(prefix string) {
		t.Helper()
		for deadline := time.Now().Add(15 * time.Second); ; {
			p, err := chromedp.Run(ctx, chromedp.Evaluate[string](`location.pathname + location.search`))
			if err == nil && strings.HasPrefix(p, prefix) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("page %q never came (at %q, %v)", prefix, p, err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	shot := func(name string) {
		t.Helper()
		// what a reader sees first (the viewport), as PNG
		buf, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot %s: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(out, name+".png"), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}

	// search by speaker, through the form
	do("front page", chromedp.Navigate(srv.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`#q`)))
	shot("home")
	do("search by speaker",
		chromedp.Click(chromedp.CSS(`details.filters summary`)),
		chromedp.SendKeys(chromedp.CSS(`#speaker`), "Lavrov"),
		chromedp.Submit(chromedp.CSS(`#speaker`)))
	waitPath("/?")
	do("results", chromedp.WaitVisible(chromedp.CSS(`ol.cards li.card`)))
	cards := eval(`document.querySelectorAll('ol.cards li.card').length`)
	first := text(`ol.cards li.card .speaker`)
	shot("search")
	if cards < 10 || first != "Sergey Lavrov" {
		t.Errorf("search for Lavrov: %d cards, first by %q", cards, first)
	}

	// the founding article, from the first card
	do("open the article", chromedp.Click(chromedp.CSS(`ol.cards li.card p.links a`)))
	waitPath("/articles/")
	do("highlights", chromedp.WaitVisible(chromedp.CSS(`[data-quote-id]`)))
	marks := eval(`new Set([...document.querySelectorAll('[data-quote-id]')].map(e => e.dataset.quoteId)).size`)
	lavrov := eval(`new Set([...document.querySelectorAll('[data-speaker="Sergey Lavrov"]')].map(e => e.dataset.quoteId)).size`)
	people := eval(`document.querySelectorAll('.text [data-entity="person"]').length`)
	if people < 5 {
		t.Errorf("founding article: %d person mentions marked in the text", people)
	}
	title, err := chromedp.Run(ctx, chromedp.Title())
	if err != nil {
		t.Fatal(err)
	}
	shot("article")
	if marks != 10 || lavrov != 10 || !strings.Contains(title, "KRASNODAR") {
		t.Errorf("founding article: %d quotes highlighted, %d by Sergey Lavrov, title %q (want 10, 10)", marks, lavrov, title)
	}

	// the speaker's page with its timeline
	do("speaker page", chromedp.Navigate(srv.URL+"/?speaker=Sergey+Lavrov"),
		chromedp.Click(chromedp.CSS(`ol.cards li.card a.speaker`)))
	waitPath("/speakers/")
	do("timeline", chromedp.WaitVisible(chromedp.CSS(`svg`)))
	heading := text(`main h1`)
	bars := eval(`document.querySelectorAll('svg rect').length`)
	if !strings.Contains(heading, "Sergey Lavrov") || bars < 1 {
		t.Errorf("speaker page: heading %q, %d bars in the timeline", heading, bars)
	}
	// the most quoted speaker's page, for the screenshot
	top, err := store.Speakers(context.Background(), "", nil, 1)
	if err != nil || len(top) == 0 {
		t.Fatalf("top speaker: %v", err)
	}
	do("top speaker", chromedp.Navigate(fmt.Sprintf("%s/speakers/%d", srv.URL, top[0].ID)), chromedp.WaitVisible(chromedp.CSS(`svg`)))
	if n := eval(`document.querySelectorAll('svg rect').length`); n < 5 {
		t.Errorf("%s's timeline has %d bars", top[0].Name, n)
	}
	shot("speaker")

	// statements by default; the "what" filter shows the other acts; an
	// unnamed speaker is marked and not linked, a relay named
	// (the acts corpus is the only one dated 2021)
	do("statements", chromedp.Navigate(srv.URL+"/?q=sanctions&from=2021&to=2021"), chromedp.WaitVisible(chromedp.CSS(`ol.cards li.card`)))
	statements := eval(`document.querySelectorAll('ol.cards li.card').length`)
	unnamed := eval(`[...document.querySelectorAll('.speaker.anonymous')].filter(e => e.closest('a') === null && e.textContent === 'senior official').length`)
	relayed := eval(`[...document.querySelectorAll('.via')].filter(e => e.textContent === 'via Izvestia' && e.querySelector('a[href^="/speakers/"]')).length`)
	if statements != 1 || unnamed != 1 || relayed != 1 {
		t.Errorf("statements about sanctions: %d cards (want 1), %d unnamed speakers shown unlinked, %d relays shown (want 1 each)", statements, unnamed, relayed)
	}
	// (the date filters keep the filters open)
	do("every act", chromedp.WaitVisible(chromedp.CSS(`#acts`)), chromedp.SetValue(chromedp.CSS(`#acts`), "all"),
		chromedp.Submit(chromedp.CSS(`#acts`)))
	waitPath("/?q=sanctions&acts=all&")
	do("every act's cards", chromedp.WaitVisible(chromedp.CSS(`.act`)))
	everything := eval(`document.querySelectorAll('ol.cards li.card').length`)
	labels := eval(`[...document.querySelectorAll('ol.cards .act')].map(e => e.textContent).sort().join() === 'belief,directive,question' ? 1 : 0`)
	shot("acts")
	if everything != 4 || labels != 1 {
		t.Errorf("every act about sanctions: %d cards (want 4), act labels right: %d", everything, labels)
	}

	// the statement most outlets reported, and the ingest page
	var qid int64
	if err := store.DB().QueryRow("SELECT id FROM quotations ORDER BY occurrences DESC, id LIMIT 1").Scan(&qid); err != nil {
		t.Fatal(err)
	}
	do("quotation page", chromedp.Navigate(fmt.Sprintf("%s/quotations/%d", srv.URL, qid)), chromedp.WaitVisible(chromedp.CSS(`main h1`)))
	if n := eval(`document.querySelectorAll('main ol > li').length`); n < 2 {
		t.Errorf("the most reported quotation lists %d reports", n)
	}
	shot("quotation")
	do("ingest page", chromedp.Navigate(srv.URL+"/ingest"), chromedp.WaitVisible(chromedp.CSS(`#text`)))
	shot("ingest")

	// the hostile article: its script and image must not exist as elements
	do("hostile article", chromedp.Navigate(srv.URL+"/articles/"+hostile.Key),
		chromedp.WaitVisible(chromedp.CSS(`[data-quote-id]`)), chromedp.Sleep(300*time.Millisecond))
	pwned := eval(`window.pwned || 0`)
	scripts := eval(`document.querySelectorAll('main script').length`)
	imgs := eval(`document.querySelectorAll('main img').length`)
	shown := text(`[data-quote-id]`)
	shot("hostile")
	if pwned != 0 || scripts != 0 || imgs != 0 || dialogs.Load() != 0 || !strings.Contains(shown, "<script>") {
		t.Errorf("hostile article: pwned=%d, %d scripts and %d images in main, %d dialogs; quote shown as %q", pwned, scripts, imgs, dialogs.Load(), shown)
	}
	t.Logf("screenshots in %s", out)
}
