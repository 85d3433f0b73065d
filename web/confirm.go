package web

import (
	"maps"
	"slices"
	"strings"

	"github.com/gofiber/fiber/v2"
)

// ConfirmField is the form field that confirms an irreversible action.
const ConfirmField = "confirm"

// Confirmed reports whether a form post carries the confirmation that only its confirmation
// page sends. Without it, the action's handler shows that page instead of acting.
func Confirmed(c *fiber.Ctx) bool { return c.FormValue(ConfirmField) == "yes" }

// Confirm is the page that asks before an irreversible action (withdraw, reject, finish or
// cancel a run, cancel a session, revoke, deactivate, delete, issue a certificate or a
// duplicate, withdraw a consent, replace a calendar address). It says what will
// happen in numbers, carries on what was typed, and works without JavaScript: the page is a
// plain form that posts the action again with the confirmation.
type Confirm struct {
	Title string
	// Lead names what the action is about ("Řešení finanční situace… 14. 4. 2026").
	Lead string
	// Effects say what will happen, one line each, with numbers and names.
	Effects []string
	// Warning is what cannot be undone, said once and plainly.
	Warning string
	// Action is where the confirming form posts; Submit the words of its button; Back where
	// leaving it changes nothing.
	Action, Submit, Back string
	// Hidden fields are carried on as they came; Text, when set, is a field the person fills in
	// or corrects here (a reason), with its message when it was refused.
	Hidden map[string]string
	Text   *ConfirmText
	// Blocked, when set, says why the action cannot be done as things stand; the page then
	// offers no button.
	Blocked string
}

// ConfirmText is the one text field a confirmation page may ask for.
type ConfirmText struct {
	Name, Label, Hint, Value, Error string
	Required                        bool
}

// RenderConfirm shows the confirmation page with status (200 when asking, 422 when what was
// typed on it was refused, 409 when the action is blocked).
func RenderConfirm(c *fiber.Ctx, status int, cf Confirm) error {
	if cf.Blocked != "" && status < 400 {
		status = fiber.StatusConflict
	}
	c.Set(fiber.HeaderCacheControl, "no-store")
	return Render(c.Status(status), "web/confirm", fiber.Map{"Title": cf.Title, "Confirm": cf})
}

// Joined is the messages of a refused form in one line, in the order of their fields, for a
// page that shows them together (a confirmation page has one field at most).
func Joined(errs map[string]string) string {
	var out []string
	for _, k := range slices.Sorted(maps.Keys(errs)) {
		out = append(out, errs[k])
	}
	return strings.Join(out, " ")
}
