package people

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"mentorlms/web"
)

// An import file is a table of people, as a coordinator keeps it in a spreadsheet: one header
// row naming the columns, in Czech or in English, then one person per row. Reading it is pure
// (no database); Service.Import judges the rows as Create judges one person.

// ImportRow is one person read from an import file.
type ImportRow struct {
	// Line is where the row stands in the file, counted from 1 as a spreadsheet counts rows.
	Line  int
	Input Input
	// Problems are what could not even be read, such as a date in no known form; they are
	// reported before what validation finds about the same field.
	Problems web.Fields
}

// ImportFile is what an import file holds.
type ImportFile struct {
	// Columns maps a field of Input ("birth_date") to its header as the file writes it
	// ("datum narození"), so that a report names the column the person sees.
	Columns map[string]string
	Rows    []ImportRow
}

// ImportProblem is one thing wrong with an import file: Line is the row (or the header) and
// Field the column it concerns, "" for the row as a whole.
type ImportProblem struct {
	Line  int
	Field string
	Msg   web.Msg
}

// ImportError lists everything wrong with an import file; nothing of it was imported.
type ImportError struct {
	Problems []ImportProblem
	// Rows is how many rows the file has, Bad how many of them have a problem.
	Rows, Bad int
}

// Error says how much is wrong, for logs; a person reads Problems through the catalog.
func (e *ImportError) Error() string {
	return fmt.Sprintf("people: import: %d problems in %d of %d rows", len(e.Problems), e.Bad, e.Rows)
}

// importColumn is a column an import file may have and the header names it is known by.
type importColumn struct {
	field string
	names []string
}

// importFields are the columns an import file may have, in the order a report lists a row's
// problems, each with the header names it is known by. A header matches when it equals one of
// them ignoring case, accents, spaces and punctuation, so "Datum narození", "datum_narozeni"
// and "birth-date" all name the birth date.
var importFields = []importColumn{
	{"titles_before", []string{"tituly před", "titul před", "tituly před jménem", "titles_before", "title_before"}},
	{"name", []string{"jméno", "jméno a příjmení", "celé jméno", "name", "full_name"}},
	// A separate surname is joined to the name, as spreadsheets often keep them apart.
	{"surname", []string{"příjmení", "surname", "last_name", "family_name"}},
	{"titles_after", []string{"tituly za", "titul za", "tituly za jménem", "titles_after", "title_after"}},
	{"email", []string{"e-mail", "email", "mail"}},
	{"birth_date", []string{"datum narození", "narozen", "narozena", "birth_date", "date_of_birth"}},
	{"birth_place", []string{"místo narození", "birth_place", "place_of_birth"}},
	{"region", []string{"kraj", "kód kraje", "region", "region_code"}},
	{"pms_centre", []string{"středisko", "středisko pms", "pms_centre", "pms_center", "centre", "center"}},
	{"roles", []string{"role", "roles"}},
}

// requiredColumns must stand in the header; every other column may be left out.
var requiredColumns = []string{"name", "email", "roles"}

// headerKey is a header name reduced to what identifies it: lower case letters and digits
// without accents.
func headerKey(s string) string {
	return strings.Map(func(r rune) rune {
		if ('a' <= r && r <= 'z') || ('0' <= r && r <= '9') {
			return r
		}
		return -1
	}, Fold(s))
}

var headerFields = func() map[string]string {
	m := map[string]string{}
	for _, c := range importFields {
		for _, n := range c.names {
			m[headerKey(n)] = c.field
		}
	}
	return m
}()

// fieldRank orders a row's problems as the columns of importFields stand.
func fieldRank(field string) int {
	return slices.IndexFunc(importFields, func(c importColumn) bool { return c.field == field })
}

// cellRow is one row of a table as read from a file.
type cellRow struct {
	line  int
	cells []string
}

func blank(cells []string) bool {
	return !slices.ContainsFunc(cells, func(c string) bool { return strings.TrimSpace(c) != "" })
}

// readTable turns the rows of a file into people: the first non-blank row is the header,
// blank rows are skipped. A header that names an unknown column, names one twice or lacks a
// required one refuses the whole file, since every row would be read wrongly. convert, when
// set, turns cells before they are read (a spreadsheet's date serials).
func readTable(rows []cellRow, convert func(field string, line, col int, cell string) string) (ImportFile, error) {
	i := slices.IndexFunc(rows, func(r cellRow) bool { return !blank(r.cells) })
	if i < 0 {
		return ImportFile{}, web.BadRequest("import.file.empty")
	}
	head := rows[i]
	cols, file, problems := readHeader(head)
	if len(problems) > 0 {
		return file, &ImportError{Problems: problems}
	}
	for _, r := range rows[i+1:] {
		if blank(r.cells) {
			continue
		}
		row := ImportRow{Line: r.line}
		var name, surname string
		for j, cell := range r.cells {
			field := ""
			if j < len(cols) {
				field = cols[j]
			}
			if convert != nil && field != "" {
				cell = convert(field, r.line, j, cell)
			}
			cell = strings.TrimSpace(cell)
			switch field {
			case "":
				if cell != "" {
					// A value under no header would be lost without a word.
					row.Problems.Add("", "import.cell.unnamed", "Column", j+1)
				}
			case "name":
				name = cell
			case "surname":
				surname = cell
			case "titles_before":
				row.Input.TitlesBefore = cell
			case "titles_after":
				row.Input.TitlesAfter = cell
			case "email":
				row.Input.Email = cell
			case "birth_date":
				d, ok := importDate(cell)
				if !ok {
					row.Problems.Add("birth_date", "import.date.invalid")
				}
				row.Input.BirthDate = d
			case "birth_place":
				row.Input.BirthPlace = cell
			case "region":
				row.Input.Region = cell
			case "pms_centre":
				row.Input.PMSCentre = cell
			case "roles":
				row.Input.Roles = importRoles(cell)
			}
		}
		row.Input.Name = strings.TrimSpace(name + " " + surname)
		file.Rows = append(file.Rows, row)
	}
	if len(file.Rows) == 0 {
		return ImportFile{}, web.BadRequest("import.file.no_rows")
	}
	return file, nil
}

// readHeader maps each column of the header to a field ("" for an empty header cell).
func readHeader(head cellRow) ([]string, ImportFile, []ImportProblem) {
	file := ImportFile{Columns: map[string]string{}}
	var problems []ImportProblem
	cols := make([]string, len(head.cells))
	for j, h := range head.cells {
		h = strings.TrimSpace(h)
		if h == "" {
			continue
		}
		field, ok := headerFields[headerKey(h)]
		switch {
		case !ok:
			problems = append(problems, ImportProblem{Line: head.line, Msg: web.M("import.column.unknown", "Column", h)})
		case file.Columns[field] != "":
			problems = append(problems, ImportProblem{Line: head.line, Field: field,
				Msg: web.M("import.column.twice", "Column", h, "Other", file.Columns[field])})
		default:
			cols[j], file.Columns[field] = field, h
		}
	}
	for _, f := range requiredColumns {
		if file.Columns[f] == "" {
			problems = append(problems, ImportProblem{Line: head.line, Field: f, Msg: web.M("import.column.missing")})
		}
	}
	return cols, file, problems
}

// importRoles splits a list of roles on commas or semicolons; Czech names of the roles
// (účastník, lektorka …) stand for their codes, anything else is left for validation to name.
func importRoles(cell string) []string {
	var out []string
	for _, r := range strings.FieldsFunc(cell, func(r rune) bool { return r == ',' || r == ';' }) {
		r = strings.TrimSpace(r)
		if code, ok := czechRoles[headerKey(r)]; ok {
			r = code
		}
		if r != "" {
			out = append(out, r)
		}
	}
	return out
}

var czechRoles = map[string]string{
	"administrator": "admin", "administratorka": "admin", "spravce": "admin", "spravkyne": "admin",
	"koordinator": "coordinator", "koordinatorka": "coordinator",
	"lektor": "lecturer", "lektorka": "lecturer",
	"ucastnik": "trainee", "ucastnice": "trainee",
}

var (
	isoDate   = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})$`)
	czechDate = regexp.MustCompile(`^(\d{1,2})\.\s*(\d{1,2})\.\s*(\d{4})$`)
)

// importDate reads a date as Czech spreadsheets write it, 1. 3. 1990 or 1.3.1990, or as
// 1990-03-01, and returns it as YYYY-MM-DD; ok is false for anything else, or a day that does
// not exist, and then the cell comes back as it was. An empty cell is no date and no problem.
func importDate(cell string) (string, bool) {
	var y, m, d string
	if p := isoDate.FindStringSubmatch(cell); p != nil {
		y, m, d = p[1], p[2], p[3]
	} else if p := czechDate.FindStringSubmatch(cell); p != nil {
		d, m, y = p[1], p[2], p[3]
	} else {
		return cell, cell == ""
	}
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if t.Year() != yi || int(t.Month()) != mi || t.Day() != di {
		return cell, false // 30. 2. would silently become 2. 3.
	}
	return t.Format(web.DateLayout), true
}
