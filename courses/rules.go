package courses

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"mentorlms/web"
)

// Applicable returns the accreditation valid on day (a run's first day), the latest one when
// several overlap; ok is false when none is.
func Applicable(accs []Accreditation, day string) (Accreditation, bool) {
	var best Accreditation
	ok := false
	for _, a := range accs {
		if a.ValidOn(day) && (!ok || a.ValidFrom > best.ValidFrom) {
			best, ok = a, true
		}
	}
	return best, ok
}

// next lists where a run may go from each status. A run can be put back from open to planned
// (enrolment closed again) but never out of finished or cancelled.
var next = map[Status][]Status{
	StatusPlanned: {StatusOpen, StatusCancelled},
	StatusOpen:    {StatusPlanned, StatusRunning, StatusCancelled},
	StatusRunning: {StatusFinished, StatusCancelled},
}

// CanMove reports whether a run may go from one status to another.
func CanMove(from, to Status) bool { return slices.Contains(next[from], to) }

// NextStatuses lists where a run may go from status.
func NextStatuses(from Status) []Status { return next[from] }

// clockPattern is a 24-hour time as people write it: 9:00 or 09:00, nothing before or after.
var clockPattern = regexp.MustCompile(`^(\d{1,2}):(\d{2})$`)

// Clock reads a 24-hour wall-clock time as people write it (9:00 or 09:00). key is "" when it
// reads, otherwise the message that says what is wrong: not a time at all, or a time no clock
// shows (25:70). It needs no date, so a form can judge the time even while its date is wrong.
func Clock(clock string) (hour, minute int, key string) {
	match := clockPattern.FindStringSubmatch(strings.TrimSpace(clock))
	if match == nil {
		return 0, 0, "session.time.invalid"
	}
	h, _ := strconv.Atoi(match[1])
	m, _ := strconv.Atoi(match[2])
	if h > 23 || m > 59 {
		return 0, 0, "session.time.range"
	}
	return h, m, ""
}

// LocalTime turns a calendar date and a wall-clock time in Prague into an instant. A time that
// does not exist that day (2:30 when the clocks go forward) is refused rather than moved.
func LocalTime(date, clock string) (time.Time, error) {
	d, err := time.Parse(web.DateLayout, date)
	if err != nil {
		return time.Time{}, whenErr("error.date.invalid")
	}
	h, m, key := Clock(clock)
	if key != "" {
		return time.Time{}, whenErr(key)
	}
	t := time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, web.Prague)
	if t.Hour() != h || t.Minute() != m {
		return time.Time{}, whenErr("session.time.skipped")
	}
	return t, nil
}

func whenErr(key string) error {
	var f web.Fields
	f.Add("when", key)
	return f.Err()
}

// Expand lists the starts of rep.Count sessions rep.EveryDays apart from first, keeping the
// Prague wall-clock time, so that a weekly 9:00 stays 9:00 across a change of the clocks.
func Expand(first time.Time, rep Repeat) []time.Time {
	local := first.In(web.Prague)
	out := make([]time.Time, 0, rep.Count)
	for i := range rep.Count {
		out = append(out, time.Date(local.Year(), local.Month(), local.Day()+i*rep.EveryDays,
			local.Hour(), local.Minute(), 0, 0, web.Prague))
	}
	return out
}

// PragueDay is the calendar day of an instant in Prague.
func PragueDay(t time.Time) string { return t.In(web.Prague).Format(web.DateLayout) }

// Fits reports whether a session from start for minutes lies within the run's days and ends
// on the day it starts (in Prague).
func Fits(r Run, start time.Time, minutes int) bool {
	return Within(r, start) && EndsSameDay(start, minutes)
}

// Within reports whether start falls on one of the run's days in Prague.
func Within(r Run, start time.Time) bool {
	day := PragueDay(start)
	return r.StartsOn <= day && day <= r.EndsOn
}

// EndsSameDay reports whether a session from start for minutes is over by midnight in Prague:
// a session belongs to one day, as the attendance sheet of that day does.
func EndsSameDay(start time.Time, minutes int) bool {
	end := start.Add(time.Duration(minutes) * time.Minute)
	return PragueDay(end.Add(-time.Nanosecond)) == PragueDay(start)
}

// Overlap reports whether two spans of time share any moment; touching ends do not overlap.
func Overlap(aStart, aEnd, bStart, bEnd time.Time) bool {
	return aStart.Before(bEnd) && bStart.Before(aEnd)
}

// Scheduled sums the minutes of sessions that still count, theory and practice apart.
func Scheduled(sessions []Session) (theory, practice int) {
	for _, s := range sessions {
		if s.Cancelled() {
			continue
		}
		if s.Kind == Theory {
			theory += s.Minutes
		} else {
			practice += s.Minutes
		}
	}
	return theory, practice
}

// Curriculum sums the modules' hours, theory and practice apart; a course page compares them
// with the course's hours.
func Curriculum(modules []Module) (theory, practice int) {
	for _, m := range modules {
		theory += m.TheoryHours
		practice += m.PracticeHours
	}
	return theory, practice
}

// FreeSeats is what remains of capacity; never negative.
func FreeSeats(capacity, taken int) int { return max(0, capacity-taken) }
