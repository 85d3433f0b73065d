package main

// certificatesAPIAccess covers issuing, revoking and re-printing. The fixture's :enrollment is
// a pending application (issuing it: 409); :certificate is the target person's certificate,
// which nobody signed in holds. Re-printing comes before revoking, which the admin does.
var certificatesAPIAccess = []access{
	{"POST", "/api/v1/enrollments/:enrollment/certificate", "", false, [5]int{who, no, no, no, late}},
	{"POST", "/api/v1/runs/:run/certificates", "", false, [5]int{who, no, no, no, ok}},
	{"POST", "/api/v1/certificates/:certificate/duplicate", "", false, [5]int{who, no, no, no, made}},
	{"POST", "/api/v1/certificates/:certificate/revoke", `{"reason":"Chyba v údajích"}`, false, [5]int{who, no, no, no, ok}},
}

// certificate issues person a certificate for the fixture's run, as a register entry with a
// small stand-in PDF (the access table checks who may reach it, not what it shows).
func (h *harness) certificate(fx *fixture, person int64) {
	h.t.Helper()
	res, err := h.d.W.Exec(`INSERT INTO enrollments (run_id, person_id, status, created_at, updated_at, completed_at)
		VALUES (?, ?, 'enrolled', '', '', '2026-04-14T16:00:00Z')`, fx.run, person)
	if err != nil {
		h.t.Fatal(err)
	}
	e, _ := res.LastInsertId()
	content := `{"number":"S/2026/0001","holder":{"name":"Jan Bandy","birth_date":"1988-07-25"},"course":"Řešení finanční situace zadlužených osob","kind":"accredited_seminar","theory_hours":6}`
	res, err = h.d.W.Exec(`INSERT INTO certificates (enrollment_id, person_id, run_id, series, year, seq, number, code,
		issued_on, issued_at, issued_by, content, pdf) VALUES (?, ?, ?, 'S', 2026, 1, 'S/2026/0001', 'ABCDEFGHJKLM',
		'2026-04-15', '2026-04-15T08:00:00Z', ?, ?, ?)`, e, person, fx.run, person, content, []byte("%PDF-1.4 stand-in"))
	if err != nil {
		h.t.Fatal(err)
	}
	fx.certificate, _ = res.LastInsertId()
}
