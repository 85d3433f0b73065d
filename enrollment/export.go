package enrollment

import (
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"mentorlms/web"
)

// completionLine is one row of a completion table as a person reads it: the page, the CSV and
// the XLSX are built from the same lines, so that they never disagree.
type completionLine struct {
	Name string
	// Hours in tenths. What was attended is rounded down and what is required rounded up, so
	// that a row never looks met when it is not.
	TheoryAttended, TheoryRequired     int
	PracticeAttended, PracticeRequired int
	Percent                            int
	Exam                               ExamOutcome // of the latest attempt; "" when none yet
	ExamOn                             string      // YYYY-MM-DD of the latest attempt
	// State is complete, in_progress, failed, or withdrawn for those who left.
	State string
}

// completionLines turns a table into its lines.
func completionLines(t CompletionTable) []completionLine {
	out := make([]completionLine, len(t.Rows))
	for i, r := range t.Rows {
		rep := r.Report
		l := completionLine{Name: r.PersonName, Percent: rep.Percent, State: string(rep.Status),
			TheoryAttended: tenths(rep.Theory.Attended, rep.TheoryHour, false), TheoryRequired: tenths(rep.Theory.Required, rep.TheoryHour, true),
			PracticeAttended: tenths(rep.Practice.Attended, rep.PracticeHour, false), PracticeRequired: tenths(rep.Practice.Required, rep.PracticeHour, true)}
		if r.Status == Withdrawn {
			l.State = string(Withdrawn)
		}
		if n := len(rep.Attempts); n > 0 {
			l.Exam, l.ExamOn = rep.Attempts[n-1].Outcome, rep.Attempts[n-1].HeldOn
		}
		out[i] = l
	}
	return out
}

// ExamText is the exam cell: the outcome of the latest attempt, or "not yet".
func (c completionLine) ExamText(l *web.Localizer) string {
	if c.Exam == "" {
		return l.T("completion.exam.none")
	}
	return l.T("completion.exam." + string(c.Exam))
}

// completionHeader is the header row of the exports, in the reader's language.
func completionHeader(l *web.Localizer, exam bool) []string {
	h := []string{l.T("completion.col.name"), l.T("completion.col.theory_attended"), l.T("completion.col.theory_required"),
		l.T("completion.col.practice_attended"), l.T("completion.col.practice_required"), l.T("completion.col.percent")}
	if exam {
		h = append(h, l.T("completion.col.exam"), l.T("completion.col.exam_on"))
	}
	return append(h, l.T("completion.col.status"))
}

// WriteCompletionCSV writes a completion table as CSV in the dialect that Czech Excel opens
// with a double click: UTF-8 with a byte-order mark (without it Excel reads the file as
// Windows-1250 and breaks the diacritics), fields separated by ';' (the Czech list separator,
// since ',' is the decimal mark), CRLF line ends, and numbers with a decimal comma. The dialect
// follows the spreadsheet, not the reader's language, so it is the same in English; only the
// words follow the language. Text cells that a spreadsheet would take for a formula are
// prefixed with an apostrophe.
func WriteCompletionCSV(w io.Writer, t CompletionTable, l *web.Localizer) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma, cw.UseCRLF = ';', true
	exam := t.Course.RequiresExam
	if err := cw.Write(completionHeader(l, exam)); err != nil {
		return err
	}
	for _, c := range completionLines(t) {
		rec := []string{safeCell(c.Name), hoursText(c.TheoryAttended, ","), hoursText(c.TheoryRequired, ","),
			hoursText(c.PracticeAttended, ","), hoursText(c.PracticeRequired, ","), strconv.Itoa(c.Percent)}
		if exam {
			rec = append(rec, c.ExamText(l), l.Date(c.ExamOn))
		}
		rec = append(rec, l.T("completion.status."+c.State))
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// safeCell keeps a name that begins like a formula from being run as one (CSV injection).
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteCompletionXLSX writes a completion table as an Excel workbook: a header row that stays
// in view, hours and percent as numbers (so they can be summed and sorted), the exam date as
// a date, and columns wide enough to read.
func WriteCompletionXLSX(w io.Writer, t CompletionTable, l *web.Localizer) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := l.T("completion.sheet")
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	exam := t.Course.RequiresExam
	header := completionHeader(l, exam)
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	hoursFmt, pctFmt, dateFmt := "0.0", "0", "d. m. yyyy"
	if l.Lang != "cs" {
		dateFmt = "d mmm yyyy"
	}
	hours, err := f.NewStyle(&excelize.Style{CustomNumFmt: &hoursFmt})
	if err != nil {
		return err
	}
	pct, err := f.NewStyle(&excelize.Style{CustomNumFmt: &pctFmt})
	if err != nil {
		return err
	}
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	cell := func(col, row int) string { name, _ := excelize.CoordinatesToCellName(col, row); return name }
	for i, h := range header {
		if err := f.SetCellStr(sheet, cell(i+1, 1), h); err != nil {
			return err
		}
	}
	if err := f.SetCellStyle(sheet, cell(1, 1), cell(len(header), 1), bold); err != nil {
		return err
	}
	for i, c := range completionLines(t) {
		row := i + 2
		vals := []any{c.Name, float64(c.TheoryAttended) / 10, float64(c.TheoryRequired) / 10,
			float64(c.PracticeAttended) / 10, float64(c.PracticeRequired) / 10, c.Percent}
		if exam {
			var on any = ""
			if d, err := time.Parse(web.DateLayout, c.ExamOn); err == nil {
				on = d
			}
			vals = append(vals, c.ExamText(l), on)
		}
		vals = append(vals, l.T("completion.status."+c.State))
		for j, v := range vals {
			if s, ok := v.(string); ok {
				if s == "" {
					continue
				}
				// Strings go in as text cells, never as formulas or guessed numbers.
				err = f.SetCellStr(sheet, cell(j+1, row), s)
			} else {
				err = f.SetCellValue(sheet, cell(j+1, row), v)
			}
			if err != nil {
				return err
			}
		}
		styles := map[int]int{2: hours, 3: hours, 4: hours, 5: hours, 6: pct}
		if exam {
			styles[8] = date
		}
		for col, st := range styles {
			if err := f.SetCellStyle(sheet, cell(col, row), cell(col, row), st); err != nil {
				return err
			}
		}
	}
	widths := []float64{30, 14, 14, 14, 14, 12}
	if exam {
		widths = append(widths, 14, 14)
	}
	widths = append(widths, 16)
	for i, wd := range widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(sheet, col, col, wd); err != nil {
			return err
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}
