// Package static embeds what the server sends besides data: the HTML templates, the assets
// (CSS, images) and the translation catalog.
package static

import (
	"embed"
	"io/fs"
)

//go:embed templates assets i18n
var files embed.FS

// Templates is the template tree: layouts/, errors/ and one folder per package.
var Templates = sub("templates")

// Assets is served under /static.
var Assets = sub("assets")

// Catalog holds cs.json and en.json, every user-visible string in both languages.
var Catalog = sub("i18n")

func sub(dir string) fs.FS {
	f, err := fs.Sub(files, dir)
	if err != nil {
		panic(err)
	}
	return f
}
