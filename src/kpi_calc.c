/*
** kpi_calc.c: the arithmetic of data kinerja, kept pure and explicit.
**
** Existing e-SAKIP systems disagree on the formula for "lower is better",
** so the formula is a setting of each indicator and every result says how
** it was computed or why it could not be. Nothing here reads a database.
*/
#include "kpi.h"

#include <math.h>
#include <string.h>

const char *kpi_status_text(KpiStatus s)
{
	switch (s) {
	case KPI_OK:
		return "ok";
	case KPI_NO_TARGET:
		return "tidak ada target";
	case KPI_NO_ACTUAL:
		return "belum ada realisasi";
	case KPI_TARGET_ZERO:
		return "target nol: capaian tidak terdefinisi";
	case KPI_ACTUAL_ZERO:
		return "realisasi nol: T/R tidak terdefinisi";
	case KPI_NEGATIVE:
		return "nilai negatif: capaian tidak terdefinisi";
	case KPI_OFF_SCALE:
		return "nilai di luar skala indikator";
	}
	return "?";
}

static const char *const formula_names[] = {"R/T", "(2T-R)/T", "T/R", "range"};
static const char *const polarity_names[] = {"higher", "lower", "range"};
static const char *const aggregation_names[] = {"sum", "last", "avg"};

static int parse_name(const char *const *names, size_t n, const char *s, int *out)
{
	for (size_t i = 0; s && i < n; i++)
		if (strcmp(s, names[i]) == 0) {
			*out = (int)i;
			return 0;
		}
	return -1;
}

const char *kpi_formula_name(KpiFormula f)
{
	return formula_names[f];
}

int kpi_formula_parse(const char *s, KpiFormula *out)
{
	int v;
	if (parse_name(formula_names, COUNT(formula_names), s, &v) != 0)
		return -1;
	*out = (KpiFormula)v;
	return 0;
}

const char *kpi_polarity_name(KpiPolarity p)
{
	return polarity_names[p];
}

int kpi_polarity_parse(const char *s, KpiPolarity *out)
{
	int v;
	if (parse_name(polarity_names, COUNT(polarity_names), s, &v) != 0)
		return -1;
	*out = (KpiPolarity)v;
	return 0;
}

const char *kpi_aggregation_name(KpiAggregation a)
{
	return aggregation_names[a];
}

int kpi_aggregation_parse(const char *s, KpiAggregation *out)
{
	int v;
	if (parse_name(aggregation_names, COUNT(aggregation_names), s, &v) != 0)
		return -1;
	*out = (KpiAggregation)v;
	return 0;
}

static KpiResult result(KpiStatus s, double c)
{
	KpiResult r = {s, s == KPI_OK ? c : 0, false};
	return r;
}

KpiResult kpi_capaian(KpiFormula f, bool has_t, double t, double hi, bool has_r, double r,
                      double cap)
{
	if (!has_t)
		return result(KPI_NO_TARGET, 0);
	if (!has_r)
		return result(KPI_NO_ACTUAL, 0);
	if (t < 0 || r < 0 || (f == KPI_IN_RANGE && hi < 0))
		return result(KPI_NEGATIVE, 0);
	double c;
	switch (f) {
	case KPI_RT:
		if (t == 0)
			return result(KPI_TARGET_ZERO, 0);
		c = r / t * 100;
		break;
	case KPI_2T_R:
		if (t == 0)
			return result(KPI_TARGET_ZERO, 0);
		c = (2 * t - r) / t * 100;
		break;
	case KPI_T_R:
		if (r == 0)
			return result(KPI_ACTUAL_ZERO, 0);
		c = t / r * 100;
		break;
	case KPI_IN_RANGE:
		/* [t, hi]: a lower bound of 0 is fine; below it or above hi scores less. */
		if (hi <= 0 || hi < t)
			return result(KPI_TARGET_ZERO, 0);
		if (r < t)
			c = r / t * 100;
		else if (r > hi)
			c = (2 * hi - r) / hi * 100;
		else
			c = 100;
		break;
	default:
		return result(KPI_NO_TARGET, 0);
	}
	KpiResult res = result(KPI_OK, c);
	if (cap > 0 && c > cap) {
		res.capaian = cap;
		res.capped = true;
	}
	return res;
}

bool kpi_combine(KpiAggregation a, const double v[4], const bool has[4], int q, double *out)
{
	/* A level is the value of the quarter itself: an older one does not stand in for it. */
	if (a == KPI_LAST) {
		if (q < 1 || q > 4 || !has[q - 1])
			return false;
		*out = v[q - 1];
		return true;
	}
	/* Sums and averages need every quarter up to q: a missing one is never skipped. */
	double sum = 0;
	if (q < 1 || q > 4)
		return false;
	for (int i = 0; i < q; i++) {
		if (!has[i])
			return false;
		sum += v[i];
	}
	*out = a == KPI_SUM ? sum : sum / q;
	return true;
}

const KpiCategory kpi_permendagri_86[] = {
        {91, "Sangat Tinggi", "#1b5e20"},
        {76, "Tinggi", "#43a047"},
        {66, "Sedang", "#f9a825"},
        {51, "Rendah", "#ef6c00"},
        {-INFINITY, "Sangat Rendah", "#c62828"},
};
const size_t kpi_permendagri_86_count = COUNT(kpi_permendagri_86);

const KpiCategory *kpi_category(const KpiCategory *cats, size_t n, double c)
{
	for (size_t i = 0; i < n; i++)
		if (c >= cats[i].min)
			return &cats[i];
	return n ? &cats[n - 1] : NULL;
}

KpiResult kpi_absorption(double pagu, bool has_real, double real)
{
	if (!has_real)
		return result(KPI_NO_ACTUAL, 0);
	if (pagu < 0 || real < 0)
		return result(KPI_NEGATIVE, 0);
	if (pagu == 0)
		return result(KPI_TARGET_ZERO, 0);
	return result(KPI_OK, real / pagu * 100);
}

KpiResult kpi_efficiency(KpiResult capaian, KpiResult absorption)
{
	if (capaian.status != KPI_OK)
		return capaian;
	if (absorption.status != KPI_OK)
		return absorption;
	if (absorption.capaian == 0)
		return result(KPI_ACTUAL_ZERO, 0);
	return result(KPI_OK, capaian.capaian / absorption.capaian);
}
