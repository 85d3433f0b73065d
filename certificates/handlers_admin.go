package certificates

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"mentorlms/courses"
	"mentorlms/enrollment"
	"mentorlms/web"
)

// adminRoutes lists a certificate's page with its forms, and issuing from a run's completion
// table. The issue forms post to certificates' routes because enrollment, which draws the
// table, may not import certificates.
func (h *Handlers) adminRoutes(r fiber.Router, admin fiber.Handler) {
	r.Get("/certificates/:certificate", admin, h.show)
	r.Post("/certificates/:certificate/revoke", admin, h.revoke)
	r.Post("/certificates/:certificate/duplicate", admin, h.duplicate)
	r.Post("/enrollments/:enrollment/certificate", admin, h.issue)
	r.Post("/runs/:run/certificates", admin, h.issueRun)
	h.confirmRoutes(r, admin)
}

// maxNamed is how many passed-over people the message after issuing a run names one by one.
const maxNamed = 10

// completionPath is the run's completion table, where issuing starts and ends.
func completionPath(run int64) string { return "/runs/" + strconv.FormatInt(run, 10) + "/completion" }

// issue issues the certificate of one enrolment, once confirmed: an issued certificate takes
// a number of the register for good. Only the enrolment in the path counts: a form cannot name
// a run, so a forged one cannot issue for anyone else. A refusal (not complete, already
// issued, record not clean) is said on the confirmation page, which then offers no button.
func (h *Handlers) issue(c *fiber.Ctx) error {
	id, err := web.PathID(c, "enrollment", enrollment.ErrNotFound)
	if err != nil {
		return err
	}
	if !web.Confirmed(c) {
		return h.confirmIssue(c, id)
	}
	cert, err := h.svc.Issue(c.UserContext(), web.Me(c), id, h.clock())
	if err != nil {
		return err
	}
	l, path := web.LocalizerOf(c), completionPath(cert.RunID)
	web.SetFlash(c, path, web.Flash{Notice: l.T("cert_issue.one", "Name", cert.Content.Holder.FullName(), "Number", cert.Number)})
	return web.Redirect(c, path)
}

// issueRun issues the certificates of everyone in the run who completed and has none, then
// tells how many were issued and who was passed over, and why.
func (h *Handlers) issueRun(c *fiber.Ctx) error {
	id, err := web.PathID(c, "run", courses.ErrRunNotFound)
	if err != nil {
		return err
	}
	if !web.Confirmed(c) {
		return h.confirmIssueRun(c)
	}
	certs, skipped, err := h.svc.IssueRun(c.UserContext(), web.Me(c), id, h.clock())
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	f := web.Flash{Notice: l.N("cert_issue.run", len(certs))}
	if len(certs) == 0 {
		f.Notice = l.T("cert_issue.none")
	}
	if len(skipped) > 0 {
		f.Warning = l.N("cert_issue.skipped", len(skipped))
		for i, s := range skipped {
			if i == maxNamed {
				f.Items = append(f.Items, l.N("cert_issue.more", len(skipped)-maxNamed))
				break
			}
			f.Items = append(f.Items, l.Msg(s.Reason))
		}
	}
	path := completionPath(id)
	web.SetFlash(c, path, f)
	return web.Redirect(c, path)
}

// revokeForm is what the revoke form shows after a refusal: the reason typed, a message per
// field, and a refusal of the whole action (already revoked).
type revokeForm struct {
	Reason  string
	Errors  map[string]string
	Problem string
}

// show is a certificate's page for the admin: what it says, where it stands, its files and
// the forms to revoke it or print a duplicate.
func (h *Handlers) show(c *fiber.Ctx) error {
	id, err := certificateID(c)
	if err != nil {
		return err
	}
	cert, err := h.svc.Get(c.UserContext(), web.Me(c), id, h.clock())
	if err != nil {
		return err
	}
	return h.renderShow(c, cert, revokeForm{}, fiber.StatusOK)
}

func (h *Handlers) renderShow(c *fiber.Ctx, cert Certificate, form revokeForm, status int) error {
	done := ""
	if status == fiber.StatusOK {
		switch d := c.Query("done"); d {
		case "revoked", "duplicate":
			done = d
		}
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	c.Status(status)
	return web.Render(c, "certificates/show", fiber.Map{
		"Title": web.LocalizerOf(c).T("cert_page.title", "Number", cert.Number), "C": cert, "Form": form, "Done": done,
	})
}

// refused re-renders the page after a refused form: a wrong field (422) or a state that does
// not allow the action (409), with nothing changed. Any other error is returned as it is.
func (h *Handlers) refused(c *fiber.Ctx, id int64, form revokeForm, err error) error {
	e, ok := web.AsError(err)
	if !ok || (e.Code != web.CodeInvalid && e.Code != web.CodeConflict) {
		return err
	}
	cert, gerr := h.svc.Get(c.UserContext(), web.Me(c), id, h.clock())
	if gerr != nil {
		return gerr
	}
	form.Errors, _ = web.FormErrors(c, err)
	if e.Code == web.CodeConflict {
		form.Problem = web.LocalizerOf(c).Msg(e.Msg)
	}
	return h.renderShow(c, cert, form, e.Status())
}

// revoke withdraws a certificate's validity with the reason given.
func (h *Handlers) revoke(c *fiber.Ctx) error {
	id, err := certificateID(c)
	if err != nil {
		return err
	}
	reason := c.FormValue("reason")
	if !web.Confirmed(c) {
		return h.renderRevokeConfirm(c, id, reason, "", fiber.StatusOK)
	}
	if _, err := h.svc.Revoke(c.UserContext(), web.Me(c), id, reason, h.clock()); err != nil {
		if errs, ok := web.FormErrors(c, err); ok {
			return h.renderRevokeConfirm(c, id, reason, web.Joined(errs), fiber.StatusUnprocessableEntity)
		}
		return h.refused(c, id, revokeForm{Reason: reason}, err)
	}
	return web.Redirect(c, "/certificates/"+strconv.FormatInt(id, 10)+"?done=revoked")
}

// duplicate prints a duplicate under the same number, once confirmed (a duplicate is issued for
// good); the page then offers it for download.
func (h *Handlers) duplicate(c *fiber.Ctx) error {
	id, err := certificateID(c)
	if err != nil {
		return err
	}
	if !web.Confirmed(c) {
		return h.confirmDuplicate(c, id)
	}
	if _, err := h.svc.Duplicate(c.UserContext(), web.Me(c), id, h.clock()); err != nil {
		return h.refused(c, id, revokeForm{}, err)
	}
	return web.Redirect(c, "/certificates/"+strconv.FormatInt(id, 10)+"?done=duplicate")
}
