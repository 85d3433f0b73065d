package certificates

import (
	"fmt"
	"os"
	"testing"
)

// TestMain fails the package's tests when a certificate asked the catalog for a word that one
// of its languages lacks, or when the catalog cannot be read at all: the words of a
// certificate are printed for good.
func TestMain(m *testing.M) {
	code := m.Run()
	c, err := catalog()
	switch {
	case err != nil:
		fmt.Fprintf(os.Stderr, "the catalog: %v\n", err)
		code = max(code, 1)
	case len(c.Missing()) > 0:
		fmt.Fprintf(os.Stderr, "missing translations: %v\n", c.Missing())
		code = max(code, 1)
	}
	os.Exit(code)
}
