package wire

import (
	"context"
	"fmt"
	"time"

	"mentorlms/attendance"
	"mentorlms/certificates"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/enrollment"
	"mentorlms/people"
	"mentorlms/supervision"
)

// Demo loads every domain's demo data, in the order the domains build on each other, and
// returns the demo sign-ins. certs, when set, configures the certificate service as serve does.
func Demo(ctx context.Context, d *db.DB, now time.Time, certs func(*certificates.Service)) ([]people.DemoLogin, error) {
	logins, err := people.Demo(ctx, people.NewService(d), now)
	if err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	if err := courses.Demo(ctx, courses.NewService(d), now); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	as := attendance.NewService(d, enrollment.NewService(d))
	if err := attendance.Demo(ctx, as, now); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	cs := certificates.NewService(d, as)
	if certs != nil {
		certs(cs)
	}
	cs.Demo = true // the demo's certificates are samples, marked VZOR, whoever the issuer
	if err := certificates.Demo(ctx, cs, now); err != nil {
		return nil, fmt.Errorf("demo: %w", err)
	}
	sup := supervision.NewService(d)
	for _, load := range []func(context.Context, *supervision.Service, time.Time) error{
		supervision.DemoMeetings, supervision.DemoStatuses, supervision.DemoEvaluations, supervision.DemoEducation,
	} {
		if err := load(ctx, sup, now); err != nil {
			return nil, fmt.Errorf("demo: %w", err)
		}
	}
	return logins, nil
}
