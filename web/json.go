package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"

	"github.com/gofiber/fiber/v2"
)

// DecodeJSON reads the request body into dst strictly: malformed JSON, unknown fields, a wrong
// type or trailing data are a 400 naming the problem.
func DecodeJSON(c *fiber.Ctx, dst any) error {
	dec := json.NewDecoder(bytes.NewReader(c.Body()))
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
