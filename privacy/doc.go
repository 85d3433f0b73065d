// Package privacy owns what the product does for the rights of the people it holds data about
// (GDPR Art. 15, 17 and 20): the export of everything about a person, as JSON and as a
// readable PDF, and erasure, which anonymises a person while the records the law requires stay.
// It knows every table that holds data about people (tables.go); a test fails when a new one
// is not classified there.
package privacy
