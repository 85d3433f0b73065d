package people

import (
	_ "embed"
	"strings"
	"sync"
)

//go:embed common_passwords.txt
var commonPasswords string

// commonSet is the list as a set, built on the first check so that a server that changes no
// password does not hold it.
var commonSet = sync.OnceValue(func() map[string]bool {
	set := map[string]bool{}
	for line := range strings.Lines(commonPasswords) {
		if line = strings.TrimSpace(line); line != "" && !strings.HasPrefix(line, "#") {
			set[line] = true
		}
	}
	return set
})

// Common reports whether pw is one of the most common passwords (ASVS 6.2.12), whatever its
// case and the spaces around it: the first guesses of anyone trying accounts.
func Common(pw string) bool {
	return commonSet()[strings.ToLower(strings.TrimSpace(pw))]
}
