package attendance

import (
	"time"

	"mentorlms/courses"
	"mentorlms/web"
)

// Outcome of one attempt at the final exam.
type ExamOutcome string

// The outcomes of an attempt.
const (
	ExamPassed ExamOutcome = "passed"
	ExamFailed ExamOutcome = "failed"
	ExamMissed ExamOutcome = "missed"
)

// The exam's time limits: one resit, and a replacement for a missed exam, within 30 days;
// an excuse for a missed exam within 3 working days.
const (
	ResitDays      = 30
	ExcuseWorkdays = 3
)

// Attempt is one attempt at the exam as the rules see it.
type Attempt struct {
	HeldOn    string      // YYYY-MM-DD
	Outcome   ExamOutcome //
	ExcusedOn string      // for a missed attempt: the day the chair was told, or ""
}

// ExcusedInTime reports whether a missed attempt was excused to the chair within three
// working days of the exam.
func (a Attempt) ExcusedInTime() bool {
	if a.Outcome != ExamMissed || a.ExcusedOn == "" {
		return false
	}
	held, err1 := time.Parse(web.DateLayout, a.HeldOn)
	excused, err2 := time.Parse(web.DateLayout, a.ExcusedOn)
	if err1 != nil || err2 != nil || excused.Before(held) {
		return false
	}
	return !excused.After(courses.AddWorkingDays(held, ExcuseWorkdays))
}

// counts reports whether the attempt uses up one of the two tries: a failure does, and so does
// a missed exam that was not excused in time (it is judged as failed). An excused miss does not.
func (a Attempt) counts() bool {
	return a.Outcome == ExamFailed || (a.Outcome == ExamMissed && !a.ExcusedInTime())
}

// ExamState is where a person stands with the exam.
type ExamState struct {
	Passed bool `json:"passed"`
	// Exhausted: both tries are used up without a pass.
	Exhausted bool `json:"exhausted"`
	// NextBy is the last day the next attempt may be held (a resit or a replacement), or ""
	// when no deadline runs yet.
	NextBy string `json:"next_by,omitempty"`
	// Last is the day of the latest attempt, or "".
	Last string `json:"last_on,omitempty"`
}

// Exam works out the state from the attempts in the order they were held, for a run that
// ends on runEndsOn. The first exam may be held up to ExamGraceDays after the run's last day.
// A failure (or a miss not excused in time) allows one resit within 30 days of it; a miss
// excused in time is replaced within 30 days of it without using up a try. The 30 days run
// from the first miss or failure of a try and are not extended by further excused misses, so
// an exam cannot be put off without end.
func Exam(attempts []Attempt, runEndsOn string) ExamState {
	var st ExamState
	if runEndsOn != "" {
		st.NextBy = addDays(runEndsOn, ExamGraceDays)
	}
	tries := 0
	anchor := "" // the day the current try's 30 days began
	for _, a := range attempts {
		st.Last = a.HeldOn
		switch {
		case a.Outcome == ExamPassed:
			st.Passed, st.NextBy = true, ""
			return st
		case a.counts():
			tries++
			anchor = a.HeldOn
		case anchor == "":
			anchor = a.HeldOn // an excused miss opens its 30 days
		}
		if tries >= 2 {
			st.Exhausted, st.NextBy = true, ""
			return st
		}
		st.NextBy = addDays(anchor, ResitDays)
	}
	return st
}

// CanSit says whether an attempt may be recorded on day, and if not, why.
func (st ExamState) CanSit(day string) (bool, web.Msg) {
	switch {
	case st.Passed:
		return false, web.M("exam.already_passed")
	case st.Exhausted:
		return false, web.M("exam.exhausted")
	case st.Last != "" && day <= st.Last:
		return false, web.M("exam.not_after_last", "LastDate", st.Last)
	case st.NextBy != "" && day > st.NextBy:
		return false, web.M("exam.too_late", "ByDate", st.NextBy)
	}
	return true, web.Msg{}
}

// addDays is the calendar day n days after a YYYY-MM-DD day.
func addDays(day string, n int) string {
	t, err := time.Parse(web.DateLayout, day)
	if err != nil {
		return ""
	}
	return t.AddDate(0, 0, n).Format(web.DateLayout)
}
