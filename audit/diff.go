package audit

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// FieldChange is one field of a record as it was before and after a change.
type FieldChange struct {
	Field  string
	Before string
	After  string
}

// bookkeeping fields change with every write and say nothing a reader needs.
var bookkeeping = map[string]bool{"updated_at": true}

// derived are the fields of a kind of record that follow another field the entry already shows:
// a supervision meeting's region_name follows its region.
var derived = map[string]map[string]bool{"supervision": {"region_name": true}}

// Changes lists the fields that differ between Before and After, so that a reader sees what
// changed instead of two blobs of JSON. For a creation every field is listed; an entry whose
// states are not JSON objects yields its raw text under the field "".
func (e Entry) Changes() []FieldChange {
	before, okB := object(e.Before)
	after, okA := object(e.After)
	if !okB || !okA {
		return []FieldChange{{Before: e.Before, After: e.After}}
	}
	keys := map[string]bool{}
	for k := range before {
		keys[k] = true
	}
	for k := range after {
		keys[k] = true
	}
	var out []FieldChange
	for k := range keys {
		b, a := show(before[k]), show(after[k])
		if b != a && !bookkeeping[k] && !derived[e.Entity][k] {
			out = append(out, FieldChange{Field: k, Before: b, After: a})
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
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
	default:
		return fmt.Sprint(x)
	}
}
