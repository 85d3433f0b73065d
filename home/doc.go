// Package home owns the front page (the catalog for visitors, the person's dashboard when
// signed in) and the health check. It sits above every domain so that the dashboard can show
// what each of them offers.
package home
