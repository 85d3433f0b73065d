package enrollment

import (
	"time"

	"mentorlms/web"
)

// Rule names, as the API reports them.
const (
	RuleAge          = "age"
	RuleRecord       = "record_check"
	RulePrerequisite = "prerequisites"
	RuleRunOpen      = "run_open"
	RuleNotEnrolled  = "not_enrolled"
)

// DefaultRecordMaxAge is how old an extract from the criminal record may be on the day an
// enrolment is approved.
const DefaultRecordMaxAge = 90

// Outcome is one rule's verdict with a reason a person understands.
type Outcome struct {
	Rule   string  `json:"rule"`
	OK     bool    `json:"ok"`
	Reason web.Msg `json:"-"`
}

// RecordCheck is what the product keeps of an extract from the criminal record: never the
// document, only when it was issued, whether it was clean, and who verified it when.
type RecordCheck struct {
	IssuedOn   string // YYYY-MM-DD
	Clean      bool
	VerifiedOn string
}

// Facts are everything the rules look at, gathered by the caller; the rules themselves do no
// I/O and take the day as a parameter.
type Facts struct {
	BirthDate      string // YYYY-MM-DD or ""
	Record         *RecordCheck
	MinAge         int
	RunStartsOn    string
	RunOpen        bool
	Prerequisites  []Prerequisite
	AlreadyApplied bool
	RecordMaxAge   int // days; 0 means DefaultRecordMaxAge
}

// Prerequisite is a course that must be completed first, and whether it is.
type Prerequisite struct {
	Title     string
	Completed bool
}

// AgeOn is a person's age in whole years on a day, counted on calendar dates. Someone born on
// 29 February has their birthday on 28 February in other years, as the Civil Code (§ 605) ends
// periods on the last day of a month that lacks the day.
func AgeOn(birth, day time.Time) int {
	years := day.Year() - birth.Year()
	bm, bd := birth.Month(), birth.Day()
	if bm == time.February && bd == 29 && !leap(day.Year()) {
		bd = 28
	}
	if day.Month() < bm || (day.Month() == bm && day.Day() < bd) {
		years--
	}
	return years
}

func leap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

// Evaluate applies every rule on day (the day of applying or approving) and says for each
// whether it holds and why.
func Evaluate(f Facts, day time.Time) []Outcome {
	out := []Outcome{age(f), record(f, day), prerequisites(f)}
	if f.RunOpen {
		out = append(out, Outcome{RuleRunOpen, true, web.M("rule.run_open.ok")})
	} else {
		out = append(out, Outcome{RuleRunOpen, false, web.M("rule.run_open.no")})
	}
	if f.AlreadyApplied {
		out = append(out, Outcome{RuleNotEnrolled, false, web.M("rule.not_enrolled.no")})
	} else {
		out = append(out, Outcome{RuleNotEnrolled, true, web.M("rule.not_enrolled.ok")})
	}
	return out
}

// Eligible reports whether every outcome holds.
func Eligible(out []Outcome) bool {
	for _, o := range out {
		if !o.OK {
			return false
		}
	}
	return true
}

func age(f Facts) Outcome {
	minAge := f.MinAge
	if minAge == 0 {
		minAge = 18
	}
	birth, err1 := time.Parse(web.DateLayout, f.BirthDate)
	start, err2 := time.Parse(web.DateLayout, f.RunStartsOn)
	if err1 != nil || err2 != nil {
		return Outcome{RuleAge, false, web.M("rule.age.unknown")}
	}
	if a := AgeOn(birth, start); a < minAge {
		return Outcome{RuleAge, false, web.M("rule.age.young", "Min", minAge, "Age", a)}
	}
	return Outcome{RuleAge, true, web.M("rule.age.ok", "Min", minAge)}
}

func record(f Facts, day time.Time) Outcome {
	maxAge := f.RecordMaxAge
	if maxAge == 0 {
		maxAge = DefaultRecordMaxAge
	}
	if f.Record == nil {
		return Outcome{RuleRecord, false, web.M("rule.record.missing")}
	}
	if !f.Record.Clean {
		return Outcome{RuleRecord, false, web.M("rule.record.not_clean")}
	}
	issued, err := time.Parse(web.DateLayout, f.Record.IssuedOn)
	if err != nil {
		return Outcome{RuleRecord, false, web.M("rule.record.missing")}
	}
	today, _ := time.Parse(web.DateLayout, day.In(web.Prague).Format(web.DateLayout))
	if days := int(today.Sub(issued).Hours() / 24); days > maxAge {
		// The limit is the count its plural follows (1 den, 3 dny, 90 dní); the age is told by
		// the day of issue rather than in days, which a plural of its own would need.
		return Outcome{RuleRecord, false, web.M("rule.record.old", "IssuedDate", f.Record.IssuedOn, "Count", maxAge)}
	}
	return Outcome{RuleRecord, true, web.M("rule.record.ok", "Count", maxAge)}
}

func prerequisites(f Facts) Outcome {
	for _, p := range f.Prerequisites {
		if !p.Completed {
			return Outcome{RulePrerequisite, false, web.M("rule.prerequisite.missing", "Course", p.Title)}
		}
	}
	if len(f.Prerequisites) == 0 {
		return Outcome{RulePrerequisite, true, web.M("rule.prerequisite.none")}
	}
	return Outcome{RulePrerequisite, true, web.M("rule.prerequisite.ok")}
}

// Voiced returns the outcomes as their reader should hear them: the reasons speak to the
// person ("splníte") when they read about themself, and of the person ("splní") when staff
// read about someone else (the catalog's <key>.staff messages).
func Voiced(out []Outcome, staff bool) []Outcome {
	if !staff {
		return out
	}
	res := make([]Outcome, len(out))
	for i, o := range out {
		o.Reason.Key += ".staff"
		res[i] = o
	}
	return res
}
