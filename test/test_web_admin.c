/*
** test_web_admin.c: the administrator's organisation pages in-process
** through web_handle() on a real database with the demo organisations:
** positions and holders, Plt and delegates, the SOP actor map and the
** holiday calendar. Each page renders for an administrator and refuses
** everyone else without changing anything; each change is seen by the
** engine (a Plt's inbox, a due time, a new case's routing); bad input is
** refused with its message and changes nothing.
*/
#include "testutil.h"

#include "web.h"

static Db *db;
static WebApp *app;
static const time_t NOW = 1795395600; /* 2026-11-23 08:00 WIB, a Monday */
static char adm[65], adm_csrf[65], rita[65], rita_csrf[65];

typedef struct Resp {
	int status;
	char location[64], cookie[256];
	Buf body;
} Resp;

/* One request; a "?query" in path is parsed into the request's query. */
static void request(Resp *out, const char *method, const char *path, const char *cookie,
                    const char *form, time_t now)
{
	Arena a = ARENA_INIT;
	WebRequest req = {0};
	WebReply rep = {0};
	req.arena = &a;
	req.method = method;
	char *p = arena_strdup(&a, path), *q = strchr(p, '?');
	if (q) {
		*q++ = 0;
		req.n_query = web_parse_urlencoded(&a, q, strlen(q), req.query, WEB_MAX_PARAMS);
	}
	req.path = p;
	req.cookie_session = cookie;
	req.remote = "127.0.0.1";
	if (form)
		req.n_form = web_parse_urlencoded(&a, form, strlen(form), req.form, WEB_MAX_PARAMS);
	web_handle(app, &req, &rep, now);
	out->status = rep.status;
	snprintf(out->location, sizeof out->location, "%s", rep.location ? rep.location : "");
	snprintf(out->cookie, sizeof out->cookie, "%s", rep.set_cookie);
	buf_reset(&out->body);
	buf_append(&out->body, rep.body.data ? rep.body.data : "", rep.body.len);
	web_reply_free(&rep);
	arena_free(&a);
}

static void sign_in(const char *login, const char *password, char session[65], char csrf[65])
{
	Resp r = {0};
	char form[256];
	snprintf(form, sizeof form, "login=%s&password=%s", login, password);
	request(&r, "POST", "/masuk", NULL, form, NOW);
	assert_int_equal(r.status, 303);
	snprintf(session, 65, "%.64s", r.cookie + strlen("sakip="));
	request(&r, "GET", "/kotak-masuk", session, NULL, NOW);
	const char *p = strstr(buf_str(&r.body), "name=\"csrf\" value=\"");
	assert_non_null(p);
	snprintf(csrf, 65, "%.64s", p + strlen("name=\"csrf\" value=\""));
	buf_free(&r.body);
}

static int setup(void **state)
{
	(void)state;
	const char *p = tu_path(0, "web-admin.db");
	unlink(p);
	Buf err = BUF_INIT, log = BUF_INIT;
	db = db_open(p, DB_OPEN_CREATE | DB_OPEN_WRITE, &err);
	assert_non_null(db);
	Wf *wf = wf_new(db);
	if (sop_lib_install(db, &log, &err) < 0 || wf_holidays_install(db, &err) < 0 ||
	    wf_demo_install(wf, &log, &err) < 0)
		fail_msg("%s", buf_str(&err));
	wf_free(wf);
	assert_int_equal(web_password_set(db, "fransiska", "sandi-admin-1", &err), 0);
	assert_int_equal(db_exec(db, "UPDATE person SET admin=1 WHERE login='fransiska'", DB_END),
	                 DB_OK);
	assert_int_equal(web_password_set(db, "rita", "kata-sandi-rita", &err), 0);
	assert_int_equal(web_password_set(db, "dewia", "kata-sandi-dewi", &err), 0);
	app = web_app_new(db);
	sign_in("fransiska", "sandi-admin-1", adm, adm_csrf);
	sign_in("rita", "kata-sandi-rita", rita, rita_csrf);
	buf_free(&err);
	buf_free(&log);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	web_app_free(app);
	db_close(db);
	return 0;
}

static int64_t changes(void)
{
	return db_int(db, -1, "SELECT total_changes()", DB_END);
}

static int64_t position(const char *agency, const char *code)
{
	return db_int(db, 0,
	              "SELECT p.id FROM position p JOIN agency a ON a.id=p.agency_id"
	              " WHERE a.code=:a AND p.code=:c",
	              DB_TEXT(":a", agency), DB_TEXT(":c", code), DB_END);
}

/* A POST as the administrator with the session's CSRF token; returns the status. */
static int admin_post(Resp *r, const char *path, const char *fields, time_t now)
{
	char form[1024];
	snprintf(form, sizeof form, "csrf=%s&%s", adm_csrf, fields);
	request(r, "POST", path, adm, form, now);
	return r->status;
}

/* A refused change: the status, the message on the page, and nothing changed. */
static void refused(const char *path, const char *fields, int status, const char *message)
{
	Resp r = {0};
	int64_t before = changes();
	int64_t events = db_int(db, 0, "SELECT count(*) FROM wf_event", DB_END);
	if (admin_post(&r, path, fields, NOW) != status)
		fail_msg("%s %s: %d, not %d", path, fields, r.status, status);
	if (!strstr(buf_str(&r.body), message))
		fail_msg("%s %s: no \"%s\" in the page", path, fields, message);
	assert_contains(buf_str(&r.body), "role=\"alert\"");
	assert_int_equal(changes(), before);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM wf_event", DB_END), events);
	buf_free(&r.body);
}

/*
** Every page renders for the administrator; a signed-in official who is
** not one gets 403 on every page and form and changes nothing; anonymous
** callers are sent to sign in; a form without the CSRF token is refused.
*/
static void pages_and_refusals(void **state)
{
	(void)state;
	static const char *const pages[][2] = {
	        {"/admin/jabatan?instansi=perkim-kalbar", "19691024 199803 1 007"},
	        {"/admin/plt?instansi=perkim-kalbar", "Akan datang"},
	        {"/admin/aktor?instansi=perkim-kalbar&sop=perkim-kalbar-perbaikan-data",
	         "Kepala Sub Bagian Renja"},
	        {"/admin/libur?instansi=perkim-kalbar&tahun=2026", "01 Januari 2026"}};
	Resp r = {0};
	for (size_t i = 0; i < COUNT(pages); i++) {
		request(&r, "GET", pages[i][0], adm, NULL, NOW);
		if (r.status != 200 || !strstr(buf_str(&r.body), pages[i][1]))
			fail_msg("%s: %d without \"%s\"", pages[i][0], r.status, pages[i][1]);
		assert_contains(buf_str(&r.body), "aria-current=\"page\"");
		assert_contains(buf_str(&r.body), "href=\"/admin/libur\"");
		assert_true(r.body.len < 30 * 1024);
		int64_t before = changes();
		request(&r, "GET", pages[i][0], rita, NULL, NOW);
		assert_int_equal(r.status, 403);
		request(&r, "GET", pages[i][0], NULL, NULL, NOW);
		assert_int_equal(r.status, 303);
		assert_string_equal(r.location, "/masuk");
		assert_int_equal(changes(), before);
	}
	/* The Plt of the demo (Ridwan for the Sekretaris in December) is shown as upcoming. */
	request(&r, "GET", "/admin/jabatan?instansi=perkim-kalbar", adm, NULL, NOW);
	assert_contains(buf_str(&r.body), "Plt (akan datang)");
	assert_contains(buf_str(&r.body), "01 Desember 2026 s.d. 31 Desember 2026");
	/* The header's Admin link is only for administrators. */
	assert_contains(buf_str(&r.body), "<a href=\"/admin/orang\">Admin</a>");
	request(&r, "GET", "/kotak-masuk", rita, NULL, NOW);
	assert_null(strstr(buf_str(&r.body), "/admin/"));

	char path[64], form[512];
	int64_t kadis = position("perkim-kalbar", "kadis");
	int64_t acting = db_int(db, 0, "SELECT min(id) FROM acting", DB_END);
	int64_t holiday = db_int(db, 0, "SELECT min(id) FROM holiday", DB_END);
	const char *posts[][2] = {
	        {"/admin/jabatan", "instansi=perkim-kalbar&unit=1&kode=baru&nama=Baru"},
	        {NULL, "pemangku=0"},
	        {"/admin/plt", "jabatan=1&pegawai=2&jenis=plt&mulai=2026-11-23&selesai=2026-11-30"
	                       "&alasan=x"},
	        {NULL, ""},
	        {"/admin/aktor", "instansi=perkim-kalbar&sop=perkim-kalbar-perbaikan-data"
	                         "&aktor=kadis&jabatan=2"},
	        {"/admin/libur", "instansi=perkim-kalbar&tanggal=2026-11-24&jenis=instansi&nama=x"},
	        {NULL, "instansi=perkim-kalbar"}};
	for (size_t i = 0; i < COUNT(posts); i++) {
		if (posts[i][0])
			snprintf(path, sizeof path, "%s", posts[i][0]);
		else if (i == 1)
			snprintf(path, sizeof path, "/admin/jabatan/%lld/pemangku",
			         (long long)kadis);
		else if (i == 3)
			snprintf(path, sizeof path, "/admin/plt/%lld/akhiri", (long long)acting);
		else
			snprintf(path, sizeof path, "/admin/libur/%lld/hapus", (long long)holiday);
		int64_t before = changes();
		snprintf(form, sizeof form, "csrf=%s&%s", rita_csrf, posts[i][1]);
		request(&r, "POST", path, rita, form, NOW);
		if (r.status != 403)
			fail_msg("rita POST %s: %d", path, r.status);
		request(&r, "POST", path, NULL, posts[i][1], NOW);
		assert_int_equal(r.status, 303);
		/* The administrator without the form's CSRF token. */
		request(&r, "POST", path, adm, posts[i][1], NOW);
		if (r.status != 403)
			fail_msg("admin POST %s without CSRF: %d", path, r.status);
		snprintf(form, sizeof form, "csrf=%.63sX&%s", adm_csrf, posts[i][1]);
		request(&r, "POST", path, adm, form, NOW);
		assert_int_equal(r.status, 403);
		assert_int_equal(changes(), before);
	}
	/* Objects that do not exist: 404, nothing changed. */
	int64_t before = changes();
	assert_int_equal(admin_post(&r, "/admin/jabatan/999999/pemangku", "pemangku=0", NOW), 404);
	assert_int_equal(admin_post(&r, "/admin/plt/999999/akhiri", "", NOW), 404);
	assert_int_equal(admin_post(&r, "/admin/libur/999999/hapus", "", NOW), 404);
	assert_int_equal(changes(), before);
	buf_free(&r.body);
}

/* Adding a position, giving it a holder, leaving it vacant; bad input refused. */
static void positions_and_holders(void **state)
{
	(void)state;
	Resp r = {0};
	int64_t unit = db_int(db, 0,
	                      "SELECT u.id FROM unit u JOIN agency a ON a.id=u.agency_id"
	                      " WHERE a.code='perkim-kalbar' AND u.code='subbag-renja'",
	                      DB_END);
	char f[256];
	snprintf(f, sizeof f, "instansi=perkim-kalbar&unit=%lld&kode=Bad+Code&nama=X",
	         (long long)unit);
	refused("/admin/jabatan", f, 422, "Kode jabatan");
	snprintf(f, sizeof f, "instansi=perkim-kalbar&unit=%lld&kode=kadis&nama=X",
	         (long long)unit);
	refused("/admin/jabatan", f, 422, "sudah dipakai");
	snprintf(f, sizeof f, "instansi=perkim-kalbar&unit=%lld&kode=pranata&nama=+",
	         (long long)unit);
	refused("/admin/jabatan", f, 422, "Nama jabatan wajib");
	refused("/admin/jabatan", "instansi=perkim-kalbar&unit=999999&kode=pranata&nama=X", 422,
	        "Pilih unit kerja");
	snprintf(f, sizeof f,
	         "instansi=perkim-kalbar&unit=%lld&kode=pranata-komputer"
	         "&nama=Pranata+Komputer+%%3Cscript%%3Ealert(1)%%3C/script%%3E",
	         (long long)unit);
	assert_int_equal(admin_post(&r, "/admin/jabatan", f, NOW), 200);
	assert_contains(buf_str(&r.body), "Jabatan ditambahkan.");
	assert_contains(buf_str(&r.body), "Pranata Komputer &lt;script&gt;alert(1)&lt;/script&gt;");
	assert_null(strstr(buf_str(&r.body), "<script>"));
	int64_t pos = position("perkim-kalbar", "pranata-komputer");
	assert_true(pos > 0);
	char path[64];
	snprintf(path, sizeof path, "/admin/jabatan/%lld/pemangku", (long long)pos);
	/* Rita is of another agency; an unknown id; not a number. */
	snprintf(f, sizeof f, "pemangku=%lld", (long long)wf_person_by_login(db, "rita"));
	refused(path, f, 422, "pegawai aktif instansi ini");
	refused(path, "pemangku=999999", 422, "pegawai aktif instansi ini");
	refused(path, "pemangku=abc", 422, "Pilih pemangku");
	int64_t dewi = wf_person_by_login(db, "dewia");
	snprintf(f, sizeof f, "pemangku=%lld", (long long)dewi);
	assert_int_equal(admin_post(&r, path, f, NOW), 200);
	assert_int_equal(db_int(db, 0, "SELECT holder_id FROM position WHERE id=:p",
	                        DB_INT(":p", pos), DB_END),
	                 dewi);
	assert_int_equal(admin_post(&r, path, "pemangku=0", NOW), 200);
	assert_contains(buf_str(&r.body), "Jabatan dikosongkan.");
	assert_true(db_exists(db, "SELECT 1 FROM position WHERE id=:p AND holder_id IS NULL",
	                      DB_INT(":p", pos), DB_END));
	/* Each change is an audit event without a case; the chain still verifies. */
	assert_int_equal(db_int(db, 0,
	                        "SELECT count(*) FROM wf_event WHERE case_id IS NULL AND kind IN"
	                        " ('org.position.add', 'org.position.holder')",
	                        DB_END),
	                 3);
	Buf err = BUF_INIT;
	assert_true(wf_audit_verify(db, &err) > 0);
	buf_free(&err);
	buf_free(&r.body);
}

/* Whether person may see an open task of case_id in their inbox, and as Plt. */
static int inbox_has(int64_t person, int64_t case_id, time_t now, bool *as_acting)
{
	Wf *wf = wf_new(db);
	json_t *list = wf_task_list_json(wf, case_id, person, false, now);
	int n = (int)json_array_size(list);
	if (n && as_acting)
		*as_acting = json_is_true(json_object_get(json_array_get(list, 0), "as_acting"));
	json_decref(list);
	wf_free(wf);
	return n;
}

/*
** A Plt added on the page may do the holder's task (the engine routes to
** them, marked as Plt); ended early, they may not from the next day.
** Bad Plt input is refused and changes nothing.
*/
static void plt_routes_and_ends(void **state)
{
	(void)state;
	Buf err = BUF_INIT;
	int64_t yosafat = wf_person_by_login(db, "yosafat"), dewi = wf_person_by_login(db, "dewia");
	int64_t kadis = position("perkim-kalbar", "kadis");
	int64_t sekretaris = position("perkim-kalbar", "sekretaris");
	WfStart req = {"perkim-kalbar-perbaikan-data",
	               0,
	               "Perbaikan data TW III",
	               "TW III 2026",
	               NULL,
	               0,
	               yosafat};
	int64_t cid;
	Wf *wf = wf_new(db);
	assert_int_equal(wf_case_start(wf, &req, NOW, &cid, &err), 0);
	wf_free(wf);
	time_t tomorrow = NOW + 24 * 3600;
	assert_int_equal(inbox_has(dewi, cid, NOW, NULL), 0);

	char f[512];
	/* Invalid input: each refused with its message, nothing changed. */
	snprintf(f, sizeof f,
	         "jabatan=%lld&pegawai=%lld&jenis=plt&mulai=2026-11-25&selesai=2026-11-24"
	         "&alasan=Cuti",
	         (long long)kadis, (long long)dewi);
	refused("/admin/plt", f, 422, "tidak boleh sebelum tanggal mulai");
	snprintf(f, sizeof f,
	         "jabatan=%lld&pegawai=999999&jenis=plt&mulai=2026-11-23&selesai=2026-11-24"
	         "&alasan=Cuti",
	         (long long)kadis);
	refused("/admin/plt", f, 422, "Pilih pegawai aktif");
	snprintf(f, sizeof f,
	         "jabatan=%lld&pegawai=%lld&jenis=plt&mulai=2026-02-30&selesai=2026-11-24"
	         "&alasan=Cuti",
	         (long long)kadis, (long long)dewi);
	refused("/admin/plt", f, 422, "Tanggal mulai tidak sah");
	snprintf(f, sizeof f,
	         "jabatan=%lld&pegawai=%lld&jenis=plt&mulai=2026-11-23&selesai=besok"
	         "&alasan=Cuti",
	         (long long)kadis, (long long)dewi);
	refused("/admin/plt", f, 422, "Tanggal selesai tidak sah");
	snprintf(f, sizeof f,
	         "jabatan=%lld&pegawai=%lld&jenis=plt&mulai=2026-11-23&selesai=2026-11-24"
	         "&alasan=+",
	         (long long)kadis, (long long)dewi);
	refused("/admin/plt", f, 422, "Alasan wajib");
	snprintf(f, sizeof f,
	         "jabatan=%lld&pegawai=%lld&jenis=plt&mulai=2026-11-23&selesai=2026-11-24"
	         "&alasan=Cuti",
	         (long long)kadis, (long long)yosafat);
	refused("/admin/plt", f, 422, "pemangku jabatan ini sendiri");
	snprintf(f, sizeof f,
	         "jabatan=%lld&pegawai=%lld&jenis=wakil&mulai=2026-11-23&selesai=2026-11-24"
	         "&alasan=Cuti",
	         (long long)kadis, (long long)dewi);
	refused("/admin/plt", f, 422, "Jenis harus");
	snprintf(f, sizeof f,
	         "jabatan=%lld&pegawai=%lld&jenis=plt&mulai=2026-11-23&selesai=2026-11-24"
	         "&alasan=Cuti",
	         (long long)kadis, (long long)wf_person_by_login(db, "rita"));
	refused("/admin/plt", f, 422, "Pilih pegawai aktif");
	/* The demo's Plt of the Sekretaris is 1-31 December: an overlapping one is refused. */
	snprintf(f, sizeof f,
	         "jabatan=%lld&pegawai=%lld&jenis=plt&mulai=2026-12-31&selesai=2027-01-05"
	         "&alasan=Cuti",
	         (long long)sekretaris, (long long)dewi);
	refused("/admin/plt", f, 422, "bertumpang tindih");

	/* A Plt for the Kepala Dinas from today for a week, dates as dd-mm-yyyy. */
	int64_t before = db_int(db, 0, "SELECT count(*) FROM acting", DB_END);
	Resp r = {0};
	snprintf(f, sizeof f,
	         "jabatan=%lld&pegawai=%lld&jenis=plt&mulai=23-11-2026&selesai=2026-11-30"
	         "&alasan=Dinas+luar+%%3Cb%%3Ekota%%3C/b%%3E",
	         (long long)kadis, (long long)dewi);
	assert_int_equal(admin_post(&r, "/admin/plt", f, NOW), 200);
	assert_contains(buf_str(&r.body), "Plt/delegasi disimpan.");
	assert_contains(buf_str(&r.body), "23 November 2026 s.d. 30 November 2026");
	assert_contains(buf_str(&r.body), "Dinas luar &lt;b&gt;kota&lt;/b&gt;");
	int64_t acting = db_int(db, 0, "SELECT max(id) FROM acting", DB_END);
	char *starts = db_text(db, NULL, "SELECT starts FROM acting WHERE id=:x",
	                       DB_INT(":x", acting), DB_END);
	assert_non_null(starts);
	assert_string_equal(starts, "2026-11-23");
	free(starts);
	bool as_plt = false;
	assert_int_equal(inbox_has(dewi, cid, NOW, &as_plt), 1);
	assert_true(as_plt);
	assert_int_equal(inbox_has(dewi, cid, tomorrow, NULL), 1);
	/* Her inbox page marks it. */
	char dsess[65], dcsrf[65];
	sign_in("dewia", "kata-sandi-dewi", dsess, dcsrf);
	request(&r, "GET", "/kotak-masuk", dsess, NULL, NOW);
	assert_contains(buf_str(&r.body), "sebagai Plt/delegasi");
	/* The same kind overlapping again is refused. */
	snprintf(f, sizeof f,
	         "jabatan=%lld&pegawai=%lld&jenis=plt&mulai=2026-11-30&selesai=2026-12-02"
	         "&alasan=Cuti",
	         (long long)kadis, (long long)wf_person_by_login(db, "nurhayati"));
	refused("/admin/plt", f, 422, "bertumpang tindih");
	request(&r, "GET", "/admin/plt?instansi=perkim-kalbar", adm, NULL, NOW);
	assert_contains(buf_str(&r.body), "Berlaku sekarang");
	assert_contains(buf_str(&r.body), "Dewi Anggraini");

	/* Ended early: today is still hers, tomorrow not; the row stays. */
	char path[64];
	snprintf(path, sizeof path, "/admin/plt/%lld/akhiri", (long long)acting);
	assert_int_equal(admin_post(&r, path, "", NOW), 200);
	assert_contains(buf_str(&r.body), "diakhiri hari ini");
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM acting", DB_END), before + 1);
	char *ends = db_text(db, NULL, "SELECT ends FROM acting WHERE id=:x", DB_INT(":x", acting),
	                     DB_END);
	assert_string_equal(ends, "2026-11-23");
	free(ends);
	assert_int_equal(inbox_has(dewi, cid, NOW, NULL), 1);
	assert_int_equal(inbox_has(dewi, cid, tomorrow, NULL), 0);
	/* Ending it again the next day: already over. */
	int64_t c0 = changes();
	wf = wf_new(db);
	assert_int_equal(
	        wf_acting_end(wf, acting, wf_person_by_login(db, "fransiska"), tomorrow, &err), -1);
	wf_free(wf);
	assert_contains(buf_str(&err), "sudah berakhir");
	assert_int_equal(changes(), c0);
	/* An upcoming one ended before it begins is never in force, and shown so. */
	snprintf(f, sizeof f,
	         "jabatan=%lld&pegawai=%lld&jenis=delegate&mulai=2027-01-04&selesai=2027-01-08"
	         "&alasan=Delegasi+paraf",
	         (long long)kadis, (long long)dewi);
	assert_int_equal(admin_post(&r, "/admin/plt", f, NOW), 200);
	assert_contains(buf_str(&r.body), "Akan datang");
	snprintf(path, sizeof path, "/admin/plt/%lld/akhiri",
	         (long long)db_int(db, 0, "SELECT max(id) FROM acting", DB_END));
	assert_int_equal(admin_post(&r, path, "", NOW), 200);
	assert_contains(buf_str(&r.body), "dibatalkan sebelum berlaku");
	assert_int_equal(db_int(db, 0,
	                        "SELECT count(*) FROM wf_event WHERE kind LIKE 'org.acting.%'",
	                        DB_END),
	                 4);
	buf_free(&r.body);
	buf_free(&err);
}

/* Step 1's due time of a new seed 000 case started at t (5 office minutes). */
static int64_t due_of_new_case(time_t t)
{
	Buf err = BUF_INIT;
	WfStart req = {"perkim-kalbar-perbaikan-data",   0, "Perbaikan data", NULL, NULL, 0,
	               wf_person_by_login(db, "yosafat")};
	int64_t cid;
	Wf *wf = wf_new(db);
	if (wf_case_start(wf, &req, t, &cid, &err) != 0)
		fail_msg("%s", buf_str(&err));
	wf_free(wf);
	buf_free(&err);
	return db_int(db, 0, "SELECT due_at FROM wf_task WHERE case_id=:c AND step_no=1",
	              DB_INT(":c", cid), DB_END);
}

/*
** A holiday added on a working day moves the due time of a task opened
** after it (the engine's calendars rebuild); removing it moves it back.
** A hostile name is escaped; bad input is refused.
*/
static void holidays_move_due_times(void **state)
{
	(void)state;
	/* Monday 23 November 15:58 WIB: 5 office minutes end Tuesday 07:33. */
	time_t late = NOW + 7 * 3600 + 58 * 60;
	const time_t tue_0733 = NOW + 24 * 3600 - 27 * 60;
	assert_int_equal(due_of_new_case(late), tue_0733);
	refused("/admin/libur", "instansi=perkim-kalbar&tanggal=2026-13-01&jenis=instansi&nama=x",
	        422, "Tanggal tidak sah");
	refused("/admin/libur",
	        "instansi=perkim-kalbar&tanggal=2026-11-24&jenis=instansi&nama=", 422,
	        "Keterangan hari libur wajib");
	refused("/admin/libur", "instansi=perkim-kalbar&tanggal=01-01-2026&jenis=instansi&nama=x",
	        422, "sudah hari libur");
	refused("/admin/libur", "instansi=perkim-kalbar&tanggal=2026-11-24&jenis=bebas&nama=x", 422,
	        "Jenis hari libur");
	Resp r = {0};
	assert_int_equal(admin_post(&r, "/admin/libur",
	                            "instansi=perkim-kalbar&tanggal=24-11-2026&jenis=instansi"
	                            "&nama=%3Cscript%3Ealert(1)%3C/script%3E+Hari+jadi",
	                            NOW),
	                 200);
	assert_contains(buf_str(&r.body), "Selasa, 24 November 2026");
	assert_contains(buf_str(&r.body), "&lt;script&gt;alert(1)&lt;/script&gt; Hari jadi");
	assert_null(strstr(buf_str(&r.body), "<script>"));
	assert_int_equal(due_of_new_case(late), tue_0733 + 24 * 3600);
	/* Another agency's calendar is not touched. */
	int64_t own = db_int(db, 0,
	                     "SELECT h.id FROM holiday h JOIN agency a ON a.id=h.agency_id"
	                     " WHERE a.code='perkim-kalbar' AND h.date='2026-11-24'",
	                     DB_END);
	assert_true(own > 0);
	char path[64];
	snprintf(path, sizeof path, "/admin/libur/%lld/hapus", (long long)own);
	assert_int_equal(admin_post(&r, path, "instansi=perkim-kalbar", NOW), 200);
	assert_contains(buf_str(&r.body), "Hari libur dihapus.");
	assert_int_equal(due_of_new_case(late), tue_0733);
	/* A national cuti bersama, added and removed by the administrator. */
	assert_int_equal(admin_post(&r, "/admin/libur",
	                            "instansi=perkim-kalbar&tanggal=2026-11-24&jenis=cuti_bersama"
	                            "&nama=Cuti+bersama+uji",
	                            NOW),
	                 200);
	assert_contains(buf_str(&r.body), "Cuti bersama (nasional)");
	assert_int_equal(due_of_new_case(late), tue_0733 + 24 * 3600);
	int64_t nat = db_int(
	        db, 0, "SELECT id FROM holiday WHERE agency_id=0 AND date='2026-11-24'", DB_END);
	snprintf(path, sizeof path, "/admin/libur/%lld/hapus", (long long)nat);
	assert_int_equal(admin_post(&r, path, "instansi=perkim-kalbar", NOW), 200);
	assert_int_equal(due_of_new_case(late), tue_0733);
	request(&r, "GET", "/admin/libur?instansi=perkim-kalbar&tahun=2026", adm, NULL, NOW);
	assert_contains(buf_str(&r.body), "Jam kerja ASN");
	assert_contains(buf_str(&r.body), "07.30-16.30, istirahat 11.30-13.00");
	buf_free(&r.body);
}

/*
** Mapping an SOP actor to another position routes a new case's step there;
** an actor without a position is shown as such; bad mappings are refused.
*/
static void actor_map_routes_new_cases(void **state)
{
	(void)state;
	int64_t sekretaris = position("perkim-kalbar", "sekretaris");
	int64_t umum = position("perkim-kalbar", "kasubbag-umum");
	int64_t renja = position("perkim-kalbar", "kasubbag-renja");
	int64_t karo = position("biroorg-kalbar", "karo");
	char f[256];
	const char *base = "instansi=perkim-kalbar&sop=perkim-kalbar-perbaikan-data";
	snprintf(f, sizeof f, "%s&aktor=sekretaris&jabatan=%lld&jabatan=%lld", base,
	         (long long)umum, (long long)renja);
	refused("/admin/aktor", f, 422, "tepat satu jabatan");
	snprintf(f, sizeof f, "%s&aktor=sekretaris&jabatan=", base);
	refused("/admin/aktor", f, 422, "tepat satu jabatan");
	snprintf(f, sizeof f, "%s&aktor=sekretaris&jabatan=%lld", base, (long long)karo);
	refused("/admin/aktor", f, 422, "bukan jabatan instansi ini");
	snprintf(f, sizeof f, "%s&aktor=bupati&jabatan=%lld", base, (long long)umum);
	refused("/admin/aktor", f, 422, "tidak punya pelaksana");
	snprintf(f, sizeof f, "instansi=perkim-kalbar&sop=tidak-ada&aktor=sekretaris&jabatan=%lld",
	         (long long)umum);
	refused("/admin/aktor", f, 422, "SOP tidak ditemukan");
	/* A group actor takes one position per unit. */
	int64_t tatalaksana = position("biroorg-kalbar", "kabag-tatalaksana");
	int64_t analis = position("biroorg-kalbar", "analis-tatalaksana");
	snprintf(f, sizeof f,
	         "instansi=biroorg-kalbar&sop=biroorg-kalbar-pengumpulan-data&aktor=bagian"
	         "&jabatan=%lld&jabatan=%lld",
	         (long long)tatalaksana, (long long)analis);
	refused("/admin/aktor", f, 422, "satu jabatan per unit");

	Resp r = {0};
	snprintf(f, sizeof f, "%s&aktor=sekretaris&jabatan=%lld", base, (long long)umum);
	assert_int_equal(admin_post(&r, "/admin/aktor", f, NOW), 200);
	assert_contains(buf_str(&r.body), "Peta aktor disimpan");
	/* A new case: step 1 by the Kepala Dinas, step 2 now goes to the Kasubbag Umum. */
	Buf err = BUF_INIT;
	int64_t yosafat = wf_person_by_login(db, "yosafat");
	WfStart req = {"perkim-kalbar-perbaikan-data", 0, "Perbaikan", NULL, NULL, 0, yosafat};
	int64_t cid;
	Wf *wf = wf_new(db);
	assert_int_equal(wf_case_start(wf, &req, NOW, &cid, &err), 0);
	int64_t t1 = db_int(db, 0, "SELECT id FROM wf_task WHERE case_id=:c AND step_no=1",
	                    DB_INT(":c", cid), DB_END);
	WfAct act = {t1, yosafat, WF_DONE, NULL, NULL, NULL, NULL};
	if (wf_task_act(wf, &act, NOW + 60, &err) != 0)
		fail_msg("%s", buf_str(&err));
	wf_free(wf);
	assert_int_equal(db_int(db, 0,
	                        "SELECT position_id FROM wf_task WHERE case_id=:c AND step_no=2",
	                        DB_INT(":c", cid), DB_END),
	                 umum);
	/* An actor without a position is shown; a case cannot start. */
	assert_int_equal(db_exec(db,
	                         "DELETE FROM actor_map WHERE sop_code='perkim-kalbar-perbaikan-"
	                         "data' AND actor='arsiparis'",
	                         DB_END),
	                 DB_OK);
	request(&r, "GET", "/admin/aktor?instansi=perkim-kalbar&sop=perkim-kalbar-perbaikan-data",
	        adm, NULL, NOW);
	assert_contains(buf_str(&r.body), "1 pelaksana belum punya jabatan");
	assert_contains(buf_str(&r.body), "Belum ada jabatan");
	int64_t arsiparis = position("perkim-kalbar", "arsiparis");
	snprintf(f, sizeof f, "%s&aktor=arsiparis&jabatan=%lld", base, (long long)arsiparis);
	assert_int_equal(admin_post(&r, "/admin/aktor", f, NOW), 200);
	assert_null(strstr(buf_str(&r.body), "Belum ada jabatan"));
	snprintf(f, sizeof f, "%s&aktor=sekretaris&jabatan=%lld", base, (long long)sekretaris);
	assert_int_equal(admin_post(&r, "/admin/aktor", f, NOW), 200);
	assert_true(
	        db_exists(db,
	                  "SELECT 1 FROM actor_map WHERE sop_code='perkim-kalbar-perbaikan-data'"
	                  " AND actor='sekretaris' AND position_id=:p",
	                  DB_INT(":p", sekretaris), DB_END));
	assert_true(wf_audit_verify(db, &err) > 0);
	buf_free(&err);
	buf_free(&r.body);
}

int main(void)
{
	tu_init();
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(pages_and_refusals),
	        cmocka_unit_test(positions_and_holders),
	        cmocka_unit_test(plt_routes_and_ends),
	        cmocka_unit_test(holidays_move_due_times),
	        cmocka_unit_test(actor_map_routes_new_cases),
	};
	return cmocka_run_group_tests_name("web_admin", tests, setup, teardown);
}
