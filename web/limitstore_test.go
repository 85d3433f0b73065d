package web

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

func TestLimitStore(t *testing.T) {
	at := time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC)
	s := NewLimitStore(3)
	s.now = func() time.Time { return at }

	for _, k := range []string{"a", "b", "c"} {
		if err := s.Set(k, []byte(k), time.Minute); err != nil {
			t.Fatal(err)
		}
	}
	if v, _ := s.Get("a"); string(v) != "a" { // a is now the most recently used
		t.Fatalf("Get(a) = %q", v)
	}
	_ = s.Set("d", []byte("d"), time.Minute) // the store is full: b, seen longest ago, goes
	if v, _ := s.Get("b"); v != nil {
		t.Errorf("b was kept beyond the bound: %q", v)
	}
	for _, k := range []string{"a", "c", "d"} {
		if v, _ := s.Get(k); string(v) != k {
			t.Errorf("Get(%s) = %q", k, v)
		}
	}
	if s.cache.Len() != 3 {
		t.Errorf("Len() = %d, want 3", s.cache.Len())
	}

	_ = s.Set("e", []byte("e"), 0) // no expiry
	at = at.Add(time.Minute)
	if v, _ := s.Get("d"); v != nil {
		t.Errorf("d outlived its minute: %q", v)
	}
	if v, _ := s.Get("e"); string(v) != "e" {
		t.Errorf("e without expiry: %q", v)
	}
	_ = s.Delete("e")
	if v, _ := s.Get("e"); v != nil {
		t.Errorf("e after Delete: %q", v)
	}
	_ = s.Reset()
	if s.cache.Len() != 0 {
		t.Errorf("Len() after Reset = %d", s.cache.Len())
	}
}

// A crowd of clients, more than the bound, from many goroutines: the store never holds more.
func TestLimitStoreBoundUnderLoad(t *testing.T) {
	s := NewLimitStore(100)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 1000 {
				k := fmt.Sprintf("10.%d.%d.%d", g, i/256, i%256)
				_ = s.Set(k, []byte{1}, time.Minute)
				_, _ = s.Get(k)
			}
		}()
	}
	wg.Wait()
	if s.cache.Len() != 100 {
		t.Errorf("Len() = %d, want the bound, 100", s.cache.Len())
	}
}
