package audit

import (
	"math"

	"github.com/gofiber/fiber/v2"

	"mentorlms/db"
	"mentorlms/web"
)

// Handlers serves the audit log to admins.
type Handlers struct {
	db *db.DB
}

// NewHandlers returns the audit handlers over d.
func NewHandlers(d *db.DB) *Handlers { return &Handlers{db: d} }

// Routes lists the page of the audit log.
func (h *Handlers) Routes(r fiber.Router) {
	r.Get("/audit", web.Require(web.RoleAdmin), h.index)
}

// APIRoutes lists the JSON endpoint of the audit log under /api/v1.
func (h *Handlers) APIRoutes(r fiber.Router) {
	r.Get("/audit", web.Require(web.RoleAdmin), h.apiIndex)
}

const pageSize = 50

// filterOf reads the filter of the query; an id that does not parse is a 400 rather than no
// filter at all, which would show more than was asked for.
func filterOf(c *fiber.Ctx) (Filter, error) {
	f := Filter{Action: c.Query("action"), Entity: c.Query("entity"), From: c.Query("from"), To: c.Query("to")}
	var err error
	if f.EntityID, err = web.QueryID(c, "entity_id"); err != nil {
		return f, err
	}
	f.ActorID, err = web.QueryID(c, "actor")
	return f, err
}

func (h *Handlers) index(c *fiber.Ctx) error {
	f, err := filterOf(c)
	if err != nil {
		return err
	}
	page, err := web.QueryInt(c, "page", 1, 1, math.MaxInt32/pageSize)
	if err != nil {
		return err
	}
	f.Limit, f.Offset = pageSize, (page-1)*pageSize
	list, total, err := List(c.UserContext(), h.db, f)
	errs, invalid := web.FormErrors(c, err)
	if err != nil && !invalid {
		return err
	}
	actions, err := Actions(c.UserContext(), h.db)
	if err != nil {
		return err
	}
	status := fiber.StatusOK
	if invalid {
		status = fiber.StatusUnprocessableEntity
	}
	return web.Render(c.Status(status), "audit/index", fiber.Map{
		"Title": web.LocalizerOf(c).T("audit.title"), "Entries": list, "Total": total, "Filter": f,
		"Actions": actions, "Errors": errs, "Page": page, "Pages": int(math.Ceil(float64(total) / pageSize)),
	})
}

func (h *Handlers) apiIndex(c *fiber.Ctx) error {
	f, err := filterOf(c)
	if err != nil {
		return err
	}
	if len(f.Validate()) > 0 {
		return web.BadRequest("error.query.date") // a filter of the API that does not parse
	}
	if f.Limit, err = web.QueryInt(c, "limit", 100, 1, 1000); err != nil {
		return err
	}
	if f.Offset, err = web.QueryInt(c, "offset", 0, 0, math.MaxInt32); err != nil {
		return err
	}
	list, total, err := List(c.UserContext(), h.db, f)
	if err != nil {
		return err
	}
	return c.JSON(web.PageOf(list, total, f.Limit, f.Offset))
}
