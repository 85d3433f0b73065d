package main

// evidencePageAccess covers the evidence and self-identification pages and API. The forms get
// empty input, so those who may use them get 422 and nothing is stored; self-identification is
// the admin's alone, the coordinator of the person's region sees and records record checks.
var evidencePageAccess = []access{
	{"GET", "/people/:id/evidence", "", false, [5]int{see, no, no, ok, ok}},
	{"POST", "/people/:id/evidence/record-check", "issued_on=&clean=&verified_on=", false, [5]int{see, no, no, bad, bad}},
	{"POST", "/people/:id/evidence/pledge", "pledge_signed_on=", false, [5]int{see, no, no, no, bad}},
	{"POST", "/people/:id/evidence/identification", "roma=1&consent_on=", false, [5]int{see, no, no, no, bad}},
	{"POST", "/people/:id/evidence/identification", "action=withdraw&withdrawn_on=2026-03-02", false, [5]int{see, no, no, no, late}}, // nothing recorded: the page says so, no button
	{"GET", "/api/v1/people/:id/identification", "", false, [5]int{who, no, no, no, ok}},
	{"PUT", "/api/v1/people/:id/identification", `{}`, false, [5]int{who, no, no, no, bad}},
}
