package certificates

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"mentorlms/courses"
	"mentorlms/web"
)

// confirmRoutes are the pages of their own that ask before issuing for a whole run and before
// revoking; the POST of either without the confirmation shows the same page, as the POST of
// issuing one certificate or a duplicate does (confirmIssue, confirmDuplicate).
func (h *Handlers) confirmRoutes(r fiber.Router, admin fiber.Handler) {
	r.Get("/runs/:run/certificates", admin, h.confirmIssueRun)
	r.Get("/certificates/:certificate/revoke", admin, h.confirmRevoke)
}

// confirmIssue asks before issuing one enrolment's certificate, saying why not when it cannot be.
func (h *Handlers) confirmIssue(c *fiber.Ctx, id int64) error {
	ctx, l := c.UserContext(), web.LocalizerOf(c)
	e, err := h.svc.IssuePreview(ctx, web.Me(c), id, h.clock())
	blocked := ""
	if we, ok := web.AsError(err); ok && we.Code == web.CodeConflict {
		blocked, err = l.Msg(we.Msg), nil
	}
	if err != nil {
		return err
	}
	li, err := h.svc.courses.Listing(ctx, e.RunID)
	if err != nil {
		return err
	}
	return web.RenderConfirm(c, fiber.StatusOK, web.Confirm{Title: l.T("confirm_issue_one.title", "Name", e.PersonName),
		Lead: li.Lead(l), Action: "/enrollments/" + strconv.FormatInt(id, 10) + "/certificate",
		Back: completionPath(e.RunID), Submit: l.T("confirm_issue_one.submit"), Effects: []string{l.T("confirm_issue_one.effect")},
		Warning: l.T("confirm_issue.warning"), Blocked: blocked})
}

// confirmIssueRun says, in numbers and names, what issuing for the run will do.
func (h *Handlers) confirmIssueRun(c *fiber.Ctx) error {
	id, err := web.PathID(c, "run", courses.ErrRunNotFound)
	if err != nil {
		return err
	}
	ctx, l := c.UserContext(), web.LocalizerOf(c)
	ready, skipped, err := h.svc.IssueRunPreview(ctx, web.Me(c), id, h.clock())
	if err != nil {
		return err
	}
	li, err := h.svc.courses.Listing(ctx, id)
	if err != nil {
		return err
	}
	cf := web.Confirm{Title: l.T("confirm_issue.title"), Lead: li.Lead(l),
		Action: "/runs/" + strconv.FormatInt(id, 10) + "/certificates", Back: completionPath(id),
		Submit: l.N("confirm_issue.submit", len(ready)), Warning: l.T("confirm_issue.warning")}
	switch err := h.svc.issuable(); {
	case err != nil:
		// Say why before anyone confirms: issuing would be refused for every one of them.
		cf.Blocked = l.Msg(reasonOf(err))
	case len(ready) > 0:
		cf.Effects = append(cf.Effects, l.N("confirm_issue.ready", len(ready), "Names", joinNames(ready)))
	default:
		cf.Blocked = l.T("cert_issue.none")
	}
	for _, s := range skipped {
		cf.Effects = append(cf.Effects, l.Msg(s.Reason))
	}
	return web.RenderConfirm(c, fiber.StatusOK, cf)
}

// joinNames lists names as a sentence does, the first maxNamed of them and how many more.
func joinNames(names []string) string {
	out := ""
	for i, n := range names {
		if i == maxNamed {
			return out + " …"
		}
		if i > 0 {
			out += ", "
		}
		out += n
	}
	return out
}

// confirmRevoke asks before revoking a certificate, with the reason to give.
func (h *Handlers) confirmRevoke(c *fiber.Ctx) error {
	id, err := certificateID(c)
	if err != nil {
		return err
	}
	return h.renderRevokeConfirm(c, id, "", "", fiber.StatusOK)
}

// confirmDuplicate asks before a duplicate is made: it is a document issued for good, and the
// register says so.
func (h *Handlers) confirmDuplicate(c *fiber.Ctx, id int64) error {
	return h.renderCertConfirm(c, id, fiber.StatusOK, func(l *web.Localizer, cert Certificate, cf *web.Confirm) {
		cf.Title, cf.Submit = l.T("confirm_duplicate.title", "Number", cert.Number), l.T("cert_page.duplicate.button")
		cf.Effects, cf.Warning = []string{l.T("cert_page.duplicate.hint")}, l.T("confirm_duplicate.warning")
		cf.Action = cf.Back + "/duplicate"
	})
}

func (h *Handlers) renderRevokeConfirm(c *fiber.Ctx, id int64, reason, problem string, status int) error {
	return h.renderCertConfirm(c, id, status, func(l *web.Localizer, cert Certificate, cf *web.Confirm) {
		cf.Title, cf.Submit = l.T("confirm_revoke.title", "Number", cert.Number), l.T("cert_page.revoke.button")
		cf.Effects = []string{l.T("confirm_revoke.effect.verify"), l.T("confirm_revoke.effect.holder")}
		cf.Warning, cf.Action = l.T("confirm_revoke.warning"), cf.Back+"/revoke"
		cf.Text = &web.ConfirmText{Name: "reason", Label: l.T("cert_page.revoke.reason"), Hint: l.T("cert_page.revoke.hint"),
			Value: reason, Error: problem, Required: true}
	})
}

// renderCertConfirm asks before an action on an issued certificate, which fill describes; a
// revoked certificate takes none.
func (h *Handlers) renderCertConfirm(c *fiber.Ctx, id int64, status int, fill func(*web.Localizer, Certificate, *web.Confirm)) error {
	cert, err := h.svc.Get(c.UserContext(), web.Me(c), id, h.clock())
	if err != nil {
		return err
	}
	l := web.LocalizerOf(c)
	cf := web.Confirm{Lead: cert.Content.Holder.FullName() + " · " + cert.Content.Course, Back: "/certificates/" + strconv.FormatInt(id, 10)}
	fill(l, cert, &cf)
	if cert.RevokedOn != nil {
		cf.Blocked = l.Msg(web.M("certificate.revoked_already", "RevokedDate", *cert.RevokedOn))
	}
	return web.RenderConfirm(c, status, cf)
}
