package attendance

import (
	"slices"
	"strings"
	"unicode/utf8"

	"mentorlms/web"
)

// The parts an exam may have; each one held must be passed.
var examParts = []string{"written", "oral", "practical"}

// CommissionSize is how many sit on the exam commission, one of them its chair.
const CommissionSize = 3

// ExamPart is one part of an attempt and whether it was passed.
type ExamPart struct {
	Part   string `json:"part"`
	Passed bool   `json:"passed"`
}

// Member is a member of the exam commission.
type Member struct {
	Name  string `json:"name"`
	Chair bool   `json:"chair"`
}

// ExamInput is an attempt as a lecturer records it. A missed attempt needs only its day and,
// once the person excused themself, the day of the excuse.
type ExamInput struct {
	HeldOn          string     `json:"held_on"`
	Passed          *bool      `json:"passed"`
	Missed          bool       `json:"missed"`
	ExcusedOn       string     `json:"excused_on"`
	IdentityChecked bool       `json:"identity_checked"`
	Parts           []ExamPart `json:"parts"`
	Commission      []Member   `json:"commission"`
}

// Outcome is what the input says happened.
func (in ExamInput) Outcome() ExamOutcome {
	switch {
	case in.Missed:
		return ExamMissed
	case in.Passed != nil && *in.Passed:
		return ExamPassed
	}
	return ExamFailed
}

// Validate checks the input on its own; today (YYYY-MM-DD in Prague) bounds the dates, since a
// result is recorded after the exam.
func (in *ExamInput) Validate(today string) web.Fields {
	var f web.Fields
	in.HeldOn = strings.TrimSpace(in.HeldOn)
	in.ExcusedOn = strings.TrimSpace(in.ExcusedOn)
	if !validDay(in.HeldOn) {
		f.Add("held_on", "exam.held_on.invalid")
	} else if in.HeldOn > today {
		f.Add("held_on", "exam.held_on.future")
	}
	if in.Missed {
		if in.Passed != nil && *in.Passed {
			f.Add("passed", "exam.missed.passed")
		}
		if len(in.Parts) > 0 {
			f.Add("parts", "exam.missed.parts")
		}
		if in.ExcusedOn != "" && (!validDay(in.ExcusedOn) || in.ExcusedOn < in.HeldOn || in.ExcusedOn > today) {
			f.Add("excused_on", "exam.excused_on.invalid")
		}
		return f
	}
	if in.ExcusedOn != "" {
		f.Add("excused_on", "exam.excused_on.not_missed")
	}
	if in.Passed == nil {
		f.Add("passed", "exam.passed.required")
	}
	if !in.IdentityChecked {
		f.Add("identity_checked", "exam.identity.required")
	}
	in.validateParts(&f)
	in.validateCommission(&f)
	return f
}

func (in ExamInput) validateParts(f *web.Fields) {
	if len(in.Parts) == 0 {
		f.Add("parts", "exam.parts.required")
		return
	}
	seen := map[string]bool{}
	all := true
	for _, p := range in.Parts {
		if !slices.Contains(examParts, p.Part) || seen[p.Part] {
			f.Add("parts", "exam.parts.invalid")
			return
		}
		seen[p.Part] = true
		all = all && p.Passed
	}
	if in.Passed != nil && *in.Passed != all {
		f.Add("passed", "exam.passed.parts")
	}
}

func (in *ExamInput) validateCommission(f *web.Fields) {
	chairs := 0
	names := map[string]bool{}
	for i := range in.Commission {
		m := &in.Commission[i]
		m.Name = strings.TrimSpace(m.Name)
		key := strings.ToLower(m.Name)
		if m.Name == "" || utf8.RuneCountInString(m.Name) > 200 || !web.CleanText(m.Name) || names[key] {
			f.Add("commission", "exam.commission.names")
			return
		}
		names[key] = true
		if m.Chair {
			chairs++
		}
	}
	if len(in.Commission) != CommissionSize || chairs != 1 {
		f.Add("commission", "exam.commission.size")
	}
}

func validDay(s string) bool {
	_, key := web.ParseDate(s)
	return key == ""
}

// Record is one attempt as kept.
type Record struct {
	ID              int64       `db:"id" json:"id"`
	EnrollmentID    int64       `db:"enrollment_id" json:"enrollment_id"`
	Attempt         int         `db:"attempt" json:"attempt"`
	HeldOn          string      `db:"held_on" json:"held_on"`
	Outcome         ExamOutcome `db:"outcome" json:"outcome"`
	ExcusedOn       *string     `db:"excused_on" json:"excused_on,omitempty"`
	IdentityChecked bool        `db:"identity_checked" json:"identity_checked"`
	PartsJSON       string      `db:"parts" json:"-"`
	CommissionJSON  string      `db:"commission" json:"-"`
	Parts           []ExamPart  `db:"-" json:"parts"`
	Commission      []Member    `db:"-" json:"commission"`
	RecordedAt      string      `db:"recorded_at" json:"recorded_at"`
}

// attempt is the record as the rules see it.
func (r Record) attempt() Attempt {
	a := Attempt{HeldOn: r.HeldOn, Outcome: r.Outcome}
	if r.ExcusedOn != nil {
		a.ExcusedOn = *r.ExcusedOn
	}
	return a
}

// Chair is the name of the commission's chair.
func (r Record) Chair() string {
	for _, m := range r.Commission {
		if m.Chair {
			return m.Name
		}
	}
	return ""
}
