-- +goose Up
-- Withdrawing consent to self-identification erases the stated value in every earlier entry,
-- not only from the day of withdrawal on; entries recorded before this rule get the same.
UPDATE identifications SET roma = NULL
WHERE EXISTS (SELECT 1 FROM identifications w
              WHERE w.person_id = identifications.person_id AND w.withdrawn_on IS NOT NULL AND w.id > identifications.id);

-- +goose Down
SELECT 1; -- an erased value cannot come back
