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
			[]audit.FieldChange{{"name", "Marie Nová", "Marie Giňová"}, {"roles", "trainee", "trainee, lecturer"}}},
		{"creation", "person", ``, `{"id":4,"active":true}`,
			[]audit.FieldChange{{"active", "", "✓"}, {"id", "", "4"}}},
		{"a meeting moved", "supervision", `{"region":"PHA","region_name":"Praha"}`, `{"region":"STC","region_name":"Středočeský kraj"}`,
			[]audit.FieldChange{{"region", "PHA", "STC"}}},
		{"no change", "person", `{"a":1}`, `{"a":1}`, nil},
		{"not JSON", "person", `x`, `{"a":1}`, []audit.FieldChange{{"", "x", `{"a":1}`}}},
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
