/*
** kpi_import.c: CSV import of indicators, PK targets, realisations,
** Renstra targets, budgets and budget realisations (doc/data-format.md).
**
** One file, one kind, told by its header. Everything happens in one write
** transaction and is rolled back if any row is wrong, so an import is all
** or nothing; every error names file, line, column and reason. Lookups go
** through in-memory maps loaded once per agency, and rows are inserted
** with one cached statement, so a million realisations take seconds.
** Verified values are never overwritten: corrections go through a case.
*/
#include "kpi.h"
#include "util_csv.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_ERRORS = 100 };

typedef enum Kind {
	K_INDICATORS,
	K_TARGETS,
	K_REALISATIONS,
	K_RENSTRA,
	K_BUDGETS,
	K_SPENDING
} Kind;

/* Per indicator: what validating a value needs. */
typedef struct IndInfo {
	int64_t id, scale_id;
	bool has_min, has_max;
	double min, max;
} IndInfo;

typedef struct Imp {
	Db *db;
	const char *name;
	Buf *err;
	int n_err;
	CsvReader r;
	int col[32];       /* column index per known name, -1 if absent */
	int n_header;      /* fields in the header row */
	StrMap agencies;   /* code -> id */
	StrMap indicators; /* "agency_id:code" -> index into inds */
	IndInfo *inds;
	size_t n_inds, cap_inds;
	IntMap loaded; /* agency ids whose indicators are loaded */
	StrMap scale;  /* "scale_id:label" -> value*1000 (exact for the scales used) */
	int64_t last_index, last_agency; /* the indicator of the previous row */
	char last_code[68];
	bool scale_loaded;
} Imp;

static const char *const col_names[] = {
        "agency",      "code",         "name",    "satuan",   "polarity", "formula",
        "aggregation", "sasaran_code", "sasaran", "unit",     "iku",      "cap",
        "scale",       "min",          "max",     "evidence", "year",     "indicator",
        "period",      "target",       "value",   "status",   "note",     "start_year",
        "end_year",    "programme",    "pagu",    "amount",   "range_max"};
enum {
	C_AGENCY,
	C_CODE,
	C_NAME,
	C_SATUAN,
	C_POLARITY,
	C_FORMULA,
	C_AGGREGATION,
	C_SASARAN_CODE,
	C_SASARAN,
	C_UNIT,
	C_IKU,
	C_CAP,
	C_SCALE,
	C_MIN,
	C_MAX,
	C_EVIDENCE,
	C_YEAR,
	C_INDICATOR,
	C_PERIOD,
	C_TARGET,
	C_VALUE,
	C_STATUS,
	C_NOTE,
	C_START_YEAR,
	C_END_YEAR,
	C_PROGRAMME,
	C_PAGU,
	C_AMOUNT,
	C_RANGE_MAX,
	C_COUNT
};

static void imp_error(Imp *m, int col, const char *fmt, ...) PRINTF_LIKE(3, 4);
static void imp_error(Imp *m, int col, const char *fmt, ...)
{
	m->n_err++;
	if (m->n_err > MAX_ERRORS)
		return;
	int c = col >= 0 && col < m->r.n ? m->r.cols[col] : 1;
	buf_printf(m->err, "%s:%d:%d: ", m->name, m->r.line, c);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(m->err, fmt, ap);
	va_end(ap);
	buf_putc(m->err, '\n');
}

/* An error at an explicit line and byte column (the reader's own, or the encoding's). */
static void imp_error_at(Imp *m, int line, int col, const char *fmt, ...) PRINTF_LIKE(4, 5);
static void imp_error_at(Imp *m, int line, int col, const char *fmt, ...)
{
	m->n_err++;
	if (m->n_err > MAX_ERRORS)
		return;
	buf_printf(m->err, "%s:%d:%d: ", m->name, line, col);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(m->err, fmt, ap);
	va_end(ap);
	buf_putc(m->err, '\n');
}

/* The field of a known column in the current row, "" when absent. */
static const char *f(Imp *m, int c)
{
	int i = m->col[c];
	return i >= 0 && i < m->r.n ? m->r.fields[i] : "";
}

static int fi(Imp *m, int c)
{
	return m->col[c];
}

static bool parse_number(Imp *m, int c, bool required, double *out)
{
	const char *s = f(m, c);
	if (!*s) {
		if (required)
			imp_error(m, fi(m, c), "%s is empty; a number is required", col_names[c]);
		return false;
	}
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (*end || errno || !isfinite(v) || s[0] == ' ') {
		imp_error(m, fi(m, c), "%s \"%s\" is not a number%s", col_names[c], s,
		          strchr(s, ',') ? " (use a decimal point, no thousands separator)" : "");
		return false;
	}
	*out = v;
	return true;
}

static bool parse_year(Imp *m, int c, int *out)
{
	const char *s = f(m, c);
	if (!str_is_digits(s) || strlen(s) != 4 || atoi(s) < 2000 || atoi(s) > 2100) {
		imp_error(m, fi(m, c), "%s \"%s\" is not a year between 2000 and 2100",
		          col_names[c], s);
		return false;
	}
	*out = atoi(s);
	return true;
}

static const char *const periods[] = {"TW1", "TW2", "TW3", "TW4", "Y"};

static int parse_period(Imp *m)
{
	const char *s = f(m, C_PERIOD);
	for (int i = 0; i < 5; i++)
		if (strcmp(s, periods[i]) == 0)
			return i;
	imp_error(m, fi(m, C_PERIOD), "period \"%s\" is not TW1, TW2, TW3, TW4 or Y", s);
	return -1;
}

static int64_t agency(Imp *m)
{
	const char *code = f(m, C_AGENCY);
	int64_t *v = strmap_get(&m->agencies, code);
	if (v)
		return *v;
	int64_t id = db_int(m->db, 0, "SELECT id FROM agency WHERE code=:c", DB_TEXT(":c", code),
	                    DB_END);
	if (!id) {
		imp_error(m, fi(m, C_AGENCY), "no agency with code \"%s\" (sakip agency list)",
		          code);
		return 0;
	}
	strmap_put(&m->agencies, code, id);
	return id;
}

static void load_indicators(Imp *m, int64_t agency_id)
{
	if (intmap_get(&m->loaded, (uint64_t)agency_id))
		return;
	intmap_put(&m->loaded, (uint64_t)agency_id, 1);
	DbStmt *st = db_prepare(m->db, "SELECT id, code, scale_id, min_value, max_value"
	                               " FROM indicator WHERE agency_id=:a");
	db_bind_int(st, ":a", agency_id);
	char key[160];
	while (db_step(st) == DB_ROW) {
		if (m->n_inds == m->cap_inds) {
			m->cap_inds = m->cap_inds ? m->cap_inds * 2 : 256;
			m->inds = xrealloc(m->inds, sizeof *m->inds * m->cap_inds);
		}
		IndInfo *in = &m->inds[m->n_inds];
		in->id = db_col_int(st, 0);
		in->scale_id = db_col_null(st, 2) ? 0 : db_col_int(st, 2);
		in->has_min = !db_col_null(st, 3);
		in->min = db_col_double(st, 3);
		in->has_max = !db_col_null(st, 4);
		in->max = db_col_double(st, 4);
		snprintf(key, sizeof key, "%lld:%s", (long long)agency_id, db_col_text(st, 1));
		strmap_put(&m->indicators, key, (int64_t)m->n_inds);
		m->n_inds++;
	}
	db_finalize(st);
}

static const IndInfo *indicator(Imp *m, int64_t agency_id)
{
	if (strlen(f(m, C_INDICATOR)) > 64) {
		imp_error(m, fi(m, C_INDICATOR), "indicator code is longer than 64 characters");
		return NULL;
	}
	/* Rows of one indicator usually follow each other: remember the last. */
	if (m->last_index >= 0 && m->last_agency == agency_id &&
	    strcmp(m->last_code, f(m, C_INDICATOR)) == 0)
		return &m->inds[m->last_index];
	load_indicators(m, agency_id);
	char key[160];
	snprintf(key, sizeof key, "%lld:%s", (long long)agency_id, f(m, C_INDICATOR));
	int64_t *i = strmap_get(&m->indicators, key);
	if (!i) {
		imp_error(m, fi(m, C_INDICATOR), "agency %s has no indicator \"%s\"",
		          f(m, C_AGENCY), f(m, C_INDICATOR));
		return NULL;
	}
	m->last_index = *i; /* an index: inds may move when another agency loads */
	m->last_agency = agency_id;
	snprintf(m->last_code, sizeof m->last_code, "%s", f(m, C_INDICATOR));
	return &m->inds[*i];
}

/*
** A value for indicator in: a number within its min..max, or a label of
** its qualitative scale. *label gets the label (NULL for numbers).
*/
static bool parse_value(Imp *m, int c, const IndInfo *in, double *out, const char **label)
{
	*label = NULL;
	if (in->scale_id) {
		if (!m->scale_loaded) {
			DbStmt *st = db_prepare(
			        m->db, "SELECT scale_id, label, value FROM kpi_scale_level");
			char key[96];
			while (db_step(st) == DB_ROW) {
				snprintf(key, sizeof key, "%lld:%s", (long long)db_col_int(st, 0),
				         db_col_text(st, 1));
				strmap_put(&m->scale, key,
				           (int64_t)llround(db_col_double(st, 2) * 1000));
			}
			db_finalize(st);
			m->scale_loaded = true;
		}
		char key[96];
		snprintf(key, sizeof key, "%lld:%s", (long long)in->scale_id, f(m, c));
		int64_t *v = strmap_get(&m->scale, key);
		if (!v) {
			imp_error(m, fi(m, c), "%s \"%s\" is not on the indicator's scale",
			          col_names[c], f(m, c));
			return false;
		}
		*out = (double)*v / 1000;
		*label = f(m, c);
		return true;
	}
	if (!parse_number(m, c, true, out))
		return false;
	if ((in->has_min && *out < in->min) || (in->has_max && *out > in->max)) {
		imp_error(m, fi(m, c), "%s %g is outside the indicator's range %g..%g",
		          col_names[c], *out, in->has_min ? in->min : -INFINITY,
		          in->has_max ? in->max : INFINITY);
		return false;
	}
	return true;
}

/* Key of (indicator, year, period) for duplicate and version maps. */
static uint64_t ivp_key(int64_t ind, int year, int period)
{
	return ((uint64_t)ind << 20) | ((uint64_t)(year - 1900) << 3) | (uint64_t)(period + 1);
}

/* A duplicate key in the file: say where it was first seen. */
static bool duplicate(Imp *m, IntMap *seen, uint64_t key)
{
	int64_t *line = intmap_get(seen, key);
	if (line) {
		imp_error(m, 0, "the same key again (first on line %lld)", (long long)*line);
		return true;
	}
	intmap_put(seen, key, m->r.line);
	return false;
}

/*
** The next data row with as many fields as the header; a row with more or
** fewer is reported (a stray comma in a number, a lost column) and skipped.
*/
static bool next_row(Imp *m)
{
	for (;;) {
		if (csv_next(&m->r) != 1)
			return false;
		if (m->r.n == m->n_header)
			return true;
		imp_error(m, m->r.n > m->n_header ? m->n_header : m->r.n - 1,
		          "%d fields, but the header names %d (a comma inside a number?)", m->r.n,
		          m->n_header);
	}
}

/* ---- the kinds ----------------------------------------------------------- */

static void import_indicators(Imp *m, Buf *log)
{
	int n = 0;
	StrMap seen = {0};
	while (next_row(m)) {
		int64_t a = agency(m);
		KpiPolarity pol = KPI_HIGHER;
		KpiFormula form = KPI_RT;
		KpiAggregation agg = KPI_SUM;
		double cap = 0, min = 0, max = 0;
		bool ok = a != 0;
		if (kpi_polarity_parse(f(m, C_POLARITY), &pol) != 0)
			ok = false, imp_error(m, fi(m, C_POLARITY),
			                      "polarity \"%s\" is not higher, lower or range",
			                      f(m, C_POLARITY));
		if (kpi_formula_parse(f(m, C_FORMULA), &form) != 0)
			ok = false, imp_error(m, fi(m, C_FORMULA),
			                      "formula \"%s\" is not R/T, (2T-R)/T, T/R or range",
			                      f(m, C_FORMULA));
		if (kpi_aggregation_parse(f(m, C_AGGREGATION), &agg) != 0)
			ok = false, imp_error(m, fi(m, C_AGGREGATION),
			                      "aggregation \"%s\" is not sum, last or avg",
			                      f(m, C_AGGREGATION));
		bool has_cap = parse_number(m, C_CAP, false, &cap);
		bool has_min = parse_number(m, C_MIN, false, &min);
		bool has_max = parse_number(m, C_MAX, false, &max);
		double range_max = 0;
		bool has_range = parse_number(m, C_RANGE_MAX, false, &range_max);
		if (!*f(m, C_CODE) || !*f(m, C_NAME) || !*f(m, C_SATUAN))
			ok = false, imp_error(m, 0, "code, name and satuan are required");
		int64_t scale = 0, unit = 0, sasaran = 0;
		if (*f(m, C_SCALE) &&
		    !(scale = db_int(m->db, 0, "SELECT id FROM kpi_scale WHERE code=:c",
		                     DB_TEXT(":c", f(m, C_SCALE)), DB_END)))
			ok = false, imp_error(m, fi(m, C_SCALE), "no scale \"%s\"", f(m, C_SCALE));
		if (a && *f(m, C_UNIT) &&
		    !(unit = db_int(m->db, 0, "SELECT id FROM unit WHERE agency_id=:a AND code=:c",
		                    DB_INT(":a", a), DB_TEXT(":c", f(m, C_UNIT)), DB_END)))
			ok = false,
			imp_error(m, fi(m, C_UNIT), "agency has no unit \"%s\"", f(m, C_UNIT));
		if (form == KPI_IN_RANGE && ok && !has_range)
			ok = false,
			imp_error(m, fi(m, C_FORMULA),
			          "formula range needs range_max (the upper end of the range)");
		if (strlen(f(m, C_CODE)) > 64)
			ok = false,
			imp_error(m, fi(m, C_CODE), "code is longer than 64 characters");
		/* The same indicator twice in one file is a mistake, not an update. */
		if (ok) {
			char key[160];
			snprintf(key, sizeof key, "%lld:%s", (long long)a, f(m, C_CODE));
			if (strmap_get(&seen, key)) {
				imp_error(m, fi(m, C_CODE),
				          "indicator %s appears twice (first on line %lld)",
				          f(m, C_CODE), (long long)*strmap_get(&seen, key));
				continue;
			}
			strmap_put(&seen, key, m->r.line);
		}
		if (!ok)
			continue;
		if (*f(m, C_SASARAN_CODE)) {
			/* An empty sasaran name keeps the one on record (or the code, when new). */
			if (*f(m, C_SASARAN))
				db_exec(m->db,
				        "INSERT INTO sasaran(agency_id, code, name) VALUES(:a, :c, "
				        ":n)"
				        " ON CONFLICT(agency_id, code) DO UPDATE SET "
				        "name=excluded.name",
				        DB_INT(":a", a), DB_TEXT(":c", f(m, C_SASARAN_CODE)),
				        DB_TEXT(":n", f(m, C_SASARAN)), DB_END);
			else
				db_exec(m->db,
				        "INSERT INTO sasaran(agency_id, code, name) VALUES(:a, :c, "
				        ":c)"
				        " ON CONFLICT(agency_id, code) DO NOTHING",
				        DB_INT(":a", a), DB_TEXT(":c", f(m, C_SASARAN_CODE)),
				        DB_END);
			sasaran = db_int(
			        m->db, 0, "SELECT id FROM sasaran WHERE agency_id=:a AND code=:c",
			        DB_INT(":a", a), DB_TEXT(":c", f(m, C_SASARAN_CODE)), DB_END);
		}
#define OPTN(name, has, v) ((has) ? DB_DOUBLE(name, v) : DB_NULL(name))
#define OPTI(name, v) ((v) ? DB_INT(name, v) : DB_NULL(name))
		if (db_exec(m->db,
		            "INSERT INTO indicator(agency_id, sasaran_id, code, name, satuan, "
		            "unit_id, iku,"
		            " polarity, formula, aggregation, cap, scale_id, min_value, max_value,"
		            " evidence_required, range_max) VALUES(:a, :s, :c, :n, :sat, :u, :iku, "
		            ":pol,"
		            " :f, "
		            ":agg,"
		            " :cap, :scale, :min, :max, :ev, :rmax) ON CONFLICT(agency_id, code) "
		            "DO "
		            "UPDATE SET"
		            " sasaran_id=excluded.sasaran_id, name=excluded.name, "
		            "satuan=excluded.satuan,"
		            " unit_id=excluded.unit_id, iku=excluded.iku, "
		            "polarity=excluded.polarity,"
		            " formula=excluded.formula, aggregation=excluded.aggregation,"
		            " cap=excluded.cap, scale_id=excluded.scale_id, "
		            "min_value=excluded.min_value,"
		            " max_value=excluded.max_value, range_max=excluded.range_max,"
		            " evidence_required=excluded.evidence_required",
		            DB_INT(":a", a), OPTI(":s", sasaran), DB_TEXT(":c", f(m, C_CODE)),
		            DB_TEXT(":n", f(m, C_NAME)), DB_TEXT(":sat", f(m, C_SATUAN)),
		            OPTI(":u", unit), DB_INT(":iku", strcmp(f(m, C_IKU), "1") == 0),
		            DB_TEXT(":pol", kpi_polarity_name(pol)),
		            DB_TEXT(":f", kpi_formula_name(form)),
		            DB_TEXT(":agg", kpi_aggregation_name(agg)), OPTN(":cap", has_cap, cap),
		            OPTI(":scale", scale), OPTN(":min", has_min, min),
		            OPTN(":max", has_max, max),
		            DB_INT(":ev", strcmp(f(m, C_EVIDENCE), "1") == 0),
		            OPTN(":rmax", has_range, range_max), DB_END) != DB_OK)
			imp_error(m, 0, "%s", db_errmsg(m->db));
		n++;
	}
	strmap_free(&seen);
	buf_printf(log, "%d indicators\n", n);
}

/* Open the next PK version of (agency, year), copying the previous one forward. */
static int64_t pk_next(Imp *m, int64_t agency_id, int year, const char *reason, int64_t person,
                       time_t now)
{
	int64_t prev =
	        db_int(m->db, 0,
	               "SELECT id FROM pk WHERE agency_id=:a AND year=:y ORDER BY version DESC"
	               " LIMIT 1",
	               DB_INT(":a", agency_id), DB_INT(":y", year), DB_END);
	if (prev && (!reason || str_empty_or_blank(reason))) {
		imp_error(m, 0,
		          "the PK %d of this agency exists already: a PK perubahan needs --reason",
		          year);
		return 0;
	}
	int version = (int)db_int(m->db, 0,
	                          "SELECT coalesce(max(version), 0) + 1 FROM pk"
	                          " WHERE agency_id=:a AND year=:y",
	                          DB_INT(":a", agency_id), DB_INT(":y", year), DB_END);
	db_exec(m->db,
	        "INSERT INTO pk(agency_id, year, version, kind, reason, created_at, created_by)"
	        " VALUES(:a, :y, :v, :k, :r, :now, :p)",
	        DB_INT(":a", agency_id), DB_INT(":y", year), DB_INT(":v", version),
	        DB_TEXT(":k", prev ? "perubahan" : "awal"), DB_TEXT(":r", prev ? reason : NULL),
	        DB_INT(":now", (int64_t)now), person ? DB_INT(":p", person) : DB_NULL(":p"),
	        DB_END);
	int64_t id = db_last_insert_id(m->db);
	if (prev) {
		db_exec(m->db,
		        "INSERT INTO pk_target(pk_id, indicator_id, period, target)"
		        " SELECT :id, indicator_id, period, target FROM pk_target WHERE "
		        "pk_id=:prev",
		        DB_INT(":id", id), DB_INT(":prev", prev), DB_END);
		db_exec(m->db,
		        "INSERT INTO pk_budget(pk_id, code, name, pagu)"
		        " SELECT :id, code, name, pagu FROM pk_budget WHERE pk_id=:prev",
		        DB_INT(":id", id), DB_INT(":prev", prev), DB_END);
	}
	return id;
}

/* The PK version this import writes for (agency, year): one per pair and file. */
static int64_t pk_for(Imp *m, IntMap *made, int64_t a, int year, const char *reason, int64_t person,
                      time_t now)
{
	uint64_t key = ((uint64_t)a << 16) | (uint64_t)year;
	int64_t *id = intmap_get(made, key);
	if (id)
		return *id;
	int64_t pk = pk_next(m, a, year, reason, person, now);
	intmap_put(made, key, pk ? pk : -1);
	return pk;
}

static void import_targets(Imp *m, const char *reason, int64_t person, time_t now, Buf *log)
{
	IntMap made = {0}, seen = {0};
	int n = 0;
	while (next_row(m)) {
		int64_t a = agency(m);
		int year, p = parse_period(m);
		bool ok = parse_year(m, C_YEAR, &year) && a && p >= 0;
		const IndInfo *in = a ? indicator(m, a) : NULL;
		double t;
		const char *label;
		if (!ok || !in || !parse_value(m, C_TARGET, in, &t, &label))
			continue;
		if (duplicate(m, &seen, ivp_key(in->id, year, p)))
			continue;
		int64_t pk = pk_for(m, &made, a, year, reason, person, now);
		if (pk <= 0)
			continue;
		db_exec(m->db,
		        "INSERT INTO pk_target(pk_id, indicator_id, period, target) VALUES(:pk, "
		        ":i, :p, :t)"
		        " ON CONFLICT(pk_id, indicator_id, period) DO UPDATE SET "
		        "target=excluded.target",
		        DB_INT(":pk", pk), DB_INT(":i", in->id), DB_TEXT(":p", periods[p]),
		        DB_DOUBLE(":t", t), DB_END);
		n++;
	}
	buf_printf(log, "%d targets in %zu PK version(s)\n", n, made.n);
	intmap_free(&made);
	intmap_free(&seen);
}

static void import_budgets(Imp *m, const char *reason, int64_t person, time_t now, Buf *log)
{
	IntMap made = {0};
	StrMap seen = {0};
	int n = 0;
	while (next_row(m)) {
		int64_t a = agency(m);
		int year;
		double pagu;
		bool ok = parse_year(m, C_YEAR, &year) && a;
		ok = parse_number(m, C_PAGU, true, &pagu) && ok;
		if (ok && pagu < 0)
			ok = false, imp_error(m, fi(m, C_PAGU), "pagu is negative");
		if (!*f(m, C_PROGRAMME) || !*f(m, C_NAME))
			ok = false, imp_error(m, 0, "programme and name are required");
		if (!ok)
			continue;
		char key[200];
		snprintf(key, sizeof key, "%lld:%d:%s", (long long)a, year, f(m, C_PROGRAMME));
		if (strmap_get(&seen, key)) {
			imp_error(m, fi(m, C_PROGRAMME), "programme %s twice for the same year",
			          f(m, C_PROGRAMME));
			continue;
		}
		strmap_put(&seen, key, m->r.line);
		int64_t pk = pk_for(m, &made, a, year, reason, person, now);
		if (pk <= 0)
			continue;
		db_exec(m->db,
		        "INSERT INTO pk_budget(pk_id, code, name, pagu) VALUES(:pk, :c, :n, :v)"
		        " ON CONFLICT(pk_id, code) DO UPDATE SET name=excluded.name, "
		        "pagu=excluded.pagu",
		        DB_INT(":pk", pk), DB_TEXT(":c", f(m, C_PROGRAMME)),
		        DB_TEXT(":n", f(m, C_NAME)), DB_DOUBLE(":v", pagu), DB_END);
		n++;
	}
	buf_printf(log, "%d programme budgets in %zu PK version(s)\n", n, made.n);
	intmap_free(&made);
	strmap_free(&seen);
}

static void import_spending(Imp *m, time_t now, Buf *log)
{
	int n = 0;
	StrMap seen = {0};
	while (next_row(m)) {
		int64_t a = agency(m);
		int year, p = parse_period(m);
		double amount;
		bool ok = parse_year(m, C_YEAR, &year) && a && p >= 0;
		ok = parse_number(m, C_AMOUNT, true, &amount) && ok;
		if (ok && amount < 0)
			ok = false, imp_error(m, fi(m, C_AMOUNT), "amount is negative");
		if (ok && !*f(m, C_PROGRAMME))
			ok = false, imp_error(m, fi(m, C_PROGRAMME), "programme is empty");
		if (ok && !db_exists(m->db,
		                     "SELECT 1 FROM pk_budget b JOIN pk ON pk.id=b.pk_id"
		                     " WHERE pk.agency_id=:a AND pk.year=:y AND b.code=:c",
		                     DB_INT(":a", a), DB_INT(":y", year),
		                     DB_TEXT(":c", f(m, C_PROGRAMME)), DB_END))
			ok = false,
			imp_error(m, fi(m, C_PROGRAMME),
			          "programme %s has no budget in the PK %d of this agency",
			          f(m, C_PROGRAMME), year);
		if (!ok)
			continue;
		char key[200];
		snprintf(key, sizeof key, "%lld:%d:%d:%s", (long long)a, year, p,
		         f(m, C_PROGRAMME));
		if (strmap_get(&seen, key)) {
			imp_error(m, 0, "the same programme and period twice");
			continue;
		}
		strmap_put(&seen, key, 1);
		db_exec(m->db,
		        "INSERT INTO budget_realisasi(agency_id, year, period, code, amount, "
		        "created_at)"
		        " VALUES(:a, :y, :p, :c, :v, :now) ON CONFLICT(agency_id, year, period, "
		        "code)"
		        " DO UPDATE SET amount=excluded.amount, created_at=excluded.created_at",
		        DB_INT(":a", a), DB_INT(":y", year), DB_TEXT(":p", periods[p]),
		        DB_TEXT(":c", f(m, C_PROGRAMME)), DB_DOUBLE(":v", amount),
		        DB_INT(":now", (int64_t)now), DB_END);
		n++;
	}
	buf_printf(log, "%d budget realisations\n", n);
	strmap_free(&seen);
}

static void import_renstra(Imp *m, Buf *log)
{
	int n = 0;
	IntMap seen = {0};
	while (next_row(m)) {
		int64_t a = agency(m);
		int y0, y1;
		double t;
		const char *label;
		bool ok = parse_year(m, C_START_YEAR, &y0) & parse_year(m, C_END_YEAR, &y1) && a;
		const IndInfo *in = a ? indicator(m, a) : NULL;
		if (!ok || !in || !parse_value(m, C_TARGET, in, &t, &label))
			continue;
		if (y1 < y0) {
			imp_error(m, fi(m, C_END_YEAR), "end_year is before start_year");
			continue;
		}
		if (duplicate(m, &seen, ivp_key(in->id, y1, 4)))
			continue;
		db_exec(m->db,
		        "INSERT INTO renstra_target(indicator_id, start_year, end_year, target)"
		        " VALUES(:i, :s, :e, :t) ON CONFLICT(indicator_id, end_year) DO UPDATE SET"
		        " start_year=excluded.start_year, target=excluded.target",
		        DB_INT(":i", in->id), DB_INT(":s", y0), DB_INT(":e", y1),
		        DB_DOUBLE(":t", t), DB_END);
		n++;
	}
	intmap_free(&seen);
	buf_printf(log, "%d Renstra targets\n", n);
}

/*
** What the database already holds for (indicator, year, period) of an
** agency and year: the highest version (shifted by 4), and bits: 1 a
** verified value, 2 a draft, 4 a value in an open case (a unit's draft or
** submission, a proposed correction), 8 the period is locked. Loaded once
** per agency and year.
*/
static void load_versions(Imp *m, IntMap *state, IntMap *loaded, int64_t a, int year)
{
	uint64_t k = ((uint64_t)a << 16) | (uint64_t)year;
	if (intmap_get(loaded, k))
		return;
	intmap_put(loaded, k, 1);
	DbStmt *st = db_prepare(m->db, "SELECT r.indicator_id, r.period, max(r.version),"
	                               " max(r.status='verified'), max(r.status='draft'),"
	                               " max(r.case_id IS NOT NULL AND (r.status='draft'"
	                               "   OR r.status='submitted' OR r.status='proposed'))"
	                               " FROM realisasi r JOIN indicator i ON i.id=r.indicator_id"
	                               " WHERE i.agency_id=:a AND r.year=:y"
	                               " GROUP BY r.indicator_id, r.period");
	db_bind_int(st, ":a", a);
	db_bind_int(st, ":y", year);
	while (db_step(st) == DB_ROW) {
		int p = 0;
		while (p < 5 && strcmp(db_col_text(st, 1), periods[p]) != 0)
			p++;
		intmap_put(state, ivp_key(db_col_int(st, 0), year, p),
		           (db_col_int(st, 2) << 4) | (db_col_int(st, 3) ? 1 : 0) |
		                   (db_col_int(st, 4) ? 2 : 0) | (db_col_int(st, 5) ? 4 : 0));
	}
	db_finalize(st);
	/* Locked periods: a mark on the agency-year's period keys (indicator 0). */
	st = db_prepare(m->db, "SELECT period FROM period_lock WHERE agency_id=:a AND year=:y");
	db_bind_int(st, ":a", a);
	db_bind_int(st, ":y", year);
	while (db_step(st) == DB_ROW) {
		int p = 0;
		while (p < 5 && strcmp(db_col_text(st, 0), periods[p]) != 0)
			p++;
		intmap_put(state, ivp_key(0, year, p) | ((uint64_t)a << 40), 8);
	}
	db_finalize(st);
}

/*
** Realisations are inserted BATCH rows per statement: the per-statement
** cost (executing, resetting, freeing) then falls on many rows, which is
** most of what a million-row import spends outside the B-trees.
*/
enum { BATCH = 64, COLS = 11 };
typedef struct PendingRow {
	int64_t ind;
	int year, period;
	int64_t version;
	double value;
	const char *label, *status;
	int64_t unit;
	const char *reason;
	int line;
} PendingRow;

static DbStmt *insert_statement(Db *db, int rows)
{
	Buf sql = BUF_INIT;
	buf_puts(&sql,
	         "INSERT INTO realisasi(indicator_id, year, period, version, value, value_text,"
	         " status, unit_id, person_id, reason, created_at) VALUES");
	for (int r = 0; r < rows; r++) {
		buf_puts(&sql, r ? ",(" : "(");
		for (int c = 0; c < COLS; c++)
			buf_printf(&sql, "%s?%d", c ? "," : "", r * COLS + c + 1);
		buf_putc(&sql, ')');
	}
	DbStmt *st = db_prepare(db, buf_str(&sql));
	buf_free(&sql);
	return st;
}

/* Insert rows[0..n); returns 0 (the batch is empty again). */
static int flush_rows(Imp *m, DbStmt **full, const PendingRow *rows, int n, int64_t person,
                      time_t now)
{
	if (n == 0)
		return 0;
	DbStmt *st = n == BATCH ? (*full ? *full : (*full = insert_statement(m->db, BATCH)))
	                        : insert_statement(m->db, n);
	for (int r = 0; r < n; r++) {
		const PendingRow *x = &rows[r];
		int b = r * COLS;
		DbArg args[COLS] = {DB_INT(NULL, x->ind),
		                    DB_INT(NULL, x->year),
		                    DB_TEXT(NULL, periods[x->period]),
		                    DB_INT(NULL, x->version),
		                    DB_DOUBLE(NULL, x->value),
		                    x->label ? DB_TEXT(NULL, x->label) : DB_NULL(NULL),
		                    DB_TEXT(NULL, x->status),
		                    x->unit ? DB_INT(NULL, x->unit) : DB_NULL(NULL),
		                    person ? DB_INT(NULL, person) : DB_NULL(NULL),
		                    DB_TEXT(NULL, x->reason),
		                    DB_INT(NULL, (int64_t)now)};
		for (int c = 0; c < COLS; c++)
			db_bind_at(st, b + c + 1, &args[c]);
	}
	int rc = db_step(st);
	if (rc != DB_DONE)
		imp_error_at(m, rows[0].line, 1, "rows %d to %d: %s", rows[0].line,
		             rows[n - 1].line, db_errmsg(m->db));
	if (st == *full)
		db_reset(st);
	else
		db_finalize(st);
	return 0;
}

static void import_realisations(Imp *m, int64_t person, time_t now, Buf *log)
{
	PendingRow batch[BATCH];
	int nb = 0;
	DbStmt *full = NULL;
	IntMap seen = {0}, state = {0}, loaded = {0};
	StrMap units = {0};
	long n = 0;
	while (next_row(m)) {
		int64_t a = agency(m);
		int year, p = parse_period(m);
		bool ok = parse_year(m, C_YEAR, &year) && a && p >= 0;
		const IndInfo *in = a ? indicator(m, a) : NULL;
		double v;
		const char *label;
		if (!ok || !in || !parse_value(m, C_VALUE, in, &v, &label))
			continue;
		const char *status = *f(m, C_STATUS) ? f(m, C_STATUS) : "verified";
		if (strcmp(status, "verified") != 0 && strcmp(status, "draft") != 0) {
			imp_error(m, fi(m, C_STATUS), "status \"%s\" is not verified or draft",
			          status);
			continue;
		}
		uint64_t key = ivp_key(in->id, year, p);
		if (duplicate(m, &seen, key))
			continue;
		load_versions(m, &state, &loaded, a, year);
		int64_t *st = intmap_get(&state, key);
		int64_t have = st ? *st : 0;
		if (intmap_get(&state, ivp_key(0, year, p) | ((uint64_t)a << 40))) {
			imp_error(m, fi(m, C_PERIOD),
			          "%s %d was verified and locked by a collection case; change it "
			          "through "
			          "a Perbaikan Data Kinerja case",
			          periods[p], year);
			continue;
		}
		if (have & 4) {
			imp_error(m, fi(m, C_VALUE),
			          "%s %s %d is being entered or corrected in an open case; import "
			          "after "
			          "that case ends",
			          f(m, C_INDICATOR), periods[p], year);
			continue;
		}
		if (have & 1) {
			imp_error(m, fi(m, C_VALUE),
			          "%s %s %d already has a verified value; change it through a "
			          "Perbaikan "
			          "Data Kinerja case (sakip kpi correct), never by import",
			          f(m, C_INDICATOR), periods[p], year);
			continue;
		}
		int64_t unit = 0;
		if (*f(m, C_UNIT)) {
			char ukey[160];
			snprintf(ukey, sizeof ukey, "%lld:%s", (long long)a, f(m, C_UNIT));
			int64_t *u = strmap_get(&units, ukey);
			unit = u ? *u
			         : db_int(m->db, 0,
			                  "SELECT id FROM unit WHERE agency_id=:a AND code=:c",
			                  DB_INT(":a", a), DB_TEXT(":c", f(m, C_UNIT)), DB_END);
			if (!unit) {
				imp_error(m, fi(m, C_UNIT), "agency has no unit \"%s\"",
				          f(m, C_UNIT));
				continue;
			}
			strmap_put(&units, ukey, unit);
		}
		if (have & 2)
			db_exec(m->db,
			        "UPDATE realisasi SET status='superseded' WHERE indicator_id=:i "
			        "AND year=:y"
			        " AND period=:p AND status='draft'",
			        DB_INT(":i", in->id), DB_INT(":y", year), DB_TEXT(":p", periods[p]),
			        DB_END);
		/* Strings point into the file's buffer, which outlives the batch. */
		batch[nb++] =
		        (PendingRow){in->id,          year, p,
		                     (have >> 4) + 1, v,    label,
		                     status,          unit, *f(m, C_NOTE) ? f(m, C_NOTE) : "impor",
		                     m->r.line};
		if (nb == BATCH)
			nb = flush_rows(m, &full, batch, nb, person, now);
		n++;
	}
	flush_rows(m, &full, batch, nb, person, now);
	db_finalize(full);
	buf_printf(log, "%ld realisations\n", n);
	intmap_free(&seen);
	intmap_free(&state);
	intmap_free(&loaded);
	strmap_free(&units);
}

/* ---- the file ------------------------------------------------------------- */

static const struct {
	Kind kind;
	const char *label;
	int required[8];
	int optional[12];
} kinds[] = {
        {K_INDICATORS,
         "indicators",
         {C_AGENCY, C_CODE, C_NAME, C_SATUAN, C_POLARITY, C_FORMULA, C_AGGREGATION, -1},
         {C_SASARAN_CODE, C_SASARAN, C_UNIT, C_IKU, C_CAP, C_SCALE, C_MIN, C_MAX, C_EVIDENCE,
          C_RANGE_MAX, -1}},
        {K_REALISATIONS,
         "realisations",
         {C_AGENCY, C_YEAR, C_INDICATOR, C_PERIOD, C_VALUE, -1},
         {C_UNIT, C_STATUS, C_NOTE, -1}},
        {K_TARGETS, "PK targets", {C_AGENCY, C_YEAR, C_INDICATOR, C_PERIOD, C_TARGET, -1}, {-1}},
        {K_RENSTRA,
         "Renstra targets",
         {C_AGENCY, C_INDICATOR, C_START_YEAR, C_END_YEAR, C_TARGET, -1},
         {-1}},
        {K_BUDGETS, "programme budgets", {C_AGENCY, C_YEAR, C_PROGRAMME, C_NAME, C_PAGU, -1}, {-1}},
        {K_SPENDING,
         "budget realisations",
         {C_AGENCY, C_YEAR, C_PERIOD, C_PROGRAMME, C_AMOUNT, -1},
         {-1}},
};

/* Which kind the header describes: all of its required columns and nothing unknown. */
static int detect_kind(Imp *m)
{
	for (size_t k = 0; k < COUNT(kinds); k++) {
		bool all = true;
		for (const int *c = kinds[k].required; *c >= 0; c++)
			all &= m->col[*c] >= 0;
		if (!all)
			continue;
		for (int c = 0; c < C_COUNT; c++) {
			if (m->col[c] < 0)
				continue;
			bool known = false;
			for (const int *r = kinds[k].required; *r >= 0; r++)
				known |= *r == c;
			for (const int *o = kinds[k].optional; *o >= 0; o++)
				known |= *o == c;
			if (!known) {
				imp_error(m, m->col[c], "column \"%s\" is not used in a file of %s",
				          col_names[c], kinds[k].label);
				return -1;
			}
		}
		return (int)k;
	}
	imp_error(m, 0,
	          "cannot tell what this file holds from its header; see doc/data-format.md for "
	          "the columns of indicators, targets, realisations, Renstra, budgets");
	return -1;
}

int kpi_import(Db *db, const char *name, char *text, size_t n, const char *reason, int64_t person,
               time_t now, Buf *log, Buf *err)
{
	Imp m = {0};
	m.db = db;
	m.last_index = -1;
	m.name = name;
	m.err = err;
	size_t bad;
	const char *nul = memchr(text, 0, n);
	if (nul || !utf8_check(text, n, &bad)) {
		if (nul)
			bad = (size_t)(nul - text);
		int line = 1, col = 1;
		for (size_t i = 0; i < bad; i++)
			if (text[i] == '\n')
				line++, col = 1;
			else
				col++;
		buf_printf(err,
		           "%s:%d:%d: %s (byte %zu); save the file as UTF-8 text (Windows-1252 "
		           "is not read)\n%s: nothing was imported\n",
		           name, line, col, nul ? "a NUL byte" : "invalid UTF-8", bad, name);
		return -1;
	}
	csv_init(&m.r, text, n);
	int rc = csv_next(&m.r);
	if (rc <= 0) {
		buf_printf(err, "%s:%d:%d: %s\n%s: nothing was imported\n", name,
		           rc == 0 ? 1 : m.r.line, rc == 0 ? 1 : m.r.err_col,
		           rc == 0 ? "empty file; a header row is required" : m.r.err, name);
		return -1;
	}
	for (int c = 0; c < C_COUNT; c++)
		m.col[c] = -1;
	m.n_header = m.r.n;
	for (int i = 0; i < m.r.n; i++) {
		int c = 0;
		while (c < C_COUNT && strcmp(m.r.fields[i], col_names[c]) != 0)
			c++;
		if (c == C_COUNT)
			imp_error(&m, i, "unknown column \"%s\"", m.r.fields[i]);
		else if (m.col[c] >= 0)
			imp_error(&m, i, "column \"%s\" appears twice", m.r.fields[i]);
		else
			m.col[c] = i;
	}
	int k = m.n_err ? -1 : detect_kind(&m);
	if (k < 0)
		goto done;
	if (db_begin_write(db) != DB_OK) {
		buf_printf(err, "%s: cannot start a write: %s\n", db_path(db), db_errmsg(db));
		m.n_err++;
		goto done;
	}
	/* Checked at commit: a bulk import then needs no per-row statement journal. */
	db_defer_constraints(db);
	Buf what = BUF_INIT;
	switch (kinds[k].kind) {
	case K_INDICATORS:
		import_indicators(&m, &what);
		break;
	case K_TARGETS:
		import_targets(&m, reason, person, now, &what);
		break;
	case K_REALISATIONS:
		import_realisations(&m, person, now, &what);
		break;
	case K_RENSTRA:
		import_renstra(&m, &what);
		break;
	case K_BUDGETS:
		import_budgets(&m, reason, person, now, &what);
		break;
	case K_SPENDING:
		import_spending(&m, now, &what);
		break;
	}
	if (m.r.err)
		imp_error_at(&m, m.r.line, m.r.err_col, "%s", m.r.err);
	if (m.n_err || db_commit(db) != DB_OK) {
		if (!m.n_err)
			imp_error(&m, -1, "cannot commit: %s", db_errmsg(db));
		db_rollback(db);
	} else {
		buf_printf(log, "%s: imported %s", name, buf_str(&what));
	}
	buf_free(&what);
done:
	if (m.n_err > MAX_ERRORS)
		buf_printf(err, "%s: ... and %d more errors\n", name, m.n_err - MAX_ERRORS);
	if (m.n_err)
		buf_printf(err, "%s: nothing was imported\n", name);
	strmap_free(&m.agencies);
	strmap_free(&m.indicators);
	strmap_free(&m.scale);
	intmap_free(&m.loaded);
	free(m.inds);
	return m.n_err ? -1 : 0;
}

/* ---- the demo data ---------------------------------------------------------- */

extern const EmbedFile kpi_lib[];
extern const size_t kpi_lib_count;

int kpi_demo_install(Db *db, time_t now, Buf *log, Buf *err)
{
	int loaded = 0;
	for (size_t i = 0; i < kpi_lib_count; i++) {
		const EmbedFile *f = &kpi_lib[i];
		/* "perkim-kalbar/3-targets.csv": the agency, then the files in order. */
		const char *slash = strchr(f->name, '/');
		if (!slash)
			continue;
		char agency[64];
		snprintf(agency, sizeof agency, "%.*s", (int)(slash - f->name), f->name);
		int64_t a = db_int(db, 0, "SELECT id FROM agency WHERE code=:c",
		                   DB_TEXT(":c", agency), DB_END);
		if (!a)
			continue; /* its organisation is not loaded */
		/* An agency that has its data already keeps it: the demo never overwrites. */
		if (strstr(slash, "/1-") == slash &&
		    db_exists(db, "SELECT 1 FROM indicator WHERE agency_id=:a", DB_INT(":a", a),
		              DB_END)) {
			buf_printf(log, "  %-24s data kinerja already present\n", agency);
			while (i + 1 < kpi_lib_count && strncmp(kpi_lib[i + 1].name, f->name,
			                                        (size_t)(slash - f->name) + 1) == 0)
				i++;
			continue;
		}
		char *text = xstrndup((const char *)f->data, f->len);
		Buf what = BUF_INIT;
		int rc = kpi_import(db, f->name, text, f->len,
		                    strstr(f->name, "budgets") ? "Penetapan anggaran program (demo)"
		                                               : NULL,
		                    0, now, &what, err);
		free(text);
		if (rc != 0) {
			buf_free(&what);
			return -1;
		}
		buf_printf(log, "  %s", buf_str(&what));
		buf_free(&what);
		loaded++;
	}
	return loaded;
}
