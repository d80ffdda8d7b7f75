/*
** kpi_flow.c: data kinerja moved by SOP steps. The step actions of the
** curated SOPs bind cases to data:
**
**   data.request  opens a collection for the case's period (one form per
**                 responsible unit); a locked period cannot be collected again
**   data.submit   a unit's task completes only when every indicator it is
**                 responsible for has a value (and evidence where required);
**                 its drafts become submitted
**   data.compile  the recap of the submissions is attached as the step's output
**   data.correct  completes only with at least one proposed correction
**   closing       (end step or archive) verifies a collection's values and locks
**                 the period, or applies the case's corrections: the old
**                 verified version is superseded, never overwritten
**   cancelling    rejects proposals and withdraws submissions
**
** Values are entered with kpi_submit() and kpi_correct(). The hooks run
** inside the engine's transaction, so a refusal changes nothing. An agency
** that has no indicators yet runs its SOPs as plain workflows.
*/
#include "kpi.h"
#include "wf.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/*
** The period a case is about, from its period text: "TW III 2026",
** "TW3 2026", "Triwulan 3 2026", "Tahun 2026" or "2026" (the year).
*/
int kpi_case_period(const char *text, int *year, int *period)
{
	if (!text)
		return -1;
	int y = 0, p = 4;
	const char *s = text;
	while (*s) {
		if (isdigit((unsigned char)s[0]) && isdigit((unsigned char)s[1]) &&
		    isdigit((unsigned char)s[2]) && isdigit((unsigned char)s[3]) &&
		    !isdigit((unsigned char)s[4]) &&
		    (s == text || !isdigit((unsigned char)s[-1]))) {
			y = atoi(s);
			s += 4;
			continue;
		}
		if (strncasecmp(s, "TW", 2) == 0 || strncasecmp(s, "Triwulan", 8) == 0) {
			s += strncasecmp(s, "TW", 2) == 0 ? 2 : 8;
			while (*s == ' ' || *s == '-' || *s == '.')
				s++;
			static const char *const roman[] = {"IV", "III", "II", "I"};
			static const int rv[] = {4, 3, 2, 1};
			int q = 0;
			for (int k = 0; k < 4 && !q; k++)
				if (strncasecmp(s, roman[k], strlen(roman[k])) == 0 &&
				    !isalpha((unsigned char)s[strlen(roman[k])])) {
					q = rv[k];
					s += strlen(roman[k]);
				}
			if (!q && *s >= '1' && *s <= '4' && !isdigit((unsigned char)s[1]))
				q = *s++ - '0';
			if (!q)
				return -1;
			p = q - 1;
			continue;
		}
		s++;
	}
	if (y < 2000 || y > 2100)
		return -1;
	*year = y;
	*period = p;
	return 0;
}

typedef struct Collection {
	int64_t id;
	int year, period;
} Collection;

static bool collection_of(Db *db, int64_t case_id, Collection *col)
{
	DbStmt *st = db_query(db, "SELECT id, year, period FROM collection WHERE case_id=:c",
	                      DB_INT(":c", case_id), DB_END);
	bool found = db_step(st) == DB_ROW;
	if (found) {
		col->id = db_col_int(st, 0);
		col->year = (int)db_col_int(st, 1);
		col->period = kpi_period_parse(db_col_text(st, 2));
	}
	db_finalize(st);
	return found;
}

static int on_request(Wf *wf, const WfHookCtx *h, Buf *err)
{
	Db *db = wf_db(wf);
	Arena a = ARENA_INIT;
	const char *text = db_text(db, &a, "SELECT period FROM wf_case WHERE id=:c",
	                           DB_INT(":c", h->c->id), DB_END);
	int year, period, rc = -1;
	Collection existing;
	if (kpi_case_period(text, &year, &period) != 0) {
		buf_printf(err,
		           "step %d opens a data collection, but the case's period \"%s\" names no "
		           "period: start the case with e.g. --period \"TW III 2026\"\n",
		           h->st->no, text ? text : "");
	} else if (collection_of(db, h->c->id, &existing)) {
		rc = 0; /* requested again after a return: the same collection */
	} else if (db_exists(
	                   db,
	                   "SELECT 1 FROM period_lock WHERE agency_id=:a AND year=:y AND period=:p",
	                   DB_INT(":a", h->c->agency_id), DB_INT(":y", year),
	                   DB_TEXT(":p", kpi_period_name(period)), DB_END)) {
		buf_printf(err,
		           "%s %d is already verified and locked; correct it through a Perbaikan "
		           "Data Kinerja case\n",
		           kpi_period_name(period), year);
	} else if (db_exists(db,
	                     "SELECT 1 FROM collection WHERE agency_id=:a AND year=:y AND period=:p"
	                     " AND (status='open' OR status='compiled')",
	                     DB_INT(":a", h->c->agency_id), DB_INT(":y", year),
	                     DB_TEXT(":p", kpi_period_name(period)), DB_END)) {
		buf_printf(err, "%s %d is being collected by another case already\n",
		           kpi_period_name(period), year);
	} else if (db_exec(db,
	                   "INSERT INTO collection(case_id, agency_id, year, period, status)"
	                   " VALUES(:c, :a, :y, :p, 'open')",
	                   DB_INT(":c", h->c->id), DB_INT(":a", h->c->agency_id),
	                   DB_INT(":y", year), DB_TEXT(":p", kpi_period_name(period)),
	                   DB_END) == DB_OK) {
		rc = 0;
	} else {
		buf_printf(err, "cannot open the collection: %s\n", db_errmsg(db));
	}
	arena_free(&a);
	return rc;
}

static int on_submit(Wf *wf, const WfHookCtx *h, Buf *err)
{
	Db *db = wf_db(wf);
	Collection col;
	if (!collection_of(db, h->c->id, &col)) {
		buf_printf(err, "case %lld has no data collection yet\n", (long long)h->c->id);
		return -1;
	}
	/* Every indicator of the unit needs this case's value for the period. */
	DbStmt *st =
	        db_prepare(db, "SELECT i.code, i.evidence_required,"
	                       " (SELECT max(r.version) FROM realisasi r WHERE r.indicator_id=i.id"
	                       "   AND r.year=:y AND r.period=:p AND r.case_id=:c"
	                       "   AND r.status='draft'),"
	                       " (SELECT r.evidence_sha256 FROM realisasi r WHERE"
	                       "   r.indicator_id=i.id AND r.year=:y AND r.period=:p"
	                       "   AND r.case_id=:c AND r.status='draft'"
	                       "   ORDER BY r.version DESC LIMIT 1)"
	                       " FROM indicator i WHERE i.agency_id=:a AND i.unit_id=:u"
	                       /* A value verified already (imported) needs no submission. */
	                       " AND NOT EXISTS (SELECT 1 FROM realisasi v WHERE"
	                       "   v.indicator_id=i.id AND v.year=:y AND v.period=:p"
	                       "   AND v.status='verified')"
	                       " ORDER BY i.code");
	db_bind_int(st, ":y", col.year);
	db_bind_text(st, ":p", kpi_period_name(col.period));
	db_bind_int(st, ":c", h->c->id);
	db_bind_int(st, ":a", h->c->agency_id);
	db_bind_int(st, ":u", h->unit_id);
	int missing = 0;
	while (db_step(st) == DB_ROW) {
		if (db_col_null(st, 2)) {
			buf_printf(err, "%s %s: no value yet (sakip kpi submit)\n",
			           db_col_text(st, 0), kpi_period_name(col.period));
			missing++;
		} else if (db_col_int(st, 1) && db_col_null(st, 3)) {
			buf_printf(err, "%s: its bukti dukung (evidence) is required\n",
			           db_col_text(st, 0));
			missing++;
		}
	}
	db_finalize(st);
	if (missing) {
		buf_printf(err,
		           "the unit's data for %s %d is not complete; nothing was submitted\n",
		           kpi_period_name(col.period), col.year);
		return -1;
	}
	if (db_exec(db,
	            "UPDATE realisasi SET status='submitted' WHERE case_id=:c AND status='draft'"
	            " AND unit_id=:u AND year=:y AND period=:p",
	            DB_INT(":c", h->c->id), DB_INT(":u", h->unit_id), DB_INT(":y", col.year),
	            DB_TEXT(":p", kpi_period_name(col.period)), DB_END) != DB_OK) {
		buf_printf(err, "cannot submit: %s\n", db_errmsg(db));
		return -1;
	}
	return 0;
}

/*
** In a correction case (seed 004's recap step) the compiled document lists
** the proposed corrections beside the values they replace.
*/
static int compile_corrections(Wf *wf, const WfHookCtx *h, Buf *err)
{
	Db *db = wf_db(wf);
	Buf csv = BUF_INIT;
	buf_puts(&csv, "indicator,name,year,period,current,proposed,reason\n");
	DbStmt *st = db_prepare(
	        db, "SELECT i.code, i.name, p.year, p.period,"
	            " (SELECT v.value FROM realisasi v WHERE v.indicator_id=p.indicator_id"
	            "  AND v.year=p.year AND v.period=p.period AND v.status='verified'),"
	            " p.value, p.reason FROM realisasi p"
	            " JOIN indicator i ON i.id=p.indicator_id"
	            " WHERE p.case_id=:c AND p.status='proposed' ORDER BY i.code");
	db_bind_int(st, ":c", h->c->id);
	int n = 0;
	while (db_step(st) == DB_ROW) {
		buf_printf(&csv, "%s,\"", db_col_text(st, 0));
		for (const char *s = db_col_text(st, 1); *s; s++)
			buf_append(&csv, *s == '"' ? "\"\"" : s, *s == '"' ? 2 : 1);
		buf_printf(&csv, "\",%lld,%s,%.15g,%.15g,\"", (long long)db_col_int(st, 2),
		           db_col_text(st, 3), db_col_double(st, 4), db_col_double(st, 5));
		for (const char *s = db_col_text(st, 6) ? db_col_text(st, 6) : ""; *s; s++)
			buf_append(&csv, *s == '"' ? "\"\"" : s, *s == '"' ? 2 : 1);
		buf_puts(&csv, "\"\n");
		n++;
	}
	db_finalize(st);
	int rc = 0;
	if (n) {
		char name[64], sha[65];
		snprintf(name, sizeof name, "koreksi-kasus-%lld.csv", (long long)h->c->id);
		WfFile f = {name, "text/csv", (const unsigned char *)csv.data, csv.len};
		rc = wf_attach(wf, h->c->id, h->task_id, h->person_id, h->acting_for, &f, true,
		               h->now, sha, err);
	}
	buf_free(&csv);
	return rc;
}

/* The compiled recap (including submitted values) becomes the step's output document. */
static int on_compile(Wf *wf, const WfHookCtx *h, Buf *err)
{
	Db *db = wf_db(wf);
	Collection col;
	if (!collection_of(db, h->c->id, &col))
		return compile_corrections(wf, h, err);
	json_t *recap = kpi_recap_json(db, h->c->agency_id, col.year, col.period, err);
	if (!recap)
		return -1;
	Buf csv = BUF_INIT;
	kpi_recap_csv(recap, &csv);
	json_decref(recap);
	char name[64], sha[65];
	snprintf(name, sizeof name, "rekap-%s-%d.csv", kpi_period_name(col.period), col.year);
	WfFile f = {name, "text/csv", (const unsigned char *)csv.data, csv.len};
	int rc = wf_attach(wf, h->c->id, h->task_id, h->person_id, h->acting_for, &f, true, h->now,
	                   sha, err);
	buf_free(&csv);
	if (rc == 0)
		rc = db_exec(db, "UPDATE collection SET status='compiled' WHERE id=:id",
		             DB_INT(":id", col.id), DB_END) == DB_OK
		             ? 0
		             : -1;
	return rc;
}

static int on_correct(Wf *wf, const WfHookCtx *h, Buf *err)
{
	if (!db_exists(wf_db(wf), "SELECT 1 FROM realisasi WHERE case_id=:c AND status='proposed'",
	               DB_INT(":c", h->c->id), DB_END)) {
		buf_printf(err,
		           "step %d proposes corrections: propose at least one first (sakip kpi "
		           "correct --case %lld ...)\n",
		           h->st->no, (long long)h->c->id);
		return -1;
	}
	return 0;
}

static int step_done(Wf *wf, const WfHookCtx *h, Buf *err)
{
	const char *a = h->st->action;
	if (!a || strncmp(a, "data.", 5) != 0)
		return 0;
	/* An agency without data kinerja runs its SOPs as plain workflows. */
	if (!db_exists(wf_db(wf), "SELECT 1 FROM indicator WHERE agency_id=:a",
	               DB_INT(":a", h->c->agency_id), DB_END))
		return 0;
	if (strcmp(a, "data.request") == 0)
		return on_request(wf, h, err);
	if (strcmp(a, "data.submit") == 0)
		return on_submit(wf, h, err);
	if (strcmp(a, "data.compile") == 0)
		return on_compile(wf, h, err);
	if (strcmp(a, "data.correct") == 0)
		return on_correct(wf, h, err);
	return 0;
}

static int case_closed(Wf *wf, const WfCaseRow *c, time_t now, Buf *err)
{
	Db *db = wf_db(wf);
	Collection col;
	int rc = DB_OK;
	if (collection_of(db, c->id, &col)) {
		/* The archived collection's values become the verified data; the period locks. */
		rc = db_exec(db,
		             "UPDATE realisasi SET status='verified' WHERE case_id=:c AND "
		             "status='submitted'",
		             DB_INT(":c", c->id), DB_END);
		if (rc == DB_OK)
			rc = db_exec(db,
			             "UPDATE realisasi SET status='superseded' WHERE case_id=:c"
			             " AND status='draft'",
			             DB_INT(":c", c->id), DB_END);
		if (rc == DB_OK)
			rc = db_exec(
			        db,
			        "INSERT INTO period_lock(agency_id, year, period, case_id, "
			        "locked_at)"
			        " VALUES(:a, :y, :p, :c, :now) ON CONFLICT(agency_id, year, period)"
			        " DO NOTHING",
			        DB_INT(":a", c->agency_id), DB_INT(":y", col.year),
			        DB_TEXT(":p", kpi_period_name(col.period)), DB_INT(":c", c->id),
			        DB_INT(":now", (int64_t)now), DB_END);
		if (rc == DB_OK)
			rc = db_exec(db, "UPDATE collection SET status='locked' WHERE id=:id",
			             DB_INT(":id", col.id), DB_END);
	}
	/*
	** Corrections: each proposal must still correct the version that is
	** current (another case may have corrected it since); then the old
	** verified version is superseded and the proposal becomes current.
	*/
	if (rc == DB_OK) {
		DbStmt *st =
		        db_prepare(db, "SELECT i.code, p.period, p.year FROM realisasi p"
		                       " JOIN indicator i ON i.id=p.indicator_id"
		                       " WHERE p.case_id=:c AND p.status='proposed' AND"
		                       " p.base_version IS NOT (SELECT v.version FROM realisasi v"
		                       "  WHERE v.indicator_id=p.indicator_id AND v.year=p.year"
		                       "  AND v.period=p.period AND v.status='verified')");
		db_bind_int(st, ":c", c->id);
		int stale = 0;
		while (db_step(st) == DB_ROW) {
			buf_printf(
			        err,
			        "%s %s %lld was changed by another case after this correction was "
			        "proposed; propose it again\n",
			        db_col_text(st, 0), db_col_text(st, 1),
			        (long long)db_col_int(st, 2));
			stale++;
		}
		db_finalize(st);
		if (stale)
			return -1;
	}
	if (rc == DB_OK)
		rc = db_exec(
		        db,
		        "UPDATE realisasi SET status='superseded' WHERE status='verified' AND "
		        "EXISTS"
		        " (SELECT 1 FROM realisasi p WHERE p.case_id=:c AND p.status='proposed'"
		        "  AND p.indicator_id=realisasi.indicator_id AND p.year=realisasi.year"
		        "  AND p.period=realisasi.period)",
		        DB_INT(":c", c->id), DB_END);
	if (rc == DB_OK)
		rc = db_exec(db,
		             "UPDATE realisasi SET status='verified' WHERE case_id=:c AND "
		             "status='proposed'",
		             DB_INT(":c", c->id), DB_END);
	if (rc != DB_OK) {
		buf_printf(err, "cannot apply the case's data: %s\n", db_errmsg(db));
		return -1;
	}
	return 0;
}

static int case_cancelled(Wf *wf, const WfCaseRow *c, time_t now, Buf *err)
{
	(void)now;
	Db *db = wf_db(wf);
	int rc = db_exec(
	        db, "UPDATE realisasi SET status='rejected' WHERE case_id=:c AND status='proposed'",
	        DB_INT(":c", c->id), DB_END);
	if (rc == DB_OK)
		rc = db_exec(db,
		             "UPDATE realisasi SET status='draft' WHERE case_id=:c AND "
		             "status='submitted'",
		             DB_INT(":c", c->id), DB_END);
	if (rc == DB_OK)
		rc = db_exec(db,
		             "UPDATE realisasi SET status='superseded' WHERE case_id=:c AND "
		             "status='draft'",
		             DB_INT(":c", c->id), DB_END);
	if (rc == DB_OK)
		rc = db_exec(db, "UPDATE collection SET status='cancelled' WHERE case_id=:c",
		             DB_INT(":c", c->id), DB_END);
	if (rc != DB_OK) {
		buf_printf(err, "cannot withdraw the case's data: %s\n", db_errmsg(db));
		return -1;
	}
	return 0;
}

/*
** A return to the correction step (or before it) sends the proposals back
** with the work: they are rejected, and the official proposes again.
*/
static int step_returned(Wf *wf, const WfHookCtx *h, int to_step, Buf *err)
{
	long target = -1, correct = -1;
	for (int i = 0; i < h->sop->n_steps; i++) {
		const SopStep *s = &h->sop->steps[i];
		if (s->no == to_step)
			target = i;
		if (s->action && strcmp(s->action, "data.correct") == 0 && correct < 0)
			correct = i;
	}
	if (correct < 0 || target > correct)
		return 0;
	if (db_exec(wf_db(wf),
	            "UPDATE realisasi SET status='rejected' WHERE case_id=:c AND status='proposed'",
	            DB_INT(":c", h->c->id), DB_END) != DB_OK) {
		buf_printf(err, "cannot send the proposals back: %s\n", db_errmsg(wf_db(wf)));
		return -1;
	}
	return 0;
}

static const WfHooks hooks = {step_done, case_closed, case_cancelled, step_returned};

void kpi_flow_install(Wf *wf)
{
	wf_set_hooks(wf, &hooks);
}

/* ---- entering values ------------------------------------------------------ */

/* The open task of the case with the given action that person may do; 0 if none. */
/* want: a task id the caller names (its page), or 0 for the first that fits. */
static int64_t open_task_for(Wf *wf, int64_t case_id, int64_t want, const char *action,
                             int64_t person, time_t now, int64_t *unit_id, int64_t *acting,
                             Buf *err)
{
	Db *db = wf_db(wf);
	WfCaseRow c;
	if (wf_case_load(wf, case_id, &c, err) != 0)
		return 0;
	const Sop *sop = wf_sop(wf, c.sop_version_id, err);
	if (!sop)
		return 0;
	DbStmt *st = db_prepare(db, "SELECT id, step_no, position_id, unit_id FROM wf_task"
	                            " WHERE case_id=:c AND status='open' AND (:t = 0 OR id=:t)");
	db_bind_int(st, ":c", case_id);
	db_bind_int(st, ":t", want);
	int64_t found = 0;
	while (!found && db_step(st) == DB_ROW) {
		const SopStep *s = sop_step(sop, (int)db_col_int(st, 1));
		if (s && s->action && strcmp(s->action, action) == 0 &&
		    wf_may_act(wf, db_col_int(st, 2), person, now, acting)) {
			found = db_col_int(st, 0);
			*unit_id = db_col_null(st, 3) ? 0 : db_col_int(st, 3);
		}
	}
	db_finalize(st);
	if (!found)
		buf_printf(err, "case %lld has no open %s step for this person\n",
		           (long long)case_id,
		           strcmp(action, "data.submit") == 0 ? "data submission" : "correction");
	return found;
}

/*
** Store a new version of a value with status (draft or proposed) in case
** case_id; an earlier one of the same status in the same case is set
** aside (a draft superseded, a proposal rejected).
*/
static int store_value(Wf *wf, const KpiEntry *e, int64_t case_id, int64_t ind, int year,
                       int period, int64_t unit, const char *status, time_t now, Buf *err)
{
	Db *db = wf_db(wf);
	Arena a = ARENA_INIT;
	int rc = -1;
	/* The value is checked against the indicator's range or scale. */
	DbStmt *st = db_query(db,
	                      "SELECT min_value, max_value, scale_id, evidence_required, code"
	                      " FROM indicator WHERE id=:i",
	                      DB_INT(":i", ind), DB_END);
	db_step(st);
	bool has_min = !db_col_null(st, 0), has_max = !db_col_null(st, 1);
	double min = db_col_double(st, 0), max = db_col_double(st, 1);
	int64_t scale = db_col_null(st, 2) ? 0 : db_col_int(st, 2);
	bool need_evidence = db_col_int(st, 3) != 0;
	const char *code = arena_strdup(&a, db_col_text(st, 4));
	db_finalize(st);
	double v = 0;
	const char *label = NULL;
	if (scale) {
		DbStmt *q = db_query(
		        db, "SELECT value FROM kpi_scale_level WHERE scale_id=:s AND label=:l",
		        DB_INT(":s", scale), DB_TEXT(":l", e->value), DB_END);
		bool ok = db_step(q) == DB_ROW;
		v = ok ? db_col_double(q, 0) : 0;
		db_finalize(q);
		if (!ok) {
			buf_printf(err, "%s: \"%s\" is not on the indicator's scale\n", code,
			           e->value);
			goto done;
		}
		label = e->value;
	} else {
		char *end;
		errno = 0;
		v = strtod(e->value, &end);
		if (!*e->value || *end || errno || !isfinite(v) || strpbrk(e->value, "xXpP ")) {
			buf_printf(err,
			           "%s: \"%s\" is not a number (decimal point, no thousands "
			           "separator)\n",
			           code, e->value);
			goto done;
		}
		if ((has_min && v < min) || (has_max && v > max)) {
			buf_printf(err, "%s: %g is outside the indicator's range %g..%g\n", code, v,
			           has_min ? min : -1e308, has_max ? max : 1e308);
			goto done;
		}
	}
	/*
	** A new draft without a file of its own keeps the evidence of the draft
	** it replaces: changing a value does not mean uploading the file again.
	*/
	char *kept = NULL;
	if (!e->evidence && strcmp(status, "draft") == 0)
		kept = db_text(db, &a,
		               "SELECT evidence_sha256 FROM realisasi WHERE case_id=:c AND"
		               " indicator_id=:i AND year=:y AND period=:p AND status='draft'"
		               " AND evidence_sha256 IS NOT NULL ORDER BY version DESC LIMIT 1",
		               DB_INT(":c", case_id), DB_INT(":i", ind), DB_INT(":y", year),
		               DB_TEXT(":p", kpi_period_name(period)), DB_END);
	if ((need_evidence || strcmp(status, "proposed") == 0) && !e->evidence && !kept) {
		buf_printf(err,
		           "%s: a bukti dukung (evidence file) is required for this indicator\n",
		           code);
		goto done;
	}
	char sha[65] = "";
	if (kept)
		snprintf(sha, sizeof sha, "%s", kept);
	if (e->evidence && wf_attach(wf, case_id, e->task_id, e->person_id, e->acting_for,
	                             e->evidence, false, now, sha, err) != 0)
		goto done;
	const char *old = strcmp(status, "proposed") == 0 ? "rejected" : "superseded";
	int version = (int)db_int(db, 0,
	                          "SELECT coalesce(max(version), 0) + 1 FROM realisasi"
	                          " WHERE indicator_id=:i AND year=:y AND period=:p",
	                          DB_INT(":i", ind), DB_INT(":y", year),
	                          DB_TEXT(":p", kpi_period_name(period)), DB_END);
	if (db_exec(db,
	            "UPDATE realisasi SET status=:old WHERE case_id=:c AND indicator_id=:i"
	            " AND year=:y AND period=:p AND status=:s",
	            DB_TEXT(":old", old), DB_INT(":c", case_id), DB_INT(":i", ind),
	            DB_INT(":y", year), DB_TEXT(":p", kpi_period_name(period)),
	            DB_TEXT(":s", status), DB_END) != DB_OK ||
	    db_exec(db,
	            "INSERT INTO realisasi(indicator_id, year, period, version, value, value_text,"
	            " status, unit_id, person_id, case_id, reason, evidence_sha256, created_at,"
	            " base_version) VALUES(:i, :y, :p, :v, :val, :txt, :s, :u, :who, :c, :r, :sha,"
	            " :now, (SELECT version FROM realisasi WHERE indicator_id=:i AND year=:y"
	            " AND period=:p AND status='verified' AND :s='proposed'))",
	            DB_INT(":i", ind), DB_INT(":y", year), DB_TEXT(":p", kpi_period_name(period)),
	            DB_INT(":v", version), DB_DOUBLE(":val", v), DB_TEXT(":txt", label),
	            DB_TEXT(":s", status), unit ? DB_INT(":u", unit) : DB_NULL(":u"),
	            DB_INT(":who", e->person_id), DB_INT(":c", case_id), DB_TEXT(":r", e->reason),
	            DB_TEXT(":sha", sha[0] ? sha : NULL), DB_INT(":now", (int64_t)now),
	            DB_END) != DB_OK) {
		buf_printf(err, "cannot store the value: %s\n", db_errmsg(db));
		goto done;
	}
	char detail[200];
	snprintf(detail, sizeof detail,
	         "{\"indicator\":%lld,\"year\":%d,\"period\":\"%s\",\"version\":%d,\"status\":\"%"
	         "s\"}",
	         (long long)ind, year, kpi_period_name(period), version, status);
	WfEvent ev = {case_id,      e->task_id, e->person_id, e->acting_for,
	              "data.value", detail,     e->reason};
	rc = wf_audit_append(wf, &ev, now);
done:
	arena_free(&a);
	return rc;
}

/* One value of a unit's submission, inside the caller's write transaction. */
static int submit_one(Wf *wf, KpiEntry *e, time_t now, Buf *err)
{
	Db *db = wf_db(wf);
	int64_t unit = 0, ind = 0;
	Collection col;
	e->task_id = open_task_for(wf, e->case_id, e->task_id, "data.submit", e->person_id, now,
	                           &unit, &e->acting_for, err);
	if (!e->task_id)
		return -1;
	if (!collection_of(db, e->case_id, &col)) {
		buf_printf(err, "case %lld has no data collection\n", (long long)e->case_id);
		return -1;
	}
	WfCaseRow c;
	if (wf_case_load(wf, e->case_id, &c, err) != 0)
		return -1;
	ind = kpi_indicator_resolve(db, e->indicator, c.agency_id, err);
	if (!ind)
		return -1;
	if (db_int(db, 0, "SELECT unit_id FROM indicator WHERE id=:i", DB_INT(":i", ind), DB_END) !=
	    unit) {
		buf_printf(err, "indicator %s is not your unit's: each unit submits its own\n",
		           e->indicator);
		return -1;
	}
	if (db_exists(db,
	              "SELECT 1 FROM realisasi WHERE indicator_id=:i AND year=:y AND period=:p"
	              " AND status='verified'",
	              DB_INT(":i", ind), DB_INT(":y", col.year),
	              DB_TEXT(":p", kpi_period_name(col.period)), DB_END)) {
		buf_printf(err,
		           "%s %s %d is verified already; a change goes through a Perbaikan Data "
		           "Kinerja case\n",
		           e->indicator, kpi_period_name(col.period), col.year);
		return -1;
	}
	return store_value(wf, e, e->case_id, ind, col.year, col.period, unit, "draft", now, err);
}

int kpi_submit(Wf *wf, KpiEntry *e, time_t now, Buf *err)
{
	return kpi_submit_all(wf, e, 1, now, err) == 0 ? 0 : -1;
}

int kpi_submit_all(Wf *wf, KpiEntry *e, int n, time_t now, Buf *errs)
{
	Db *db = wf_db(wf);
	if (db_begin_write(db) != DB_OK) {
		buf_printf(&errs[0], "%s: cannot start a write: %s\n", db_path(db), db_errmsg(db));
		return n > 0 ? n : 1;
	}
	int refused = 0;
	for (int i = 0; i < n; i++)
		if (submit_one(wf, &e[i], now, &errs[i]) != 0)
			refused++;
	if (refused == 0 && db_commit(db) != DB_OK) {
		buf_printf(&errs[0], "cannot store the values: %s\n", db_errmsg(db));
		refused = n > 0 ? n : 1;
	}
	if (refused)
		db_rollback(db);
	return refused;
}

int kpi_correct(Wf *wf, KpiEntry *e, int year, int period, time_t now, Buf *err)
{
	Db *db = wf_db(wf);
	if (!e->reason || str_empty_or_blank(e->reason)) {
		buf_printf(err, "a correction needs its reason\n");
		return -1;
	}
	if (db_begin_write(db) != DB_OK) {
		buf_printf(err, "%s: cannot start a write: %s\n", db_path(db), db_errmsg(db));
		return -1;
	}
	int64_t unit = 0, ind = 0;
	WfCaseRow c;
	e->task_id = open_task_for(wf, e->case_id, e->task_id, "data.correct", e->person_id, now,
	                           &unit, &e->acting_for, err);
	if (!e->task_id || wf_case_load(wf, e->case_id, &c, err) != 0)
		goto refuse;
	ind = kpi_indicator_resolve(db, e->indicator, c.agency_id, err);
	if (!ind)
		goto refuse;
	if (!db_exists(db,
	               "SELECT 1 FROM realisasi WHERE indicator_id=:i AND year=:y AND period=:p"
	               " AND status='verified'",
	               DB_INT(":i", ind), DB_INT(":y", year),
	               DB_TEXT(":p", kpi_period_name(period)), DB_END)) {
		buf_printf(err, "%s %s %d has no verified value to correct\n", e->indicator,
		           kpi_period_name(period), year);
		goto refuse;
	}
	if (store_value(wf, e, e->case_id, ind, year, period, 0, "proposed", now, err) != 0 ||
	    db_commit(db) != DB_OK)
		goto refuse;
	return 0;
refuse:
	db_rollback(db);
	return -1;
}
