// Package wire assembles the product from its domains: one application with every route, shared
// by the mentorlms command and the load tool, which runs the product in its own process.
package wire

import (
	"context"
	"log/slog"
	"time"

	"github.com/gofiber/fiber/v2"

	"mentorlms/attendance"
	"mentorlms/audit"
	"mentorlms/certificates"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/docs"
	"mentorlms/enrollment"
	"mentorlms/home"
	"mentorlms/people"
	"mentorlms/privacy"
	"mentorlms/reminders"
	"mentorlms/static"
	"mentorlms/supervision"
	"mentorlms/web"
)

// Options are the settings of serve that the domains need.
type Options struct {
	// Proxies are reverse proxies whose forwarded headers are believed.
	Proxies []string
	// RecordMaxAge is how many days old a record extract may be when approving (0: default).
	RecordMaxAge int
	// RecheckMonths and YearlyHours configure supervision (0: defaults).
	RecheckMonths, YearlyHours int
	// Certificates configures the certificate service (issuer, number format, base URL).
	Certificates func(*certificates.Service)
	// SecondFactor makes a second factor required of admins and coordinators.
	SecondFactor bool
}

// App wires the domains into one application: every route of the product is registered here,
// page routes first, then the JSON API under /api/v1.
func App(ctx context.Context, d *db.DB, clock func() time.Time, logger *slog.Logger, opt Options) (*web.App, error) {
	catalog, err := web.LoadCatalog(static.Catalog)
	if err != nil {
		return nil, err
	}
	secret, err := d.Secret(ctx, "csrf")
	if err != nil {
		return nil, err
	}
	peopleSvc := people.NewService(d)
	peopleSvc.RequireSecondFactor = opt.SecondFactor
	app, err := web.New(web.Config{
		Auth: peopleSvc, Secret: secret, Catalog: catalog, Templates: static.Templates,
		Assets: static.Assets, Clock: clock, Logger: logger, TrustedProxies: opt.Proxies,
		Unread:     func(ctx context.Context, id int64) (int, error) { return reminders.Unread(ctx, d, id) },
		Generation: d.Generation,
	})
	if err != nil {
		return nil, err
	}
	peopleH := people.NewHandlers(peopleSvc, clock)
	auditH := audit.NewHandlers(d)
	enrollmentSvc := enrollment.NewService(d)
	if opt.RecordMaxAge > 0 {
		enrollmentSvc.RecordMaxAge = opt.RecordMaxAge
	}
	attendanceSvc := attendance.NewService(d, enrollmentSvc)
	// Deactivating a person frees the seats they held in runs not yet begun.
	peopleSvc.Depart, peopleH.DepartOutlook = enrollmentSvc.Depart, enrollmentSvc.DepartOutlook
	if attendanceSvc.CheckinKey, err = d.Secret(ctx, "checkin"); err != nil {
		return nil, err
	}
	coursesSvc := courses.NewService(d)
	// Completion lives above courses: a change of a run, its sessions or its course settles it
	// in the same transaction, and the page that finishes a run says who will fail.
	coursesSvc.Settle = attendanceSvc.SettleRun
	coursesH := courses.NewHandlers(coursesSvc, clock)
	coursesH.Outlook = attendanceSvc.FinishOutlook
	coursesH.Own = attendanceSvc.OwnState
	enrollmentH := enrollment.NewHandlers(enrollmentSvc, clock)
	attendanceH := attendance.NewHandlers(attendanceSvc, clock)
	remindersH := reminders.NewHandlers(d, clock)
	if remindersH.UnsubscribeKey, err = d.Secret(ctx, "unsubscribe"); err != nil {
		return nil, err
	}
	certSvc := certificates.NewService(d, attendanceSvc)
	if opt.Certificates != nil {
		opt.Certificates(certSvc)
	}
	certificatesH := certificates.NewHandlers(certSvc, clock)
	peopleH.Record = func(c *fiber.Ctx, p people.Person) (any, error) {
		return certSvc.Record(c.UserContext(), web.Me(c), p.ID, clock())
	}

	supervisionSvc := supervision.NewService(d)
	if opt.RecheckMonths > 0 {
		supervisionSvc.RecheckMonths = opt.RecheckMonths
	}
	if opt.YearlyHours > 0 {
		supervisionSvc.YearlyHours = opt.YearlyHours
	}
	supervisionH := supervision.NewHandlers(supervisionSvc, clock)
	privacySvc := privacy.NewService(d)
	privacySvc.Depart = enrollmentSvc.Depart
	privacyH := privacy.NewHandlers(privacySvc, clock)

	homeH := home.NewHandlers(d, attendanceSvc, supervisionSvc, opt.RecordMaxAge, clock)
	homeH.Issuable = certSvc.Issuable
	homeH.Routes(app)
	peopleH.Routes(app)
	auditH.Routes(app)
	coursesH.Routes(app)
	remindersH.Routes(app)
	enrollmentH.Routes(app)
	attendanceH.Routes(app)
	certificatesH.Routes(app)
	supervisionH.Routes(app)
	privacyH.Routes(app)

	api := app.Group("/api/v1")
	api.Get("/openapi", func(c *fiber.Ctx) error {
		c.Set(fiber.HeaderContentType, "application/yaml; charset=utf-8")
		return c.Send(docs.OpenAPI)
	})
	peopleH.APIRoutes(api)
	auditH.APIRoutes(api)
	coursesH.APIRoutes(api)
	enrollmentH.APIRoutes(api)
	attendanceH.APIRoutes(api)
	certificatesH.APIRoutes(api)
	supervisionH.APIRoutes(api)
	remindersH.APIRoutes(api)
	privacyH.APIRoutes(api)
	return app, nil
}
