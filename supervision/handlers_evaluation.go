package supervision

import (
	"html/template"
	"io"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"mentorlms/people"
	"mentorlms/web"
)

// evaluationRoutes lists the pages of the evaluation area: the report with its exports, the
// grid a coordinator fills in for a region and period, and the form of one record.
func (h *Handlers) evaluationRoutes(r fiber.Router) {
	staff := web.Require(web.RoleAdmin, web.RoleCoordinator)
	r.Get("/evaluations", staff, h.evalReportPage)
	r.Get("/evaluations.csv", staff, h.evalReportCSV)
	r.Get("/evaluations.xlsx", staff, h.evalReportXLSX)
	r.Get("/evaluations/entry", staff, h.evalGridPage)
	r.Post("/evaluations/entry", staff, h.evalGridSave)
	r.Get("/evaluations/new", staff, h.evalNewPage)
	r.Post("/evaluations", staff, h.evalCreate)
}

// evalRegionQuery reads the region filter: "" for none, else a region's code; a code that
// names no region is a 400 rather than a report that is silently empty.
func (h *Handlers) evalRegionQuery(c *fiber.Ctx) (string, []people.Region, error) {
	regions, err := h.svc.people.Regions(c.UserContext())
	if err != nil {
		return "", nil, err
	}
	v := strings.ToUpper(strings.TrimSpace(c.Query("region")))
	if v != "" && !slices.ContainsFunc(regions, func(r people.Region) bool { return r.Code == v }) {
		return "", nil, web.BadRequest("evaluation.query.region")
	}
	return v, regions, nil
}

// evalSpanQuery reads the periods asked about: from and to (2025-5, 2026-2; to defaults to
// from), or year with an optional period (a whole year without one). Asking for none gives
// def. A value that does not parse, a range that ends before it begins or both ways at once
// are a 400.
func evalSpanQuery(c *fiber.Ctx, now time.Time, def EvalSpan) (EvalSpan, error) {
	from, to, year, period := c.Query("from"), c.Query("to"), c.Query("year"), c.Query("period")
	if from != "" || to != "" {
		if year != "" || period != "" || from == "" {
			return def, web.BadRequest("evaluation.query.span")
		}
		s, ok := EvalSpan{}, false
		if s.From, ok = ParseEvalPeriod(from); !ok {
			return def, web.BadRequest("evaluation.query.span")
		}
		s.To = s.From
		if to != "" {
			if s.To, ok = ParseEvalPeriod(to); !ok {
				return def, web.BadRequest("evaluation.query.span")
			}
		}
		if s.From.After(s.To) {
			return def, web.BadRequest("evaluation.query.span")
		}
		return s, nil
	}
	if year == "" && period != "" {
		return def, web.BadRequest("evaluation.query.year")
	}
	y, err := web.QueryInt(c, "year", 0, FirstEvaluationYear, EvalPeriodOf(now).Year)
	if err != nil || y == 0 {
		return def, err
	}
	n, err := web.QueryInt(c, "period", 0, 1, 6)
	if err != nil || n == 0 {
		return EvalYear(y), err
	}
	p := EvalPeriod{Year: y, N: n}
	return EvalSpan{From: p, To: p}, nil
}

// evalLastEnded is the span of the last period that has ended: what centres have just
// evaluated, and what the report shows unless asked otherwise.
func evalLastEnded(now time.Time) EvalSpan {
	p := EvalPeriodOf(now).Prev()
	return EvalSpan{From: p, To: p}
}

// evalReport reads the report the query asks for.
func (h *Handlers) evalReport(c *fiber.Ctx) (EvalReport, []people.Region, error) {
	region, regions, err := h.evalRegionQuery(c)
	if err != nil {
		return EvalReport{}, nil, err
	}
	now := h.clock()
	span, err := evalSpanQuery(c, now, evalLastEnded(now))
	if err != nil {
		return EvalReport{}, nil, err
	}
	rep, err := h.svc.EvaluationReport(c.UserContext(), web.Me(c), region, span)
	return rep, regions, err
}

// evalOption is a choice of a select.
type evalOption struct {
	Value, Label string
}

// evalPeriodOptions offers the periods of the last years, the latest first, and those asked
// for if they lie further back.
func evalPeriodOptions(l *web.Localizer, now time.Time, asked ...EvalPeriod) []evalOption {
	latest := EvalPeriodOf(now)
	earliest := EvalPeriod{Year: max(latest.Year-4, FirstEvaluationYear), N: 1}
	for _, p := range asked {
		if earliest.After(p) {
			earliest = p
		}
		if p.After(latest) {
			latest = p
		}
	}
	var out []evalOption
	for p := latest; !earliest.After(p); p = p.Prev() {
		out = append(out, evalOption{Value: p.String(), Label: p.Label(l)})
	}
	return out
}

// evalReportPage shows the report: per region a line per centre with mentors, clients,
// successful and the rate, the region's total, and the total of all.
//
// A span whose end comes before its beginning, as two selects can be set, is a 422 that shows
// the last ended period with the choices kept and the end marked, not a bare error page.
func (h *Handlers) evalReportPage(c *fiber.Ctx) error {
	if from, to, reversed := evalReversed(c); reversed {
		region, regions, err := h.evalRegionQuery(c)
		if err != nil {
			return err
		}
		rep, err := h.svc.EvaluationReport(c.UserContext(), web.Me(c), region, evalLastEnded(h.clock()))
		if err != nil {
			return err
		}
		errs := map[string]string{"to": web.LocalizerOf(c).T("evaluation.query.reversed")}
		return h.renderEvalReport(c, rep, regions, EvalSpan{From: from, To: to}, errs, fiber.StatusUnprocessableEntity)
	}
	rep, regions, err := h.evalReport(c)
	if err != nil {
		return err
	}
	return h.renderEvalReport(c, rep, regions, rep.Span, nil, fiber.StatusOK)
}

// evalReversed reports whether the query asks for a span from and to, both periods, whose end
// comes before its beginning.
func evalReversed(c *fiber.Ctx) (from, to EvalPeriod, reversed bool) {
	from, okFrom := ParseEvalPeriod(c.Query("from"))
	to, okTo := ParseEvalPeriod(c.Query("to"))
	return from, to, okFrom && okTo && c.Query("year") == "" && c.Query("period") == "" && from.After(to)
}

// renderEvalReport draws the report page; asked is the span the form shows as chosen.
func (h *Handlers) renderEvalReport(c *fiber.Ctx, rep EvalReport, regions []people.Region, asked EvalSpan,
	errs map[string]string, status int) error {
	l, now, me := web.LocalizerOf(c), h.clock(), web.Me(c)
	var years []int
	for y := EvalPeriodOf(now).Year; y >= max(EvalPeriodOf(now).Year-2, FirstEvaluationYear); y-- {
		years = append(years, y)
	}
	q := url.Values{"from": {rep.Span.From.String()}, "to": {rep.Span.To.String()}}
	if rep.Region != "" {
		q.Set("region", rep.Region)
	}
	// Entering goes to the grid of the region shown, for the last period of the span that has
	// begun.
	entry := rep.Span.To
	if entry.After(EvalPeriodOf(now)) {
		entry = EvalPeriodOf(now)
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c.Status(status), "supervision/evaluations", fiber.Map{
		"Title": l.T("evaluation.report.title"), "Report": rep, "SpanLabel": rep.Span.Label(l),
		"Asked": asked, "Errors": errs,
		"Periods": evalPeriodOptions(l, now, asked.From, asked.To), "Years": years,
		"Regions": regions, "IsAdmin": me.Has(web.RoleAdmin), "Export": template.URL(q.Encode()),
		"Entry": template.URL(url.Values{"region": {rep.Region}, "year": {strconv.Itoa(entry.Year)},
			"period": {strconv.Itoa(entry.N)}}.Encode()),
		"EntryRegion": rep.Region != "" || !me.Has(web.RoleAdmin),
	})
}

// evalReportCSV sends the report as CSV for Czech Excel.
func (h *Handlers) evalReportCSV(c *fiber.Ctx) error {
	rep, _, err := h.evalReport(c)
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	return web.SendDownload(c, evalExportName(rep, "csv"), web.MIMECSV,
		func(w io.Writer) error { return WriteEvaluationCSV(w, rep, l) })
}

// evalReportXLSX sends the report as an Excel workbook.
func (h *Handlers) evalReportXLSX(c *fiber.Ctx) error {
	rep, _, err := h.evalReport(c)
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	return web.SendDownload(c, evalExportName(rep, "xlsx"), web.MIMEXLSX,
		func(w io.Writer) error { return WriteEvaluationXLSX(w, rep, l) })
}
