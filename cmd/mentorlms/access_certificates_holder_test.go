package main

// certificatesHolderAccess covers a holder's certificates, the PDF downloads and the ZIP of a
// run. :certificate is the target person's, whom none of the signed-in people is, so only the
// admin gets it and everyone else is told it does not exist (404), the run's lecturer and the
// region's coordinator included; anyone signed in may list their own (none here: 200).
var certificatesHolderAccess = []access{
	{"GET", "/my/certificates", "", false, [5]int{see, ok, ok, ok, ok}},
	{"GET", "/certificates/:certificate/pdf", "", false, [5]int{see, gone, gone, gone, ok}},
	{"GET", "/runs/:run/certificates.zip", "", false, [5]int{see, no, no, no, ok}},
	{"GET", "/api/v1/me/certificates", "", false, [5]int{who, ok, ok, ok, ok}},
	{"GET", "/api/v1/certificates/:certificate/pdf", "", false, [5]int{who, gone, gone, gone, ok}},
	{"GET", "/api/v1/runs/:run/certificates.zip", "", false, [5]int{who, no, no, no, ok}},
}
