package people

import (
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"mentorlms/web"
)

// Person is someone who uses the product, in one or more roles.
type Person struct {
	ID           int64  `db:"id" json:"id"`
	Email        string `db:"email" json:"email"`
	Name         string `db:"name" json:"name"`
	TitlesBefore string `db:"titles_before" json:"titles_before"`
	TitlesAfter  string `db:"titles_after" json:"titles_after"`
	BirthDate    string `db:"birth_date" json:"birth_date,omitempty"` // YYYY-MM-DD or ""
	BirthPlace   string `db:"birth_place" json:"birth_place,omitempty"`
	Region       string `db:"region" json:"region,omitempty"`         // region code or ""
	PMSCentre    string `db:"pms_centre" json:"pms_centre,omitempty"` // centre name or ""
	PasswordHash string `db:"password_hash" json:"-"`
	Lang         string `db:"lang" json:"lang,omitempty"`
	Active       bool   `db:"active" json:"active"`
	// Erased is whether the person was erased: the row is anonymised and stays only for the
	// records that point to it.
	Erased    bool       `db:"erased" json:"erased,omitempty"`
	CreatedAt string     `db:"created_at" json:"created_at"`
	UpdatedAt string     `db:"updated_at" json:"updated_at"`
	Roles     []web.Role `db:"-" json:"roles"`
}

// FullName is the name with academic titles, as it stands on documents: Mgr. Eva Nová, Ph.D.
func (p Person) FullName() string {
	s := p.Name
	if p.TitlesBefore != "" {
		s = p.TitlesBefore + " " + s
	}
	if p.TitlesAfter != "" {
		s += ", " + p.TitlesAfter
	}
	return s
}

// Staff reports whether the person holds a role besides trainee; a coordinator decides only
// about people who do not (see web.Principal.Decides).
func (p Person) Staff() bool {
	return slices.ContainsFunc(p.Roles, func(r web.Role) bool { return r != web.RoleTrainee })
}

// DecidedBy reports whether actor decides about the person's evidence and enrolments.
func (p Person) DecidedBy(actor *web.Principal) bool { return actor.Decides(p.ID, p.Region, p.Staff()) }

// Has reports whether the person holds role.
func (p Person) Has(role web.Role) bool { return slices.Contains(p.Roles, role) }

// Principal is the person as the HTTP layer knows them.
func (p Person) Principal(sessionKey string) *web.Principal {
	return &web.Principal{ID: p.ID, Name: p.Name, Email: p.Email, Roles: p.Roles, Region: p.Region,
		Lang: p.Lang, SessionKey: sessionKey}
}

// Password length limits, in characters.
const (
	MinPassword = 10
	MaxPassword = 128
)

// Input is what a form, the API or the command line gives to create or change a person.
type Input struct {
	Name         string   `json:"name"`
	Email        string   `json:"email"`
	TitlesBefore string   `json:"titles_before"`
	TitlesAfter  string   `json:"titles_after"`
	BirthDate    string   `json:"birth_date"`
	BirthPlace   string   `json:"birth_place"`
	Region       string   `json:"region"`
	PMSCentre    string   `json:"pms_centre"`
	Roles        []string `json:"roles"`
	// Password is optional: empty keeps the current one (a new person without one cannot sign
	// in until an admin sets it).
	Password string `json:"password"`
	// hash, when set, is the argon2id hash of Password already made: the demo makes it once
	// for all its people, who share a published password.
	hash string
}

// Normalize trims the input and lower-cases the e-mail, so that the same address typed twice
// is recognised as the same.
func (in *Input) Normalize() {
	in.Name = strings.Join(strings.Fields(in.Name), " ")
	in.Email = strings.ToLower(strings.TrimSpace(in.Email))
	in.TitlesBefore = strings.TrimSpace(in.TitlesBefore)
	in.TitlesAfter = strings.TrimSpace(in.TitlesAfter)
	in.BirthDate = strings.TrimSpace(in.BirthDate)
	in.BirthPlace = strings.Join(strings.Fields(in.BirthPlace), " ")
	in.Region = strings.ToUpper(strings.TrimSpace(in.Region))
	in.PMSCentre = strings.TrimSpace(in.PMSCentre)
	var roles []string
	for _, r := range in.Roles {
		r = strings.ToLower(strings.TrimSpace(r))
		if r != "" && !slices.Contains(roles, r) {
			roles = append(roles, r)
		}
	}
	in.Roles = roles
}

// Validate checks what can be checked without the database; today is the date in Prague.
func (in Input) Validate(today time.Time) web.Fields {
	var f web.Fields
	for field, v := range map[string]string{"name": in.Name, "titles_before": in.TitlesBefore,
		"titles_after": in.TitlesAfter, "pms_centre": in.PMSCentre} {
		if !web.CleanText(v) {
			f.Add(field, "person.text.invalid")
		}
	}
	switch n := utf8.RuneCountInString(in.Name); {
	case n == 0:
		f.Add("name", "person.name.required")
	case n > 200:
		f.Add("name", "person.name.too_long")
	}
	if in.Email == "" {
		f.Add("email", "person.email.required")
	} else if a, err := mail.ParseAddress(in.Email); err != nil || a.Address != in.Email || !domainHasDot(in.Email) {
		f.Add("email", "person.email.invalid")
	}
	if utf8.RuneCountInString(in.TitlesBefore) > 50 {
		f.Add("titles_before", "person.titles.too_long")
	}
	if utf8.RuneCountInString(in.TitlesAfter) > 50 {
		f.Add("titles_after", "person.titles.too_long")
	}
	if in.BirthDate != "" {
		_, key := web.ParseDate(in.BirthDate)
		switch {
		case key == "error.date.range":
			f.Add("birth_date", key) // a date, but not one anybody alive was born on
		case key != "":
			f.Add("birth_date", "person.birth_date.invalid")
		case in.BirthDate > today.In(web.Prague).Format(web.DateLayout): // calendar dates, not instants
			f.Add("birth_date", "person.birth_date.future")
		}
	}
	if len(in.Roles) == 0 {
		f.Add("roles", "person.roles.required")
	}
	// A trainee's age decides eligibility and their birth date stands on certificates.
	if utf8.RuneCountInString(in.BirthPlace) > 100 || !web.CleanText(in.BirthPlace) {
		f.Add("birth_place", "person.birth_place.invalid")
	}
	if slices.Contains(in.Roles, string(web.RoleTrainee)) && in.BirthDate == "" {
		f.Add("birth_date", "person.birth_date.required")
	}
	needsRegion := false
	for _, r := range in.Roles {
		if !web.Role(r).Valid() {
			f.Add("roles", "person.roles.unknown", "Role", r)
		}
		// A coordinator runs a region and a trainee is a mentor of one; staff need not belong.
		needsRegion = needsRegion || r == string(web.RoleCoordinator) || r == string(web.RoleTrainee)
	}
	if needsRegion && in.Region == "" {
		f.Add("region", "person.region.required")
	}
	if in.Password != "" {
		passwordProblem(&f, in.Password)
	}
	return f
}

// CheckPassword reports what is wrong with a new password, if anything.
func CheckPassword(pw string) web.Fields {
	var f web.Fields
	passwordProblem(&f, pw)
	return f
}

func passwordProblem(f *web.Fields, pw string) {
	switch n := utf8.RuneCountInString(pw); {
	case n < MinPassword:
		f.Add("password", "person.password.too_short", "Min", MinPassword)
	case n > MaxPassword:
		f.Add("password", "person.password.too_long", "Max", MaxPassword)
	case !utf8.ValidString(pw) || strings.ContainsFunc(pw, unicode.IsControl):
		// Nobody can type it again at a keyboard; it came from a script or a stray paste.
		f.Add("password", "person.password.control")
	case Common(pw):
		f.Add("password", "person.password.common")
	}
}

// domainHasDot refuses addresses such as jan@localhost that mail.ParseAddress accepts but no
// one can deliver to from outside.
func domainHasDot(email string) bool {
	at := strings.LastIndexByte(email, '@')
	d := email[at+1:]
	return at > 0 && strings.Contains(d, ".") && !strings.HasPrefix(d, ".") && !strings.HasSuffix(d, ".")
}
