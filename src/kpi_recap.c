/*
** kpi_recap.c: the recap of an agency's data kinerja for a year and a
** period: per indicator the target and realisation (cumulative to the
** period by the indicator's aggregation), capaian and its category or why
** it is undefined, the previous year's value, the Renstra end target, and
** the budget's absorption and efficiency. Written as JSON (the view model),
** CSV, or XLSX with libxlsxwriter.
**
** Three queries per agency (indicators, the latest PK's targets, current
** realisations) and arithmetic in memory, so fifty agencies take
** milliseconds. Current means the newest verified version, else the
** newest submitted one, flagged as not yet verified.
*/
#include "kpi.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

static const char *const periods[] = {"TW1", "TW2", "TW3", "TW4", "Y"};

int kpi_period_parse(const char *s)
{
	for (int i = 0; s && i < 5; i++)
		if (strcmp(s, periods[i]) == 0)
			return i;
	return -1;
}

const char *kpi_period_name(int p)
{
	return p >= 0 && p < 5 ? periods[p] : "?";
}

typedef struct Row {
	int64_t id;
	const char *code, *name, *satuan, *sasaran;
	KpiPolarity pol;
	KpiFormula form;
	KpiAggregation agg;
	double cap, max, range_max;
	bool has_max, iku;
	bool off_scale[5];
	int64_t scale_id;
	double t[5], r[5], prev[5];
	bool has_t[5], has_r[5], has_prev[5], verified[5];
	const char *r_text[5];
	bool has_renstra;
	double renstra;
	int renstra_end;
} Row;

static int period_index(const char *s)
{
	return kpi_period_parse(s);
}

/* Values of a period cumulative to quarter q (or the year's own value for Y). */
static bool upto(const Row *x, const double *v, const bool *has, int p, double *out)
{
	if (p == 4 && has[4]) {
		*out = v[4];
		return true;
	}
	return kpi_combine(x->agg, v, has, p == 4 ? 4 : p + 1, out);
}

/* A number, or null: absent, and never inf or NaN (JSON has neither). */
static json_t *jnum(bool has, double v)
{
	return has && isfinite(v) ? json_real(v) : json_null();
}

static void load_categories(Db *db, KpiCategory *cats, size_t *n, Arena *a)
{
	DbStmt *st =
	        db_prepare(db, "SELECT min_capaian, label, color FROM kpi_category"
	                       " WHERE scheme='permendagri-86-2017' ORDER BY min_capaian DESC");
	*n = 0;
	while (*n < 16 && db_step(st) == DB_ROW) {
		cats[*n].min = db_col_double(st, 0);
		cats[*n].label = arena_strdup(a, db_col_text(st, 1));
		cats[*n].color = arena_strdup(a, db_col_text(st, 2));
		(*n)++;
	}
	db_finalize(st);
	if (*n == 0) {
		memcpy(cats, kpi_permendagri_86, sizeof(KpiCategory) * kpi_permendagri_86_count);
		*n = kpi_permendagri_86_count;
	}
}

json_t *kpi_recap_json(Db *db, int64_t agency_id, int year, int period, Buf *err)
{
	Arena a = ARENA_INIT;
	char *agency_name = db_text(db, &a, "SELECT name FROM agency WHERE id=:a",
	                            DB_INT(":a", agency_id), DB_END);
	if (!agency_name) {
		buf_printf(err, "no agency %lld\n", (long long)agency_id);
		arena_free(&a);
		return NULL;
	}
	KpiCategory cats[16];
	size_t n_cats;
	load_categories(db, cats, &n_cats, &a);

	/* Indicators of the agency, in code order. */
	Row *rows = NULL;
	size_t n = 0, cap = 0;
	DbStmt *st =
	        db_prepare(db, "SELECT i.id, i.code, i.name, i.satuan, s.name, i.polarity,"
	                       " i.formula, i.aggregation, i.cap, i.max_value, i.iku, i.scale_id,"
	                       " i.range_max"
	                       " FROM indicator i LEFT JOIN sasaran s ON s.id=i.sasaran_id"
	                       " WHERE i.agency_id=:a ORDER BY i.code");
	db_bind_int(st, ":a", agency_id);
	while (db_step(st) == DB_ROW) {
		if (n == cap) {
			cap = cap ? cap * 2 : 64;
			rows = xrealloc(rows, sizeof *rows * cap);
		}
		Row *x = &rows[n++];
		memset(x, 0, sizeof *x);
		x->id = db_col_int(st, 0);
		x->code = arena_strdup(&a, db_col_text(st, 1));
		x->name = arena_strdup(&a, db_col_text(st, 2));
		x->satuan = arena_strdup(&a, db_col_text(st, 3));
		x->sasaran = arena_strdup(&a, db_col_text(st, 4));
		kpi_polarity_parse(db_col_text(st, 5), &x->pol);
		kpi_formula_parse(db_col_text(st, 6), &x->form);
		kpi_aggregation_parse(db_col_text(st, 7), &x->agg);
		x->cap = db_col_null(st, 8) ? 0 : db_col_double(st, 8);
		x->has_max = !db_col_null(st, 9);
		x->max = db_col_double(st, 9);
		x->iku = db_col_int(st, 10) != 0;
		x->scale_id = db_col_null(st, 11) ? 0 : db_col_int(st, 11);
		x->range_max = db_col_double(st, 12);
	}
	db_finalize(st);
	int64_t pk = db_int(db, 0,
	                    "SELECT id FROM pk WHERE agency_id=:a AND year=:y ORDER BY version DESC"
	                    " LIMIT 1",
	                    DB_INT(":a", agency_id), DB_INT(":y", year), DB_END);
	int pk_version =
	        (int)db_int(db, 0, "SELECT version FROM pk WHERE id=:p", DB_INT(":p", pk), DB_END);
	/* An id -> row index table keeps the joins linear. */
	int64_t max_id = 0;
	for (size_t i = 0; i < n; i++)
		if (rows[i].id > max_id)
			max_id = rows[i].id;
	int64_t min_id = n ? rows[0].id : 0;
	for (size_t i = 0; i < n; i++)
		if (rows[i].id < min_id)
			min_id = rows[i].id;
	size_t span = n ? (size_t)(max_id - min_id + 1) : 0;
	int32_t *idx = xmalloc(sizeof(int32_t) * (span ? span : 1));
	for (size_t i = 0; i < span; i++)
		idx[i] = -1;
	for (size_t i = 0; i < n; i++)
		idx[rows[i].id - min_id] = (int32_t)i;
#define ROW_OF(id_)                                                                                \
	((id_) >= min_id && (id_) <= max_id && idx[(id_)-min_id] >= 0 ? &rows[idx[(id_)-min_id]]   \
	                                                              : NULL)

	st = db_prepare(db, "SELECT indicator_id, period, target FROM pk_target WHERE pk_id=:p");
	db_bind_int(st, ":p", pk);
	while (db_step(st) == DB_ROW) {
		Row *x = ROW_OF(db_col_int(st, 0));
		int p = period_index(db_col_text(st, 1));
		if (x && p >= 0) {
			x->t[p] = db_col_double(st, 2);
			x->has_t[p] = true;
		}
	}
	db_finalize(st);

	/* Current realisations of this year and the previous one. */
	st = db_prepare(db,
	                "SELECT r.indicator_id, r.year, r.period, r.value, r.value_text, r.status"
	                " FROM indicator i JOIN realisasi r ON r.indicator_id=i.id"
	                " WHERE i.agency_id=:a AND r.year IN (:y, :y - 1)"
	                " AND r.status IN ('verified','submitted') ORDER BY r.version");
	db_bind_int(st, ":a", agency_id);
	db_bind_int(st, ":y", year);
	while (db_step(st) == DB_ROW) {
		Row *x = ROW_OF(db_col_int(st, 0));
		int p = period_index(db_col_text(st, 2));
		if (!x || p < 0)
			continue;
		bool verified = strcmp(db_col_text(st, 5), "verified") == 0;
		if (db_col_int(st, 1) == year) {
			/* A newer submitted version does not hide a verified one. */
			if (x->verified[p] && !verified)
				continue;
			x->r[p] = db_col_double(st, 3);
			x->has_r[p] = true;
			x->verified[p] = verified;
			x->r_text[p] =
			        db_col_null(st, 4) ? NULL : arena_strdup(&a, db_col_text(st, 4));
			/* A label counts by the indicator's scale as it is now. */
			x->off_scale[p] = false;
			if (x->r_text[p]) {
				DbStmt *q = db_query(
				        db,
				        "SELECT value FROM kpi_scale_level WHERE scale_id=:s"
				        " AND label=:l",
				        DB_INT(":s", x->scale_id), DB_TEXT(":l", x->r_text[p]),
				        DB_END);
				if (db_step(q) == DB_ROW)
					x->r[p] = db_col_double(q, 0);
				else
					x->off_scale[p] = true;
				db_finalize(q);
			}
		} else if (verified) {
			x->prev[p] = db_col_double(st, 3);
			x->has_prev[p] = true;
		}
	}
	db_finalize(st);
	st = db_prepare(db, "SELECT t.indicator_id, t.target, t.end_year FROM renstra_target t"
	                    " JOIN indicator i ON i.id=t.indicator_id"
	                    " WHERE i.agency_id=:a AND t.start_year <= :y AND t.end_year >= :y");
	db_bind_int(st, ":a", agency_id);
	db_bind_int(st, ":y", year);
	while (db_step(st) == DB_ROW) {
		Row *x = ROW_OF(db_col_int(st, 0));
		if (x) {
			x->has_renstra = true;
			x->renstra = db_col_double(st, 1);
			x->renstra_end = (int)db_col_int(st, 2);
		}
	}
	db_finalize(st);

	json_t *list = json_array();
	double sum_capaian = 0;
	int n_capaian = 0;
	for (size_t i = 0; i < n; i++) {
		Row *x = &rows[i];
		double t = 0, r = 0, prev = 0;
		bool has_t = upto(x, x->t, x->has_t, period, &t);
		/* A year's target stands for TW4 when no quarterly targets exist. */
		if (!has_t && period >= 3 && x->has_t[4]) {
			t = x->t[4];
			has_t = true;
		}
		bool has_r = upto(x, x->r, x->has_r, period, &r);
		bool has_prev = upto(x, x->prev, x->has_prev, period, &prev);
		bool all_verified = true;
		for (int p = 0; p <= (period == 4 ? 4 : period); p++)
			if (x->has_r[p] && !x->verified[p])
				all_verified = false;
		double hi = x->form == KPI_IN_RANGE ? x->range_max : 0;
		KpiResult c = kpi_capaian(x->form, has_t, t, hi, has_r, r, x->cap);
		for (int p = 0; p <= period; p++)
			if (x->off_scale[p] && c.status == KPI_OK)
				c = (KpiResult){KPI_OFF_SCALE, 0, false};
		/* The category follows the number shown: rounded to two decimals first. */
		if (c.status == KPI_OK)
			c.capaian = round(c.capaian * 100) / 100;
		const KpiCategory *cat =
		        c.status == KPI_OK ? kpi_category(cats, n_cats, c.capaian) : NULL;
		/* The quarter's own capaian, beside the cumulative one. */
		KpiResult cq = period < 4 ? kpi_capaian(x->form, x->has_t[period], x->t[period], hi,
		                                        x->has_r[period], x->r[period], x->cap)
		                          : c;
		if (c.status == KPI_OK) {
			sum_capaian += c.capaian;
			n_capaian++;
		}
		json_t *o = json_pack("{s:s, s:s, s:s, s:o, s:b, s:s, s:s, s:s}", "code", x->code,
		                      "name", x->name, "satuan", x->satuan, "sasaran",
		                      x->sasaran ? json_string(x->sasaran) : json_null(), "iku",
		                      x->iku, "polarity", kpi_polarity_name(x->pol), "formula",
		                      kpi_formula_name(x->form), "aggregation",
		                      kpi_aggregation_name(x->agg));
		json_object_set_new(o, "id", json_integer(x->id));
		json_object_set_new(o, "target", jnum(has_t, t));
		json_object_set_new(o, "actual", jnum(has_r, r));
		const char *text = period == 4 || x->agg == KPI_LAST ? x->r_text[period] : NULL;
		json_object_set_new(o, "actual_label", text ? json_string(text) : json_null());
		json_object_set_new(o, "capaian",
		                    c.status == KPI_OK ? json_real(round(c.capaian * 100) / 100)
		                                       : json_null());
		json_object_set_new(o, "capped", json_boolean(c.capped));
		json_object_set_new(o, "capaian_quarter",
		                    period < 4 && cq.status == KPI_OK
		                            ? json_real(round(cq.capaian * 100) / 100)
		                            : json_null());
		json_object_set_new(o, "category", cat ? json_string(cat->label) : json_null());
		json_object_set_new(o, "category_color",
		                    cat ? json_string(cat->color) : json_null());
		json_object_set_new(
		        o, "note",
		        c.status == KPI_OK
		                ? (all_verified ? json_null() : json_string("belum diverifikasi"))
		                : json_string(kpi_status_text(c.status)));
		json_object_set_new(o, "previous_year_actual", jnum(has_prev, prev));
		json_object_set_new(o, "change_from_previous_year",
		                    has_prev && has_r ? json_real(r - prev) : json_null());
		if (x->has_renstra) {
			/* Progress toward the end target: how far the value has come, so T/R for
			** lower-is-better (the (2T-R)/T reading is meaningless five years out). */
			KpiResult rp = kpi_capaian(x->pol == KPI_LOWER       ? KPI_T_R
			                           : x->form == KPI_IN_RANGE ? KPI_RT
			                                                     : x->form,
			                           true, x->renstra, 0, has_r, r, 0);
			json_object_set_new(o, "renstra_target", json_real(x->renstra));
			json_object_set_new(o, "renstra_end_year", json_integer(x->renstra_end));
			json_object_set_new(o, "renstra_progress",
			                    rp.status == KPI_OK
			                            ? json_real(round(rp.capaian * 100) / 100)
			                            : json_null());
		} else {
			json_object_set_new(o, "renstra_target", json_null());
		}
		json_array_append_new(list, o);
	}
	free(idx);
	free(rows);

	/* The budget: pagu of the latest PK, spending to the period, absorption, efficiency. */
	double pagu = 0;
	DbStmt *b = db_prepare(
	        db, "SELECT coalesce(sum(pagu), 0), count(*) FROM pk_budget WHERE pk_id=:p");
	db_bind_int(b, ":p", pk);
	bool has_pagu = false;
	if (db_step(b) == DB_ROW) {
		pagu = db_col_double(b, 0);
		has_pagu = db_col_int(b, 1) > 0;
	}
	db_finalize(b);
	/*
	** Amounts are cumulative: each programme counts with its latest figure
	** up to the period (for the year, TW4 when there is no Y figure).
	*/
	b = db_prepare(db,
	               "SELECT coalesce(sum(amount), 0), count(*) FROM budget_realisasi r"
	               " WHERE agency_id=:a AND year=:y AND period=(SELECT q.period FROM"
	               "  budget_realisasi q WHERE q.agency_id=r.agency_id AND q.year=r.year"
	               "  AND q.code=r.code AND q.period <= :p ORDER BY q.period DESC LIMIT 1)");
	db_bind_int(b, ":a", agency_id);
	db_bind_int(b, ":y", year);
	/* 'TW1' < 'TW2' < 'TW3' < 'TW4' < 'Y' as text: the order of the periods. */
	db_bind_text(b, ":p", periods[period]);
	double spent = 0;
	bool has_spent = false;
	if (db_step(b) == DB_ROW) {
		spent = db_col_double(b, 0);
		has_spent = db_col_int(b, 1) > 0;
	}
	db_finalize(b);
	KpiResult absorb = has_pagu ? kpi_absorption(pagu, has_spent, spent)
	                            : (KpiResult){KPI_NO_TARGET, 0, false};
	KpiResult avg = n_capaian ? (KpiResult){KPI_OK, sum_capaian / n_capaian, false}
	                          : (KpiResult){KPI_NO_ACTUAL, 0, false};
	KpiResult eff = kpi_efficiency(avg, absorb);
	json_t *budget = json_pack(
	        "{s:o, s:o, s:o, s:o, s:o}", "pagu", jnum(has_pagu, pagu), "realisation",
	        jnum(has_spent, spent), "absorption",
	        absorb.status == KPI_OK ? json_real(round(absorb.capaian * 100) / 100)
	                                : json_null(),
	        "average_capaian",
	        avg.status == KPI_OK ? json_real(round(avg.capaian * 100) / 100) : json_null(),
	        "efficiency",
	        eff.status == KPI_OK ? json_real(round(eff.capaian * 1000) / 1000) : json_null());
	json_t *out = json_pack("{s:s, s:i, s:s, s:i, s:s, s:o, s:o}", "agency", agency_name,
	                        "year", year, "period", periods[period], "pk_version", pk_version,
	                        "category_scheme", "Permendagri 86/2017", "indicators", list,
	                        "budget", budget);
	arena_free(&a);
	return out;
}

/* ---- CSV and XLSX ------------------------------------------------------ */

/*
** A text cell. One that a spreadsheet would run as a formula (it starts
** with = + - @ or a tab/CR: "=HYPERLINK(...)" in an indicator's name) gets
** a leading apostrophe, which spreadsheets show as text.
*/
static void csv_field(Buf *out, const char *s)
{
	bool formula = *s && strchr("=+-@\t\r", *s);
	if (!strpbrk(s, ",\"\n\r")) {
		if (formula)
			buf_putc(out, '\'');
		buf_puts(out, s);
		return;
	}
	buf_putc(out, '"');
	if (formula)
		buf_putc(out, '\'');
	for (; *s; s++) {
		if (*s == '"')
			buf_putc(out, '"');
		buf_putc(out, *s);
	}
	buf_putc(out, '"');
}

static void csv_number(Buf *out, json_t *v)
{
	if (json_is_number(v))
		buf_printf(out, "%.15g", json_number_value(v));
}

void kpi_recap_csv(json_t *recap, Buf *out)
{
	buf_puts(out, "code,name,satuan,polarity,formula,target,actual,capaian,category,note\n");
	size_t i;
	json_t *x;
	json_array_foreach (json_object_get(recap, "indicators"), i, x) {
		const char *keys[] = {"code", "name", "satuan", "polarity", "formula"};
		for (size_t k = 0; k < COUNT(keys); k++) {
			csv_field(out, json_string_value(json_object_get(x, keys[k])));
			buf_putc(out, ',');
		}
		csv_number(out, json_object_get(x, "target"));
		buf_putc(out, ',');
		csv_number(out, json_object_get(x, "actual"));
		buf_putc(out, ',');
		csv_number(out, json_object_get(x, "capaian"));
		buf_putc(out, ',');
		const char *cat = json_string_value(json_object_get(x, "category"));
		csv_field(out, cat ? cat : "");
		buf_putc(out, ',');
		const char *note = json_string_value(json_object_get(x, "note"));
		csv_field(out, note ? note : "");
		buf_putc(out, '\n');
	}
}

static lxw_color_t hex_color(const char *s)
{
	return s && s[0] == '#' ? (lxw_color_t)strtol(s + 1, NULL, 16) : LXW_COLOR_WHITE;
}

int kpi_recap_xlsx(json_t *recap, const char *path, Buf *err)
{
	lxw_workbook *wb = workbook_new(path);
	if (!wb) {
		buf_printf(err, "cannot create %s\n", path);
		return -1;
	}
	lxw_worksheet *ws = workbook_add_worksheet(wb, "Rekap Kinerja");
	lxw_format *title = workbook_add_format(wb);
	format_set_bold(title);
	format_set_font_size(title, 13);
	lxw_format *head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_bg_color(head, 0xD9E1F2);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_text_wrap(head);
	/* Indonesian number formats: "." groups thousands, "," marks decimals in
	** Excel set to Indonesian; the codes are locale-neutral. */
	lxw_format *num = workbook_add_format(wb);
	format_set_num_format(num, "#,##0.00");
	format_set_border(num, LXW_BORDER_THIN);
	lxw_format *text = workbook_add_format(wb);
	format_set_border(text, LXW_BORDER_THIN);
	format_set_text_wrap(text);
	char heading[256];
	snprintf(heading, sizeof heading, "Rekapitulasi Capaian Kinerja %s Tahun %lld (%s)",
	         json_string_value(json_object_get(recap, "agency")),
	         (long long)json_integer_value(json_object_get(recap, "year")),
	         json_string_value(json_object_get(recap, "period")));
	worksheet_write_string(ws, 0, 0, heading, title);
	const char *cols[] = {
	        "Kode",   "Indikator Kinerja", "Satuan",      "Polaritas", "Rumus",
	        "Target", "Realisasi",         "Capaian (%)", "Kategori",  "Keterangan"};
	const double widths[] = {10, 60, 10, 10, 10, 12, 12, 12, 15, 28};
	for (int c = 0; c < 10; c++) {
		worksheet_write_string(ws, 2, (lxw_col_t)c, cols[c], head);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
	}
	worksheet_freeze_panes(ws, 3, 2);
	size_t i;
	json_t *x;
	lxw_format *cat_formats[16] = {0};
	const char *cat_names[16] = {0};
	int n_cat = 0;
	json_array_foreach (json_object_get(recap, "indicators"), i, x) {
		lxw_row_t r = (lxw_row_t)(3 + i);
		const char *keys[] = {"code", "name", "satuan", "polarity", "formula"};
		for (int c = 0; c < 5; c++)
			worksheet_write_string(ws, r, (lxw_col_t)c,
			                       json_string_value(json_object_get(x, keys[c])),
			                       text);
		const char *nkeys[] = {"target", "actual", "capaian"};
		for (int c = 0; c < 3; c++) {
			json_t *v = json_object_get(x, nkeys[c]);
			if (json_is_number(v))
				worksheet_write_number(ws, r, (lxw_col_t)(5 + c),
				                       json_number_value(v), num);
			else
				worksheet_write_blank(ws, r, (lxw_col_t)(5 + c), num);
		}
		const char *cat = json_string_value(json_object_get(x, "category"));
		lxw_format *cf = text;
		if (cat) {
			int k = 0;
			while (k < n_cat && strcmp(cat_names[k], cat) != 0)
				k++;
			if (k == n_cat && n_cat < 16) {
				cf = workbook_add_format(wb);
				format_set_border(cf, LXW_BORDER_THIN);
				format_set_bold(cf);
				format_set_font_color(cf, LXW_COLOR_WHITE);
				format_set_bg_color(cf, hex_color(json_string_value(json_object_get(
				                                x, "category_color"))));
				cat_formats[n_cat] = cf;
				cat_names[n_cat++] = cat;
			} else if (k < n_cat) {
				cf = cat_formats[k];
			}
		}
		worksheet_write_string(ws, r, 8, cat ? cat : "", cf);
		const char *note = json_string_value(json_object_get(x, "note"));
		worksheet_write_string(ws, r, 9, note ? note : "", text);
	}
	lxw_error rc = workbook_close(wb);
	if (rc != LXW_NO_ERROR) {
		buf_printf(err, "cannot write %s: %s\n", path, lxw_strerror(rc));
		return -1;
	}
	return 0;
}
