/*
** web_doc.c: documents of cases on the web. Taking an uploaded file from
** a multipart form (name sanitised, empty or oversized files and media
** types the project does not keep refused, with a message in Indonesian),
** who may see a case's documents, the documents list of the case page and
** GET /dokumen/{id}, which sends the stored bytes as an attachment. The
** files themselves are stored by the engine (wf_attach, content-addressed);
** this file never writes to the database.
*/
#include "web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/*
** The media types a case may keep: documents, spreadsheets, images and
** text, as wf_media_type() classifies them by content (and by name for the
** formats without magic bytes). Archives and unknown binaries are refused:
** nobody reviewing a case can open them safely.
*/
static const struct {
	const char *type, *label;
} media[] = {
        {"application/pdf", "PDF"},
        {"image/png", "Gambar PNG"},
        {"image/jpeg", "Gambar JPEG"},
        {"application/vnd.openxmlformats-officedocument.wordprocessingml.document", "Word"},
        {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Excel"},
        {"application/msword", "Word (lama)"},
        {"application/vnd.ms-excel", "Excel (lama)"},
        {"text/csv", "CSV"},
        {"text/plain", "Teks"},
        {"text/markdown", "Teks (Markdown)"},
};

const char *web_media_label(const char *type)
{
	for (size_t i = 0; i < COUNT(media); i++)
		if (strcmp(media[i].type, type) == 0)
			return media[i].label;
	return NULL;
}

/*
** The file name a browser sent, as sakip keeps it: the last part after any
** '/' or '\' (old browsers send "C:\fakepath\x.pdf"), or NULL when that is
** empty, "." or "..", longer than 255 bytes, not UTF-8, or holds a control
** character. The result lives in the request's arena.
*/
static const char *clean_name(Arena *a, const char *sent)
{
	const char *base = sent ? sent : "";
	for (const char *p = base; *p; p++)
		if (*p == '/' || *p == '\\')
			base = p + 1;
	size_t n = strlen(base);
	if (n == 0 || n > 255 || strcmp(base, ".") == 0 || strcmp(base, "..") == 0 ||
	    !utf8_check(base, n, NULL))
		return NULL;
	for (const unsigned char *p = (const unsigned char *)base; *p; p++)
		if (*p < 0x20 || *p == 0x7f)
			return NULL;
	/* C1 controls (U+0080..U+009F) are two bytes in UTF-8: C2 80..C2 9F. */
	for (const unsigned char *p = (const unsigned char *)base; p[0] && p[1]; p++)
		if (p[0] == 0xc2 && p[1] >= 0x80 && p[1] <= 0x9f)
			return NULL;
	return arena_strdup(a, base);
}

int web_upload(WebCtx *c, const char *field, WfFile *out, Buf *msg)
{
	const WebFile *f = NULL;
	for (int i = 0; i < c->req->n_files && !f; i++)
		if (strcmp(c->req->files[i].field, field) == 0 &&
		    (c->req->files[i].size > 0 ||
		     (c->req->files[i].filename && *c->req->files[i].filename)))
			f = &c->req->files[i];
	if (!f)
		return 0; /* no file chosen: an empty input without a name */
	const char *name = clean_name(c->req->arena, f->filename);
	if (!name) {
		buf_puts(msg,
		         "Nama berkas tidak dapat diterima (kosong, terlalu panjang, atau "
		         "mengandung karakter kendali). Ganti nama berkasnya lalu unggah lagi.");
		return -1;
	}
	if (f->size == 0) {
		buf_printf(msg, "Berkas \"%s\" kosong (0 bita).", name);
		return -1;
	}
	if (f->size > WF_MAX_ATTACHMENT) {
		buf_printf(msg, "Berkas \"%s\" terlalu besar; batasnya %d MB.", name,
		           WF_MAX_ATTACHMENT / (1024 * 1024));
		return -1;
	}
	WfFile file;
	if (!web_file_read(c->req, f, &file)) {
		buf_printf(msg, "Berkas \"%s\" tidak dapat dibaca; unggah lagi.", name);
		return -1;
	}
	const char *type = wf_media_type(name, file.data, file.len);
	if (!web_media_label(type)) {
		buf_printf(msg,
		           "Jenis berkas \"%s\" tidak diterima. Unggah PDF, gambar (PNG, JPEG), "
		           "Word, Excel, CSV atau teks.",
		           name);
		return -1;
	}
	/* The type sakip found, never the one the browser claimed. */
	*out = (WfFile){name, type, file.data, file.len};
	return 1;
}

bool web_case_participant(WebCtx *c, int64_t case_id, int64_t *acting_for)
{
	*acting_for = 0;
	if (db_exists(c->db, "SELECT 1 FROM wf_case WHERE id=:c AND started_by=:p",
	              DB_INT(":c", case_id), DB_INT(":p", c->user.person_id), DB_END))
		return true;
	/* Collected first: wf_may_act() runs queries of its own. */
	DbStmt *q = db_query(c->db, "SELECT DISTINCT position_id FROM wf_task WHERE case_id=:c",
	                     DB_INT(":c", case_id), DB_END);
	int64_t positions[256];
	int n = 0;
	while (n < 256 && db_step(q) == DB_ROW)
		positions[n++] = db_col_int(q, 0);
	db_finalize(q);
	for (int i = 0; i < n; i++)
		if (wf_may_act(c->wf, positions[i], c->user.person_id, c->now, acting_for))
			return true;
	return false;
}

bool web_case_visible(WebCtx *c, int64_t case_id)
{
	if (c->user.admin)
		return true;
	if (db_exists(c->db,
	              "SELECT 1 FROM wf_case k, person p WHERE k.id=:c AND p.id=:p"
	              " AND p.agency_id=k.agency_id",
	              DB_INT(":c", case_id), DB_INT(":p", c->user.person_id), DB_END))
		return true;
	int64_t acting;
	return web_case_participant(c, case_id, &acting);
}

void web_size_id(Buf *text, int64_t bytes)
{
	if (bytes < 1024) {
		buf_printf(text, "%lld B", (long long)bytes);
	} else if (bytes < 1024 * 1024) {
		fmt_number_id(text, (double)bytes / 1024.0, 1);
		buf_puts(text, " KB");
	} else {
		fmt_number_id(text, (double)bytes / (1024.0 * 1024.0), 1);
		buf_puts(text, " MB");
	}
}

void web_time_id(WebCtx *c, int64_t agency_id, time_t t, Buf *text)
{
	Buf local = BUF_INIT;
	wf_cal_format(wf_calendar(c->wf, agency_id), t, &local);
	/* "2026-11-23 08:05 WIB" -> "23 November 2026 08.05" */
	const char *s = buf_str(&local);
	if (strlen(s) >= 16) {
		char date[11];
		memcpy(date, s, 10);
		date[10] = 0;
		fmt_date_id(text, date);
		buf_printf(text, " %.2s.%.2s", s + 11, s + 14);
	} else {
		buf_puts(text, s);
	}
	buf_free(&local);
}

void web_case_documents(WebCtx *c, int64_t case_id)
{
	Buf *o = &c->rep->body;
	int64_t agency = db_int(c->db, 0, "SELECT agency_id FROM wf_case WHERE id=:c",
	                        DB_INT(":c", case_id), DB_END);
	/*
	** Who acted for whom comes from the attachment's own audit event (the
	** attachment row records only who uploaded).
	*/
	DbStmt *st = db_query(
	        c->db,
	        "SELECT f.id, f.name, f.size, f.media_type, p.name, f.created_at, t.step_no,"
	        " f.is_output, (SELECT h.name FROM wf_event e JOIN person h ON h.id=e.acting_for"
	        "  WHERE e.case_id=f.case_id AND e.kind='attach.add' AND e.person_id=f.person_id"
	        "  AND e.task_id IS f.task_id AND e.at=f.created_at"
	        "  AND json_extract(e.detail, '$.sha256')=f.sha256 LIMIT 1)"
	        " FROM wf_attachment f JOIN person p ON p.id=f.person_id"
	        " LEFT JOIN wf_task t ON t.id=f.task_id WHERE f.case_id=:c ORDER BY f.id",
	        DB_INT(":c", case_id), DB_END);
	int n = 0;
	Buf size = BUF_INIT, when = BUF_INIT;
	while (db_step(st) == DB_ROW) {
		if (n++ == 0)
			html_printf(o, "<h2 id=\"dokumen\">Dokumen</h2><table><thead><tr>"
			               "<th scope=\"col\">Nama, jenis, ukuran</th>"
			               "<th scope=\"col\">Diunggah oleh, waktu</th>"
			               "<th scope=\"col\">Langkah</th></tr></thead><tbody>");
		buf_reset(&size);
		buf_reset(&when);
		web_size_id(&size, db_col_int(st, 2));
		web_time_id(c, agency, (time_t)db_col_int(st, 5), &when);
		const char *label = web_media_label(db_col_text(st, 3));
		/* Three columns, so a phone shows them all. */
		html_printf(o,
		            "<tr><td><a href=\"/dokumen/%lld\" download>%h</a><br><small>%h, %h"
		            "</small></td><td>%h",
		            (long long)db_col_int(st, 0), db_col_text(st, 1),
		            label ? label : db_col_text(st, 3), buf_str(&size), db_col_text(st, 4));
		if (!db_col_null(st, 8))
			html_printf(o, " (atas nama %h)", db_col_text(st, 8));
		html_printf(o, "<br><small>%h</small></td><td>", buf_str(&when));
		if (!db_col_null(st, 6))
			html_printf(o, "%lld", (long long)db_col_int(st, 6));
		if (db_col_int(st, 7))
			html_printf(o, " (dokumen hasil langkah)");
		html_printf(o, "</td></tr>");
	}
	db_finalize(st);
	buf_free(&size);
	buf_free(&when);
	if (n)
		html_printf(o, "</tbody></table>");
}

/*
** Content-Disposition for a stored name (RFC 6266): an ASCII fallback in
** filename="..." with anything unusual replaced by '_', and the exact name
** in filename*=UTF-8''... percent-encoded, so no name can end the header
** or add a parameter. In the arena.
*/
static const char *disposition(Arena *a, const char *name)
{
	Buf b = BUF_INIT;
	buf_puts(&b, "attachment; filename=\"");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++)
		buf_putc(&b, *p >= 0x20 && *p < 0x7f && !strchr("\"\\%;", *p) ? (char)*p : '_');
	buf_puts(&b, "\"; filename*=UTF-8''");
	for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || (*p && strchr("!#$&+-.^_`|~", *p)))
			buf_putc(&b, (char)*p);
		else
			buf_printf(&b, "%%%02X", *p);
	}
	const char *s = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return s;
}

void page_document(WebCtx *c)
{
	int64_t case_id = db_int(c->db, 0, "SELECT case_id FROM wf_attachment WHERE id=:d",
	                         DB_INT(":d", c->id), DB_END);
	if (!case_id) {
		web_error(c, 404, "Dokumen tidak ditemukan.");
		return;
	}
	if (!web_case_visible(c, case_id)) {
		web_error(c, 403, "Dokumen ini hanya untuk pejabat instansi dan peserta kasusnya.");
		return;
	}
	DbStmt *st = db_query(c->db,
	                      "SELECT f.name, f.media_type, b.data FROM wf_attachment f"
	                      " JOIN blob b ON b.sha256=f.sha256 WHERE f.id=:d",
	                      DB_INT(":d", c->id), DB_END);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		web_error(c, 404, "Dokumen tidak ditemukan.");
		return;
	}
	size_t len = 0;
	const void *data = db_col_blob(st, 2, &len);
	c->rep->content_type = arena_strdup(c->req->arena, db_col_text(st, 1));
	c->rep->disposition = disposition(c->req->arena, db_col_text(st, 0));
	buf_reset(&c->rep->body);
	buf_append(&c->rep->body, data, len); /* bytes, not HTML: sent as an attachment */
	db_finalize(st);
}
