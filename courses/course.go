package courses

import (
	"slices"
	"strings"
	"unicode/utf8"

	"mentorlms/web"
)

// Kind is what sort of education a course is.
type Kind string

// The kinds of courses the program runs.
const (
	KindRequalification   Kind = "requalification"
	KindAccreditedSeminar Kind = "accredited_seminar"
	KindCourse            Kind = "course"
	KindWorkshop          Kind = "workshop"
	KindExcursion         Kind = "excursion"
	KindConference        Kind = "conference"
	KindOnlineSeminar     Kind = "online_seminar"
)

// Kinds lists every kind in the order they are offered.
var Kinds = []Kind{KindRequalification, KindAccreditedSeminar, KindCourse, KindWorkshop, KindExcursion,
	KindConference, KindOnlineSeminar}

// Course is a course of the catalog: what is taught, for how long and on what terms.
type Course struct {
	ID               int64  `db:"id" json:"id"`
	Code             string `db:"code" json:"code"`
	Title            string `db:"title" json:"title"`
	Kind             Kind   `db:"kind" json:"kind"`
	Description      string `db:"description" json:"description"`
	TargetGroup      string `db:"target_group" json:"target_group"`
	TheoryHours      int    `db:"theory_hours" json:"theory_hours"`
	PracticeHours    int    `db:"practice_hours" json:"practice_hours"`
	TheoryMinutes    int    `db:"theory_minutes" json:"theory_minutes_per_hour"`
	PracticeMinutes  int    `db:"practice_minutes" json:"practice_minutes_per_hour"`
	MinAttendancePct int    `db:"min_attendance_pct" json:"min_attendance_pct"`
	RequiresExam     bool   `db:"requires_exam" json:"requires_exam"`
	// RequiresBirthPlace: the course's certificates state the holder's place of birth.
	RequiresBirthPlace bool    `db:"requires_birth_place" json:"requires_birth_place"`
	ValidityMonths     int     `db:"validity_months" json:"validity_months"`
	MinAge             int     `db:"min_age" json:"min_age"`
	CreatedAt          string  `db:"created_at" json:"created_at"`
	UpdatedAt          string  `db:"updated_at" json:"updated_at"`
	Prerequisites      []int64 `db:"-" json:"prerequisite_ids"`
}

// NeedsAccreditation reports whether runs of the course may only take place under a valid
// accreditation.
func (c Course) NeedsAccreditation() bool {
	return c.Kind == KindRequalification || c.Kind == KindAccreditedSeminar
}

// CourseInput is what a form or the API gives to create or change a course. Pointers tell an
// omitted value (take the default) from a zero.
type CourseInput struct {
	Code               string         `json:"code"`
	Title              string         `json:"title"`
	Kind               Kind           `json:"kind"`
	Description        string         `json:"description"`
	TargetGroup        string         `json:"target_group"`
	TheoryHours        int            `json:"theory_hours"`
	PracticeHours      int            `json:"practice_hours"`
	TheoryMinutes      *int           `json:"theory_minutes_per_hour"`
	PracticeMinutes    *int           `json:"practice_minutes_per_hour"`
	MinAttendancePct   *int           `json:"min_attendance_pct"`
	RequiresExam       bool           `json:"requires_exam"`
	RequiresBirthPlace bool           `json:"requires_birth_place"`
	ValidityMonths     int            `json:"validity_months"`
	MinAge             *int           `json:"min_age"`
	Prerequisites      []int64        `json:"prerequisite_ids"`
	Accreditation      *AccreditInput `json:"accreditation"`
}

// Course applies the defaults of DOMAIN.md: a teaching hour of 45 minutes, a practice hour of
// 60, 80 % attendance and a minimum age of 18.
func (in CourseInput) Course() Course {
	c := Course{Code: strings.TrimSpace(in.Code), Title: strings.Join(strings.Fields(in.Title), " "), Kind: in.Kind,
		Description: web.Paragraphs(in.Description), TargetGroup: strings.TrimSpace(in.TargetGroup),
		TheoryHours: in.TheoryHours, PracticeHours: in.PracticeHours, TheoryMinutes: 45, PracticeMinutes: 60,
		MinAttendancePct: 80, RequiresExam: in.RequiresExam, RequiresBirthPlace: in.RequiresBirthPlace, ValidityMonths: in.ValidityMonths, MinAge: 18,
		Prerequisites: unique(in.Prerequisites)}
	if in.TheoryMinutes != nil {
		c.TheoryMinutes = *in.TheoryMinutes
	}
	if in.PracticeMinutes != nil {
		c.PracticeMinutes = *in.PracticeMinutes
	}
	if in.MinAttendancePct != nil {
		c.MinAttendancePct = *in.MinAttendancePct
	}
	if in.MinAge != nil {
		c.MinAge = *in.MinAge
	}
	return c
}

// MaxHours bounds the teaching hours of each kind in a course, a module or an accreditation: far
// above any real course (the requalification course has 100), and low enough that no sum of
// minutes anywhere can overflow.
const MaxHours = 2000

// text checks a typed text field: present when required, at most max characters, and clean
// (web.CleanText, or web.CleanParagraphs for text typed in paragraphs). A field that already has
// a message keeps it.
func text(f *web.Fields, field, v string, max int, required bool, clean func(string) bool) {
	switch n := utf8.RuneCountInString(v); {
	case required && n == 0:
		f.Add(field, "course.field.required")
	case n > max:
		f.Add(field, "course.field.too_long", "Max", max)
	case !clean(v):
		f.Add(field, "course.field.invalid_text")
	}
}

// Validate checks a course on its own; the database checks the code's uniqueness and the
// prerequisites' existence.
func (c Course) Validate() web.Fields {
	var f web.Fields
	text(&f, "code", c.Code, 30, true, web.CleanText)
	text(&f, "title", c.Title, 200, true, web.CleanText)
	// The description is typed in paragraphs.
	text(&f, "description", c.Description, 5000, false, web.CleanParagraphs)
	text(&f, "target_group", c.TargetGroup, 500, false, web.CleanText)
	if !slices.Contains(Kinds, c.Kind) {
		f.Add("kind", "course.kind.unknown")
	}
	between := func(field string, v, lo, hi int) {
		if v < lo || v > hi {
			f.Add(field, "course.field.range", "Min", lo, "Max", hi)
		}
	}
	between("theory_hours", c.TheoryHours, 0, MaxHours)
	between("practice_hours", c.PracticeHours, 0, MaxHours)
	if c.TheoryHours+c.PracticeHours == 0 {
		f.Add("theory_hours", "course.hours.none")
	}
	between("theory_minutes_per_hour", c.TheoryMinutes, 15, 120)
	between("practice_minutes_per_hour", c.PracticeMinutes, 15, 120)
	between("min_attendance_pct", c.MinAttendancePct, 1, 100)
	between("validity_months", c.ValidityMonths, 0, 600)
	between("min_age", c.MinAge, 15, 99)
	if c.Kind == KindRequalification && c.ValidityMonths != 0 {
		f.Add("validity_months", "course.validity.requalification") // DOMAIN: they never expire
	}
	if slices.Contains(c.Prerequisites, c.ID) && c.ID != 0 {
		f.Add("prerequisite_ids", "course.prerequisite.self")
	}
	if len(c.Prerequisites) > MaxPrerequisites {
		f.Add("prerequisite_ids", "course.prerequisite.too_many", "Max", MaxPrerequisites)
	}
	return f
}

// MaxPrerequisites bounds the courses one course may require: far more than any programme
// needs, and few enough that checking them costs nothing.
const MaxPrerequisites = 20

// Module is one part of a course's curriculum.
type Module struct {
	ID            int64  `db:"id" json:"id"`
	CourseID      int64  `db:"course_id" json:"course_id"`
	Position      int    `db:"position" json:"position"`
	Title         string `db:"title" json:"title"`
	TheoryHours   int    `db:"theory_hours" json:"theory_hours"`
	PracticeHours int    `db:"practice_hours" json:"practice_hours"`
}

// Validate checks a module on its own.
func (m Module) Validate() web.Fields {
	var f web.Fields
	text(&f, "title", m.Title, 200, true, web.CleanText)
	if m.TheoryHours < 0 || m.TheoryHours > MaxHours {
		f.Add("theory_hours", "course.field.range", "Min", 0, "Max", MaxHours)
	}
	if m.PracticeHours < 0 || m.PracticeHours > MaxHours {
		f.Add("practice_hours", "course.field.range", "Min", 0, "Max", MaxHours)
	}
	if m.TheoryHours+m.PracticeHours == 0 {
		f.Add("theory_hours", "module.hours.none")
	}
	return f
}
