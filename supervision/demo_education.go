package supervision

import (
	"context"
	"fmt"
	"time"

	"mentorlms/web"
)

// DemoEducation gives the demo's mentors what continuing education needs to show: periods of
// employment (one still in its probation period, one away on a long parental leave) and
// external hours, some approved and some awaiting the admin. Dates are relative to now. It
// does nothing when any period of employment exists, so loading the demo again changes
// nothing.
func DemoEducation(ctx context.Context, s *Service, now time.Time) error {
	var n int
	if err := s.db.R.GetContext(ctx, &n, `SELECT COUNT(*) FROM employments`); err != nil || n > 0 {
		return err
	}
	who := map[string]*web.Principal{}
	for _, email := range []string{"admin@mentorlms.example", "koordinator@mentorlms.example", "renata.lakatosova@mentorlms.example",
		"ucastnik@mentorlms.example", "jan.bandy@mentorlms.example", "helena.danielova@mentorlms.example",
		"lucie.olahova@mentorlms.example", "roman.balog@mentorlms.example", "zaneta.cervenakova@mentorlms.example"} {
		p, err := s.people.ByEmail(ctx, s.db.R, email)
		if err != nil {
			return fmt.Errorf("supervision: demo education: %s: %w", email, err)
		}
		who[email] = p.Principal("")
	}
	admin, ulk, msk := who["admin@mentorlms.example"], who["koordinator@mentorlms.example"], who["renata.lakatosova@mentorlms.example"]
	day := now.In(web.Prague)
	// monthStart is the first day of the month months from now (negative: back), back days
	// the day that many days ago.
	monthStart := func(months int) string {
		return time.Date(day.Year(), day.Month()+time.Month(months), 1, 0, 0, 0, 0, web.Prague).Format(web.DateLayout)
	}
	back := func(days int) string { return day.AddDate(0, 0, -days).Format(web.DateLayout) }
	lastDayBefore := func(months int) string {
		return time.Date(day.Year(), day.Month()+time.Month(months), 0, 0, 0, 0, 0, web.Prague).Format(web.DateLayout)
	}

	jobs := []struct {
		coord  *web.Principal
		person string
		in     JobInput
	}{
		{ulk, "ucastnik@mentorlms.example", JobInput{From: time.Date(day.Year()-3, 1, 1, 0, 0, 0, 0, web.Prague).Format(web.DateLayout)}},
		// Hired four months ago, three months of probation: the target starts after it.
		{ulk, "jan.bandy@mentorlms.example", JobInput{From: monthStart(-4), ProbationEnds: lastDayBefore(-1)}},
		{ulk, "helena.danielova@mentorlms.example", JobInput{From: time.Date(day.Year()-4, 9, 1, 0, 0, 0, 0, web.Prague).Format(web.DateLayout)}},
		// Two jobs that follow one another mid-month: the target runs on without a gap.
		{ulk, "lucie.olahova@mentorlms.example", JobInput{From: time.Date(day.Year()-2, 3, 1, 0, 0, 0, 0, web.Prague).Format(web.DateLayout),
			Until: time.Date(day.Year()-1, 6, 15, 0, 0, 0, 0, web.Prague).Format(web.DateLayout)}},
		{ulk, "lucie.olahova@mentorlms.example", JobInput{From: time.Date(day.Year()-1, 6, 16, 0, 0, 0, 0, web.Prague).Format(web.DateLayout)}},
		{msk, "roman.balog@mentorlms.example", JobInput{From: time.Date(day.Year()-2, 2, 1, 0, 0, 0, 0, web.Prague).Format(web.DateLayout)}},
		{msk, "zaneta.cervenakova@mentorlms.example", JobInput{From: monthStart(-10)}},
	}
	for _, j := range jobs {
		if _, err := s.SaveJob(ctx, j.coord, who[j.person].ID, 0, j.in, now); err != nil {
			return fmt.Errorf("supervision: demo employment of %s: %w", j.person, err)
		}
	}
	// Helena has been on parental leave for eight months and still is.
	if _, err := s.SaveAbsence(ctx, ulk, who["helena.danielova@mentorlms.example"].ID, 0,
		AbsenceInput{Kind: string(AbsenceParental), From: monthStart(-8)}, now); err != nil {
		return fmt.Errorf("supervision: demo absence: %w", err)
	}

	hours := []struct {
		coord   *web.Principal
		person  string
		in      HoursInput
		approve bool
	}{
		{ulk, "ucastnik@mentorlms.example", HoursInput{Organiser: "Člověk v tísni, o. p. s.", Title: "Konference Dluhy a exekuce v praxi",
			HeldOn: back(60), Minutes: 6 * 60, Kind: string(HoursConference)}, true},
		{ulk, "ucastnik@mentorlms.example", HoursInput{Organiser: "Romea, o. p. s.", Title: "Workshop komunikace s úřady",
			HeldOn: back(12), Minutes: 3*60 + 30, Kind: string(HoursWorkshop)}, false},
		{ulk, "jan.bandy@mentorlms.example", HoursInput{Organiser: "Probační a mediační služba ČR", Title: "Seminář o práci s klientem",
			HeldOn: back(20), Minutes: 4 * 60, Kind: string(HoursSeminar)}, false},
		{ulk, "lucie.olahova@mentorlms.example", HoursInput{Organiser: "Krajský úřad Ústeckého kraje", Title: "Exkurze do azylového domu",
			HeldOn: back(200), Minutes: 5 * 60, Kind: string(HoursExcursion)}, true},
		{msk, "roman.balog@mentorlms.example", HoursInput{Organiser: "Ostravská univerzita", Title: "Konference Sociální práce v regionu",
			HeldOn: back(400), Minutes: 8 * 60, Kind: string(HoursConference)}, true},
		{msk, "roman.balog@mentorlms.example", HoursInput{Organiser: "Slezská diakonie", Title: "Kurz první pomoci",
			HeldOn: back(5), Minutes: 6 * 60, Kind: string(HoursCourse)}, false},
	}
	for _, x := range hours {
		e, err := s.AddHours(ctx, x.coord, who[x.person].ID, x.in, now)
		if err != nil {
			return fmt.Errorf("supervision: demo hours of %s: %w", x.person, err)
		}
		if x.approve {
			if _, err := s.ApproveHours(ctx, admin, e.ID, now); err != nil {
				return fmt.Errorf("supervision: demo approval: %w", err)
			}
		}
	}
	return nil
}
