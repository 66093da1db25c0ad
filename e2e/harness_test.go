package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"github.com/sangbad/sangbad/facts"
	"github.com/sangbad/sangbad/lang"
	"github.com/sangbad/sangbad/summarize"
	"github.com/sangbad/sangbad/web"
)

// screenshotDir is where the tests save their screenshots (gitignored).
const screenshotDir = "../testresults/screenshots"

// Viewports of the screenshots.
var (
	desktop = viewport{name: "desktop", width: 1366, height: 900}
	phone   = viewport{name: "phone", width: 390, height: 844}
)

type viewport struct {
	name          string
	width, height int64
}

// core is the real analysis core, shared by the servers of one test.
type core struct {
	det *lang.Detector
	ext *facts.Extractor
}

func newCore(t *testing.T) core {
	t.Helper()
	det, err := lang.New(lang.Options{})
	if err != nil {
		t.Fatalf("lang.New: %v", err)
	}
	return core{det: det, ext: facts.New()}
}

// startServer serves web.NewServer with the given pipeline on 127.0.0.1
// and returns its base URL.
func startServer(t *testing.T, p *summarize.Pipeline, cfg web.Config) string {
	t.Helper()
	return startHandler(t, web.NewServer(web.Deps{Analyzer: p, Streamer: p, Version: "e2e"}, cfg))
}

// startHandler serves h on a free port of 127.0.0.1 until the test ends
// and returns its base URL.
func startHandler(t *testing.T, h http.Handler) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = srv.Serve(ln) }()
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(ctx)
	})
	return "http://" + ln.Addr().String()
}

// forward passes r on to the server at base (a minimal reverse proxy for
// the page's own files).
func forward(w http.ResponseWriter, r *http.Request, base string) {
	req, err := http.NewRequestWithContext(r.Context(), r.Method, base+r.URL.RequestURI(), r.Body)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	req.Header = r.Header.Clone()
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		http.Error(w, err.Error(), http.StatusBadGateway)
		return
	}
	defer res.Body.Close()
	for k, v := range res.Header {
		w.Header()[k] = v
	}
	w.WriteHeader(res.StatusCode)
	_, _ = io.Copy(w, res.Body)
}

// chromiumPath finds Debian's Chromium; the test skips without it.
func chromiumPath(t *testing.T) string {
	t.Helper()
	for _, p := range []string{os.Getenv("SANGBAD_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	t.Skip("chromium is not installed (scripts/test.sh installs Debian's chromium package)")
	return ""
}

// newBrowser starts a headless Chromium for the test and returns its
// context; each tab made from it with newTab shares the browser.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	exe := chromiumPath(t)
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("force-color-profile", "srgb"),
		chromedp.Flag("lang", "en-US"),
		chromedp.WindowSize(int(desktop.width), int(desktop.height)),
	}
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(allocCtx)
	// The first action starts the browser; it lives until cleanup.
	if err := chromedp.Do(ctx); err != nil {
		cancel()
		cancelAlloc()
		t.Fatalf("start chromium: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		cancelAlloc()
	})
	return ctx
}

// page is one browser tab on the page under test.
type page struct {
	t   *testing.T
	ctx context.Context
}

// openPage opens a new tab of browser at url with the viewport vp, and
// waits for the page's script to be ready. Every action of the tab is
// bounded by a deadline.
func openPage(t *testing.T, browser context.Context, url string, vp viewport) *page {
	t.Helper()
	tab, cancelTab := chromedp.NewContext(browser)
	if err := chromedp.Do(tab); err != nil { // open the tab without a deadline
		cancelTab()
		t.Fatalf("open tab: %v", err)
	}
	ctx, cancel := context.WithTimeout(tab, 90*time.Second)
	// Uncaught exceptions, console errors and browser complaints other than
	// failed requests (a 4xx answer is expected in some tests), such as a
	// Content-Security-Policy violation, fail the test.
	var mu sync.Mutex
	var problems []string
	done := make(chan struct{})
	messages := chromedp.Console(ctx)
	go func() {
		defer close(done)
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.Type != chromedp.ConsoleException && m.Type != chromedp.ConsoleError {
				continue
			}
			if m.Source == "network" {
				continue
			}
			mu.Lock()
			problems = append(problems, fmt.Sprintf("%s: %s (%s:%d)", m.Type, m.Text, m.URL, m.Line+1))
			mu.Unlock()
		}
	}()
	t.Cleanup(func() {
		cancel()
		cancelTab()
		<-done
		mu.Lock()
		defer mu.Unlock()
		for _, pr := range problems {
			t.Errorf("browser console: %s", pr)
		}
	})
	p := &page{t: t, ctx: ctx}
	p.do(chromedp.EmulateViewport(vp.width, vp.height),
		reducedMotion(),
		chromedp.Navigate(url),
		chromedp.WaitVisible(chromedp.CSS("#text")),
	)
	p.wait(`document.documentElement.classList.contains('ready')`)
	return p
}

func (p *page) do(actions ...chromedp.Action[chromedp.Void]) {
	p.t.Helper()
	if err := chromedp.Do(p.ctx, actions...); err != nil {
		p.t.Fatalf("browser: %v", err)
	}
}

// wait polls a JavaScript predicate until it is truthy.
func (p *page) wait(predicate string) {
	p.t.Helper()
	if _, err := chromedp.Run(p.ctx, chromedp.Poll[chromedp.Void](predicate, chromedp.WithPollingTimeout(60*time.Second))); err != nil {
		state, _ := chromedp.Run(p.ctx, chromedp.Evaluate[string](`(document.getElementById('status')||{}).textContent + ' | ' + (document.getElementById('error')||{}).textContent`))
		p.t.Fatalf("waiting for %s: %v (status/error: %q)", predicate, err, state)
	}
}

// eval evaluates a JavaScript expression and decodes its JSON value into v.
func (p *page) eval(expr string, v any) {
	p.t.Helper()
	raw, err := chromedp.Run(p.ctx, chromedp.Evaluate[[]byte](expr))
	if err != nil {
		p.t.Fatalf("evaluate %s: %v", expr, err)
	}
	if err := json.Unmarshal(raw, v); err != nil {
		p.t.Fatalf("decode result of %s: %v (%s)", expr, err, raw)
	}
}

// fill sets the article text and the form's options the way a person
// would leave them (the input event updates the character count).
func (p *page) fill(text, published string) {
	p.t.Helper()
	js, err := json.Marshal(text)
	if err != nil {
		p.t.Fatal(err)
	}
	p.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`(() => {
		const t = document.getElementById('text');
		t.value = %s;
		t.dispatchEvent(new Event('input', {bubbles: true}));
	})()`, js)))
	if published != "" {
		p.do(chromedp.SetValue(chromedp.CSS("#published"), published))
	}
}

// submitWithKeyboard presses Ctrl+Enter in the text area, as a person would.
func (p *page) submitWithKeyboard() {
	p.t.Helper()
	p.do(chromedp.Focus(chromedp.CSS("#text")),
		chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)))
}

// waitDone waits until the run finished (the Analyse button is enabled
// again and no request is in flight).
func (p *page) waitDone() {
	p.t.Helper()
	p.wait(`!document.getElementById('submit').disabled && document.getElementById('cancel').hidden && !document.getElementById('form').hasAttribute('aria-busy')`)
}

// screenshot saves a full-page PNG of the tab at vp to the screenshot
// folder as NAME-VIEWPORT.png.
func (p *page) screenshot(name string, vp viewport) {
	p.t.Helper()
	p.do(chromedp.EmulateViewport(vp.width, vp.height))
	p.wait(`document.fonts.status === 'loaded'`)
	p.do(chromedp.Sleep(200 * time.Millisecond)) // let the layout settle
	png, err := chromedp.Run(p.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		p.t.Fatalf("screenshot: %v", err)
	}
	if err := os.MkdirAll(screenshotDir, 0o755); err != nil {
		p.t.Fatalf("screenshot folder: %v", err)
	}
	file := filepath.Join(screenshotDir, name+"-"+vp.name+".png")
	if err := os.WriteFile(file, png, 0o644); err != nil {
		p.t.Fatalf("save screenshot: %v", err)
	}
	p.t.Logf("screenshot %s", file)
}

// readSeed returns the seed article of the fixtures.
func readSeed(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile("testdata/seed_article_bn.txt")
	if err != nil {
		t.Fatalf("read seed article: %v", err)
	}
	return strings.TrimRight(string(b), "\n")
}

// overlaps lists pairs of visible elements among sel that overlap each
// other on screen (siblings of one layout must not).
func (p *page) overlaps(sel string) []string {
	p.t.Helper()
	js, _ := json.Marshal(sel)
	var out []string
	p.eval(fmt.Sprintf(`(() => {
		const els = [...document.querySelectorAll(%s)].filter(e => e.offsetParent !== null);
		const out = [];
		for (let i = 0; i < els.length; i++) for (let j = i + 1; j < els.length; j++) {
			const a = els[i].getBoundingClientRect(), b = els[j].getBoundingClientRect();
			if (a.width === 0 || b.width === 0) continue;
			if (els[i].contains(els[j]) || els[j].contains(els[i])) continue;
			const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
			const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
			if (x > 1 && y > 1) out.push((els[i].id || els[i].className) + ' / ' + (els[j].id || els[j].className));
		}
		return out;
	})()`, js), &out)
	return out
}

// horizontalOverflow reports whether the page is wider than the window
// (something sticks out at phone width).
func (p *page) horizontalOverflow() int {
	p.t.Helper()
	var n int
	p.eval(`document.documentElement.scrollWidth - document.documentElement.clientWidth`, &n)
	return n
}

// click clicks the first visible element matching a CSS selector.
func click(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible)
}

// click clicks the first element matching a CSS selector with the mouse,
// once it stands still: the page scrolls smoothly (results into view, a
// highlighted span to the middle), and a click aimed while it moves lands
// on another element.
func (p *page) click(sel string) {
	p.t.Helper()
	p.waitStill(sel)
	p.do(click(sel))
}

// waitStill waits until the element matching sel is in the same place, and
// the page and its scroll boxes at the same scroll offsets, in two
// successive animation frames.
func (p *page) waitStill(sel string) {
	p.t.Helper()
	p.wait(fmt.Sprintf(`(() => {
		const e = document.querySelector(%q);
		if (!e || document.fonts.status !== 'loaded') return false;
		const r = e.getBoundingClientRect();
		const boxes = [...document.querySelectorAll('.scroll-y')].map(b => b.scrollTop);
		const k = JSON.stringify([r.x, r.y, r.width, r.height, scrollX, scrollY, boxes]);
		const still = window.__stillKey === k;
		window.__stillKey = k;
		return still;
	})()`, sel))
}

// waitFor polls a JavaScript predicate for up to d and reports whether it
// became truthy.
func (p *page) waitFor(predicate string, d time.Duration) bool {
	p.t.Helper()
	_, err := chromedp.Run(p.ctx, chromedp.Poll[chromedp.Void](predicate, chromedp.WithPollingTimeout(d)))
	return err == nil
}

// focus focuses the first element matching a CSS selector.
func focus(sel string) chromedp.Action[chromedp.Void] {
	return chromedp.Focus(chromedp.CSS(sel))
}

// key presses keys in the focused element.
func key(keys string) chromedp.Action[chromedp.Void] { return chromedp.KeyEvent(keys) }

// setValue sets the value of a form field.
func setValue(sel, value string) chromedp.Action[chromedp.Void] {
	return chromedp.SetValue(chromedp.CSS(sel), value)
}

// evalVoid runs JavaScript for its effect.
func evalVoid(js string) chromedp.Action[chromedp.Void] { return chromedp.Evaluate[chromedp.Void](js) }

// resize sets the tab's viewport.
func (p *page) resize(vp viewport) {
	p.t.Helper()
	p.do(chromedp.EmulateViewport(vp.width, vp.height))
}

// reducedMotion asks the page for no animations (prefers-reduced-motion):
// scrolling is instant, so positions can be checked right after a click.
func reducedMotion() chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-reduced-motion", Value: "reduce"}},
		})
		return err
	})
}
