package courses_test

import (
	"testing"
	"time"

	"mentorlms/courses"
	"mentorlms/web"
)

// FuzzSessionStarts feeds the parser of when sessions take place what a form or the API may
// send: a date and a time as people type them in Prague, or an RFC 3339 instant, with a
// length and a repetition. It never panics; what it accepts is as many instants as asked for,
// in order, each a whole number of days after the first.
func FuzzSessionStarts(f *testing.F) {
	f.Add("", "2026-03-02", "9:00", 90, 0, 0)
	f.Add("2026-03-29T01:30:00+01:00", "", "", 60, 7, 4)
	f.Add("", "2026-10-25", "2:30", 45, 1, 3)
	f.Add("", "2026-02-30", "24:00", -5, -1, 1000000)
	f.Add("2026-03-02T09:00:00Z", "2026-03-02", "09:00", 0, 0, 0)
	f.Fuzz(func(t *testing.T, startsAt, date, clock string, minutes, every, count int) {
		in := courses.SessionInput{StartsAt: startsAt, Date: date, Time: clock, Minutes: minutes, Kind: courses.Theory,
			Topic: "Téma"}
		if every != 0 || count != 0 {
			in.Repeat = &courses.Repeat{EveryDays: every, Count: count}
		}
		starts, fields := in.Starts()
		if len(fields) > 0 {
			return
		}
		want := 1
		if in.Repeat != nil {
			want = count
		}
		if len(starts) != want {
			t.Fatalf("%+v: %d sessions, want %d", in, len(starts), want)
		}
		// Each repetition falls the given number of days after the first, at the first's time
		// of day as people read it, but an hour later on the day the clocks go forward when that
		// time does not exist.
		first := starts[0].In(web.Prague)
		y, m, d := first.Date()
		for i := 1; i < len(starts); i++ {
			b := starts[i].In(web.Prague)
			if !b.After(starts[i-1]) {
				t.Fatalf("%+v: session %d at %v is not after the one before", in, i, b)
			}
			by, bm, bd := b.Date()
			days := time.Date(by, bm, bd, 0, 0, 0, 0, time.UTC).Sub(time.Date(y, m, d, 0, 0, 0, 0, time.UTC))
			shift := (b.Hour()*60 + b.Minute()) - (first.Hour()*60 + first.Minute())
			_, morning := time.Date(by, bm, bd, 0, 0, 0, 0, web.Prague).Zone()
			_, evening := time.Date(by, bm, bd, 23, 0, 0, 0, web.Prague).Zone()
			forward := evening > morning
			if days != time.Duration(i*every)*24*time.Hour || !(shift == 0 || (forward && shift == 60)) {
				t.Fatalf("%+v: session %d at %v, not %d days after %v at its time", in, i, b, i*every, first)
			}
		}
	})
}
