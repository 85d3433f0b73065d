package web

import (
	"fmt"
	"time"
	_ "time/tzdata" // Europe/Prague must resolve on machines without a zoneinfo database
)

// Prague is the time zone of everything a person sees.
var Prague = mustZone("Europe/Prague")

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err) // the binary embeds time/tzdata, so this cannot happen at run time
	}
	return loc
}

// DateLayout is how calendar dates are stored and exchanged.
const DateLayout = "2006-01-02"

// monthsGenitive are Czech month names as they stand after a day number: 5. února 2026.
var monthsGenitive = [...]string{"ledna", "února", "března", "dubna", "května", "června",
	"července", "srpna", "září", "října", "listopadu", "prosince"}

// asTime accepts a time.Time, a *time.Time or a YYYY-MM-DD or RFC 3339 string; ok is false for
// anything empty or unparsable, which templates then show as empty.
func asTime(v any) (time.Time, bool) {
	switch t := v.(type) {
	case time.Time:
		return t, !t.IsZero()
	case *time.Time:
		if t == nil {
			return time.Time{}, false
		}
		return *t, !t.IsZero()
	case *string:
		if t == nil {
			return time.Time{}, false
		}
		return asTime(*t)
	case string:
		if d, err := time.ParseInLocation(DateLayout, t, Prague); err == nil {
			return d, true
		}
		if d, err := time.Parse(time.RFC3339, t); err == nil {
			return d, true
		}
	}
	return time.Time{}, false
}

// Date formats a date the Czech way, 1. 3. 2026 (English: 1 Mar 2026). Instants are shown in
// Europe/Prague.
func (l *Localizer) Date(v any) string {
	t, ok := asTime(v)
	if !ok {
		return ""
	}
	t = t.In(Prague)
	if l.Lang == "en" {
		return t.Format("2 Jan 2006")
	}
	return fmt.Sprintf("%d. %d. %d", t.Day(), int(t.Month()), t.Year())
}

// DateLong formats a formal date, 5. února 2026 (English: 5 February 2026).
func (l *Localizer) DateLong(v any) string {
	t, ok := asTime(v)
	if !ok {
		return ""
	}
	t = t.In(Prague)
	if l.Lang == "en" {
		return t.Format("2 January 2006")
	}
	return fmt.Sprintf("%d. %s %d", t.Day(), monthsGenitive[t.Month()-1], t.Year())
}

// Time formats a clock time in 24 hours without a leading zero, 9:00.
func (l *Localizer) Time(v any) string {
	t, ok := asTime(v)
	if !ok {
		return ""
	}
	t = t.In(Prague)
	return fmt.Sprintf("%d:%02d", t.Hour(), t.Minute())
}

// DateTime formats an instant as a date and a time in Europe/Prague: 1. 3. 2026 9:00.
func (l *Localizer) DateTime(v any) string {
	if _, ok := asTime(v); !ok {
		return ""
	}
	return l.Date(v) + " " + l.Time(v)
}

// The years a date typed by a person may lie in. Nothing in the program lies outside them, and
// the bound keeps a slip like 0000-01-01 or 9999-12-31 from passing for a date and from
// overflowing the arithmetic that months and years are added with.
const (
	MinYear = 1900
	MaxYear = 2100
)

// ParseDate reads a calendar date YYYY-MM-DD as a person typed it. key is "" when it is good,
// else the catalog key of the problem for the field's message: not a date at all, or outside
// MinYear–MaxYear.
func ParseDate(s string) (t time.Time, key string) {
	t, err := time.Parse(DateLayout, s)
	switch {
	case err != nil:
		return t, "error.date.invalid"
	case t.Year() < MinYear || t.Year() > MaxYear:
		return t, "error.date.range"
	}
	return t, ""
}

// DateRange is a span of calendar days as a person reads it: "14. 4. 2026" for one day,
// "14. 4. 2026 – 16. 4. 2026" for more.
func (l *Localizer) DateRange(from, until string) string {
	if from == until || until == "" {
		return l.Date(from)
	}
	return l.Date(from) + " – " + l.Date(until)
}
