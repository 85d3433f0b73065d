package main

import (
	"context"
	"slices"

	"mentorlms/db"
	"mentorlms/enrollment"
)

// enrolledIn answers, for courses, whether a person is enrolled (accepted, not waiting or
// withdrawn) in a run: courses shows an online run's join link to them, and may not import
// enrollment, which sits above it. It reads the run's roster, which enrollment owns.
func enrolledIn(d *db.DB) func(ctx context.Context, runID, personID int64) (bool, error) {
	return func(ctx context.Context, runID, personID int64) (bool, error) {
		roster, err := enrollment.Roster(ctx, d.R, runID)
		if err != nil {
			return false, err
		}
		return slices.ContainsFunc(roster, func(e enrollment.Enrollment) bool {
			return e.PersonID == personID && e.Status == enrollment.Enrolled
		}), nil
	}
}
