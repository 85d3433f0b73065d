package main

import "net/http"

// supervisionAccess covers the supervision pages and API: staff (the coordinator of the
// fixture's region and admins) record and read; a mentor reads their own. :supervision is a
// meeting of the coordinator's region that the target attended. The API's DELETE comes last of
// the meeting's rows: the coordinator deletes it, so the admin finds it gone.
var supervisionAccess = []access{
	{"GET", "/supervision", "", false, [5]int{see, no, no, ok, ok}},
	{"GET", "/supervision/mentors.csv", "", false, [5]int{see, no, no, ok, ok}},
	{"GET", "/supervision/mentors.xlsx", "", false, [5]int{see, no, no, ok, ok}},
	{"GET", "/supervision/overview", "", false, [5]int{see, no, no, ok, ok}},
	{"GET", "/supervision/intervals", "", false, [5]int{see, no, no, ok, ok}},
	{"POST", "/supervision/intervals", "region=ULK&months=3", false, [5]int{see, no, no, bad, bad}},
	{"POST", "/supervision/intervals", "region=&months=2", false, [5]int{see, no, no, no, gone}}, // an empty code names no region
	{"GET", "/supervision/mentors/:id", "", false, [5]int{see, no, no, ok, ok}},
	{"POST", "/supervision/mentors/:id/interval", "months=1&reason=", false, [5]int{see, no, no, bad, bad}},
	{"GET", "/supervision/meetings", "", false, [5]int{see, no, no, ok, ok}},
	{"GET", "/supervision/meetings/new", "", false, [5]int{see, no, no, ok, ok}},
	{"POST", "/supervision/meetings", "held_on=", false, [5]int{see, no, no, bad, bad}},
	{"GET", "/supervision/meetings/:supervision", "", false, [5]int{see, no, no, ok, ok}},
	{"GET", "/supervision/meetings/:supervision/edit", "", false, [5]int{see, no, no, ok, ok}},
	{"POST", "/supervision/meetings/:supervision", "held_on=", false, [5]int{see, no, no, bad, bad}},
	{"GET", "/supervision/meetings/:supervision/delete", "", false, [5]int{see, no, no, ok, ok}},
	{"POST", "/supervision/meetings/:supervision/delete", "", false, [5]int{see, no, no, ok, ok}}, // asks first
	{"GET", "/my/supervision", "", false, [5]int{see, ok, ok, ok, ok}},
	{"GET", "/reminders/jobs", "", false, [5]int{see, no, no, no, ok}},
	{"GET", "/account/email", "", false, [5]int{see, ok, ok, ok, ok}},
	{"POST", "/account/email", "on_session_tomorrow=1", false, [5]int{see, see, see, see, see}},
	{"GET", "/unsubscribe/:token", "", false, [5]int{gone, gone, gone, gone, gone}}, // the fixture's token is none
	{"POST", "/unsubscribe/:token", "", false, [5]int{gone, gone, gone, gone, gone}},
	{"POST", "/api/v1/unsubscribe/:token", "", false, [5]int{gone, gone, gone, gone, gone}},
	{"GET", "/api/v1/unsubscribe/:token", "", false, [5]int{see, see, see, see, see}},
	{"GET", "/api/v1/reminders/jobs", "", false, [5]int{who, no, no, no, ok}},

	{"POST", "/api/v1/supervisions", `{}`, false, [5]int{who, no, no, bad, bad}},
	{"GET", "/api/v1/supervisions", "", false, [5]int{who, no, no, ok, ok}},
	{"GET", "/api/v1/supervisions/:supervision", "", false, [5]int{who, no, no, ok, ok}},
	{"PUT", "/api/v1/supervisions/:supervision", `{}`, false, [5]int{who, no, no, bad, bad}},
	{"DELETE", "/api/v1/supervisions/:supervision", "", false, [5]int{who, no, no, http.StatusNoContent, gone}},
	{"GET", "/api/v1/me/supervisions", "", false, [5]int{who, ok, ok, ok, ok}},
	{"GET", "/api/v1/supervision/status", "", false, [5]int{who, no, no, ok, ok}},
	{"GET", "/api/v1/supervision/summary", "", false, [5]int{who, no, no, ok, ok}},
	{"GET", "/api/v1/supervision/intervals", "", false, [5]int{who, no, no, ok, ok}},
	{"PUT", "/api/v1/supervision/intervals/:region", `{"months":3}`, false, [5]int{who, no, no, bad, bad}},
	{"PUT", "/api/v1/people/:id/supervision-interval", `{"months":1,"reason":""}`, false, [5]int{who, no, no, bad, bad}},
	{"DELETE", "/api/v1/people/:id/supervision-interval", "", false, [5]int{who, no, no, http.StatusNoContent, http.StatusNoContent}},
}

// supervision records a group supervision of ULK held a week before the harness's day, which
// person attended, led by an external supervisor.
func (h *harness) supervision(fx *fixture, person int64) {
	h.t.Helper()
	res, err := h.d.W.Exec(`INSERT INTO supervisions (region_code, held_at, held_on, kind, supervisor_name, note,
		created_at, updated_at) VALUES ('ULK', '2026-02-23T09:00:00Z', '2026-02-23', 'group', 'Mgr. Eva Malá', '', '', '')`)
	if err != nil {
		h.t.Fatal(err)
	}
	fx.supervision, _ = res.LastInsertId()
	if _, err := h.d.W.Exec(`INSERT INTO supervision_attendees (supervision_id, person_id, held_on) VALUES (?, ?, '2026-02-23')`,
		fx.supervision, person); err != nil {
		h.t.Fatal(err)
	}
}
