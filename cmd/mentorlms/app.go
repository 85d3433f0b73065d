package main

import (
	"context"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"

	"mentorlms/audit"
	"mentorlms/certificates"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/docs"
	"mentorlms/enrollment"
	"mentorlms/home"
	"mentorlms/people"
	"mentorlms/reminders"
	"mentorlms/static"
	"mentorlms/web"
)

// newApp wires the domains into one application: every route of the product is registered here,
// page routes first, then the JSON API under /api/v1.
// options are the settings of serve that the domains need.
type options struct {
	// Proxies are reverse proxies whose forwarded headers are believed.
	Proxies []string
	// RecordMaxAge is how many days old a record extract may be when approving (0: default).
	RecordMaxAge int
	// Certificates configures the certificate service (issuer, number format, base URL).
	Certificates func(*certificates.Service)
}

func newApp(ctx context.Context, d *db.DB, clock func() time.Time, logger *slog.Logger, opt options) (*web.App, error) {
	catalog, err := web.LoadCatalog(static.Catalog)
	if err != nil {
		return nil, err
	}
	secret, err := d.Secret(ctx, "csrf")
	if err != nil {
		return nil, err
	}
	peopleSvc := people.NewService(d)
	app, err := web.New(web.Config{
		Auth: peopleSvc, Secret: secret, Catalog: catalog, Templates: static.Templates,
		Assets: static.Assets, Clock: clock, Logger: logger, TrustedProxies: opt.Proxies,
	})
	if err != nil {
		return nil, err
	}
	peopleH := people.NewHandlers(peopleSvc, clock)
	auditH := audit.NewHandlers(d)
	enrollmentSvc := enrollment.NewService(d)
	coursesSvc := courses.NewService(d)
	// Completion lives above courses: a change of a run, its sessions or its course settles it
	// in the same transaction, and the page that finishes a run says who will fail.
	coursesSvc.Settle = enrollmentSvc.SettleRun
	coursesH := courses.NewHandlers(coursesSvc, clock)
	coursesH.Outlook = enrollmentSvc.FinishOutlook
	coursesH.Enrolled = enrolledIn(d) // who sees an online run's join link
	if opt.RecordMaxAge > 0 {
		enrollmentSvc.RecordMaxAge = opt.RecordMaxAge
	}
	if enrollmentSvc.CheckinKey, err = d.Secret(ctx, "checkin"); err != nil {
		return nil, err
	}
	enrollmentH := enrollment.NewHandlers(enrollmentSvc, clock)
	remindersH := reminders.NewHandlers(d, clock)
	certSvc := certificates.NewService(d, enrollmentSvc)
	if opt.Certificates != nil {
		opt.Certificates(certSvc)
	}
	certificatesH := certificates.NewHandlers(certSvc, clock)

	home.NewHandlers(d).Routes(app)
	peopleH.Routes(app)
	auditH.Routes(app)
	coursesH.Routes(app)
	remindersH.Routes(app)
	enrollmentH.Routes(app)
	certificatesH.Routes(app)

	api := app.Group("/api/v1")
	api.Get("/openapi", func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentType, "application/yaml; charset=utf-8")
		return c.Send(docs.OpenAPI)
	})
	peopleH.APIRoutes(api)
	auditH.APIRoutes(api)
	coursesH.APIRoutes(api)
	enrollmentH.APIRoutes(api)
	certificatesH.APIRoutes(api)
	remindersH.APIRoutes(api)
	return app, nil
}
