// Package web owns the HTTP plumbing that every domain shares and that knows no domain: the
// fiber application and its middleware (security headers, locale, sign-in, CSRF, role guards),
// the signed-in principal, the coded errors and their mapping to HTTP status, rendering of the
// embedded templates, strict JSON decoding and the translation catalog with Czech dates and
// plural forms.
package web
