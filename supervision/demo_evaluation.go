package supervision

import (
	"context"
	"fmt"
	"time"
)

// demoEval is one demo record: the mentor's e-mail, the centre's name and the counts
// (clients and successful of types A, B and C).
type demoEval struct {
	email, centre string
	counts        EvalCounts
}

// demoEvalPeriods are the records of the two periods that ended last, older first: the
// mentors of Ústí (Děčín, Rumburk, Chomutov, Most, Ústí nad Labem) and Moravian-Silesian
// (Ostrava, Karviná) regions. Jan Bandy works for Děčín too in the later period, so that the
// region's total counts him once.
var demoEvalPeriods = [2][]demoEval{
	{
		{"ucastnik@mentorlms.example", "Děčín", EvalCounts{2, 1, 3, 2, 4, 4}},
		{"jan.bandy@mentorlms.example", "Rumburk", EvalCounts{1, 0, 2, 1, 3, 2}},
		{"helena.danielova@mentorlms.example", "Chomutov", EvalCounts{3, 1, 2, 1, 1, 1}},
		{"frantisek.duzda@mentorlms.example", "Most", EvalCounts{0, 0, 1, 1, 2, 1}},
		{"lucie.olahova@mentorlms.example", "Ústí nad Labem", EvalCounts{1, 0, 0, 0, 1, 0}},
		{"roman.balog@mentorlms.example", "Ostrava", EvalCounts{2, 1, 2, 2, 3, 2}},
		{"zaneta.cervenakova@mentorlms.example", "Karviná", EvalCounts{1, 0, 1, 1, 2, 2}},
		{"milan.kotlar@mentorlms.example", "Ostrava", EvalCounts{0, 0, 3, 1, 2, 2}},
	},
	{
		{"ucastnik@mentorlms.example", "Děčín", EvalCounts{1, 1, 4, 3, 5, 4}},
		{"jan.bandy@mentorlms.example", "Rumburk", EvalCounts{2, 1, 2, 2, 2, 2}},
		{"jan.bandy@mentorlms.example", "Děčín", EvalCounts{0, 0, 1, 0, 1, 1}},
		{"helena.danielova@mentorlms.example", "Chomutov", EvalCounts{2, 0, 3, 2, 1, 1}},
		{"frantisek.duzda@mentorlms.example", "Most", EvalCounts{1, 1, 1, 0, 2, 2}},
		{"lucie.olahova@mentorlms.example", "Ústí nad Labem", EvalCounts{0, 0, 1, 1, 2, 1}},
		{"roman.balog@mentorlms.example", "Ostrava", EvalCounts{3, 1, 2, 1, 2, 2}},
		{"zaneta.cervenakova@mentorlms.example", "Karviná", EvalCounts{1, 1, 2, 1, 1, 1}},
		{"milan.kotlar@mentorlms.example", "Ostrava", EvalCounts{1, 0, 2, 2, 3, 2}},
	},
}

// demoEvalRecorders are the coordinators who record the demo's evaluations, by region (as
// people/demo.go has them).
var demoEvalRecorders = map[string]string{
	"ULK": "koordinator@mentorlms.example",
	"MSK": "renata.lakatosova@mentorlms.example",
}

// DemoEvaluations records the demo's evaluations of the two periods that ended last before
// now, each by the coordinator of the mentor's region, and corrects one of them, so that the
// report, the grid and the audit log have something to show. The demo people must exist
// (people.Demo). It does nothing when any evaluation exists, so a second run adds nothing.
func DemoEvaluations(ctx context.Context, s *Service, now time.Time) error {
	var n int
	if err := s.db.R.GetContext(ctx, &n, `SELECT COUNT(*) FROM evaluations`); err != nil || n > 0 {
		return err
	}
	centres, err := s.people.Centres(ctx)
	if err != nil {
		return err
	}
	centreID := map[string]int64{}
	for _, c := range centres {
		centreID[c.Name] = c.ID
	}
	last := EvalPeriodOf(now).Prev()
	for i, period := range []EvalPeriod{last.Prev(), last} {
		for _, d := range demoEvalPeriods[i] {
			mentor, err := s.people.ByEmail(ctx, s.db.R, d.email)
			if err != nil {
				return fmt.Errorf("supervision: demo evaluation of %s: %w", d.email, err)
			}
			coord, err := s.people.ByEmail(ctx, s.db.R, demoEvalRecorders[mentor.Region])
			if err != nil {
				return fmt.Errorf("supervision: demo coordinator of %s: %w", mentor.Region, err)
			}
			in := EvaluationInput{PersonID: mentor.ID, CentreID: centreID[d.centre], Year: period.Year,
				Period: period.N, EvalCounts: d.counts}
			if i == 1 && d.email == "ucastnik@mentorlms.example" {
				// Entered first with one successful client too few, then corrected: the audit log
				// keeps both.
				first := in
				first.SuccessC--
				if _, _, err := s.RecordEvaluation(ctx, coord.Principal(""), first, now); err != nil {
					return fmt.Errorf("supervision: demo evaluation of %s: %w", d.email, err)
				}
			}
			if _, _, err := s.RecordEvaluation(ctx, coord.Principal(""), in, now); err != nil {
				return fmt.Errorf("supervision: demo evaluation of %s: %w", d.email, err)
			}
		}
	}
	return nil
}
