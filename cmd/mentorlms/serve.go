package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"strings"
	"time"

	"mentorlms/certificates"
	"mentorlms/db"
	"mentorlms/reminders"
	"mentorlms/supervision"
	"mentorlms/web"
)

// config is what serve runs with.
type config struct {
	Addr    string
	DB      string
	BaseURL string
	Demo    bool
	// TrustedProxies are reverse proxies whose X-Forwarded-For and -Proto are believed.
	TrustedProxies []string
	// RecordMaxAge is how many days old a criminal-record extract may be when approving.
	RecordMaxAge int
	// RecheckMonths is how old, in months, the clean record extract of an active mentor may be.
	RecheckMonths int
	// YearlyHours is the yearly target of further education before pro rata.
	YearlyHours int
	// SMTP is where e-mail leaves; nil sends nothing by e-mail (the inbox keeps everything).
	SMTP *reminders.SMTP
	// SecondFactor makes a second factor required of admins and coordinators.
	SecondFactor bool
	// Certificates sets the certificate service's issuer and number format (nil: defaults).
	Certificates func(*certificates.Service)
	// ready, when set, is told the address the server listens on (tests listen on port 0) and
	// the catalog its pages are drawn from (tests ask it what was missing).
	ready func(addr string, catalog *web.Catalog)
	// mailEvery is how often e-mail is sent (30 s unless set; tests wait less).
	mailEvery time.Duration
	// clock, when set, is the server's "now" (a test walks a journey through days); time.Now
	// otherwise.
	clock func() time.Time
}

func cmdServe(e *env, args []string) error {
	f := newFlags(e, "serve")
	addr := f.str("addr", ":8080", "cli.arg.addr", "cli.flag.addr")
	path := f.db()
	base := f.str("base-url", "", "cli.arg.url", "cli.flag.base_url")
	demo := f.boolean("demo", "cli.flag.demo")
	proxies := f.list("trusted-proxies", "cli.arg.list", "cli.flag.trusted_proxies")
	maxAge := f.integer("record-max-age", 90, "cli.arg.days", "cli.flag.record_max_age")
	recheck := f.integer("recheck-months", supervision.DefaultRecheckMonths, "cli.arg.months", "cli.flag.recheck_months")
	yearly := f.integer("education-hours", supervision.DefaultYearlyHours, "cli.arg.hours", "cli.flag.education_hours")
	smtpURL := f.str("smtp-url", "", "cli.arg.url", "cli.flag.smtp_url")
	mailFrom := f.str("mail-from", "", "cli.arg.email", "cli.flag.mail_from")
	second := f.boolean("require-second-factor", "cli.flag.require_second_factor")
	issuer := f.issuer()
	if err := f.parse(args); err != nil {
		return err
	}
	if err := f.expect(0, ""); err != nil {
		return err
	}
	if *recheck < 1 || *recheck > 120 {
		return misuse("cli.error.recheck_months")
	}
	if *yearly < 1 || *yearly > 1000 {
		return misuse("cli.error.education_hours")
	}
	var mailer *reminders.SMTP
	if *smtpURL != "" {
		s, err := reminders.ParseSMTP(*smtpURL, *mailFrom)
		if e, ok := web.AsError(err); ok {
			return &usageError{msgs: []web.Msg{e.Msg}}
		}
		mailer = &s
	}
	certs, err := issuer.apply(*base)
	if err != nil {
		return err
	}
	for _, w := range issuer.warnings(*base, *demo) {
		fmt.Fprintln(e.stderr, "mentorlms:", e.l.Msg(w))
	}
	return run(e.ctx, config{Addr: *addr, DB: *path, BaseURL: *base, Demo: *demo, TrustedProxies: *proxies,
		RecordMaxAge: *maxAge, RecheckMonths: *recheck, YearlyHours: *yearly, SMTP: mailer, Certificates: certs,
		SecondFactor: *second}, e.stdout)
}

// run serves until ctx ends, then shuts down gracefully.
func run(ctx context.Context, cfg config, out io.Writer) error {
	logger := slog.New(slog.NewTextHandler(out, nil))
	d, err := db.Open(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer d.Close()
	clock := time.Now
	if cfg.clock != nil {
		clock = cfg.clock
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	base := baseURL(cfg.BaseURL, ln.Addr())
	// Verification links printed on certificates start with the public address. The demo's
	// certificates are samples, marked VZOR, and need no configured issuer.
	certs := func(s *certificates.Service) {
		s.BaseURL, s.Demo = base, cfg.Demo
		if cfg.Certificates != nil {
			cfg.Certificates(s)
		}
	}
	app, err := newApp(ctx, d, clock, logger, options{Proxies: cfg.TrustedProxies, RecordMaxAge: cfg.RecordMaxAge,
		RecheckMonths: cfg.RecheckMonths, YearlyHours: cfg.YearlyHours, Certificates: certs, SecondFactor: cfg.SecondFactor})
	if err != nil {
		ln.Close()
		return err
	}
	if cfg.Demo {
		if err := loadDemo(ctx, d, clock(), certs, out); err != nil {
			ln.Close()
			return err
		}
	} else if err := offerSetup(ctx, d, base, clock(), out); err != nil {
		ln.Close()
		return err
	}
	l, err := messages()
	if err != nil {
		ln.Close()
		return err
	}
	fmt.Fprintln(out, "mentorlms:", l.T("cli.serving", "Addr", ln.Addr().String(), "URL", base, "Path", cfg.DB))
	stopJobs, err := reminders.Schedule(ctx, d, jobsOf(d, cfg.RecheckMonths), clock, logger)
	if err != nil {
		ln.Close()
		return err
	}
	defer stopJobs()
	if cfg.SMTP == nil {
		logger.Info("no SMTP server configured (--smtp-url): messages go to the in-app inbox only")
	} else {
		logger.Info("e-mail goes out through " + cfg.SMTP.Addr())
		delivery := reminders.NewDelivery(d, *cfg.SMTP, app.Catalog(), base)
		delivery.Log = logger
		if delivery.UnsubscribeKey, err = d.Secret(ctx, "unsubscribe"); err != nil {
			return err
		}
		every := cmp.Or(cfg.mailEvery, 30*time.Second)
		go delivery.Run(ctx, clock, every)
	}
	if cfg.ready != nil {
		cfg.ready(ln.Addr().String(), app.Catalog())
	}
	errc := make(chan error, 1)
	go func() { errc <- app.Listener(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
		serr := app.ShutdownWithTimeout(10 * time.Second)
		// Shutdown only closes a listener that Serve has registered already; closing it here too
		// ends a server stopped in the instant after it started.
		ln.Close()
		if serr != nil {
			// Connections still open after the grace period are cut; that is the end of serving,
			// not a failure.
			logger.Warn("shutdown: connections cut after the grace period", "err", serr)
		}
		if err := <-errc; err != nil && !errors.Is(err, net.ErrClosed) {
			return err
		}
		return nil
	}
}

// baseURL is the configured public URL, or the address listened on: http://localhost:<port>
// when every interface is, the interface's own address when only one is.
func baseURL(configured string, addr net.Addr) string {
	if configured != "" {
		return strings.TrimRight(configured, "/")
	}
	ta, ok := addr.(*net.TCPAddr)
	if !ok {
		return "http://localhost:8080"
	}
	host := "localhost"
	if !ta.IP.IsUnspecified() && !ta.IP.IsLoopback() {
		host = ta.IP.String()
	}
	return "http://" + net.JoinHostPort(host, fmt.Sprint(ta.Port))
}
