/*
** web_data.c: the data form of a unit's data.submit task in a Pengumpulan
** Data Kinerja case: the unit's indicators for the case's period, each with
** the value it has saved so far, and saving them (kpi_submit, one version
** per change; nothing is verified until the SOP's archive step). Values
** reach HTML through html_printf's %h only.
*/
#include "web.h"

#include "kpi.h"

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

void web_data_form(WebCtx *c, int64_t case_id, int64_t agency_id, const char *errors)
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
	if (errors && *errors)
		html_printf(
		        o,
		        "<div class=\"galat\" role=\"alert\"><p>Belum tersimpan:</p><pre>%h</pre>"
		        "</div>",
		        errors);
	html_printf(o, "<form method=\"post\" action=\"/tugas/%lld\">", (long long)c->id);
	web_csrf_field(c);
	html_printf(o,
	            "<input type=\"hidden\" name=\"aksi\" value=\"simpan\"><table class=\"isian\">"
	            "<thead><tr>"
	            "<th>Kode</th><th>Indikator</th><th>Satuan</th><th>Realisasi</th></tr>"
	            "</thead><tbody>");
	DbStmt *st = db_query(
	        c->db,
	        "SELECT i.code, i.name, i.satuan, i.evidence_required,"
	        " (SELECT coalesce(r.value_text, r.value) FROM realisasi r WHERE "
	        "r.indicator_id=i.id"
	        "   AND r.year=:y AND r.period=:p AND r.case_id=:c AND r.status='draft'"
	        "   ORDER BY r.version DESC LIMIT 1),"
	        " EXISTS (SELECT 1 FROM realisasi v WHERE v.indicator_id=i.id AND v.year=:y"
	        "   AND v.period=:p AND v.status='verified')"
	        " FROM indicator i WHERE i.agency_id=:a AND i.unit_id=:u ORDER BY i.code",
	        DB_INT(":y", year), DB_TEXT(":p", kpi_period_name(period)), DB_INT(":c", case_id),
	        DB_INT(":a", agency_id), DB_INT(":u", unit), DB_END);
	int n = 0;
	while (db_step(st) == DB_ROW) {
		const char *code = db_col_text(st, 0);
		html_printf(o, "<tr><td>%h</td><td>%h", code, db_col_text(st, 1));
		if (db_col_int(st, 3))
			html_printf(o, " <small>(bukti dukung wajib)</small>");
		html_printf(o, "</td><td>%h</td><td>", db_col_text(st, 2));
		if (db_col_int(st, 5))
			html_printf(o, "sudah terverifikasi");
		else
			html_printf(o,
			            "<input name=\"nilai_%h\" inputmode=\"decimal\" size=\"10\" "
			            "value=\"%h\" aria-label=\"Realisasi %h\">",
			            code, db_col_null(st, 4) ? "" : db_col_text(st, 4), code);
		html_printf(o, "</td></tr>");
		n++;
	}
	db_finalize(st);
	if (n == 0)
		html_printf(o,
		            "<tr><td colspan=\"4\">Unit ini tidak memiliki indikator.</td></tr>");
	html_printf(o, "</tbody></table><button>Simpan data</button></form>");
}

int web_data_save(WebCtx *c, int64_t case_id, Buf *errors)
{
	int saved = 0;
	for (int i = 0; i < c->req->n_form; i++) {
		const WebParam *p = &c->req->form[i];
		if (strncmp(p->name, "nilai_", 6) != 0 || !*p->value)
			continue;
		/* An unchanged value is not a new version. */
		char *old = db_text(c->db, NULL,
		                    "SELECT coalesce(r.value_text, r.value) FROM realisasi r"
		                    " JOIN indicator i ON i.id=r.indicator_id WHERE r.case_id=:c"
		                    " AND i.code=:k AND r.status='draft' ORDER BY r.version DESC"
		                    " LIMIT 1",
		                    DB_INT(":c", case_id), DB_TEXT(":k", p->name + 6), DB_END);
		bool same = old && (strcmp(old, p->value) == 0 || same_number(old, p->value));
		free(old);
		if (same)
			continue;
		/* For this page's task, even when the person holds another (as Plt). */
		KpiEntry e = {case_id, c->user.person_id, p->name + 6, p->value, NULL, NULL, c->id,
		              0};
		Buf err = BUF_INIT;
		if (kpi_submit(c->wf, &e, c->now, &err) != 0) {
			buf_puts(errors, p->name + 6);
			buf_puts(errors, ": ");
			buf_puts(errors, buf_str(&err));
			if (errors->len && errors->data[errors->len - 1] != '\n')
				buf_putc(errors, '\n');
		} else {
			saved++;
		}
		buf_free(&err);
	}
	return saved;
}
