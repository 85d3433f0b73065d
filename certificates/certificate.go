package certificates

import (
	"encoding/json"

	"mentorlms/people"
	"mentorlms/web"
)

// ErrNotFound answers a certificate that does not exist, or that the asker may not know of.
var ErrNotFound = web.NotFound("certificate.not_found")

// Issuer is who issues the certificates: the organisation as its certificates name it.
type Issuer struct {
	Name    string `json:"name"`
	Address string `json:"address"`
	ICO     string `json:"ico"`
	// Place is where certificates are issued, printed before the date ("Praha, 3. 12. 2026").
	Place string `json:"place"`
	// Signatory is the statutory representative who signs.
	Signatory string `json:"signatory"`
}

// Holder is the person a certificate is made out to.
type Holder struct {
	Name         string `json:"name"`
	TitlesBefore string `json:"titles_before,omitempty"`
	TitlesAfter  string `json:"titles_after,omitempty"`
	BirthDate    string `json:"birth_date,omitempty"`
	// BirthPlace is printed only for courses whose certificates state it.
	BirthPlace string `json:"birth_place,omitempty"`
}

// FullName is the name with its titles, as printed.
func (h Holder) FullName() string {
	return people.Person{Name: h.Name, TitlesBefore: h.TitlesBefore, TitlesAfter: h.TitlesAfter}.FullName()
}

// Content is everything a certificate says, fixed when it is issued: the PDF is drawn from it,
// and the register and verification read it, so that a later change of a name or a course
// never changes what was issued.
type Content struct {
	Issuer  Issuer `json:"issuer"`
	Number  string `json:"number"`
	Code    string `json:"code"`
	Verify  string `json:"verify_url"`
	Holder  Holder `json:"holder"`
	Course  string `json:"course"`
	Kind    string `json:"kind"` // courses.Kind
	Region  string `json:"region,omitempty"`
	AccBody string `json:"accreditation_body,omitempty"` // MŠMT, MPSV or the body's name
	AccNo   string `json:"accreditation_number,omitempty"`
	// Theory and practice hours as accredited (the course's own where there is no accreditation).
	TheoryHours   int    `json:"theory_hours"`
	PracticeHours int    `json:"practice_hours"`
	RunStartsOn   string `json:"run_starts_on"`
	RunEndsOn     string `json:"run_ends_on"`
	RunPlace      string `json:"run_place"` // "" when online
	Online        bool   `json:"online"`
	ExamOn        string `json:"exam_on,omitempty"`
	// Signer is who signs beside the statutory representative: the exam commission's chair,
	// or the run's lecturer.
	Signer      string `json:"signer"`
	SignerChair bool   `json:"signer_chair"`
	IssuedOn    string `json:"issued_on"`
	ValidUntil  string `json:"valid_until,omitempty"`
	// DuplicateOn is set on a re-print: the day the duplicate was made.
	DuplicateOn string `json:"duplicate_on,omitempty"`
	// Sample is set on the demo's certificates, which are printed with a VZOR mark and are no
	// one's qualification; kept in the content, so a duplicate is marked too.
	Sample bool `json:"sample,omitempty"`
}

// Certificate is one entry of the register.
type Certificate struct {
	ID           int64   `db:"id" json:"id"`
	EnrollmentID int64   `db:"enrollment_id" json:"enrollment_id"`
	PersonID     int64   `db:"person_id" json:"person_id"`
	RunID        int64   `db:"run_id" json:"run_id"`
	Series       string  `db:"series" json:"series"`
	Year         int     `db:"year" json:"year"`
	Seq          int     `db:"seq" json:"seq"`
	Number       string  `db:"number" json:"number"`
	Code         string  `db:"code" json:"code"`
	IssuedOn     string  `db:"issued_on" json:"issued_on"`
	IssuedAt     string  `db:"issued_at" json:"issued_at"`
	ValidUntil   *string `db:"valid_until" json:"valid_until,omitempty"`
	ContentJSON  string  `db:"content" json:"-"`
	RevokedOn    *string `db:"revoked_on" json:"revoked_on,omitempty"`
	RevokeReason string  `db:"revoke_reason" json:"revoke_reason,omitempty"`
	Duplicates   int     `db:"duplicates" json:"duplicates"`
	Content      Content `db:"-" json:"content"`
	// Status is worked out for the day it is read.
	Status Status `db:"-" json:"status"`
}

func (c *Certificate) decode() { _ = json.Unmarshal([]byte(c.ContentJSON), &c.Content) }
