/*
** bench_wf.c: durable workflow transitions per second.
**
** Runs many cases of seed 000 (Perbaikan Data Kinerja, 10 steps, three
** decisions) on the demo organisation, each step completed by its
** official through wf_task_act(): one committed transaction with its audit
** events per transition, synchronous=FULL unless SAKIP_DB_SYNC=normal.
** Prints transitions/s, case starts/s, and peak RSS. Figures only.
**
** Usage: build/bench_wf [CASES] [DIR]   (default 500 cases in /tmp)
*/
#include "wf.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	json_set_alloc_funcs(xmalloc, free);
	int cases = argc > 1 ? atoi(argv[1]) : 500;
	const char *dir = argc > 2 ? argv[2] : "/tmp";
	char path[512];
	snprintf(path, sizeof path, "%s/bench-wf.db", dir);
	unlink(path);
	Buf err = BUF_INIT, log = BUF_INIT;
	Db *db = db_open(path, DB_OPEN_CREATE | DB_OPEN_WRITE, &err);
	if (!db)
		fatal("%s", buf_str(&err));
	Wf *wf = wf_new(db);
	if (sop_lib_install(db, &log, &err) < 0 || wf_holidays_install(db, &err) < 0 ||
	    wf_demo_install(wf, &log, &err) < 0)
		fatal("%s", buf_str(&err));
	int64_t kadis = wf_person_by_login(db, "yosafat");
	time_t t = 1795395600; /* 2026-11-23 08:00 WIB */
	int64_t *ids = xmalloc(sizeof(int64_t) * (size_t)cases);
	double t0 = now_s();
	for (int i = 0; i < cases; i++) {
		WfStart req = {"perkim-kalbar-perbaikan-data", 0, "Perbaikan Data Kinerja TW III",
		               "TW III 2026", NULL, 0, kadis};
		if (wf_case_start(wf, &req, t, &ids[i], &err) != 0)
			fatal("%s", buf_str(&err));
	}
	double starts = now_s() - t0;
	long transitions = 0;
	t0 = now_s();
	/* Round-robin over the cases, one transition each, as a busy office would interleave them. */
	for (bool open = true; open;) {
		open = false;
		for (int i = 0; i < cases; i++) {
			DbStmt *q = db_query(db,
			                     "SELECT t.id, p.holder_id, t.step_no FROM wf_task t"
			                     " JOIN position p ON p.id=t.position_id"
			                     " WHERE t.case_id=:c AND t.status='open'",
			                     DB_INT(":c", ids[i]), DB_END);
			if (db_step(q) != DB_ROW) {
				db_finalize(q);
				continue;
			}
			int64_t task = db_col_int(q, 0), who = db_col_int(q, 1);
			int step = (int)db_col_int(q, 2);
			db_finalize(q);
			bool decision = step >= 5 && step <= 7;
			WfAct act = {task, who, decision ? WF_APPROVE : WF_DONE, NULL, NULL, NULL, NULL};
			if (wf_task_act(wf, &act, t, &err) != 0)
				fatal("%s", buf_str(&err));
			transitions++;
			open = true;
		}
	}
	double dt = now_s() - t0;
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	const char *sync = getenv("SAKIP_DB_SYNC");
	printf("case starts     %6d in %.3f s  %8.0f /s\n", cases, starts, cases / starts);
	printf("transitions     %6ld in %.3f s  %8.0f /s  (synchronous=%s, one commit each with "
	       "its audit events)\n",
	       transitions, dt, transitions / dt, sync ? sync : "full");
	printf("audit events    %6lld\n",
	       (long long)db_int(db, 0, "SELECT count(*) FROM wf_event", DB_END));
	printf("peak RSS        %6ld KiB\n", ru.ru_maxrss);
	/* The floor: one tiny committed transaction each, same database settings. */
	db_exec(db, "CREATE TABLE bench_floor(x INTEGER)", DB_END);
	double f0 = now_s();
	int floor_n = 3000;
	for (int i = 0; i < floor_n; i++) {
		db_begin_write(db);
		db_exec(db, "INSERT INTO bench_floor VALUES(:x)", DB_INT(":x", i), DB_END);
		db_commit(db);
	}
	printf("bare commits    %6d in %.3f s  %8.0f /s  (one-row INSERT per transaction: the "
	       "storage's own ceiling)\n",
	       floor_n, now_s() - f0, floor_n / (now_s() - f0));
	Buf verr = BUF_INIT;
	double v0 = now_s();
	int64_t n = wf_audit_verify(db, &verr);
	printf("audit verify    %6lld events in %.3f s\n", (long long)n, now_s() - v0);
	buf_free(&verr);
	free(ids);
	wf_free(wf);
	db_close(db);
	unlink(path);
	buf_free(&err);
	buf_free(&log);
	return 0;
}
