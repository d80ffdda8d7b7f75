/*
** wf_cal.h: working-time calendars for time standards (Mutu Baku: Waktu).
**
** A calendar is an agency's office hours per weekday, its UTC offset (WIB
** +7, WITA +8, WIT +9; Indonesia has no daylight saving) and its
** non-working dates (national holidays and cuti bersama, plus the
** agency's own). Times are UTC seconds (time_t); the calendar works in
** local time internally.
**
** Rules (also in doc/sop-format.md, "Duration"):
**   minute, hour   counted in office minutes: nights, breaks, weekends and
**                  holidays do not count; a task received outside office
**                  hours starts counting at the next opening
**   day, week      calendar days (7 per week) from the start instant
**   month          calendar months from the start instant (day clamped)
**   workday        due at the close of the Nth working day after the day
**                  the task was received (that day itself does not count)
**   per_case       the deadline set when the case was started
** A range ("1 - 20 Hari Kerja") is due at its maximum.
*/
#ifndef SAKIP_WF_CAL_H
#define SAKIP_WF_CAL_H

#include "sop.h"

#include <time.h>

/* Office hours of one weekday, in minutes after local midnight. */
typedef struct WfHours {
	int open, close;            /* open == close: not a working day */
	int break_start, break_end; /* break_start == break_end: no break */
} WfHours;

typedef struct WfCalendar {
	int utc_offset_min; /* 420 for WIB */
	WfHours week[7];    /* index 0 = Sunday */
	int *holidays;      /* sorted local day numbers (days since 1970-01-01) */
	int n_holidays, cap_holidays;
} WfCalendar;

/* ASN hours (Perpres 21/2023): Mon-Thu 07.30-16.00, break 12-13; Fri 07.30-16.30, break 11.30-13.
 */
void wf_cal_init(WfCalendar *cal, int utc_offset_min);
void wf_cal_free(WfCalendar *cal);
/* Add a non-working date "YYYY-MM-DD"; -1 if not a date. */
int wf_cal_add_holiday(WfCalendar *cal, const char *iso);
bool wf_cal_is_workday(const WfCalendar *cal, int day);

/* Day number of a civil date, and back; weekday 0 = Sunday. */
int wf_days_from_civil(int y, int m, int d);
void wf_civil_from_days(int day, int *y, int *m, int *d);
int wf_weekday(int day);

/*
** The due time of a task received at start under duration d, or 0 when
** d gives none (absent, or per_case: the caller supplies the deadline).
*/
time_t wf_cal_due(const WfCalendar *cal, time_t start, const SopDuration *d);
/* Office minutes between a and b (b >= a). */
double wf_cal_office_minutes(const WfCalendar *cal, time_t a, time_t b);
/*
** Elapsed time from a to b expressed in unit, counted the way the unit is
** counted for due times: office minutes or hours, calendar days or weeks,
** working days after the day of receipt; months as 30 days. For comparing
** actual durations with the standard.
*/
double wf_cal_elapsed(const WfCalendar *cal, time_t a, time_t b, SopUnit unit);

/* Format t as local "2026-11-21 08:44 WIB" into out. */
void wf_cal_format(const WfCalendar *cal, time_t t, Buf *out);
/* t in the calendar's zone: the date as "YYYY-MM-DD" and the hour and minute. */
void wf_cal_local(const WfCalendar *cal, time_t t, char iso[11], int *hh, int *mm);
/* "WIB", "WITA" or "WIT" for those offsets (minutes east of UTC), else NULL. */
const char *wf_zone_name(int utc_offset_min);
/* Parse "YYYY-MM-DD" or "YYYY-MM-DD HH:MM" (local time) to UTC; -1 if invalid. */
time_t wf_cal_parse_local(const WfCalendar *cal, const char *s);

#endif
