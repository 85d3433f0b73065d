// Package pdftest reads back the text of rendered PDFs, so that tests can check what a document
// says.
//
// It runs pdftotext from poppler (Debian: apt-get install -y poppler-utils). The pure-Go reader
// github.com/ledongthuc/pdf was tried first and cannot be used: gofpdf maps every glyph with one
// ToUnicode range (<0000> <FFFF> <0000>), and that reader adds the offset into a range to the
// last byte only, so every letter above U+00FF (ž, ř, č …) comes back wrong.
package pdftest

import (
	"bytes"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Tool is the program that extracts the text.
const Tool = "pdftotext"

// Available reports whether the extractor is installed. Where it is not, tests that need it are
// skipped on a developer's machine and fail in CI (CI=true), so that a CI image without it
// cannot pass silently.
func Available(t testing.TB) bool {
	t.Helper()
	if _, err := exec.LookPath(Tool); err == nil {
		return true
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed; in CI run: apt-get install -y poppler-utils", Tool)
	}
	t.Skipf("%s is not installed (apt-get install -y poppler-utils); skipping the check of the PDF's text", Tool)
	return false
}

// Text returns the text of a PDF with the layout of its lines kept, pages separated by form
// feeds (\f).
func Text(t testing.TB, pdf []byte) string {
	t.Helper()
	Available(t)
	cmd := exec.CommandContext(t.Context(), Tool, "-enc", "UTF-8", "-layout", "-", "-")
	cmd.Stdin = bytes.NewReader(pdf)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s: %v: %s", Tool, err, stderr.String())
	}
	return string(out)
}

// Pages returns the text of each page.
func Pages(t testing.TB, pdf []byte) []string {
	t.Helper()
	pages := strings.Split(Text(t, pdf), "\f")
	if n := len(pages); n > 0 && strings.TrimSpace(pages[n-1]) == "" {
		pages = pages[:n-1]
	}
	return pages
}

// Words joins the text's words with single spaces, so that a test can look for a phrase
// whatever the spacing of the layout.
func Words(s string) string { return strings.Join(strings.Fields(s), " ") }
