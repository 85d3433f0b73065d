package supervision

import (
	"slices"
	"strings"
	"unicode/utf8"

	"mentorlms/web"
)

// Continuing education counts hours per person and calendar year: the hours of every course
// the person completed in the product, in the year of the run's last day (when the education
// was over, whenever the completion was recorded), plus hours from outside (a conference
// elsewhere) that a coordinator or an admin enters and an admin approves. A course's hours are
// its theory and practice hours, each read as an hour of education whatever the length of its
// teaching hour. Hours are kept as minutes.

// HoursKind is the kind of event external hours come from.
type HoursKind string

// The kinds of external hours.
const (
	HoursSeminar    HoursKind = "seminar"
	HoursCourse     HoursKind = "course"
	HoursWorkshop   HoursKind = "workshop"
	HoursExcursion  HoursKind = "excursion"
	HoursConference HoursKind = "conference"
	HoursOther      HoursKind = "other"
)

// HoursKinds lists the kinds in the order forms offer them.
var HoursKinds = []HoursKind{HoursSeminar, HoursCourse, HoursWorkshop, HoursExcursion, HoursConference, HoursOther}

// Limits of one entry of external hours: whole or half hours, more than none and at most 200
// hours (a long course elsewhere; more is a typing slip).
const (
	HoursStep       = 30
	MaxEntryMinutes = 200 * 60
	eduMaxText      = 200
)

// ExternalHours is one entry of further education from outside the product. Once approved it
// is locked: neither corrected nor deleted.
type ExternalHours struct {
	ID        int64     `db:"id" json:"id"`
	PersonID  int64     `db:"person_id" json:"person_id"`
	Organiser string    `db:"organiser" json:"organiser"`
	Title     string    `db:"title" json:"title"`
	HeldOn    string    `db:"held_on" json:"held_on"`
	Minutes   int       `db:"minutes" json:"minutes"`
	Kind      HoursKind `db:"kind" json:"kind"`
	// Status is "pending" until an admin approves, then "approved".
	Status         string  `db:"status" json:"status"`
	EnteredBy      *int64  `db:"entered_by" json:"entered_by,omitempty"`
	EnteredByName  string  `db:"entered_by_name" json:"entered_by_name,omitempty"`
	EnteredAt      string  `db:"entered_at" json:"entered_at"`
	ApprovedBy     *int64  `db:"approved_by" json:"approved_by,omitempty"`
	ApprovedByName string  `db:"approved_by_name" json:"approved_by_name,omitempty"`
	ApprovedAt     *string `db:"approved_at" json:"approved_at,omitempty"`
	// PersonName and Region name whose hours they are, for lists across people.
	PersonName string `db:"person_name" json:"person_name"`
	Region     string `db:"region" json:"region"`
}

// Approved reports whether the entry is approved, and so locked.
func (x ExternalHours) Approved() bool { return x.ApprovedAt != nil }

// HoursInput is what a form or the API gives to enter or correct external hours.
type HoursInput struct {
	Organiser string `json:"organiser"`
	Title     string `json:"title"`
	HeldOn    string `json:"held_on"`
	Minutes   int    `json:"minutes"`
	Kind      string `json:"kind"`
}

// Normalize trims the texts and joins runs of spaces.
func (in *HoursInput) Normalize() {
	in.Organiser = strings.Join(strings.Fields(in.Organiser), " ")
	in.Title = strings.Join(strings.Fields(in.Title), " ")
	in.HeldOn = strings.TrimSpace(in.HeldOn)
	in.Kind = strings.TrimSpace(in.Kind)
}

// Validate checks the entry as of today (YYYY-MM-DD): an organiser, a short title at most, a
// day that is neither ahead nor before 1900, whole or half hours from half an hour to 200, and
// a known kind.
func (in HoursInput) Validate(today string) web.Fields {
	var f web.Fields
	eduCheckText(&f, "organiser", in.Organiser, true)
	eduCheckText(&f, "title", in.Title, false)
	eduCheckPast(&f, "held_on", in.HeldOn, today)
	switch {
	case in.Minutes <= 0:
		f.Add("minutes", "education.hours.positive")
	case in.Minutes > MaxEntryMinutes:
		f.Add("minutes", "education.hours.too_many", "Max", MaxEntryMinutes/60)
	case in.Minutes%HoursStep != 0:
		f.Add("minutes", "education.hours.halves")
	}
	if !slices.Contains(HoursKinds, HoursKind(in.Kind)) {
		f.Add("kind", "education.kind.unknown")
	}
	return f
}

// eduCheckText refuses an empty required text, one over eduMaxText characters and one with
// hidden characters: it prints on the transcript.
func eduCheckText(f *web.Fields, field, s string, required bool) {
	switch {
	case required && s == "":
		f.Add(field, "education."+field+".required")
	case utf8.RuneCountInString(s) > eduMaxText:
		f.Add(field, "education.text.too_long", "Max", eduMaxText)
	case !web.CleanText(s):
		f.Add(field, "education.text.hidden")
	}
}

// eduCheckDate refuses what is not a date between 1900 and 2100; an empty optional one passes.
func eduCheckDate(f *web.Fields, field, s string, required bool) bool {
	if s == "" {
		if required {
			f.Add(field, "education.date.required")
		}
		return false
	}
	if _, key := web.ParseDate(s); key != "" {
		f.Add(field, key)
		return false
	}
	return true
}

// eduCheckPast is eduCheckDate for a required day that has already come: what is recorded here
// happened.
func eduCheckPast(f *web.Fields, field, s, today string) bool {
	if !eduCheckDate(f, field, s, true) {
		return false
	}
	if s > today {
		f.Add(field, "education.date.future")
		return false
	}
	return true
}
