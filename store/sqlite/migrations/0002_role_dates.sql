-- quotewire store, version 2: when each role of an entity was seen (the
-- dates of the first and last article giving it), for "roles over time".
ALTER TABLE entity_roles ADD COLUMN first_date TEXT NOT NULL DEFAULT '';
ALTER TABLE entity_roles ADD COLUMN last_date TEXT NOT NULL DEFAULT '';
