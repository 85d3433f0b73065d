package courses_test

import (
	"strings"
	"testing"

	"mentorlms/courses"
)

// Text typed in a textarea keeps its line breaks, which a browser sends as CRLF: a course's
// description, and the reasons for calling off a session or a run. A hidden character is still
// refused.
func TestTypedParagraphs(t *testing.T) {
	e := newEnv(t)
	in := courses.CourseInput{Code: "ODST", Title: "Odstavce", Kind: courses.KindCourse, TheoryHours: 2,
		Description: "První odstavec.\r\n\r\nDruhý odstavec.\r\n"}
	c, err := e.s.SaveCourse(e.ctx, e.admin, 0, in, now)
	if err != nil {
		t.Fatal(err)
	}
	if c.Description != "První odstavec.\n\nDruhý odstavec." {
		t.Errorf("description %q", c.Description)
	}
	in.Description = "Skrytý\u202Eznak"
	if k := fieldKey(t, func() error { _, err := e.s.SaveCourse(e.ctx, e.admin, c.ID, in, now); return err }(), "description"); k != "course.field.invalid_text" {
		t.Errorf("a hidden character in the description: %s", k)
	}
	// What is too long is told its limit, not that it is missing.
	if f := (courses.Module{Title: strings.Repeat("m", 201)}).Validate(); f["title"].Key != "course.field.too_long" || f["title"].Args["Max"] != 200 {
		t.Errorf("a module title of 201 characters: %v", f)
	}

	r := e.run(t, e.seminar(t), "2026-04-14", "2026-04-15", e.eva)
	ss, err := e.s.AddSessions(e.ctx, e.admin, r.ID, courses.SessionInput{Date: "2026-04-14", Time: "9:00", Minutes: 90,
		Kind: courses.Theory, LecturerID: e.eva}, now)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.s.CancelSession(e.ctx, e.admin, ss[0].ID, "Lektorka onemocněla.\r\nNáhrada bude v květnu.", now); err != nil {
		t.Fatalf("a reason of two lines: %v", err)
	}
	got, err := e.s.Store().Session(e.ctx, e.d.R, ss[0].ID)
	if err != nil || got.CancelReason != "Lektorka onemocněla.\nNáhrada bude v květnu." {
		t.Errorf("session's reason %q, %v", got.CancelReason, err)
	}
	if _, err := e.s.SetStatus(e.ctx, e.admin, r.ID, courses.StatusCancelled, "Povodně.\r\nNový termín na podzim.", now); err != nil {
		t.Fatalf("a run's reason of two lines: %v", err)
	}
	if run, err := e.s.Store().Run(e.ctx, e.d.R, r.ID); err != nil || run.CancelReason != "Povodně.\nNový termín na podzim." {
		t.Errorf("run's reason %q, %v", run.CancelReason, err)
	}
}
