package web

import (
	"net"
	"net/netip"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// ClientIP is the address of the client, for rate limits and locks that a client must not
// escape by lying. Behind a trusted proxy fiber's c.IP() returns the whole X-Forwarded-For
// header, whose left part the client writes itself ("X-Forwarded-For: anything" comes out as
// "anything, <real address>"); so the address taken here is the rightmost one that is not a
// trusted proxy: the one the outermost proxy of ours saw. Without trusted proxies it is the
// peer's address, and the header is ignored.
func ClientIP(c *fiber.Ctx) string {
	remote := c.Context().RemoteIP().String()
	cfg := c.App().Config()
	if cfg.ProxyHeader == "" || !c.IsProxyTrusted() {
		return remote
	}
	// A proxy may add a header line of its own instead of appending to the client's: all lines
	// together, in order, are the chain.
	var lines []string
	c.Request().Header.VisitAll(func(k, v []byte) {
		if strings.EqualFold(string(k), cfg.ProxyHeader) {
			lines = append(lines, string(v))
		}
	})
	hops := strings.Split(strings.Join(lines, ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		ip := net.ParseIP(strings.TrimSpace(hops[i]))
		if ip == nil {
			// Our proxies write addresses; anything else came from the client.
			return remote
		}
		if !trusted(cfg.TrustedProxies, ip) {
			return ip.String()
		}
	}
	return remote
}

// trusted reports whether ip is among the proxies, given as addresses or CIDR ranges.
func trusted(proxies []string, ip net.IP) bool {
	for _, p := range proxies {
		if _, n, err := net.ParseCIDR(p); err == nil {
			if n.Contains(ip) {
				return true
			}
		} else if q := net.ParseIP(p); q != nil && q.Equal(ip) {
			return true
		}
	}
	return false
}

// ClientKey is the client that a limit or lock counts an address as: an IPv4 address as it is,
// an IPv6 address as its /64 network, because one connection to the internet usually gets a
// whole /64 and could otherwise try from billions of addresses. Anything that does not parse
// counts as itself.
func ClientKey(addr string) string {
	ip, err := netip.ParseAddr(addr)
	if err != nil {
		return addr
	}
	ip = ip.Unmap()
	if ip.Is4() {
		return ip.String()
	}
	return netip.PrefixFrom(ip.WithZone(""), 64).Masked().String()
}

// LimitKey is the key of a request's client for a rate limit (limiter.Config.KeyGenerator):
// ClientKey of ClientIP.
func LimitKey(c *fiber.Ctx) string {
	return ClientKey(ClientIP(c))
}
