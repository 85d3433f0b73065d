package db_test

import (
	"slices"
	"testing"

	"mentorlms/db"
)

// IDs reads what group_concat gives: nothing, one id, or several in any order.
func TestIDs(t *testing.T) {
	for in, want := range map[string][]int64{"": {}, "7": {7}, "12,3,40": {3, 12, 40}} {
		got := db.IDs(in)
		if got == nil || !slices.Equal(got, want) {
			t.Errorf("IDs(%q) = %#v, want %v", in, got, want)
		}
	}
}
