/*
** store_sqlite.c: the SQLite backend of the storage layer.
**
** The only file that includes sqlite3.h. It opens the file, reads the
** schema identity (PRAGMA application_id and user_version), applies the
** durability settings (WAL, synchronous=FULL unless SAKIP_DB_SYNC says
** otherwise, foreign keys, a busy timeout) and maps SQLite result codes to
** DB_* codes. It does not know any table.
*/
#include "store.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define H(db) ((sqlite3 *)(db)->handle)

enum { BUSY_TIMEOUT_MS = 5000 };

static int sq_code(sqlite3 *h, int rc)
{
	switch (rc) {
	case SQLITE_OK:
		return DB_OK;
	case SQLITE_ROW:
		return DB_ROW;
	case SQLITE_DONE:
		return DB_DONE;
	default:
		break;
	}
	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return DB_BUSY;
	case SQLITE_CONSTRAINT:
		return DB_CONSTRAINT;
	case SQLITE_READONLY:
		return DB_READONLY;
	case SQLITE_NOTADB:
		return DB_NOTADB;
	default:
		(void)h;
		return DB_ERR;
	}
}

static void sq_error(Db *db)
{
	db_set_error(db, "%s", sqlite3_errmsg(H(db)));
}

/* "file:" URI of path with the given query, for SQLITE_OPEN_URI. */
static void sq_uri(Buf *out, const char *path, const char *query)
{
	buf_puts(out, "file:");
	for (const unsigned char *c = (const unsigned char *)path; *c; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || strchr("/._-~", *c))
			buf_putc(out, (char)*c);
		else
			buf_printf(out, "%%%02X", *c);
	}
	buf_printf(out, "?%s", query);
}

/* Whether this process may write the file and create -wal/-shm beside it. */
static bool sq_can_write(const char *path)
{
	char *copy = xstrdup(path);
	char *slash = strrchr(copy, '/');
	const char *dir = ".";
	if (slash) {
		*slash = 0;
		dir = *copy ? copy : "/";
	}
	bool ok = access(path, W_OK) == 0 && access(dir, W_OK) == 0;
	free(copy);
	return ok;
}

/*
** A connection is used by one thread at a time (a server gives each worker
** its own), so SQLite's per-call mutex is not needed.
*/
static int sq_open_flags(Db *db, const char *name, int oflags, Buf *err)
{
	/* Once per process, before the first connection: no global memory statistics
	** (they take a mutex on every allocation). */
	static int configured;
	if (!configured) {
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		configured = 1;
	}
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(name, &h, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK) {
		buf_printf(err, "cannot open %s: %s", db->path,
		           h ? sqlite3_errmsg(h) : "out of memory");
		sqlite3_close(h);
		return -1;
	}
	db->handle = h;
	sqlite3_busy_timeout(h, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(h, 1);
	return 0;
}

/*
** A user who may read but not write the database (an auditor, a backup
** job) still gets to read it: the file is opened read-only. While a writer
** is active its -wal and -shm files exist and are read too; when none is,
** SQLite cannot create them in a directory it may not write, and the file
** (then fully checkpointed) is read as an immutable snapshot.
*/
static int sq_open(Db *db, const char *path, unsigned flags, Buf *err)
{
	if (!(flags & (DB_OPEN_WRITE | DB_OPEN_CREATE)) && !sq_can_write(path)) {
		Buf uri = BUF_INIT;
		sq_uri(&uri, path, "mode=ro");
		int rc = sq_open_flags(db, buf_str(&uri), SQLITE_OPEN_READONLY | SQLITE_OPEN_URI,
		                       err);
		if (rc == 0 && sqlite3_exec(H(db), "SELECT count(*) FROM sqlite_schema", NULL, NULL,
		                            NULL) != SQLITE_OK) {
			sqlite3_close_v2(H(db));
			db->handle = NULL;
			buf_reset(&uri);
			sq_uri(&uri, path, "mode=ro&immutable=1");
			log_info("%s: reading as an immutable snapshot (no write access)", path);
			rc = sq_open_flags(db, buf_str(&uri),
			                   SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, err);
		}
		buf_free(&uri);
		return rc;
	}
	int oflags = SQLITE_OPEN_READWRITE;
	if (flags & DB_OPEN_CREATE)
		oflags |= SQLITE_OPEN_CREATE;
	return sq_open_flags(db, path, oflags, err);
}

static void sq_close(Db *db)
{
	sqlite3_close_v2(H(db));
	db->handle = NULL;
}

static int sq_pragma_int(Db *db, const char *sql, int64_t *out)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(H(db), sql, -1, &st, NULL);
	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = sqlite3_column_int64(st, 0);
		rc = SQLITE_OK;
	}
	if (rc != SQLITE_OK)
		sq_error(db);
	sqlite3_finalize(st);
	return sq_code(H(db), rc);
}

static int sq_get_ids(Db *db, int64_t *app_id, int64_t *version, bool *empty)
{
	int64_t n = 0;
	int rc;
	if ((rc = sq_pragma_int(db, "PRAGMA application_id", app_id)) != DB_OK ||
	    (rc = sq_pragma_int(db, "PRAGMA user_version", version)) != DB_OK ||
	    (rc = sq_pragma_int(db, "SELECT count(*) FROM sqlite_schema", &n)) != DB_OK)
		return rc;
	*empty = (n == 0 && *app_id == 0 && *version == 0);
	return 0;
}

static int sq_set_version(Db *db, int64_t app_id, int64_t version)
{
	/* PRAGMA takes no bound parameters; both values are our integers. */
	char sql[96];
	snprintf(sql, sizeof sql, "PRAGMA application_id=%lld; PRAGMA user_version=%lld",
	         (long long)app_id, (long long)version);
	char *msg = NULL;
	if (sqlite3_exec(H(db), sql, NULL, NULL, &msg) != SQLITE_OK) {
		db_set_error(db, "%s", msg ? msg : "cannot set schema version");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static bool sq_readonly(Db *db);

static int sq_configure(Db *db)
{
	/* A read-only connection reads the journal mode the writers chose. */
	if (sq_readonly(db))
		return sqlite3_exec(H(db), "PRAGMA foreign_keys=ON", NULL, NULL, NULL) == SQLITE_OK
		               ? 0
		               : -1;
	/* A 64 MiB page cache (allocated as used) keeps bulk imports off the disk. */
	const char *sync = getenv("SAKIP_DB_SYNC");
	const char *sql = (sync && strcmp(sync, "normal") == 0)
	                          ? "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
	                            " PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536"
	                          : "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
	                            " PRAGMA foreign_keys=ON; PRAGMA cache_size=-65536";
	char *msg = NULL;
	if (sqlite3_exec(H(db), sql, NULL, NULL, &msg) != SQLITE_OK) {
		db_set_error(db, "%s", msg ? msg : "cannot configure");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static bool sq_readonly(Db *db)
{
	return sqlite3_db_readonly(H(db), "main") == 1;
}

static int sq_prepare(Db *db, const char *sql, void **out)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(H(db), sql, -1, &st, NULL) != SQLITE_OK) {
		sq_error(db);
		return -1;
	}
	*out = st;
	return 0;
}

static int sq_param_index(void *h, const char *name)
{
	return sqlite3_bind_parameter_index(h, name);
}

static int sq_bind(void *h, int i, const DbArg *a, bool copy)
{
	sqlite3_stmt *st = h;
	switch (a->type) {
	case DB_ARG_TEXT:
		sqlite3_bind_text(st, i, a->s, -1, copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
		break;
	case DB_ARG_INT:
		sqlite3_bind_int64(st, i, a->i);
		break;
	case DB_ARG_DOUBLE:
		sqlite3_bind_double(st, i, a->d);
		break;
	case DB_ARG_BLOB:
		sqlite3_bind_blob64(st, i, a->s, (sqlite3_uint64)a->i,
		                    copy ? SQLITE_TRANSIENT : SQLITE_STATIC);
		break;
	case DB_ARG_NULL:
	case DB_ARG_END:
		sqlite3_bind_null(st, i);
		break;
	}
	return 0;
}

static int sq_step(void *h)
{
	sqlite3_stmt *st = h;
	int rc = sqlite3_step(st);
	return sq_code(sqlite3_db_handle(st), rc);
}

static int sq_reset(void *h)
{
	sqlite3_stmt *st = h;
	sqlite3_clear_bindings(st);
	return sq_code(sqlite3_db_handle(st), sqlite3_reset(st));
}

static void sq_finalize(void *h)
{
	sqlite3_finalize(h);
}

static int sq_col_count(void *h)
{
	return sqlite3_column_count(h);
}

static bool sq_col_null(void *h, int i)
{
	return sqlite3_column_type(h, i) == SQLITE_NULL;
}

static const char *sq_col_text(void *h, int i)
{
	return (const char *)sqlite3_column_text(h, i);
}

static int64_t sq_col_int(void *h, int i)
{
	return sqlite3_column_int64(h, i);
}

static double sq_col_double(void *h, int i)
{
	return sqlite3_column_double(h, i);
}

static const void *sq_col_blob(void *h, int i, size_t *len)
{
	const void *p = sqlite3_column_blob(h, i);
	*len = (size_t)sqlite3_column_bytes(h, i);
	return p;
}

static int sq_exec_script(Db *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(H(db), sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		db_set_error(db, "%s", msg ? msg : sqlite3_errmsg(H(db)));
		sqlite3_free(msg);
		return sq_code(H(db), rc);
	}
	return DB_OK;
}

static int64_t sq_last_insert_id(Db *db)
{
	return sqlite3_last_insert_rowid(H(db));
}

static bool sq_in_transaction(Db *db)
{
	return !sqlite3_get_autocommit(H(db));
}

static int64_t sq_changes(Db *db)
{
	return sqlite3_changes64(H(db));
}

static const char *sq_errmsg(Db *db)
{
	return sqlite3_errmsg(H(db));
}

const DbBackend db_sqlite_backend = {
        .name = "sqlite",
        .open = sq_open,
        .close = sq_close,
        .get_ids = sq_get_ids,
        .set_version = sq_set_version,
        .configure = sq_configure,
        .readonly = sq_readonly,
        .prepare = sq_prepare,
        .param_index = sq_param_index,
        .bind = sq_bind,
        .step = sq_step,
        .reset = sq_reset,
        .finalize = sq_finalize,
        .col_count = sq_col_count,
        .col_null = sq_col_null,
        .col_text = sq_col_text,
        .col_int = sq_col_int,
        .col_double = sq_col_double,
        .col_blob = sq_col_blob,
        .exec_script = sq_exec_script,
        .last_insert_id = sq_last_insert_id,
        .changes = sq_changes,
        .in_transaction = sq_in_transaction,
        .errmsg = sq_errmsg,
        .begin_write_sql = "BEGIN IMMEDIATE",
        .defer_sql = "PRAGMA defer_foreign_keys=ON",
};
