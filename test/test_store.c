/*
** test_store.c: the storage layer on real SQLite files: opening and the
** refusals (missing directory, no database, foreign file, newer schema),
** durability settings, named binds, one-shots, transactions, and the
** immutability of stored SOP versions.
*/
#include "testutil.h"

#include "store.h"

#include <sqlite3.h>
#include <sys/stat.h>

static Db *open_new(const char *name)
{
	const char *p = tu_path(0, name);
	unlink(p);
	Buf err = BUF_INIT;
	Db *db = db_open(p, DB_OPEN_CREATE | DB_OPEN_WRITE, &err);
	if (!db)
		fail_msg("%s", buf_str(&err));
	buf_free(&err);
	return db;
}

/* Run raw SQL with the sqlite3 library directly, bypassing our checks. */
static void raw_sql(const char *path, const char *sql)
{
	sqlite3 *h;
	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(h);
}

static void file_bytes(Buf *b, const char *path)
{
	buf_reset(b);
	tu_read_file(b, path);
}

static void open_creates_with_identity_and_settings(void **state)
{
	(void)state;
	Db *db = open_new("ident.db");
	assert_int_equal(db_schema_version(db), db_schema_latest());
	assert_int_equal(db_int(db, 0, "PRAGMA application_id", DB_END), DB_APPLICATION_ID);
	Arena a = ARENA_INIT;
	assert_string_equal(db_text(db, &a, "PRAGMA journal_mode", DB_END), "wal");
	assert_int_equal(db_int(db, -1, "PRAGMA synchronous", DB_END), 2); /* FULL */
	assert_int_equal(db_int(db, -1, "PRAGMA foreign_keys", DB_END), 1);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM schema_migration", DB_END),
	                 db_schema_latest());
	arena_free(&a);
	db_close(db);
	/* Reopening an up-to-date database migrates nothing. */
	Buf err = BUF_INIT;
	db = db_open(tu_path(0, "ident.db"), 0, &err);
	assert_non_null(db);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM schema_migration", DB_END),
	                 db_schema_latest());
	db_close(db);
	buf_free(&err);
}

static void open_refuses_missing_directory_and_database(void **state)
{
	(void)state;
	Buf err = BUF_INIT;
	assert_null(db_open("/nonexistent-dir-sakip/x.db", DB_OPEN_CREATE, &err));
	assert_contains(buf_str(&err), "directory /nonexistent-dir-sakip does not exist");
	buf_reset(&err);
	const char *p = tu_path(0, "absent.db");
	unlink(p);
	assert_null(db_open(p, 0, &err));
	assert_contains(buf_str(&err), "sakip init");
	struct stat st;
	assert_int_not_equal(stat(p, &st), 0); /* nothing created */
	buf_reset(&err);
	assert_null(db_open(tu_tmpdir(), 0, &err));
	assert_contains(buf_str(&err), "is a directory");
	buf_free(&err);
}

static void open_refuses_foreign_and_newer_unchanged(void **state)
{
	(void)state;
	Buf err = BUF_INIT, before = BUF_INIT, after = BUF_INIT;
	/* Another program's SQLite database. */
	const char *p = tu_path(0, "foreign.db");
	unlink(p);
	raw_sql(p, "CREATE TABLE t(a); INSERT INTO t VALUES(1);");
	file_bytes(&before, p);
	assert_null(db_open(p, DB_OPEN_CREATE | DB_OPEN_WRITE, &err));
	assert_contains(buf_str(&err), "is not a sakip database");
	file_bytes(&after, p);
	assert_int_equal(before.len, after.len);
	assert_memory_equal(before.data, after.data, before.len);
	/* A database written by a newer sakip. */
	buf_reset(&err);
	Db *db = open_new("newer.db");
	db_close(db);
	p = tu_path(0, "newer.db");
	raw_sql(p, "PRAGMA user_version=99; PRAGMA wal_checkpoint(TRUNCATE);");
	file_bytes(&before, p);
	assert_null(db_open(p, DB_OPEN_WRITE, &err));
	assert_contains(buf_str(&err), "schema version 99, newer than this sakip");
	assert_contains(buf_str(&err), "nothing was changed");
	file_bytes(&after, p);
	assert_int_equal(before.len, after.len);
	assert_memory_equal(before.data, after.data, before.len);
	/* Not a database at all. */
	buf_reset(&err);
	p = tu_path(0, "text.db");
	tu_write_file(p, "this is not sqlite, just text that is long enough to have a header\n",
	              68);
	assert_null(db_open(p, 0, &err));
	assert_contains(buf_str(&err), "is not a sakip database");
	buf_free(&err);
	buf_free(&before);
	buf_free(&after);
}

static void binds_and_one_shots(void **state)
{
	(void)state;
	Db *db = open_new("binds.db");
	assert_int_equal(
	        db_exec(db, "CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, v REAL)", DB_END),
	        DB_OK);
	/* A value that would break string-built SQL goes through untouched. */
	const char *evil = "x'); DROP TABLE t; --";
	assert_int_equal(db_exec(db, "INSERT INTO t(name, v) VALUES(:n, :v)", DB_TEXT(":n", evil),
	                         DB_DOUBLE(":v", 2.5), DB_END),
	                 DB_OK);
	int64_t id = db_last_insert_id(db);
	assert_true(id > 0);
	Arena a = ARENA_INIT;
	assert_string_equal(
	        db_text(db, &a, "SELECT name FROM t WHERE id=:id", DB_INT(":id", id), DB_END),
	        evil);
	assert_null(db_text(db, &a, "SELECT name FROM t WHERE id=:id", DB_INT(":id", 999), DB_END));
	assert_int_equal(db_int(db, -7, "SELECT id FROM t WHERE name=:n", DB_NULL(":n"), DB_END),
	                 -7);
	assert_true(db_exists(db, "SELECT 1 FROM t WHERE v > :x", DB_DOUBLE(":x", 2.0), DB_END));
	DbStmt *st = db_prepare(db, "SELECT name, v FROM t WHERE id=:id");
	db_bind_int(st, ":id", id);
	assert_int_equal(db_step(st), DB_ROW);
	assert_string_equal(db_col_text(st, 0), evil);
	assert_true(db_col_double(st, 1) == 2.5);
	assert_int_equal(db_step(st), DB_DONE);
	db_reset(st);
	db_bind_int(st, ":id", id + 1);
	assert_int_equal(db_step(st), DB_DONE);
	db_finalize(st);
	arena_free(&a);
	db_close(db);
}

static void transactions_commit_and_rollback(void **state)
{
	(void)state;
	Db *db = open_new("tx.db");
	db_exec(db, "CREATE TABLE t(a INTEGER UNIQUE)", DB_END);
	assert_int_equal(db_begin_write(db), DB_OK);
	db_exec(db, "INSERT INTO t VALUES(1)", DB_END);
	assert_int_equal(db_commit(db), DB_OK);
	assert_int_equal(db_begin_write(db), DB_OK);
	db_exec(db, "INSERT INTO t VALUES(2)", DB_END);
	assert_int_equal(db_exec(db, "INSERT INTO t VALUES(1)", DB_END), DB_CONSTRAINT);
	assert_contains(db_errmsg(db), "UNIQUE");
	db_rollback(db);
	assert_contains(db_errmsg(db), "UNIQUE"); /* the cause survives the rollback */
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM t", DB_END), 1);
	db_rollback(db); /* harmless without a transaction */
	/* A second connection sees only committed data and cannot write meanwhile. */
	Buf err = BUF_INIT;
	Db *other = db_open(tu_path(0, "tx.db"), DB_OPEN_WRITE, &err);
	assert_non_null(other);
	assert_int_equal(db_begin_write(db), DB_OK);
	db_exec(db, "INSERT INTO t VALUES(3)", DB_END);
	assert_int_equal(db_int(other, 0, "SELECT count(*) FROM t", DB_END), 1);
	db_rollback(db);
	db_close(other);
	/* Closing with an open transaction rolls it back. */
	assert_int_equal(db_begin_write(db), DB_OK);
	db_exec(db, "INSERT INTO t VALUES(4)", DB_END);
	db_close(db);
	db = db_open(tu_path(0, "tx.db"), 0, &err);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM t", DB_END), 1);
	db_close(db);
	buf_free(&err);
}

/*
** Group commit: the writes of a batch are savepoints; a rolled-back one
** leaves the others; nothing is visible to another connection (nor
** durable) before db_batch_commit(); a batch the database ended is reported.
*/
static void batch_writes_commit_together(void **state)
{
	(void)state;
	Db *db = open_new("batch.db");
	db_exec(db, "CREATE TABLE t(a INTEGER UNIQUE)", DB_END);
	Buf err = BUF_INIT;
	Db *other = db_open(tu_path(0, "batch.db"), DB_OPEN_WRITE, &err);
	assert_non_null(other);
	assert_int_equal(db_batch_begin(db), DB_OK);
	assert_true(db_batch_alive(db));
	for (int i = 1; i <= 3; i++) {
		assert_int_equal(db_begin_write(db), DB_OK);
		db_exec(db, "INSERT INTO t VALUES(:a)", DB_INT(":a", i), DB_END);
		if (i == 2)
			db_rollback(db); /* this write alone is undone */
		else
			assert_int_equal(db_commit(db), DB_OK);
	}
	/* A write refused by a constraint undoes only itself. */
	assert_int_equal(db_begin_write(db), DB_OK);
	db_exec(db, "INSERT INTO t VALUES(4)", DB_END);
	assert_int_equal(db_exec(db, "INSERT INTO t VALUES(1)", DB_END), DB_CONSTRAINT);
	db_rollback(db);
	assert_int_equal(db_int(other, -1, "SELECT count(*) FROM t", DB_END), 0);
	assert_int_equal(db_batch_commit(db), DB_OK);
	assert_int_equal(db_int(other, -1, "SELECT group_concat(a, '') FROM t", DB_END), 13);
	/* A batch the database rolled back itself: not alive, and its commit fails. */
	assert_int_equal(db_batch_begin(db), DB_OK);
	assert_int_equal(db_begin_write(db), DB_OK);
	db_exec(db, "INSERT INTO t VALUES(5)", DB_END);
	assert_int_equal(db_commit(db), DB_OK);
	db_exec(db, "ROLLBACK", DB_END);
	assert_false(db_batch_alive(db));
	/* No write may escape a dead batch into a transaction of its own. */
	assert_int_not_equal(db_begin_write(db), DB_OK);
	assert_contains(db_errmsg(db), "rolled back");
	assert_int_not_equal(db_batch_commit(db), DB_OK);
	assert_int_equal(db_int(other, -1, "SELECT count(*) FROM t", DB_END), 2);
	/* And ordinary writes work again afterwards. */
	assert_int_equal(db_begin_write(db), DB_OK);
	db_exec(db, "INSERT INTO t VALUES(6)", DB_END);
	assert_int_equal(db_commit(db), DB_OK);
	assert_int_equal(db_int(other, -1, "SELECT count(*) FROM t", DB_END), 3);
	db_close(other);
	db_close(db);
	buf_free(&err);
}

static void sop_versions_are_immutable(void **state)
{
	(void)state;
	Db *db = open_new("immutable.db");
	db_exec(db, "INSERT INTO sop(id, code, created_at) VALUES(1, 'x', 'now')", DB_END);
	assert_int_equal(db_exec(db,
	                         "INSERT INTO sop_version(sop_id, version, status, name, n_steps,"
	                         " definition, origin, created_at)"
	                         " VALUES(1, 1, 'active', 'X', 1, '{}', 'file', 'now')",
	                         DB_END),
	                 DB_OK);
	assert_int_equal(db_exec(db, "UPDATE sop_version SET definition='{\"x\":1}'", DB_END),
	                 DB_CONSTRAINT);
	assert_contains(db_errmsg(db), "immutable");
	assert_int_equal(db_exec(db, "DELETE FROM sop_version", DB_END), DB_CONSTRAINT);
	/* Foreign keys are enforced. */
	assert_int_equal(db_exec(db,
	                         "INSERT INTO sop_version(sop_id, version, status, name, n_steps,"
	                         " definition, origin, created_at)"
	                         " VALUES(42, 1, 'active', 'X', 1, '{}', 'file', 'now')",
	                         DB_END),
	                 DB_CONSTRAINT);
	/* A draft may be confirmed, once. */
	db_exec(db,
	        "INSERT INTO sop_version(sop_id, version, status, name, n_steps, definition,"
	        " origin, created_at) VALUES(1, 2, 'draft', 'X', 1, '{}', 'import', 'now')",
	        DB_END);
	assert_int_equal(
	        db_exec(db, "UPDATE sop_version SET status='active' WHERE version=2", DB_END),
	        DB_OK);
	assert_int_equal(
	        db_exec(db, "UPDATE sop_version SET status='draft' WHERE version=2", DB_END),
	        DB_CONSTRAINT);
	db_close(db);
}

static void default_path_order(void **state)
{
	(void)state;
	unsetenv("SAKIP_DB");
	assert_string_equal(db_default_path(NULL), "sakip.db");
	setenv("SAKIP_DB", "/srv/sakip/env.db", 1);
	assert_string_equal(db_default_path(NULL), "/srv/sakip/env.db");
	assert_string_equal(db_default_path("flag.db"), "flag.db");
	unsetenv("SAKIP_DB");
}

int main(void)
{
	tu_init();
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(open_creates_with_identity_and_settings),
	        cmocka_unit_test(open_refuses_missing_directory_and_database),
	        cmocka_unit_test(open_refuses_foreign_and_newer_unchanged),
	        cmocka_unit_test(binds_and_one_shots),
	        cmocka_unit_test(transactions_commit_and_rollback),
	        cmocka_unit_test(batch_writes_commit_together),
	        cmocka_unit_test(sop_versions_are_immutable),
	        cmocka_unit_test(default_path_order),
	};
	return cmocka_run_group_tests_name("store", tests, NULL, NULL);
}
