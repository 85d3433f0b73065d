package web

import (
	"time"

	lru "github.com/hashicorp/golang-lru/v2"
)

// LimitStore keeps a rate limit's counts, one per client, for at most a bounded number of
// clients: when more arrive, the one seen longest ago is forgotten. fiber's own store keeps
// every client it has seen for the whole window, so a crowd of addresses (an IPv6 network
// holds billions, and a proxy's header names whatever it is told) would grow the server's
// memory without bound. A forgotten client starts counting again, which lets a crowd of more
// addresses than the bound through faster; the limits here (guessing a certificate code) do
// not rest on that, and the memory does.
//
// It is a fiber.Storage; the limiter stores its own window in each value and judges it itself,
// so the store's expiry only lets go of what is stale.
type LimitStore struct {
	cache *lru.Cache[string, limitEntry]
	now   func() time.Time
}

type limitEntry struct {
	val   []byte
	until time.Time
}

// NewLimitStore keeps the counts of at most clients clients.
func NewLimitStore(clients int) *LimitStore {
	c, err := lru.New[string, limitEntry](clients)
	if err != nil {
		panic(err) // only a size below 1, which is a programming error
	}
	return &LimitStore{cache: c, now: time.Now}
}

// Get returns the value of key, nil when there is none or it has expired.
func (s *LimitStore) Get(key string) ([]byte, error) {
	e, ok := s.cache.Get(key)
	if !ok || !e.until.IsZero() && !s.now().Before(e.until) {
		return nil, nil
	}
	return e.val, nil
}

// Set keeps val under key for exp (for ever when exp is 0), forgetting the least recently
// used client when the store is full.
func (s *LimitStore) Set(key string, val []byte, exp time.Duration) error {
	e := limitEntry{val: val}
	if exp > 0 {
		e.until = s.now().Add(exp)
	}
	s.cache.Add(key, e)
	return nil
}

// Delete forgets key.
func (s *LimitStore) Delete(key string) error {
	s.cache.Remove(key)
	return nil
}

// Reset forgets every client.
func (s *LimitStore) Reset() error {
	s.cache.Purge()
	return nil
}

// Close does nothing: the store holds nothing but memory.
func (s *LimitStore) Close() error { return nil }
