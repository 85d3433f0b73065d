package people

import (
	"sort"
	"time"
)

// Sign-in and session limits.
const (
	// LockFailures failures of one e-mail from one address within LockWindow lock that pair
	// for LockWindow after the last of them.
	LockFailures = 5
	// AddrLockFailures failures from one address, whatever the e-mails, lock the address the
	// same way; this stops one machine from trying a password against every account.
	AddrLockFailures = 20
	// AccountLockFailures failures of one e-mail, from whatever addresses, lock that e-mail
	// the same way, so that guesses spread over many addresses are stopped too. It counts
	// e-mails, not accounts, so an address nobody uses locks exactly like a real one and the
	// lock tells nothing about who has an account. The price is that anyone can lock someone
	// else out for LockWindow by guessing; the lock ends by itself and the person is not harmed
	// beyond waiting, which is the usual trade (OWASP ASVS 2.2.1).
	AccountLockFailures = 10
	LockWindow          = 15 * time.Minute
	// SessionIdle ends a session nobody has used for this long; SessionMax ends any session.
	SessionIdle = 30 * time.Minute
	SessionMax  = 12 * time.Hour
	// SetupLinkValid is how long the link that creates the first administrator works.
	SetupLinkValid = time.Hour
)

// LockedUntil decides whether failed sign-ins lock: once threshold failures fall within
// LockWindow of each other, sign-in is refused until LockWindow after the last of them. It
// returns the end of the lock and whether now falls before it.
func LockedUntil(failures []time.Time, threshold int, now time.Time) (time.Time, bool) {
	if len(failures) < threshold {
		return time.Time{}, false
	}
	fs := append([]time.Time(nil), failures...)
	sort.Slice(fs, func(i, j int) bool { return fs[i].Before(fs[j]) })
	var until time.Time
	for i := threshold - 1; i < len(fs); i++ {
		if fs[i].Sub(fs[i-threshold+1]) <= LockWindow {
			until = fs[i].Add(LockWindow)
		}
	}
	return until, now.Before(until)
}

// SessionAlive reports whether a session created and last used at the given instants may
// still be used at now.
func SessionAlive(created, lastSeen, now time.Time) bool {
	return now.Sub(lastSeen) < SessionIdle && now.Sub(created) < SessionMax && !now.Before(created)
}
