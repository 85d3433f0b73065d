package web

import (
	"strconv"

	"github.com/gofiber/fiber/v2"
)

// ParseID reads an id as it may appear in a path, a query or a form: plain ASCII digits, no sign,
// no leading zero, no spaces, a positive number that fits in int64. strconv alone would take
// "+1" and "-0", so that one record would answer to several spellings.
func ParseID(s string) (int64, bool) {
	if s == "" || len(s) > 18 || s[0] == '0' {
		return 0, false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
	}
	id, err := strconv.ParseInt(s, 10, 64)
	return id, err == nil && id > 0
}

// QueryID reads an optional id filter from the query: absent gives 0, anything that is not an
// id is a 400 naming the parameter, so that a mistyped filter never silently widens a list.
func QueryID(c *fiber.Ctx, name string) (int64, error) {
	v := c.Query(name)
	if v == "" {
		return 0, nil
	}
	id, ok := ParseID(v)
	if !ok {
		return 0, BadRequest("error.query.id", "Name", name)
	}
	return id, nil
}
