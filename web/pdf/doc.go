// Package pdf is the shared toolkit for the printable documents of the product (attendance
// sheets, class books, certificates): an A4 document with fonts that cover Czech, a footer with
// page numbers and a table whose cells wrap. It knows no domain; callers pass text already
// translated.
package pdf
