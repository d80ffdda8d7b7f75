/*
** kpi.h: data kinerja. Indicators (indikator kinerja) under sasaran,
** Perjanjian Kinerja targets, quarterly realisations with their versions,
** capaian and its category, Renstra targets and budgets.
**
**   kpi_calc.c    capaian, aggregation of quarters, categories, efficiency:
**                 pure functions, every undefined case explicit
**   kpi_store.c   indicators, PK versions, realisation versions, history
**   kpi_import.c  CSV import (doc/data-format.md), all or nothing
**   kpi_recap.c   the recap per agency, year and period: JSON, CSV, XLSX
**
** Nothing here includes HTTP or HTML.
*/
#ifndef SAKIP_KPI_H
#define SAKIP_KPI_H

#include "store.h"
#include "util.h"

#include <jansson.h>
#include <time.h>

/* ---- calculations (kpi_calc.c) ---------------------------------------- */

typedef enum KpiPolarity { KPI_HIGHER, KPI_LOWER, KPI_RANGE } KpiPolarity;
typedef enum KpiAggregation { KPI_SUM, KPI_LAST, KPI_AVG } KpiAggregation;
/* The capaian formula, an explicit per-indicator setting. */
typedef enum KpiFormula {
	KPI_RT,       /* R/T x 100: higher is better */
	KPI_2T_R,     /* (2T - R)/T x 100: lower is better (Permenpan 53/2014 practice) */
	KPI_T_R,      /* T/R x 100: lower is better, as some systems compute it */
	KPI_IN_RANGE, /* 100 inside [lo, hi]; outside, R/lo or (2hi - R)/hi x 100 */
} KpiFormula;

/* Why a capaian could not be computed: never a silent 0. */
typedef enum KpiStatus {
	KPI_OK,
	KPI_NO_TARGET,   /* no target for the period */
	KPI_NO_ACTUAL,   /* no realisation yet */
	KPI_TARGET_ZERO, /* the formula divides by a zero target */
	KPI_ACTUAL_ZERO, /* T/R with R = 0 */
	KPI_NEGATIVE,    /* a negative target or realisation */
	KPI_OFF_SCALE,   /* a qualitative value not on the indicator's scale */
} KpiStatus;

typedef struct KpiResult {
	KpiStatus status;
	double capaian; /* percent, meaningful when status == KPI_OK */
	bool capped;    /* the cap was applied */
} KpiResult;

const char *kpi_status_text(KpiStatus s);   /* Indonesian: "target nol", ... */
const char *kpi_formula_name(KpiFormula f); /* "R/T", "(2T-R)/T", "T/R", "range" */
int kpi_formula_parse(const char *s, KpiFormula *out);
const char *kpi_polarity_name(KpiPolarity p); /* "higher", "lower", "range" */
int kpi_polarity_parse(const char *s, KpiPolarity *out);
const char *kpi_aggregation_name(KpiAggregation a); /* "sum", "last", "avg" */
int kpi_aggregation_parse(const char *s, KpiAggregation *out);

/*
** Capaian of realisation r against target t (or the range [t, hi] for
** KPI_IN_RANGE), capped at cap when cap > 0. has_t / has_r say whether
** the values exist.
*/
KpiResult kpi_capaian(KpiFormula f, bool has_t, double t, double hi, bool has_r, double r,
                      double cap);

/*
** Combine quarterly values v[0..3] (has[i]: present) up to quarter q
** (1..4) as the indicator says: the sum, the value of quarter q itself
** (levels), or the average. Returns false when a value it needs is missing
** (any quarter up to q for sums and averages; quarter q for levels).
*/
bool kpi_combine(KpiAggregation a, const double v[4], const bool has[4], int q, double *out);

/* A category scale: ordered rows "capaian >= min: label". */
typedef struct KpiCategory {
	double min;
	const char *label;
	const char *color; /* "#2e7d32" for reports */
} KpiCategory;
/* The default: Permendagri 86/2017. */
extern const KpiCategory kpi_permendagri_86[];
extern const size_t kpi_permendagri_86_count;
/* The category of capaian c on scale cats[n] (sorted by min, descending). */
const KpiCategory *kpi_category(const KpiCategory *cats, size_t n, double c);

/*
** Budget absorption (realised / pagu x 100) and efficiency (capaian /
** absorption: above 1 means more achievement per rupiah than planned).
*/
KpiResult kpi_absorption(double pagu, bool has_real, double real);
KpiResult kpi_efficiency(KpiResult capaian, KpiResult absorption);

/* ---- import (kpi_import.c) ------------------------------------------- */
/*
** Import one CSV file of n bytes (text is modified in place; it must be
** NUL-terminated). reason: the PK perubahan's reason when a PK version
** exists; person: who imports (may be 0). All or nothing; err gets one
** "FILE:LINE:COLUMN: reason" line per problem.
*/
int kpi_import(Db *db, const char *name, char *text, size_t n, const char *reason, int64_t person,
               time_t now, Buf *log, Buf *err);
/* Import the demo data kinerja (lib/kpi) of the demo agencies that have none yet. */
int kpi_demo_install(Db *db, time_t now, Buf *log, Buf *err);

/* ---- recap (kpi_recap.c) ---------------------------------------------- */
/* Periods: 0..3 = TW1..TW4, 4 = Y (the year). -1 if not one. */
int kpi_period_parse(const char *s);
const char *kpi_period_name(int p);
/*
** The recap of an agency for a year and period, as JSON: "indicators" (id,
** code, name, satuan, polarity, formula, target, actual, capaian, category, note,
** previous year, Renstra) and "budget". NULL with err if no such agency.
*/
json_t *kpi_recap_json(Db *db, int64_t agency_id, int year, int period, Buf *err);
void kpi_recap_csv(json_t *recap, Buf *out);
int kpi_recap_xlsx(json_t *recap, const char *path, Buf *err);

/* ---- reading (kpi_store.c) ------------------------------------------------ */
json_t *kpi_agency_list_json(Db *db);
/* An indicator by id, "AGENCY:CODE", or CODE (unique, or within agency_id); 0 with err. */
int64_t kpi_indicator_resolve(Db *db, const char *ref, int64_t agency_id, Buf *err);
/*
** Every version of every value (year 0: all years; period -1: all), oldest
** first per period, with who (login "by", name "by_name"), when, case,
** reason, status, the change from the version before, a correction's
** "base_version" and its evidence's SHA-256 and file name.
*/
json_t *kpi_history_json(Db *db, int64_t indicator_id, int year, int period);
/* Two versions of one value side by side, with the change; NULL with err. */
json_t *kpi_diff_json(Db *db, int64_t indicator_id, int year, int period, int v1, int v2, Buf *err);

/* ---- through SOP cases (kpi_flow.c) --------------------------------------- */
typedef struct Wf Wf;
typedef struct WfFile WfFile;
/* Bind the data actions of SOP steps (data.request, ...) to the engine wf. */
void kpi_flow_install(Wf *wf);
/* "TW III 2026", "TW3 2026", "2026" -> year and period (0..3, 4 = Y); -1 if none. */
int kpi_case_period(const char *text, int *year, int *period);

/* A value entered in a case: by a unit (kpi_submit) or as a correction (kpi_correct). */
typedef struct KpiEntry {
	int64_t case_id, person_id;
	const char *indicator; /* code or AGENCY:CODE */
	const char *value;     /* a number, or a label of the indicator's scale */
	const char *reason;    /* why (required for corrections) */
	const WfFile *evidence;
	int64_t task_id;    /* the task to enter it for, or 0: the first that fits; filled in */
	int64_t acting_for; /* filled in */
} KpiEntry;
int kpi_submit(Wf *wf, KpiEntry *e, time_t now, Buf *err);
/*
** Submit n values at once, all or nothing: errs is an array of n buffers,
** each getting the problems of its entry. Returns how many entries were
** refused (0: all stored); on any refusal nothing is stored. A draft
** without a file keeps the evidence of the draft it replaces.
*/
int kpi_submit_all(Wf *wf, KpiEntry *e, int n, time_t now, Buf *errs);
int kpi_correct(Wf *wf, KpiEntry *e, int year, int period, time_t now, Buf *err);

#endif
