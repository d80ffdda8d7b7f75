/*
** test_wf.c: the workflow engine in-process, on a real SQLite file with
** the demo organisations: NIP rules, all-or-nothing organisation loading,
** a seed run with returns at every review level, the fan-out join, version
** pinning, Plt acting, refusals that change nothing, and the audit chain
** catching edits, removals and truncation. (The CLI-level runs of every
** seed, and two processes racing on one task, are in cli_wf_test.sh.)
*/
#include "testutil.h"

#include "wf.h"

#include <sqlite3.h>

static Db *db;
static Wf *wf;
/* 2026-11-23 08:00 WIB, a Monday. */
static const time_t MONDAY = 1795395600;

static int setup(void **state)
{
	(void)state;
	const char *p = tu_path(0, "wf.db");
	unlink(p);
	Buf err = BUF_INIT, log = BUF_INIT;
	db = db_open(p, DB_OPEN_CREATE | DB_OPEN_WRITE, &err);
	assert_non_null(db);
	wf = wf_new(db);
	assert_true(sop_lib_install(db, &log, &err) >= 0);
	assert_true(wf_holidays_install(db, &err) > 0);
	assert_int_equal(wf_demo_install(wf, &log, &err), 4);
	buf_free(&err);
	buf_free(&log);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	wf_free(wf);
	db_close(db);
	return 0;
}

static int64_t person(const char *login)
{
	int64_t id = wf_person_by_login(db, login);
	if (!id)
		fail_msg("no demo person %s", login);
	return id;
}

static int64_t events(void)
{
	return db_int(db, 0, "SELECT count(*) FROM wf_event", DB_END);
}

/* The open task of step in case c (for a group step: the one of login's position). */
static int64_t open_task(int64_t c, int step, const char *login)
{
	return db_int(db, 0,
	              "SELECT t.id FROM wf_task t JOIN position p ON p.id=t.position_id"
	              " JOIN person pe ON pe.id=p.holder_id WHERE t.case_id=:c AND t.step_no=:s"
	              " AND t.status='open' AND (:l IS NULL OR pe.login=:l)",
	              DB_INT(":c", c), DB_INT(":s", step), DB_TEXT(":l", login), DB_END);
}

static void act_ok(int64_t c, int step, const char *login, WfOutcome o, const char *reason,
                   time_t now)
{
	Buf err = BUF_INIT;
	int64_t task = open_task(c, step, login);
	if (!task)
		fail_msg("case %lld has no open task at step %d for %s", (long long)c, step, login);
	WfAct act = {task, person(login), o, reason, NULL, NULL, NULL};
	if (wf_task_act(wf, &act, now, &err) != 0)
		fail_msg("step %d by %s: %s", step, login, buf_str(&err));
	buf_free(&err);
}

/* Acting must fail with msg in the error and change nothing. */
static void act_refused(int64_t task, const char *login, WfOutcome o, const char *reason,
                        time_t now, const char *msg)
{
	Buf err = BUF_INIT;
	int64_t before = events();
	WfAct act = {task, person(login), o, reason, NULL, NULL, NULL};
	assert_int_equal(wf_task_act(wf, &act, now, &err), -1);
	assert_contains(buf_str(&err), msg);
	assert_int_equal(events(), before);
	buf_free(&err);
}

static int64_t start(const char *sop, const char *login, time_t now)
{
	Buf err = BUF_INIT;
	WfStart req = {sop, 0, "Uji kasus", "TW III 2026", NULL, 0, person(login)};
	int64_t id = 0;
	if (wf_case_start(wf, &req, now, &id, &err) != 0)
		fail_msg("start %s: %s", sop, buf_str(&err));
	buf_free(&err);
	return id;
}

static void nip_rules(void **state)
{
	(void)state;
	static const struct {
		const char *nip;
		bool ok;
		const char *why;
	} cases[] = {
	        {"19691024 199803 1 007", true, NULL},
	        {"196910241998031007", true, NULL},
	        {"19791208 200003 2 002", true, NULL},
	        {"19691024 199803 1 00", false, "17 digits"},
	        {"1969102a199803100700", false, "other than digits"},
	        {"19691324 199803 1 007", false, "birth date 1969-13-24"},
	        {"19690230 199803 1 007", false, "birth date 1969-02-30"},
	        {"19301024 199803 1 007", false, "between 1940 and 2010"},
	        {"19691024 199813 1 007", false, "appointment 1998-13"},
	        {"19691024 198003 1 007", false, "before the 18th birthday"},
	        {"19691024 199803 3 007", false, "sex digit"},
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		Buf err = BUF_INIT;
		bool ok = wf_nip_valid(cases[i].nip, &err);
		if (ok != cases[i].ok)
			fail_msg("%s: expected %s (%s)", cases[i].nip,
			         cases[i].ok ? "valid" : "invalid", buf_str(&err));
		if (cases[i].why)
			assert_contains(buf_str(&err), cases[i].why);
		buf_free(&err);
	}
}

static void org_load_is_all_or_nothing(void **state)
{
	(void)state;
	const char *bad =
	        "{\"format\":\"sakip.org/1\","
	        "\"pemda\":{\"code\":\"uji\",\"name\":\"Pemerintah Kabupaten Uji\"},"
	        "\"agency\":{\"code\":\"dinas-uji\",\"name\":\"Dinas Uji\",\"timezone\":\"WITA\"},"
	        "\"units\":[{\"code\":\"dinas\",\"name\":\"Dinas\",\"parent\":null}],"
	        "\"people\":[{\"login\":\"ujiok\",\"nip\":\"19800101 200501 1 "
	        "001\",\"name\":\"Uji\"},"
	        "{\"login\":\"ujibad\",\"nip\":\"19801301 200501 1 001\",\"name\":\"Salah\"}],"
	        "\"positions\":[{\"code\":\"kadis\",\"title\":\"Kepala\",\"unit\":\"bidang\","
	        "\"holder\":\"ujiok\"}],"
	        "\"sop_actors\":[{\"sop\":\"perkim-kalbar-lkj\",\"actor\":\"kadis\",\"positions\":"
	        "[\"kadis\",\"lain\"]}]}";
	int64_t people = db_int(db, 0, "SELECT count(*) FROM person", DB_END);
	int64_t agencies = db_int(db, 0, "SELECT count(*) FROM agency", DB_END);
	Buf err = BUF_INIT, log = BUF_INIT;
	assert_int_equal(wf_org_load(wf, "uji.json", bad, strlen(bad), &log, &err), -1);
	assert_contains(buf_str(&err), "people[1]: NIP \"19801301 200501 1 001\": birth date");
	assert_contains(buf_str(&err), "positions[0]: unit: no unit with code \"bidang\"");
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM person", DB_END), people);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM agency", DB_END), agencies);
	buf_reset(&err);
	assert_int_equal(wf_org_load(wf, "x.json", "{\"format\":", 10, &log, &err), -1);
	assert_contains(buf_str(&err), "invalid JSON");
	buf_free(&err);
	buf_free(&log);
}

/* A six-day public-service unit with its own hours, and its own holiday. */
static void agency_hours_and_holidays(void **state)
{
	(void)state;
	const char *org = "{\"format\":\"sakip.org/1\",\"notes\":[\"uji\"],"
	                  "\"pemda\":{\"code\":\"uji\",\"name\":\"Pemerintah Kabupaten Uji\"},"
	                  "\"agency\":{\"code\":\"puskesmas-uji\",\"name\":\"Puskesmas "
	                  "Uji\",\"timezone\":\"WIT\"},"
	                  "\"units\":[{\"code\":\"pkm\",\"name\":\"Puskesmas\",\"parent\":null}],"
	                  "\"holidays\":[{\"date\":\"2026-11-24\",\"name\":\"Hari jadi\"}],"
	                  "\"hours\":[{\"day\":1,\"open\":\"08:00\",\"close\":\"14:00\"},"
	                  "{\"day\":2,\"open\":\"08:00\",\"close\":\"14:00\"},"
	                  "{\"day\":6,\"open\":\"08:00\",\"close\":\"12:00\"}]}";
	Buf err = BUF_INIT, log = BUF_INIT;
	if (wf_org_load(wf, "pkm.json", org, strlen(org), &log, &err) != 0)
		fail_msg("%s", buf_str(&err));
	Wf *fresh = wf_new(db); /* calendars are cached per context */
	const WfCalendar *cal = wf_calendar(fresh, wf_agency_by_ref(db, "puskesmas-uji"));
	assert_int_equal(cal->utc_offset_min, 540);
	/* Saturday 21 Nov 11:00 WIT + 120 office minutes: 60 on Saturday, then Monday 08:00. */
	SopDuration d = {true, true, true, 120, 120, SOP_MINUTE, NULL};
	Buf b = BUF_INIT;
	wf_cal_format(cal, wf_cal_due(cal, wf_cal_parse_local(cal, "2026-11-21 11:00"), &d), &b);
	assert_string_equal(buf_str(&b), "2026-11-23 09:00 WIT");
	/* 2 working days from Monday: Tuesday is its holiday, Wednesday-Friday closed, Saturday. */
	SopDuration w = {true, true, true, 2, 2, SOP_WORKDAY, NULL};
	buf_reset(&b);
	wf_cal_format(cal, wf_cal_due(cal, wf_cal_parse_local(cal, "2026-11-23 09:00"), &w), &b);
	assert_string_equal(buf_str(&b), "2026-11-30 14:00 WIT");
	/* A typo in a top-level key is refused, not ignored. */
	const char *typo = "{\"format\":\"sakip.org/1\",\"position\":[]}";
	buf_reset(&err);
	assert_int_equal(wf_org_load(wf, "t.json", typo, strlen(typo), &log, &err), -1);
	assert_contains(buf_str(&err), "unknown key \"position\"");
	wf_free(fresh);
	buf_free(&b);
	buf_free(&err);
	buf_free(&log);
}

/* Seed 002 (LKj): every reviewer returns once, then the chain approves and archives. */
static void seed_002_returns_at_every_level(void **state)
{
	(void)state;
	time_t t = MONDAY;
	int64_t c = start("perkim-kalbar-lkj", "yosafat", t);
	act_ok(c, 1, "yosafat", WF_DONE, NULL, t += 60);
	act_ok(c, 2, "nurhayati", WF_DONE, NULL, t += 60);
	act_ok(c, 3, "agustinus", WF_DONE, NULL, t += 60);
	act_ok(c, 4, "hendrag", WF_DONE, NULL, t += 600);
	/* Kasubbag returns to the Tim, Sekretaris to the Kasubbag, Kepala Dinas to the Sekretaris.
	 */
	static const struct {
		int step, back;
		const char *reviewer, *reworker;
	} chain[] = {{5, 4, "agustinus", "hendrag"},
	             {6, 5, "nurhayati", "agustinus"},
	             {7, 6, "yosafat", "nurhayati"}};
	for (size_t i = 0; i < COUNT(chain); i++) {
		int64_t review = open_task(c, chain[i].step, NULL);
		act_refused(review, chain[i].reviewer, WF_RETURN, "  ", t, "reason is required");
		act_refused(review, chain[i].reviewer, WF_DONE, NULL, t, "is a decision");
		act_ok(c, chain[i].step, chain[i].reviewer, WF_RETURN,
		       "Tabel capaian belum lengkap", t += 60);
		Arena a = ARENA_INIT;
		int64_t again = open_task(c, chain[i].back, NULL);
		assert_true(again > 0);
		assert_string_equal(db_text(db, &a, "SELECT return_reason FROM wf_task WHERE id=:t",
		                            DB_INT(":t", again), DB_END),
		                    "Tabel capaian belum lengkap");
		arena_free(&a);
		/* Re-done (the returned-to step is the one just below), then approved. */
		act_ok(c, chain[i].back, chain[i].reworker,
		       chain[i].back == 4 ? WF_DONE : WF_APPROVE, NULL, t += 60);
		act_ok(c, chain[i].step, chain[i].reviewer, WF_APPROVE, NULL, t += 60);
	}
	act_ok(c, 8, "nurhayati", WF_DONE, NULL, t += 60);
	act_ok(c, 9, "agustinus", WF_DONE, NULL, t += 60);
	Arena a = ARENA_INIT;
	assert_string_equal(
	        db_text(db, &a, "SELECT status FROM wf_case WHERE id=:c", DB_INT(":c", c), DB_END),
	        "closed");
	arena_free(&a);
	assert_int_equal(db_int(db, -1,
	                        "SELECT count(*) FROM wf_task WHERE case_id=:c AND status='open'",
	                        DB_INT(":c", c), DB_END),
	                 0);
	assert_int_equal(
	        db_int(db, 0, "SELECT count(*) FROM wf_task WHERE case_id=:c AND status='returned'",
	               DB_INT(":c", c), DB_END),
	        3);
	/* An archived case refuses everything. */
	int64_t last = db_int(db, 0, "SELECT max(id) FROM wf_task WHERE case_id=:c",
	                      DB_INT(":c", c), DB_END);
	act_refused(last, "agustinus", WF_DONE, NULL, t, "closed");
	Buf err = BUF_INIT;
	assert_int_equal(wf_case_cancel(wf, c, person("yosafat"), "salah", t, &err), -1);
	assert_contains(buf_str(&err), "read-only");
	buf_free(&err);
}

static void refusals_change_nothing(void **state)
{
	(void)state;
	time_t t = MONDAY + 7 * 86400;
	int64_t c = start("perkim-kalbar-perbaikan-data", "yosafat", t);
	int64_t task = open_task(c, 1, NULL);
	act_refused(task, "dewia", WF_DONE, NULL, t, "may not act on task");
	act_refused(task, "yosafat", WF_APPROVE, NULL, t, "not a decision");
	act_ok(c, 1, "yosafat", WF_DONE, NULL, t + 60);
	act_refused(task, "yosafat", WF_DONE, NULL, t + 120, "already done (by yosafat");
	/* Only the Kepala Dinas (step 1) starts this SOP. */
	Buf err = BUF_INIT;
	WfStart req = {"perkim-kalbar-perbaikan-data", 0, "x", NULL, NULL, 0, person("dewia")};
	int64_t id, before = events();
	assert_int_equal(wf_case_start(wf, &req, t, &id, &err), -1);
	assert_contains(buf_str(&err), "starts a case");
	assert_int_equal(events(), before);
	/* Cancel needs a reason; then the case is read-only. */
	buf_reset(&err);
	assert_int_equal(wf_case_cancel(wf, c, person("yosafat"), "", t, &err), -1);
	assert_int_equal(wf_case_cancel(wf, c, person("dewia"), "iseng", t, &err), -1);
	assert_int_equal(wf_case_cancel(wf, c, person("yosafat"), "Data sudah benar", t, &err), 0);
	act_refused(open_task(c, 2, NULL)
	                    ? open_task(c, 2, NULL)
	                    : db_int(db, 0, "SELECT max(id) FROM wf_task WHERE case_id=:c",
	                             DB_INT(":c", c), DB_END),
	            "nurhayati", WF_DONE, NULL, t, "cancelled");
	buf_free(&err);
}

/* Seed 001's group step: one task per Bagian; the case moves on when all have answered. */
static void fanout_joins_and_closes(void **state)
{
	(void)state;
	time_t t = MONDAY;
	Buf err = BUF_INIT;
	WfDeadline dl = {2, "2026-11-27"};
	WfStart req = {
	        "biroorg-kalbar-pengumpulan-data", 0, "TW III", NULL, &dl, 1, person("rita")};
	int64_t c;
	assert_int_equal(wf_case_start(wf, &req, t, &c, &err), 0);
	act_ok(c, 1, "rita", WF_DONE, NULL, t + 60);
	assert_int_equal(db_int(db, 0,
	                        "SELECT count(*) FROM wf_task WHERE case_id=:c AND step_no=2",
	                        DB_INT(":c", c), DB_END),
	                 3);
	act_ok(c, 2, "fauzi", WF_DONE, NULL, t + 86400);
	assert_int_equal(open_task(c, 3, NULL), 0); /* not yet joined */
	act_ok(c, 2, "yohana", WF_DONE, NULL, t + 2 * 86400);
	/* Before the deadline the coordinator cannot close it; the late unit never may. */
	assert_int_equal(wf_fanout_close(wf, c, 2, person("rizkyp"), t + 3 * 86400, &err), -1);
	assert_contains(buf_str(&err), "not past its deadline");
	buf_reset(&err);
	assert_int_equal(wf_fanout_close(wf, c, 2, person("heris"), t + 5 * 86400, &err), -1);
	assert_int_equal(wf_fanout_close(wf, c, 2, person("nurulh"), t + 5 * 86400, &err), -1);
	assert_int_equal(wf_fanout_close(wf, c, 2, person("rita"), t + 5 * 86400, &err), 0);
	Arena a = ARENA_INIT;
	assert_string_equal(db_text(db, &a,
	                            "SELECT t.status FROM wf_task t JOIN position p ON"
	                            " p.id=t.position_id JOIN person pe ON pe.id=p.holder_id"
	                            " WHERE t.case_id=:c AND pe.login='heris'",
	                            DB_INT(":c", c), DB_END),
	                    "unanswered");
	assert_contains(
	        db_text(db, &a,
	                "SELECT detail FROM wf_event WHERE case_id=:c AND kind='fanout.close'",
	                DB_INT(":c", c), DB_END),
	        "\"unanswered\":[\"bag-tatalaksana\"]");
	arena_free(&a);
	assert_true(open_task(c, 3, "rizkyp") > 0);
	buf_free(&err);
}

/* Returned to a group step with a per-case deadline: the units get the same span again. */
static void return_to_fanout_gets_a_new_span(void **state)
{
	(void)state;
	const char *sop_json =
	        "{\"format\":\"sakip.sop/1\",\"code\":\"uji-kembali\",\"name\":\"Uji\","
	        "\"actors\":[{\"id\":\"karo\",\"label\":\"Karo\"},"
	        "{\"id\":\"bagian\",\"label\":\"Bagian-Bagian\",\"group\":true}],"
	        "\"steps\":[{\"no\":1,\"activity\":\"Meminta data\",\"actor\":\"karo\"},"
	        "{\"no\":2,\"activity\":\"Mengirim data\",\"actor\":\"bagian\","
	        "\"duration\":{\"unit\":\"per_case\",\"text\":\"Sesuai\"}},"
	        "{\"no\":3,\"activity\":\"Memeriksa\",\"actor\":\"karo\",\"kind\":\"decision\","
	        "\"on_reject\":2},{\"no\":4,\"activity\":\"Selesai\",\"actor\":\"karo\","
	        "\"kind\":\"end\"}]}";
	const char *org =
	        "{\"format\":\"sakip.org/1\",\"pemda\":{\"code\":\"kalbar\",\"name\":"
	        "\"Pemerintah Provinsi Kalimantan Barat\"},\"agency\":{\"code\":\"biroorg-kalbar\","
	        "\"name\":\"Biro Organisasi Sekretariat Daerah\"},\"units\":[],"
	        "\"sop_actors\":[{\"sop\":\"uji-kembali\",\"actor\":\"karo\",\"positions\":["
	        "\"karo\"]},"
	        "{\"sop\":\"uji-kembali\",\"actor\":\"bagian\",\"positions\":[\"kabag-"
	        "kelembagaan\","
	        "\"kabag-rbak\"]}]}";
	Arena a = ARENA_INIT;
	Buf err = BUF_INIT, log = BUF_INIT;
	Sop *sop = sop_parse(&a, "uji", sop_json, strlen(sop_json), &err);
	assert_non_null(sop);
	assert_int_equal(sop_store_add(db, sop, "active", "file", false, &err), 0);
	if (wf_org_load(wf, "org.json", org, strlen(org), &log, &err) != 0)
		fail_msg("%s", buf_str(&err));
	time_t t = MONDAY;
	WfDeadline dl = {2, "2026-11-27"};
	WfStart req = {"uji-kembali", 0, "Uji", NULL, &dl, 1, person("rita")};
	int64_t c;
	assert_int_equal(wf_case_start(wf, &req, t, &c, &err), 0);
	act_ok(c, 1, "rita", WF_DONE, NULL, t);
	int64_t due1 =
	        db_int(db, 0, "SELECT max(due_at) FROM wf_task WHERE case_id=:c AND step_no=2",
	               DB_INT(":c", c), DB_END);
	act_ok(c, 2, "fauzi", WF_DONE, NULL, t + 86400);
	act_ok(c, 2, "yohana", WF_DONE, NULL, t + 86400);
	time_t back = t + 2 * 86400 + 3600;
	act_ok(c, 3, "rita", WF_RETURN, "Data bagian belum lengkap", back);
	int64_t due2 = db_int(db, 0,
	                      "SELECT max(due_at) FROM wf_task WHERE case_id=:c AND step_no=2"
	                      " AND round=2",
	                      DB_INT(":c", c), DB_END);
	assert_int_equal(due2, (int64_t)back + (due1 - (int64_t)t));
	assert_int_equal(db_int(db, 0,
	                        "SELECT count(*) FROM wf_task WHERE case_id=:c AND step_no=2"
	                        " AND round=2 AND status='open'",
	                        DB_INT(":c", c), DB_END),
	                 2);
	arena_free(&a);
	buf_free(&err);
	buf_free(&log);
}

static void running_case_keeps_its_version(void **state)
{
	(void)state;
	time_t t = MONDAY + 14 * 86400;
	int64_t c = start("bappeda-banggai-perbaikan-data", "ramel", t);
	/* Revise the SOP: step 3 gets a new text. */
	Buf err = BUF_INIT;
	char *def = sop_store_definition(db, "bappeda-banggai-perbaikan-data", 0, &err);
	Arena a = ARENA_INIT;
	Sop *sop = sop_parse(&a, "v", def, strlen(def), &err);
	sop->steps[2].activity = "Teks revisi";
	assert_int_equal(sop_store_add(db, sop, "active", "file", false, &err), 0);
	free(def);
	int64_t v1 = db_int(db, 0, "SELECT sop_version_id FROM wf_case WHERE id=:c",
	                    DB_INT(":c", c), DB_END);
	const char *names[] = {"ramel",  "ramel",  "nurlina",    "irwant",  "fadli",
	                       "irwant", "irwant", "sriwahyuni", "nurlina", "ramel"};
	for (int s = 1; s <= 10; s++)
		act_ok(c, s, names[s - 1], WF_DONE, NULL, t += 600);
	assert_int_equal(db_int(db, 0, "SELECT sop_version_id FROM wf_case WHERE id=:c",
	                        DB_INT(":c", c), DB_END),
	                 v1);
	assert_string_equal(
	        wf_sop(wf, v1, &err)->steps[2].activity,
	        "Sekretaris memerintahkan Kasubbid Data untuk berkoordinasi ke Kabid Renum "
	        "mengenai kesalahan data kinerja");
	int64_t c2 = start("bappeda-banggai-perbaikan-data", "ramel", t);
	assert_int_not_equal(db_int(db, 0, "SELECT sop_version_id FROM wf_case WHERE id=:c",
	                            DB_INT(":c", c2), DB_END),
	                     v1);
	arena_free(&a);
	buf_free(&err);
}

static void plt_acts_in_its_dates(void **state)
{
	(void)state;
	/* ridwan is Plt Sekretaris of Perkim Kalbar from 1 to 31 December 2026. */
	time_t nov = MONDAY, dec = MONDAY + 14 * 86400; /* 7 December */
	int64_t c = start("perkim-kalbar-perbaikan-data", "yosafat", nov);
	act_ok(c, 1, "yosafat", WF_DONE, NULL, nov + 60);
	act_refused(open_task(c, 2, NULL), "ridwan", WF_DONE, NULL, nov + 120, "may not act");
	int64_t task = open_task(c, 2, NULL);
	WfAct act = {task, person("ridwan"), WF_DONE, NULL, "Sebagai Plt", NULL, NULL};
	Buf err = BUF_INIT;
	assert_int_equal(wf_task_act(wf, &act, dec, &err), 0);
	assert_int_equal(db_int(db, 0, "SELECT acting_for FROM wf_task WHERE id=:t",
	                        DB_INT(":t", task), DB_END),
	                 person("nurhayati"));
	assert_int_equal(db_int(db, 0, "SELECT done_by FROM wf_task WHERE id=:t",
	                        DB_INT(":t", task), DB_END),
	                 person("ridwan"));
	buf_free(&err);
}

static void raw_sql(const char *sql)
{
	char *msg = NULL;
	sqlite3 *h;
	assert_int_equal(sqlite3_open(tu_path(1, "tamper.db"), &h), SQLITE_OK);
	if (sqlite3_exec(h, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg);
	sqlite3_close(h);
}

/* Copy the database file so each tampering starts from the intact trail. */
static Db *tamper_copy(void)
{
	db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", DB_END);
	Buf bytes = BUF_INIT;
	tu_read_file(&bytes, tu_path(0, "wf.db"));
	const char *p = tu_path(1, "tamper.db");
	unlink(p);
	tu_write_file(p, bytes.data, bytes.len);
	buf_free(&bytes);
	raw_sql("DROP TRIGGER wf_event_no_update; DROP TRIGGER wf_event_no_delete;");
	Buf err = BUF_INIT;
	Db *copy = db_open(p, DB_OPEN_WRITE, &err);
	assert_non_null(copy);
	buf_free(&err);
	return copy;
}

static void audit_chain_catches_tampering(void **state)
{
	(void)state;
	Buf err = BUF_INIT;
	int64_t n = wf_audit_verify(db, &err);
	assert_true(n > 50);
	static const struct {
		const char *sql, *msg;
	} cases[] = {
	        {"UPDATE wf_event SET reason='diubah' WHERE id=5", "event 5 ("},
	        {"UPDATE wf_event SET at=at+1 WHERE id=9", "event 9 ("},
	        {"DELETE FROM wf_event WHERE id=7", "event 7 is missing"},
	        {"UPDATE wf_event SET detail=(SELECT detail FROM wf_event WHERE id=4) WHERE id=3",
	         "event 3 ("},
	        {"DELETE FROM wf_event WHERE id=(SELECT max(id) FROM wf_event)",
	         "removed from the end"},
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		Db *copy = tamper_copy();
		assert_int_equal(wf_audit_verify(copy, &err), n);
		db_close(copy);
		raw_sql(cases[i].sql);
		copy = db_open(tu_path(1, "tamper.db"), 0, &err);
		buf_reset(&err);
		assert_int_equal(wf_audit_verify(copy, &err), -1);
		assert_contains(buf_str(&err), cases[i].msg);
		db_close(copy);
	}
	/* The triggers refuse edits through the normal connection. */
	assert_int_equal(db_exec(db, "DELETE FROM wf_event WHERE id=1", DB_END), DB_CONSTRAINT);
	buf_free(&err);
}

int main(void)
{
	tu_init();
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(nip_rules),
	        cmocka_unit_test(org_load_is_all_or_nothing),
	        cmocka_unit_test(agency_hours_and_holidays),
	        cmocka_unit_test(seed_002_returns_at_every_level),
	        cmocka_unit_test(refusals_change_nothing),
	        cmocka_unit_test(fanout_joins_and_closes),
	        cmocka_unit_test(return_to_fanout_gets_a_new_span),
	        cmocka_unit_test(running_case_keeps_its_version),
	        cmocka_unit_test(plt_acts_in_its_dates),
	        cmocka_unit_test(audit_chain_catches_tampering),
	};
	return cmocka_run_group_tests_name("wf", tests, setup, teardown);
}
