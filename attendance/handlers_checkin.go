package attendance

import (
	"context"
	"html/template"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"

	"mentorlms/courses"
	"mentorlms/web"
)

// checkinRoutes lists self check-in: the screen a lecturer shows the room (and the state its
// script polls), and the page a scanned code opens on a trainee's phone.
func (h *Handlers) checkinRoutes(r fiber.Router) {
	teachers := web.Require(web.RoleAdmin, web.RoleLecturer)
	r.Get("/runs/:run/sessions/:session/checkin", teachers, h.checkinScreen)
	r.Get("/runs/:run/sessions/:session/checkin.json", teachers, h.checkinPoll)
	// Anyone signed in: whether they are enrolled is the answer the page gives, not a guard.
	// A visitor is sent to sign in and comes back here, as web's error handler does for GETs.
	r.Get("/checkin/:session/:code", h.checkinPage) // visitors are sent to sign in with a ticket
	r.Post("/checkin/:session/:code", web.Require(), h.checkin)
}

// The phases of a session's check-in as the lecturer's screen shows them.
const (
	phaseOpen      = "open"
	phaseEarly     = "early"
	phaseOver      = "over"
	phaseCancelled = "cancelled"
)

// arrival is one person who checked in, as the screen lists them.
type arrival struct {
	Name string `json:"name"`
	At   string `json:"at"` // the time in Prague, 9:03
}

// checkinState is what the lecturer's screen shows, and what its script fetches to stay
// current: the code while the session takes check-ins, and who has come.
type checkinState struct {
	Phase     string        `json:"phase"`
	Message   string        `json:"message,omitempty"`
	Code      string        `json:"code,omitempty"`
	URL       string        `json:"url,omitempty"`
	SVG       template.HTML `json:"svg,omitempty"`
	Arrivals  []arrival     `json:"arrivals"`
	CheckedIn int           `json:"checked_in"`
	Enrolled  int           `json:"enrolled"`
	CountText string        `json:"count_text"`
}

// Poll reports whether the screen keeps itself current: while check-in is open or still to
// come. A session that is over or called off will not change.
func (s checkinState) Poll() bool { return s.Phase == phaseOpen || s.Phase == phaseEarly }

// teacherSheet reads the attendance of the session in the path for someone who teaches its
// run; a session of another run is not found under this one.
func (h *Handlers) teacherSheet(c *fiber.Ctx) (SessionSheet, error) {
	run, err := web.PathID(c, "run", courses.ErrRunNotFound)
	if err != nil {
		return SessionSheet{}, err
	}
	sid, err := sessionID(c)
	if err != nil {
		return SessionSheet{}, err
	}
	sh, err := h.svc.Attendance(c.UserContext(), web.Me(c), sid)
	if err != nil {
		return SessionSheet{}, err
	}
	if sh.Session.RunID != run {
		return SessionSheet{}, courses.ErrSessionNotFound
	}
	return sh, nil
}

// state works out the screen at now.
func (h *Handlers) state(c *fiber.Ctx, sh SessionSheet, now time.Time) (checkinState, error) {
	l := web.LocalizerOf(c)
	ss := sh.Session
	st := checkinState{Arrivals: []arrival{}}
	switch {
	case ss.Cancelled():
		st.Phase, st.Message = phaseCancelled, l.T("checkin.phase.cancelled")
	case now.Before(ss.Start().Add(-CheckinGrace)):
		opens := ss.Start().Add(-CheckinGrace)
		st.Phase, st.Message = phaseEarly, l.T("checkin.phase.early", "Date", l.Date(opens), "Time", l.Time(opens))
	case !CheckinOpen(ss, now):
		st.Phase, st.Message = phaseOver, l.T("checkin.phase.over", "Time", l.Time(ss.End()))
	default:
		st.Phase = phaseOpen
		st.Code = h.svc.CheckinCode(ss.ID, now)
		st.URL = c.BaseURL() + checkinPath(ss.ID, st.Code)
		svg, err := web.QRSVG(st.URL, l.T("checkin.qr_label"))
		if err != nil {
			return st, err
		}
		st.SVG = svg
	}
	var came []Line
	for _, ln := range sh.Lines {
		if ln.Enrolled {
			st.Enrolled++
		}
		if ln.Marked() && ln.Source == SourceCheckin && ln.RecordedAt != nil {
			came = append(came, ln)
		}
	}
	// Newest first: the lecturer looks for the person who has just scanned.
	slices.SortStableFunc(came, func(a, b Line) int { return strings.Compare(*b.RecordedAt, *a.RecordedAt) })
	for _, ln := range came {
		st.Arrivals = append(st.Arrivals, arrival{Name: ln.Name, At: l.Time(*ln.RecordedAt)})
	}
	st.CheckedIn = len(came)
	st.CountText = l.N("checkin.count", st.CheckedIn, "Enrolled", st.Enrolled)
	return st, nil
}

// checkinScreen is the lecturer's screen: the QR code of the session, changing every
// CheckinPeriod, and the people who have checked in. A script keeps it current; without one,
// the page refreshes itself.
func (h *Handlers) checkinScreen(c *fiber.Ctx) error {
	sh, err := h.teacherSheet(c)
	if err != nil {
		return err
	}
	st, err := h.state(c, sh, h.clock())
	if err != nil {
		return err
	}
	ls, err := h.svc.courses.Listing(c.UserContext(), sh.Run.ID)
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c, "attendance/checkin", fiber.Map{
		"Title": web.LocalizerOf(c).T("checkin.title"), "Run": ls, "Session": sh.Session, "State": st,
	})
}

// checkinPoll is the screen's state for its script.
func (h *Handlers) checkinPoll(c *fiber.Ctx) error {
	sh, err := h.teacherSheet(c)
	if err != nil {
		return err
	}
	st, err := h.state(c, sh, h.clock())
	if err != nil {
		return err
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.JSON(st)
}

// scan is the trainee's page of a scanned code.
type scan struct {
	Session courses.Session
	Run     courses.Listing
	Code    string
	// Done: the person is marked present already (by this check-in or by the lecturer).
	Done bool
	At   string
}

// scanOf reads the session of a scanned code and says, without marking anything, what
// confirming would answer: the same refusals as Checkin, so that a person learns at once that
// the code has expired or that they are not enrolled, instead of after pressing the button.
func (h *Handlers) scanOf(ctx context.Context, me *web.Principal, sid int64, code string, now time.Time) (scan, error) {
	ss, line, err := h.svc.admit(ctx, h.svc.db.R, me, sid, code, now)
	if line.EnrollmentID == 0 {
		return scan{}, err // someone not enrolled learns nothing of the session
	}
	ls, lerr := h.svc.courses.Listing(ctx, ss.RunID)
	if lerr != nil {
		return scan{}, lerr
	}
	v := scan{Session: ss, Run: ls, Code: code}
	if line.Marked() && (*line.Status == Present || *line.Status == Late) && line.RecordedAt != nil {
		v.Done, v.At = true, *line.RecordedAt
		return v, nil
	}
	return v, err
}

// checkinPage shows a scanned code's session and the button that confirms presence; a GET
// marks nothing, so that a link preview or a prefetch cannot check anyone in.
func (h *Handlers) checkinPage(c *fiber.Ctx) error {
	sid, err := sessionID(c)
	if err != nil {
		return err
	}
	now := h.clock()
	if web.Me(c) == nil {
		// A scan by someone not signed in: the code would expire on the sign-in page, so a
		// valid one is swapped for a ticket that lasts while they sign in. Only a scanned code
		// earns a ticket; a ticket brought back goes on as it is, so that it lives TicketLife
		// from the scan and a shared photo of one cannot be renewed all session long.
		code := c.Params("code")
		next := ""
		switch {
		case h.svc.ValidCode(sid, code, now):
			next = checkinPath(sid, h.svc.Ticket(sid, now))
		case h.svc.ValidScan(sid, code, now):
			next = checkinPath(sid, code)
		default:
			var f web.Fields
			f.Add("code", "attendance.checkin.code")
			return h.renderScan(c, scan{}, f.Err())
		}
		return web.Redirect(c, "/login?next="+url.QueryEscape(next))
	}
	v, err := h.scanOf(c.UserContext(), web.Me(c), sid, c.Params("code"), now)
	return h.renderScan(c, v, err)
}

// checkin confirms the signed-in person's presence and shows the page again: confirmed, or
// why not.
func (h *Handlers) checkin(c *fiber.Ctx) error {
	sid, err := sessionID(c)
	if err != nil {
		return err
	}
	code := c.Params("code")
	if _, err := h.svc.Checkin(c.UserContext(), web.Me(c), sid, code, h.clock()); err != nil {
		if _, _, ok := web.FormFailure(c, err); !ok {
			return err
		}
		v, verr := h.scanOf(c.UserContext(), web.Me(c), sid, code, h.clock())
		if verr != nil {
			if _, _, ok := web.FormFailure(c, verr); !ok {
				return verr
			}
		} else if v.Done {
			// Pressed twice, the second time after the code moved on: they are in all the same.
			return web.Redirect(c, checkinPath(sid, code))
		}
		return h.renderScan(c, v, err)
	}
	return web.Redirect(c, checkinPath(sid, code))
}

// renderScan shows the scan page, with the refusal's message and status when there is one.
func (h *Handlers) renderScan(c *fiber.Ctx, v scan, err error) error {
	var msgs []string
	status := fiber.StatusOK
	if err != nil {
		var ok bool
		if msgs, status, ok = web.FormFailure(c, err); !ok {
			return err
		}
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c.Status(status), "attendance/checkin_scan", fiber.Map{
		"Title": web.LocalizerOf(c).T("checkin_scan.title"), "Scan": v, "Errors": msgs,
	})
}
