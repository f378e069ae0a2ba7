-- A write version per table that PostgreSQL itself maintains, so that list counts can be cached exactly by every
-- server instance and whoever else writes (psql, an import script, a second service).
--
-- Design: each table has SLOTS (32) counter rows; a statement-level trigger adds 1 to the row of the writing
-- backend's slot (pg_backend_pid() % 32). A reader sums the slots in its own snapshot: the sum grows by at least 1
-- with every committed write statement on the table, and PostgreSQL snapshots are ordered by inclusion, so two
-- snapshots with the same sum see the same committed writes to the table: a count cached under that sum is exact.
--
-- Trade-offs, measured against the alternatives:
-- * a sequence (nextval in the trigger, last_value as the version) is not transactional: a reader may see the new
--   value before the writer commits, cache the old count under it and serve it after the commit. Wrong; rejected.
-- * one counter row per table is exact but every writing transaction holds that row's lock until it commits, so
--   all writers of a table serialize. Slots keep that to writers whose backends share pid % 32 (one backend always
--   uses one slot, so a transaction never locks two slots of one table and cannot deadlock with itself).
-- * a writer in REPEATABLE READ / SERIALIZABLE whose slot row was bumped by a transaction that committed after its
--   snapshot gets a serialization failure (SQLSTATE 40001), which such writers must retry anyway. The server's own
--   writers run in READ COMMITTED.
-- * statement-level, not row-level: a COPY or a 10 000-row UPDATE costs one counter update, not 10 000. A statement
--   that changes no row still bumps the version (a spurious recount, never a wrong count).
CREATE TABLE table_versions (
    table_name text   NOT NULL,
    slot       int    NOT NULL,
    version    bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (table_name, slot)
) WITH (fillfactor = 50); -- room for HOT updates: the counter rows are rewritten on every write statement

CREATE FUNCTION table_versions_bump() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE table_versions SET version = version + 1
     WHERE table_name = TG_TABLE_NAME AND slot = pg_backend_pid() % 32;
    RETURN NULL;
END $$;

-- Registers table_name: its 32 slot rows and the trigger (insert, update, delete, truncate; one call per statement).
CREATE FUNCTION table_versions_track(tbl text) RETURNS void LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO table_versions (table_name, slot) SELECT tbl, s FROM generate_series(0, 31) s
        ON CONFLICT DO NOTHING;
    EXECUTE format('CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON %I '
                   'FOR EACH STATEMENT EXECUTE FUNCTION table_versions_bump()', tbl || '_version', tbl);
END $$;

SELECT table_versions_track('catalogs_provider');
SELECT table_versions_track('client_aliases');
SELECT table_versions_track('ots');
