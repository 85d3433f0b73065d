package web_test

import (
	"io"
	"net/http/httptest"
	"testing"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// TestClientIP: behind a trusted proxy the client's address is the rightmost one not of a
// trusted proxy, whether the proxy appends to the client's header or adds a line of its own;
// without a trusted proxy the header is ignored.
func TestClientIP(t *testing.T) {
	app := func(trusted []string) *fiber.App {
		a := fiber.New(fiber.Config{ProxyHeader: fiber.HeaderXForwardedFor, EnableTrustedProxyCheck: true, TrustedProxies: trusted})
		a.Get("/", func(c *fiber.Ctx) error { return c.SendString(web.ClientIP(c)) })
		return a
	}
	cases := []struct {
		name    string
		trusted []string
		lines   []string
		want    string
	}{
		{"no proxy header", []string{"0.0.0.0"}, nil, "0.0.0.0"},
		{"one hop", []string{"0.0.0.0"}, []string{"203.0.113.9"}, "203.0.113.9"},
		{"a forged left part", []string{"0.0.0.0"}, []string{"10.9.0.1, 203.0.113.9"}, "203.0.113.9"},
		{"a line added by the proxy", []string{"0.0.0.0"}, []string{"10.9.0.1", "203.0.113.9"}, "203.0.113.9"},
		{"our own proxies skipped", []string{"0.0.0.0", "192.0.2.0/24"}, []string{"10.9.0.1, 203.0.113.9, 192.0.2.5"}, "203.0.113.9"},
		{"rubbish in the header", []string{"0.0.0.0"}, []string{"203.0.113.9, nonsense"}, "0.0.0.0"},
		{"untrusted peer", nil, []string{"203.0.113.9"}, "0.0.0.0"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", "/", nil)
			for _, l := range c.lines {
				r.Header.Add("X-Forwarded-For", l)
			}
			resp, err := app(c.trusted).Test(r)
			if err != nil {
				t.Fatal(err)
			}
			b, _ := io.ReadAll(resp.Body)
			if string(b) != c.want {
				t.Errorf("client %q, want %q", b, c.want)
			}
		})
	}
}

// TestClientKey: an IPv6 client is its /64, an IPv4 one its address, anything else itself.
func TestClientKey(t *testing.T) {
	tests := map[string]string{
		"10.0.0.7":                      "10.0.0.7",
		"::ffff:10.0.0.7":               "10.0.0.7",
		"2001:db8:1:2:aaaa:bbbb:cccc:1": "2001:db8:1:2::/64",
		"2001:db8:1:2::99":              "2001:db8:1:2::/64",
		"2001:db8:1:3::1":               "2001:db8:1:3::/64",
		"fe80::1%eth0":                  "fe80::/64",
		"":                              "",
		"nonsense":                      "nonsense",
	}
	for in, want := range tests {
		if got := web.ClientKey(in); got != want {
			t.Errorf("ClientKey(%q) = %q, want %q", in, got, want)
		}
	}
}
