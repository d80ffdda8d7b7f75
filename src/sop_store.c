/*
** sop_store.c: SOP versions in the database.
**
** An SOP is a row in `sop` (its code) and one immutable row per version in
** `sop_version`, holding the canonical definition text. Adding never
** changes an existing version: a revision is the next version number, so
** a case that pinned version 3 keeps reading version 3. This file does not
** parse command lines or print; the CLI does.
*/
#include "sop.h"

#include <stdlib.h>
#include <string.h>

int sop_store_add(Db *db, Sop *sop, const char *status, const char *origin, bool if_absent,
                  Buf *err)
{
	Buf problems = BUF_INIT, text = BUF_INIT;
	int rc = -1;
	if (sop_validate(sop, &problems) > 0) {
		buf_printf(err, "%s", buf_str(&problems));
		goto cleanup;
	}
	if (db_begin_write(db) != DB_OK) {
		buf_printf(err, "%s: cannot start a write: %s\n", db_path(db), db_errmsg(db));
		goto cleanup;
	}
	char now[32];
	time_now_iso(now);
	int64_t sop_id = db_int(db, 0, "SELECT id FROM sop WHERE code=:code",
	                        DB_TEXT(":code", sop->code), DB_END);
	if (sop_id && if_absent) {
		db_rollback(db);
		rc = 1;
		goto cleanup;
	}
	if (!sop_id) {
		if (db_exec(db, "INSERT INTO sop(code, created_at) VALUES(:code, :now)",
		            DB_TEXT(":code", sop->code), DB_TEXT(":now", now), DB_END) != DB_OK)
			goto db_fail;
		sop_id = db_last_insert_id(db);
	}
	int version = (int)db_int(db, 0, "SELECT max(version) FROM sop_version WHERE sop_id=:id",
	                          DB_INT(":id", sop_id), DB_END) +
	              1;
	int given = sop->version;
	sop->version = version;
	sop_write(sop, &text);
	sop->version = given;
	if (text.len > SOP_MAX_FILE) {
		buf_printf(err, "%s: the definition is %zu bytes once written; the limit is %d\n",
		           sop->code, text.len, SOP_MAX_FILE);
		db_rollback(db);
		goto cleanup;
	}
	if (db_exec(db,
	            "INSERT INTO sop_version(sop_id, version, status, name, number, agency,"
	            "  unit, n_steps, definition, origin, created_at)"
	            " VALUES(:sop, :v, :status, :name, :number, :agency, :unit, :n, :def,"
	            "  :origin, :now)",
	            DB_INT(":sop", sop_id), DB_INT(":v", version), DB_TEXT(":status", status),
	            DB_TEXT(":name", sop->name), DB_TEXT(":number", sop->number),
	            DB_TEXT(":agency", sop->agency), DB_TEXT(":unit", sop->unit),
	            DB_INT(":n", sop->n_steps), DB_TEXT(":def", buf_str(&text)),
	            DB_TEXT(":origin", origin), DB_TEXT(":now", now), DB_END) != DB_OK)
		goto db_fail;
	if (db_commit(db) != DB_OK)
		goto db_fail;
	sop->version = version;
	rc = 0;
	goto cleanup;
db_fail:
	buf_printf(err, "%s: cannot store %s: %s; nothing was changed\n", db_path(db), sop->code,
	           db_errmsg(db));
	db_rollback(db);
cleanup:
	buf_free(&problems);
	buf_free(&text);
	return rc;
}

/* Split "code@3" into the code and the version; "@" absent leaves *version. */
static char *split_ref(const char *ref, int *version, Buf *err)
{
	const char *at = strchr(ref, '@');
	if (!at)
		return xstrdup(ref);
	if (!str_is_digits(at + 1) || strlen(at + 1) > 6 || atoi(at + 1) < 1) {
		buf_printf(err, "\"%s\": the version after @ must be a number from 1 to 999999\n",
		           ref);
		return NULL;
	}
	*version = atoi(at + 1);
	return xstrndup(ref, (size_t)(at - ref));
}

int64_t sop_store_resolve(Db *db, const char *ref, int version, Buf *err)
{
	char *key = split_ref(ref, &version, err);
	if (!key)
		return 0;
	int64_t sop_id = str_is_digits(key) && strlen(key) < 12
	                         ? db_int(db, 0, "SELECT id FROM sop WHERE id=:id",
	                                  DB_INT(":id", atoll(key)), DB_END)
	                         : db_int(db, 0, "SELECT id FROM sop WHERE code=:code",
	                                  DB_TEXT(":code", key), DB_END);
	int64_t vid = 0;
	if (!sop_id) {
		buf_printf(err, "no SOP with id or code \"%s\" (see 'sakip sop list')\n", key);
	} else if (version) {
		vid = db_int(db, 0, "SELECT id FROM sop_version WHERE sop_id=:id AND version=:v",
		             DB_INT(":id", sop_id), DB_INT(":v", version), DB_END);
		if (!vid)
			buf_printf(err, "SOP \"%s\" has no version %d\n", key, version);
	} else {
		vid = db_int(db, 0,
		             "SELECT id FROM sop_version WHERE sop_id=:id AND status='active'"
		             " ORDER BY version DESC LIMIT 1",
		             DB_INT(":id", sop_id), DB_END);
		if (!vid)
			buf_printf(err, "SOP \"%s\" has no active version yet (only drafts)\n",
			           key);
	}
	free(key);
	return vid;
}

int sop_store_activate(Db *db, int64_t version_id, Buf *err)
{
	if (db_begin_write(db) != DB_OK) {
		buf_printf(err, "%s: cannot start a write: %s\n", db_path(db), db_errmsg(db));
		return -1;
	}
	char *status = db_text(db, NULL, "SELECT status FROM sop_version WHERE id=:id",
	                       DB_INT(":id", version_id), DB_END);
	int rc = -1;
	if (!status) {
		buf_printf(err, "no SOP version with id %lld\n", (long long)version_id);
	} else if (strcmp(status, "active") == 0) {
		buf_printf(err, "this version is already active\n");
	} else if (db_exec(db, "UPDATE sop_version SET status='active' WHERE id=:id",
	                   DB_INT(":id", version_id), DB_END) != DB_OK) {
		buf_printf(err, "%s: cannot activate: %s; nothing was changed\n", db_path(db),
		           db_errmsg(db));
	} else {
		rc = 0;
	}
	free(status);
	if (rc == 0 && db_commit(db) == DB_OK)
		return 0;
	db_rollback(db);
	return -1;
}

bool sop_store_is_active(Db *db, int64_t version_id)
{
	return db_exists(db, "SELECT 1 FROM sop_version WHERE id=:id AND status='active'",
	                 DB_INT(":id", version_id), DB_END);
}

char *sop_store_definition(Db *db, const char *ref, int version, Buf *err)
{
	int64_t vid = sop_store_resolve(db, ref, version, err);
	if (!vid)
		return NULL;
	return db_text(db, NULL, "SELECT definition FROM sop_version WHERE id=:id",
	               DB_INT(":id", vid), DB_END);
}

int sop_store_list(Db *db, Arena *a, SopRow **rows)
{
	DbStmt *st = db_prepare(
	        db, "SELECT s.id, s.code, v.version, v.status, v.name, v.number, v.agency,"
	            "  v.unit, v.origin, v.created_at, v.n_steps,"
	            "  (SELECT count(*) FROM sop_version WHERE sop_id=s.id)"
	            " FROM sop s JOIN sop_version v ON v.sop_id=s.id"
	            " WHERE v.version=(SELECT max(version) FROM sop_version WHERE sop_id=s.id)"
	            " ORDER BY s.code");
	int n = 0, cap = 16;
	SopRow *r = arena_alloc(a, sizeof *r * (size_t)cap);
	int rc;
	while ((rc = db_step(st)) == DB_ROW) {
		if (n == cap) {
			SopRow *bigger = arena_alloc(a, sizeof *r * (size_t)cap * 2);
			memcpy(bigger, r, sizeof *r * (size_t)n);
			r = bigger;
			cap *= 2;
		}
		SopRow *x = &r[n++];
		x->id = db_col_int(st, 0);
		x->code = arena_strdup(a, db_col_text(st, 1));
		x->version = (int)db_col_int(st, 2);
		x->status = arena_strdup(a, db_col_text(st, 3));
		x->name = arena_strdup(a, db_col_text(st, 4));
		x->number = arena_strdup(a, db_col_text(st, 5));
		x->agency = arena_strdup(a, db_col_text(st, 6));
		x->unit = arena_strdup(a, db_col_text(st, 7));
		x->origin = arena_strdup(a, db_col_text(st, 8));
		x->created_at = arena_strdup(a, db_col_text(st, 9));
		x->n_steps = (int)db_col_int(st, 10);
		x->n_versions = (int)db_col_int(st, 11);
	}
	db_finalize(st);
	*rows = r;
	return rc == DB_DONE ? n : -1;
}
