package reminders

import (
	"time"

	"github.com/gofiber/fiber/v2"

	"mentorlms/db"
	"mentorlms/web"
)

// Handlers serves the in-app inbox, the preferences of e-mail and the admin's page of jobs.
type Handlers struct {
	db    *db.DB
	clock func() time.Time
	// UnsubscribeKey checks the links that turn a kind of e-mail off (the same key signs them).
	UnsubscribeKey []byte
}

// NewHandlers returns the inbox handlers over d.
func NewHandlers(d *db.DB, clock func() time.Time) *Handlers { return &Handlers{db: d, clock: clock} }

// Routes lists the inbox pages.
func (h *Handlers) Routes(r fiber.Router) {
	r.Get("/inbox", web.Require(), h.index)
	r.Post("/inbox/read", web.Require(), h.read)
	r.Get("/reminders/jobs", web.Require(web.RoleAdmin), h.jobs)
	h.preferenceRoutes(r)
}

// APIRoutes lists the inbox under /api/v1.
func (h *Handlers) APIRoutes(r fiber.Router) {
	r.Get("/notifications", web.Require(), h.apiIndex)
	r.Get("/reminders/jobs", web.Require(web.RoleAdmin), h.apiJobs)
	h.preferenceAPIRoutes(r)
}

// jobs shows the admin when each scheduled reminder last ran, what it enqueued and whether it
// failed, and how many e-mails failed for good.
func (h *Handlers) jobs(c *fiber.Ctx) error {
	runs, err := JobRuns(c.UserContext(), h.db)
	if err != nil {
		return err
	}
	failed, total, err := FailedMail(c.UserContext(), h.db, 20)
	if err != nil {
		return err
	}
	return web.Render(c, "reminders/jobs", fiber.Map{"Title": web.LocalizerOf(c).T("jobs.title"), "Runs": runs,
		"Failed": failed, "FailedTotal": total})
}

func (h *Handlers) apiJobs(c *fiber.Ctx) error {
	runs, err := JobRuns(c.UserContext(), h.db)
	if err != nil {
		return err
	}
	return c.JSON(web.Items(runs))
}

// shown is a notice with its text in the reader's language.
type shown struct {
	Notice
	Title string `json:"title"`
	Body  string `json:"body"`
}

func (h *Handlers) list(c *fiber.Ctx, limit, offset int) ([]shown, int, error) {
	ns, total, err := Inbox(c.UserContext(), h.db, web.Me(c).ID, limit, offset)
	if err != nil {
		return nil, 0, err
	}
	l := web.LocalizerOf(c)
	out := make([]shown, len(ns))
	for i, n := range ns {
		out[i] = shown{Notice: n}
		out[i].Title, out[i].Body = Text(l, n)
	}
	return out, total, nil
}

func (h *Handlers) index(c *fiber.Ctx) error {
	page := web.PageOfQuery(c)
	ns, total, err := h.list(c, web.PageSize, (page-1)*web.PageSize)
	if err != nil {
		return err
	}
	unread, err := Unread(c.UserContext(), h.db, web.Me(c).ID)
	if err != nil {
		return err
	}
	return web.Render(c, "reminders/inbox", fiber.Map{"Title": web.LocalizerOf(c).T("inbox.title"), "Notices": ns,
		"Unread": unread, "Page": page, "Pages": (total + web.PageSize - 1) / web.PageSize})
}

// read marks one message read, or all when no id is given.
func (h *Handlers) read(c *fiber.Ctx) error {
	var id int64
	if v := c.FormValue("id"); v != "" {
		n, ok := web.ParseID(v)
		if !ok {
			return web.BadRequest("error.bad_request")
		}
		id = n
	}
	if err := MarkRead(c.UserContext(), h.db, web.Me(c).ID, id, h.clock()); err != nil {
		return err
	}
	return web.Redirect(c, "/inbox")
}

func (h *Handlers) apiIndex(c *fiber.Ctx) error {
	limit, offset, err := web.Limits(c)
	if err != nil {
		return err
	}
	ns, total, err := h.list(c, limit, offset)
	if err != nil {
		return err
	}
	return c.JSON(web.PageOf(ns, total, limit, offset))
}
