/*
** wf.c: the engine's context (Wf): a database plus caches of immutable
** things (parsed SOP versions) and of per-agency calendars, and wf_now().
**
** Parsing an SOP definition costs far more than a transition, and SOP
** versions never change once stored, so each version is parsed once per
** context. Calendars are built once per context too; an edit of hours or
** holidays calls wf_calendars_changed(), which makes every context of the
** process (the server has one per thread) rebuild them on next use.
*/
#include "wf.h"

#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

static atomic_long calendar_generation;

typedef struct WfSopEntry {
	int64_t version_id;
	Arena arena;
	Sop *sop;
} WfSopEntry;

typedef struct WfCalEntry {
	int64_t agency_id;
	WfCalendar cal;
} WfCalEntry;

struct Wf {
	Db *db;
	WfSopEntry *sops;
	int n_sops, cap_sops;
	WfCalEntry *cals;
	int n_cals, cap_cals;
	long cals_generation; /* calendar_generation when the cals were built */
	const WfHooks *hooks[WF_MAX_HOOKS];
	int n_hooks;
};

Wf *wf_new(Db *db)
{
	Wf *wf = xcalloc(1, sizeof *wf);
	wf->db = db;
	return wf;
}

void wf_free(Wf *wf)
{
	if (!wf)
		return;
	for (int i = 0; i < wf->n_sops; i++)
		arena_free(&wf->sops[i].arena);
	for (int i = 0; i < wf->n_cals; i++)
		wf_cal_free(&wf->cals[i].cal);
	free(wf->sops);
	free(wf->cals);
	free(wf);
}

Db *wf_db(Wf *wf)
{
	return wf->db;
}

void wf_set_hooks(Wf *wf, const WfHooks *hooks)
{
	wf->hooks[0] = hooks;
	wf->n_hooks = hooks ? 1 : 0;
}

void wf_add_hooks(Wf *wf, const WfHooks *hooks)
{
	for (int i = 0; i < wf->n_hooks; i++)
		if (wf->hooks[i] == hooks)
			return;
	if (wf->n_hooks >= WF_MAX_HOOKS)
		fatal("more than %d sets of engine hooks", WF_MAX_HOOKS);
	wf->hooks[wf->n_hooks++] = hooks;
}

const WfHooks *wf_hooks(Wf *wf)
{
	return wf->n_hooks ? wf->hooks[0] : NULL;
}

int wf_run_step_done(Wf *wf, const WfHookCtx *h, Buf *err)
{
	for (int i = 0; i < wf->n_hooks; i++)
		if (wf->hooks[i]->step_done && wf->hooks[i]->step_done(wf, h, err) != 0)
			return -1;
	return 0;
}

int wf_run_step_returned(Wf *wf, const WfHookCtx *h, int to_step, Buf *err)
{
	for (int i = 0; i < wf->n_hooks; i++)
		if (wf->hooks[i]->step_returned &&
		    wf->hooks[i]->step_returned(wf, h, to_step, err) != 0)
			return -1;
	return 0;
}

int wf_run_case_closed(Wf *wf, const WfCaseRow *c, time_t now, Buf *err)
{
	for (int i = 0; i < wf->n_hooks; i++)
		if (wf->hooks[i]->case_closed && wf->hooks[i]->case_closed(wf, c, now, err) != 0)
			return -1;
	return 0;
}

int wf_run_case_cancelled(Wf *wf, const WfCaseRow *c, time_t now, Buf *err)
{
	for (int i = 0; i < wf->n_hooks; i++)
		if (wf->hooks[i]->case_cancelled &&
		    wf->hooks[i]->case_cancelled(wf, c, now, err) != 0)
			return -1;
	return 0;
}

const Sop *wf_sop(Wf *wf, int64_t version_id, Buf *err)
{
	for (int i = 0; i < wf->n_sops; i++)
		if (wf->sops[i].version_id == version_id)
			return wf->sops[i].sop;
	char *text = db_text(wf->db, NULL, "SELECT definition FROM sop_version WHERE id=:id",
	                     DB_INT(":id", version_id), DB_END);
	if (!text) {
		buf_printf(err, "SOP version %lld not found\n", (long long)version_id);
		return NULL;
	}
	Arena a = ARENA_INIT;
	Sop *sop = sop_parse(&a, "stored SOP", text, strlen(text), err);
	free(text);
	if (!sop) {
		arena_free(&a);
		return NULL;
	}
	if (wf->n_sops == wf->cap_sops) {
		wf->cap_sops = wf->cap_sops ? wf->cap_sops * 2 : 8;
		wf->sops = xrealloc(wf->sops, sizeof *wf->sops * (size_t)wf->cap_sops);
	}
	wf->sops[wf->n_sops++] = (WfSopEntry){version_id, a, sop};
	return sop;
}

/* A change made on this thread inside a batch whose commit is still to come. */
static _Thread_local bool calendars_pending;

void wf_calendars_changed(Wf *wf)
{
	(void)wf;
	atomic_fetch_add(&calendar_generation, 1);
	calendars_pending = true;
}

void wf_calendars_settled(void)
{
	/*
	** Again after the commit (or its failure): a thread that rebuilt its
	** calendars from the committed data between the change and the commit
	** would otherwise keep the old days, and the committer's own context a
	** holiday that was rolled back.
	*/
	if (calendars_pending) {
		calendars_pending = false;
		atomic_fetch_add(&calendar_generation, 1);
	}
}

const WfCalendar *wf_calendar(Wf *wf, int64_t agency_id)
{
	long gen = atomic_load(&calendar_generation);
	if (gen != wf->cals_generation) {
		for (int i = 0; i < wf->n_cals; i++)
			wf_cal_free(&wf->cals[i].cal);
		wf->n_cals = 0;
		wf->cals_generation = gen;
	}
	for (int i = 0; i < wf->n_cals; i++)
		if (wf->cals[i].agency_id == agency_id)
			return &wf->cals[i].cal;
	if (wf->n_cals == wf->cap_cals) {
		wf->cap_cals = wf->cap_cals ? wf->cap_cals * 2 : 4;
		wf->cals = xrealloc(wf->cals, sizeof *wf->cals * (size_t)wf->cap_cals);
	}
	WfCalEntry *e = &wf->cals[wf->n_cals++];
	e->agency_id = agency_id;
	int offset = (int)db_int(wf->db, 420, "SELECT utc_offset_min FROM agency WHERE id=:id",
	                         DB_INT(":id", agency_id), DB_END);
	wf_cal_init(&e->cal, offset);
	DbStmt *st =
	        db_prepare(wf->db, "SELECT weekday, open_min, close_min, break_start, break_end"
	                           " FROM agency_hours WHERE agency_id=:id");
	db_bind_int(st, ":id", agency_id);
	bool own = false;
	while (db_step(st) == DB_ROW) {
		if (!own)
			memset(e->cal.week, 0,
			       sizeof e->cal.week); /* its rows are the whole week */
		own = true;
		e->cal.week[db_col_int(st, 0)] =
		        (WfHours){(int)db_col_int(st, 1), (int)db_col_int(st, 2),
		                  (int)db_col_int(st, 3), (int)db_col_int(st, 4)};
	}
	db_finalize(st);
	st = db_prepare(wf->db, "SELECT date FROM holiday"
	                        " WHERE agency_id=0 OR agency_id=:id");
	db_bind_int(st, ":id", agency_id);
	while (db_step(st) == DB_ROW)
		wf_cal_add_holiday(&e->cal, db_col_text(st, 0));
	db_finalize(st);
	return &e->cal;
}

time_t wf_now(void)
{
	const char *v = getenv("SAKIP_NOW");
	if (!v || !*v)
		return time(NULL);
	if (str_is_digits(v) && strlen(v) <= 10)
		return (time_t)atoll(v);
	/* "YYYY-MM-DD HH:MM" in UTC: a calendar with offset 0 parses it. */
	WfCalendar utc;
	wf_cal_init(&utc, 0);
	time_t t = wf_cal_parse_local(&utc, v);
	wf_cal_free(&utc);
	if (t == (time_t)-1 || str_is_digits(v))
		fatal("SAKIP_NOW=\"%s\" is neither epoch seconds (up to 10 digits) nor "
		      "\"YYYY-MM-DD HH:MM\"",
		      v);
	return t;
}
