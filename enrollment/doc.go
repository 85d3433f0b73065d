// Package enrollment owns who may take part in a run and who does: the eligibility rules
// (age, a clean criminal record, prerequisites, an open run, no second application), the
// applications and their approval, capacity and the waitlist, and withdrawal with promotion
// from the waitlist.
package enrollment
