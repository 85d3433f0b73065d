package people_test

import (
	"slices"
	"testing"
	"time"

	"mentorlms/people"
)

// at turns offsets from t0 into instants.
func at(ds ...time.Duration) []time.Time {
	out := make([]time.Time, len(ds))
	for i, d := range ds {
		out[i] = t0.Add(d)
	}
	return out
}

// spread returns n offsets evenly from 0 to last inclusive (n >= 2).
func spread(n int, last time.Duration) []time.Duration {
	out := make([]time.Duration, n)
	for i := range out {
		out[i] = last * time.Duration(i) / time.Duration(n-1)
	}
	return out
}

func TestLockedUntil(t *testing.T) {
	const m = time.Minute
	none := time.Duration(-1) // no lock: the zero time
	tests := []struct {
		name      string
		failures  []time.Duration
		threshold int
		now       time.Duration
		until     time.Duration
		locked    bool
	}{
		{"no failures", nil, people.LockFailures, 0, none, false},
		{"4 failures in a minute", spread(4, m), people.LockFailures, m, none, false},
		{"5 failures in 4 minutes", spread(5, 4*m), people.LockFailures, 5 * m, 4*m + people.LockWindow, true},
		{"5 failures over exactly 15 min", spread(5, 15*m), people.LockFailures, 15 * m, 30 * m, true},
		{"5 failures over 15 min + 1ns", []time.Duration{0, 5 * m, 10 * m, 12 * m, 15*m + 1}, people.LockFailures,
			15*m + 1, none, false},
		{"1ns before the end", spread(5, 4*m), people.LockFailures, 19*m - 1, 19 * m, true},
		{"now equal to until", spread(5, 4*m), people.LockFailures, 19 * m, 19 * m, false},
		{"after the lock", spread(5, 4*m), people.LockFailures, 40 * m, 19 * m, false},
		{"unsorted input", []time.Duration{4 * m, 0, 3 * m, m, 2 * m}, people.LockFailures, 5 * m, 19 * m, true},
		// A lone failure after the qualifying run starts no lock of its own and does not extend it.
		{"later failure outside the run", []time.Duration{0, m, 2 * m, 3 * m, 4 * m, 25 * m}, people.LockFailures,
			25 * m, 19 * m, false},
		{"sixth failure inside the run extends", spread(6, 5*m), people.LockFailures, 19 * m, 20 * m, true},
		{"second run later", []time.Duration{0, m, 2 * m, 3 * m, 4 * m, 30 * m, 31 * m, 32 * m, 33 * m, 34 * m},
			people.LockFailures, 40 * m, 49 * m, true},
		{"address: 19 failures", spread(19, m), people.AddrLockFailures, m, none, false},
		{"address: 20 failures", spread(20, 10*m), people.AddrLockFailures, 10 * m, 25 * m, true},
		{"address: 20 over exactly 15 min", spread(20, 15*m), people.AddrLockFailures, 15 * m, 30 * m, true},
		{"address: 20 over 15 min + 1ns", append(spread(19, 14*m), 15*m+1), people.AddrLockFailures, 15*m + 1, none, false},
		{"address: ends at until", spread(20, 10*m), people.AddrLockFailures, 25 * m, 25 * m, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs := at(tt.failures...)
			orig := slices.Clone(fs)
			until, locked := people.LockedUntil(fs, tt.threshold, t0.Add(tt.now))
			var want time.Time
			if tt.until != none {
				want = t0.Add(tt.until)
			}
			if !until.Equal(want) || locked != tt.locked {
				t.Errorf("LockedUntil = %v, %v; want %v, %v", until, locked, want, tt.locked)
			}
			if !slices.Equal(fs, orig) {
				t.Errorf("LockedUntil reordered its input: %v", fs)
			}
		})
	}
}

func TestSessionAlive(t *testing.T) {
	created := t0
	tests := []struct {
		name              string
		created, lastSeen time.Time
		now               time.Time
		want              bool
	}{
		{"just created", created, created, created, true},
		{"idle 30 min - 1ns", created, created.Add(time.Hour), created.Add(time.Hour + people.SessionIdle - 1), true},
		{"idle exactly 30 min", created, created.Add(time.Hour), created.Add(time.Hour + people.SessionIdle), false},
		{"idle 31 min", created, created, created.Add(31 * time.Minute), false},
		{"12 h - 1ns, used recently", created, created.Add(11*time.Hour + 50*time.Minute),
			created.Add(people.SessionMax - 1), true},
		{"exactly 12 h, used recently", created, created.Add(11*time.Hour + 50*time.Minute),
			created.Add(people.SessionMax), false},
		{"12 h, used just now", created, created.Add(people.SessionMax), created.Add(people.SessionMax), false},
		{"created in the future", created.Add(time.Second), created.Add(time.Second), created, false},
		{"created 1ns in the future", created.Add(1), created.Add(1), created, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := people.SessionAlive(tt.created, tt.lastSeen, tt.now); got != tt.want {
				t.Errorf("SessionAlive(%v, %v, %v) = %v, want %v", tt.created, tt.lastSeen, tt.now, got, tt.want)
			}
		})
	}
}
