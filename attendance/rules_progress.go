package attendance

import "mentorlms/courses"

// Requirement is what a course asks of attendance, in minutes of each kind: the course's
// hours times the length of its hour (a theory hour of 45 minutes and a practice hour of 60 in
// requalification), and the share of them a person must attend.
type Requirement struct {
	TheoryTotal   int `json:"theory_total_minutes"`
	PracticeTotal int `json:"practice_total_minutes"`
	Pct           int `json:"min_attendance_pct"`
	// Settled: the run is under way or over, so its schedule is what will be taught.
	Settled bool `json:"-"`
}

// RequirementOf reads a course's attendance requirement.
func RequirementOf(c courses.Course) Requirement {
	return Requirement{TheoryTotal: c.TheoryHours * c.TheoryMinutes, PracticeTotal: c.PracticeHours * c.PracticeMinutes,
		Pct: c.MinAttendancePct}
}

// share is pct % of total minutes, rounded up: a requirement of 2,520.4 minutes is met by
// 2,521, never by 2,520.
func share(total, pct int) int { return (total*pct + 99) / 100 }

// Slot is one session as the progress of one person sees it.
type Slot struct {
	Kind      courses.SessionKind
	Minutes   int  // the session's length
	Cancelled bool // it stopped counting
	Marked    bool // attendance is recorded (an apology counts as recorded)
	Attended  int  // minutes attended, already capped at Minutes when saved
}

// Part is the progress in one kind of hours.
type Part struct {
	Attended int `json:"attended_minutes"`
	Required int `json:"required_minutes"`
	Total    int `json:"total_minutes"`
	// Open is what sessions not yet marked could still add.
	Open int `json:"open_minutes"`
	// Lost is what marked sessions did not give: their length less the minutes attended.
	Lost int `json:"lost_minutes"`
}

// Met reports whether the part reaches its requirement.
func (p Part) Met() bool { return p.Attended >= p.Required }

// reachable reports whether the part can still reach its requirement. Once the run is under
// way its schedule is what will be taught, and the sessions still open decide. Before that,
// two views must both fail: the sessions still open are too few, and the person has already
// missed more than the course lets anyone miss; so a schedule still being made does not
// condemn everyone, and extra sessions do not condemn anyone early.
func (p Part) reachable(settled bool) bool {
	return p.scheduled() || (!settled && p.Lost <= p.Total-p.Required)
}

// scheduled reports whether the sessions not yet marked could still bring the part to its
// requirement.
func (p Part) scheduled() bool { return p.Met() || p.Attended+p.Open >= p.Required }

// Progress is one enrolment's attendance against its course's requirement. Theory and
// practice are counted separately and each must reach the share on its own, so that hours of
// one kind never stand in for the other.
type Progress struct {
	Theory   Part `json:"theory"`
	Practice Part `json:"practice"`
	// AttendedMinutes and RequiredMinutes add up both kinds.
	AttendedMinutes int `json:"attended_minutes"`
	RequiredMinutes int `json:"required_minutes"`
	// Percent is the share of the whole course attended, in whole percent rounded down, so
	// that 79.9 % never reads as 80 %.
	Percent      int  `json:"percent"`
	ThresholdMet bool `json:"threshold_met"`
	// Reachable is false once the remaining sessions can no longer reach the threshold.
	Reachable bool `json:"reachable"`
}

// Measure works out progress from a person's slots.
func Measure(req Requirement, slots []Slot) Progress {
	p := Progress{
		Theory:   Part{Total: req.TheoryTotal, Required: share(req.TheoryTotal, req.Pct)},
		Practice: Part{Total: req.PracticeTotal, Required: share(req.PracticeTotal, req.Pct)},
	}
	for _, s := range slots {
		if s.Cancelled {
			continue
		}
		part := &p.Theory
		if s.Kind == courses.Practice {
			part = &p.Practice
		}
		switch {
		case s.Marked:
			attended := min(s.Attended, s.Minutes)
			part.Attended += attended
			part.Lost += s.Minutes - attended
		default:
			part.Open += s.Minutes
		}
	}
	p.AttendedMinutes = p.Theory.Attended + p.Practice.Attended
	p.RequiredMinutes = p.Theory.Required + p.Practice.Required
	if total := req.TheoryTotal + req.PracticeTotal; total > 0 {
		p.Percent = min(100, p.AttendedMinutes*100/total)
	}
	p.ThresholdMet = p.Theory.Met() && p.Practice.Met()
	p.Reachable = p.Theory.reachable(req.Settled) && p.Practice.reachable(req.Settled)
	return p
}
