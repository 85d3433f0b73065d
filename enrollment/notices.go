package enrollment

import (
	"context"
	"fmt"
	"time"

	"mentorlms/courses"
	"mentorlms/db"
	"mentorlms/reminders"
)

// tell puts the decision about an application in the person's inbox, in the deciding
// transaction: approved with a seat, approved onto the waitlist, or rejected with the reason.
// The key names the enrolment and the decision, so a decision is told once.
func (s *Service) tell(ctx context.Context, q db.Querier, e Enrollment, r courses.Run, now time.Time) error {
	c, err := s.courses.Course(ctx, q, r.CourseID)
	if err != nil {
		return err
	}
	kind := map[Status]string{Enrolled: "application_enrolled", Waitlisted: "application_waitlisted",
		Rejected: "application_rejected"}[e.Status]
	if kind == "" {
		return nil
	}
	args := map[string]any{"Course": c.Title, "Date": r.StartsOn}
	if e.Status == Rejected {
		args["Reason"] = e.Reason
	}
	_, err = reminders.Enqueue(ctx, q, now, reminders.Message{Key: fmt.Sprintf("%s:%d", kind, e.ID), PersonID: e.PersonID,
		Kind: kind, Args: args, Link: fmt.Sprintf("/runs/%d", r.ID)})
	return err
}
