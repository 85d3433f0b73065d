package people

import (
	"bytes"
	"encoding/csv"
	"errors"
	"io"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"mentorlms/web"
)

// maxImportSize bounds what an import reads into memory; a list of people is far smaller.
const maxImportSize = 16 << 20

// ReadImport reads an import file of people: XLSX when its name ends in .xlsx or its content
// is a ZIP archive (an .xlsx saved under another name), CSV otherwise. name is only looked at,
// never opened.
func ReadImport(name string, r io.Reader) (ImportFile, error) {
	b, err := io.ReadAll(io.LimitReader(r, maxImportSize+1))
	if err != nil {
		return ImportFile{}, err
	}
	if len(b) > maxImportSize {
		return ImportFile{}, web.BadRequest("import.file.too_large", "Max", maxImportSize>>20)
	}
	ext := strings.ToLower(filepath.Ext(name))
	switch {
	case ext == ".xls" || ext == ".ods" || bytes.HasPrefix(b, []byte{0xD0, 0xCF, 0x11, 0xE0}):
		return ImportFile{}, web.BadRequest("import.file.format")
	case ext == ".xlsx" || bytes.HasPrefix(b, []byte("PK\x03\x04")):
		return readXLSX(b)
	}
	return readCSV(b)
}

// readCSV reads CSV as Czech Excel writes it: UTF-8 with or without a byte order mark, the
// columns separated by semicolons (Excel in Czech) or commas (elsewhere), whichever the header
// row uses more.
func readCSV(b []byte) (ImportFile, error) {
	b = bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))
	if !utf8.Valid(b) {
		// Older Excel saves "CSV" in Windows-1250; guessing an encoding could garble names
		// that then stand on certificates, so the person is told how to save it instead.
		return ImportFile{}, web.BadRequest("import.file.encoding")
	}
	cr := csv.NewReader(bytes.NewReader(b))
	cr.Comma = separator(b)
	cr.FieldsPerRecord = -1 // a row may end early; missing cells are empty
	var rows []cellRow
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		var pe *csv.ParseError
		if errors.As(err, &pe) {
			return ImportFile{}, &ImportError{Problems: []ImportProblem{{Line: pe.StartLine, Msg: web.M("import.csv.quotes")}}}
		} else if err != nil {
			return ImportFile{}, err
		}
		line, _ := cr.FieldPos(0)
		rows = append(rows, cellRow{line: line, cells: rec})
	}
	return readTable(rows, nil)
}

// separator picks the separator the first non-blank line uses most, outside quotes.
func separator(b []byte) rune {
	var line string
	for _, l := range strings.Split(string(b), "\n") {
		if strings.TrimSpace(l) != "" {
			line = l
			break
		}
	}
	counts := map[rune]int{}
	quoted := false
	for _, c := range line {
		switch {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ';' || c == ',' || c == '\t'):
			counts[c]++
		}
	}
	best := ','
	for _, c := range []rune{';', '\t'} {
		if counts[c] > counts[best] {
			best = c
		}
	}
	return best
}

// readXLSX reads the first sheet of a workbook. Cells are read raw, so that a date cell gives
// its serial number and is read as that date, whatever format the sheet shows it in.
func readXLSX(b []byte) (ImportFile, error) {
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		return ImportFile{}, web.BadRequest("import.file.xlsx")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return ImportFile{}, web.BadRequest("import.file.empty")
	}
	sheet := sheets[0]
	raw, err := f.GetRows(sheet, excelize.Options{RawCellValue: true})
	if err != nil {
		return ImportFile{}, web.BadRequest("import.file.xlsx")
	}
	props, _ := f.GetWorkbookProps()
	date1904 := props.Date1904 != nil && *props.Date1904
	rows := make([]cellRow, len(raw))
	for i, r := range raw {
		rows[i] = cellRow{line: i + 1, cells: r} // GetRows keeps blank rows, so index i is row i+1
	}
	return readTable(rows, func(field string, line, col int, cell string) string {
		if field != "birth_date" {
			return cell
		}
		n, err := strconv.ParseFloat(cell, 64)
		if err != nil || n < 1 || !dateCell(f, sheet, line, col) {
			return cell
		}
		t, err := excelize.ExcelDateToTime(n, date1904)
		if err != nil {
			return cell
		}
		return t.Format(web.DateLayout)
	})
}

// dateCell reports whether a cell holds a number shown as a date. A bare number such as 1990
// typed into the date column is not taken for day 1990 after 1900, which would pass for a
// birth date.
func dateCell(f *excelize.File, sheet string, line, col int) bool {
	name, err := excelize.CoordinatesToCellName(col+1, line)
	if err != nil {
		return false
	}
	switch typ, err := f.GetCellType(sheet, name); {
	case err != nil:
		return false
	case typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber && typ != excelize.CellTypeDate:
		return false
	}
	id, err := f.GetCellStyle(sheet, name)
	if err != nil {
		return false
	}
	st, err := f.GetStyle(id)
	if err != nil || st == nil {
		return false
	}
	if st.CustomNumFmt != nil {
		code := strings.ToLower(*st.CustomNumFmt)
		return strings.Contains(code, "d") && strings.Contains(code, "m") && strings.Contains(code, "y")
	}
	// Excel's built-in date formats (14–17, 22) and their East Asian variants (27–36, 50–58).
	id = st.NumFmt
	return (14 <= id && id <= 17) || id == 22 || (27 <= id && id <= 36) || (50 <= id && id <= 58)
}
