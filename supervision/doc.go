// Package supervision owns a mentor's obligations after the course: supervision meetings and
// their cadence, the mentor's status and its history, the evaluation of mentors' work every two
// months, continuing education against its yearly target, transcripts and the dashboards of
// regions.
//
// The files go by area and layer: rules*.go are pure rules that take the day as a parameter;
// meeting*.go, cadence*.go, status*.go, evaluation*.go, education*.go and transcript*.go hold
// each area's store and service; handlers_*.go and api_*.go its pages and JSON API.
package supervision
