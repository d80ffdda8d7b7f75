/*
** store_schema.c: the numbered schema migrations, embedded in the binary.
**
** Migration N takes a database from schema version N-1 to N. They run in
** one write transaction at open time, each recorded in schema_migration,
** and the version is stored in the database (PRAGMA user_version on
** SQLite, next to the application id). Migrations are append-only: a
** released migration is never edited; a change is a new migration.
** The SQL is kept portable (no SQLite-only types) except where a comment
** says so, so that a PostgreSQL backend can run the same list.
*/
#include "store.h"

#include <stdio.h>

typedef struct Migration {
	int64_t version;
	const char *description;
	const char *sql;
} Migration;

static const Migration migrations[] = {
        {1, "migration history and the SOP library",
         /*
         ** schema_migration: one row per applied migration, for the record.
         */
         "CREATE TABLE schema_migration("
         "  version INTEGER PRIMARY KEY,"
         "  description TEXT NOT NULL,"
         "  applied_at TEXT NOT NULL"
         ");"
         /*
         ** sop: an SOP as the agency knows it, identified by its code across
         ** revisions. Nothing about its content lives here.
         */
         "CREATE TABLE sop("
         "  id INTEGER PRIMARY KEY,"
         "  code TEXT NOT NULL UNIQUE,"
         "  created_at TEXT NOT NULL"
         ");"
         /*
         ** sop_version: every revision of an SOP, immutable once written.
         ** definition is the canonical sakip.sop/1 JSON as sop_write()
         ** emits it; the other columns are copies of identity fields for
         ** listing without parsing. status is 'active' for a version that can
         ** run, 'draft' for one awaiting a person's confirmation (importer).
         ** origin says where it came from: 'builtin', 'file', 'import'.
         */
         "CREATE TABLE sop_version("
         "  id INTEGER PRIMARY KEY,"
         "  sop_id INTEGER NOT NULL REFERENCES sop(id),"
         "  version INTEGER NOT NULL CHECK(version >= 1),"
         "  status TEXT NOT NULL CHECK(status IN ('draft','active')),"
         "  name TEXT NOT NULL,"
         "  number TEXT,"
         "  agency TEXT,"
         "  unit TEXT,"
         "  n_steps INTEGER NOT NULL,"
         "  definition TEXT NOT NULL,"
         "  origin TEXT NOT NULL,"
         "  created_at TEXT NOT NULL,"
         "  UNIQUE(sop_id, version)"
         ");"
         /*
         ** Versions are history: running cases pin them. The only change
         ** allowed is confirming a draft (status draft -> active); an SOP's
         ** code never changes.
         */
         "CREATE TRIGGER sop_version_no_update BEFORE UPDATE ON sop_version"
         " WHEN OLD.status = 'active' OR NEW.status <> 'active'"
         "   OR NEW.definition IS NOT OLD.definition OR NEW.version IS NOT OLD.version"
         "   OR NEW.sop_id IS NOT OLD.sop_id OR NEW.name IS NOT OLD.name"
         "   OR NEW.number IS NOT OLD.number OR NEW.agency IS NOT OLD.agency"
         "   OR NEW.unit IS NOT OLD.unit OR NEW.n_steps IS NOT OLD.n_steps"
         "   OR NEW.origin IS NOT OLD.origin OR NEW.created_at IS NOT OLD.created_at"
         " BEGIN SELECT RAISE(ABORT, 'sop_version rows are immutable; only a draft may be"
         " confirmed'); END;"
         "CREATE TRIGGER sop_no_update BEFORE UPDATE ON sop"
         " BEGIN SELECT RAISE(ABORT, 'an SOP code never changes'); END;"
         "CREATE TRIGGER sop_version_no_delete BEFORE DELETE ON sop_version"
         " WHEN OLD.status = 'active'"
         " BEGIN SELECT RAISE(ABORT, 'active sop_version rows cannot be deleted'); END;"},
};

int64_t db_schema_latest(void)
{
	return migrations[COUNT(migrations) - 1].version;
}

/*
** Bring the database to the latest schema, all or nothing. Called by
** db_open() when the stored version is older than db_schema_latest().
*/
int db_migrate(Db *db, Buf *err)
{
	if (db_begin_write(db) != DB_OK) {
		buf_printf(err, "%s: cannot start the schema upgrade: %s", db_path(db),
		           db_errmsg(db));
		return -1;
	}
	int64_t current = db_schema_version(db);
	char now[32];
	time_now_iso(now);
	for (size_t i = 0; i < COUNT(migrations); i++) {
		const Migration *m = &migrations[i];
		if (m->version <= current)
			continue;
		if (db->be->exec_script(db, m->sql) != DB_OK ||
		    db_exec(db,
		            "INSERT INTO schema_migration(version, description, applied_at)"
		            " VALUES(:v, :d, :t)",
		            DB_INT(":v", m->version), DB_TEXT(":d", m->description),
		            DB_TEXT(":t", now), DB_END) != DB_OK) {
			buf_printf(err, "%s: schema migration %lld (%s) failed: %s", db_path(db),
			           (long long)m->version, m->description, db_errmsg(db));
			db_rollback(db);
			return -1;
		}
		log_info("applied schema migration %lld: %s", (long long)m->version,
		         m->description);
	}
	if (db->be->set_version(db, DB_APPLICATION_ID, db_schema_latest()) != 0 ||
	    db_commit(db) != DB_OK) {
		buf_printf(err, "%s: cannot record the schema version: %s", db_path(db),
		           db_errmsg(db));
		db_rollback(db);
		return -1;
	}
	return 0;
}
