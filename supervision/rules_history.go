package supervision

import (
	"cmp"
	"slices"
	"time"

	"mentorlms/web"
)

// The causes of a change of status, as the history keeps them.
const (
	CauseEnrolled           = "enrolled"
	CauseTrainingEnded      = "training_ended"
	CauseCertified          = "certified"
	CauseCertificateRevoked = "certificate_revoked"
	CauseRecordChecked      = "record_checked"
	CauseRecordNotClean     = "record_not_clean"
	CauseRecordExpired      = "record_expired"
	CausePledgeSigned       = "pledge_signed"
	CauseDecidedInactive    = "decided_inactive"
	CauseDecisionLifted     = "decision_lifted"
	// CauseCorrected: the facts changed without any fact that the history could name (a
	// different re-check period, a record removed).
	CauseCorrected = "corrected"
)

// Causes lists every cause in the order a reader meets them.
var Causes = []string{CauseEnrolled, CauseTrainingEnded, CauseCertified, CauseCertificateRevoked, CauseRecordChecked,
	CauseRecordNotClean, CauseRecordExpired, CausePledgeSigned, CauseDecidedInactive, CauseDecisionLifted, CauseCorrected}

// DatedFacts are everything a person's status follows from, each with the day it holds from
// and the instant it was entered (UTC stamps, "" when unknown).
type DatedFacts struct {
	// Stints are seats in requalification runs. Seated "" is an enrolment that was withdrawn:
	// whether it ever held a seat is not kept, so it only ends training the history had.
	Stints       []Stint
	Certificates []CertificateFact
	Checks       []CheckFact
	Pledges      []PledgeFact
	Decisions    []DecisionFact
	// RecheckMonths is the re-check period of the record extract; 0 means the default.
	RecheckMonths int
}

// Stint is a seat in a requalification run: in training from Seated up to the day before Ends
// (the day after the run's last day, or the day it was cancelled or the seat given up).
type Stint struct {
	Seated, Ends, Entered string
}

// CertificateFact is a requalification certificate: valid from Issued until the day Revoked.
type CertificateFact struct {
	Issued, Revoked, IssuedAt, RevokedAt string
}

// CheckFact is a record extract. It counts from the day it was verified (never before it was
// issued) and, when clean, for the re-check period from its issue.
type CheckFact struct {
	ID               int64
	Issued, Verified string
	Clean            bool
	Entered          string
}

// PledgeFact is a signed confidentiality pledge.
type PledgeFact struct {
	Signed, Entered string
}

// DecisionFact is a coordinator's decision of inactivity: in force from Since until the day
// it is Lifted ("" while it stands).
type DecisionFact struct {
	ID                          int64
	Since, Lifted               string
	DecidedAt, LiftedAt, Reason string
}

// Change is one entry of the history: from On the status is Status, because of Cause.
type Change struct {
	On         string
	Status     MentorStatus
	Cause      string
	DecisionID int64
}

// event is a day on which a fact starts or stops, with the cause it would give a change.
type event struct {
	on, cause, entered string
	decision           int64
}

func (f DatedFacts) months() int {
	if f.RecheckMonths <= 0 {
		return DefaultRecheckMonths
	}
	return f.RecheckMonths
}

// events lists the days on which anything starts or stops, the ageing out of each clean
// extract included (the day after the last day it counts).
func (f DatedFacts) events() []event {
	var out []event
	for _, s := range f.Stints {
		if s.Seated != "" && s.Seated < s.Ends {
			out = append(out, event{on: s.Seated, cause: CauseEnrolled, entered: s.Entered})
		}
		out = append(out, event{on: s.Ends, cause: CauseTrainingEnded, entered: s.Entered})
	}
	for _, c := range f.Certificates {
		out = append(out, event{on: c.Issued, cause: CauseCertified, entered: c.IssuedAt})
		if c.Revoked != "" {
			out = append(out, event{on: c.Revoked, cause: CauseCertificateRevoked, entered: c.RevokedAt})
		}
	}
	for _, c := range f.Checks {
		if !c.Clean {
			out = append(out, event{on: c.from(), cause: CauseRecordNotClean, entered: c.Entered})
			continue
		}
		out = append(out, event{on: c.from(), cause: CauseRecordChecked, entered: c.Entered})
		if until := AddMonths(c.Issued, f.months()); until != "" {
			out = append(out, event{on: nextDay(until), cause: CauseRecordExpired})
		}
	}
	for _, p := range f.Pledges {
		out = append(out, event{on: p.Signed, cause: CausePledgeSigned, entered: p.Entered})
	}
	for _, d := range f.Decisions {
		out = append(out, event{on: d.Since, cause: CauseDecidedInactive, entered: d.DecidedAt, decision: d.ID})
		if d.Lifted != "" {
			out = append(out, event{on: d.Lifted, cause: CauseDecisionLifted, entered: d.LiftedAt, decision: d.ID})
		}
	}
	out = slices.DeleteFunc(out, func(e event) bool { return e.on == "" })
	slices.SortStableFunc(out, func(a, b event) int { return cmp.Compare(a.on, b.on) })
	return out
}

func (c CheckFact) from() string { return max(c.Issued, c.Verified) }

// On gathers the facts as they stood on day, for Derive.
func (f DatedFacts) On(day string) StatusFacts {
	sf := StatusFacts{RecheckMonths: f.RecheckMonths}
	for _, s := range f.Stints {
		sf.Training = sf.Training || (s.Seated != "" && s.Seated <= day && day < s.Ends)
	}
	for _, c := range f.Certificates {
		sf.Certified = sf.Certified || (c.Issued <= day && (c.Revoked == "" || day < c.Revoked))
	}
	// The latest extract by its issue counts, among those verified by then; a later one that
	// is not clean takes the place of an earlier clean one.
	var latest *CheckFact
	for i, c := range f.Checks {
		if c.from() <= day && (latest == nil || c.Issued > latest.Issued || (c.Issued == latest.Issued && c.ID > latest.ID)) {
			latest = &f.Checks[i]
		}
	}
	if latest != nil && latest.Clean {
		sf.CleanRecordOn = latest.Issued
	}
	for _, p := range f.Pledges {
		if p.Signed <= day && (sf.PledgeOn == "" || p.Signed < sf.PledgeOn) {
			sf.PledgeOn = p.Signed
		}
	}
	for _, d := range f.Decisions {
		if d.Since <= day && (d.Lifted == "" || day < d.Lifted) {
			sf.InactiveSince = d.Since
		}
	}
	return sf
}

// Timeline is the history the facts make: at every day on which a fact starts or stops, the
// status is derived as of that day, and a change is kept where it differs from the day before.
// Before the first change a person is a candidate.
func Timeline(f DatedFacts) []Change {
	evs := f.events()
	var out []Change
	prev := Candidate
	for i := 0; i < len(evs); {
		j := i
		for j < len(evs) && evs[j].on == evs[i].on {
			j++
		}
		day := evs[i].on
		if st := Derive(f.On(day), day).Status; st != prev {
			e := pick(evs[i:j], st)
			out = append(out, Change{On: day, Status: st, Cause: e.cause, DecisionID: e.decision})
			prev = st
		}
		i = j
	}
	return out
}

// explains lists, for each status, the causes that lead to it in the order they are named when
// several facts meet on one day: a certificate and a pledge of the same day make a mentor
// active "certified".
var explains = map[MentorStatus][]string{
	Inactive:   {CauseDecidedInactive},
	Active:     {CauseDecisionLifted, CauseCertified, CauseRecordChecked, CausePledgeSigned},
	InTraining: {CauseDecisionLifted, CauseEnrolled, CauseCertificateRevoked, CauseRecordExpired, CauseRecordNotClean},
	Candidate: {CauseDecisionLifted, CauseCertificateRevoked, CauseRecordExpired, CauseRecordNotClean,
		CauseTrainingEnded},
}

// pick names the event of a day that explains the new status, else the day's first.
func pick(evs []event, st MentorStatus) event {
	for _, cause := range explains[st] {
		if i := slices.IndexFunc(evs, func(e event) bool { return e.cause == cause }); i >= 0 {
			return evs[i]
		}
	}
	return evs[0]
}

// StatusOn is the status the timeline gives on day.
func StatusOn(tl []Change, day string) MentorStatus {
	st := Candidate
	for _, c := range tl {
		if c.On > day {
			break
		}
		st = c.Status
	}
	return st
}

// Last is the newest row of a person's stored history: the day it holds from, its status and
// when it was recorded (UTC stamp).
type Last struct {
	Since      string
	Status     MentorStatus
	RecordedAt string
}

// Settle says which changes to add to a stored history that ends with last (nil for none) so
// that it tells the facts up to today. Stored rows are never rewritten: the timeline's changes
// after the last row's day are added as they are, back-dated ones included, and none beyond
// today (a decision dated ahead is added when its day comes). A fact entered late with a day
// before the last row changes nothing before that row: the change is kept from the day the
// fact was entered, as someone reading the history every day would have seen it.
func Settle(f DatedFacts, last *Last, today string) []Change {
	tl := Timeline(f)
	var out []Change
	if last == nil {
		for _, c := range tl {
			if c.On <= today {
				out = append(out, c)
			}
		}
		return out
	}
	cur := last.Status
	for _, c := range tl {
		if c.On > last.Since && c.On <= today && c.Status != cur {
			out = append(out, c)
			cur = c.Status
		}
	}
	want := StatusOn(tl, today)
	if want == cur {
		return out
	}
	// Nothing after the last row explains the difference: a fact entered since changed what
	// held before it.
	var late []event
	for _, e := range f.events() {
		if e.entered != "" && e.entered > last.RecordedAt {
			late = append(late, e)
		}
	}
	if len(late) == 0 {
		return append(out, Change{On: max(last.Since, today), Status: want, Cause: CauseCorrected})
	}
	slices.SortStableFunc(late, func(a, b event) int { return cmp.Compare(b.entered, a.entered) })
	e := pick(late, want)
	on := min(max(enteredDay(e.entered), last.Since), today)
	return append(out, Change{On: on, Status: want, Cause: e.cause, DecisionID: e.decision})
}

// enteredDay is the day in Prague of an entry stamp, "" when it does not parse.
func enteredDay(stamp string) string {
	t, err := time.Parse(time.RFC3339Nano, stamp)
	if err != nil {
		return ""
	}
	return t.In(web.Prague).Format(web.DateLayout)
}

// nextDay is the day after a date (YYYY-MM-DD), "" when it does not parse.
func nextDay(date string) string {
	d, err := time.Parse(web.DateLayout, date)
	if err != nil {
		return ""
	}
	return d.AddDate(0, 0, 1).Format(web.DateLayout)
}
