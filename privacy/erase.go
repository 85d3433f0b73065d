package privacy

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/audit"
	"mentorlms/db"
	"mentorlms/people"
	"mentorlms/web"
)

// ErasedName is what an erased person is called wherever their name was shown.
const ErasedName = "Vymazaná osoba"

// erasedEmail is the address an erased person's row keeps: unique, and deliverable nowhere
// (.invalid is reserved for that, RFC 2606).
func erasedEmail(id int64) string { return fmt.Sprintf("vymazano-%d@erased.invalid", id) }

// eraseOrder is the order erasure works through the tables: rows that point to others go
// before the rows they point to.
var eraseOrder = []string{"auth_sessions", "api_tokens", "password_links", "second_factors", "recovery_codes",
	"login_challenges", "login_failures", "notifications", "email_off",
	"identifications", "record_checks", "pledges", "mentor_statuses", "mentor_decisions", "supervision_overrides",
	"supervision_attendees", "external_hours", "employments", "absences", "attendance", "exams", "enrollments",
	"person_roles"}

// Outlook is what erasing a person would keep, for the page that confirms it: how many of
// each kind of record the law keeps.
type Outlook struct {
	Person       people.Person
	Certificates int `db:"certificates"`
	Sheets       int `db:"sheets"` // enrolments whose attendance or exams stay
	Evaluations  int `db:"evaluations"`
	Audit        int `db:"audit"`
}

// erasable checks that actor may erase id: an admin, not themself, a person not yet erased.
func (s *Service) erasable(ctx context.Context, q db.Querier, actor *web.Principal, id int64) (people.Person, error) {
	if !actor.Has(web.RoleAdmin) {
		return people.Person{}, web.Forbidden()
	}
	p, err := s.people.Get(ctx, q, id)
	if err != nil {
		return p, err
	}
	switch {
	case p.ID == actor.ID:
		return p, web.Conflict("erase.self")
	case p.Erased:
		return p, web.Conflict("person.erased")
	}
	// Someone who still teaches would leave sessions to a nameless lecturer: the runs get
	// another lecturer first.
	var teaching int
	if err := q.GetContext(ctx, &teaching, `SELECT COUNT(*) FROM sessions s JOIN runs r ON r.id = s.run_id
		WHERE s.lecturer_id = ? AND s.cancelled_at IS NULL AND r.status IN ('planned', 'open', 'running')`, id); err != nil {
		return p, err
	}
	if teaching > 0 {
		return p, web.Conflict("erase.teaching")
	}
	return p, nil
}

// EraseOutlook says what erasing a person keeps.
func (s *Service) EraseOutlook(ctx context.Context, actor *web.Principal, id int64) (Outlook, error) {
	p, err := s.erasable(ctx, s.db.R, actor, id)
	if err != nil {
		return Outlook{Person: p}, err
	}
	o := Outlook{Person: p}
	err = s.db.R.GetContext(ctx, &o, `SELECT
		(SELECT COUNT(*) FROM certificates WHERE person_id = ?1) AS certificates,
		(SELECT COUNT(*) FROM enrollments WHERE person_id = ?1 AND id NOT IN (`+strings.ReplaceAll(erasable, "?", "?1")+`)) AS sheets,
		(SELECT COUNT(*) FROM evaluations WHERE person_id = ?1) AS evaluations,
		(SELECT COUNT(*) FROM audit_log WHERE actor_id = ?1 OR entity = 'person' AND entity_id = ?1) AS audit`, id)
	o.Person = p
	return o, err
}

// Erase anonymises a person in one transaction. Their seats in runs not yet begun go to the
// waitlist first; then everything about them that no law keeps is deleted (the tables'
// Erase); their row keeps only an id, so that certificates (which carry the holder's name and
// birth as issued, and still verify), attendance sheets and exam protocols of accredited runs,
// and anonymous evaluations still point somewhere; in the audit log their name, e-mail and
// addresses are replaced and the snapshots of their profile emptied.
func (s *Service) Erase(ctx context.Context, actor *web.Principal, id int64, now time.Time) error {
	return s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		p, err := s.erasable(ctx, tx, actor, id)
		if err != nil {
			return err
		}
		if s.Depart != nil {
			if err := s.Depart(ctx, tx, actor, id, now); err != nil {
				return err
			}
		}
		// The audit log first, while the enrolments it is scrubbed by still exist.
		if err := scrubAudit(ctx, tx, p); err != nil {
			return err
		}
		for _, name := range eraseOrder {
			for _, stmt := range tables[name].Erase {
				if _, err := tx.ExecContext(ctx, stmt, id); err != nil {
					return fmt.Errorf("privacy: erase %s: %w", name, err)
				}
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE persons SET name = ?, email = ?, titles_before = '', titles_after = '',
			birth_date = NULL, birth_place = '', password_hash = '', lang = '', active = 0, search = '', sort_key = x'',
			calendar_token = '', record_checked_on = NULL, erased_at = ?, updated_at = ? WHERE id = ?`, ErasedName, erasedEmail(id), db.Stamp(now), db.Stamp(now), id); err != nil {
			return fmt.Errorf("privacy: anonymise %d: %w", id, err)
		}
		return audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "person.erase", Entity: "person", EntityID: id})
	})
}

// scrubAudit replaces the person's identity in the audit log: the snapshots of their profile
// are emptied, their e-mail is replaced wherever it stands, their name wherever an entry is
// about them (their enrolments and certificates, and any record that names them by id, as a
// meeting lists its attendees: a namesake's entries keep theirs), and the addresses they
// acted from are dropped.
func scrubAudit(ctx context.Context, tx *sqlx.Tx, p people.Person) error {
	if _, err := tx.ExecContext(ctx, `UPDATE audit_log SET before = '', after = '' WHERE entity = 'person' AND entity_id = ?`,
		p.ID); err != nil {
		return fmt.Errorf("privacy: audit of %d: %w", p.ID, err)
	}
	// The addresses they acted from, and those their failed sign-ins came from.
	if _, err := tx.ExecContext(ctx, `UPDATE audit_log SET addr = '' WHERE actor_id = ?1 OR entity = 'person' AND entity_id = ?1`,
		p.ID); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE audit_log SET before = replace(before, ?1, ?2), after = replace(after, ?1, ?2)
		WHERE instr(before, ?1) > 0 OR instr(after, ?1) > 0`, p.Email, erasedEmail(p.ID)); err != nil {
		return fmt.Errorf("privacy: audit of %d: %w", p.ID, err)
	}
	for _, name := range []string{p.FullName(), p.Name} {
		if name == "" {
			continue
		}
		if _, err := tx.ExecContext(ctx, `UPDATE audit_log SET before = replace(before, ?1, ?2), after = replace(after, ?1, ?2)
			WHERE (instr(before, ?1) > 0 OR instr(after, ?1) > 0) AND (
			  entity = 'enrollment' AND entity_id IN (SELECT id FROM enrollments WHERE person_id = ?3)
			  OR entity = 'certificate' AND entity_id IN (SELECT id FROM certificates WHERE person_id = ?3)
			  OR `+namesID+`)`, name, ErasedName, p.ID); err != nil {
			return fmt.Errorf("privacy: audit of %d: %w", p.ID, err)
		}
		// Messages to others about them (a coordinator told of their overdue supervision)
		// name them in their arguments.
		if _, err := tx.ExecContext(ctx, `UPDATE notifications SET args = replace(args, ?1, ?2) WHERE instr(args, ?1) > 0`,
			name, ErasedName); err != nil {
			return fmt.Errorf("privacy: messages about %d: %w", p.ID, err)
		}
	}
	return nil
}

// namesID is the condition of an audit entry that names person ?3 by id beside their name: as
// a person of a record, the lecturer of a session, the supervisor of a meeting.
var namesID = func() string {
	var or []string
	for _, key := range []string{"person_id", "lecturer_id", "supervisor_id"} {
		for _, end := range []string{",", "}"} {
			or = append(or, `(before || after) LIKE '%"`+key+`":' || ?3 || '`+end+`%'`)
		}
	}
	return strings.Join(or, " OR ")
}()
