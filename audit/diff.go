package audit

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// FieldChange is one field of a record as it was before and after a change. A field of a part
// of the record is named by the part: Subject, the name of whose it is in a change of many (a
// roster's marks: each person's), or else Group, the part's own field (a record check).
type FieldChange struct {
	Subject string
	Group   string
	Field   string
	Before  string
	After   string
}

// bookkeeping fields change with every write and say nothing a reader needs.
var bookkeeping = map[string]bool{"updated_at": true}

// derived are the fields of a kind of record that follow another field the entry already shows,
// or other records: a supervision meeting's region_name follows its region, a run's seats its
// capacity and its enrolments (each enrolment has entries of its own).
var derived = map[string]map[string]bool{"supervision": {"region_name": true}, "run": {"seats": true}}

// Changes lists the fields that differ between Before and After, so that a reader sees what
// changed instead of two blobs of JSON. For a creation every field is listed; an entry whose
// states are not JSON objects yields its raw text under the field "".
func (e Entry) Changes() []FieldChange {
	before, okB := object(e.Before)
	after, okA := object(e.After)
	if !okB || !okA {
		return []FieldChange{{Before: e.Before, After: e.After}}
	}
	return changes(e.Entity, before, after)
}

// changes lists the fields that differ between two parsed states of a record of kind entity
// ("" for a part of one).
func changes(entity string, before, after map[string]any) []FieldChange {
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	// A state made of nothing but records (a roster's marks, keyed by person) is a change of
	// many: each record's fields go under its name. Otherwise a record inside is a part of the
	// one changed (a certificate's content) and its fields go under the part's own label.
	many := len(keys) > 0 && allRecords(before) && allRecords(after)
	var out []FieldChange
	for k := range keys {
		if bookkeeping[k] || derived[entity][k] {
			continue
		}
		if b, a, ok := nested(before[k], after[k]); ok {
			name := subject(before[k], after[k])
			for _, c := range changes("", b, a) {
				switch {
				case many && c.Field == "name" && c.Group == "":
					continue // the name the record's rows are listed under
				case many && name != "":
					c.Subject = name
				case c.Group == "": // a part of a part keeps its own label
					c.Group = k
				}
				out = append(out, c)
			}
			continue
		}
		b, a := show(before[k]), show(after[k])
		if b != a {
			out = append(out, FieldChange{Field: k, Before: b, After: a})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Subject != out[j].Subject {
			return out[i].Subject < out[j].Subject
		}
		if out[i].Group != out[j].Group {
			return out[i].Group < out[j].Group
		}
		return out[i].Field < out[j].Field
	})
	return out
}

// nested reports whether a field's states are objects (one of them may be absent, which is an
// empty one), to be compared field by field.
func nested(before, after any) (b, a map[string]any, ok bool) {
	b, okB := before.(map[string]any)
	a, okA := after.(map[string]any)
	switch {
	case okB && okA, okB && after == nil, okA && before == nil:
		return b, a, true
	}
	return nil, nil, false
}

// allRecords reports whether every value of a state is a record (an object) or nothing.
func allRecords(state map[string]any) bool {
	for _, v := range state {
		if _, ok := v.(map[string]any); !ok && v != nil {
			return false
		}
	}
	return true
}

// subject names a nested record by its "name", "" when it has none.
func subject(before, after any) string {
	for _, v := range []any{after, before} {
		if m, ok := v.(map[string]any); ok {
			if n, ok := m["name"].(string); ok && n != "" {
				return n
			}
		}
	}
	return ""
}

// object parses a state; an empty state is an empty object.
func object(s string) (map[string]any, bool) {
	m := map[string]any{}
	if s == "" {
		return m, true
	}
	return m, json.Unmarshal([]byte(s), &m) == nil
}

// show renders a JSON value for a person: lists joined, nothing as empty.
func show(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case []any:
		parts := make([]string, len(x))
		for i, p := range x {
			parts[i] = show(p)
		}
		return strings.Join(parts, ", ")
	case bool:
		if x {
			return "✓"
		}
		return "✗"
	case map[string]any:
		// An item of a list (who attended a meeting) reads as its name.
		if n, ok := x["name"].(string); ok {
			return n
		}
		b, _ := json.Marshal(x)
		return string(b)
	default:
		return fmt.Sprint(x)
	}
}
