/*
** web_kpi.c: the data kinerja recap page (/kinerja): an agency's
** indicators for a year and a quarter (or the year) with target,
** realisation, capaian and category, a bar chart of capaian per indicator
** as inline SVG, and the budget line. Officials see their own agency;
** administrators may pick one. Numbers in the Indonesian format.
*/
#include "web.h"

#include "kpi.h"

#include <stdio.h>
#include <string.h>

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

static const char *str(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));
	return s ? s : "";
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
		html_printf(o, "<text x=\"0\" y=\"%d\">%h</text>", y + 12, str(k, "code"));
		if (!json_is_number(cap)) {
			html_printf(o, "<text x=\"%d\" y=\"%d\" fill=\"#666\">belum ada</text>",
			            LABEL_W, y + 12);
			continue;
		}
		double v = json_number_value(cap);
		int w = (int)(plot * (v < 0 ? 0 : v > SCALE_MAX ? SCALE_MAX : v) / SCALE_MAX);
		const char *color = str(k, "category_color");
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

void page_kpi_recap(WebCtx *c)
{
	const char *year_s = web_param(c->req->query, c->req->n_query, "tahun");
	const char *period_s = web_param(c->req->query, c->req->n_query, "periode");
	const char *agency_s = web_param(c->req->query, c->req->n_query, "instansi");
	int64_t mine = db_int(c->db, 0, "SELECT agency_id FROM person WHERE id=:p",
	                      DB_INT(":p", c->user.person_id), DB_END);
	int64_t agency = mine;
	if (agency_s && *agency_s) {
		agency = wf_agency_by_ref(c->db, agency_s);
		if (!agency) {
			web_error(c, 404, "Instansi tidak ditemukan.");
			return;
		}
		if (agency != mine && !c->user.admin) {
			web_error(c, 403, "Data kinerja ini milik instansi lain.");
			return;
		}
	}
	struct tm tm;
	time_t now = c->now;
	gmtime_r(&now, &tm);
	int year = year_s && *year_s ? atoi(year_s) : tm.tm_year + 1900;
	int period = period_s && *period_s ? kpi_period_parse(period_s) : 4;
	if ((year_s && *year_s && (!str_is_digits(year_s) || strlen(year_s) != 4)) || period < 0) {
		web_error(c, 400, "Tahun ditulis empat angka; periode TW1, TW2, TW3, TW4 atau Y.");
		return;
	}
	Buf err = BUF_INIT;
	json_t *r = agency ? kpi_recap_json(c->db, agency, year, period, &err) : NULL;
	buf_free(&err);
	if (!r) {
		web_error(c, 404, "Rekap tidak tersedia untuk instansi ini.");
		return;
	}
	web_page_begin(c, "Data Kinerja");
	Buf *o = &c->rep->body;
	html_printf(o, "<p>%h, tahun %d, periode %h.</p>", str(r, "agency"), year,
	            kpi_period_name(period));
	html_printf(o,
	            "<form method=\"get\" action=\"/kinerja\"><label>Tahun <input name=\"tahun\" "
	            "inputmode=\"numeric\" size=\"4\" value=\"%d\"></label><label>Periode "
	            "<select name=\"periode\">",
	            year);
	for (int p = 0; p < 5; p++)
		html_printf(o, "<option%h>%h</option>", p == period ? " selected" : "",
		            kpi_period_name(p));
	html_printf(o, "</select></label><button>Tampilkan</button></form>");
	json_t *ind = json_object_get(r, "indicators");
	if (json_array_size(ind) == 0) {
		html_printf(o, "<p>Belum ada indikator.</p>");
	} else {
		chart(o, ind);
		html_printf(o, "<table><thead><tr><th>Kode</th><th>Indikator</th><th>Satuan</th>"
		               "<th>Target</th><th>Realisasi</th><th>Capaian</th><th>Kategori</th>"
		               "</tr></thead><tbody>");
		size_t i;
		json_t *k;
		json_array_foreach (ind, i, k) {
			html_printf(o, "<tr><td>%h</td><td>%h</td><td>%h</td><td>", str(k, "code"),
			            str(k, "name"), str(k, "satuan"));
			number(o, json_object_get(k, "target"), 2, "");
			html_printf(o, "</td><td>");
			if (*str(k, "actual_label"))
				html_printf(o, "%h", str(k, "actual_label"));
			else
				number(o, json_object_get(k, "actual"), 2, "");
			html_printf(o, "</td><td>");
			number(o, json_object_get(k, "capaian"), 2, "%");
			html_printf(o, "</td><td>%h</td></tr>",
			            *str(k, "category") ? str(k, "category")
			                                : "belum ada realisasi");
		}
		html_printf(o, "</tbody></table>");
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
