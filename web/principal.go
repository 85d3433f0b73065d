package web

import (
	"slices"

	"github.com/gofiber/fiber/v2"
)

// Role is what a person may do; a person may hold several.
type Role string

// The roles of the program.
const (
	RoleAdmin       Role = "admin"
	RoleCoordinator Role = "coordinator"
	RoleLecturer    Role = "lecturer"
	RoleTrainee     Role = "trainee"
)

// Roles lists every role in the order they are shown.
var Roles = []Role{RoleAdmin, RoleCoordinator, RoleLecturer, RoleTrainee}

// Valid reports whether r is a known role.
func (r Role) Valid() bool { return slices.Contains(Roles, r) }

// Principal is the signed-in person as the HTTP layer needs to know them.
type Principal struct {
	ID     int64
	Name   string
	Email  string
	Roles  []Role
	Region string // the region a coordinator runs (and everyone's own region)
	Lang   string // saved language preference, "" when none
	// SessionKey is the hash of the browser session, empty for API tokens; it binds CSRF tokens.
	SessionKey string
	// Pending, when set, is the page the person must finish before anything else (enrolling
	// a second factor the installation requires of them); every other page leads there.
	Pending string
}

// Has reports whether the principal holds any of the roles.
func (p *Principal) Has(roles ...Role) bool {
	if p == nil {
		return false
	}
	for _, r := range roles {
		if slices.Contains(p.Roles, r) {
			return true
		}
	}
	return false
}

// Is is Has for templates, which pass roles as strings.
func (p *Principal) Is(role string) bool { return p.Has(Role(role)) }

// CoordinatesRegion reports whether the principal is a coordinator of region.
func (p *Principal) CoordinatesRegion(region string) bool {
	return p.Has(RoleCoordinator) && p.Region != "" && p.Region == region
}

const principalKey = "web.principal"

// Me returns the signed-in principal, or nil for a visitor.
func Me(c *fiber.Ctx) *Principal {
	p, _ := c.Locals(principalKey).(*Principal)
	return p
}

// Require lets the request through only for a signed-in principal holding one of roles (any
// signed-in principal when none are given).
func Require(roles ...Role) fiber.Handler {
	return func(c *fiber.Ctx) error {
		p := Me(c)
		if p == nil {
			return Unauthorized()
		}
		if len(roles) > 0 && !p.Has(roles...) {
			return Forbidden()
		}
		return c.Next()
	}
}

// Decides reports whether the principal acts as staff on a person's criminal-record evidence,
// eligibility and enrolments (applying for them, approving, rejecting, withdrawing): an admin
// on anyone else, a coordinator on the trainees of their own region who hold no staff role
// (staff). Nobody decides about themself, so that nobody verifies their own record or approves
// their own application: a coordinator's, a lecturer's or an admin's own is another admin's to
// decide. This is the one check every such action goes through.
func (p *Principal) Decides(personID int64, region string, staff bool) bool {
	if p == nil || p.ID == personID {
		return false
	}
	if p.Has(RoleAdmin) {
		return true
	}
	return p.CoordinatesRegion(region) && !staff
}
