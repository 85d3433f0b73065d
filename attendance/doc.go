// Package attendance owns what enrolled people did in a run: marks per session, apologies,
// QR self check-in, the final exam, progress against the course's hours and the completion
// that follows, the attendance sheet and class book, the completion table and its exports,
// and the "my courses" page that shows a trainee their progress. Who is in a run at all —
// eligibility, applications, capacity, the waitlist and withdrawal — is enrollment's, below it.
package attendance
