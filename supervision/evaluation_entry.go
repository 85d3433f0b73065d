package supervision

import (
	"fmt"
	"maps"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"mentorlms/people"
	"mentorlms/web"
)

// The pages that enter evaluations: the grid of a region and period, and one record's form.

// evalGridPageSize is how many mentors one page of the grid has lines for.
const evalGridPageSize = 50

// evalMaxLines bounds the lines one posted grid may have: a page of mentors, some of them
// evaluated by several centres.
const evalMaxLines = 500

// evalCountNames are the six counts in the order the forms show them.
var evalCountNames = [6]string{"clients_a", "success_a", "clients_b", "success_b", "clients_c", "success_c"}

// evalCell is one count of a form: its field, what it holds (as typed) and its problem.
type evalCell struct {
	Field, Value, Error string
}

// evalLineView is one line of the grid as the page shows it.
type evalLineView struct {
	Index             int
	ID, PersonID      int64
	Name              string
	CentreID          int64
	Cells             [6]evalCell
	PersonErr, CenErr string
}

// cellsOf shows stored counts; a line without a record shows empty cells, not zeros, so that
// a mentor nobody has evaluated yet does not read as a mentor without clients.
func cellsOf(c EvalCounts, stored bool) [6]evalCell {
	var out [6]evalCell
	for i, f := range c.fields() {
		out[i].Field = f.name
		if stored {
			out[i].Value = strconv.Itoa(f.value)
		}
	}
	return out
}

// evalCountsForm reads the six counts of a form (suffix ".3" on the grid's line 3): empty is
// 0, blank reports all six empty, and what is not a whole number is a problem of its field.
func evalCountsForm(c *fiber.Ctx, suffix, prefix string, f *web.Fields) (EvalCounts, [6]evalCell, bool) {
	var vals [6]int
	var cells [6]evalCell
	blank := true
	for i, name := range evalCountNames {
		v := strings.TrimSpace(c.FormValue(name + suffix))
		cells[i] = evalCell{Field: name, Value: v}
		if v == "" {
			continue
		}
		blank = false
		n, err := strconv.Atoi(v)
		if err != nil || len(v) > 6 {
			f.Add(prefix+name, "evaluation.count.number")
			continue
		}
		vals[i] = n
	}
	return EvalCounts{vals[0], vals[1], vals[2], vals[3], vals[4], vals[5]}, cells, blank
}

// evalGridQuery reads which grid a page is about: the region (a coordinator's own unless an
// admin asks for one; "" while an admin has chosen none), the period (the last that has ended
// unless given; one that has not begun is a 400) and the page.
func (h *Handlers) evalGridQuery(c *fiber.Ctx) (string, []people.Region, EvalPeriod, int, error) {
	region, regions, err := h.evalRegionQuery(c)
	if err != nil {
		return "", nil, EvalPeriod{}, 0, err
	}
	if me := web.Me(c); region == "" && !me.Has(web.RoleAdmin) {
		region = me.Region
	}
	now := h.clock()
	span, err := evalSpanQuery(c, now, evalLastEnded(now))
	if err == nil && (!span.Single() || span.From.After(EvalPeriodOf(now))) {
		err = web.BadRequest("evaluation.query.period")
	}
	if err != nil {
		return "", nil, EvalPeriod{}, 0, err
	}
	page, err := web.QueryInt(c, "page", 1, 1, math.MaxInt32)
	return region, regions, span.From, page, err
}

// evalGridPage shows the grid of a region and period, or for an admin who has chosen no region
// the choice of one.
func (h *Handlers) evalGridPage(c *fiber.Ctx) error {
	region, regions, p, page, err := h.evalGridQuery(c)
	if err != nil {
		return err
	}
	saved, err := strconv.Atoi(c.Query("saved"))
	if err != nil {
		saved = -1 // nothing was saved just now
	}
	return h.renderGrid(c, region, regions, p, page, nil, nil, saved, fiber.StatusOK)
}

// evalGridPath is the grid's address, from which its form is sent and where it comes back.
func evalGridPath(region string, p EvalPeriod, page int, extra ...string) string {
	q := url.Values{"region": {region}, "year": {strconv.Itoa(p.Year)}, "period": {strconv.Itoa(p.N)}}
	if page > 1 {
		q.Set("page", strconv.Itoa(page))
	}
	for i := 0; i+1 < len(extra); i += 2 {
		q.Set(extra[i], extra[i+1])
	}
	return "/evaluations/entry?" + q.Encode()
}

// evalGridSave saves the grid's lines in one go: all of them or, when one is wrong, none, and
// the page comes back as it was sent with each problem on its line.
func (h *Handlers) evalGridSave(c *fiber.Ctx) error {
	region, regions, p, page, err := h.evalGridQuery(c)
	if err != nil {
		return err
	}
	if region == "" {
		return web.BadRequest("evaluation.query.region")
	}
	n, err := strconv.Atoi(c.FormValue("lines", "0"))
	if err != nil || n < 0 || n > evalMaxLines {
		return web.BadRequest("evaluation.form.lines")
	}
	var f web.Fields
	rows, lines := make([]EvalGridRow, n), make([]evalLineView, n)
	for i := range n {
		suffix, prefix := fmt.Sprintf(".%d", i), fmt.Sprintf("rows.%d.", i)
		r := EvalGridRow{}
		var ok bool
		if r.PersonID, ok = web.ParseID(c.FormValue("person" + suffix)); !ok {
			return web.BadRequest("evaluation.form.lines")
		}
		if v := c.FormValue("id" + suffix); v != "" {
			if r.ID, ok = web.ParseID(v); !ok {
				return web.BadRequest("evaluation.form.lines")
			}
		}
		if v := c.FormValue("centre" + suffix); v != "" {
			if r.CentreID, ok = web.ParseID(v); !ok {
				f.Add(prefix+"centre_id", "evaluation.centre.region")
			}
		}
		var cells [6]evalCell
		r.EvalCounts, cells, r.Blank = evalCountsForm(c, suffix, prefix, &f)
		rows[i] = r
		lines[i] = evalLineView{Index: i, ID: r.ID, PersonID: r.PersonID, CentreID: r.CentreID, Cells: cells}
	}
	err = f.Err()
	if err == nil {
		var changed int
		if changed, err = h.svc.RecordEvaluations(c.UserContext(), web.Me(c), region, p, rows, h.clock()); err == nil {
			return web.Redirect(c, evalGridPath(region, p, page, "saved", strconv.Itoa(changed)))
		}
	}
	e, ok := web.AsError(err)
	if !ok || e.Code != web.CodeInvalid {
		return err
	}
	return h.renderGrid(c, region, regions, p, page, lines, e.Fields, -1, e.Status())
}

// renderGrid shows the grid. lines are the lines as posted, nil for those stored; problems
// are keyed as RecordEvaluations names them.
func (h *Handlers) renderGrid(c *fiber.Ctx, region string, regions []people.Region, p EvalPeriod, page int,
	lines []evalLineView, problems web.Fields, saved, status int) error {
	l, me, now := web.LocalizerOf(c), web.Me(c), h.clock()
	data := fiber.Map{
		"Title": l.T("evaluation.grid.title", "Period", p.Label(l)), "Region": region, "Regions": regions,
		"IsAdmin": me.Has(web.RoleAdmin), "Period": p, "PeriodLabel": p.Label(l), "Saved": saved,
		"Periods": evalPeriodOptions(l, now, p), "Names": evalCountNames,
	}
	if region != "" {
		g, err := h.svc.EvaluationGrid(c.UserContext(), me, region, p, evalGridPageSize, (page-1)*evalGridPageSize)
		if err != nil {
			return err
		}
		names := map[int64]string{}
		for _, ln := range g.Lines {
			names[ln.PersonID] = ln.Name
		}
		if lines == nil {
			for i, ln := range g.Lines {
				lines = append(lines, evalLineView{Index: i, ID: ln.ID, PersonID: ln.PersonID, CentreID: ln.CentreID,
					Cells: cellsOf(ln.EvalCounts, ln.ID > 0)})
			}
		}
		var general []string
		for _, k := range slices.Sorted(maps.Keys(problems)) {
			m := problems[k]
			idx, field, ok := evalRowField(k)
			if !ok || idx >= len(lines) {
				general = append(general, l.Msg(m))
				continue
			}
			ln := &lines[idx]
			switch field {
			case "person_id":
				ln.PersonErr = l.Msg(m)
			case "centre_id":
				ln.CenErr = l.Msg(m)
			default:
				for j := range ln.Cells {
					if ln.Cells[j].Field == field {
						ln.Cells[j].Error = l.Msg(m)
					}
				}
			}
		}
		for i := range lines {
			lines[i].Name = names[lines[i].PersonID]
		}
		data["Grid"], data["Lines"], data["Errors"], data["Invalid"] = g, lines, general, problems != nil
		data["Action"] = evalGridPath(region, p, page)
		data["Page"], data["Pages"] = page, int(math.Ceil(float64(g.Mentors)/evalGridPageSize))
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c.Status(status), "supervision/evaluation_grid", data)
}

// evalRowField splits a problem's key rows.3.clients_a into the line and the field.
func evalRowField(key string) (int, string, bool) {
	rest, ok := strings.CutPrefix(key, "rows.")
	if !ok {
		return 0, "", false
	}
	idx, field, ok := strings.Cut(rest, ".")
	i, err := strconv.Atoi(idx)
	return i, field, ok && err == nil && i >= 0
}
