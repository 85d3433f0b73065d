-- +goose Up
-- The day the last record extract whose facts were deleted was issued: the facts of a criminal
-- record extract are kept only while they can decide something, the date of the last check
-- for good.
ALTER TABLE persons ADD COLUMN record_checked_on TEXT;

-- +goose Down
ALTER TABLE persons DROP COLUMN record_checked_on;
