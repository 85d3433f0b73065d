package people_test

import (
	"bytes"
	"errors"
	"testing"

	"github.com/xuri/excelize/v2"

	"mentorlms/people"
	"mentorlms/web"
)

// FuzzReadImport feeds the people import files as spreadsheets may save them: CSV with either
// separator, with or without a byte order mark, and XLSX. It never panics; a refusal is a
// message for the person who chose the file, and what it reads has no more rows than lines.
func FuzzReadImport(f *testing.F) {
	for _, s := range []string{
		"jméno;e-mail;datum narození;kraj;role\nMarie Giňová;marie@test.cz;17. 5. 1990;ULK;účastník\n",
		"\xEF\xBB\xBFname,email,roles\nJan Bandy,jan@test.cz,trainee\n",
		"name;email;roles\n\"Jan \"\"Honza\"\" Bandy\";jan@test.cz;trainee;extra\n",
		"jméno\n", "", "\xff\xfe", "name,email\n\"unterminated\n", "\xD0\xCF\x11\xE0", "PK\x03\x04garbage",
	} {
		f.Add("lide.csv", []byte(s))
	}
	x := excelize.NewFile()
	_ = x.SetSheetRow("Sheet1", "A1", &[]any{"jméno", "e-mail", "role"})
	_ = x.SetSheetRow("Sheet1", "A2", &[]any{"Eva Horváthová", "eva@test.cz", "lektor"})
	var buf bytes.Buffer
	if err := x.Write(&buf); err != nil {
		f.Fatal(err)
	}
	f.Add("lide.xlsx", buf.Bytes())
	f.Fuzz(func(t *testing.T, name string, b []byte) {
		file, err := people.ReadImport(name, bytes.NewReader(b))
		if err != nil {
			var listed *people.ImportError
			if _, ok := web.AsError(err); !ok && !errors.As(err, &listed) {
				t.Fatalf("%q: %v is neither a message nor a list of problems", name, err)
			}
			return
		}
		if lines := bytes.Count(b, []byte("\n")) + 1; !bytes.HasPrefix(b, []byte("PK")) && len(file.Rows) > lines {
			t.Fatalf("%d rows read from %d lines", len(file.Rows), lines)
		}
	})
}
