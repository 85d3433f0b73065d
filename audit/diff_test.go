package audit_test

import (
	"reflect"
	"testing"

	"mentorlms/audit"
)

func TestChanges(t *testing.T) {
	tests := []struct {
		name          string
		entity        string
		before, after string
		want          []audit.FieldChange
	}{
		{"update", "person", `{"name":"Marie Nová","roles":["trainee"],"active":true,"updated_at":"x"}`,
			`{"name":"Marie Giňová","roles":["trainee","lecturer"],"active":true,"updated_at":"y"}`,
			[]audit.FieldChange{{"", "", "name", "Marie Nová", "Marie Giňová"}, {"", "", "roles", "trainee", "trainee, lecturer"}}},
		{"creation", "person", ``, `{"id":4,"active":true}`,
			[]audit.FieldChange{{"", "", "active", "", "✓"}, {"", "", "id", "", "4"}}},
		{"a meeting moved", "supervision", `{"region":"PHA","region_name":"Praha"}`, `{"region":"STC","region_name":"Středočeský kraj"}`,
			[]audit.FieldChange{{"", "", "region", "PHA", "STC"}}},
		// A roster's marks change together: each person's changed fields, under their name.
		{"marks", "session", `{"person 13":{"name":"Žaneta Červeňáková","status":"late","minutes":15,"source":"lecturer"}}`,
			`{"person 13":{"name":"Žaneta Červeňáková","status":"late","minutes":30,"source":"lecturer"},"person 2":{"name":"Adam Bandy","status":"present","minutes":90,"source":"lecturer"}}`,
			[]audit.FieldChange{{"Adam Bandy", "", "minutes", "", "90"}, {"Adam Bandy", "", "source", "", "lecturer"},
				{"Adam Bandy", "", "status", "", "present"}, {"Žaneta Červeňáková", "", "minutes", "15", "30"}}},
		// A part of a record is labelled by its field, named or not, and a change of its name shows.
		{"parts of a certificate", "certificate", `{"number":"S/2026/0001","content":{"course":"Dluhy","issuer":{"name":"Spolek A","ico":"1"}}}`,
			`{"number":"S/2026/0001","content":{"course":"Dluhy","issuer":{"name":"Spolek B","ico":"1"}},"duplicate_on":"2026-03-02"}`,
			[]audit.FieldChange{{"", "", "duplicate_on", "", "2026-03-02"}, {"", "issuer", "name", "Spolek A", "Spolek B"}}},
		{"a run's seats follow its enrolments", "run", `{"capacity":9,"seats":{"taken":1,"free":8}}`,
			`{"capacity":10,"seats":{"taken":2,"free":8}}`, []audit.FieldChange{{"", "", "capacity", "9", "10"}}},
		// A part without a name is named by its field.
		{"a part", "person", `{"record_check":{"issued_on":"2026-01-05","clean":true}}`, `{"record_check":{"issued_on":"2026-02-20","clean":true}}`,
			[]audit.FieldChange{{"", "record_check", "issued_on", "2026-01-05", "2026-02-20"}}},
		{"no change", "person", `{"a":1}`, `{"a":1}`, nil},
		{"not JSON", "person", `x`, `{"a":1}`, []audit.FieldChange{{"", "", "", "x", `{"a":1}`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := audit.Entry{Entity: tt.entity, Before: tt.before, After: tt.after}.Changes()
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Changes() = %#v, want %#v", got, tt.want)
			}
		})
	}
}
