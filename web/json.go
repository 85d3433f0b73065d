package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"strconv"

	"github.com/gofiber/fiber/v2"
)

// DecodeJSON reads the request body into dst strictly: malformed JSON, unknown fields, a wrong
// type or trailing data are a 400 naming the problem.
func DecodeJSON(c *fiber.Ctx, dst any) error {
	body := bytes.TrimSpace(c.Body())
	if bytes.Equal(body, []byte("null")) {
		return BadRequest("error.json.shape") // would decode as "nothing" and pass for an empty object
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(dst); err != nil {
		var te *json.UnmarshalTypeError
		switch {
		case errors.Is(err, io.EOF):
			return BadRequest("error.json.empty")
		case errors.As(err, &te) && te.Field == "":
			return BadRequest("error.json.shape") // an array or a string where an object belongs
		case errors.As(err, &te):
			return BadRequest("error.json.type", "Field", te.Field)
		default:
			if field, ok := unknownField(err); ok {
				return BadRequest("error.json.unknown_field", "Field", field)
			}
			return BadRequest("error.json.malformed")
		}
	}
	// More() would miss a stray "}" or "]"; only the end of the input is acceptable here.
	if _, err := dec.Token(); err != io.EOF {
		return BadRequest("error.json.trailing")
	}
	return nil
}

// unknownField extracts the name from encoding/json's "json: unknown field \"x\"" error.
func unknownField(err error) (string, bool) {
	const prefix = `json: unknown field "`
	s := err.Error()
	if len(s) > len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix) : len(s)-1], true
	}
	return "", false
}

// List is the shape of every collection the API returns.
type List[T any] struct {
	Items []T `json:"items"`
}

// Items wraps items for the API, turning nil into an empty list.
func Items[T any](items []T) List[T] {
	if items == nil {
		items = []T{}
	}
	return List[T]{Items: items}
}

// QueryInt reads an integer query parameter for the API: absent gives def, anything that is not
// an integer in [lo, hi] is a 400 naming the parameter.
func QueryInt(c *fiber.Ctx, name string, def, lo, hi int) (int, error) {
	v := c.Query(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < lo || n > hi {
		return 0, BadRequest("error.query.int", "Name", name, "Min", lo, "Max", hi)
	}
	return n, nil
}
