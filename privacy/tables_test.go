package privacy

import (
	"slices"
	"testing"

	"mentorlms/db/dbtest"
	"mentorlms/static"
	"mentorlms/web"
)

// TestEveryTableIsClassified fails when a table that refers to a person (directly, or through
// a table that does, as attendance through enrolments) is neither exported nor excluded with
// a reason, and when the classification names a table the schema no longer has.
func TestEveryTableIsClassified(t *testing.T) {
	d := dbtest.Open(t)
	var refs []struct {
		Table string `db:"tbl"`
		To    string `db:"to_table"`
	}
	if err := d.R.Select(&refs, `SELECT m.name AS tbl, f."table" AS to_table FROM sqlite_master m
		JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table'`); err != nil {
		t.Fatal(err)
	}
	var all []string
	if err := d.R.Select(&all, `SELECT name FROM sqlite_master WHERE type = 'table'`); err != nil {
		t.Fatal(err)
	}
	// The tables that reach persons through their foreign keys.
	about := map[string]bool{"persons": true}
	for grew := true; grew; {
		grew = false
		for _, r := range refs {
			if about[r.To] && !about[r.Table] {
				about[r.Table], grew = true, true
			}
		}
	}
	for name := range about {
		if _, ok := tables[name]; !ok {
			t.Errorf("table %s refers to people but privacy/tables.go does not say how it is exported and erased", name)
		}
	}
	for name, tb := range tables {
		if !slices.Contains(all, name) {
			t.Errorf("tables.go classifies %s, which the schema does not have", name)
		}
		if (tb.Export == "") == (tb.Excluded == "") {
			t.Errorf("%s: either an export query or a reason to exclude it, not both or neither", name)
		}
		if len(tb.Erase) > 0 != slices.Contains(eraseOrder, name) {
			t.Errorf("%s: its erasure statements and eraseOrder disagree", name)
		}
		if len(tb.Erase) == 0 && tb.Kept == "" && tb.Export != "" {
			t.Errorf("%s: rows about the person that erasure keeps need a reason (Kept)", name)
		}
	}
}

// TestEveryExportedTableHasALabel: the PDF names each part of the export in both languages.
func TestEveryExportedTableHasALabel(t *testing.T) {
	c, err := web.LoadCatalog(static.Catalog)
	if err != nil {
		t.Fatal(err)
	}
	for name, tb := range tables {
		if tb.Export == "" {
			continue
		}
		for _, lang := range web.Languages {
			c.For(lang).T("export.table." + name)
		}
	}
	if missing := c.Missing(); len(missing) > 0 {
		t.Errorf("labels missing: %v", missing)
	}
}
