package attendance

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"mentorlms/courses"
	"mentorlms/enrollment"
	"mentorlms/static/catalogtest"
	"mentorlms/web"
)

// exportTable is a run of a course with an exam (2 theory hours of 45 minutes, 1 practice hour
// of 60, 80 %): one person complete with a late arrival, one short of practice and failed, one
// withdrawn, and one whose name would be a formula in a spreadsheet.
func exportTable(exam bool) CompletionTable {
	req := Requirement{TheoryTotal: 90, PracticeTotal: 60, Pct: 80}
	row := func(name string, st enrollment.Status, theory, practice int, c Completion, tries ...Record) Row {
		p := Measure(req, []Slot{{Kind: courses.Theory, Minutes: 90, Marked: true, Attended: theory},
			{Kind: courses.Practice, Minutes: 60, Marked: true, Attended: practice}})
		return Row{Enrollment: enrollment.Enrollment{PersonName: name, Status: st},
			Report: Report{Progress: p, Status: c, TheoryHour: 45, PracticeHour: 60, RequiresExam: exam, Attempts: tries}}
	}
	return CompletionTable{
		Run:    courses.Run{ID: 42},
		Course: courses.Course{Title: "Kurz se zkouškou", RequiresExam: exam, TheoryMinutes: 45, PracticeMinutes: 60},
		Rows: []Row{
			row("Marie Giňová", enrollment.Enrolled, 80, 60, Complete, Record{HeldOn: "2026-02-10", Outcome: ExamPassed}),
			row("Jan Bandy", enrollment.Enrolled, 90, 0, Failed),
			row("Růžena Horváthová", enrollment.Withdrawn, 45, 0, InProgress),
			row("=HYPERLINK(\"x\")", enrollment.Enrolled, 0, 0, InProgress, Record{HeldOn: "2026-02-10", Outcome: ExamMissed}),
		},
	}
}

func localizer(t *testing.T, lang string) *web.Localizer { return catalogtest.Localizer(t, lang) }

func TestExportHours(t *testing.T) {
	for _, tc := range []struct {
		minutes, perHour int
		up               bool
		cs, en           string
	}{
		{80, 45, false, "1,7", "1.7"}, // 1.78 attended reads as 1.7, never more
		{72, 45, true, "1,6", "1.6"},
		{48, 60, true, "0,8", "0.8"},
		{60, 60, false, "1", "1"},
		{2521, 45, true, "56,1", "56.1"}, // 56.02 required reads as 56.1, never less
		{181, 45, false, "4", "4"},
		{0, 45, false, "0", "0"},
		{10, 0, false, "0", "0"},
	} {
		t.Run(strconv.Itoa(tc.minutes)+"/"+strconv.Itoa(tc.perHour), func(t *testing.T) {
			n := tenths(tc.minutes, tc.perHour, tc.up)
			if got := hoursText(n, ","); got != tc.cs {
				t.Errorf("cs %q, want %q", got, tc.cs)
			}
			if got := hoursText(n, "."); got != tc.en {
				t.Errorf("en %q, want %q", got, tc.en)
			}
		})
	}
}

// readCSV checks the dialect of Czech Excel and reads the records back.
func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Fatal("no UTF-8 byte-order mark")
	}
	if !bytes.Contains(b, []byte("\r\n")) || bytes.Count(b, []byte("\n")) != bytes.Count(b, []byte("\r\n")) {
		t.Error("lines do not end in CRLF")
	}
	r := csv.NewReader(bytes.NewReader(b[3:]))
	r.Comma = ';'
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func TestWriteCompletionCSV(t *testing.T) {
	t.Run("czech with exam", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteCompletionCSV(&buf, exportTable(true), localizer(t, "cs")); err != nil {
			t.Fatal(err)
		}
		recs := readCSV(t, buf.Bytes())
		want := [][]string{
			{"Jméno", "Teorie – absolvováno (h)", "Teorie – požadováno (h)", "Praxe – absolvováno (h)", "Praxe – požadováno (h)",
				"Docházka celkem (%)", "Zkouška", "Datum zkoušky", "Stav"},
			{"Marie Giňová", "1,7", "1,6", "1", "0,8", "93", "složena", "10. 2. 2026", "splněno"},
			{"Jan Bandy", "2", "1,6", "0", "0,8", "60", "nekonala se", "", "nesplněno"},
			{"Růžena Horváthová", "1", "1,6", "0", "0,8", "30", "nekonala se", "", "odhlášeno"},
			{"'=HYPERLINK(\"x\")", "0", "1,6", "0", "0,8", "0", "zmeškána", "10. 2. 2026", "probíhá"},
		}
		if !slices.EqualFunc(recs, want, slices.Equal) {
			t.Errorf("records\n%q\nwant\n%q", recs, want)
		}
	})
	t.Run("english without exam", func(t *testing.T) {
		var buf bytes.Buffer
		if err := WriteCompletionCSV(&buf, exportTable(false), localizer(t, "en")); err != nil {
			t.Fatal(err)
		}
		recs := readCSV(t, buf.Bytes())
		if h := strings.Join(recs[0], "|"); h != "Name|Theory attended (h)|Theory required (h)|Practice attended (h)|"+
			"Practice required (h)|Attendance overall (%)|Status" {
			t.Errorf("header %q", h)
		}
		// The dialect follows the spreadsheet, not the language: still a decimal comma.
		if got := strings.Join(recs[1], "|"); got != "Marie Giňová|1,7|1,6|1|0,8|93|complete" {
			t.Errorf("row %q", got)
		}
	})
}

func TestWriteCompletionXLSX(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteCompletionXLSX(&buf, exportTable(true), localizer(t, "cs")); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if sheets := f.GetSheetList(); len(sheets) != 1 || sheets[0] != "Absolvování" {
		t.Fatalf("sheets %v", sheets)
	}
	const sheet = "Absolvování"
	rows, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 || rows[0][0] != "Jméno" || rows[0][8] != "Stav" {
		t.Fatalf("rows %q", rows)
	}
	if got := strings.Join(rows[1], "|"); got != "Marie Giňová|1.7|1.6|1|0.8|93|složena|46063|splněno" {
		t.Errorf("first row %q", got)
	}
	if rows[4][0] != `=HYPERLINK("x")` {
		t.Errorf("a name that looks like a formula is kept as text: %q", rows[4][0])
	}
	for _, c := range []string{"A5", "G2", "I2"} {
		if f, _ := f.GetCellFormula(sheet, c); f != "" {
			t.Errorf("%s holds a formula %q", c, f)
		}
	}
	// Numbers are numbers, so that a spreadsheet sums and sorts them.
	for _, c := range []string{"B2", "C2", "D2", "E2", "F2", "H2"} {
		typ, err := f.GetCellType(sheet, c)
		if err != nil || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
			t.Errorf("%s has type %v, %v", c, typ, err)
		}
	}
	for c, want := range map[string]string{"B2": "1.7", "H2": "10. 2. 2026"} {
		if got, _ := f.GetCellValue(sheet, c); got != want {
			t.Errorf("%s shows %q, want %q", c, got, want)
		}
	}
	if typ, _ := f.GetCellType(sheet, "A2"); typ != excelize.CellTypeSharedString && typ != excelize.CellTypeInlineString {
		t.Errorf("A2 has type %v, want a string", typ)
	}
	if w, err := f.GetColWidth(sheet, "A"); err != nil || w != 30 {
		t.Errorf("column A width %v, %v", w, err)
	}
	if p, err := f.GetPanes(sheet); err != nil || !p.Freeze || p.YSplit != 1 {
		t.Errorf("panes %+v, %v", p, err)
	}
}
