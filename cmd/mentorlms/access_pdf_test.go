package main

// pdfAccess covers the printable attendance sheet and class book: an admin and the run's
// lecturer get the PDF, other signed-in roles are refused, a visitor is sent to sign in (pages)
// or told to authenticate (API).
var pdfAccess = []access{
	{"GET", "/runs/:run/sessions/:session/attendance-sheet.pdf", "", false, [5]int{see, no, ok, no, ok}},
	{"GET", "/runs/:run/class-book.pdf", "", false, [5]int{see, no, ok, no, ok}},
	{"GET", "/api/v1/sessions/:session/attendance-sheet.pdf", "", false, [5]int{who, no, ok, no, ok}},
	{"GET", "/api/v1/runs/:run/class-book.pdf", "", false, [5]int{who, no, ok, no, ok}},
}
