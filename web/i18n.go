package web

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"log/slog"
	"sort"
	"strings"
	"sync"

	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// Languages the product speaks; the first is the default.
var Languages = []string{"cs", "en"}

// Catalog holds every user-visible string in every language, with CLDR plural rules (Czech has
// one, few, many and other forms).
type Catalog struct {
	bundle     *i18n.Bundle
	localizers map[string]*i18n.Localizer
	missing    sync.Map // keys asked for but absent, so that tests can fail on them
	// plain keeps the strings without arguments once localized ("cs:nav.people"): a page asks
	// for dozens of them, and the library matches the language anew for every one.
	plain sync.Map
}

// LoadCatalog reads <lang>.json for every language from fsys.
func LoadCatalog(fsys fs.FS) (*Catalog, error) {
	b := i18n.NewBundle(language.Czech)
	b.RegisterUnmarshalFunc("json", json.Unmarshal)
	c := &Catalog{bundle: b, localizers: map[string]*i18n.Localizer{}}
	for _, lang := range Languages {
		files, err := CatalogFiles(fsys, lang)
		if err != nil {
			return nil, err
		}
		for _, name := range files {
			if _, err := b.LoadMessageFileFS(fsys, name); err != nil {
				return nil, fmt.Errorf("web: catalog %s: %w", name, err)
			}
		}
		c.localizers[lang] = i18n.NewLocalizer(b, lang)
	}
	return c, nil
}

// CatalogFiles lists the files of one language: <lang>.json and, so that each part of the
// product keeps its strings apart, <part>.<lang>.json.
func CatalogFiles(fsys fs.FS, lang string) ([]string, error) {
	names, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	var out []string
	for _, n := range names {
		if n == lang+".json" || strings.HasSuffix(n, "."+lang+".json") {
			out = append(out, n)
		}
	}
	return out, nil
}

// Missing lists the keys that were asked for and are absent from some language.
func (c *Catalog) Missing() []string {
	var keys []string
	c.missing.Range(func(k, _ any) bool { keys = append(keys, k.(string)); return true })
	sort.Strings(keys)
	return keys
}

// For returns the localizer of lang, falling back to Czech.
func (c *Catalog) For(lang string) *Localizer {
	if _, ok := c.localizers[lang]; !ok {
		lang = Languages[0]
	}
	return &Localizer{Lang: lang, c: c}
}

// Localizer translates and formats for one language; templates reach it as .L.
type Localizer struct {
	Lang string
	c    *Catalog
}

func (l *Localizer) localize(key string, count any, data map[string]any) string {
	if key == "" {
		return ""
	}
	cacheable := count == nil && len(data) == 0
	if cacheable {
		if s, ok := l.c.plain.Load(l.Lang + ":" + key); ok {
			return s.(string)
		}
	}
	cfg := &i18n.LocalizeConfig{MessageID: key, TemplateData: data}
	if count != nil {
		cfg.PluralCount = count
		if data == nil {
			data = map[string]any{}
			cfg.TemplateData = data
		}
		if _, ok := data["Count"]; !ok {
			data["Count"] = count
		}
	}
	s, tag, err := l.c.localizers[l.Lang].LocalizeWithTag(cfg)
	if err != nil || tag.String() != l.Lang {
		l.c.missing.Store(l.Lang+":"+key, true)
		if s == "" {
			slog.Warn("missing translation", "lang", l.Lang, "key", key, "err", err)
			return key
		}
		return s
	}
	if cacheable {
		l.c.plain.Store(l.Lang+":"+key, s)
	}
	return s
}

// T translates key, interpolating name/value pairs.
func (l *Localizer) T(key string, pairs ...any) string {
	return l.localize(key, nil, M(key, pairs...).Args)
}

// Of translates the key of a value in a family of keys: Of "role" "admin" is T "role.admin".
// Templates name a status, a kind or a region so in every row of a list, and one call costs
// less than a printf and a T.
func (l *Localizer) Of(family string, value any) string {
	v, ok := value.(string)
	if !ok {
		v = fmt.Sprint(value)
	}
	return l.localize(family+"."+v, nil, nil)
}

// N translates key in the plural form for count (1 hodina, 2 hodiny, 5 hodin).
func (l *Localizer) N(key string, count any, pairs ...any) string {
	return l.localize(key, count, M(key, pairs...).Args)
}

// Msg translates a message carried by an error. Arguments named Date, or ending in Date,
// travel as YYYY-MM-DD and read as 1. 3. 2026; an argument named Count picks the plural form.
func (l *Localizer) Msg(m Msg) string {
	args := map[string]any{}
	for k, v := range m.Args {
		if s, ok := v.(string); ok && strings.HasSuffix(k, "Date") && l.Date(s) != "" {
			v = l.Date(s)
		}
		args[k] = v
	}
	return l.localize(m.Key, args["Count"], args)
}
