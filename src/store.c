/*
** store.c: the backend-neutral half of the storage layer.
**
** It owns opening (path resolution, refusing foreign or newer databases,
** running migrations), statements with named binds, the one-shot helpers
** and write transactions. It does not know SQL dialects: everything
** dialect-specific sits behind the DbBackend table (store_sqlite.c).
*/
#include "store.h"

#include <errno.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

enum { DB_NAMES = 16 };
struct DbStmt {
	Db *db;
	void *h;
	char *sql;   /* for error messages */
	bool cached; /* owned by db->cache: finalize only resets it */
	bool busy;   /* a cached statement handed out and not yet finalized */
	/*
	** Parameter names seen, by address (they are literals), with their
	** index: a hot statement does not search its names on every bind.
	*/
	const char *names[DB_NAMES];
	int index[DB_NAMES];
	int n_names;
};

void db_set_error(Db *db, const char *fmt, ...)
{
	buf_reset(&db->err);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&db->err, fmt, ap);
	va_end(ap);
}

const char *db_errmsg(Db *db)
{
	return buf_str(&db->err);
}

const char *db_path(Db *db)
{
	return db->path;
}

/* The database path: the --db flag, else $SAKIP_DB, else ./sakip.db. */
const char *db_default_path(const char *flag_value)
{
	if (flag_value && *flag_value)
		return flag_value;
	const char *env = getenv("SAKIP_DB");
	if (env && *env)
		return env;
	return "sakip.db";
}

/*
** Check the place of the file before SQLite sees it, so the messages say
** what is wrong in the user's terms rather than "unable to open database".
*/
static int db_check_path(const char *path, unsigned flags, Buf *err)
{
	struct stat st;
	if (stat(path, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			buf_printf(err, "%s is a directory; give the path of a database file",
			           path);
			return -1;
		}
		if ((flags & DB_OPEN_WRITE) && access(path, W_OK) != 0) {
			buf_printf(err,
			           "%s is read-only for this user; nothing was changed "
			           "(run as the database's owner or fix its permissions)",
			           path);
			return -1;
		}
		return 0;
	}
	char *copy = xstrdup(path);
	char *dir = dirname(copy);
	int rc = -1;
	if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
		buf_printf(err, "cannot use %s: directory %s does not exist", path, dir);
	} else if (!(flags & DB_OPEN_CREATE)) {
		buf_printf(err,
		           "no database at %s; create one with 'sakip init' (the path comes "
		           "from --db, else $SAKIP_DB, else ./sakip.db)",
		           path);
	} else if (access(dir, W_OK) != 0) {
		buf_printf(err, "cannot create %s: directory %s is not writable", path, dir);
	} else {
		rc = 0;
	}
	free(copy);
	return rc;
}

Db *db_open(const char *path, unsigned flags, Buf *err)
{
	if (db_check_path(path, flags, err) != 0)
		return NULL;
	Db *db = xcalloc(1, sizeof *db);
	db->be = &db_sqlite_backend;
	db->path = xstrdup(path);
	int64_t app_id = 0, version = 0;
	bool empty = false;
	if (db->be->open(db, path, flags, err) != 0)
		goto fail;
	/*
	** Identify the database before changing anything in it: a foreign or
	** newer file must be left exactly as it was.
	*/
	int rc = db->be->get_ids(db, &app_id, &version, &empty);
	if (rc == DB_NOTADB) {
		buf_printf(err, "%s is not a sakip database (%s)", path, db_errmsg(db));
		goto fail;
	} else if (rc != DB_OK) {
		buf_printf(err, "cannot read %s: %s", path, db_errmsg(db));
		goto fail;
	}
	if (!empty && app_id != DB_APPLICATION_ID) {
		buf_printf(err,
		           "%s is not a sakip database (application id 0x%08llx, expected "
		           "0x%08x); give the path of a sakip database with --db",
		           path, (unsigned long long)app_id, DB_APPLICATION_ID);
		goto fail;
	}
	if (version > db_schema_latest()) {
		buf_printf(err,
		           "%s has schema version %lld, newer than this sakip understands "
		           "(%lld); install the sakip release that wrote it or a newer one; "
		           "nothing was changed",
		           path, (long long)version, (long long)db_schema_latest());
		goto fail;
	}
	if ((flags & DB_OPEN_WRITE) && db->be->readonly(db)) {
		buf_printf(err, "%s is read-only for this user; nothing was changed", path);
		goto fail;
	}
	if (empty && !(flags & DB_OPEN_CREATE)) {
		buf_printf(err, "%s is empty; create the database with 'sakip init'", path);
		goto fail;
	}
	if (db->be->configure(db) != 0) {
		buf_printf(err, "%s: cannot configure the database: %s", path, db_errmsg(db));
		goto fail;
	}
	if (version < db_schema_latest() && db->be->readonly(db)) {
		buf_printf(err,
		           "%s has schema version %lld and needs an upgrade to %lld, but it is "
		           "read-only for this user; run 'sakip init' as its owner",
		           path, (long long)version, (long long)db_schema_latest());
		goto fail;
	}
	if (version < db_schema_latest() && db_migrate(db, err) != 0)
		goto fail;
	return db;
fail:
	db_close(db);
	return NULL;
}

void db_close(Db *db)
{
	if (!db)
		return;
	if (db->in_write)
		db_rollback(db);
	for (int i = 0; i < DB_CACHE; i++) {
		if (db->cache[i].st) {
			db->cache[i].st->cached = false;
			db_finalize(db->cache[i].st);
		}
	}
	if (db->handle)
		db->be->close(db);
	buf_free(&db->err);
	free(db->path);
	free(db);
}

int64_t db_schema_version(Db *db)
{
	int64_t app = 0, version = 0;
	bool empty;
	if (db->be->get_ids(db, &app, &version, &empty) != DB_OK)
		return -1;
	return version;
}

/* ---- statements ----------------------------------------------------- */

DbStmt *db_prepare(Db *db, const char *sql)
{
	void *h = NULL;
	if (db->be->prepare(db, sql, &h) != 0)
		fatal("SQL does not prepare: %s\n  in: %s", db_errmsg(db), sql);
	DbStmt *st = xcalloc(1, sizeof *st);
	st->db = db;
	st->h = h;
	st->sql = xstrdup(sql);
	return st;
}

static int db_param(DbStmt *st, const char *name)
{
	for (int k = 0; k < st->n_names; k++)
		if (st->names[k] == name)
			return st->index[k];
	int i = st->db->be->param_index(st->h, name);
	/* Binding a name the SQL does not use is a programming error. */
	if (i == 0)
		fatal("no parameter %s in SQL: %s", name, st->sql);
	if (st->n_names < DB_NAMES) {
		st->names[st->n_names] = name;
		st->index[st->n_names++] = i;
	}
	return i;
}

/* copy: the value may change before the statement steps (db_bind_*). */
static void db_bind_arg(DbStmt *st, const DbArg *arg, bool copy)
{
	st->db->be->bind(st->h, db_param(st, arg->name), arg, copy);
}

void db_bind_at(DbStmt *st, int i, const DbArg *arg)
{
	st->db->be->bind(st->h, i, arg, false);
}

void db_bind_text(DbStmt *st, const char *name, const char *v)
{
	DbArg a = v ? DB_TEXT(name, v) : DB_NULL(name);
	db_bind_arg(st, &a, true);
}

void db_bind_int(DbStmt *st, const char *name, int64_t v)
{
	DbArg a = DB_INT(name, v);
	db_bind_arg(st, &a, true);
}

void db_bind_double(DbStmt *st, const char *name, double v)
{
	DbArg a = DB_DOUBLE(name, v);
	db_bind_arg(st, &a, true);
}

void db_bind_blob(DbStmt *st, const char *name, const void *data, size_t len)
{
	DbArg a = {.name = name, .type = DB_ARG_BLOB, .s = data, .i = (int64_t)len};
	db_bind_arg(st, &a, true);
}

const void *db_col_blob(DbStmt *st, int i, size_t *len)
{
	return st->db->be->col_blob(st->h, i, len);
}

void db_bind_null(DbStmt *st, const char *name)
{
	DbArg a = DB_NULL(name);
	db_bind_arg(st, &a, true);
}

int db_step(DbStmt *st)
{
	int rc = st->db->be->step(st->h);
	if (rc < 0)
		db_set_error(st->db, "%s", st->db->be->errmsg(st->db));
	return rc;
}

void db_reset(DbStmt *st)
{
	st->db->be->reset(st->h);
}

void db_finalize(DbStmt *st)
{
	if (!st)
		return;
	if (st->cached) {
		st->db->be->reset(st->h);
		st->busy = false;
		return;
	}
	st->db->be->finalize(st->h);
	free(st->sql);
	free(st);
}

bool db_col_null(DbStmt *st, int i)
{
	return st->db->be->col_null(st->h, i);
}

const char *db_col_text(DbStmt *st, int i)
{
	return st->db->be->col_text(st->h, i);
}

int64_t db_col_int(DbStmt *st, int i)
{
	return st->db->be->col_int(st->h, i);
}

double db_col_double(DbStmt *st, int i)
{
	return st->db->be->col_double(st->h, i);
}

/* ---- one-shot helpers ----------------------------------------------- */

/*
** The cached statement for sql (compared by address: one-shot SQL is a
** string literal). A statement handed out is busy until db_finalize()
** resets it: it is never evicted, and the same SQL asked for meanwhile
** (nested use) gets a private statement.
*/
static DbStmt *db_cached(Db *db, const char *sql)
{
	for (int i = 0; i < DB_CACHE; i++)
		if (db->cache[i].sql == sql) {
			if (db->cache[i].st->busy)
				return db_prepare(db,
				                  sql); /* the same SQL in use: a private copy */
			db->cache[i].st->busy = true;
			return db->cache[i].st;
		}
	/* Evict round-robin, never a statement that is handed out. */
	int slot = -1;
	for (int n = 0; n < DB_CACHE && slot < 0; n++) {
		int i = db->cache_next;
		db->cache_next = (db->cache_next + 1) % DB_CACHE;
		if (!db->cache[i].st || !db->cache[i].st->busy)
			slot = i;
	}
	if (slot < 0)
		return db_prepare(db, sql);
	if (db->cache[slot].st) {
		db->cache[slot].st->cached = false;
		db_finalize(db->cache[slot].st);
	}
	DbStmt *st = db_prepare(db, sql);
	st->cached = true;
	st->busy = true;
	db->cache[slot].sql = sql;
	db->cache[slot].st = st;
	return st;
}

DbStmt *db_prepare_cached(Db *db, const char *sql)
{
	return db_cached(db, sql);
}

static DbStmt *db_vprepare(Db *db, const char *sql, va_list ap)
{
	DbStmt *st = db_cached(db, sql);
	for (;;) {
		DbArg a = va_arg(ap, DbArg);
		if (a.type == DB_ARG_END)
			break;
		/* One-shots step before they return: the caller's values stay put. */
		db_bind_arg(st, &a, false);
	}
	return st;
}

DbStmt *db_query(Db *db, const char *sql, ...)
{
	va_list ap;
	va_start(ap, sql);
	DbStmt *st = db_vprepare(db, sql, ap);
	va_end(ap);
	return st;
}

/* Run one statement to completion. Returns DB_OK or an error code. */
int db_exec(Db *db, const char *sql, ...)
{
	va_list ap;
	va_start(ap, sql);
	DbStmt *st = db_vprepare(db, sql, ap);
	va_end(ap);
	int rc;
	while ((rc = db_step(st)) == DB_ROW)
		;
	db_finalize(st);
	return rc == DB_DONE ? DB_OK : rc;
}

/* The first column of the first row as an integer, or dflt. */
int64_t db_int(Db *db, int64_t dflt, const char *sql, ...)
{
	va_list ap;
	va_start(ap, sql);
	DbStmt *st = db_vprepare(db, sql, ap);
	va_end(ap);
	int64_t v = dflt;
	if (db_step(st) == DB_ROW && !db_col_null(st, 0))
		v = db_col_int(st, 0);
	db_finalize(st);
	return v;
}

/*
** The first column of the first row as text, copied into the arena a (or
** malloc'd when a is NULL: the caller frees). NULL when there is no row or
** the value is SQL NULL.
*/
char *db_text(Db *db, Arena *a, const char *sql, ...)
{
	va_list ap;
	va_start(ap, sql);
	DbStmt *st = db_vprepare(db, sql, ap);
	va_end(ap);
	char *v = NULL;
	if (db_step(st) == DB_ROW && !db_col_null(st, 0)) {
		const char *t = db_col_text(st, 0);
		v = a ? arena_strdup(a, t) : xstrdup(t);
	}
	db_finalize(st);
	return v;
}

bool db_exists(Db *db, const char *sql, ...)
{
	va_list ap;
	va_start(ap, sql);
	DbStmt *st = db_vprepare(db, sql, ap);
	va_end(ap);
	bool found = db_step(st) == DB_ROW;
	db_finalize(st);
	return found;
}

int64_t db_last_insert_id(Db *db)
{
	return db->be->last_insert_id(db);
}

int64_t db_changes(Db *db)
{
	return db->be->changes(db);
}

/* ---- transactions ---------------------------------------------------- */

int db_batch_begin(Db *db)
{
	if (db->in_write || db->batch)
		fatal("db_batch_begin: a write transaction is already open");
	int rc = db_exec(db, db->be->begin_write_sql, DB_END);
	if (rc == DB_OK)
		db->batch = 1;
	return rc;
}

bool db_batch_alive(Db *db)
{
	return db->batch && db->be->in_transaction(db);
}

int db_batch_commit(Db *db)
{
	if (!db->batch || db->in_write)
		fatal("db_batch_commit: no batch, or a write of it still open");
	db->batch = 0;
	if (!db->be->in_transaction(db)) {
		db_set_error(db, "the batch's transaction was rolled back by the database");
		return DB_ERR;
	}
	int rc = db_exec(db, "COMMIT", DB_END);
	if (rc != DB_OK) {
		Buf saved = db->err;
		db->err = (Buf)BUF_INIT;
		db_exec(db, "ROLLBACK", DB_END);
		buf_free(&db->err);
		db->err = saved;
	}
	return rc;
}

int db_begin_write(Db *db)
{
	if (db->in_write)
		fatal("db_begin_write: a write transaction is already open");
	if (db->batch && !db->be->in_transaction(db)) {
		/* The database ended the batch (disk full, I/O): no write may escape it. */
		db_set_error(db, "the batch's transaction was rolled back by the database");
		return DB_ERR;
	}
	int rc = db_exec(db, db->batch ? "SAVEPOINT batch_write" : db->be->begin_write_sql, DB_END);
	if (rc == DB_OK)
		db->in_write = 1;
	return rc;
}

void db_defer_constraints(Db *db)
{
	if (!db->in_write)
		fatal("db_defer_constraints: no write transaction is open");
	db_exec(db, db->be->defer_sql, DB_END);
}

int db_commit(Db *db)
{
	if (!db->in_write)
		fatal("db_commit: no write transaction is open");
	int rc = db_exec(db, db->batch ? "RELEASE batch_write" : "COMMIT", DB_END);
	if (rc != DB_OK) {
		db_rollback(db);
		return rc;
	}
	db->in_write = 0;
	return DB_OK;
}

void db_rollback(Db *db)
{
	if (!db->in_write)
		return;
	/* Keep the message of the failure that caused the rollback. */
	Buf saved = db->err;
	db->err = (Buf)BUF_INIT;
	if (db->batch && db->be->in_transaction(db)) {
		db_exec(db, "ROLLBACK TO batch_write", DB_END);
		db_exec(db, "RELEASE batch_write", DB_END);
	} else if (!db->batch) {
		db_exec(db, "ROLLBACK", DB_END);
	}
	buf_free(&db->err);
	db->err = saved;
	db->in_write = 0;
}
