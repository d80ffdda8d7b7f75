/*
** web_api.c: the JSON API under /api/v1 (doc/api.md). A program acts as
** the person its bearer token belongs to, with the same rights as that
** person in a browser: their own tasks, their agency's cases and data.
** Errors are {"error": {"code", "pesan", "message"}}: a stable code, the
** message in Indonesian and in English. Nothing here writes HTML.
*/
#include "web.h"

#include "kpi.h"

#include <stdio.h>
#include <string.h>

/* jansson writes the reply straight into its buffer. */
static int dump_to_buf(const char *chunk, size_t n, void *arg)
{
	buf_append(arg, chunk, n);
	return 0;
}

static void reply_json(WebCtx *c, int status, json_t *v)
{
	c->rep->status = status;
	c->rep->content_type = "application/json";
	buf_reset(&c->rep->body);
	json_dump_callback(v, dump_to_buf, &c->rep->body, JSON_COMPACT);
	buf_putc(&c->rep->body, '\n');
	json_decref(v);
}

void api_error(WebCtx *c, int status, const char *code, const char *pesan, const char *message)
{
	reply_json(c, status,
	           json_pack("{s:{s:s, s:s, s:s}}", "error", "code", code, "pesan", pesan,
	                     "message", message));
}

/* The body as a JSON object (an empty body is {}); NULL after a 400 reply. */
static json_t *body_object(WebCtx *c)
{
	if (!c->req->body || c->req->body_len == 0)
		return json_object();
	json_error_t e;
	json_t *v = json_loadb(c->req->body, c->req->body_len, JSON_REJECT_DUPLICATES, &e);
	if (!json_is_object(v)) {
		char msg[300];
		snprintf(msg, sizeof msg, "the body is not a JSON object (line %d: %s)", e.line,
		         v ? "not an object" : e.text);
		json_decref(v);
		api_error(c, 400, "bad_json", "Isi permintaan bukan objek JSON yang sah.", msg);
		return NULL;
	}
	return v;
}

/* A string member, NULL if absent; false after a 400 reply if it is not a string. */
static bool member_string(WebCtx *c, json_t *o, const char *key, const char **out)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if (!v || json_is_null(v))
		return true;
	if (!json_is_string(v)) {
		char msg[128];
		snprintf(msg, sizeof msg, "\"%s\" must be a string", key);
		api_error(c, 400, "bad_field", "Isian tidak sah: harus berupa teks.", msg);
		return false;
	}
	*out = json_string_value(v);
	return true;
}

static int64_t my_agency(WebCtx *c)
{
	return db_int(c->db, 0, "SELECT agency_id FROM person WHERE id=:p",
	              DB_INT(":p", c->user.person_id), DB_END);
}

void api_tasks(WebCtx *c)
{
	reply_json(c, 200,
	           json_pack("{s:o}", "tasks",
	                     wf_task_list_json(c->wf, 0, c->user.person_id, false, c->now)));
}

static void task_act(WebCtx *c, WfOutcome outcome)
{
	TaskRow t;
	int64_t acting = 0;
	if (!web_task_load(c, &t)) {
		api_error(c, 404, "not_found", "Tugas tidak ditemukan.", "no such task");
		return;
	}
	if (!wf_may_act(c->wf, t.position_id, c->user.person_id, c->now, &acting)) {
		api_error(c, 403, "forbidden", "Tugas ini bukan untuk Anda.",
		          "this task is not yours to act on");
		return;
	}
	json_t *body = body_object(c);
	if (!body)
		return;
	WfAct act = {c->id, c->user.person_id, outcome, NULL, NULL, NULL, NULL};
	/* "passphrase": of the person's signing key, at paraf and sign steps (doc/api.md). */
	if (!member_string(c, body, "reason", &act.reason) ||
	    !member_string(c, body, "note", &act.note) ||
	    !member_string(c, body, "passphrase", &act.passphrase)) {
		json_decref(body);
		return;
	}
	Buf err = BUF_INIT;
	if (outcome == WF_RETURN && (!act.reason || !*act.reason)) {
		api_error(c, 422, "reason_required", "Alasan pengembalian wajib diisi.",
		          "a return needs a \"reason\"");
	} else if (wf_task_act(c->wf, &act, c->now, &err) != 0) {
		const char *e = buf_str(&err);
		bool done = strncmp(e, "task ", 5) == 0 && strstr(e, " is already ") != NULL;
		api_error(c, 409, done ? "already_done" : "refused",
		          done ? "Tugas ini sudah diselesaikan; tidak ada yang diubah."
		               : "Tidak dapat diproses; tidak ada yang diubah.",
		          e);
	} else {
		const char *names[] = {"done", "approved", "returned"};
		reply_json(c, 200,
		           json_pack("{s:I, s:I, s:s}", "task", (json_int_t)c->id, "case",
		                     (json_int_t)t.case_id, "status", names[outcome]));
	}
	buf_free(&err);
	json_decref(body);
}

void api_task_done(WebCtx *c)
{
	task_act(c, WF_DONE);
}

void api_task_approve(WebCtx *c)
{
	task_act(c, WF_APPROVE);
}

void api_task_return(WebCtx *c)
{
	task_act(c, WF_RETURN);
}

void api_cases(WebCtx *c)
{
	const char *status = web_param(c->req->query, c->req->n_query, "status");
	json_t *all = wf_case_list_json(c->wf, status);
	char *code = db_text(c->db, NULL,
	                     "SELECT a.code FROM person p JOIN agency a ON a.id=p.agency_id"
	                     " WHERE p.id=:p",
	                     DB_INT(":p", c->user.person_id), DB_END);
	json_t *mine = json_array();
	size_t i;
	json_t *k;
	json_array_foreach (all, i, k) {
		const char *a = json_string_value(json_object_get(k, "agency"));
		if (c->user.admin || (code && a && strcmp(a, code) == 0))
			json_array_append(mine, k);
	}
	free(code);
	json_decref(all);
	reply_json(c, 200, json_pack("{s:o}", "cases", mine));
}

void api_case(WebCtx *c)
{
	int64_t agency = db_int(c->db, 0, "SELECT agency_id FROM wf_case WHERE id=:c",
	                        DB_INT(":c", c->id), DB_END);
	if (!agency) {
		api_error(c, 404, "not_found", "Kasus tidak ditemukan.", "no such case");
		return;
	}
	if (agency != my_agency(c) && !c->user.admin) {
		api_error(c, 403, "forbidden", "Kasus ini milik instansi lain.",
		          "the case belongs to another agency");
		return;
	}
	Buf err = BUF_INIT;
	json_t *k = wf_case_show_json(c->wf, c->id, c->now, &err);
	if (k)
		reply_json(c, 200, k);
	else
		api_error(c, 404, "not_found", "Kasus tidak ditemukan.", buf_str(&err));
	buf_free(&err);
}

void api_case_start(WebCtx *c)
{
	json_t *body = body_object(c);
	if (!body)
		return;
	const char *sop_ref = NULL, *subject = NULL, *period = NULL;
	if (!member_string(c, body, "sop", &sop_ref) ||
	    !member_string(c, body, "subject", &subject) ||
	    !member_string(c, body, "period", &period))
		goto done;
	if (!sop_ref || !subject) {
		api_error(c, 422, "missing_field", "SOP dan perihal wajib diisi.",
		          "\"sop\" and \"subject\" are required");
		goto done;
	}
	WfDeadline deadlines[16];
	int n = 0;
	json_t *dl = json_object_get(body, "deadlines");
	const char *key;
	json_t *v;
	if (dl && !json_is_object(dl)) {
		api_error(c, 400, "bad_field",
		          "\"deadlines\" harus objek {\"langkah\": \"tanggal\"}.",
		          "\"deadlines\" must be an object {\"step\": \"YYYY-MM-DD\"}");
		goto done;
	}
	json_object_foreach (dl, key, v) {
		if (n == (int)COUNT(deadlines) || !str_is_digits(key) || strlen(key) > 4 ||
		    !json_is_string(v)) {
			api_error(c, 400, "bad_field", "Batas waktu tidak sah.",
			          "each deadline is \"STEP\": \"YYYY-MM-DD[ HH:MM]\"");
			goto done;
		}
		deadlines[n++] = (WfDeadline){atoi(key), json_string_value(v)};
	}
	Buf err = BUF_INIT;
	int64_t vid = sop_store_resolve(c->db, sop_ref, 0, &err);
	const Sop *s = vid ? wf_sop(c->wf, vid, &err) : NULL;
	if (!s) {
		api_error(c, 404, "not_found", "SOP tidak ditemukan.", buf_str(&err));
		buf_free(&err);
		goto done;
	}
	int64_t agency = web_starter_agency(c, s);
	int64_t case_id = 0;
	if (!agency) {
		api_error(c, 403, "forbidden",
		          "Anda tidak memegang jabatan pelaksana langkah pertama SOP ini.",
		          "you do not hold the position of the SOP's first step");
	} else {
		WfStart req = {sop_ref, agency, subject, period, deadlines, n, c->user.person_id};
		if (wf_case_start(c->wf, &req, c->now, &case_id, &err) != 0)
			api_error(c, 422, "refused",
			          "Kasus tidak dapat dimulai; tidak ada yang diubah.",
			          buf_str(&err));
		else
			reply_json(c, 201, json_pack("{s:I}", "id", (json_int_t)case_id));
	}
	buf_free(&err);
done:
	json_decref(body);
}

void api_sops(WebCtx *c)
{
	SopRow *rows = NULL;
	int n = sop_store_list(c->db, c->req->arena, &rows);
	json_t *arr = json_array();
	for (int i = 0; i < n; i++)
		json_array_append_new(arr,
		                      json_pack("{s:I, s:s, s:i, s:s, s:s?, s:s?, s:i}", "id",
		                                (json_int_t)rows[i].id, "code", rows[i].code,
		                                "version", rows[i].version, "name", rows[i].name,
		                                "number", rows[i].number, "agency", rows[i].agency,
		                                "steps", rows[i].n_steps));
	reply_json(c, 200, json_pack("{s:o}", "sops", arr));
}

void api_sop(WebCtx *c)
{
	Buf err = BUF_INIT;
	char *text = sop_store_definition(c->db, c->code, 0, &err);
	json_t *v = text ? json_loads(text, 0, NULL) : NULL;
	free(text);
	if (v)
		reply_json(c, 200, v);
	else
		api_error(c, 404, "not_found", "SOP tidak ditemukan.", buf_str(&err));
	buf_free(&err);
}

void api_kpi_recap(WebCtx *c)
{
	const char *agency = web_param(c->req->query, c->req->n_query, "agency");
	const char *year = web_param(c->req->query, c->req->n_query, "year");
	const char *period = web_param(c->req->query, c->req->n_query, "period");
	int p = period ? kpi_period_parse(period) : 4;
	if (!agency || !year || !str_is_digits(year) || strlen(year) != 4 || p < 0) {
		api_error(c, 400, "bad_query", "Tulis agency=KODE&year=TTTT[&period=TW1..TW4|Y].",
		          "write agency=CODE&year=YYYY[&period=TW1..TW4|Y]");
		return;
	}
	int64_t id = wf_agency_by_ref(c->db, agency);
	if (!id) {
		api_error(c, 404, "not_found", "Instansi tidak ditemukan.", "no such agency");
		return;
	}
	if (id != my_agency(c) && !c->user.admin) {
		api_error(c, 403, "forbidden", "Data ini milik instansi lain.",
		          "the data belongs to another agency");
		return;
	}
	Buf err = BUF_INIT;
	json_t *r = kpi_recap_json(c->db, id, atoi(year), p, &err);
	if (r)
		reply_json(c, 200, r);
	else
		api_error(c, 404, "not_found", "Rekap tidak tersedia.", buf_str(&err));
	buf_free(&err);
}
