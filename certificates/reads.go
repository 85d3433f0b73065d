package certificates

import (
	"context"
	"fmt"
	"strings"
	"time"

	"mentorlms/courses"
	"mentorlms/web"
)

// Get reads one certificate for an admin or its holder; anyone else is told it does not exist.
func (s *Service) Get(ctx context.Context, actor *web.Principal, id int64, now time.Time) (Certificate, error) {
	c, err := one(ctx, s.db.R, "c.id = ?", id, courses.PragueDay(now))
	if err != nil {
		return c, err
	}
	if !actor.Has(web.RoleAdmin) && actor.ID != c.PersonID {
		return Certificate{}, ErrNotFound
	}
	return c, nil
}

// PDF reads the stored PDF of a certificate for an admin or its holder, with the name it is
// downloaded under; dup asks for the latest duplicate instead of the original.
func (s *Service) PDF(ctx context.Context, actor *web.Principal, id int64, dup bool, now time.Time) ([]byte, string, error) {
	c, err := s.Get(ctx, actor, id, now)
	if err != nil {
		return nil, "", err
	}
	b, err := s.pdfOf(ctx, id, dup)
	if err != nil {
		return nil, "", err
	}
	name := FileName(c.Number, c.Content.Holder.Name)
	if dup {
		name = strings.TrimSuffix(name, ".pdf") + "-duplikat.pdf"
	}
	return b, name, nil
}

// Verification is what anyone may learn of a certificate from its code: never the date of birth.
type Verification struct {
	Status        Status `json:"status"`
	Number        string `json:"number"`
	Holder        string `json:"holder"`
	Course        string `json:"course"`
	Kind          string `json:"kind"`
	Hours         int    `json:"hours"`
	TheoryHours   int    `json:"theory_hours"`
	PracticeHours int    `json:"practice_hours"`
	RunStartsOn   string `json:"run_starts_on"`
	RunEndsOn     string `json:"run_ends_on"`
	IssuedOn      string `json:"issued_on"`
	ValidUntil    string `json:"valid_until,omitempty"`
	Issuer        string `json:"issuer"`
	RevokedOn     string `json:"revoked_on,omitempty"`
	Reason        string `json:"reason,omitempty"`
	// Sample marks a certificate of the demo: printed under a VZOR mark, it attests nobody's
	// qualification, and its verification must not say it does.
	Sample bool `json:"sample,omitempty"`
}

// Verify looks a certificate up by its code for anyone. An unknown code is simply not found.
func (s *Service) Verify(ctx context.Context, code string, now time.Time) (Verification, error) {
	// Codes are read out and typed in groups; spaces and dashes are not part of them.
	code = strings.ToUpper(strings.NewReplacer(" ", "", "-", "").Replace(code))
	if len(code) != 12 {
		return Verification{}, ErrNotFound
	}
	c, err := one(ctx, s.db.R, "c.code = ?", code, courses.PragueDay(now))
	if err != nil {
		return Verification{}, err
	}
	v := Verification{Status: c.Status, Number: c.Number, Holder: c.Content.Holder.FullName(), Course: c.Content.Course,
		Kind: c.Content.Kind, TheoryHours: c.Content.TheoryHours, PracticeHours: c.Content.PracticeHours,
		Hours: c.Content.TheoryHours + c.Content.PracticeHours, RunStartsOn: c.Content.RunStartsOn,
		RunEndsOn: c.Content.RunEndsOn, IssuedOn: c.IssuedOn, ValidUntil: c.Content.ValidUntil, Issuer: c.Content.Issuer.Name,
		Sample: c.Content.Sample}
	if c.RevokedOn != nil {
		v.RevokedOn, v.Reason = *c.RevokedOn, c.RevokeReason
	}
	return v, nil
}

// Filter narrows the register.
type Filter struct {
	Year     int
	CourseID int64
	Region   string
	// Limit, when set, reads one page from Offset; the exports read all.
	Limit, Offset int
}

// Register lists the certificates issued (admins only), filtered, in number order, with how
// many the filter matches in all.
func (s *Service) Register(ctx context.Context, actor *web.Principal, f Filter, now time.Time) ([]Certificate, int, error) {
	if !actor.Has(web.RoleAdmin) {
		return nil, 0, web.Forbidden()
	}
	where := []string{"1 = 1"}
	var args []any
	if f.Year > 0 {
		where, args = append(where, "c.year = ?"), append(args, f.Year)
	}
	if f.CourseID > 0 {
		where, args = append(where, "c.run_id IN (SELECT id FROM runs WHERE course_id = ?)"), append(args, f.CourseID)
	}
	if f.Region != "" {
		where, args = append(where, "c.person_id IN (SELECT id FROM persons WHERE region_code = ?)"), append(args, f.Region)
	}
	cond := strings.Join(where, " AND ")
	if f.Limit == 0 {
		list, err := many(ctx, s.db.R, cond, courses.PragueDay(now), args...)
		return list, len(list), err
	}
	var total int
	if err := s.db.R.GetContext(ctx, &total, `SELECT COUNT(*) FROM certificates c WHERE `+cond, args...); err != nil {
		return nil, 0, fmt.Errorf("certificates: count: %w", err)
	}
	list, err := manyPage(ctx, s.db.R, cond, ` LIMIT ? OFFSET ?`, courses.PragueDay(now), append(args, f.Limit, f.Offset)...)
	return list, total, err
}

// Mine lists the actor's own certificates.
func (s *Service) Mine(ctx context.Context, actor *web.Principal, now time.Time) ([]Certificate, error) {
	return many(ctx, s.db.R, "c.person_id = ?", courses.PragueDay(now), actor.ID)
}

// OfRun lists a run's certificates (admins only), for the ZIP of their PDFs.
func (s *Service) OfRun(ctx context.Context, actor *web.Principal, runID int64, now time.Time) ([]Certificate, error) {
	if !actor.Has(web.RoleAdmin) {
		return nil, web.Forbidden()
	}
	if _, err := s.courses.Run(ctx, s.db.R, runID); err != nil {
		return nil, err
	}
	return many(ctx, s.db.R, "c.run_id = ?", courses.PragueDay(now), runID)
}
