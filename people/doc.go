// Package people owns persons and their roles, regions and PMS centres, passwords and sign-in
// (with lockout), server-side browser sessions, API tokens, the one-time link that creates the
// first administrator, and the pages and API for managing people.
package people
