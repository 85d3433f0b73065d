package supervision

import (
	"time"

	"mentorlms/db"
	"mentorlms/people"
	"mentorlms/web"
)

// Service records and reads supervision, mentor status, evaluations and continuing education.
type Service struct {
	db     *db.DB
	people *people.Store
	// RecheckMonths is how old a clean record extract of an active mentor may be, in months
	// (DefaultRecheckMonths unless configured).
	RecheckMonths int
	// YearlyHours is the yearly target of further education before pro rata
	// (DefaultYearlyHours unless configured).
	YearlyHours int
}

// NewService returns the supervision service over d.
func NewService(d *db.DB) *Service {
	return &Service{db: d, people: people.NewStore(d), RecheckMonths: DefaultRecheckMonths,
		YearlyHours: DefaultYearlyHours}
}

// today is the day of now in Prague, as the rules take it.
func today(now time.Time) string { return now.In(web.Prague).Format(web.DateLayout) }
