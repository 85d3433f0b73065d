package privacy

// table is how one table that holds data about people is treated. Export selects the rows
// about the person (every ? is their id); a table with no Export is left out of the export
// for the reason Excluded gives. Erase lists the statements that remove what erasure removes
// (every ? is the person's id); Kept says, when rows stay, why.
type table struct {
	Export   string
	Excluded string
	Erase    []string
	Kept     string
}

// ownRows is the rows of a table whose person_id is the person.
func ownRows(name string) string { return `SELECT * FROM ` + name + ` WHERE person_id = ?` }

// deleteOwn removes them.
func deleteOwn(name string) []string { return []string{`DELETE FROM ` + name + ` WHERE person_id = ?`} }

// erasable is the person's enrolments that no record of the law stands on: without a
// certificate, and not of an accredited run where they attended or sat an exam.
const erasable = `SELECT e.id FROM enrollments e JOIN runs r ON r.id = e.run_id JOIN courses c ON c.id = r.course_id
	WHERE e.person_id = ? AND NOT EXISTS (SELECT 1 FROM certificates x WHERE x.enrollment_id = e.id)
	AND NOT (c.kind IN ('requalification', 'accredited_seminar') AND (EXISTS (SELECT 1 FROM attendance a WHERE a.enrollment_id = e.id)
	     OR EXISTS (SELECT 1 FROM exams x WHERE x.enrollment_id = e.id)))`

// tables classifies every table that refers to a person, in the order erasure works through
// them (rows that others point to go after those that point to them).
var tables = map[string]table{
	"persons": {Export: `SELECT * FROM persons WHERE id = ?`,
		Kept: "the row stays, anonymised, because certificates, attendance sheets and exam protocols point to it"},
	"person_roles":     {Export: ownRows("person_roles"), Erase: deleteOwn("person_roles")},
	"auth_sessions":    {Export: ownRows("auth_sessions"), Erase: deleteOwn("auth_sessions")},
	"api_tokens":       {Export: ownRows("api_tokens"), Erase: deleteOwn("api_tokens")},
	"password_links":   {Export: ownRows("password_links"), Erase: deleteOwn("password_links")},
	"second_factors":   {Export: ownRows("second_factors"), Erase: deleteOwn("second_factors")},
	"recovery_codes":   {Export: ownRows("recovery_codes"), Erase: deleteOwn("recovery_codes")},
	"login_challenges": {Export: ownRows("login_challenges"), Erase: deleteOwn("login_challenges")},
	"login_failures": {Export: `SELECT * FROM login_failures WHERE email = (SELECT email FROM persons WHERE id = ?)`,
		Erase: []string{`DELETE FROM login_failures WHERE email = (SELECT email FROM persons WHERE id = ?)`}},
	// A one-time link still waiting for its e-mail is a key to the account: it goes by e-mail
	// only, not into an export.
	"notifications": {Export: `SELECT id, key, person_id, kind, args, CASE WHEN secret = 1 THEN '' ELSE link END AS link,
		created_at, read_at, emailed_at, email_status, email_error FROM notifications WHERE person_id = ?`,
		Erase: deleteOwn("notifications")},
	"email_off":       {Export: ownRows("email_off"), Erase: deleteOwn("email_off")},
	"identifications": {Export: ownRows("identifications"), Erase: deleteOwn("identifications")},
	"record_checks":   {Export: ownRows("record_checks"), Erase: deleteOwn("record_checks")},
	"pledges":         {Export: ownRows("pledges"), Erase: deleteOwn("pledges")},
	"mentor_statuses": {Export: ownRows("mentor_statuses"), Erase: deleteOwn("mentor_statuses")},
	"mentor_decisions": {Export: ownRows("mentor_decisions"), Erase: []string{
		`DELETE FROM mentor_statuses WHERE decision_id IN (SELECT id FROM mentor_decisions WHERE person_id = ?)`,
		`DELETE FROM mentor_decisions WHERE person_id = ?`}},
	"supervision_overrides": {Export: ownRows("supervision_overrides"), Erase: deleteOwn("supervision_overrides")},
	"supervision_attendees": {Export: ownRows("supervision_attendees"), Erase: deleteOwn("supervision_attendees")},
	"supervisions": {Export: `SELECT s.* FROM supervisions s JOIN supervision_attendees a ON a.supervision_id = s.id WHERE a.person_id = ?`,
		Kept: "a meeting stays for the others who attended; the person only as its supervisor or recorder, anonymised"},
	"supervision_intervals": {Excluded: "a region's setting; it names the person only as who set it",
		Kept: "a region's setting, naming the person only as who set it"},
	"external_hours": {Export: ownRows("external_hours"), Erase: deleteOwn("external_hours")},
	"employments":    {Export: ownRows("employments"), Erase: deleteOwn("employments")},
	"absences":       {Export: ownRows("absences"), Erase: deleteOwn("absences")},
	"evaluations": {Export: ownRows("evaluations"),
		Kept: "counts of clients with no other detail: they stay, anonymous, so that the reports of past periods do not change"},
	"attendance": {Export: `SELECT a.* FROM attendance a JOIN enrollments e ON e.id = a.enrollment_id WHERE e.person_id = ?`,
		Erase: []string{`DELETE FROM attendance WHERE enrollment_id IN (` + erasable + `)`},
		Kept:  "attendance sheets of accredited runs and of courses with a certificate are records the accreditation requires"},
	"exams": {Export: `SELECT x.* FROM exams x JOIN enrollments e ON e.id = x.enrollment_id WHERE e.person_id = ?`,
		Erase: []string{`DELETE FROM exams WHERE enrollment_id IN (` + erasable + `)`},
		Kept:  "exam protocols of accredited runs are records the accreditation requires"},
	"enrollments": {Export: ownRows("enrollments"), Erase: []string{`DELETE FROM enrollments WHERE id IN (` + erasable + `)`},
		Kept: "the enrolments that certificates, attendance sheets and exam protocols stand on"},
	"certificates": {Export: ownRows("certificates"),
		Kept: "the register of issued certificates keeps the holder's name and date and place of birth as issued, so that verification keeps working"},
	"certificate_duplicates": {Export: `SELECT d.* FROM certificate_duplicates d JOIN certificates c ON c.id = d.certificate_id WHERE c.person_id = ?`,
		Kept: "part of the register"},
	"run_lecturers": {Export: ownRows("run_lecturers"), Kept: "who taught a run is part of its record; the name is anonymised"},
	"sessions":      {Export: `SELECT * FROM sessions WHERE lecturer_id = ?`, Kept: "who taught a session is part of its record; the name is anonymised"},
	// The addresses staff acted from are theirs, not the person's: only the person's own go out.
	"audit_log": {Export: `SELECT id, at, actor_id, action, entity, entity_id, before, after,
		CASE WHEN actor_id = ?1 THEN addr ELSE '' END AS addr FROM audit_log WHERE entity = 'person' AND entity_id = ?1
		OR entity = 'enrollment' AND entity_id IN (SELECT id FROM enrollments WHERE person_id = ?1)
		OR entity = 'certificate' AND entity_id IN (SELECT id FROM certificates WHERE person_id = ?1)
		OR entity IN ('external_hours', 'employment', 'absence', 'evaluation') AND ((before || after) LIKE '%"person_id":' || ?1 || ',%'
		   OR (before || after) LIKE '%"person_id":' || ?1 || '}%')`,
		Kept: "entries stay, with the person's name, e-mail and address replaced, so that the history of every record stays whole"},
}

// secret columns never leave the database, not even to the person: hashes of passwords, tokens
// and recovery codes and the second factor's key (useless to them, useful to an attacker),
// search keys, and the PDFs of certificates,
// which the person downloads from their certificates page.
var secret = map[string]bool{"password_hash": true, "token_hash": true, "code_hash": true, "secret": true, "search": true,
	"sort_key": true, "pdf": true, "calendar_token": true}
