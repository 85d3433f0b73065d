package web

import (
	"bytes"
	"encoding/csv"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/gofiber/fiber/v2"
	"github.com/xuri/excelize/v2"
)

// The content types of the exports.
const (
	MIMECSV  = "text/csv; charset=utf-8"
	MIMEXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)

// WriteCSV writes a table as CSV in the dialect that Czech Excel opens with a double click:
// UTF-8 with a byte-order mark (without it Excel reads the file as Windows-1250 and breaks the
// diacritics), fields separated by ';' (the Czech list separator, since ',' is the decimal
// mark), CRLF line ends. The dialect follows the spreadsheet, not the reader's language, so the
// caller writes numbers with a decimal comma whatever the language. Every cell goes through
// SafeCell.
func WriteCSV(w io.Writer, header []string, rows [][]string) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	cw.Comma, cw.UseCRLF = ';', true
	for _, rec := range append([][]string{header}, rows...) {
		safe := make([]string, len(rec))
		for i, s := range rec {
			safe[i] = SafeCell(s)
		}
		if err := cw.Write(safe); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

// SafeCell keeps text that begins like a formula from being run as one when a spreadsheet
// opens the file (CSV injection): it gets a leading apostrophe. A plain number ("-5", "+1,5")
// is left alone, since it computes nothing.
func SafeCell(s string) string {
	if s == "" || !strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return s
	}
	if _, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64); err == nil {
		return s
	}
	return "'" + s
}

// Sheet is a table for an Excel workbook of one sheet. A cell is a string (always a text
// cell, never a formula or a guessed number), an int or a float64 (a number), a time.Time (a
// calendar date, shown the reader's way) or nil (left empty).
type Sheet struct {
	Name   string
	Header []string
	Rows   [][]any
	// Formats are number formats of columns (0-based), e.g. "0.0"; Widths are column widths.
	Formats map[int]string
	Widths  []float64
	// Lang chooses how dates read: "d. m. yyyy" in Czech, "d mmm yyyy" otherwise.
	Lang string
}

// WriteXLSX writes a sheet as an Excel workbook: a bold header row that stays in view,
// numbers as numbers (so they can be summed and sorted), dates as dates, and columns wide
// enough to read.
func WriteXLSX(w io.Writer, s Sheet) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", s.Name); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	dateFmt := "d. m. yyyy"
	if s.Lang != "cs" {
		dateFmt = "d mmm yyyy"
	}
	date, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return err
	}
	formats := map[int]int{}
	for col, format := range s.Formats {
		if formats[col], err = f.NewStyle(&excelize.Style{CustomNumFmt: &format}); err != nil {
			return err
		}
	}
	cell := func(col, row int) string { name, _ := excelize.CoordinatesToCellName(col+1, row); return name }
	for i, h := range s.Header {
		if err := f.SetCellStr(s.Name, cell(i, 1), h); err != nil {
			return err
		}
	}
	if len(s.Header) > 0 {
		if err := f.SetCellStyle(s.Name, cell(0, 1), cell(len(s.Header)-1, 1), bold); err != nil {
			return err
		}
	}
	for i, vals := range s.Rows {
		row := i + 2
		for j, v := range vals {
			if err := setCell(f, s.Name, cell(j, row), v, formats[j], date); err != nil {
				return err
			}
		}
	}
	for i, wd := range s.Widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(s.Name, col, col, wd); err != nil {
			return err
		}
	}
	if err := f.SetPanes(s.Name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	_, err = f.WriteTo(w)
	return err
}

// setCell writes one value by its type; number is the column's number style (0: none).
func setCell(f *excelize.File, sheet, at string, v any, number, date int) error {
	switch v := v.(type) {
	case nil:
		return nil
	case string:
		if v == "" {
			return nil
		}
		return f.SetCellStr(sheet, at, v)
	case time.Time:
		if v.IsZero() {
			return nil
		}
		if err := f.SetCellValue(sheet, at, v); err != nil {
			return err
		}
		return f.SetCellStyle(sheet, at, at, date)
	}
	if err := f.SetCellValue(sheet, at, v); err != nil {
		return err
	}
	if number == 0 {
		return nil
	}
	return f.SetCellStyle(sheet, at, at, number)
}

// SendDownload writes a file whole before answering, so that a failure is an error page and
// not half a file, and sends it as a download that no cache keeps: exports list people.
func SendDownload(c *fiber.Ctx, filename, contentType string, write func(io.Writer) error) error {
	var buf bytes.Buffer
	if err := write(&buf); err != nil {
		return err
	}
	c.Set(fiber.HeaderContentType, contentType)
	c.Set(fiber.HeaderContentDisposition, `attachment; filename="`+filename+`"`)
	c.Set(fiber.HeaderCacheControl, "no-store")
	return c.Send(buf.Bytes())
}
