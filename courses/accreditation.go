package courses

import (
	"slices"
	"strings"

	"mentorlms/web"
)

// Body is who accredits: the education ministry (requalification, teachers), the labour and
// social affairs ministry (social-service workers) or another body.
type Body string

// The accrediting bodies.
const (
	BodyMSMT  Body = "MSMT"
	BodyMPSV  Body = "MPSV"
	BodyOther Body = "other"
)

// Bodies lists the accrediting bodies.
var Bodies = []Body{BodyMSMT, BodyMPSV, BodyOther}

// Accreditation is a course's accreditation for a period: its number is opaque text such as
// 2014/0998-PC/SP/VP/PP, and its hours are what certificates print.
type Accreditation struct {
	ID            int64  `db:"id" json:"id"`
	CourseID      int64  `db:"course_id" json:"course_id"`
	Body          Body   `db:"body" json:"body"`
	BodyName      string `db:"body_name" json:"body_name,omitempty"`
	Number        string `db:"number" json:"number"`
	ValidFrom     string `db:"valid_from" json:"valid_from"`
	ValidUntil    string `db:"valid_until" json:"valid_until"`
	TheoryHours   int    `db:"theory_hours" json:"theory_hours"`
	PracticeHours int    `db:"practice_hours" json:"practice_hours"`
}

// AccreditInput is what a form or the API gives for an accreditation; hours left out are the
// course's.
type AccreditInput struct {
	Body          Body   `json:"body"`
	BodyName      string `json:"body_name"`
	Number        string `json:"number"`
	ValidFrom     string `json:"valid_from"`
	ValidUntil    string `json:"valid_until"`
	TheoryHours   *int   `json:"theory_hours"`
	PracticeHours *int   `json:"practice_hours"`
}

// Accreditation builds the accreditation of course c from the input.
func (in AccreditInput) Accreditation(c Course) Accreditation {
	a := Accreditation{CourseID: c.ID, Body: in.Body, BodyName: strings.TrimSpace(in.BodyName),
		Number: strings.TrimSpace(in.Number), ValidFrom: strings.TrimSpace(in.ValidFrom),
		ValidUntil: strings.TrimSpace(in.ValidUntil), TheoryHours: c.TheoryHours, PracticeHours: c.PracticeHours}
	if in.TheoryHours != nil {
		a.TheoryHours = *in.TheoryHours
	}
	if in.PracticeHours != nil {
		a.PracticeHours = *in.PracticeHours
	}
	return a
}

// Validate checks an accreditation on its own.
func (a Accreditation) Validate() web.Fields {
	var f web.Fields
	if !slices.Contains(Bodies, a.Body) {
		f.Add("body", "accreditation.body.unknown")
	}
	if a.Body == BodyOther && a.BodyName == "" {
		f.Add("body_name", "accreditation.body_name.required")
	}
	if a.Number == "" {
		f.Add("number", "accreditation.number.required")
	}
	text(&f, "number", a.Number, 100, false, web.CleanText)
	from, errFrom := web.ParseDate(a.ValidFrom)
	until, errUntil := web.ParseDate(a.ValidUntil)
	if errFrom != "" {
		f.Add("valid_from", errFrom)
	}
	if errUntil != "" {
		f.Add("valid_until", errUntil)
	}
	if errFrom == "" && errUntil == "" && until.Before(from) {
		f.Add("valid_until", "accreditation.until.before_from")
	}
	for field, h := range map[string]int{"theory_hours": a.TheoryHours, "practice_hours": a.PracticeHours} {
		if h < 0 || h > MaxHours {
			f.Add(field, "course.field.range", "Min", 0, "Max", MaxHours)
		}
	}
	if a.TheoryHours+a.PracticeHours == 0 {
		f.Add("theory_hours", "accreditation.hours.none")
	}
	return f
}

// ValidOn reports whether the accreditation covers the calendar day (YYYY-MM-DD), both ends
// included.
func (a Accreditation) ValidOn(day string) bool {
	return a.ValidFrom <= day && day <= a.ValidUntil
}
