package courses

import (
	"bytes"
	"html/template"
	"strconv"
	"strings"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// calendarRoutes are the iCalendar feeds and the page of a person's own feed. The private feed
// needs no sign-in, because calendar apps cannot sign in: its secret address is the key.
func (h *Handlers) calendarRoutes(r fiber.Router) {
	r.Get("/runs/:run/calendar.ics", h.runCalendar)
	r.Get("/calendar/:token.ics", h.personCalendar)
	r.Get("/my/calendar", web.Require(), h.myCalendar)
	r.Post("/my/calendar", web.Require(), h.newCalendar)
}

// calendarAPIRoutes is the run's feed in the API, for anyone, like the run itself.
func (h *Handlers) calendarAPIRoutes(r fiber.Router) {
	r.Get("/runs/:run/calendar.ics", h.runCalendar)
}

// runCalendar sends the feed of a run's sessions, cancelled ones included. A run the caller
// may not see (a planned one, for a visitor) is not found, as in the API.
func (h *Handlers) runCalendar(c *fiber.Ctx) error {
	id, err := web.PathID(c, "run", ErrRunNotFound)
	if err != nil {
		return err
	}
	ctx, q := c.UserContext(), h.svc.db.R
	r, err := h.svc.store.Run(ctx, q, id)
	if err != nil {
		return err
	}
	if !visible(c, r) {
		return ErrRunNotFound
	}
	course, err := h.svc.store.Course(ctx, q, r.CourseID)
	if err != nil {
		return err
	}
	ss, err := h.svc.store.Sessions(ctx, q, id)
	if err != nil {
		return err
	}
	events, err := h.svc.store.Events(ctx, ss, false) // anyone may fetch it: no join links
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	name := l.T("calendar.run.name", "Course", course.Title, "Date", l.Date(r.StartsOn))
	return h.sendICS(c, Feed{Name: name, Events: events}, "run-"+strconv.FormatInt(id, 10)+".ics")
}

// personCalendar sends the private feed of a person's own sessions, as lecturer or as enrolled
// trainee. Anyone holding the address gets it; an unknown address is an ordinary 404.
func (h *Handlers) personCalendar(c *fiber.Ctx) error {
	// The feed is personal whoever fetches it, so no cache may keep it.
	c.Set(fiber.HeaderCacheControl, "no-store")
	owner, err := h.svc.store.FeedOwner(c.UserContext(), c.Params("token"))
	if err != nil {
		return err
	}
	ss, err := h.svc.store.PersonSessions(c.UserContext(), owner.ID)
	if err != nil {
		return err
	}
	// Every session here is one the owner teaches or is enrolled for: the join links go along.
	events, err := h.svc.store.Events(c.UserContext(), ss, true)
	if err != nil {
		return err
	}
	name := web.LocalizerOf(c).T("calendar.person.name")
	return h.sendICS(c, Feed{Name: name, Events: events}, "mentoring.ics")
}

// sendICS writes the feed with a link to each run's page.
func (h *Handlers) sendICS(c *fiber.Ctx, f Feed, filename string) error {
	base := c.BaseURL()
	for i := range f.Events {
		f.Events[i].URL = base + "/runs/" + strconv.FormatInt(f.Events[i].RunID, 10)
	}
	var b bytes.Buffer
	if err := WriteICS(&b, f, h.clock(), web.LocalizerOf(c)); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, "text/calendar; charset=utf-8")
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+filename+`"`)
	return c.Send(b.Bytes())
}

// myCalendar explains the private feed and offers to make its address.
func (h *Handlers) myCalendar(c *fiber.Ctx) error {
	has, err := h.svc.store.HasFeed(c.UserContext(), web.Me(c).ID)
	if err != nil {
		return err
	}
	return h.renderCalendar(c, has, "")
}

// newCalendar makes a new address, which ends the old one, and shows it on the page it renders:
// only its hash is stored, so this answer is the one chance to see it. It is rendered rather
// than redirected to, because the token must not travel in a URL.
//
// Replacing an address asks first: the calendars subscribed to the old one stop updating.
func (h *Handlers) newCalendar(c *fiber.Ctx) error {
	if !web.Confirmed(c) {
		has, err := h.svc.store.HasFeed(c.UserContext(), web.Me(c).ID)
		if err != nil {
			return err
		}
		if has {
			l := web.LocalizerOf(c)
			return web.RenderConfirm(c, fiber.StatusOK, web.Confirm{Title: l.T("confirm_calendar.title"),
				Lead: l.T("calendar.my.title"), Effects: []string{l.T("calendar.my.replace_hint")},
				Warning: l.T("confirm_calendar.warning"), Action: "/my/calendar", Back: "/my/calendar",
				Submit: l.T("calendar.my.replace")})
		}
	}
	token, err := h.svc.NewFeed(c.UserContext(), web.Me(c), h.clock())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return h.renderCalendar(c, true, c.BaseURL()+"/calendar/"+token+".ics")
}

func (h *Handlers) renderCalendar(c *fiber.Ctx, has bool, url string) error {
	data := fiber.Map{"Title": web.LocalizerOf(c).T("calendar.my.title"), "HasFeed": has, "URL": url}
	if url != "" {
		// webcal: asks the system's calendar app to subscribe. html/template would refuse the
		// scheme; the address is built here from the site's own base URL and a base64url token.
		_, rest, _ := strings.Cut(url, "://")
		data["Webcal"] = template.URL("webcal://" + rest)
	}
	return web.Render(c, "courses/calendar", data)
}
