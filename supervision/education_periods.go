package supervision

import (
	"slices"
	"strings"

	"mentorlms/web"
)

// Job is one period of a person's employment, which the yearly target of further education
// runs for, with the last day of its probation period, during which it does not.
type Job struct {
	ID       int64  `db:"id" json:"id"`
	PersonID int64  `db:"person_id" json:"person_id"`
	From     string `db:"from_on" json:"from"`
	// Until is the last day employed, nil while the job goes on.
	Until *string `db:"until_on" json:"until"`
	// ProbationEnds is the last day of the probation period, nil for none.
	ProbationEnds *string `db:"probation_ends" json:"probation_ends"`
	EnteredBy     *int64  `db:"entered_by" json:"entered_by,omitempty"`
	EnteredByName string  `db:"entered_by_name" json:"entered_by_name,omitempty"`
	EnteredAt     string  `db:"entered_at" json:"entered_at"`
}

// UntilDay is the last day employed, "" while the job goes on.
func (j Job) UntilDay() string { return dayOrEmpty(j.Until) }

// ProbationDay is the last day of the probation period, "" for none.
func (j Job) ProbationDay() string { return dayOrEmpty(j.ProbationEnds) }

// JobInput is what a form or the API gives for a period of employment; "" leaves Until open
// and means no probation period.
type JobInput struct {
	From          string `json:"from"`
	Until         string `json:"until"`
	ProbationEnds string `json:"probation_ends"`
}

// Normalize trims the dates.
func (in *JobInput) Normalize() {
	in.From, in.Until, in.ProbationEnds = strings.TrimSpace(in.From), strings.TrimSpace(in.Until), strings.TrimSpace(in.ProbationEnds)
}

// MaxProbationMonths bounds a probation period: the Labour Code (§ 35) allows at most six
// months, for a manager; three for anyone else, which the form does not tell apart.
const MaxProbationMonths = 6

// Validate checks a period of employment as of today: it began on a day that has come; it
// ends (if it does) no earlier than it began; its probation period ends within it and within
// MaxProbationMonths of its start. Whether it
// periodsOverlap the person's other jobs is the service's to check.
func (in JobInput) Validate(today string) web.Fields {
	var f web.Fields
	from := eduCheckPast(&f, "from", in.From, today)
	if eduCheckDate(&f, "until", in.Until, false) && from && in.Until < in.From {
		f.Add("until", "education.until.before_from")
	}
	if eduCheckDate(&f, "probation_ends", in.ProbationEnds, false) && from {
		switch {
		case in.ProbationEnds < in.From:
			f.Add("probation_ends", "education.probation.before_from")
		case in.Until != "" && in.ProbationEnds > in.Until:
			f.Add("probation_ends", "education.probation.after_until")
		case in.ProbationEnds >= AddMonths(in.From, MaxProbationMonths):
			f.Add("probation_ends", "education.probation.too_long", "Count", MaxProbationMonths)
		}
	}
	return f
}

// AbsenceKind is why a person is away from work for long.
type AbsenceKind string

// The kinds of absence.
const (
	AbsenceParental AbsenceKind = "parental_leave"
	AbsenceIllness  AbsenceKind = "illness"
	AbsenceOther    AbsenceKind = "other"
)

// AbsenceKinds lists the kinds in the order forms offer them.
var AbsenceKinds = []AbsenceKind{AbsenceParental, AbsenceIllness, AbsenceOther}

// Absence is a span of time a person was away from work; one longer than a month takes its
// whole months off the yearly target.
type Absence struct {
	ID       int64       `db:"id" json:"id"`
	PersonID int64       `db:"person_id" json:"person_id"`
	Kind     AbsenceKind `db:"kind" json:"kind"`
	From     string      `db:"from_on" json:"from"`
	// Until is the last day away, nil while the absence goes on.
	Until         *string `db:"until_on" json:"until"`
	EnteredBy     *int64  `db:"entered_by" json:"entered_by,omitempty"`
	EnteredByName string  `db:"entered_by_name" json:"entered_by_name,omitempty"`
	EnteredAt     string  `db:"entered_at" json:"entered_at"`
}

// UntilDay is the last day away, "" while the absence goes on.
func (a Absence) UntilDay() string { return dayOrEmpty(a.Until) }

// AbsenceInput is what a form or the API gives for an absence; "" leaves Until open.
type AbsenceInput struct {
	Kind  string `json:"kind"`
	From  string `json:"from"`
	Until string `json:"until"`
}

// Normalize trims the fields.
func (in *AbsenceInput) Normalize() {
	in.Kind, in.From, in.Until = strings.TrimSpace(in.Kind), strings.TrimSpace(in.From), strings.TrimSpace(in.Until)
}

// Validate checks an absence as of today: a known kind, begun on a day that has come, ending
// (if it does) no earlier than it began.
func (in AbsenceInput) Validate(today string) web.Fields {
	var f web.Fields
	if !slices.Contains(AbsenceKinds, AbsenceKind(in.Kind)) {
		f.Add("kind", "education.absence.kind.unknown")
	}
	from := eduCheckPast(&f, "from", in.From, today)
	if eduCheckDate(&f, "until", in.Until, false) && from && in.Until < in.From {
		f.Add("until", "education.until.before_from")
	}
	return f
}

// periodsOverlap reports whether two periods have a day in common; an open end runs for ever.
func periodsOverlap(aFrom string, aUntil *string, bFrom string, bUntil *string) bool {
	return (aUntil == nil || bFrom <= *aUntil) && (bUntil == nil || aFrom <= *bUntil)
}

// employmentOf turns a person's records into what the pro-rata rule reads.
func employmentOf(jobs []Job, absences []Absence) Employment {
	var e Employment
	for _, j := range jobs {
		e.Jobs = append(e.Jobs, Period{From: j.From, Until: dayOrEmpty(j.Until)})
		if j.ProbationEnds != nil {
			e.Probations = append(e.Probations, Period{From: j.From, Until: *j.ProbationEnds})
		}
	}
	for _, a := range absences {
		e.Absences = append(e.Absences, Period{From: a.From, Until: dayOrEmpty(a.Until)})
	}
	return e
}

// dayOrEmpty is a emptyAsNull text as a string, "" for null.
func dayOrEmpty(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// emptyAsNull is a string as a emptyAsNull text, null for "".
func emptyAsNull(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}
