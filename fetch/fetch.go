// Package fetch asks web servers for feeds and pages the way a crawler
// that outlets will not block does: it obeys each host's robots.txt
// (cached for RobotsTTL, across processes in a RobotsStore, its
// Crawl-delay honoured), names itself and a contact in its
// User-Agent, sends one request at a time to a host and waits a minimum
// delay between them, makes conditional requests (If-None-Match,
// If-Modified-Since), backs off on 429 and 5xx answers for as long as
// Retry-After says, times out on connecting, on headers and on the whole
// answer, follows a limited number of redirects, caps bodies, undoes gzip
// and brotli, and speaks only http and https.
//
// A Fetcher is safe for concurrent use: requests to different hosts run
// at once, requests to one host wait for each other.
package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/andybalholm/brotli"
	"github.com/klauspost/compress/gzip"
	"github.com/temoto/robotstxt"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/internal/textenc"
)

// Defaults of Options' zero fields.
const (
	DefaultMinDelay      = time.Second
	DefaultMaxBytes      = 10 << 20
	DefaultMaxRedirects  = 5
	DefaultConnect       = 10 * time.Second
	DefaultHeaders       = 20 * time.Second
	DefaultTotal         = 60 * time.Second
	DefaultMaxWait       = 30 * time.Second
	DefaultMaxCrawlDelay = 60 * time.Second
	// DefaultContact is the contact URL of the User-Agent when
	// Options.Contact is empty: the project's page.
	DefaultContact = "https://github.com/quotewire/quotewire"
)

// Errors, test with errors.Is (and Kind for a short name of each).
var (
	// ErrRobots: the host's robots.txt disallows the URL for us.
	ErrRobots = errors.New("disallowed by robots.txt")
	// ErrScheme: the URL is not http or https.
	ErrScheme = errors.New("only http and https URLs are fetched")
	// ErrTooLarge: the body is larger than Options.MaxBytes.
	ErrTooLarge = errors.New("body larger than the limit")
	// ErrRedirects: more redirects than Options.MaxRedirects.
	ErrRedirects = errors.New("too many redirects")
	// ErrBackoff: the host asked us to wait (429, 5xx, Retry-After) for
	// longer than Options.MaxWait; the URL was not asked for.
	ErrBackoff = errors.New("host is backing off")
	// ErrPrivate: the URL's host is on a loopback, private or link-local
	// address, which is not asked unless Options.AllowPrivate says so.
	ErrPrivate = errors.New("host on a private network address (loopback, private or link-local); allow it with --allow-private")
)

// StatusError is an answer other than 2xx and 304.
type StatusError struct {
	Code int
	// RetryAfter is what the answer's Retry-After said, zero when it said
	// nothing.
	RetryAfter time.Duration
}

func (e *StatusError) Error() string {
	s := fmt.Sprintf("HTTP %d %s", e.Code, http.StatusText(e.Code))
	if e.RetryAfter > 0 {
		s += fmt.Sprintf(" (retry after %s)", e.RetryAfter)
	}
	return s
}

// Temporary reports whether asking again later may succeed: 408, 425,
// 429 and 5xx.
func (e *StatusError) Temporary() bool {
	return e.Code == 408 || e.Code == 425 || e.Code == 429 || e.Code >= 500
}

// Kind names the kind of a fetch error for counting: robots, scheme,
// too_large, redirects, backoff, private, status_4xx, status_5xx, timeout,
// canceled, network or other ("" for nil).
func Kind(err error) string {
	var se *StatusError
	var ne net.Error
	switch {
	case err == nil:
		return ""
	case errors.Is(err, ErrRobots):
		return "robots"
	case errors.Is(err, ErrScheme):
		return "scheme"
	case errors.Is(err, ErrTooLarge):
		return "too_large"
	case errors.Is(err, ErrRedirects):
		return "redirects"
	case errors.Is(err, ErrBackoff):
		return "backoff"
	case errors.Is(err, ErrPrivate):
		return "private"
	case errors.As(err, &se) && se.Code >= 500:
		return "status_5xx"
	case errors.As(err, &se):
		return "status_4xx"
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.As(err, &ne):
		return "network"
	default:
		return "other"
	}
}

// Temporary reports whether a fetch that failed with err may succeed
// later: timeouts, network errors, back-off and temporary statuses.
func Temporary(err error) bool {
	var se *StatusError
	if errors.As(err, &se) {
		return se.Temporary()
	}
	switch Kind(err) {
	case "timeout", "network", "backoff", "canceled", "other":
		return true
	}
	return false
}

// Options configures a Fetcher. The zero value is ready to use.
type Options struct {
	// Contact is a URL (or mailto:) where an outlet can reach whoever
	// runs the crawl; it goes in the User-Agent. Empty means
	// DefaultContact.
	Contact string
	// Version is quotewire's version for the User-Agent ("dev" when
	// empty).
	Version string
	// MinDelay is the least time between two requests to one host (a
	// robots.txt Crawl-delay that is longer wins, up to MaxCrawlDelay).
	MinDelay time.Duration
	// MaxCrawlDelay caps a robots.txt Crawl-delay.
	MaxCrawlDelay time.Duration
	// MaxBytes caps a body, after decompression.
	MaxBytes int64
	// MaxRedirects caps the redirects one request follows.
	MaxRedirects int
	// Connect, Headers and Total time out connecting, waiting for the
	// answer's headers, and the whole request with its body.
	Connect, Headers, Total time.Duration
	// MaxWait is the longest a request waits for a host's back-off
	// before failing with ErrBackoff instead.
	MaxWait time.Duration
	// Transport replaces the HTTP transport (tests); nil makes one with
	// the timeouts above.
	Transport http.RoundTripper
	// Now returns the current time; nil means time.Now.
	Now func() time.Time
	// Observe, when set, is told of every answer and failure, robots.txt
	// included: for metrics.
	Observe func(Event)
	// AllowPrivate lets requests reach hosts on loopback, private and
	// link-local addresses. By default they are refused, whatever name
	// leads there (checked on the address connected to, so a DNS answer
	// cannot sneak one in): a feed's links and redirects are the outlet's
	// to choose, and must not make the crawler read the machine's own
	// services or its cloud's metadata into the archive. A proxy from
	// the environment (HTTP_PROXY, HTTPS_PROXY) is always allowed.
	AllowPrivate bool
	// Gate, when set, is asked for a host's turn before each request, on
	// top of this Fetcher's own: for processes that share the hosts they
	// ask (queue workers on several machines; queue.HostGate).
	Gate Gate
	// Robots, when set, keeps each host's robots.txt between processes
	// (a store): a host whose robots.txt was fetched less than
	// RobotsTTL ago, by this process or another, is not asked again.
	Robots RobotsStore
}

// RobotsStore keeps hosts' robots.txt (the SQLite and PostgreSQL stores
// implement it).
type RobotsStore interface {
	// Robots returns host's robots.txt as last saved, with a zero Fetched
	// when there is none.
	Robots(ctx context.Context, host string) (quotewire.Robots, error)
	// SaveRobots keeps a host's robots.txt, replacing what was kept.
	SaveRobots(ctx context.Context, r quotewire.Robots) error
}

// Gate hands out hosts to the processes that share it: one request at a
// time to a host, and a pause after each.
type Gate interface {
	// Acquire waits for host's turn (its scheme and host, lower case),
	// takes it, and returns the function that frees it pause after it is
	// called; it fails when ctx ends first.
	Acquire(ctx context.Context, host string, pause time.Duration) (release func(), err error)
}

// Event is one request's outcome, for Options.Observe.
type Event struct {
	URL string
	// Status is the HTTP status (0 when there was no answer); Bytes the
	// body's bytes as they came over the wire.
	Status int
	Bytes  int64
	// Robots is true for a request of robots.txt.
	Robots bool
	// Err is the failure, nil for an answer (any status); Kind(Err) names it.
	Err error
}

func (o Options) withDefaults() Options {
	if o.Contact == "" {
		o.Contact = DefaultContact
	}
	if o.Version == "" {
		o.Version = "dev"
	}
	if o.MinDelay <= 0 {
		o.MinDelay = DefaultMinDelay
	}
	if o.MaxCrawlDelay <= 0 {
		o.MaxCrawlDelay = DefaultMaxCrawlDelay
	}
	if o.MaxBytes <= 0 {
		o.MaxBytes = DefaultMaxBytes
	}
	if o.MaxRedirects <= 0 {
		o.MaxRedirects = DefaultMaxRedirects
	}
	if o.Connect <= 0 {
		o.Connect = DefaultConnect
	}
	if o.Headers <= 0 {
		o.Headers = DefaultHeaders
	}
	if o.Total <= 0 {
		o.Total = DefaultTotal
	}
	if o.MaxWait <= 0 {
		o.MaxWait = DefaultMaxWait
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Fetcher fetches URLs politely (see the package comment).
type Fetcher struct {
	opts   Options
	agent  string
	client *http.Client

	mu    sync.Mutex
	hosts map[string]*host
	// proxyAddrs are the environment's proxies, which checkAddress allows
	proxyAddrs map[string]bool
}

// host is what the Fetcher knows of one scheme://host:port.
type host struct {
	slot chan struct{} // one request at a time
	// the fields below are guarded by holding slot
	robots    *robotstxt.RobotsData // nil until fetched
	delay     time.Duration
	next      time.Time // earliest time of the next request
	failures  int       // consecutive 429/5xx answers
	robotsAge time.Time
	// robotsStatus is the HTTP status robots.txt last answered with
	robotsStatus int
}

// agentToken is the product token robots.txt groups name us by.
const agentToken = "quotewire"

// RobotsTTL is how long a host's robots.txt is kept before it is asked
// for again (RFC 9309: no more than 24 hours).
const RobotsTTL = 12 * time.Hour

// New returns a Fetcher.
func New(opts Options) *Fetcher {
	opts = opts.withDefaults()
	f := &Fetcher{opts: opts, hosts: map[string]*host{}}
	if !opts.AllowPrivate {
		f.proxyAddrs = proxyAddresses()
	}
	f.agent = fmt.Sprintf("quotewire/%s (+%s)", opts.Version, opts.Contact)
	tr := opts.Transport
	if tr == nil {
		tr = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: opts.Connect, KeepAlive: 30 * time.Second, Control: f.checkAddress}).DialContext,
			TLSHandshakeTimeout:   opts.Connect,
			ResponseHeaderTimeout: opts.Headers,
			MaxIdleConnsPerHost:   2,
			IdleConnTimeout:       90 * time.Second,
			DisableCompression:    true, // we ask for gzip and brotli and undo them ourselves
		}
	}
	f.client = &http.Client{Transport: tr, CheckRedirect: f.checkRedirect}
	return f
}

// UserAgent is the User-Agent the Fetcher sends.
func (f *Fetcher) UserAgent() string { return f.agent }

// Request is one URL to fetch, with the validators of the copy the
// caller has (for a conditional request; empty for none).
type Request struct {
	URL          string
	ETag         string
	LastModified string
	// Accept is the Accept header ("" for */*).
	Accept string
}

// Response is a successful answer: 2xx with its body, or 304.
type Response struct {
	// URL is the address that answered, after redirects; Moved is true
	// when every redirect that led there was permanent (301 or 308): the
	// address asked for is not to be used any more.
	URL   string
	Moved bool
	// Status is 200-299 or 304 (NotModified).
	Status      int
	NotModified bool
	// ETag and LastModified are the answer's validators.
	ETag, LastModified string
	// ContentType is the Content-Type header.
	ContentType string
	// Body is the body, decompressed (empty for a 304).
	Body []byte
	// WireBytes counts the body's bytes as they came.
	WireBytes int64
}

// Get fetches one URL: it waits for the host's turn, checks robots.txt,
// asks, and reads the body. A 2xx answer and a 304 are a Response; every
// other outcome is an error naming the URL (a *StatusError for another
// status).
func (f *Fetcher) Get(ctx context.Context, req Request) (*Response, error) {
	u, err := url.Parse(req.URL)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", req.URL, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" || u.Host == "" {
		return nil, fmt.Errorf("fetch %s: %w", req.URL, ErrScheme)
	}
	h := f.host(u)
	select {
	case h.slot <- struct{}{}:
	case <-ctx.Done():
		return nil, fmt.Errorf("fetch %s: %w", req.URL, ctx.Err())
	}
	defer func() { <-h.slot }()

	if err := f.robots(ctx, u, h); err != nil {
		return nil, fmt.Errorf("fetch %s: %w", req.URL, err)
	}
	if !h.robots.TestAgent(pathOf(u), agentToken) {
		f.observe(Event{URL: req.URL, Err: ErrRobots})
		if h.robotsStatus >= 500 {
			// robots.txt is down, not refusing: try again later
			// (Temporary sees the 5xx)
			return nil, fmt.Errorf("fetch %s: %w (robots.txt answered %w)", req.URL, ErrRobots, &StatusError{Code: h.robotsStatus})
		}
		return nil, fmt.Errorf("fetch %s: %w", req.URL, ErrRobots)
	}
	if err := f.wait(ctx, h); err != nil {
		return nil, fmt.Errorf("fetch %s: %w", req.URL, err)
	}
	resp, err := f.do(ctx, req, h)
	if err != nil {
		return nil, fmt.Errorf("fetch %s: %w", req.URL, err)
	}
	return resp, nil
}

// checkAddress refuses connections to loopback, private, link-local and
// unspecified addresses unless AllowPrivate (a net.Dialer's Control: the
// address is the one resolved). The environment's proxies are allowed.
func (f *Fetcher) checkAddress(network, address string, _ syscall.RawConn) error {
	if f.opts.AllowPrivate {
		return nil
	}
	ap, err := netip.ParseAddrPort(address)
	if err != nil {
		return fmt.Errorf("connect to %s: %w", address, err)
	}
	ip := ap.Addr().Unmap()
	if !(ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() || ip.IsLinkLocalMulticast() || ip.IsUnspecified() || ip.IsMulticast()) {
		return nil
	}
	if f.proxyAddrs[address] {
		return nil
	}
	return fmt.Errorf("connect to %s: %w", address, ErrPrivate)
}

// proxyAddresses are the addresses of the proxies the environment names
// (HTTP_PROXY, HTTPS_PROXY, upper or lower case), as host:port with each
// address the host resolves to.
func proxyAddresses() map[string]bool {
	out := map[string]bool{}
	for _, v := range []string{"HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"} {
		u, err := url.Parse(os.Getenv(v))
		if err != nil || u.Host == "" {
			continue
		}
		port := u.Port()
		if port == "" {
			port = "80"
			if u.Scheme == "https" {
				port = "443"
			}
		}
		ips, _ := net.LookupIP(u.Hostname())
		for _, ip := range ips {
			out[net.JoinHostPort(ip.String(), port)] = true
		}
	}
	return out
}

// HostKey names u's host as the Fetcher paces it: its scheme and host
// (with any port), lower case. Requests with one HostKey go one at a time.
func HostKey(u *url.URL) string { return u.Scheme + "://" + strings.ToLower(u.Host) }

// host returns the state of u's host, made on first use.
func (f *Fetcher) host(u *url.URL) *host {
	key := HostKey(u)
	f.mu.Lock()
	defer f.mu.Unlock()
	h, ok := f.hosts[key]
	if !ok {
		h = &host{slot: make(chan struct{}, 1), delay: f.opts.MinDelay}
		f.hosts[key] = h
	}
	return h
}

// wait sleeps until the host's next request may go, or fails with
// ErrBackoff when that is further than MaxWait.
func (f *Fetcher) wait(ctx context.Context, h *host) error {
	d := h.next.Sub(f.opts.Now())
	if d <= 0 {
		return nil
	}
	if d > f.opts.MaxWait {
		return fmt.Errorf("%w: %s more", ErrBackoff, d.Round(time.Second))
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// robots makes sure the host's robots.txt rules for us are known, asking
// for it (paced like any request) when they are not or are stale. An
// answer of 4xx allows everything; 5xx or no answer disallows everything
// for now (it is asked again at the next request), as the robots
// standard (RFC 9309) has it.
func (f *Fetcher) robots(ctx context.Context, u *url.URL, h *host) error {
	if h.robots != nil && f.opts.Now().Sub(h.robotsAge) < RobotsTTL {
		return nil
	}
	if f.opts.Robots != nil {
		// kept by an earlier process, or refreshed by another since this
		// one read it; a store that cannot answer costs a request, not
		// the fetch
		if r, err := f.opts.Robots.Robots(ctx, HostKey(u)); err == nil && !r.Fetched.IsZero() && r.Status < 500 {
			if age := f.opts.Now().Sub(r.Fetched); age >= 0 && age < RobotsTTL {
				f.setRobots(h, r.Status, r.Body, r.Fetched)
				return nil
			}
		}
	}
	if err := f.wait(ctx, h); err != nil {
		return err
	}
	ru := &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/robots.txt"}
	resp, err := f.do(ctx, Request{URL: ru.String(), Accept: "text/plain"}, h)
	status := 0
	var body []byte
	var se *StatusError
	switch {
	case err == nil:
		status, body = resp.Status, resp.Body
	case errors.As(err, &se):
		status = se.Code
	default:
		// unreachable: nothing is asked of the host until it answers
		return fmt.Errorf("robots.txt: %w", err)
	}
	if len(body) > quotewire.MaxRobotsBytes {
		body = body[:quotewire.MaxRobotsBytes]
	}
	now := f.opts.Now()
	f.setRobots(h, status, body, now)
	if status >= 500 {
		h.robotsAge = time.Time{} // ask again next time
	} else if f.opts.Robots != nil {
		// a cache: failing to keep it costs a request in a later process
		_ = f.opts.Robots.SaveRobots(ctx, quotewire.Robots{Host: HostKey(u), Status: status, Body: body, Fetched: now})
	}
	return nil
}

// setRobots makes a robots.txt answer (status and body, fetched at) the
// host's rules and its pause between requests.
func (f *Fetcher) setRobots(h *host, status int, body []byte, fetched time.Time) {
	data, err := robotstxt.FromStatusAndBytes(status, body)
	if err != nil {
		data, _ = robotstxt.FromStatusAndBytes(200, nil) // unparsable: as if empty
	}
	h.robots, h.robotsAge, h.robotsStatus = data, fetched, status
	h.delay = f.opts.MinDelay
	if g := data.FindGroup(agentToken); g.CrawlDelay > h.delay {
		h.delay = min(g.CrawlDelay, f.opts.MaxCrawlDelay)
	}
}

// movedPermanently reports whether res came through redirects that were
// all permanent (301 or 308), at least one.
func movedPermanently(res *http.Response) bool {
	hops := 0
	for r := res.Request.Response; r != nil; r = r.Request.Response {
		if r.StatusCode != http.StatusMovedPermanently && r.StatusCode != http.StatusPermanentRedirect {
			return false
		}
		hops++
	}
	return hops > 0
}

// pathOf is the path and query robots.txt rules are tested against.
func pathOf(u *url.URL) string {
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if u.RawQuery != "" {
		p += "?" + u.RawQuery
	}
	return p
}

// do sends one request (the caller holds the host's slot) and reads its
// answer, setting when the host may be asked next.
func (f *Fetcher) do(ctx context.Context, req Request, h *host) (resp *Response, err error) {
	robots := strings.HasSuffix(req.URL, "/robots.txt")
	ev := Event{URL: req.URL, Robots: robots}
	defer func() {
		ev.Err = err
		f.observe(ev)
	}()
	if f.opts.Gate != nil {
		// the wait for the host's turn is not the request's: Total
		// starts once the turn is ours
		u, err := url.Parse(req.URL)
		if err != nil {
			return nil, err
		}
		gctx, cancel := context.WithTimeout(ctx, f.opts.MaxWait)
		release, err := f.opts.Gate.Acquire(gctx, HostKey(u), h.delay)
		cancel()
		if err != nil {
			if errors.Is(err, context.DeadlineExceeded) && ctx.Err() == nil {
				err = fmt.Errorf("%w: another worker holds the host for longer than %s", ErrBackoff, f.opts.MaxWait)
			}
			return nil, err
		}
		defer release()
	}
	ctx, cancel := context.WithTimeout(ctx, f.opts.Total)
	defer cancel()
	hr, err := http.NewRequestWithContext(ctx, http.MethodGet, req.URL, nil)
	if err != nil {
		return nil, err
	}
	hr.Header.Set("User-Agent", f.agent)
	hr.Header.Set("Accept-Encoding", "gzip, br")
	accept := req.Accept
	if accept == "" {
		accept = "*/*"
	}
	hr.Header.Set("Accept", accept)
	if req.ETag != "" {
		hr.Header.Set("If-None-Match", req.ETag)
	}
	if req.LastModified != "" {
		hr.Header.Set("If-Modified-Since", req.LastModified)
	}
	res, err := f.client.Do(hr)
	h.next = f.opts.Now().Add(h.delay)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) && ue.Err != nil {
			err = ue.Err // the URL is named by the caller
		}
		return nil, err
	}
	defer res.Body.Close()
	ev.Status = res.StatusCode
	if res.StatusCode == 429 || res.StatusCode >= 500 {
		se := &StatusError{Code: res.StatusCode, RetryAfter: retryAfter(res.Header.Get("Retry-After"), f.opts.Now())}
		h.failures++
		wait := se.RetryAfter
		if wait == 0 {
			wait = h.delay << min(h.failures, 10) // 2, 4, 8 … times the delay
		}
		h.next = f.opts.Now().Add(min(wait, 24*time.Hour))
		io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
		return nil, se
	}
	h.failures = 0
	out := &Response{URL: res.Request.URL.String(), Moved: movedPermanently(res), Status: res.StatusCode, ETag: res.Header.Get("ETag"),
		LastModified: res.Header.Get("Last-Modified"), ContentType: res.Header.Get("Content-Type")}
	if res.StatusCode == http.StatusNotModified {
		out.NotModified = true
		return out, nil
	}
	if res.StatusCode < 200 || res.StatusCode > 299 {
		io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
		return nil, &StatusError{Code: res.StatusCode}
	}
	if res.ContentLength > f.opts.MaxBytes && res.Header.Get("Content-Encoding") == "" {
		return nil, fmt.Errorf("%w: %d bytes announced, at most %d read", ErrTooLarge, res.ContentLength, f.opts.MaxBytes)
	}
	wire := &countReader{r: res.Body}
	body, err := decoded(wire, res.Header.Get("Content-Encoding"))
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(body, f.opts.MaxBytes+1))
	ev.Bytes = wire.n
	out.WireBytes = wire.n
	if err != nil {
		return nil, fmt.Errorf("read body: %w", err)
	}
	if int64(len(data)) > f.opts.MaxBytes {
		return nil, fmt.Errorf("%w: more than %d bytes", ErrTooLarge, f.opts.MaxBytes)
	}
	out.Body = data
	return out, nil
}

// checkRedirect follows at most MaxRedirects redirects, to http(s) URLs
// only, and not where robots.txt rules we already know disallow.
func (f *Fetcher) checkRedirect(req *http.Request, via []*http.Request) error {
	if len(via) > f.opts.MaxRedirects {
		return fmt.Errorf("%w (more than %d)", ErrRedirects, f.opts.MaxRedirects)
	}
	if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		return fmt.Errorf("redirect to %s: %w", req.URL, ErrScheme)
	}
	f.mu.Lock()
	h := f.hosts[HostKey(req.URL)]
	f.mu.Unlock()
	// another host's rules are read only when it is held by this
	// request; a host not met yet is checked at its first own request
	if h != nil && len(via) > 0 && sameHost(via[0].URL, req.URL) && h.robots != nil && !h.robots.TestAgent(pathOf(req.URL), agentToken) {
		return fmt.Errorf("redirect to %s: %w", req.URL, ErrRobots)
	}
	return nil
}

// sameHost reports whether a and b are on the same scheme and host.
func sameHost(a, b *url.URL) bool {
	return a.Scheme == b.Scheme && strings.EqualFold(a.Host, b.Host)
}

func (f *Fetcher) observe(ev Event) {
	if f.opts.Observe != nil {
		f.opts.Observe(ev)
	}
}

// decoded undoes the body's Content-Encoding: gzip, br, or none.
func decoded(r io.Reader, encoding string) (io.Reader, error) {
	switch strings.ToLower(strings.TrimSpace(encoding)) {
	case "", "identity":
		return r, nil
	case "gzip", "x-gzip":
		zr, err := gzip.NewReader(r)
		if err != nil {
			return nil, fmt.Errorf("gzip body: %w", err)
		}
		return zr, nil
	case "br":
		return brotli.NewReader(r), nil
	default:
		return nil, fmt.Errorf("unsupported Content-Encoding %q", encoding)
	}
}

// retryAfter reads a Retry-After header: seconds or an HTTP date (zero
// when absent or unreadable).
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil {
		if s < 0 {
			return 0
		}
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// countReader counts the bytes read through it.
type countReader struct {
	r io.Reader
	n int64
}

func (c *countReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// UTF8 returns body as UTF-8, decoded with the charset the Content-Type
// names when it names one other than UTF-8 (ISO-8859-1, windows-1251…)
// and body is not UTF-8 already; otherwise body as it is, for the page's
// own <meta> or XML declaration to be read by its parser (as
// textenc.ToUTF8, which the WARC reader shares).
func UTF8(body []byte, contentType string) []byte {
	return textenc.ToUTF8(body, contentType)
}
