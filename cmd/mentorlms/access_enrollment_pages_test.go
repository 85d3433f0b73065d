package main

// enrollmentPageAccess covers the enrolment pages. These rows run after enrollmentAccess, whose
// last row (the coordinator's withdrawal) leaves :enrollment withdrawn: deciding about it or
// withdrawing it again is a conflict for the staff who may, and 404 for those who may not see
// it. The bulk form lists it, so the staff get the roster again with the failure (422). Last,
// the trainee applies for themself (303 to /my/courses); the coordinator and the admin, who
// would enrol themselves at once, are refused for the rules they do not meet (422).
var enrollmentPageAccess = []access{
	{"GET", "/my/courses", "", false, [5]int{see, ok, ok, ok, ok}},
	{"GET", "/queue", "", false, [5]int{see, no, no, ok, ok}},
	{"GET", "/runs/:run/apply", "", false, [5]int{see, ok, ok, ok, ok}},
	{"GET", "/runs/:run/roster", "", false, [5]int{see, no, ok, ok, ok}},
	{"POST", "/enrollments/:enrollment/approve", "", false, [5]int{see, no, no, late, late}},
	{"POST", "/enrollments/:enrollment/reject", "reason=Nesplňuje+podmínky", false, [5]int{see, no, no, late, late}},
	{"POST", "/enrollments/:enrollment/reject", "reason=Nesplňuje+podmínky&confirm=yes", false, [5]int{see, no, no, late, late}},
	{"POST", "/runs/:run/approve", "enrollment=:enrollment", false, [5]int{see, no, no, bad, bad}},
	// The target has no record extract: the page shows the failing rule and offers no button.
	{"GET", "/runs/:run/enrol/:id", "", false, [5]int{see, no, no, late, late}},
	{"POST", "/runs/:run/enrol/:id", "", false, [5]int{see, no, no, late, late}},
	{"POST", "/runs/:run/enrol/:id", "confirm=yes", false, [5]int{see, no, no, late, late}},
	{"GET", "/enrollments/:enrollment/withdraw", "", false, [5]int{see, gone, gone, late, late}},
	{"POST", "/enrollments/:enrollment/withdraw", "next=/queue", false, [5]int{see, gone, gone, late, late}},
	{"POST", "/enrollments/:enrollment/withdraw", "next=/queue&confirm=yes", false, [5]int{see, gone, gone, late, late}},
	{"POST", "/runs/:run/apply", "", false, [5]int{see, see, no, no, no}}, // nobody approves their own application
}
