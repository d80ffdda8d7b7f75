/*
** wf.h: running SOPs as cases. The organisation (wf_org.c), cases and
** tasks (wf_case.c, wf_task.c), notes and attachments (wf_doc.c), the
** audit trail (wf_audit.c) and time-standard statistics (wf_stats.c).
**
** Every function that changes something takes the acting person and the
** current time explicitly (the CLI passes wf_now()), runs in one write
** transaction with its audit events, and on refusal writes a message to
** err and changes nothing. Nothing here prints or knows about HTTP.
*/
#ifndef SAKIP_WF_H
#define SAKIP_WF_H

#include "sop.h"
#include "store.h"
#include "wf_cal.h"

/*
** The engine's context: a database and caches of what never changes
** under it. SOP versions are immutable, so a parsed version is cached for
** the context's life; calendars are cached per agency. One context per
** command or per server thread.
*/
typedef struct Wf Wf;

Wf *wf_new(Db *db);
void wf_free(Wf *wf);
Db *wf_db(Wf *wf);
/* The parsed SOP of a stored version id; NULL (with err) if it does not parse. */
const Sop *wf_sop(Wf *wf, int64_t sop_version_id, Buf *err);
/* The working calendar of an agency (national holidays, its own, its zone). */
/*
** Office hours or holidays changed: every context of this process rebuilds
** its calendars on next use (another process sees them when it starts).
*/
void wf_calendars_changed(Wf *wf);
/*
** The server's committer, after each batch's commit (or failure): calendars
** changed inside the batch are rebuilt once more, now from what was decided.
*/
void wf_calendars_settled(void);
const WfCalendar *wf_calendar(Wf *wf, int64_t agency_id);

/* The current time: $SAKIP_NOW ("YYYY-MM-DD HH:MM" UTC or epoch seconds) or the clock. */
time_t wf_now(void);

/* ---- organisation (wf_org.c) --------------------------------------------- */

/*
** Check a NIP: 18 digits (spaces allowed in input), a real birth date
** between 1940 and 2010, a real appointment month between 1960 and now,
** appointment at 18 or later, sex digit 1 or 2. Appends the reason to err.
*/
bool wf_nip_valid(const char *nip, Buf *err);
/* Load a sakip.org/1 document (doc/org-format.md) in one transaction. */
int wf_org_load(Wf *wf, const char *name, const char *text, size_t n, Buf *log, Buf *err);
/* Install the national holiday calendar shipped in lib/calendar (idempotent). */
int wf_holidays_install(Db *db, Buf *err);
/* Install the built-in demo organisations (lib/org); returns how many. */
int wf_demo_install(Wf *wf, Buf *log, Buf *err);
int64_t wf_person_by_login(Db *db, const char *login);
int64_t wf_agency_by_ref(Db *db, const char *ref); /* id or code; 0 if none */

/*
** May person act for position at time now? Returns true for the holder
** and for a Plt or delegate whose date range covers now's local date; sets
** *acting_for to the holder they act for (0 when they are the holder, or
** the position is vacant).
*/
bool wf_may_act(Wf *wf, int64_t position_id, int64_t person_id, time_t now, int64_t *acting_for);
/* The same for any position that plays an SOP actor in an agency. */
bool wf_may_act_as(Wf *wf, int64_t agency_id, const char *sop_code, const char *actor,
                   int64_t person_id, time_t now, int64_t *acting_for);

/*
** Administering the organisation (the web's admin pages). Each call is one
** write transaction with an audit event without a case (kind "org.*", by
** the administrator by); on refusal it writes an Indonesian message for the
** page to err, returns -1 and changes nothing. The administrator is global:
** these functions do not check who by is (the router does).
*/
/* "2026-12-01" or "01-12-2026" (also 01/12/2026) to ISO in out; false if not a real date. */
bool wf_date_parse(const char *in, char out[11]);
/* Today's local date ("YYYY-MM-DD") in the agency's zone at now. */
void wf_local_today(Wf *wf, int64_t agency_id, time_t now, char out[11]);
/* A new position in a unit: code a slug unique in the agency, a title. */
int wf_position_add(Wf *wf, int64_t unit_id, const char *code, const char *title, bool head,
                    int64_t by, time_t now, int64_t *position_id, Buf *err);
/* Give a position to an active person of its agency, or leave it vacant (person_id 0). */
int wf_position_set_holder(Wf *wf, int64_t position_id, int64_t person_id, int64_t by, time_t now,
                           Buf *err);
/* A Plt or delegate: dates as wf_date_parse takes them, both inclusive, agency-local. */
typedef struct WfActing {
	int64_t position_id, person_id;
	const char *kind; /* "plt" or "delegate" */
	const char *from, *to;
	const char *reason; /* required */
} WfActing;
/*
** Refuses a person outside the position's agency, the holder, to before
** from, and a range overlapping another of the same kind for the position.
*/
int wf_acting_add(Wf *wf, const WfActing *r, int64_t by, time_t now, int64_t *acting_id, Buf *err);
/* End a Plt/delegate early: its end becomes today (local); the row stays as history. */
int wf_acting_end(Wf *wf, int64_t acting_id, int64_t by, time_t now, Buf *err);
/*
** The positions that play an actor of an SOP in an agency, replacing the
** old ones: exactly one for an official, one or more (one per unit) for a
** group actor. Tasks already open keep their positions.
*/
int wf_actor_map_set(Wf *wf, int64_t agency_id, const char *sop_code, const char *actor_id,
                     const int64_t *positions, int n, int64_t by, time_t now, Buf *err);
/*
** A non-working day: national (agency_id 0, kind "libur" or "cuti_bersama")
** or the agency's own (kind "agency"). Calls wf_calendars_changed().
*/
int wf_holiday_add(Wf *wf, int64_t agency_id, const char *date, const char *kind, const char *name,
                   int64_t by, time_t now, Buf *err);
int wf_holiday_remove(Wf *wf, int64_t holiday_id, int64_t by, time_t now, Buf *err);

/* ---- cases and tasks (wf_case.c, wf_task.c) --------------------------------- */

/* A per-case deadline: "YYYY-MM-DD" (end of day) or "YYYY-MM-DD HH:MM", agency-local. */
typedef struct WfDeadline {
	int step_no;
	const char *local;
} WfDeadline;

typedef struct WfStart {
	const char *sop_ref; /* ID, CODE or CODE@VERSION */
	int64_t agency_id;   /* 0: the only agency that maps this SOP */
	const char *subject;
	const char *period; /* e.g. "TW III 2026", may be NULL */
	const WfDeadline *deadlines;
	int n_deadlines;
	int64_t person_id; /* who starts it: must hold or act for step 1's position */
} WfStart;

int wf_case_start(Wf *wf, const WfStart *req, time_t now, int64_t *case_id, Buf *err);

typedef enum WfOutcome { WF_DONE, WF_APPROVE, WF_RETURN } WfOutcome;

typedef struct WfFile {
	const char *name;       /* the original file name */
	const char *media_type; /* NULL: guessed from the name and content */
	const unsigned char *data;
	size_t len;
} WfFile;

#define WF_MAX_ATTACHMENT (20 * 1024 * 1024)
#define WF_MAX_NOTE 8192

typedef struct WfAct {
	int64_t task_id;
	int64_t person_id;
	WfOutcome outcome;
	const char *reason; /* required for WF_RETURN */
	const char *note;   /* optional */
	const WfFile *file; /* optional: the step's output document */
	/*
	** optional: the passphrase of the person's signing key, for steps
	** whose hooks sign (paraf and sign steps, report_sign.c); the engine
	** only hands it to the hooks.
	*/
	const char *passphrase;
} WfAct;

/*
** Complete a task. Exactly one of several concurrent calls on the same
** task succeeds; the others get "already done" and change nothing.
*/
int wf_task_act(Wf *wf, const WfAct *act, time_t now, Buf *err);
int wf_case_cancel(Wf *wf, int64_t case_id, int64_t person_id, const char *reason, time_t now,
                   Buf *err);
/*
** Close a group step's fan-out after its deadline: the units that have not
** answered are recorded as unanswered and the case moves on. Only the case
** starter or one of the SOP's own (non-group) officials may do it.
*/
int wf_fanout_close(Wf *wf, int64_t case_id, int step_no, int64_t person_id, time_t now, Buf *err);
/* A note on any task of a case the person takes part in (or started). */
int wf_task_note(Wf *wf, int64_t task_id, int64_t person_id, const char *text, time_t now,
                 Buf *err);

/* ---- engine internals shared by wf_case.c and wf_task.c -------------------- */
typedef struct WfCaseRow {
	int64_t id, agency_id, sop_version_id, started_by;
	char status[16];
} WfCaseRow;

/*
** Hooks let other domains bind data to steps without wf knowing them
** (kpi_flow.c binds data.request/submit/compile/correct and archiving).
** They run inside the engine's write transaction; a non-zero return
** refuses the action with err and rolls everything back.
*/
typedef struct WfHookCtx {
	const WfCaseRow *c;
	const Sop *sop;
	const SopStep *st;
	int64_t task_id, unit_id, person_id, acting_for;
	WfOutcome outcome;
	time_t now;
	const char *passphrase; /* WfAct's, or NULL */
} WfHookCtx;
typedef struct WfHooks {
	int (*step_done)(Wf *wf, const WfHookCtx *h, Buf *err); /* before the task is recorded */
	int (*case_closed)(Wf *wf, const WfCaseRow *c, time_t now, Buf *err);
	int (*case_cancelled)(Wf *wf, const WfCaseRow *c, time_t now, Buf *err);
	/* A decision returned the work to step to_step. */
	int (*step_returned)(Wf *wf, const WfHookCtx *h, int to_step, Buf *err);
} WfHooks;
/*
** wf_set_hooks installs one set of hooks in place of any others;
** wf_add_hooks adds a set after those installed (at most WF_MAX_HOOKS;
** adding one already there does nothing), so kpi_flow.c's and report.c's
** both run, in the order installed. The wf_run_* calls run every set in
** order and stop at the first refusal.
*/
enum { WF_MAX_HOOKS = 4 };
void wf_set_hooks(Wf *wf, const WfHooks *hooks);
void wf_add_hooks(Wf *wf, const WfHooks *hooks);
const WfHooks *wf_hooks(Wf *wf); /* the first set; NULL when none */
int wf_run_step_done(Wf *wf, const WfHookCtx *h, Buf *err);
int wf_run_step_returned(Wf *wf, const WfHookCtx *h, int to_step, Buf *err);
int wf_run_case_closed(Wf *wf, const WfCaseRow *c, time_t now, Buf *err);
int wf_run_case_cancelled(Wf *wf, const WfCaseRow *c, time_t now, Buf *err);
/* Load an open case; a closed, cancelled or missing one is refused with err. */
int wf_case_load(Wf *wf, int64_t case_id, WfCaseRow *c, Buf *err);
/*
** Open step st of case c: one task for its actor's position, or one per
** unit for a group actor, due by the step's time standard. Inside a write.
*/
int wf_step_open(Wf *wf, const WfCaseRow *c, const Sop *sop, const SopStep *st, time_t now,
                 const char *return_reason, int64_t returned_by, Buf *err);

/* ---- reading cases (wf_case.c): jansson view models for the CLI and the web ---- */
#include <jansson.h>
/* Cases, newest last; status NULL for all. */
json_t *wf_case_list_json(Wf *wf, const char *status);
/* A case with its timeline, notes and attachments; NULL with err if none. */
json_t *wf_case_show_json(Wf *wf, int64_t case_id, time_t now, Buf *err);
/*
** Open tasks, newest first: of one case (case_id) or all (0); only those
** person may act on (0: everyone's); only overdue ones if asked.
*/
json_t *wf_task_list_json(Wf *wf, int64_t case_id, int64_t person_id, bool overdue_only,
                          time_t now);
/*
** The same tasks of a person (all open ones when person_id is 0), newest
** first, without building JSON: fn gets each, the strings valid only
** during the call. For the inbox page, which is asked for all day long.
*/
typedef struct WfTaskRow {
	int64_t id, case_id;
	int step_no;
	const char *actor, *position, *subject;
	bool has_due, overdue, as_acting;
	time_t due_at;
	const Sop *sop;
	const WfCalendar *cal; /* the case's agency's: wf_cal_format() the times */
} WfTaskRow;
void wf_task_each(Wf *wf, int64_t person_id, time_t now, void (*fn)(void *arg, const WfTaskRow *t),
                  void *arg);

/* ---- documents (wf_doc.c) ----------------------------------------------- */
/*
** Store a file content-addressed and attach it to a task; called inside
** an open write transaction. Writes the SHA-256 (hex) to sha_out. acting_for:
** the holder the person acts for (0 when acting as themselves).
*/
int wf_attach(Wf *wf, int64_t case_id, int64_t task_id, int64_t person_id, int64_t acting_for,
              const WfFile *f, bool is_output, time_t now, char sha_out[65], Buf *err);
const char *wf_media_type(const char *name, const unsigned char *data, size_t len);

/* ---- audit (wf_audit.c) ----------------------------------------------- */
typedef struct WfEvent {
	int64_t case_id, task_id, person_id, acting_for;
	const char *kind;   /* "case.start", "task.approve", ... */
	const char *detail; /* JSON object text */
	const char *reason;
} WfEvent;

/* Append an event, chained to the previous one; inside an open write transaction. */
int wf_audit_append(Wf *wf, const WfEvent *ev, time_t now);
/*
** Check the whole chain. Returns the number of events checked, or -1 with
** err naming the first event that was altered, removed or reordered.
*/
int64_t wf_audit_verify(Db *db, Buf *err);

/* ---- statistics (wf_stats.c) ---------------------------------------------- */
/*
** Per step of an SOP (its latest version's steps; tasks of every version
** and, with agency_id 0, every agency): completions, actual durations in
** the step's unit against its standard (median, 90th percentile, share
** done by the due time), returns decided at the step and re-work sent
** back to it. For
** SOP monitoring (Permenpan 35/2012's monitoring table). NULL with err.
*/
json_t *wf_stats_json(Wf *wf, const char *sop_ref, int64_t agency_id, Buf *err);

#endif
