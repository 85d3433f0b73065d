package supervision

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// listHeader names the columns of the list's exports.
func listHeader(l *web.Localizer) []string {
	keys := []string{"name", "region", "mentor_status", "interval", "last_on", "due_on", "status", "days_overdue", "missing"}
	out := make([]string, len(keys))
	for i, k := range keys {
		out[i] = l.T("supervision.col." + k)
	}
	return out
}

// missingText says in words what keeps a trained mentor from active.
func missingText(r Row, l *web.Localizer) string {
	words := make([]string, len(r.Missing))
	for i, m := range r.Missing {
		words[i] = l.T("supervision.missing." + m)
	}
	return strings.Join(words, ", ")
}

// listCells is one mentor as cells: days as dates, counts as numbers.
func listCells(r Row, l *web.Localizer) []any {
	date := func(s string) any {
		if t, err := time.Parse(web.DateLayout, s); err == nil {
			return t
		}
		return nil
	}
	status := ""
	if r.Binds() {
		status = l.T("supervision.status." + string(r.Status))
	}
	return []any{r.Name, r.Region, l.T("mentor_status.status." + string(r.MentorStatus)), r.Interval, date(r.LastOn),
		date(r.DueOn), status, r.DaysOverdue, missingText(r, l)}
}

// exported reads the filtered list for an export, logging the record facts it shows.
func (h *Handlers) exported(c *fiber.Ctx) (listQuery, []Row, *web.Localizer, error) {
	q, rows, err := h.rows(c)
	if err == nil {
		err = h.logShown(c, rows)
	}
	return q, rows, web.LocalizerOf(c), err
}

func (h *Handlers) listCSV(c *fiber.Ctx) error {
	q, rows, l, err := h.exported(c)
	if err != nil {
		return err
	}
	return web.SendDownload(c, listName(q, "csv"), web.MIMECSV, func(w io.Writer) error {
		out := make([][]string, len(rows))
		for i, r := range rows {
			cells := listCells(r, l)
			out[i] = make([]string, len(cells))
			for j, v := range cells {
				switch v := v.(type) {
				case time.Time:
					out[i][j] = l.Date(v)
				case nil:
				default:
					out[i][j] = fmt.Sprint(v)
				}
			}
		}
		return web.WriteCSV(w, listHeader(l), out)
	})
}

func (h *Handlers) listXLSX(c *fiber.Ctx) error {
	q, rows, l, err := h.exported(c)
	if err != nil {
		return err
	}
	return web.SendDownload(c, listName(q, "xlsx"), web.MIMEXLSX, func(w io.Writer) error {
		out := make([][]any, len(rows))
		for i, r := range rows {
			out[i] = listCells(r, l)
		}
		return web.WriteXLSX(w, web.Sheet{Name: l.T("supervision.export.sheet"), Header: listHeader(l), Rows: out,
			Formats: map[int]string{3: "0", 7: "0"}, Lang: l.Lang, Widths: []float64{28, 8, 16, 10, 12, 12, 14, 10, 36}})
	})
}

// listName is the file name of an export: supervize-ULK.csv, supervize-vse.xlsx.
func listName(q listQuery, ext string) string {
	region := "vse"
	if q.Region != "" {
		region = q.Region
	}
	return "supervize-" + region + "." + ext
}
