/*
** doc_lkj.c: the LKj (Laporan Kinerja Instansi Pemerintah) of an agency
** and year in the structure of PermenPANRB 53/2014: cover, Kata
** Pengantar signed by the head of the agency, Daftar Isi, Ikhtisar
** Eksekutif, Bab I Pendahuluan, Bab II Perencanaan Kinerja (Renstra, the
** Perjanjian Kinerja and its versions), Bab III Akuntabilitas Kinerja
** (capaian per sasaran and indicator, comparison with earlier years and
** the Renstra end target, a chart of capaian, budget realisation and
** efficiency), Bab IV Penutup and the PK as Lampiran.
**
** Numbers come from kpi_recap_json() and only verified values are shown
** ("belum ada data terverifikasi" otherwise). The narrative sections are
** the Tim LKj's texts (table lkj_text, every version kept), or a default
** paragraph made from the data, marked as such in the draft.
**
** The document is laid out twice: the first pass learns the pages of the
** marks, the second writes them into the Daftar Isi. Front matter is
** numbered i, ii, ... and the body from 1 on a fresh page, so the length
** of the Daftar Isi cannot move the body's pages between the passes.
**
** It owns the LKj's texts and their rules (who may write them, when); it
** does not own the data (kpi_*), the case (wf_*) or the seal (report_sign.c).
*/
#include "kpi.h"
#include "report.h"
#include "util_json.h"

#include <cairo-pdf.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the narrative texts ------------------------------------------------------ */

static const struct {
	const char *code, *title;
} babs[LKJ_BABS] = {
        [LKJ_PENGANTAR] = {"pengantar", "Kata Pengantar"},
        [LKJ_IKHTISAR] = {"ikhtisar", "Ikhtisar Eksekutif"},
        [LKJ_PENDAHULUAN] = {"pendahuluan", "Bab I Pendahuluan"},
        [LKJ_ANALISIS] = {"analisis", "Bab III Analisis Capaian Kinerja"},
        [LKJ_PENUTUP] = {"penutup", "Bab IV Penutup"},
};

const char *lkj_bab_code(LkjBab b)
{
	return b < LKJ_BABS ? babs[b].code : "?";
}

const char *lkj_bab_title(LkjBab b)
{
	return b < LKJ_BABS ? babs[b].title : "?";
}

int lkj_bab_parse(const char *s)
{
	for (int i = 0; s && i < LKJ_BABS; i++)
		if (strcmp(s, babs[i].code) == 0)
			return i;
	return -1;
}

int lkj_case_year(Db *db, int64_t case_id, int64_t *agency_id, int *year, Buf *err)
{
	DbStmt *st = db_query(db, "SELECT agency_id, period, subject FROM wf_case WHERE id=:c",
	                      DB_INT(":c", case_id), DB_END);
	int rc = -1, period;
	if (db_step(st) != DB_ROW) {
		buf_printf(err, "no case %lld\n", (long long)case_id);
	} else {
		*agency_id = db_col_int(st, 0);
		if (kpi_case_period(db_col_text(st, 1), year, &period) == 0 ||
		    kpi_case_period(db_col_text(st, 2), year, &period) == 0)
			rc = 0;
		else
			buf_printf(err,
			           "case %lld names no year in its period or subject (e.g. "
			           "\"2026\")\n",
			           (long long)case_id);
	}
	db_finalize(st);
	return rc;
}

bool lkj_draft_task(Wf *wf, int64_t task_id, int64_t *agency_id, int *year)
{
	Db *db = wf_db(wf);
	DbStmt *st = db_query(db,
	                      "SELECT t.case_id, t.step_no, c.sop_version_id FROM wf_task t"
	                      " JOIN wf_case c ON c.id=t.case_id"
	                      " WHERE t.id=:t AND t.status='open' AND c.status='open'",
	                      DB_INT(":t", task_id), DB_END);
	int64_t case_id = 0, version = 0;
	int step = 0;
	if (db_step(st) == DB_ROW) {
		case_id = db_col_int(st, 0);
		step = (int)db_col_int(st, 1);
		version = db_col_int(st, 2);
	}
	db_finalize(st);
	if (!case_id)
		return false;
	Buf err = BUF_INIT;
	const Sop *sop = wf_sop(wf, version, &err);
	const SopStep *s = sop ? sop_step(sop, step) : NULL;
	bool ok = s && s->action && strcmp(s->action, "lkj.draft") == 0 &&
	          lkj_case_year(db, case_id, agency_id, year, &err) == 0;
	buf_free(&err);
	return ok;
}

/* A text fit to keep: not blank, valid UTF-8, not too long. NULL or the reason. */
static const char *text_problem(const char *t)
{
	if (!t || str_empty_or_blank(t))
		return "Teks kosong; tulis isinya lebih dahulu.";
	size_t n = strlen(t);
	if (n > LKJ_TEXT_MAX)
		return "Teks terlalu panjang (paling banyak 20.000 karakter per bab).";
	if (!utf8_check(t, n, NULL))
		return "Teks bukan UTF-8 yang sah.";
	return NULL;
}

int lkj_text_save(Wf *wf, const LkjTextSave *s, time_t now, int *version, Buf *err)
{
	Db *db = wf_db(wf);
	if (s->bab >= LKJ_BABS) {
		buf_printf(err, "Bab tidak dikenal.");
		return -1;
	}
	const char *why = text_problem(s->text);
	if (why) {
		buf_puts(err, why);
		return -1;
	}
	/* Lines end in "\n" only, whatever the browser or the file sent. */
	Buf text = BUF_INIT;
	for (const char *p = s->text; *p; p++)
		if (*p != '\r')
			buf_putc(&text, *p);
		else if (p[1] != '\n')
			buf_putc(&text, '\n');
	if (db_begin_write(db) != DB_OK) {
		buf_printf(err, "Basis data sedang sibuk; coba lagi sebentar lagi.");
		buf_free(&text);
		return -1;
	}
	/* The drafting task: the one given, else the first open one the person may act on. */
	int64_t task = 0, acting = 0;
	DbStmt *st = db_prepare(db, "SELECT t.id, t.position_id FROM wf_task t"
	                            " JOIN wf_case c ON c.id=t.case_id"
	                            " WHERE t.status='open' AND c.status='open' AND c.agency_id=:a"
	                            " AND (:t = 0 OR t.id = :t) ORDER BY t.id");
	db_bind_int(st, ":a", s->agency_id);
	db_bind_int(st, ":t", s->task_id);
	bool drafting = false;
	while (!task && db_step(st) == DB_ROW) {
		int64_t id = db_col_int(st, 0), pos = db_col_int(st, 1), agency = 0;
		int year = 0;
		if (!lkj_draft_task(wf, id, &agency, &year) || agency != s->agency_id ||
		    year != s->year)
			continue;
		drafting = true;
		if (wf_may_act(wf, pos, s->person_id, now, &acting))
			task = id;
	}
	db_finalize(st);
	if (!task) {
		if (drafting)
			buf_printf(err, "Teks LKj hanya dapat disimpan oleh pelaksana langkah "
			                "penyusunan LKj (pemegang jabatan, Plt atau delegasinya).");
		else
			buf_printf(err,
			           "Tidak ada kasus LKj tahun %d instansi ini yang sedang terbuka "
			           "pada "
			           "langkah penyusunan; teks hanya dapat diubah selama langkah itu "
			           "terbuka atau dikembalikan ke sana.",
			           s->year);
		db_rollback(db);
		buf_free(&text);
		return -1;
	}
	int64_t case_id = db_int(db, 0, "SELECT case_id FROM wf_task WHERE id=:t",
	                         DB_INT(":t", task), DB_END);
	int v = (int)db_int(db, 0,
	                    "SELECT coalesce(max(version), 0) + 1 FROM lkj_text"
	                    " WHERE agency_id=:a AND year=:y AND bab=:b",
	                    DB_INT(":a", s->agency_id), DB_INT(":y", s->year),
	                    DB_TEXT(":b", babs[s->bab].code), DB_END);
	json_t *detail = json_pack("{s:s, s:i, s:i, s:i}", "bab", babs[s->bab].code, "year",
	                           s->year, "version", v, "chars", (json_int_t)text.len);
	char *detail_text = json_dumps(detail, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(detail);
	WfEvent ev = {case_id, task, s->person_id, acting, "lkj.text", detail_text, NULL};
	int rc = -1;
	if (db_exec(db,
	            "INSERT INTO lkj_text(agency_id, year, bab, version, text, case_id, task_id,"
	            " person_id, acting_for, created_at) VALUES(:a, :y, :b, :v, :x, :c, :t, :p,"
	            " nullif(:f, 0), :n)",
	            DB_INT(":a", s->agency_id), DB_INT(":y", s->year),
	            DB_TEXT(":b", babs[s->bab].code), DB_INT(":v", v),
	            DB_TEXT(":x", buf_str(&text)), DB_INT(":c", case_id), DB_INT(":t", task),
	            DB_INT(":p", s->person_id), DB_INT(":f", acting), DB_INT(":n", now),
	            DB_END) != DB_OK ||
	    wf_audit_append(wf, &ev, now) != 0 || db_commit(db) != DB_OK) {
		buf_printf(err, "Teks tidak dapat disimpan; tidak ada yang diubah. (%s)",
		           db_errmsg(db));
		db_rollback(db);
	} else {
		rc = 0;
		if (version)
			*version = v;
	}
	free(detail_text);
	buf_free(&text);
	return rc;
}

char *lkj_text_get(Db *db, int64_t agency_id, int year, LkjBab bab, int *version)
{
	DbStmt *st = db_query(db,
	                      "SELECT text, version FROM lkj_text WHERE agency_id=:a AND year=:y"
	                      " AND bab=:b ORDER BY version DESC LIMIT 1",
	                      DB_INT(":a", agency_id), DB_INT(":y", year),
	                      DB_TEXT(":b", lkj_bab_code(bab)), DB_END);
	char *text = NULL;
	if (version)
		*version = 0;
	if (db_step(st) == DB_ROW) {
		text = xstrdup(db_col_text(st, 0));
		if (version)
			*version = (int)db_col_int(st, 1);
	}
	db_finalize(st);
	return text;
}

json_t *lkj_text_history_json(Db *db, int64_t agency_id, int year, LkjBab bab)
{
	json_t *list = json_array();
	DbStmt *st = db_prepare(db, "SELECT x.version, x.text, p.login, p.name, f.name,"
	                            " x.created_at, x.case_id FROM lkj_text x"
	                            " JOIN person p ON p.id=x.person_id"
	                            " LEFT JOIN person f ON f.id=x.acting_for"
	                            " WHERE x.agency_id=:a AND x.year=:y AND x.bab=:b"
	                            " ORDER BY x.version");
	db_bind_int(st, ":a", agency_id);
	db_bind_int(st, ":y", year);
	db_bind_text(st, ":b", lkj_bab_code(bab));
	while (db_step(st) == DB_ROW) {
		json_t *o = json_pack(
		        "{s:i, s:s, s:s, s:s, s:I, s:I}", "version", (int)db_col_int(st, 0), "text",
		        db_col_text(st, 1), "by", db_col_text(st, 2), "by_name", db_col_text(st, 3),
		        "at", (json_int_t)db_col_int(st, 5), "case", (json_int_t)db_col_int(st, 6));
		json_object_set_new(o, "acting_for_name",
		                    db_col_null(st, 4) ? json_null()
		                                       : json_string(db_col_text(st, 4)));
		json_array_append_new(list, o);
	}
	db_finalize(st);
	return list;
}

/* ---- what the LKj is made of ----------------------------------------------- */

/* One indicator as the LKj shows it: the recap's numbers, verified only. */
typedef struct Ind {
	const char *code, *name, *satuan, *sasaran;
	int64_t scale_id;         /* qualitative: its scale (labels for values) */
	const char *actual_label; /* the recap's label of a qualitative realisation */
	bool has_t_year;          /* the PK's target for the year */
	double t_year;
	bool verified; /* a verified realisation at the shown period */
	bool has_t, has_r, has_cap;
	double t, r, cap;
	const char *cat, *color; /* the category of the capaian */
	const char *why;         /* why there is no capaian (recap's note) */
	bool has_p1, has_p2;     /* verified realisations of the two years before */
	double p1, p2;
	bool has_renstra, has_rp; /* the Renstra end target and progress toward it */
	double renstra, rp;
	int renstra_end;
} Ind;

typedef struct Lkj {
	Wf *wf;
	Db *db;
	Arena a;
	const DocSeal *seal;
	int64_t agency_id, case_id;
	int year;
	const char *agency, *agency_code, *pemda, *place;
	const char *head_position, *head_name, *head_rank, *head_nip;
	json_t *recap_year, *recap_shown, *recap_before; /* owned */
	int period;                                      /* shown: 4 = the year, or a quarter */
	Ind *inds;
	int n_inds, n_sasaran;
	int n_verified, n_reached;
	char *texts[LKJ_BABS];
	time_t doc_time;
	char date_id[40]; /* "02 Januari 2027" */
	/* The budget at the shown period. */
	bool has_pagu, has_spent, has_absorb, has_eff, has_avg;
	double pagu, spent, absorb, eff, avg;
	/* Between the passes: the marks (titles in the arena), front matter ones first. */
	DocMark *toc;
	int n_toc, n_front;
} Lkj;

static bool jnum(json_t *o, const char *k, double *v)
{
	json_t *x = json_object_get(o, k);
	if (!json_is_number(x))
		return false;
	*v = json_number_value(x);
	return true;
}

/* A number as the page shows it: "1.234,50"; into the arena. */
static const char *num(Lkj *L, double v, int decimals)
{
	Buf b = BUF_INIT;
	fmt_number_id(&b, v, decimals);
	char *s = arena_strdup(&L->a, buf_str(&b));
	buf_free(&b);
	return s;
}

static const char *rupiah(Lkj *L, double v)
{
	Buf b = BUF_INIT;
	fmt_rupiah(&b, v);
	char *s = arena_strdup(&L->a, buf_str(&b));
	buf_free(&b);
	return s;
}

/* A value of an indicator: the label of a qualitative one, else the number. */
static const char *value_of(Lkj *L, const Ind *x, double v)
{
	if (x->scale_id) {
		char *label = db_text(L->db, &L->a,
		                      "SELECT label FROM kpi_scale_level WHERE scale_id=:s AND"
		                      " value=:v",
		                      DB_INT(":s", x->scale_id), DB_DOUBLE(":v", v), DB_END);
		if (label)
			return label;
	}
	return num(L, v, 2);
}

/* Indicators with a submitted value that is not (yet) verified, up to the period. */
static bool unverified(Lkj *L, const char *code, int period)
{
	return db_exists(L->db,
	                 "SELECT 1 FROM realisasi r JOIN indicator i ON i.id=r.indicator_id"
	                 " WHERE i.agency_id=:a AND i.code=:c AND r.year=:y AND r.period <= :p"
	                 " AND r.status='submitted' AND NOT EXISTS (SELECT 1 FROM realisasi v"
	                 "  WHERE v.indicator_id=r.indicator_id AND v.year=r.year"
	                 "  AND v.period=r.period AND v.status='verified')",
	                 DB_INT(":a", L->agency_id), DB_TEXT(":c", code), DB_INT(":y", L->year),
	                 DB_TEXT(":p", kpi_period_name(period)), DB_END);
}

/* Whether a recap has any verified realisation (the shown period is chosen by it). */
static bool any_verified(Lkj *L, json_t *recap, int period)
{
	size_t i;
	json_t *x;
	json_array_foreach (json_object_get(recap, "indicators"), i, x)
		if (json_is_number(json_object_get(x, "actual")) &&
		    !unverified(L, json_text(x, "code", NULL), period))
			return true;
	return false;
}

static void lkj_free(Lkj *L)
{
	json_decref(L->recap_year);
	json_decref(L->recap_shown);
	json_decref(L->recap_before);
	for (int i = 0; i < LKJ_BABS; i++)
		free(L->texts[i]);
	arena_free(&L->a);
}

/* Read everything the LKj shows; -1 with err. */
static int lkj_load(Lkj *L, Buf *err)
{
	Db *db = L->db;
	Arena *a = &L->a;
	DbStmt *st = db_query(db,
	                      "SELECT a.name, a.code, p.name FROM agency a"
	                      " JOIN pemda p ON p.id=a.pemda_id WHERE a.id=:a",
	                      DB_INT(":a", L->agency_id), DB_END);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		buf_printf(err, "no agency %lld\n", (long long)L->agency_id);
		return -1;
	}
	L->agency = arena_strdup(a, db_col_text(st, 0));
	L->agency_code = arena_strdup(a, db_col_text(st, 1));
	L->pemda = arena_strdup(a, db_col_text(st, 2));
	db_finalize(st);
	L->place = report_place(a, L->pemda);
	/* The head of the agency: the head position of its top unit. */
	st = db_query(db,
	              "SELECT pos.title, p.name, p.rank, p.golongan, p.nip FROM position pos"
	              " JOIN unit u ON u.id=pos.unit_id LEFT JOIN person p ON p.id=pos.holder_id"
	              " WHERE pos.agency_id=:a AND pos.is_head=1 AND u.parent_id IS NULL"
	              " ORDER BY pos.id LIMIT 1",
	              DB_INT(":a", L->agency_id), DB_END);
	if (db_step(st) == DB_ROW) {
		L->head_position = arena_strdup(a, db_col_text(st, 0));
		if (!db_col_null(st, 1)) {
			L->head_name = arena_strdup(a, db_col_text(st, 1));
			const char *rank = db_col_text(st, 2), *gol = db_col_text(st, 3);
			if (rank && gol)
				L->head_rank = arena_printf(a, "%s (%s)", rank, gol);
			else if (rank)
				L->head_rank = arena_strdup(a, rank);
			if (db_col_text(st, 4)) {
				Buf b = BUF_INIT;
				fmt_nip(&b, db_col_text(st, 4));
				L->head_nip = arena_strdup(a, buf_str(&b));
				buf_free(&b);
			}
		}
	}
	db_finalize(st);
	if (!L->head_position)
		L->head_position = arena_printf(a, "Kepala %s", L->agency);

	/* The numbers: the year's recap; the latest quarter with verified values when the
	** year has none yet (an LKj drafted before the year's data is complete). */
	L->recap_year = kpi_recap_json(db, L->agency_id, L->year, 4, err);
	if (!L->recap_year)
		return -1;
	L->period = 4;
	if (!any_verified(L, L->recap_year, 4))
		for (int q = 3; q >= 0; q--) {
			json_t *r = kpi_recap_json(db, L->agency_id, L->year, q, err);
			if (r && any_verified(L, r, q)) {
				L->recap_shown = r;
				L->period = q;
				break;
			}
			json_decref(r);
		}
	if (!L->recap_shown)
		L->recap_shown = json_incref(L->recap_year);
	L->recap_before = kpi_recap_json(db, L->agency_id, L->year - 1, 4, err);
	if (!L->recap_before)
		return -1;
	json_t *ys = json_object_get(L->recap_year, "indicators");
	json_t *ss = json_object_get(L->recap_shown, "indicators");
	json_t *bs = json_object_get(L->recap_before, "indicators");
	L->n_inds = (int)json_array_size(ys);
	L->inds = arena_alloc(a, sizeof *L->inds * (size_t)(L->n_inds ? L->n_inds : 1));
	for (int i = 0; i < L->n_inds; i++) {
		Ind *x = &L->inds[i];
		json_t *y = json_array_get(ys, (size_t)i), *s = json_array_get(ss, (size_t)i);
		x->code = arena_strdup(a, json_text(y, "code", NULL));
		x->name = arena_strdup(a, json_text(y, "name", NULL));
		x->satuan = arena_strdup(a, json_text(y, "satuan", NULL));
		x->sasaran = json_text(y, "sasaran", NULL)
		                     ? arena_strdup(a, json_text(y, "sasaran", NULL))
		                     : NULL;
		x->scale_id =
		        db_int(db, 0,
		               "SELECT coalesce(scale_id, 0) FROM indicator WHERE agency_id=:a"
		               " AND code=:c",
		               DB_INT(":a", L->agency_id), DB_TEXT(":c", x->code), DB_END);
		x->has_t_year = jnum(y, "target", &x->t_year);
		x->verified = s && strcmp(json_text(s, "code", NULL), x->code) == 0 &&
		              json_is_number(json_object_get(s, "actual")) &&
		              !unverified(L, x->code, L->period);
		x->has_t = s && jnum(s, "target", &x->t);
		if (x->verified) {
			x->has_r = jnum(s, "actual", &x->r);
			x->actual_label =
			        json_text(s, "actual_label", NULL)
			                ? arena_strdup(a, json_text(s, "actual_label", NULL))
			                : NULL;
			x->has_cap = jnum(s, "capaian", &x->cap);
			x->cat = json_text(s, "category", NULL)
			                 ? arena_strdup(a, json_text(s, "category", NULL))
			                 : NULL;
			x->color = json_text(s, "category_color", NULL)
			                   ? arena_strdup(a, json_text(s, "category_color", NULL))
			                   : NULL;
			x->has_rp = jnum(s, "renstra_progress", &x->rp);
			L->n_verified++;
			if (x->has_cap && x->cap >= 100)
				L->n_reached++;
		}
		if (!x->has_cap && s && json_text(s, "note", NULL) && x->verified)
			x->why = arena_strdup(a, json_text(s, "note", NULL));
		/* The two years before, verified and for the whole year. */
		x->has_p1 = jnum(y, "previous_year_actual", &x->p1);
		json_t *b = json_array_get(bs, (size_t)i);
		x->has_p2 = b && strcmp(json_text(b, "code", NULL), x->code) == 0 &&
		            jnum(b, "previous_year_actual", &x->p2);
		x->has_renstra = jnum(y, "renstra_target", &x->renstra);
		double end = 0;
		if (jnum(y, "renstra_end_year", &end))
			x->renstra_end = (int)end;
		bool seen = false;
		for (int k = 0; k < i && !seen; k++)
			seen = (L->inds[k].sasaran && x->sasaran &&
			        strcmp(L->inds[k].sasaran, x->sasaran) == 0) ||
			       (!L->inds[k].sasaran && !x->sasaran);
		if (!seen)
			L->n_sasaran++;
	}
	/* The budget of the shown period: the recap's, its average over verified capaian. */
	json_t *bud = json_object_get(L->recap_shown, "budget");
	L->has_pagu = jnum(bud, "pagu", &L->pagu);
	L->has_spent = jnum(bud, "realisation", &L->spent);
	L->has_absorb = jnum(bud, "absorption", &L->absorb);
	if (L->n_verified == L->n_inds) {
		L->has_avg = jnum(bud, "average_capaian", &L->avg);
		L->has_eff = jnum(bud, "efficiency", &L->eff);
	} else {
		double sum = 0;
		int n = 0;
		for (int i = 0; i < L->n_inds; i++)
			if (L->inds[i].has_cap) {
				sum += L->inds[i].cap;
				n++;
			}
		if (n) {
			L->has_avg = true;
			L->avg = round(sum / n * 100) / 100;
			KpiResult e = kpi_efficiency((KpiResult){KPI_OK, sum / n, false},
			                             (KpiResult){KPI_OK, L->absorb, false});
			L->has_eff = L->has_absorb && e.status == KPI_OK;
			L->eff = round(e.capaian * 1000) / 1000;
		}
	}
	for (int b = 0; b < LKJ_BABS; b++)
		L->texts[b] = lkj_text_get(db, L->agency_id, L->year, (LkjBab)b, NULL);
	/* The date of the draft, from the data so that the same data give the same bytes. */
	if (L->case_id)
		L->doc_time = (time_t)db_int(db, 0, "SELECT started_at FROM wf_case WHERE id=:c",
		                             DB_INT(":c", L->case_id), DB_END);
	if (!L->doc_time)
		L->doc_time = (time_t)db_int(
		        db, 0,
		        "SELECT max(t) FROM (SELECT max(created_at) AS t FROM lkj_text"
		        " WHERE agency_id=:a AND year=:y UNION ALL SELECT max(r.created_at)"
		        " FROM realisasi r JOIN indicator i ON i.id=r.indicator_id"
		        " WHERE i.agency_id=:a AND r.year=:y)",
		        DB_INT(":a", L->agency_id), DB_INT(":y", L->year), DB_END);
	if (!L->doc_time) /* nothing yet: 1 January of the next year */
		L->doc_time =
		        (time_t)(((int64_t)(L->year + 1 - 1970) * 365 + (L->year + 1 - 1969) / 4) *
		                 86400);
	char iso[11];
	wf_local_today(L->wf, L->agency_id, L->doc_time, iso);
	Buf b = BUF_INIT;
	fmt_date_id(&b, iso);
	snprintf(L->date_id, sizeof L->date_id, "%s", buf_str(&b));
	buf_free(&b);
	return 0;
}

/* ---- drawing -------------------------------------------------------------- */

/* "TW III 2026" or "Tahun 2026": what the shown numbers cover. */
static const char *period_words(Lkj *L)
{
	static const char *const q[] = {"TW I", "TW II", "TW III", "TW IV"};
	if (L->period == 4)
		return arena_printf(&L->a, "Tahun %d", L->year);
	return arena_printf(&L->a, "sampai dengan %s %d", q[L->period], L->year);
}

/* A bab's heading on a fresh page, with its mark. */
static void bab(Doc *d, const char *title)
{
	doc_page_break(d);
	doc_mark(d, 1, title);
	doc_text(d, DOC_H1, DOC_CENTER, title);
	doc_space(d, 14);
}

static void sub(Doc *d, const char *title, bool mark)
{
	doc_space(d, 6);
	doc_need(d, 60);
	if (mark)
		doc_mark(d, 2, title);
	doc_text(d, DOC_H2, DOC_LEFT, title);
	doc_space(d, 4);
}

/* Paragraphs of a text: blank lines separate them. */
static void paragraphs(Doc *d, const char *text)
{
	const char *p = text;
	Buf para = BUF_INIT;
	while (*p) {
		const char *end = strstr(p, "\n\n");
		size_t n = end ? (size_t)(end - p) : strlen(p);
		buf_reset(&para);
		buf_append(&para, p, n);
		if (!str_empty_or_blank(buf_str(&para))) {
			doc_text(d, DOC_BODY, DOC_JUSTIFY, buf_str(&para));
			doc_space(d, 6);
		}
		p += n;
		while (*p == '\n')
			p++;
	}
	buf_free(&para);
}

/* A bab's narrative: the Tim LKj's text, else the default (marked in a draft). */
static void narrative(Lkj *L, Doc *d, LkjBab b, const char *fallback)
{
	if (L->texts[b]) {
		paragraphs(d, L->texts[b]);
		return;
	}
	if (!L->seal) {
		doc_text(d, DOC_SMALL, DOC_LEFT,
		         "[Teks bawaan dari data: Tim LKj belum menulis bagian ini.]");
		doc_space(d, 3);
	}
	paragraphs(d, fallback);
}

static void cover(Lkj *L, Doc *d)
{
	doc_space(d, 90);
	char title[96];
	snprintf(title, sizeof title, "LAPORAN KINERJA\nINSTANSI PEMERINTAH (LKjIP)\nTAHUN %d",
	         L->year);
	doc_text(d, DOC_TITLE, DOC_CENTER, title);
	doc_space(d, 60);
	Buf up = BUF_INIT;
	for (const char *p = L->agency; *p; p++)
		buf_putc(&up, (*p >= 'a' && *p <= 'z') ? (char)(*p - 32) : *p);
	doc_text(d, DOC_H1, DOC_CENTER, buf_str(&up));
	doc_space(d, 8);
	buf_reset(&up);
	for (const char *p = L->pemda; *p; p++)
		buf_putc(&up, (*p >= 'a' && *p <= 'z') ? (char)(*p - 32) : *p);
	doc_text(d, DOC_H2, DOC_CENTER, buf_str(&up));
	buf_free(&up);
	doc_space(d, 120);
	char year[16];
	snprintf(year, sizeof year, "%d", L->year + 1);
	doc_text(d, DOC_H1, DOC_CENTER, year);
	if (!L->seal) {
		/* A draft says so on its cover. */
		doc_space(d, 40);
		double x, y, w;
		cairo_t *cr = doc_area(d, 40, &x, &y, &w);
		cairo_save(cr);
		cairo_set_source_rgb(cr, 0.75, 0.1, 0.1);
		cairo_set_line_width(cr, 2);
		cairo_rectangle(cr, x + w / 2 - 70, y, 140, 34);
		cairo_stroke(cr);
		doc_text_xy(d, DOC_H1, DOC_CENTER, x, y + 8, w, "KONSEP");
		cairo_restore(cr);
	}
}

/* The signer of the Kata Pengantar: the seal's "tanda tangan", else the head. */
static void signature(Lkj *L, Doc *d)
{
	const DocSealSigner *s = NULL;
	for (int i = 0; L->seal && i < L->seal->n_signers; i++)
		if (strcmp(L->seal->signers[i].role, "tanda tangan") == 0)
			s = &L->seal->signers[i];
	DocSigner g = {0};
	if (s) {
		/* The date of the signature: "02 Januari 2023 14.05 WIB" -> its first three words.
		 */
		const char *p = s->signed_at ? s->signed_at : "";
		int words = 0;
		const char *e = p;
		while (*e && words < 3) {
			if (*e == ' ' && ++words == 3)
				break;
			e++;
		}
		g.place_date = arena_printf(&L->a, "%s, %.*s", L->place, (int)(e - p), p);
		g.position = s->acting ? arena_printf(&L->a, "%s %s", s->acting, s->position)
		                       : s->position;
		g.name = s->name;
		g.rank = s->rank;
		if (s->nip) {
			Buf b = BUF_INIT;
			fmt_nip(&b, s->nip);
			g.nip = arena_strdup(&L->a, buf_str(&b));
			buf_free(&b);
		}
		g.qr = L->seal->verify_url;
		g.note = "Ditandatangani secara elektronik";
	} else {
		g.place_date = arena_printf(&L->a, "%s, %s", L->place, L->date_id);
		g.position = L->head_position;
		g.name = L->head_name;
		g.rank = L->head_rank;
		g.nip = L->head_nip;
	}
	doc_space(d, 12);
	double w = doc_width(d);
	doc_signature(d, w * 0.45, w * 0.55, &g);
	/* The paraf of the reviewers, with their times. */
	int n_paraf = 0;
	for (int i = 0; L->seal && i < L->seal->n_signers; i++)
		n_paraf += strcmp(L->seal->signers[i].role, "paraf") == 0;
	if (!n_paraf)
		return;
	doc_space(d, 14);
	doc_text(d, DOC_SMALL, DOC_LEFT, "Paraf koordinasi:");
	static const char *const head[] = {"No", "Nama", "Jabatan", "Waktu paraf"};
	DocTable t = {.n_cols = 4, .widths = {22, 150, 160, 150}, .head = head, .style = DOC_SMALL};
	doc_table_begin(d, &t);
	int k = 0;
	for (int i = 0; i < L->seal->n_signers; i++) {
		const DocSealSigner *p = &L->seal->signers[i];
		if (strcmp(p->role, "paraf") != 0)
			continue;
		const char *row[] = {arena_printf(&L->a, "%d", ++k), p->name,
		                     p->acting
		                             ? arena_printf(&L->a, "%s %s", p->acting, p->position)
		                             : p->position,
		                     p->signed_at};
		doc_table_row(d, row, 0);
	}
	doc_table_end(d);
}

static void pengantar(Lkj *L, Doc *d)
{
	doc_mark(d, 1, "KATA PENGANTAR");
	doc_text(d, DOC_H1, DOC_CENTER, "KATA PENGANTAR");
	doc_space(d, 14);
	char *fallback = arena_printf(
	        &L->a,
	        "Puji syukur kita panjatkan ke hadirat Tuhan Yang Maha Esa atas tersusunnya "
	        "Laporan Kinerja Instansi Pemerintah (LKjIP) %s Tahun %d.\n\n"
	        "Laporan ini disusun sebagai wujud pertanggungjawaban atas pelaksanaan tugas "
	        "dan fungsi dalam mencapai sasaran strategis yang ditetapkan, sesuai Peraturan "
	        "Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas Kinerja Instansi "
	        "Pemerintah dan Peraturan Menteri PANRB Nomor 53 Tahun 2014. Laporan ini "
	        "memuat %d indikator kinerja pada %d sasaran strategis dalam Perjanjian Kinerja "
	        "Tahun %d beserta capaian, analisis, dan realisasi anggarannya.\n\n"
	        "Kami menyadari laporan ini masih memiliki kekurangan. Saran dan masukan "
	        "sangat kami harapkan untuk perbaikan kinerja pada tahun-tahun berikutnya.",
	        L->agency, L->year, L->n_inds, L->n_sasaran, L->year);
	narrative(L, d, LKJ_PENGANTAR, fallback);
	signature(L, d);
}

/* The width of a text in a font, in points. */
static double text_width(cairo_t *cr, const char *font, const char *text)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	pango_cairo_context_set_resolution(pango_layout_get_context(l), 72);
	pango_layout_context_changed(l);
	PangoFontDescription *f = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, f);
	pango_layout_set_text(l, text, -1);
	int w, h;
	pango_layout_get_size(l, &w, &h);
	pango_font_description_free(f);
	g_object_unref(l);
	return (double)w / PANGO_SCALE;
}

/* The Daftar Isi: each mark of the first pass with its page, dotted leaders between. */
static void daftar_isi(Lkj *L, Doc *d)
{
	doc_mark(d, 1, "DAFTAR ISI");
	doc_text(d, DOC_H1, DOC_CENTER, "DAFTAR ISI");
	doc_space(d, 14);
	double lh = doc_text_height(d, DOC_BODY, doc_width(d), "X") + 4;
	for (int i = 0; i < L->n_toc; i++) {
		const DocMark *m = &L->toc[i];
		if (m->level > 2)
			continue;
		char page[24];
		if (i < L->n_front)
			doc_roman(page, sizeof page, m->page);
		else
			snprintf(page, sizeof page, "%d", m->page);
		doc_need(d, lh);
		double x = doc_left(d), y = doc_y(d), w = doc_width(d);
		double indent = m->level == 1 ? 0 : 18, num_w = 36;
		DocStyle s = m->level == 1 ? DOC_BOLD : DOC_BODY;
		doc_text_xy(d, s, DOC_LEFT, x + indent, y, w - indent - num_w - 10, m->title);
		doc_text_xy(d, DOC_BODY, DOC_RIGHT, x + w - num_w, y, num_w, page);
		cairo_t *cr = doc_cairo(d);
		double tw = text_width(
		        cr, m->level == 1 ? "Liberation Serif Bold 11" : "Liberation Serif 11",
		        m->title);
		double pw = text_width(cr, "Liberation Serif 11", page);
		double x0 = x + indent + tw + 6, x1 = x + w - pw - 6;
		if (x1 > x0) {
			static const double dots[] = {0.6, 3};
			cairo_save(cr);
			cairo_set_dash(cr, dots, 2, 0);
			cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
			cairo_set_line_width(cr, 0.8);
			cairo_move_to(cr, x0, y + lh - 7);
			cairo_line_to(cr, x1, y + lh - 7);
			cairo_stroke(cr);
			cairo_restore(cr);
		}
		doc_space(d, lh);
	}
}

/* How many indicators fall in each category, for the Ikhtisar's table. */
static void category_table(Lkj *L, Doc *d)
{
	static const char *const head[] = {"Kategori capaian", "Jumlah indikator"};
	DocTable t = {
	        .n_cols = 2, .widths = {260, 120}, .head = head, .align = {DOC_LEFT, DOC_RIGHT}};
	doc_table_begin(d, &t);
	for (size_t c = 0; c < kpi_permendagri_86_count; c++) {
		const char *label = kpi_permendagri_86[c].label;
		int n = 0;
		for (int i = 0; i < L->n_inds; i++)
			n += L->inds[i].cat && strcmp(L->inds[i].cat, label) == 0;
		const char *row[] = {arena_printf(&L->a, "%s (capaian %s %s%%)", label,
		                                  c + 1 < kpi_permendagri_86_count ? ">=" : "<",
		                                  num(L,
		                                      c + 1 < kpi_permendagri_86_count
		                                              ? kpi_permendagri_86[c].min
		                                              : kpi_permendagri_86[c - 1].min,
		                                      0)),
		                     arena_printf(&L->a, "%d", n)};
		doc_table_row(d, row, 0);
	}
	int none = L->n_inds - L->n_verified, undefined = 0;
	for (int i = 0; i < L->n_inds; i++)
		undefined += L->inds[i].verified && !L->inds[i].has_cap;
	if (undefined) {
		const char *row[] = {"Capaian tidak terdefinisi",
		                     arena_printf(&L->a, "%d", undefined)};
		doc_table_row(d, row, 0);
	}
	const char *row[] = {"Belum ada data terverifikasi", arena_printf(&L->a, "%d", none)};
	doc_table_row(d, row, 0);
	const char *total[] = {"Jumlah", arena_printf(&L->a, "%d", L->n_inds)};
	doc_table_row(d, total, DOC_ROW_BOLD);
	doc_table_end(d);
}

static void ikhtisar(Lkj *L, Doc *d)
{
	Buf t = BUF_INIT;
	buf_printf(&t,
	           "Pada Tahun %d, %s menetapkan %d indikator kinerja untuk %d sasaran strategis "
	           "dalam Perjanjian Kinerja. ",
	           L->year, L->agency, L->n_inds, L->n_sasaran);
	if (L->n_verified == 0)
		buf_printf(&t, "Sampai laporan ini disusun belum ada data terverifikasi untuk "
		               "menilai capaiannya.");
	else
		buf_printf(
		        &t,
		        "Dari %d indikator yang telah memiliki data realisasi terverifikasi (%s), "
		        "%d indikator mencapai atau melampaui target (capaian 100%% atau lebih) "
		        "dan "
		        "%d indikator belum mencapai target; %d indikator belum memiliki data "
		        "terverifikasi.",
		        L->n_verified, period_words(L), L->n_reached, L->n_verified - L->n_reached,
		        L->n_inds - L->n_verified);
	if (L->has_avg)
		buf_printf(&t, " Rata-rata capaian kinerja adalah %s%%.", num(L, L->avg, 2));
	if (L->has_pagu && L->has_spent)
		buf_printf(&t, "\n\nRealisasi anggaran %s dari pagu %s (penyerapan %s%%).",
		           rupiah(L, L->spent), rupiah(L, L->pagu),
		           L->has_absorb ? num(L, L->absorb, 2) : "-");
	doc_mark(d, 1, "IKHTISAR EKSEKUTIF");
	doc_text(d, DOC_H1, DOC_CENTER, "IKHTISAR EKSEKUTIF");
	doc_space(d, 14);
	narrative(L, d, LKJ_IKHTISAR, buf_str(&t));
	buf_free(&t);
	doc_space(d, 6);
	doc_text(d, DOC_BOLD, DOC_LEFT,
	         arena_printf(&L->a, "Sebaran capaian indikator kinerja (%s)", period_words(L)));
	doc_space(d, 4);
	category_table(L, d);
}

static void pendahuluan(Lkj *L, Doc *d)
{
	bab(d, "BAB I PENDAHULUAN");
	char *fallback = arena_printf(
	        &L->a,
	        "%s merupakan perangkat daerah %s yang menyelenggarakan urusan pemerintahan sesuai "
	        "tugas dan fungsinya. Laporan Kinerja ini disusun untuk mempertanggungjawabkan "
	        "pencapaian sasaran strategis Tahun %d kepada pimpinan dan masyarakat, serta "
	        "menjadi bahan perbaikan perencanaan dan pelaksanaan program.\n\n"
	        "Sistematika penyajian: Bab I Pendahuluan menjelaskan latar belakang dan susunan "
	        "organisasi; Bab II Perencanaan Kinerja memuat Rencana Strategis dan Perjanjian "
	        "Kinerja; Bab III Akuntabilitas Kinerja menyajikan capaian kinerja, analisisnya "
	        "dan realisasi anggaran; Bab IV Penutup memuat simpulan. Perjanjian Kinerja "
	        "dilampirkan.",
	        L->agency, L->pemda, L->year);
	narrative(L, d, LKJ_PENDAHULUAN, fallback);
	sub(d, "Susunan Organisasi", false);
	DbStmt *st = db_prepare(L->db, "SELECT u.name, p.title FROM unit u"
	                               " LEFT JOIN position p ON p.unit_id=u.id AND p.is_head=1"
	                               " WHERE u.agency_id=:a ORDER BY u.id, p.id");
	db_bind_int(st, ":a", L->agency_id);
	static const char *const head[] = {"No", "Unit kerja", "Dipimpin oleh"};
	DocTable t = {.n_cols = 3, .widths = {26, 250, 205.9}, .head = head};
	doc_table_begin(d, &t);
	int k = 0;
	while (db_step(st) == DB_ROW) {
		const char *row[] = {arena_printf(&L->a, "%d", ++k), db_col_text(st, 0),
		                     db_col_null(st, 1) ? "-" : db_col_text(st, 1)};
		doc_table_row(d, row, 0);
	}
	db_finalize(st);
	doc_table_end(d);
}

/* The PK table: sasaran (once per group), indicator, satuan, the year's target. */
static void pk_table(Lkj *L, Doc *d)
{
	if (L->n_inds == 0) {
		doc_text(d, DOC_BODY, DOC_LEFT, "Belum ada indikator kinerja yang ditetapkan.");
		return;
	}
	const char *target_head = arena_printf(&L->a, "Target %d", L->year);
	const char *head[] = {"No", "Sasaran Strategis", "Indikator Kinerja", "Satuan",
	                      target_head};
	DocTable t = {.n_cols = 5,
	              .widths = {24, 140, 190, 52, 75.9},
	              .head = head,
	              .align = {DOC_LEFT, DOC_LEFT, DOC_LEFT, DOC_LEFT, DOC_RIGHT}};
	doc_table_begin(d, &t);
	const char *last = NULL;
	for (int i = 0; i < L->n_inds; i++) {
		const Ind *x = &L->inds[i];
		bool same = i > 0 && ((last && x->sasaran && strcmp(last, x->sasaran) == 0) ||
		                      (!last && !x->sasaran));
		const char *row[] = {arena_printf(&L->a, "%d", i + 1),
		                     same ? "" : (x->sasaran ? x->sasaran : "-"),
		                     arena_printf(&L->a, "%s %s", x->code, x->name), x->satuan,
		                     x->has_t_year ? value_of(L, x, x->t_year) : "-"};
		doc_table_row(d, row, 0);
		last = x->sasaran;
	}
	doc_table_end(d);
}

/* The PK's versions: the awal and each perubahan with its reason. */
static void pk_versions(Lkj *L, Doc *d)
{
	DbStmt *st = db_prepare(L->db, "SELECT version, kind, reason, created_at FROM pk"
	                               " WHERE agency_id=:a AND year=:y ORDER BY version");
	db_bind_int(st, ":a", L->agency_id);
	db_bind_int(st, ":y", L->year);
	Buf t = BUF_INIT;
	int n = 0;
	while (db_step(st) == DB_ROW) {
		char iso[11];
		wf_local_today(L->wf, L->agency_id, (time_t)db_col_int(st, 3), iso);
		Buf date = BUF_INIT;
		fmt_date_id(&date, iso);
		bool awal = strcmp(db_col_text(st, 1), "awal") == 0;
		buf_printf(&t, "%sVersi %lld (%s, %s)%s%s", n ? "; " : "",
		           (long long)db_col_int(st, 0), awal ? "PK awal" : "PK perubahan",
		           buf_str(&date), db_col_null(st, 2) ? "" : ": ",
		           db_col_null(st, 2) ? "" : db_col_text(st, 2));
		buf_free(&date);
		n++;
	}
	db_finalize(st);
	if (n == 0)
		doc_text(d, DOC_BODY, DOC_JUSTIFY,
		         arena_printf(&L->a, "Perjanjian Kinerja Tahun %d belum ditetapkan.",
		                      L->year));
	else
		doc_text(d, DOC_BODY, DOC_JUSTIFY,
		         arena_printf(
		                 &L->a,
		                 "Perjanjian Kinerja Tahun %d tercatat dalam %d versi. %s. Tabel "
		                 "berikut memuat target versi terakhir (versi %d).",
		                 L->year, n, buf_str(&t), n));
	buf_free(&t);
	doc_space(d, 6);
}

static void perencanaan(Lkj *L, Doc *d)
{
	bab(d, "BAB II PERENCANAAN KINERJA");
	doc_text(d, DOC_BODY, DOC_JUSTIFY,
	         arena_printf(&L->a,
	                      "Perencanaan kinerja %s berpedoman pada Rencana Strategis (Renstra) "
	                      "perangkat daerah dan dijabarkan setiap tahun dalam Perjanjian "
	                      "Kinerja (PK) antara kepala perangkat daerah dan kepala daerah.",
	                      L->agency));
	sub(d, "A. Rencana Strategis", true);
	int with_renstra = 0;
	for (int i = 0; i < L->n_inds; i++)
		with_renstra += L->inds[i].has_renstra;
	if (!with_renstra) {
		doc_text(d, DOC_BODY, DOC_LEFT, "Belum ada target Renstra yang tercatat.");
	} else {
		static const char *const head[] = {"No", "Indikator Kinerja", "Satuan",
		                                   "Target akhir Renstra", "Tahun akhir"};
		DocTable t = {.n_cols = 5,
		              .widths = {24, 250, 60, 82, 65.9},
		              .head = head,
		              .align = {DOC_LEFT, DOC_LEFT, DOC_LEFT, DOC_RIGHT, DOC_RIGHT}};
		doc_table_begin(d, &t);
		int k = 0;
		for (int i = 0; i < L->n_inds; i++) {
			const Ind *x = &L->inds[i];
			if (!x->has_renstra)
				continue;
			const char *row[] = {arena_printf(&L->a, "%d", ++k),
			                     arena_printf(&L->a, "%s %s", x->code, x->name),
			                     x->satuan, value_of(L, x, x->renstra),
			                     arena_printf(&L->a, "%d", x->renstra_end)};
			doc_table_row(d, row, 0);
		}
		doc_table_end(d);
	}
	sub(d, "B. Perjanjian Kinerja", true);
	pk_versions(L, d);
	pk_table(L, d);
}

static void rgb_of(const char *hex, double *r, double *g, double *b)
{
	unsigned v = 0x0b3d6e;
	if (hex && hex[0] == '#' && strlen(hex) == 7)
		v = (unsigned)strtoul(hex + 1, NULL, 16);
	*r = ((v >> 16) & 255) / 255.0;
	*g = ((v >> 8) & 255) / 255.0;
	*b = (v & 255) / 255.0;
}

enum { SCALE_MAX = 150 };

/* Capaian per indicator as horizontal bars with the 100% line, as on the web's recap. */
static void chart(Lkj *L, Doc *d)
{
	const double bar_h = 15, top = 16, label_w = 62, right = 64;
	int i = 0;
	while (i < L->n_inds) {
		int fit = (int)((doc_remaining(d) - top - 30) / bar_h);
		if (fit < 5) {
			doc_page_break(d);
			continue;
		}
		int k = fit < L->n_inds - i ? fit : L->n_inds - i;
		double x, y, w, h = top + k * bar_h + 6;
		cairo_t *cr = doc_area(d, h, &x, &y, &w);
		double px = x + label_w, pw = w - label_w - right;
		cairo_save(cr);
		/* The scale: 0, 50, 100, 150 % */
		for (int v = 0; v <= SCALE_MAX; v += 50) {
			double gx = px + pw * v / SCALE_MAX;
			cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
			cairo_set_line_width(cr, 0.5);
			cairo_move_to(cr, gx, y + top - 2);
			cairo_line_to(cr, gx, y + h);
			cairo_stroke(cr);
			cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
			doc_text_xy(d, DOC_SMALL, DOC_CENTER, gx - 20, y, 40,
			            arena_printf(&L->a, "%d%%", v));
		}
		for (int j = 0; j < k; j++) {
			const Ind *ind = &L->inds[i + j];
			double by = y + top + j * bar_h;
			cairo_set_source_rgb(cr, 0, 0, 0);
			doc_text_xy(d, DOC_SMALL, DOC_LEFT, x, by + 2, label_w - 4, ind->code);
			if (!ind->has_cap) {
				cairo_set_source_rgb(cr, 0.4, 0.4, 0.4);
				doc_text_xy(d, DOC_SMALL, DOC_LEFT, px + 3, by + 2, pw,
				            ind->verified ? "capaian tidak terdefinisi"
				                          : "belum ada data terverifikasi");
				continue;
			}
			double v = ind->cap < 0 ? 0 : ind->cap > SCALE_MAX ? SCALE_MAX : ind->cap;
			double r, g, b;
			rgb_of(ind->color, &r, &g, &b);
			cairo_set_source_rgb(cr, r, g, b);
			cairo_rectangle(cr, px, by + 2, pw * v / SCALE_MAX, bar_h - 4);
			cairo_fill(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
			doc_text_xy(d, DOC_SMALL, DOC_LEFT, px + pw * v / SCALE_MAX + 3, by + 2,
			            right + 20, arena_printf(&L->a, "%s%%", num(L, ind->cap, 2)));
		}
		/* The 100% line. */
		static const double dash[] = {4, 3};
		double x100 = px + pw * 100 / SCALE_MAX;
		cairo_set_source_rgb(cr, 0.78, 0.16, 0.16);
		cairo_set_line_width(cr, 1);
		cairo_set_dash(cr, dash, 2, 0);
		cairo_move_to(cr, x100, y + top - 2);
		cairo_line_to(cr, x100, y + h);
		cairo_stroke(cr);
		cairo_restore(cr);
		i += k;
	}
	doc_space(d, 4);
	doc_text(d, DOC_SMALL, DOC_CENTER,
	         arena_printf(&L->a,
	                      "Grafik 3.1 Capaian per indikator %s (garis merah: target 100%%; "
	                      "warna menurut kategori Permendagri 86/2017)",
	                      period_words(L)));
}

/* The realisation of an indicator for a cell: its value, or why there is none. */
static const char *actual_cell(Lkj *L, const Ind *x)
{
	if (!x->verified || !x->has_r)
		return "belum ada data terverifikasi";
	if (x->actual_label)
		return x->actual_label;
	return value_of(L, x, x->r);
}

/* Per sasaran: each indicator's target, realisation, capaian and category. */
static void capaian_tables(Lkj *L, Doc *d)
{
	const char *head[] = {"No",        "Indikator Kinerja", "Satuan",  "Target",
	                      "Realisasi", "Capaian (%)",       "Kategori"};
	DocTable t = {
	        .n_cols = 7,
	        .widths = {22, 160, 46, 62, 72, 55, 64.9},
	        .head = head,
	        .style = DOC_SMALL,
	        .align = {DOC_LEFT, DOC_LEFT, DOC_LEFT, DOC_RIGHT, DOC_RIGHT, DOC_RIGHT, DOC_LEFT}};
	int n_group = 0;
	for (int i = 0; i < L->n_inds; i++) {
		const Ind *x = &L->inds[i];
		bool first = i == 0 || !((L->inds[i - 1].sasaran && x->sasaran &&
		                          strcmp(L->inds[i - 1].sasaran, x->sasaran) == 0) ||
		                         (!L->inds[i - 1].sasaran && !x->sasaran));
		if (first) {
			if (i > 0)
				doc_table_end(d);
			doc_space(d, 6);
			doc_need(d, 70);
			doc_text(d, DOC_BOLD, DOC_LEFT,
			         arena_printf(&L->a, "Sasaran %d: %s", ++n_group,
			                      x->sasaran ? x->sasaran : "(tanpa sasaran)"));
			doc_space(d, 3);
			doc_table_begin(d, &t);
		}
		const char *row[] = {arena_printf(&L->a, "%d", i + 1),
		                     arena_printf(&L->a, "%s %s", x->code, x->name),
		                     x->satuan,
		                     x->has_t ? value_of(L, x, x->t) : "-",
		                     actual_cell(L, x),
		                     x->has_cap ? num(L, x->cap, 2) : "-",
		                     x->has_cap ? (x->cat ? x->cat : "-")
		                                : (x->why ? x->why : "-")};
		doc_table_row(d, row, 0);
	}
	if (L->n_inds)
		doc_table_end(d);
}

/* Against the two years before and the Renstra's end target. */
static void comparison_table(Lkj *L, Doc *d)
{
	const char *head[] = {"No",
	                      "Indikator",
	                      arena_printf(&L->a, "Realisasi %d", L->year - 2),
	                      arena_printf(&L->a, "Realisasi %d", L->year - 1),
	                      L->period == 4 ? arena_printf(&L->a, "Realisasi %d", L->year)
	                                     : arena_printf(&L->a, "Realisasi %d (%s)", L->year,
	                                                    kpi_period_name(L->period)),
	                      "Target akhir Renstra",
	                      "Capaian thd Renstra (%)"};
	DocTable t = {.n_cols = 7,
	              .widths = {22, 150, 60, 60, 66, 62, 61.9},
	              .head = head,
	              .style = DOC_SMALL,
	              .align = {DOC_LEFT, DOC_LEFT, DOC_RIGHT, DOC_RIGHT, DOC_RIGHT, DOC_RIGHT,
	                        DOC_RIGHT}};
	doc_table_begin(d, &t);
	for (int i = 0; i < L->n_inds; i++) {
		const Ind *x = &L->inds[i];
		const char *row[] = {arena_printf(&L->a, "%d", i + 1),
		                     arena_printf(&L->a, "%s %s", x->code, x->name),
		                     x->has_p2 ? value_of(L, x, x->p2) : "-",
		                     x->has_p1 ? value_of(L, x, x->p1) : "-",
		                     actual_cell(L, x),
		                     x->has_renstra ? arena_printf(&L->a, "%s (%d)",
		                                                   value_of(L, x, x->renstra),
		                                                   x->renstra_end)
		                                    : "-",
		                     x->has_rp ? num(L, x->rp, 2) : "-"};
		doc_table_row(d, row, 0);
	}
	doc_table_end(d);
}

/* The default analysis: a sentence per indicator from its numbers. */
static char *default_analysis(Lkj *L)
{
	Buf t = BUF_INIT;
	if (L->n_verified == 0)
		buf_printf(&t, "Belum ada data terverifikasi untuk dianalisis.");
	for (int i = 0; i < L->n_inds; i++) {
		const Ind *x = &L->inds[i];
		if (!x->verified)
			continue;
		if (t.len)
			buf_puts(&t, "\n\n");
		buf_printf(&t, "%s (%s): realisasi %s %s", x->code, x->name, actual_cell(L, x),
		           x->satuan);
		if (x->has_t)
			buf_printf(&t, " terhadap target %s", value_of(L, x, x->t));
		if (x->has_cap)
			buf_printf(&t, ", capaian %s%% (%s)", num(L, x->cap, 2),
			           x->cat ? x->cat : "-");
		else if (x->why)
			buf_printf(&t, "; capaian tidak dapat dihitung (%s)", x->why);
		buf_puts(&t, ".");
		if (x->has_p1 && x->has_r && !x->scale_id && L->period == 4) {
			double diff = x->r - x->p1;
			buf_printf(&t, " Dibanding Tahun %d (%s), realisasi %s %s.", L->year - 1,
			           value_of(L, x, x->p1),
			           diff > 0   ? "naik"
			           : diff < 0 ? "turun"
			                      : "tetap",
			           diff != 0 ? num(L, fabs(diff), 2) : "");
		}
		if (x->has_rp)
			buf_printf(&t, " Terhadap target akhir Renstra %d, capaian %s%%.",
			           x->renstra_end, num(L, x->rp, 2));
	}
	char *s = arena_strdup(&L->a, buf_str(&t));
	buf_free(&t);
	return s;
}

static void anggaran(Lkj *L, Doc *d)
{
	sub(d, "B. Realisasi Anggaran", true);
	int64_t pk = db_int(L->db, 0,
	                    "SELECT id FROM pk WHERE agency_id=:a AND year=:y ORDER BY version DESC"
	                    " LIMIT 1",
	                    DB_INT(":a", L->agency_id), DB_INT(":y", L->year), DB_END);
	if (!L->has_pagu) {
		doc_text(d, DOC_BODY, DOC_LEFT, "Belum ada data anggaran (pagu) yang tercatat.");
		return;
	}
	static const char *const head[] = {"No",        "Kode",      "Program",
	                                   "Pagu (Rp)", "Realisasi", "Serapan (%)"};
	DocTable t = {.n_cols = 6,
	              .widths = {22, 50, 160, 95, 95, 59.9},
	              .head = head,
	              .style = DOC_SMALL,
	              .align = {DOC_LEFT, DOC_LEFT, DOC_LEFT, DOC_RIGHT, DOC_RIGHT, DOC_RIGHT}};
	doc_table_begin(d, &t);
	/* Each programme with its latest spending up to the period, as the recap counts it. */
	DbStmt *st = db_prepare(
	        L->db, "SELECT b.code, b.name, b.pagu, (SELECT r.amount FROM budget_realisasi r"
	               "  WHERE r.agency_id=:a AND r.year=:y AND r.code=b.code AND r.period <= :p"
	               "  ORDER BY r.period DESC LIMIT 1)"
	               " FROM pk_budget b WHERE b.pk_id=:k ORDER BY b.code");
	db_bind_int(st, ":a", L->agency_id);
	db_bind_int(st, ":y", L->year);
	db_bind_text(st, ":p", kpi_period_name(L->period));
	db_bind_int(st, ":k", pk);
	int k = 0;
	while (db_step(st) == DB_ROW) {
		double pagu = db_col_double(st, 2);
		bool spent = !db_col_null(st, 3);
		KpiResult ab = kpi_absorption(pagu, spent, db_col_double(st, 3));
		const char *row[] = {arena_printf(&L->a, "%d", ++k),
		                     db_col_text(st, 0),
		                     db_col_text(st, 1),
		                     rupiah(L, pagu),
		                     spent ? rupiah(L, db_col_double(st, 3)) : "-",
		                     ab.status == KPI_OK ? num(L, ab.capaian, 2) : "-"};
		doc_table_row(d, row, 0);
	}
	db_finalize(st);
	const char *total[] = {"",
	                       "",
	                       "Jumlah",
	                       rupiah(L, L->pagu),
	                       L->has_spent ? rupiah(L, L->spent) : "-",
	                       L->has_absorb ? num(L, L->absorb, 2) : "-"};
	doc_table_row(d, total, DOC_ROW_BOLD | DOC_ROW_SHADE);
	doc_table_end(d);
	doc_space(d, 8);
	if (L->has_avg && L->has_absorb && L->has_eff)
		doc_text(d, DOC_BODY, DOC_JUSTIFY,
		         arena_printf(
		                 &L->a,
		                 "Efisiensi: rata-rata capaian kinerja %s%% dengan penyerapan "
		                 "anggaran %s%% (%s) memberikan nilai efisiensi %s. Nilai di atas "
		                 "1 berarti capaian per rupiah lebih tinggi dari yang "
		                 "direncanakan.",
		                 num(L, L->avg, 2), num(L, L->absorb, 2), period_words(L),
		                 num(L, L->eff, 3)));
	else
		doc_text(d, DOC_BODY, DOC_JUSTIFY,
		         "Efisiensi belum dapat dihitung: belum ada capaian terverifikasi atau "
		         "realisasi "
		         "anggaran.");
}

static void akuntabilitas(Lkj *L, Doc *d)
{
	bab(d, "BAB III AKUNTABILITAS KINERJA");
	sub(d, "A. Capaian Kinerja Organisasi", true);
	doc_text(d, DOC_BODY, DOC_JUSTIFY,
	         arena_printf(
	                 &L->a,
	                 "Capaian kinerja diukur dengan membandingkan realisasi dengan target "
	                 "setiap indikator menurut rumus capaian indikator itu, dan dikategorikan "
	                 "menurut Permendagri 86/2017. Angka di bawah %s; hanya data yang telah "
	                 "diverifikasi yang disajikan.",
	                 L->period == 4 ? arena_printf(&L->a, "untuk Tahun %d", L->year)
	                                : arena_printf(&L->a,
	                                               "adalah data %s (data tahunan belum "
	                                               "lengkap)",
	                                               period_words(L))));
	if (L->n_inds == 0) {
		doc_text(d, DOC_BODY, DOC_LEFT,
		         "Belum ada indikator kinerja: belum ada data terverifikasi.");
	} else {
		if (L->n_verified == 0) {
			doc_space(d, 4);
			doc_text(d, DOC_BOLD, DOC_LEFT, "Belum ada data terverifikasi.");
		}
		capaian_tables(L, d);
		sub(d, "Perbandingan dengan tahun sebelumnya dan target akhir Renstra", false);
		comparison_table(L, d);
		sub(d, "Grafik capaian", false);
		chart(L, d);
	}
	sub(d, "Analisis capaian kinerja", false);
	narrative(L, d, LKJ_ANALISIS, default_analysis(L));
	anggaran(L, d);
}

static void penutup(Lkj *L, Doc *d)
{
	bab(d, "BAB IV PENUTUP");
	Buf t = BUF_INIT;
	buf_printf(&t, "Laporan Kinerja %s Tahun %d menyajikan capaian %d indikator kinerja. ",
	           L->agency, L->year, L->n_inds);
	if (L->n_verified)
		buf_printf(&t, "Dari %d indikator dengan data terverifikasi, %d mencapai target. ",
		           L->n_verified, L->n_reached);
	Buf behind = BUF_INIT;
	for (int i = 0; i < L->n_inds; i++)
		if (L->inds[i].has_cap && L->inds[i].cap < 100)
			buf_printf(&behind, "%s%s", behind.len ? ", " : "", L->inds[i].code);
	if (behind.len)
		buf_printf(&t,
		           "Indikator yang belum mencapai target (%s) menjadi perhatian dalam "
		           "perencanaan dan pelaksanaan program tahun berikutnya. ",
		           buf_str(&behind));
	buf_printf(&t, "Laporan ini diharapkan menjadi bahan evaluasi dan perbaikan kinerja "
	               "secara berkelanjutan.");
	narrative(L, d, LKJ_PENUTUP, buf_str(&t));
	buf_free(&t);
	buf_free(&behind);
}

static void lampiran(Lkj *L, Doc *d)
{
	bab(d, "LAMPIRAN");
	const char *title = arena_printf(&L->a, "Perjanjian Kinerja Tahun %d", L->year);
	doc_mark(d, 2, title);
	doc_text(d, DOC_H2, DOC_CENTER,
	         arena_printf(&L->a, "PERJANJIAN KINERJA TAHUN %d\n%s", L->year, L->agency));
	doc_space(d, 10);
	pk_versions(L, d);
	pk_table(L, d);
	if (L->has_pagu) {
		doc_space(d, 10);
		doc_text(d, DOC_BOLD, DOC_LEFT, "Program dan anggaran");
		doc_space(d, 3);
		int64_t pk = db_int(L->db, 0,
		                    "SELECT id FROM pk WHERE agency_id=:a AND year=:y"
		                    " ORDER BY version DESC LIMIT 1",
		                    DB_INT(":a", L->agency_id), DB_INT(":y", L->year), DB_END);
		static const char *const head[] = {"No", "Program", "Anggaran"};
		DocTable t = {.n_cols = 3,
		              .widths = {24, 330, 127.9},
		              .head = head,
		              .align = {DOC_LEFT, DOC_LEFT, DOC_RIGHT}};
		doc_table_begin(d, &t);
		DbStmt *st = db_prepare(L->db, "SELECT code, name, pagu FROM pk_budget"
		                               " WHERE pk_id=:k ORDER BY code");
		db_bind_int(st, ":k", pk);
		int k = 0;
		while (db_step(st) == DB_ROW) {
			const char *row[] = {arena_printf(&L->a, "%d", ++k),
			                     arena_printf(&L->a, "%s %s", db_col_text(st, 0),
			                                  db_col_text(st, 1)),
			                     rupiah(L, db_col_double(st, 2))};
			doc_table_row(d, row, 0);
		}
		db_finalize(st);
		const char *total[] = {"", "Jumlah", rupiah(L, L->pagu)};
		doc_table_row(d, total, DOC_ROW_BOLD);
		doc_table_end(d);
	}
}

/* One pass: the whole document into out; with L->toc the Daftar Isi is filled in. */
static int render(Lkj *L, Buf *out, bool keep_marks, Buf *err)
{
	Doc *d = doc_new(DOC_PDF, false, 0, out);
	const char *title = arena_printf(&L->a, "Laporan Kinerja Instansi Pemerintah Tahun %d - %s",
	                                 L->year, L->agency);
	doc_meta(d, title, L->agency, arena_printf(&L->a, "LKjIP %d", L->year),
	         arena_printf(&L->a, "sakip:lkj:%s:%d%s%s", L->agency_code, L->year,
	                      L->seal ? " sakip:" : ":konsep", L->seal ? L->seal->hash : ""));
	/* No clock in the file: its dates are the document's own. */
	struct tm tm;
	gmtime_r(&L->doc_time, &tm);
	char when[32];
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%S", &tm);
	cairo_surface_t *surface = cairo_get_target(doc_cairo(d));
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, when);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, when);
	const char *footer = arena_printf(&L->a, "%sLKjIP Tahun %d - %s",
	                                  L->seal ? "" : "KONSEP - ", L->year, L->agency_code);
	cover(L, d);
	doc_page_break(d);
	doc_footer(d, footer, true, 1);
	doc_footer_roman(d, true);
	pengantar(L, d);
	doc_page_break(d);
	daftar_isi(L, d);
	int n_front;
	doc_marks(d, &n_front);
	/* The body: numbered from 1 on a fresh page. */
	doc_page_break(d);
	doc_footer(d, footer, true, 1);
	ikhtisar(L, d);
	pendahuluan(L, d);
	perencanaan(L, d);
	akuntabilitas(L, d);
	penutup(L, d);
	lampiran(L, d);
	if (keep_marks) {
		int n;
		const DocMark *m = doc_marks(d, &n);
		L->toc = arena_alloc(&L->a, sizeof *L->toc * (size_t)(n ? n : 1));
		for (int i = 0; i < n; i++)
			L->toc[i] =
			        (DocMark){m[i].level, m[i].page, arena_strdup(&L->a, m[i].title)};
		L->n_toc = n;
		L->n_front = n_front;
	}
	int rc = doc_finish(d, err);
	doc_free(d);
	return rc;
}

static int lkj_render(Wf *wf, int64_t agency_id, int year, int64_t case_id, const DocSeal *seal,
                      Buf *pdf, Buf *err)
{
	Lkj L = {0};
	L.wf = wf;
	L.db = wf_db(wf);
	L.seal = seal;
	L.agency_id = agency_id;
	L.year = year;
	L.case_id = case_id;
	int rc = -1;
	if (year < 1900 || year > 9999) {
		buf_printf(err, "year %d is not a year\n", year);
		goto cleanup;
	}
	if (lkj_load(&L, err) != 0)
		goto cleanup;
	/* First pass: where the marks fall; second: the same with the Daftar Isi filled in. */
	Buf scratch = BUF_INIT;
	rc = render(&L, &scratch, true, err);
	buf_free(&scratch);
	if (rc == 0)
		rc = render(&L, pdf, false, err);
cleanup:
	lkj_free(&L);
	return rc;
}

int report_lkj(Wf *wf, int64_t agency_id, int year, const DocSeal *seal, Buf *pdf, Buf *err)
{
	return lkj_render(wf, agency_id, year, 0, seal, pdf, err);
}

int report_lkj_case(Wf *wf, int64_t case_id, const DocSeal *seal, Buf *pdf, Buf *err)
{
	int64_t agency = 0;
	int year = 0;
	if (lkj_case_year(wf_db(wf), case_id, &agency, &year, err) != 0)
		return -1;
	return lkj_render(wf, agency, year, case_id, seal, pdf, err);
}
