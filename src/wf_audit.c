/*
** wf_audit.c: the append-only, hash-chained audit trail of everything
** that changes a case.
**
** Each event's hash is SHA-256 over its own fields and the previous
** event's hash, each field length-prefixed so that no two different rows
** hash the same way. audit_head holds the newest id and hash, so removing
** events from the end is noticed as well as editing, removing or
** reordering in the middle. Triggers refuse UPDATE and DELETE on wf_event;
** the chain is what catches someone who drops them and edits the file.
** The chain proves integrity, not authorship: anyone able to rewrite the
** whole file can rebuild it, which signed documents (a later module) and
** backups address.
*/
#include "wf.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static const char genesis[] = "0000000000000000000000000000000000000000000000000000000000000000";

static void field_int(crypto_hash_sha256_state *h, bool present, int64_t v)
{
	char b[32];
	int n = present ? snprintf(b, sizeof b, "i%lld;", (long long)v)
	                : snprintf(b, sizeof b, "N;");
	crypto_hash_sha256_update(h, (const unsigned char *)b, (unsigned long long)n);
}

static void field_text(crypto_hash_sha256_state *h, const char *s)
{
	if (!s) {
		crypto_hash_sha256_update(h, (const unsigned char *)"N;", 2);
		return;
	}
	char b[32];
	size_t len = strlen(s);
	int n = snprintf(b, sizeof b, "s%zu:", len);
	crypto_hash_sha256_update(h, (const unsigned char *)b, (unsigned long long)n);
	crypto_hash_sha256_update(h, (const unsigned char *)s, len);
	crypto_hash_sha256_update(h, (const unsigned char *)";", 1);
}

typedef struct EventRow {
	int64_t id, at, case_id, task_id, person_id, acting_for;
	bool has_case, has_task, has_person, has_acting;
	const char *kind, *detail, *reason, *prev_hash;
} EventRow;

static void event_hash(const EventRow *e, char out[65])
{
	crypto_hash_sha256_state h;
	unsigned char digest[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_init(&h);
	field_text(&h, e->prev_hash);
	field_int(&h, true, e->id);
	field_int(&h, true, e->at);
	field_int(&h, e->has_case, e->case_id);
	field_int(&h, e->has_task, e->task_id);
	field_int(&h, e->has_person, e->person_id);
	field_int(&h, e->has_acting, e->acting_for);
	field_text(&h, e->kind);
	field_text(&h, e->detail);
	field_text(&h, e->reason);
	crypto_hash_sha256_final(&h, digest);
	sodium_bin2hex(out, 65, digest, sizeof digest);
}

int wf_audit_append(Wf *wf, const WfEvent *ev, time_t now)
{
	Db *db = wf_db(wf);
	EventRow e = {0};
	char prev[65] = "", hash[65];
	DbStmt *st = db_query(db, "SELECT last_id, last_hash FROM audit_head WHERE one=1", DB_END);
	if (db_step(st) == DB_ROW) {
		e.id = db_col_int(st, 0) + 1;
		snprintf(prev, sizeof prev, "%s", db_col_text(st, 1));
	} else {
		e.id = 1;
		snprintf(prev, sizeof prev, "%s", genesis);
	}
	db_finalize(st);
	e.at = (int64_t)now;
	e.case_id = ev->case_id, e.has_case = ev->case_id != 0;
	e.task_id = ev->task_id, e.has_task = ev->task_id != 0;
	e.person_id = ev->person_id, e.has_person = ev->person_id != 0;
	e.acting_for = ev->acting_for, e.has_acting = ev->acting_for != 0;
	e.kind = ev->kind;
	e.detail = ev->detail ? ev->detail : "{}";
	e.reason = ev->reason;
	e.prev_hash = prev;
	event_hash(&e, hash);
#define OPT(name, has, v) ((has) ? DB_INT(name, v) : DB_NULL(name))
	int rc = db_exec(
	        db,
	        "INSERT INTO wf_event(id, at, case_id, task_id, person_id, acting_for, kind,"
	        " detail, reason, prev_hash, hash) VALUES(:id, :at, :c, :t, :p, :a, :k, :d,"
	        " :r, :prev, :h)",
	        DB_INT(":id", e.id), DB_INT(":at", e.at), OPT(":c", e.has_case, e.case_id),
	        OPT(":t", e.has_task, e.task_id), OPT(":p", e.has_person, e.person_id),
	        OPT(":a", e.has_acting, e.acting_for), DB_TEXT(":k", e.kind),
	        DB_TEXT(":d", e.detail), DB_TEXT(":r", e.reason), DB_TEXT(":prev", prev),
	        DB_TEXT(":h", hash), DB_END);
#undef OPT
	if (rc == DB_OK)
		rc = db_exec(db,
		             "INSERT INTO audit_head(one, last_id, last_hash) VALUES(1, :id, :h)"
		             " ON CONFLICT(one) DO UPDATE SET last_id=excluded.last_id,"
		             " last_hash=excluded.last_hash",
		             DB_INT(":id", e.id), DB_TEXT(":h", hash), DB_END);
	return rc == DB_OK ? 0 : -1;
}

int64_t wf_audit_verify(Db *db, Buf *err)
{
	/*
	** The types are checked too: SQLite would read 7.9 or '2 (palsu)' back as
	** the integer the hash was made from, hiding the change.
	*/
	DbStmt *st = db_prepare(db, "SELECT id, at, case_id, task_id, person_id, acting_for, kind,"
	                            " detail, reason, prev_hash, hash,"
	                            " typeof(at) = 'integer'"
	                            " AND typeof(case_id) IN ('integer','null')"
	                            " AND typeof(task_id) IN ('integer','null')"
	                            " AND typeof(person_id) IN ('integer','null')"
	                            " AND typeof(acting_for) IN ('integer','null')"
	                            " AND typeof(kind) = 'text' AND typeof(detail) = 'text'"
	                            " AND typeof(reason) IN ('text','null')"
	                            " FROM wf_event ORDER BY id");
	char prev[65], hash[65];
	snprintf(prev, sizeof prev, "%s", genesis);
	int64_t expect = 1, n = 0;
	int rc;
	bool bad = false;
	while (!bad && (rc = db_step(st)) == DB_ROW) {
		EventRow e = {0};
		e.id = db_col_int(st, 0);
		e.at = db_col_int(st, 1);
		e.has_case = !db_col_null(st, 2), e.case_id = db_col_int(st, 2);
		e.has_task = !db_col_null(st, 3), e.task_id = db_col_int(st, 3);
		e.has_person = !db_col_null(st, 4), e.person_id = db_col_int(st, 4);
		e.has_acting = !db_col_null(st, 5), e.acting_for = db_col_int(st, 5);
		e.kind = db_col_text(st, 6);
		e.detail = db_col_text(st, 7);
		e.reason = db_col_text(st, 8);
		e.prev_hash = db_col_text(st, 9);
		const char *stored = db_col_text(st, 10);
		if (e.id != expect) {
			buf_printf(err,
			           "event %lld is missing: the trail jumps from event %lld to %lld "
			           "(removed)\n",
			           (long long)expect, (long long)expect - 1, (long long)e.id);
			bad = true;
			break;
		}
		if (!e.prev_hash || strcmp(e.prev_hash, prev) != 0) {
			buf_printf(err,
			           "event %lld (%s) does not follow event %lld: the chain is "
			           "broken there "
			           "(altered, removed or reordered)\n",
			           (long long)e.id, e.kind ? e.kind : "?", (long long)e.id - 1);
			bad = true;
			break;
		}
		event_hash(&e, hash);
		if (!db_col_int(st, 11) || !stored || strcmp(stored, hash) != 0) {
			buf_printf(err,
			           "event %lld (%s, case %lld) was altered: its content does not "
			           "match its "
			           "hash\n",
			           (long long)e.id, e.kind ? e.kind : "?", (long long)e.case_id);
			bad = true;
			break;
		}
		memcpy(prev, hash, sizeof prev);
		expect++;
		n++;
	}
	db_finalize(st);
	if (bad)
		return -1;
	int64_t head_id = db_int(db, -1, "SELECT last_id FROM audit_head WHERE one=1", DB_END);
	char *head_hash = db_text(db, NULL, "SELECT last_hash FROM audit_head WHERE one=1", DB_END);
	int64_t result = n;
	if (n > 0 && head_id < 0) {
		buf_printf(err, "the audit head is missing: it should name event %lld\n",
		           (long long)n);
		result = -1;
	} else if (head_id > n) {
		buf_printf(err, "events %lld to %lld were removed from the end of the trail\n",
		           (long long)n + 1, (long long)head_id);
		result = -1;
	} else if (head_id >= 0 && (head_id != n || !head_hash || strcmp(head_hash, prev) != 0)) {
		buf_printf(err, "the audit head (event %lld) does not match the last event %lld\n",
		           (long long)head_id, (long long)n);
		result = -1;
	}
	free(head_hash);
	return result;
}
