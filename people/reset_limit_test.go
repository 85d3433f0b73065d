package people_test

import (
	"fmt"
	"testing"
	"time"
)

// Password links are limited per client as sign-ins are: addresses of one IPv6 /64 are one
// client, the next /64 another.
func TestResetLimitPerClient(t *testing.T) {
	e, _ := withEva(t)
	links := func() int { return e.count(t, `SELECT COUNT(*) FROM password_links WHERE purpose = 'reset'`) }
	for i := range 30 {
		e.create(t, traineeIn(fmt.Sprintf("t%d@example.cz", i), "ULK"))
	}
	for i := range 12 { // more than one client may ask for in an hour
		if err := e.s.RequestReset(e.ctx, fmt.Sprintf("t%d@example.cz", i), fmt.Sprintf("2001:db8:5:5::%x", i+1),
			t0.Add(time.Duration(i)*time.Minute)); err != nil {
			t.Fatal(err)
		}
	}
	if n := links(); n != 10 {
		t.Errorf("one /64 got %d links in an hour, want 10", n)
	}
	if err := e.s.RequestReset(e.ctx, "t20@example.cz", "2001:db8:5:6::1", t0.Add(20*time.Minute)); err != nil {
		t.Fatal(err)
	}
	if n := links(); n != 11 {
		t.Errorf("the next /64 was refused too: %d links", n)
	}
}
