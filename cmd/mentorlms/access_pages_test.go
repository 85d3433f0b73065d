package main

// coursesPageAccess covers the pages of the catalog and the schedule. The catalog and a run's
// page are public; keeping the catalog is the admin's, whose wrong forms answer 422 and change
// nothing; "my sessions" is for lecturers (and admins). :module is the fixture's module,
// which the admin's row deletes.
var coursesPageAccess = []access{
	{"GET", "/runs", "", false, [5]int{ok, ok, ok, ok, ok}},
	{"GET", "/runs/:run", "", false, [5]int{ok, ok, ok, ok, ok}},
	{"GET", "/my/sessions", "", false, [5]int{see, no, ok, no, ok}},

	{"GET", "/courses", "", false, [5]int{see, no, no, no, ok}},
	{"GET", "/courses/new", "", false, [5]int{see, no, no, no, ok}},
	{"POST", "/courses", "code=&title=", false, [5]int{see, no, no, no, bad}},
	{"GET", "/courses/:course", "", false, [5]int{see, no, no, no, ok}},
	{"GET", "/courses/:course/edit", "", false, [5]int{see, no, no, no, ok}},
	{"POST", "/courses/:course", "code=&title=", false, [5]int{see, no, no, no, bad}},
	{"POST", "/courses/:course/accreditations", "body=MPSV&number=", false, [5]int{see, no, no, no, bad}},
	{"POST", "/courses/:course/modules", "title=", false, [5]int{see, no, no, no, bad}},
	{"GET", "/courses/:course/modules/:module/delete", "", false, [5]int{see, no, no, no, ok}},
	{"POST", "/courses/:course/modules/:module/delete", "", false, [5]int{see, no, no, no, ok}}, // asks first
	{"POST", "/courses/:course/modules/:module/delete", "confirm=yes", false, [5]int{see, no, no, no, see}},
	{"GET", "/courses/:course/accreditations/:accreditation/delete", "", false, [5]int{see, no, no, no, late}},
	{"POST", "/courses/:course/accreditations/:accreditation/delete", "", false, [5]int{see, no, no, no, late}},
	{"POST", "/courses/:course/accreditations/:accreditation/delete", "confirm=yes", false, [5]int{see, no, no, no, late}},
	{"GET", "/courses/:course/runs/new", "", false, [5]int{see, no, no, no, ok}},
	{"POST", "/courses/:course/runs", "capacity=0", false, [5]int{see, no, no, no, bad}},
	{"GET", "/runs/:run/edit", "", false, [5]int{see, no, no, no, ok}},
	{"POST", "/runs/:run", "capacity=x", false, [5]int{see, no, no, no, bad}},
	{"GET", "/runs/:run/status", "", false, [5]int{see, no, no, no, 400}},
	{"POST", "/runs/:run/status", "status=bogus", false, [5]int{see, no, no, no, bad}},
	{"GET", "/runs/:run/sessions/new", "", false, [5]int{see, no, no, no, ok}},
	{"POST", "/runs/:run/sessions", "date=&time=", false, [5]int{see, no, no, no, bad}},
	{"GET", "/sessions/:session/edit", "", false, [5]int{see, no, no, no, ok}},
	{"POST", "/sessions/:session", "minutes=abc", false, [5]int{see, no, no, no, bad}},
	{"GET", "/sessions/:session/cancel", "", false, [5]int{see, no, no, no, ok}},
	{"POST", "/sessions/:session/cancel", "reason=", false, [5]int{see, no, no, no, ok}}, // asks first
	{"POST", "/sessions/:session/cancel", "reason=&confirm=yes", false, [5]int{see, no, no, no, bad}},
}
