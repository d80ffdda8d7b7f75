/*
** web_sign.c: electronic paraf and signature on the web. /kunci: one's
** signing key (create it, change its passphrase); on the task page of a
** paraf or sign step with drafts to sign, the drafts and the passphrase
** field (web_sign_fields); and the public verification page of a QR
** code's address, /verifikasi/{hash}, with its upload check.
**
** Keys, signatures and verdicts are report_sign.c's; this file only
** shows them and reads forms.
*/
#include "web.h"
#include "util_json.h"

#include "report.h"

#include <stdio.h>
#include <string.h>

/* ---- /kunci ------------------------------------------------------------------ */

static void key_page(WebCtx *c, const char *error, const char *done)
{
	web_page_begin(c, "Kunci tanda tangan elektronik");
	Buf *o = &c->rep->body;
	if (error)
		html_printf(o, "<p class=\"galat\" role=\"alert\">%h</p>", error);
	if (done)
		html_printf(o, "<p role=\"status\">%h</p>", done);
	html_printf(o, "<p>Kunci ini dipakai untuk paraf dan tanda tangan elektronik pada "
	               "dokumen kasus. Bagian rahasianya disimpan terkunci dengan frasa sandi "
	               "yang hanya Anda ketahui; sakip tidak dapat memulihkannya bila frasa "
	               "sandi terlupa (kunci dicabut dan dibuat yang baru).</p>");
	DbStmt *q =
	        db_query(c->db,
	                 "SELECT public_key, created_at, revoked_at, revoked_reason FROM sign_key"
	                 " WHERE person_id=:p ORDER BY id DESC",
	                 DB_INT(":p", c->user.person_id), DB_END);
	int64_t agency = db_int(c->db, 0, "SELECT agency_id FROM person WHERE id=:p",
	                        DB_INT(":p", c->user.person_id), DB_END);
	bool active = false, any = false;
	while (db_step(q) == DB_ROW) {
		if (!any)
			html_printf(
			        o, "<h2>Kunci Anda</h2><table><thead><tr><th scope=\"col\">Sidik "
			           "kunci</th><th scope=\"col\">Dibuat</th><th scope=\"col\">Status"
			           "</th></tr></thead><tbody>");
		any = true;
		Buf made = BUF_INIT, revoked = BUF_INIT;
		report_time_id(c->wf, agency, (time_t)db_col_int(q, 1), &made);
		bool is_active = db_col_null(q, 2);
		active = active || is_active;
		if (!is_active)
			report_time_id(c->wf, agency, (time_t)db_col_int(q, 2), &revoked);
		char fp[17];
		snprintf(fp, sizeof fp, "%.16s", db_col_text(q, 0));
		html_printf(o, "<tr><td><code>%h</code></td><td>%h</td><td>", fp, buf_str(&made));
		if (is_active)
			html_printf(o, "berlaku");
		else
			html_printf(o, "dicabut %h: %h", buf_str(&revoked),
			            db_col_text(q, 3) ? db_col_text(q, 3) : "");
		html_printf(o, "</td></tr>");
		buf_free(&made);
		buf_free(&revoked);
	}
	db_finalize(q);
	if (any)
		html_printf(o, "</tbody></table>");
	if (!active) {
		html_printf(o, "<h2>Buat kunci</h2><form method=\"post\" action=\"/kunci\">");
		web_csrf_field(c);
		html_printf(
		        o,
		        "<label>Frasa sandi kunci (minimal %d karakter) <input name=\"frasa\" "
		        "type=\"password\" required minlength=\"%d\" autocomplete=\"new-password\">"
		        "</label><label>Ulangi frasa sandi <input name=\"ulang\" "
		        "type=\"password\" required minlength=\"%d\" autocomplete=\"new-password\">"
		        "</label><button>Buat kunci</button></form>",
		        REPORT_MIN_PASSPHRASE, REPORT_MIN_PASSPHRASE, REPORT_MIN_PASSPHRASE);
	} else {
		html_printf(o, "<h2>Ganti frasa sandi</h2><form method=\"post\" "
		               "action=\"/kunci/frasa\">");
		web_csrf_field(c);
		html_printf(
		        o,
		        "<label>Frasa sandi lama <input name=\"lama\" type=\"password\" required "
		        "autocomplete=\"current-password\"></label>"
		        "<label>Frasa sandi baru (minimal %d karakter) <input name=\"frasa\" "
		        "type=\"password\" required minlength=\"%d\" autocomplete=\"new-password\">"
		        "</label><label>Ulangi frasa sandi baru <input name=\"ulang\" "
		        "type=\"password\" required minlength=\"%d\" autocomplete=\"new-password\">"
		        "</label><button>Ganti frasa sandi</button></form>"
		        "<p>Kunci yang bocor atau frasa sandi yang terlupa: minta administrator "
		        "mencabut kunci (<code>sakip key revoke</code>), lalu buat yang baru.</p>",
		        REPORT_MIN_PASSPHRASE, REPORT_MIN_PASSPHRASE, REPORT_MIN_PASSPHRASE);
	}
	web_page_end(c);
}

void page_key(WebCtx *c)
{
	key_page(c, NULL, NULL);
}

/* The two new-passphrase fields must agree; else the page again with 422. */
static const char *new_passphrase(WebCtx *c)
{
	const char *p = web_param(c->req->form, c->req->n_form, "frasa");
	const char *again = web_param(c->req->form, c->req->n_form, "ulang");
	if (!p || !again || strcmp(p, again) != 0) {
		c->rep->status = 422;
		key_page(c, "Kedua isian frasa sandi tidak sama; tidak ada yang diubah.", NULL);
		return NULL;
	}
	return p;
}

void page_key_create(WebCtx *c)
{
	const char *p = new_passphrase(c);
	if (!p)
		return;
	Buf err = BUF_INIT;
	if (report_key_create(c->wf, c->user.person_id, p, c->now, &err) != 0) {
		c->rep->status = 422;
		key_page(c, arena_strdup(c->req->arena, buf_str(&err)), NULL);
	} else {
		key_page(c, NULL, "Kunci tanda tangan Anda sudah dibuat.");
	}
	buf_free(&err);
}

void page_key_passphrase(WebCtx *c)
{
	const char *p = new_passphrase(c);
	if (!p)
		return;
	Buf err = BUF_INIT;
	if (report_key_passphrase(c->wf, c->user.person_id,
	                          web_param(c->req->form, c->req->n_form, "lama"), p, c->now,
	                          &err) != 0) {
		c->rep->status = 422;
		key_page(c, arena_strdup(c->req->arena, buf_str(&err)), NULL);
	} else {
		key_page(c, NULL, "Frasa sandi kunci Anda sudah diganti.");
	}
	buf_free(&err);
}

/* ---- the task page of a paraf or sign step --------------------------------------- */

static bool signing_step(const SopStep *st)
{
	return st && st->action &&
	       (strcmp(st->action, "paraf") == 0 || strcmp(st->action, "sign") == 0);
}

bool web_sign_needed(WebCtx *c, int64_t case_id, const SopStep *st)
{
	return signing_step(st) &&
	       db_exists(c->db,
	                 "SELECT 1 FROM report_doc WHERE case_id=:c AND superseded_at IS NULL",
	                 DB_INT(":c", case_id), DB_END);
}

void web_sign_fields(WebCtx *c, int64_t case_id, const SopStep *st)
{
	Buf *o = &c->rep->body;
	bool sign = strcmp(st->action, "sign") == 0;
	html_printf(o, "<fieldset><legend>%h</legend><ul>",
	            sign ? "Dokumen yang Anda tandatangani" : "Dokumen yang Anda paraf");
	DbStmt *q = db_query(c->db,
	                     "SELECT d.kind, d.attachment_id, d.hash,"
	                     " (SELECT count(*) FROM report_signature s WHERE s.doc_id=d.id)"
	                     " FROM report_doc d WHERE d.case_id=:c AND d.superseded_at IS NULL"
	                     " ORDER BY d.id",
	                     DB_INT(":c", case_id), DB_END);
	while (db_step(q) == DB_ROW) {
		const ReportKind *k = report_kind(db_col_text(q, 0));
		html_printf(o,
		            "<li><a href=\"/dokumen/%lld\">%h</a> (konsep; %lld paraf/tanda tangan "
		            "sejauh ini)</li>",
		            (long long)db_col_int(q, 1), k ? k->title : db_col_text(q, 0),
		            (long long)db_col_int(q, 3));
	}
	db_finalize(q);
	bool has_key =
	        db_exists(c->db, "SELECT 1 FROM sign_key WHERE person_id=:p AND revoked_at IS NULL",
	                  DB_INT(":p", c->user.person_id), DB_END);
	html_printf(o, "</ul>");
	bool ever = has_key || db_exists(c->db, "SELECT 1 FROM sign_key WHERE person_id=:p",
	                                 DB_INT(":p", c->user.person_id), DB_END);
	if (!ever) {
		/* No key yet: the approval is recorded, the documents stay unsealed by this person.
		 */
		html_printf(o,
		            "<p>Anda belum memiliki kunci tanda tangan elektronik: persetujuan ini "
		            "tercatat tanpa tanda tangan elektronik Anda pada dokumen. "
		            "<a href=\"/kunci\">Buat kunci</a> untuk menandatanganinya.</p>"
		            "</fieldset>");
		return;
	}
	if (!has_key)
		html_printf(o, "<p class=\"galat\" role=\"alert\">Kunci tanda tangan Anda sudah "
		               "dicabut. <a href=\"/kunci\">Buat kunci baru</a> dahulu.</p>");
	html_printf(o,
	            "<label>Frasa sandi kunci tanda tangan <input name=\"frasa\" type=\"password\" "
	            "required autocomplete=\"current-password\"></label></fieldset>");
}

/* ---- /verifikasi ------------------------------------------------------------------ */

static bool hash_ok(const char *h)
{
	if (!h || strlen(h) != 64)
		return false;
	for (const char *p = h; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false;
	return true;
}

/* One document's block: what it is, its case, its paraf and signatures. */
static void verify_document(Buf *o, json_t *d)
{
	html_printf(
	        o,
	        "<section><h2>%h</h2><dl><dt>Instansi</dt><dd>%h</dd><dt>Kasus</dt>"
	        "<dd>%lld: %h</dd><dt>Konsep dibuat</dt><dd>langkah %lld, %h</dd>"
	        "<dt>Kode dokumen</dt><dd><code class=\"kode\">%h</code></dd><dt>Status</dt><dd>",
	        json_text(d, "title", ""), json_text(d, "agency", ""),
	        (long long)json_integer_value(json_object_get(d, "case")),
	        json_text(d, "subject", ""),
	        (long long)json_integer_value(json_object_get(d, "step")),
	        json_text(d, "drafted_at", ""), json_text(d, "hash", ""));
	if (json_is_string(json_object_get(d, "superseded_at")))
		html_printf(o, "diganti oleh konsep baru pada %h (dikembalikan untuk perbaikan)",
		            json_text(d, "superseded_at", ""));
	else
		html_printf(o, "berlaku");
	html_printf(o, "</dd></dl>");
	json_t *sigs = json_object_get(d, "signatures");
	if (!json_array_size(sigs)) {
		html_printf(o, "<p>Belum ada paraf atau tanda tangan.</p></section>");
		return;
	}
	/* class isian: on a phone every column stays, the last one says whether it is valid. */
	html_printf(o, "<table class=\"isian\"><thead><tr><th scope=\"col\">Peran</th><th "
	               "scope=\"col\">Nama"
	               "</th><th scope=\"col\">Jabatan</th><th scope=\"col\">Waktu</th>"
	               "<th scope=\"col\">Keabsahan</th></tr></thead><tbody>");
	size_t i;
	json_t *s;
	json_array_foreach (sigs, i, s) {
		html_printf(o, "<tr><td>%h</td><td>%h", json_text(s, "role", ""),
		            json_text(s, "name", ""));
		if (json_is_string(json_object_get(s, "nip"))) {
			Buf nip = BUF_INIT;
			fmt_nip(&nip, json_text(s, "nip", ""));
			html_printf(o, "<br>NIP %h", buf_str(&nip));
			buf_free(&nip);
		}
		html_printf(o, "</td><td>%h", json_text(s, "position", ""));
		if (json_is_string(json_object_get(s, "acting_for")))
			html_printf(o, "<br>atas nama %h", json_text(s, "acting_for", ""));
		html_printf(o, "<br>langkah %lld</td><td>%h</td><td>",
		            (long long)json_integer_value(json_object_get(s, "step")),
		            json_text(s, "signed_at", ""));
		if (json_is_true(json_object_get(s, "valid")))
			html_printf(o, "sah");
		else
			html_printf(o, "<strong>TIDAK SAH</strong>: %h",
			            json_text(s, "problem", ""));
		if (json_is_string(json_object_get(s, "revoked_at")))
			html_printf(o, "<br>kunci dicabut %h (%h)", json_text(s, "revoked_at", ""),
			            json_text(s, "revoked_reason", ""));
		html_printf(o, "</td></tr>");
	}
	html_printf(o, "</tbody></table></section>");
}

/* The page of code: its documents and the upload form; result: a verdict block or NULL. */
static void verify_page(WebCtx *c, json_t *result)
{
	json_t *docs = report_hash_json(c->wf, c->code);
	if (!json_array_size(docs)) {
		json_decref(docs);
		web_error(c, 404,
		          "Tidak ada dokumen dengan kode ini. Dokumen ini tidak diterbitkan oleh "
		          "sakip, atau kodenya salah tulis.");
		return;
	}
	web_page_begin(c, "Verifikasi dokumen");
	Buf *o = &c->rep->body;
	if (result) {
		const char *v = json_text(result, "verdict", "");
		bool this_doc = strcmp(json_text(json_object_get(result, "document"), "hash", ""),
		                       c->code) == 0;
		bool same = strcmp(v, "verified") == 0 && this_doc;
		const char *text =
		        same ? "Berkas ini SAMA dengan dokumen yang diterbitkan sakip dan tidak "
		               "berubah; semua paraf dan tanda tangannya sah."
		        : strcmp(v, "incomplete") == 0 && this_doc
		                ? "Berkas ini SAMA dengan yang diterbitkan sakip dan tidak "
		                  "berubah, "
		                  "tetapi baru diparaf: BELUM ditandatangani, belum final."
		        : strcmp(v, "superseded") == 0 && this_doc
		                ? "Berkas ini SAMA dengan yang pernah diterbitkan sakip, tetapi "
		                  "konsepnya sudah DIGANTI setelah dikembalikan: bukan versi final."
		        : strcmp(v, "altered") == 0
		                ? "Berkas ini TIDAK SAMA dengan dokumen yang diterbitkan: isinya "
		                  "telah berubah setelah diterbitkan."
		        : strcmp(v, "draft") == 0 ? "Berkas ini adalah KONSEP yang belum "
		                                    "ditandatangani, bukan dokumen "
		                                    "yang diterbitkan."
		        : strcmp(v, "bad-signature") == 0
		                ? "Tanda tangan pada berkas ini TIDAK SAH."
		        : strcmp(v, "revoked") == 0 ? "Berkas ini ditandatangani dengan kunci yang "
		                                      "sudah dicabut: TIDAK SAH."
		        : strcmp(v, "verified") == 0
		                ? "Berkas ini dokumen lain yang diterbitkan sakip, bukan dokumen "
		                  "dengan kode ini."
		        : strcmp(v, "none") == 0
		                ? "Pilih berkas yang akan diperiksa."
		                : "Berkas ini TIDAK dikenal: bukan dokumen yang diterbitkan sakip "
		                  "(atau telah diubah).";
		html_printf(o, "<p class=\"%h\" role=\"alert\"><strong>%h</strong></p>",
		            same ? "ok" : "galat", text);
	}
	html_printf(o, "<p>Halaman ini menunjukkan siapa yang memaraf dan menandatangani dokumen "
	               "secara elektronik di sakip, kapan, dan dalam kasus apa. Tanda tangan "
	               "elektronik sakip bukan sertifikat BSrE.</p>");
	size_t i;
	json_t *d;
	json_array_foreach (docs, i, d)
		verify_document(o, d);
	html_printf(o,
	            "<h2>Periksa berkas</h2><form method=\"post\" action=\"/verifikasi/%h\" "
	            "enctype=\"multipart/form-data\"><label>Berkas PDF yang Anda terima "
	            "<input type=\"file\" name=\"berkas\" required accept=\".pdf\"></label>"
	            "<button>Periksa</button></form>",
	            c->code);
	json_decref(docs);
	web_page_end(c);
}

void page_verify(WebCtx *c)
{
	if (!hash_ok(c->code)) {
		web_error(c, 404, "Kode dokumen tidak sah: 64 angka heksadesimal.");
		return;
	}
	verify_page(c, NULL);
}

void page_verify_file(WebCtx *c)
{
	if (!hash_ok(c->code)) {
		web_error(c, 404, "Kode dokumen tidak sah: 64 angka heksadesimal.");
		return;
	}
	const WebFile *f = web_file(c->req, "berkas");
	WfFile data;
	if (!f || !web_file_read(c->req, f, &data)) {
		/* The verdict block says what is missing. */
		json_t *none = json_pack("{s:s}", "verdict", "none");
		c->rep->status = 422;
		verify_page(c, none);
		json_decref(none);
		return;
	}
	ReportVerdict v;
	json_t *r = report_verify_file_json(c->wf, data.data, data.len, &v);
	verify_page(c, r);
	json_decref(r);
}
