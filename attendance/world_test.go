package attendance_test

import (
	"context"
	"testing"
	"time"

	"mentorlms/attendance"
	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/enrollment"
	"mentorlms/enrollment/enrolltest"
	"mentorlms/web"
)

var now = time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)

// world is an admin, a lecturer, an open run and trainees who may be enrolled in it, with the
// enrolment service (es) and the attendance service (s) over one database.
type world struct {
	ctx      context.Context
	d        *db.DB
	s        *attendance.Service
	es       *enrollment.Service
	admin    *web.Principal
	run      courses.Run
	trainees []int64
}

// newWorld is enrolltest's world with the enrolment and attendance services over it.
func newWorld(t testing.TB, n int) *world {
	t.Helper()
	e := enrolltest.New(t, n, now)
	es := enrollment.NewService(e.D)
	return &world{ctx: e.Ctx, d: e.D, s: attendance.NewService(e.D, es), es: es, admin: e.Admin, run: e.Run, trainees: e.Trainees}
}
