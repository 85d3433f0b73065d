package attendance

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base32"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/audit"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/web"
)

// Self check-in: the lecturer shows a QR code that changes every CheckinPeriod; a code is
// accepted while it is shown and for one period after, which is time enough to scan it and
// too little to pass a photo of it on.
const (
	CheckinPeriod = 30 * time.Second
	CheckinGrace  = 15 * time.Minute
)

// CheckinOpen reports whether a session takes check-ins at now: it is not called off, and now
// lies between CheckinGrace before its start and its end. A check-in confirms an arrival, so
// none is taken once the session is over.
func CheckinOpen(ss courses.Session, now time.Time) bool {
	return !ss.Cancelled() && !now.Before(ss.Start().Add(-CheckinGrace)) && now.Before(ss.End())
}

// Arrival is how a check-in at now counts: present for the whole session up to CheckinGrace
// after the start, later a late arrival with the minutes left until the end.
func Arrival(ss courses.Session, now time.Time) (Presence, int) {
	if !now.After(ss.Start().Add(CheckinGrace)) {
		return Present, ss.Minutes
	}
	return Late, max(1, min(ss.Minutes-1, int(ss.End().Sub(now)/time.Minute)))
}

// CheckinCode is the code shown for a session at now. It is an HMAC of the session and the
// period, so it cannot be guessed, and it never serves another session.
func (s *Service) CheckinCode(sessionID int64, now time.Time) string {
	return s.codeFor(sessionID, now.Unix()/int64(CheckinPeriod/time.Second))
}

func (s *Service) codeFor(sessionID, period int64) string {
	return s.sign(fmt.Sprintf("checkin:%d:%d", sessionID, period))
}

// TicketLife is how long a scanned code stays good for someone who must sign in first: the
// code itself changes too fast to survive the sign-in page.
const TicketLife = 10 * time.Minute

// Ticket turns a code scanned at now into one that lasts TicketLife: the time it was issued
// and an HMAC of the session and that time. Only a code valid at now earns one.
func (s *Service) Ticket(sessionID int64, now time.Time) string {
	at := strconv.FormatInt(now.Unix(), 10)
	return at + "-" + s.sign("ticket:"+strconv.FormatInt(sessionID, 10)+":"+at)
}

// validTicket accepts a ticket of the session issued within TicketLife before now.
func (s *Service) validTicket(sessionID int64, ticket string, now time.Time) bool {
	at, mac, ok := strings.Cut(ticket, "-")
	unix, err := strconv.ParseInt(at, 10, 64)
	if !ok || err != nil {
		return false
	}
	age := now.Sub(time.Unix(unix, 0))
	if age < 0 || age > TicketLife {
		return false
	}
	return hmac.Equal([]byte(mac), []byte(s.sign("ticket:"+strconv.FormatInt(sessionID, 10)+":"+at)))
}

// ValidScan accepts what a scan brings: the current code, or a ticket from a recent one.
func (s *Service) ValidScan(sessionID int64, code string, now time.Time) bool {
	return len(s.CheckinKey) > 0 && (s.validCode(sessionID, code, now) || s.validTicket(sessionID, code, now))
}

// sign is an HMAC of msg under the check-in key, 16 characters of base32.
func (s *Service) sign(msg string) string {
	m := hmac.New(sha256.New, s.CheckinKey)
	m.Write([]byte(msg))
	return base32.StdEncoding.EncodeToString(m.Sum(nil))[:16]
}

// ValidCode accepts only a code as the lecturer's screen shows it, never a ticket: the one scan
// that may mint a ticket.
func (s *Service) ValidCode(sessionID int64, code string, now time.Time) bool {
	return len(s.CheckinKey) > 0 && s.validCode(sessionID, code, now)
}

// validCode accepts the code of the current period or the one before.
func (s *Service) validCode(sessionID int64, code string, now time.Time) bool {
	p := now.Unix() / int64(CheckinPeriod/time.Second)
	for _, period := range []int64{p, p - 1} {
		if hmac.Equal([]byte(code), []byte(s.codeFor(sessionID, period))) {
			return true
		}
	}
	return false
}

// admit checks a check-in without making it, in the order a person should learn of a refusal:
// that they are not enrolled (whatever the code), that the session takes no check-ins now, that
// the code has expired. The line comes back whenever the person is enrolled, refused or not.
func (s *Service) admit(ctx context.Context, q db.Querier, actor *web.Principal, sessionID int64, code string, now time.Time) (courses.Session, Line, error) {
	ss, l, err := s.own(ctx, q, actor, sessionID)
	if err != nil {
		return ss, Line{}, err
	}
	if !CheckinOpen(ss, now) {
		return ss, l, web.Conflict("attendance.checkin.closed")
	}
	if !s.ValidScan(sessionID, code, now) {
		var f web.Fields
		f.Add("code", "attendance.checkin.code")
		return ss, l, f.Err()
	}
	return ss, l, nil
}

// Checkin marks the actor's arrival at a session when they scan its current code during it
// (see Arrival). Any mark the lecturer gave stands; an apology or nothing yet turns into the
// arrival.
func (s *Service) Checkin(ctx context.Context, actor *web.Principal, sessionID int64, code string, now time.Time) (Line, error) {
	var out Line
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		ss, l, err := s.admit(ctx, tx, actor, sessionID, code, now)
		if err != nil {
			return err
		}
		out = l
		if l.Marked() && l.Source != SourceApology {
			return nil // the lecturer's mark, or an earlier check-in, stands
		}
		st, minutes := Arrival(ss, now)
		if err := putMark(ctx, tx, sessionID, l.EnrollmentID, st, minutes, SourceCheckin, "", actor.ID, db.Stamp(now)); err != nil {
			return err
		}
		out.Status, out.Minutes, out.Source, out.RecordedAt = &st, minutes, SourceCheckin, new(db.Stamp(now))
		before := map[string]markView{}
		if l.Marked() {
			before[auditKey(l.PersonID)] = markView{Name: l.Name, Status: *l.Status, Minutes: l.Minutes, Source: l.Source}
		}
		if err := audit.Record(ctx, tx, now, audit.Change{ActorID: actor.ID, Action: "attendance.checkin", Entity: "session",
			EntityID: sessionID, Before: before,
			After: map[string]markView{auditKey(l.PersonID): {Name: l.Name, Status: st, Minutes: minutes, Source: SourceCheckin}}}); err != nil {
			return err
		}
		r, err := s.courses.Run(ctx, tx, ss.RunID)
		if err != nil {
			return err
		}
		return s.settle(ctx, tx, r, []int64{l.EnrollmentID}, now)
	})
	return out, err
}
