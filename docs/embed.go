// Package docs embeds the OpenAPI description of the JSON API, served at /api/v1/openapi.
package docs

import _ "embed"

// OpenAPI is docs/openapi.yaml.
//
//go:embed openapi.yaml
var OpenAPI []byte
