package supervision

import (
	"context"
	"fmt"
	"time"

	"mentorlms/people"
	"mentorlms/web"
)

// demoMeeting is a supervision of the demo, days before the demo's day.
type demoMeeting struct {
	daysAgo  int
	clock    string
	kind     Kind
	external string // "" for the demo's lecturer, on record
	attended []string
	excused  []string
	note     string
}

var demoMeetings = []demoMeeting{
	{70, "9:00", Group, "PhDr. Alena Krátká", []string{"kristyna.berkyova", "josef.lakatos", "renata.mirgova"},
		[]string{"dusan.tancos"}, "Téma: hranice pomoci a vlastní bezpečí."},
	{50, "9:00", Group, "PhDr. Alena Krátká", []string{"josef.lakatos", "renata.mirgova", "dusan.tancos"},
		[]string{"kristyna.berkyova"}, "Téma: spolupráce se střediskem PMS a předávání informací."},
	{40, "14:00", Individual, "", []string{"renata.mirgova"}, nil, "Rozbor první spolupráce, plán na další dva měsíce."},
	{10, "9:00", Group, "PhDr. Alena Krátká", []string{"renata.mirgova", "dusan.tancos"},
		[]string{"josef.lakatos"}, "Téma: jak mluvit o dluzích."},
}

// DemoMeetings gives the demo's certified mentors of Ústecký kraj their pledges and a history
// of supervision that shows every cadence status: Kristýna Berkyová overdue, Josef Lakatoš due
// soon, Renata Mirgová ok, Dušan Tancoš ok on a monthly interval of his own, Marie Giňová and
// Lucie Oláhová, certified two days ago, with none yet; Moravskoslezský kraj meets monthly. It
// does nothing when any supervision exists.
func DemoMeetings(ctx context.Context, s *Service, now time.Time) error {
	var n int
	if err := s.db.R.GetContext(ctx, &n, `SELECT COUNT(*) FROM supervisions`); err != nil || n > 0 {
		return err
	}
	ids := map[string]int64{}
	var rows []struct {
		ID    int64  `db:"id"`
		Email string `db:"email"`
	}
	if err := s.db.R.SelectContext(ctx, &rows, `SELECT id, email FROM persons`); err != nil {
		return err
	}
	for _, r := range rows {
		ids[r.Email] = r.ID
	}
	id := func(name string) int64 { return ids[name+"@mentorlms.example"] }
	admin := &web.Principal{ID: id("admin"), Roles: []web.Role{web.RoleAdmin}}
	coord := &web.Principal{ID: id("koordinator"), Roles: []web.Role{web.RoleCoordinator}, Region: "ULK"}
	day := func(daysAgo int) string { return now.In(web.Prague).AddDate(0, 0, -daysAgo).Format(web.DateLayout) }

	// The pledge is signed when the certificate is handed over.
	ps := people.NewService(s.db)
	var certs []struct {
		PersonID int64  `db:"person_id"`
		IssuedOn string `db:"issued_on"`
	}
	if err := s.db.R.SelectContext(ctx, &certs, `SELECT c.person_id, c.issued_on FROM certificates c
		JOIN runs r ON r.id = c.run_id JOIN courses k ON k.id = r.course_id
		WHERE k.kind = 'requalification' AND c.revoked_on IS NULL ORDER BY c.id`); err != nil {
		return err
	}
	for _, c := range certs {
		if _, err := ps.SetEvidence(ctx, admin, c.PersonID, people.EvidenceInput{PledgeSignedOn: c.IssuedOn}, now); err != nil {
			return fmt.Errorf("supervision: demo pledge: %w", err)
		}
	}
	if err := s.SetInterval(ctx, admin, "MSK", 1, now); err != nil {
		return err
	}
	if err := s.SetOverride(ctx, coord, id("dusan.tancos"), 1, "První půlrok po kurzu chodí na supervizi každý měsíc.", now); err != nil {
		return err
	}
	for _, m := range demoMeetings {
		in := Input{HeldOn: day(m.daysAgo), Time: m.clock, Region: "ULK", Kind: m.kind, Supervisor: m.external, Note: m.note}
		if m.external == "" {
			in.SupervisorID = id("lektor")
		}
		for _, a := range m.attended {
			in.AttendeeIDs = append(in.AttendeeIDs, id(a))
		}
		for _, e := range m.excused {
			in.ExcusedIDs = append(in.ExcusedIDs, id(e))
		}
		// Recorded the evening after the meeting, as a coordinator would.
		at, err := time.ParseInLocation(web.DateLayout+" 15:04", in.HeldOn+" 17:30", web.Prague)
		if err != nil {
			return err
		}
		if _, err := s.Record(ctx, coord, in, at.AddDate(0, 0, 1)); err != nil {
			return fmt.Errorf("supervision: demo meeting %s: %w", in.HeldOn, err)
		}
	}
	return nil
}
