-- +goose Up
-- A course's page lists its runs a page at a time by first day; with the day in the index the
-- page is read in order instead of sorting every run the course has ever had.
CREATE INDEX runs_course_start ON runs (course_id, starts_on);
DROP INDEX runs_course;

-- +goose Down
CREATE INDEX runs_course ON runs (course_id);
DROP INDEX runs_course_start;
