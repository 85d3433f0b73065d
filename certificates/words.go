package certificates

import (
	"sync"

	"mentorlms/static"
	"mentorlms/web"
)

// czech is the catalog's Czech, in which every certificate is drawn: it is a legal document of
// a Czech organisation, the same paper whoever asks for it. The words live in the catalog
// (certificate-pdf.<lang>.json) like every other string, English included.
var czech = sync.OnceValues(func() (*web.Localizer, error) {
	c, err := web.LoadCatalog(static.Catalog)
	if err != nil {
		return nil, err
	}
	return c.For("cs"), nil
})
