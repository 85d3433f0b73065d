package web

import (
	"net/url"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// ReplayPrefix marks the fields of a refused form that the sign-in form carries on, so that
// nothing typed or marked is lost when a session lapses: "replay.status.12" carries the
// refused form's "status.12".
const ReplayPrefix = "replay."

// ReplayTo names the field that carries where the refused form was going.
const ReplayTo = "replay_to"

// replayField is one field of a refused form.
type replayField struct{ Name, Value string }

// replayable reports whether a refused page form may be offered again: a form post of this
// site's own pages. A post from another site is refused plainly, so that the page offering
// it again can never be a way around the CSRF check.
func replayable(c *fiber.Ctx) bool {
	if c.Method() != fiber.MethodPost || isAPI(c) {
		return false
	}
	ct := string(c.Request().Header.ContentType())
	if !strings.HasPrefix(ct, fiber.MIMEApplicationForm) && !strings.HasPrefix(ct, fiber.MIMEMultipartForm) {
		return false
	}
	switch c.Get("Sec-Fetch-Site") {
	case "same-origin":
	case "":
		// A browser too old to say where a request comes from: its Origin or, failing that, its
		// Referer must name this site.
		from := c.Get(fiber.HeaderOrigin)
		if from == "" {
			from = c.Get(fiber.HeaderReferer)
		}
		if from == "" {
			return false
		}
	default:
		return false
	}
	for _, h := range []string{fiber.HeaderOrigin, fiber.HeaderReferer} {
		if v := c.Get(h); v != "" {
			if u, err := url.Parse(v); err != nil || u.Host != c.Hostname() {
				return false
			}
		}
	}
	return true
}

// offerReplay decides whether a form refused by the CSRF check comes back filled in: it was
// posted by one of this site's pages (replayable), and either the person is signed in (an old
// token) or their session lapsed (the request still carried a session cookie, which
// authenticate found dead). A visitor who never signed in gets the plain refusal, and so does
// the sign-in form itself.
func (a *App) offerReplay(c *fiber.Ctx) bool {
	if !replayable(c) || c.Path() == "/login" {
		return false
	}
	return Me(c) != nil || SessionToken(c) != ""
}

// refusedFields lists the fields a refused form sent, without its CSRF token.
func refusedFields(c *fiber.Ctx) []replayField {
	var out []replayField
	c.Request().PostArgs().VisitAll(func(k, v []byte) {
		if name := string(k); name != CSRFField {
			out = append(out, replayField{name, string(v)})
		}
	})
	if mf, err := c.MultipartForm(); err == nil && mf != nil {
		for name, vs := range mf.Value {
			for _, v := range vs {
				if name != CSRFField {
					out = append(out, replayField{name, v})
				}
			}
		}
	}
	return out
}

// renderReplay shows a form refused for a lapsed session or an expired token again, filled in
// with what was sent. Signed in, it offers to send it again with a fresh token; signed out,
// it asks to sign in first and carries the fields through the sign-in form.
func (a *App) renderReplay(c *fiber.Ctx, fields []replayField, action string) error {
	action = SafeNext(action, "/") // a path like //evil.example must not become a form's target
	signedIn := Me(c) != nil
	status := fiber.StatusForbidden
	if !signedIn {
		status = fiber.StatusUnauthorized
	}
	return a.showReplay(c, status, fields, action)
}

func (a *App) showReplay(c *fiber.Ctx, status int, fields []replayField, action string) error {
	signedIn := Me(c) != nil
	l := a.Localizer(c)
	key := "replay.title.expired"
	if !signedIn {
		key = "replay.title.signin"
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	problem, _ := c.Locals(replayProblem).(string)
	return Render(c.Status(status), "web/replay", fiber.Map{"Title": l.T(key), "SignedIn": signedIn, "Error": problem,
		"Fields": fields, "Action": action, "Count": len(fields), "Prefix": ReplayPrefix, "To": ReplayTo})
}

// Replayed reads the fields that a sign-in form carried on from a refused form, and where that
// form was going; ok is false when the sign-in carried none.
func Replayed(c *fiber.Ctx) (fields []replayField, action string, ok bool) {
	action = SafeNext(c.FormValue(ReplayTo), "")
	if action == "" {
		return nil, "", false
	}
	c.Request().PostArgs().VisitAll(func(k, v []byte) {
		if name, found := strings.CutPrefix(string(k), ReplayPrefix); found {
			fields = append(fields, replayField{name, string(v)})
		}
	})
	return fields, action, true
}

// RenderReplayed shows, right after sign-in, the refused form ready to be sent again: p is the
// person just signed in, whose new session the fresh CSRF token is bound to.
func RenderReplayed(c *fiber.Ctx, p *Principal, fields []replayField, action string) error {
	a := appOf(c)
	c.Locals(principalKey, p)
	c.Locals(csrfKey, a.sign("s:"+p.SessionKey))
	return a.showReplay(c, fiber.StatusOK, fields, action)
}

// RenderReplayAgain shows the sign-in that carries a refused form once more, after a failed
// attempt, with the message why.
func RenderReplayAgain(c *fiber.Ctx, fields []replayField, action, problem string) error {
	a := appOf(c)
	c.Locals(replayProblem, problem)
	return a.showReplay(c, fiber.StatusUnauthorized, fields, action)
}

const replayProblem = "web.replay.problem"
