package web_test

import (
	"encoding/json"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strings"
	"testing"

	"mentorlms/static"
	"mentorlms/web"
)

// loadCatalog loads the real catalog that the binary embeds.
func loadCatalog(t *testing.T) *web.Catalog {
	t.Helper()
	c, err := web.LoadCatalog(static.Catalog)
	if err != nil {
		t.Fatalf("LoadCatalog: %v", err)
	}
	return c
}

// rawCatalog parses every file of a language (<lang>.json and <part>.<lang>.json) from the
// embedded catalog without going through go-i18n; a key defined twice fails the test.
func rawCatalog(t *testing.T, lang string) map[string]json.RawMessage {
	t.Helper()
	files, err := web.CatalogFiles(static.Catalog, lang)
	if err != nil || len(files) == 0 {
		t.Fatalf("catalog files of %s: %v", lang, err)
	}
	m := map[string]json.RawMessage{}
	for _, name := range files {
		b, err := fs.ReadFile(static.Catalog, name)
		if err != nil {
			t.Fatalf("read %s: %v", name, err)
		}
		part := map[string]json.RawMessage{}
		if err := json.Unmarshal(b, &part); err != nil {
			t.Fatalf("parse %s: %v", name, err)
		}
		for k, v := range part {
			if _, dup := m[k]; dup {
				t.Errorf("key %q is defined twice (again in %s)", k, name)
			}
			m[k] = v
		}
	}
	return m
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func TestCatalogLanguagesHaveSameKeys(t *testing.T) {
	cs, en := rawCatalog(t, "cs"), rawCatalog(t, "en")
	if len(cs) < 50 {
		t.Fatalf("cs.json has only %d keys; parsing went wrong", len(cs))
	}
	for _, k := range sortedKeys(cs) {
		if _, ok := en[k]; !ok {
			t.Errorf("key %q is in cs.json but not in en.json", k)
		}
	}
	for _, k := range sortedKeys(en) {
		if _, ok := cs[k]; !ok {
			t.Errorf("key %q is in en.json but not in cs.json", k)
		}
	}
}

func TestCatalogPluralForms(t *testing.T) {
	want := map[string][]string{
		"cs": {"few", "many", "one", "other"}, // CLDR: Czech has four categories
		"en": {"one", "other"},
	}
	plurals := 0
	for _, lang := range web.Languages {
		t.Run(lang, func(t *testing.T) {
			cat := rawCatalog(t, lang)
			for _, k := range sortedKeys(cat) {
				raw := cat[k]
				if len(raw) == 0 || raw[0] != '{' {
					continue
				}
				plurals++
				forms := map[string]string{}
				if err := json.Unmarshal(raw, &forms); err != nil {
					t.Errorf("%s: plural message is not an object of strings: %v", k, err)
					continue
				}
				if got := sortedKeys(forms); !slices.Equal(got, want[lang]) {
					t.Errorf("%s: plural forms %v, want %v", k, got, want[lang])
				}
			}
		})
	}
	if plurals < 4 {
		t.Errorf("found %d plural messages in both languages, want at least 4 (people.count, audit.count)", plurals)
	}
}

// templateKey finds literal keys passed to the localizer: .L.T "key", $.L.N "key" ….
var templateKey = regexp.MustCompile(`\.(?:T|N)\s+"([^"]+)"`)

func TestCatalogHasEveryTemplateKey(t *testing.T) {
	cs, en := rawCatalog(t, "cs"), rawCatalog(t, "en")
	used := map[string][]string{} // key → templates using it
	err := fs.WalkDir(static.Templates, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(static.Templates, p)
		if err != nil {
			return err
		}
		for _, m := range templateKey.FindAllSubmatch(b, -1) {
			used[string(m[1])] = append(used[string(m[1])], p)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"app.name", "nav.login", "people.count", "error.back_home"} {
		if _, ok := used[k]; !ok {
			t.Fatalf("the scan did not find %q, which the templates use; the regexp is broken", k)
		}
	}
	for _, k := range sortedKeys(used) {
		for lang, cat := range map[string]map[string]json.RawMessage{"cs": cs, "en": en} {
			if _, ok := cat[k]; !ok {
				t.Errorf("%s.json lacks %q, used in %v", lang, k, used[k])
			}
		}
	}
}

func TestCatalogHasDynamicKeys(t *testing.T) {
	var keys []string
	for _, r := range web.Roles {
		keys = append(keys, "role."+string(r))
	}
	for _, c := range []web.Code{web.CodeInvalid, web.CodeNotFound, web.CodeForbidden, web.CodeUnauthorized,
		web.CodeConflict, web.CodeBadRequest, web.CodeInternal} {
		keys = append(keys, "error.title."+string(c))
	}
	for _, lang := range web.Languages {
		cat := rawCatalog(t, lang)
		for _, k := range keys {
			t.Run(lang+"/"+k, func(t *testing.T) {
				if _, ok := cat[k]; !ok {
					t.Errorf("%s.json lacks %q", lang, k)
				}
			})
		}
	}
}

func TestPluralForms(t *testing.T) {
	cat := loadCatalog(t)
	tests := []struct {
		lang, key string
		n         int
		want      string
	}{
		{"cs", "people.count", 0, "0 osob"},
		{"cs", "people.count", 1, "1 osoba"},
		{"cs", "people.count", 2, "2 osoby"},
		{"cs", "people.count", 4, "4 osoby"},
		{"cs", "people.count", 5, "5 osob"},
		{"cs", "people.count", 21, "21 osob"}, // Czech: only exactly 1 is "one"
		{"cs", "people.count", 22, "22 osob"}, // and only 2–4 are "few"
		{"cs", "people.count", 25, "25 osob"},
		{"cs", "people.count", 100, "100 osob"},
		{"cs", "audit.count", 1, "1 záznam"},
		{"cs", "audit.count", 3, "3 záznamy"},
		{"cs", "audit.count", 11, "11 záznamů"},
		{"en", "people.count", 0, "0 people"},
		{"en", "people.count", 1, "1 person"},
		{"en", "people.count", 2, "2 people"},
		{"en", "audit.count", 1, "1 entry"},
		{"en", "audit.count", 21, "21 entries"},
	}
	for _, tt := range tests {
		t.Run(tt.lang+"/"+tt.key+"/"+tt.want, func(t *testing.T) {
			if got := cat.For(tt.lang).N(tt.key, tt.n); got != tt.want {
				t.Errorf("N(%q, %d) = %q, want %q", tt.key, tt.n, got, tt.want)
			}
		})
	}
	if m := cat.Missing(); len(m) != 0 {
		t.Errorf("Missing() = %v, want none", m)
	}
}

func TestTranslate(t *testing.T) {
	cat := loadCatalog(t)
	tests := []struct {
		name, lang, key string
		pairs           []any
		want            string
	}{
		{"cs interpolation", "cs", "home.greeting", []any{"Name", "Jana Nováková"}, "Dobrý den, Jana Nováková"},
		{"en interpolation", "en", "home.greeting", []any{"Name", "Jana"}, "Hello, Jana"},
		{"two values", "en", "pager.position", []any{"Page", 2, "Pages", 7}, "Page 2 of 7"},
		{"plain", "cs", "role.lecturer", nil, "lektor"},
		{"unknown language falls back to Czech", "de", "role.lecturer", nil, "lektor"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := cat.For(tt.lang).T(tt.key, tt.pairs...); got != tt.want {
				t.Errorf("T(%q) = %q, want %q", tt.key, got, tt.want)
			}
		})
	}
	if m := cat.Missing(); len(m) != 0 {
		t.Errorf("Missing() = %v, want none", m)
	}
}

func TestMissingKey(t *testing.T) {
	cat := loadCatalog(t)
	if got := cat.For("cs").T("test.no_such_key"); got != "test.no_such_key" {
		t.Errorf("T of a missing key = %q, want the key", got)
	}
	if got := cat.For("en").N("test.no_such_plural", 3); got != "test.no_such_plural" {
		t.Errorf("N of a missing key = %q, want the key", got)
	}
	want := []string{"cs:test.no_such_key", "en:test.no_such_plural"}
	if got := cat.Missing(); !slices.Equal(got, want) {
		t.Errorf("Missing() = %v, want %v", got, want)
	}
}

func TestOfIsTheKeyOfAValue(t *testing.T) {
	type status string // as the domain's kinds and statuses are
	l := loadCatalog(t).For("cs")
	for _, tt := range []struct {
		family string
		value  any
		want   string
	}{
		{"role", "admin", l.T("role.admin")},
		{"role", status("lecturer"), l.T("role.lecturer")},
		{"region", "PHA", l.T("region.PHA")},
	} {
		if got := l.Of(tt.family, tt.value); got != tt.want || strings.HasPrefix(got, tt.family+".") {
			t.Errorf("Of(%q, %v) = %q, want %q", tt.family, tt.value, got, tt.want)
		}
	}
}
