package certificates

import (
	"fmt"
	"os"
	"testing"
)

// TestMain fails the package's tests when a certificate asked the catalog for a word that one
// of its languages lacks: the words of a certificate are printed for good.
func TestMain(m *testing.M) {
	code := m.Run()
	if c, err := catalog(); err == nil {
		if missing := c.Missing(); len(missing) > 0 {
			fmt.Fprintf(os.Stderr, "missing translations: %v\n", missing)
			code = max(code, 1)
		}
	}
	os.Exit(code)
}
