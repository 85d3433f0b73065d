package web

import (
	"context"
	"io/fs"
	"log/slog"
	"net/http"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/gofiber/fiber/v2/middleware/filesystem"
	"github.com/gofiber/fiber/v2/middleware/helmet"
	"github.com/gofiber/fiber/v2/middleware/recover"
	"github.com/gofiber/template/html/v2"
)

// Authenticator finds the principal behind a browser session or an API token. The people
// package supplies it; web only knows that such a function exists.
type Authenticator interface {
	// Session returns the principal of a live session and marks it used at now; a nil
	// principal with a nil error means the session is unknown or has expired.
	Session(ctx context.Context, token string, now time.Time) (*Principal, error)
	// Token returns the principal of an API token, nil when the token is unknown.
	Token(ctx context.Context, token string, now time.Time) (*Principal, error)
}

// Config is what the application needs from its surroundings.
type Config struct {
	Auth      Authenticator
	Secret    []byte // signs CSRF tokens
	Catalog   *Catalog
	Templates fs.FS // the templates tree: layouts/, errors/, <package>/
	Assets    fs.FS // served under /static
	Clock     func() time.Time
	Logger    *slog.Logger
	// Unread counts a signed-in person's unread messages, which the header shows beside the
	// inbox on every page; nil shows no count.
	Unread func(ctx context.Context, personID int64) (int, error)
	// Generation changes whenever the database has been written; what Shared keeps is good
	// while it stays the same, and for at most a second (a write by another process moves no
	// counter here). Nil keeps nothing.
	Generation func() uint64
	// TrustedProxies are the addresses (or CIDR ranges) of reverse proxies in front of the
	// server. Only from them are X-Forwarded-For (the client's address, which sign-in locks
	// and the audit log use) and X-Forwarded-Proto (HTTPS: Secure cookies, HSTS) believed.
	TrustedProxies []string
}

// BodyLimit is the largest request body the server reads (a file uploaded to a form is the
// largest kind); a larger one is a 413.
const BodyLimit = 8 << 20

// App is the fiber application with what handlers need to render and check requests.
type App struct {
	*fiber.App
	cfg   Config
	views *html.Engine
	// shared holds visitors' answers (see Shared); csrfMark stands for a visitor's CSRF token
	// in them, random so that no page can contain it by chance.
	shared   sharedCache
	csrfMark []byte
}

// New builds the application with its middleware in order: panics become 500s, security
// headers, static assets, the principal, the language and the CSRF check.
func New(cfg Config) (*App, error) {
	if cfg.Clock == nil {
		cfg.Clock = time.Now
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	engine := html.NewFileSystem(http.FS(cfg.Templates), ".html")
	engine.AddFuncMap(templateFuncs)
	if err := engine.Load(); err != nil {
		return nil, err
	}
	a := &App{cfg: cfg, views: engine, csrfMark: []byte("csrf-mark-" + randomToken())}
	a.App = fiber.New(fiber.Config{
		Views:                 engine,
		ErrorHandler:          a.handleError,
		DisableStartupMessage: true,
		// Strings taken from the context then outlive the request safely.
		Immutable: true,
		// One path, one spelling: /API/v1/people is not /api/v1/people (see isAPI).
		CaseSensitive: true,
		BodyLimit:     BodyLimit,
		// Long search URLs plus cookies outgrow fasthttp's 4 KiB default.
		ReadBufferSize:          16 << 10,
		EnableTrustedProxyCheck: true,
		TrustedProxies:          cfg.TrustedProxies,
		ProxyHeader:             proxyHeader(cfg.TrustedProxies),
		ReadTimeout:             30 * time.Second,
		WriteTimeout:            60 * time.Second,
		IdleTimeout:             120 * time.Second,
	})
	a.Use(func(c *fiber.Ctx) error {
		c.Locals(appKey, a)
		ctx := context.WithValue(c.UserContext(), addrKey{}, ClientIP(c))
		c.SetUserContext(context.WithValue(ctx, deviceKey{}, DeviceOf(c.Get(fiber.HeaderUserAgent))))
		return c.Next()
	})
	a.Use(recover.New(recover.Config{EnableStackTrace: true, StackTraceHandler: func(c *fiber.Ctx, e any) {
		cfg.Logger.Error("panic", "path", c.Path(), "panic", e)
	}}))
	a.Use(helmet.New(helmet.Config{
		ContentSecurityPolicy: "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
			"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
		ReferrerPolicy:            "same-origin",
		XFrameOptions:             "DENY",
		HSTSMaxAge:                31536000, // helmet sends it over HTTPS only
		CrossOriginEmbedderPolicy: "unsafe-none",
		PermissionPolicy:          "camera=(self), microphone=(), geolocation=()",
	}))
	a.Use("/static", func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderCacheControl, "public, max-age=3600")
		return c.Next()
	}, filesystem.New(filesystem.Config{Root: http.FS(cfg.Assets)}))
	a.Use(a.authenticate, a.locale, a.csrf)
	return a, nil
}

// Localizer returns the localizer of the request's language.
func (a *App) Localizer(c *fiber.Ctx) *Localizer { return a.cfg.Catalog.For(Lang(c)) }

// Now is the application's clock.
func (a *App) Now() time.Time { return a.cfg.Clock() }

type addrKey struct{}

// Addr returns the client address that the request context carries, for the audit log.
func Addr(ctx context.Context) string {
	s, _ := ctx.Value(addrKey{}).(string)
	return s
}

// Catalog is the translation catalog the application speaks from.
func (a *App) Catalog() *Catalog { return a.cfg.Catalog }

func proxyHeader(proxies []string) string {
	if len(proxies) == 0 {
		return ""
	}
	return fiber.HeaderXForwardedFor
}
