package supervision

import (
	"fmt"
	"io"
	"strconv"

	"mentorlms/web"
)

// evalExportHeader names the columns of a report's export, in the reader's language.
func evalExportHeader(l *web.Localizer) []string {
	h := []string{l.T("evaluation.col.region"), l.T("evaluation.col.centre"), l.T("evaluation.col.mentors"),
		l.T("evaluation.col.clients"), l.T("evaluation.col.successful"), l.T("evaluation.col.rate_pct")}
	for _, name := range evalCountNames {
		h = append(h, l.T("evaluation.col."+name))
	}
	return h
}

// evalExportRows are the lines of a report's export: each centre, each region's total, and the
// total of all when there are several regions. A cell is a string or an int; the rate is
// whole percent, empty where there were no clients.
func evalExportRows(rep EvalReport, l *web.Localizer) [][]any {
	line := func(region, centre string, t EvalTally) []any {
		var rate any = ""
		if t.Percent != nil {
			rate = *t.Percent
		}
		c := t.EvalCounts
		return []any{region, centre, t.Mentors, t.AllClients, t.AllSuccessful, rate,
			c.ClientsA, c.SuccessA, c.ClientsB, c.SuccessB, c.ClientsC, c.SuccessC}
	}
	var rows [][]any
	for _, r := range rep.Regions {
		for _, c := range r.Centres {
			rows = append(rows, line(r.Name, c.Centre, c.EvalTally))
		}
		rows = append(rows, line(r.Name, l.T("evaluation.total"), r.Total))
	}
	if len(rep.Regions) != 1 {
		rows = append(rows, line(l.T("evaluation.total_all"), "", rep.Total))
	}
	return rows
}

// WriteEvaluationCSV writes a report as CSV for Czech Excel (web.WriteCSV).
func WriteEvaluationCSV(w io.Writer, rep EvalReport, l *web.Localizer) error {
	var rows [][]string
	for _, r := range evalExportRows(rep, l) {
		cells := make([]string, len(r))
		for i, v := range r {
			if n, ok := v.(int); ok {
				cells[i] = strconv.Itoa(n)
			} else {
				cells[i] = fmt.Sprint(v)
			}
		}
		rows = append(rows, cells)
	}
	return web.WriteCSV(w, evalExportHeader(l), rows)
}

// WriteEvaluationXLSX writes a report as an Excel workbook, counts and rates as numbers.
func WriteEvaluationXLSX(w io.Writer, rep EvalReport, l *web.Localizer) error {
	widths := []float64{24, 20, 10, 10, 12, 14, 12, 12, 12, 12, 12, 12}
	return web.WriteXLSX(w, web.Sheet{Name: l.T("evaluation.sheet"), Header: evalExportHeader(l),
		Rows: evalExportRows(rep, l), Widths: widths, Lang: l.Lang})
}

// evalExportName is the file name of a report's export: evaluace-ULK-2026-1.csv for one period
// of a region, evaluace-2026.xlsx for a whole year of all, evaluace-2025-5-2026-2.csv for a
// range.
func evalExportName(rep EvalReport, ext string) string {
	name := "evaluace"
	if rep.Region != "" {
		name += "-" + rep.Region
	}
	switch s := rep.Span; {
	case s.Single():
		name += "-" + s.From.String()
	case s.WholeYear():
		name += "-" + strconv.Itoa(s.From.Year)
	default:
		name += "-" + s.From.String() + "-" + s.To.String()
	}
	return name + "." + ext
}
