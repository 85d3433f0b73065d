package main

// attendancePageAccess covers the pages of attendance, apologies and the exam. The fixture's
// session lies ahead of the harness clock, so saving its attendance is refused as too early
// (409) for those who teach the run; no signed-in person is enrolled in the run, so the
// trainee's apology is refused (409) too; the fixture's course has no exam, so recording one is
// a conflict (409) while the page itself shows.
var attendancePageAccess = []access{
	{"GET", "/runs/:run/sessions/:session/attendance", "", false, [5]int{see, no, ok, no, ok}},
	{"POST", "/runs/:run/sessions/:session/attendance", "", false, [5]int{see, no, late, no, late}},
	{"POST", "/sessions/:session/apology", "note=Nemoc", false, [5]int{see, late, no, no, no}},
	{"POST", "/sessions/:session/apology/delete", "", false, [5]int{see, late, no, no, no}},
	{"GET", "/enrollments/:enrollment/exam", "", false, [5]int{see, no, ok, no, ok}},
	{"POST", "/enrollments/:enrollment/exam", "", false, [5]int{see, no, late, no, late}},
}
