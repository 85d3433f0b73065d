package people

import (
	"context"
	"strings"
	"time"

	"github.com/jmoiron/sqlx"

	"mentorlms/audit"
	"mentorlms/db"
	"mentorlms/web"
)

// Service holds the use cases of people: each checks who may do it, validates, writes in one
// transaction and records the change in the audit log.
type Service struct {
	db    *db.DB
	store *Store
	// Depart is what the domains above this one do, in the same transaction, when a person is
	// deactivated (their applications in runs not yet begun are withdrawn); cmd plugs it in.
	Depart func(ctx context.Context, tx *sqlx.Tx, actor *web.Principal, personID int64, now time.Time) error
	// RequireSecondFactor makes a second factor required of admins and coordinators: without
	// one they are led to enrol right after signing in, and can do nothing else until they do.
	RequireSecondFactor bool
}

// NewService returns the people service over d.
func NewService(d *db.DB) *Service { return &Service{db: d, store: NewStore(d)} }

// Store gives read access for pages and other packages.
func (s *Service) Store() *Store { return s.store }

func normalizeEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

func (s *Service) record(ctx context.Context, q db.Querier, now time.Time, actor int64, action string, id int64, before, after any) error {
	return audit.Record(ctx, q, now, audit.Change{ActorID: actor, Action: action, Entity: "person",
		EntityID: id, Before: before, After: after})
}

// canManage reports whether actor may create or see a person of region with roles: admins
// anyone; a coordinator only trainees of their own region, so that nobody can hand out a
// role above their own.
func canManage(actor *web.Principal, region string, roles []web.Role) bool {
	if actor.Has(web.RoleAdmin) {
		return true
	}
	if !actor.CoordinatesRegion(region) {
		return false
	}
	for _, r := range roles {
		if r != web.RoleTrainee {
			return false
		}
	}
	return true
}

// CanSee reports whether actor may see the person: admins anyone, coordinators the trainees
// (mentors) of their region who hold no staff role, everyone themselves.
func CanSee(actor *web.Principal, p Person) bool {
	return actor.ID == p.ID || p.DecidedBy(actor)
}

func toRoles(rs []string) []web.Role {
	out := make([]web.Role, len(rs))
	for i, r := range rs {
		out[i] = web.Role(r)
	}
	return out
}

// check validates in against the database too: the region and centre exist, the centre lies
// in the region and the e-mail is not someone else's. It returns the centre's id.
func (s *Service) check(ctx context.Context, q db.Querier, self int64, in Input, now time.Time) (*int64, error) {
	f := in.Validate(now.In(web.Prague))
	if in.Region != "" {
		if ok, err := s.store.regionExists(ctx, q, in.Region); err != nil {
			return nil, err
		} else if !ok {
			// The valid codes are named, since the command line and the API offer no list.
			codes, err := s.store.regionCodes(ctx, q)
			if err != nil {
				return nil, err
			}
			f.Add("region", "person.region.unknown_codes", "Region", in.Region, "Codes", strings.Join(codes, ", "))
		}
	}
	var centreID *int64
	if in.PMSCentre != "" {
		c, ok, err := s.store.centreByName(ctx, q, in.PMSCentre)
		switch {
		case err != nil:
			return nil, err
		case !ok:
			f.Add("pms_centre", "person.centre.unknown")
		case c.Region != in.Region:
			f.Add("pms_centre", "person.centre.other_region")
		default:
			centreID = &c.ID
		}
	}
	if in.Email != "" {
		if other, err := s.store.ByEmail(ctx, q, in.Email); err == nil && other.ID != self {
			f.Add("email", "person.email.taken")
		} else if err != nil && err != ErrNotFound {
			return nil, err
		}
	}
	return centreID, f.Err()
}

// Create adds a person on behalf of actor (nil for the command line, which may do anything).
func (s *Service) Create(ctx context.Context, actor *web.Principal, in Input, now time.Time) (Person, error) {
	in.Normalize()
	defaultRegion(actor, &in)
	// Only an admin may give a first password (an installation without e-mail needs one); the
	// people a coordinator adds set theirs through the invitation, so that nobody else knows it.
	if actor != nil && !actor.Has(web.RoleAdmin) && in.Password != "" {
		var f web.Fields
		f.Add("password", "person.password.by_invitation")
		return Person{}, f.Err()
	}
	var id int64
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		// Wrong input is named first (422), so that a form keeps what was typed; only then is
		// the change itself judged.
		centreID, err := s.check(ctx, tx, 0, in, now)
		if err != nil {
			return err
		}
		if actor != nil && !canManage(actor, in.Region, toRoles(in.Roles)) {
			return web.Forbidden()
		}
		id, err = s.insert(ctx, tx, actor, in, centreID, now)
		return err
	})
	if err != nil {
		return Person{}, err
	}
	return s.store.Get(ctx, s.db.R, id)
}

// insert stores a person that check has passed and records the creation in the audit log.
func (s *Service) insert(ctx context.Context, tx *sqlx.Tx, actor *web.Principal, in Input, centreID *int64, now time.Time) (int64, error) {
	hash := in.hash
	if hash == "" && in.Password != "" {
		hash = HashPassword(in.Password)
	}
	id, err := s.store.insert(ctx, tx, in, centreID, hash, now)
	if err != nil {
		return 0, err
	}
	p, err := s.store.Get(ctx, tx, id)
	if err != nil {
		return 0, err
	}
	// Someone created without a password sets their own through a link that comes by e-mail,
	// so that nobody else ever knows it.
	if hash == "" {
		if err := newPasswordLink(ctx, tx, p, "invite", "", now); err != nil {
			return 0, err
		}
	}
	return id, s.record(ctx, tx, now, actorID(actor), "person.create", id, nil, p)
}

// defaultRegion puts a person a coordinator adds without a region into the region they run.
func defaultRegion(actor *web.Principal, in *Input) {
	if in.Region == "" && actor != nil && !actor.Has(web.RoleAdmin) {
		in.Region = actor.Region
	}
}

// Update changes a person; only admins may.
func (s *Service) Update(ctx context.Context, actor *web.Principal, id int64, in Input, now time.Time) (Person, error) {
	in.Normalize()
	if !actor.Has(web.RoleAdmin) {
		return Person{}, web.Forbidden()
	}
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		before, err := s.store.Get(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Erased {
			return web.Conflict("person.erased")
		}
		// An admin removing their own admin role could leave nobody to manage the system.
		if id == actor.ID && before.Has(web.RoleAdmin) && !contains(in.Roles, string(web.RoleAdmin)) {
			var f web.Fields
			f.Add("roles", "person.self_admin")
			return f.Err()
		}
		centreID, err := s.check(ctx, tx, id, in, now)
		if err != nil {
			return err
		}
		hash := ""
		if in.Password != "" {
			hash = HashPassword(in.Password)
		}
		if err := s.store.update(ctx, tx, id, in, centreID, hash, now); err != nil {
			return err
		}
		after, err := s.store.Get(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := s.record(ctx, tx, now, actor.ID, "person.update", id, before, after); err != nil {
			return err
		}
		if hash == "" {
			return nil
		}
		// A password set by an admin ends the person's sessions (all but the admin's own).
		if _, err := tx.ExecContext(ctx, `DELETE FROM auth_sessions WHERE person_id = ? AND token_hash <> ?`,
			id, actor.SessionKey); err != nil {
			return err
		}
		return s.record(ctx, tx, now, actor.ID, "person.password", id, nil, nil)
	})
	if err != nil {
		return Person{}, err
	}
	return s.store.Get(ctx, s.db.R, id)
}

// SetActive activates or deactivates a person; deactivating ends their sessions at once and
// frees the seats they held in runs not yet begun (Depart).
// Admins may not deactivate themselves.
func (s *Service) SetActive(ctx context.Context, actor *web.Principal, id int64, active bool, now time.Time) (Person, error) {
	if !actor.Has(web.RoleAdmin) {
		return Person{}, web.Forbidden()
	}
	if id == actor.ID && !active {
		return Person{}, web.Conflict("person.self_deactivate")
	}
	err := s.db.Tx(ctx, func(tx *sqlx.Tx) error {
		before, err := s.store.Get(ctx, tx, id)
		if err != nil {
			return err
		}
		if before.Active == active {
			return nil
		}
		if before.Erased {
			return web.Conflict("person.erased")
		}
		if err := s.store.setActive(ctx, tx, id, active, now); err != nil {
			return err
		}
		if !active && s.Depart != nil {
			if err := s.Depart(ctx, tx, actor, id, now); err != nil {
				return err
			}
		}
		after, err := s.store.Get(ctx, tx, id)
		if err != nil {
			return err
		}
		action := "person.deactivate"
		if active {
			action = "person.activate"
		}
		return s.record(ctx, tx, now, actor.ID, action, id, before, after)
	})
	if err != nil {
		return Person{}, err
	}
	return s.store.Get(ctx, s.db.R, id)
}

// Get returns a person that actor may see.
func (s *Service) Get(ctx context.Context, actor *web.Principal, id int64) (Person, error) {
	p, err := s.store.Get(ctx, s.db.R, id)
	if err != nil {
		return p, err
	}
	if !CanSee(actor, p) {
		// Admins and coordinators learn that the person exists but is not theirs; anyone else
		// learns nothing.
		if actor.Has(web.RoleCoordinator) {
			return Person{}, web.Forbidden()
		}
		return Person{}, ErrNotFound
	}
	return p, nil
}

// List returns the people actor may see that match f: a coordinator sees their region only.
func (s *Service) List(ctx context.Context, actor *web.Principal, f Filter) ([]Person, int, error) {
	// A filter that does not parse is refused rather than dropped, which would list more
	// than was asked for. A region's code is read in any case, as the runs' filter reads it.
	f.Region = strings.ToUpper(strings.TrimSpace(f.Region))
	switch {
	case f.Active != "" && f.Active != "yes" && f.Active != "no":
		return nil, 0, web.BadRequest("error.query.active")
	case f.Role != "" && !web.Role(f.Role).Valid():
		return nil, 0, web.BadRequest("error.query.role")
	}
	switch {
	case actor.Has(web.RoleAdmin):
		if err := s.store.RegionFilter(ctx, f.Region); err != nil {
			return nil, 0, err
		}
	case actor.Has(web.RoleCoordinator):
		// A coordinator sees the mentors of their own region; asking for more is refused
		// rather than silently narrowed.
		if (f.Region != "" && f.Region != actor.Region) || (f.Role != "" && f.Role != string(web.RoleTrainee)) {
			return nil, 0, web.Forbidden()
		}
		f.Region, f.Role, f.TraineesOnly = actor.Region, string(web.RoleTrainee), true
	default:
		return nil, 0, web.Forbidden()
	}
	return s.store.List(ctx, f)
}

// SetLang saves the language a signed-in person chose.
func (s *Service) SetLang(ctx context.Context, id int64, lang string) error {
	return s.store.setLang(ctx, id, lang)
}

func actorID(p *web.Principal) int64 {
	if p == nil {
		return 0
	}
	return p.ID
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
