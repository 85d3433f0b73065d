package attendance

// Completion is where an enrolment stands with finishing its course.
type Completion string

// The completion states.
const (
	InProgress Completion = "in_progress"
	Complete   Completion = "complete"
	Failed     Completion = "failed"
	// WithdrawnOut: the person withdrew; their marks stay, but nothing is in progress.
	WithdrawnOut Completion = "withdrawn"
)

// ExamGraceDays is how long after a run's last day a first exam may still be held; after that,
// with no attempt recorded, the enrolment fails.
const ExamGraceDays = 30

// Standing is what completion looks at besides progress.
type Standing struct {
	RequiresExam bool
	Exam         ExamState
	// RunFinished: the run's status is finished; until then nothing fails.
	RunFinished bool
	Today       string // YYYY-MM-DD in Prague
}

// Decide says whether an enrolment is complete: the attendance threshold is met and, where the
// course requires it, the exam is passed. It fails only once the run is finished and that can
// no longer happen: the hours cannot be reached any more, both exam tries are used up, or the
// time for the next attempt has run out.
func Decide(p Progress, s Standing) Completion {
	if p.ThresholdMet && (!s.RequiresExam || s.Exam.Passed) {
		return Complete
	}
	if !s.RunFinished {
		return InProgress
	}
	// Once the run is over its schedule is final: what unmarked sessions cannot bring is lost.
	if !p.ThresholdMet && !(p.Theory.scheduled() && p.Practice.scheduled()) {
		return Failed
	}
	if !s.RequiresExam || !p.ThresholdMet {
		return InProgress
	}
	if s.Exam.Exhausted || (s.Exam.NextBy != "" && s.Today > s.Exam.NextBy) {
		return Failed
	}
	return InProgress
}
