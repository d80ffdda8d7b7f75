/*
** web_pages.c: the pages, in Bahasa Indonesia: sign-in and sign-out, the
** inbox (Kotak Masuk) and the case page, plus /healthz and /metrics. Every
** value reaches HTML through html_printf's %h. Handlers run after
** web_route.c checked the session, rights and CSRF token.
*/
#include "web.h"

#include <stdio.h>
#include <string.h>

void page_healthz(WebCtx *c)
{
	c->rep->content_type = "text/plain; charset=utf-8";
	buf_puts(&c->rep->body, db_int(c->db, -1, "SELECT 1", DB_END) == 1 ? "ok\n" : "db?\n");
}

void page_metrics(WebCtx *c)
{
	c->rep->content_type = "text/plain; version=0.0.4; charset=utf-8";
	web_metrics_write(c->app, &c->rep->body);
}

static void login_form(WebCtx *c, const char *login, const char *error)
{
	web_page_begin(c, "Masuk");
	Buf *o = &c->rep->body;
	if (error)
		html_printf(o, "<p class=\"galat\" role=\"alert\">%h</p>", error);
	html_printf(o,
	            "<form method=\"post\" action=\"/masuk\">"
	            "<label>Nama pengguna atau NIP <input name=\"login\" value=\"%h\" required "
	            "autocomplete=\"username\" autofocus></label>"
	            "<label>Kata sandi <input name=\"password\" type=\"password\" required "
	            "autocomplete=\"current-password\"></label>"
	            "<button>Masuk</button></form>",
	            login ? login : "");
	web_page_end(c);
}

void page_login_form(WebCtx *c)
{
	if (c->user.person_id) {
		web_redirect(c, "/kotak-masuk");
		return;
	}
	login_form(c, NULL, NULL);
}

void page_login(WebCtx *c)
{
	const char *login = web_param(c->req->form, c->req->n_form, "login");
	const char *password = web_param(c->req->form, c->req->n_form, "password");
	Buf err = BUF_INIT;
	WebUser u = {0};
	if (web_login(c->db, login, password, c->req->remote, c->now, &u, &err) != 0) {
		c->rep->status = 401;
		login_form(c, login, buf_str(&err));
		buf_free(&err);
		return;
	}
	buf_free(&err);
	snprintf(c->rep->set_cookie, sizeof c->rep->set_cookie,
	         "sakip=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200%s", u.session,
	         c->req->tls ? "; Secure" : "");
	web_redirect(c, "/kotak-masuk");
}

void page_logout(WebCtx *c)
{
	web_logout(c->db, c->user.session);
	snprintf(c->rep->set_cookie, sizeof c->rep->set_cookie,
	         "sakip=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
	         c->req->tls ? "; Secure" : "");
	web_redirect(c, "/masuk");
}

void page_home(WebCtx *c)
{
	web_redirect(c, "/kotak-masuk");
}

static const char *js(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "-";
}

void page_inbox(WebCtx *c)
{
	json_t *tasks = wf_task_list_json(c->wf, 0, c->user.person_id, false, c->now);
	web_page_begin(c, "Kotak Masuk");
	Buf *o = &c->rep->body;
	if (json_array_size(tasks) == 0) {
		html_printf(o, "<p>Tidak ada tugas yang menunggu Anda.</p>");
	} else {
		html_printf(o,
		            "<table><thead><tr><th>Perihal</th><th>Langkah</th><th>Batas waktu</th>"
		            "<th>Pelaksana</th></tr></thead><tbody>");
		size_t i;
		json_t *t;
		json_array_foreach (tasks, i, t) {
			char href[32];
			snprintf(href, sizeof href, "/kasus/%lld",
			         (long long)json_integer_value(json_object_get(t, "case")));
			html_printf(o, "<tr><td><a href=\"%s\">%h</a></td><td>%lld. %h</td><td>%h",
			            href, js(t, "subject"),
			            (long long)json_integer_value(json_object_get(t, "step")),
			            js(t, "actor"), js(t, "due_at"));
			if (json_is_true(json_object_get(t, "overdue")))
				html_printf(o, " <span class=\"terlambat\">terlambat</span>");
			html_printf(o, "</td><td>%h", js(t, "position"));
			if (json_is_true(json_object_get(t, "as_acting")))
				html_printf(o, " <span class=\"plt\">sebagai Plt/delegasi</span>");
			html_printf(o, "</td></tr>");
		}
		html_printf(o, "</tbody></table>");
	}
	json_decref(tasks);
	web_page_end(c);
}

void page_case(WebCtx *c)
{
	/* Officials see the cases of their own agency; administrators all. */
	int64_t agency = db_int(c->db, 0, "SELECT agency_id FROM wf_case WHERE id=:c",
	                        DB_INT(":c", c->id), DB_END);
	int64_t mine = db_int(c->db, -1, "SELECT agency_id FROM person WHERE id=:p",
	                      DB_INT(":p", c->user.person_id), DB_END);
	if (!agency) {
		web_error(c, 404, "Kasus tidak ditemukan.");
		return;
	}
	if (agency != mine && !c->user.admin) {
		web_error(c, 403, "Kasus ini milik instansi lain.");
		return;
	}
	Buf err = BUF_INIT;
	json_t *k = wf_case_show_json(c->wf, c->id, c->now, &err);
	buf_free(&err);
	if (!k) {
		web_error(c, 404, "Kasus tidak ditemukan.");
		return;
	}
	web_page_begin(c, js(k, "subject"));
	Buf *o = &c->rep->body;
	html_printf(o, "<p>SOP <strong>%h</strong> (%h, versi %lld), %h. Status: %h.</p>",
	            js(k, "sop_name"), js(k, "sop"),
	            (long long)json_integer_value(json_object_get(k, "version")), js(k, "agency"),
	            js(k, "status"));
	html_printf(o,
	            "<h2>Riwayat langkah</h2><table><thead><tr><th>Langkah</th><th>Pelaksana</th>"
	            "<th>Status</th><th>Oleh</th><th>Waktu</th></tr></thead><tbody>");
	size_t i;
	json_t *t;
	json_array_foreach (json_object_get(k, "timeline"), i, t) {
		html_printf(o, "<tr><td>%lld</td><td>%h</td><td>%h",
		            (long long)json_integer_value(json_object_get(t, "step")),
		            js(t, "actor"), js(t, "status"));
		if (json_is_string(json_object_get(t, "return_reason")))
			html_printf(o, "<br>dikembalikan: %h", js(t, "return_reason"));
		if (json_is_string(json_object_get(t, "reason")))
			html_printf(o, "<br>alasan: %h", js(t, "reason"));
		html_printf(o, "</td><td>%h", js(t, "done_by"));
		if (json_is_string(json_object_get(t, "acting_for")))
			html_printf(o, " (atas nama %h)", js(t, "acting_for"));
		html_printf(o, "</td><td>%h", js(t, "done_at"));
		if (json_is_string(json_object_get(t, "actual")))
			html_printf(o, "<br>%h, standar %h", js(t, "actual"), js(t, "standard"));
		html_printf(o, "</td></tr>");
	}
	html_printf(o, "</tbody></table>");
	json_t *notes = json_object_get(k, "notes");
	if (json_array_size(notes)) {
		html_printf(o, "<h2>Catatan</h2><ul>");
		json_array_foreach (notes, i, t)
			html_printf(o, "<li>%h, %h: %h</li>", js(t, "by"), js(t, "at"),
			            js(t, "text"));
		html_printf(o, "</ul>");
	}
	json_decref(k);
	web_page_end(c);
}
