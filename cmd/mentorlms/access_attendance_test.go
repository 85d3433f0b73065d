package main

// attendanceAPIAccess covers attendance, apologies, check-in, exams and completion in the API.
// The fixture's session lies ahead (marks and check-ins are refused as too early: 409), its
// course has no exam (409), and no signed-in person is enrolled in its run (an apology: 409).
var attendanceAPIAccess = []access{
	{"GET", "/api/v1/sessions/:session/attendance", "", false, [5]int{who, no, ok, no, ok}},
	{"PUT", "/api/v1/sessions/:session/attendance", `[]`, false, [5]int{who, no, late, no, late}},
	{"POST", "/api/v1/sessions/:session/apology", `{}`, false, [5]int{who, late, no, no, no}},
	{"DELETE", "/api/v1/sessions/:session/apology", "", false, [5]int{who, late, no, no, no}},
	{"GET", "/api/v1/sessions/:session/checkin-code", "", false, [5]int{who, no, late, no, late}},
	{"POST", "/api/v1/sessions/:session/checkin", `{"code":"x"}`, false, [5]int{who, late, late, late, late}},
	{"PUT", "/api/v1/enrollments/:enrollment/exam", `{}`, false, [5]int{who, no, late, no, late}},
	{"GET", "/api/v1/runs/:run/completion", "", false, [5]int{who, no, ok, ok, ok}},
}
