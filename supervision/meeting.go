package supervision

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"mentorlms/courses"
	"mentorlms/web"
)

// Kind is the form of a supervision meeting.
type Kind string

// The kinds of supervision: a group of the region's mentors, or one mentor alone.
const (
	Group      Kind = "group"
	Individual Kind = "individual"
)

// Kinds lists the kinds in the order forms offer them.
var Kinds = []Kind{Group, Individual}

// Meeting is a supervision meeting as recorded.
type Meeting struct {
	ID     int64  `db:"id" json:"id"`
	Region string `db:"region_code" json:"region"`
	// RegionName is the region as people call it.
	RegionName string `db:"region_name" json:"region_name"`
	// HeldAt is the instant it began (UTC); HeldOn the day in Prague, which the cadence counts.
	HeldAt       string `db:"held_at" json:"held_at"`
	HeldOn       string `db:"held_on" json:"held_on"`
	Kind         Kind   `db:"kind" json:"kind"`
	SupervisorID *int64 `db:"supervisor_id" json:"supervisor_id,omitempty"`
	// Supervisor is the supervisor's name: the person's, or the external name as typed.
	Supervisor string `db:"supervisor" json:"supervisor"`
	Note       string `db:"note" json:"note"`
	// Attended and Excused name the mentors; a mentor sees only their own line of a meeting.
	Attended  []Attendee `db:"-" json:"attended"`
	Excused   []Attendee `db:"-" json:"excused"`
	CreatedAt string     `db:"created_at" json:"created_at"`
	UpdatedAt string     `db:"updated_at" json:"updated_at"`
}

// Attendee is a mentor named on a meeting.
type Attendee struct {
	PersonID int64  `db:"person_id" json:"person_id"`
	Name     string `db:"name" json:"name"`
	Excused  bool   `db:"excused" json:"-"`
}

// Input is a meeting as a form or the API gives it. The supervisor is a person of the system
// (SupervisorID) or an external name (Supervisor), not both.
type Input struct {
	HeldOn       string  `json:"held_on"`
	Time         string  `json:"time"` // H:MM in Prague; "" means 0:00 for the API, the form asks
	Region       string  `json:"region"`
	Kind         Kind    `json:"kind"`
	SupervisorID int64   `json:"supervisor_id"`
	Supervisor   string  `json:"supervisor"`
	AttendeeIDs  []int64 `json:"attendee_ids"`
	ExcusedIDs   []int64 `json:"excused_ids"`
	Note         string  `json:"note"`
}

// Limits of a meeting's text.
const (
	maxSupervisorName = 200
	maxNote           = 2000
	// maxMentors bounds each list of a meeting: no region has more mentors, and the lists
	// become one query's parameters.
	maxMentors = 500
)

// Validate checks what can be judged without the database and normalizes the input: the
// region's code upper-cased, the kind defaulted to a group, the attendees deduplicated, the
// note's line ends made plain. It returns the instant the meeting began. A meeting that has not
// begun yet by now is refused: supervision is recorded after it took place.
func (in *Input) Validate(now time.Time) (time.Time, web.Fields) {
	var f web.Fields
	in.Region = strings.ToUpper(strings.TrimSpace(in.Region))
	in.Supervisor = strings.TrimSpace(in.Supervisor)
	in.Note = web.Paragraphs(in.Note)
	if in.Kind == "" {
		in.Kind = Group
	}
	var at time.Time
	day, key := web.ParseDate(in.HeldOn)
	switch {
	case strings.TrimSpace(in.HeldOn) == "":
		f.Add("held_on", "supervision.held_on.required")
	case key != "":
		f.Add("held_on", key)
	default:
		in.HeldOn = day.Format(web.DateLayout)
		clock := in.Time
		if strings.TrimSpace(clock) == "" {
			clock = "0:00"
		}
		t, err := courses.LocalTime(in.HeldOn, clock)
		if err != nil {
			f.Add("time", "supervision.time.invalid")
		} else if at = t; t.After(now) {
			f.Add("held_on", "supervision.held_on.future")
		}
	}
	if in.Region == "" {
		f.Add("region", "supervision.region.required")
	}
	if !slices.Contains(Kinds, in.Kind) {
		f.Add("kind", "supervision.kind.invalid")
	}
	switch {
	case in.SupervisorID != 0 && in.Supervisor != "":
		f.Add("supervisor", "supervision.supervisor.both")
	case in.SupervisorID < 0:
		f.Add("supervisor_id", "supervision.supervisor.unknown")
	case in.SupervisorID == 0 && in.Supervisor == "":
		f.Add("supervisor", "supervision.supervisor.required")
	case utf8.RuneCountInString(in.Supervisor) > maxSupervisorName || !web.CleanText(in.Supervisor):
		f.Add("supervisor", "supervision.supervisor.invalid", "Max", maxSupervisorName)
	}
	if utf8.RuneCountInString(in.Note) > maxNote || !web.CleanParagraphs(in.Note) {
		f.Add("note", "supervision.note.invalid", "Max", maxNote)
	}
	in.AttendeeIDs, in.ExcusedIDs = unique(in.AttendeeIDs), unique(in.ExcusedIDs)
	switch {
	case len(in.AttendeeIDs) == 0:
		f.Add("attendee_ids", "supervision.attendees.required")
	case len(in.AttendeeIDs) > maxMentors:
		f.Add("attendee_ids", "supervision.attendees.too_many", "Max", maxMentors)
	case in.Kind == Individual && len(in.AttendeeIDs) > 1:
		f.Add("attendee_ids", "supervision.attendees.individual")
	}
	if len(in.ExcusedIDs) > maxMentors {
		f.Add("excused_ids", "supervision.attendees.too_many", "Max", maxMentors)
	}
	for _, id := range in.ExcusedIDs {
		if slices.Contains(in.AttendeeIDs, id) {
			f.Add("excused_ids", "supervision.excused.both")
			break
		}
	}
	return at, f
}

// named is the set of people the meeting names, attending or excused.
func (m Meeting) named() map[int64]bool {
	out := map[int64]bool{}
	for _, a := range append(append([]Attendee{}, m.Attended...), m.Excused...) {
		out[a.PersonID] = true
	}
	return out
}

// unique returns ids sorted, without repeats.
func unique(ids []int64) []int64 {
	out := slices.Clone(ids)
	slices.Sort(out)
	return slices.Compact(out)
}

// Input is the meeting as its form shows it for correcting: the day and time in Prague.
func (m Meeting) Input() Input {
	in := Input{HeldOn: m.HeldOn, Region: m.Region, Kind: m.Kind, Supervisor: m.Supervisor, Note: m.Note}
	if t, err := time.Parse(time.RFC3339, m.HeldAt); err == nil {
		t = t.In(web.Prague)
		in.Time = fmt.Sprintf("%d:%02d", t.Hour(), t.Minute()) // 9:00, as the form's hint writes it
	}
	if m.SupervisorID != nil {
		in.SupervisorID, in.Supervisor = *m.SupervisorID, ""
	}
	for _, a := range m.Attended {
		in.AttendeeIDs = append(in.AttendeeIDs, a.PersonID)
	}
	for _, e := range m.Excused {
		in.ExcusedIDs = append(in.ExcusedIDs, e.PersonID)
	}
	return in
}
