/*
** web_kpi.c: the data kinerja pages. /kinerja: an agency's indicators for
** a year and a quarter (or the year) with target, realisation, capaian and
** category, a bar chart of capaian per indicator as inline SVG, the budget
** line, each indicator linked to its page, and the recap as CSV or XLSX
** (/kinerja/unduh). /kinerja/indikator/{id}: one indicator: its identity
** and settings in words, its Perjanjian Kinerja targets in every version,
** its quarters against their targets (table and chart), and every version
** of every value of the year with who, when, status and what changed.
**
** Officials see their own agency (person.agency_id); administrators any
** (the recap's "instansi" parameter). Numbers in the Indonesian format.
** The arithmetic is kpi_recap_json()'s, so these pages never disagree with
** the recap; the history is kpi_history_json()'s.
*/
#include "web.h"
#include "util_json.h"

#include "kpi.h"
#include "web_svg.h"
#include "wf_cal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* A number of the recap in the Indonesian format, or "-" when null. */
static void number(Buf *o, json_t *v, int decimals, const char *suffix)
{
	if (!json_is_number(v)) {
		html_printf(o, "-");
		return;
	}
	Buf b = BUF_INIT;
	fmt_number_id(&b, json_number_value(v), decimals);
	html_printf(o, "%h%h", buf_str(&b), suffix);
	buf_free(&b);
}

enum { BAR_H = 18, LABEL_W = 60, CHART_W = 480, SCALE_MAX = 150 };

/* Capaian per indicator as horizontal bars, the 100% line marked. */
static void chart(Buf *o, json_t *indicators)
{
	size_t n = json_array_size(indicators);
	int h = (int)n * BAR_H + 24, plot = CHART_W - LABEL_W - 50;
	html_printf(o,
	            "<figure class=\"bagan\"><svg xmlns=\"http://www.w3.org/2000/svg\" "
	            "viewBox=\"0 0 %d %d\" width=\"100%%\" role=\"img\" font-size=\"11\" "
	            "font-family=\"sans-serif\"><title>Capaian per indikator</title>",
	            CHART_W, h);
	size_t i;
	json_t *k;
	json_array_foreach (indicators, i, k) {
		int y = (int)i * BAR_H + 4;
		json_t *cap = json_object_get(k, "capaian");
		html_printf(o, "<text x=\"0\" y=\"%d\">%h</text>", y + 12,
		            json_text(k, "code", ""));
		if (!json_is_number(cap)) {
			html_printf(o, "<text x=\"%d\" y=\"%d\" fill=\"#666\">belum ada</text>",
			            LABEL_W, y + 12);
			continue;
		}
		double v = json_number_value(cap);
		int w = (int)(plot * (v < 0 ? 0 : v > SCALE_MAX ? SCALE_MAX : v) / SCALE_MAX);
		const char *color = json_text(k, "category_color", "");
		html_printf(o, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%h\"/>",
		            LABEL_W, y, w, BAR_H - 4, *color ? color : "#0b3d6e");
		html_printf(o, "<text x=\"%d\" y=\"%d\">", LABEL_W + w + 4, y + 12);
		number(o, cap, 2, "%");
		html_printf(o, "</text>");
	}
	int x100 = LABEL_W + plot * 100 / SCALE_MAX;
	html_printf(o,
	            "<path d=\"M%d 0V%d\" stroke=\"#c62828\" stroke-dasharray=\"4 3\"/>"
	            "<text x=\"%d\" y=\"%d\" fill=\"#c62828\">100%%</text></svg>"
	            "<figcaption>Capaian per indikator (garis merah: 100%%)</figcaption></figure>",
	            x100, h - 14, x100 - 14, h - 2);
}

/* ---- what a recap request asks: agency, year, period ---------------------- */

typedef struct RecapQuery {
	int64_t agency; /* the agency shown */
	int64_t mine;   /* the person's own agency (0: none) */
	int year, period;
} RecapQuery;

/* The year of t (UTC; a quarter's edge a few hours off does not matter here). */
static int year_of(time_t t)
{
	struct tm tm;
	gmtime_r(&t, &tm);
	return tm.tm_year + 1900;
}

/*
** The period shown when none is asked: the year for past years; for the
** current year the latest quarter with a value (submitted or verified) of
** the agency, else TW1; TW1 for years ahead.
*/
static int default_period(WebCtx *c, int64_t agency, int year)
{
	int now = year_of(c->now);
	if (year < now)
		return 4;
	if (year > now)
		return 0;
	int64_t q = db_int(c->db, 0,
	                   "SELECT max(CASE r.period WHEN 'TW1' THEN 1 WHEN 'TW2' THEN 2"
	                   " WHEN 'TW3' THEN 3 WHEN 'TW4' THEN 4 ELSE 0 END)"
	                   " FROM realisasi r JOIN indicator i ON i.id=r.indicator_id"
	                   " WHERE i.agency_id=:a AND r.year=:y"
	                   " AND r.status IN ('submitted','verified')",
	                   DB_INT(":a", agency), DB_INT(":y", year), DB_END);
	return q > 0 ? (int)q - 1 : 0;
}

/* A year as the forms send it: four digits. */
static bool year_valid(const char *s)
{
	return s && strlen(s) == 4 && str_is_digits(s);
}

/*
** Read instansi, tahun and periode of the query into q, checking that the
** person may see that agency; on a refusal the error page is written and
** false returned.
*/
static bool recap_query(WebCtx *c, RecapQuery *q)
{
	const char *year_s = web_param(c->req->query, c->req->n_query, "tahun");
	const char *period_s = web_param(c->req->query, c->req->n_query, "periode");
	const char *agency_s = web_param(c->req->query, c->req->n_query, "instansi");
	q->mine = db_int(c->db, 0, "SELECT agency_id FROM person WHERE id=:p",
	                 DB_INT(":p", c->user.person_id), DB_END);
	q->agency = q->mine;
	if (agency_s && *agency_s) {
		q->agency = wf_agency_by_ref(c->db, agency_s);
		if (!q->agency) {
			web_error(c, 404, "Instansi tidak ditemukan.");
			return false;
		}
		if (q->agency != q->mine && !c->user.admin) {
			web_error(c, 403, "Data kinerja ini milik instansi lain.");
			return false;
		}
	}
	if (!q->agency && c->user.admin) /* an administrator of no agency: the first one */
		q->agency = db_int(c->db, 0, "SELECT id FROM agency ORDER BY code LIMIT 1", DB_END);
	q->period = period_s && *period_s ? kpi_period_parse(period_s) : 0;
	if ((year_s && *year_s && !year_valid(year_s)) || q->period < 0) {
		web_error(c, 400, "Tahun ditulis empat angka; periode TW1, TW2, TW3, TW4 atau Y.");
		return false;
	}
	q->year = year_s && *year_s ? atoi(year_s) : year_of(c->now);
	if (!period_s || !*period_s)
		q->period = default_period(c, q->agency, q->year);
	return true;
}

/* The recap of q, or NULL with the 404 page written. */
static json_t *recap_load(WebCtx *c, const RecapQuery *q)
{
	Buf err = BUF_INIT;
	json_t *r = q->agency ? kpi_recap_json(c->db, q->agency, q->year, q->period, &err) : NULL;
	buf_free(&err);
	if (!r)
		web_error(c, 404, "Rekap tidak tersedia untuk instansi ini.");
	return r;
}

/* The form choosing what the recap shows: the agency (administrators), year, period. */
static void recap_form(WebCtx *c, const RecapQuery *q, const char *agency_code)
{
	Buf *o = &c->rep->body;
	html_printf(o, "<form method=\"get\" action=\"/kinerja\">");
	if (c->user.admin) {
		html_printf(o, "<label>Instansi <select name=\"instansi\">");
		DbStmt *st = db_query(c->db, "SELECT code, name FROM agency ORDER BY code", DB_END);
		while (db_step(st) == DB_ROW)
			html_printf(o, "<option value=\"%h\"%h>%h</option>", db_col_text(st, 0),
			            strcmp(db_col_text(st, 0), agency_code) == 0 ? " selected" : "",
			            db_col_text(st, 1));
		db_finalize(st);
		html_printf(o, "</select></label>");
	}
	html_printf(o,
	            "<label>Tahun <input name=\"tahun\" inputmode=\"numeric\" size=\"4\" "
	            "maxlength=\"4\" value=\"%d\"></label><label>Periode <select "
	            "name=\"periode\">",
	            q->year);
	for (int p = 0; p < 5; p++)
		html_printf(o, "<option%h>%h</option>", p == q->period ? " selected" : "",
		            kpi_period_name(p));
	html_printf(o, "</select></label><button>Tampilkan</button></form>");
}

void page_kpi_recap(WebCtx *c)
{
	RecapQuery q;
	if (!recap_query(c, &q))
		return;
	json_t *r = recap_load(c, &q);
	if (!r)
		return;
	Arena *a = c->req->arena;
	const char *code = db_text(c->db, a, "SELECT code FROM agency WHERE id=:a",
	                           DB_INT(":a", q.agency), DB_END);
	web_page_begin(c, "Data Kinerja");
	Buf *o = &c->rep->body;
	html_printf(o, "<p>%h, tahun %d, periode %h.</p>", json_text(r, "agency", ""), q.year,
	            kpi_period_name(q.period));
	recap_form(c, &q, code ? code : "");
	json_t *ind = json_object_get(r, "indicators");
	if (json_array_size(ind) == 0) {
		html_printf(o, "<p>Belum ada indikator.</p>");
	} else {
		chart(o, ind);
		html_printf(o, "<table><thead><tr><th scope=\"col\">Kode</th>"
		               "<th scope=\"col\">Indikator</th><th scope=\"col\">Satuan</th>"
		               "<th scope=\"col\">Target</th><th scope=\"col\">Realisasi</th>"
		               "<th scope=\"col\">Capaian</th><th scope=\"col\">Kategori</th>"
		               "</tr></thead><tbody>");
		size_t i;
		json_t *k;
		json_array_foreach (ind, i, k) {
			html_printf(
			        o,
			        "<tr><td>%h</td><td><a href=\"/kinerja/indikator/%lld?tahun=%d\">%h"
			        "</a></td><td>%h</td><td>",
			        json_text(k, "code", ""),
			        (long long)json_integer_value(json_object_get(k, "id")), q.year,
			        json_text(k, "name", ""), json_text(k, "satuan", ""));
			number(o, json_object_get(k, "target"), 2, "");
			html_printf(o, "</td><td>");
			if (*json_text(k, "actual_label", ""))
				html_printf(o, "%h", json_text(k, "actual_label", ""));
			else
				number(o, json_object_get(k, "actual"), 2, "");
			html_printf(o, "</td><td>");
			number(o, json_object_get(k, "capaian"), 2, "%");
			html_printf(o, "</td><td>%h</td></tr>",
			            *json_text(k, "category", "") ? json_text(k, "category", "")
			                                          : "belum ada realisasi");
		}
		html_printf(o, "</tbody></table>");
		const char *inst = c->user.admin && code ? code : "";
		html_printf(o,
		            "<p>Unduh rekap ini: <a href=\"/kinerja/unduh?format=csv&amp;"
		            "instansi=%u&amp;tahun=%d&amp;periode=%u\">CSV</a> &middot; "
		            "<a href=\"/kinerja/unduh?format=xlsx&amp;instansi=%u&amp;tahun=%d"
		            "&amp;periode=%u\">XLSX (Excel)</a></p>",
		            inst, q.year, kpi_period_name(q.period), inst, q.year,
		            kpi_period_name(q.period));
	}
	json_t *b = json_object_get(r, "budget");
	if (json_is_number(json_object_get(b, "pagu"))) {
		Buf pagu = BUF_INIT, real = BUF_INIT;
		fmt_rupiah(&pagu, json_number_value(json_object_get(b, "pagu")));
		fmt_rupiah(&real, json_number_value(json_object_get(b, "realisation")));
		html_printf(o, "<p>Anggaran: pagu %h, realisasi %h, serapan ", buf_str(&pagu),
		            buf_str(&real));
		number(o, json_object_get(b, "absorption"), 2, "%");
		html_printf(o, ".</p>");
		buf_free(&pagu);
		buf_free(&real);
	}
	json_decref(r);
	web_page_end(c);
}

/* ---- downloads ------------------------------------------------------------- */

/* s with every character but letters, digits, '-' and '.' made '-', for a file name. */
static char *file_safe(Arena *a, const char *s)
{
	char *out = arena_strdup(a, s);
	for (char *p = out; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '.'))
			*p = '-';
	return out;
}

/*
** The recap as a file: format=csv (the default) or xlsx. The XLSX is
** written by libxlsxwriter to a fresh temporary file (mkstemp under
** $TMPDIR), read into the reply and removed, so requests never share a
** file.
*/
void page_kpi_download(WebCtx *c)
{
	const char *format = web_param(c->req->query, c->req->n_query, "format");
	bool xlsx = format && strcmp(format, "xlsx") == 0;
	if (format && *format && !xlsx && strcmp(format, "csv") != 0) {
		web_error(c, 400, "Format unduhan: csv atau xlsx.");
		return;
	}
	RecapQuery q;
	if (!recap_query(c, &q))
		return;
	json_t *r = recap_load(c, &q);
	if (!r)
		return;
	Arena *a = c->req->arena;
	char *code = db_text(c->db, a, "SELECT code FROM agency WHERE id=:a",
	                     DB_INT(":a", q.agency), DB_END);
	const char *name =
	        arena_printf(a, "rekap-kinerja-%s-%d-%s.%s", file_safe(a, code ? code : "instansi"),
	                     q.year, kpi_period_name(q.period), xlsx ? "xlsx" : "csv");
	Buf *body = &c->rep->body;
	if (!xlsx) {
		kpi_recap_csv(r, body); /* a CSV file, not HTML: the recap's own writer quotes it */
		json_decref(r);
		c->rep->content_type = "text/csv; charset=utf-8";
		c->rep->disposition = arena_printf(a, "attachment; filename=\"%s\"", name);
		return;
	}
	const char *dir = getenv("TMPDIR");
	char *path = arena_printf(a, "%s/sakip-rekap-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	Buf err = BUF_INIT;
	int rc = -1;
	if (fd < 0) {
		buf_printf(&err, "mkstemp %s: %s", path, strerror(errno));
	} else {
		close(fd);
		if (kpi_recap_xlsx(r, path, &err) == 0 &&
		    buf_read_file(body, path, 64 * 1024 * 1024, &err) == 0)
			rc = 0;
		unlink(path);
	}
	json_decref(r);
	if (rc != 0) {
		log_error("recap xlsx: %s", buf_str(&err));
		buf_free(&err);
		web_error(c, 500, "Berkas XLSX tidak dapat dibuat. Coba lagi atau unduh CSV.");
		return;
	}
	buf_free(&err);
	c->rep->content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
	c->rep->disposition = arena_printf(a, "attachment; filename=\"%s\"", name);
}

/* ---- one indicator ------------------------------------------------------- */

/* An indicator's settings, as the page shows them. */
typedef struct Indicator {
	int64_t id, agency_id, scale_id;
	const char *code, *name, *satuan, *sasaran, *unit, *agency, *agency_code, *scale;
	KpiPolarity pol;
	KpiFormula form;
	KpiAggregation agg;
	bool iku, evidence, has_cap, has_min, has_max;
	double cap, min, max, range_max;
} Indicator;

static bool indicator_load(WebCtx *c, Indicator *x)
{
	Arena *a = c->req->arena;
	DbStmt *st = db_query(
	        c->db,
	        "SELECT i.agency_id, i.code, i.name, i.satuan, s.name, u.name, a.name, a.code,"
	        " i.polarity, i.formula, i.aggregation, i.iku, i.evidence_required, i.cap,"
	        " i.min_value, i.max_value, i.range_max, i.scale_id, sc.name"
	        " FROM indicator i JOIN agency a ON a.id=i.agency_id"
	        " LEFT JOIN sasaran s ON s.id=i.sasaran_id LEFT JOIN unit u ON u.id=i.unit_id"
	        " LEFT JOIN kpi_scale sc ON sc.id=i.scale_id WHERE i.id=:i",
	        DB_INT(":i", c->id), DB_END);
	bool found = db_step(st) == DB_ROW;
	if (found) {
		x->id = c->id;
		x->agency_id = db_col_int(st, 0);
		x->code = arena_strdup(a, db_col_text(st, 1));
		x->name = arena_strdup(a, db_col_text(st, 2));
		x->satuan = arena_strdup(a, db_col_text(st, 3));
		x->sasaran = db_col_null(st, 4) ? NULL : arena_strdup(a, db_col_text(st, 4));
		x->unit = db_col_null(st, 5) ? NULL : arena_strdup(a, db_col_text(st, 5));
		x->agency = arena_strdup(a, db_col_text(st, 6));
		x->agency_code = arena_strdup(a, db_col_text(st, 7));
		kpi_polarity_parse(db_col_text(st, 8), &x->pol);
		kpi_formula_parse(db_col_text(st, 9), &x->form);
		kpi_aggregation_parse(db_col_text(st, 10), &x->agg);
		x->iku = db_col_int(st, 11) != 0;
		x->evidence = db_col_int(st, 12) != 0;
		x->has_cap = !db_col_null(st, 13);
		x->cap = db_col_double(st, 13);
		x->has_min = !db_col_null(st, 14);
		x->min = db_col_double(st, 14);
		x->has_max = !db_col_null(st, 15);
		x->max = db_col_double(st, 15);
		x->range_max = db_col_double(st, 16);
		x->scale_id = db_col_null(st, 17) ? 0 : db_col_int(st, 17);
		x->scale = db_col_null(st, 18) ? NULL : arena_strdup(a, db_col_text(st, 18));
	}
	db_finalize(st);
	return found;
}

static const char *polarity_words(KpiPolarity p)
{
	return p == KPI_LOWER   ? "semakin rendah semakin baik"
	       : p == KPI_RANGE ? "baik bila di dalam rentang"
	                        : "semakin tinggi semakin baik";
}

static const char *formula_words(KpiFormula f)
{
	switch (f) {
	case KPI_2T_R:
		return "(2 \u00d7 target \u2212 realisasi) / target \u00d7 100%";
	case KPI_T_R:
		return "target / realisasi \u00d7 100%";
	case KPI_IN_RANGE:
		return "100% bila realisasi di antara target dan batas atas; di bawahnya "
		       "realisasi / target \u00d7 100%, di atasnya (2 \u00d7 batas atas \u2212 "
		       "realisasi) / batas atas \u00d7 100%";
	case KPI_RT:
		break;
	}
	return "realisasi / target \u00d7 100%";
}

static const char *aggregation_words(KpiAggregation g)
{
	return g == KPI_SUM   ? "kumulatif: jumlah triwulan sampai periode"
	       : g == KPI_AVG ? "rata-rata triwulan sampai periode"
	                      : "nilai periode itu sendiri (posisi akhir periode)";
}

/* A realisation's or target's status in Indonesian. */
static const char *value_status_words(const char *s)
{
	static const char *const names[][2] = {{"draft", "draf"},
	                                       {"submitted", "diajukan"},
	                                       {"verified", "terverifikasi"},
	                                       {"superseded", "digantikan"},
	                                       {"proposed", "usulan perbaikan"},
	                                       {"rejected", "ditolak"}};
	for (size_t i = 0; i < COUNT(names); i++)
		if (strcmp(s, names[i][0]) == 0)
			return names[i][1];
	return s;
}

/* A stored number of the indicator: its label on the indicator's scale, else the number. */
static void put_value(WebCtx *c, const Indicator *x, double v)
{
	Buf *o = &c->rep->body;
	if (x->scale_id) {
		char *label =
		        db_text(c->db, c->req->arena,
		                "SELECT label FROM kpi_scale_level WHERE scale_id=:s AND value=:v",
		                DB_INT(":s", x->scale_id), DB_DOUBLE(":v", v), DB_END);
		if (label) {
			html_printf(o, "%h", label);
			return;
		}
	}
	Buf b = BUF_INIT;
	fmt_number_id(&b, v, 2);
	html_printf(o, "%h", buf_str(&b));
	buf_free(&b);
}

/* t as local time of the agency, "23 November 2026 08:00 WIB". */
static void put_time(WebCtx *c, int64_t agency, time_t t)
{
	Buf raw = BUF_INIT, day = BUF_INIT;
	wf_cal_format(wf_calendar(c->wf, agency), t, &raw);
	const char *s = buf_str(&raw);
	char date[11];
	snprintf(date, sizeof date, "%.10s", s);
	fmt_date_id(&day, date);
	html_printf(&c->rep->body, "%h%h", buf_str(&day), strlen(s) > 10 ? s + 10 : "");
	buf_free(&raw);
	buf_free(&day);
}

/* The identity block: what the indicator is and how its capaian is computed. */
static void indicator_identity(WebCtx *c, const Indicator *x)
{
	Buf *o = &c->rep->body;
	html_printf(o,
	            "<table class=\"isian\"><tbody><tr><th scope=\"row\">Instansi</th><td>%h</td>"
	            "</tr><tr><th scope=\"row\">Kode</th><td>%h%h</td></tr><tr><th "
	            "scope=\"row\">Satuan</th><td>%h</td></tr><tr><th scope=\"row\">Sasaran "
	            "strategis</th><td>%h</td></tr><tr><th scope=\"row\">Penanggung "
	            "jawab</th><td>%h</td></tr><tr><th scope=\"row\">Polaritas</th><td>%h</td>"
	            "</tr><tr><th scope=\"row\">Rumus capaian</th><td>%h</td></tr><tr><th "
	            "scope=\"row\">Agregasi triwulan</th><td>%h</td></tr>",
	            x->agency, x->code, x->iku ? " (IKU)" : "", x->satuan,
	            x->sasaran ? x->sasaran : "-", x->unit ? x->unit : "-", polarity_words(x->pol),
	            formula_words(x->form), aggregation_words(x->agg));
	if (x->form == KPI_IN_RANGE) {
		html_printf(o, "<tr><th scope=\"row\">Batas atas rentang</th><td>");
		put_value(c, x, x->range_max);
		html_printf(o, "</td></tr>");
	}
	if (x->has_cap) {
		html_printf(o, "<tr><th scope=\"row\">Capaian paling tinggi</th><td>");
		put_value(c, x, x->cap);
		html_printf(o, "%%</td></tr>");
	}
	if (x->scale) {
		html_printf(o, "<tr><th scope=\"row\">Skala kualitatif</th><td>%h:", x->scale);
		DbStmt *st = db_query(c->db,
		                      "SELECT label, value FROM kpi_scale_level WHERE scale_id=:s"
		                      " ORDER BY value DESC",
		                      DB_INT(":s", x->scale_id), DB_END);
		for (int k = 0; db_step(st) == DB_ROW; k++)
			html_printf(o, "%h %h = %lld", k ? "," : "", db_col_text(st, 0),
			            (long long)db_col_double(st, 1));
		db_finalize(st);
		html_printf(o, "</td></tr>");
	} else if (x->has_min || x->has_max) {
		html_printf(o, "<tr><th scope=\"row\">Nilai yang sah</th><td>");
		if (x->has_min)
			put_value(c, x, x->min);
		html_printf(o, " sampai ");
		if (x->has_max)
			put_value(c, x, x->max);
		else
			html_printf(o, "tak terbatas");
		html_printf(o, "</td></tr>");
	}
	html_printf(o, "<tr><th scope=\"row\">Bukti dukung</th><td>%h</td></tr></tbody></table>",
	            x->evidence ? "wajib untuk setiap realisasi" : "wajib untuk usulan perbaikan");
}

/*
** The Perjanjian Kinerja of the year: its versions (PK awal, then each
** perubahan with its reason, who and when) as a list, then the indicator's
** targets per period in each version side by side, a changed target in
** bold with the one it replaced. Periods are rows, so the table stays
** narrow on a phone.
*/
enum { PK_MAX = 12 }; /* versions shown side by side (the newest ones) */

static void indicator_pk(WebCtx *c, const Indicator *x, int year)
{
	Buf *o = &c->rep->body;
	Arena *a = c->req->arena;
	html_printf(o, "<h2>Perjanjian Kinerja %d</h2>", year);
	typedef struct PkRow {
		int64_t id, version, at;
		const char *kind, *reason, *by;
		double t[5];
		bool has[5];
	} PkRow;
	PkRow rows[PK_MAX];
	int n = 0;
	/* The newest PK_MAX versions, oldest first. */
	DbStmt *st = db_query(c->db,
	                      "SELECT * FROM (SELECT k.id, k.version, k.kind, k.reason,"
	                      " k.created_at, p.name FROM pk k LEFT JOIN person p"
	                      " ON p.id=k.created_by WHERE k.agency_id=:a AND k.year=:y"
	                      " ORDER BY k.version DESC LIMIT :n) ORDER BY 2",
	                      DB_INT(":a", x->agency_id), DB_INT(":y", year), DB_INT(":n", PK_MAX),
	                      DB_END);
	while (n < PK_MAX && db_step(st) == DB_ROW) {
		PkRow *r = &rows[n++];
		memset(r, 0, sizeof *r);
		r->id = db_col_int(st, 0);
		r->version = db_col_int(st, 1);
		r->kind = arena_strdup(a, db_col_text(st, 2));
		r->reason = db_col_null(st, 3) ? NULL : arena_strdup(a, db_col_text(st, 3));
		r->at = db_col_int(st, 4);
		r->by = db_col_null(st, 5) ? NULL : arena_strdup(a, db_col_text(st, 5));
	}
	db_finalize(st);
	if (n == 0) {
		html_printf(o, "<p>Belum ada Perjanjian Kinerja untuk tahun ini.</p>");
		return;
	}
	html_printf(o, "<ul>");
	for (int k = 0; k < n; k++) {
		PkRow *r = &rows[k];
		html_printf(o, "<li>Versi %lld: PK %h, ", (long long)r->version, r->kind);
		put_time(c, x->agency_id, (time_t)r->at);
		if (r->by)
			html_printf(o, ", %h", r->by);
		if (r->reason)
			html_printf(o, "; alasan: %h", r->reason);
		html_printf(o, "</li>");
		st = db_query(
		        c->db,
		        "SELECT period, target FROM pk_target WHERE pk_id=:p AND indicator_id=:i",
		        DB_INT(":p", r->id), DB_INT(":i", x->id), DB_END);
		while (db_step(st) == DB_ROW) {
			int p = kpi_period_parse(db_col_text(st, 0));
			if (p >= 0) {
				r->t[p] = db_col_double(st, 1);
				r->has[p] = true;
			}
		}
		db_finalize(st);
	}
	html_printf(o, "</ul><table class=\"isian\"><thead><tr><th scope=\"col\">Target</th>");
	for (int k = 0; k < n; k++)
		html_printf(o, "<th scope=\"col\">Versi %lld</th>", (long long)rows[k].version);
	html_printf(o, "</tr></thead><tbody>");
	for (int p = 0; p < 5; p++) {
		html_printf(o, "<tr><th scope=\"row\">%h</th>",
		            p == 4 ? "Tahun" : kpi_period_name(p));
		for (int k = 0; k < n; k++) {
			const PkRow *r = &rows[k], *prev = k ? &rows[k - 1] : NULL;
			bool changed = prev && (r->has[p] != prev->has[p] ||
			                        (r->has[p] && r->t[p] != prev->t[p]));
			html_printf(o, "<td>");
			if (changed)
				html_printf(o, "<strong>");
			if (r->has[p])
				put_value(c, x, r->t[p]);
			else
				html_printf(o, "-");
			if (changed) {
				html_printf(o, "</strong><br><small>semula ");
				if (prev->has[p])
					put_value(c, x, prev->t[p]);
				else
					html_printf(o, "-");
				html_printf(o, "</small>");
			}
			html_printf(o, "</td>");
		}
		html_printf(o, "</tr>");
	}
	html_printf(o, "</tbody></table>");
}

/*
** The quarters and the year against their targets, through the recap (so
** capaian, caps, categories and notes are the recap's), and the chart of
** the quarters for numeric indicators.
*/
static void indicator_quarters(WebCtx *c, const Indicator *x, int year)
{
	Buf *o = &c->rep->body;
	json_t *row[5] = {NULL};
	json_t *recaps[5] = {NULL};
	for (int p = 0; p < 5; p++) {
		Buf err = BUF_INIT;
		recaps[p] = kpi_recap_json(c->db, x->agency_id, year, p, &err);
		buf_free(&err);
		size_t i;
		json_t *k;
		json_array_foreach (json_object_get(recaps[p], "indicators"), i, k)
			if (json_integer_value(json_object_get(k, "id")) == x->id)
				row[p] = k;
	}
	html_printf(o, "<h2>Target dan realisasi %d</h2>", year);
	if (x->agg != KPI_LAST)
		html_printf(o, "<p>Target dan realisasi dihitung %h.</p>",
		            x->agg == KPI_SUM ? "kumulatif sampai periode"
		                              : "sebagai rata-rata sampai periode");
	html_printf(o, "<table class=\"isian\"><thead><tr><th scope=\"col\">Periode</th>"
	               "<th scope=\"col\">Target</th><th scope=\"col\">Realisasi</th>"
	               "<th scope=\"col\">Capaian dan kategori</th></tr></thead><tbody>");
	SvgKpiChart ch = {0};
	for (int p = 0; p < 5; p++) {
		json_t *k = row[p];
		html_printf(o, "<tr><th scope=\"row\">%h</th><td>",
		            p == 4 ? "Tahun" : kpi_period_name(p));
		json_t *t = json_object_get(k, "target"), *r = json_object_get(k, "actual");
		if (json_is_number(t))
			put_value(c, x, json_number_value(t));
		else
			html_printf(o, "-");
		html_printf(o, "</td><td>");
		if (*json_text(k, "actual_label", ""))
			html_printf(o, "%h", json_text(k, "actual_label", ""));
		else if (json_is_number(r))
			number(o, r, 2, "");
		else
			html_printf(o, "belum ada");
		html_printf(o, "</td><td>");
		number(o, json_object_get(k, "capaian"), 2, "%");
		if (json_is_true(json_object_get(k, "capped")))
			html_printf(o, " (dibatasi)");
		if (*json_text(k, "category", ""))
			html_printf(o, "<br>%h", json_text(k, "category", ""));
		if (*json_text(k, "note", "") && json_is_number(r))
			html_printf(o, "<br><small>%h</small>", json_text(k, "note", ""));
		html_printf(o, "</td></tr>");
		if (p < 4) {
			ch.q[p] = (SvgKpiQuarter){json_is_number(t), json_is_number(r),
			                          json_number_value(t), json_number_value(r)};
		} else if (json_is_number(t)) {
			ch.has_year_target = true;
			ch.year_target = json_number_value(t);
		}
	}
	html_printf(o, "</tbody></table>");
	if (x->scale_id) {
		html_printf(o,
		            "<p>Indikator ini kualitatif (skala %h): grafik hanya untuk nilai "
		            "angka, maka tidak digambar.</p>",
		            x->scale ? x->scale : "-");
	} else {
		Buf title = BUF_INIT;
		buf_printf(&title, "%s %s", x->code, x->name);
		ch.title = buf_str(&title);
		ch.satuan = x->satuan;
		ch.cumulative = x->agg == KPI_SUM;
		ch.lower_better = x->pol == KPI_LOWER;
		ch.has_range = x->form == KPI_IN_RANGE;
		ch.range_max = x->range_max;
		html_printf(o, "<figure class=\"bagan\">");
		svg_kpi_chart(o, &ch);
		html_printf(o,
		            "<figcaption>Realisasi per triwulan (batang) dan targetnya (tanda "
		            "merah)%h.</figcaption></figure>",
		            ch.cumulative ? "; garis putus-putus: target tahunan" : "");
		buf_free(&title);
	}
	for (int p = 0; p < 5; p++)
		json_decref(recaps[p]);
}

/* Newest first: by time, then the later period and version. */
static int newest_first(const void *pa, const void *pb)
{
	json_t *a = *(json_t *const *)pa, *b = *(json_t *const *)pb;
	json_int_t ta = json_integer_value(json_object_get(a, "at")),
	           tb = json_integer_value(json_object_get(b, "at"));
	if (ta != tb)
		return ta < tb ? 1 : -1;
	int c = strcmp(json_text(b, "period", ""), json_text(a, "period", ""));
	if (c)
		return c;
	json_int_t va = json_integer_value(json_object_get(a, "version")),
	           vb = json_integer_value(json_object_get(b, "version"));
	return va < vb ? 1 : va > vb ? -1 : 0;
}

/* The version of the same year and period numbered version, or NULL. */
static json_t *version_of(json_t *versions, json_t *v, json_int_t version)
{
	size_t i;
	json_t *w;
	json_array_foreach (versions, i, w)
		if (json_integer_value(json_object_get(w, "year")) ==
		            json_integer_value(json_object_get(v, "year")) &&
		    strcmp(json_text(w, "period", ""), json_text(v, "period", "")) == 0 &&
		    json_integer_value(json_object_get(w, "version")) == version)
			return w;
	return NULL;
}

/* A version's value as entered: its label, or its number. */
static void put_entered(WebCtx *c, json_t *v)
{
	if (*json_text(v, "label", ""))
		html_printf(&c->rep->body, "%h", json_text(v, "label", ""));
	else
		number(&c->rep->body, json_object_get(v, "value"), 2, "");
}

/*
** Every version of every value of the year, newest first, one list item
** each (a list reads on a phone where a wide table would not): the period
** and version, the value and its status, who entered it, when and in
** which case, and what changed from the version before it (a correction:
** from the version it corrects) with the reason and the evidence's name.
*/
static void indicator_history(WebCtx *c, const Indicator *x, int year)
{
	Buf *o = &c->rep->body;
	html_printf(o, "<h2>Riwayat nilai %d</h2>", year);
	json_t *h = kpi_history_json(c->db, x->id, year, -1);
	json_t *versions = json_object_get(h, "versions");
	size_t n = json_array_size(versions);
	if (n == 0) {
		html_printf(o, "<p>Belum ada nilai untuk tahun ini.</p>");
		json_decref(h);
		return;
	}
	json_t **sorted = xcalloc(n, sizeof *sorted);
	for (size_t i = 0; i < n; i++)
		sorted[i] = json_array_get(versions, i);
	qsort(sorted, n, sizeof *sorted, newest_first);
	html_printf(o, "<ol class=\"riwayat\" reversed>");
	for (size_t i = 0; i < n; i++) {
		json_t *v = sorted[i];
		json_int_t version = json_integer_value(json_object_get(v, "version"));
		html_printf(o, "<li><strong>%h versi %lld: ", json_text(v, "period", ""),
		            (long long)version);
		put_entered(c, v);
		html_printf(o, "</strong> (%h)<br>",
		            value_status_words(json_text(v, "status", "")));
		if (*json_text(v, "by_name", ""))
			html_printf(o, "%h", json_text(v, "by_name", ""));
		else if (*json_text(v, "by", ""))
			html_printf(o, "%h", json_text(v, "by", ""));
		else
			html_printf(o, "impor berkas");
		if (*json_text(v, "unit", ""))
			html_printf(o, " (%h)", json_text(v, "unit", ""));
		html_printf(o, ", ");
		put_time(c, x->agency_id, (time_t)json_integer_value(json_object_get(v, "at")));
		json_t *cs = json_object_get(v, "case");
		if (json_is_integer(cs))
			html_printf(o, ", <a href=\"/kasus/%lld\">kasus %lld</a>",
			            (long long)json_integer_value(cs),
			            (long long)json_integer_value(cs));
		html_printf(o, "<br>");
		json_t *base = json_object_get(v, "base_version");
		json_t *old =
		        version_of(versions, v,
		                   json_is_integer(base) ? json_integer_value(base) : version - 1);
		if (old) {
			html_printf(o, "<span class=\"diff\">");
			put_entered(c, old);
			html_printf(o, " &rarr; ");
			put_entered(c, v);
			double d = json_number_value(json_object_get(v, "value")) -
			           json_number_value(json_object_get(old, "value"));
			if (!*json_text(v, "label", "") && d != 0) {
				Buf b = BUF_INIT;
				fmt_number_id(&b, d, 2);
				html_printf(o, " (%h%h)", d > 0 ? "+" : "", buf_str(&b));
				buf_free(&b);
			}
			html_printf(o, "</span> dari versi %lld%h",
			            (long long)json_integer_value(json_object_get(old, "version")),
			            json_is_integer(base) ? ", yang diperbaiki" : "");
		} else {
			html_printf(o, "nilai pertama");
		}
		if (*json_text(v, "reason", ""))
			html_printf(o, "<br>Alasan: %h", json_text(v, "reason", ""));
		if (*json_text(v, "evidence_name", ""))
			html_printf(o, "<br>Bukti dukung: %h", json_text(v, "evidence_name", ""));
		else if (*json_text(v, "evidence_sha256", ""))
			html_printf(o, "<br>Bukti dukung: ada");
		html_printf(o, "</li>");
	}
	html_printf(o, "</ol>");
	free(sorted);
	json_decref(h);
}

void page_kpi_indicator(WebCtx *c)
{
	Indicator x = {0};
	if (!indicator_load(c, &x)) {
		web_error(c, 404, "Indikator tidak ditemukan.");
		return;
	}
	/* As /kinerja: officials see their own agency's indicators, administrators all. */
	int64_t mine = db_int(c->db, 0, "SELECT agency_id FROM person WHERE id=:p",
	                      DB_INT(":p", c->user.person_id), DB_END);
	if (x.agency_id != mine && !c->user.admin) {
		web_error(c, 403, "Indikator ini milik instansi lain.");
		return;
	}
	const char *year_s = web_param(c->req->query, c->req->n_query, "tahun");
	if (year_s && *year_s && !year_valid(year_s)) {
		web_error(c, 400, "Tahun ditulis empat angka.");
		return;
	}
	int year = year_s && *year_s ? atoi(year_s) : year_of(c->now);
	Buf title = BUF_INIT;
	buf_printf(&title, "%s %s", x.code, x.name);
	web_page_begin(c, buf_str(&title));
	buf_free(&title);
	Buf *o = &c->rep->body;
	html_printf(o,
	            "<p><a href=\"/kinerja?tahun=%d%h%u\">&larr; Rekap data kinerja</a></p>"
	            "<form method=\"get\"><label>Tahun <input name=\"tahun\" "
	            "inputmode=\"numeric\" size=\"4\" maxlength=\"4\" value=\"%d\"></label>"
	            "<button>Tampilkan</button></form>",
	            year, c->user.admin ? "&instansi=" : "", c->user.admin ? x.agency_code : "",
	            year);
	indicator_identity(c, &x);
	indicator_pk(c, &x, year);
	indicator_quarters(c, &x, year);
	indicator_history(c, &x, year);
	web_page_end(c);
}
