// Package certificates owns the certificates (osvědčení) of completed enrolments: issuing
// them one by one or for a whole run, their gap-free numbering per series and year, the PDF
// kept as issued, the register and its exports, public verification, revocation, duplicates
// and expiry.
package certificates
