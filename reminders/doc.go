// Package reminders owns the delivery of messages to people: the outbox that domains enqueue
// into inside their own transactions (idempotent by key), and the in-app inbox that shows
// those messages with an unread count. E-mail delivery and scheduled scans build on it.
package reminders
