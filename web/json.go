package web

import (
	"bytes"
	"errors"
	"mime"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/go-json-experiment/json"
	"github.com/go-json-experiment/json/jsontext"
	"github.com/gofiber/fiber/v2"
)

// MaxJSON is the largest JSON body the API reads. The largest real one, a roster of a few
// hundred marks, is a few tens of kilobytes.
const MaxJSON = 1 << 20

// DecodeJSON reads the request body into dst strictly, so that one body means one thing:
//   - a body that is not declared application/json is a 415, one over MaxJSON a 413;
//   - malformed JSON, invalid UTF-8, a member named twice, a member that dst does not have
//     (names match exactly: "NAME" is not "name"), a wrong type or trailing data are a 400
//     naming the problem.
//
// It uses the JSON v2 semantics (github.com/go-json-experiment/json, the mirror of Go's
// encoding/json/v2), which are strict about names, duplicates and UTF-8 by default; the
// standard library's v1 decoder accepts all three silently.
func DecodeJSON(c *fiber.Ctx, dst any) error {
	raw := c.Body()
	body := bytes.TrimSpace(raw)
	if len(body) == 0 {
		return BadRequest("error.json.empty")
	}
	if !IsJSONType(c.Get(fiber.HeaderContentType)) {
		return &Error{Code: CodeUnsupportedMedia, Msg: M("error.json.media_type")}
	}
	if len(raw) > MaxJSON {
		return &Error{Code: CodeTooLarge, Msg: M("error.json.too_large", "Max", MaxJSON>>10)}
	}
	return decodeStrict(body, dst)
}

// IsJSONType reports whether a Content-Type header declares JSON (parameters such as a charset
// are allowed).
func IsJSONType(header string) bool {
	mt, _, err := mime.ParseMediaType(header)
	return err == nil && mt == "application/json"
}

// decodeStrict is DecodeJSON after the checks of the request: the JSON text itself.
func decodeStrict(body []byte, dst any) error {
	if bytes.Equal(body, []byte("null")) {
		return BadRequest("error.json.shape") // would decode as "nothing" and pass for an empty object
	}
	if !utf8.Valid(body) {
		return BadRequest("error.json.utf8") // v2 refuses it too, but only where it reads a string
	}
	err := json.Unmarshal(body, dst, json.RejectUnknownMembers(true))
	if err == nil {
		// Well-formed and of the right shape: only now is a null item the problem to tell.
		if p, ok := nullItem(body); ok {
			return BadRequest("error.json.type", "Field", fieldOf(p))
		}
		return nil
	}
	var se *json.SemanticError
	var syn *jsontext.SyntacticError
	switch {
	case errors.Is(err, jsontext.ErrDuplicateName):
		return BadRequest("error.json.duplicate", "Field", fieldOf(pointerOf(err)))
	case errors.Is(err, json.ErrUnknownName):
		return BadRequest("error.json.unknown_field", "Field", fieldOf(pointerOf(err)))
	case errors.As(err, &syn) && strings.Contains(syn.Err.Error(), "after top-level value"):
		return BadRequest("error.json.trailing")
	case errors.As(err, &syn):
		return BadRequest("error.json.malformed")
	case errors.As(err, &se) && se.JSONPointer == "":
		return BadRequest("error.json.shape") // an array or a string where an object belongs
	case errors.As(err, &se):
		return BadRequest("error.json.type", "Field", fieldOf(se.JSONPointer))
	default:
		return BadRequest("error.json.malformed")
	}
}

// nullItem finds a null item of a list ([null]): it would decode as an empty item and be judged
// as one (a mark of person 0), where it is no item at all. A null member of an object is left
// to the type it decodes into.
func nullItem(body []byte) (jsontext.Pointer, bool) {
	if !mayHaveNullItem(body) {
		return "", false
	}
	dec := jsontext.NewDecoder(bytes.NewReader(body))
	for {
		tok, err := dec.ReadToken()
		if err != nil {
			return "", false // malformed text is told by the decoding proper
		}
		if tok.Kind() == 'n' {
			if kind, _ := dec.StackIndex(dec.StackDepth()); kind == '[' {
				return dec.StackPointer(), true
			}
		}
	}
}

// mayHaveNullItem reports whether a null follows a "[" or a "," (past blanks) anywhere: only
// then can a list hold a null item, and is the body worth reading token by token. A member
// that is null ("minutes": null) does not qualify.
func mayHaveNullItem(body []byte) bool {
	for i := bytes.Index(body, []byte("null")); i >= 0; {
		before := bytes.TrimRight(body[:i], " \t\r\n")
		if n := len(before); n > 0 && (before[n-1] == '[' || before[n-1] == ',') {
			return true
		}
		next := bytes.Index(body[i+4:], []byte("null"))
		if next < 0 {
			return false
		}
		i += 4 + next
	}
	return false
}

// pointerOf finds where in the document an error of either kind happened.
func pointerOf(err error) jsontext.Pointer {
	var se *json.SemanticError
	var syn *jsontext.SyntacticError
	switch {
	case errors.As(err, &syn):
		return syn.JSONPointer
	case errors.As(err, &se):
		return se.JSONPointer
	}
	return ""
}

// fieldOf names a member the way the API's field errors do: "record_check.clean", "marks.2.minutes".
func fieldOf(p jsontext.Pointer) string {
	var parts []string
	for tok := range p.Tokens() {
		parts = append(parts, tok)
	}
	return strings.Join(parts, ".")
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
// an integer in [lo, hi] (written in plain digits, a minus sign where lo allows one) is a 400
// naming the parameter.
func QueryInt(c *fiber.Ctx, name string, def, lo, hi int) (int, error) {
	v := c.Query(name)
	if v == "" {
		return def, nil
	}
	digits := strings.TrimPrefix(v, "-")
	plain := digits != "" && strings.Trim(digits, "0123456789") == ""
	n, err := strconv.Atoi(v)
	if !plain || err != nil || n < lo || n > hi {
		return 0, BadRequest("error.query.int", "Name", name, "Min", lo, "Max", hi)
	}
	return n, nil
}

// Page is one page of a list, with the number of all items and where the page begins, so that
// a client knows whether there is more.
type Page[T any] struct {
	Items  []T `json:"items"`
	Total  int `json:"total"`
	Limit  int `json:"limit"`
	Offset int `json:"offset"`
}

// PageOf makes a page of items (never null in JSON).
func PageOf[T any](items []T, total, limit, offset int) Page[T] {
	if items == nil {
		items = []T{}
	}
	return Page[T]{Items: items, Total: total, Limit: limit, Offset: offset}
}

// PageSize and MaxPageSize are the API's default and largest page (docs/openapi.yaml).
const (
	PageSize    = 50
	MaxPageSize = 500
)

// PageOfQuery reads a page's ?page= (1 unless given); anything past MaxPage, or not a
// number, reads as the nearest page that can be, so that no offset overflows.
func PageOfQuery(c *fiber.Ctx) int {
	return min(max(1, c.QueryInt("page", 1)), MaxPage)
}

// MaxPage is the furthest page a page's links can lead to.
const MaxPage = 1 << 20

// Limits reads a list's ?limit= (PageSize unless given, 1 to MaxPageSize) and ?offset= (0 or
// more); anything else is a 400 naming the parameter. An offset past the end is an empty page.
func Limits(c *fiber.Ctx) (limit, offset int, err error) {
	if limit, err = QueryInt(c, "limit", PageSize, 1, MaxPageSize); err != nil {
		return 0, 0, err
	}
	offset, err = QueryInt(c, "offset", 0, 0, 1<<31-1)
	return limit, offset, err
}
