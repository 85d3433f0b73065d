package supervision_test

import (
	"bytes"
	"strings"
	"testing"

	"mentorlms/certificates"
	"mentorlms/static/catalogtest"
	"mentorlms/supervision"
	"mentorlms/web/pdf/pdftest"
)

// transcriptWorld gives Marie two completed courses (one accredited on its first day, one
// whose accreditation had lapsed), a valid and a revoked certificate, two supervisions
// attended and one excused, a job and hours.
func transcriptWorld(t *testing.T) *eduWorld {
	t.Helper()
	w := newEduWorld(t)
	m := w.marie.ID
	run, e := w.completed(m, "DLUHY", "Řešení finanční situace zadlužených osob", 6, 2, "2025-09-10", "2025-09-11",
		"2014/0998-PC/SP/VP/PP", "2025-09-10", "2028-12-31")
	lapsed, e2 := w.completed(m, "PMS", "Práce Probační a mediační služby", 6, 0, "2026-01-20", "2026-01-20",
		"MSMT-18457/2020", "2020-01-01", "2025-12-31")
	seq := 0
	cert := func(enrollment, run int64, number, issued string, revoked any) {
		seq++
		w.exec(`INSERT INTO certificates (enrollment_id, person_id, run_id, series, year, seq, number, code, issued_on, issued_at,
			issued_by, content, pdf, revoked_on, revoke_reason) VALUES (?, ?, ?, 'S', 2026, ?, ?, ?, ?, '', ?, '{}', x'00', ?, '')`,
			enrollment, m, run, seq, number, number, issued, w.admin.ID, revoked)
	}
	cert(e, run, "S/2025/0007", "2025-09-15", "2026-02-05")
	cert(e, run, "S/2026/0002", "2026-02-06", nil)
	cert(e2, lapsed, "S/2026/0003", "2026-01-25", nil)
	meeting := func(day, kind, region string, excused int) {
		s := w.exec(`INSERT INTO supervisions (region_code, held_at, held_on, kind, supervisor_name, created_at, updated_at)
			VALUES (?, ?, ?, ?, 'Mgr. Alena Šťastná', '', '')`, region, day+"T08:00:00Z", day, kind)
		w.exec(`INSERT INTO supervision_attendees (supervision_id, person_id, excused, held_on) VALUES (?, ?, ?, ?)`, s, m, excused, day)
	}
	meeting("2026-01-12", "group", "ULK", 0)
	meeting("2025-11-20", "individual", "ULK", 0)
	meeting("2026-02-16", "group", "ULK", 1)
	if _, err := w.svc.SaveJob(w.ctx, w.coordULK, m, 0, supervision.JobInput{From: "2025-07-01"}, eduNow); err != nil {
		t.Fatal(err)
	}
	return w
}

func TestTranscript(t *testing.T) {
	w := transcriptWorld(t)
	tr, err := w.svc.Transcript(w.ctx, w.marie.Principal(""), w.marie.ID, eduNow)
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Courses) != 2 || tr.Courses[0].Number != "" || tr.Courses[1].Number != "2014/0998-PC/SP/VP/PP" || tr.Courses[1].Hours() != 8 {
		t.Errorf("courses %+v", tr.Courses)
	}
	if len(tr.Certificates) != 3 || tr.Certificates[0].Number != "S/2026/0002" || tr.Certificates[2].Status != certificates.Revoked {
		t.Errorf("certificates %+v", tr.Certificates)
	}
	if len(tr.Supervisions) != 2 || tr.Supervisions[0].HeldOn != "2026-01-12" || tr.Supervisions[1].Kind != "individual" {
		t.Errorf("supervisions %+v", tr.Supervisions)
	}
	// 2025: employed July to December, 12 h; 8 h from the course. 2026: 24 h, 6 h so far.
	if len(tr.Years) != 2 || tr.Years[1].TargetMinutes != 720 || tr.Years[1].MissingMinutes != 240 || tr.Years[0].CourseMinutes != 360 {
		t.Errorf("years %+v", tr.Years)
	}
}

// The PDF says it all in Czech with diacritics, marks the revoked certificate, and comes in
// English for a holder who chose it.
func TestTranscriptPDF(t *testing.T) {
	w := transcriptWorld(t)
	if _, err := w.d.W.Exec(`UPDATE persons SET titles_before = 'Bc.' WHERE id = ?`, w.marie.ID); err != nil {
		t.Fatal(err)
	}
	tr, err := w.svc.Transcript(w.ctx, w.admin, w.marie.ID, eduNow)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := supervision.RenderTranscript(&b, tr, catalogtest.Localizer(t, "cs"), eduNow); err != nil {
		t.Fatal(err)
	}
	text := pdftest.Words(pdftest.Text(t, b.Bytes()))
	for _, want := range []string{
		"Výpis vzdělávání", "Bc. Marie Giňová", "Ústecký kraj", "Datum výpisu 2. 3. 2026",
		"Absolvované kurzy", "Řešení finanční situace", "akreditovaný seminář", "10. 9. 2025 – 11. 9. 2025",
		"6 h 2 h MPSV", "2014/0998-PC/SP/VP/PP",
		"Osvědčení", "S/2026/0002", "platné", "S/2025/0007", "zneplatněno 5. 2. 2026",
		"Absolvované supervize", "Celkem 2 supervize.", "12. 1. 2026 skupinová Ústecký kraj", "20. 11. 2025 individuální",
		"Další vzdělávání podle roků", "Roční cíl 24 hodin", "2026 6 h 0 h 24 h chybí 18 h", "2025 8 h 0 h 12 h (za 6 měsíců) chybí 4 h",
		"Strana 1 z 1",
	} {
		if !strings.Contains(squash(text), squash(want)) {
			t.Errorf("the PDF lacks %q:\n%s", want, text)
		}
	}
	for _, absent := range []string{"MSMT-18457/2020", "16. 2. 2026"} {
		if strings.Contains(text, absent) {
			t.Errorf("the PDF shows %q: a lapsed accreditation or an excused supervision", absent)
		}
	}

	b.Reset()
	if err := supervision.RenderTranscript(&b, tr, catalogtest.Localizer(t, "en"), eduNow); err != nil {
		t.Fatal(err)
	}
	text = pdftest.Words(pdftest.Text(t, b.Bytes()))
	for _, want := range []string{"Transcript of education", "Bc. Marie Giňová", "Courses completed", "revoked on 5 Feb 2026",
		"2 supervisions in all.", "18 h missing", "Page 1 of"} {
		if !strings.Contains(squash(text), squash(want)) {
			t.Errorf("the English PDF lacks %q:\n%s", want, text)
		}
	}
}

// squash drops every space, so that a check does not depend on how the extractor spaces the
// words of a table's cells (a right-aligned "6 h" may come back as "6h").
func squash(s string) string { return strings.Join(strings.Fields(s), "") }
