package courses

import (
	"encoding/json"
	"strings"
	"time"

	"mentorlms/web"
)

// SessionKind says whether a session counts toward theory or practice hours.
type SessionKind string

// The kinds of session.
const (
	Theory   SessionKind = "theory"
	Practice SessionKind = "practice"
)

// Session is one block of teaching in a run. Its instants are stored in UTC; people see them
// in Prague time.
type Session struct {
	ID           int64       `db:"id" json:"id"`
	RunID        int64       `db:"run_id" json:"run_id"`
	StartsAt     string      `db:"starts_at" json:"-"`
	EndsAt       string      `db:"ends_at" json:"-"`
	Minutes      int         `db:"minutes" json:"minutes"`
	Kind         SessionKind `db:"kind" json:"kind"`
	ModuleID     *int64      `db:"module_id" json:"module_id,omitempty"`
	Topic        string      `db:"topic" json:"topic"`
	LecturerID   int64       `db:"lecturer_id" json:"lecturer_id"`
	LecturerName string      `db:"lecturer_name" json:"lecturer_name"`
	CancelledAt  *string     `db:"cancelled_at" json:"cancelled_at,omitempty"`
	CancelReason string      `db:"cancel_reason" json:"cancel_reason,omitempty"`
}

// MarshalJSON shows the session with its instants in RFC 3339 with the Prague offset, as
// people read them, wherever a session goes out as JSON.
func (s Session) MarshalJSON() ([]byte, error) {
	type plain Session
	return json.Marshal(struct {
		plain
		StartsAt string `json:"starts_at"`
		EndsAt   string `json:"ends_at"`
	}{plain(s), s.Start().In(web.Prague).Format(time.RFC3339), s.End().In(web.Prague).Format(time.RFC3339)})
}

// Start is when the session begins.
func (s Session) Start() time.Time { t, _ := time.Parse(time.RFC3339Nano, s.StartsAt); return t }

// End is when the session ends.
func (s Session) End() time.Time { t, _ := time.Parse(time.RFC3339Nano, s.EndsAt); return t }

// Cancelled reports whether the session was called off; it then counts for nothing.
func (s Session) Cancelled() bool { return s.CancelledAt != nil }

// Repeat makes several sessions in one step: Count sessions, EveryDays apart, at the same
// Prague wall-clock time (so 9:00 stays 9:00 across a change of the clocks).
type Repeat struct {
	EveryDays int `json:"every_days"`
	Count     int `json:"count"`
}

// SessionInput is what a form or the API gives for a session. The API sends StartsAt as
// RFC 3339 with an offset; a form sends Date and Time as a person reads them in Prague.
type SessionInput struct {
	StartsAt   string      `json:"starts_at"`
	Date       string      `json:"-"`
	Time       string      `json:"-"`
	Minutes    int         `json:"minutes"`
	Kind       SessionKind `json:"kind"`
	Topic      string      `json:"topic"`
	ModuleID   *int64      `json:"module_id"`
	LecturerID int64       `json:"lecturer_id"`
	Repeat     *Repeat     `json:"repeat"`
}

// Starts resolves the input into the instants of the sessions it asks for, with the problems
// of the fields that say when.
func (in SessionInput) Starts() ([]time.Time, web.Fields) {
	var f web.Fields
	var first time.Time
	if in.StartsAt != "" {
		t, err := time.Parse(time.RFC3339, strings.TrimSpace(in.StartsAt))
		if err != nil {
			f.Add("starts_at", "session.starts_at.invalid")
			return nil, f
		}
		first = t
	} else {
		// The date and the time are judged apart, so that a wrong time (25:70) is named even
		// while the date is wrong too, and is not found only once the date is put right.
		if _, err := time.Parse(web.DateLayout, in.Date); err != nil {
			f.Add("date", "error.date.invalid")
		}
		if _, _, key := Clock(in.Time); key != "" {
			f.Add("time", key, "Time", strings.TrimSpace(in.Time))
		}
		if len(f) > 0 {
			return nil, f
		}
		t, err := LocalTime(in.Date, in.Time)
		if err != nil {
			f.Add("time", err.(*web.Error).Fields["when"].Key)
			return nil, f
		}
		first = t
	}
	rep := Repeat{EveryDays: 7, Count: 1}
	if in.Repeat != nil {
		rep = *in.Repeat
		// Named as the API's body names them; the page's form shows them at its own fields.
		if rep.Count < 1 || rep.Count > 60 {
			f.Add("repeat.count", "course.field.range", "Min", 1, "Max", 60)
		}
		if rep.EveryDays < 1 || rep.EveryDays > 31 {
			f.Add("repeat.every_days", "course.field.range", "Min", 1, "Max", 31)
		}
		if len(f) > 0 {
			return nil, f
		}
	}
	return Expand(first, rep), f
}

// Validate checks the parts of a session input that do not depend on when it is.
func (in SessionInput) Validate() web.Fields {
	var f web.Fields
	if in.Minutes < 15 || in.Minutes > 12*60 {
		f.Add("minutes", "course.field.range", "Min", 15, "Max", 12*60)
	}
	if in.Kind != Theory && in.Kind != Practice {
		f.Add("kind", "session.kind.unknown")
	}
	text(&f, "topic", in.Topic, 300, false, web.CleanText)
	if in.LecturerID <= 0 {
		f.Add("lecturer_id", "session.lecturer.required")
	}
	return f
}
