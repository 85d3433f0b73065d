package web

import (
	stdjson "encoding/json"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// sample is shaped like the API's bodies: nested objects, lists of objects, optional values.
type sample struct {
	Name        string `json:"name"`
	RecordCheck *struct {
		IssuedOn string `json:"issued_on"`
		Clean    *bool  `json:"clean"`
	} `json:"record_check"`
	Marks []struct {
		PersonID int64  `json:"person_id"`
		Status   string `json:"status"`
		Minutes  *int   `json:"minutes"`
	} `json:"marks"`
	Roles []string `json:"roles"`
}

// strictCases are the bodies that a lenient decoder lets through; each must be refused with the
// message that names its problem. They seed FuzzDecodeJSON too.
var strictCases = []struct {
	name, body, key, field string
}{
	{"invalid UTF-8 in a value", "{\"name\":\"Jan\xff\"}", "error.json.utf8", ""},
	{"invalid UTF-8 in a key", "{\"n\xc3\":\"Jan\"}", "error.json.utf8", ""},
	{"key in another case", `{"NAME":"Jan"}`, "error.json.unknown_field", "NAME"},
	{"nested key in another case", `{"record_check":{"Issued_On":"2026-01-01"}}`, "error.json.unknown_field", "record_check.Issued_On"},
	{"duplicate key", `{"name":"Jan","name":"Eva"}`, "error.json.duplicate", "name"},
	{"duplicate nested key", `{"marks":[{"person_id":1,"person_id":2}]}`, "error.json.duplicate", "marks.0.person_id"},
	{"unknown nested key", `{"marks":[{"person_id":1,"minute":5}]}`, "error.json.unknown_field", "marks.0.minute"},
	{"wrong nested type", `{"record_check":{"clean":"yes"}}`, "error.json.type", "record_check.clean"},
	{"trailing object", `{"name":"Jan"}{"name":"Eva"}`, "error.json.trailing", ""},
	{"trailing brace", `{"name":"Jan"}}`, "error.json.trailing", ""},
	{"top-level array", `[{"name":"Jan"}]`, "error.json.shape", ""},
	{"null", `null`, "error.json.shape", ""},
	{"truncated", `{"name":`, "error.json.malformed", ""},
	{"a null item", `{"marks":[{"person_id":1},null]}`, "error.json.type", "marks.1"},
	{"a null item in truncated text", `{"marks":[null`, "error.json.malformed", ""},
	{"a null item after the value", `{"name":"Jan"} [null]`, "error.json.trailing", ""},
}

func TestDecodeStrict(t *testing.T) {
	for _, tt := range strictCases {
		t.Run(tt.name, func(t *testing.T) {
			var v sample
			err := decodeStrict([]byte(tt.body), &v)
			var e *Error
			if !errors.As(err, &e) || e.Code != CodeBadRequest || e.Msg.Key != tt.key {
				t.Fatalf("error = %v, want bad_request %s", err, tt.key)
			}
			if tt.field != "" && e.Msg.Args["Field"] != tt.field {
				t.Errorf("field = %v, want %s", e.Msg.Args["Field"], tt.field)
			}
		})
	}
	t.Run("a good body decodes whole", func(t *testing.T) {
		var v sample
		body := `{"name":"Jana Červeňáková","record_check":{"issued_on":"2026-01-05","clean":true},
			"marks":[{"person_id":7,"status":"late","minutes":40}],"roles":["trainee"]}`
		if err := decodeStrict([]byte(body), &v); err != nil {
			t.Fatal(err)
		}
		if v.Name != "Jana Červeňáková" || v.RecordCheck == nil || !*v.RecordCheck.Clean ||
			len(v.Marks) != 1 || *v.Marks[0].Minutes != 40 || v.Roles[0] != "trainee" {
			t.Errorf("decoded %+v", v)
		}
	})
}

func TestParseID(t *testing.T) {
	for s, want := range map[string]int64{"1": 1, "42": 42, "999999999999999999": 999999999999999999} {
		if got, ok := ParseID(s); !ok || got != want {
			t.Errorf("ParseID(%q) = %d, %v; want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "0", "+1", "-1", "01", " 1", "1 ", "1e3", "0x10", "١", "9223372036854775808", "1.0"} {
		if got, ok := ParseID(s); ok {
			t.Errorf("ParseID(%q) = %d, want refused", s, got)
		}
	}
}

func TestCleanText(t *testing.T) {
	for _, s := range []string{"", "Jana Červeňáková", "MSMT-18457/2024-1", "Ústí nad Labem, Ph.D.", "„uvozovky“ – pomlčka"} {
		if !CleanText(s) {
			t.Errorf("CleanText(%q) = false, want true", s)
		}
	}
	for _, s := range []string{"a\x00b", "a\nb", "a\tb", "abc\u202Edcba", "Ja\u200Bna", "\uFEFFJana", "Jana\u2066x\u2069",
		"a\u200Db", "a\u2028b", "a\u00ADb", "\xff"} {
		if CleanText(s) {
			t.Errorf("CleanText(%q) = true, want false", s)
		}
	}
}

// Text typed in a textarea: CRLF line breaks are kept as "\n" and allowed, nothing else hidden.
func TestParagraphs(t *testing.T) {
	if got := Paragraphs(" První.\r\n\r\nDruhý.\r\n"); got != "První.\n\nDruhý." {
		t.Errorf("Paragraphs = %q", got)
	}
	if !CleanParagraphs("První.\n\nDruhý.") {
		t.Error("line breaks refused")
	}
	for _, s := range []string{"a\rb", "a\tb", "a\u202Eb", "a\u2028b", "\xff"} {
		if CleanParagraphs(s) {
			t.Errorf("CleanParagraphs(%q) = true, want false", s)
		}
	}
}

// FuzzDecodeJSON feeds the decoder arbitrary bodies. Whatever it gets, it must not panic, and
// whatever it accepts must be valid UTF-8 JSON without duplicate keys that the standard
// decoder reads to the same value; everything else is a 400.
func FuzzDecodeJSON(f *testing.F) {
	for _, tt := range strictCases {
		f.Add([]byte(tt.body))
	}
	f.Add([]byte(`{"name":"Jan","marks":[{"person_id":1,"status":"present"}],"roles":[]}`))
	f.Add([]byte(`{"record_check":{"issued_on":"2026-01-01","clean":false}}`))
	f.Add([]byte(`{}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		var v sample
		err := decodeStrict(body, &v)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) || e.Code != CodeBadRequest {
				t.Fatalf("error %v is not a 400", err)
			}
			return
		}
		if !stdjson.Valid(body) || strings.ToValidUTF8(string(body), "\uFFFD") != string(body) {
			t.Fatalf("accepted %q, which is not valid UTF-8 JSON", body)
		}
		if dup, ok := duplicateKey(body); ok {
			t.Fatalf("accepted %q with the key %q twice", body, dup)
		}
		var lenient sample
		if err := stdjson.Unmarshal(body, &lenient); err != nil {
			t.Fatalf("accepted %q, which the standard decoder refuses: %v", body, err)
		}
		if !reflect.DeepEqual(v, lenient) {
			t.Fatalf("%q decodes to %+v, the standard decoder to %+v", body, v, lenient)
		}
	})
}

// duplicateKey walks a valid JSON text and reports a key that occurs twice in one object.
func duplicateKey(body []byte) (string, bool) {
	dec := stdjson.NewDecoder(strings.NewReader(string(body)))
	type frame struct {
		object bool
		keys   map[string]bool
		expect bool // the next string token of an object is a key
	}
	var stack []*frame
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", false
		}
		var top *frame
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch tok := tok.(type) {
		case stdjson.Delim:
			switch tok {
			case '{':
				if top != nil && top.object {
					top.expect = true
				}
				stack = append(stack, &frame{object: true, keys: map[string]bool{}, expect: true})
				continue
			case '[':
				if top != nil && top.object {
					top.expect = true
				}
				stack = append(stack, &frame{})
				continue
			default:
				stack = stack[:len(stack)-1]
				continue
			}
		case string:
			if top != nil && top.object && top.expect {
				if top.keys[tok] {
					return tok, true
				}
				top.keys[tok] = true
				top.expect = false
				continue
			}
		}
		if top != nil && top.object {
			top.expect = true
		}
	}
}
