package certificates_test

import (
	"bytes"
	"encoding/csv"
	"slices"
	"testing"

	"github.com/xuri/excelize/v2"

	"mentorlms/certificates"
	"mentorlms/static/catalogtest"
	"mentorlms/web"
)

// registerSample is a valid requalification certificate of an online run with an exam, and a
// revoked seminar certificate whose holder's name would be a formula in a spreadsheet.
func registerSample() []certificates.Certificate {
	revoked, until := "2026-06-01", "2027-04-30"
	return []certificates.Certificate{
		{Number: "RM/2026/0001", IssuedOn: "2026-05-04", Status: certificates.Valid, Content: certificates.Content{
			Holder: certificates.Holder{Name: "Marie Giňová", TitlesBefore: "Bc.", BirthDate: "1990-05-17"},
			Course: "Romský mentor", Kind: "requalification", TheoryHours: 120, PracticeHours: 40, RunStartsOn: "2026-02-02",
			RunEndsOn: "2026-04-24", Online: true, ExamOn: "2026-04-30"}},
		{Number: "S/2026/0007", IssuedOn: "2026-05-04", Status: certificates.Revoked, RevokedOn: &revoked, RevokeReason: "Chyba ve jméně",
			ValidUntil: &until, Content: certificates.Content{Holder: certificates.Holder{Name: "=HYPERLINK(\"x\")", BirthDate: "1985-01-31"},
				Course: "Dluhy", Kind: "accredited_seminar", TheoryHours: 6, RunStartsOn: "2026-04-14", RunEndsOn: "2026-04-14",
				RunPlace: "Děčín, Masarykovo nám. 1", ValidUntil: until}},
	}
}

func localizer(t *testing.T, lang string) *web.Localizer { return catalogtest.Localizer(t, lang) }

func TestWriteRegisterCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := certificates.WriteRegisterCSV(&buf, registerSample(), localizer(t, "cs")); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) || bytes.Count(b, []byte("\n")) != bytes.Count(b, []byte("\r\n")) {
		t.Fatalf("not the Czech Excel dialect: %q", b)
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"Číslo", "Držitel", "Datum narození", "Kurz", "Druh", "Hodiny teorie", "Hodiny praxe", "Kurz od", "Kurz do", "Místo konání",
			"Datum zkoušky", "Vydáno", "Platné do", "Stav", "Zneplatněno", "Důvod zneplatnění"},
		{"RM/2026/0001", "Bc. Marie Giňová", "17. 5. 1990", "Romský mentor", "rekvalifikační kurz", "120", "40", "2. 2. 2026",
			"24. 4. 2026", "online", "30. 4. 2026", "4. 5. 2026", "", "platné", "", ""},
		{"S/2026/0007", "'=HYPERLINK(\"x\")", "31. 1. 1985", "Dluhy", "akreditovaný seminář", "6", "0", "14. 4. 2026", "14. 4. 2026",
			"Děčín, Masarykovo nám. 1", "", "4. 5. 2026", "30. 4. 2027", "zneplatněno", "1. 6. 2026", "Chyba ve jméně"},
	}
	if !slices.EqualFunc(recs, want, slices.Equal) {
		t.Errorf("records\n%q\nwant\n%q", recs, want)
	}
}

func TestWriteRegisterXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := certificates.WriteRegisterXLSX(&buf, registerSample(), localizer(t, "en")); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sheet = "Certificate register"
	if got := f.GetSheetList(); len(got) != 1 || got[0] != sheet {
		t.Fatalf("sheets %v", got)
	}
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil || len(rows) != 3 || rows[0][2] != "Date of birth" || rows[0][15] != "Reason for revoking" {
		t.Fatalf("rows %q %v", rows, err)
	}
	if rows[2][1] != `=HYPERLINK("x")` {
		t.Errorf("a name that looks like a formula is kept as text: %q", rows[2][1])
	}
	if f, _ := f.GetCellFormula(sheet, "B3"); f != "" {
		t.Errorf("B3 holds a formula %q", f)
	}
	for cell, want := range map[string]string{"C2": "17 May 1990", "F2": "120", "G3": "0", "M3": "30 Apr 2027", "N3": "revoked",
		"O3": "1 Jun 2026", "M2": "", "J2": "online"} {
		if got, _ := f.GetCellValue(sheet, cell); got != want {
			t.Errorf("%s shows %q, want %q", cell, got, want)
		}
	}
	for _, cell := range []string{"C2", "F2", "G2", "H2", "L2"} {
		if typ, _ := f.GetCellType(sheet, cell); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
			t.Errorf("%s has type %v, want a number", cell, typ)
		}
	}
	if p, err := f.GetPanes(sheet); err != nil || !p.Freeze || p.YSplit != 1 {
		t.Errorf("panes %+v, %v", p, err)
	}
}
