/*
** web_data.c: the data form of a unit's data.submit task in a Pengumpulan
** Data Kinerja case: the unit's indicators for the case's period, each with
** the value it has saved so far and an evidence file (bukti dukung), and
** saving them all or nothing (kpi_submit_all, one version per change;
** nothing is verified until the SOP's archive step). And the correction
** form of a data.correct task (kpi_correct) with the case's proposals,
** which the case page shows too. Values reach HTML through html_printf's
** %h only.
*/
#include "web.h"

#include "kpi.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The year and period of the case, or false. */
static bool case_period(WebCtx *c, int64_t case_id, int *year, int *period)
{
	char *text = db_text(c->db, NULL, "SELECT period FROM wf_case WHERE id=:c",
	                     DB_INT(":c", case_id), DB_END);
	bool ok = text && kpi_case_period(text, year, period) == 0;
	free(text);
	return ok;
}

/* Whether two texts are the same number ("3" and "3.0"). */
static bool same_number(const char *a, const char *b)
{
	char *ea, *eb;
	double x = strtod(a, &ea), y = strtod(b, &eb);
	return ea != a && eb != b && *ea == 0 && *eb == 0 && x == y;
}

/* Whether s is a number as kpi takes it: decimal point, no grouping, no exponent tricks. */
static bool number_ok(const char *s)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	return *s && !*end && !errno && isfinite(v) && !strpbrk(s, "xXpP ");
}

/* The message for an indicator among errors, or NULL. */
static const char *error_of(const WebParam *errors, int n, const char *code)
{
	return errors ? web_param(errors, n, code) : NULL;
}

/* A value as Indonesians write it: "52,35", "1.234", or the scale's label. */
static void value_id(Buf *text, DbStmt *st, int col_value, int col_text)
{
	if (!db_col_null(st, col_text)) {
		buf_puts(text, db_col_text(st, col_text));
		return;
	}
	double v = db_col_double(st, col_value);
	fmt_number_id(text, v, 2);
	/* Trailing zeros of the decimals go: 54,00 -> 54, 52,50 -> 52,5. */
	while (text->len && text->data[text->len - 1] == '0')
		text->len--;
	if (text->len && text->data[text->len - 1] == ',')
		text->len--;
	text->data[text->len] = 0;
}

void web_data_form(WebCtx *c, int64_t case_id, int64_t agency_id, const WebParam *errors,
                   int n_errors)
{
	Buf *o = &c->rep->body;
	int year, period;
	int64_t unit = db_int(c->db, 0, "SELECT unit_id FROM wf_task WHERE id=:t",
	                      DB_INT(":t", c->id), DB_END);
	if (!case_period(c, case_id, &year, &period)) {
		html_printf(o, "<p class=\"galat\">Periode kasus ini tidak dikenali.</p>");
		return;
	}
	html_printf(o, "<h2>Data kinerja %h %d</h2>", kpi_period_name(period), year);
	if (n_errors)
		html_printf(
		        o,
		        "<p class=\"galat\" role=\"alert\">Belum tersimpan; tidak ada yang "
		        "diubah. Periksa %d indikator yang ditandai di bawah; berkas bukti dukung "
		        "yang tadi dipilih perlu dipilih lagi.</p>",
		        n_errors);
	html_printf(o,
	            "<form method=\"post\" action=\"/tugas/%lld\" "
	            "enctype=\"multipart/form-data\">",
	            (long long)c->id);
	web_csrf_field(c);
	html_printf(o,
	            "<input type=\"hidden\" name=\"aksi\" value=\"simpan\"><table class=\"isian\">"
	            "<thead><tr><th scope=\"col\">Kode</th><th scope=\"col\">Indikator</th>"
	            "<th scope=\"col\">Satuan</th><th scope=\"col\">Realisasi</th>"
	            "<th scope=\"col\">Bukti dukung</th></tr></thead><tbody>");
	DbStmt *st = db_query(
	        c->db,
	        "SELECT i.code, i.name, i.satuan, i.evidence_required,"
	        " (SELECT coalesce(r.value_text, r.value) FROM realisasi r WHERE "
	        "r.indicator_id=i.id"
	        "   AND r.year=:y AND r.period=:p AND r.case_id=:c AND r.status='draft'"
	        "   ORDER BY r.version DESC LIMIT 1),"
	        " EXISTS (SELECT 1 FROM realisasi v WHERE v.indicator_id=i.id AND v.year=:y"
	        "   AND v.period=:p AND v.status='verified'),"
	        " (SELECT f.id FROM realisasi r JOIN wf_attachment f ON f.case_id=r.case_id"
	        "   AND f.sha256=r.evidence_sha256 WHERE r.indicator_id=i.id AND r.year=:y"
	        "   AND r.period=:p AND r.case_id=:c AND r.status='draft'"
	        "   ORDER BY r.version DESC, f.id LIMIT 1),"
	        " (SELECT f.name FROM realisasi r JOIN wf_attachment f ON f.case_id=r.case_id"
	        "   AND f.sha256=r.evidence_sha256 WHERE r.indicator_id=i.id AND r.year=:y"
	        "   AND r.period=:p AND r.case_id=:c AND r.status='draft'"
	        "   ORDER BY r.version DESC, f.id LIMIT 1)"
	        " FROM indicator i WHERE i.agency_id=:a AND i.unit_id=:u ORDER BY i.code",
	        DB_INT(":y", year), DB_TEXT(":p", kpi_period_name(period)), DB_INT(":c", case_id),
	        DB_INT(":a", agency_id), DB_INT(":u", unit), DB_END);
	int n = 0;
	while (db_step(st) == DB_ROW) {
		const char *code = db_col_text(st, 0);
		const char *error = error_of(errors, n_errors, code);
		bool required = db_col_int(st, 3) != 0, has_file = !db_col_null(st, 6);
		html_printf(o, "<tr><td>%h</td><td>%h", code, db_col_text(st, 1));
		if (required)
			html_printf(o, " <small>(bukti dukung wajib)</small>");
		if (error)
			html_printf(o, "<p class=\"galat\" id=\"galat-%h\">%h</p>", code, error);
		html_printf(o, "</td><td>%h</td><td>", db_col_text(st, 2));
		if (db_col_int(st, 5)) {
			html_printf(o, "sudah terverifikasi</td><td></td></tr>");
			n++;
			continue;
		}
		/* After a refused save the form shows what was entered, not what is stored. */
		char field[80];
		snprintf(field, sizeof field, "nilai_%s", code);
		const char *entered =
		        n_errors ? web_param(c->req->form, c->req->n_form, field) : NULL;
		const char *value = entered              ? entered
		                    : db_col_null(st, 4) ? ""
		                                         : db_col_text(st, 4);
		html_printf(o,
		            "<input name=\"nilai_%h\" inputmode=\"decimal\" size=\"10\" "
		            "value=\"%h\" aria-label=\"Realisasi %h\"",
		            code, value, code);
		if (error)
			html_printf(o, " aria-invalid=\"true\" aria-describedby=\"galat-%h\"",
			            code);
		html_printf(o, "></td><td>");
		if (has_file)
			html_printf(o, "<a href=\"/dokumen/%lld\">%h</a><br>",
			            (long long)db_col_int(st, 6), db_col_text(st, 7));
		html_printf(o,
		            "<input type=\"file\" name=\"bukti_%h\" aria-label=\"Bukti dukung %h\""
		            " accept=\".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.doc,.xls,.csv,.txt\"%h>",
		            code, code, required && !has_file ? " required" : "");
		html_printf(o, "</td></tr>");
		n++;
	}
	db_finalize(st);
	if (n == 0)
		html_printf(o,
		            "<tr><td colspan=\"5\">Unit ini tidak memiliki indikator.</td></tr>");
	html_printf(o, "</tbody></table><button>Simpan data</button></form>");
}

/* Add an error for code (in the arena); false when errors is full. */
static bool add_error(WebCtx *c, WebParam *errors, int max, int *n, const char *code,
                      const char *msg)
{
	if (*n >= max)
		return false;
	errors[*n].name = arena_strdup(c->req->arena, code);
	errors[*n].value = arena_strdup(c->req->arena, msg);
	(*n)++;
	return true;
}

int web_data_save(WebCtx *c, int64_t case_id, int64_t agency_id, WebParam *errors, int max)
{
	int n_errors = 0;
	/* Values for indicators that are not this unit's are refused by name. */
	int64_t unit = db_int(c->db, 0, "SELECT unit_id FROM wf_task WHERE id=:t",
	                      DB_INT(":t", c->id), DB_END);
	for (int i = 0; i < c->req->n_form; i++) {
		const char *name = c->req->form[i].name;
		if (strncmp(name, "nilai_", 6) == 0 &&
		    !db_exists(
		            c->db,
		            "SELECT 1 FROM indicator WHERE agency_id=:a AND unit_id=:u AND code=:k",
		            DB_INT(":a", agency_id), DB_INT(":u", unit), DB_TEXT(":k", name + 6),
		            DB_END))
			add_error(c, errors, max, &n_errors, name + 6,
			          "bukan indikator unit Anda; setiap unit mengisi indikatornya "
			          "sendiri.");
	}
	KpiEntry entries[WEB_MAX_PARAMS];
	WfFile files[WEB_MAX_PARAMS];
	int n = 0;
	DbStmt *st = db_query(c->db,
	                      "SELECT i.code, i.evidence_required, i.scale_id IS NULL,"
	                      " (SELECT coalesce(r.value_text, r.value) FROM realisasi r"
	                      "  WHERE r.indicator_id=i.id AND r.case_id=:c AND r.status='draft'"
	                      "  ORDER BY r.version DESC LIMIT 1),"
	                      " (SELECT r.evidence_sha256 FROM realisasi r"
	                      "  WHERE r.indicator_id=i.id AND r.case_id=:c AND r.status='draft'"
	                      "  ORDER BY r.version DESC LIMIT 1)"
	                      " FROM indicator i WHERE i.agency_id=:a AND i.unit_id=:u"
	                      " ORDER BY i.code",
	                      DB_INT(":c", case_id), DB_INT(":a", agency_id), DB_INT(":u", unit),
	                      DB_END);
	while (db_step(st) == DB_ROW && n < WEB_MAX_PARAMS) {
		const char *code = db_col_text(st, 0);
		char field[80];
		snprintf(field, sizeof field, "nilai_%s", code);
		const char *value = web_param(c->req->form, c->req->n_form, field);
		snprintf(field, sizeof field, "bukti_%s", code);
		Buf msg = BUF_INIT;
		WfFile file;
		int got = web_upload(c, field, &file, &msg);
		const char *old = db_col_null(st, 3) ? NULL : db_col_text(st, 3);
		bool numeric = db_col_int(st, 2) != 0;
		if (value && !*value)
			value = NULL;
		if (got < 0) {
			add_error(c, errors, max, &n_errors, code, buf_str(&msg));
		} else if (!value && got == 1 && !old) {
			add_error(c, errors, max, &n_errors, code,
			          "isi nilai realisasinya bersama bukti dukung ini.");
		} else if (value && numeric && !number_ok(value)) {
			add_error(c, errors, max, &n_errors, code,
			          "nilai realisasi harus angka, dengan titik desimal dan tanpa "
			          "pemisah ribuan (mis. 45.2).");
		} else if (value && db_col_int(st, 1) && got == 0 && db_col_null(st, 4)) {
			add_error(c, errors, max, &n_errors, code,
			          "bukti dukung wajib untuk indikator ini; pilih berkasnya.");
		} else if (value || got == 1) {
			/* An unchanged value without a new file is not a new version. */
			if (!value)
				value = old;
			bool same = old && (strcmp(old, value) == 0 || same_number(old, value));
			if (!same || got == 1) {
				if (got == 1)
					files[n] = file;
				/* For this page's task, even when the person holds another (as
				 * Plt). */
				entries[n] = (KpiEntry){case_id,
				                        c->user.person_id,
				                        arena_strdup(c->req->arena, code),
				                        arena_strdup(c->req->arena, value),
				                        NULL,
				                        got == 1 ? &files[n] : NULL,
				                        c->id,
				                        0};
				n++;
			}
		}
		buf_free(&msg);
	}
	db_finalize(st);
	if (n_errors || n == 0)
		return n_errors;
	Buf errs[WEB_MAX_PARAMS];
	for (int i = 0; i < n; i++)
		errs[i] = (Buf)BUF_INIT;
	if (kpi_submit_all(c->wf, entries, n, c->now, errs) != 0) {
		/* The domain's reasons (range, scale, ...) under the indicator they concern. */
		for (int i = 0; i < n; i++)
			if (errs[i].len) {
				while (errs[i].data[errs[i].len - 1] == '\n' && errs[i].len > 1)
					errs[i].data[--errs[i].len] = 0;
				add_error(c, errors, max, &n_errors, entries[i].indicator,
				          arena_printf(c->req->arena, "tidak dapat disimpan (%s).",
				                       buf_str(&errs[i])));
			}
		if (n_errors == 0)
			add_error(c, errors, max, &n_errors, entries[0].indicator,
			          "tidak dapat disimpan; coba lagi.");
	}
	for (int i = 0; i < n; i++)
		buf_free(&errs[i]);
	return n_errors;
}

/* ---- corrections (data.correct) ------------------------------------------- */

/*
** The verified values a correction case may correct: those of the case's
** year up to its period (a TW III case may correct TW1..TW3; a year case
** any period of the year); a case without a period, this year's and last.
*/
static DbStmt *correctable(WebCtx *c, int64_t case_id, int64_t agency_id, int *year, int *period)
{
	if (!case_period(c, case_id, year, period)) {
		Buf today = BUF_INIT; /* "2026-11-23 08:00 WIB": the agency's year */
		wf_cal_format(wf_calendar(c->wf, agency_id), c->now, &today);
		*year = atoi(buf_str(&today));
		*period = -1;
		buf_free(&today);
	}
	return db_query(c->db,
	                "SELECT i.code, i.name, v.year, v.period, v.value, v.value_text"
	                " FROM realisasi v JOIN indicator i ON i.id=v.indicator_id"
	                " WHERE i.agency_id=:a AND v.status='verified'"
	                " AND (v.year=:y OR (:q < 0 AND v.year=:y - 1))"
	                " ORDER BY v.year DESC, i.code, v.period",
	                DB_INT(":a", agency_id), DB_INT(":y", *year), DB_INT(":q", *period),
	                DB_END);
}

/* Whether a verified value of the period p (TW1.., Y) fits a case of period q. */
static bool period_fits(const char *p, int q)
{
	int k = kpi_period_parse(p);
	return q < 0 || q == 4 || (k >= 0 && k <= q);
}

void web_correct_form(WebCtx *c, int64_t case_id, int64_t agency_id, const char *error)
{
	Buf *o = &c->rep->body;
	const char *chosen = error ? web_param(c->req->form, c->req->n_form, "indikator") : NULL;
	const char *value = error ? web_param(c->req->form, c->req->n_form, "nilai") : NULL;
	const char *reason = error ? web_param(c->req->form, c->req->n_form, "alasan") : NULL;
	html_printf(o, "<h2>Usulan perbaikan data</h2>");
	if (error)
		html_printf(o, "<p class=\"galat\" role=\"alert\">%h</p>", error);
	int year, period, n = 0;
	/* Counted first: without a value to correct there is no form. */
	DbStmt *st = correctable(c, case_id, agency_id, &year, &period);
	while (db_step(st) == DB_ROW)
		n += period_fits(db_col_text(st, 3), period);
	db_finalize(st);
	if (n == 0) {
		html_printf(o,
		            "<p>Tidak ada nilai terverifikasi yang dapat diperbaiki untuk periode "
		            "kasus ini.</p>");
		web_corrections_list(c, case_id);
		return;
	}
	html_printf(o,
	            "<form method=\"post\" action=\"/tugas/%lld\" "
	            "enctype=\"multipart/form-data\">",
	            (long long)c->id);
	web_csrf_field(c);
	html_printf(o, "<input type=\"hidden\" name=\"aksi\" value=\"usulkan\">"
	               "<label>Indikator dan periode (nilai terverifikasi saat ini) "
	               "<select name=\"indikator\" required><option value=\"\">Pilih...</option>");
	Buf cur = BUF_INIT;
	st = correctable(c, case_id, agency_id, &year, &period);
	while (db_step(st) == DB_ROW) {
		const char *p = db_col_text(st, 3);
		if (!period_fits(p, period))
			continue;
		char key[128];
		snprintf(key, sizeof key, "%s@%s@%lld", db_col_text(st, 0), p,
		         (long long)db_col_int(st, 2));
		buf_reset(&cur);
		value_id(&cur, st, 4, 5);
		html_printf(o, "<option value=\"%h\"%h>%h %h %lld: %h (terverifikasi %h)</option>",
		            key, chosen && strcmp(chosen, key) == 0 ? " selected" : "",
		            db_col_text(st, 0), p, (long long)db_col_int(st, 2), db_col_text(st, 1),
		            buf_str(&cur));
	}
	db_finalize(st);
	buf_free(&cur);
	html_printf(o,
	            "</select></label>"
	            "<label>Nilai baru <input name=\"nilai\" inputmode=\"decimal\" "
	            "required size=\"12\" value=\"%h\"></label>"
	            "<label>Alasan perbaikan (wajib) <textarea name=\"alasan\" required "
	            "maxlength=\"8192\">%h</textarea></label>"
	            "<label>Bukti dukung (wajib) <input type=\"file\" name=\"bukti\" required "
	            "accept=\".pdf,.png,.jpg,.jpeg,.docx,.xlsx,.doc,.xls,.csv,.txt\"></label>"
	            "<button>Usulkan perbaikan</button></form>",
	            value ? value : "", reason ? reason : "");
	web_corrections_list(c, case_id);
}

bool web_correct_save(WebCtx *c, int64_t case_id, Buf *msg)
{
	const char *key = web_param(c->req->form, c->req->n_form, "indikator");
	const char *value = web_param(c->req->form, c->req->n_form, "nilai");
	const char *reason = web_param(c->req->form, c->req->n_form, "alasan");
	char code[64], p[8];
	int year = 0;
	if (!key || sscanf(key, "%63[^@]@%7[^@]@%d", code, p, &year) != 3 ||
	    kpi_period_parse(p) < 0) {
		buf_puts(msg, "Pilih indikator dan periode yang diperbaiki.");
		return false;
	}
	if (!value || !*value) {
		buf_puts(msg, "Nilai baru wajib diisi.");
		return false;
	}
	if (!reason || str_empty_or_blank(reason)) {
		buf_puts(msg, "Alasan perbaikan wajib diisi.");
		return false;
	}
	WfFile file;
	int got = web_upload(c, "bukti", &file, msg);
	if (got < 0)
		return false;
	if (got == 0) {
		buf_puts(msg, "Bukti dukung wajib diunggah bersama usulan perbaikan.");
		return false;
	}
	KpiEntry e = {case_id, c->user.person_id, code, value, reason, &file, c->id, 0};
	Buf err = BUF_INIT;
	bool ok = kpi_correct(c->wf, &e, year, kpi_period_parse(p), c->now, &err) == 0;
	if (!ok) {
		/* The domain's reason, in English, after a sentence in Indonesian. */
		while (err.len && err.data[err.len - 1] == '\n')
			err.data[--err.len] = 0;
		buf_printf(msg, "Usulan tidak dapat disimpan; tidak ada yang diubah. (%s)",
		           buf_str(&err));
	}
	buf_free(&err);
	return ok;
}

void web_corrections_list(WebCtx *c, int64_t case_id)
{
	Buf *o = &c->rep->body;
	DbStmt *st =
	        db_query(c->db,
	                 "SELECT i.code, i.name, p.year, p.period, b.value, b.value_text, p.value,"
	                 " p.value_text, p.reason, p.status, pe.name,"
	                 " (SELECT min(f.id) FROM wf_attachment f WHERE f.case_id=p.case_id"
	                 "  AND f.sha256=p.evidence_sha256),"
	                 " (SELECT min(f.name) FROM wf_attachment f WHERE f.case_id=p.case_id"
	                 "  AND f.sha256=p.evidence_sha256)"
	                 " FROM realisasi p JOIN indicator i ON i.id=p.indicator_id"
	                 " LEFT JOIN realisasi b ON b.indicator_id=p.indicator_id AND b.year=p.year"
	                 "  AND b.period=p.period AND b.version=p.base_version"
	                 " LEFT JOIN person pe ON pe.id=p.person_id"
	                 " WHERE p.case_id=:c AND p.base_version IS NOT NULL ORDER BY p.id",
	                 DB_INT(":c", case_id), DB_END);
	int n = 0;
	Buf before = BUF_INIT, after = BUF_INIT;
	while (db_step(st) == DB_ROW) {
		if (n++ == 0)
			html_printf(o,
			            "<h2 id=\"perbaikan\">Usulan perbaikan</h2><table><thead><tr>"
			            "<th scope=\"col\">Indikator</th><th scope=\"col\">Semula"
			            " &rarr; menjadi</th><th scope=\"col\">Alasan dan bukti</th>"
			            "</tr></thead><tbody>");
		buf_reset(&before);
		buf_reset(&after);
		if (db_col_null(st, 4) && db_col_null(st, 5))
			buf_puts(&before, "-");
		else
			value_id(&before, st, 4, 5);
		value_id(&after, st, 6, 7);
		const char *status = db_col_text(st, 9);
		/* Three columns, so a phone shows them all. */
		html_printf(o,
		            "<tr><td>%h %h %lld<br><small>%h</small></td>"
		            "<td><span class=\"semula\">%h</span> &rarr; <strong>%h</strong><br>"
		            "<small>%h</small></td><td>%h<br><small>oleh %h</small>",
		            db_col_text(st, 0), db_col_text(st, 3), (long long)db_col_int(st, 2),
		            db_col_text(st, 1), buf_str(&before), buf_str(&after),
		            strcmp(status, "proposed") == 0   ? "diusulkan"
		            : strcmp(status, "rejected") == 0 ? "ditolak (dikembalikan)"
		            : strcmp(status, "verified") == 0 ? "diterapkan"
		                                              : "digantikan",
		            db_col_null(st, 8) ? "" : db_col_text(st, 8),
		            db_col_null(st, 10) ? "-" : db_col_text(st, 10));
		if (!db_col_null(st, 11))
			html_printf(o, "<br><a href=\"/dokumen/%lld\" download>%h</a>",
			            (long long)db_col_int(st, 11), db_col_text(st, 12));
		html_printf(o, "</td></tr>");
	}
	db_finalize(st);
	buf_free(&before);
	buf_free(&after);
	if (n)
		html_printf(o, "</tbody></table>");
}
