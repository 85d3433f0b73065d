package main

import "net/http"

const late = http.StatusConflict

// enrollmentAccess covers evidence, eligibility, enrolment and the inbox. :enrollment is the
// target's pending application to the fixture's run; the target has no record extract, so the
// staff who may approve get 422 listing the rule. The coordinator's withdrawal succeeds, after
// which the admin's finds it withdrawn already.
var enrollmentAccess = []access{
	{"GET", "/api/v1/people/:id/evidence", "", false, [5]int{who, no, no, ok, ok}},
	{"PUT", "/api/v1/people/:id/evidence", `{}`, false, [5]int{who, no, no, bad, bad}},
	{"GET", "/api/v1/people/:id/eligibility", "", false, [5]int{who, no, no, http.StatusBadRequest, http.StatusBadRequest}},
	{"POST", "/api/v1/runs/:run/enrollments", `{"person_id": :id}`, false, [5]int{who, no, no, late, late}},
	{"GET", "/api/v1/runs/:run/enrollments", "", false, [5]int{who, no, ok, ok, ok}},
	{"GET", "/api/v1/enrollments/:enrollment", "", false, [5]int{who, gone, ok, ok, ok}},
	{"POST", "/api/v1/enrollments/:enrollment/approve", "", false, [5]int{who, no, no, bad, bad}},
	{"POST", "/api/v1/enrollments/:enrollment/reject", `{}`, false, [5]int{who, no, no, bad, bad}},
	{"GET", "/api/v1/notifications", "", false, [5]int{who, ok, ok, ok, ok}},
	{"GET", "/inbox", "", false, [5]int{see, ok, ok, ok, ok}},
	{"POST", "/inbox/read", "", false, [5]int{see, see, see, see, see}},
	{"POST", "/api/v1/enrollments/:enrollment/withdraw", "", false, [5]int{who, gone, gone, ok, late}},
}
