/*
** wf_cal.c: working-time arithmetic for due times and actual durations.
**
** Everything here is pure: no database, no clock. Times come in as UTC
** seconds and are shifted to local minutes ("minutes since local
** 1970-01-01 00:00") for the calendar walk. The civil-date conversions are
** Howard Hinnant's days_from_civil / civil_from_days, exact for the
** proleptic Gregorian calendar. Filling a calendar from the database is
** the organisation module's job.
*/
#include "wf_cal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int wf_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	const int era = (y >= 0 ? y : y - 399) / 400;
	const unsigned yoe = (unsigned)(y - era * 400);
	const unsigned doy = (153u * (unsigned)(m > 2 ? m - 3 : m + 9) + 2) / 5 + (unsigned)d - 1;
	const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int)doe - 719468;
}

void wf_civil_from_days(int z, int *y, int *m, int *d)
{
	z += 719468;
	const int era = (z >= 0 ? z : z - 146096) / 146097;
	const unsigned doe = (unsigned)(z - era * 146097);
	const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	const unsigned mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)yoe + era * 400 + (*m <= 2);
}

int wf_weekday(int day)
{
	return ((day % 7) + 11) % 7; /* 1970-01-01 was a Thursday */
}

void wf_cal_init(WfCalendar *cal, int utc_offset_min)
{
	memset(cal, 0, sizeof *cal);
	cal->utc_offset_min = utc_offset_min;
	const WfHours mon_thu = {7 * 60 + 30, 16 * 60, 12 * 60, 13 * 60};
	const WfHours fri = {7 * 60 + 30, 16 * 60 + 30, 11 * 60 + 30, 13 * 60};
	for (int w = 1; w <= 4; w++)
		cal->week[w] = mon_thu;
	cal->week[5] = fri;
}

void wf_cal_free(WfCalendar *cal)
{
	free(cal->holidays);
	cal->holidays = NULL;
	cal->n_holidays = cal->cap_holidays = 0;
}

static bool parse_iso_day(const char *iso, int *day)
{
	if (!sop_date_valid(iso))
		return false;
	*day = wf_days_from_civil(atoi(iso), atoi(iso + 5), atoi(iso + 8));
	return true;
}

int wf_cal_add_holiday(WfCalendar *cal, const char *iso)
{
	int day;
	if (!parse_iso_day(iso, &day))
		return -1;
	if (cal->n_holidays == cal->cap_holidays) {
		cal->cap_holidays = cal->cap_holidays ? cal->cap_holidays * 2 : 32;
		cal->holidays = xrealloc(cal->holidays, sizeof(int) * (size_t)cal->cap_holidays);
	}
	/* Insertion keeps the array sorted; calendars hold tens of dates. */
	int i = cal->n_holidays;
	while (i > 0 && cal->holidays[i - 1] > day)
		i--;
	if (i > 0 && cal->holidays[i - 1] == day)
		return 0;
	memmove(&cal->holidays[i + 1], &cal->holidays[i],
	        sizeof(int) * (size_t)(cal->n_holidays - i));
	cal->holidays[i] = day;
	cal->n_holidays++;
	return 0;
}

static bool is_holiday(const WfCalendar *cal, int day)
{
	int lo = 0, hi = cal->n_holidays - 1;
	while (lo <= hi) {
		int mid = (lo + hi) / 2;
		if (cal->holidays[mid] == day)
			return true;
		if (cal->holidays[mid] < day)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return false;
}

bool wf_cal_is_workday(const WfCalendar *cal, int day)
{
	const WfHours *h = &cal->week[wf_weekday(day)];
	return h->open < h->close && !is_holiday(cal, day);
}

/* Local minutes since the epoch, and back. */
static long long to_local(const WfCalendar *cal, time_t t)
{
	long long s = (long long)t + cal->utc_offset_min * 60LL;
	return s >= 0 ? s / 60 : -((-s + 59) / 60);
}

static time_t from_local(const WfCalendar *cal, long long minutes)
{
	return (time_t)((minutes - cal->utc_offset_min) * 60LL);
}

/*
** The office intervals of a day, in minutes after its midnight: up to two
** (before and after the break). Returns how many.
*/
static int day_intervals(const WfCalendar *cal, int day, int iv[2][2])
{
	if (!wf_cal_is_workday(cal, day))
		return 0;
	const WfHours *h = &cal->week[wf_weekday(day)];
	if (h->break_start >= h->break_end || h->break_start <= h->open ||
	    h->break_end >= h->close) {
		iv[0][0] = h->open;
		iv[0][1] = h->close;
		return 1;
	}
	iv[0][0] = h->open;
	iv[0][1] = h->break_start;
	iv[1][0] = h->break_end;
	iv[1][1] = h->close;
	return 2;
}

/* Walk forward from local minute t through office time until n minutes are spent. */
static long long add_office_minutes(const WfCalendar *cal, long long t, long long n)
{
	long long day = t >= 0 ? t / 1440 : -((-t + 1439) / 1440);
	/* A calendar with no working day at all would never finish. */
	for (int guard = 0; guard < 366 * 20; guard++, day++) {
		int iv[2][2];
		int k = day_intervals(cal, (int)day, iv);
		for (int i = 0; i < k; i++) {
			long long a = day * 1440 + iv[i][0], b = day * 1440 + iv[i][1];
			if (t > a)
				a = t;
			if (a >= b)
				continue;
			if (b - a >= n)
				return a + n;
			n -= b - a;
			t = b;
		}
	}
	return t;
}

/* The close of office on local day. Only called for working days. */
static long long close_of(const WfCalendar *cal, int day)
{
	return (long long)day * 1440 + cal->week[wf_weekday(day)].close;
}

static long long add_months(long long t, int months)
{
	long long day = t >= 0 ? t / 1440 : -((-t + 1439) / 1440);
	long long minute = t - day * 1440;
	int y, m, d;
	wf_civil_from_days((int)day, &y, &m, &d);
	int total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	int last = mdays[m - 1] + (m == 2 && leap);
	if (d > last)
		d = last;
	return (long long)wf_days_from_civil(y, m, d) * 1440 + minute;
}

time_t wf_cal_due(const WfCalendar *cal, time_t start, const SopDuration *d)
{
	if (!d || !d->present || d->unit == SOP_PER_CASE || (!d->has_max && !d->has_min))
		return 0;
	double amount = d->has_max ? d->max : d->min;
	/* sop_validate() bounds amounts to a year; refuse anything else here too. */
	if (!(amount >= 0 && amount <= 120000))
		return 0;
	long long t = to_local(cal, start);
	switch (d->unit) {
	case SOP_MINUTE:
		return from_local(cal, add_office_minutes(cal, t, (long long)(amount + 0.5)));
	case SOP_HOUR:
		return from_local(cal, add_office_minutes(cal, t, (long long)(amount * 60 + 0.5)));
	case SOP_DAY:
		return start + (time_t)(amount * 86400);
	case SOP_WEEK:
		return start + (time_t)(amount * 7 * 86400);
	case SOP_MONTH:
		return from_local(cal, add_months(t, (int)(amount + 0.5)));
	case SOP_WORKDAY: {
		int n = (int)(amount + 0.5), day = (int)(t / 1440);
		if (n <= 0)
			return from_local(cal, t);
		for (int guard = 0; n > 0 && guard < 366 * 20; guard++) {
			day++;
			if (wf_cal_is_workday(cal, day))
				n--;
		}
		return from_local(cal, close_of(cal, day));
	}
	case SOP_PER_CASE:
		break;
	}
	return 0;
}

double wf_cal_office_minutes(const WfCalendar *cal, time_t a, time_t b)
{
	if (b <= a)
		return 0;
	long long ta = to_local(cal, a), tb = to_local(cal, b);
	long long total = 0;
	for (long long day = ta / 1440; day <= tb / 1440; day++) {
		int iv[2][2];
		int k = day_intervals(cal, (int)day, iv);
		for (int i = 0; i < k; i++) {
			long long x = day * 1440 + iv[i][0], y = day * 1440 + iv[i][1];
			if (x < ta)
				x = ta;
			if (y > tb)
				y = tb;
			if (y > x)
				total += y - x;
		}
	}
	return (double)total;
}

double wf_cal_elapsed(const WfCalendar *cal, time_t a, time_t b, SopUnit unit)
{
	if (b <= a)
		return 0;
	switch (unit) {
	case SOP_MINUTE:
		return wf_cal_office_minutes(cal, a, b);
	case SOP_HOUR:
		return wf_cal_office_minutes(cal, a, b) / 60.0;
	case SOP_DAY:
	case SOP_PER_CASE:
		return (double)(b - a) / 86400.0;
	case SOP_WEEK:
		return (double)(b - a) / (7 * 86400.0);
	case SOP_MONTH:
		return (double)(b - a) / (30 * 86400.0);
	case SOP_WORKDAY: {
		/* Working days after the day of receipt up to the day of completion. */
		int da = (int)(to_local(cal, a) / 1440), db = (int)(to_local(cal, b) / 1440);
		int n = 0;
		for (int day = da + 1; day <= db; day++)
			n += wf_cal_is_workday(cal, day);
		return n;
	}
	}
	return 0;
}

const char *wf_zone_name(int offset)
{
	switch (offset) {
	case 420:
		return "WIB";
	case 480:
		return "WITA";
	case 540:
		return "WIT";
	default:
		return NULL;
	}
}

void wf_cal_local(const WfCalendar *cal, time_t t, char iso[11], int *hh, int *mm)
{
	long long m = to_local(cal, t);
	long long day = m >= 0 ? m / 1440 : -((-m + 1439) / 1440);
	int y, mo, d, mins = (int)(m - day * 1440);
	wf_civil_from_days((int)day, &y, &mo, &d);
	snprintf(iso, 11, "%04u-%02u-%02u", (unsigned)y % 10000u, (unsigned)mo % 100u,
	         (unsigned)d % 100u);
	*hh = mins / 60;
	*mm = mins % 60;
}

void wf_cal_format(const WfCalendar *cal, time_t t, Buf *out)
{
	char iso[11];
	int hh, mm;
	wf_cal_local(cal, t, iso, &hh, &mm);
	const char *zone = wf_zone_name(cal->utc_offset_min);
	buf_printf(out, "%s %02d:%02d", iso, hh, mm);
	if (zone)
		buf_printf(out, " %s", zone);
	else
		buf_printf(out, " UTC%+d", cal->utc_offset_min / 60);
}

time_t wf_cal_parse_local(const WfCalendar *cal, const char *s)
{
	char date[11];
	size_t n = strlen(s);
	if (n != 10 && n != 16)
		return -1;
	memcpy(date, s, 10);
	date[10] = 0;
	int day;
	if (!parse_iso_day(date, &day))
		return -1;
	int minutes = 23 * 60 + 59; /* a bare date means the end of that day: 23:59:59 */
	if (n == 16) {
		const char *t = s + 11;
		if ((s[10] != ' ' && s[10] != 'T') || t[2] != ':')
			return -1;
		for (int i = 0; i < 5; i++)
			if (i != 2 && (t[i] < '0' || t[i] > '9'))
				return -1;
		int hh = (t[0] - '0') * 10 + (t[1] - '0'), mm = (t[3] - '0') * 10 + (t[4] - '0');
		if (hh > 23 || mm > 59)
			return -1;
		minutes = hh * 60 + mm;
		return from_local(cal, (long long)day * 1440 + minutes);
	}
	return from_local(cal, (long long)day * 1440 + minutes) + 59;
}
