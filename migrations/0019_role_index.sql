-- +goose Up
-- Who holds a role (the coordinators of a region, every lecturer) is looked up by role; without
-- this index each look-up reads every person.
CREATE INDEX person_roles_role ON person_roles (role, person_id);

-- +goose Down
DROP INDEX person_roles_role;
