/*
** store.h: the storage layer. A thin SQL API with named binds, one-shot
** helpers and explicit write transactions, over a backend function table.
**
** Domain code (sop_*, later wf_*, kpi_*) calls only db_* functions and
** writes portable SQL with :named parameters. SQLite is the backend today
** (store_sqlite.c); a PostgreSQL backend fills the same DbBackend table.
** Schema migrations live in store_schema.c.
*/
#ifndef SAKIP_STORE_H
#define SAKIP_STORE_H

#include "util.h"

typedef struct Db Db;
typedef struct DbStmt DbStmt;

/* Results of db_step() and the other calls that can fail. */
enum {
	DB_OK = 0,
	DB_ROW = 1,
	DB_DONE = 2,
	DB_ERR = -1,        /* see db_errmsg() */
	DB_BUSY = -2,       /* another writer held the lock past the timeout */
	DB_CONSTRAINT = -3, /* a UNIQUE, CHECK, FOREIGN KEY or trigger refused */
	DB_READONLY = -4,   /* the database cannot be written */
	DB_NOTADB = -5,     /* the file is not a database at all */
};

/* db_open() flags. */
enum {
	DB_OPEN_CREATE = 1, /* create the file if missing (sakip init) */
	DB_OPEN_WRITE = 2,  /* the command will write: refuse a read-only file */
};

/* Argument of the one-shot helpers: a bound value with its :name. */
enum db_arg_type { DB_ARG_END, DB_ARG_TEXT, DB_ARG_INT, DB_ARG_DOUBLE, DB_ARG_NULL, DB_ARG_BLOB };
typedef struct DbArg {
	const char *name;
	enum db_arg_type type;
	const char *s;
	int64_t i;
	double d;
} DbArg;
#define DB_TEXT(n, v) ((DbArg){.name = (n), .type = DB_ARG_TEXT, .s = (v)})
#define DB_INT(n, v) ((DbArg){.name = (n), .type = DB_ARG_INT, .i = (v)})
#define DB_DOUBLE(n, v) ((DbArg){.name = (n), .type = DB_ARG_DOUBLE, .d = (v)})
#define DB_NULL(n) ((DbArg){.name = (n), .type = DB_ARG_NULL})
#define DB_END ((DbArg){.type = DB_ARG_END})

/*
** The backend function table. Statement handles are opaque to store.c.
** Column getters return memory owned by the backend statement, valid until
** the next step, reset or finalize of that statement.
*/
typedef struct DbBackend {
	const char *name;
	int (*open)(Db *db, const char *path, unsigned flags, Buf *err);
	void (*close)(Db *db);
	/* Schema identity: the application id and the schema version (DB_OK or a DB_* error). */
	int (*get_ids)(Db *db, int64_t *app_id, int64_t *version, bool *empty);
	int (*set_version)(Db *db, int64_t app_id, int64_t version);
	/* Settings applied after the identity check (journal, sync, keys). */
	int (*configure)(Db *db);
	bool (*readonly)(Db *db);
	int (*prepare)(Db *db, const char *sql, void **stmt);
	int (*param_index)(void *stmt, const char *name); /* 0 if the SQL has no such name */
	/* Bind at index i; copy says whether the value must be copied (it may change before step).
	 */
	int (*bind)(void *stmt, int i, const DbArg *arg, bool copy);
	int (*step)(void *stmt);
	int (*reset)(void *stmt);
	void (*finalize)(void *stmt);
	int (*col_count)(void *stmt);
	bool (*col_null)(void *stmt, int i);
	const char *(*col_text)(void *stmt, int i);
	int64_t (*col_int)(void *stmt, int i);
	double (*col_double)(void *stmt, int i);
	const void *(*col_blob)(void *stmt, int i, size_t *len);
	int (*exec_script)(Db *db, const char *sql);
	int64_t (*last_insert_id)(Db *db);
	int64_t (*changes)(Db *db);     /* rows changed by the last statement */
	bool (*in_transaction)(Db *db); /* a transaction is open on the connection */
	const char *(*errmsg)(Db *db);  /* message of the last failed call */
	const char *begin_write_sql;    /* "BEGIN IMMEDIATE" on SQLite */
	const char *defer_sql;          /* checks at commit: "PRAGMA defer_foreign_keys=ON" */
} DbBackend;

extern const DbBackend db_sqlite_backend;

/*
** Internals shared by store.c and the backends. The one-shot helpers keep
** their prepared statements in a small cache keyed by the SQL text's
** address (the SQL is always a string literal), so a hot path such as a
** workflow transition does not re-compile its SQL on every call.
*/
enum { DB_CACHE = 128 };
struct Db {
	const DbBackend *be;
	void *handle; /* the backend's connection */
	char *path;
	Buf err;      /* the last error message */
	int in_write; /* inside db_begin_write() */
	int batch;    /* inside db_batch_begin(): writes are savepoints of the batch */
	struct {
		const char *sql;
		DbStmt *st;
	} cache[DB_CACHE];
	int cache_next; /* round-robin eviction */
};
void db_set_error(Db *db, const char *fmt, ...) PRINTF_LIKE(2, 3);

/* ---- opening -------------------------------------------------------- */
#define DB_APPLICATION_ID 0x53414B50 /* "SAKP" */

const char *db_default_path(const char *flag_value); /* --db, $SAKIP_DB, ./sakip.db */
Db *db_open(const char *path, unsigned flags, Buf *err);
void db_close(Db *db);
const char *db_errmsg(Db *db);
const char *db_path(Db *db);
int64_t db_schema_version(Db *db);

/* ---- statements ----------------------------------------------------- */
/* Preparing SQL that does not compile is a programming error: it aborts. */
DbStmt *db_prepare(Db *db, const char *sql);
/*
** The same for a string literal that runs often: the statement is kept
** (keyed by the literal's address) and db_finalize() only resets it.
*/
DbStmt *db_prepare_cached(Db *db, const char *sql);
void db_bind_text(DbStmt *st, const char *name, const char *v); /* NULL binds NULL */
void db_bind_int(DbStmt *st, const char *name, int64_t v);
void db_bind_double(DbStmt *st, const char *name, double v);
void db_bind_null(DbStmt *st, const char *name);
void db_bind_blob(DbStmt *st, const char *name, const void *data, size_t len);
/*
** Bulk loads only: bind arg (its name unused) at position i (1-based) of a
** statement written with ?NNN parameters. The value must stay put until
** the statement steps.
*/
void db_bind_at(DbStmt *st, int i, const DbArg *arg);
int db_step(DbStmt *st); /* DB_ROW, DB_DONE or an error code */
void db_reset(DbStmt *st);
void db_finalize(DbStmt *st); /* NULL is fine */
bool db_col_null(DbStmt *st, int i);
const char *db_col_text(DbStmt *st, int i); /* NULL for SQL NULL */
const void *db_col_blob(DbStmt *st, int i, size_t *len);
int64_t db_col_int(DbStmt *st, int i);
double db_col_double(DbStmt *st, int i);

/* ---- one-shot helpers: variadic DbArg binds, ending with DB_END ------ */
int db_exec(Db *db, const char *sql, ...);
int64_t db_int(Db *db, int64_t dflt, const char *sql, ...);
char *db_text(Db *db, Arena *a, const char *sql, ...); /* NULL if no row */
bool db_exists(Db *db, const char *sql, ...);
/*
** A cached statement for SQL (a string literal) with its DbArg binds, ready
** to step; db_finalize() returns it to the cache. For hot multi-column
** reads. Do not nest two uses of the same SQL.
*/
DbStmt *db_query(Db *db, const char *sql, ...);
int64_t db_last_insert_id(Db *db);
int64_t db_changes(Db *db); /* rows changed by the last INSERT/UPDATE/DELETE */

/* ---- write transactions ---------------------------------------------- */
/*
** Every write happens inside db_begin_write() ... db_commit(). On SQLite the
** lock is taken at the start (BEGIN IMMEDIATE), so two writers never both
** read and then collide at commit. db_rollback() is safe to call on any
** path, also when no transaction is open.
*/
int db_begin_write(Db *db);
/* Inside a write: check foreign keys at commit instead of per statement (bulk loads). */
void db_defer_constraints(Db *db);
int db_commit(Db *db);
void db_rollback(Db *db);

/*
** Group commit: many small writes, one durable commit. Between
** db_batch_begin() and db_batch_commit() each db_begin_write() ... db_commit()
** becomes a savepoint of one outer write transaction (db_rollback() undoes
** just that write), so a caller's write succeeds or fails on its own, but
** none is durable until db_batch_commit() returns DB_OK. A caller must not
** report success before that. db_batch_alive() is false when the database
** ended the outer transaction itself (disk full, I/O error): every write
** of the batch so far is lost, and the batch must be begun again.
*/
int db_batch_begin(Db *db);
bool db_batch_alive(Db *db);
int db_batch_commit(Db *db);

/* ---- schema (store_schema.c) ----------------------------------------- */
int64_t db_schema_latest(void);
int db_migrate(Db *db, Buf *err);

#endif
