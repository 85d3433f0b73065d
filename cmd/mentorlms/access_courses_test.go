package main

import (
	"context"
	"fmt"
	"strings"

	"mentorlms/courses"
)

// coursesAPIAccess covers the JSON API of the catalog and the schedule. Changes are the
// admin's; bodies are empty or wrong so that the admin's answer is a 422 that changes nothing.
var coursesAPIAccess = []access{
	{"GET", "/api/v1/courses", "", false, [5]int{ok, ok, ok, ok, ok}},
	{"POST", "/api/v1/courses", `{}`, false, [5]int{who, no, no, no, bad}},
	{"GET", "/api/v1/courses/:course", "", false, [5]int{ok, ok, ok, ok, ok}},
	{"PUT", "/api/v1/courses/:course", `{}`, false, [5]int{who, no, no, no, bad}},
	{"POST", "/api/v1/courses/:course/accreditations", `{}`, false, [5]int{who, no, no, no, bad}},
	{"DELETE", "/api/v1/courses/:course/accreditations/:accreditation", "", false, [5]int{who, no, no, no, late}},
	{"POST", "/api/v1/courses/:course/modules", `{}`, false, [5]int{who, no, no, no, bad}},
	{"POST", "/api/v1/courses/:course/runs", `{}`, false, [5]int{who, no, no, no, bad}},
	{"GET", "/api/v1/runs", "", false, [5]int{ok, ok, ok, ok, ok}},
	{"GET", "/api/v1/runs/:run", "", false, [5]int{ok, ok, ok, ok, ok}},
	{"PUT", "/api/v1/runs/:run", `{}`, false, [5]int{who, no, no, no, bad}},
	{"POST", "/api/v1/runs/:run/status", `{"status":"bogus"}`, false, [5]int{who, no, no, no, bad}},
	{"POST", "/api/v1/runs/:run/sessions", `{}`, false, [5]int{who, no, no, no, bad}},
	{"PUT", "/api/v1/sessions/:session", `{}`, false, [5]int{who, no, no, no, bad}},
	{"POST", "/api/v1/sessions/:session/cancel", `{}`, false, [5]int{who, no, no, no, bad}},
}

// replacer puts the fixture's ids (and the person target) into a route's parameters.
func (fx fixture) replacer(target int64) *strings.Replacer {
	return strings.NewReplacer(":id", fmt.Sprint(target), ":token", "neplatny", ":course", fmt.Sprint(fx.course),
		":run", fmt.Sprint(fx.run), ":session", fmt.Sprint(fx.session), ":module", fmt.Sprint(fx.module),
		":enrollment", fmt.Sprint(fx.enrollment), ":accreditation", fmt.Sprint(fx.accreditation), ":supervision", fmt.Sprint(fx.supervision),
		":certificate", fmt.Sprint(fx.certificate), ":region", "ULK", ":hours", fmt.Sprint(fx.hours), ":employment", fmt.Sprint(fx.employment),
		":absence", fmt.Sprint(fx.absence), ":apitoken", fmt.Sprint(fx.apiToken), ":signin", "999999")
}

// fixture holds the ids of a small schedule.
type fixture struct {
	course, run, session, module, enrollment, accreditation, certificate, supervision int64
	hours, employment, absence                                                        int64 // continuing education of the target
	apiToken                                                                          int64 // an API token of the target
}

// schedule makes an accredited seminar with an open run in ULK taught by the lecturer with
// lecturerEmail, and one session of it.
func (h *harness) schedule(lecturerEmail string) fixture {
	h.t.Helper()
	ctx := context.Background()
	lecturer, err := h.svc.Store().ByEmail(ctx, h.d.R, lecturerEmail)
	if err != nil {
		h.t.Fatal(err)
	}
	svc := courses.NewService(h.d)
	c, err := svc.SaveCourse(ctx, nil, 0, courses.CourseInput{Code: "DLUHY", Title: "Řešení finanční situace zadlužených osob",
		Kind: courses.KindAccreditedSeminar, TheoryHours: 6, Accreditation: &courses.AccreditInput{Body: courses.BodyMPSV,
			Number: "2014/0998-PC/SP/VP/PP", ValidFrom: "2025-01-01", ValidUntil: "2028-12-31"}}, h.clock())
	if err != nil {
		h.t.Fatal(err)
	}
	r, err := svc.SaveRun(ctx, nil, c.ID, 0, courses.RunInput{StartsOn: "2026-04-14", EndsOn: "2026-04-14", Town: "Děčín",
		Address: "Masarykovo nám. 1", Region: "ULK", Capacity: 9, Status: courses.StatusOpen,
		LecturerIDs: []int64{lecturer.ID}}, h.clock())
	if err != nil {
		h.t.Fatal(err)
	}
	ss, err := svc.AddSessions(ctx, nil, r.ID, courses.SessionInput{StartsAt: "2026-04-14T09:00:00+02:00", Minutes: 270,
		Kind: courses.Theory, Topic: "Úvod do problematiky", LecturerID: lecturer.ID}, h.clock())
	if err != nil {
		h.t.Fatal(err)
	}
	m, err := svc.AddModule(ctx, nil, courses.Module{CourseID: c.ID, Title: "Dluhy a exekuce", TheoryHours: 6}, h.clock())
	if err != nil {
		h.t.Fatal(err)
	}
	accs, err := svc.Store().Accreditations(ctx, h.d.R, c.ID)
	if err != nil || len(accs) != 1 {
		h.t.Fatalf("accreditations %v %v", accs, err)
	}
	return fixture{course: c.ID, run: r.ID, session: ss[0].ID, module: m.ID, accreditation: accs[0].ID}
}

// pending files a pending application of person for the fixture's run.
func (h *harness) pending(fx *fixture, person int64) {
	h.t.Helper()
	res, err := h.d.W.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at)
		VALUES (?, ?, 'pending', '', '')`, fx.run, person)
	if err != nil {
		h.t.Fatal(err)
	}
	fx.enrollment, _ = res.LastInsertId()
}
