// Package catalogtest gives tests the product's own translation catalog, and fails them when
// something they rendered asked for a key the catalog lacks.
package catalogtest

import (
	"testing"

	"mentorlms/static"
	"mentorlms/web"
)

// Localizer returns the catalog's localizer for lang; at the end of the test, any key that was
// asked for and missing fails it.
func Localizer(t testing.TB, lang string) *web.Localizer {
	t.Helper()
	c, err := web.LoadCatalog(static.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if m := c.Missing(); len(m) > 0 {
			t.Errorf("missing translations: %v", m)
		}
	})
	return c.For(lang)
}
