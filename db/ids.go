package db

import (
	"slices"
	"strconv"
	"strings"
)

// IDs reads a list of ids as SQLite's group_concat writes it ("3,1,2"), in increasing order; a
// row's few related ids come so with the row itself, in the same query, instead of in a query
// of their own. An empty list is an empty slice, never nil, so that it is "[]" in JSON.
func IDs(list string) []int64 {
	out := []int64{}
	for _, f := range strings.Split(list, ",") {
		if id, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64); err == nil {
			out = append(out, id)
		}
	}
	slices.Sort(out)
	return out
}
