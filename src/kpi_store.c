/*
** kpi_store.c: reading data kinerja back: agencies, an indicator's full
** history of values (every version: who, when, which case, why, status)
** and the difference between two versions. Writing happens in
** kpi_import.c (files) and kpi_flow.c (through SOP cases).
*/
#include "kpi.h"
#include "wf_cal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *kpi_agency_list_json(Db *db)
{
	json_t *arr = json_array();
	DbStmt *st =
	        db_prepare(db, "SELECT a.id, a.code, a.name, p.name, a.utc_offset_min,"
	                       " (SELECT count(*) FROM indicator i WHERE i.agency_id=a.id),"
	                       " (SELECT count(*) FROM unit u WHERE u.agency_id=a.id)"
	                       " FROM agency a JOIN pemda p ON p.id=a.pemda_id ORDER BY a.code");
	while (db_step(st) == DB_ROW) {
		const char *zone = wf_zone_name((int)db_col_int(st, 4));
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:I}", "id",
		                                     (json_int_t)db_col_int(st, 0), "code",
		                                     db_col_text(st, 1), "name", db_col_text(st, 2),
		                                     "pemda", db_col_text(st, 3), "timezone",
		                                     zone ? zone : "WIB", "indicators",
		                                     (json_int_t)db_col_int(st, 5), "units",
		                                     (json_int_t)db_col_int(st, 6)));
	}
	db_finalize(st);
	return arr;
}

int64_t kpi_indicator_resolve(Db *db, const char *ref, int64_t agency_id, Buf *err)
{
	if (str_is_digits(ref) && strlen(ref) < 12) {
		int64_t id = db_int(db, 0, "SELECT id FROM indicator WHERE id=:i",
		                    DB_INT(":i", atoll(ref)), DB_END);
		if (!id)
			buf_printf(err, "no indicator with id %s\n", ref);
		return id;
	}
	/* "agency:code", or a code with --agency, or a code unique across agencies. */
	const char *colon = strchr(ref, ':');
	char *acode = colon ? xstrndup(ref, (size_t)(colon - ref)) : NULL;
	const char *code = colon ? colon + 1 : ref;
	if (acode)
		agency_id = db_int(db, 0, "SELECT id FROM agency WHERE code=:c",
		                   DB_TEXT(":c", acode), DB_END);
	int64_t n = db_int(
	        db, 0, "SELECT count(*) FROM indicator WHERE code=:c AND (:a = 0 OR agency_id=:a)",
	        DB_TEXT(":c", code), DB_INT(":a", agency_id), DB_END);
	int64_t id = 0;
	if (n == 1)
		id = db_int(db, 0,
		            "SELECT id FROM indicator WHERE code=:c AND (:a = 0 OR agency_id=:a)",
		            DB_TEXT(":c", code), DB_INT(":a", agency_id), DB_END);
	else if (n == 0)
		buf_printf(err, "no indicator \"%s\"\n", ref);
	else
		buf_printf(err,
		           "indicator code \"%s\" is used by %lld agencies: write AGENCY:CODE\n",
		           code, (long long)n);
	free(acode);
	return id;
}

json_t *kpi_history_json(Db *db, int64_t indicator_id, int year, int period)
{
	json_t *o = NULL;
	DbStmt *st = db_prepare(db, "SELECT i.code, i.name, i.satuan, a.code FROM indicator i"
	                            " JOIN agency a ON a.id=i.agency_id WHERE i.id=:i");
	db_bind_int(st, ":i", indicator_id);
	if (db_step(st) == DB_ROW)
		o = json_pack("{s:s, s:s, s:s, s:s}", "code", db_col_text(st, 0), "name",
		              db_col_text(st, 1), "satuan", db_col_text(st, 2), "agency",
		              db_col_text(st, 3));
	db_finalize(st);
	if (!o)
		return NULL;
	json_t *versions = json_array();
	st = db_prepare(db,
	                "SELECT r.year, r.period, r.version, r.value, r.value_text, r.status,"
	                " p.login, r.case_id, r.reason, r.created_at, u.code, r.evidence_sha256,"
	                " r.base_version, p.name, (SELECT w.name FROM wf_attachment w"
	                "  WHERE w.sha256=r.evidence_sha256 AND w.case_id=r.case_id"
	                "  ORDER BY w.id DESC LIMIT 1)"
	                " FROM realisasi r LEFT JOIN person p ON p.id=r.person_id"
	                " LEFT JOIN unit u ON u.id=r.unit_id WHERE r.indicator_id=:i"
	                " AND (:y = 0 OR r.year=:y) AND (:p IS NULL OR r.period=:p)"
	                " ORDER BY r.year, r.period, r.version");
	db_bind_int(st, ":i", indicator_id);
	db_bind_int(st, ":y", year);
	db_bind_text(st, ":p", period >= 0 ? kpi_period_name(period) : NULL);
	/* Each version with what changed from the one before it for the same period. */
	char last_key[32] = "";
	double last_value = 0;
	while (db_step(st) == DB_ROW) {
		char key[32];
		snprintf(key, sizeof key, "%lld:%s", (long long)db_col_int(st, 0),
		         db_col_text(st, 1));
		json_t *v = json_pack("{s:I, s:s, s:I, s:f, s:s}", "year",
		                      (json_int_t)db_col_int(st, 0), "period", db_col_text(st, 1),
		                      "version", (json_int_t)db_col_int(st, 2), "value",
		                      db_col_double(st, 3), "status", db_col_text(st, 5));
		json_object_set_new(v, "label",
		                    db_col_null(st, 4) ? json_null()
		                                       : json_string(db_col_text(st, 4)));
		json_object_set_new(v, "by",
		                    db_col_null(st, 6) ? json_null()
		                                       : json_string(db_col_text(st, 6)));
		json_object_set_new(v, "case",
		                    db_col_null(st, 7) ? json_null()
		                                       : json_integer(db_col_int(st, 7)));
		json_object_set_new(v, "reason",
		                    db_col_null(st, 8) ? json_null()
		                                       : json_string(db_col_text(st, 8)));
		json_object_set_new(v, "at", json_integer(db_col_int(st, 9)));
		json_object_set_new(v, "unit",
		                    db_col_null(st, 10) ? json_null()
		                                        : json_string(db_col_text(st, 10)));
		json_object_set_new(v, "evidence_sha256",
		                    db_col_null(st, 11) ? json_null()
		                                        : json_string(db_col_text(st, 11)));
		/* A correction's base: the verified version it corrects. */
		json_object_set_new(v, "base_version",
		                    db_col_null(st, 12) ? json_null()
		                                        : json_integer(db_col_int(st, 12)));
		json_object_set_new(v, "by_name",
		                    db_col_null(st, 13) ? json_null()
		                                        : json_string(db_col_text(st, 13)));
		/* The evidence's file name as attached to the case. */
		json_object_set_new(v, "evidence_name",
		                    db_col_null(st, 14) ? json_null()
		                                        : json_string(db_col_text(st, 14)));
		if (strcmp(key, last_key) == 0)
			json_object_set_new(v, "change",
			                    json_real(db_col_double(st, 3) - last_value));
		memcpy(last_key, key, sizeof key);
		last_value = db_col_double(st, 3);
		json_array_append_new(versions, v);
	}
	db_finalize(st);
	json_object_set_new(o, "versions", versions);
	return o;
}

json_t *kpi_diff_json(Db *db, int64_t indicator_id, int year, int period, int v1, int v2, Buf *err)
{
	json_t *side[2] = {NULL, NULL};
	int want[2] = {v1, v2};
	for (int k = 0; k < 2; k++) {
		DbStmt *st =
		        db_prepare(db, "SELECT r.value, r.value_text, r.status, p.login, r.case_id,"
		                       " r.reason, r.created_at FROM realisasi r LEFT JOIN person p"
		                       " ON p.id=r.person_id WHERE r.indicator_id=:i AND r.year=:y"
		                       " AND r.period=:p AND r.version=:v");
		db_bind_int(st, ":i", indicator_id);
		db_bind_int(st, ":y", year);
		db_bind_text(st, ":p", kpi_period_name(period));
		db_bind_int(st, ":v", want[k]);
		if (db_step(st) == DB_ROW) {
			side[k] = json_pack("{s:i, s:f, s:s}", "version", want[k], "value",
			                    db_col_double(st, 0), "status", db_col_text(st, 2));
			json_object_set_new(side[k], "label",
			                    db_col_null(st, 1) ? json_null()
			                                       : json_string(db_col_text(st, 1)));
			json_object_set_new(side[k], "by",
			                    db_col_null(st, 3) ? json_null()
			                                       : json_string(db_col_text(st, 3)));
			json_object_set_new(side[k], "case",
			                    db_col_null(st, 4) ? json_null()
			                                       : json_integer(db_col_int(st, 4)));
			json_object_set_new(side[k], "reason",
			                    db_col_null(st, 5) ? json_null()
			                                       : json_string(db_col_text(st, 5)));
			json_object_set_new(side[k], "at", json_integer(db_col_int(st, 6)));
		}
		db_finalize(st);
		if (!side[k]) {
			buf_printf(err, "no version %d of this indicator for %s %d\n", want[k],
			           kpi_period_name(period), year);
			json_decref(side[0]);
			return NULL;
		}
	}
	double a = json_real_value(json_object_get(side[0], "value"));
	double b = json_real_value(json_object_get(side[1], "value"));
	json_t *o = json_pack("{s:o, s:o, s:f}", "from", side[0], "to", side[1], "change", b - a);
	json_object_set_new(o, "change_percent",
	                    a != 0 ? json_real((b - a) / a * 100) : json_null());
	return o;
}
