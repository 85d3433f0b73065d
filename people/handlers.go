package people

import (
	"context"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// Handlers serves the pages and API of people.
type Handlers struct {
	svc   *Service
	clock func() time.Time
	// Record reads what a person's page shows of their training (applications, progress,
	// certificates), which lives in the domains above this one; cmd plugs it in, and the
	// "person_record" template draws it. Nil shows none.
	Record func(c *fiber.Ctx, p Person) (any, error)
	// DepartOutlook says what deactivating a person would do in the domains above this one,
	// for the confirmation page; nil says nothing.
	DepartOutlook func(ctx context.Context, personID int64, now time.Time) ([]web.Msg, error)
}

// NewHandlers returns the handlers over svc, telling time by clock.
func NewHandlers(svc *Service, clock func() time.Time) *Handlers {
	return &Handlers{svc: svc, clock: clock}
}

// Routes lists every page of people, sign-in and the account.
func (h *Handlers) Routes(r fiber.Router) {
	r.Get("/login", h.loginForm)
	r.Post("/login", h.login)
	r.Post("/logout", web.Require(), h.logout)
	// A page with a long form pings this while it is open; being signed in is all it checks,
	// and the request itself marks the session used.
	r.Get("/keepalive", web.Require(), func(c *fiber.Ctx) error { return c.SendStatus(fiber.StatusNoContent) })
	h.linkRoutes(r)
	r.Get("/setup/:token", h.setupForm)
	r.Post("/setup/:token", h.setup)
	r.Post("/lang", h.lang)
	r.Get("/account", web.Require(), h.account)
	r.Post("/account/password", web.Require(), h.changePassword)
	h.securityRoutes(r)

	staff := web.Require(web.RoleAdmin, web.RoleCoordinator)
	admin := web.Require(web.RoleAdmin)
	r.Get("/people", staff, h.index)
	r.Get("/people/new", staff, h.new)
	r.Post("/people", staff, h.create)
	r.Get("/people/:id", web.Require(), h.show)
	r.Get("/people/:id/edit", admin, h.edit)
	r.Post("/people/:id", admin, h.update)
	r.Get("/people/:id/deactivate", admin, h.confirmDeactivate)
	r.Post("/people/:id/deactivate", admin, h.setActive(false))
	r.Post("/people/:id/activate", admin, h.setActive(true))
	h.evidenceRoutes(r, staff, admin)
	h.secondRoutes(r, admin)
}

const pageSize = 50

func (h *Handlers) index(c *fiber.Ctx) error {
	f := Filter{Search: c.Query("q"), Role: c.Query("role"), Region: c.Query("region"),
		Active: c.Query("active"), Limit: pageSize}
	page := web.PageOfQuery(c)
	f.Offset = (page - 1) * pageSize
	list, total, err := h.svc.List(c.UserContext(), web.Me(c), f)
	if err != nil {
		return err
	}
	regions, err := h.svc.store.Regions(c.UserContext())
	if err != nil {
		return err
	}
	return web.Render(c, "people/index", fiber.Map{
		"Title":   h.title(c, "people.title"),
		"People":  list,
		"Total":   total,
		"Filter":  f,
		"Page":    page,
		"Pages":   int(math.Ceil(float64(total) / pageSize)),
		"Regions": regions,
		"Roles":   listRoles(web.Me(c)),
		"IsAdmin": web.Me(c).Has(web.RoleAdmin),
	})
}

func (h *Handlers) title(c *fiber.Ctx, key string) string {
	return web.LocalizerOf(c).T(key)
}

func (h *Handlers) show(c *fiber.Ctx) error {
	p, err := h.person(c)
	if err != nil {
		return err
	}
	var record any
	if h.Record != nil {
		var err error
		if record, err = h.Record(c, p); err != nil {
			return err
		}
	}
	var tokens []APIToken
	if web.Me(c).Has(web.RoleAdmin) {
		if tokens, err = h.svc.Tokens(c.UserContext(), web.Me(c), p.ID); err != nil {
			return err
		}
	}
	return web.Render(c, "people/show", fiber.Map{"Title": p.FullName(), "Person": p, "Decides": p.DecidedBy(web.Me(c)),
		"Record": record, "Tokens": tokens, "Now": h.clock()})
}

// form is what the person form shows: the values typed and a message per wrong field.
type form struct {
	Input
	ID     int64
	Errors map[string]string
}

func (h *Handlers) renderForm(c *fiber.Ctx, fm form, status int) error {
	regions, err := h.svc.store.Regions(c.UserContext())
	if err != nil {
		return err
	}
	centres, err := h.svc.store.Centres(c.UserContext())
	if err != nil {
		return err
	}
	key := "people.new.title"
	if fm.ID != 0 {
		key = "people.edit.title"
	}
	me := web.Me(c)
	roles := web.Roles
	if !me.Has(web.RoleAdmin) {
		// A coordinator adds trainees of their own region; offer nothing else.
		roles = []web.Role{web.RoleTrainee}
		regions = slices.DeleteFunc(regions, func(r Region) bool { return r.Code != me.Region })
		centres = slices.DeleteFunc(centres, func(c Centre) bool { return c.Region != me.Region })
	}
	return web.Render(c.Status(status), "people/form", fiber.Map{
		"Title": h.title(c, key), "Form": fm, "Regions": regions, "Centres": centres, "Roles": roles,
	})
}

func (h *Handlers) new(c *fiber.Ctx) error {
	fm := form{Input: Input{Roles: []string{string(web.RoleTrainee)}, Region: web.Me(c).Region}}
	return h.renderForm(c, fm, fiber.StatusOK)
}

func parseForm(c *fiber.Ctx) Input {
	in := Input{
		Name: c.FormValue("name"), Email: c.FormValue("email"),
		TitlesBefore: c.FormValue("titles_before"), TitlesAfter: c.FormValue("titles_after"),
		BirthDate: c.FormValue("birth_date"), BirthPlace: c.FormValue("birth_place"), Region: c.FormValue("region"),
		PMSCentre: c.FormValue("pms_centre"), Password: c.FormValue("password"),
	}
	for _, r := range c.Request().PostArgs().PeekMulti("roles") {
		in.Roles = append(in.Roles, string(r))
	}
	return in
}

func (h *Handlers) create(c *fiber.Ctx) error {
	in := parseForm(c)
	p, err := h.svc.Create(c.UserContext(), web.Me(c), in, h.clock())
	if errs, ok := web.FormErrors(c, err); ok {
		in.Password = ""
		return h.renderForm(c, form{Input: in, Errors: errs}, fiber.StatusUnprocessableEntity)
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, "/people/"+strconv.FormatInt(p.ID, 10))
}

func (h *Handlers) edit(c *fiber.Ctx) error {
	p, err := h.person(c)
	if err != nil {
		return err
	}
	in := Input{Name: p.Name, Email: p.Email, TitlesBefore: p.TitlesBefore, TitlesAfter: p.TitlesAfter,
		BirthDate: p.BirthDate, BirthPlace: p.BirthPlace, Region: p.Region, PMSCentre: p.PMSCentre}
	for _, r := range p.Roles {
		in.Roles = append(in.Roles, string(r))
	}
	return h.renderForm(c, form{Input: in, ID: p.ID}, fiber.StatusOK)
}

func (h *Handlers) update(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	in := parseForm(c)
	_, err = h.svc.Update(c.UserContext(), web.Me(c), id, in, h.clock())
	if errs, ok := web.FormErrors(c, err); ok {
		in.Password = ""
		return h.renderForm(c, form{Input: in, ID: id, Errors: errs}, fiber.StatusUnprocessableEntity)
	}
	if err != nil {
		return err
	}
	return web.Redirect(c, "/people/"+strconv.FormatInt(id, 10))
}

func (h *Handlers) setActive(active bool) fiber.Handler {
	return func(c *fiber.Ctx) error {
		id, err := pathID(c)
		if err != nil {
			return err
		}
		if !active && !web.Confirmed(c) {
			return h.confirmDeactivate(c)
		}
		if _, err := h.svc.SetActive(c.UserContext(), web.Me(c), id, active, h.clock()); err != nil {
			return err
		}
		return web.Redirect(c, "/people/"+strconv.FormatInt(id, 10))
	}
}

// pathID reads the :id parameter; anything but a positive integer names nobody.
func pathID(c *fiber.Ctx) (int64, error) {
	id, ok := web.ParamID(c, "id")
	if !ok {
		return 0, ErrNotFound
	}
	return id, nil
}

// person loads the person named by :id, as far as the signed-in principal may see them.
func (h *Handlers) person(c *fiber.Ctx) (Person, error) {
	id, err := pathID(c)
	if err != nil {
		return Person{}, err
	}
	return h.svc.Get(c.UserContext(), web.Me(c), id)
}

// listRoles are the roles the people list can filter by: a coordinator sees trainees only.
func listRoles(me *web.Principal) []web.Role {
	if me.Has(web.RoleAdmin) {
		return web.Roles
	}
	return []web.Role{web.RoleTrainee}
}
