package supervision

import (
	"math"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// evaluationAPIRoutes lists the API of the evaluation area: recording one record (or
// correcting it), the paged list of records, and the report with its exports.
func (h *Handlers) evaluationAPIRoutes(r fiber.Router) {
	staff := web.Require(web.RoleAdmin, web.RoleCoordinator)
	r.Post("/evaluations", staff, h.apiRecordEvaluation)
	r.Get("/evaluations", staff, h.apiEvaluations)
	r.Get("/evaluations/report", staff, h.apiEvaluationReport)
	r.Get("/evaluations/report.csv", staff, h.evalReportCSV)
	r.Get("/evaluations/report.xlsx", staff, h.evalReportXLSX)
}

// apiRecordEvaluation records {person_id, centre_id, year, period, clients_a … success_c}:
// 201 with the record when it is new, 200 when it corrected the record of the same mentor,
// centre and period (or found it as it was).
func (h *Handlers) apiRecordEvaluation(c *fiber.Ctx) error {
	var in EvaluationInput
	if err := web.DecodeJSON(c, &in); err != nil {
		return err
	}
	e, created, err := h.svc.RecordEvaluation(c.UserContext(), web.Me(c), in, h.clock())
	if err != nil {
		return err
	}
	if created {
		c.Status(fiber.StatusCreated)
	}
	return c.JSON(e)
}

// evalPage is a page of records as the API answers it.
type evalPage struct {
	Items  []Evaluation `json:"items"`
	Total  int          `json:"total"`
	Limit  int          `json:"limit"`
	Offset int          `json:"offset"`
}

// apiEvaluations lists records, the latest period first, filtered by region, period (year and
// period, or from and to; every period unless given), person and centre, paged by limit and
// offset.
func (h *Handlers) apiEvaluations(c *fiber.Ctx) error {
	region, _, err := h.evalRegionQuery(c)
	if err != nil {
		return err
	}
	every := EvalSpan{From: EvalPeriod{Year: FirstEvaluationYear, N: 1}, To: EvalPeriod{Year: web.MaxYear, N: 6}}
	f := EvalFilter{Region: region}
	if f.Span, err = evalSpanQuery(c, h.clock(), every); err != nil {
		return err
	}
	if f.PersonID, err = web.QueryID(c, "person"); err != nil {
		return err
	}
	if f.CentreID, err = web.QueryID(c, "centre"); err != nil {
		return err
	}
	if f.Limit, err = web.QueryInt(c, "limit", 50, 1, 500); err != nil {
		return err
	}
	if f.Offset, err = web.QueryInt(c, "offset", 0, 0, math.MaxInt32); err != nil {
		return err
	}
	list, total, err := h.svc.Evaluations(c.UserContext(), web.Me(c), f)
	if err != nil {
		return err
	}
	if list == nil {
		list = []Evaluation{}
	}
	return c.JSON(evalPage{Items: list, Total: total, Limit: f.Limit, Offset: f.Offset})
}

// apiEvaluationReport answers the report: per region its centres and total, and the total of
// all, for the periods asked (the last that has ended unless given).
func (h *Handlers) apiEvaluationReport(c *fiber.Ctx) error {
	rep, _, err := h.evalReport(c)
	if err != nil {
		return err
	}
	return c.JSON(rep)
}
