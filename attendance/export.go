package attendance

import (
	"io"
	"strconv"
	"time"

	"mentorlms/enrollment"
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
		if r.Status == enrollment.Withdrawn {
			l.State = string(enrollment.Withdrawn)
		}
		if n := len(rep.Attempts); n > 0 {
			l.Exam, l.ExamOn = rep.Attempts[n-1].Outcome, rep.Attempts[n-1].HeldOn
		}
		out[i] = l
	}
	return out
}

// ExamText is the exam cell: the outcome of the latest attempt; with none, "not yet" while the
// person may still sit it, and "not held" once they failed or withdrew.
func (c completionLine) ExamText(l *web.Localizer) string {
	if c.Exam == "" && (c.State == string(Failed) || c.State == string(enrollment.Withdrawn)) {
		return l.T("completion.exam.never")
	}
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

// WriteCompletionCSV writes a completion table as CSV for Czech Excel (see web.WriteCSV), with
// hours in a decimal comma whatever the language: the dialect follows the spreadsheet, only
// the words follow the language.
func WriteCompletionCSV(w io.Writer, t CompletionTable, l *web.Localizer) error {
	exam := t.Course.RequiresExam
	lines := completionLines(t)
	rows := make([][]string, len(lines))
	for i, c := range lines {
		rec := []string{c.Name, hoursText(c.TheoryAttended, ","), hoursText(c.TheoryRequired, ","),
			hoursText(c.PracticeAttended, ","), hoursText(c.PracticeRequired, ","), strconv.Itoa(c.Percent)}
		if exam {
			rec = append(rec, c.ExamText(l), l.Date(c.ExamOn))
		}
		rows[i] = append(rec, l.T("completion.status."+c.State))
	}
	return web.WriteCSV(w, completionHeader(l, exam), rows)
}

// WriteCompletionXLSX writes a completion table as an Excel workbook (see web.WriteXLSX): hours
// and percent as numbers, so that they can be summed and sorted, and the exam date as a date.
func WriteCompletionXLSX(w io.Writer, t CompletionTable, l *web.Localizer) error {
	exam := t.Course.RequiresExam
	lines := completionLines(t)
	rows := make([][]any, len(lines))
	for i, c := range lines {
		vals := []any{c.Name, float64(c.TheoryAttended) / 10, float64(c.TheoryRequired) / 10,
			float64(c.PracticeAttended) / 10, float64(c.PracticeRequired) / 10, c.Percent}
		if exam {
			var on any
			if d, err := time.Parse(web.DateLayout, c.ExamOn); err == nil {
				on = d
			}
			vals = append(vals, c.ExamText(l), on)
		}
		rows[i] = append(vals, l.T("completion.status."+c.State))
	}
	widths := []float64{30, 14, 14, 14, 14, 12}
	if exam {
		widths = append(widths, 14, 14)
	}
	return web.WriteXLSX(w, web.Sheet{Name: l.T("completion.sheet"), Header: completionHeader(l, exam), Rows: rows,
		Formats: map[int]string{1: "0.0", 2: "0.0", 3: "0.0", 4: "0.0", 5: "0"}, Widths: append(widths, 16), Lang: l.Lang})
}
