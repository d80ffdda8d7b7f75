/*
** wf_org.c: the organisation: agencies under a Pemda, units, positions,
** people, acting officials and delegates, holidays, and the mapping of SOP
** actors to positions. Loads sakip.org/1 files (doc/org-format.md), the
** national holiday calendar and the demo organisations, answers "may
** this person act for this position now?", and makes the administrator's
** single changes (positions, holders, Plt, the actor map, holidays), each
** one transaction with its audit event.
**
** It does not run cases (wf_case.c, wf_task.c) and keeps no state beyond
** the database.
*/
#include "wf.h"

#include "util_json.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern const EmbedFile org_lib[], cal_lib[];
extern const size_t org_lib_count, cal_lib_count;

/* Copy the digits of a NIP written with or without spaces; false if other characters. */
static bool nip_digits(const char *nip, char out[19], size_t *n)
{
	*n = 0;
	for (const char *c = nip; *c; c++) {
		if (*c == ' ')
			continue;
		if (*c < '0' || *c > '9')
			return false;
		if (*n < 18)
			out[*n] = *c;
		(*n)++;
	}
	out[*n < 18 ? *n : 18] = 0;
	return true;
}

bool wf_nip_valid(const char *nip, Buf *err)
{
	char d[19];
	size_t n;
	if (!nip_digits(nip, d, &n)) {
		buf_printf(err, "NIP \"%s\" has characters other than digits and spaces", nip);
		return false;
	}
	if (n != 18) {
		buf_printf(err, "NIP \"%s\" has %zu digits; a NIP has 18", nip, n);
		return false;
	}
	char birth[11];
	snprintf(birth, sizeof birth, "%.4s-%.2s-%.2s", d, d + 4, d + 6);
	int by = atoi(birth), bm = atoi(birth + 5);
	if (!sop_date_valid(birth) || by < 1940 || by > 2010) {
		buf_printf(err,
		           "NIP \"%s\": birth date %s is not a real date between 1940 and 2010",
		           nip, birth);
		return false;
	}
	char ay_s[5] = {d[8], d[9], d[10], d[11], 0}, am_s[3] = {d[12], d[13], 0};
	int ay = atoi(ay_s), am = atoi(am_s);
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	if (am < 1 || am > 12 || ay < 1960 || ay > tm.tm_year + 1900) {
		buf_printf(err, "NIP \"%s\": appointment %s-%s is not a month between 1960 and now",
		           nip, ay_s, am_s);
		return false;
	}
	if (ay * 12 + am < (by + 18) * 12 + bm) {
		buf_printf(err, "NIP \"%s\": appointed %s-%s, before the 18th birthday", nip, ay_s,
		           am_s);
		return false;
	}
	if (d[14] != '1' && d[14] != '2') {
		buf_printf(err, "NIP \"%s\": the sex digit (15th) is %c; it must be 1 or 2", nip,
		           d[14]);
		return false;
	}
	return true;
}

static bool slug_valid(const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	if (n == 0 || n > max)
		return false;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
		      c == '.'))
			return false;
	}
	return true;
}

int64_t wf_person_by_login(Db *db, const char *login)
{
	return db_int(db, 0, "SELECT id FROM person WHERE login=:l AND active",
	              DB_TEXT(":l", login), DB_END);
}

int64_t wf_agency_by_ref(Db *db, const char *ref)
{
	if (str_is_digits(ref) && strlen(ref) < 12)
		return db_int(db, 0, "SELECT id FROM agency WHERE id=:id",
		              DB_INT(":id", atoll(ref)), DB_END);
	return db_int(db, 0, "SELECT id FROM agency WHERE code=:c", DB_TEXT(":c", ref), DB_END);
}

/* ---- may act ---------------------------------------------------------- */

bool wf_may_act(Wf *wf, int64_t position_id, int64_t person_id, time_t now, int64_t *acting_for)
{
	Db *db = wf_db(wf);
	int64_t holder = db_int(db, 0, "SELECT holder_id FROM position WHERE id=:p",
	                        DB_INT(":p", position_id), DB_END);
	*acting_for = 0;
	if (holder && holder == person_id)
		return true;
	/* Acting ranges are local dates of the position's agency. */
	int64_t agency = db_int(db, 0, "SELECT agency_id FROM position WHERE id=:p",
	                        DB_INT(":p", position_id), DB_END);
	const WfCalendar *cal = wf_calendar(wf, agency);
	Buf day = BUF_INIT;
	wf_cal_format(cal, now, &day);
	day.data[10] = 0; /* "YYYY-MM-DD" */
	bool ok = db_exists(db,
	                    "SELECT 1 FROM acting WHERE position_id=:p AND person_id=:who"
	                    " AND starts <= :d AND ends >= :d",
	                    DB_INT(":p", position_id), DB_INT(":who", person_id),
	                    DB_TEXT(":d", day.data), DB_END);
	buf_free(&day);
	if (ok)
		*acting_for = holder;
	return ok;
}

bool wf_may_act_as(Wf *wf, int64_t agency_id, const char *sop_code, const char *actor,
                   int64_t person_id, time_t now, int64_t *acting_for)
{
	DbStmt *q = db_query(wf_db(wf),
	                     "SELECT position_id FROM actor_map WHERE agency_id=:a AND sop_code=:s"
	                     " AND actor=:x ORDER BY id",
	                     DB_INT(":a", agency_id), DB_TEXT(":s", sop_code), DB_TEXT(":x", actor),
	                     DB_END);
	int64_t positions[256];
	int n = 0;
	while (n < 256 && db_step(q) == DB_ROW)
		positions[n++] = db_col_int(q, 0);
	db_finalize(q);
	for (int i = 0; i < n; i++)
		if (wf_may_act(wf, positions[i], person_id, now, acting_for))
			return true;
	return false;
}

/* ---- loading an organisation ------------------------------------------ */

typedef struct OrgLoad {
	JsonIn p;
	Db *db;
	Wf *wf;
	int64_t agency_id;
	Buf *log;
} OrgLoad;

#define PATH(buf, ...) (snprintf(buf, sizeof buf, __VA_ARGS__), buf)

/* Run a write; on failure record the database's message at path. */
static void org_exec(OrgLoad *o, const char *path, int rc)
{
	if (rc != DB_OK)
		jin_error(&o->p, path, "%s", db_errmsg(o->db));
}

static int64_t unit_id(OrgLoad *o, const char *code)
{
	return code ? db_int(o->db, 0, "SELECT id FROM unit WHERE agency_id=:a AND code=:c",
	                     DB_INT(":a", o->agency_id), DB_TEXT(":c", code), DB_END)
	            : 0;
}

static int64_t position_id(OrgLoad *o, const char *code)
{
	return code ? db_int(o->db, 0, "SELECT id FROM position WHERE agency_id=:a AND code=:c",
	                     DB_INT(":a", o->agency_id), DB_TEXT(":c", code), DB_END)
	            : 0;
}

static void load_agency(OrgLoad *o, json_t *root)
{
	static const char *const pkeys[] = {"code", "name", NULL};
	static const char *const akeys[] = {"code", "name", "timezone", NULL};
	json_t *pemda = jin_object(&o->p, root, "pemda", "pemda");
	json_t *agency = jin_object(&o->p, root, "agency", "agency");
	if (!pemda || !agency) {
		jin_error(&o->p, "pemda/agency", "both objects are required");
		return;
	}
	jin_check_keys(&o->p, pemda, "pemda", pkeys, "code, name");
	jin_check_keys(&o->p, agency, "agency", akeys, "code, name, timezone");
	const char *pcode = jin_text(&o->p, pemda, "code", "pemda.code", true);
	const char *pname = jin_text(&o->p, pemda, "name", "pemda.name", true);
	const char *acode = jin_text(&o->p, agency, "code", "agency.code", true);
	const char *aname = jin_text(&o->p, agency, "name", "agency.name", true);
	const char *tz = jin_text(&o->p, agency, "timezone", "agency.timezone", false);
	int offset = 420;
	if (tz && strcmp(tz, "WIB") == 0)
		offset = 420;
	else if (tz && strcmp(tz, "WITA") == 0)
		offset = 480;
	else if (tz && strcmp(tz, "WIT") == 0)
		offset = 540;
	else if (tz)
		jin_error(&o->p, "agency.timezone", "\"%s\" is not WIB, WITA or WIT", tz);
	if (pcode && !slug_valid(pcode, 64))
		jin_error(&o->p, "pemda.code", "\"%s\" is not a code (a-z, 0-9, '-', '_', '.')",
		          pcode);
	if (acode && !slug_valid(acode, 64))
		jin_error(&o->p, "agency.code", "\"%s\" is not a code (a-z, 0-9, '-', '_', '.')",
		          acode);
	if (!pcode || !pname || !acode || !aname || o->p.n_err)
		return;
	org_exec(o, "pemda",
	         db_exec(o->db,
	                 "INSERT INTO pemda(code, name) VALUES(:c, :n)"
	                 " ON CONFLICT(code) DO UPDATE SET name=excluded.name",
	                 DB_TEXT(":c", pcode), DB_TEXT(":n", pname), DB_END));
	int64_t pemda_id = db_int(o->db, 0, "SELECT id FROM pemda WHERE code=:c",
	                          DB_TEXT(":c", pcode), DB_END);
	org_exec(o, "agency",
	         db_exec(o->db,
	                 "INSERT INTO agency(pemda_id, code, name, utc_offset_min)"
	                 " VALUES(:p, :c, :n, :o) ON CONFLICT(code) DO UPDATE SET"
	                 " pemda_id=excluded.pemda_id, name=excluded.name,"
	                 " utc_offset_min=excluded.utc_offset_min",
	                 DB_INT(":p", pemda_id), DB_TEXT(":c", acode), DB_TEXT(":n", aname),
	                 DB_INT(":o", offset), DB_END));
	o->agency_id = db_int(o->db, 0, "SELECT id FROM agency WHERE code=:c", DB_TEXT(":c", acode),
	                      DB_END);
}

static void load_units(OrgLoad *o, json_t *root)
{
	static const char *const keys[] = {"code", "name", "parent", NULL};
	json_t *units = jin_array(&o->p, root, "units", "units");
	size_t i;
	json_t *u;
	char path[64];
	/* Two passes: every unit exists before parents are linked. */
	json_array_foreach (units, i, u) {
		PATH(path, "units[%zu]", i);
		if (!json_is_object(u)) {
			jin_error(&o->p, path, "expected an object");
			continue;
		}
		jin_check_keys(&o->p, u, path, keys, "code, name, parent");
		const char *code = jin_text(&o->p, u, "code", path, true);
		const char *name = jin_text(&o->p, u, "name", path, true);
		if (code && !slug_valid(code, 64))
			jin_error(&o->p, path,
			          "code \"%s\" is not a code (a-z, 0-9, '-', '_', '.')", code);
		else if (code && name)
			org_exec(
			        o, path,
			        db_exec(o->db,
			                "INSERT INTO unit(agency_id, code, name) VALUES(:a, :c, :n)"
			                " ON CONFLICT(agency_id, code) DO UPDATE SET "
			                "name=excluded.name",
			                DB_INT(":a", o->agency_id), DB_TEXT(":c", code),
			                DB_TEXT(":n", name), DB_END));
	}
	json_array_foreach (units, i, u) {
		PATH(path, "units[%zu].parent", i);
		const char *code = jin_text(&o->p, u, "code", path, false);
		const char *parent = jin_text(&o->p, u, "parent", path, false);
		int64_t pid = unit_id(o, parent);
		if (parent && !pid) {
			jin_error(&o->p, path, "no unit with code \"%s\"", parent);
			continue;
		}
		if (parent && code && strcmp(parent, code) == 0) {
			jin_error(&o->p, path, "a unit cannot be its own parent");
			continue;
		}
		if (code)
			org_exec(o, path,
			         db_exec(o->db,
			                 "UPDATE unit SET parent_id=:p WHERE agency_id=:a AND "
			                 "code=:c",
			                 pid ? DB_INT(":p", pid) : DB_NULL(":p"),
			                 DB_INT(":a", o->agency_id), DB_TEXT(":c", code), DB_END));
	}
}

static void load_people(OrgLoad *o, json_t *root)
{
	static const char *const keys[] = {"login", "nip", "name", "rank", "golongan", NULL};
	json_t *people = jin_typed(&o->p, root, "people", "people", JSON_ARRAY, "an array");
	size_t i;
	json_t *x;
	char path[64];
	json_array_foreach (people, i, x) {
		PATH(path, "people[%zu]", i);
		if (!json_is_object(x)) {
			jin_error(&o->p, path, "expected an object");
			continue;
		}
		jin_check_keys(&o->p, x, path, keys, "login, nip, name, rank, golongan");
		const char *login = jin_text(&o->p, x, "login", path, true);
		const char *nip = jin_text(&o->p, x, "nip", path, false);
		const char *name = jin_text(&o->p, x, "name", path, true);
		const char *rank = jin_text(&o->p, x, "rank", path, false);
		const char *gol = jin_text(&o->p, x, "golongan", path, false);
		if (login && !slug_valid(login, 32)) {
			jin_error(&o->p, path,
			          "login \"%s\" is not a login (a-z, 0-9, '-', '_', '.')", login);
			continue;
		}
		char digits[19] = "";
		if (nip) {
			Buf why = BUF_INIT;
			size_t n;
			if (!wf_nip_valid(nip, &why))
				jin_error(&o->p, path, "%s", buf_str(&why));
			else
				nip_digits(nip, digits, &n);
			buf_free(&why);
		}
		if (!login || !name)
			continue;
		int64_t other =
		        nip && digits[0]
		                ? db_int(o->db, 0,
		                         "SELECT id FROM person WHERE nip=:n AND login<>:l",
		                         DB_TEXT(":n", digits), DB_TEXT(":l", login), DB_END)
		                : 0;
		if (other) {
			jin_error(&o->p, path, "NIP %s is already used by another person", nip);
			continue;
		}
		org_exec(
		        o, path,
		        db_exec(o->db,
		                "INSERT INTO person(login, nip, name, rank, golongan, agency_id)"
		                " VALUES(:l, :nip, :n, :r, :g, :a) ON CONFLICT(login) DO UPDATE SET"
		                " nip=excluded.nip, name=excluded.name, rank=excluded.rank,"
		                " golongan=excluded.golongan, agency_id=excluded.agency_id",
		                DB_TEXT(":l", login),
		                digits[0] ? DB_TEXT(":nip", digits) : DB_NULL(":nip"),
		                DB_TEXT(":n", name), DB_TEXT(":r", rank), DB_TEXT(":g", gol),
		                DB_INT(":a", o->agency_id), DB_END));
	}
}

static void load_positions(OrgLoad *o, json_t *root)
{
	static const char *const keys[] = {"code", "title", "unit", "holder", "head", NULL};
	json_t *positions =
	        jin_typed(&o->p, root, "positions", "positions", JSON_ARRAY, "an array");
	size_t i;
	json_t *x;
	char path[64];
	json_array_foreach (positions, i, x) {
		PATH(path, "positions[%zu]", i);
		if (!json_is_object(x)) {
			jin_error(&o->p, path, "expected an object");
			continue;
		}
		jin_check_keys(&o->p, x, path, keys, "code, title, unit, holder, head");
		const char *code = jin_text(&o->p, x, "code", path, true);
		const char *title = jin_text(&o->p, x, "title", path, true);
		const char *unit = jin_text(&o->p, x, "unit", path, true);
		const char *holder = jin_text(&o->p, x, "holder", path, false);
		bool head = jin_bool(&o->p, x, "head", path);
		int64_t uid = unit_id(o, unit);
		int64_t hid = holder ? wf_person_by_login(o->db, holder) : 0;
		if (unit && !uid)
			jin_error(&o->p, path, "unit: no unit with code \"%s\"", unit);
		if (holder && !hid)
			jin_error(&o->p, path, "holder: no person with login \"%s\"", holder);
		if (code && !slug_valid(code, 64))
			jin_error(&o->p, path,
			          "code \"%s\" is not a code (a-z, 0-9, '-', '_', '.')", code);
		if (!code || !title || !uid || (holder && !hid))
			continue;
		org_exec(
		        o, path,
		        db_exec(o->db,
		                "INSERT INTO position(agency_id, unit_id, code, title, holder_id, "
		                "is_head)"
		                " VALUES(:a, :u, :c, :t, :h, :head) ON CONFLICT(agency_id, code) DO"
		                " UPDATE SET unit_id=excluded.unit_id, title=excluded.title,"
		                " holder_id=excluded.holder_id, is_head=excluded.is_head",
		                DB_INT(":a", o->agency_id), DB_INT(":u", uid), DB_TEXT(":c", code),
		                DB_TEXT(":t", title), hid ? DB_INT(":h", hid) : DB_NULL(":h"),
		                DB_INT(":head", head), DB_END));
	}
}

static void load_acting(OrgLoad *o, json_t *root)
{
	static const char *const keys[] = {"position", "person", "kind", "from",
	                                   "to",       "reason", NULL};
	json_t *acting = jin_typed(&o->p, root, "acting", "acting", JSON_ARRAY, "an array");
	size_t i;
	json_t *x;
	char path[64];
	json_array_foreach (acting, i, x) {
		PATH(path, "acting[%zu]", i);
		if (!json_is_object(x)) {
			jin_error(&o->p, path, "expected an object");
			continue;
		}
		jin_check_keys(&o->p, x, path, keys, "position, person, kind, from, to, reason");
		const char *pos = jin_text(&o->p, x, "position", path, true);
		const char *who = jin_text(&o->p, x, "person", path, true);
		const char *kind = jin_text(&o->p, x, "kind", path, true);
		const char *from = jin_text(&o->p, x, "from", path, true);
		const char *to = jin_text(&o->p, x, "to", path, true);
		const char *reason = jin_text(&o->p, x, "reason", path, false);
		int64_t pid = position_id(o, pos), wid = who ? wf_person_by_login(o->db, who) : 0;
		if (pos && !pid)
			jin_error(&o->p, path, "position: no position with code \"%s\"", pos);
		if (who && !wid)
			jin_error(&o->p, path, "person: no person with login \"%s\"", who);
		if (kind && strcmp(kind, "plt") != 0 && strcmp(kind, "delegate") != 0)
			jin_error(&o->p, path, "kind: \"%s\" is not plt or delegate", kind);
		if ((from && !sop_date_valid(from)) || (to && !sop_date_valid(to)))
			jin_error(&o->p, path, "from/to: dates are written YYYY-MM-DD");
		else if (from && to && strcmp(from, to) > 0)
			jin_error(&o->p, path, "from %s is after to %s", from, to);
		if (o->p.n_err || !pid || !wid || !kind || !from || !to)
			continue;
		org_exec(o, path,
		         db_exec(o->db,
		                 "INSERT INTO acting(position_id, person_id, kind, starts, ends, "
		                 "reason)"
		                 " VALUES(:p, :w, :k, :f, :t, :r)"
		                 " ON CONFLICT(position_id, person_id, kind, starts) DO UPDATE SET"
		                 " ends=excluded.ends, reason=excluded.reason",
		                 DB_INT(":p", pid), DB_INT(":w", wid), DB_TEXT(":k", kind),
		                 DB_TEXT(":f", from), DB_TEXT(":t", to), DB_TEXT(":r", reason),
		                 DB_END));
	}
}

static void load_holidays(OrgLoad *o, json_t *root)
{
	static const char *const keys[] = {"date", "name", NULL};
	json_t *hol = jin_typed(&o->p, root, "holidays", "holidays", JSON_ARRAY, "an array");
	size_t i;
	json_t *x;
	char path[64];
	json_array_foreach (hol, i, x) {
		PATH(path, "holidays[%zu]", i);
		if (!json_is_object(x)) {
			jin_error(&o->p, path, "expected an object");
			continue;
		}
		jin_check_keys(&o->p, x, path, keys, "date, name");
		const char *date = jin_text(&o->p, x, "date", path, true);
		const char *name = jin_text(&o->p, x, "name", path, true);
		if (date && !sop_date_valid(date))
			jin_error(&o->p, path, "date \"%s\" is not written YYYY-MM-DD", date);
		else if (date && name)
			org_exec(o, path,
			         db_exec(o->db,
			                 "INSERT INTO holiday(agency_id, date, kind, name)"
			                 " VALUES(:a, :d, 'agency', :n)"
			                 " ON CONFLICT(agency_id, date) DO UPDATE SET "
			                 "name=excluded.name",
			                 DB_INT(":a", o->agency_id), DB_TEXT(":d", date),
			                 DB_TEXT(":n", name), DB_END));
	}
}

/* "07:30" -> 450; -1 if not a time of day. */
static int parse_hhmm(const char *s)
{
	if (!s || strlen(s) != 5 || s[2] != ':')
		return -1;
	for (int i = 0; i < 5; i++)
		if (i != 2 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int h = (s[0] - '0') * 10 + (s[1] - '0'), m = (s[3] - '0') * 10 + (s[4] - '0');
	return h < 24 && m < 60 ? h * 60 + m : -1;
}

static void load_hours(OrgLoad *o, json_t *root)
{
	static const char *const keys[] = {"day",         "open",      "close",
	                                   "break_start", "break_end", NULL};
	json_t *hours = jin_typed(&o->p, root, "hours", "hours", JSON_ARRAY, "an array");
	if (!hours)
		return;
	/* Given hours are the agency's whole week: replace what it had. */
	db_exec(o->db, "DELETE FROM agency_hours WHERE agency_id=:a", DB_INT(":a", o->agency_id),
	        DB_END);
	size_t i;
	json_t *x;
	char path[64];
	json_array_foreach (hours, i, x) {
		PATH(path, "hours[%zu]", i);
		if (!json_is_object(x)) {
			jin_error(&o->p, path, "expected an object");
			continue;
		}
		jin_check_keys(&o->p, x, path, keys, "day, open, close, break_start, break_end");
		json_t *day = jin_typed(&o->p, x, "day", path, JSON_INTEGER, "an integer");
		int d = day ? (int)json_integer_value(day) : 0;
		int open = parse_hhmm(jin_text(&o->p, x, "open", path, true));
		int close = parse_hhmm(jin_text(&o->p, x, "close", path, true));
		const char *bs = jin_text(&o->p, x, "break_start", path, false);
		const char *be = jin_text(&o->p, x, "break_end", path, false);
		int b0 = bs ? parse_hhmm(bs) : 0, b1 = be ? parse_hhmm(be) : 0;
		if (d < 1 || d > 7)
			jin_error(&o->p, path, "day must be 1 (Monday) to 7 (Sunday)");
		else if (open < 0 || close < 0 || b0 < 0 || b1 < 0)
			jin_error(&o->p, path, "times are written HH:MM");
		else if (open >= close || (bs && be && (b0 >= b1 || b0 <= open || b1 >= close)) ||
		         (!bs != !be))
			jin_error(&o->p, path,
			          "open < break_start < break_end < close, or no break");
		else
			org_exec(
			        o, path,
			        db_exec(o->db,
			                "INSERT INTO agency_hours(agency_id, weekday, open_min, "
			                "close_min,"
			                " break_start, break_end) VALUES(:a, :w, :o, :c, :b0, :b1)"
			                " ON CONFLICT(agency_id, weekday) DO UPDATE SET"
			                " open_min=excluded.open_min, close_min=excluded.close_min,"
			                " break_start=excluded.break_start, "
			                "break_end=excluded.break_end",
			                DB_INT(":a", o->agency_id), DB_INT(":w", d % 7),
			                DB_INT(":o", open), DB_INT(":c", close), DB_INT(":b0", b0),
			                DB_INT(":b1", b1), DB_END));
	}
}

static void load_sop_actors(OrgLoad *o, json_t *root)
{
	static const char *const keys[] = {"sop", "actor", "positions", NULL};
	json_t *map = jin_typed(&o->p, root, "sop_actors", "sop_actors", JSON_ARRAY, "an array");
	size_t i;
	json_t *x;
	char path[64];
	json_array_foreach (map, i, x) {
		PATH(path, "sop_actors[%zu]", i);
		if (!json_is_object(x)) {
			jin_error(&o->p, path, "expected an object");
			continue;
		}
		jin_check_keys(&o->p, x, path, keys, "sop, actor, positions");
		const char *code = jin_text(&o->p, x, "sop", path, true);
		const char *actor_id = jin_text(&o->p, x, "actor", path, true);
		json_t *pos = jin_array(&o->p, x, "positions", path);
		if (!code || !actor_id || !pos)
			continue;
		Buf err = BUF_INIT;
		char *def = sop_store_definition(o->db, code, 0, &err);
		buf_free(&err);
		if (!def) {
			jin_error(&o->p, path, "sop: no SOP with code \"%s\" (see sakip sop list)",
			          code);
			continue;
		}
		Arena a = ARENA_INIT;
		Buf perr = BUF_INIT;
		Sop *sop = sop_parse(&a, code, def, strlen(def), &perr);
		free(def);
		const SopActor *actor = sop ? sop_actor(sop, actor_id) : NULL;
		if (!actor)
			jin_error(&o->p, path, "actor: SOP %s has no actor \"%s\"", code, actor_id);
		else if (!actor->group && json_array_size(pos) != 1)
			jin_error(
			        &o->p, path,
			        "positions: actor \"%s\" is one official, so exactly one position "
			        "(found %zu)",
			        actor_id, json_array_size(pos));
		else if (json_array_size(pos) == 0)
			jin_error(&o->p, path,
			          "positions: a group actor needs one position per unit");
		if (actor) {
			db_exec(o->db,
			        "DELETE FROM actor_map WHERE agency_id=:a AND sop_code=:s AND "
			        "actor=:x",
			        DB_INT(":a", o->agency_id), DB_TEXT(":s", code),
			        DB_TEXT(":x", actor_id), DB_END);
			size_t k;
			json_t *pc;
			json_array_foreach (pos, k, pc) {
				char ppath[96];
				PATH(ppath, "%s.positions[%zu]", path, k);
				const char *pcode = jin_text_value(&o->p, pc, ppath, true);
				int64_t pid = position_id(o, pcode);
				if (pcode && !pid)
					jin_error(&o->p, ppath, "no position with code \"%s\"",
					          pcode);
				else if (pid)
					org_exec(o, ppath,
					         db_exec(o->db,
					                 "INSERT INTO actor_map(agency_id, "
					                 "sop_code, actor, position_id)"
					                 " VALUES(:a, :s, :x, :p)"
					                 " ON CONFLICT(agency_id, sop_code, actor, "
					                 "position_id)"
					                 " DO NOTHING",
					                 DB_INT(":a", o->agency_id),
					                 DB_TEXT(":s", code),
					                 DB_TEXT(":x", actor_id), DB_INT(":p", pid),
					                 DB_END));
			}
		}
		buf_free(&perr);
		arena_free(&a);
	}
}

/* Say which actors of the mapped SOPs still have no position. */
static void report_unmapped(OrgLoad *o)
{
	DbStmt *st =
	        db_prepare(o->db, "SELECT DISTINCT sop_code FROM actor_map WHERE agency_id=:a");
	db_bind_int(st, ":a", o->agency_id);
	while (db_step(st) == DB_ROW) {
		const char *code = db_col_text(st, 0);
		Buf err = BUF_INIT;
		char *def = sop_store_definition(o->db, code, 0, &err);
		Arena a = ARENA_INIT;
		Sop *sop = def ? sop_parse(&a, code, def, strlen(def), &err) : NULL;
		for (int i = 0; sop && i < sop->n_actors; i++)
			if (!db_exists(o->db,
			               "SELECT 1 FROM actor_map WHERE agency_id=:a AND sop_code=:s"
			               " AND actor=:x",
			               DB_INT(":a", o->agency_id), DB_TEXT(":s", code),
			               DB_TEXT(":x", sop->actors[i].id), DB_END))
				buf_printf(
				        o->log,
				        "  warning: SOP %s actor \"%s\" (%s) has no position yet\n",
				        code, sop->actors[i].id, sop->actors[i].label);
		free(def);
		arena_free(&a);
		buf_free(&err);
	}
	db_finalize(st);
}

int wf_org_load(Wf *wf, const char *name, const char *text, size_t n, Buf *log, Buf *err)
{
	Arena a = ARENA_INIT;
	OrgLoad o = {{&a, err, 0, 4096}, wf_db(wf), wf, 0, log};
	json_t *root = jin_load(name, text, n, 16 * 1024 * 1024, "sakip.org/1", err);
	if (!root) {
		arena_free(&a);
		return -1;
	}
	int rc = -1;
	static const char *const keys[] = {"format",   "notes",  "pemda",      "agency",
	                                   "units",    "people", "positions",  "acting",
	                                   "holidays", "hours",  "sop_actors", NULL};
	jin_check_keys(&o.p, root, "(top level)", keys,
	               "format, notes, pemda, agency, units, people, positions, acting, holidays, "
	               "hours, sop_actors");
	const char *format = jin_text(&o.p, root, "format", "format", true);
	if (format && strcmp(format, "sakip.org/1") != 0)
		jin_error(&o.p, "format", "\"%s\" is not \"sakip.org/1\"", format);
	if (o.p.n_err)
		goto cleanup;
	if (db_begin_write(o.db) != DB_OK) {
		buf_printf(err, "%s: cannot start a write: %s\n", db_path(o.db), db_errmsg(o.db));
		goto cleanup;
	}
	load_agency(&o, root);
	if (!o.p.n_err) {
		load_units(&o, root);
		load_people(&o, root);
		load_positions(&o, root);
		load_acting(&o, root);
		load_holidays(&o, root);
		load_hours(&o, root);
		load_sop_actors(&o, root);
	}
	if (o.p.n_err) {
		db_rollback(o.db);
		goto cleanup;
	}
	report_unmapped(&o);
	if (db_commit(o.db) != DB_OK) {
		buf_printf(err, "%s: cannot commit: %s\n", db_path(o.db), db_errmsg(o.db));
		goto cleanup;
	}
	buf_printf(log, "loaded %s: %lld units, %lld positions, %lld SOP actor mappings\n",
	           json_string_value(json_object_get(json_object_get(root, "agency"), "code")),
	           (long long)db_int(o.db, 0, "SELECT count(*) FROM unit WHERE agency_id=:a",
	                             DB_INT(":a", o.agency_id), DB_END),
	           (long long)db_int(o.db, 0, "SELECT count(*) FROM position WHERE agency_id=:a",
	                             DB_INT(":a", o.agency_id), DB_END),
	           (long long)db_int(o.db, 0, "SELECT count(*) FROM actor_map WHERE agency_id=:a",
	                             DB_INT(":a", o.agency_id), DB_END));
	rc = 0;
cleanup:
	json_decref(root);
	arena_free(&a);
	return rc;
}

/* ---- built-in data ---------------------------------------------------- */

int wf_holidays_install(Db *db, Buf *err)
{
	if (db_begin_write(db) != DB_OK) {
		buf_printf(err, "%s: cannot start a write: %s\n", db_path(db), db_errmsg(db));
		return -1;
	}
	int added = 0;
	for (size_t f = 0; f < cal_lib_count; f++) {
		/* date,kind,name lines; the first line is the header. */
		char *copy = xstrndup((const char *)cal_lib[f].data, cal_lib[f].len);
		char *line = copy, *next;
		for (; line && *line; line = next) {
			next = strchr(line, '\n');
			if (next)
				*next++ = 0;
			char *c1 = strchr(line, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
			if (!c1 || !c2 || strncmp(line, "date,", 5) == 0)
				continue;
			*c1 = *c2 = 0;
			if (!sop_date_valid(line))
				fatal("built-in calendar %s: bad date %s", cal_lib[f].name, line);
			if (db_exec(db,
			            "INSERT INTO holiday(agency_id, date, kind, name) VALUES(0, "
			            ":d, :k, :n)"
			            " ON CONFLICT(agency_id, date) DO NOTHING",
			            DB_TEXT(":d", line), DB_TEXT(":k", c1 + 1),
			            DB_TEXT(":n", c2 + 1), DB_END) != DB_OK) {
				buf_printf(err, "cannot store holiday %s: %s\n", line,
				           db_errmsg(db));
				free(copy);
				db_rollback(db);
				return -1;
			}
			added += (int)db_changes(db);
		}
		free(copy);
	}
	if (db_commit(db) != DB_OK) {
		buf_printf(err, "cannot commit holidays: %s\n", db_errmsg(db));
		return -1;
	}
	return added;
}

int wf_demo_install(Wf *wf, Buf *log, Buf *err)
{
	for (size_t i = 0; i < org_lib_count; i++)
		if (wf_org_load(wf, org_lib[i].name, (const char *)org_lib[i].data, org_lib[i].len,
		                log, err) != 0)
			return -1;
	return (int)org_lib_count;
}

/* ---- administering the organisation ------------------------------------ */
/*
** The administrator's changes (the web's admin pages): positions and their
** holders, Plt and delegates, the SOP actor map, holidays. Each function is
** one write transaction that validates inside it, records an audit event
** without a case (org.*), and on refusal writes an Indonesian message for
** the page to err and changes nothing.
*/

bool wf_date_parse(const char *in, char out[11])
{
	out[0] = 0;
	if (!in)
		return false;
	size_t n = strlen(in);
	char iso[11];
	if (n == 10 && in[4] == '-' && in[7] == '-')
		memcpy(iso, in, 11);
	else if (n == 10 && (in[2] == '-' || in[2] == '/') && in[5] == in[2])
		snprintf(iso, sizeof iso, "%.4s-%.2s-%.2s", in + 6, in + 3, in);
	else
		return false;
	if (!sop_date_valid(iso))
		return false;
	memcpy(out, iso, 11);
	return true;
}

void wf_local_today(Wf *wf, int64_t agency_id, time_t now, char out[11])
{
	Buf day = BUF_INIT;
	wf_cal_format(wf_calendar(wf, agency_id), now, &day);
	snprintf(out, 11, "%.10s", buf_str(&day));
	buf_free(&day);
}

/* A required line of text: not blank, valid UTF-8, at most max bytes. */
static bool admin_text_ok(const char *s, size_t max)
{
	return s && !str_empty_or_blank(s) && strlen(s) <= max && utf8_check(s, strlen(s), NULL);
}

/* Begin the write of an admin change; false (with err) if the database will not. */
static bool admin_begin(Db *db, Buf *err)
{
	if (db_begin_write(db) == DB_OK)
		return true;
	buf_printf(err, "Basis data sedang sibuk; coba lagi sebentar lagi.");
	return false;
}

/* Record an org.* event (detail: a JSON object, stolen) and commit; -1 with err on failure. */
static int admin_finish(Wf *wf, int64_t by, const char *kind, json_t *detail, const char *reason,
                        time_t now, Buf *err)
{
	Db *db = wf_db(wf);
	char *text = json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(detail);
	WfEvent ev = {0, 0, by, 0, kind, text, reason};
	int rc = wf_audit_append(wf, &ev, now);
	free(text);
	if (rc != 0 || db_commit(db) != DB_OK) {
		buf_printf(err, "Perubahan tidak dapat disimpan: %s", db_errmsg(db));
		db_rollback(db);
		return -1;
	}
	return 0;
}

/* Roll back a refused change; always -1. */
static int admin_refuse(Db *db)
{
	db_rollback(db);
	return -1;
}

int wf_position_add(Wf *wf, int64_t unit_id, const char *code, const char *title, bool head,
                    int64_t by, time_t now, int64_t *position_id, Buf *err)
{
	Db *db = wf_db(wf);
	if (!admin_begin(db, err))
		return -1;
	int64_t agency = db_int(db, 0, "SELECT agency_id FROM unit WHERE id=:u",
	                        DB_INT(":u", unit_id), DB_END);
	if (!agency) {
		buf_printf(err, "Pilih unit kerja jabatan itu.");
		return admin_refuse(db);
	}
	if (!slug_valid(code, 64)) {
		buf_printf(err, "Kode jabatan 1 sampai 64 huruf kecil, angka, titik, garis bawah "
		                "atau tanda hubung.");
		return admin_refuse(db);
	}
	if (!admin_text_ok(title, 200)) {
		buf_printf(err, "Nama jabatan wajib diisi (paling banyak 200 karakter).");
		return admin_refuse(db);
	}
	if (db_exists(db, "SELECT 1 FROM position WHERE agency_id=:a AND code=:c",
	              DB_INT(":a", agency), DB_TEXT(":c", code), DB_END)) {
		buf_printf(err, "Kode jabatan \"%s\" sudah dipakai di instansi ini.", code);
		return admin_refuse(db);
	}
	if (db_exec(db,
	            "INSERT INTO position(agency_id, unit_id, code, title, is_head)"
	            " VALUES(:a, :u, :c, :t, :h)",
	            DB_INT(":a", agency), DB_INT(":u", unit_id), DB_TEXT(":c", code),
	            DB_TEXT(":t", title), DB_INT(":h", head), DB_END) != DB_OK) {
		buf_printf(err, "Jabatan tidak dapat disimpan: %s", db_errmsg(db));
		return admin_refuse(db);
	}
	int64_t id = db_last_insert_id(db);
	if (admin_finish(wf, by, "org.position.add",
	                 json_pack("{sIsIssss}", "position", (json_int_t)id, "unit",
	                           (json_int_t)unit_id, "code", code, "title", title),
	                 NULL, now, err) != 0)
		return -1;
	if (position_id)
		*position_id = id;
	return 0;
}

int wf_position_set_holder(Wf *wf, int64_t position_id, int64_t person_id, int64_t by, time_t now,
                           Buf *err)
{
	Db *db = wf_db(wf);
	if (!admin_begin(db, err))
		return -1;
	int64_t agency = db_int(db, 0, "SELECT agency_id FROM position WHERE id=:p",
	                        DB_INT(":p", position_id), DB_END);
	if (!agency) {
		buf_printf(err, "Jabatan tidak ditemukan.");
		return admin_refuse(db);
	}
	if (person_id &&
	    !db_exists(db, "SELECT 1 FROM person WHERE id=:w AND agency_id=:a AND active",
	               DB_INT(":w", person_id), DB_INT(":a", agency), DB_END)) {
		buf_printf(err, "Pemangku harus pegawai aktif instansi ini.");
		return admin_refuse(db);
	}
	int64_t before = db_int(db, 0, "SELECT holder_id FROM position WHERE id=:p",
	                        DB_INT(":p", position_id), DB_END);
	if (db_exec(db, "UPDATE position SET holder_id=:w WHERE id=:p",
	            person_id ? DB_INT(":w", person_id) : DB_NULL(":w"), DB_INT(":p", position_id),
	            DB_END) != DB_OK) {
		buf_printf(err, "Pemangku tidak dapat disimpan: %s", db_errmsg(db));
		return admin_refuse(db);
	}
	json_t *d = json_pack("{sI}", "position", (json_int_t)position_id);
	json_object_set_new(d, "before", before ? json_integer(before) : json_null());
	json_object_set_new(d, "holder", person_id ? json_integer(person_id) : json_null());
	return admin_finish(wf, by, "org.position.holder", d, NULL, now, err);
}

int wf_acting_add(Wf *wf, const WfActing *r, int64_t by, time_t now, int64_t *acting_id, Buf *err)
{
	Db *db = wf_db(wf);
	char from[11], to[11];
	if (!admin_begin(db, err))
		return -1;
	int64_t agency = db_int(db, 0, "SELECT agency_id FROM position WHERE id=:p",
	                        DB_INT(":p", r->position_id), DB_END);
	int64_t holder = db_int(db, 0, "SELECT holder_id FROM position WHERE id=:p",
	                        DB_INT(":p", r->position_id), DB_END);
	if (!agency) {
		buf_printf(err, "Pilih jabatan yang dijabat sementara.");
		return admin_refuse(db);
	}
	if (!db_exists(db, "SELECT 1 FROM person WHERE id=:w AND agency_id=:a AND active",
	               DB_INT(":w", r->person_id), DB_INT(":a", agency), DB_END)) {
		buf_printf(err, "Pilih pegawai aktif instansi ini sebagai Plt atau delegasi.");
		return admin_refuse(db);
	}
	if (holder && holder == r->person_id) {
		buf_printf(err, "Pegawai itu pemangku jabatan ini sendiri; Plt atau delegasi harus "
		                "orang lain.");
		return admin_refuse(db);
	}
	if (!r->kind || (strcmp(r->kind, "plt") != 0 && strcmp(r->kind, "delegate") != 0)) {
		buf_printf(err, "Jenis harus Plt atau delegasi.");
		return admin_refuse(db);
	}
	if (!wf_date_parse(r->from, from)) {
		buf_printf(err, "Tanggal mulai tidak sah (tulis YYYY-MM-DD atau DD-MM-YYYY).");
		return admin_refuse(db);
	}
	if (!wf_date_parse(r->to, to)) {
		buf_printf(err, "Tanggal selesai tidak sah (tulis YYYY-MM-DD atau DD-MM-YYYY).");
		return admin_refuse(db);
	}
	if (strcmp(from, to) > 0) {
		buf_printf(err, "Tanggal selesai tidak boleh sebelum tanggal mulai.");
		return admin_refuse(db);
	}
	if (!admin_text_ok(r->reason, 500)) {
		buf_printf(err, "Alasan wajib diisi (paling banyak 500 karakter), misalnya nomor "
		                "surat perintah atau cuti pemangku.");
		return admin_refuse(db);
	}
	/* One Plt (or one delegate) of a position at a time. */
	char *other = db_text(db, NULL,
	                      "SELECT starts || ' s.d. ' || ends FROM acting"
	                      " WHERE position_id=:p AND kind=:k AND starts <= :t AND ends >= :f"
	                      " AND starts <= ends LIMIT 1",
	                      DB_INT(":p", r->position_id), DB_TEXT(":k", r->kind),
	                      DB_TEXT(":f", from), DB_TEXT(":t", to), DB_END);
	if (other) {
		buf_printf(err,
		           "Jabatan ini sudah punya %s pada rentang yang bertumpang tindih (%s).",
		           strcmp(r->kind, "plt") == 0 ? "Plt" : "delegasi", other);
		free(other);
		return admin_refuse(db);
	}
	if (db_exec(db,
	            "INSERT INTO acting(position_id, person_id, kind, starts, ends, reason)"
	            " VALUES(:p, :w, :k, :f, :t, :r)",
	            DB_INT(":p", r->position_id), DB_INT(":w", r->person_id),
	            DB_TEXT(":k", r->kind), DB_TEXT(":f", from), DB_TEXT(":t", to),
	            DB_TEXT(":r", r->reason), DB_END) != DB_OK) {
		buf_printf(err, "Plt/delegasi tidak dapat disimpan: %s", db_errmsg(db));
		return admin_refuse(db);
	}
	int64_t id = db_last_insert_id(db);
	if (admin_finish(wf, by, "org.acting.add",
	                 json_pack("{sIsIsIsssssss}", "acting", (json_int_t)id, "position",
	                           (json_int_t)r->position_id, "person", (json_int_t)r->person_id,
	                           "kind", r->kind, "from", from, "to", to),
	                 r->reason, now, err) != 0)
		return -1;
	if (acting_id)
		*acting_id = id;
	return 0;
}

int wf_acting_end(Wf *wf, int64_t acting_id, int64_t by, time_t now, Buf *err)
{
	Db *db = wf_db(wf);
	if (!admin_begin(db, err))
		return -1;
	int64_t agency = db_int(db, 0,
	                        "SELECT p.agency_id FROM acting x JOIN position p"
	                        " ON p.id=x.position_id WHERE x.id=:x",
	                        DB_INT(":x", acting_id), DB_END);
	if (!agency) {
		buf_printf(err, "Plt/delegasi tidak ditemukan.");
		return admin_refuse(db);
	}
	char today[11];
	wf_local_today(wf, agency, now, today);
	char *ends = db_text(db, NULL, "SELECT ends FROM acting WHERE id=:x",
	                     DB_INT(":x", acting_id), DB_END);
	bool over = ends && strcmp(ends, today) < 0;
	if (over) {
		buf_printf(err, "Plt/delegasi itu sudah berakhir.");
		free(ends);
		return admin_refuse(db);
	}
	/*
	** The row stays as history with its end moved to today. One that had not
	** begun ends before its start and so is never in force.
	*/
	if (db_exec(db, "UPDATE acting SET ends=:t WHERE id=:x", DB_TEXT(":t", today),
	            DB_INT(":x", acting_id), DB_END) != DB_OK) {
		buf_printf(err, "Plt/delegasi tidak dapat diakhiri: %s", db_errmsg(db));
		free(ends);
		return admin_refuse(db);
	}
	json_t *d = json_pack("{sIssss}", "acting", (json_int_t)acting_id, "ends_before", ends,
	                      "ends", today);
	free(ends);
	return admin_finish(wf, by, "org.acting.end", d, NULL, now, err);
}

int wf_actor_map_set(Wf *wf, int64_t agency_id, const char *sop_code, const char *actor_id,
                     const int64_t *positions, int n, int64_t by, time_t now, Buf *err)
{
	Db *db = wf_db(wf);
	Arena a = ARENA_INIT;
	char *def = NULL;
	int rc = -1;
	if (!admin_begin(db, err))
		return -1;
	if (!db_exists(db, "SELECT 1 FROM agency WHERE id=:a", DB_INT(":a", agency_id), DB_END)) {
		buf_printf(err, "Instansi tidak ditemukan.");
		goto refuse;
	}
	Buf ignore = BUF_INIT;
	def = sop_code ? sop_store_definition(db, sop_code, 0, &ignore) : NULL;
	Sop *sop = def ? sop_parse(&a, sop_code, def, strlen(def), &ignore) : NULL;
	buf_free(&ignore);
	const SopActor *actor = sop && actor_id ? sop_actor(sop, actor_id) : NULL;
	if (!sop) {
		buf_printf(err, "SOP tidak ditemukan di pustaka.");
		goto refuse;
	}
	if (!actor) {
		buf_printf(err, "SOP %s tidak punya pelaksana \"%s\".", sop->code,
		           actor_id ? actor_id : "");
		goto refuse;
	}
	if (!actor->group && n != 1) {
		buf_printf(err, "%s adalah satu pejabat: pilih tepat satu jabatan.", actor->label);
		goto refuse;
	}
	if (actor->group && n < 1) {
		buf_printf(err,
		           "%s adalah kelompok unit: pilih satu jabatan atau lebih, satu per "
		           "unit.",
		           actor->label);
		goto refuse;
	}
	json_t *list = json_array();
	for (int i = 0; i < n; i++) {
		int64_t unit =
		        db_int(db, 0, "SELECT unit_id FROM position WHERE id=:p AND agency_id=:a",
		               DB_INT(":p", positions[i]), DB_INT(":a", agency_id), DB_END);
		bool twice = false, same_unit = false;
		for (int j = 0; j < i; j++) {
			twice |= positions[j] == positions[i];
			same_unit |= db_int(db, 0, "SELECT unit_id FROM position WHERE id=:p",
			                    DB_INT(":p", positions[j]), DB_END) == unit;
		}
		if (!unit)
			buf_printf(err, "Jabatan yang dipilih bukan jabatan instansi ini.");
		else if (twice)
			buf_printf(err, "Jabatan yang sama dipilih dua kali.");
		else if (same_unit)
			buf_printf(err, "Kelompok unit: satu jabatan per unit kerja (dua jabatan "
			                "yang dipilih ada di unit yang sama).");
		if (!unit || twice || same_unit) {
			json_decref(list);
			goto refuse;
		}
		json_array_append_new(list, json_integer(positions[i]));
	}
	if (db_exec(db, "DELETE FROM actor_map WHERE agency_id=:a AND sop_code=:s AND actor=:x",
	            DB_INT(":a", agency_id), DB_TEXT(":s", sop->code), DB_TEXT(":x", actor->id),
	            DB_END) != DB_OK)
		goto db_fail;
	for (int i = 0; i < n; i++)
		if (db_exec(db,
		            "INSERT INTO actor_map(agency_id, sop_code, actor, position_id)"
		            " VALUES(:a, :s, :x, :p)",
		            DB_INT(":a", agency_id), DB_TEXT(":s", sop->code),
		            DB_TEXT(":x", actor->id), DB_INT(":p", positions[i]), DB_END) != DB_OK)
			goto db_fail;
	json_t *d = json_pack("{sIssss}", "agency", (json_int_t)agency_id, "sop", sop->code,
	                      "actor", actor->id);
	json_object_set_new(d, "positions", list);
	rc = admin_finish(wf, by, "org.actor_map", d, NULL, now, err);
	goto cleanup;
db_fail:
	buf_printf(err, "Peta aktor tidak dapat disimpan: %s", db_errmsg(db));
refuse:
	db_rollback(db);
cleanup:
	free(def);
	arena_free(&a);
	return rc;
}

int wf_holiday_add(Wf *wf, int64_t agency_id, const char *date, const char *kind, const char *name,
                   int64_t by, time_t now, Buf *err)
{
	Db *db = wf_db(wf);
	char iso[11];
	if (!admin_begin(db, err))
		return -1;
	bool national = agency_id == 0;
	if (!national &&
	    !db_exists(db, "SELECT 1 FROM agency WHERE id=:a", DB_INT(":a", agency_id), DB_END)) {
		buf_printf(err, "Instansi tidak ditemukan.");
		return admin_refuse(db);
	}
	if (!kind || (national ? strcmp(kind, "libur") != 0 && strcmp(kind, "cuti_bersama") != 0
	                       : strcmp(kind, "agency") != 0)) {
		buf_printf(err,
		           "Jenis hari libur tidak dikenal: libur nasional, cuti bersama, atau "
		           "libur instansi.");
		return admin_refuse(db);
	}
	if (!wf_date_parse(date, iso)) {
		buf_printf(err, "Tanggal tidak sah (tulis YYYY-MM-DD atau DD-MM-YYYY).");
		return admin_refuse(db);
	}
	if (!admin_text_ok(name, 200)) {
		buf_printf(err, "Keterangan hari libur wajib diisi (paling banyak 200 karakter).");
		return admin_refuse(db);
	}
	char *already = db_text(db, NULL,
	                        "SELECT name FROM holiday WHERE date=:d AND (agency_id=0 OR "
	                        "agency_id=:a) LIMIT 1",
	                        DB_TEXT(":d", iso), DB_INT(":a", agency_id), DB_END);
	if (already) {
		buf_printf(err, "Tanggal itu sudah hari libur (%s).", already);
		free(already);
		return admin_refuse(db);
	}
	if (db_exec(db, "INSERT INTO holiday(agency_id, date, kind, name) VALUES(:a, :d, :k, :n)",
	            DB_INT(":a", agency_id), DB_TEXT(":d", iso), DB_TEXT(":k", kind),
	            DB_TEXT(":n", name), DB_END) != DB_OK) {
		buf_printf(err, "Hari libur tidak dapat disimpan: %s", db_errmsg(db));
		return admin_refuse(db);
	}
	int rc = admin_finish(wf, by, "org.holiday.add",
	                      json_pack("{sIssssss}", "agency", (json_int_t)agency_id, "date", iso,
	                                "kind", kind, "name", name),
	                      NULL, now, err);
	if (rc == 0)
		wf_calendars_changed(wf);
	return rc;
}

int wf_holiday_remove(Wf *wf, int64_t holiday_id, int64_t by, time_t now, Buf *err)
{
	Db *db = wf_db(wf);
	if (!admin_begin(db, err))
		return -1;
	DbStmt *st = db_query(db, "SELECT agency_id, date, kind, name FROM holiday WHERE id=:h",
	                      DB_INT(":h", holiday_id), DB_END);
	json_t *d = NULL;
	if (db_step(st) == DB_ROW)
		d = json_pack("{sIsIssssss}", "holiday", (json_int_t)holiday_id, "agency",
		              (json_int_t)db_col_int(st, 0), "date", db_col_text(st, 1), "kind",
		              db_col_text(st, 2), "name", db_col_text(st, 3));
	db_finalize(st);
	if (!d) {
		buf_printf(err, "Hari libur tidak ditemukan.");
		return admin_refuse(db);
	}
	if (db_exec(db, "DELETE FROM holiday WHERE id=:h", DB_INT(":h", holiday_id), DB_END) !=
	    DB_OK) {
		json_decref(d);
		buf_printf(err, "Hari libur tidak dapat dihapus: %s", db_errmsg(db));
		return admin_refuse(db);
	}
	int rc = admin_finish(wf, by, "org.holiday.remove", d, NULL, now, err);
	if (rc == 0)
		wf_calendars_changed(wf);
	return rc;
}
