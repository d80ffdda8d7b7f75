/*
** test_web.c: the web layer in-process: requests go through web_handle()
** with the real route table, sessions and pages, on a real database with
** the demo organisation. Escaping, sign-in, throttling, sessions, CSRF,
** route checks and the pages' content; uploads (files written to temporary
** files as the server spools them), documents and the data forms.
*/
#include "testutil.h"

#include "kpi.h"
#include "web.h"

#include <limits.h>

static Db *db;
static WebApp *app;
static const time_t NOW = 1795395600; /* 2026-11-23 08:00 WIB */

static int setup(void **state)
{
	(void)state;
	const char *p = tu_path(0, "web.db");
	unlink(p);
	Buf err = BUF_INIT, log = BUF_INIT;
	db = db_open(p, DB_OPEN_CREATE | DB_OPEN_WRITE, &err);
	assert_non_null(db);
	Wf *wf = wf_new(db);
	if (sop_lib_install(db, &log, &err) < 0 || wf_holidays_install(db, &err) < 0 ||
	    wf_demo_install(wf, &log, &err) < 0 || kpi_demo_install(db, NOW, &log, &err) < 0)
		fail_msg("%s", buf_str(&err));
	assert_int_equal(web_password_set(db, "fauzi", "kata-sandi-demo", &err), 0);
	assert_int_equal(web_password_set(db, "rita", "kata-sandi-rita", &err), 0);
	assert_int_equal(web_password_set(db, "yosafat", "kata-sandi-kadis", &err), 0);
	const char *others[] = {"nurhayati", "agustinus", "dewia", "yuliana"};
	for (size_t i = 0; i < COUNT(others); i++)
		assert_int_equal(web_password_set(db, others[i], "kata-sandi-demo", &err), 0);
	WfDeadline dl = {2, "2026-11-27"};
	WfStart req = {"biroorg-kalbar-pengumpulan-data",
	               0,
	               "<script>alert('x')</script> TW III",
	               "TW III 2026",
	               &dl,
	               1,
	               wf_person_by_login(db, "rita")};
	int64_t c;
	assert_int_equal(wf_case_start(wf, &req, NOW, &c, &err), 0);
	wf_free(wf);
	app = web_app_new(db);
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

typedef struct Resp {
	int status;
	char location[64], cookie[256], content_type[128], disposition[512];
	Buf body;
} Resp;

/*
** One request: method, path, the session cookie, a form body (the text
** fields of a multipart form arrive the same way) and the form's files.
*/
static void request_files(Resp *out, const char *method, const char *path, const char *cookie,
                          const char *form, const WebFile *files, int n_files, time_t now)
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
	for (int i = 0; i < n_files; i++)
		req.files[i] = files[i];
	req.n_files = n_files;
	web_handle(app, &req, &rep, now);
	out->status = rep.status;
	snprintf(out->location, sizeof out->location, "%s", rep.location ? rep.location : "");
	snprintf(out->cookie, sizeof out->cookie, "%s", rep.set_cookie);
	snprintf(out->content_type, sizeof out->content_type, "%s",
	         rep.content_type ? rep.content_type : "");
	snprintf(out->disposition, sizeof out->disposition, "%s",
	         rep.disposition ? rep.disposition : "");
	buf_reset(&out->body);
	buf_append(&out->body, rep.body.data ? rep.body.data : "", rep.body.len);
	web_reply_free(&rep);
	arena_free(&a);
}

static void request(Resp *out, const char *method, const char *path, const char *cookie,
                    const char *form, time_t now)
{
	request_files(out, method, path, cookie, form, NULL, 0, now);
}

/* An uploaded file of field: content written to a temporary file, as the server would. */
static WebFile upload(const char *field, const char *filename, const void *data, size_t n)
{
	static int serial;
	static char paths[32][256];
	char *path = paths[serial % 32];
	snprintf(path, 256, "%s/upload-%d", tu_tmpdir(), ++serial);
	tu_write_file(path, data, n);
	return (WebFile){field, filename, "application/octet-stream", path, n};
}

/* One API request with a bearer token and a JSON body; the reply parsed. */
static json_t *api(int *status, const char *method, const char *path, const char *token,
                   const char *body, time_t now)
{
	Arena a = ARENA_INIT;
	WebRequest req = {0};
	WebReply rep = {0};
	req.arena = &a;
	req.method = method;
	char *p = arena_strdup(&a, path), *q = strchr(p, '?');
	req.path = p;
	if (q) {
		*q++ = 0;
		req.n_query = web_parse_urlencoded(&a, q, strlen(q), req.query, WEB_MAX_PARAMS);
	}
	req.bearer = token;
	req.body = body;
	req.body_len = body ? strlen(body) : 0;
	req.remote = "127.0.0.1";
	web_handle(app, &req, &rep, now);
	*status = rep.status;
	assert_string_equal(rep.content_type, "application/json");
	json_error_t e;
	json_t *v = json_loadb(rep.body.data, rep.body.len, 0, &e);
	if (!v)
		fail_msg("%s %s: not JSON: %.*s", method, path, (int)rep.body.len, rep.body.data);
	web_reply_free(&rep);
	arena_free(&a);
	return v;
}

/* The error code of an API reply (and free it). */
static const char *api_code(json_t *v)
{
	static char code[64];
	snprintf(code, sizeof code, "%s",
	         json_string_value(json_object_get(json_object_get(v, "error"), "code"))
	                 ? json_string_value(json_object_get(json_object_get(v, "error"), "code"))
	                 : "");
	assert_non_null(json_object_get(json_object_get(v, "error"), "pesan"));
	assert_non_null(json_object_get(json_object_get(v, "error"), "message"));
	json_decref(v);
	return code;
}

/* Sign in; returns the session id from the cookie. */
static void sign_in(const char *login, const char *password, char session[65])
{
	Resp r = {0};
	char form[256];
	snprintf(form, sizeof form, "login=%s&password=%s", login, password);
	request(&r, "POST", "/masuk", NULL, form, NOW);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/kotak-masuk");
	assert_contains(r.cookie, "HttpOnly");
	assert_contains(r.cookie, "SameSite=Strict");
	snprintf(session, 65, "%.64s", r.cookie + strlen("sakip="));
	buf_free(&r.body);
}

static void html_escapes_everything(void **state)
{
	(void)state;
	Buf b = BUF_INIT;
	html_printf(&b, "<p title=\"%h\">%h</p><a href=\"?q=%u\">%d%%</a>", "a\"b'c",
	            "<script>&</script>", "x y&z", 5);
	assert_string_equal(buf_str(&b),
	                    "<p title=\"a&quot;b&#39;c\">&lt;script&gt;&amp;&lt;/script&gt;"
	                    "</p><a href=\"?q=x%20y%26z\">5%</a>");
	buf_reset(&b);
	/* Runs at either end, every special character alone, numbers at their limits. */
	html_printf(&b, "%h|%h|%h|%d|%lld|%lld|%d", "'", "a<", "&&x>", -42, (long long)LLONG_MIN,
	            9007199254740993LL, 0);
	assert_string_equal(buf_str(&b), "&#39;|a&lt;|&amp;&amp;x&gt;|-42|-9223372036854775808|"
	                                 "9007199254740993|0");
	buf_free(&b);
	Arena a = ARENA_INIT;
	WebParam p[8];
	int n = web_parse_urlencoded(&a, "login=ri+ta&pw=a%26b%3D&x&bad=%zz", 33, p, 8);
	assert_int_equal(n, 4);
	assert_string_equal(web_param(p, n, "login"), "ri ta");
	assert_string_equal(web_param(p, n, "pw"), "a&b=");
	assert_string_equal(web_param(p, n, "x"), "");
	assert_string_equal(web_param(p, n, "bad"), "%zz");
	/* Decoding to a NUL byte or to invalid UTF-8 refuses the whole form. */
	assert_int_equal(web_parse_urlencoded(&a, "a=1&b=x%00y", 11, p, 8), -1);
	assert_int_equal(web_parse_urlencoded(&a, "a=%C3%28", 8, p, 8), -1);
	assert_int_equal(web_parse_urlencoded(&a, "a=%C3%A9", 8, p, 8), 1);
	arena_free(&a);
}

static void routes_check_before_handlers(void **state)
{
	(void)state;
	Resp r = {0};
	request(&r, "GET", "/healthz", NULL, NULL, NOW);
	assert_int_equal(r.status, 200);
	assert_string_equal(buf_str(&r.body), "ok\n");
	request(&r, "GET", "/kotak-masuk", NULL, NULL, NOW);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/masuk");
	request(&r, "GET", "/kasus/1", "not-a-session", NULL, NOW);
	assert_int_equal(r.status, 303);
	request(&r, "GET", "/tidak-ada", NULL, NULL, NOW);
	assert_int_equal(r.status, 404);
	request(&r, "DELETE", "/kotak-masuk", NULL, NULL, NOW);
	assert_int_equal(r.status, 405);
	request(&r, "GET", "/kasus/abc", NULL, NULL, NOW);
	assert_int_equal(r.status, 404);
	request(&r, "GET", "/metrics", NULL, NULL, NOW);
	assert_contains(buf_str(&r.body), "sakip_tasks_open 1\n");
	buf_free(&r.body);
}

static void sign_in_and_throttle(void **state)
{
	(void)state;
	Resp r = {0};
	request(&r, "POST", "/masuk", NULL, "login=rita&password=keliru", NOW);
	assert_int_equal(r.status, 401);
	assert_contains(buf_str(&r.body), "Nama pengguna atau kata sandi salah.");
	assert_contains(buf_str(&r.body), "value=\"rita\"");
	assert_string_equal(r.cookie, "");
	/* By NIP, spaces and all. */
	request(&r, "POST", "/masuk", NULL, "login=19791208+200003+2+002&password=kata-sandi-rita",
	        NOW);
	assert_int_equal(r.status, 303);
	/* Five failures lock the login for 15 minutes, even with the right password. */
	for (int i = 0; i < 5; i++)
		request(&r, "POST", "/masuk", NULL, "login=yosafat&password=salah", NOW + i);
	request(&r, "POST", "/masuk", NULL, "login=yosafat&password=kata-sandi-kadis", NOW + 10);
	assert_int_equal(r.status, 401);
	assert_contains(buf_str(&r.body), "Terlalu banyak percobaan");
	/* The lock is the person's: their NIP, however written, is locked too. */
	char *nip = db_text(db, NULL, "SELECT nip FROM person WHERE login='yosafat'", DB_END);
	char form[160];
	snprintf(form, sizeof form, "login=%.8s+%.6s+%.1s+%.3s&password=kata-sandi-kadis", nip,
	         nip + 8, nip + 14, nip + 15);
	request(&r, "POST", "/masuk", NULL, form, NOW + 11);
	assert_int_equal(r.status, 401);
	assert_contains(buf_str(&r.body), "Terlalu banyak percobaan");
	/* Letters around a NIP are no NIP at all. */
	snprintf(form, sizeof form, "login=z+%s&password=kata-sandi-kadis", nip);
	request(&r, "POST", "/masuk", NULL, form, NOW + 12);
	assert_int_equal(r.status, 401);
	assert_contains(buf_str(&r.body), "Nama pengguna atau kata sandi salah.");
	free(nip);
	/* Failures of unknown logins are kept only for the window. */
	request(&r, "POST", "/masuk", NULL, "login=tidak-ada&password=apa-saja-x", NOW + 13);
	assert_int_equal(r.status, 401);
	request(&r, "POST", "/masuk", NULL, "login=yosafat&password=kata-sandi-kadis",
	        NOW + 16 * 60);
	assert_int_equal(r.status, 303);
	buf_free(&r.body);
}

static void inbox_case_and_logout(void **state)
{
	(void)state;
	char s[65];
	sign_in("rita", "kata-sandi-rita", s);
	Resp r = {0};
	request(&r, "GET", "/kotak-masuk", s, NULL, NOW);
	assert_int_equal(r.status, 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "<h1>Kotak Masuk</h1>");
	assert_contains(b, "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; TW III");
	assert_null(strstr(b, "<script>"));
	assert_contains(b, "1. Karo Organisasi");
	assert_contains(b, "name=\"csrf\"");
	assert_true(r.body.len < 30 * 1024);
	/* Overdue an hour later (the standard is 20 minutes). */
	request(&r, "GET", "/kotak-masuk", s, NULL, NOW + 3600);
	assert_contains(buf_str(&r.body), "terlambat");
	request(&r, "GET", "/kasus/1", s, NULL, NOW);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "Riwayat langkah");
	request(&r, "GET", "/kasus/99", s, NULL, NOW);
	assert_int_equal(r.status, 404);
	/* Another agency's official does not see the case. */
	char k[65];
	sign_in("yosafat", "kata-sandi-kadis", k);
	request(&r, "GET", "/kasus/1", k, NULL, NOW + 16 * 60);
	assert_int_equal(r.status, 403);
	/* Logging out needs the session's CSRF token. */
	request(&r, "POST", "/keluar", s, "csrf=palsu", NOW);
	assert_int_equal(r.status, 403);
	request(&r, "GET", "/kotak-masuk", s, NULL, NOW);
	assert_int_equal(r.status, 200);
	char form[128];
	char key[65];
	web_session_key(s, key);
	assert_int_equal(db_int(db, -1, "SELECT count(*) FROM web_session WHERE id=:s",
	                        DB_TEXT(":s", s), DB_END),
	                 0);
	char *csrf = db_text(db, NULL, "SELECT csrf FROM web_session WHERE id=:s",
	                     DB_TEXT(":s", key), DB_END);
	snprintf(form, sizeof form, "csrf=%s", csrf);
	free(csrf);
	request(&r, "POST", "/keluar", s, form, NOW);
	assert_int_equal(r.status, 303);
	assert_contains(r.cookie, "Max-Age=0");
	request(&r, "GET", "/kotak-masuk", s, NULL, NOW);
	assert_int_equal(r.status, 303);
	buf_free(&r.body);
}

/* The CSRF token of a session, read from the page frame's logout form. */
static void csrf_of(const char *session, time_t now, char out[65])
{
	Resp r = {0};
	request(&r, "GET", "/kotak-masuk", session, NULL, now);
	const char *p = strstr(buf_str(&r.body), "name=\"csrf\" value=\"");
	assert_non_null(p);
	snprintf(out, 65, "%.64s", p + strlen("name=\"csrf\" value=\""));
	buf_free(&r.body);
}

/* The open task of a case's step, or 0. */
static int64_t open_task(int64_t case_id, int step)
{
	return db_int(db, 0,
	              "SELECT id FROM wf_task WHERE case_id=:c AND step_no=:s AND status='open'",
	              DB_INT(":c", case_id), DB_INT(":s", step), DB_END);
}

/*
** Seed 000 step 4 through its correction form: the form offers the verified
** values of the case's period; a proposal without a reason is refused and
** changes nothing; one with its evidence (a hostile file name) and a
** <script> in its reason is stored and shown escaped, before -> after.
*/
static void propose_correction(int64_t cid, const char *path, const char *sess, const char *csrf,
                               time_t t)
{
	Resp r = {0};
	request(&r, "GET", path, sess, NULL, t);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "Usulan perbaikan data");
	assert_contains(buf_str(&r.body), "<option value=\"IK-01@TW2@2026\"");
	assert_contains(buf_str(&r.body), "enctype=\"multipart/form-data\"");
	assert_null(strstr(buf_str(&r.body), "@TW4@2026")); /* after the case's period */
	static const char pdf[] = "%PDF-1.4 berita acara";
	WebFile ba = upload("bukti", "C:\\fakepath\\<img src=x onerror=alert(1)>ba.pdf", pdf,
	                    sizeof pdf - 1);
	char form[512];
	int64_t changes = db_int(db, -1, "SELECT total_changes()", DB_END);
	snprintf(form, sizeof form,
	         "csrf=%s&aksi=usulkan&indikator=IK-01%%40TW2%%402026&nilai=54"
	         "&alasan=+",
	         csrf);
	request_files(&r, "POST", path, sess, form, &ba, 1, t);
	assert_int_equal(r.status, 422);
	assert_contains(buf_str(&r.body), "Alasan perbaikan wajib diisi.");
	assert_contains(buf_str(&r.body), "value=\"54\""); /* what was entered stays */
	assert_int_equal(db_int(db, -1, "SELECT total_changes()", DB_END), changes);
	/* Without the evidence file: refused too. */
	snprintf(form, sizeof form,
	         "csrf=%s&aksi=usulkan&indikator=IK-01%%40TW2%%402026&nilai=54"
	         "&alasan=Sesuai+berita+acara",
	         csrf);
	request(&r, "POST", path, sess, form, t);
	assert_int_equal(r.status, 422);
	assert_contains(buf_str(&r.body), "Bukti dukung wajib diunggah");
	assert_int_equal(db_int(db, -1, "SELECT total_changes()", DB_END), changes);
	/* Without the CSRF token: refused before the handler. */
	request_files(&r, "POST", path, sess,
	              "aksi=usulkan&indikator=IK-01%402026&nilai=54&alasan=x", &ba, 1, t);
	assert_int_equal(r.status, 403);
	assert_int_equal(db_int(db, -1, "SELECT total_changes()", DB_END), changes);
	snprintf(form, sizeof form,
	         "csrf=%s&aksi=usulkan&indikator=IK-01%%40TW2%%402026&nilai=54"
	         "&alasan=Sesuai+berita+acara+%%3Cscript%%3Ealert(1)%%3C%%2Fscript%%3E",
	         csrf);
	request_files(&r, "POST", path, sess, form, &ba, 1, t);
	if (r.status != 303)
		fail_msg("proposal: %d %.600s", r.status,
		         strstr(buf_str(&r.body), "role=\"alert\"")
		                 ? strstr(buf_str(&r.body), "role=\"alert\"")
		                 : buf_str(&r.body));
	assert_int_equal(db_int(db, 0,
	                        "SELECT count(*) FROM realisasi WHERE case_id=:c AND"
	                        " status='proposed' AND evidence_sha256 IS NOT NULL",
	                        DB_INT(":c", cid), DB_END),
	                 1);
	/* The page lists it: before -> after, the reason escaped, the evidence linked. */
	char *before = db_text(db, NULL,
	                       "SELECT v.value FROM realisasi v JOIN indicator i ON"
	                       " i.id=v.indicator_id JOIN agency a ON a.id=i.agency_id WHERE"
	                       " a.code='perkim-kalbar' AND i.code='IK-01' AND v.year=2026 AND"
	                       " v.period='TW2' AND v.status='verified'",
	                       DB_END);
	assert_non_null(before);
	Buf shown = BUF_INIT;
	fmt_number_id(&shown, atof(before), 2);
	while (shown.len && shown.data[shown.len - 1] == '0')
		shown.data[--shown.len] = 0;
	if (shown.len && shown.data[shown.len - 1] == ',')
		shown.data[--shown.len] = 0;
	char arrow[128];
	snprintf(arrow, sizeof arrow, "<span class=\"semula\">%s</span> &rarr; <strong>54</strong>",
	         buf_str(&shown));
	request(&r, "GET", path, sess, NULL, t);
	assert_contains(buf_str(&r.body), arrow);
	assert_contains(buf_str(&r.body),
	                "Sesuai berita acara &lt;script&gt;alert(1)&lt;/script&gt;");
	assert_contains(buf_str(&r.body), "&lt;img src=x onerror=alert(1)&gt;ba.pdf</a>");
	assert_null(strstr(buf_str(&r.body), "<script>"));
	assert_null(strstr(buf_str(&r.body), "<img"));
	char casepath[32];
	snprintf(casepath, sizeof casepath, "/kasus/%lld", (long long)cid);
	request(&r, "GET", casepath, sess, NULL, t);
	assert_contains(buf_str(&r.body), arrow);
	assert_contains(buf_str(&r.body), "diusulkan");
	free(before);
	buf_free(&shown);
	buf_free(&r.body);
}

/*
** Seed 000 run to the archive through the task pages, each official signed
** in with their own session, including a return with its reason; refusals
** (another official, a return without reason, a second click, a stale
** CSRF token) answer with an error and change nothing.
*/
static void seed000_through_task_pages(void **state)
{
	(void)state;
	time_t t = NOW + 3600;
	Buf err = BUF_INIT;
	WfStart req = {"perkim-kalbar-perbaikan-data",
	               0,
	               "Perbaikan data <b>TW III</b>",
	               "TW III 2026",
	               NULL,
	               0,
	               wf_person_by_login(db, "yosafat")};
	int64_t cid;
	Wf *wf = wf_new(db);
	assert_int_equal(wf_case_start(wf, &req, t, &cid, &err), 0);
	wf_free(wf);
	const char *logins[] = {"yosafat", "nurhayati", "agustinus", "dewia", "yuliana"};
	const char *passwords[] = {"kata-sandi-kadis", "kata-sandi-demo", "kata-sandi-demo",
	                           "kata-sandi-demo", "kata-sandi-demo"};
	char sess[5][65], csrf[5][65];
	for (int i = 0; i < 5; i++) {
		Resp r = {0};
		char form[256];
		snprintf(form, sizeof form, "login=%s&password=%s", logins[i], passwords[i]);
		request(&r, "POST", "/masuk", NULL, form, t);
		assert_int_equal(r.status, 303);
		snprintf(sess[i], 65, "%.64s", r.cookie + strlen("sakip="));
		csrf_of(sess[i], t, csrf[i]);
		buf_free(&r.body);
	}
	/* step:who:what, as in the CLI test of seed 000. */
	static const struct {
		int step, who;
		const char *aksi;
	} flow[] = {{1, 0, "selesai"},    {2, 1, "selesai"}, {3, 2, "selesai"}, {4, 3, "selesai"},
	            {5, 2, "kembalikan"}, {4, 3, "selesai"}, {5, 2, "setujui"}, {6, 1, "setujui"},
	            {7, 0, "setujui"},    {8, 1, "selesai"}, {9, 2, "selesai"}, {10, 4, "selesai"}};
	Resp r = {0};
	char path[64], form[512], casepath[32];
	snprintf(casepath, sizeof casepath, "/kasus/%lld", (long long)cid);
	for (size_t i = 0; i < COUNT(flow); i++) {
		int64_t task = open_task(cid, flow[i].step);
		assert_true(task > 0);
		int who = flow[i].who;
		snprintf(path, sizeof path, "/tugas/%lld", (long long)task);
		/* The holder sees it in the inbox and opens it. */
		request(&r, "GET", "/kotak-masuk", sess[who], NULL, t);
		assert_contains(buf_str(&r.body), path);
		request(&r, "GET", path, sess[who], NULL, t);
		assert_int_equal(r.status, 200);
		assert_contains(buf_str(&r.body), "Perbaikan data &lt;b&gt;TW III&lt;/b&gt;");
		/* The reviews (paraf, signature) show the corrections they approve. */
		if (flow[i].step >= 5 && flow[i].step <= 7)
			assert_contains(buf_str(&r.body), "<span class=\"semula\">");
		/* Someone else may neither open nor do it. */
		int other = (who + 1) % 5;
		request(&r, "GET", path, sess[other], NULL, t);
		if (r.status == 200) /* the other holds the same position: not in seed 000 */
			fail_msg("%s opened task %lld of %s", logins[other], (long long)task,
			         logins[who]);
		assert_int_equal(r.status, 403);
		snprintf(form, sizeof form, "csrf=%s&aksi=%s&alasan=x", csrf[other], flow[i].aksi);
		request(&r, "POST", path, sess[other], form, t);
		assert_int_equal(r.status, 403);
		/* Another session's token is refused too. */
		snprintf(form, sizeof form, "csrf=%s&aksi=%s&alasan=x", csrf[other], flow[i].aksi);
		request(&r, "POST", path, sess[who], form, t);
		assert_int_equal(r.status, 403);
		assert_int_equal(open_task(cid, flow[i].step), task);
		if (strcmp(flow[i].aksi, "kembalikan") == 0) {
			snprintf(form, sizeof form, "csrf=%s&aksi=kembalikan&alasan=", csrf[who]);
			request(&r, "POST", path, sess[who], form, t);
			assert_int_equal(r.status, 422);
			assert_contains(buf_str(&r.body), "Alasan pengembalian wajib diisi.");
			assert_int_equal(open_task(cid, flow[i].step), task);
			snprintf(form, sizeof form,
			         "csrf=%s&aksi=kembalikan&alasan=Angka+TW3+%%3Cscript%%3E+salah",
			         csrf[who]);
		} else {
			snprintf(form, sizeof form, "csrf=%s&aksi=%s&catatan=Sudah+diperiksa",
			         csrf[who], flow[i].aksi);
		}
		t += 600;
		if (flow[i].step == 4) {
			/*
			 * Step 4 proposes corrections through its form (again after
			 * a return, which rejects them), each with its evidence;
			 * completing it before a proposal is refused.
			 */
			char done[128];
			snprintf(done, sizeof done, "csrf=%s&aksi=selesai", csrf[who]);
			assert_false(db_exists(db,
			                       "SELECT 1 FROM realisasi WHERE case_id=:c AND"
			                       " status='proposed'",
			                       DB_INT(":c", cid), DB_END));
			int64_t changes = db_int(db, -1, "SELECT total_changes()", DB_END);
			request(&r, "POST", path, sess[who], done, t);
			assert_int_equal(r.status, 422);
			assert_contains(buf_str(&r.body), "Usulkan minimal satu perbaikan data");
			assert_int_equal(db_int(db, -1, "SELECT total_changes()", DB_END), changes);
			propose_correction(cid, path, sess[who], csrf[who], t);
		}
		request(&r, "POST", path, sess[who], form, t);
		if (r.status != 303)
			fail_msg("step %d by %s: %d %.300s", flow[i].step, logins[who], r.status,
			         strstr(buf_str(&r.body), "role=\"alert\"")
			                 ? strstr(buf_str(&r.body), "role=\"alert\"")
			                 : buf_str(&r.body));
		assert_string_equal(r.location, casepath);
		if (strcmp(flow[i].aksi, "kembalikan") == 0) {
			/* The flowchart marks the returned review and the step back at work. */
			request(&r, "GET", casepath, sess[who], NULL, t);
			assert_contains(buf_str(&r.body), "<svg");
			assert_contains(buf_str(&r.body), "s-returned");
			assert_contains(buf_str(&r.body), "s-current");
		}
		/* A second click changes nothing. */
		request(&r, "POST", path, sess[who], form, t);
		assert_int_equal(r.status, 409);
		assert_contains(buf_str(&r.body), "tidak ada yang diubah");
	}
	assert_int_equal(db_int(db, 0,
	                        "SELECT count(*) FROM wf_case WHERE id=:c AND status='closed'",
	                        DB_INT(":c", cid), DB_END),
	                 1);
	request(&r, "GET", casepath, sess[0], NULL, t);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "Angka TW3 &lt;script&gt; salah");
	assert_contains(buf_str(&r.body), "diterapkan");
	assert_contains(buf_str(&r.body), "ditolak (dikembalikan)");
	assert_contains(buf_str(&r.body), "s-done");
	assert_null(strstr(buf_str(&r.body), "s-current"));
	assert_true(r.body.len < 30 * 1024);
	assert_null(strstr(buf_str(&r.body), "<script>"));
	Buf why = BUF_INIT;
	assert_true(wf_audit_verify(db, &why) > 0);
	buf_free(&why);
	buf_free(&r.body);
	buf_free(&err);
}

/* The one-time key of the case-start form on the SOP page at path. */
static void one_time_key(const char *session, const char *path, time_t now, char out[65])
{
	Resp r = {0};
	request(&r, "GET", path, session, NULL, now);
	const char *p = strstr(buf_str(&r.body), "name=\"kunci\" value=\"");
	assert_non_null(p);
	snprintf(out, 65, "%.64s", p + strlen("name=\"kunci\" value=\""));
	assert_int_equal(strspn(out, "0123456789abcdef"), 64);
	buf_free(&r.body);
}

/* The SOP library: the list, one SOP as its document, and starting a case from it. */
static void sop_library_and_case_start(void **state)
{
	(void)state;
	time_t t = NOW + 7200;
	char rita[65], kadis[65], csrf_rita[65], csrf_kadis[65];
	sign_in("rita", "kata-sandi-rita", rita);
	csrf_of(rita, t, csrf_rita);
	Resp r = {0};
	request(&r, "POST", "/masuk", NULL, "login=yosafat&password=kata-sandi-kadis", t);
	assert_int_equal(r.status, 303);
	snprintf(kadis, sizeof kadis, "%.64s", r.cookie + strlen("sakip="));
	csrf_of(kadis, t, csrf_kadis);
	request(&r, "GET", "/sop", rita, NULL, t);
	assert_int_equal(r.status, 200);
	for (int i = 1; i <= 5; i++) {
		char href[32];
		snprintf(href, sizeof href, "href=\"/sop/%d\"", i);
		assert_contains(buf_str(&r.body), href);
	}
	int64_t sop = db_int(
	        db, 0, "SELECT id FROM sop WHERE code='biroorg-kalbar-pengumpulan-data'", DB_END);
	char path[32];
	snprintf(path, sizeof path, "/sop/%lld", (long long)sop);
	request(&r, "GET", path, rita, NULL, t);
	assert_int_equal(r.status, 200);
	const char *b = buf_str(&r.body);
	assert_contains(b, "Disahkan oleh");
	assert_contains(b, "Uraian prosedur");
	assert_contains(b, "<h2>Diagram alir</h2><figure class=\"bagan\"><svg");
	assert_contains(b, "<h2>Mulai kasus</h2>");
	assert_contains(b, "name=\"batas_2\" required"); /* step 2's Waktu is per case */
	assert_true(r.body.len < 30 * 1024);
	/* The official SOP document, linked from the page, as a PDF download. */
	char doc_path[48], link[128];
	snprintf(doc_path, sizeof doc_path, "/sop/%lld/dokumen", (long long)sop);
	snprintf(link, sizeof link, "<a href=\"%s\">Unduh dokumen SOP (PDF)</a>", doc_path);
	assert_contains(b, link);
	request(&r, "GET", doc_path, rita, NULL, t);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.content_type, "application/pdf");
	assert_string_equal(r.disposition,
	                    "attachment; filename=\"sop-biroorg-kalbar-pengumpulan-data-v1.pdf\"");
	assert_true(r.body.len > 1000 && memcmp(r.body.data, "%PDF-", 5) == 0);
	snprintf(doc_path, sizeof doc_path, "/sop/%lld/dokumen?versi=1", (long long)sop);
	request(&r, "GET", doc_path, kadis, NULL, t); /* the library is everyone's to read */
	assert_int_equal(r.status, 200);
	snprintf(doc_path, sizeof doc_path, "/sop/%lld/dokumen?versi=9", (long long)sop);
	request(&r, "GET", doc_path, rita, NULL, t);
	assert_int_equal(r.status, 404);
	snprintf(doc_path, sizeof doc_path, "/sop/%lld/dokumen?versi=%%3Cscript%%3E",
	         (long long)sop);
	request(&r, "GET", doc_path, rita, NULL, t);
	assert_int_equal(r.status, 400);
	assert_null(strstr(buf_str(&r.body), "<script>"));
	request(&r, "GET", "/sop/999999/dokumen", rita, NULL, t);
	assert_int_equal(r.status, 404);
	request(&r, "GET", path, rita, NULL, t);
	b = buf_str(&r.body);
	/* The Kepala Dinas of another agency sees the SOP but may not start it. */
	request(&r, "GET", path, kadis, NULL, t);
	assert_int_equal(r.status, 200);
	assert_null(strstr(buf_str(&r.body), "Mulai kasus"));
	int64_t before = db_int(db, 0, "SELECT count(*) FROM wf_case", DB_END);
	char form[256];
	snprintf(form, sizeof form, "csrf=%s&sop=biroorg-kalbar-pengumpulan-data&perihal=X",
	         csrf_kadis);
	request(&r, "POST", "/kasus", kadis, form, t);
	assert_int_equal(r.status, 403);
	snprintf(form, sizeof form, "csrf=%s&sop=biroorg-kalbar-pengumpulan-data&perihal=X",
	         csrf_kadis);
	request(&r, "POST", "/kasus", rita, form, t);
	assert_int_equal(r.status, 403);
	snprintf(form, sizeof form,
	         "csrf=%s&sop=biroorg-kalbar-pengumpulan-data&perihal=", csrf_rita);
	request(&r, "POST", "/kasus", rita, form, t);
	assert_int_equal(r.status, 422);
	assert_contains(buf_str(&r.body), "Perihal wajib diisi.");
	snprintf(form, sizeof form, "csrf=%s&sop=tidak-ada&perihal=X", csrf_rita);
	request(&r, "POST", "/kasus", rita, form, t);
	assert_int_equal(r.status, 404);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM wf_case", DB_END), before);
	/* The form carries a one-time key; without one (or a malformed one) nothing starts. */
	char key[65];
	one_time_key(rita, path, t, key);
	const char *bad_keys[] = {
	        "", "abc", "ZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ"};
	for (size_t i = 0; i < COUNT(bad_keys); i++) {
		snprintf(form, sizeof form,
		         "csrf=%s&sop=biroorg-kalbar-pengumpulan-data&perihal=X&periode=TW+IV+2026"
		         "&batas_2=2027-01-08&kunci=%s",
		         csrf_rita, bad_keys[i]);
		request(&r, "POST", "/kasus", rita, form, t);
		assert_int_equal(r.status, 400);
		assert_contains(buf_str(&r.body), "role=\"alert\"");
		assert_contains(buf_str(&r.body), "name=\"kunci\""); /* a fresh form to try again */
	}
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM wf_case", DB_END), before);
	/* A double click: the same form twice starts one case; the second goes to it. */
	snprintf(form, sizeof form,
	         "csrf=%s&sop=biroorg-kalbar-pengumpulan-data&perihal=%%22%%3E%%3Cimg+src%%3Dx%%3E"
	         "&periode=TW+IV+2026&batas_2=2027-01-08&kunci=%s",
	         csrf_rita, key);
	request(&r, "POST", "/kasus", rita, form, t);
	if (r.status != 303)
		fail_msg("%d %s", r.status, buf_str(&r.body));
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM wf_case", DB_END), before + 1);
	char casepath[32];
	snprintf(casepath, sizeof casepath, "/kasus/%lld", (long long)(before + 1));
	assert_string_equal(r.location, casepath);
	int64_t changes = db_int(db, -1, "SELECT total_changes()", DB_END);
	request(&r, "POST", "/kasus", rita, form, t + 1);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, casepath);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM wf_case", DB_END), before + 1);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM wf_task WHERE case_id=:c",
	                        DB_INT(":c", before + 1), DB_END),
	                 1);
	/* Only the purge of day-old keys may write; nothing is older than a day here. */
	assert_int_equal(db_int(db, -1, "SELECT total_changes()", DB_END), changes);
	/* A refused start gives its key back: the same form, corrected, then starts once. */
	char key2[65];
	one_time_key(rita, path, t, key2);
	assert_string_not_equal(key, key2);
	snprintf(form, sizeof form,
	         "csrf=%s&sop=biroorg-kalbar-pengumpulan-data&perihal=Y&batas_2=2020-01-01"
	         "&kunci=%s",
	         csrf_rita, key2);
	request(&r, "POST", "/kasus", rita, form, t);
	assert_int_equal(r.status, 422); /* the deadline has passed */
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM web_once WHERE key=:k",
	                        DB_TEXT(":k", key2), DB_END),
	                 0);
	snprintf(form, sizeof form,
	         "csrf=%s&sop=biroorg-kalbar-pengumpulan-data&perihal=Y&batas_2=2027-01-08"
	         "&kunci=%s",
	         csrf_rita, key2);
	request(&r, "POST", "/kasus", rita, form, t);
	assert_int_equal(r.status, 303);
	request(&r, "POST", "/kasus", rita, form, t);
	assert_int_equal(r.status, 303);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM wf_case", DB_END), before + 2);
	/*
	 * Another person's key is refused; a key still at work answers 409; neither
	 * starts a case. Keys older than a day are purged as new ones come.
	 */
	char foreign[65], busy[65], old[65];
	one_time_key(rita, path, t, foreign);
	one_time_key(rita, path, t, busy);
	one_time_key(rita, path, t, old);
	assert_int_equal(
	        db_exec(db,
	                "INSERT INTO web_once(key, person_id, case_id, created_at)"
	                " VALUES(:k, (SELECT id FROM person WHERE login='yosafat'), 1, :t),"
	                " (:b, (SELECT id FROM person WHERE login='rita'), NULL, :t),"
	                " (:o, (SELECT id FROM person WHERE login='rita'), 1, :t - 86401)",
	                DB_TEXT(":k", foreign), DB_TEXT(":b", busy), DB_TEXT(":o", old),
	                DB_INT(":t", (int64_t)t), DB_END),
	        DB_OK);
	snprintf(form, sizeof form,
	         "csrf=%s&sop=biroorg-kalbar-pengumpulan-data&perihal=Z&batas_2=2027-01-08"
	         "&kunci=%s",
	         csrf_rita, foreign);
	request(&r, "POST", "/kasus", rita, form, t);
	assert_int_equal(r.status, 403);
	snprintf(form, sizeof form,
	         "csrf=%s&sop=biroorg-kalbar-pengumpulan-data&perihal=Z&batas_2=2027-01-08"
	         "&kunci=%s",
	         csrf_rita, busy);
	request(&r, "POST", "/kasus", rita, form, t);
	assert_int_equal(r.status, 409);
	assert_contains(buf_str(&r.body), "sedang dimulai");
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM wf_case", DB_END), before + 2);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM web_once WHERE key=:o",
	                        DB_TEXT(":o", old), DB_END),
	                 0);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM web_once WHERE key=:b",
	                        DB_TEXT(":b", busy), DB_END),
	                 1);
	request(&r, "GET", casepath, rita, NULL, t);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "&quot;&gt;&lt;img src=x&gt;");
	assert_null(strstr(buf_str(&r.body), "<img"));
	buf_free(&r.body);
}

/* The JSON API: tokens, rights, cases, tasks, SOPs and the recap. */
static void json_api(void **state)
{
	(void)state;
	time_t t = NOW + 3 * 3600;
	char rita[65], kadis[65];
	Buf err = BUF_INIT;
	assert_int_equal(web_token_create(db, "rita", "tes", 0, t, rita, &err), 0);
	assert_int_equal(web_token_create(db, "yosafat", NULL, 0, t, kadis, &err), 0);
	char none[65];
	assert_int_equal(web_token_create(db, "tidak-ada", NULL, 0, t, none, &err), -1);
	int st;
	assert_string_equal(api_code(api(&st, "GET", "/api/v1/tasks", NULL, NULL, t)),
	                    "unauthorized");
	assert_int_equal(st, 401);
	char bad[65];
	memset(bad, 'a', 64);
	bad[64] = 0;
	assert_string_equal(api_code(api(&st, "GET", "/api/v1/tasks", bad, NULL, t)),
	                    "unauthorized");
	assert_string_equal(api_code(api(&st, "GET", "/api/v1/nothing", rita, NULL, t)),
	                    "not_found");
	assert_string_equal(api_code(api(&st, "DELETE", "/api/v1/tasks", rita, NULL, t)), "method");
	json_t *v = api(&st, "GET", "/api/v1/tasks", rita, NULL, t);
	assert_int_equal(st, 200);
	assert_true(json_is_array(json_object_get(v, "tasks")));
	json_decref(v);
	v = api(&st, "GET", "/api/v1/sops", rita, NULL, t);
	assert_int_equal(json_array_size(json_object_get(v, "sops")), 5);
	json_decref(v);
	v = api(&st, "GET", "/api/v1/sops/perkim-kalbar-lkj", rita, NULL, t);
	assert_int_equal(st, 200);
	assert_string_equal(json_string_value(json_object_get(v, "code")), "perkim-kalbar-lkj");
	json_decref(v);
	assert_string_equal(api_code(api(&st, "GET", "/api/v1/sops/tidak-ada", rita, NULL, t)),
	                    "not_found");
	/* Starting a case: refusals first, each changing nothing. */
	int64_t before = db_int(db, 0, "SELECT count(*) FROM wf_case", DB_END);
	const char *start =
	        "{\"sop\":\"biroorg-kalbar-pengumpulan-data\",\"subject\":\"Lewat API\","
	        "\"period\":\"TW I 2027\",\"deadlines\":{\"2\":\"2027-04-09\"}}";
	assert_string_equal(api_code(api(&st, "POST", "/api/v1/cases", kadis, start, t)),
	                    "forbidden");
	assert_string_equal(api_code(api(&st, "POST", "/api/v1/cases", rita, "{\"sop\":", t)),
	                    "bad_json");
	assert_string_equal(api_code(api(&st, "POST", "/api/v1/cases", rita, "[1]", t)),
	                    "bad_json");
	assert_string_equal(
	        api_code(api(&st, "POST", "/api/v1/cases", rita,
	                     "{\"sop\":\"biroorg-kalbar-pengumpulan-data\",\"subject\":5}", t)),
	        "bad_field");
	assert_string_equal(
	        api_code(api(&st, "POST", "/api/v1/cases", rita,
	                     "{\"sop\":\"biroorg-kalbar-pengumpulan-data\",\"subject\":\"x\"}", t)),
	        "refused"); /* step 2's deadline is missing */
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM wf_case", DB_END), before);
	v = api(&st, "POST", "/api/v1/cases", rita, start, t);
	assert_int_equal(st, 201);
	int64_t cid = json_integer_value(json_object_get(v, "id"));
	json_decref(v);
	assert_int_equal(cid, before + 1);
	char path[64];
	snprintf(path, sizeof path, "/api/v1/cases/%lld", (long long)cid);
	v = api(&st, "GET", path, rita, NULL, t);
	assert_int_equal(st, 200);
	assert_string_equal(json_string_value(json_object_get(v, "subject")), "Lewat API");
	json_decref(v);
	assert_string_equal(api_code(api(&st, "GET", path, kadis, NULL, t)), "forbidden");
	v = api(&st, "GET", "/api/v1/cases", kadis, NULL, t);
	size_t i;
	json_t *k;
	json_array_foreach (json_object_get(v, "cases"), i, k)
		assert_int_not_equal(json_integer_value(json_object_get(k, "id")), cid);
	json_decref(v);
	/* Step 1 is a process step of Rita's. */
	int64_t task = open_task(cid, 1);
	snprintf(path, sizeof path, "/api/v1/tasks/%lld/approve", (long long)task);
	assert_string_equal(api_code(api(&st, "POST", path, rita, NULL, t)), "refused");
	snprintf(path, sizeof path, "/api/v1/tasks/%lld/return", (long long)task);
	assert_string_equal(api_code(api(&st, "POST", path, rita, "{}", t)), "reason_required");
	snprintf(path, sizeof path, "/api/v1/tasks/%lld/done", (long long)task);
	assert_string_equal(api_code(api(&st, "POST", path, kadis, "{}", t)), "forbidden");
	assert_string_equal(api_code(api(&st, "POST", path, rita, "{\"note\":[1]}", t)),
	                    "bad_field");
	assert_int_equal(open_task(cid, 1), task);
	v = api(&st, "POST", path, rita, "{\"note\":\"Surat permintaan dikirim\"}", t);
	assert_int_equal(st, 200);
	assert_string_equal(json_string_value(json_object_get(v, "status")), "done");
	json_decref(v);
	assert_string_equal(api_code(api(&st, "POST", path, rita, "{}", t)), "already_done");
	assert_int_equal(st, 409);
	assert_string_equal(api_code(api(&st, "POST", "/api/v1/tasks/999999/done", rita, "{}", t)),
	                    "not_found");
	/* The recap: one's own agency only. */
	v = api(&st, "GET", "/api/v1/kpi/recap?agency=biroorg-kalbar&year=2026&period=TW2", rita,
	        NULL, t);
	assert_int_equal(st, 200);
	assert_non_null(json_object_get(v, "indicators"));
	json_decref(v);
	assert_string_equal(
	        api_code(api(&st, "GET", "/api/v1/kpi/recap?agency=biroorg-kalbar&year=2026", kadis,
	                     NULL, t)),
	        "forbidden");
	assert_string_equal(
	        api_code(api(&st, "GET", "/api/v1/kpi/recap?agency=biroorg-kalbar&year=26", rita,
	                     NULL, t)),
	        "bad_query");
	/* A browser session is not an API token, and a token is not a session. */
	char s[65];
	sign_in("rita", "kata-sandi-rita", s);
	Arena a = ARENA_INIT;
	WebRequest req = {.arena = &a,
	                  .method = "GET",
	                  .path = "/api/v1/tasks",
	                  .cookie_session = s,
	                  .remote = "127.0.0.1"};
	WebReply rep = {0};
	web_handle(app, &req, &rep, t);
	assert_int_equal(rep.status, 401);
	web_reply_free(&rep);
	WebRequest page = {.arena = &a,
	                   .method = "GET",
	                   .path = "/kotak-masuk",
	                   .bearer = rita,
	                   .remote = "127.0.0.1"};
	WebReply rep2 = {0};
	web_handle(app, &page, &rep2, t);
	assert_int_equal(rep2.status, 303);
	web_reply_free(&rep2);
	arena_free(&a);
	buf_free(&err);
}

/*
** Every route, tried anonymously and by officials who have no business with
** the case, task or data it names: each answer is a refusal (403, 401, or a
** redirect to sign in) or a read of what they may read, and no refusal
** changes the database (total_changes() of the one connection).
*/
static void route_role_matrix(void **state)
{
	(void)state;
	time_t t = NOW + 4 * 3600;
	/* Rita's case (biroorg) with its open task: no one from Perkim may touch it. */
	int64_t cid = db_int(db, 0, "SELECT min(id) FROM wf_case WHERE status='open'", DB_END);
	int64_t tid =
	        db_int(db, 0, "SELECT min(id) FROM wf_task WHERE status='open' AND case_id=:c",
	               DB_INT(":c", cid), DB_END);
	/* And an indicator of the same agency. */
	int64_t iid = db_int(db, 0,
	                     "SELECT min(i.id) FROM indicator i JOIN agency a ON a.id=i.agency_id"
	                     " WHERE a.code='biroorg-kalbar'",
	                     DB_END);
	assert_true(cid > 0 && tid > 0 && iid > 0);
	/* A document of Rita's case, for GET /dokumen/{id}. */
	Wf *w = wf_new(db);
	WfFile memo = {"memo-biro.pdf", NULL, (const unsigned char *)"%PDF-1.4 memo", 13};
	char sha[65];
	Buf aerr = BUF_INIT;
	assert_int_equal(db_begin_write(db), DB_OK);
	if (wf_attach(w, cid, tid, wf_person_by_login(db, "rita"), 0, &memo, false, t, sha,
	              &aerr) != 0)
		fail_msg("%s", buf_str(&aerr));
	assert_int_equal(db_commit(db), DB_OK);
	wf_free(w);
	buf_free(&aerr);
	int64_t doc = db_int(db, 0, "SELECT max(id) FROM wf_attachment WHERE case_id=:c",
	                     DB_INT(":c", cid), DB_END);
	assert_true(doc > 0);
	const char *outsiders[] = {"yosafat", "nurhayati", "agustinus", "dewia", "yuliana"};
	char sess[6][65], csrf[6][65], tok[6][65];
	Buf err = BUF_INIT;
	for (int u = 0; u < 5; u++) {
		Resp r = {0};
		char form[128];
		snprintf(form, sizeof form, "login=%s&password=%s", outsiders[u],
		         u == 0 ? "kata-sandi-kadis" : "kata-sandi-demo");
		request(&r, "POST", "/masuk", NULL, form, t);
		assert_int_equal(r.status, 303);
		snprintf(sess[u], 65, "%.64s", r.cookie + strlen("sakip="));
		csrf_of(sess[u], t, csrf[u]);
		assert_int_equal(web_token_create(db, outsiders[u], NULL, 0, t, tok[u], &err), 0);
		buf_free(&r.body);
	}
	sess[5][0] = csrf[5][0] = tok[5][0] = 0; /* the anonymous caller */
	int tried = 0;
	for (int i = 0; i < web_route_count(); i++) {
		const char *method, *pattern;
		int cap;
		bool need_csrf;
		web_route_info(i, &method, &pattern, &cap, &need_csrf);
		if (cap == 0)
			continue; /* healthz, metrics, the sign-in form: open by design */
		/* The path with the case's or task's id, or an SOP code. */
		char path[128] = "";
		const char *brace = strstr(pattern, "{");
		if (!brace)
			snprintf(path, sizeof path, "%s", pattern);
		else if (strncmp(brace, "{code}", 6) == 0)
			snprintf(path, sizeof path, "%.*sbiroorg-kalbar-pengumpulan-data%s",
			         (int)(brace - pattern), pattern, brace + 6);
		else
			snprintf(path, sizeof path, "%.*s%lld%s", (int)(brace - pattern), pattern,
			         (long long)(strncmp(pattern, "/dokumen/", 9) == 0 ? doc
			                     : strstr(pattern, "task") || strstr(pattern, "tugas")
			                             ? tid
			                     : strstr(pattern, "indikator") ? iid
			                                                    : cid),
			         brace + 4);
		if (strcmp(path, "/keluar") == 0 || strcmp(path, "/sandi") == 0 ||
		    strncmp(path, "/kunci", 6) == 0)
			continue; /* signing oneself out, one's own password and key: everyone's right */
		for (int u = 0; u < 6; u++) {
			int64_t before = db_int(db, -1, "SELECT total_changes()", DB_END);
			int status;
			if (cap == 3) {
				json_t *v = api(
				        &status, method,
				        strcmp(path, "/api/v1/kpi/recap") == 0
				                ? "/api/v1/kpi/recap?agency=biroorg-"
				                  "kalbar&year=2026"
				                : path,
				        tok[u][0] ? tok[u] : NULL,
				        strcmp(method, "POST") == 0
				                ? "{\"sop\":\"biroorg-kalbar-pengumpulan-data\","
				                  "\"subject\":\"x\",\"reason\":\"x\"}"
				                : NULL,
				        t);
				json_decref(v);
			} else {
				Resp r = {0};
				char form[600];
				snprintf(form, sizeof form,
				         "csrf=%s&aksi=selesai&alasan=x&sop=biroorg-kalbar-"
				         "pengumpulan-data"
				         "&perihal=x&batas_2=2027-01-08",
				         csrf[u]);
				request(&r, method, path, sess[u][0] ? sess[u] : NULL,
				        strcmp(method, "POST") == 0 ? form : NULL, t);
				status = r.status;
				buf_free(&r.body);
			}
			bool read_ok = strcmp(method, "GET") == 0 && status == 200;
			bool refused = status == 401 || status == 403 || status == 303;
			if (u == 5 && status != (cap == 3 ? 401 : 303))
				fail_msg("anonymous %s %s: %d", method, path, status);
			if (!read_ok && !refused)
				fail_msg("%s %s %s: %d", u < 5 ? outsiders[u] : "anonymous", method,
				         path, status);
			/* A read of the SOP library is allowed; case, task and data are not. */
			if (read_ok && (strstr(path, "kasus/") || strstr(path, "tugas/") ||
			                strstr(path, "cases/") || strstr(path, "recap") ||
			                strstr(path, "indikator/") || strstr(path, "dokumen/")))
				fail_msg("%s may read %s", outsiders[u], path);
			if (refused && db_int(db, -1, "SELECT total_changes()", DB_END) != before)
				fail_msg("refused %s %s changed the database", method, path);
			tried++;
		}
	}
	assert_true(tried >= 6 * 15);
	buf_free(&err);
}

/*
** Seed 001 through the web: the Karo starts the collection, a Kepala Bagian
** fills the data form of his unit's task; a bad value is refused with the
** indicator named, completing without values is refused, then the values
** are saved and submitted with the task.
*/
static void seed001_unit_fills_data_form(void **state)
{
	(void)state;
	time_t t = NOW + 5 * 3600;
	int64_t cid =
	        db_int(db, 0,
	               "SELECT c.id FROM wf_case c JOIN sop_version v ON v.id=c.sop_version_id"
	               " JOIN sop s ON s.id=v.sop_id WHERE s.code='biroorg-kalbar-pengumpulan-data'"
	               " AND c.period='TW III 2026' AND c.status='open'",
	               DB_END);
	assert_true(cid > 0);
	char rita[65], fauzi[65], cr[65], cf[65];
	sign_in("rita", "kata-sandi-rita", rita);
	csrf_of(rita, t, cr);
	Resp r = {0};
	request(&r, "POST", "/masuk", NULL, "login=fauzi&password=kata-sandi-demo", t);
	assert_int_equal(r.status, 303);
	snprintf(fauzi, sizeof fauzi, "%.64s", r.cookie + strlen("sakip="));
	csrf_of(fauzi, t, cf);
	char path[64], form[512];
	snprintf(path, sizeof path, "/tugas/%lld", (long long)open_task(cid, 1));
	snprintf(form, sizeof form, "csrf=%s&aksi=selesai", cr);
	request(&r, "POST", path, rita, form, t);
	if (r.status != 303)
		fail_msg("step 1: %d %s", r.status, buf_str(&r.body));
	int64_t task = db_int(db, 0,
	                      "SELECT t.id FROM wf_task t JOIN position po ON po.id=t.position_id"
	                      " JOIN person p ON p.id=po.holder_id WHERE t.case_id=:c"
	                      " AND t.status='open' AND p.login='fauzi'",
	                      DB_INT(":c", cid), DB_END);
	assert_true(task > 0);
	snprintf(path, sizeof path, "/tugas/%lld", (long long)task);
	request(&r, "GET", path, fauzi, NULL, t);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "Data kinerja TW3 2026");
	assert_contains(buf_str(&r.body), "name=\"nilai_IK-09\"");
	assert_contains(buf_str(&r.body), "name=\"nilai_IK-11\"");
	assert_null(strstr(buf_str(&r.body), "nilai_IK-01")); /* another unit's */
	int64_t rows = db_int(db, 0, "SELECT count(*) FROM realisasi", DB_END);
	/* A value is entered for the task named, and only if it is the person's. */
	int64_t other = db_int(db, 0,
	                       "SELECT id FROM wf_task WHERE case_id=:c AND status='open'"
	                       " AND id<>:t LIMIT 1",
	                       DB_INT(":c", cid), DB_INT(":t", task), DB_END);
	assert_true(other > 0);
	Buf kerr = BUF_INIT;
	KpiEntry e = {cid, wf_person_by_login(db, "fauzi"), "IK-09", "40", NULL, NULL, other, 0};
	Wf *w = wf_new(db);
	kpi_flow_install(w);
	assert_int_equal(kpi_submit(w, &e, t, &kerr), -1);
	assert_contains(buf_str(&kerr), "no open data submission step for this person");
	wf_free(w);
	buf_free(&kerr);
	snprintf(form, sizeof form, "csrf=%s&aksi=simpan&nilai_IK-09=empat+puluh", cf);
	request(&r, "POST", path, fauzi, form, t);
	assert_int_equal(r.status, 422);
	assert_contains(buf_str(&r.body), "id=\"galat-IK-09\"");
	assert_contains(buf_str(&r.body), "harus angka");
	assert_contains(buf_str(&r.body), "value=\"empat puluh\""); /* kept for correcting */
	snprintf(form, sizeof form, "csrf=%s&aksi=simpan&nilai_IK-01=50", cf);
	request(&r, "POST", path, fauzi, form, t);
	assert_int_equal(r.status, 422); /* not his unit's indicator */
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM realisasi", DB_END), rows);
	snprintf(form, sizeof form, "csrf=%s&aksi=selesai", cf);
	request(&r, "POST", path, fauzi, form, t);
	assert_int_equal(r.status, 409);
	assert_int_equal(open_task(cid, 2) != 0, 1);
	snprintf(form, sizeof form, "csrf=%s&aksi=simpan&nilai_IK-09=45.2&nilai_IK-11=3", cf);
	request(&r, "POST", path, fauzi, form, t);
	assert_int_equal(r.status, 303);
	request(&r, "GET", path, fauzi, NULL, t);
	assert_contains(buf_str(&r.body), "value=\"45.2\"");
	/* Saving the same values again makes no new version. */
	request(&r, "POST", path, fauzi, form, t);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM realisasi", DB_END), rows + 2);
	snprintf(form, sizeof form, "csrf=%s&aksi=selesai", cf);
	request(&r, "POST", path, fauzi, form, t);
	if (r.status != 303)
		fail_msg("submit: %d %s", r.status, buf_str(&r.body));
	assert_int_equal(db_int(db, 0,
	                        "SELECT count(*) FROM realisasi WHERE case_id=:c AND"
	                        " status='submitted'",
	                        DB_INT(":c", cid), DB_END),
	                 2);
	buf_free(&r.body);
}

/* The number of rows of a table, for "nothing changed". */
static int64_t rows_of(const char *what)
{
	if (strcmp(what, "blob") == 0)
		return db_int(db, -1, "SELECT count(*) FROM blob", DB_END);
	if (strcmp(what, "attachment") == 0)
		return db_int(db, -1, "SELECT count(*) FROM wf_attachment", DB_END);
	return db_int(db, -1, "SELECT count(*) FROM realisasi", DB_END);
}

/*
** Documents: a supporting document uploaded on a task is stored once and
** listed on the case page; a participant or an official of the agency
** downloads the exact bytes with a safe Content-Disposition; an official of
** another agency gets 403 and no bytes; anonymous callers sign in first.
** Empty, oversized, badly named and unaccepted files are refused and change
** nothing; so is a form without its CSRF token. The step's own document
** comes with its completion.
*/
static void documents_upload_and_download(void **state)
{
	(void)state;
	time_t t = NOW + 6 * 3600; /* 2026-11-23 14:00 WIB */
	Buf err = BUF_INIT;
	WfStart req = {"perkim-kalbar-perbaikan-data",
	               0,
	               "Perbaikan data dokumen",
	               "TW III 2026",
	               NULL,
	               0,
	               wf_person_by_login(db, "yosafat")};
	int64_t cid;
	Wf *wf = wf_new(db);
	assert_int_equal(wf_case_start(wf, &req, t, &cid, &err), 0);
	wf_free(wf);
	char kadis[65], sekretaris[65], rita[65], ck[65], cs[65], cr[65];
	sign_in("yosafat", "kata-sandi-kadis", kadis);
	sign_in("nurhayati", "kata-sandi-demo", sekretaris);
	sign_in("rita", "kata-sandi-rita", rita);
	csrf_of(kadis, t, ck);
	csrf_of(sekretaris, t, cs);
	csrf_of(rita, t, cr);
	int64_t task = open_task(cid, 1);
	char path[64], upath[64], form[256], casepath[32];
	snprintf(path, sizeof path, "/tugas/%lld", (long long)task);
	snprintf(upath, sizeof upath, "/tugas/%lld/dokumen", (long long)task);
	snprintf(casepath, sizeof casepath, "/kasus/%lld", (long long)cid);
	Resp r = {0};
	request(&r, "GET", path, kadis, NULL, t);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), upath);
	assert_contains(buf_str(&r.body), "name=\"dokumen\"");
	assert_contains(buf_str(&r.body), "enctype=\"multipart/form-data\"");

	/* Refusals: each answers with its reason and changes nothing. */
	static const char big_head[] = "%PDF-1.4 besar";
	WebFile big = upload("berkas", "besar.pdf", big_head, sizeof big_head - 1);
	assert_int_equal(truncate(big.path, (off_t)WF_MAX_ATTACHMENT + 1), 0);
	big.size = (size_t)WF_MAX_ATTACHMENT + 1;
	const struct {
		WebFile f;
		const char *why;
	} bad[] = {
	        {upload("berkas", "kosong.pdf", "", 0), "kosong"},
	        {big, "terlalu besar"},
	        {upload("berkas", "nota\x01.pdf", "%PDF-1.4 x", 10), "Nama berkas"},
	        {upload("berkas", "..", "%PDF-1.4 x", 10), "Nama berkas"},
	        {upload("berkas", "alat.exe", "MZ\x90\x00", 4), "Jenis berkas"},
	        {upload("berkas", "arsip.zip", "PK\x03\x04 arsip", 10), "Jenis berkas"},
	        {upload("berkas", "bukan.pdf", "hello", 5), "Jenis berkas"},
	};
	snprintf(form, sizeof form, "csrf=%s", ck);
	int64_t changes = db_int(db, -1, "SELECT total_changes()", DB_END);
	int64_t blobs = rows_of("blob");
	for (size_t i = 0; i < COUNT(bad); i++) {
		request_files(&r, "POST", upath, kadis, form, &bad[i].f, 1, t);
		if (r.status != 422)
			fail_msg("bad upload %zu: %d", i, r.status);
		assert_contains(buf_str(&r.body), bad[i].why);
		assert_contains(buf_str(&r.body), "role=\"alert\"");
		assert_int_equal(db_int(db, -1, "SELECT total_changes()", DB_END), changes);
	}
	request(&r, "POST", upath, kadis, form, t); /* no file at all */
	assert_int_equal(r.status, 422);
	assert_contains(buf_str(&r.body), "Pilih berkas");
	static const char nota[] = "%PDF-1.4 nota dinas";
	WebFile good = upload("berkas", "nota-dinas.pdf", nota, sizeof nota - 1);
	request_files(&r, "POST", upath, kadis, "x=1", &good, 1, t); /* no CSRF token */
	assert_int_equal(r.status, 403);
	snprintf(form, sizeof form, "csrf=%s", cr);
	request_files(&r, "POST", upath, rita, form, &good, 1, t); /* another agency */
	assert_int_equal(r.status, 403);
	request_files(&r, "POST", upath, NULL, "", &good, 1, t);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/masuk");
	assert_int_equal(db_int(db, -1, "SELECT total_changes()", DB_END), changes);
	assert_int_equal(rows_of("blob"), blobs);

	/* Stored, and listed on the case page. */
	snprintf(form, sizeof form, "csrf=%s", ck);
	request_files(&r, "POST", upath, kadis, form, &good, 1, t);
	assert_int_equal(r.status, 303);
	assert_contains(r.location, casepath);
	assert_int_equal(rows_of("blob"), blobs + 1);
	int64_t doc = db_int(db, 0, "SELECT max(id) FROM wf_attachment WHERE case_id=:c",
	                     DB_INT(":c", cid), DB_END);
	/* Hostile and non-ASCII names: escaped on the page, encoded in the header. */
	static const char pdf[] = "%PDF-1.4 lampiran";
	WebFile hostile = upload("berkas", "laporan \"final\"; <script>.pdf", pdf, sizeof pdf - 1);
	request_files(&r, "POST", upath, kadis, form, &hostile, 1, t);
	assert_int_equal(r.status, 303);
	int64_t doc_hostile = doc + 1;
	WebFile utf = upload("berkas", "Berita Acara \xe2\x80\x93 Perkim.pdf", pdf, sizeof pdf - 1);
	request_files(&r, "POST", upath, kadis, form, &utf, 1, t);
	assert_int_equal(r.status, 303);
	assert_int_equal(rows_of("blob"), blobs + 2); /* the same bytes are stored once */

	char *kadis_name =
	        db_text(db, NULL, "SELECT name FROM person WHERE login='yosafat'", DB_END);
	request(&r, "GET", casepath, sekretaris, NULL, t);
	assert_int_equal(r.status, 200);
	const char *page = buf_str(&r.body);
	assert_contains(page, "<h2 id=\"dokumen\">Dokumen</h2>");
	char link[64];
	snprintf(link, sizeof link, "href=\"/dokumen/%lld\"", (long long)doc);
	assert_contains(page, link);
	assert_contains(page, ">nota-dinas.pdf</a>");
	assert_contains(page, ">nota-dinas.pdf</a><br><small>PDF, 19 B</small>");
	assert_contains(page, kadis_name);
	assert_contains(page, "23 November 2026 14.00");
	assert_contains(page, "laporan &quot;final&quot;; &lt;script&gt;.pdf");
	assert_null(strstr(page, "<script>"));
	free(kadis_name);

	/* Downloads: the exact bytes, the stored type, a safe attachment name. */
	char dpath[64];
	snprintf(dpath, sizeof dpath, "/dokumen/%lld", (long long)doc);
	request(&r, "GET", dpath, sekretaris, NULL, t);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.content_type, "application/pdf");
	assert_int_equal(r.body.len, sizeof nota - 1);
	assert_memory_equal(r.body.data, nota, sizeof nota - 1);
	assert_string_equal(r.disposition, "attachment; filename=\"nota-dinas.pdf\"; "
	                                   "filename*=UTF-8''nota-dinas.pdf");
	snprintf(dpath, sizeof dpath, "/dokumen/%lld", (long long)doc_hostile);
	request(&r, "GET", dpath, kadis, NULL, t);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.disposition,
	                    "attachment; filename=\"laporan _final__ <script>.pdf\"; "
	                    "filename*=UTF-8''laporan%20%22final%22%3B%20%3Cscript%3E.pdf");
	snprintf(dpath, sizeof dpath, "/dokumen/%lld", (long long)doc_hostile + 1);
	request(&r, "GET", dpath, kadis, NULL, t);
	assert_contains(r.disposition, "filename*=UTF-8''Berita%20Acara%20%E2%80%93%20Perkim.pdf");
	assert_contains(r.disposition, "filename=\"Berita Acara ___ Perkim.pdf\"");
	snprintf(dpath, sizeof dpath, "/dokumen/%lld", (long long)doc);
	request(&r, "GET", dpath, rita, NULL, t); /* another agency: no bytes */
	assert_int_equal(r.status, 403);
	assert_null(strstr(buf_str(&r.body), "%PDF"));
	assert_string_equal(r.disposition, "");
	request(&r, "GET", dpath, NULL, NULL, t);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/masuk");
	request(&r, "GET", "/dokumen/999999", kadis, NULL, t);
	assert_int_equal(r.status, 404);
	request(&r, "GET", casepath, rita, NULL, t);
	assert_int_equal(r.status, 403);

	/* The step's document comes with its completion; a bad one refuses it. */
	snprintf(form, sizeof form, "csrf=%s&aksi=selesai", ck);
	WebFile bad_doc = bad[4].f;
	bad_doc.field = "dokumen";
	request_files(&r, "POST", path, kadis, form, &bad_doc, 1, t);
	assert_int_equal(r.status, 422);
	assert_contains(buf_str(&r.body), "Jenis berkas");
	assert_int_equal(open_task(cid, 1), task);
	static const char perintah[] = "%PDF-1.4 nota perintah";
	WebFile out = upload("dokumen", "nota-perintah.pdf", perintah, sizeof perintah - 1);
	request_files(&r, "POST", path, kadis, form, &out, 1, t);
	assert_int_equal(r.status, 303);
	assert_int_equal(db_int(db, 0,
	                        "SELECT is_output FROM wf_attachment WHERE case_id=:c AND"
	                        " name='nota-perintah.pdf'",
	                        DB_INT(":c", cid), DB_END),
	                 1);
	request(&r, "GET", casepath, kadis, NULL, t);
	assert_contains(buf_str(&r.body), "(dokumen hasil langkah)");
	assert_true(r.body.len < 30 * 1024);

	Buf size = BUF_INIT;
	web_size_id(&size, 1258291);
	assert_string_equal(buf_str(&size), "1,2 MB");
	buf_reset(&size);
	web_size_id(&size, 2048);
	assert_string_equal(buf_str(&size), "2,0 KB");
	buf_free(&size);
	Buf why = BUF_INIT;
	assert_true(wf_audit_verify(db, &why) > 0);
	buf_free(&why);
	buf_free(&r.body);
	buf_free(&err);
}

/*
** Seed 001's data form with evidence: a unit whose indicators require a
** bukti dukung. Without the file the save is refused inline for that
** indicator, the other values entered stay in the form, and nothing is
** stored; with the files the values and their evidence are saved, a later
** change of one value keeps the others' evidence, and the task completes.
*/
static void data_form_evidence(void **state)
{
	(void)state;
	time_t t = NOW + 7 * 3600;
	Buf err = BUF_INIT;
	assert_int_equal(web_password_set(db, "yohana", "kata-sandi-demo", &err), 0);
	int64_t cid =
	        db_int(db, 0,
	               "SELECT c.id FROM wf_case c JOIN sop_version v ON v.id=c.sop_version_id"
	               " JOIN sop s ON s.id=v.sop_id WHERE s.code='biroorg-kalbar-pengumpulan-data'"
	               " AND c.period='TW III 2026' AND c.status='open'",
	               DB_END);
	int64_t task = db_int(db, 0,
	                      "SELECT t.id FROM wf_task t JOIN position po ON po.id=t.position_id"
	                      " JOIN person p ON p.id=po.holder_id WHERE t.case_id=:c"
	                      " AND t.status='open' AND p.login='yohana'",
	                      DB_INT(":c", cid), DB_END);
	assert_true(task > 0);
	char yohana[65], cy[65], path[64], form[512];
	sign_in("yohana", "kata-sandi-demo", yohana);
	csrf_of(yohana, t, cy);
	snprintf(path, sizeof path, "/tugas/%lld", (long long)task);
	Resp r = {0};
	request(&r, "GET", path, yohana, NULL, t);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "enctype=\"multipart/form-data\"");
	assert_contains(buf_str(&r.body), "name=\"bukti_IK-01\"");
	assert_contains(buf_str(&r.body), "(bukti dukung wajib)");

	static const char pdf1[] = "%PDF-1.4 indeks RB", pdf2[] = "%PDF-1.4 nilai SAKIP";
	WebFile only1 = upload("bukti_IK-01", "indeks-rb.pdf", pdf1, sizeof pdf1 - 1);
	int64_t rows = rows_of("realisasi"), blobs = rows_of("blob");
	int64_t changes = db_int(db, -1, "SELECT total_changes()", DB_END);
	snprintf(form, sizeof form,
	         "csrf=%s&aksi=simpan&nilai_IK-01=80.5&nilai_IK-02=70&nilai_IK-03=lima", cy);
	request_files(&r, "POST", path, yohana, form, &only1, 1, t);
	assert_int_equal(r.status, 422);
	const char *page = buf_str(&r.body);
	assert_contains(page, "id=\"galat-IK-02\"");
	assert_contains(page, "bukti dukung wajib untuk indikator ini");
	assert_contains(page, "id=\"galat-IK-03\"");
	assert_contains(page, "harus angka");
	assert_null(strstr(page, "id=\"galat-IK-01\""));
	assert_contains(page, "value=\"80.5\"");
	assert_contains(page, "value=\"70\"");
	assert_contains(page, "value=\"lima\"");
	assert_contains(page, "role=\"alert\"");
	assert_int_equal(rows_of("realisasi"), rows);
	assert_int_equal(rows_of("blob"), blobs);
	assert_int_equal(db_int(db, -1, "SELECT total_changes()", DB_END), changes);
	/* A value out of the indicator's range: the domain's refusal, nothing stored. */
	WebFile both[2] = {only1, upload("bukti_IK-02", "sakip.pdf", pdf2, sizeof pdf2 - 1)};
	snprintf(form, sizeof form,
	         "csrf=%s&aksi=simpan&nilai_IK-01=80.5&nilai_IK-02=70&nilai_IK-03=150", cy);
	request_files(&r, "POST", path, yohana, form, both, 2, t);
	assert_int_equal(r.status, 422);
	assert_contains(buf_str(&r.body), "id=\"galat-IK-03\"");
	assert_int_equal(rows_of("realisasi"), rows);
	assert_int_equal(rows_of("blob"), blobs);
	/* Completing without the values is refused by the engine. */
	snprintf(form, sizeof form, "csrf=%s&aksi=selesai", cy);
	request(&r, "POST", path, yohana, form, t);
	assert_int_equal(r.status, 409);
	snprintf(form, sizeof form,
	         "csrf=%s&aksi=simpan&nilai_IK-01=80.5&nilai_IK-02=70&nilai_IK-03=45", cy);
	request_files(&r, "POST", path, yohana, form, both, 2, t);
	if (r.status != 303)
		fail_msg("save: %d %.2000s", r.status, strstr(buf_str(&r.body), "<main>"));
	assert_int_equal(rows_of("realisasi"), rows + 3);
	assert_int_equal(db_int(db, 0,
	                        "SELECT count(*) FROM realisasi WHERE case_id=:c AND status='draft'"
	                        " AND evidence_sha256 IS NOT NULL",
	                        DB_INT(":c", cid), DB_END),
	                 2);
	request(&r, "GET", path, yohana, NULL, t);
	assert_contains(buf_str(&r.body), ">indeks-rb.pdf</a>");
	/* A new value without a new file keeps the evidence it had. */
	snprintf(form, sizeof form, "csrf=%s&aksi=simpan&nilai_IK-01=81&nilai_IK-02=70", cy);
	request(&r, "POST", path, yohana, form, t);
	assert_int_equal(r.status, 303);
	assert_int_equal(rows_of("realisasi"), rows + 4);
	snprintf(form, sizeof form, "csrf=%s&aksi=selesai", cy);
	request(&r, "POST", path, yohana, form, t);
	if (r.status != 303)
		fail_msg("submit: %d %s", r.status, buf_str(&r.body));
	assert_int_equal(db_int(db, 0,
	                        "SELECT count(*) FROM realisasi r JOIN indicator i ON"
	                        " i.id=r.indicator_id WHERE r.case_id=:c AND r.status='submitted'"
	                        " AND i.unit_id=(SELECT unit_id FROM wf_task WHERE id=:t)",
	                        DB_INT(":c", cid), DB_INT(":t", task), DB_END),
	                 3);
	buf_free(&r.body);
	buf_free(&err);
}

/* Changing one's own password ends one's sessions; the old one stops working. */
static void password_change(void **state)
{
	(void)state;
	time_t t = NOW + 6 * 3600;
	Buf err = BUF_INIT;
	assert_int_equal(web_password_set(db, "heris", "sandi-lama-heris", &err), 0);
	Resp r = {0};
	request(&r, "POST", "/masuk", NULL, "login=heris&password=sandi-lama-heris", t);
	assert_int_equal(r.status, 303);
	char s[65], k[65], form[400];
	snprintf(s, sizeof s, "%.64s", r.cookie + strlen("sakip="));
	csrf_of(s, t, k);
	request(&r, "GET", "/sandi", s, NULL, t);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "autocomplete=\"new-password\"");
	snprintf(form, sizeof form,
	         "csrf=%s&lama=salah&baru=sandi-baru-heris&ulang=sandi-baru-heris", k);
	request(&r, "POST", "/sandi", s, form, t);
	assert_int_equal(r.status, 422);
	assert_contains(buf_str(&r.body), "Kata sandi lama salah.");
	snprintf(form, sizeof form,
	         "csrf=%s&lama=sandi-lama-heris&baru=sandi-baru-heris&ulang=sandi-baru-hers", k);
	request(&r, "POST", "/sandi", s, form, t);
	assert_int_equal(r.status, 422);
	assert_contains(buf_str(&r.body), "tidak sama");
	snprintf(form, sizeof form, "csrf=%s&lama=sandi-lama-heris&baru=pendek&ulang=pendek", k);
	request(&r, "POST", "/sandi", s, form, t);
	assert_int_equal(r.status, 422);
	request(&r, "POST", "/masuk", NULL, "login=heris&password=sandi-lama-heris", t);
	assert_int_equal(r.status, 303); /* nothing changed so far */
	snprintf(form, sizeof form,
	         "csrf=%s&lama=sandi-lama-heris&baru=sandi-baru-heris&ulang=sandi-baru-heris", k);
	request(&r, "POST", "/sandi", s, form, t);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/masuk?sandi=diganti");
	assert_contains(r.cookie, "Max-Age=0");
	request(&r, "GET", "/kotak-masuk", s, NULL, t);
	assert_int_equal(r.status, 303);
	request(&r, "POST", "/masuk", NULL, "login=heris&password=sandi-lama-heris", t);
	assert_int_equal(r.status, 401);
	request(&r, "POST", "/masuk", NULL, "login=heris&password=sandi-baru-heris", t);
	assert_int_equal(r.status, 303);
	buf_free(&r.body);
	buf_free(&err);
}

/* The recap page: the own agency's numbers, a chart, escaped names; others' data refused. */
static void kpi_recap_page(void **state)
{
	(void)state;
	time_t t = NOW + 7 * 3600;
	assert_int_equal(db_exec(db,
	                         "UPDATE indicator SET name=:n WHERE code='IK-09' AND agency_id="
	                         "(SELECT id FROM agency WHERE code='biroorg-kalbar')",
	                         DB_TEXT(":n", "<script>alert(\"x\")</script> & 'co'"), DB_END),
	                 DB_OK);
	char s[65];
	sign_in("rita", "kata-sandi-rita", s);
	Arena a = ARENA_INIT;
	WebRequest req = {.arena = &a,
	                  .method = "GET",
	                  .path = "/kinerja",
	                  .cookie_session = s,
	                  .remote = "127.0.0.1"};
	req.n_query =
	        web_parse_urlencoded(&a, "tahun=2026&periode=TW2", 22, req.query, WEB_MAX_PARAMS);
	WebReply rep = {0};
	web_handle(app, &req, &rep, t);
	assert_int_equal(rep.status, 200);
	const char *b = buf_str(&rep.body);
	assert_contains(b, "IK-01");
	assert_contains(b, "<title>Capaian per indikator</title>");
	assert_contains(b, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;");
	assert_null(strstr(b, "<script>"));
	assert_contains(b, "<option selected>TW2</option>");
	assert_true(rep.body.len < 30 * 1024);
	web_reply_free(&rep);
	rep = (WebReply){0};
	req.n_query =
	        web_parse_urlencoded(&a, "instansi=perkim-kalbar", 22, req.query, WEB_MAX_PARAMS);
	web_handle(app, &req, &rep, t);
	assert_int_equal(rep.status, 403);
	web_reply_free(&rep);
	rep = (WebReply){0};
	req.n_query = web_parse_urlencoded(&a, "periode=TW9", 11, req.query, WEB_MAX_PARAMS);
	web_handle(app, &req, &rep, t);
	assert_int_equal(rep.status, 400);
	web_reply_free(&rep);
	arena_free(&a);
}

/* The administrator creates a person and resets a password; others may not. */
static void admin_people(void **state)
{
	(void)state;
	time_t t = NOW + 8 * 3600;
	Buf err = BUF_INIT;
	assert_int_equal(web_password_set(db, "fransiska", "sandi-admin-1", &err), 0);
	assert_int_equal(db_exec(db, "UPDATE person SET admin=1 WHERE login='fransiska'", DB_END),
	                 DB_OK);
	char rita[65], adm[65], k[65], form[600];
	sign_in("rita", "kata-sandi-rita", rita);
	Resp r = {0};
	request(&r, "GET", "/admin/orang", rita, NULL, t);
	assert_int_equal(r.status, 403);
	request(&r, "POST", "/masuk", NULL, "login=fransiska&password=sandi-admin-1", t);
	assert_int_equal(r.status, 303);
	snprintf(adm, sizeof adm, "%.64s", r.cookie + strlen("sakip="));
	csrf_of(adm, t, k);
	request(&r, "GET", "/admin/orang", adm, NULL, t);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "19791208 200003 2 002"); /* Rita's NIP, formatted */
	assert_contains(buf_str(&r.body), "href=\"/admin/orang\"");
	int64_t people = db_int(db, 0, "SELECT count(*) FROM person", DB_END);
	const char *bad[] = {"login=Budi+Santoso&nama=Budi&sandi=sandi-budi-1",
	                     "login=budi&nama=Budi&nip=123&sandi=sandi-budi-1",
	                     "login=rita&nama=Budi&sandi=sandi-budi-1",
	                     "login=budi&nama=&sandi=sandi-budi-1",
	                     "login=budi&nama=Budi&sandi=pendek",
	                     "login=budi&nama=Budi&nip=19791208+200003+2+002&sandi=sandi-budi-1"};
	for (size_t i = 0; i < COUNT(bad); i++) {
		snprintf(form, sizeof form, "csrf=%s&instansi=biroorg-kalbar&%s", k, bad[i]);
		request(&r, "POST", "/admin/orang", adm, form, t);
		if (r.status != 422)
			fail_msg("%s: %d", bad[i], r.status);
	}
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM person", DB_END), people);
	snprintf(form, sizeof form,
	         "csrf=%s&instansi=biroorg-kalbar&login=budi.s&nama=Budi+%%3Cb%%3ESantoso"
	         "&nip=&sandi=sandi-budi-1",
	         k);
	request(&r, "POST", "/admin/orang", adm, form, t);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "Pengguna ditambahkan.");
	assert_contains(buf_str(&r.body), "Budi &lt;b&gt;Santoso");
	request(&r, "POST", "/masuk", NULL, "login=budi.s&password=sandi-budi-1", t);
	assert_int_equal(r.status, 303);
	int64_t budi = wf_person_by_login(db, "budi.s");
	char path[64];
	char tok[65];
	assert_int_equal(web_token_create(db, "budi.s", "skrip", 0, t, tok, &err), 0);
	WebUser who;
	assert_true(web_token_user(db, tok, t, &who));
	snprintf(path, sizeof path, "/admin/orang/%lld/sandi", (long long)budi);
	snprintf(form, sizeof form, "csrf=%s&sandi=sandi-budi-2", k);
	request(&r, "POST", path, adm, form, t);
	assert_int_equal(r.status, 200);
	request(&r, "POST", "/masuk", NULL, "login=budi.s&password=sandi-budi-1", t);
	assert_int_equal(r.status, 401);
	request(&r, "POST", "/masuk", NULL, "login=budi.s&password=sandi-budi-2", t);
	assert_int_equal(r.status, 303);
	assert_false(web_token_user(db, tok, t, &who)); /* a reset revokes the API tokens too */
	/* A token expires after its days; a revoked one stops at once; a revoked one stays so. */
	char t1[65], t2[65];
	assert_int_equal(web_token_create(db, "budi.s", "sehari", 1, t, t1, &err), 0);
	assert_int_equal(web_token_create(db, "budi.s", NULL, 0, t, t2, &err), 0);
	assert_true(web_token_user(db, t1, t + 86399, &who));
	assert_false(web_token_user(db, t1, t + 86400, &who));
	assert_true(web_token_user(db, t2, t + 364 * 86400, &who));
	assert_false(web_token_user(db, t2, t + 365 * 86400, &who));
	assert_int_equal(web_token_create(db, "budi.s", NULL, 3661, t, t1, &err), -1);
	json_t *mine = web_token_list_json(db, "budi.s", &err);
	assert_int_equal(json_array_size(mine), 3); /* the revoked one is listed too */
	assert_false(json_is_null(json_object_get(json_array_get(mine, 0), "revoked_at")));
	int64_t last = json_integer_value(json_object_get(json_array_get(mine, 2), "id"));
	json_decref(mine);
	assert_int_equal(web_token_revoke(db, last, t, &err), 0);
	assert_false(web_token_user(db, t2, t, &who));
	assert_int_equal(web_token_revoke(db, last, t, &err), -1);
	assert_contains(buf_str(&err), "not revoked already");
	assert_int_equal(db_exec(db, "UPDATE person SET admin=0 WHERE login='fransiska'", DB_END),
	                 DB_OK);
	buf_free(&r.body);
	buf_free(&err);
}

static int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* Whether needle occurs in hay before after does (both must occur). */
static bool before_in(const char *hay, const char *needle, const char *after)
{
	const char *a = strstr(hay, needle), *b = strstr(hay, after);
	if (!a || !b)
		fail_msg("missing %s or %s", needle, after);
	return a < b;
}

/*
** An indicator's page after the seed 000 correction of Perkim's IK-01 TW2
** (52 -> 54, returned once) and, here, a PK perubahan and a proposal with
** hostile text: identity in words, PK versions with the changed target,
** quarters with the chart, every version newest first with its diff; and
** refusals for another agency, unknown indicators and bad years.
*/
static void kpi_indicator_page(void **state)
{
	(void)state;
	time_t t = NOW + 9 * 3600;
	Buf err = BUF_INIT, log = BUF_INIT;
	/* A PK perubahan: IK-01 TW4 50 -> 55, its reason hostile. */
	char pk[] = "agency,year,indicator,period,target\nperkim-kalbar,2026,IK-01,TW4,55\n";
	if (kpi_import(db, "pk.csv", pk, strlen(pk), "<script>alert('pk')</script> Revisi APBD",
	               wf_person_by_login(db, "yosafat"), t, &log, &err) != 0)
		fail_msg("%s", buf_str(&err));
	/* A proposed correction of TW1 (12 -> 13) with a hostile reason and file name. */
	WfStart req = {"perkim-kalbar-perbaikan-data",   0, "Perbaikan TW I", NULL, NULL, 0,
	               wf_person_by_login(db, "yosafat")};
	int64_t cid;
	Wf *w = wf_new(db);
	kpi_flow_install(w);
	assert_int_equal(wf_case_start(w, &req, t, &cid, &err), 0);
	const char *who[] = {"yosafat", "nurhayati", "agustinus"};
	for (int s = 1; s <= 3; s++) {
		WfAct act = {open_task(cid, s),
		             wf_person_by_login(db, who[s - 1]),
		             WF_DONE,
		             NULL,
		             NULL,
		             NULL,
		             NULL};
		if (wf_task_act(w, &act, t, &err) != 0)
			fail_msg("step %d: %s", s, buf_str(&err));
	}
	WfFile f = {"<img src=x>.pdf", NULL, (const unsigned char *)"%PDF-1.4 x", 10};
	KpiEntry e = {cid,
	              wf_person_by_login(db, "dewia"),
	              "IK-01",
	              "13",
	              "<script>alert(1)</script> salah ketik",
	              &f,
	              0,
	              0};
	if (kpi_correct(w, &e, 2026, 0, t + 60, &err) != 0)
		fail_msg("correction: %s", buf_str(&err));
	wf_free(w);

	int64_t ik01 = db_int(db, 0,
	                      "SELECT i.id FROM indicator i JOIN agency a ON a.id=i.agency_id"
	                      " WHERE a.code='perkim-kalbar' AND i.code='IK-01'",
	                      DB_END);
	char kadis[65], rita[65], path[96];
	sign_in("rita", "kata-sandi-rita", rita);
	Resp r = {0};
	request(&r, "POST", "/masuk", NULL, "login=yosafat&password=kata-sandi-kadis", t);
	assert_int_equal(r.status, 303);
	snprintf(kadis, sizeof kadis, "%.64s", r.cookie + strlen("sakip="));
	snprintf(path, sizeof path, "/kinerja/indikator/%lld?tahun=2026", (long long)ik01);
	request(&r, "GET", path, kadis, NULL, t);
	if (r.status != 200)
		fail_msg("%d %s", r.status, buf_str(&r.body));
	const char *b = buf_str(&r.body);
	assert_true(r.body.len < 30 * 1024);
	/* Identity, in words. */
	assert_contains(b, "<h1>IK-01 Jumlah rumah tidak layak huni");
	assert_contains(b, "semakin tinggi semakin baik");
	assert_contains(b, "realisasi / target \u00d7 100%");
	assert_contains(b, "kumulatif: jumlah triwulan sampai periode");
	/* The PK: both versions, the change with the target it replaced, the reason escaped. */
	assert_contains(b, "Versi 1: PK awal, 23 November 2026 08:00 WIB</li>");
	/* The demo data has a perubahan already; this import is version 3. */
	assert_contains(b, "Versi 3: PK perubahan, 23 November 2026 17:00 WIB, Yosafat Triadhi");
	assert_contains(b, "<th scope=\"col\">Versi 3</th>");
	assert_contains(b, "<td>50,00</td><td><strong>55,00</strong><br><small>semula 50,00</small>"
	                   "</td></tr>");
	assert_contains(b, "<th scope=\"row\">TW1</th><td>10,00</td><td>10,00</td><td>10,00</td>");
	assert_contains(b,
	                "; alasan: &lt;script&gt;alert(&#39;pk&#39;)&lt;/script&gt; Revisi APBD");
	/* Quarters: cumulative targets and values; TW4 has none yet. */
	assert_contains(b, "<th scope=\"row\">TW2</th><td>50,00</td><td>66,00</td><td>120,00% "
	                   "(dibatasi)<br>Sangat Tinggi</td>");
	assert_contains(b, "<th scope=\"row\">TW4</th><td>165,00</td><td>belum ada</td>");
	assert_contains(b, "class=\"kpi-chart\"");
	assert_int_equal(count_of(b, "class=\"bar\""), 3);
	assert_int_equal(count_of(b, "class=\"missing\""), 1);
	assert_int_equal(count_of(b, "class=\"target\""), 4);
	assert_contains(b, "target tahunan 165</text>");
	/* History: every version, in Indonesian, newest first, with its diff. */
	assert_contains(b, "usulan perbaikan");
	assert_contains(b, "terverifikasi");
	assert_contains(b, "digantikan");
	assert_contains(b, "ditolak");
	assert_contains(b, "Dewi Anggraini");
	assert_contains(b, "<strong>TW2 versi 3: 54,00</strong> (terverifikasi)<br>Dewi Anggraini");
	assert_contains(b, "<span class=\"diff\">52,00 &rarr; 54,00 (+2,00)</span> dari versi 1, "
	                   "yang diperbaiki<br>Alasan: Sesuai berita acara "
	                   "&lt;script&gt;alert(1)&lt;/script&gt;<br>Bukti dukung: "
	                   "&lt;img src=x onerror=alert(1)&gt;ba.pdf</li>");
	assert_contains(b, "<strong>TW2 versi 1: 52,00</strong> (digantikan)<br>impor berkas");
	assert_contains(b, "<span class=\"diff\">12,00 &rarr; 13,00 (+1,00)</span>");
	assert_contains(b, "Alasan: &lt;script&gt;alert(1)&lt;/script&gt; salah ketik");
	assert_contains(b, "Bukti dukung: &lt;img src=x&gt;.pdf");
	assert_contains(b, "nilai pertama");
	assert_true(before_in(b, "usulan perbaikan", "digantikan"));
	assert_true(before_in(b, "TW3 versi 1", "TW1 versi 1"));
	assert_contains(b, "23 November 2026");
	assert_null(strstr(b, "<script>"));
	assert_null(strstr(b, "<img"));
	/* The recap links each indicator to its page and offers downloads. */
	request(&r, "GET", "/kinerja?tahun=2026&periode=TW2", kadis, NULL, t);
	assert_int_equal(r.status, 200);
	snprintf(path, sizeof path, "href=\"/kinerja/indikator/%lld?tahun=2026\"", (long long)ik01);
	assert_contains(buf_str(&r.body), path);
	assert_contains(buf_str(&r.body),
	                "href=\"/kinerja/unduh?format=xlsx&amp;instansi=&amp;tahun=2026&amp;"
	                "periode=TW2\"");
	/* Without a period: the current year shows its latest quarter with values. */
	request(&r, "GET", "/kinerja", kadis, NULL, t);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "<option selected>TW3</option>");
	/* A lower-is-better indicator; a qualitative one is not charted. */
	int64_t ik04 = db_int(db, 0,
	                      "SELECT i.id FROM indicator i JOIN agency a ON a.id=i.agency_id"
	                      " WHERE a.code='perkim-kalbar' AND i.code='IK-04'",
	                      DB_END);
	snprintf(path, sizeof path, "/kinerja/indikator/%lld?tahun=2026", (long long)ik04);
	request(&r, "GET", path, kadis, NULL, t);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "semakin rendah semakin baik");
	assert_contains(buf_str(&r.body), "lebih rendah lebih baik</text>");
	assert_contains(buf_str(&r.body), "(2 \u00d7 target \u2212 realisasi) / target");
	int64_t ik09 = db_int(db, 0,
	                      "SELECT i.id FROM indicator i JOIN agency a ON a.id=i.agency_id"
	                      " WHERE a.code='perkim-kalbar' AND i.code='IK-09'",
	                      DB_END);
	snprintf(path, sizeof path, "/kinerja/indikator/%lld?tahun=2026", (long long)ik09);
	request(&r, "GET", path, kadis, NULL, t);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "Indikator ini kualitatif");
	assert_contains(buf_str(&r.body), "WTP = 4, WDP = 3");
	assert_contains(buf_str(&r.body), "<td>WTP</td>");
	assert_null(strstr(buf_str(&r.body), "kpi-chart"));
	/* Biro Organisasi's IK-09, renamed with markup by kpi_recap_page: escaped. */
	int64_t b09 = db_int(db, 0,
	                     "SELECT i.id FROM indicator i JOIN agency a ON a.id=i.agency_id"
	                     " WHERE a.code='biroorg-kalbar' AND i.code='IK-09'",
	                     DB_END);
	snprintf(path, sizeof path, "/kinerja/indikator/%lld", (long long)b09);
	request(&r, "GET", path, rita, NULL, t);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body),
	                "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;");
	assert_null(strstr(buf_str(&r.body), "<script>"));
	/* Another agency's official: 403, nothing changed; unknown: 404; a bad year: 400. */
	int64_t changes = db_int(db, -1, "SELECT total_changes()", DB_END);
	request(&r, "GET", path, kadis, NULL, t);
	assert_int_equal(r.status, 403);
	assert_null(strstr(buf_str(&r.body), "co&#39;"));
	snprintf(path, sizeof path, "/kinerja/indikator/%lld?tahun=2026", (long long)ik01);
	request(&r, "GET", path, rita, NULL, t);
	assert_int_equal(r.status, 403);
	assert_null(strstr(buf_str(&r.body), "rumah tidak layak"));
	assert_int_equal(db_int(db, -1, "SELECT total_changes()", DB_END), changes);
	request(&r, "GET", "/kinerja/indikator/999999", kadis, NULL, t);
	assert_int_equal(r.status, 404);
	snprintf(path, sizeof path, "/kinerja/indikator/%lld?tahun=26", (long long)ik01);
	request(&r, "GET", path, kadis, NULL, t);
	assert_int_equal(r.status, 400);
	/* An administrator sees any agency's indicators and picks the agency of the recap. */
	assert_int_equal(db_exec(db, "UPDATE person SET admin=1 WHERE login='rita'", DB_END),
	                 DB_OK);
	snprintf(path, sizeof path, "/kinerja/indikator/%lld?tahun=2026", (long long)ik01);
	request(&r, "GET", path, rita, NULL, t);
	assert_int_equal(r.status, 200);
	request(&r, "GET", "/kinerja?instansi=perkim-kalbar&tahun=2026&periode=Y", rita, NULL, t);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "<option value=\"perkim-kalbar\" selected>");
	assert_contains(buf_str(&r.body), "instansi=perkim-kalbar&amp;tahun=2026&amp;periode=Y");
	assert_int_equal(db_exec(db, "UPDATE person SET admin=0 WHERE login='rita'", DB_END),
	                 DB_OK);
	request(&r, "GET", "/kinerja", rita, NULL, t);
	assert_null(strstr(buf_str(&r.body), "name=\"instansi\""));
	buf_free(&r.body);
	buf_free(&err);
	buf_free(&log);
}

/* The recap as CSV and as XLSX: the right type, a file name, the numbers; others refused. */
static void kpi_recap_downloads(void **state)
{
	(void)state;
	time_t t = NOW + 10 * 3600;
	char kadis[65];
	Resp r = {0};
	request(&r, "POST", "/masuk", NULL, "login=yosafat&password=kata-sandi-kadis", t);
	assert_int_equal(r.status, 303);
	snprintf(kadis, sizeof kadis, "%.64s", r.cookie + strlen("sakip="));
	request(&r, "GET", "/kinerja/unduh?format=csv&tahun=2026&periode=TW2", kadis, NULL, t);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.content_type, "text/csv; charset=utf-8");
	assert_string_equal(r.disposition,
	                    "attachment; filename=\"rekap-kinerja-perkim-kalbar-2026-TW2.csv\"");
	const char *b = buf_str(&r.body);
	assert_true(strncmp(b,
	                    "code,name,satuan,polarity,formula,target,actual,capaian,category,"
	                    "note\n",
	                    70) == 0);
	/* IK-01 to TW2: 12 + 54 against 10 + 40, capped at 120 %. */
	assert_contains(b, "\nIK-01,Jumlah rumah tidak layak huni (RTLH) yang direhabilitasi (APBD "
	                   "Provinsi),unit,higher,R/T,50,66,120,Sangat Tinggi,\n");
	assert_null(strstr(b, "<html"));
	/* XLSX: a zip, written through a temporary file that is gone afterwards. */
	const char *saved = getenv("TMPDIR");
	char *keep = saved ? xstrdup(saved) : NULL;
	setenv("TMPDIR", tu_tmpdir(), 1);
	request(&r, "GET", "/kinerja/unduh?format=xlsx&tahun=2026&periode=TW2", kadis, NULL, t);
	if (keep) {
		setenv("TMPDIR", keep, 1);
		free(keep);
	} else {
		unsetenv("TMPDIR");
	}
	assert_int_equal(r.status, 200);
	assert_string_equal(r.content_type,
	                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
	assert_string_equal(r.disposition,
	                    "attachment; filename=\"rekap-kinerja-perkim-kalbar-2026-TW2.xlsx\"");
	assert_true(r.body.len > 1000);
	assert_memory_equal(r.body.data, "PK\x03\x04", 4);
	char cmd[256];
	snprintf(cmd, sizeof cmd, "ls %s | grep -q sakip-rekap-", tu_tmpdir());
	assert_int_not_equal(system(cmd), 0);
	/* Without a format: CSV. A bad format, another agency, a bad period: refused. */
	request(&r, "GET", "/kinerja/unduh", kadis, NULL, t);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.content_type, "text/csv; charset=utf-8");
	request(&r, "GET", "/kinerja/unduh?format=pdf", kadis, NULL, t);
	assert_int_equal(r.status, 400);
	assert_string_equal(r.disposition, "");
	request(&r, "GET", "/kinerja/unduh?format=csv&instansi=biroorg-kalbar", kadis, NULL, t);
	assert_int_equal(r.status, 403);
	assert_string_equal(r.disposition, "");
	request(&r, "GET", "/kinerja/unduh?format=xlsx&periode=TW5", kadis, NULL, t);
	assert_int_equal(r.status, 400);
	request(&r, "GET", "/kinerja/unduh?format=csv", NULL, NULL, t);
	assert_int_equal(r.status, 303);
	assert_string_equal(r.location, "/masuk");
	buf_free(&r.body);
}

/*
** Seed 002's drafting step on the web: the Tim LKj's task page has a form
** per bab and the draft's link; a save needs the CSRF token, is refused
** (403) for another agency's official and for an official of the agency
** who is not the Tim LKj, and for a blank text (422), each changing
** nothing; a saved <script> comes back escaped with its version count;
** the draft downloads as a PDF for the agency's officials only; after
** the step the form is closed (409).
*/
static void lkj_bab_forms_and_draft(void **state)
{
	(void)state;
	time_t t = NOW + 11 * 3600; /* the sessions of sign_in() last 12 hours from NOW */
	Buf err = BUF_INIT;
	assert_int_equal(web_password_set(db, "hendrag", "kata-sandi-demo", &err), 0);
	Wf *w = wf_new(db);
	WfStart req = {"perkim-kalbar-lkj",
	               0,
	               "Laporan Kinerja Tahun 2026",
	               "2026",
	               NULL,
	               0,
	               wf_person_by_login(db, "yosafat")};
	int64_t cid;
	assert_int_equal(wf_case_start(w, &req, t, &cid, &err), 0);
	const char *steps[] = {"yosafat", "nurhayati", "agustinus"};
	for (int i = 0; i < 3; i++) {
		WfAct a = {open_task(cid, i + 1),
		           wf_person_by_login(db, steps[i]),
		           WF_DONE,
		           NULL,
		           NULL,
		           NULL,
		           NULL};
		if (wf_task_act(w, &a, t, &err) != 0)
			fail_msg("%s", buf_str(&err));
	}
	int64_t tid = open_task(cid, 4);
	assert_true(tid > 0);
	char tim[65], kadis[65], rita[65], csrf_tim[65], csrf_kadis[65], csrf_rita[65];
	sign_in("hendrag", "kata-sandi-demo", tim);
	sign_in("yosafat", "kata-sandi-kadis", kadis);
	sign_in("rita", "kata-sandi-rita", rita);
	csrf_of(tim, t, csrf_tim);
	csrf_of(kadis, t, csrf_kadis);
	csrf_of(rita, t, csrf_rita);
	Resp r = {0};
	char path[64], draft[64], form[512];
	snprintf(path, sizeof path, "/tugas/%lld/lkj", (long long)tid);
	snprintf(draft, sizeof draft, "/kasus/%lld/lkj", (long long)cid);
	char task_path[64];
	snprintf(task_path, sizeof task_path, "/tugas/%lld", (long long)tid);
	request(&r, "GET", task_path, tim, NULL, t);
	assert_int_equal(r.status, 200);
	assert_contains(buf_str(&r.body), "Naskah LKj");
	assert_contains(buf_str(&r.body), draft);
	assert_int_equal(count_of(buf_str(&r.body), path), 5);
	assert_contains(buf_str(&r.body), "Belum ditulis");
	assert_true(r.body.len < 30 * 1024);
	/* Refusals: no token, another agency, the agency's Kepala Dinas, blank, unknown bab. */
	int64_t before = db_int(db, -1, "SELECT total_changes()", DB_END);
	request(&r, "POST", path, tim, "bab=ikhtisar&teks=tanpa+token", t);
	assert_int_equal(r.status, 403);
	snprintf(form, sizeof form, "csrf=%s&bab=ikhtisar&teks=dari+biro", csrf_rita);
	request(&r, "POST", path, rita, form, t);
	assert_int_equal(r.status, 403);
	snprintf(form, sizeof form, "csrf=%s&bab=ikhtisar&teks=dari+kadis", csrf_kadis);
	request(&r, "POST", path, kadis, form, t);
	assert_int_equal(r.status, 403);
	snprintf(form, sizeof form, "csrf=%s&bab=ikhtisar&teks=+++", csrf_tim);
	request(&r, "POST", path, tim, form, t);
	assert_int_equal(r.status, 422);
	assert_contains(buf_str(&r.body), "role=\"alert\"");
	assert_contains(buf_str(&r.body), "Teks kosong");
	snprintf(form, sizeof form, "csrf=%s&bab=lampiran&teks=x", csrf_tim);
	request(&r, "POST", path, tim, form, t);
	assert_int_equal(r.status, 422);
	assert_int_equal(db_int(db, -1, "SELECT total_changes()", DB_END), before);
	assert_int_equal(db_int(db, -1, "SELECT count(*) FROM lkj_text", DB_END), 0);
	/* Saved, twice: the newest in the form, escaped, with its count. */
	snprintf(form, sizeof form, "csrf=%s&bab=ikhtisar&teks=Versi+satu", csrf_tim);
	request(&r, "POST", path, tim, form, t);
	assert_int_equal(r.status, 303);
	snprintf(form, sizeof form,
	         "csrf=%s&bab=ikhtisar&teks=%%3Cscript%%3Ealert(%%22x%%22)%%3C%%2Fscript%%3E+"
	         "%%27kutip%%27",
	         csrf_tim);
	request(&r, "POST", path, tim, form, t + 60);
	assert_int_equal(r.status, 303);
	assert_contains(r.location, "#lkj-ikhtisar");
	assert_int_equal(
	        db_int(db, -1, "SELECT count(*) FROM lkj_text WHERE bab='ikhtisar'", DB_END), 2);
	request(&r, "GET", task_path, tim, NULL, t + 120);
	assert_contains(buf_str(&r.body), "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; "
	                                  "&#39;kutip&#39;");
	assert_null(strstr(buf_str(&r.body), "<script>alert"));
	assert_contains(buf_str(&r.body), "2 versi tersimpan; terakhir oleh Hendra Gunawan");
	/* The draft: a PDF for the agency's officials, nothing for another agency's. */
	request(&r, "GET", draft, kadis, NULL, t + 120);
	assert_int_equal(r.status, 200);
	assert_string_equal(r.content_type, "application/pdf");
	assert_contains(r.disposition, "attachment; filename=\"LKj-2026-kasus-");
	assert_true(r.body.len > 10000);
	assert_memory_equal(r.body.data, "%PDF-", 5);
	request(&r, "GET", draft, rita, NULL, t + 120);
	assert_int_equal(r.status, 403);
	assert_null(strstr(buf_str(&r.body), "%PDF"));
	assert_string_equal(r.disposition, "");
	/* A case that is no LKj: 404. */
	int64_t other = db_int(db, 0,
	                       "SELECT min(c.id) FROM wf_case c JOIN agency a ON a.id=c.agency_id"
	                       " JOIN sop_version v ON v.id=c.sop_version_id JOIN sop s ON"
	                       " s.id=v.sop_id WHERE a.code='perkim-kalbar'"
	                       " AND s.code<>'perkim-kalbar-lkj'",
	                       DB_END);
	if (other) {
		snprintf(draft, sizeof draft, "/kasus/%lld/lkj", (long long)other);
		request(&r, "GET", draft, kadis, NULL, t + 120);
		assert_int_equal(r.status, 404);
	}
	/* After the drafting step: closed, nothing changed. */
	WfAct done = {tid, wf_person_by_login(db, "hendrag"), WF_DONE, NULL, NULL, NULL, NULL};
	assert_int_equal(wf_task_act(w, &done, t + 180, &err), 0);
	before = db_int(db, -1, "SELECT total_changes()", DB_END);
	snprintf(form, sizeof form, "csrf=%s&bab=ikhtisar&teks=terlambat", csrf_tim);
	request(&r, "POST", path, tim, form, t + 240);
	assert_int_equal(r.status, 409);
	assert_int_equal(db_int(db, -1, "SELECT total_changes()", DB_END), before);
	wf_free(w);
	buf_free(&err);
	buf_free(&r.body);
}

int main(void)
{
	tu_init();
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(html_escapes_everything),
	        cmocka_unit_test(routes_check_before_handlers),
	        cmocka_unit_test(sign_in_and_throttle),
	        cmocka_unit_test(inbox_case_and_logout),
	        cmocka_unit_test(seed000_through_task_pages),
	        cmocka_unit_test(sop_library_and_case_start),
	        cmocka_unit_test(json_api),
	        cmocka_unit_test(route_role_matrix),
	        cmocka_unit_test(seed001_unit_fills_data_form),
	        cmocka_unit_test(documents_upload_and_download),
	        cmocka_unit_test(data_form_evidence),
	        cmocka_unit_test(password_change),
	        cmocka_unit_test(kpi_recap_page),
	        cmocka_unit_test(admin_people),
	        cmocka_unit_test(kpi_indicator_page),
	        cmocka_unit_test(kpi_recap_downloads),
	        cmocka_unit_test(lkj_bab_forms_and_draft),
	};
	return cmocka_run_group_tests_name("web", tests, setup, teardown);
}
