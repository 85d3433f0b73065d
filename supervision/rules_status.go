package supervision

import "mentorlms/web"

// MentorStatus is where a person stands as a mentor: candidate → in training → active, or
// inactive by a coordinator's decision.
type MentorStatus string

// The mentor statuses.
const (
	Candidate  MentorStatus = "candidate"
	InTraining MentorStatus = "in_training"
	Active     MentorStatus = "active"
	Inactive   MentorStatus = "inactive"
)

// DefaultRecheckMonths is how old a clean record extract of an active mentor may be (DOMAIN.md:
// a re-check period, 12 months unless configured).
const DefaultRecheckMonths = 12

// StatusFacts are the facts a mentor's status is derived from, as of one day.
type StatusFacts struct {
	// Training: enrolled (with a seat) in a requalification run that is not over.
	Training bool
	// Certified: holds a valid (not revoked) requalification certificate.
	Certified bool
	// CleanRecordOn is the issue day of the latest record extract when it is clean, "" when
	// there is none or the latest is not clean.
	CleanRecordOn string
	// PledgeOn is the day the confidentiality pledge was signed, "" when never.
	PledgeOn string
	// InactiveSince is the day of a coordinator's decision that the mentor is inactive (moved,
	// resigned, paused, dismissed, other) that has not been lifted, "" when none stands.
	InactiveSince string
	// RecheckMonths is the re-check period of the record extract; 0 means the default.
	RecheckMonths int
}

// Derived is a mentor's status on a day and, for someone not active, what keeps them from it.
type Derived struct {
	Status MentorStatus
	// Missing lists, for a certified mentor who is not active, the facts that are missing:
	// "record" (no clean extract within the re-check period) and "pledge".
	Missing []string
	// RecordValidUntil is the last day the clean extract counts, "" without one.
	RecordValidUntil string
}

// Derive works out the status on today (YYYY-MM-DD): a coordinator's standing decision of
// inactivity wins; active takes a valid requalification certificate, a clean record extract
// within the re-check period and the signed pledge; in training is someone enrolled in a
// requalification run under way; anyone else is a candidate. A certified mentor whose extract
// has aged out is not active until a new one is entered, and the result says so.
func Derive(f StatusFacts, today string) Derived {
	months := f.RecheckMonths
	if months <= 0 {
		months = DefaultRecheckMonths
	}
	var d Derived
	recordOK := false
	if f.CleanRecordOn != "" {
		if _, key := web.ParseDate(f.CleanRecordOn); key == "" {
			d.RecordValidUntil = AddMonths(f.CleanRecordOn, months)
			recordOK = today <= d.RecordValidUntil
		}
	}
	switch {
	case f.InactiveSince != "" && f.InactiveSince <= today:
		d.Status = Inactive
	case f.Certified && recordOK && f.PledgeOn != "":
		d.Status = Active
	case f.Training:
		d.Status = InTraining
	default:
		d.Status = Candidate
	}
	if f.Certified && d.Status != Active {
		if !recordOK {
			d.Missing = append(d.Missing, "record")
		}
		if f.PledgeOn == "" {
			d.Missing = append(d.Missing, "pledge")
		}
	}
	return d
}

// MaxAheadMonths is how far ahead a decision of inactivity, or the end of one, may be dated: a
// planned pause is known some weeks ahead; a day further out is a typing mistake.
const MaxAheadMonths = 3

// decisionDay checks the day a decision of inactivity takes effect or ends: a date, at most
// MaxAheadMonths after today, and not before the last change the history has (lastSince, ""
// for none), because the history is never rewritten. It returns the catalog key of the
// problem, "" when the day is good.
func decisionDay(day, today, lastSince string) string {
	if _, key := web.ParseDate(day); key != "" {
		return key
	}
	if day > AddMonths(today, MaxAheadMonths) {
		return "mentor_status.day.too_far"
	}
	if lastSince != "" && day < lastSince {
		return "mentor_status.day.before_history"
	}
	return ""
}
