package courses_test

import (
	"strings"
	"testing"

	"mentorlms/courses"
)

// An online run needs no town; its join link must be a whole https address of at most 500
// characters, and only an online run may have one.
func TestRunJoinLink(t *testing.T) {
	online := func(link string) courses.RunInput {
		return courses.RunInput{StartsOn: "2026-04-01", EndsOn: "2026-04-01", Online: true, Capacity: 20, JoinLink: link}
	}
	long := "https://meet.example.cz/" + strings.Repeat("a", 500-len("https://meet.example.cz/"))
	for _, tt := range []struct {
		name string
		in   courses.RunInput
		want string // the message key on join_link; "" when the run is fine
	}{
		{"no link yet", online(""), ""},
		{"https", online("https://meet.example.cz/kurz-dluhy?pwd=Ab12"), ""},
		{"spaces around", online("  https://zoom.example.com/j/123456789  "), ""},
		{"upper-case scheme", online("HTTPS://Teams.Example.com/l/meetup-join/19%3ameeting"), ""},
		{"500 characters", online(long), ""},
		{"501 characters", online(long + "b"), "run.join_link.too_long"},
		{"http", online("http://meet.example.cz/kurz"), "run.join_link.https"},
		{"javascript", online("javascript:alert(1)"), "run.join_link.https"},
		{"javascript hidden in https", online("https:javascript:alert(1)"), "run.join_link.https"},
		{"data", online("data:text/html,<b>x</b>"), "run.join_link.https"},
		{"no host", online("https:///path"), "run.join_link.https"},
		{"no scheme", online("meet.example.cz/kurz"), "run.join_link.https"},
		{"protocol-relative", online("//meet.example.cz/kurz"), "run.join_link.https"},
		{"credentials", online("https://user:secret@meet.example.cz/"), "run.join_link.https"},
		{"a space inside", online("https://meet.example.cz/a b"), "run.join_link.https"},
		{"a quote", online(`https://meet.example.cz/"onmouseover=x`), "run.join_link.https"},
		{"a line break", online("https://meet.example.cz/\nx"), "run.join_link.https"},
		{"in person with a link", courses.RunInput{StartsOn: "2026-04-01", EndsOn: "2026-04-01", Town: "Děčín",
			Capacity: 20, JoinLink: "https://meet.example.cz/kurz"}, "run.join_link.not_online"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.in.Run(1).Validate()
			if got := f["join_link"].Key; got != tt.want {
				t.Errorf("join_link: %q, want %q", got, tt.want)
			}
			if _, ok := f["town"]; ok {
				t.Errorf("town: %v; an online run needs none", f["town"])
			}
		})
	}
	if got := online("  https://meet.example.cz/x ").Run(1).JoinLink; got != "https://meet.example.cz/x" {
		t.Errorf("the link is kept as %q", got)
	}
}

// The link is stored with the run, changed by saving the run, and kept in the audit log.
func TestRunJoinLinkStored(t *testing.T) {
	e := newEnv(t)
	c := e.seminar(t)
	in := courses.RunInput{StartsOn: "2026-04-01", EndsOn: "2026-04-02", Online: true, Capacity: 20,
		JoinLink: "https://meet.example.cz/dluhy", LecturerIDs: []int64{e.eva}}
	r, err := e.s.SaveRun(e.ctx, e.admin, c.ID, 0, in, now)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := e.s.Store().Run(e.ctx, e.d.R, r.ID); got.JoinLink != in.JoinLink || got.Town != "" {
		t.Errorf("stored %q in %q", got.JoinLink, got.Town)
	}
	in.JoinLink = "http://meet.example.cz/dluhy"
	if _, err := e.s.SaveRun(e.ctx, e.admin, c.ID, r.ID, in, now); err == nil {
		t.Fatal("an http link was taken")
	} else if _, f := code(t, err); f["join_link"].Key != "run.join_link.https" {
		t.Errorf("fields %v", f)
	}
	in.JoinLink = "https://meet.example.cz/novy"
	if _, err := e.s.SaveRun(e.ctx, e.admin, c.ID, r.ID, in, now); err != nil {
		t.Fatal(err)
	}
	var after string
	if err := e.d.R.Get(&after, `SELECT after FROM audit_log WHERE action = 'run.update' ORDER BY id DESC LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(after, `"join_link":"https://meet.example.cz/novy"`) {
		t.Errorf("the audit entry lacks the link: %s", after)
	}
}
