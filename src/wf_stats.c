/*
** wf_stats.c: how the SOP's time standards hold up in practice: per step,
** how many times it was completed, the median and 90th percentile of the
** actual durations (counted in the step's own unit: office minutes, working
** days, ...), the share completed within the standard, and how often work
** was returned at it or sent back to it. Read-only.
*/
#include "wf.h"

#include <stdlib.h>
#include <string.h>

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

/* Nearest-rank percentile of sorted v[0..n). */
static double percentile(const double *v, int n, double p)
{
	int rank = (int)(p * n + 0.999999);
	if (rank < 1)
		rank = 1;
	if (rank > n)
		rank = n;
	return v[rank - 1];
}

json_t *wf_stats_json(Wf *wf, const char *sop_ref, int64_t agency_id, Buf *err)
{
	Db *db = wf_db(wf);
	int64_t vid = sop_store_resolve(db, sop_ref, 0, err);
	const Sop *sop = vid ? wf_sop(wf, vid, err) : NULL;
	if (!sop)
		return NULL;
	json_t *steps = json_array();
	for (int i = 0; i < sop->n_steps; i++) {
		const SopStep *step = &sop->steps[i];
		DbStmt *st = db_prepare(
		        db, "SELECT t.created_at, t.done_at, c.agency_id, t.due_at,"
		            " t.status FROM wf_task t JOIN wf_case c ON c.id=t.case_id"
		            " JOIN sop_version v ON v.id=c.sop_version_id"
		            " JOIN sop s ON s.id=v.sop_id"
		            " WHERE s.code=:code AND t.step_no=:n AND t.done_at IS NOT NULL"
		            " AND t.status IN ('done','approved','returned')"
		            " AND (:a = 0 OR c.agency_id=:a)");
		db_bind_text(st, ":code", sop->code);
		db_bind_int(st, ":n", step->no);
		db_bind_int(st, ":a", agency_id);
		double *v = NULL;
		int n = 0, cap = 0, within = 0, returns = 0;
		/* A per-case step is measured against the deadline each case set. */
		bool per_case = step->duration.present && step->duration.unit == SOP_PER_CASE;
		bool standard = per_case || (step->duration.present &&
		                             (step->duration.has_max || step->duration.has_min));
		double limit = step->duration.has_max ? step->duration.max : step->duration.min;
		while (db_step(st) == DB_ROW) {
			const WfCalendar *cal = wf_calendar(wf, db_col_int(st, 2));
			SopUnit unit = standard && !per_case ? step->duration.unit : SOP_DAY;
			double actual = wf_cal_elapsed(cal, (time_t)db_col_int(st, 0),
			                               (time_t)db_col_int(st, 1), unit);
			if (n == cap) {
				cap = cap ? cap * 2 : 64;
				v = xrealloc(v, sizeof *v * (size_t)cap);
			}
			v[n++] = actual;
			/* The standard is met when the task was done by its due time. */
			within += standard &&
			          (db_col_null(st, 3) ? actual <= limit
			                              : db_col_int(st, 1) <= db_col_int(st, 3));
			returns += strcmp(db_col_text(st, 4), "returned") == 0;
		}
		db_finalize(st);
		int rework = (int)db_int(
		        db, 0,
		        "SELECT count(*) FROM wf_task t JOIN wf_case c ON c.id=t.case_id"
		        " JOIN sop_version v ON v.id=c.sop_version_id"
		        " JOIN sop s ON s.id=v.sop_id WHERE s.code=:code AND t.step_no=:n"
		        " AND t.return_reason IS NOT NULL AND (:a = 0 OR c.agency_id=:a)",
		        DB_TEXT(":code", sop->code), DB_INT(":n", step->no),
		        DB_INT(":a", agency_id), DB_END);
		if (n > 0)
			qsort(v, (size_t)n, sizeof *v, cmp_double);
		const SopActor *actor = sop_actor(sop, step->actor);
		json_t *o = json_pack(
		        "{s:i, s:s, s:o, s:s, s:i, s:i, s:i}", "step", step->no, "actor",
		        actor ? actor->label : step->actor, "standard",
		        step->duration.text ? json_string(step->duration.text) : json_null(),
		        "unit", sop_unit_name(standard ? step->duration.unit : SOP_DAY),
		        "completed", n, "returned_here", returns, "sent_back_here", rework);
		json_object_set_new(o, "median",
		                    n ? json_real(percentile(v, n, 0.5)) : json_null());
		json_object_set_new(o, "p90", n ? json_real(percentile(v, n, 0.9)) : json_null());
		json_object_set_new(o, "within_standard",
		                    n && standard ? json_real((double)within / n) : json_null());
		json_array_append_new(steps, o);
		free(v);
	}
	return json_pack("{s:s, s:s, s:o}", "sop", sop->code, "name", sop->name, "steps", steps);
}
