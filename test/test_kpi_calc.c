/*
** test_kpi_calc.c: capaian for every formula, aggregation, category and
** undefined case, with the expected numbers written out.
*/
#include "testutil.h"

#include "kpi.h"

#include <math.h>

#define NO false
#define YES true

static void capaian_table(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		KpiFormula f;
		bool has_t;
		double t, hi;
		bool has_r;
		double r, cap;
		KpiStatus status;
		double want;
		bool capped;
	} cases[] = {
	        /* higher is better */
	        {"R/T on target", KPI_RT, YES, 80, 0, YES, 80, 0, KPI_OK, 100, NO},
	        {"R/T above", KPI_RT, YES, 80, 0, YES, 120, 0, KPI_OK, 150, NO},
	        {"R/T below", KPI_RT, YES, 85.45, 0, YES, 77.42, 0, KPI_OK, 90.6027, NO},
	        {"R/T capped at 120", KPI_RT, YES, 80, 0, YES, 120, 120, KPI_OK, 120, YES},
	        {"R/T cap not reached", KPI_RT, YES, 80, 0, YES, 88, 120, KPI_OK, 110, NO},
	        {"R/T zero realisation", KPI_RT, YES, 80, 0, YES, 0, 0, KPI_OK, 0, NO},
	        {"R/T target zero", KPI_RT, YES, 0, 0, YES, 5, 0, KPI_TARGET_ZERO, 0, NO},
	        /* lower is better: T=10, R=8 gives 120 by (2T-R)/T and 125 by T/R */
	        {"(2T-R)/T better", KPI_2T_R, YES, 10, 0, YES, 8, 0, KPI_OK, 120, NO},
	        {"T/R better", KPI_T_R, YES, 10, 0, YES, 8, 0, KPI_OK, 125, NO},
	        {"(2T-R)/T worse", KPI_2T_R, YES, 10, 0, YES, 12, 0, KPI_OK, 80, NO},
	        {"T/R worse", KPI_T_R, YES, 10, 0, YES, 12, 0, KPI_OK, 83.3333, NO},
	        {"(2T-R)/T far worse goes negative", KPI_2T_R, YES, 10, 0, YES, 25, 0, KPI_OK, -50,
	         NO},
	        {"(2T-R)/T poverty 7.33 vs 6.34", KPI_2T_R, YES, 7.33, 0, YES, 6.34, 0, KPI_OK,
	         113.5061, NO},
	        {"T/R realisation zero", KPI_T_R, YES, 10, 0, YES, 0, 0, KPI_ACTUAL_ZERO, 0, NO},
	        {"(2T-R)/T target zero", KPI_2T_R, YES, 0, 0, YES, 0, 0, KPI_TARGET_ZERO, 0, NO},
	        /* within a range [t, hi] */
	        {"range inside", KPI_IN_RANGE, YES, 90, 110, YES, 100, 0, KPI_OK, 100, NO},
	        {"range below", KPI_IN_RANGE, YES, 90, 110, YES, 72, 0, KPI_OK, 80, NO},
	        {"range above", KPI_IN_RANGE, YES, 90, 110, YES, 121, 0, KPI_OK, 90, NO},
	        {"range from zero", KPI_IN_RANGE, YES, 0, 5, YES, 3, 0, KPI_OK, 100, NO},
	        {"range from zero, above", KPI_IN_RANGE, YES, 0, 5, YES, 6, 0, KPI_OK, 80, NO},
	        /* undefined, never a silent 0 */
	        {"no target", KPI_RT, NO, 0, 0, YES, 5, 0, KPI_NO_TARGET, 0, NO},
	        {"no realisation", KPI_RT, YES, 5, 0, NO, 0, 0, KPI_NO_ACTUAL, 0, NO},
	        {"negative realisation", KPI_RT, YES, 5, 0, YES, -1, 0, KPI_NEGATIVE, 0, NO},
	        {"negative target", KPI_2T_R, YES, -5, 0, YES, 1, 0, KPI_NEGATIVE, 0, NO},
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		KpiResult r = kpi_capaian(cases[i].f, cases[i].has_t, cases[i].t, cases[i].hi,
		                          cases[i].has_r, cases[i].r, cases[i].cap);
		if (r.status != cases[i].status)
			fail_msg("%s: status %s, expected %s", cases[i].name,
			         kpi_status_text(r.status), kpi_status_text(cases[i].status));
		if (fabs(r.capaian - cases[i].want) > 0.0001 || r.capped != cases[i].capped)
			fail_msg("%s: capaian %.4f%s, expected %.4f%s", cases[i].name, r.capaian,
			         r.capped ? " (capped)" : "", cases[i].want,
			         cases[i].capped ? " (capped)" : "");
	}
}

static void combine_quarters(void **state)
{
	(void)state;
	const double v[4] = {10, 20, 30, 40};
	static const bool all[4] = {true, true, true, true}, gap[4] = {true, false, true, false};
	static const bool none[4] = {false, false, false, false};
	static const struct {
		KpiAggregation a;
		const bool *has;
		int q;
		bool ok;
		double want;
	} cases[] = {
	        {KPI_SUM, all, 1, true, 10},  {KPI_SUM, all, 3, true, 60},
	        {KPI_SUM, all, 4, true, 100}, {KPI_LAST, all, 3, true, 30},
	        {KPI_LAST, gap, 3, true, 30}, {KPI_LAST, gap, 4, false, 0},
	        {KPI_AVG, all, 4, true, 25},  {KPI_AVG, gap, 4, false, 0},
	        {KPI_SUM, gap, 2, false, 0},  {KPI_SUM, gap, 1, true, 10},
	        {KPI_SUM, none, 4, false, 0},
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		double out = -1;
		bool ok = kpi_combine(cases[i].a, v, cases[i].has, cases[i].q, &out);
		assert_int_equal(ok, cases[i].ok);
		if (ok && out != cases[i].want)
			fail_msg("case %zu (%s to TW%d): %g, expected %g", i,
			         kpi_aggregation_name(cases[i].a), cases[i].q, out, cases[i].want);
	}
}

static void categories_permendagri_86(void **state)
{
	(void)state;
	static const struct {
		double c;
		const char *label;
	} cases[] = {{150, "Sangat Tinggi"}, {91, "Sangat Tinggi"}, {90.99, "Tinggi"},
	             {76, "Tinggi"},         {75.9, "Sedang"},      {66, "Sedang"},
	             {65.99, "Rendah"},      {51, "Rendah"},        {50.99, "Sangat Rendah"},
	             {0, "Sangat Rendah"},   {-50, "Sangat Rendah"}};
	for (size_t i = 0; i < COUNT(cases); i++)
		assert_string_equal(
		        kpi_category(kpi_permendagri_86, kpi_permendagri_86_count, cases[i].c)
		                ->label,
		        cases[i].label);
}

static void budget_efficiency(void **state)
{
	(void)state;
	KpiResult a = kpi_absorption(2000000000, true, 1500000000);
	assert_int_equal(a.status, KPI_OK);
	assert_true(fabs(a.capaian - 75) < 1e-9);
	KpiResult c = kpi_capaian(KPI_RT, true, 100, 0, true, 90, 0);
	KpiResult e = kpi_efficiency(c, a);
	assert_int_equal(e.status, KPI_OK);
	assert_true(fabs(e.capaian - 1.2) < 1e-9);
	assert_int_equal(kpi_absorption(0, true, 5).status, KPI_TARGET_ZERO);
	assert_int_equal(kpi_absorption(100, false, 0).status, KPI_NO_ACTUAL);
	assert_int_equal(kpi_efficiency(c, kpi_absorption(100, true, 0)).status, KPI_ACTUAL_ZERO);
	assert_int_equal(kpi_efficiency(kpi_capaian(KPI_RT, true, 0, 0, true, 1, 0), a).status,
	                 KPI_TARGET_ZERO);
}

static void names_round_trip(void **state)
{
	(void)state;
	KpiFormula f;
	KpiPolarity p;
	KpiAggregation a;
	assert_int_equal(kpi_formula_parse("(2T-R)/T", &f), 0);
	assert_int_equal(f, KPI_2T_R);
	assert_string_equal(kpi_formula_name(KPI_T_R), "T/R");
	assert_int_equal(kpi_formula_parse("R/T x 100", &f), -1);
	assert_int_equal(kpi_polarity_parse("lower", &p), 0);
	assert_int_equal(p, KPI_LOWER);
	assert_int_equal(kpi_aggregation_parse("last", &a), 0);
	assert_int_equal(kpi_aggregation_parse("median", &a), -1);
}

int main(void)
{
	tu_init();
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(capaian_table),
	        cmocka_unit_test(combine_quarters),
	        cmocka_unit_test(categories_permendagri_86),
	        cmocka_unit_test(budget_efficiency),
	        cmocka_unit_test(names_round_trip),
	};
	return cmocka_run_group_tests_name("kpi_calc", tests, NULL, NULL);
}
