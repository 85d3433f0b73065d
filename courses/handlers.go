package courses

import (
	"context"
	"slices"
	"time"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// Handlers serves the pages, feeds and API of the catalog and the schedule.
type Handlers struct {
	svc   *Service
	clock func() time.Time
	// Outlook says what finishing a run would make of its people, for the confirmation page.
	// Completion lives above this package (enrollment); cmd plugs it in, and without it the
	// page leaves the people out.
	Outlook func(ctx context.Context, runID int64, now time.Time) (Outlook, error)
	// Own says where the signed-in person stands in a run (their application, its place on
	// the waitlist, completion), for the run's page; nil when they never applied. Those
	// enrolled see an online run's join link too. Enrolments live above this package; cmd
	// plugs it in, and without it only staff see the link.
	Own func(ctx context.Context, runID, personID int64, now time.Time) (*OwnState, error)
}

// OwnState is where a person stands in a run, as its page tells them.
type OwnState struct {
	EnrollmentID int64
	Status       string // pending, enrolled, waitlisted, rejected, withdrawn
	Position     int    // on the waitlist, from 1
	Complete     bool
	Reason       string // why the application was rejected
	Withdrawable bool   // the person may still take the application back
}

// NewHandlers returns the handlers over svc, telling time by clock.
func NewHandlers(svc *Service, clock func() time.Time) *Handlers {
	return &Handlers{svc: svc, clock: clock}
}

// Routes lists every page of the catalog and the schedule. Path parameters are named for what
// they hold (:course, :run, :session) so that the route table reads unambiguously.
func (h *Handlers) Routes(r fiber.Router) {
	h.catalogRoutes(r)
	h.adminRoutes(r)
	h.confirmRoutes(r)
	h.lecturerRoutes(r)
	h.calendarRoutes(r)
}

// joinLink is the run's join link when the caller may see it, "" otherwise; may tells whether
// the caller is one of those who may (so a page can tell them that none is set yet). They are
// the people of the run: an admin, a coordinator, a lecturer of the run, and those enrolled
// in it. Never a visitor or another trainee, whatever they ask: the link opens the lesson. A
// response that carries it is personal, so no cache may keep it.
// own reads where the signed-in person stands in run r, nil for a visitor or without Own.
func (h *Handlers) own(c *fiber.Ctx, runID int64) (*OwnState, error) {
	me := web.Me(c)
	if me == nil || h.Own == nil {
		return nil, nil
	}
	return h.Own(c.UserContext(), runID, me.ID, h.clock())
}

func (h *Handlers) joinLink(c *fiber.Ctx, r Run, own *OwnState) (link string, may bool, err error) {
	me := web.Me(c)
	if me == nil {
		return "", false, nil
	}
	may = me.Has(web.RoleAdmin, web.RoleCoordinator) || (me.Has(web.RoleLecturer) && slices.Contains(r.LecturerIDs, me.ID)) ||
		(own != nil && own.Status == "enrolled")
	if !may || r.JoinLink == "" {
		return "", may, nil
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return r.JoinLink, true, nil
}
