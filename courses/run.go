package courses

import (
	"net/url"
	"strings"
	"unicode/utf8"

	"mentorlms/web"
)

// Status is where a run stands.
type Status string

// The statuses of a run: planned → open (for enrolment) → running → finished, or cancelled.
const (
	StatusPlanned   Status = "planned"
	StatusOpen      Status = "open"
	StatusRunning   Status = "running"
	StatusFinished  Status = "finished"
	StatusCancelled Status = "cancelled"
)

// Statuses lists the statuses in their order.
var Statuses = []Status{StatusPlanned, StatusOpen, StatusRunning, StatusFinished, StatusCancelled}

// Run is one run (běh) of a course: when, where, for how many, taught by whom.
type Run struct {
	ID           int64  `db:"id" json:"id"`
	CourseID     int64  `db:"course_id" json:"course_id"`
	StartsOn     string `db:"starts_on" json:"starts_on"`
	EndsOn       string `db:"ends_on" json:"ends_on"`
	Online       bool   `db:"online" json:"online"`
	Town         string `db:"town" json:"town"`
	Address      string `db:"address" json:"address"`
	Region       string `db:"region" json:"region,omitempty"`
	Capacity     int    `db:"capacity" json:"capacity"`
	Status       Status `db:"status" json:"status"`
	CancelReason string `db:"cancel_reason" json:"cancel_reason,omitempty"`
	// JoinLink is where the people of an online run join its sessions (https). It is left out
	// of the run's JSON, which lists and other domains' documents carry to anyone: only those
	// enrolled in the run and staff may see it (see Handlers.Enrolled), and the API's run
	// detail adds it for them.
	JoinLink    string  `db:"join_link" json:"-"`
	CreatedAt   string  `db:"created_at" json:"created_at"`
	UpdatedAt   string  `db:"updated_at" json:"updated_at"`
	LecturerIDs []int64 `db:"-" json:"lecturer_ids"`
	Seats       Seats   `db:"-" json:"seats"`
}

// Seats counts a run's places.
type Seats struct {
	Capacity   int `json:"capacity"`
	Taken      int `json:"taken"`
	Waitlisted int `json:"waitlisted"`
	Free       int `json:"free"`
}

// Place is how the run's place reads: the town and address, or online.
func (r Run) Place() string {
	if r.Online {
		return ""
	}
	if r.Address == "" {
		return r.Town
	}
	return r.Town + ", " + r.Address
}

// RunInput is what a form or the API gives to create or change a run.
type RunInput struct {
	StartsOn    string  `json:"starts_on"`
	EndsOn      string  `json:"ends_on"`
	Online      bool    `json:"online"`
	Town        string  `json:"town"`
	Address     string  `json:"address"`
	Place       string  `json:"place"` // "Town, address" in one field, as API.md names it
	JoinLink    string  `json:"join_link"`
	Region      string  `json:"region"`
	Capacity    int     `json:"capacity"`
	LecturerIDs []int64 `json:"lecturer_ids"`
	Status      Status  `json:"status"`
}

// Run builds the run of a course from the input; a run starts planned unless told otherwise.
func (in RunInput) Run(courseID int64) Run {
	town, address := strings.TrimSpace(in.Town), strings.TrimSpace(in.Address)
	if town == "" && in.Place != "" {
		t, a, _ := strings.Cut(in.Place, ",")
		town, address = strings.TrimSpace(t), strings.TrimSpace(a)
	}
	status := in.Status
	if status == "" {
		status = StatusPlanned
	}
	return Run{CourseID: courseID, StartsOn: strings.TrimSpace(in.StartsOn), EndsOn: strings.TrimSpace(in.EndsOn),
		Online: in.Online, Town: town, Address: address, Region: strings.ToUpper(strings.TrimSpace(in.Region)),
		Capacity: in.Capacity, Status: status, LecturerIDs: unique(in.LecturerIDs), JoinLink: strings.TrimSpace(in.JoinLink)}
}

// MaxLecturers bounds the lecturers of one run: a run has a few, and each is checked.
const MaxLecturers = 20

// Validate checks a run on its own; seats taken, accreditation and lecturers need the database.
func (r Run) Validate() web.Fields {
	var f web.Fields
	if len(r.LecturerIDs) > MaxLecturers {
		f.Add("lecturer_ids", "run.lecturer.too_many", "Max", MaxLecturers)
	}
	from, errFrom := web.ParseDate(r.StartsOn)
	until, errUntil := web.ParseDate(r.EndsOn)
	if errFrom != "" {
		f.Add("starts_on", errFrom)
	}
	if errUntil != "" {
		f.Add("ends_on", errUntil)
	}
	if errFrom == "" && errUntil == "" && until.Before(from) {
		f.Add("ends_on", "run.ends.before_start")
	}
	if !r.Online && r.Town == "" {
		f.Add("town", "run.town.required")
	}
	text(&f, "town", r.Town, 200, false, web.CleanText)
	text(&f, "address", r.Address, 200, false, web.CleanText)
	if key := joinLinkProblem(r); key != "" {
		f.Add("join_link", key, "Max", maxJoinLink)
	}
	if r.Capacity < 1 || r.Capacity > 1000 {
		f.Add("capacity", "course.field.range", "Min", 1, "Max", 1000)
	}
	if r.Status != StatusPlanned && r.Status != StatusOpen {
		f.Add("status", "run.status.initial")
	}
	return f
}

// maxJoinLink is the longest join link taken, in characters: meeting addresses with their
// tokens run to a few hundred.
const maxJoinLink = 500

// joinLinkProblem is the message key of what is wrong with a run's join link, "" when nothing
// is. Only https is taken: the link is shown as a link to the run's people, so javascript:,
// data: or a plain http address (readable and changeable on the way) must never get there.
func joinLinkProblem(r Run) string {
	link := r.JoinLink
	switch {
	case link == "":
		return ""
	case !r.Online:
		return "run.join_link.not_online"
	case utf8.RuneCountInString(link) > maxJoinLink:
		return "run.join_link.too_long"
	case !web.CleanText(link) || strings.ContainsAny(link, " <>\"\\"):
		return "run.join_link.https"
	}
	u, err := url.Parse(link)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.Hostname() == "" || u.User != nil || u.Opaque != "" {
		return "run.join_link.https"
	}
	return ""
}

// unique drops repeated ids, keeping the first of each: a form or a script naming someone
// twice means them once.
func unique(ids []int64) []int64 {
	out := make([]int64, 0, len(ids))
	seen := make(map[int64]bool, len(ids)) // a forged form may name very many
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	return out
}
