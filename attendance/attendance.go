package attendance

import (
	"fmt"

	"mentorlms/web"
)

// Presence is how a person attended one session.
type Presence string

// The marks a lecturer gives. Late covers leaving early too: what counts is the minutes.
const (
	Present Presence = "present"
	Late    Presence = "late"
	Excused Presence = "excused"
	Absent  Presence = "absent"
)

// Presences lists the marks in the order a lecturer's page offers them.
var Presences = []Presence{Present, Late, Excused, Absent}

// Where a mark came from: the lecturer, the person's apology in advance, or their own check-in.
const (
	SourceLecturer = "lecturer"
	SourceApology  = "apology"
	SourceCheckin  = "checkin"
)

// MarkInput is one line of a roster being saved: who, and how they attended. Minutes are
// given for a late arrival or early leave; for the other marks they follow from the mark.
type MarkInput struct {
	PersonID int64    `json:"person_id"`
	Status   Presence `json:"status"`
	Minutes  *int     `json:"minutes,omitempty"`
}

// counted is how many minutes a mark counts in a session of length minutes.
func (m MarkInput) counted(length int) int {
	switch m.Status {
	case Present:
		return length
	case Late:
		return *m.Minutes
	}
	return 0
}

// validate checks one line against the session's length; field names the line in the reply.
func (m MarkInput) validate(f *web.Fields, field string, length int) {
	switch m.Status {
	case Late:
		if m.Minutes == nil || *m.Minutes < 1 || *m.Minutes >= length {
			f.Add(field+".minutes", "attendance.minutes.late", "Max", length-1)
		}
	case Present, Excused, Absent:
		// Minutes that agree with the mark are harmless; others betray a mistake.
		if m.Minutes != nil && *m.Minutes != m.counted(length) {
			f.Add(field+".minutes", "attendance.minutes.only_late")
		}
	default:
		f.Add(field+".status", "attendance.status.invalid")
	}
}

// Line is one person on a session's attendance list, with their mark if there is one.
type Line struct {
	EnrollmentID int64     `db:"enrollment_id" json:"enrollment_id"`
	PersonID     int64     `db:"person_id" json:"person_id"`
	Name         string    `db:"name" json:"name"`
	Enrolled     bool      `db:"enrolled" json:"enrolled"`
	Status       *Presence `db:"status" json:"status"`
	Minutes      int       `db:"minutes" json:"minutes"`
	Source       string    `db:"source" json:"source,omitempty"`
	Note         string    `db:"note" json:"note,omitempty"`
	RecordedAt   *string   `db:"recorded_at" json:"recorded_at,omitempty"`
}

// Marked reports whether the line has a mark.
func (l Line) Marked() bool { return l.Status != nil }

// markView is a mark as the audit log keeps it.
type markView struct {
	Name    string   `json:"name"`
	Status  Presence `json:"status"`
	Minutes int      `json:"minutes"`
	Source  string   `json:"source"`
}

func auditKey(personID int64) string { return fmt.Sprintf("person %d", personID) }
