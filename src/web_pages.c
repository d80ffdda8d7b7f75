/*
** web_pages.c: the pages, in Bahasa Indonesia: sign-in and sign-out, the
** inbox (Kotak Masuk) and the case page, plus /healthz and /metrics. Every
** value reaches HTML through html_printf's %h. Handlers run after
** web_route.c checked the session, rights and CSRF token.
*/
#include "web.h"
#include "util_json.h"

#include "sop.h"
#include "web_svg.h"

#include <stdio.h>
#include <string.h>

void page_healthz(WebCtx *c)
{
	c->rep->content_type = "text/plain; charset=utf-8";
	buf_puts(&c->rep->body, /* text/plain */
	         db_int(c->db, -1, "SELECT 1", DB_END) == 1 ? "ok\n" : "db?\n");
}

/*
** For a Prometheus on the same machine (directly, not through the proxy)
** or an administrator: the counts say how busy the office is.
*/
void page_metrics(WebCtx *c)
{
	const char *r = c->req->remote;
	bool local = !c->req->forwarded && r && (!strcmp(r, "127.0.0.1") || !strcmp(r, "::1"));
	if (!local && !c->user.admin) {
		web_error(c, 403,
		          "Metrik hanya untuk pemantauan di server ini atau administrator.");
		return;
	}
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
	const char *changed = web_param(c->req->query, c->req->n_query, "sandi");
	login_form(c, NULL,
	           changed ? "Kata sandi telah diganti. Silakan masuk dengan kata sandi baru."
	                   : NULL);
}

static void password_form(WebCtx *c, const char *error)
{
	web_page_begin(c, "Ganti kata sandi");
	Buf *o = &c->rep->body;
	if (error)
		html_printf(o, "<p class=\"galat\" role=\"alert\">%h</p>", error);
	html_printf(o, "<form method=\"post\" action=\"/sandi\">");
	web_csrf_field(c);
	html_printf(o, "<label>Kata sandi lama <input name=\"lama\" type=\"password\" required "
	               "autocomplete=\"current-password\"></label>"
	               "<label>Kata sandi baru (minimal 8 karakter) <input name=\"baru\" "
	               "type=\"password\" required minlength=\"8\" autocomplete=\"new-password\">"
	               "</label><label>Ulangi kata sandi baru <input name=\"ulang\" "
	               "type=\"password\" required minlength=\"8\" "
	               "autocomplete=\"new-password\"></label><button>Simpan</button></form>");
	web_page_end(c);
}

void page_password_form(WebCtx *c)
{
	password_form(c, NULL);
}

void page_password(WebCtx *c)
{
	const char *old_pw = web_param(c->req->form, c->req->n_form, "lama");
	const char *new_pw = web_param(c->req->form, c->req->n_form, "baru");
	const char *again = web_param(c->req->form, c->req->n_form, "ulang");
	if (!new_pw || !again || strcmp(new_pw, again) != 0) {
		c->rep->status = 422;
		password_form(c, "Kedua isian kata sandi baru tidak sama.");
		return;
	}
	Buf err = BUF_INIT;
	if (web_password_change(c->db, c->user.person_id, old_pw, new_pw, &err) != 0) {
		c->rep->status = 422;
		password_form(c, buf_str(&err));
		buf_free(&err);
		return;
	}
	buf_free(&err);
	snprintf(c->rep->set_cookie, sizeof c->rep->set_cookie,
	         "sakip=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
	         c->req->tls ? "; Secure" : "");
	web_redirect(c, "/masuk?sandi=diganti");
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

typedef struct InboxArg {
	Buf *o, due;
	int n;
} InboxArg;

static void inbox_row(void *arg, const WfTaskRow *t)
{
	InboxArg *a = arg;
	if (a->n++ == 0)
		html_printf(a->o,
		            "<table><thead><tr><th>Perihal</th><th>Langkah</th><th>Batas waktu</th>"
		            "<th>Pelaksana</th></tr></thead><tbody>");
	buf_reset(&a->due);
	if (t->has_due)
		wf_cal_format(t->cal, t->due_at, &a->due);
	html_printf(a->o,
	            "<tr><td><a href=\"/kasus/%lld\">%h</a></td><td><a href=\"/tugas/%lld\">%d. "
	            "%h</a></td><td>%h",
	            (long long)t->case_id, t->subject, (long long)t->id, t->step_no, t->actor,
	            t->has_due ? buf_str(&a->due) : "-");
	if (t->overdue)
		html_printf(a->o, " <span class=\"terlambat\">terlambat</span>");
	html_printf(a->o, "</td><td>%h", t->position);
	if (t->as_acting)
		html_printf(a->o, " <span class=\"plt\">sebagai Plt/delegasi</span>");
	html_printf(a->o, "</td></tr>");
}

void page_inbox(WebCtx *c)
{
	web_page_begin(c, "Kotak Masuk");
	InboxArg a = {&c->rep->body, BUF_INIT, 0};
	wf_task_each(c->wf, c->user.person_id, c->now, inbox_row, &a);
	buf_free(&a.due);
	if (a.n)
		html_printf(a.o, "</tbody></table>");
	else
		html_printf(a.o, "<p>Tidak ada tugas yang menunggu Anda.</p>");
	web_page_end(c);
}

/*
** The SOP's flowchart with the case's progress: each step marked by its
** latest task (open: current; done or approved: done; returned: returned).
*/
static void case_flowchart(WebCtx *c, Buf *o)
{
	int64_t vid = db_int(c->db, 0, "SELECT sop_version_id FROM wf_case WHERE id=:c",
	                     DB_INT(":c", c->id), DB_END);
	Buf err = BUF_INIT;
	const Sop *sop = vid ? wf_sop(c->wf, vid, &err) : NULL;
	buf_free(&err);
	if (!sop)
		return;
	SvgMark *marks = xcalloc((size_t)sop->n_steps + 1, sizeof *marks);
	DbStmt *st =
	        db_query(c->db, "SELECT step_no, status FROM wf_task WHERE case_id=:c ORDER BY id",
	                 DB_INT(":c", c->id), DB_END);
	while (db_step(st) == DB_ROW) {
		const char *status = db_col_text(st, 1);
		SvgMark m = strcmp(status, "open") == 0        ? SVG_CURRENT
		            : strcmp(status, "returned") == 0  ? SVG_RETURNED
		            : strcmp(status, "cancelled") == 0 ? SVG_TODO
		                                               : SVG_DONE;
		for (int i = 0; i < sop->n_steps; i++)
			if (sop->steps[i].no == db_col_int(st, 0))
				marks[i] = m;
	}
	db_finalize(st);
	html_printf(o, "<h2>Diagram alir</h2><figure class=\"bagan\">");
	svg_flowchart(o, sop, marks);
	html_printf(o, "</figure>");
	free(marks);
}

/* A task's or case's status in Indonesian. */
static const char *status_id(const char *s)
{
	static const char *const names[][2] = {
	        {"open", "sedang berjalan"},         {"done", "selesai"},
	        {"approved", "disetujui"},           {"returned", "dikembalikan"},
	        {"unanswered", "tidak dijawab"},     {"cancelled", "dibatalkan"},
	        {"closed", "selesai dan diarsipkan"}};
	for (size_t i = 0; i < COUNT(names); i++)
		if (strcmp(s, names[i][0]) == 0)
			return names[i][1];
	return s;
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
	if (agency != mine && !c->user.admin && !web_case_visible(c, c->id)) {
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
	web_page_begin(c, json_text(k, "subject", "-"));
	Buf *o = &c->rep->body;
	html_printf(o, "<p>SOP <strong>%h</strong> (%h, versi %lld), %h. Status: %h.</p>",
	            json_text(k, "sop_name", "-"), json_text(k, "sop", "-"),
	            (long long)json_integer_value(json_object_get(k, "version")),
	            json_text(k, "agency", "-"), status_id(json_text(k, "status", "-")));
	case_flowchart(c, o);
	json_t *todo = wf_task_list_json(c->wf, c->id, c->user.person_id, false, c->now);
	size_t i;
	json_t *t;
	json_array_foreach (todo, i, t) {
		html_printf(
		        o,
		        "<p><a class=\"tombol\" href=\"/tugas/%lld\">Kerjakan langkah %lld: %h</a>"
		        "</p>",
		        (long long)json_integer_value(json_object_get(t, "id")),
		        (long long)json_integer_value(json_object_get(t, "step")),
		        json_text(t, "actor", "-"));
	}
	json_decref(todo);
	html_printf(o,
	            "<h2>Riwayat langkah</h2><table><thead><tr><th>Langkah</th><th>Pelaksana</th>"
	            "<th>Status</th><th>Oleh</th><th>Waktu</th></tr></thead><tbody>");
	json_array_foreach (json_object_get(k, "timeline"), i, t) {
		html_printf(o, "<tr><td>%lld</td><td>%h</td><td>%h",
		            (long long)json_integer_value(json_object_get(t, "step")),
		            json_text(t, "actor", "-"), status_id(json_text(t, "status", "-")));
		if (json_is_string(json_object_get(t, "return_reason")))
			html_printf(o, "<br>dikembalikan: %h", json_text(t, "return_reason", "-"));
		if (json_is_string(json_object_get(t, "reason")))
			html_printf(o, "<br>alasan: %h", json_text(t, "reason", "-"));
		html_printf(o, "</td><td>%h", json_text(t, "done_by", "-"));
		if (json_is_string(json_object_get(t, "acting_for")))
			html_printf(o, " (atas nama %h)", json_text(t, "acting_for", "-"));
		html_printf(o, "</td><td>%h", json_text(t, "done_at", "-"));
		if (json_is_string(json_object_get(t, "actual")))
			html_printf(o, "<br>%h, standar %h", json_text(t, "actual", "-"),
			            json_text(t, "standard", "-"));
		html_printf(o, "</td></tr>");
	}
	html_printf(o, "</tbody></table>");
	web_corrections_list(c, c->id);
	web_case_documents(c, c->id);
	json_t *notes = json_object_get(k, "notes");
	if (json_array_size(notes)) {
		html_printf(o, "<h2>Catatan</h2><ul>");
		json_array_foreach (notes, i, t)
			html_printf(o, "<li>%h, %h: %h</li>", json_text(t, "by", "-"),
			            json_text(t, "at", "-"), json_text(t, "text", "-"));
		html_printf(o, "</ul>");
	}
	json_decref(k);
	web_page_end(c);
}

/* ---- a task: what to do, and the forms to do it ---------------------------- */

bool web_task_load(WebCtx *c, TaskRow *t)
{
	DbStmt *st = db_query(c->db,
	                      "SELECT t.case_id, t.step_no, t.status, t.position_id, c.subject,"
	                      " c.agency_id, c.sop_version_id FROM wf_task t"
	                      " JOIN wf_case c ON c.id=t.case_id WHERE t.id=:t",
	                      DB_INT(":t", c->id), DB_END);
	bool ok = db_step(st) == DB_ROW;
	if (ok) {
		t->case_id = db_col_int(st, 0);
		t->step_no = (int)db_col_int(st, 1);
		snprintf(t->status, sizeof t->status, "%s", db_col_text(st, 2));
		t->position_id = db_col_int(st, 3);
		snprintf(t->subject, sizeof t->subject, "%s", db_col_text(st, 4));
		t->agency_id = db_col_int(st, 5);
		t->sop_version_id = db_col_int(st, 6);
	}
	db_finalize(st);
	return ok;
}

/* The words of a step's action on its button. */
static const char *action_button(const SopStep *st)
{
	const char *a = st->action ? st->action : "";
	if (strcmp(a, "sign") == 0)
		return "Tanda tangani dan selesai";
	if (strcmp(a, "paraf") == 0)
		return "Paraf dan selesai";
	if (strcmp(a, "archive") == 0)
		return "Arsipkan dan selesai";
	if (strcmp(a, "data.submit") == 0)
		return "Kirim data dan selesai";
	return "Selesai";
}

/*
** What a re-rendered task page shows again after a refusal: the error, the
** note and reason entered, the data form's problems per indicator, the
** correction form's problem (its entered values come from the request).
*/
typedef struct TaskForm {
	const char *error, *note, *reason;
	const WebParam *data_errors;
	int n_data_errors;
	const char *correct_error;
} TaskForm;

static const char *const file_accept = ".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.doc,.xls,.csv,.txt,.md";

/* The optional document of a step's completion or approval. */
static void step_file_input(Buf *o)
{
	html_printf(o,
	            "<label>Dokumen hasil langkah (boleh kosong; PDF, gambar, Word, Excel, "
	            "CSV atau teks, paling besar %d MB) <input type=\"file\" name=\"dokumen\" "
	            "accept=\"%h\"></label>",
	            WF_MAX_ATTACHMENT / (1024 * 1024), file_accept);
}

/*
** The head of a step's completing form (aksi: selesai or setujui): to the
** signing route when the step signs drafts (with its passphrase field), the
** note and the step's document; the caller adds the button and closes it.
*/
static void step_form_open(WebCtx *c, const TaskRow *t, const SopStep *st, long long task,
                           bool signs, const char *aksi, const char *note)
{
	Buf *o = &c->rep->body;
	html_printf(o,
	            "<form method=\"post\" action=\"/tugas/%lld%h\" "
	            "enctype=\"multipart/form-data\">",
	            task, signs ? "/tanda-tangan" : "");
	web_csrf_field(c);
	if (signs)
		web_sign_fields(c, t->case_id, st);
	html_printf(o,
	            "<input type=\"hidden\" name=\"aksi\" value=\"%h\">"
	            "<label>Catatan (boleh kosong) <textarea name=\"catatan\" "
	            "maxlength=\"8192\">%h</textarea></label>",
	            aksi, note);
	step_file_input(o);
}

/*
** The task page: the step as the SOP describes it, and the forms for what
** the holder may do. Those who may not act on it are refused.
*/
static void task_page_form(WebCtx *c, const TaskRow *t, const TaskForm *f)
{
	Buf err = BUF_INIT;
	const Sop *sop = wf_sop(c->wf, t->sop_version_id, &err);
	buf_free(&err);
	const SopStep *st = sop ? sop_step(sop, t->step_no) : NULL;
	if (!st) {
		web_error(c, 500, "Definisi SOP kasus ini tidak dapat dibaca.");
		return;
	}
	const SopActor *actor = sop_actor(sop, st->actor);
	char title[64];
	snprintf(title, sizeof title, "Tugas langkah %d", t->step_no);
	web_page_begin(c, title);
	Buf *o = &c->rep->body;
	html_printf(o, "<p>Kasus <a href=\"/kasus/%lld\">%h</a>, SOP %h.</p>",
	            (long long)t->case_id, t->subject, sop->name);
	if (f->error)
		html_printf(o, "<p class=\"galat\" role=\"alert\">%h</p>", f->error);
	html_printf(o, "<dl><dt>Kegiatan</dt><dd>%h</dd><dt>Pelaksana</dt><dd>%h</dd>",
	            st->activity, actor ? actor->label : st->actor);
	if (st->inputs)
		html_printf(o, "<dt>Kelengkapan</dt><dd>%h</dd>", st->inputs);
	if (st->duration.text)
		html_printf(o, "<dt>Waktu</dt><dd>%h</dd>", st->duration.text);
	if (st->output)
		html_printf(o, "<dt>Output</dt><dd>%h</dd>", st->output);
	if (st->note)
		html_printf(o, "<dt>Keterangan</dt><dd>%h</dd>", st->note);
	html_printf(o, "</dl>");
	if (strcmp(t->status, "open") != 0) {
		html_printf(o, "<p>Tugas ini sudah selesai (%h).</p>", t->status);
		web_page_end(c);
		return;
	}
	const char *note = f->note ? f->note : "";
	long long action = (long long)c->id;
	/* A paraf or sign step with drafts to sign posts its passphrase to the ALONE route. */
	bool signs = web_sign_needed(c, t->case_id, st);
	if (st->kind == SOP_DECISION) {
		/* The corrections under review, so the reviewer sees what the paraf approves. */
		web_corrections_list(c, t->case_id);
		step_form_open(c, t, st, action, signs, "setujui", note);
		const char *act = st->action ? st->action : "";
		html_printf(o,
		            "<button>%h</button></form>"
		            "<form method=\"post\" action=\"/tugas/%lld\">",
		            strcmp(act, "sign") == 0    ? "Setujui dan tanda tangani"
		            : strcmp(act, "paraf") == 0 ? "Setujui (paraf)"
		                                        : "Setujui",
		            action);
		web_csrf_field(c);
		html_printf(o,
		            "<input type=\"hidden\" name=\"aksi\" value=\"kembalikan\">"
		            "<label>Alasan pengembalian (wajib) <textarea name=\"alasan\" required "
		            "maxlength=\"8192\">%h</textarea></label>"
		            "<button>Kembalikan untuk perbaikan</button></form>",
		            f->reason ? f->reason : "");
	} else {
		if (st->action && strcmp(st->action, "data.submit") == 0)
			web_data_form(c, t->case_id, t->agency_id, f->data_errors,
			              f->n_data_errors);
		if (st->action && strcmp(st->action, "data.correct") == 0)
			web_correct_form(c, t->case_id, t->agency_id, f->correct_error);
		if (st->action && strcmp(st->action, "lkj.draft") == 0)
			web_lkj_form(c, c->id, t->case_id);
		if (st->action &&
		    (strncmp(st->action, "data.", 5) == 0 || strcmp(st->action, "lkj.draft") == 0))
			html_printf(o, "<h2>Selesaikan langkah</h2>");
		step_form_open(c, t, st, action, signs, "selesai", note);
		html_printf(o, "<button>%h</button></form>", action_button(st));
	}
	/* A supporting document, kept with the case without completing the step. */
	html_printf(o,
	            "<h2>Dokumen pendukung</h2><form method=\"post\" "
	            "action=\"/tugas/%lld/dokumen\" enctype=\"multipart/form-data\">",
	            action);
	web_csrf_field(c);
	html_printf(o,
	            "<label>Berkas <input type=\"file\" name=\"berkas\" required "
	            "accept=\"%h\"></label><button>Unggah dokumen</button></form>",
	            file_accept);
	web_page_end(c);
}

static void task_page(WebCtx *c, const TaskRow *t, const char *error, const char *note,
                      const char *reason)
{
	TaskForm f = {error, note, reason, NULL, 0, NULL};
	task_page_form(c, t, &f);
}

/* Load the task of the path and check that the person may act on it. */
static bool task_allowed(WebCtx *c, TaskRow *t)
{
	if (!web_task_load(c, t)) {
		web_error(c, 404, "Tugas tidak ditemukan.");
		return false;
	}
	int64_t acting = 0;
	if (!wf_may_act(c->wf, t->position_id, c->user.person_id, c->now, &acting)) {
		web_error(c, 403,
		          "Tugas ini bukan untuk Anda: jabatan pelaksananya dipegang orang lain.");
		return false;
	}
	return true;
}

void page_task(WebCtx *c)
{
	TaskRow t;
	if (task_allowed(c, &t))
		task_page(c, &t, NULL, NULL, NULL);
}

/* The step of a task, or NULL. */
static const SopStep *task_step(WebCtx *c, const TaskRow *t)
{
	Buf err = BUF_INIT;
	const Sop *sop = wf_sop(c->wf, t->sop_version_id, &err);
	buf_free(&err);
	return sop ? sop_step(sop, t->step_no) : NULL;
}

void page_task_act(WebCtx *c)
{
	TaskRow t;
	if (!task_allowed(c, &t))
		return;
	const char *aksi = web_param(c->req->form, c->req->n_form, "aksi");
	const char *note = web_param(c->req->form, c->req->n_form, "catatan");
	const char *reason = web_param(c->req->form, c->req->n_form, "alasan");
	if (note && !*note)
		note = NULL;
	WfAct act = {c->id, c->user.person_id, WF_DONE, NULL, note, NULL, NULL};
	/*
	** The signing key's passphrase of a paraf or sign step (web_sign_fields), taken
	** only on the route that runs alone (/tugas/{id}/tanda-tangan): unlocking a key
	** costs an argon2id hash, which must not run inside the group commit.
	*/
	size_t plen = strlen(c->req->path);
	if (plen > 13 && strcmp(c->req->path + plen - 13, "/tanda-tangan") == 0)
		act.passphrase = web_param(c->req->form, c->req->n_form, "frasa");
	const SopStep *step = task_step(c, &t);
	const char *step_action = step && step->action ? step->action : "";
	bool open = strcmp(t.status, "open") == 0;
	if (aksi && strcmp(aksi, "simpan") == 0 && open &&
	    strcmp(step_action, "data.submit") == 0) {
		WebParam errors[WEB_MAX_PARAMS];
		int n = web_data_save(c, t.case_id, t.agency_id, errors, WEB_MAX_PARAMS);
		if (n) {
			c->rep->status = 422;
			TaskForm f = {NULL, NULL, NULL, errors, n, NULL};
			task_page_form(c, &t, &f);
		} else {
			web_redirect(c,
			             arena_printf(c->req->arena, "/tugas/%lld", (long long)c->id));
		}
		return;
	}
	if (aksi && strcmp(aksi, "usulkan") == 0 && open &&
	    strcmp(step_action, "data.correct") == 0) {
		Buf msg = BUF_INIT;
		if (!web_correct_save(c, t.case_id, &msg)) {
			c->rep->status = 422;
			TaskForm f = {NULL, NULL, NULL,
			              NULL, 0,    arena_strdup(c->req->arena, buf_str(&msg))};
			task_page_form(c, &t, &f);
		} else {
			web_redirect(c, arena_printf(c->req->arena, "/tugas/%lld#perbaikan",
			                             (long long)c->id));
		}
		buf_free(&msg);
		return;
	}
	if (aksi && strcmp(aksi, "setujui") == 0)
		act.outcome = WF_APPROVE;
	else if (aksi && strcmp(aksi, "kembalikan") == 0) {
		act.outcome = WF_RETURN;
		act.reason = reason;
		if (!reason || !*reason) {
			c->rep->status = 422;
			task_page(c, &t, "Alasan pengembalian wajib diisi.", note, reason);
			return;
		}
	} else if (!aksi || strcmp(aksi, "selesai") != 0) {
		c->rep->status = 422;
		task_page(c, &t, "Aksi tidak dikenal.", note, reason);
		return;
	}
	if (!open) {
		c->rep->status = 409;
		task_page(c, &t, "Tugas ini sudah diselesaikan orang lain; tidak ada yang diubah.",
		          NULL, NULL);
		return;
	}
	/* The step's document, with a completion or an approval (a return takes none). */
	WfFile file;
	Buf msg = BUF_INIT;
	int got = act.outcome == WF_RETURN ? 0 : web_upload(c, "dokumen", &file, &msg);
	if (got < 0) {
		c->rep->status = 422;
		task_page(c, &t, arena_strdup(c->req->arena, buf_str(&msg)), note, reason);
		buf_free(&msg);
		return;
	}
	buf_free(&msg);
	if (got == 1)
		act.file = &file;
	/* Said in Indonesian before the engine says it in English. */
	if (strcmp(step_action, "data.correct") == 0 && act.outcome == WF_DONE &&
	    db_exists(c->db, "SELECT 1 FROM indicator WHERE agency_id=:a",
	              DB_INT(":a", t.agency_id), DB_END) &&
	    !db_exists(c->db, "SELECT 1 FROM realisasi WHERE case_id=:c AND status='proposed'",
	               DB_INT(":c", t.case_id), DB_END)) {
		c->rep->status = 422;
		task_page(c, &t,
		          "Usulkan minimal satu perbaikan data sebelum menyelesaikan langkah ini; "
		          "tidak ada yang diubah.",
		          note, reason);
		return;
	}
	Buf err = BUF_INIT;
	if (wf_task_act(c->wf, &act, c->now, &err) != 0) {
		/* The engine's reason, in English, after a sentence in Indonesian. */
		Buf why = BUF_INIT;
		buf_puts(&why, "Tidak dapat diproses; tidak ada yang diubah. (");
		buf_puts(&why, buf_str(&err));
		buf_puts(&why, ")");
		c->rep->status = 409;
		TaskRow fresh;
		task_page(c, web_task_load(c, &fresh) ? &fresh : &t, buf_str(&why), note, reason);
		buf_free(&why);
		buf_free(&err);
		return;
	}
	buf_free(&err);
	char *to = arena_printf(c->req->arena, "/kasus/%lld", (long long)t.case_id);
	web_redirect(c, to);
}

void page_task_upload(WebCtx *c)
{
	TaskRow t;
	if (!web_task_load(c, &t)) {
		web_error(c, 404, "Tugas tidak ditemukan.");
		return;
	}
	int64_t acting = 0;
	if (!web_case_participant(c, t.case_id, &acting)) {
		web_error(c, 403,
		          "Hanya pejabat yang terlibat dalam kasus ini yang dapat "
		          "mengunggah dokumen.");
		return;
	}
	WfFile file;
	Buf msg = BUF_INIT;
	int got = web_upload(c, "berkas", &file, &msg);
	if (got == 0)
		buf_puts(&msg, "Pilih berkas yang diunggah.");
	Buf err = BUF_INIT;
	char sha[65];
	WfCaseRow k;
	if (got == 1) {
		if (db_begin_write(c->db) != DB_OK) {
			buf_puts(&msg, "Basis data sedang sibuk; coba lagi.");
			got = -1;
		} else if (wf_case_load(c->wf, t.case_id, &k, &err) != 0) {
			db_rollback(c->db);
			buf_puts(&msg,
			         "Kasus ini sudah selesai atau dibatalkan; dokumen tidak dapat "
			         "ditambahkan.");
			got = -1;
		} else if (wf_attach(c->wf, t.case_id, c->id, c->user.person_id, acting, &file,
		                     false, c->now, sha, &err) != 0 ||
		           db_commit(c->db) != DB_OK) {
			db_rollback(c->db);
			buf_printf(&msg,
			           "Dokumen tidak dapat disimpan; tidak ada yang diubah. (%s)",
			           buf_str(&err));
			got = -1;
		}
	}
	if (got != 1) {
		/* Back to the task page when it is one's own, else a plain refusal. */
		int64_t dummy;
		c->rep->status = 422;
		const char *m = arena_strdup(c->req->arena, buf_str(&msg));
		if (wf_may_act(c->wf, t.position_id, c->user.person_id, c->now, &dummy))
			task_page(c, &t, m, NULL, NULL);
		else
			web_error(c, 422, m);
	} else {
		web_redirect(c, arena_printf(c->req->arena, "/kasus/%lld#dokumen",
		                             (long long)t.case_id));
	}
	buf_free(&msg);
	buf_free(&err);
}
