// Package audit owns the append-only audit log: who did what to which record and when, with
// the record as it was before and after. Domains write entries inside their own transactions
// so that a change and its entry commit together; admins browse and filter the log.
package audit
