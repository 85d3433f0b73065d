package supervision

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"mentorlms/people"
	"mentorlms/web"
)

// Current is a mentor's status now: derived from today's facts, with the day it began.
type Current struct {
	Status MentorStatus
	// Since is the day the current status began, as the history has it; "" for someone who
	// has been a candidate all along.
	Since string
	// ActiveSince is the day the mentor last became active, "" if never; the cadence counts from
	// it before the first supervision.
	ActiveSince string
	// Missing and RecordValidUntil are as Derive gives them.
	Missing          []string
	RecordValidUntil string
}

// Statuses settles the history of the given people (adding a row for every change since the
// last one stored) and returns each one's current status, in a fixed number of queries however
// many people are asked about.
func (s *Service) Statuses(ctx context.Context, ids []int64, now time.Time) (map[int64]Current, error) {
	return s.statuses(ctx, ids, now)
}

// The reasons a coordinator gives for a decision of inactivity.
const (
	ReasonMoved     = "moved"
	ReasonResigned  = "resigned"
	ReasonPaused    = "paused"
	ReasonDismissed = "dismissed"
	ReasonOther     = "other"
)

// Reasons lists the reasons in the order the form offers them.
var Reasons = []string{ReasonMoved, ReasonResigned, ReasonPaused, ReasonDismissed, ReasonOther}

// MaxNote is the longest note of a decision, in characters.
const MaxNote = 500

// DecisionInput is what a coordinator gives to make a mentor inactive: a reason, the day it
// holds from ("" for today) and an optional note.
type DecisionInput struct {
	Reason string `json:"reason"`
	Since  string `json:"since"`
	Note   string `json:"note"`
}

// LiftInput is the day a decision of inactivity ends ("" for today).
type LiftInput struct {
	On string `json:"on"`
}

// normalize trims what was typed, keeps the lines of the note and fills in today.
func (in *DecisionInput) normalize(today string) {
	in.Reason = strings.TrimSpace(in.Reason)
	in.Since = strings.TrimSpace(in.Since)
	in.Note = web.Paragraphs(in.Note)
	if in.Since == "" {
		in.Since = today
	}
}

// validate checks a decision against today and the day of the last change in the history
// (lastSince, "" for none).
func (in DecisionInput) validate(today, lastSince string) web.Fields {
	var f web.Fields
	switch {
	case in.Reason == "":
		f.Add("reason", "mentor_status.reason.required")
	case !slices.Contains(Reasons, in.Reason):
		f.Add("reason", "mentor_status.reason.invalid")
	}
	if key := decisionDay(in.Since, today, lastSince); key != "" {
		f.Add("since", key, "Date", lastSince, "Months", MaxAheadMonths)
	}
	if utf8.RuneCountInString(in.Note) > MaxNote || !web.CleanParagraphs(in.Note) {
		f.Add("note", "mentor_status.note.invalid", "Max", MaxNote)
	}
	return f
}

// Decision is a coordinator's decision of inactivity as pages and the API show it.
type Decision struct {
	ID        int64  `db:"id" json:"id"`
	Reason    string `db:"reason" json:"reason"`
	Note      string `db:"note" json:"note"`
	Since     string `db:"since" json:"since"`
	DecidedBy string `db:"decided_by" json:"decided_by"`
	DecidedAt string `db:"decided_at" json:"decided_at"`
	LiftedOn  string `db:"lifted_on" json:"lifted_on,omitempty"`
	LiftedBy  string `db:"lifted_by" json:"lifted_by,omitempty"`
}

// Entry is a row of a person's history: from Since the status was Status because of Cause;
// Reason and DecidedBy name the decision behind it, if any.
type Entry struct {
	Since      string       `db:"since" json:"since"`
	Status     MentorStatus `db:"status" json:"status"`
	Cause      string       `db:"cause" json:"cause"`
	DecisionID int64        `db:"decision_id" json:"decision_id,omitempty"`
	Reason     string       `db:"reason" json:"reason,omitempty"`
	DecidedBy  string       `db:"decided_by" json:"decided_by,omitempty"`
}

// Mentor is one person's mentor status: now, what keeps them from being active, the decision
// that stands (dated ahead, too) and the history, newest first.
type Mentor struct {
	Person  people.Person
	Current Current
	// Explain says in words what is missing to be active (an extract older than the re-check
	// period, one that is not clean, none at all, the pledge).
	Explain  []web.Msg
	Decision *Decision
	History  []Entry
	// Decides: the one asking may decide about the person's inactivity.
	Decides bool
	// RecheckMonths is the re-check period of the record extract, for the words of the rule.
	RecheckMonths int
}

// ActiveMentor is someone who was active on the day asked about, since when.
type ActiveMentor struct {
	PersonID int64  `db:"person_id" json:"person_id"`
	Name     string `db:"name" json:"name"`
	Region   string `db:"region" json:"region"`
	Since    string `db:"since" json:"since"`
}
