/*
** test_wf_cal.c: due times and elapsed working time, table-driven, on the
** real 2026 holiday calendar (lib/calendar/holidays-2026.csv).
*/
#include "testutil.h"

#include "wf_cal.h"

static void load_2026(WfCalendar *cal, int offset)
{
	wf_cal_init(cal, offset);
	Buf csv = BUF_INIT;
	tu_read_file(&csv, "lib/calendar/holidays-2026.csv");
	char *line = csv.data;
	int n = 0;
	while (line && *line) {
		char *nl = strchr(line, '\n');
		if (nl)
			*nl = 0;
		if (strncmp(line, "date,", 5) != 0) {
			line[10] = 0;
			assert_int_equal(wf_cal_add_holiday(cal, line), 0);
			n++;
		}
		line = nl ? nl + 1 : NULL;
	}
	assert_int_equal(n, 25); /* 17 libur + 8 cuti bersama */
	buf_free(&csv);
}

static SopDuration dur(double min, double max, SopUnit unit)
{
	SopDuration d = {true, true, true, min, max, unit, NULL};
	return d;
}

static void civil_dates_round_trip(void **state)
{
	(void)state;
	assert_int_equal(wf_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(wf_weekday(wf_days_from_civil(2026, 11, 21)), 6); /* Saturday */
	assert_int_equal(wf_weekday(wf_days_from_civil(2026, 11, 23)), 1); /* Monday */
	for (int day = -1000; day < 40000; day += 37) {
		int y, m, d;
		wf_civil_from_days(day, &y, &m, &d);
		assert_int_equal(wf_days_from_civil(y, m, d), day);
	}
}

static void due_times_table(void **state)
{
	(void)state;
	WfCalendar wib, wita;
	load_2026(&wib, 420);
	load_2026(&wita, 480);
	static const struct {
		const char *name;
		int wita;
		const char *start;
		double min, max;
		SopUnit unit;
		const char *due;
	} cases[] = {
	        {"minutes inside office hours", 0, "2026-11-19 10:00", 5, 5, SOP_MINUTE,
	         "2026-11-19 10:05 WIB"},
	        {"minutes across the lunch break", 0, "2026-11-19 11:58", 5, 5, SOP_MINUTE,
	         "2026-11-19 13:03 WIB"},
	        {"friday's longer break", 0, "2026-11-20 11:29", 5, 5, SOP_MINUTE,
	         "2026-11-20 13:04 WIB"},
	        {"minutes across the night", 0, "2026-11-19 15:58", 5, 5, SOP_MINUTE,
	         "2026-11-20 07:33 WIB"},
	        {"friday close to monday", 0, "2026-11-20 16:28", 5, 5, SOP_MINUTE,
	         "2026-11-23 07:33 WIB"},
	        {"received on saturday", 0, "2026-11-21 10:00", 5, 5, SOP_MINUTE,
	         "2026-11-23 07:35 WIB"},
	        {"received before opening", 0, "2026-11-19 06:00", 20, 20, SOP_MINUTE,
	         "2026-11-19 07:50 WIB"},
	        {"exactly to the close", 0, "2026-11-19 15:00", 60, 60, SOP_MINUTE,
	         "2026-11-19 16:00 WIB"},
	        {"hours across the night", 0, "2026-11-19 15:00", 2, 2, SOP_HOUR,
	         "2026-11-20 08:30 WIB"},
	        {"240 minutes over christmas", 0, "2026-12-23 14:00", 240, 240, SOP_MINUTE,
	         "2026-12-28 09:30 WIB"},
	        {"new year's eve", 0, "2026-12-30 15:30", 60, 60, SOP_MINUTE,
	         "2026-12-31 08:00 WIB"},
	        {"calendar day", 0, "2026-11-19 10:00", 1, 1, SOP_DAY, "2026-11-20 10:00 WIB"},
	        {"calendar days ignore holidays", 0, "2026-12-24 10:00", 2, 2, SOP_DAY,
	         "2026-12-26 10:00 WIB"},
	        {"weeks", 0, "2026-11-19 10:00", 6, 6, SOP_WEEK, "2026-12-31 10:00 WIB"},
	        {"month clamps the day", 0, "2026-01-31 09:00", 1, 1, SOP_MONTH,
	         "2026-02-28 09:00 WIB"},
	        {"workdays from thursday", 0, "2026-11-19 09:00", 5, 5, SOP_WORKDAY,
	         "2026-11-26 16:00 WIB"},
	        {"workdays from monday", 0, "2026-11-16 09:00", 5, 5, SOP_WORKDAY,
	         "2026-11-23 16:00 WIB"},
	        /* Kenaikan (Thu 14 May) and its cuti bersama (Fri 15 May): the long weekend. */
	        {"workdays before a long weekend", 0, "2026-05-13 09:00", 5, 5, SOP_WORKDAY,
	         "2026-05-22 16:30 WIB"},
	        {"workdays from the monday before", 0, "2026-05-11 09:00", 5, 5, SOP_WORKDAY,
	         "2026-05-20 16:00 WIB"},
	        /* Nyepi and Idul Fitri: 18-24 March are not working days for ASN. */
	        {"workdays over lebaran", 0, "2026-03-17 09:00", 2, 2, SOP_WORKDAY,
	         "2026-03-26 16:00 WIB"},
	        {"a range is due at its maximum", 0, "2026-11-16 09:00", 1, 20, SOP_WORKDAY,
	         "2026-12-14 16:00 WIB"},
	        {"WITA office hours", 1, "2026-11-23 07:28", 7, 7, SOP_MINUTE,
	         "2026-11-23 07:37 WITA"},
	        {"2 workdays WITA", 1, "2026-11-20 15:00", 2, 2, SOP_WORKDAY,
	         "2026-11-24 16:00 WITA"},
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		WfCalendar *cal = cases[i].wita ? &wita : &wib;
		time_t start = wf_cal_parse_local(cal, cases[i].start);
		assert_true(start > 0);
		SopDuration d = dur(cases[i].min, cases[i].max, cases[i].unit);
		Buf got = BUF_INIT;
		wf_cal_format(cal, wf_cal_due(cal, start, &d), &got);
		if (strcmp(buf_str(&got), cases[i].due) != 0)
			fail_msg("%s: due %s, expected %s", cases[i].name, buf_str(&got),
			         cases[i].due);
		buf_free(&got);
	}
	SopDuration per_case = {true, false, false, 0, 0, SOP_PER_CASE, NULL};
	assert_int_equal(wf_cal_due(&wib, 1000000, &per_case), 0);
	SopDuration none = {0};
	assert_int_equal(wf_cal_due(&wib, 1000000, &none), 0);
	wf_cal_free(&wib);
	wf_cal_free(&wita);
}

static void elapsed_in_units(void **state)
{
	(void)state;
	WfCalendar cal;
	load_2026(&cal, 420);
	time_t a = wf_cal_parse_local(&cal, "2026-11-19 15:00");
	time_t b = wf_cal_parse_local(&cal, "2026-11-20 08:30");
	assert_true(wf_cal_office_minutes(&cal, a, b) == 120);
	assert_true(wf_cal_elapsed(&cal, a, b, SOP_HOUR) == 2);
	assert_true(wf_cal_elapsed(&cal, b, a, SOP_MINUTE) == 0);
	time_t c = wf_cal_parse_local(&cal, "2026-11-26 10:00");
	assert_true(wf_cal_elapsed(&cal, a, c, SOP_WORKDAY) == 5);
	/* Over lunch: 11:00 to 14:00 on a Monday is 2 office hours. */
	time_t d = wf_cal_parse_local(&cal, "2026-11-23 11:00");
	time_t e = wf_cal_parse_local(&cal, "2026-11-23 14:00");
	assert_true(wf_cal_elapsed(&cal, d, e, SOP_MINUTE) == 120);
	assert_true(wf_cal_elapsed(&cal, d, e, SOP_DAY) == 0.125);
	assert_false(wf_cal_is_workday(&cal, wf_days_from_civil(2026, 8, 17)));
	assert_true(wf_cal_is_workday(&cal, wf_days_from_civil(2026, 3, 17))); /* WFA is work */
	wf_cal_free(&cal);
}

static void parse_local_rejects_garbage(void **state)
{
	(void)state;
	WfCalendar cal;
	wf_cal_init(&cal, 420);
	assert_int_equal(wf_cal_parse_local(&cal, "2026-02-30"), -1);
	assert_int_equal(wf_cal_parse_local(&cal, "2026-11-19 25:00"), -1);
	assert_int_equal(wf_cal_parse_local(&cal, "19-11-2026"), -1);
	assert_int_equal(wf_cal_parse_local(&cal, "2026-11-19 10:00x"), -1);
	assert_int_equal(wf_cal_parse_local(&cal, "2026-11-19  8:05"), -1);
	assert_int_equal(wf_cal_parse_local(&cal, "2026-11-19 +8:05"), -1);
	Buf b = BUF_INIT;
	wf_cal_format(&cal, wf_cal_parse_local(&cal, "2026-11-19"), &b);
	assert_string_equal(buf_str(&b), "2026-11-19 23:59 WIB");
	buf_free(&b);
	assert_int_equal(wf_cal_add_holiday(&cal, "2026-13-01"), -1);
	wf_cal_free(&cal);
}

int main(void)
{
	tu_init();
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(civil_dates_round_trip),
	        cmocka_unit_test(due_times_table),
	        cmocka_unit_test(elapsed_in_units),
	        cmocka_unit_test(parse_local_rejects_garbage),
	};
	return cmocka_run_group_tests_name("wf_cal", tests, NULL, NULL);
}
