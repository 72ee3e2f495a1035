package web_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"github.com/vnreentry/credit/access"
)

// Signing in and out in a real browser, on a desktop and on a phone: the
// pages pass axe-core, work by keyboard, say what went wrong, speak
// English on the switch, and forget the session at sign-out.
func TestBrowserSignIn(t *testing.T) {
	c := newChrome(t)
	for _, phone := range viewports {
		t.Run(viewportName(phone), func(t *testing.T) {
			s := newSite(t)
			login, pw := s.user(access.CommunePolice, []string{"03424"}, "")
			b := c.tab(t, s, "police", phone)

			// The sign-in page, in Vietnamese, passes axe.
			b.openOK("/signin")
			if lang := evalIn[string](b, `document.documentElement.lang`); lang != "vi" {
				t.Errorf("sign-in page lang %q", lang)
			}
			b.check("signin")

			// A wrong password: the page says so, in an alert, and keeps
			// the login typed.
			b.fill("login", login)
			b.fill("password", "không phải mật khẩu")
			if st := b.navigate("a wrong password", b.press(`form[action="/signin"] button[type="submit"]`)); st != http.StatusUnauthorized {
				t.Errorf("a wrong password: status %d", st)
			}
			if msg := b.text(`[role="alert"]`); !strings.Contains(msg, "không đúng") {
				t.Errorf("a wrong password: the alert says %q", msg)
			}
			if got := b.value("login"); got != login {
				t.Errorf("the login after a failure: %q", got)
			}
			b.check("signin-failed")

			// By keyboard only: Tab from the top of the page reaches the
			// login field (the skip link first), Tab to the password,
			// Enter signs in.
			b.openOK("/signin")
			var order []string
			for range 12 {
				b.do("Tab", chromedp.KeyEvent(kb.Tab))
				id := evalIn[string](b, `document.activeElement.id || document.activeElement.className || document.activeElement.tagName`)
				order = append(order, id)
				if id == "login" {
					break
				}
			}
			if order[0] != "skip" {
				t.Errorf("the first Tab goes to %q, not the skip link", order[0])
			}
			if order[len(order)-1] != "login" {
				t.Fatalf("Tab never reaches the login field: %v", order)
			}
			b.do("type the login", chromedp.KeyEvent(login), chromedp.KeyEvent(kb.Tab))
			if id := evalIn[string](b, `document.activeElement.id`); id != "password" {
				t.Fatalf("Tab after the login goes to %q", id)
			}
			if st := b.navigate("type the password and Enter", chromedp.KeyEvent(pw), chromedp.KeyEvent(kb.Enter)); st != http.StatusOK || b.path() != "/" {
				t.Fatalf("Enter in the password field: status %d on %s\n%s", st, b.path(), b.mainText())
			}
			if role := b.text(".who"); role != "Công an xã" {
				t.Errorf("home names the role %q", role)
			}
			b.check("home")

			// The English switch, and back.
			if st := b.navigate("the English switch", b.press(`a[href^="/lang?to=en"]`)); st != http.StatusOK {
				t.Fatalf("the English switch: %d", st)
			}
			if lang, h1 := evalIn[string](b, `document.documentElement.lang`), b.text("h1"); lang != "en" || h1 != "Home" || b.path() != "/" {
				t.Errorf("English: lang %q, h1 %q, on %s", lang, h1, b.path())
			}
			if role := b.text(".who"); role != "Commune police" {
				t.Errorf("the English home names the role %q", role)
			}
			b.check("home-en")
			b.navigate("back to Vietnamese", b.press(`a[href^="/lang?to=vi"]`))
			if h1 := b.text("h1"); h1 != "Trang chính" {
				t.Errorf("back in Vietnamese: h1 %q", h1)
			}

			// Sign-out: the header's button; then neither the back button
			// nor a reload shows a signed-in page again.
			b.signOut()
			if notice := b.text(`[role="status"]`); !strings.Contains(notice, "Đã đăng xuất") {
				t.Errorf("after sign-out the page says %q", notice)
			}
			b.check("signed-out")
			b.do("the back button", chromedp.NavigateBack())
			b.landed(nil)
			if p := b.path(); !strings.HasPrefix(p, "/signin") || b.has(".who") {
				t.Errorf("the back button after sign-out shows %s\n%s", p, b.mainText())
			}
			b.do("reload", chromedp.Reload())
			b.landed(nil)
			if p := b.path(); !strings.HasPrefix(p, "/signin") || b.has(".who") {
				t.Errorf("a reload after sign-out shows %s\n%s", p, b.mainText())
			}
		})
	}
}

// The safety of the pages, seen from a browser: another site's form is
// refused, a cookie kept after sign-out opens nothing, and another
// commune's list is a 404. (That no title or address names a person is
// checked on every page the monthly round visits.)
func TestBrowserSecurity(t *testing.T) {
	c := newChrome(t)
	s := newSite(t)
	login, pw := s.user(access.CommunePolice, []string{"03424"}, "")
	b := c.tab(t, s, "police", false)
	b.signIn(login, pw)

	// Another origin (another port of the same host: its requests carry
	// the Lax cookie, so only the cross-origin check stands between) with
	// a form to the site's sign-out, sent with a click.
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprintf(w, `<!doctype html><html lang="en"><head><title>A prize for you</title></head><body>
<form method="post" action="%s/signout"><input type="hidden" name="x" value="1">
<button type="submit" id="go">Claim</button></form></body></html>`, s.URL)
	}))
	t.Cleanup(evil.Close)
	if st := b.open("/"); st != http.StatusOK {
		t.Fatal(st)
	}
	ctx, cancel := b.step()
	if err := chromedp.Do(ctx, chromedp.Navigate(evil.URL)); err != nil {
		t.Fatal(err)
	}
	cancel()
	if st := b.navigate("the other site's form", chromedp.Click(byID("go"))); st != http.StatusForbidden {
		t.Errorf("a cross-site sign-out: status %d on %s", st, b.path())
	}
	if msg := b.text("main"); !strings.Contains(msg, "trang khác") {
		t.Errorf("the refusal says %q", msg)
	}
	b.shot("cross-site-refused")
	if st := b.open("/"); st != http.StatusOK || b.path() != "/" {
		t.Fatalf("signed out by another site: %d on %s", st, b.path())
	}

	// The session cookie, kept, opens nothing after sign-out.
	kept := b.cookie()
	if kept == nil || !kept.HTTPOnly || kept.SameSite != "Lax" {
		t.Fatalf("the session cookie: %+v", kept)
	}
	b.signOut()
	if b.cookie() != nil {
		t.Error("the cookie is still there after sign-out")
	}
	b.setCookie(kept)
	if st := b.open("/"); st != http.StatusOK || !strings.HasPrefix(b.path(), "/signin") || b.has(".who") {
		t.Errorf("the old cookie after sign-out: %d on %s", st, b.path())
	}
	other := c.tab(t, s, "stranger", false)
	other.setCookie(kept)
	if st := other.open("/"); st != http.StatusOK || !strings.HasPrefix(other.path(), "/signin") {
		t.Errorf("the old cookie in another browser: %d on %s", st, other.path())
	}

	// Another commune's list: a 404 page, as if it did not exist. (Its
	// own commune's list opens first, so that a missing page is not
	// taken for a refusal.)
	t.Run("another commune's list", func(t *testing.T) {
		here := seedExampleList(t, s, "03424")
		there := seedExampleList(t, s, "03430")
		b := c.tab(t, s, "police", false)
		b.secret = readExampleList(t).secrets()
		b.signIn(login, pw)
		b.openOK(fmt.Sprintf("/lists/%d", here))
		for _, p := range []string{"/lists/%d", "/lists/%d/edit"} {
			if st := b.open(fmt.Sprintf(p, there)); st != http.StatusNotFound {
				t.Errorf("%s of another commune: %d", fmt.Sprintf(p, there), st)
			}
			if msg := b.text("main"); !strings.Contains(msg, "Không tìm thấy") {
				t.Errorf("the 404 page says %q", msg)
			}
		}
		b.check("another-communes-list-404")
	})
}
