// Package supervision owns a mentor's obligations after the course: supervision meetings and
// their cadence, the mentor's status and its history, the evaluation of mentors' work every two
// months, continuing education against its yearly target, transcripts and the dashboards of
// regions. This file set begins with the pure rules of the cadence (rules.go).
package supervision
