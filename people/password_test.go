package people_test

import (
	"strings"
	"testing"

	"mentorlms/people"
)

func TestHashPassword(t *testing.T) {
	const pw = "Žluťoučký kůň 42"
	h := people.HashPassword(pw)

	t.Run("PHC format with the chosen parameters", func(t *testing.T) {
		const prefix = "$argon2id$v=19$m=19456,t=2,p=1$"
		if !strings.HasPrefix(h, prefix) {
			t.Fatalf("hash %q does not start with %q", h, prefix)
		}
		parts := strings.Split(h, "$")
		// 16 bytes of salt and a 32-byte key in unpadded base64.
		if len(parts) != 6 || len(parts[4]) != 22 || len(parts[5]) != 43 {
			t.Fatalf("hash %q: want 6 parts with a 22-char salt and a 43-char key", h)
		}
	})
	t.Run("round trip", func(t *testing.T) {
		if !people.VerifyPassword(h, pw) {
			t.Error("the right password does not verify")
		}
	})
	t.Run("wrong passwords", func(t *testing.T) {
		for _, wrong := range []string{"", "Žluťoučký kůň 43", "zlutoucky kun 42", pw + " ", strings.ToUpper(pw)} {
			if people.VerifyPassword(h, wrong) {
				t.Errorf("wrong password %q verifies", wrong)
			}
		}
	})
	t.Run("two hashes of the same password differ", func(t *testing.T) {
		h2 := people.HashPassword(pw)
		if h2 == h {
			t.Fatal("two hashes of one password are equal: the salt is not random")
		}
		if !people.VerifyPassword(h2, pw) {
			t.Error("the second hash does not verify")
		}
	})
	t.Run("empty password hashes and verifies only itself", func(t *testing.T) {
		he := people.HashPassword("")
		if !people.VerifyPassword(he, "") || people.VerifyPassword(he, " ") {
			t.Error("empty password: want a match for \"\" only")
		}
	})
}

func TestVerifyPasswordMalformed(t *testing.T) {
	const pw = "heslo-pro-test-1"
	h := people.HashPassword(pw)
	parts := strings.Split(h, "$") // "", argon2id, v=19, m=…,t=…,p=…, salt, key
	with := func(i int, v string) string {
		ps := append([]string(nil), parts...)
		ps[i] = v
		return strings.Join(ps, "$")
	}
	tests := []struct {
		name, hash string
	}{
		{"empty", ""},
		{"argon2i prefix", with(1, "argon2i")},
		{"bcrypt", "$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy"},
		{"too few parts", strings.Join(parts[:5], "$")},
		{"too many parts", h + "$extra"},
		{"no leading dollar", strings.TrimPrefix(h, "$")},
		{"bad base64 salt", with(4, "!!!not*base64!!!")},
		{"bad base64 key", with(5, "!!!not*base64!!!")},
		{"padded base64 key", with(5, parts[5]+"=")},
		{"empty key", with(5, "")},
		{"garbled parameters", with(3, "m=x,t=2,p=1")},
		{"zero passes", with(3, "m=19456,t=0,p=1")},
		{"zero threads", with(3, "m=19456,t=2,p=0")},
		{"other salt", with(4, "AAAAAAAAAAAAAAAAAAAAAA")},
		{"other memory", with(3, "m=19455,t=2,p=1")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if people.VerifyPassword(tt.hash, pw) {
				t.Errorf("VerifyPassword(%q) matched", tt.hash)
			}
		})
	}
	if !people.VerifyPassword(h, pw) {
		t.Fatal("the unaltered hash does not verify, so the cases above prove nothing")
	}
}
