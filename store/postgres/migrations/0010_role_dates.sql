-- quotewire store on PostgreSQL, version 10: when each role of an entity
-- was seen (the dates of the first and last article giving it), as
-- store/sqlite/migrations/0002_role_dates.sql. Roles stored before have
-- no dates; 'quotewire reanalyze' does not add them.
ALTER TABLE entity_roles ADD COLUMN first_date text COLLATE "C" NOT NULL DEFAULT '';
ALTER TABLE entity_roles ADD COLUMN last_date text COLLATE "C" NOT NULL DEFAULT '';
