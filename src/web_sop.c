/*
** web_sop.c: the SOP library pages. /sop lists every SOP with its latest
** version; /sop/{id} shows one as the official document does: the
** identity block, the flowchart, the table of steps with their Mutu Baku,
** the versions, and the form that starts a case for whoever may do the
** first step. POST /kasus starts it, once per form: the form carries a
** one-time key (web_once), so a double click or a resent request leads to
** the case the first one started instead of a second case. Values reach
** HTML only through %h.
*/
#include "web.h"

#include "report.h"
#include "sop.h"
#include "web_svg.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

/*
** One-time keys of the case-start form: ONCE_BYTES random bytes, hex in
** the form. A key is kept a day (ONCE_KEEP seconds).
*/
enum { ONCE_BYTES = 32, ONCE_KEEP = 86400 };

void page_sop_list(WebCtx *c)
{
	SopRow *rows = NULL;
	int n = sop_store_list(c->db, c->req->arena, &rows);
	web_page_begin(c, "Pustaka SOP");
	Buf *o = &c->rep->body;
	html_printf(o, "<table><thead><tr><th>Nama SOP</th><th>Nomor</th><th>Instansi</th>"
	               "<th>Versi</th><th>Langkah</th></tr></thead><tbody>");
	for (int i = 0; i < n; i++) {
		html_printf(
		        o,
		        "<tr><td><a href=\"/sop/%lld\">%h</a><br><small>%h</small></td><td>%h</td>"
		        "<td>%h</td><td>%d</td><td>%d</td></tr>",
		        (long long)rows[i].id, rows[i].name, rows[i].code,
		        rows[i].number ? rows[i].number : "-",
		        rows[i].agency ? rows[i].agency : "-", rows[i].version, rows[i].n_steps);
	}
	html_printf(o, "</tbody></table>");
	web_page_end(c);
}

/* An ISO date as "02 Januari 2023", or "-". */
static void date_cell(Buf *o, const char *iso)
{
	Buf d = BUF_INIT;
	if (iso)
		fmt_date_id(&d, iso);
	html_printf(o, "<td>%h</td>", iso ? buf_str(&d) : "-");
	buf_free(&d);
}

static void list_cell(Buf *o, const char *title, const SopList *l)
{
	html_printf(o, "<tr><th>%h</th><td colspan=\"3\">", title);
	if (l->n == 0)
		html_printf(o, "-");
	else {
		html_printf(o, "<ol>");
		for (int i = 0; i < l->n; i++)
			html_printf(o, "<li>%h</li>", l->items[i]);
		html_printf(o, "</ol>");
	}
	html_printf(o, "</td></tr>");
}

/* The identity block, laid out as on the SOP's first page. */
static void identity_block(Buf *o, const Sop *s)
{
	html_printf(o, "<table class=\"identitas\"><tbody><tr><th>Instansi</th><td>%h<br>%h",
	            s->government ? s->government : "", s->agency ? s->agency : "");
	if (s->unit)
		html_printf(o, "<br>%h", s->unit);
	html_printf(o, "</td><th>Nomor SOP</th><td>%h</td></tr><tr><th>Tanggal Pembuatan</th>",
	            s->number ? s->number : "-");
	date_cell(o, s->created);
	html_printf(o, "<th>Tanggal Revisi</th>");
	date_cell(o, s->revised);
	html_printf(o, "</tr><tr><th>Tanggal Efektif</th>");
	date_cell(o, s->effective);
	html_printf(o, "<th>Disahkan oleh</th><td>%h<br><strong>%h</strong>",
	            s->approved_by.title ? s->approved_by.title : "-",
	            s->approved_by.name ? s->approved_by.name : "");
	if (s->approved_by.rank)
		html_printf(o, "<br>%h", s->approved_by.rank);
	if (s->approved_by.nip) {
		Buf nip = BUF_INIT;
		fmt_nip(&nip, s->approved_by.nip);
		html_printf(o, "<br>NIP %h", buf_str(&nip));
		buf_free(&nip);
	}
	html_printf(
	        o, "</td></tr><tr><th>Nama SOP</th><td colspan=\"3\"><strong>%h</strong></td></tr>",
	        s->name);
	list_cell(o, "Dasar Hukum", &s->legal_basis);
	list_cell(o, "Kualifikasi Pelaksana", &s->qualifications);
	list_cell(o, "Keterkaitan", &s->related);
	list_cell(o, "Peralatan/Perlengkapan", &s->equipment);
	html_printf(o,
	            "<tr><th>Peringatan</th><td colspan=\"3\">%h</td></tr>"
	            "<tr><th>Pencatatan dan Pendataan</th><td colspan=\"3\">%h</td></tr>"
	            "</tbody></table>",
	            s->warning ? s->warning : "-", s->records ? s->records : "-");
}

static void steps_table(Buf *o, const Sop *s)
{
	html_printf(o, "<h2>Uraian prosedur</h2><table><thead><tr><th>No</th><th>Kegiatan</th>"
	               "<th>Pelaksana</th><th>Kelengkapan</th><th>Waktu</th><th>Output</th>"
	               "<th>Keterangan</th></tr></thead><tbody>");
	for (int i = 0; i < s->n_steps; i++) {
		const SopStep *st = &s->steps[i];
		const SopActor *a = sop_actor(s, st->actor);
		html_printf(o, "<tr><td>%d</td><td>%h", st->no, st->activity);
		if (st->kind == SOP_DECISION && st->on_reject)
			html_printf(o, "<br><small>tidak: kembali ke langkah %d</small>",
			            st->on_reject);
		html_printf(o, "</td><td>%h</td><td>%h</td><td>%h</td><td>%h</td><td>%h</td></tr>",
		            a ? a->label : st->actor, st->inputs ? st->inputs : "",
		            st->duration.text ? st->duration.text : "",
		            st->output ? st->output : "", st->note ? st->note : "");
	}
	html_printf(o, "</tbody></table>");
}

/* The person's agency, if they may do step 1 of this SOP there (0 if not). */
int64_t web_starter_agency(WebCtx *c, const Sop *s)
{
	if (s->n_steps == 0)
		return 0;
	int64_t agency = db_int(c->db, 0, "SELECT agency_id FROM person WHERE id=:p",
	                        DB_INT(":p", c->user.person_id), DB_END);
	int64_t acting = 0;
	return agency && wf_may_act_as(c->wf, agency, s->code, s->steps[0].actor, c->user.person_id,
	                               c->now, &acting)
	               ? agency
	               : 0;
}

/* The SOP page; error (and the typed subject) when a start was refused. */
static void sop_page(WebCtx *c, int64_t sop_id, const char *error, const char *subject,
                     const char *period)
{
	char ref[24];
	snprintf(ref, sizeof ref, "%lld", (long long)sop_id);
	Buf err = BUF_INIT;
	int64_t vid = sop_store_resolve(c->db, ref, 0, &err);
	const Sop *s = vid ? wf_sop(c->wf, vid, &err) : NULL;
	buf_free(&err);
	if (!s) {
		web_error(c, 404, "SOP tidak ditemukan.");
		return;
	}
	web_page_begin(c, s->name);
	Buf *o = &c->rep->body;
	html_printf(o, "<p>%h, versi %d.</p>", s->code, s->version);
	if (error)
		html_printf(o, "<p class=\"galat\" role=\"alert\">%h</p>", error);
	if (web_starter_agency(c, s)) {
		html_printf(o, "<h2>Mulai kasus</h2><form method=\"post\" action=\"/kasus\">");
		web_csrf_field(c);
		/* A fresh one-time key each time the form is drawn (see page_case_start). */
		unsigned char raw[ONCE_BYTES];
		char key[2 * ONCE_BYTES + 1];
		randombytes_buf(raw, sizeof raw);
		sodium_bin2hex(key, sizeof key, raw, sizeof raw);
		html_printf(o, "<input type=\"hidden\" name=\"kunci\" value=\"%h\">", key);
		html_printf(o,
		            "<input type=\"hidden\" name=\"sop\" value=\"%h\">"
		            "<label>Perihal <input name=\"perihal\" required maxlength=\"500\" "
		            "value=\"%h\"></label><label>Periode (mis. TW III 2026) <input "
		            "name=\"periode\" maxlength=\"40\" value=\"%h\"></label>",
		            s->code, subject ? subject : "", period ? period : "");
		/* Steps whose Waktu is set per case ("sesuai jadwal") need their date now. */
		for (int i = 0; i < s->n_steps; i++) {
			const SopStep *step = &s->steps[i];
			if (!step->duration.present || step->duration.unit != SOP_PER_CASE)
				continue;
			char name[24];
			snprintf(name, sizeof name, "batas_%d", step->no);
			const char *v = web_param(c->req->form, c->req->n_form, name);
			html_printf(o,
			            "<label>Batas waktu langkah %d (%h) <input type=\"date\" "
			            "name=\"batas_%d\" required value=\"%h\"></label>",
			            step->no,
			            step->duration.text ? step->duration.text : "per kasus",
			            step->no, v ? v : "");
		}
		html_printf(o, "<button>Mulai</button></form>");
	}
	html_printf(o, "<p><a href=\"/sop/%lld/dokumen\">Unduh dokumen SOP (PDF)</a></p>",
	            (long long)sop_id);
	identity_block(o, s);
	html_printf(o, "<h2>Diagram alir</h2><figure class=\"bagan\">");
	svg_flowchart(o, s, NULL);
	html_printf(o, "</figure>");
	steps_table(o, s);
	html_printf(o, "<h2>Versi</h2><ul>");
	DbStmt *st = db_query(c->db,
	                      "SELECT version, status, origin, created_at FROM sop_version"
	                      " WHERE sop_id=:s ORDER BY version DESC",
	                      DB_INT(":s", sop_id), DB_END);
	while (db_step(st) == DB_ROW)
		html_printf(o, "<li>versi %lld (%h, %h), %h</li>", (long long)db_col_int(st, 0),
		            db_col_text(st, 1), db_col_text(st, 2), db_col_text(st, 3));
	db_finalize(st);
	html_printf(o, "</ul>");
	web_page_end(c);
}

void page_sop(WebCtx *c)
{
	sop_page(c, c->id, NULL, NULL, NULL);
}

/*
** GET /sop/{id}/dokumen[?versi=N]: the official SOP document (doc_sop.c)
** of the latest active version, or of version N, as a PDF download. The
** SOP library is open to every signed-in official, and so is this.
*/
void page_sop_document(WebCtx *c)
{
	const char *v = web_param(c->req->query, c->req->n_query, "versi");
	int version = 0;
	if (v && *v) {
		if (!str_is_digits(v) || strlen(v) > 6 || atoi(v) < 1) {
			web_error(c, 400, "Versi harus berupa angka, mis. versi=2.");
			return;
		}
		version = atoi(v);
	}
	char ref[24];
	snprintf(ref, sizeof ref, "%lld", (long long)c->id);
	Buf err = BUF_INIT;
	int64_t vid = sop_store_resolve(c->db, ref, version, &err);
	const Sop *s = vid ? wf_sop(c->wf, vid, &err) : NULL;
	if (!s) {
		buf_free(&err);
		web_error(c, 404,
		          version ? "Versi SOP ini tidak ditemukan." : "SOP tidak ditemukan.");
		return;
	}
	int n = (int)db_int(c->db, 0, "SELECT version FROM sop_version WHERE id=:v",
	                    DB_INT(":v", vid), DB_END);
	if (report_sop(c->wf, vid, DOC_PDF, &c->rep->body, &err) != 0) {
		log_error("SOP document %lld: %s", (long long)vid, buf_str(&err));
		buf_free(&err);
		buf_reset(&c->rep->body);
		web_error(c, 500, "Dokumen SOP tidak dapat dibuat. Coba lagi nanti.");
		return;
	}
	buf_free(&err);
	c->rep->content_type = "application/pdf";
	/* A stored code is [a-z0-9-] (sop_code_valid), so the name cannot break the header. */
	c->rep->disposition = arena_printf(c->req->arena, "attachment; filename=\"sop-%s-v%d.pdf\"",
	                                   sop_code_valid(s->code) ? s->code : "dokumen", n);
}

/* Whether key is what the form sends: 2 * ONCE_BYTES lowercase hex digits. */
static bool once_key_valid(const char *key)
{
	if (!key || strlen(key) != 2 * ONCE_BYTES)
		return false;
	for (const char *p = key; *p; p++)
		if (!strchr("0123456789abcdef", *p))
			return false;
	return true;
}

typedef enum OnceClaim {
	ONCE_CLAIMED, /* the key is this request's now: start the case */
	ONCE_DONE,    /* a case was started with it already: *case_id */
	ONCE_FOREIGN, /* another person's key */
	ONCE_BUSY,    /* another request with the key is still at work, or the database is */
} OnceClaim;

/*
** Claim a form's one-time key for the signed-in person, in a write of its
** own (wf_case_start() opens the next one), purging keys older than
** ONCE_KEEP on the way. In the server all three writes (claim, start,
** settle) run one after another in the same group commit, so a key held
** without a case is the first of a double click still at work in another
** process, or a settle that failed: BUSY, never a wait (waiting here
** would hold up every other write of the batch).
*/
static OnceClaim once_claim(WebCtx *c, const char *key, int64_t *case_id)
{
	if (db_begin_write(c->db) != DB_OK)
		return ONCE_BUSY;
	db_exec(c->db, "DELETE FROM web_once WHERE created_at < :old",
	        DB_INT(":old", (int64_t)c->now - ONCE_KEEP), DB_END);
	int64_t person = 0, made = 0;
	DbStmt *st = db_query(c->db, "SELECT person_id, case_id FROM web_once WHERE key=:k",
	                      DB_TEXT(":k", key), DB_END);
	bool found = db_step(st) == DB_ROW;
	if (found) {
		person = db_col_int(st, 0);
		made = db_col_null(st, 1) ? 0 : db_col_int(st, 1);
	}
	db_finalize(st);
	if ((!found && db_exec(c->db,
	                       "INSERT INTO web_once(key, person_id, case_id, created_at)"
	                       " VALUES(:k, :p, NULL, :t)",
	                       DB_TEXT(":k", key), DB_INT(":p", c->user.person_id),
	                       DB_INT(":t", (int64_t)c->now), DB_END) != DB_OK) ||
	    db_commit(c->db) != DB_OK) {
		db_rollback(c->db);
		return ONCE_BUSY;
	}
	if (!found)
		return ONCE_CLAIMED;
	if (person != c->user.person_id)
		return ONCE_FOREIGN;
	if (!made)
		return ONCE_BUSY;
	*case_id = made;
	return ONCE_DONE;
}

/* Record the case a claimed key started, or (case_id 0) give the key up. */
static void once_settle(WebCtx *c, const char *key, int64_t case_id)
{
	int rc = db_begin_write(c->db);
	if (rc == DB_OK)
		rc = case_id ? db_exec(c->db, "UPDATE web_once SET case_id=:c WHERE key=:k",
		                       DB_INT(":c", case_id), DB_TEXT(":k", key), DB_END)
		             : db_exec(c->db,
		                       "DELETE FROM web_once WHERE key=:k AND case_id IS NULL",
		                       DB_TEXT(":k", key), DB_END);
	if (rc == DB_OK)
		rc = db_commit(c->db);
	if (rc != DB_OK) {
		/* The case stands either way; only a resend of this form is not recognised. */
		log_warn("web_once %s: %s", case_id ? "record" : "release", db_errmsg(c->db));
		db_rollback(c->db);
	}
}

void page_case_start(WebCtx *c)
{
	const char *code = web_param(c->req->form, c->req->n_form, "sop");
	const char *subject = web_param(c->req->form, c->req->n_form, "perihal");
	const char *period = web_param(c->req->form, c->req->n_form, "periode");
	int64_t sop_id = code ? db_int(c->db, 0, "SELECT id FROM sop WHERE code=:c",
	                               DB_TEXT(":c", code), DB_END)
	                      : 0;
	if (!sop_id) {
		web_error(c, 404, "SOP tidak ditemukan.");
		return;
	}
	if (period && !*period)
		period = NULL;
	if (!subject || !*subject) {
		c->rep->status = 422;
		sop_page(c, sop_id, "Perihal wajib diisi.", subject, period);
		return;
	}
	Buf err = BUF_INIT;
	int64_t vid = sop_store_resolve(c->db, code, 0, &err);
	const Sop *s = vid ? wf_sop(c->wf, vid, &err) : NULL;
	int64_t agency = s ? web_starter_agency(c, s) : 0;
	if (!agency) {
		buf_free(&err);
		web_error(c, 403, "Anda tidak memegang jabatan pelaksana langkah pertama SOP ini.");
		return;
	}
	WfDeadline deadlines[16];
	int n_deadlines = 0;
	for (int i = 0; i < s->n_steps && n_deadlines < (int)COUNT(deadlines); i++) {
		char name[24];
		snprintf(name, sizeof name, "batas_%d", s->steps[i].no);
		const char *v = web_param(c->req->form, c->req->n_form, name);
		if (v && *v)
			deadlines[n_deadlines++] = (WfDeadline){s->steps[i].no, v};
	}
	/* At most one case per form: a resend of the same form leads to the first one's case. */
	const char *key = web_param(c->req->form, c->req->n_form, "kunci");
	if (!once_key_valid(key)) {
		buf_free(&err);
		c->rep->status = 400;
		sop_page(
		        c, sop_id,
		        "Formulir ini tidak lengkap atau dari halaman lama; tidak ada yang diubah. "
		        "Periksa isiannya lalu tekan Mulai lagi.",
		        subject, period);
		return;
	}
	int64_t case_id = 0;
	switch (once_claim(c, key, &case_id)) {
	case ONCE_CLAIMED:
		break;
	case ONCE_DONE:
		buf_free(&err);
		web_redirect(c, arena_printf(c->req->arena, "/kasus/%lld", (long long)case_id));
		return;
	case ONCE_FOREIGN:
		buf_free(&err);
		web_error(c, 403, "Formulir ini bukan milik Anda. Muat ulang halaman SOP.");
		return;
	case ONCE_BUSY:
		buf_free(&err);
		web_error(
		        c, 409,
		        "Kasus dari formulir ini sedang dimulai. Lihat Kotak Masuk sebentar lagi; "
		        "jangan kirim formulir ini lagi.");
		return;
	}
	WfStart req = {code, agency, subject, period, deadlines, n_deadlines, c->user.person_id};
	if (wf_case_start(c->wf, &req, c->now, &case_id, &err) != 0) {
		once_settle(c, key, 0);
		Buf msg = BUF_INIT;
		buf_puts(&msg, "Kasus tidak dapat dimulai; tidak ada yang diubah. (");
		buf_puts(&msg, buf_str(&err));
		buf_puts(&msg, ")");
		c->rep->status = 422;
		sop_page(c, sop_id, buf_str(&msg), subject, period);
		buf_free(&msg);
		buf_free(&err);
		return;
	}
	buf_free(&err);
	once_settle(c, key, case_id);
	web_redirect(c, arena_printf(c->req->arena, "/kasus/%lld", (long long)case_id));
}
