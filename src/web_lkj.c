/*
** web_lkj.c: the LKj on the web. On the task page of an LKj case's
** drafting step (action lkj.draft) the Tim LKj writes the narrative of
** each bab (a form per bab, saved as a new version through
** lkj_text_save(), which decides who may and when), sees how many
** versions each has, and downloads the current draft; GET
** /kasus/{id}/lkj sends that draft (PDF) to the officials of the case's
** agency. The document itself is doc_lkj.c's.
*/
#include "report.h"
#include "web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The form of one bab: its newest text, how many versions, who saved the last. */
static void bab_form(WebCtx *c, int64_t task_id, int64_t agency_id, int year, LkjBab bab,
                     const char *entered, const char *error)
{
	Buf *o = &c->rep->body;
	json_t *h = lkj_text_history_json(c->db, agency_id, year, bab);
	size_t n = json_array_size(h);
	json_t *last = n ? json_array_get(h, n - 1) : NULL;
	const char *text = entered ? entered
	                   : last  ? json_string_value(json_object_get(last, "text"))
	                           : "";
	html_printf(o,
	            "<form method=\"post\" action=\"/tugas/%lld/lkj\" id=\"lkj-%h\" "
	            "class=\"lkj-bab\">",
	            (long long)task_id, lkj_bab_code(bab));
	web_csrf_field(c);
	if (error)
		html_printf(o, "<p class=\"galat\" role=\"alert\">%h</p>", error);
	html_printf(o,
	            "<input type=\"hidden\" name=\"bab\" value=\"%h\">"
	            "<label>%h <textarea name=\"teks\" rows=\"8\" maxlength=\"%d\">%h</textarea>"
	            "</label>",
	            lkj_bab_code(bab), lkj_bab_title(bab), (int)LKJ_TEXT_MAX, text);
	if (last) {
		Buf when = BUF_INIT;
		web_time_id(c, agency_id, (time_t)json_integer_value(json_object_get(last, "at")),
		            &when);
		html_printf(o, "<p>%d versi tersimpan; terakhir oleh %h, %h.</p>", (int)n,
		            json_string_value(json_object_get(last, "by_name")), buf_str(&when));
		buf_free(&when);
	} else {
		html_printf(o, "<p>Belum ditulis: konsep LKj memakai teks bawaan dari data.</p>");
	}
	html_printf(o, "<button>Simpan %h</button></form>", lkj_bab_title(bab));
	json_decref(h);
}

void web_lkj_form(WebCtx *c, int64_t task_id, int64_t case_id)
{
	Buf *o = &c->rep->body;
	int64_t agency = 0;
	int year = 0;
	Buf err = BUF_INIT;
	bool ok = lkj_case_year(c->db, case_id, &agency, &year, &err) == 0;
	buf_free(&err);
	html_printf(o, "<section id=\"lkj\"><h2>Naskah LKj</h2>");
	if (!ok) {
		html_printf(o, "<p>Periode atau perihal kasus ini tidak menyebut tahun LKj; teks "
		               "tidak dapat ditulis di sini.</p></section>");
		return;
	}
	html_printf(o,
	            "<p>LKj tahun %d. Setiap penyimpanan menjadi versi baru; versi lama tetap "
	            "tersimpan. <a href=\"/kasus/%lld/lkj\">Unduh konsep LKj (PDF)</a></p>",
	            year, (long long)case_id);
	for (int b = 0; b < LKJ_BABS; b++)
		bab_form(c, task_id, agency, year, (LkjBab)b, NULL, NULL);
	html_printf(o, "</section>");
}

void page_lkj_save(WebCtx *c)
{
	TaskRow t;
	if (!web_task_load(c, &t)) {
		web_error(c, 404, "Tugas tidak ditemukan.");
		return;
	}
	int64_t acting = 0;
	if (!wf_may_act(c->wf, t.position_id, c->user.person_id, c->now, &acting)) {
		web_error(c, 403,
		          "Tugas ini bukan untuk Anda: jabatan pelaksananya dipegang orang lain.");
		return;
	}
	int64_t agency = 0;
	int year = 0;
	if (!lkj_draft_task(c->wf, c->id, &agency, &year)) {
		web_error(c, 409,
		          "Naskah LKj hanya dapat diubah selama langkah penyusunan LKj terbuka; "
		          "tidak "
		          "ada yang diubah.");
		return;
	}
	const char *bab_s = web_param(c->req->form, c->req->n_form, "bab");
	const char *text = web_param(c->req->form, c->req->n_form, "teks");
	int bab = lkj_bab_parse(bab_s);
	if (bab < 0) {
		web_error(c, 422, "Bab LKj tidak dikenal; tidak ada yang diubah.");
		return;
	}
	LkjTextSave s = {agency, year, (LkjBab)bab, text ? text : "", c->user.person_id, c->id};
	Buf err = BUF_INIT;
	if (lkj_text_save(c->wf, &s, c->now, NULL, &err) != 0) {
		/* The bab's form again, with what was written and why it was refused. */
		c->rep->status = 422;
		web_page_begin(c, "Naskah LKj");
		html_printf(&c->rep->body,
		            "<p>Kembali ke <a href=\"/tugas/%lld\">tugas penyusunan LKj</a>.</p>",
		            (long long)c->id);
		bab_form(c, c->id, agency, year, (LkjBab)bab, text ? text : "", buf_str(&err));
		web_page_end(c);
		buf_free(&err);
		return;
	}
	buf_free(&err);
	web_redirect(c, arena_printf(c->req->arena, "/tugas/%lld#lkj-%s", (long long)c->id,
	                             lkj_bab_code((LkjBab)bab)));
}

void page_lkj_draft(WebCtx *c)
{
	DbStmt *st = db_query(c->db,
	                      "SELECT c.agency_id, c.sop_version_id, coalesce(p.agency_id, 0)"
	                      " FROM wf_case c, person p WHERE c.id=:c AND p.id=:p",
	                      DB_INT(":c", c->id), DB_INT(":p", c->user.person_id), DB_END);
	int64_t agency = 0, version = 0, mine = 0;
	if (db_step(st) == DB_ROW) {
		agency = db_col_int(st, 0);
		version = db_col_int(st, 1);
		mine = db_col_int(st, 2);
	}
	db_finalize(st);
	if (!agency) {
		web_error(c, 404, "Kasus tidak ditemukan.");
		return;
	}
	if (mine != agency) {
		web_error(c, 403, "Konsep LKj hanya untuk pejabat instansi kasus ini.");
		return;
	}
	Buf err = BUF_INIT;
	const Sop *sop = wf_sop(c->wf, version, &err);
	bool lkj = false;
	for (int i = 0; sop && i < sop->n_steps; i++)
		lkj = lkj ||
		      (sop->steps[i].action && strcmp(sop->steps[i].action, "lkj.draft") == 0);
	if (!lkj) {
		buf_free(&err);
		web_error(c, 404, "Kasus ini bukan penyusunan LKj.");
		return;
	}
	Buf pdf = BUF_INIT;
	int year = 0;
	int64_t a = 0;
	if (lkj_case_year(c->db, c->id, &a, &year, &err) != 0 ||
	    report_lkj_case(c->wf, c->id, NULL, &pdf, &err) != 0) {
		log_warn("case %lld: LKj draft: %s", (long long)c->id, buf_str(&err));
		web_error(c, 500, "Konsep LKj tidak dapat dibuat (periode kasus tanpa tahun?).");
		buf_free(&pdf);
		buf_free(&err);
		return;
	}
	buf_free(&err);
	c->rep->content_type = "application/pdf";
	c->rep->disposition =
	        arena_printf(c->req->arena, "attachment; filename=\"LKj-%d-kasus-%lld-konsep.pdf\"",
	                     year, (long long)c->id);
	buf_reset(&c->rep->body);
	buf_append(&c->rep->body, pdf.data, pdf.len); /* bytes, not HTML: sent as an attachment */
	buf_free(&pdf);
}
