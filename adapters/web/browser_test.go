package web_test

// The browser tests: the pages in a real headless Chromium, driven with
// chromedp. Each test starts one browser (one allocator); each user gets
// a browser context of their own (their own cookies), on a desktop
// viewport or on a 360-pixel-wide phone. The tests find Chromium in
// $CREDIT_CHROMIUM or on PATH and skip without it; axe-core, from the
// file $CREDIT_AXE_JS (.ci/run fetches it from the npm registry), checks
// every page they visit against WCAG 2 A and AA; screenshots of the key
// pages go to $CREDIT_ARTIFACTS (else a temporary directory) and are
// named in the log. See testdata/browser/README.md.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// Viewports.
const (
	desktopWidth, desktopHeight = 1280, 900
	phoneWidth, phoneHeight     = 360, 740
)

// stepTimeout bounds one step (a navigation, a click and the page it
// leads to, a script): the pages answer in milliseconds, so a step that
// takes this long is stuck.
const stepTimeout = 30 * time.Second

// findChromium is the browser to drive: $CREDIT_CHROMIUM, else chromium,
// chromium-browser or google-chrome on PATH; "" when none.
func findChromium() string {
	if p := os.Getenv("CREDIT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// headless is one headless browser for one test.
type headless struct {
	t         *testing.T
	ctx       context.Context // the browser's (its first, blank tab)
	artefacts string
	axeJS     string // axe-core's source; "" skips the checks

	mu    sync.Mutex
	shots int
}

// newChrome starts a headless Chromium for the test, or skips the test
// when none is installed. The browser stops with the test.
func newChrome(t *testing.T) *headless {
	t.Helper()
	path := findChromium()
	if path == "" {
		t.Skip("browser tests: no Chromium installed (install Debian's chromium, or set CREDIT_CHROMIUM)")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("lang", "vi-VN"),
		chromedp.WindowSize(desktopWidth, desktopHeight),
		chromedp.UserDataDir(t.TempDir()),
	)
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(alloc, chromedp.WithErrorf(func(f string, a ...any) {
		// The browser's own complaints (an event chromedp does not know)
		// are not the pages' failures: keep them in the log only.
		t.Logf("chromedp: "+f, a...)
	}))
	t.Cleanup(func() { cancel(); cancelAlloc() })
	start, cancelStart := context.WithTimeout(context.Background(), time.Minute)
	defer cancelStart()
	done := make(chan error, 1)
	go func() { done <- chromedp.Do(ctx) }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("browser tests: %s does not start: %v", path, err)
		}
	case <-start.Done():
		t.Fatalf("browser tests: %s did not start within a minute", path)
	}
	c := &headless{t: t, ctx: ctx}
	c.artefacts = os.Getenv("CREDIT_ARTIFACTS")
	if c.artefacts == "" {
		c.artefacts = t.TempDir()
	} else {
		c.artefacts = filepath.Join(c.artefacts, t.Name())
		if err := os.MkdirAll(c.artefacts, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	if f := os.Getenv("CREDIT_AXE_JS"); f != "" {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatalf("CREDIT_AXE_JS: %v", err)
		}
		c.axeJS = string(b)
	} else {
		t.Log("axe checks skip: CREDIT_AXE_JS is not set (the path of axe-core's axe.min.js; .ci/run fetches it with npm)")
	}
	return c
}

// browserTab is one user's browser: a browser context of its own (cookies
// apart), on a desktop or a phone viewport, signed in to one site.
type browserTab struct {
	t     *testing.T
	c     *headless
	ctx   context.Context
	site  *site
	who   string // in the names of the screenshots and the log
	phone bool
	// secret are the names and ID numbers that must not be in a title, a
	// heading or a URL: checked on every page the tab lands on.
	secret []string
	// visited are the pages the tab landed on (path and query).
	visited []string
}

// viewportName is a viewport's name.
func viewportName(phone bool) string {
	if phone {
		return "phone"
	}
	return "desktop"
}

// tab opens a new browser context for a user of the site.
func (c *headless) tab(t *testing.T, s *site, who string, phone bool) *browserTab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(c.ctx, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	b := &browserTab{t: t, c: c, ctx: ctx, site: s, who: who, phone: phone}
	// The first run opens the tab and ties it to the context it is given:
	// this one, without a step's deadline.
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("a tab for %s: %v", who, err)
	}
	size := chromedp.EmulateViewport(desktopWidth, desktopHeight)
	if phone {
		size = chromedp.EmulateViewport(phoneWidth, phoneHeight, chromedp.EmulateMobile, chromedp.EmulateTouch,
			chromedp.EmulatePortrait)
	}
	// A browser in Vietnam: Vietnamese dates in the date fields, the
	// time of Hà Nội.
	vietnam := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		if _, err := cdp.Call(ctx, t, emulation.SetLocaleOverride, emulation.SetLocaleOverrideParams{Locale: "vi_VN"}); err != nil {
			return err
		}
		_, err := cdp.Call(ctx, t, emulation.SetTimezoneOverride, emulation.SetTimezoneOverrideParams{TimezoneID: "Asia/Ho_Chi_Minh"})
		return err
	})
	b.do("the viewport", size, vietnam)
	// app.js asks before some buttons act (data-confirm): say yes, as a
	// person who meant to press it would.
	dialogs := chromedp.Events(ctx, page.JavascriptDialogOpening)
	go func() {
		for _, err := range dialogs {
			if err != nil {
				return
			}
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: true})
		}
	}()
	return b
}

// step is a context for one step of the tab.
func (b *browserTab) step() (context.Context, context.CancelFunc) {
	return context.WithTimeout(b.ctx, stepTimeout)
}

// do runs actions, failing the test on an error.
func (b *browserTab) do(what string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		b.t.Fatalf("%s (%s, %s): %v", what, b.who, viewportName(b.phone), err)
	}
}

// evalIn evaluates a script in the page and decodes its result into T.
func evalIn[T any](b *browserTab, script string) T {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](script, chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("script %.80q (%s): %v", script, b.who, err)
	}
	return v
}

// open navigates to a path of the site and returns the status of the
// page it lands on.
func (b *browserTab) open(path string) int {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	res, err := chromedp.Run(ctx, chromedp.NavigateResponse(b.site.URL+path))
	if err != nil {
		b.t.Fatalf("open %s (%s): %v", path, b.who, err)
	}
	return b.landed(res)
}

// openOK opens a page that must answer 200.
func (b *browserTab) openOK(path string) {
	b.t.Helper()
	if st := b.open(path); st != 200 {
		b.t.Fatalf("open %s (%s): status %d, on %s\n%s", path, b.who, st, b.path(), b.mainText())
	}
}

// navigate runs the actions, which lead to a page (a click on a link or
// a button, a key that sends a form), and returns the status of the page
// it lands on (after the redirects of a POST).
func (b *browserTab) navigate(what string, actions ...chromedp.Action[chromedp.Void]) int {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	res, err := chromedp.RunResponse(ctx, actions...)
	if err != nil {
		b.t.Fatalf("%s (%s, %s, on %s): %v", what, b.who, viewportName(b.phone), b.path(), err)
	}
	return b.landed(res)
}

// landed checks the page the tab landed on: nothing secret in its title,
// its heading or its address; on a phone, nothing wider than the screen.
func (b *browserTab) landed(res *network.Response) int {
	b.t.Helper()
	type where struct {
		Href, Title, H1 string
		Width           int
		Wide            []string
	}
	// wide: the outermost elements that reach past the screen's edge.
	w := evalIn[where](b, `(() => {
		const vw = document.documentElement.clientWidth, wide = [];
		const name = e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") +
			(e.className && typeof e.className === "string" ? "." + e.className.trim().split(/\s+/).join(".") : "");
		for (const e of document.body.querySelectorAll("*")) {
			const r = e.getBoundingClientRect();
			if (r.right > vw + 1 && !(e.parentElement && e.parentElement.getBoundingClientRect().right > vw + 1)) {
				wide.push(name(e) + " in " + name(e.parentElement) + " (" + Math.round(r.right) + " px)");
			}
		}
		return {href: location.href, title: document.title, h1: (document.querySelector("h1") || {}).textContent || "",
			width: document.documentElement.scrollWidth, wide: wide.slice(0, 5)};
	})()`)
	u, err := url.Parse(w.Href)
	if err != nil {
		b.t.Fatalf("location %q: %v", w.Href, err)
	}
	b.visited = append(b.visited, u.RequestURI())
	decoded, _ := url.QueryUnescape(u.RequestURI())
	for _, s := range b.secret {
		for place, text := range map[string]string{"the title": w.Title, "the heading": w.H1,
			"the address": w.Href, "the decoded address": decoded} {
			if strings.Contains(strings.ToLower(text), strings.ToLower(s)) {
				b.t.Errorf("%q in %s of %s (%s): %q", s, place, u.Path, b.who, text)
			}
		}
	}
	if b.phone && w.Width > phoneWidth {
		b.t.Errorf("%s is %d px wide on a %d px phone (%s): it scrolls sideways; too wide: %s", u.Path, w.Width, phoneWidth,
			b.who, strings.Join(w.Wide, ", "))
	}
	if res == nil {
		return 0
	}
	return int(res.Status)
}

// path is the path and query the tab is on.
func (b *browserTab) path() string {
	href := evalIn[string](b, `location.href`)
	u, err := url.Parse(href)
	if err != nil {
		return href
	}
	return u.RequestURI()
}

// byID is the CSS selector of an element's id.
func byID(id string) chromedp.CSS { return chromedp.CSS("#" + cssEscape(id)) }

// byName is the CSS selector of a form control's name.
func byName(name string) chromedp.CSS { return chromedp.CSS(`[name="` + name + `"]`) }

var cssIDSpecial = regexp.MustCompile(`[^a-zA-Z0-9_-]`)

func cssEscape(s string) string {
	return cssIDSpecial.ReplaceAllStringFunc(s, func(c string) string { return `\` + c })
}

// press is a click on a desktop, a tap on a phone.
func (b *browserTab) press(s chromedp.CSS) chromedp.Action[chromedp.Void] {
	if b.phone {
		return chromedp.Tap(s)
	}
	return chromedp.Click(s)
}

// click clicks (taps) the element of the id — a button that sends its
// form, a link — and returns the status of the page it leads to.
func (b *browserTab) click(id string) int {
	b.t.Helper()
	b.must(byID(id), "#"+id)
	return b.navigate("click #"+id, b.press(byID(id)))
}

// clickOK clicks and wants a 200 page.
func (b *browserTab) clickOK(id string) {
	b.t.Helper()
	if st := b.click(id); st != 200 {
		b.t.Fatalf("click #%s (%s): status %d, on %s\n%s", id, b.who, st, b.path(), b.mainText())
	}
}

// has reports whether the page has an element of the selector.
func (b *browserTab) has(s chromedp.CSS) bool {
	b.t.Helper()
	return evalIn[bool](b, fmt.Sprintf(`document.querySelector(%q) !== null`, string(s)))
}

// must fails the test when the page lacks the element.
func (b *browserTab) must(s chromedp.CSS, what string) {
	b.t.Helper()
	if !b.has(s) {
		b.t.Fatalf("%s (%s): no %s on %s\n%s", b.who, viewportName(b.phone), what, b.path(), b.mainText())
	}
}

// text is the visible text of the first element of the selector ("" when
// none).
func (b *browserTab) text(s chromedp.CSS) string {
	b.t.Helper()
	return evalIn[string](b, fmt.Sprintf(`(e => e ? e.innerText : "")(document.querySelector(%q))`, string(s)))
}

// mainText is the text of the page's main part, for failure messages.
func (b *browserTab) mainText() string {
	t := evalIn[string](b, `(document.querySelector("main") || document.body || {innerText: ""}).innerText`)
	if len(t) > 2000 {
		t = t[:2000] + "…"
	}
	return t
}

// fill sets a form control by its name: a text field is cleared and typed
// into (as a person types), a select or a date field set to the value.
func (b *browserTab) fill(name, value string) {
	b.t.Helper()
	s := byName(name)
	b.must(s, fmt.Sprintf("field %q", name))
	kind := evalIn[string](b, fmt.Sprintf(`(e => e.tagName === "SELECT" ? "select" : (e.type || "text"))(document.querySelector(%q))`, string(s)))
	switch kind {
	case "select", "date", "month", "number", "hidden", "radio", "checkbox":
		ok := evalIn[bool](b, fmt.Sprintf(`(e => {
			e.value = %q;
			e.dispatchEvent(new Event("input", {bubbles: true}));
			e.dispatchEvent(new Event("change", {bubbles: true}));
			return e.value === %q;
		})(document.querySelector(%q))`, value, value, string(s)))
		if !ok {
			b.t.Fatalf("field %q (%s) does not take %q", name, kind, value)
		}
	default:
		evalIn[chromedp.Void](b, fmt.Sprintf(`document.querySelector(%q).value = ""`, string(s)))
		b.do("fill "+name, chromedp.SendKeys(s, value))
		if got := b.value(name); got != value {
			b.t.Fatalf("typed %q into %q, which holds %q", value, name, got)
		}
	}
}

// value is a form control's value.
func (b *browserTab) value(name string) string {
	b.t.Helper()
	return evalIn[string](b, fmt.Sprintf(`(e => e ? e.value : "")(document.querySelector(%q))`, string(byName(name))))
}

// signIn signs in through the sign-in page, as a person does: the login,
// the password, the button. It lands on the home page.
func (b *browserTab) signIn(login, password string) {
	b.t.Helper()
	b.openOK("/signin")
	b.fill("login", login)
	b.fill("password", password)
	if st := b.navigate("sign in", b.press(`form[action="/signin"] button[type="submit"]`)); st != 200 || b.path() != "/" {
		b.t.Fatalf("sign-in of %s: status %d on %s\n%s", login, st, b.path(), b.mainText())
	}
}

// signOut presses the header's sign-out button.
func (b *browserTab) signOut() {
	b.t.Helper()
	if st := b.navigate("sign out", b.press(`form[action="/signout"] button[type="submit"]`)); st != 200 ||
		!strings.HasPrefix(b.path(), "/signin") {
		b.t.Fatalf("sign-out (%s): status %d on %s", b.who, st, b.path())
	}
}

// shot saves a screenshot of the whole page (PNG) as an artefact.
func (b *browserTab) shot(name string) {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	png, err := chromedp.Run(ctx, fullPage())
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", name, err)
	}
	b.c.mu.Lock()
	b.c.shots++
	n := b.c.shots
	b.c.mu.Unlock()
	file := filepath.Join(b.c.artefacts, fmt.Sprintf("%02d-%s-%s-%s.png", n, viewportName(b.phone), b.who, name))
	if err := os.WriteFile(file, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot %s", file)
	if dir := os.Getenv("CREDIT_README_SHOTS"); dir != "" && !b.phone && readmeShots[b.who+"-"+name] {
		jpg, err := chromedp.Run(ctx, topOfPage())
		if err != nil {
			b.t.Fatalf("screenshot %s for the README: %v", name, err)
		}
		if err := os.WriteFile(filepath.Join(dir, b.who+"-"+name+".jpg"), jpg, 0o644); err != nil {
			b.t.Fatal(err)
		}
	}
}

// readmeShots are the pages whose top the README shows (docs/img/),
// written as JPEG into $CREDIT_README_SHOTS when it is set:
// CREDIT_README_SHOTS=docs/img go test -run TestBrowserMonthlyRound/desktop ./adapters/web/
var readmeShots = map[string]bool{
	"police-problem-at-field": true,
	"vbsp-screening-sheet":    true,
	"province-monthly-round":  true,
}

// topOfPage is a JPEG of the top of the page, at most 1,100 pixels high.
func topOfPage() chromedp.Action[[]byte] {
	return func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		m, err := cdp.Call(ctx, t, page.GetLayoutMetrics, cdp.Empty{})
		if err != nil {
			return nil, err
		}
		if m.CSSContentSize == nil {
			return nil, errors.New("no layout metrics")
		}
		r, err := cdp.Call(ctx, t, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format:                page.CaptureScreenshotFormatJpeg,
			Quality:               new(int64(70)),
			CaptureBeyondViewport: new(true),
			FromSurface:           new(true),
			Clip: &page.Viewport{Width: m.CSSContentSize.Width, Height: min(m.CSSContentSize.Height, 1100),
				Scale: 1},
		})
		if err != nil {
			return nil, err
		}
		return r.Data, nil
	}
}

// fullPage is a PNG of the whole page, beyond the viewport.
func fullPage() chromedp.Action[[]byte] {
	return func(ctx context.Context, t *chromedp.Target) ([]byte, error) {
		m, err := cdp.Call(ctx, t, page.GetLayoutMetrics, cdp.Empty{})
		if err != nil {
			return nil, err
		}
		if m.CSSContentSize == nil {
			return nil, errors.New("no layout metrics")
		}
		r, err := cdp.Call(ctx, t, page.CaptureScreenshot, page.CaptureScreenshotParams{
			Format:                page.CaptureScreenshotFormatPng,
			CaptureBeyondViewport: new(true),
			FromSurface:           new(true),
			Clip: &page.Viewport{Width: m.CSSContentSize.Width, Height: min(m.CSSContentSize.Height, 16000),
				Scale: 1},
		})
		if err != nil {
			return nil, err
		}
		return r.Data, nil
	}
}

// violation is one of axe-core's findings.
type violation struct {
	ID, Impact, Help string
	Nodes            []string
}

// axe runs axe-core on the page (WCAG 2 A and AA) and fails the test on
// any violation, listing them. It skips (logged once by newChrome) when
// $CREDIT_AXE_JS is not set.
func (b *browserTab) axe(what string) {
	b.t.Helper()
	if b.c.axeJS == "" {
		return
	}
	ctx, cancel := b.step()
	defer cancel()
	// Injected as the DevTools inject a script: the pages' CSP forbids
	// any script of another origin, and rightly so.
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](b.c.axeJS)); err != nil {
		b.t.Fatalf("axe-core does not load on %s: %v", what, err)
	}
	vs, err := chromedp.Run(ctx, chromedp.Evaluate[[]violation](`axe.run(document, {
			runOnly: {type: "tag", values: ["wcag2a", "wcag2aa"]}, resultTypes: ["violations"]
		}).then(r => r.violations.map(v => ({id: v.id, impact: v.impact || "", help: v.help,
			nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " — " + (n.failureSummary || "").split("\n").slice(1, 2).join(""))})))`,
		chromedp.EvalAwaitPromise))
	if err != nil {
		b.t.Fatalf("axe-core on %s: %v", what, err)
	}
	for _, v := range vs {
		j, _ := json.Marshal(v.Nodes)
		b.t.Errorf("axe (%s, %s) %s: %s [%s]: %s %s", viewportName(b.phone), b.who, what, v.ID, v.Impact, v.Help, j)
	}
}

// maxPageBytes bounds a page's HTML, for slow rural links; its CSS and
// script are shared and cached (/static).
const maxPageBytes = 100 << 10

// check is the usual look at a key page: its weight, axe-core and a
// screenshot.
func (b *browserTab) check(name string) {
	b.t.Helper()
	if n := evalIn[int](b, `document.documentElement.outerHTML.length`); n > maxPageBytes {
		b.t.Errorf("%s (%s): %d characters of HTML, more than %d", name, b.path(), n, maxPageBytes)
	}
	b.axe(name + " (" + b.path() + ")")
	b.shot(name)
}

// cookie is the tab's session cookie (HttpOnly: read through DevTools).
func (b *browserTab) cookie() *network.Cookie {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	res, err := chromedp.Call(ctx, network.GetCookies, network.GetCookiesParams{URLs: []string{b.site.URL + "/"}})
	if err != nil {
		b.t.Fatal(err)
	}
	for _, c := range res.Cookies {
		if c.Name == "credit_session" {
			return c
		}
	}
	return nil
}

// setCookie puts a cookie back into the tab's browser context, as a
// person who kept it would.
func (b *browserTab) setCookie(c *network.Cookie) {
	b.t.Helper()
	ctx, cancel := b.step()
	defer cancel()
	if _, err := chromedp.Call(ctx, network.SetCookie, network.SetCookieParams{Name: c.Name, Value: c.Value,
		URL: b.site.URL + "/", Path: "/", HTTPOnly: new(true), SameSite: network.CookieSameSiteLax}); err != nil {
		b.t.Fatal(err)
	}
}

// viewports are the two viewports every browser test runs on.
var viewports = []bool{false, true}
