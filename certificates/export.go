package certificates

import (
	"io"
	"strconv"
	"time"

	"mentorlms/web"
)

// The register's exports list everything the register holds of each certificate, the holder's
// date of birth included: the law has the register keep it, and only admins get the files. The
// CSV and the XLSX are built from the same cells so that they never disagree.

// registerHeader is the header row of the exports, in the reader's language.
func registerHeader(l *web.Localizer) []string {
	keys := []string{"number", "holder", "birth_date", "course", "kind", "theory_hours", "practice_hours", "run_from",
		"run_to", "place", "exam_on", "issued_on", "valid_until", "status", "revoked_on", "reason"}
	h := make([]string, len(keys))
	for i, k := range keys {
		h[i] = l.T("cert_export.col." + k)
	}
	return h
}

// registerCells is one certificate as the exports' cells: text as strings, hours as ints,
// dates as time.Time (nil when there is none), in the order of registerHeader.
func registerCells(c Certificate, l *web.Localizer) []any {
	k := c.Content
	revokedOn, reason := c.RevokedDay(), ""
	if revokedOn != "" {
		reason = c.RevokeReason
	}
	place := k.RunPlace
	if k.Online {
		place = l.T("cert_page.online")
	}
	kind := ""
	if k.Kind != "" {
		kind = l.T("kind." + k.Kind)
	}
	return []any{c.Number, k.Holder.FullName(), day(k.Holder.BirthDate), k.Course, kind, k.TheoryHours, k.PracticeHours,
		day(k.RunStartsOn), day(k.RunEndsOn), place, day(k.ExamOn), day(c.IssuedOn), day(k.ValidUntil),
		l.T("cert_status." + string(c.Status)), day(revokedOn), reason}
}

// RevokedDay is the day the certificate was revoked, "" while it stands; templates cannot
// read through the pointer.
func (c Certificate) RevokedDay() string {
	if c.RevokedOn == nil {
		return ""
	}
	return *c.RevokedOn
}

// day reads a calendar date for a spreadsheet; nil when there is none.
func day(s string) any {
	d, err := time.Parse(web.DateLayout, s)
	if err != nil {
		return nil
	}
	return d
}

// WriteRegisterCSV writes the register (or the part of it a filter chose) as CSV for Czech
// Excel (see web.WriteCSV), with dates written the reader's way.
func WriteRegisterCSV(w io.Writer, cs []Certificate, l *web.Localizer) error {
	rows := make([][]string, len(cs))
	for i, c := range cs {
		cells := registerCells(c, l)
		rec := make([]string, len(cells))
		for j, v := range cells {
			switch v := v.(type) {
			case string:
				rec[j] = v
			case int:
				rec[j] = strconv.Itoa(v)
			case time.Time:
				rec[j] = l.Date(v.Format(web.DateLayout))
			}
		}
		rows[i] = rec
	}
	return web.WriteCSV(w, registerHeader(l), rows)
}

// WriteRegisterXLSX writes the register as an Excel workbook: hours as numbers and dates as
// dates, so that a spreadsheet sums, sorts and filters them.
func WriteRegisterXLSX(w io.Writer, cs []Certificate, l *web.Localizer) error {
	rows := make([][]any, len(cs))
	for i, c := range cs {
		rows[i] = registerCells(c, l)
	}
	return web.WriteXLSX(w, web.Sheet{Name: l.T("cert_export.sheet"), Header: registerHeader(l), Rows: rows,
		Formats: map[int]string{5: "0", 6: "0"}, Lang: l.Lang,
		Widths: []float64{14, 28, 12, 36, 20, 10, 10, 12, 12, 28, 12, 12, 12, 14, 12, 36}})
}
