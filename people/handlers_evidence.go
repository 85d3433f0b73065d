package people

import (
	"strconv"

	"github.com/gofiber/fiber/v2"

	"mentorlms/web"
)

// evidenceRoutes lists the evidence page and its forms: record checks by an admin or the
// coordinator of the person's region, pledges and self-identification by an admin only.
func (h *Handlers) evidenceRoutes(r fiber.Router, staff, admin fiber.Handler) {
	r.Get("/people/:id/evidence", staff, h.evidence)
	r.Post("/people/:id/evidence/record-check", staff, h.addRecordCheck)
	r.Post("/people/:id/evidence/pledge", admin, h.addPledge)
	r.Post("/people/:id/evidence/identification", admin, h.setIdentification)
}

// evidenceForms holds what was typed into the forms of the evidence page and the messages
// per field of the one that failed.
type evidenceForms struct {
	IssuedOn, Clean, VerifiedOn string
	PledgeSignedOn              string
	Roma, ConsentOn             string
	Consent                     bool
	WithdrawnOn                 string
	Errors                      map[string]string
}

func (h *Handlers) evidence(c *fiber.Ctx) error {
	today := h.today()
	return h.renderEvidence(c, evidenceForms{VerifiedOn: today, ConsentOn: today, WithdrawnOn: today}, fiber.StatusOK)
}

func (h *Handlers) today() string { return h.clock().In(web.Prague).Format(web.DateLayout) }

// renderEvidence shows the page. Loading it through the service logs the view; an admin also
// sees (and so logs viewing) the self-identification, which a coordinator never does.
func (h *Handlers) renderEvidence(c *fiber.Ctx, fm evidenceForms, status int) error {
	p, err := h.person(c)
	if err != nil {
		return err
	}
	me := web.Me(c)
	ev, err := h.svc.Evidence(c.UserContext(), me, p.ID, h.clock())
	if err != nil {
		return err
	}
	data := fiber.Map{
		"Title": web.LocalizerOf(c).T("evidence.title", "Name", p.FullName()), "Person": p, "Evidence": ev,
		"Form": fm, "IsAdmin": me.Has(web.RoleAdmin), "Today": h.today(),
	}
	if me.Has(web.RoleAdmin) {
		ids, err := h.svc.Identification(c.UserContext(), me, p.ID, h.clock())
		if err != nil {
			return err
		}
		data["Identification"] = ids
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return web.Render(c.Status(status), "people/evidence", data)
}

// afterEvidence redirects on success and re-renders the page with messages on invalid input.
func (h *Handlers) afterEvidence(c *fiber.Ctx, fm evidenceForms, err error) error {
	if errs, ok := web.FormErrors(c, err); ok {
		fm.Errors = errs
		return h.renderEvidence(c, fm, fiber.StatusUnprocessableEntity)
	}
	if err != nil {
		return err
	}
	id, _ := pathID(c)
	return web.Redirect(c, "/people/"+strconv.FormatInt(id, 10)+"/evidence")
}

func (h *Handlers) addRecordCheck(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	fm := evidenceForms{IssuedOn: c.FormValue("issued_on"), Clean: c.FormValue("clean"),
		VerifiedOn: c.FormValue("verified_on"), ConsentOn: h.today(), WithdrawnOn: h.today()}
	var in EvidenceInput
	in.RecordCheck = &RecordCheckInput{IssuedOn: fm.IssuedOn, VerifiedOn: fm.VerifiedOn, Clean: formBool(fm.Clean)}
	_, err = h.svc.SetEvidence(c.UserContext(), web.Me(c), id, in, h.clock())
	return h.afterEvidence(c, fm, err)
}

func (h *Handlers) addPledge(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	fm := evidenceForms{PledgeSignedOn: c.FormValue("pledge_signed_on"), VerifiedOn: h.today(),
		ConsentOn: h.today(), WithdrawnOn: h.today()}
	if fm.PledgeSignedOn == "" {
		// The service would call an empty input "no evidence at all"; on this form only the date is missing.
		var f web.Fields
		f.Add("pledge_signed_on", "evidence.pledge.required")
		return h.afterEvidence(c, fm, f.Err())
	}
	_, err = h.svc.SetEvidence(c.UserContext(), web.Me(c), id, EvidenceInput{PledgeSignedOn: fm.PledgeSignedOn}, h.clock())
	return h.afterEvidence(c, fm, err)
}

func (h *Handlers) setIdentification(c *fiber.Ctx) error {
	id, err := pathID(c)
	if err != nil {
		return err
	}
	fm := evidenceForms{Roma: c.FormValue("roma"), Consent: c.FormValue("consent") == "1",
		ConsentOn: c.FormValue("consent_on"), WithdrawnOn: c.FormValue("withdrawn_on"), VerifiedOn: h.today()}
	in := IdentificationInput{Roma: formBool(fm.Roma), Consent: fm.Consent, ConsentOn: fm.ConsentOn}
	if c.FormValue("action") == "withdraw" {
		if !web.Confirmed(c) {
			return h.confirmWithdrawConsent(c, fm.WithdrawnOn)
		}
		in = IdentificationInput{Withdraw: true, WithdrawnOn: fm.WithdrawnOn}
	}
	_, err = h.svc.SetIdentification(c.UserContext(), web.Me(c), id, in, h.clock())
	return h.afterEvidence(c, fm, err)
}

// confirmWithdrawConsent asks before a withdrawal of consent erases what the person stated, in
// every entry, for good. A date the service refuses comes back on the evidence page as typed.
func (h *Handlers) confirmWithdrawConsent(c *fiber.Ctx, withdrawnOn string) error {
	p, err := h.person(c)
	if err != nil {
		return err
	}
	ids, err := h.svc.Identification(c.UserContext(), web.Me(c), p.ID, h.clock())
	if err != nil {
		return err
	}
	l, back := web.LocalizerOf(c), "/people/"+strconv.FormatInt(p.ID, 10)+"/evidence"
	cf := web.Confirm{Title: l.T("confirm_withdraw_consent.title", "Name", p.FullName()),
		Lead: l.T("identification.title"), Action: back + "/identification", Back: back, Submit: l.T("identification.withdraw"),
		Effects: []string{l.T("confirm_withdraw_consent.effect")}, Warning: l.T("confirm_withdraw_consent.warning"),
		Hidden: map[string]string{"action": "withdraw", "withdrawn_on": withdrawnOn}}
	if ids.Current == nil {
		cf.Blocked = l.T("identification.withdraw.nothing")
	}
	return web.RenderConfirm(c, fiber.StatusOK, cf)
}

// formBool reads a yes/no radio: "1" yes, "0" no, anything else unanswered.
func formBool(v string) *bool {
	switch v {
	case "1":
		t := true
		return &t
	case "0":
		f := false
		return &f
	}
	return nil
}
