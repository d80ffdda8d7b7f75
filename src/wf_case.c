/*
** wf_case.c: starting and cancelling cases, and reading them back: the
** case list, a case's timeline (who did what, for whom, when, how long
** against the standard, returns, notes, attachments) and task lists.
**
** Reads return jansson objects, the view model that the CLI prints (as
** text or --json) and the web layer will render; they never change
** anything. Acting on tasks is wf_task.c.
*/
#include "wf.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool text_field_ok(const char *what, const char *s, size_t max, bool required, Buf *err)
{
	if (!s || str_empty_or_blank(s)) {
		if (required)
			buf_printf(err, "%s is required\n", what);
		return !required;
	}
	if (strlen(s) > max || !utf8_check(s, strlen(s), NULL)) {
		buf_printf(err, "%s must be valid UTF-8 of at most %zu bytes\n", what, max);
		return false;
	}
	return true;
}

/* The agency that maps every actor of sop; 0 with err when none or ambiguous. */
static int64_t start_agency(Db *db, const Sop *sop, int64_t wanted, Buf *err)
{
	if (wanted) {
		if (!db_exists(db, "SELECT 1 FROM actor_map WHERE agency_id=:a AND sop_code=:s",
		               DB_INT(":a", wanted), DB_TEXT(":s", sop->code), DB_END)) {
			buf_printf(
			        err,
			        "SOP %s is not mapped in agency %lld; load its organisation with "
			        "sop_actors for it\n",
			        sop->code, (long long)wanted);
			return 0;
		}
		return wanted;
	}
	int64_t n =
	        db_int(db, 0, "SELECT count(DISTINCT agency_id) FROM actor_map WHERE sop_code=:s",
	               DB_TEXT(":s", sop->code), DB_END);
	if (n != 1) {
		buf_printf(err,
		           n ? "SOP %s is mapped in %lld agencies: say which with --agency\n"
		             : "SOP %s is not mapped in any agency yet (sakip org load)%.0lld\n",
		           sop->code, (long long)n);
		return 0;
	}
	return db_int(db, 0, "SELECT agency_id FROM actor_map WHERE sop_code=:s LIMIT 1",
	              DB_TEXT(":s", sop->code), DB_END);
}

/* Whether deadline k names a step that an earlier one named already. */
static bool deadline_repeated(const WfStart *req, int k)
{
	for (int j = 0; j < k; j++)
		if (req->deadlines[j].step_no == req->deadlines[k].step_no)
			return true;
	return false;
}

int wf_case_start(Wf *wf, const WfStart *req, time_t now, int64_t *case_id, Buf *err)
{
	Db *db = wf_db(wf);
	if (!text_field_ok("the subject", req->subject, 500, true, err) ||
	    !text_field_ok("the period", req->period, 100, false, err))
		return -1;
	int64_t vid = sop_store_resolve(db, req->sop_ref, 0, err);
	if (vid && !sop_store_is_active(db, vid)) {
		/* An imported definition runs only once a person has activated it. */
		buf_printf(err,
		           "SOP \"%s\" is a draft: a person must review and activate it first "
		           "(sakip sop activate CODE@VERSION)\n",
		           req->sop_ref);
		return -1;
	}
	const Sop *sop = vid ? wf_sop(wf, vid, err) : NULL;
	if (!sop)
		return -1;
	int64_t agency = start_agency(db, sop, req->agency_id, err);
	if (!agency)
		return -1;
	int problems = 0;
	/* Every actor that has a step must have a position before anything starts. */
	for (int i = 0; i < sop->n_steps; i++) {
		const SopStep *st = &sop->steps[i];
		if (!db_exists(db,
		               "SELECT 1 FROM actor_map WHERE agency_id=:a AND sop_code=:s AND "
		               "actor=:x",
		               DB_INT(":a", agency), DB_TEXT(":s", sop->code),
		               DB_TEXT(":x", st->actor), DB_END)) {
			buf_printf(err, "step %d: actor \"%s\" has no position in this agency\n",
			           st->no, st->actor);
			problems++;
		}
		bool per_case = st->duration.present && st->duration.unit == SOP_PER_CASE;
		bool given = false;
		for (int k = 0; k < req->n_deadlines; k++)
			given |= req->deadlines[k].step_no == st->no;
		if (per_case && !given) {
			buf_printf(err,
			           "step %d: its Waktu is \"%s\": give its deadline (--deadline "
			           "%d=YYYY-MM-DD)\n",
			           st->no, st->duration.text ? st->duration.text : "per case",
			           st->no);
			problems++;
		}
	}
	const WfCalendar *cal = wf_calendar(wf, agency);
	time_t due[64];
	if (req->n_deadlines > 64) {
		buf_printf(err, "--deadline: at most 64\n");
		return -1;
	}
	for (int k = 0; k < req->n_deadlines; k++) {
		const SopStep *st = sop_step(sop, req->deadlines[k].step_no);
		due[k] = wf_cal_parse_local(cal, req->deadlines[k].local);
		if (due[k] == (time_t)-1) {
			buf_printf(err, "--deadline %d=%s: write YYYY-MM-DD or YYYY-MM-DD HH:MM\n",
			           req->deadlines[k].step_no, req->deadlines[k].local);
			problems++;
		} else if (!st) {
			buf_printf(err, "--deadline: SOP %s has no step %d\n", sop->code,
			           req->deadlines[k].step_no);
			problems++;
		} else if (!st->duration.present || st->duration.unit != SOP_PER_CASE) {
			buf_printf(err,
			           "--deadline: step %d has its own time standard (%s); deadlines "
			           "are for "
			           "steps whose Waktu is set per case\n",
			           st->no, st->duration.text ? st->duration.text : "none");
			problems++;
		} else if (deadline_repeated(req, k)) {
			buf_printf(err, "--deadline: step %d is given twice\n", st->no);
			problems++;
		} else if (due[k] <= now) {
			buf_printf(err, "--deadline: the deadline of step %d has already passed\n",
			           st->no);
			problems++;
		}
	}
	if (problems)
		return -1;
	if (db_begin_write(db) != DB_OK) {
		buf_printf(err, "%s: cannot start a write: %s\n", db_path(db), db_errmsg(db));
		return -1;
	}
	/* The one who starts the case is the official of its first step (or acts for them). */
	const SopStep *first = &sop->steps[0];
	int64_t acting = 0;
	bool allowed =
	        wf_may_act_as(wf, agency, sop->code, first->actor, req->person_id, now, &acting);
	if (!allowed) {
		const SopActor *a = sop_actor(sop, first->actor);
		buf_printf(err, "only the %s (or whoever acts for them) starts a case of %s\n",
		           a ? a->label : first->actor, sop->code);
		goto refuse;
	}
	if (db_exec(db,
	            "INSERT INTO wf_case(agency_id, sop_version_id, subject, period, status,"
	            " started_by, started_at) VALUES(:a, :v, :s, :p, 'open', :by, :now)",
	            DB_INT(":a", agency), DB_INT(":v", vid), DB_TEXT(":s", req->subject),
	            DB_TEXT(":p", req->period), DB_INT(":by", req->person_id),
	            DB_INT(":now", (int64_t)now), DB_END) != DB_OK)
		goto fail;
	WfCaseRow c = {db_last_insert_id(db), agency, vid, req->person_id, "open"};
	for (int k = 0; k < req->n_deadlines; k++)
		if (db_exec(db,
		            "INSERT INTO wf_deadline(case_id, step_no, due_at) VALUES(:c, :s, :d)",
		            DB_INT(":c", c.id), DB_INT(":s", req->deadlines[k].step_no),
		            DB_INT(":d", (int64_t)due[k]), DB_END) != DB_OK)
			goto fail;
	int version = (int)db_int(db, 0, "SELECT version FROM sop_version WHERE id=:v",
	                          DB_INT(":v", vid), DB_END);
	char detail[200];
	snprintf(detail, sizeof detail, "{\"sop\":\"%s\",\"version\":%d,\"agency\":%lld}",
	         sop->code, version, (long long)agency);
	WfEvent ev = {c.id, 0, req->person_id, acting, "case.start", detail, req->subject};
	if (wf_audit_append(wf, &ev, now) != 0)
		goto fail;
	if (wf_step_open(wf, &c, sop, first, now, NULL, 0, err) != 0)
		goto refuse;
	if (db_commit(db) != DB_OK)
		goto fail;
	*case_id = c.id;
	return 0;
fail:
	buf_printf(err, "cannot start the case: %s; nothing was changed\n", db_errmsg(db));
refuse:
	db_rollback(db);
	return -1;
}

int wf_case_cancel(Wf *wf, int64_t case_id, int64_t person_id, const char *reason, time_t now,
                   Buf *err)
{
	Db *db = wf_db(wf);
	if (!text_field_ok("the reason", reason, WF_MAX_NOTE, true, err))
		return -1;
	if (db_begin_write(db) != DB_OK) {
		buf_printf(err, "%s: cannot start a write: %s\n", db_path(db), db_errmsg(db));
		return -1;
	}
	WfCaseRow c;
	if (wf_case_load(wf, case_id, &c, err) != 0)
		goto refuse;
	const Sop *sop = wf_sop(wf, c.sop_version_id, err);
	if (!sop)
		goto refuse;
	/* The official of the first step (who ordered it), or whoever acts for them today. */
	int64_t acting = 0;
	bool allowed = wf_may_act_as(wf, c.agency_id, sop->code, sop->steps[0].actor, person_id,
	                             now, &acting);
	if (!allowed) {
		buf_printf(err,
		           "only the starter of case %lld or the official of its first step may "
		           "cancel it\n",
		           (long long)case_id);
		goto refuse;
	}
	WfEvent ev = {c.id, 0, person_id, acting, "case.cancel", "{}", reason};
	if (db_exec(db,
	            "UPDATE wf_task SET status='cancelled', done_at=:now WHERE case_id=:c"
	            " AND status='open'",
	            DB_INT(":now", (int64_t)now), DB_INT(":c", c.id), DB_END) != DB_OK ||
	    db_exec(db,
	            "UPDATE wf_case SET status='cancelled', closed_at=:now, cancel_reason=:r"
	            " WHERE id=:c",
	            DB_INT(":now", (int64_t)now), DB_TEXT(":r", reason), DB_INT(":c", c.id),
	            DB_END) != DB_OK ||
	    wf_audit_append(wf, &ev, now) != 0) {
		buf_printf(err, "cannot cancel case %lld: %s\n", (long long)case_id, db_errmsg(db));
		goto refuse;
	}
	if (wf_run_case_cancelled(wf, &c, now, err) != 0)
		goto refuse;
	if (db_commit(db) != DB_OK) {
		buf_printf(err, "cannot cancel case %lld: %s\n", (long long)case_id, db_errmsg(db));
		goto refuse;
	}
	return 0;
refuse:
	db_rollback(db);
	return -1;
}

/* ---- reading ------------------------------------------------------------ */

static json_t *jtext(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *jtime(const WfCalendar *cal, bool present, int64_t t)
{
	if (!present)
		return json_null();
	Buf b = BUF_INIT;
	wf_cal_format(cal, (time_t)t, &b);
	json_t *v = json_string(buf_str(&b));
	buf_free(&b);
	return v;
}

json_t *wf_case_list_json(Wf *wf, const char *status)
{
	json_t *arr = json_array();
	DbStmt *st = db_prepare(
	        wf_db(wf), "SELECT c.id, s.code, v.version, a.code, c.subject, c.period, c.status,"
	                   " p.login, c.started_at, c.closed_at, c.agency_id,"
	                   " (SELECT count(*) FROM wf_task t WHERE t.case_id=c.id"
	                   "  AND t.status='open')"
	                   " FROM wf_case c JOIN sop_version v ON v.id=c.sop_version_id"
	                   " JOIN sop s ON s.id=v.sop_id JOIN agency a ON a.id=c.agency_id"
	                   " JOIN person p ON p.id=c.started_by"
	                   " WHERE :st IS NULL OR c.status=:st ORDER BY c.id");
	db_bind_text(st, ":st", status);
	while (db_step(st) == DB_ROW) {
		const WfCalendar *cal = wf_calendar(wf, db_col_int(st, 10));
		json_array_append_new(
		        arr,
		        json_pack("{s:I, s:s, s:i, s:s, s:s, s:o, s:s, s:s, s:o, s:o, s:I}", "id",
		                  (json_int_t)db_col_int(st, 0), "sop", db_col_text(st, 1),
		                  "version", (int)db_col_int(st, 2), "agency", db_col_text(st, 3),
		                  "subject", db_col_text(st, 4), "period",
		                  jtext(db_col_text(st, 5)), "status", db_col_text(st, 6),
		                  "started_by", db_col_text(st, 7), "started_at",
		                  jtime(cal, true, db_col_int(st, 8)), "closed_at",
		                  jtime(cal, !db_col_null(st, 9), db_col_int(st, 9)), "open_tasks",
		                  (json_int_t)db_col_int(st, 11)));
	}
	db_finalize(st);
	return arr;
}

/* "12 menit", "2 hari kerja": amount in unit for people. */
static json_t *jamount(double v, SopUnit unit)
{
	static const char *const names[] = {"menit",  "jam",   "hari", "hari kerja",
	                                    "minggu", "bulan", "hari"};
	char b[64];
	if (v == (long long)v)
		snprintf(b, sizeof b, "%lld %s", (long long)v, names[unit]);
	else
		snprintf(b, sizeof b, "%.1f %s", v, names[unit]);
	return json_string(b);
}

/*
** One task as the timeline shows it: step, actor, position, assignee,
** status, times, who acted for whom, actual duration against the
** standard, the reason of a return.
*/
static json_t *task_json(const Sop *sop, const WfCalendar *cal, DbStmt *st, time_t now)
{
	int step_no = (int)db_col_int(st, 1);
	const SopStep *step = sop ? sop_step(sop, step_no) : NULL;
	const SopActor *actor = step ? sop_actor(sop, step->actor) : NULL;
	bool done = !db_col_null(st, 7);
	time_t created = (time_t)db_col_int(st, 6), finished = (time_t)db_col_int(st, 7);
	json_t *o = json_pack("{s:I, s:i, s:i, s:s, s:s, s:o, s:o, s:s}", "id",
	                      (json_int_t)db_col_int(st, 0), "step", step_no, "round",
	                      (int)db_col_int(st, 2), "actor", actor ? actor->label : "?",
	                      "position", db_col_text(st, 3), "holder", jtext(db_col_text(st, 4)),
	                      "unit", jtext(db_col_text(st, 13)), "status", db_col_text(st, 5));
	json_object_set_new(o, "opened_at", jtime(cal, true, created));
	json_object_set_new(o, "due_at", jtime(cal, !db_col_null(st, 8), db_col_int(st, 8)));
	json_object_set_new(o, "done_at", jtime(cal, done, finished));
	json_object_set_new(o, "done_by", jtext(db_col_text(st, 9)));
	json_object_set_new(o, "acting_for", jtext(db_col_text(st, 10)));
	json_object_set_new(o, "reason", jtext(db_col_text(st, 11)));
	json_object_set_new(o, "return_reason", jtext(db_col_text(st, 12)));
	bool overdue = !db_col_null(st, 8) &&
	               (done ? finished > db_col_int(st, 8) : now > db_col_int(st, 8));
	json_object_set_new(o, "overdue", json_boolean(overdue));
	if (step && step->duration.present && step->duration.unit != SOP_PER_CASE) {
		const SopDuration *d = &step->duration;
		json_object_set_new(o, "standard", jtext(d->text));
		if (done) {
			double actual = wf_cal_elapsed(cal, created, finished, d->unit);
			double limit = d->has_max ? d->max : d->min;
			/* Met when done by the due time; the count in the unit is for reading. */
			bool within = db_col_null(st, 8) ? actual <= limit
			                                 : finished <= db_col_int(st, 8);
			json_object_set_new(o, "actual", jamount(actual, d->unit));
			json_object_set_new(o, "within_standard", json_boolean(within));
		}
	} else if (step && step->duration.present) {
		json_object_set_new(o, "standard", jtext(step->duration.text));
	}
	return o;
}

#define TASK_SELECT                                                                                \
	"SELECT t.id, t.step_no, t.round, po.title, h.login, t.status, t.created_at, t.done_at,"   \
	" t.due_at, d.login, af.login, t.reason, t.return_reason, u.name, t.case_id"
#define TASK_FROM                                                                                  \
	" FROM wf_task t JOIN position po ON po.id=t.position_id"                                  \
	" LEFT JOIN person h ON h.id=po.holder_id LEFT JOIN person d ON d.id=t.done_by"            \
	" LEFT JOIN person af ON af.id=t.acting_for LEFT JOIN unit u ON u.id=t.unit_id"
#define TASK_COLUMNS TASK_SELECT TASK_FROM

json_t *wf_case_show_json(Wf *wf, int64_t case_id, time_t now, Buf *err)
{
	Db *db = wf_db(wf);
	DbStmt *st = db_prepare(db, "SELECT c.agency_id, c.sop_version_id, s.code, v.version,"
	                            " a.name, c.subject, c.period, c.status, p.login, c.started_at,"
	                            " c.closed_at, c.cancel_reason FROM wf_case c"
	                            " JOIN sop_version v ON v.id=c.sop_version_id"
	                            " JOIN sop s ON s.id=v.sop_id JOIN agency a ON a.id=c.agency_id"
	                            " JOIN person p ON p.id=c.started_by WHERE c.id=:id");
	db_bind_int(st, ":id", case_id);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		buf_printf(err, "no case %lld\n", (long long)case_id);
		return NULL;
	}
	int64_t agency = db_col_int(st, 0), vid = db_col_int(st, 1);
	const WfCalendar *cal = wf_calendar(wf, agency);
	const Sop *sop = wf_sop(wf, vid, err);
	json_t *o = json_pack("{s:I, s:s, s:i, s:s, s:s, s:o, s:s, s:s}", "id", (json_int_t)case_id,
	                      "sop", db_col_text(st, 2), "version", (int)db_col_int(st, 3),
	                      "agency", db_col_text(st, 4), "subject", db_col_text(st, 5), "period",
	                      jtext(db_col_text(st, 6)), "status", db_col_text(st, 7), "started_by",
	                      db_col_text(st, 8));
	json_object_set_new(o, "sop_name", jtext(sop ? sop->name : NULL));
	json_object_set_new(o, "started_at", jtime(cal, true, db_col_int(st, 9)));
	json_object_set_new(o, "closed_at", jtime(cal, !db_col_null(st, 10), db_col_int(st, 10)));
	json_object_set_new(o, "cancel_reason", jtext(db_col_text(st, 11)));
	db_finalize(st);

	json_t *tasks = json_array();
	st = db_prepare(db, TASK_COLUMNS " WHERE t.case_id=:c ORDER BY t.id");
	db_bind_int(st, ":c", case_id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(tasks, task_json(sop, cal, st, now));
	db_finalize(st);
	json_object_set_new(o, "timeline", tasks);

	json_t *notes = json_array();
	st = db_prepare(db,
	                "SELECT n.task_id, t.step_no, p.login, af.login, n.text, n.created_at"
	                " FROM wf_note n JOIN person p ON p.id=n.person_id"
	                " LEFT JOIN person af ON af.id=n.acting_for"
	                " LEFT JOIN wf_task t ON t.id=n.task_id WHERE n.case_id=:c ORDER BY n.id");
	db_bind_int(st, ":c", case_id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(notes,
		                      json_pack("{s:I, s:i, s:s, s:o, s:s, s:o}", "task",
		                                (json_int_t)db_col_int(st, 0), "step",
		                                (int)db_col_int(st, 1), "by", db_col_text(st, 2),
		                                "acting_for", jtext(db_col_text(st, 3)), "text",
		                                db_col_text(st, 4), "at",
		                                jtime(cal, true, db_col_int(st, 5))));
	db_finalize(st);
	json_object_set_new(o, "notes", notes);

	json_t *files = json_array();
	st = db_prepare(db,
	                "SELECT f.task_id, t.step_no, f.name, f.media_type, f.size, f.sha256,"
	                " f.is_output, p.login, f.created_at FROM wf_attachment f"
	                " JOIN person p ON p.id=f.person_id"
	                " LEFT JOIN wf_task t ON t.id=f.task_id WHERE f.case_id=:c ORDER BY f.id");
	db_bind_int(st, ":c", case_id);
	while (db_step(st) == DB_ROW)
		json_array_append_new(
		        files,
		        json_pack("{s:I, s:i, s:s, s:s, s:I, s:s, s:b, s:s, s:o}", "task",
		                  (json_int_t)db_col_int(st, 0), "step", (int)db_col_int(st, 1),
		                  "name", db_col_text(st, 2), "media_type", db_col_text(st, 3),
		                  "size", (json_int_t)db_col_int(st, 4), "sha256",
		                  db_col_text(st, 5), "output", (int)db_col_int(st, 6), "by",
		                  db_col_text(st, 7), "at", jtime(cal, true, db_col_int(st, 8))));
	db_finalize(st);
	json_object_set_new(o, "attachments", files);
	return o;
}

/*
** Open tasks, newest first, one call of fn per task (see wf_task_each()).
** A person's tasks: only the positions they hold or may act for (dates
** are checked below), found through the (status, position) index, so an
** inbox costs its own tasks, not every open one. Columns 15..19: the
** position, its holder, and the case's agency, SOP version, subject.
*/
static void open_tasks_each(Wf *wf, int64_t case_id, int64_t person_id, bool overdue_only,
                            time_t now, void (*fn)(void *arg, DbStmt *st, const WfTaskRow *t),
                            void *arg)
{
	Db *db = wf_db(wf);
#define OPEN_TASKS(mine)                                                                           \
	TASK_SELECT ", t.position_id, po.holder_id, c.agency_id, c.sop_version_id, "               \
	            "c.subject" TASK_FROM                                                          \
	            ", wf_case c WHERE c.id=t.case_id AND t.status='open'" mine                    \
	            " AND (:c = 0 OR t.case_id=:c) AND (:late = 0 OR t.due_at < :now)"             \
	            " ORDER BY t.created_at DESC, t.id DESC"
	DbStmt *st = db_prepare_cached(
	        db, person_id ? OPEN_TASKS(" AND t.position_id IN ("
	                                   "  SELECT id FROM position WHERE holder_id=:who"
	                                   "  UNION SELECT position_id FROM acting"
	                                   "  WHERE person_id=:who)")
	                      : OPEN_TASKS(""));
#undef OPEN_TASKS
	db_bind_int(st, ":c", case_id);
	db_bind_int(st, ":late", overdue_only);
	if (person_id)
		db_bind_int(st, ":who", person_id);
	db_bind_int(st, ":now", (int64_t)now);
	while (db_step(st) == DB_ROW) {
		int64_t position = db_col_int(st, 15), holder = db_col_int(st, 16);
		int64_t acting = 0;
		/* The holder needs no further look; others may act only within their dates. */
		if (person_id && holder != person_id &&
		    !wf_may_act(wf, position, person_id, now, &acting))
			continue;
		WfTaskRow t = {0};
		t.id = db_col_int(st, 0);
		t.case_id = db_col_int(st, 14);
		t.step_no = (int)db_col_int(st, 1);
		t.cal = wf_calendar(wf, db_col_int(st, 17));
		Buf ignore = BUF_INIT;
		t.sop = wf_sop(wf, db_col_int(st, 18), &ignore);
		buf_free(&ignore);
		const SopStep *step = t.sop ? sop_step(t.sop, t.step_no) : NULL;
		const SopActor *actor = step ? sop_actor(t.sop, step->actor) : NULL;
		t.actor = actor ? actor->label : "?";
		t.position = db_col_text(st, 3);
		t.subject = db_col_text(st, 19);
		t.has_due = !db_col_null(st, 8);
		t.due_at = (time_t)db_col_int(st, 8);
		t.overdue = t.has_due && now > t.due_at;
		t.as_acting = acting != 0; /* may do it as Plt or delegate, not as its holder */
		fn(arg, st, &t);
	}
	db_finalize(st);
}

typedef struct TaskListArg {
	json_t *arr;
	time_t now;
} TaskListArg;

static void task_list_add(void *arg, DbStmt *st, const WfTaskRow *t)
{
	TaskListArg *a = arg;
	json_t *o = task_json(t->sop, t->cal, st, a->now);
	json_object_set_new(o, "case", json_integer(t->case_id));
	json_object_set_new(o, "subject", json_string(t->subject));
	json_object_set_new(o, "as_acting", json_boolean(t->as_acting));
	json_array_append_new(a->arr, o);
}

json_t *wf_task_list_json(Wf *wf, int64_t case_id, int64_t person_id, bool overdue_only, time_t now)
{
	TaskListArg a = {json_array(), now};
	open_tasks_each(wf, case_id, person_id, overdue_only, now, task_list_add, &a);
	return a.arr;
}

typedef struct TaskEachArg {
	void (*fn)(void *arg, const WfTaskRow *t);
	void *arg;
} TaskEachArg;

static void task_each_call(void *arg, DbStmt *st, const WfTaskRow *t)
{
	(void)st;
	TaskEachArg *a = arg;
	a->fn(a->arg, t);
}

void wf_task_each(Wf *wf, int64_t person_id, time_t now, void (*fn)(void *arg, const WfTaskRow *t),
                  void *arg)
{
	TaskEachArg a = {fn, arg};
	open_tasks_each(wf, 0, person_id, false, now, task_each_call, &a);
}
