package certificates

import (
	"sync"

	"mentorlms/static"
	"mentorlms/web"
)

// catalog is the product's catalog, loaded once for the certificates' words.
var catalog = sync.OnceValues(func() (*web.Catalog, error) { return web.LoadCatalog(static.Catalog) })

// czech is the catalog's Czech, in which every certificate is drawn: it is a legal document of
// a Czech organisation, the same paper whoever asks for it. The words live in the catalog
// (certificate-pdf.<lang>.json) like every other string, English included.
func czech() (*web.Localizer, error) {
	c, err := catalog()
	if err != nil {
		return nil, err
	}
	return c.For("cs"), nil
}
