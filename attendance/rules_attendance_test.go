package attendance

import (
	"testing"
	"time"

	"mentorlms/courses"
)

// requalification is the 100-hour course: 70 theory hours of 45 minutes and 30 practice hours
// of 60 minutes, 80 % required.
var requalification = RequirementOf(courses.Course{TheoryHours: 70, PracticeHours: 30, TheoryMinutes: 45,
	PracticeMinutes: 60, MinAttendancePct: 80})

func slots(kind courses.SessionKind, n, minutes, attended int, marked bool) []Slot {
	out := make([]Slot, n)
	for i := range out {
		out[i] = Slot{Kind: kind, Minutes: minutes, Marked: marked, Attended: attended}
	}
	return out
}

func join(parts ...[]Slot) []Slot {
	var out []Slot
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

func TestRequirementCountsTheoryAndPracticeHoursApart(t *testing.T) {
	if requalification.TheoryTotal != 3150 || requalification.PracticeTotal != 1800 {
		t.Fatalf("totals = %d + %d minutes, want 70 × 45 = 3150 and 30 × 60 = 1800", requalification.TheoryTotal, requalification.PracticeTotal)
	}
	p := Measure(requalification, nil)
	if p.Theory.Required != 2520 || p.Practice.Required != 1440 || p.RequiredMinutes != 3960 {
		t.Fatalf("required = %d + %d = %d, want 2520 + 1440 = 3960", p.Theory.Required, p.Practice.Required, p.RequiredMinutes)
	}
}

func TestMeasure(t *testing.T) {
	// 35 theory sessions of 90 minutes (two 45-minute hours) and 10 practice sessions of 180
	// minutes (three 60-minute hours) make the whole course.
	cases := []struct {
		name                  string
		slots                 []Slot
		theory, practice, pct int
		met, reachable        bool
	}{
		{"nothing yet", join(slots(courses.Theory, 35, 90, 0, false), slots(courses.Practice, 10, 180, 0, false)),
			0, 0, 0, false, true},
		{"everything", join(slots(courses.Theory, 35, 90, 90, true), slots(courses.Practice, 10, 180, 180, true)),
			3150, 1800, 100, true, true},
		// 28 × 90 = 2520 is exactly 80 % of theory; 8 × 180 = 1440 exactly 80 % of practice.
		{"exactly the threshold", join(slots(courses.Theory, 28, 90, 90, true), slots(courses.Theory, 7, 90, 0, true),
			slots(courses.Practice, 8, 180, 180, true), slots(courses.Practice, 2, 180, 0, true)), 2520, 1440, 80, true, true},
		{"one minute short of theory", join(slots(courses.Theory, 27, 90, 90, true), slots(courses.Theory, 1, 90, 89, true),
			slots(courses.Theory, 7, 90, 0, true), slots(courses.Practice, 10, 180, 180, true)), 2519, 1800, 87, false, false},
		{"practice does not stand in for theory", join(slots(courses.Theory, 20, 90, 90, true), slots(courses.Theory, 15, 90, 0, true),
			slots(courses.Practice, 10, 180, 180, true), slots(courses.Practice, 20, 180, 180, true)), 1800, 5400, 100, false, false},
		{"late minutes count, capped at the session", join(slots(courses.Theory, 1, 90, 60, true), slots(courses.Theory, 1, 90, 500, true)),
			150, 0, 3, false, true},
		{"cancelled sessions count for nothing", []Slot{{Kind: courses.Theory, Minutes: 90, Marked: true, Attended: 90, Cancelled: true}},
			0, 0, 0, false, true},
		// 8 theory sessions missed lose 720 minutes, more than the 630 anyone may miss, and
		// the 27 left hold 2430 < 2520.
		{"too much missed to catch up", join(slots(courses.Theory, 8, 90, 0, true), slots(courses.Theory, 27, 90, 0, false),
			slots(courses.Practice, 10, 180, 0, false)), 0, 0, 0, false, false},
		{"seven missed can still be caught up", join(slots(courses.Theory, 7, 90, 0, true), slots(courses.Theory, 28, 90, 0, false),
			slots(courses.Practice, 10, 180, 0, false)), 0, 0, 0, false, true},
		// Only half the sessions are scheduled yet: nobody is condemned for sessions that do not exist.
		{"a schedule still being made", join(slots(courses.Theory, 2, 90, 90, true), slots(courses.Theory, 10, 90, 0, false)),
			180, 0, 3, false, true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := Measure(requalification, c.slots)
			if p.Theory.Attended != c.theory || p.Practice.Attended != c.practice || p.Percent != c.pct {
				t.Errorf("attended %d + %d minutes, %d %%; want %d + %d, %d %%", p.Theory.Attended, p.Practice.Attended,
					p.Percent, c.theory, c.practice, c.pct)
			}
			if p.AttendedMinutes != p.Theory.Attended+p.Practice.Attended {
				t.Errorf("attended minutes %d are not the sum of the parts", p.AttendedMinutes)
			}
			if p.ThresholdMet != c.met || p.Reachable != c.reachable {
				t.Errorf("met %v reachable %v, want %v %v", p.ThresholdMet, p.Reachable, c.met, c.reachable)
			}
		})
	}
}

// Once the run is under way, a schedule shorter than the course decides: the warning comes as
// soon as the sessions left cannot make up the hours.
func TestReachableOnASettledSchedule(t *testing.T) {
	req := requalification
	req.Settled = true
	// 30 theory sessions of 90 minutes make 2,700 of the 3,150; two missed leave 2,520 possible,
	// exactly enough; three missed do not.
	two := join(slots(courses.Theory, 2, 90, 0, true), slots(courses.Theory, 28, 90, 0, false), slots(courses.Practice, 10, 180, 0, false))
	three := join(slots(courses.Theory, 3, 90, 0, true), slots(courses.Theory, 27, 90, 0, false), slots(courses.Practice, 10, 180, 0, false))
	if !Measure(req, two).Reachable || Measure(req, three).Reachable {
		t.Error("a settled schedule is not what decides")
	}
	req.Settled = false
	if !Measure(req, three).Reachable {
		t.Error("a schedule still being made condemned someone who missed 270 of the 630 minutes allowed")
	}
}

func TestShareRoundsUp(t *testing.T) {
	// A seminar of 6 hours of 45 minutes at 85 %: 229.5 minutes, so 230 are needed.
	req := Requirement{TheoryTotal: 270, Pct: 85}
	if p := Measure(req, []Slot{{Kind: courses.Theory, Minutes: 270, Marked: true, Attended: 229}}); p.ThresholdMet {
		t.Error("229 of 270 minutes met 85 %")
	}
	if p := Measure(req, []Slot{{Kind: courses.Theory, Minutes: 270, Marked: true, Attended: 230}}); !p.ThresholdMet {
		t.Error("230 of 270 minutes did not meet 85 %")
	}
}

func TestExcusedInTime(t *testing.T) {
	cases := []struct {
		held, excused string
		want          bool
	}{
		{"2026-04-02", "2026-04-02", true},
		{"2026-04-02", "2026-04-09", true},  // the third working day after Easter
		{"2026-04-02", "2026-04-10", false}, // one day late
		{"2026-04-02", "2026-04-01", false}, // before the exam is no excuse for missing it
		{"2026-04-02", "", false},
	}
	for _, c := range cases {
		a := Attempt{HeldOn: c.held, Outcome: ExamMissed, ExcusedOn: c.excused}
		if got := a.ExcusedInTime(); got != c.want {
			t.Errorf("missed %s, excused %q: in time = %v, want %v", c.held, c.excused, got, c.want)
		}
	}
}

func TestExam(t *testing.T) {
	failed := func(d string) Attempt { return Attempt{HeldOn: d, Outcome: ExamFailed} }
	passed := func(d string) Attempt { return Attempt{HeldOn: d, Outcome: ExamPassed} }
	missed := func(d, ex string) Attempt { return Attempt{HeldOn: d, Outcome: ExamMissed, ExcusedOn: ex} }
	cases := []struct {
		name     string
		attempts []Attempt
		day      string
		can      bool
		key      string
		ends     string // the run's last day; "" for none
	}{
		{"first attempt", nil, "2026-06-30", true, "", ""},
		{"passed", []Attempt{passed("2026-06-30")}, "2026-07-10", false, "exam.already_passed", ""},
		{"resit on the 30th day", []Attempt{failed("2026-06-30")}, "2026-07-30", true, "", ""},
		{"resit on the 31st day", []Attempt{failed("2026-06-30")}, "2026-07-31", false, "exam.too_late", ""},
		{"only one resit", []Attempt{failed("2026-06-30"), failed("2026-07-15")}, "2026-07-20", false, "exam.exhausted", ""},
		{"not on the day of the last attempt", []Attempt{failed("2026-06-30")}, "2026-06-30", false, "exam.not_after_last", ""},
		{"excused miss keeps both tries", []Attempt{missed("2026-04-02", "2026-04-09"), failed("2026-04-20")}, "2026-05-20", true, "", ""},
		{"late excuse counts as a failure", []Attempt{missed("2026-04-02", "2026-04-10"), failed("2026-04-20")}, "2026-05-20", false, "exam.exhausted", ""},
		{"replacement within 30 days", []Attempt{missed("2026-04-02", "2026-04-07")}, "2026-05-02", true, "", ""},
		{"replacement after 30 days", []Attempt{missed("2026-04-02", "2026-04-07")}, "2026-05-03", false, "exam.too_late", ""},
		{"unexcused miss then a resit", []Attempt{missed("2026-04-02", "")}, "2026-04-20", true, "", ""},
		{"a pass after a resit", []Attempt{failed("2026-06-01"), passed("2026-06-20")}, "2026-06-25", false, "exam.already_passed", ""},
		{"first exam 30 days after the run", nil, "2026-07-30", true, "", "2026-06-30"},
		{"first exam 31 days after the run", nil, "2026-07-31", false, "exam.too_late", "2026-06-30"},
		{"a second excused miss does not extend the time", []Attempt{missed("2026-01-05", "2026-01-06"), missed("2026-02-01", "2026-02-02")}, "2026-02-05", false, "exam.too_late", ""},
		{"within the first miss's 30 days", []Attempt{missed("2026-01-05", "2026-01-06"), missed("2026-02-01", "2026-02-02")}, "2026-02-04", true, "", ""},
		{"an excused missed resit keeps the resit's 30 days", []Attempt{failed("2026-01-05"), missed("2026-02-03", "2026-02-04")}, "2026-02-05", false, "exam.too_late", ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			can, why := Exam(c.attempts, c.ends).CanSit(c.day)
			if can != c.can || why.Key != c.key {
				t.Errorf("can sit on %s = %v (%q), want %v (%q)", c.day, can, why.Key, c.can, c.key)
			}
		})
	}
}

func TestDecide(t *testing.T) {
	met := Measure(Requirement{TheoryTotal: 90, Pct: 80}, []Slot{{Kind: courses.Theory, Minutes: 90, Marked: true, Attended: 90}})
	short := Measure(Requirement{TheoryTotal: 90, Pct: 80}, []Slot{{Kind: courses.Theory, Minutes: 90, Marked: true}})
	open := Measure(Requirement{TheoryTotal: 90, Pct: 80}, []Slot{{Kind: courses.Theory, Minutes: 90}})
	pass := Exam([]Attempt{{HeldOn: "2026-06-30", Outcome: ExamPassed}}, "2026-06-30")
	fail := Exam([]Attempt{{HeldOn: "2026-06-30", Outcome: ExamFailed}}, "2026-06-30")
	none := Exam(nil, "2026-06-30")
	cases := []struct {
		name string
		p    Progress
		s    Standing
		want Completion
	}{
		{"seminar attended", met, Standing{}, Complete},
		{"running, short", short, Standing{}, InProgress},
		{"finished, short", short, Standing{RunFinished: true, Today: "2026-07-01"}, Failed},
		{"finished, a session not yet marked", open, Standing{RunFinished: true, Today: "2026-07-01"}, InProgress},
		{"exam passed", met, Standing{RequiresExam: true, Exam: pass}, Complete},
		{"exam still to come", met, Standing{RequiresExam: true, Exam: none, RunFinished: true, Today: "2026-07-30"}, InProgress},
		{"no exam within 30 days of the end", met, Standing{RequiresExam: true, Exam: none, RunFinished: true, Today: "2026-07-31"}, Failed},
		{"failed, resit time open", met, Standing{RequiresExam: true, Exam: fail, RunFinished: true, Today: "2026-07-30"}, InProgress},
		{"failed, resit time over", met, Standing{RequiresExam: true, Exam: fail, RunFinished: true, Today: "2026-07-31"}, Failed},
		{"attendance short with the exam passed", short, Standing{RequiresExam: true, Exam: pass}, InProgress},
	}
	for _, c := range cases {
		if got := Decide(c.p, c.s); got != c.want {
			t.Errorf("%s: %s, want %s", c.name, got, c.want)
		}
	}
}

// TestCheckinWindowOnClockChanges: the window opens 15 minutes before the session and closes at
// its end in real time, also on the days the clocks change in Prague.
func TestCheckinWindowOnClockChanges(t *testing.T) {
	for _, start := range []string{"2026-03-29T09:00:00+02:00", "2026-10-25T09:00:00+01:00", "2026-10-25T01:30:00+02:00"} {
		st, err := time.Parse(time.RFC3339, start)
		if err != nil {
			t.Fatal(err)
		}
		ss := courses.Session{StartsAt: st.UTC().Format(time.RFC3339Nano), EndsAt: st.Add(90 * time.Minute).UTC().Format(time.RFC3339Nano), Minutes: 90}
		cases := []struct {
			at   time.Time
			open bool
		}{
			{st.Add(-15*time.Minute - time.Second), false},
			{st.Add(-15 * time.Minute), true},
			{st.Add(90*time.Minute - time.Second), true},
			{st.Add(90 * time.Minute), false},
		}
		for _, c := range cases {
			if got := CheckinOpen(ss, c.at); got != c.open {
				t.Errorf("session at %s, check-in at %s: open %v, want %v", start, c.at.In(time.Local), got, c.open)
			}
		}
	}
}
