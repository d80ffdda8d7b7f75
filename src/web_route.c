/*
** web_route.c: the route table and the checks made before any handler
** runs: the method and path, a signed-in session where the route needs
** one (else a redirect to /masuk), administrator rights, and the CSRF
** token of every state-changing form. Also the page frame with its
** per-request CSP nonce, and the request counters for /metrics. A
** reviewer audits this one table.
*/
#include "web.h"

#include "kpi.h"
#include "report.h"

#include <jansson.h>
#include <sodium.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
** Who may call a route: anyone; a signed-in browser session; an
** administrator's session; a program with a bearer token (/api/v1: no
** cookies, so no CSRF token either).
*/
typedef enum WebCap { CAP_ANYONE, CAP_LOGIN, CAP_ADMIN, CAP_TOKEN } WebCap;

/*
** Route flags. CSRF: a form that changes something; the session's token
** must come with it. ALONE: a POST that hashes a password (tens of
** milliseconds of CPU) writes on its own instead of in the server's group
** commit, so it never holds up other people's approvals (an upload of a
** supporting document, megabytes to write, likewise).
** KEYED: an API write whose JSON body may carry a signing key's
** passphrase; with one it unlocks the key (argon2id) and so runs alone.
*/
enum { CSRF = 1, ALONE = 2, KEYED = 4 };

typedef struct WebRoute {
	const char *method;
	const char *path; /* segments; "{id}" matches a number, "{code}" any one segment */
	void (*handler)(WebCtx *c);
	WebCap cap;
	unsigned flags;
} WebRoute;

static const WebRoute routes[] = {
        {"GET", "/healthz", page_healthz, CAP_ANYONE, 0},
        {"GET", "/metrics", page_metrics, CAP_ANYONE, 0},
        {"GET", "/masuk", page_login_form, CAP_ANYONE, 0},
        /* Signing in has no session yet; its cookie is SameSite=Strict from then on. */
        {"POST", "/masuk", page_login, CAP_ANYONE, ALONE},
        {"POST", "/keluar", page_logout, CAP_LOGIN, CSRF},
        {"GET", "/", page_home, CAP_LOGIN, 0},
        {"GET", "/sandi", page_password_form, CAP_LOGIN, 0},
        {"POST", "/sandi", page_password, CAP_LOGIN, CSRF | ALONE},
        {"GET", "/kotak-masuk", page_inbox, CAP_LOGIN, 0},
        {"GET", "/kasus/{id}", page_case, CAP_LOGIN, 0},
        {"POST", "/kasus", page_case_start, CAP_LOGIN, CSRF},
        {"GET", "/tugas/{id}", page_task, CAP_LOGIN, 0},
        {"GET", "/sop", page_sop_list, CAP_LOGIN, 0},
        {"GET", "/kinerja", page_kpi_recap, CAP_LOGIN, 0},
        {"GET", "/kinerja/unduh", page_kpi_download, CAP_LOGIN, 0},
        {"GET", "/kinerja/indikator/{id}", page_kpi_indicator, CAP_LOGIN, 0},
        {"GET", "/admin/orang", page_admin_people, CAP_ADMIN, 0},
        {"POST", "/admin/orang", page_admin_person_add, CAP_ADMIN, CSRF | ALONE},
        {"POST", "/admin/orang/{id}/sandi", page_admin_password_reset, CAP_ADMIN, CSRF | ALONE},
        {"GET", "/admin/jabatan", page_admin_positions, CAP_ADMIN, 0},
        {"POST", "/admin/jabatan", page_admin_position_add, CAP_ADMIN, CSRF},
        {"POST", "/admin/jabatan/{id}/pemangku", page_admin_position_holder, CAP_ADMIN, CSRF},
        {"GET", "/admin/plt", page_admin_acting, CAP_ADMIN, 0},
        {"POST", "/admin/plt", page_admin_acting_add, CAP_ADMIN, CSRF},
        {"POST", "/admin/plt/{id}/akhiri", page_admin_acting_end, CAP_ADMIN, CSRF},
        {"GET", "/admin/aktor", page_admin_actors, CAP_ADMIN, 0},
        {"POST", "/admin/aktor", page_admin_actor_set, CAP_ADMIN, CSRF},
        {"GET", "/admin/libur", page_admin_holidays, CAP_ADMIN, 0},
        {"POST", "/admin/libur", page_admin_holiday_add, CAP_ADMIN, CSRF},
        {"POST", "/admin/libur/{id}/hapus", page_admin_holiday_remove, CAP_ADMIN, CSRF},
        {"GET", "/sop/{id}", page_sop, CAP_LOGIN, 0},
        {"GET", "/sop/{id}/dokumen", page_sop_document, CAP_LOGIN, 0},
        {"GET", "/api/v1/tasks", api_tasks, CAP_TOKEN, 0},
        {"POST", "/api/v1/tasks/{id}/done", api_task_done, CAP_TOKEN, KEYED},
        {"POST", "/api/v1/tasks/{id}/approve", api_task_approve, CAP_TOKEN, KEYED},
        {"POST", "/api/v1/tasks/{id}/return", api_task_return, CAP_TOKEN, 0},
        {"GET", "/api/v1/cases", api_cases, CAP_TOKEN, 0},
        {"POST", "/api/v1/cases", api_case_start, CAP_TOKEN, 0},
        {"GET", "/api/v1/cases/{id}", api_case, CAP_TOKEN, 0},
        {"GET", "/api/v1/sops", api_sops, CAP_TOKEN, 0},
        {"GET", "/api/v1/sops/{code}", api_sop, CAP_TOKEN, 0},
        {"GET", "/api/v1/kpi/recap", api_kpi_recap, CAP_TOKEN, 0},
        {"POST", "/tugas/{id}", page_task_act, CAP_LOGIN, CSRF},
        /* A supporting document of up to 20 MB writes alone, outside the group commit. */
        {"POST", "/tugas/{id}/dokumen", page_task_upload, CAP_LOGIN, CSRF | ALONE},
        {"GET", "/dokumen/{id}", page_document, CAP_LOGIN, 0},
        /* The LKj's narrative per bab on its drafting task, and the case's current draft. */
        {"POST", "/tugas/{id}/lkj", page_lkj_save, CAP_LOGIN, CSRF},
        {"GET", "/kasus/{id}/lkj", page_lkj_draft, CAP_LOGIN, 0},
        /* Approving with a paraf or signature unlocks a key (argon2id): alone. */
        {"POST", "/tugas/{id}/tanda-tangan", page_task_act, CAP_LOGIN, CSRF | ALONE},
        {"GET", "/kunci", page_key, CAP_LOGIN, 0},
        {"POST", "/kunci", page_key_create, CAP_LOGIN, CSRF | ALONE},
        {"POST", "/kunci/frasa", page_key_passphrase, CAP_LOGIN, CSRF | ALONE},
        /*
        ** Verification is public (the QR code's address). The upload check has
        ** no session and so no CSRF token; it changes nothing, and cross-site
        ** posts are refused above anyway.
        */
        {"GET", "/verifikasi/{code}", page_verify, CAP_ANYONE, 0},
        {"POST", "/verifikasi/{code}", page_verify_file, CAP_ANYONE, ALONE},
};

int web_route_count(void)
{
	return (int)COUNT(routes);
}

void web_route_info(int i, const char **method, const char **path, int *cap, bool *csrf)
{
	*method = routes[i].method;
	*path = routes[i].path;
	*cap = (int)routes[i].cap;
	*csrf = routes[i].flags & CSRF;
}

/* Counters for /metrics, shared by the apps of a server's threads. */
typedef struct WebMetrics {
	atomic_long requests[6]; /* by status class: 1xx..5xx, other */
	atomic_llong micros;
	atomic_long timed;
} WebMetrics;

struct WebApp {
	Db *db;
	Wf *wf;
	WebMetrics *metrics;
	bool owns_metrics;
};

static WebApp *app_new(Db *db, WebMetrics *metrics)
{
	if (sodium_init() < 0)
		fatal("libsodium cannot initialise");
	WebApp *app = xcalloc(1, sizeof *app);
	app->db = db;
	app->wf = wf_new(db);
	kpi_flow_install(app->wf);    /* steps with data actions move data kinerja */
	report_flow_install(app->wf); /* and draft, initial and sign documents */
	app->owns_metrics = !metrics;
	app->metrics = metrics ? metrics : xcalloc(1, sizeof *app->metrics);
	return app;
}

WebApp *web_app_new(Db *db)
{
	return app_new(db, NULL);
}

WebApp *web_app_clone(WebApp *first, Db *db)
{
	return app_new(db, first->metrics);
}

Db *web_app_db(WebApp *app)
{
	return app->db;
}

Wf *web_app_wf(WebApp *app)
{
	return app->wf;
}

void web_app_free(WebApp *app)
{
	if (!app)
		return;
	wf_free(app->wf);
	if (app->owns_metrics)
		free(app->metrics);
	free(app);
}

void web_reply_free(WebReply *rep)
{
	buf_free(&rep->body);
}

void web_metrics_note(WebApp *app, int status, double seconds)
{
	int k = status >= 100 && status < 600 ? status / 100 : 0;
	atomic_fetch_add(&app->metrics->requests[k], 1);
	atomic_fetch_add(&app->metrics->micros, (long long)(seconds * 1e6));
	atomic_fetch_add(&app->metrics->timed, 1);
}

void web_metrics_write(WebApp *app, Buf *out)
{
	buf_puts(out, /* text/plain */
	         "# HELP sakip_http_requests_total HTTP requests answered, by status class.\n"
	         "# TYPE sakip_http_requests_total counter\n");
	for (int k = 1; k <= 5; k++)
		buf_printf(out, /* text/plain */ "sakip_http_requests_total{class=\"%dxx\"} %ld\n",
		           k, atomic_load(&app->metrics->requests[k]));
	buf_printf(out, /* text/plain */
	           "# HELP sakip_http_request_seconds Time spent answering requests.\n"
	           "# TYPE sakip_http_request_seconds summary\n"
	           "sakip_http_request_seconds_sum %.6f\nsakip_http_request_seconds_count %ld\n",
	           (double)atomic_load(&app->metrics->micros) / 1e6,
	           atomic_load(&app->metrics->timed));
	buf_printf(
	        out, /* text/plain */
	        "# HELP sakip_tasks_open Open tasks.\n# TYPE sakip_tasks_open gauge\n"
	        "sakip_tasks_open %lld\n"
	        "# HELP sakip_tasks_overdue Open tasks past their due time.\n"
	        "# TYPE sakip_tasks_overdue gauge\nsakip_tasks_overdue %lld\n",
	        (long long)db_int(app->db, 0, "SELECT count(*) FROM wf_task WHERE status='open'",
	                          DB_END),
	        (long long)db_int(app->db, 0,
	                          "SELECT count(*) FROM wf_task WHERE status='open' AND due_at<:n",
	                          DB_INT(":n", (int64_t)time(NULL)), DB_END));
}

/*
** Whether path matches the route's pattern, segment by segment; *id gets
** the {id} number and *code the {code} segment (in the arena).
*/
static bool path_matches(Arena *a, const char *pattern, const char *path, int64_t *id,
                         const char **code)
{
	while (*pattern && *path) {
		const char *pe =
		        strchr(pattern, '/') ? strchr(pattern, '/') : pattern + strlen(pattern);
		const char *se = strchr(path, '/') ? strchr(path, '/') : path + strlen(path);
		size_t pn = (size_t)(pe - pattern), sn = (size_t)(se - path);
		if (pn == 4 && memcmp(pattern, "{id}", 4) == 0) {
			if (sn == 0 || sn > 15)
				return false;
			int64_t v = 0;
			for (size_t i = 0; i < sn; i++) {
				if (path[i] < '0' || path[i] > '9')
					return false;
				v = v * 10 + (path[i] - '0');
			}
			if (v <= 0)
				return false;
			*id = v;
		} else if (pn == 6 && memcmp(pattern, "{code}", 6) == 0) {
			if (sn == 0 || sn > 100)
				return false;
			for (size_t i = 0; i < sn; i++)
				if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ01"
				            "23456789-_.@",
				            path[i]))
					return false;
			*code = arena_printf(a, "%.*s", (int)sn, path);
		} else if (pn != sn || memcmp(pattern, path, pn) != 0) {
			return false;
		}
		pattern = pe;
		path = se;
		if (*pattern == '/' && *path == '/') {
			pattern++;
			path++;
		} else if (*pattern || *path) {
			return false;
		}
	}
	return *pattern == 0 && *path == 0;
}

static bool is_api(const char *path)
{
	return strncmp(path, "/api/", 5) == 0;
}

/*
** A GET reads in one read transaction: one consistent view of the
** database for the whole page, and one lock instead of one per statement.
** Handlers of GET routes never write.
*/
static void run_read(const WebRoute *route, WebCtx *c)
{
	bool began = db_exec(c->db, "BEGIN", DB_END) == DB_OK;
	route->handler(c);
	if (began)
		db_exec(c->db, "COMMIT", DB_END);
}

/* Whether a JSON body has a "passphrase" member (a KEYED route then runs alone). */
static bool carries_passphrase(const WebRequest *req)
{
	/* No shortcut on the text: "pass\u0070hrase" is the same key once decoded. */
	if (!req->body || !req->body_len)
		return false;
	json_t *o = json_loadb(req->body, req->body_len, 0, NULL);
	bool has = json_is_object(o) && json_object_get(o, "passphrase");
	json_decref(o);
	return has;
}

/*
** After the checks: a read runs now; a write is handed back, to be run in a
** batch, or alone (*alone) when it hashes a password or unlocks a key.
*/
static WebHandler dispatch(const WebRoute *route, WebCtx *c, bool *alone)
{
	if (strcmp(route->method, "GET") == 0) {
		run_read(route, c);
		return NULL;
	}
	*alone = (route->flags & ALONE) || ((route->flags & KEYED) && carries_passphrase(c->req));
	return route->handler;
}

/* A 503 in the request's own form (JSON under /api/, else a page); nothing was changed. */
static void unavailable(WebCtx *c, const char *code, const char *pesan, const char *message)
{
	c->rep->location = NULL;
	c->rep->set_cookie[0] = 0;
	if (is_api(c->req->path))
		api_error(c, 503, code, pesan, message);
	else
		web_error(c, 503, pesan);
}

void web_unsaved(WebCtx *c)
{
	unavailable(c, "unsaved",
	            "Perubahan tidak tersimpan karena gangguan basis data; tidak ada yang berubah. "
	            "Coba lagi.",
	            "the change was not saved (database failure); try again");
}

void web_stopping(WebCtx *c)
{
	unavailable(c, "stopping",
	            "Server sedang berhenti untuk sementara; tidak ada yang berubah. Coba lagi "
	            "sebentar lagi.",
	            "the server is stopping; nothing was changed; try again shortly");
}

WebHandler web_handle_deferred(WebApp *app, WebRequest *req, WebReply *rep, time_t now, WebCtx *c,
                               bool *alone)
{
	*alone = false;
	*c = (WebCtx){app, app->db, app->wf, req, rep, {0}, now, 0, NULL};
	rep->status = 200;
	rep->content_type = "text/html; charset=utf-8";
	unsigned char n[16];
	randombytes_buf(n, sizeof n);
	sodium_bin2hex(rep->nonce, sizeof rep->nonce, n, sizeof n);
	bool api = is_api(req->path);
	if (api)
		web_token_user(app->db, req->bearer, now, &c->user);
	else
		web_session_user(app->db, req->cookie_session, now, &c->user);
	const WebRoute *route = NULL;
	bool path_known = false;
	for (size_t i = 0; i < COUNT(routes) && !route; i++) {
		int64_t id = 0;
		const char *code = NULL;
		if (path_matches(req->arena, routes[i].path, req->path, &id, &code)) {
			path_known = true;
			if (strcmp(routes[i].method, req->method) == 0) {
				route = &routes[i];
				c->id = id;
				c->code = code;
			}
		}
	}
	if (api) {
		if (!route)
			api_error(c, path_known ? 405 : 404, path_known ? "method" : "not_found",
			          path_known ? "Metode tidak diizinkan untuk alamat ini."
			                     : "Alamat API tidak dikenal.",
			          path_known ? "method not allowed here" : "no such API address");
		else if (route->cap != CAP_TOKEN)
			api_error(c, 404, "not_found", "Alamat API tidak dikenal.",
			          "no such API address");
		else if (!c->user.person_id)
			api_error(c, 401, "unauthorized",
			          "Token API tidak ada atau tidak berlaku (Authorization: Bearer "
			          "...).",
			          "missing or invalid bearer token (Authorization: Bearer ...)");
		else
			return dispatch(route, c, alone);
		return NULL;
	}
	if (route && route->cap == CAP_TOKEN)
		route = NULL; /* an API route outside /api/: never */
	if (!route) {
		web_error(c, path_known ? 405 : 404,
		          path_known ? "Metode tidak diizinkan untuk alamat ini."
		                     : "Halaman tidak ditemukan.");
		return NULL;
	}
	/* Besides the CSRF token: no form posted from another site, not even the sign-in. */
	if (req->cross_site && strcmp(route->method, "GET") != 0) {
		web_error(c, 403, "Formulir yang dikirim dari situs lain ditolak.");
		return NULL;
	}
	if (route->cap != CAP_ANYONE && !c->user.person_id) {
		web_redirect(c, "/masuk");
		return NULL;
	}
	if (route->cap == CAP_ADMIN && !c->user.admin) {
		web_error(c, 403, "Halaman ini hanya untuk administrator.");
		return NULL;
	}
	if (route->flags & CSRF) {
		const char *token = web_param(req->form, req->n_form, "csrf");
		if (!token || !c->user.csrf[0] || strlen(token) != strlen(c->user.csrf) ||
		    sodium_memcmp(token, c->user.csrf, strlen(c->user.csrf)) != 0) {
			web_error(c, 403,
			          "Formulir kedaluwarsa atau tidak sah. Muat ulang halaman.");
			return NULL;
		}
	}
	return dispatch(route, c, alone);
}

void web_handle(WebApp *app, WebRequest *req, WebReply *rep, time_t now)
{
	WebCtx c;
	bool alone;
	WebHandler handler = web_handle_deferred(app, req, rep, now, &c, &alone);
	if (handler) {
		handler(&c);
		db_rollback(c.db); /* a write a handler left open is undone, never kept */
	}
}

/* ---- the page frame ------------------------------------------------------- */

static const char stylesheet[] =
        "body{font:16px/1.5 system-ui,sans-serif;margin:0;color:#1a1a1a;background:#f6f7f9}"
        "header{background:#0b3d6e;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;"
        "gap:1rem;align-items:center}header a{color:#fff}header form{margin-left:auto}"
        "main{max-width:60rem;margin:1rem auto;padding:0 1rem}"
        "table{border-collapse:collapse;width:100%;background:#fff}"
        "th,td{border:1px solid #d0d4da;padding:.4rem .5rem;text-align:left;vertical-align:top}"
        ".terlambat{background:#c62828;color:#fff;border-radius:.3rem;padding:0 .4rem}"
        ".plt{background:#f9a825;border-radius:.3rem;padding:0 .4rem}"
        ".galat{background:#fdecea;border:1px solid #c62828;padding:.5rem}"
        "input,button,textarea,select{font:inherit;padding:.4rem}select{max-width:100%}label{"
        "display:block;margin:.5rem 0}"
        "textarea{width:100%;box-sizing:border-box}.bagan{margin:0;max-width:48rem}"
        ".subnav{display:flex;flex-wrap:wrap;gap:.3rem 1rem;margin:.5rem 0}"
        ".subnav [aria-current]{font-weight:bold}"
        ".tombol{display:inline-block;background:#0b3d6e;color:#fff;padding:.4rem .8rem;"
        "border-radius:.3rem;text-decoration:none}"
        "code.kode{word-break:break-all}"
        "@media(max-width:40rem){table:not(.isian) :is(th,td):nth-child(n+4){display:none}}";

void web_page_begin(WebCtx *c, const char *title)
{
	Buf *o = &c->rep->body;
	html_printf(o,
	            "<!doctype html><html lang=\"id\"><head><meta charset=\"utf-8\">"
	            "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">"
	            "<link rel=\"icon\" href=\"data:,\">"
	            "<title>%h - sakip</title><style nonce=\"%h\">%h</style></head><body><header>"
	            "<strong>sakip</strong>",
	            title, c->rep->nonce, stylesheet);
	if (c->user.person_id) {
		html_printf(
		        o,
		        "<a href=\"/kotak-masuk\">Kotak Masuk</a><a href=\"/sop\">Pustaka SOP</a>"
		        "<a href=\"/kinerja\">Data Kinerja</a>"
		        "<a href=\"/sandi\">Ganti sandi</a><a href=\"/kunci\">Kunci TTE</a>");
		if (c->user.admin)
			html_printf(o, "<a href=\"/admin/orang\">Admin</a>");
		html_printf(o, "<span>%h</span><form method=\"post\" action=\"/keluar\">",
		            c->user.name);
		web_csrf_field(c);
		html_printf(o, "<button>Keluar</button></form>");
	}
	html_printf(o, "</header><main><h1>%h</h1>", title);
}

void web_page_end(WebCtx *c)
{
	html_printf(&c->rep->body, "</main></body></html>");
}

void web_csrf_field(WebCtx *c)
{
	html_printf(&c->rep->body, "<input type=\"hidden\" name=\"csrf\" value=\"%h\">",
	            c->user.csrf);
}

void web_redirect(WebCtx *c, const char *location)
{
	c->rep->status = 303;
	c->rep->location = location;
	buf_reset(&c->rep->body);
}

void web_error(WebCtx *c, int status, const char *message)
{
	c->rep->status = status;
	buf_reset(&c->rep->body);
	web_page_begin(c, status == 404 ? "Tidak ditemukan" : "Tidak dapat diproses");
	html_printf(&c->rep->body, "<p class=\"galat\">%h</p>", message);
	web_page_end(c);
}
