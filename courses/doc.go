// Package courses owns the catalog and the schedule: courses with their hours and curriculum
// modules, accreditations and which one applies to a run, runs with their place, capacity,
// lecturers and status, the sessions of a run (entered in Prague time, stored in UTC, repeating,
// cancellable), seat counts, and the iCalendar feeds of runs and of a person's own sessions.
package courses
