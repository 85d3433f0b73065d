package web_test

import (
	"net/http"
	"strings"
	"testing"

	"mentorlms/web"
)

// Over HTTPS (as a trusted proxy reports it) pages carry HSTS and cookies are Secure; the same
// header from anyone else is ignored, so a client cannot fake HTTPS or its address.
func TestHTTPSBehindTrustedProxy(t *testing.T) {
	https := func(r *http.Request) *http.Request {
		r.Header.Set("X-Forwarded-Proto", "https")
		r.Header.Set("X-Forwarded-For", "203.0.113.7")
		return r
	}
	trusted := newApp(t, func(c *web.Config) { c.TrustedProxies = []string{"0.0.0.0"} }) // app.Test's peer
	r := trusted.do(t, https(req("GET", "/t/page", nil)))
	if hsts := r.header.Get("Strict-Transport-Security"); !strings.Contains(hsts, "max-age=31536000") {
		t.Errorf("HSTS over HTTPS = %q", hsts)
	}
	if len(r.cookies) == 0 {
		t.Fatal("no visitor cookie set")
	}
	for _, c := range r.cookies {
		if !c.Secure || !c.HttpOnly || c.SameSite != http.SameSiteLaxMode {
			t.Errorf("cookie %s: Secure %v HttpOnly %v SameSite %v", c.Name, c.Secure, c.HttpOnly, c.SameSite)
		}
	}

	untrusted := newApp(t)
	r = untrusted.do(t, https(req("GET", "/t/page", nil)))
	if hsts := r.header.Get("Strict-Transport-Security"); hsts != "" {
		t.Errorf("HSTS from a forged header = %q", hsts)
	}
	for _, c := range r.cookies {
		if c.Secure {
			t.Errorf("cookie %s is Secure on plain HTTP", c.Name)
		}
	}
}

// TestSessionCookieOverHTTPS: over HTTPS the session travels in the __Host- prefixed cookie,
// and the plain name (which a sibling domain could have planted) is not believed; over HTTP
// the plain name works. A dead session is cleared under the name it came in.
func TestSessionCookieOverHTTPS(t *testing.T) {
	a := newApp(t, func(c *web.Config) { c.TrustedProxies = []string{"0.0.0.0"} })
	https := func(r *http.Request) *http.Request { r.Header.Set("X-Forwarded-Proto", "https"); return r }
	if r := a.do(t, https(req("GET", "/t/admin", nil, cookie(web.SecureSessionCookie, "sess-admin")))); r.status != 200 {
		t.Errorf("__Host- session over HTTPS: %d", r.status)
	}
	if r := a.do(t, https(req("GET", "/t/admin", nil, cookie(web.SessionCookie, "sess-admin")))); r.status == 200 {
		t.Error("a plain session cookie was believed over HTTPS")
	}
	if r := a.do(t, req("GET", "/t/admin", nil, cookie(web.SessionCookie, "sess-admin"))); r.status != 200 {
		t.Errorf("plain session over HTTP: %d", r.status)
	}
	r := a.do(t, https(req("GET", "/t/page", nil, cookie(web.SecureSessionCookie, "expired"))))
	c := findCookie(r.cookies, web.SecureSessionCookie)
	if c == nil || c.Value != "" || !c.Secure || c.Path != "/" || c.Domain != "" {
		t.Errorf("the dead __Host- cookie is not cleared properly: %+v", c)
	}
}
