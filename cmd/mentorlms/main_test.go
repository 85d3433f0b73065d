package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"sort"
	"sync"
	"testing"
)

// untranslated records every key a page, an e-mail or a PDF asked the catalog for and did
// not find while the tests ran; the catalog only warns (a user sees the key), so this is where
// a missing translation becomes a failure.
type untranslated struct {
	slog.Handler
	mu   sync.Mutex
	keys map[string]bool
}

func (u *untranslated) Handle(ctx context.Context, r slog.Record) error {
	if r.Message == "missing translation" {
		var lang, key string
		r.Attrs(func(a slog.Attr) bool {
			switch a.Key {
			case "lang":
				lang = a.Value.String()
			case "key":
				key = a.Value.String()
			}
			return true
		})
		u.mu.Lock()
		u.keys[lang+":"+key] = true
		u.mu.Unlock()
	}
	return u.Handler.Handle(ctx, r)
}

// TestMain fails the package when anything the tests rendered lacked a translation.
func TestMain(m *testing.M) {
	u := &untranslated{Handler: slog.Default().Handler(), keys: map[string]bool{}}
	slog.SetDefault(slog.New(u))
	code := m.Run()
	if len(u.keys) > 0 {
		var keys []string
		for k := range u.keys {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		fmt.Fprintf(os.Stderr, "FAIL: the catalog lacks translations the tests asked for: %v\n", keys)
		code = 1
	}
	os.Exit(code)
}
