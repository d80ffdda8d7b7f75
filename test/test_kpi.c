/*
** test_kpi.c: data kinerja on a real database with the demo organisations
** and demo data: CSV import refusals that import nothing, PK versions,
** verified values never overwritten, the recap's numbers, XLSX output, a
** seed 001 collection (three units: one late, one with a rejected value),
** seed 000 corrections (returned once, then applied; a cancelled one
** changes nothing) and the history that shows every version.
*/
#include "testutil.h"

#include "kpi.h"
#include "wf.h"

static Db *db;
static Wf *wf;
static const time_t NOW = 1791170400; /* 2026-10-05 08:00 WIB, a Monday */

static int setup(void **state)
{
	(void)state;
	const char *p = tu_path(0, "kpi.db");
	unlink(p);
	Buf err = BUF_INIT, log = BUF_INIT;
	db = db_open(p, DB_OPEN_CREATE | DB_OPEN_WRITE, &err);
	assert_non_null(db);
	wf = wf_new(db);
	kpi_flow_install(wf);
	if (sop_lib_install(db, &log, &err) < 0 || wf_holidays_install(db, &err) < 0 ||
	    wf_demo_install(wf, &log, &err) < 0 || kpi_demo_install(db, NOW, &log, &err) < 0)
		fail_msg("%s", buf_str(&err));
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

static int64_t count(const char *table_sql)
{
	return db_int(db, -1, table_sql, DB_END);
}

static int64_t person(const char *login)
{
	return wf_person_by_login(db, login);
}

/* Import text as a file; returns the status and leaves messages in err. */
static int import(const char *text, const char *reason, Buf *err)
{
	char *copy = xstrdup(text);
	Buf log = BUF_INIT;
	int rc = kpi_import(db, "t.csv", copy, strlen(copy), reason, 0, NOW, &log, err);
	free(copy);
	buf_free(&log);
	return rc;
}

static void import_refuses_and_imports_nothing(void **state)
{
	(void)state;
	static const struct {
		const char *csv, *msg;
	} cases[] = {
	        {"agency,year,indicator,period,value,colour\nperkim-kalbar,2027,IK-01,TW1,5,red\n",
	         "t.csv:1:36: unknown column \"colour\""},
	        {"agency,year,indicator,period,value\nperkim-kalbar,2027,IK-01,TW1,5\n"
	         "perkim-kalbar,2027,IK-01,TW2,1.234,5\n",
	         "t.csv:3:"},
	        {"agency,year,indicator,period,value\nperkim-kalbar,2027,IK-01,TW1,\"1,5\"\n",
	         "t.csv:2:30: value \"1,5\" is not a number (use a decimal point"},
	        {"agency,year,indicator,period,value\nperkim-kalbar,2027,IK-01,TW1,5\n"
	         "perkim-kalbar,2027,IK-01,TW1,6\n",
	         "t.csv:3:1: the same key again (first on line 2)"},
	        {"agency,year,indicator,period,value\nperkim-kalbar,2027,IK-99,TW1,5\n",
	         "t.csv:2:20: agency perkim-kalbar has no indicator \"IK-99\""},
	        {"agency,year,indicator,period,value\nperkim-kalbar,2027,IK-03,TW1,101\n",
	         "value 101 is outside the indicator's range 0..100"},
	        {"agency,year,indicator,period,value\nperkim-kalbar,2027,IK-09,Y,WTPP\n",
	         "value \"WTPP\" is not on the indicator's scale"},
	        {"agency,year,indicator,period,value\nperkim-kalbar,2027,IK-01,TW5,1\n",
	         "period \"TW5\" is not TW1, TW2, TW3, TW4 or Y"},
	        {"agency,year,indicator,period,value\nperkim-kalbar,2027,IK-01,TW1,5\x93\n",
	         "t.csv:2:31: invalid UTF-8 (byte 65)"},
	        {"agency,year,indicator,period,value\nperkim-kalbar,2027,IK-01,TW1,\"5\n",
	         "a quoted field is not closed"},
	        {"agency,what\nx,y\n", "unknown column \"what\""},
	        {"", "empty file"},
	        /* Verified data is corrected through a case, never by import. */
	        {"agency,year,indicator,period,value\nperkim-kalbar,2026,IK-01,TW2,60\n",
	         "already has a verified value; change it through a Perbaikan Data Kinerja case"},
	        {"agency,year,indicator,period,target\nperkim-kalbar,2026,IK-01,TW1,11\n",
	         "a PK perubahan needs --reason"},
	};
	int64_t before = count("SELECT count(*) FROM realisasi");
	int64_t pks = count("SELECT count(*) FROM pk");
	for (size_t i = 0; i < COUNT(cases); i++) {
		Buf err = BUF_INIT;
		assert_int_equal(import(cases[i].csv, NULL, &err), -1);
		assert_contains(buf_str(&err), cases[i].msg);
		if (i > 0)
			assert_contains(buf_str(&err), "nothing was imported");
		buf_free(&err);
	}
	assert_int_equal(count("SELECT count(*) FROM realisasi"), before);
	assert_int_equal(count("SELECT count(*) FROM pk"), pks);
	/* A row that is fine in a file with a bad one is not imported either. */
	Buf err = BUF_INIT;
	assert_int_equal(
	        import("agency,year,indicator,period,value\nperkim-kalbar,2027,IK-01,TW1,5\n"
	               "perkim-kalbar,2027,IK-01,TW2,x\n",
	               NULL, &err),
	        -1);
	assert_int_equal(count("SELECT count(*) FROM realisasi"), before);
	buf_free(&err);
}

static void pk_versions_copy_forward(void **state)
{
	(void)state;
	Buf err = BUF_INIT;
	int64_t a = wf_agency_by_ref(db, "perkim-kalbar");
	int v = (int)db_int(db, 0, "SELECT max(version) FROM pk WHERE agency_id=:a AND year=2026",
	                    DB_INT(":a", a), DB_END);
	assert_int_equal(
	        import("agency,year,indicator,period,target\nperkim-kalbar,2026,IK-01,TW4,70\n",
	               "Tambahan anggaran RTLH dari APBD Perubahan", &err),
	        0);
	int64_t pk =
	        db_int(db, 0, "SELECT id FROM pk WHERE agency_id=:a AND year=2026 AND version=:v",
	               DB_INT(":a", a), DB_INT(":v", v + 1), DB_END);
	assert_true(pk > 0);
	Arena ar = ARENA_INIT;
	assert_string_equal(
	        db_text(db, &ar, "SELECT kind FROM pk WHERE id=:p", DB_INT(":p", pk), DB_END),
	        "perubahan");
	/* The changed target, and an unchanged one carried over; the old version intact. */
	assert_true(
	        db_int(db, 0,
	               "SELECT t.target FROM pk_target t JOIN indicator i ON i.id=t.indicator_id"
	               " WHERE t.pk_id=:p AND i.code='IK-01' AND t.period='TW4'",
	               DB_INT(":p", pk), DB_END) == 70);
	assert_true(
	        db_int(db, 0,
	               "SELECT t.target FROM pk_target t JOIN indicator i ON i.id=t.indicator_id"
	               " WHERE t.pk_id=:p AND i.code='IK-01' AND t.period='TW2'",
	               DB_INT(":p", pk), DB_END) == 40);
	assert_true(db_int(db, 0, "SELECT count(*) FROM pk_budget WHERE pk_id=:p", DB_INT(":p", pk),
	                   DB_END) > 0);
	arena_free(&ar);
	buf_free(&err);
}

static json_t *find(json_t *recap, const char *code)
{
	size_t i;
	json_t *x;
	json_array_foreach (json_object_get(recap, "indicators"), i, x)
		if (strcmp(json_string_value(json_object_get(x, "code")), code) == 0)
			return x;
	fail_msg("no %s in the recap", code);
	return NULL;
}

static void recap_numbers(void **state)
{
	(void)state;
	Buf err = BUF_INIT;
	int64_t a = wf_agency_by_ref(db, "perkim-kalbar");
	json_t *r = kpi_recap_json(db, a, 2026, 1, &err); /* TW2 */
	assert_non_null(r);
	/* IK-01 sums quarters: targets 10 + 40, realisations 12 + 52: 128%, capped at 120. */
	json_t *x = find(r, "IK-01");
	assert_true(json_number_value(json_object_get(x, "target")) == 50);
	assert_true(json_number_value(json_object_get(x, "actual")) == 64);
	assert_true(json_number_value(json_object_get(x, "capaian")) == 120);
	assert_true(json_is_true(json_object_get(x, "capped")));
	assert_string_equal(json_string_value(json_object_get(x, "category")), "Sangat Tinggi");
	assert_string_equal(json_string_value(json_object_get(x, "formula")), "R/T");
	/* TW4 has no realisation yet: said, not zero. */
	json_t *y = kpi_recap_json(db, a, 2026, 3, &err);
	json_t *z = find(y, "IK-03");
	assert_true(json_is_null(json_object_get(z, "capaian")));
	assert_string_equal(json_string_value(json_object_get(z, "note")), "belum ada realisasi");
	/* CSV and XLSX carry the same rows. */
	Buf csv = BUF_INIT;
	kpi_recap_csv(r, &csv);
	assert_contains(buf_str(&csv), "code,name,satuan,polarity,formula,target,actual,capaian,"
	                               "category,note\n");
	assert_contains(buf_str(&csv), "IK-01,");
	assert_contains(buf_str(&csv), ",50,64,120,Sangat Tinggi,");
	/* A text a spreadsheet would run as a formula stays text. */
	json_t *hostile = json_pack("{s:[{s:s, s:s, s:s, s:s, s:s, s:s}]}", "indicators", "code",
	                            "@IK-99", "name", "=HYPERLINK(\"http://x\",\"klik\")", "satuan",
	                            "-", "polarity", "+1", "formula", "R/T", "note", "biasa");
	Buf h = BUF_INIT;
	kpi_recap_csv(hostile, &h);
	assert_contains(
	        buf_str(&h),
	        "'@IK-99,\"'=HYPERLINK(\"\"http://x\"\",\"\"klik\"\")\",'-,'+1,R/T,,,,,biasa\n");
	buf_free(&h);
	json_decref(hostile);
	const char *xlsx = tu_path(1, "rekap.xlsx");
	assert_int_equal(kpi_recap_xlsx(r, xlsx, &err), 0);
	Buf bytes = BUF_INIT;
	tu_read_file(&bytes, xlsx);
	assert_true(bytes.len > 1000 && memcmp(bytes.data, "PK\x03\x04", 4) == 0);
	buf_free(&bytes);
	buf_free(&csv);
	json_decref(r);
	json_decref(y);
	buf_free(&err);
}

static int64_t open_task(int64_t c, int step, const char *login)
{
	return db_int(db, 0,
	              "SELECT t.id FROM wf_task t JOIN position p ON p.id=t.position_id"
	              " JOIN person pe ON pe.id=p.holder_id WHERE t.case_id=:c AND t.step_no=:s"
	              " AND t.status='open' AND (:l IS NULL OR pe.login=:l)",
	              DB_INT(":c", c), DB_INT(":s", step), DB_TEXT(":l", login), DB_END);
}

static int act(int64_t c, int step, const char *login, WfOutcome o, const char *reason, time_t t,
               Buf *err)
{
	buf_reset(err);
	WfAct a = {open_task(c, step, login), person(login), o, reason, NULL, NULL, NULL};
	return wf_task_act(wf, &a, t, err);
}

static void ok(int rc, Buf *err)
{
	if (rc != 0)
		fail_msg("%s", buf_str(err));
}

static int submit(int64_t c, const char *login, const char *ind, const char *value,
                  const WfFile *evidence, time_t t, Buf *err)
{
	buf_reset(err);
	KpiEntry e = {c, person(login), ind, value, NULL, evidence, 0, 0};
	return kpi_submit(wf, &e, t, err);
}

/* Seed 001: three Bagian submit, one late, one with a value rejected on entry; archiving
** verifies the values and locks the period. */
static void collection_seed_001(void **state)
{
	(void)state;
	Buf err = BUF_INIT;
	time_t t = NOW;
	WfDeadline dl = {2, "2026-10-09"};
	WfStart req = {"biroorg-kalbar-pengumpulan-data",
	               0,
	               "Pengumpulan Data Kinerja TW III 2026",
	               "TW III 2026",
	               &dl,
	               1,
	               person("rita")};
	int64_t c;
	ok(wf_case_start(wf, &req, t, &c, &err), &err);
	ok(act(c, 1, "rita", WF_DONE, NULL, t, &err), &err);
	assert_int_equal(count("SELECT count(*) FROM collection WHERE period='TW3' AND year=2026"),
	                 1);
	WfFile pdf = {"bukti.pdf", NULL, (const unsigned char *)"%PDF-1.4 bukti", 14};
	/* Bagian Kelembagaan: complete, on day 2. */
	ok(submit(c, "fauzi", "IK-09", "45.2", NULL, t + 86400, &err), &err);
	assert_int_equal(act(c, 2, "fauzi", WF_DONE, NULL, t + 86400, &err), -1);
	assert_contains(buf_str(&err), "IK-11 TW3: no value yet");
	assert_int_equal(submit(c, "fauzi", "IK-01", "80", NULL, t + 86400, &err), -1);
	assert_contains(buf_str(&err), "not your unit's");
	ok(submit(c, "fauzi", "IK-11", "3", NULL, t + 86400, &err), &err);
	ok(act(c, 2, "fauzi", WF_DONE, NULL, t + 86400, &err), &err);
	/* Bagian RB dan AK: a value out of range and one without evidence are rejected. */
	assert_int_equal(submit(c, "yohana", "IK-01", "150", &pdf, t + 3 * 86400, &err), -1);
	assert_contains(buf_str(&err), "IK-01: 150 is outside the indicator's range 0..100");
	assert_int_equal(submit(c, "yohana", "IK-01", "88.1", NULL, t + 3 * 86400, &err), -1);
	assert_contains(buf_str(&err), "bukti dukung");
	ok(submit(c, "yohana", "IK-01", "88.1", &pdf, t + 3 * 86400, &err), &err);
	ok(submit(c, "yohana", "IK-02", "73", &pdf, t + 3 * 86400, &err), &err);
	ok(submit(c, "yohana", "IK-03", "57.1", NULL, t + 3 * 86400, &err), &err);
	ok(act(c, 2, "yohana", WF_DONE, NULL, t + 3 * 86400, &err), &err);
	assert_int_equal(count("SELECT count(*) FROM realisasi WHERE status='submitted'"), 5);
	/* Bagian Tatalaksana answers late, after the deadline: recorded as overdue. */
	time_t late = t + 5 * 86400;
	static const char *const tatalaksana[][2] = {{"IK-04", "4.36"}, {"IK-05", "96.3"},
	                                             {"IK-06", "88.7"}, {"IK-07", "77.2"},
	                                             {"IK-08", "3.75"}, {"IK-10", "18"}};
	for (size_t i = 0; i < COUNT(tatalaksana); i++)
		ok(submit(c, "heris", tatalaksana[i][0], tatalaksana[i][1],
		          strcmp(tatalaksana[i][0], "IK-10") == 0 ? &pdf : NULL, late, &err),
		   &err);
	ok(act(c, 2, "heris", WF_DONE, NULL, late, &err), &err);
	assert_int_equal(
	        count("SELECT count(*) FROM wf_task t JOIN position p ON p.id=t.position_id"
	              " JOIN person pe ON pe.id=p.holder_id WHERE pe.login='heris'"
	              " AND t.done_at > t.due_at"),
	        1);
	ok(act(c, 3, "rizkyp", WF_DONE, NULL, late, &err), &err);
	assert_int_equal(count("SELECT count(*) FROM wf_attachment WHERE name='rekap-TW3-2026.csv'"
	                       " AND is_output=1"),
	                 1);
	ok(act(c, 4, "nurulh", WF_DONE, NULL, late, &err), &err);
	ok(act(c, 5, "nurulh", WF_DONE, NULL, late, &err), &err);
	ok(act(c, 6, "iqbal", WF_RETURN, "IK-03 tanpa bukti dukung", late, &err), &err);
	ok(act(c, 5, "nurulh", WF_DONE, NULL, late, &err), &err);
	ok(act(c, 6, "iqbal", WF_APPROVE, NULL, late, &err), &err);
	ok(act(c, 7, "rita", WF_APPROVE, NULL, late, &err), &err);
	ok(act(c, 8, "iqbal", WF_DONE, NULL, late, &err), &err);
	ok(act(c, 9, "nurulh", WF_DONE, NULL, late, &err), &err);
	assert_int_equal(
	        count("SELECT count(*) FROM realisasi WHERE status='verified' AND case_id IS"
	              " NOT NULL"),
	        0);
	ok(act(c, 10, "fransiska", WF_DONE, NULL, late, &err), &err);
	/* Archived: the five values are verified and the period is locked. */
	assert_int_equal(
	        count("SELECT count(*) FROM realisasi WHERE status='verified' AND case_id IS"
	              " NOT NULL"),
	        11);
	assert_int_equal(count("SELECT count(*) FROM period_lock WHERE period='TW3'"), 1);
	WfStart again = {
	        "biroorg-kalbar-pengumpulan-data", 0, "lagi", "TW3 2026", &dl, 0, person("rita")};
	WfDeadline dl2 = {2, "2026-10-20"};
	again.deadlines = &dl2;
	again.n_deadlines = 1;
	int64_t c2;
	ok(wf_case_start(wf, &again, late, &c2, &err), &err);
	assert_int_equal(act(c2, 1, "rita", WF_DONE, NULL, late, &err), -1);
	assert_contains(buf_str(&err), "TW3 2026 is already verified and locked");
	buf_free(&err);
}

static int correct(int64_t c, const char *login, const char *ind, int year, int period,
                   const char *value, const char *reason, time_t t, Buf *err)
{
	buf_reset(err);
	WfFile pdf = {"ba-koreksi.pdf", NULL, (const unsigned char *)"%PDF-1.4 berita acara", 21};
	KpiEntry e = {c, person(login), ind, value, reason, &pdf, 0, 0};
	return kpi_correct(wf, &e, year, period, t, err);
}

static double current(const char *code, const char *period)
{
	return db_int(db, -1,
	              "SELECT r.value * 1000 FROM realisasi r JOIN indicator i ON "
	              "i.id=r.indicator_id"
	              " JOIN agency a ON a.id=i.agency_id WHERE a.code='perkim-kalbar'"
	              " AND i.code=:c AND r.year=2026 AND r.period=:p AND r.status='verified'",
	              DB_TEXT(":c", code), DB_TEXT(":p", period), DB_END) /
	       1000.0;
}

/* Seed 000: a correction returned once, then applied at the archive; history keeps both. */
static void correction_seed_000(void **state)
{
	(void)state;
	Buf err = BUF_INIT;
	time_t t = NOW + 14 * 86400;
	WfStart req = {"perkim-kalbar-perbaikan-data",
	               0,
	               "Perbaikan Data Kinerja TW II 2026",
	               NULL,
	               NULL,
	               0,
	               person("yosafat")};
	int64_t c;
	ok(wf_case_start(wf, &req, t, &c, &err), &err);
	ok(act(c, 1, "yosafat", WF_DONE, NULL, t, &err), &err);
	ok(act(c, 2, "nurhayati", WF_DONE, NULL, t, &err), &err);
	ok(act(c, 3, "agustinus", WF_DONE, NULL, t, &err), &err);
	assert_int_equal(act(c, 4, "dewia", WF_DONE, NULL, t, &err), -1);
	assert_contains(buf_str(&err), "propose at least one");
	assert_int_equal(correct(c, "dewia", "IK-01", 2026, 1, "50", "", t, &err), -1);
	assert_contains(buf_str(&err), "needs its reason");
	assert_int_equal(correct(c, "yuliana", "IK-01", 2026, 1, "50", "x", t, &err), -1);
	ok(correct(c, "dewia", "IK-01", 2026, 1, "55", "Salah input: 52 seharusnya 55", t, &err),
	   &err);
	ok(act(c, 4, "dewia", WF_DONE, NULL, t, &err), &err);
	/* The Kasubbag returns it; the value stays as it was meanwhile. */
	ok(act(c, 5, "agustinus", WF_RETURN, "Lampirkan berita acara serah terima", t, &err), &err);
	assert_true(current("IK-01", "TW2") == 52);
	ok(correct(c, "dewia", "IK-01", 2026, 1, "54", "Sesuai berita acara serah terima", t, &err),
	   &err);
	ok(act(c, 4, "dewia", WF_DONE, NULL, t, &err), &err);
	ok(act(c, 5, "agustinus", WF_APPROVE, NULL, t, &err), &err);
	ok(act(c, 6, "nurhayati", WF_APPROVE, NULL, t, &err), &err);
	ok(act(c, 7, "yosafat", WF_APPROVE, NULL, t, &err), &err);
	ok(act(c, 8, "nurhayati", WF_DONE, NULL, t, &err), &err);
	ok(act(c, 9, "agustinus", WF_DONE, NULL, t, &err), &err);
	assert_true(current("IK-01", "TW2") == 52);
	ok(act(c, 10, "yuliana", WF_DONE, NULL, t, &err), &err);
	assert_true(current("IK-01", "TW2") == 54);
	/* History: the old value superseded, the first proposal rejected, the new one verified. */
	int64_t ind = kpi_indicator_resolve(db, "perkim-kalbar:IK-01", 0, &err);
	json_t *h = kpi_history_json(db, ind, 2026, 1);
	json_t *v = json_object_get(h, "versions");
	assert_int_equal(json_array_size(v), 3);
	assert_string_equal(json_string_value(json_object_get(json_array_get(v, 0), "status")),
	                    "superseded");
	assert_string_equal(json_string_value(json_object_get(json_array_get(v, 1), "status")),
	                    "rejected");
	assert_string_equal(json_string_value(json_object_get(json_array_get(v, 2), "status")),
	                    "verified");
	assert_string_equal(json_string_value(json_object_get(json_array_get(v, 2), "reason")),
	                    "Sesuai berita acara serah terima");
	assert_true(json_number_value(json_object_get(json_array_get(v, 2), "change")) == -1);
	json_t *d = kpi_diff_json(db, ind, 2026, 1, 1, 3, &err);
	assert_true(json_number_value(json_object_get(d, "change")) == 2);
	json_decref(d);
	json_decref(h);
	/* A cancelled correction leaves the data as it was. */
	int64_t c2;
	ok(wf_case_start(wf, &req, t, &c2, &err), &err);
	for (int s = 1; s <= 3; s++)
		ok(act(c2, s,
		       s == 1   ? "yosafat"
		       : s == 2 ? "nurhayati"
		                : "agustinus",
		       WF_DONE, NULL, t, &err),
		   &err);
	ok(correct(c2, "dewia", "IK-02", 2026, 1, "10", "Salah hitung", t, &err), &err);
	ok(wf_case_cancel(wf, c2, person("yosafat"), "Data ternyata sudah benar", t, &err), &err);
	assert_true(current("IK-02", "TW2") == 9);
	assert_int_equal(count("SELECT count(*) FROM realisasi WHERE status='proposed'"), 0);
	/* Nobody rewrites history in place, nor adds a second current value. */
	assert_int_equal(
	        db_exec(db, "UPDATE realisasi SET value=1 WHERE status='verified'", DB_END),
	        DB_CONSTRAINT);
	assert_int_equal(
	        db_exec(db,
	                "INSERT INTO realisasi(indicator_id, year, period, version, value,"
	                " status, created_at) VALUES(:i, 2026, 'TW2', 99, 1, 'verified', 0)",
	                DB_INT(":i", ind), DB_END),
	        DB_CONSTRAINT);
	assert_contains(db_errmsg(db), "verified already");
	buf_free(&err);
}

/* Two corrections of one value: the second, based on the old version, is refused at closing. */
static void stale_correction_refused(void **state)
{
	(void)state;
	Buf err = BUF_INIT;
	time_t t = NOW + 30 * 86400;
	WfStart req = {
	        "perkim-kalbar-perbaikan-data", 0, "Perbaikan", NULL, NULL, 0, person("yosafat")};
	int64_t a, b;
	ok(wf_case_start(wf, &req, t, &a, &err), &err);
	ok(wf_case_start(wf, &req, t, &b, &err), &err);
	int64_t cs[2] = {a, b};
	const char *vals[2] = {"15", "16"};
	for (int k = 0; k < 2; k++) {
		ok(act(cs[k], 1, "yosafat", WF_DONE, NULL, t, &err), &err);
		ok(act(cs[k], 2, "nurhayati", WF_DONE, NULL, t, &err), &err);
		ok(act(cs[k], 3, "agustinus", WF_DONE, NULL, t, &err), &err);
		ok(correct(cs[k], "dewia", "IK-02", 2026, 2, vals[k], "Koreksi", t, &err), &err);
		ok(act(cs[k], 4, "dewia", WF_DONE, NULL, t, &err), &err);
	}
	const char *chain[][2] = {{"agustinus", "a"}, {"nurhayati", "a"}, {"yosafat", "a"},
	                          {"nurhayati", "d"}, {"agustinus", "d"}, {"yuliana", "d"}};
	for (int k = 0; k < 2; k++)
		for (int s = 0; s < 6; s++) {
			int rc = act(cs[k], 5 + s, chain[s][0],
			             chain[s][1][0] == 'a' ? WF_APPROVE : WF_DONE, NULL, t, &err);
			if (k == 1 && s == 5) {
				assert_int_equal(rc, -1);
				assert_contains(buf_str(&err),
				                "IK-02 TW3 2026 was changed by another case");
			} else {
				ok(rc, &err);
			}
		}
	assert_true(current("IK-02", "TW3") == 15);
	buf_free(&err);
}

/* Seed 004's recap step compiles the corrections; imports respect locks and open cases. */
static void corrections_compiled_and_imports_guarded(void **state)
{
	(void)state;
	Buf err = BUF_INIT;
	time_t t = NOW + 40 * 86400;
	/* Biro Organisasi TW3 2026 was locked by the collection test. */
	assert_int_equal(
	        import("agency,year,indicator,period,value\nbiroorg-kalbar,2026,IK-04,TW3,4.1\n",
	               NULL, &err),
	        -1);
	assert_contains(buf_str(&err), "TW3 2026 was verified and locked");
	buf_reset(&err);
	assert_int_equal(import("agency,code,name,satuan,polarity,formula,aggregation\n"
	                        "perkim-kalbar,X-1,a,%,higher,R/"
	                        "T,sum\nperkim-kalbar,X-1,b,%,higher,R/T,sum\n",
	                        NULL, &err),
	                 -1);
	assert_contains(buf_str(&err), "indicator X-1 appears twice (first on line 2)");
	buf_reset(&err);
	assert_int_equal(
	        import("agency,year,period,programme,amount\nperkim-kalbar,2026,TW3,9.99.99,5\n",
	               NULL, &err),
	        -1);
	assert_contains(buf_str(&err), "programme 9.99.99 has no budget in the PK 2026");
	buf_reset(&err);
	char nul[] = "agency,year,indicator,period,value\nperkim-kalbar,2027,IK-01,TW1,7\0000\n";
	char *copy = xmalloc(sizeof nul);
	memcpy(copy, nul, sizeof nul);
	Buf log = BUF_INIT;
	assert_int_equal(kpi_import(db, "n.csv", copy, sizeof nul - 1, NULL, 0, NOW, &log, &err),
	                 -1);
	assert_contains(buf_str(&err), "n.csv:2:31: a NUL byte");
	free(copy);
	buf_free(&log);
	/* Bappeda Banggai, seed 004: step 5 proposes, step 8 (data.compile) attaches the list. */
	buf_reset(&err);
	WfStart req = {
	        "bappeda-banggai-perbaikan-data", 0, "Perbaikan", NULL, NULL, 0, person("ramel")};
	int64_t c;
	ok(wf_case_start(wf, &req, t, &c, &err), &err);
	const char *who[] = {"ramel", "ramel", "nurlina", "irwant"};
	for (int s = 1; s <= 4; s++)
		ok(act(c, s, who[s - 1], WF_DONE, NULL, t, &err), &err);
	WfFile pdf = {"ba.pdf", NULL, (const unsigned char *)"%PDF-1.4", 8};
	KpiEntry e = {c, person("fadli"), "IK-01", "72.5", "Angka BPS terbaru", &pdf, 0, 0};
	ok(kpi_correct(wf, &e, 2026, 1, t, &err), &err);
	/* While the correction is open, an import of that value waits for it. */
	assert_int_equal(import("agency,year,indicator,period,value,status\n"
	                        "bappeda-banggai,2026,IK-01,TW2,70,draft\n",
	                        NULL, &err),
	                 -1);
	assert_contains(buf_str(&err), "is being entered or corrected in an open case");
	buf_reset(&err);
	ok(act(c, 5, "fadli", WF_DONE, NULL, t, &err), &err);
	ok(act(c, 6, "irwant", WF_DONE, NULL, t, &err), &err);
	ok(act(c, 7, "irwant", WF_DONE, NULL, t, &err), &err);
	ok(act(c, 8, "sriwahyuni", WF_DONE, NULL, t, &err), &err);
	char name[64];
	snprintf(name, sizeof name, "koreksi-kasus-%lld.csv", (long long)c);
	assert_true(db_exists(db, "SELECT 1 FROM wf_attachment WHERE name=:n AND is_output=1",
	                      DB_TEXT(":n", name), DB_END));
	buf_free(&err);
}

static void case_periods(void **state)
{
	(void)state;
	static const struct {
		const char *text;
		int rc, year, period;
	} cases[] = {{"TW III 2026", 0, 2026, 2},
	             {"TW3 2026", 0, 2026, 2},
	             {"Triwulan I 2027", 0, 2027, 0},
	             {"tw iv 2026", 0, 2026, 3},
	             {"Tahun 2025", 0, 2025, 4},
	             {"2026", 0, 2026, 4},
	             {"TW V 2026", -1, 0, 0},
	             {"bulan ini", -1, 0, 0},
	             {"TW II", -1, 0, 0}};
	for (size_t i = 0; i < COUNT(cases); i++) {
		int y = 0, p = 0;
		assert_int_equal(kpi_case_period(cases[i].text, &y, &p), cases[i].rc);
		if (cases[i].rc == 0) {
			assert_int_equal(y, cases[i].year);
			assert_int_equal(p, cases[i].period);
		}
	}
}

int main(void)
{
	tu_init();
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(case_periods),
	        cmocka_unit_test(import_refuses_and_imports_nothing),
	        cmocka_unit_test(recap_numbers),
	        cmocka_unit_test(pk_versions_copy_forward),
	        cmocka_unit_test(collection_seed_001),
	        cmocka_unit_test(correction_seed_000),
	        cmocka_unit_test(stale_correction_refused),
	        cmocka_unit_test(corrections_compiled_and_imports_guarded),
	};
	return cmocka_run_group_tests_name("kpi", tests, setup, teardown);
}
