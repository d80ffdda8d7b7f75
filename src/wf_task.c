/*
** wf_task.c: what happens when an official acts: completing a process
** step, approving or returning at a decision, the fan-out of group steps
** and their join, closing a fan-out after its deadline, notes, and moving
** the case to its next step or closing it.
**
** Every entry point is one write transaction (BEGIN IMMEDIATE), so two
** officials clicking at once are serialised: the second finds the task no
** longer open and is refused with nothing changed. Starting and cancelling
** cases is in wf_case.c; both share wf_step_open() and wf_case_load().
*/
#include "wf.h"

#include <stdio.h>
#include <string.h>

/* ---- shared with wf_case.c -------------------------------------------- */

int wf_case_load(Wf *wf, int64_t case_id, WfCaseRow *c, Buf *err)
{
	DbStmt *st = db_query(wf_db(wf),
	                      "SELECT agency_id, sop_version_id, status, started_by FROM wf_case"
	                      " WHERE id=:id",
	                      DB_INT(":id", case_id), DB_END);
	int rc = -1;
	if (db_step(st) == DB_ROW) {
		c->id = case_id;
		c->agency_id = db_col_int(st, 0);
		c->sop_version_id = db_col_int(st, 1);
		snprintf(c->status, sizeof c->status, "%s", db_col_text(st, 2));
		c->started_by = db_col_int(st, 3);
		rc = 0;
	} else {
		buf_printf(err, "no case %lld\n", (long long)case_id);
	}
	db_finalize(st);
	if (rc == 0 && strcmp(c->status, "open") != 0) {
		buf_printf(err, "case %lld is %s and read-only\n", (long long)case_id,
		           strcmp(c->status, "closed") == 0 ? "closed" : "cancelled");
		rc = -1;
	}
	return rc;
}

/* When a task of step st, entered at now, is due; 0 when it has no standard. */
static time_t step_due(Wf *wf, const WfCaseRow *c, const SopStep *st, time_t now)
{
	if (st->duration.present && st->duration.unit == SOP_PER_CASE) {
		Db *db = wf_db(wf);
		time_t due = (time_t)db_int(
		        db, 0, "SELECT due_at FROM wf_deadline WHERE case_id=:c AND step_no=:s",
		        DB_INT(":c", c->id), DB_INT(":s", st->no), DB_END);
		/* Entered again after a return: the units get the same span once more. */
		time_t first = (time_t)db_int(db, 0,
		                              "SELECT min(created_at) FROM wf_task WHERE case_id=:c"
		                              " AND step_no=:s",
		                              DB_INT(":c", c->id), DB_INT(":s", st->no), DB_END);
		return first && due > first ? now + (due - first) : due;
	}
	return wf_cal_due(wf_calendar(wf, c->agency_id), now, &st->duration);
}

int wf_step_open(Wf *wf, const WfCaseRow *c, const Sop *sop, const SopStep *st, time_t now,
                 const char *return_reason, int64_t returned_by, Buf *err)
{
	Db *db = wf_db(wf);
	int round = (int)db_int(db, 1,
	                        "SELECT coalesce(max(round), 0) + 1 FROM wf_task"
	                        " WHERE case_id=:c AND step_no=:s",
	                        DB_INT(":c", c->id), DB_INT(":s", st->no), DB_END);
	time_t due = step_due(wf, c, st, now);
	DbStmt *pos =
	        db_query(db,
	                 "SELECT m.position_id, p.unit_id FROM actor_map m"
	                 " JOIN position p ON p.id=m.position_id"
	                 " WHERE m.agency_id=:a AND m.sop_code=:s AND m.actor=:x ORDER BY m.id",
	                 DB_INT(":a", c->agency_id), DB_TEXT(":s", sop->code),
	                 DB_TEXT(":x", st->actor), DB_END);
	int64_t positions[256], units[256];
	int n = 0;
	while (n < 256 && db_step(pos) == DB_ROW) {
		positions[n] = db_col_int(pos, 0);
		units[n] = db_col_int(pos, 1);
		n++;
	}
	db_finalize(pos);
	if (n == 0) {
		buf_printf(err,
		           "step %d: actor \"%s\" of SOP %s has no position in this agency; map it "
		           "with 'sakip org load'\n",
		           st->no, st->actor, sop->code);
		return -1;
	}
	const SopActor *actor = sop_actor(sop, st->actor);
	bool group = actor && actor->group;
	for (int i = 0; i < n; i++) {
		if (db_exec(db,
		            "INSERT INTO wf_task(case_id, step_no, round, position_id, unit_id, "
		            "status,"
		            " created_at, due_at, return_reason, returned_by_task)"
		            " VALUES(:c, :s, :r, :p, :u, 'open', :now, :due, :why, :by)",
		            DB_INT(":c", c->id), DB_INT(":s", st->no), DB_INT(":r", round),
		            DB_INT(":p", positions[i]),
		            group ? DB_INT(":u", units[i]) : DB_NULL(":u"),
		            DB_INT(":now", (int64_t)now),
		            due ? DB_INT(":due", (int64_t)due) : DB_NULL(":due"),
		            DB_TEXT(":why", return_reason),
		            returned_by ? DB_INT(":by", returned_by) : DB_NULL(":by"),
		            DB_END) != DB_OK)
			goto fail;
		int64_t task = db_last_insert_id(db);
		char detail[160];
		snprintf(detail, sizeof detail,
		         "{\"step\":%d,\"round\":%d,\"position\":%lld,\"due\":%lld}", st->no, round,
		         (long long)positions[i], (long long)due);
		WfEvent ev = {c->id, task, 0, 0, "task.open", detail, return_reason};
		if (wf_audit_append(wf, &ev, now) != 0)
			goto fail;
	}
	return 0;
fail:
	buf_printf(err, "cannot open step %d: %s\n", st->no, db_errmsg(db));
	return -1;
}

/* Close the case: its last step is done or its archive action ran. */
static int case_close(Wf *wf, const WfCaseRow *c, int step_no, time_t now, Buf *err)
{
	Db *db = wf_db(wf);
	char detail[64];
	snprintf(detail, sizeof detail, "{\"step\":%d}", step_no);
	WfEvent ev = {c->id, 0, 0, 0, "case.close", detail, NULL};
	/* Nothing stays open in a closed case (an archive step before the last one). */
	if (db_exec(db,
	            "UPDATE wf_task SET status='cancelled', done_at=:now, reason='kasus selesai'"
	            " WHERE case_id=:c AND status='open'",
	            DB_INT(":now", (int64_t)now), DB_INT(":c", c->id), DB_END) != DB_OK ||
	    db_exec(db, "UPDATE wf_case SET status='closed', closed_at=:now WHERE id=:c",
	            DB_INT(":now", (int64_t)now), DB_INT(":c", c->id), DB_END) != DB_OK ||
	    wf_audit_append(wf, &ev, now) != 0) {
		buf_printf(err, "cannot close case %lld: %s\n", (long long)c->id, db_errmsg(db));
		return -1;
	}
	return wf_run_case_closed(wf, c, now, err);
}

/* The step st is finished: close the case or open the step after it. */
static int case_advance(Wf *wf, const WfCaseRow *c, const Sop *sop, const SopStep *st, time_t now,
                        Buf *err)
{
	int next = sop_step_next(sop, st);
	if (st->kind == SOP_END || (st->action && strcmp(st->action, "archive") == 0) || !next)
		return case_close(wf, c, st->no, now, err);
	return wf_step_open(wf, c, sop, sop_step(sop, next), now, NULL, 0, err);
}

/* ---- acting on a task ---------------------------------------------------- */

typedef struct TaskRow {
	int64_t id, case_id, position_id, unit_id;
	int step_no, round;
	char status[16];
} TaskRow;

static int task_load(Wf *wf, int64_t task_id, TaskRow *t, Buf *err)
{
	DbStmt *st =
	        db_query(wf_db(wf),
	                 "SELECT case_id, step_no, round, position_id, status, unit_id FROM wf_task"
	                 " WHERE id=:id",
	                 DB_INT(":id", task_id), DB_END);
	int rc = -1;
	if (db_step(st) == DB_ROW) {
		t->id = task_id;
		t->case_id = db_col_int(st, 0);
		t->step_no = (int)db_col_int(st, 1);
		t->round = (int)db_col_int(st, 2);
		t->position_id = db_col_int(st, 3);
		snprintf(t->status, sizeof t->status, "%s", db_col_text(st, 4));
		t->unit_id = db_col_null(st, 5) ? 0 : db_col_int(st, 5);
		rc = 0;
	} else {
		buf_printf(err, "no task %lld\n", (long long)task_id);
	}
	db_finalize(st);
	return rc;
}

/* "task 12 is already approved (by budi at 2026-11-19 10:05 WIB)" */
static void already_done(Wf *wf, const TaskRow *t, int64_t agency_id, Buf *err)
{
	Db *db = wf_db(wf);
	DbStmt *st = db_query(db,
	                      "SELECT p.login, t.done_at FROM wf_task t LEFT JOIN person p"
	                      " ON p.id=t.done_by WHERE t.id=:id",
	                      DB_INT(":id", t->id), DB_END);
	buf_printf(err, "task %lld is already %s", (long long)t->id, t->status);
	if (db_step(st) == DB_ROW && !db_col_null(st, 0)) {
		buf_printf(err, " (by %s at ", db_col_text(st, 0));
		wf_cal_format(wf_calendar(wf, agency_id), (time_t)db_col_int(st, 1), err);
		buf_puts(err, ")");
	}
	buf_puts(err, "; nothing was changed\n");
	db_finalize(st);
}

static void not_allowed(Wf *wf, int64_t person_id, int64_t position_id, int64_t task_id, Buf *err)
{
	Db *db = wf_db(wf);
	Arena a = ARENA_INIT;
	const char *login = db_text(db, &a, "SELECT login FROM person WHERE id=:p",
	                            DB_INT(":p", person_id), DB_END);
	const char *title = db_text(db, &a, "SELECT title FROM position WHERE id=:p",
	                            DB_INT(":p", position_id), DB_END);
	const char *holder = db_text(db, &a,
	                             "SELECT pe.login FROM position po JOIN person pe"
	                             " ON pe.id=po.holder_id WHERE po.id=:p",
	                             DB_INT(":p", position_id), DB_END);
	buf_printf(err,
	           "%s may not act on task %lld: it belongs to %s (held by %s) and %s is neither "
	           "the holder nor an acting official or delegate today\n",
	           login ? login : "?", (long long)task_id, title ? title : "?",
	           holder ? holder : "nobody", login ? login : "?");
	arena_free(&a);
}

static bool text_ok(const char *what, const char *s, size_t max, bool required, Buf *err)
{
	if (!s || str_empty_or_blank(s)) {
		if (required)
			buf_printf(err, "%s is required and may not be empty\n", what);
		return !required;
	}
	size_t n = strlen(s);
	if (n > max) {
		buf_printf(err, "%s is %zu bytes; the limit is %zu\n", what, n, max);
		return false;
	}
	if (!utf8_check(s, n, NULL)) {
		buf_printf(err, "%s is not valid UTF-8\n", what);
		return false;
	}
	return true;
}

static const char *outcome_status(WfOutcome o)
{
	return o == WF_APPROVE ? "approved" : o == WF_RETURN ? "returned" : "done";
}

static int add_note(Wf *wf, int64_t case_id, int64_t task_id, int64_t person_id, int64_t acting_for,
                    const char *text, time_t now)
{
	Db *db = wf_db(wf);
	if (db_exec(db,
	            "INSERT INTO wf_note(case_id, task_id, person_id, acting_for, text, created_at)"
	            " VALUES(:c, :t, :p, :a, :x, :now)",
	            DB_INT(":c", case_id), DB_INT(":t", task_id), DB_INT(":p", person_id),
	            acting_for ? DB_INT(":a", acting_for) : DB_NULL(":a"), DB_TEXT(":x", text),
	            DB_INT(":now", (int64_t)now), DB_END) != DB_OK)
		return -1;
	WfEvent ev = {case_id, task_id, person_id, acting_for, "note.add", "{}", text};
	return wf_audit_append(wf, &ev, now);
}

int wf_task_act(Wf *wf, const WfAct *act, time_t now, Buf *err)
{
	Db *db = wf_db(wf);
	if (!text_ok("the reason", act->reason, WF_MAX_NOTE, act->outcome == WF_RETURN, err) ||
	    !text_ok("the note", act->note, WF_MAX_NOTE, false, err))
		return -1;
	if (db_begin_write(db) != DB_OK) {
		buf_printf(err, "%s: cannot start a write: %s\n", db_path(db), db_errmsg(db));
		return -1;
	}
	TaskRow t;
	WfCaseRow c;
	int64_t acting_for = 0;
	if (task_load(wf, act->task_id, &t, err) != 0 || wf_case_load(wf, t.case_id, &c, err) != 0)
		goto refuse;
	if (strcmp(t.status, "open") != 0) {
		already_done(wf, &t, c.agency_id, err);
		goto refuse;
	}
	if (!wf_may_act(wf, t.position_id, act->person_id, now, &acting_for)) {
		not_allowed(wf, act->person_id, t.position_id, t.id, err);
		goto refuse;
	}
	const Sop *sop = wf_sop(wf, c.sop_version_id, err);
	const SopStep *st = sop ? sop_step(sop, t.step_no) : NULL;
	if (!st)
		goto refuse;
	if (st->kind == SOP_DECISION && act->outcome == WF_DONE) {
		buf_printf(err, "step %d is a decision: approve it or return it with a reason\n",
		           st->no);
		goto refuse;
	}
	if (st->kind != SOP_DECISION && act->outcome != WF_DONE) {
		buf_printf(err, "step %d is not a decision: it can only be marked done\n", st->no);
		goto refuse;
	}
	/* Data bound to the step (a unit's submission, a compiled recap) must be in order. */
	WfHookCtx hc = {&c,         sop,          st,  t.id,           t.unit_id, act->person_id,
	                acting_for, act->outcome, now, act->passphrase};
	if (act->outcome != WF_RETURN && wf_run_step_done(wf, &hc, err) != 0)
		goto refuse;
	if (db_exec(db,
	            "UPDATE wf_task SET status=:s, done_at=:now, done_by=:p, acting_for=:a, "
	            "reason=:r"
	            " WHERE id=:id AND status='open'",
	            DB_TEXT(":s", outcome_status(act->outcome)), DB_INT(":now", (int64_t)now),
	            DB_INT(":p", act->person_id),
	            acting_for ? DB_INT(":a", acting_for) : DB_NULL(":a"),
	            DB_TEXT(":r", act->reason), DB_INT(":id", t.id), DB_END) != DB_OK ||
	    db_changes(db) != 1)
		goto fail;
	char detail[160];
	snprintf(detail, sizeof detail, "{\"step\":%d,\"round\":%d%s%s%s}", st->no, t.round,
	         st->action ? ",\"action\":\"" : "", st->action ? st->action : "",
	         st->action ? "\"" : "");
	const char *kind = act->outcome == WF_APPROVE  ? "task.approve"
	                   : act->outcome == WF_RETURN ? "task.return"
	                                               : "task.done";
	WfEvent ev = {c.id, t.id, act->person_id, acting_for, kind, detail, act->reason};
	if (wf_audit_append(wf, &ev, now) != 0)
		goto fail;
	if (act->note && !str_empty_or_blank(act->note) &&
	    add_note(wf, c.id, t.id, act->person_id, acting_for, act->note, now) != 0)
		goto fail;
	char sha[65];
	if (act->file && wf_attach(wf, c.id, t.id, act->person_id, acting_for, act->file, true, now,
	                           sha, err) != 0)
		goto refuse;
	int rc;
	if (act->outcome == WF_RETURN) {
		rc = wf_run_step_returned(wf, &hc, st->on_reject, err);
		if (rc == 0)
			rc = wf_step_open(wf, &c, sop, sop_step(sop, st->on_reject), now,
			                  act->reason, t.id, err);
	} else if (db_exists(db,
	                     "SELECT 1 FROM wf_task WHERE case_id=:c AND step_no=:s AND round=:r"
	                     " AND status='open'",
	                     DB_INT(":c", c.id), DB_INT(":s", st->no), DB_INT(":r", t.round),
	                     DB_END)) {
		rc = 0; /* other units of a group step have yet to answer */
	} else {
		rc = case_advance(wf, &c, sop, st, now, err);
	}
	if (rc != 0)
		goto refuse;
	if (db_commit(db) != DB_OK)
		goto fail;
	return 0;
fail:
	buf_printf(err, "cannot record task %lld: %s; nothing was changed\n",
	           (long long)act->task_id, db_errmsg(db));
refuse:
	db_rollback(db);
	return -1;
}

/* ---- fan-out deadline ---------------------------------------------------- */

/*
** Who may close a fan-out: the officials of the steps just before it (who
** sent the request) and just after it (who collects the answers), or those
** acting for them today. Not the units being waited for, and not someone
** who once started the case but no longer holds the position.
*/
static bool may_coordinate(Wf *wf, const WfCaseRow *c, const Sop *sop, const SopStep *st,
                           int64_t person_id, time_t now, int64_t *acting)
{
	long i = st - sop->steps;
	const SopStep *around[2] = {i > 0 ? &sop->steps[i - 1] : NULL,
	                            i + 1 < sop->n_steps ? &sop->steps[i + 1] : NULL};
	for (int k = 0; k < 2; k++) {
		const SopActor *a = around[k] ? sop_actor(sop, around[k]->actor) : NULL;
		if (a && !a->group &&
		    wf_may_act_as(wf, c->agency_id, sop->code, a->id, person_id, now, acting))
			return true;
	}
	return false;
}

int wf_fanout_close(Wf *wf, int64_t case_id, int step_no, int64_t person_id, time_t now, Buf *err)
{
	Db *db = wf_db(wf);
	if (db_begin_write(db) != DB_OK) {
		buf_printf(err, "%s: cannot start a write: %s\n", db_path(db), db_errmsg(db));
		return -1;
	}
	WfCaseRow c;
	if (wf_case_load(wf, case_id, &c, err) != 0)
		goto refuse;
	const Sop *sop = wf_sop(wf, c.sop_version_id, err);
	const SopStep *st = sop ? sop_step(sop, step_no) : NULL;
	const SopActor *actor = st ? sop_actor(sop, st->actor) : NULL;
	if (!st || !actor || !actor->group) {
		if (sop)
			buf_printf(
			        err,
			        "step %d of case %lld is not a step that goes to several units\n",
			        step_no, (long long)case_id);
		goto refuse;
	}
	int round = (int)db_int(db, 0,
	                        "SELECT max(round) FROM wf_task WHERE case_id=:c AND step_no=:s"
	                        " AND status='open'",
	                        DB_INT(":c", case_id), DB_INT(":s", step_no), DB_END);
	if (!round) {
		buf_printf(err, "step %d of case %lld has no unit waiting to answer\n", step_no,
		           (long long)case_id);
		goto refuse;
	}
	int64_t acting = 0;
	if (!may_coordinate(wf, &c, sop, st, person_id, now, &acting)) {
		buf_printf(err,
		           "only the officials of the steps before and after step %d (who send "
		           "and collect) may close it\n",
		           step_no);
		goto refuse;
	}
	int64_t due =
	        db_int(db, 0,
	               "SELECT max(due_at) FROM wf_task WHERE case_id=:c AND step_no=:s"
	               " AND round=:r AND status='open'",
	               DB_INT(":c", case_id), DB_INT(":s", step_no), DB_INT(":r", round), DB_END);
	if (!due || due >= (int64_t)now) {
		buf_printf(err,
		           due ? "step %d is not past its deadline" : "step %d has no deadline",
		           step_no);
		if (due) {
			buf_puts(err, " (");
			wf_cal_format(wf_calendar(wf, c.agency_id), (time_t)due, err);
			buf_puts(err, ")");
		}
		buf_puts(err, "; the units can still answer\n");
		goto refuse;
	}
	/* Record who did not answer, by unit, in the event and on the tasks. */
	Buf units = BUF_INIT;
	DbStmt *q =
	        db_query(db,
	                 "SELECT t.id, u.code FROM wf_task t LEFT JOIN unit u ON u.id=t.unit_id"
	                 " WHERE t.case_id=:c AND t.step_no=:s AND t.round=:r AND t.status='open'",
	                 DB_INT(":c", case_id), DB_INT(":s", step_no), DB_INT(":r", round), DB_END);
	while (db_step(q) == DB_ROW)
		buf_printf(&units, "%s\"%s\"", units.len ? "," : "",
		           db_col_text(q, 1) ? db_col_text(q, 1) : "?");
	db_finalize(q);
	Buf detail = BUF_INIT;
	buf_printf(&detail, "{\"step\":%d,\"round\":%d,\"unanswered\":[%s]}", step_no, round,
	           buf_str(&units));
	buf_free(&units);
	WfEvent ev = {case_id,
	              0,
	              person_id,
	              acting,
	              "fanout.close",
	              buf_str(&detail),
	              "batas waktu terlewati"};
	int ok =
	        db_exec(db,
	                "UPDATE wf_task SET status='unanswered', done_at=:now, reason=:why"
	                " WHERE case_id=:c AND step_no=:s AND round=:r AND status='open'",
	                DB_INT(":now", (int64_t)now),
	                DB_TEXT(":why", "tidak menjawab sampai batas waktu"), DB_INT(":c", case_id),
	                DB_INT(":s", step_no), DB_INT(":r", round), DB_END) == DB_OK &&
	        wf_audit_append(wf, &ev, now) == 0;
	buf_free(&detail);
	if (!ok) {
		buf_printf(err, "cannot close step %d: %s\n", step_no, db_errmsg(db));
		goto refuse;
	}
	if (case_advance(wf, &c, sop, st, now, err) != 0 || db_commit(db) != DB_OK)
		goto refuse;
	return 0;
refuse:
	db_rollback(db);
	return -1;
}

/* ---- notes ------------------------------------------------------------- */

int wf_task_note(Wf *wf, int64_t task_id, int64_t person_id, const char *text, time_t now, Buf *err)
{
	Db *db = wf_db(wf);
	if (!text_ok("the note", text, WF_MAX_NOTE, true, err))
		return -1;
	if (db_begin_write(db) != DB_OK) {
		buf_printf(err, "%s: cannot start a write: %s\n", db_path(db), db_errmsg(db));
		return -1;
	}
	TaskRow t;
	WfCaseRow c;
	int64_t acting_for = 0;
	if (task_load(wf, task_id, &t, err) != 0 || wf_case_load(wf, t.case_id, &c, err) != 0)
		goto refuse;
	/* Anyone taking part in the case: its starter, or anyone who may act on one of its tasks.
	 */
	bool part = false;
	DbStmt *q = db_query(db, "SELECT DISTINCT position_id FROM wf_task WHERE case_id=:c",
	                     DB_INT(":c", c.id), DB_END);
	int64_t positions[256];
	int n = 0;
	while (n < 256 && db_step(q) == DB_ROW)
		positions[n++] = db_col_int(q, 0);
	db_finalize(q);
	for (int i = 0; i < n && !part; i++)
		part = wf_may_act(wf, positions[i], person_id, now, &acting_for);
	if (!part) {
		buf_printf(err, "only the officials of case %lld may add notes to it\n",
		           (long long)c.id);
		goto refuse;
	}
	if (add_note(wf, c.id, t.id, person_id, acting_for, text, now) != 0 ||
	    db_commit(db) != DB_OK) {
		buf_printf(err, "cannot add the note: %s\n", db_errmsg(db));
		goto refuse;
	}
	return 0;
refuse:
	db_rollback(db);
	return -1;
}
