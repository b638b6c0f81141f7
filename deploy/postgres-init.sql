-- Gongkai PostgreSQL initialisation.
--
-- Mounted into /docker-entrypoint-initdb.d/ of the postgres:15 container and
-- executed ONCE, when the data volume is empty. By then the image has already
-- created the login role POSTGRES_USER (gongkai) and the database POSTGRES_DB
-- (gongkai) from the environment, and this script runs as that role, connected
-- to that database (psql -v ON_ERROR_STOP=1).
--
-- It adds `gongkai_audit_reader`: a NOLOGIN group role with read-only access to
-- every table the application role creates in schema public (including
-- audit_events). Grant it to a login role for auditors, e.g.
--   CREATE ROLE auditor LOGIN PASSWORD '...' IN ROLE gongkai_audit_reader;
--
-- The script is idempotent, so it can also be applied to an existing database:
--   docker-compose exec -T postgres psql -v ON_ERROR_STOP=1 \
--     -U gongkai -d gongkai < deploy/postgres-init.sql

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'gongkai_audit_reader') THEN
        CREATE ROLE gongkai_audit_reader NOLOGIN;
    END IF;
    -- GRANT ... ON DATABASE needs a literal name; use the current database.
    EXECUTE format('GRANT CONNECT ON DATABASE %I TO gongkai_audit_reader', current_database());
END
$$;

GRANT USAGE ON SCHEMA public TO gongkai_audit_reader;

-- Tables that already exist (none on a fresh volume; relevant on re-runs).
GRANT SELECT ON ALL TABLES IN SCHEMA public TO gongkai_audit_reader;
GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO gongkai_audit_reader;

-- Tables created later by the current role (= POSTGRES_USER, the role the
-- application connects as and runs its migrations with).
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT ON TABLES TO gongkai_audit_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA public
    GRANT SELECT ON SEQUENCES TO gongkai_audit_reader;
