package people_test

import (
	"fmt"
	"testing"
	"time"

	"mentorlms/people"
)

// TestAccountLock spreads guesses at one account over many addresses, each of which stays
// below its own limits: the account's limit stops them, for the right password too, until the
// lock ends. An e-mail without an account locks alike, so the lock reveals nothing.
func TestAccountLock(t *testing.T) {
	e, _ := withEva(t)
	for i := range people.AccountLockFailures {
		e.refused(t, "eva@example.cz", "spatne-heslo-1", fmt.Sprintf("10.1.%d.1", i), t0.Add(time.Duration(i)*time.Second))
		e.refused(t, "nikdo@example.cz", "spatne-heslo-1", fmt.Sprintf("10.2.%d.1", i), t0.Add(time.Duration(i)*time.Second))
	}
	last := t0.Add(time.Duration(people.AccountLockFailures-1) * time.Second)
	e.refused(t, "eva@example.cz", evaPassword, "10.9.9.9", last.Add(time.Minute))
	e.refused(t, "eva@example.cz", evaPassword, "10.9.9.9", last.Add(people.LockWindow-time.Second))
	if n := len(e.audits(t, "auth.login_failed")); n != 2*people.AccountLockFailures+2 {
		t.Errorf("%d failed sign-ins in the audit log, want %d", n, 2*people.AccountLockFailures+2)
	}
	e.login(t, evaPassword, "10.9.9.9", "", last.Add(people.LockWindow))
}

// TestIPv6Lock guesses from different addresses of one /64: they count as one address.
func TestIPv6Lock(t *testing.T) {
	e, _ := withEva(t)
	for i := range people.LockFailures {
		e.refused(t, "eva@example.cz", "spatne-heslo-1", fmt.Sprintf("2001:db8:7:7::%x", i+1), t0)
	}
	e.refused(t, "eva@example.cz", evaPassword, "2001:db8:7:7:ffff::1", t0.Add(time.Minute))
	// Another /64 is another address (and the account's limit is not reached yet).
	e.login(t, evaPassword, "2001:db8:7:8::1", "", t0.Add(time.Minute))
}
