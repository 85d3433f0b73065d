package reminders_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"mentorlms/db/dbtest"
	"mentorlms/people"
	"mentorlms/reminders"
)

// Many goroutines enqueueing the same messages at once: each key is stored exactly once, and
// exactly one enqueue of each reports it as new.
func TestEnqueueIdempotentUnderConcurrency(t *testing.T) {
	ctx := context.Background()
	d := dbtest.Open(t)
	now := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	// With a password, so that no invitation joins the messages counted here.
	p, err := people.NewService(d).Create(ctx, nil, people.Input{Email: "jan@test.cz", Name: "Jan Bandy",
		BirthDate: "1988-07-25", Region: "ULK", Roles: []string{"trainee"}, Password: "dost-dlouhe-heslo"}, now)
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	fresh := map[string]int{}
	for i := range 40 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			key := fmt.Sprintf("seat-freed:%d", i%4)
			isNew, err := reminders.Enqueue(ctx, d.W, now, reminders.Message{Key: key, PersonID: p.ID, Kind: "seat_freed",
				Args: map[string]any{"Course": "Jsem OK, jsi OK", "Date": "2026-04-14"}})
			if err != nil {
				t.Error(err)
				return
			}
			if isNew {
				mu.Lock()
				fresh[key]++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if len(fresh) != 4 {
		t.Errorf("new keys %v", fresh)
	}
	for k, n := range fresh {
		if n != 1 {
			t.Errorf("%s reported new %d times", k, n)
		}
	}
	if n, err := reminders.Unread(ctx, d, p.ID); err != nil || n != 4 {
		t.Errorf("unread %d, %v", n, err)
	}
	list, total, err := reminders.Inbox(ctx, d, p.ID, 10, 0)
	if err != nil || len(list) != 4 || total != 4 || list[0].Args["Course"] != "Jsem OK, jsi OK" {
		t.Fatalf("inbox %+v %v", list, err)
	}
	if err := reminders.MarkRead(ctx, d, p.ID+1, list[0].ID, now); err != nil {
		t.Fatal(err)
	}
	if n, _ := reminders.Unread(ctx, d, p.ID); n != 4 {
		t.Error("someone else marked Jan's message read")
	}
	if err := reminders.MarkRead(ctx, d, p.ID, list[0].ID, now); err != nil {
		t.Fatal(err)
	}
	if n, _ := reminders.Unread(ctx, d, p.ID); n != 3 {
		t.Errorf("after reading one: %d unread", n)
	}
}
