/*
** doc_case.c: the documents of a case, drawn from the case and the data
** with doc.h:
**
**   report_nota_dinas   the Nota Dinas / surat permintaan data of a
**                       collection (seed 001) or of a correction (seed 000):
**                       to the group actor's units, each unit's indicators,
**                       the period and the deadline of the data step
**   report_sk_tim       the Keputusan forming the Tim Penyusunan LKj (seed 002)
**                       with its members in a Lampiran
**   report_format_data  seed 003's package: the surat pemberitahuan, the SK
**                       Pengumpulan Data Kinerja and the blank data format
**   report_recap        a collection's values per unit against the PK with
**                       capaian and category (units that did not answer
**                       marked), or a correction case's before -> after
**
** Every renderer reads, never writes. The letter's date is the case's
** start (local to the agency), the recap's the newest value it lists, and
** the PDF's creation date is fixed from the case: the same case and data
** give the same bytes, so a draft's hash can be checked again. A seal
** (report.h) adds the QR code of the signature and the paraf list.
**
** It does not decide when a document is drafted or sealed (report.c), nor
** sign anything (report_sign.c). The schema has no agency address or city:
** the kop has no address line and the place of the date line is the
** capital of the agency's pemda (see report_place).
*/
#include "kpi.h"
#include "report.h"

#include <cairo-pdf.h>
#include <glib.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

/* A position that plays an actor, with its holder (name NULL when vacant). */
typedef struct Official {
	int64_t position_id, unit_id;
	const char *title, *unit;      /* the position's title, its unit's name */
	const char *name, *nip, *rank; /* rank with golongan: "Pembina (IV/a)" */
} Official;

/* What every renderer knows about its case; strings live in a. */
typedef struct CaseDoc {
	Wf *wf;
	Db *db;
	Arena a;
	int64_t id, agency_id;
	const char *subject, *period_text, *status;
	time_t started_at;
	const Sop *sop;
	const char *agency, *agency_code, *pemda, *place;
	WfCalendar cal;   /* the agency's zone, for dates and times (no holidays needed) */
	int year, period; /* from the case's period text; period -1 when it names none */
	const DocSeal *seal;
} CaseDoc;

/* ---- reading the case ---------------------------------------------------- */

static void case_close(CaseDoc *cd)
{
	wf_cal_free(&cd->cal);
	arena_free(&cd->a);
}

/*
** The capital of a pemda, for the "Pontianak, 02 Januari 2023" line: the
** schema keeps no city, so it is derived from the pemda's name. Provinces
** by their capitals, the demo kabupaten by theirs; any other Kota or
** Kabupaten by its own name (most kabupaten seats differ: add them here).
*/
const char *report_place(Arena *a, const char *pemda)
{
	static const char *const capitals[][2] = {
	        {"Provinsi Aceh", "Banda Aceh"},
	        {"Provinsi Sumatera Utara", "Medan"},
	        {"Provinsi Sumatera Barat", "Padang"},
	        {"Provinsi Riau", "Pekanbaru"},
	        {"Provinsi Kepulauan Riau", "Tanjungpinang"},
	        {"Provinsi Jambi", "Jambi"},
	        {"Provinsi Sumatera Selatan", "Palembang"},
	        {"Provinsi Kepulauan Bangka Belitung", "Pangkalpinang"},
	        {"Provinsi Bengkulu", "Bengkulu"},
	        {"Provinsi Lampung", "Bandar Lampung"},
	        {"Provinsi DKI Jakarta", "Jakarta"},
	        {"Provinsi Daerah Khusus Ibukota Jakarta", "Jakarta"},
	        {"Provinsi Jawa Barat", "Bandung"},
	        {"Provinsi Banten", "Serang"},
	        {"Provinsi Jawa Tengah", "Semarang"},
	        {"Provinsi Daerah Istimewa Yogyakarta", "Yogyakarta"},
	        {"Provinsi Jawa Timur", "Surabaya"},
	        {"Provinsi Bali", "Denpasar"},
	        {"Provinsi Nusa Tenggara Barat", "Mataram"},
	        {"Provinsi Nusa Tenggara Timur", "Kupang"},
	        {"Provinsi Kalimantan Barat", "Pontianak"},
	        {"Provinsi Kalimantan Tengah", "Palangka Raya"},
	        {"Provinsi Kalimantan Selatan", "Banjarbaru"},
	        {"Provinsi Kalimantan Timur", "Samarinda"},
	        {"Provinsi Kalimantan Utara", "Tanjung Selor"},
	        {"Provinsi Sulawesi Utara", "Manado"},
	        {"Provinsi Gorontalo", "Gorontalo"},
	        {"Provinsi Sulawesi Tengah", "Palu"},
	        {"Provinsi Sulawesi Barat", "Mamuju"},
	        {"Provinsi Sulawesi Selatan", "Makassar"},
	        {"Provinsi Sulawesi Tenggara", "Kendari"},
	        {"Provinsi Maluku", "Ambon"},
	        {"Provinsi Maluku Utara", "Sofifi"},
	        {"Provinsi Papua", "Jayapura"},
	        {"Provinsi Papua Barat", "Manokwari"},
	        {"Provinsi Papua Barat Daya", "Sorong"},
	        {"Provinsi Papua Selatan", "Merauke"},
	        {"Provinsi Papua Tengah", "Nabire"},
	        {"Provinsi Papua Pegunungan", "Wamena"},
	        {"Kabupaten Balangan", "Paringin"},
	        {"Kabupaten Banggai", "Luwuk"},
	};
	const char *s = pemda ? pemda : "";
	if (strncasecmp(s, "Pemerintah ", 11) == 0)
		s += 11;
	for (size_t i = 0; i < COUNT(capitals); i++)
		if (strcasecmp(s, capitals[i][0]) == 0)
			return capitals[i][1];
	if (strncasecmp(s, "Kota ", 5) == 0)
		return arena_strdup(a, s + 5);
	if (strncasecmp(s, "Kabupaten ", 10) == 0)
		return arena_strdup(a, s + 10);
	if (strncasecmp(s, "Provinsi ", 9) == 0)
		return arena_strdup(a, s + 9);
	return *s ? arena_strdup(a, s) : "";
}

/*
** Load case_id into cd (zeroed first). Returns 0, or -1 with err when the
** case or its SOP version cannot be read. case_close() in any case.
*/
static int case_open(CaseDoc *cd, Wf *wf, int64_t case_id, const DocSeal *seal, Buf *err)
{
	memset(cd, 0, sizeof *cd);
	cd->wf = wf;
	cd->db = wf_db(wf);
	cd->id = case_id;
	cd->seal = seal;
	cd->period = -1;
	DbStmt *st = db_query(cd->db,
	                      "SELECT c.agency_id, c.sop_version_id, c.subject, c.period, c.status,"
	                      " c.started_at, a.name, a.code, a.utc_offset_min, p.name"
	                      " FROM wf_case c JOIN agency a ON a.id=c.agency_id"
	                      " JOIN pemda p ON p.id=a.pemda_id WHERE c.id=:c",
	                      DB_INT(":c", case_id), DB_END);
	if (db_step(st) != DB_ROW) {
		db_finalize(st);
		buf_printf(err, "no case %lld\n", (long long)case_id);
		return -1;
	}
	cd->agency_id = db_col_int(st, 0);
	int64_t version = db_col_int(st, 1);
	cd->subject = arena_strdup(&cd->a, db_col_text(st, 2));
	cd->period_text = db_col_null(st, 3) ? NULL : arena_strdup(&cd->a, db_col_text(st, 3));
	cd->status = arena_strdup(&cd->a, db_col_text(st, 4));
	cd->started_at = (time_t)db_col_int(st, 5);
	cd->agency = arena_strdup(&cd->a, db_col_text(st, 6));
	cd->agency_code = arena_strdup(&cd->a, db_col_text(st, 7));
	wf_cal_init(&cd->cal, (int)db_col_int(st, 8));
	cd->pemda = arena_strdup(&cd->a, db_col_text(st, 9));
	db_finalize(st);
	cd->sop = wf_sop(wf, version, err);
	if (!cd->sop)
		return -1;
	cd->place = report_place(&cd->a, cd->pemda);
	if (kpi_case_period(cd->period_text, &cd->year, &cd->period) != 0) {
		cd->period = -1;
		cd->year = 0;
	}
	return 0;
}

/* The first step of the case's SOP with this action, or NULL. */
static const SopStep *step_of(const CaseDoc *cd, const char *action)
{
	for (int i = 0; i < cd->sop->n_steps; i++)
		if (cd->sop->steps[i].action && strcmp(cd->sop->steps[i].action, action) == 0)
			return &cd->sop->steps[i];
	return NULL;
}

static int wrong_kind(CaseDoc *cd, const char *doc, const char *needs, Buf *err)
{
	buf_printf(err, "case %lld runs SOP %s, which has no %s step: it has no %s\n",
	           (long long)cd->id, cd->sop->code, needs, doc);
	return -1;
}

/* Local civil time of t in the agency's zone: "YYYY-MM-DD", hour and minute. */
static void local_parts(const CaseDoc *cd, time_t t, char iso[11], int *hh, int *mm)
{
	wf_cal_local(&cd->cal, t, iso, hh, mm);
}

/* "02 Januari 2023" of t in the agency's zone (arena string). */
static const char *date_id(CaseDoc *cd, time_t t)
{
	char iso[11];
	int hh, mm;
	local_parts(cd, t, iso, &hh, &mm);
	Buf b = BUF_INIT;
	fmt_date_id(&b, iso);
	const char *s = arena_strdup(&cd->a, buf_str(&b));
	buf_free(&b);
	return s;
}

/* "09 Oktober 2026 pukul 23.59 WIB". */
static const char *datetime_id(CaseDoc *cd, time_t t)
{
	char iso[11];
	int hh, mm;
	local_parts(cd, t, iso, &hh, &mm);
	const char *zone = wf_zone_name(cd->cal.utc_offset_min);
	return arena_printf(&cd->a, "%s pukul %02d.%02d %s", date_id(cd, t), hh, mm,
	                    zone ? zone : "");
}

/* The year of t in the agency's zone. */
static int year_of(const CaseDoc *cd, time_t t)
{
	char iso[11];
	int hh, mm;
	local_parts(cd, t, iso, &hh, &mm);
	return atoi(iso);
}

/* Upper case (UTF-8 aware) in the arena. */
static const char *upper(Arena *a, const char *s)
{
	if (!s)
		return NULL;
	if (!g_utf8_validate(s, -1, NULL))
		return arena_strdup(a, s);
	char *u = g_utf8_strup(s, -1);
	const char *r = arena_strdup(a, u);
	g_free(u);
	return r;
}

/* "Provinsi Kalimantan Barat" from "Pemerintah Provinsi Kalimantan Barat". */
static const char *region(const CaseDoc *cd)
{
	const char *s = cd->pemda;
	return strncasecmp(s, "Pemerintah ", 11) == 0 ? s + 11 : s;
}

/* "Triwulan III Tahun 2026", "Tahun 2026", or the period as written. */
static const char *period_words(CaseDoc *cd)
{
	static const char *const roman[] = {"I", "II", "III", "IV"};
	if (cd->period >= 0 && cd->period < 4)
		return arena_printf(&cd->a, "Triwulan %s Tahun %d", roman[cd->period], cd->year);
	if (cd->period == 4)
		return arena_printf(&cd->a, "Tahun %d", cd->year);
	return cd->period_text ? cd->period_text : NULL;
}

/* A number the Indonesian way with as few decimals as it needs (up to 3). */
static const char *num_id(Arena *a, double v)
{
	int dec = 0;
	while (dec < 3 && fabs(v * pow(10, dec) - round(v * pow(10, dec))) > 1e-6)
		dec++;
	Buf b = BUF_INIT;
	fmt_number_id(&b, v, dec);
	const char *s = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return s;
}

static const char *nip_id(Arena *a, const char *nip)
{
	if (!nip)
		return NULL;
	Buf b = BUF_INIT;
	fmt_nip(&b, nip);
	const char *s = arena_strdup(a, buf_str(&b));
	buf_free(&b);
	return s;
}

/* "Pembina Utama Muda (IV/c)" from rank and golongan (either may be NULL). */
static const char *rank_of(CaseDoc *cd, const char *rank, const char *gol)
{
	if (rank && gol)
		return arena_printf(&cd->a, "%s (%s)", rank, gol);
	return rank ? arena_strdup(&cd->a, rank) : gol ? arena_strdup(&cd->a, gol) : NULL;
}

/*
** The positions that play actor in the case's agency, in the order of
** their units and positions, with their holders. Returns how many; *out
** is arena memory.
*/
static int officials(CaseDoc *cd, const char *actor, Official **out)
{
	DbStmt *st = db_query(
	        cd->db,
	        "SELECT p.id, p.unit_id, p.title, u.name, pe.name, pe.nip, pe.rank, pe.golongan"
	        " FROM actor_map m JOIN position p ON p.id=m.position_id"
	        " JOIN unit u ON u.id=p.unit_id LEFT JOIN person pe ON pe.id=p.holder_id"
	        " WHERE m.agency_id=:a AND m.sop_code=:s AND m.actor=:r ORDER BY u.id, p.id",
	        DB_INT(":a", cd->agency_id), DB_TEXT(":s", cd->sop->code), DB_TEXT(":r", actor),
	        DB_END);
	int n = 0, cap = 4;
	Official *o = arena_alloc(&cd->a, sizeof *o * (size_t)cap);
	while (db_step(st) == DB_ROW) {
		if (n == cap) {
			Official *more = arena_alloc(&cd->a, sizeof *o * (size_t)cap * 2);
			memcpy(more, o, sizeof *o * (size_t)n);
			o = more;
			cap *= 2;
		}
		Official *x = &o[n++];
		x->position_id = db_col_int(st, 0);
		x->unit_id = db_col_int(st, 1);
		x->title = arena_strdup(&cd->a, db_col_text(st, 2));
		x->unit = arena_strdup(&cd->a, db_col_text(st, 3));
		if (!db_col_null(st, 4)) {
			x->name = arena_strdup(&cd->a, db_col_text(st, 4));
			x->nip = db_col_null(st, 5) ? NULL
			                            : arena_strdup(&cd->a, db_col_text(st, 5));
			x->rank = rank_of(cd, db_col_text(st, 6), db_col_text(st, 7));
		}
	}
	db_finalize(st);
	*out = o;
	return n;
}

/* The first official of actor; false (o zeroed) when none is mapped. */
static bool official_of(CaseDoc *cd, const char *actor, Official *o)
{
	Official *all;
	memset(o, 0, sizeof *o);
	if (!actor || officials(cd, actor, &all) < 1)
		return false;
	*o = all[0];
	return true;
}

/*
** Who signs the case's documents: the official of the SOP's sign step,
** else the head of the agency's top unit.
*/
static void signer_of(CaseDoc *cd, Official *o)
{
	const SopStep *s = step_of(cd, "sign");
	if (s && official_of(cd, s->actor, o))
		return;
	memset(o, 0, sizeof *o);
	DbStmt *st = db_query(cd->db,
	                      "SELECT p.id, p.unit_id, p.title, u.name, pe.name, pe.nip, pe.rank,"
	                      " pe.golongan FROM position p JOIN unit u ON u.id=p.unit_id"
	                      " LEFT JOIN person pe ON pe.id=p.holder_id"
	                      " WHERE p.agency_id=:a AND p.is_head=1 ORDER BY u.parent_id IS NOT"
	                      " NULL, u.id, p.id LIMIT 1",
	                      DB_INT(":a", cd->agency_id), DB_END);
	if (db_step(st) == DB_ROW) {
		o->position_id = db_col_int(st, 0);
		o->unit_id = db_col_int(st, 1);
		o->title = arena_strdup(&cd->a, db_col_text(st, 2));
		o->unit = arena_strdup(&cd->a, db_col_text(st, 3));
		if (!db_col_null(st, 4)) {
			o->name = arena_strdup(&cd->a, db_col_text(st, 4));
			o->nip = db_col_null(st, 5) ? NULL
			                            : arena_strdup(&cd->a, db_col_text(st, 5));
			o->rank = rank_of(cd, db_col_text(st, 6), db_col_text(st, 7));
		}
	}
	db_finalize(st);
	if (!o->title)
		o->title = arena_printf(&cd->a, "Kepala %s", cd->agency);
}

/* "Kepala Dinas ... Provinsi Kalimantan Barat": a title with the region unless it has it. */
static const char *full_title(CaseDoc *cd, const char *title)
{
	const char *r = region(cd);
	if (!title)
		return "";
	if (strstr(title, r))
		return title;
	/* "Kab. Banggai" in a name stands for "Kabupaten Banggai" already. */
	if (strncmp(r, "Kabupaten ", 10) == 0) {
		const char *kab = arena_printf(&cd->a, "Kab. %s", r + 10);
		if (strstr(title, kab))
			return title;
	}
	return arena_printf(&cd->a, "%s %s", title, r);
}

/*
** A document number from the case: "000.5/<case>/<AGENCY>/<year>" for
** letters (the classification code of a request), "<case>/KPTS/..." for
** decrees. The year is the letter's.
*/
static const char *number_of(CaseDoc *cd, const char *kind)
{
	const char *code = upper(&cd->a, cd->agency_code);
	int y = year_of(cd, cd->started_at);
	if (strcmp(kind, "kpts") == 0)
		return arena_printf(&cd->a, "%lld/KPTS/%s/%d", (long long)cd->id, code, y);
	return arena_printf(&cd->a, "%s/%lld/%s/%d", kind, (long long)cd->id, code, y);
}

/* ---- the page ------------------------------------------------------------ */

/* The seal's signer with role, or NULL. */
static const DocSealSigner *seal_signer(const DocSeal *seal, const char *role)
{
	for (int i = 0; seal && i < seal->n_signers; i++)
		if (seal->signers[i].role && strcmp(seal->signers[i].role, role) == 0)
			return &seal->signers[i];
	return NULL;
}

/* "KONSEP" in a frame at the top right of the current page. */
static void konsep_stamp(Doc *d)
{
	cairo_t *cr = doc_cairo(d);
	double w = 96, h = 26, x = doc_left(d) + doc_width(d) - w, y = 14;
	cairo_save(cr);
	cairo_set_source_rgb(cr, 0.75, 0.1, 0.1);
	cairo_set_line_width(cr, 1.5);
	cairo_rectangle(cr, x, y, w, h);
	cairo_stroke(cr);
	doc_text_xy(d, DOC_H1, DOC_CENTER, x, y + 4, w, "KONSEP");
	cairo_restore(cr);
}

/*
** A new A4 document for the case: metadata with a creation date fixed
** from the case's start (cairo would put the current time in), the footer
** of every page, the KONSEP stamp of a draft, and the kop surat.
*/
static Doc *doc_begin(CaseDoc *cd, Buf *pdf, const char *title, const char *kind)
{
	Doc *d = doc_new(DOC_PDF, false, 0, pdf);
	/* A sealed file names its draft's hash, so that `sakip verify` can tell a changed copy. */
	const char *keywords =
	        arena_printf(&cd->a, "sakip:kasus:%lld:%s%s%s", (long long)cd->id, kind,
	                     cd->seal ? " sakip:" : "", cd->seal ? cd->seal->hash : "");
	doc_meta(d, title, cd->agency, cd->subject, keywords);
	struct tm tm;
	time_t t = cd->started_at;
	gmtime_r(&t, &tm);
	char when[32];
	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
	cairo_surface_t *surface = cairo_get_target(doc_cairo(d));
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, when);
	cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_MOD_DATE, when);
	const char *foot =
	        cd->seal ? arena_printf(&cd->a, "Kasus %lld. Verifikasi: %s", (long long)cd->id,
	                                cd->seal->verify_url)
	                 : arena_printf(&cd->a,
	                                "KONSEP, kasus %lld: belum diparaf dan ditandatangani",
	                                (long long)cd->id);
	doc_footer(d, foot, true, 1);
	if (!cd->seal)
		konsep_stamp(d);
	doc_kop(d, &(DocKop){upper(&cd->a, cd->pemda), upper(&cd->a, cd->agency), NULL});
	return d;
}

/* A letter field: "Kepada   : value", the value wrapping under itself. */
static void field(Doc *d, const char *label, const char *value)
{
	double lw = 72;
	doc_need(d, 16);
	double y = doc_y(d);
	doc_text_xy(d, DOC_BODY, DOC_LEFT, doc_left(d), y, lw, label);
	doc_text_xy(d, DOC_BODY, DOC_LEFT, doc_left(d) + lw, y, 10, ":");
	doc_text_at(d, DOC_BODY, DOC_LEFT, lw + 10, 0, value && *value ? value : "-");
}

/* "a. text" items of a decree part: label at the left, items indented. */
static void diktum(Doc *d, const char *label, const char *text)
{
	double lw = 84;
	doc_need(d, 30);
	double y = doc_y(d);
	doc_text_xy(d, DOC_BODY, DOC_LEFT, doc_left(d), y, lw, label);
	doc_text_xy(d, DOC_BODY, DOC_LEFT, doc_left(d) + lw, y, 10, ":");
	doc_text_at(d, DOC_BODY, DOC_JUSTIFY, lw + 10, 0, text);
	doc_space(d, 4);
}

/* A list under a diktum label: "a.", "b." (or "1.", "2.") hanging items. */
static void diktum_list(Doc *d, const char *label, const char *const *items, int n, bool letters)
{
	double lw = 84, iw = 18;
	for (int i = 0; i < n; i++) {
		doc_need(d, 16);
		double y = doc_y(d);
		if (i == 0 && label) {
			doc_text_xy(d, DOC_BODY, DOC_LEFT, doc_left(d), y, lw, label);
			doc_text_xy(d, DOC_BODY, DOC_LEFT, doc_left(d) + lw, y, 10, ":");
		}
		char mark[16];
		if (letters)
			snprintf(mark, sizeof mark, "%c.", 'a' + i % 26);
		else
			snprintf(mark, sizeof mark, "%d.", i + 1);
		doc_text_xy(d, DOC_BODY, DOC_LEFT, doc_left(d) + lw + 10, y, iw, mark);
		doc_text_at(d, DOC_BODY, DOC_JUSTIFY, lw + 10 + iw, 0, items[i]);
	}
	doc_space(d, 4);
}

/*
** The paraf list: a draft lists the officials of the SOP's paraf steps
** with an empty column to initial; a sealed document lists the seal's
** paraf signers with their times.
*/
static void paraf_table(CaseDoc *cd, Doc *d)
{
	static const char *const head[] = {"No", "Jabatan", "Nama", "Paraf"};
	DocTable t = {.n_cols = 4,
	              .widths = {20, 150, 120, 90},
	              .head = head,
	              .style = DOC_SMALL,
	              .align = {DOC_CENTER, DOC_LEFT, DOC_LEFT, DOC_LEFT}};
	int rows = 0;
	if (cd->seal) {
		for (int i = 0; i < cd->seal->n_signers; i++)
			rows += cd->seal->signers[i].role &&
			        strcmp(cd->seal->signers[i].role, "paraf") == 0;
	} else {
		for (int i = 0; i < cd->sop->n_steps; i++)
			rows += cd->sop->steps[i].action &&
			        strcmp(cd->sop->steps[i].action, "paraf") == 0;
	}
	if (!rows)
		return;
	doc_space(d, 10);
	doc_need(d, 60);
	doc_text(d, DOC_SMALL, DOC_LEFT, cd->seal ? "Paraf elektronik:" : "Paraf koordinasi:");
	doc_table_begin(d, &t);
	int no = 0;
	if (cd->seal) {
		for (int i = 0; i < cd->seal->n_signers; i++) {
			const DocSealSigner *s = &cd->seal->signers[i];
			if (!s->role || strcmp(s->role, "paraf") != 0)
				continue;
			char n[16];
			snprintf(n, sizeof n, "%d", ++no);
			const char *pos = s->acting ? arena_printf(&cd->a, "%s %s", s->acting,
			                                           s->position ? s->position : "")
			                            : s->position;
			const char *who = s->nip ? arena_printf(&cd->a, "%s\nNIP %s", s->name,
			                                        nip_id(&cd->a, s->nip))
			                         : s->name;
			const char *when = arena_printf(&cd->a, "Diparaf %s",
			                                s->signed_at ? s->signed_at : "");
			doc_table_row(d, (const char *[]){n, pos, who, when}, 0);
		}
	} else {
		const char *seen[64];
		int n_seen = 0;
		for (int i = 0; i < cd->sop->n_steps; i++) {
			const SopStep *s = &cd->sop->steps[i];
			if (!s->action || strcmp(s->action, "paraf") != 0)
				continue;
			bool dup = false;
			for (int k = 0; k < n_seen; k++)
				dup |= strcmp(seen[k], s->actor) == 0;
			if (dup || n_seen == (int)COUNT(seen))
				continue;
			seen[n_seen++] = s->actor;
			Official o;
			official_of(cd, s->actor, &o);
			const SopActor *actor = sop_actor(cd->sop, s->actor);
			char n[16];
			snprintf(n, sizeof n, "%d", ++no);
			doc_table_row(d,
			              (const char *[]){n,
			                               o.title ? o.title
			                               : actor ? actor->label
			                                       : s->actor,
			                               o.name ? o.name : "(lowong)", ""},
			              0);
		}
	}
	doc_table_end(d);
}

/*
** The signature block at the right half: place and date, the position,
** then the QR code of the seal's signature ("Ditandatangani secara
** elektronik") or space to sign, the name, rank and NIP; then the paraf
** list.
*/
static void sign_block(CaseDoc *cd, Doc *d, const char *place_date, const Official *o,
                       bool with_paraf)
{
	const DocSealSigner *s = seal_signer(cd->seal, "tanda tangan");
	DocSigner sig = {0};
	sig.place_date = place_date;
	if (s) {
		const char *pos = full_title(cd, s->position);
		if (s->acting)
			pos = arena_printf(&cd->a, "%s %s", s->acting, pos);
		sig.position = arena_printf(&cd->a, "%s,", upper(&cd->a, pos));
		sig.name = s->name;
		sig.rank = s->rank;
		sig.nip = nip_id(&cd->a, s->nip);
		sig.qr = cd->seal->verify_url;
		sig.note = "Ditandatangani secara elektronik";
	} else {
		sig.position = arena_printf(&cd->a, "%s,", upper(&cd->a, full_title(cd, o->title)));
		sig.name = o->name ? o->name : "(jabatan lowong)";
		sig.rank = o->rank;
		sig.nip = nip_id(&cd->a, o->nip);
	}
	doc_space(d, 14);
	double w = doc_width(d) * 0.5;
	doc_signature(d, doc_width(d) - w, w, &sig);
	if (with_paraf)
		paraf_table(cd, d);
}

static int doc_end(Doc *d, Buf *err)
{
	int rc = doc_finish(d, err);
	doc_free(d);
	return rc;
}

/* ---- units and their indicators ------------------------------------------ */

typedef struct Indicator {
	int64_t id, unit_id;
	const char *code, *name, *satuan, *sasaran_code, *sasaran;
	bool evidence;
} Indicator;

/* The agency's indicators, by sasaran then code (arena memory); returns how many. */
static int indicators_of(CaseDoc *cd, Indicator **out)
{
	DbStmt *st = db_query(cd->db,
	                      "SELECT i.id, coalesce(i.unit_id, 0), i.code, i.name, i.satuan,"
	                      " s.code, s.name, i.evidence_required FROM indicator i"
	                      " LEFT JOIN sasaran s ON s.id=i.sasaran_id WHERE i.agency_id=:a"
	                      " ORDER BY s.code IS NULL, s.code, i.code",
	                      DB_INT(":a", cd->agency_id), DB_END);
	int n = 0, cap = 16;
	Indicator *v = arena_alloc(&cd->a, sizeof *v * (size_t)cap);
	while (db_step(st) == DB_ROW) {
		if (n == cap) {
			Indicator *more = arena_alloc(&cd->a, sizeof *v * (size_t)cap * 2);
			memcpy(more, v, sizeof *v * (size_t)n);
			v = more;
			cap *= 2;
		}
		Indicator *x = &v[n++];
		x->id = db_col_int(st, 0);
		x->unit_id = db_col_int(st, 1);
		x->code = arena_strdup(&cd->a, db_col_text(st, 2));
		x->name = arena_strdup(&cd->a, db_col_text(st, 3));
		x->satuan = arena_strdup(&cd->a, db_col_text(st, 4));
		x->sasaran_code =
		        db_col_null(st, 5) ? NULL : arena_strdup(&cd->a, db_col_text(st, 5));
		x->sasaran = db_col_null(st, 6) ? NULL : arena_strdup(&cd->a, db_col_text(st, 6));
		x->evidence = db_col_int(st, 7) != 0;
	}
	db_finalize(st);
	*out = v;
	return n;
}

typedef struct Unit {
	int64_t id;
	const char *name;
	const char *title; /* the position that answers for it, or NULL */
} Unit;

/*
** The units a collection goes to: those of the group actor of the data
** step (in the actor map's order), or, when the SOP has none, every unit
** responsible for an indicator. Returns how many (arena memory).
*/
static int units_asked(CaseDoc *cd, const SopStep *data_step, Unit **out)
{
	const SopActor *actor = data_step ? sop_actor(cd->sop, data_step->actor) : NULL;
	int n = 0;
	Unit *u;
	if (actor && actor->group) {
		Official *o;
		int k = officials(cd, actor->id, &o);
		u = arena_alloc(&cd->a, sizeof *u * (size_t)(k ? k : 1));
		for (int i = 0; i < k; i++) {
			bool dup = false;
			for (int j = 0; j < n; j++)
				dup |= u[j].id == o[i].unit_id;
			if (!dup)
				u[n++] = (Unit){o[i].unit_id, o[i].unit, o[i].title};
		}
		*out = u;
		return n;
	}
	int cap = (int)db_int(cd->db, 0, "SELECT count(*) FROM unit WHERE agency_id=:a",
	                      DB_INT(":a", cd->agency_id), DB_END);
	u = arena_alloc(&cd->a, sizeof *u * (size_t)(cap ? cap : 1));
	DbStmt *st = db_query(cd->db,
	                      "SELECT u.id, u.name FROM unit u WHERE u.agency_id=:a AND EXISTS"
	                      " (SELECT 1 FROM indicator i WHERE i.unit_id=u.id) ORDER BY u.id",
	                      DB_INT(":a", cd->agency_id), DB_END);
	while (n < cap && db_step(st) == DB_ROW)
		u[n++] = (Unit){db_col_int(st, 0), arena_strdup(&cd->a, db_col_text(st, 1)), NULL};
	db_finalize(st);
	*out = u;
	return n;
}

/*
** The deadline of the data step: the per-case deadline given when the
** case was started, or 0. (Not the due time of its tasks: they exist only
** once the step is open, and a draft must not change as the case moves.)
*/
static time_t deadline_of(CaseDoc *cd, const SopStep *st)
{
	if (!st)
		return 0;
	return (time_t)db_int(cd->db, 0,
	                      "SELECT due_at FROM wf_deadline WHERE case_id=:c AND step_no=:s",
	                      DB_INT(":c", cd->id), DB_INT(":s", st->no), DB_END);
}

/* The table of units x indicators: No, Unit Kerja, Kode, Indikator, Satuan, Bukti. */
static void unit_indicator_table(Doc *d, const Unit *units, int n_units, const Indicator *ind,
                                 int n_ind)
{
	static const char *const head[] = {"No",     "Unit Kerja",  "Kode", "Indikator Kinerja",
	                                   "Satuan", "Bukti Dukung"};
	DocTable t = {.n_cols = 6,
	              .widths = {22, 110, 38, 211, 50, 50},
	              .head = head,
	              .align = {DOC_CENTER, DOC_LEFT, DOC_LEFT, DOC_LEFT, DOC_LEFT, DOC_LEFT}};
	doc_table_begin(d, &t);
	int no = 0;
	for (int u = 0; u < n_units; u++) {
		bool first = true;
		for (int i = 0; i < n_ind; i++) {
			if (ind[i].unit_id != units[u].id)
				continue;
			char n[16];
			snprintf(n, sizeof n, "%d", ++no);
			doc_table_row(d,
			              (const char *[]){n, first ? units[u].name : "", ind[i].code,
			                               ind[i].name, ind[i].satuan,
			                               ind[i].evidence ? "wajib" : "-"},
			              0);
			first = false;
		}
		if (first) {
			char n[16];
			snprintf(n, sizeof n, "%d", ++no);
			doc_table_row(d,
			              (const char *[]){n, units[u].name, "-",
			                               "(tidak ada indikator kinerja yang menjadi "
			                               "tanggung jawab unit ini)",
			                               "-", "-"},
			              0);
		}
	}
	if (no == 0)
		doc_table_row(
		        d, (const char *[]){"-", "-", "-", "Belum ada indikator kinerja", "-", "-"},
		        0);
	doc_table_end(d);
}

/* ---- Nota Dinas ------------------------------------------------------------ */

/*
** The Nota Dinas of a collection (the data.request step's official to the
** units of the group actor) or of a correction (step 1's official to the
** next step's). Body, the table of units x indicators, the signature.
*/
int report_nota_dinas(Wf *wf, int64_t case_id, const DocSeal *seal, Buf *pdf, Buf *err)
{
	CaseDoc cd;
	if (case_open(&cd, wf, case_id, seal, err) != 0) {
		case_close(&cd);
		return -1;
	}
	const SopStep *req = step_of(&cd, "data.request"), *corr = step_of(&cd, "data.correct");
	if (!req && !corr) {
		wrong_kind(&cd, "Nota Dinas permintaan data", "data.request or data.correct", err);
		case_close(&cd);
		return -1;
	}
	const SopStep *data = req ? step_of(&cd, "data.submit") : corr;
	const SopStep *from_step = req ? req : &cd.sop->steps[0];
	Official from, to, signer;
	official_of(&cd, from_step->actor, &from);
	signer_of(&cd, &signer);
	/* The signer of a Nota Dinas is its sender. */
	if (from.title)
		signer = from;
	Unit *units;
	int n_units = units_asked(&cd, data, &units);
	Indicator *ind;
	int n_ind = indicators_of(&cd, &ind);
	const char *title = "Nota Dinas";
	Doc *d = doc_begin(&cd, pdf, title, "nota-dinas");
	doc_text(d, DOC_H1, DOC_CENTER, "NOTA DINAS");
	doc_text(d, DOC_BODY, DOC_CENTER,
	         arena_printf(&cd.a, "Nomor: %s", number_of(&cd, "000.5")));
	doc_space(d, 12);
	/* Kepada: the units of a collection, or the official the order goes to. */
	Buf to_text = BUF_INIT;
	if (req) {
		for (int i = 0; i < n_units; i++)
			buf_printf(&to_text, "%s%d. %s", i ? "\n" : "", i + 1, units[i].name);
		if (!n_units)
			buf_puts(&to_text, "Unit kerja pengumpul data");
	} else {
		int next = sop_step_next(cd.sop, from_step);
		const SopStep *ns = next ? sop_step(cd.sop, next) : NULL;
		if (ns && official_of(&cd, ns->actor, &to))
			buf_printf(&to_text, "%s", to.title);
		else
			buf_puts(&to_text, "-");
	}
	field(d, "Kepada", arena_printf(&cd.a, "Yth. %s", buf_str(&to_text)));
	buf_free(&to_text);
	field(d, "Dari", from.title ? from.title : signer.title);
	field(d, "Tanggal", date_id(&cd, cd.started_at));
	field(d, "Sifat", "Penting");
	field(d, "Lampiran", "-");
	field(d, "Hal", cd.subject);
	doc_space(d, 4);
	doc_rule(d, 0.8);
	doc_space(d, 10);

	const char *pw = period_words(&cd);
	const char *period = pw ? arena_printf(&cd.a, " periode %s", pw) : "";
	time_t due = deadline_of(&cd, data);
	const char *by =
	        due ? arena_printf(&cd.a, "paling lambat tanggal %s", datetime_id(&cd, due))
	        : data && data->duration.present && data->duration.text
	                ? arena_printf(&cd.a,
	                               "dalam waktu sesuai standar SOP (%s sejak "
	                               "permintaan diterima)",
	                               data->duration.text)
	                : "sesuai dengan waktu yang ditentukan";
	if (req) {
		doc_text(
		        d, DOC_BODY, DOC_JUSTIFY,
		        arena_printf(&cd.a,
		                     "Dalam rangka pengumpulan data kinerja %s%s, dengan hormat "
		                     "kami minta Saudara menyampaikan data dan informasi kinerja "
		                     "unit kerja Saudara, yaitu realisasi setiap indikator kinerja "
		                     "beserta bukti dukungnya, sebagaimana tercantum dalam tabel "
		                     "berikut.",
		                     cd.agency, period));
	} else {
		doc_text(d, DOC_BODY, DOC_JUSTIFY,
		         arena_printf(
		                 &cd.a,
		                 "Sehubungan dengan adanya data kinerja %s%s yang telah "
		                 "diverifikasi namun perlu diperbaiki, bersama ini kami minta "
		                 "Saudara menghimpun perbaikan data dan informasi kinerja dari "
		                 "unit kerja terkait. Setiap perbaikan memuat indikator, "
		                 "periode, nilai semula, nilai yang diusulkan, alasan perbaikan "
		                 "dan bukti dukungnya. Indikator kinerja yang dapat diperbaiki "
		                 "adalah sebagai berikut.",
		                 cd.agency, period));
	}
	doc_space(d, 6);
	unit_indicator_table(d, units, n_units, ind, n_ind);
	doc_space(d, 8);
	doc_text(d, DOC_BODY, DOC_JUSTIFY,
	         req ? arena_printf(&cd.a,
	                            "Data disampaikan melalui formulir data kinerja pada aplikasi "
	                            "sakip %s. Unit kerja yang belum menyampaikan data sampai "
	                            "batas waktu tersebut dicatat tidak menyampaikan data.",
	                            by)
	             : arena_printf(&cd.a,
	                            "Usulan perbaikan disampaikan melalui aplikasi sakip %s, "
	                            "untuk ditelaah secara berjenjang sebelum ditetapkan. Data "
	                            "semula tetap tersimpan sebagai riwayat.",
	                            by));
	doc_space(d, 6);
	doc_text(d, DOC_BODY, DOC_JUSTIFY,
	         "Demikian disampaikan, atas perhatian dan kerja sama Saudara diucapkan terima "
	         "kasih.");
	sign_block(&cd, d, NULL, &signer, true);
	int rc = doc_end(d, err);
	case_close(&cd);
	return rc;
}

/* ---- SK Tim ---------------------------------------------------------------- */

typedef struct Member {
	const char *role; /* "Pengarah", "Ketua", ... */
	Official o;
} Member;

/* Add o as role unless the position is listed already. */
static void member_add(Member *m, int *n, int cap, const char *role, const Official *o)
{
	if (!o->title || *n >= cap)
		return;
	for (int i = 0; i < *n; i++)
		if (m[i].o.position_id == o->position_id)
			return;
	m[*n].role = role;
	m[*n].o = *o;
	(*n)++;
}

/*
** The members of the Tim: Pengarah the signer, Penanggung Jawab the
** officials of the other paraf steps, Koordinator the official who forms
** the team (team.form), Ketua the positions mapped to the team actor (the
** Tim answers through its chair), Anggota the other staff of the chair's
** unit and the heads of the units responsible for indicators, who bring
** their unit's material. Returns how many (m has room for cap).
*/
static int team_members(CaseDoc *cd, const SopStep *form, Member *m, int cap)
{
	int n = 0;
	Official signer;
	signer_of(cd, &signer);
	member_add(m, &n, cap, "Pengarah", &signer);
	for (int i = 0; i < cd->sop->n_steps; i++) {
		const SopStep *s = &cd->sop->steps[i];
		Official o;
		if (s->action && strcmp(s->action, "paraf") == 0 && strcmp(s->actor, form->actor) &&
		    official_of(cd, s->actor, &o))
			member_add(m, &n, cap, "Penanggung Jawab", &o);
	}
	Official koord;
	if (official_of(cd, form->actor, &koord))
		member_add(m, &n, cap, "Koordinator", &koord);
	int64_t chair_units[8];
	int n_chair = 0;
	for (int i = 0; i < cd->sop->n_actors; i++) {
		if (!cd->sop->actors[i].team)
			continue;
		Official *o;
		int k = officials(cd, cd->sop->actors[i].id, &o);
		for (int j = 0; j < k; j++) {
			member_add(m, &n, cap, j == 0 ? "Ketua" : "Anggota", &o[j]);
			if (n_chair < (int)COUNT(chair_units))
				chair_units[n_chair++] = o[j].unit_id;
		}
	}
	/* Staff of the chair's unit (not heads), then the heads of the indicators' units. */
	for (int pass = 0; pass < 2; pass++) {
		DbStmt *st = db_query(
		        cd->db,
		        "SELECT p.id, p.unit_id, p.title, u.name, pe.name, pe.nip, pe.rank,"
		        " pe.golongan FROM position p JOIN unit u ON u.id=p.unit_id"
		        " JOIN person pe ON pe.id=p.holder_id WHERE p.agency_id=:a AND"
		        " ((:pass=0 AND p.is_head=0) OR (:pass=1 AND p.is_head=1 AND EXISTS"
		        " (SELECT 1 FROM indicator i WHERE i.unit_id=p.unit_id)))"
		        " ORDER BY u.id, p.id",
		        DB_INT(":a", cd->agency_id), DB_INT(":pass", pass), DB_END);
		while (db_step(st) == DB_ROW) {
			int64_t unit = db_col_int(st, 1);
			bool in_chair_unit = false;
			for (int k = 0; k < n_chair; k++)
				in_chair_unit |= chair_units[k] == unit;
			if (pass == 0 && !in_chair_unit)
				continue;
			Official o = {db_col_int(st, 0),
			              unit,
			              arena_strdup(&cd->a, db_col_text(st, 2)),
			              arena_strdup(&cd->a, db_col_text(st, 3)),
			              arena_strdup(&cd->a, db_col_text(st, 4)),
			              db_col_null(st, 5) ? NULL
			                                 : arena_strdup(&cd->a, db_col_text(st, 5)),
			              rank_of(cd, db_col_text(st, 6), db_col_text(st, 7))};
			member_add(m, &n, cap, "Anggota", &o);
		}
		db_finalize(st);
	}
	return n;
}

/* The decree's heading: KEPUTUSAN <TITLE>, NOMOR, TENTANG <about>. */
static void decree_head(CaseDoc *cd, Doc *d, const char *signer_title, const char *number,
                        const char *about)
{
	doc_text(d, DOC_H2, DOC_CENTER,
	         arena_printf(&cd->a, "KEPUTUSAN %s", upper(&cd->a, signer_title)));
	doc_text(d, DOC_H2, DOC_CENTER, arena_printf(&cd->a, "NOMOR %s", number));
	doc_space(d, 6);
	doc_text(d, DOC_H2, DOC_CENTER, "TENTANG");
	doc_text(d, DOC_H2, DOC_CENTER, upper(&cd->a, about));
	doc_space(d, 10);
	doc_text(d, DOC_H2, DOC_CENTER, arena_printf(&cd->a, "%s,", upper(&cd->a, signer_title)));
	doc_space(d, 8);
}

/* Mengingat: the SOP's Dasar Hukum. */
static void mengingat(CaseDoc *cd, Doc *d)
{
	const SopList *l = &cd->sop->legal_basis;
	if (l->n > 0)
		diktum_list(d, "Mengingat", l->items, l->n, false);
	else
		diktum(d, "Mengingat",
		       "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem "
		       "Akuntabilitas Kinerja Instansi Pemerintah;");
}

static const char *const diktum_names[] = {"KESATU", "KEDUA",  "KETIGA",  "KEEMPAT",
                                           "KELIMA", "KEENAM", "KETUJUH", "KEDELAPAN"};

/*
** The SK of the Tim Penyusunan LKj (seed 002's team.form): Menimbang,
** Mengingat (the SOP's Dasar Hukum), Memutuskan with its diktum, the
** signature, and the Lampiran listing the members with their NIPs.
*/
int report_sk_tim(Wf *wf, int64_t case_id, const DocSeal *seal, Buf *pdf, Buf *err)
{
	CaseDoc cd;
	if (case_open(&cd, wf, case_id, seal, err) != 0) {
		case_close(&cd);
		return -1;
	}
	const SopStep *form = step_of(&cd, "team.form");
	if (!form) {
		wrong_kind(&cd, "SK Tim", "team.form", err);
		case_close(&cd);
		return -1;
	}
	Official signer, koord;
	signer_of(&cd, &signer);
	official_of(&cd, form->actor, &koord);
	int year = cd.year ? cd.year : year_of(&cd, cd.started_at);
	const char *title = full_title(&cd, signer.title);
	const char *number = number_of(&cd, "kpts");
	const char *about =
	        arena_printf(&cd.a, "Pembentukan Tim Penyusunan Laporan Kinerja Tahun %d", year);
	const char *lkj = arena_printf(&cd.a, "Laporan Kinerja (LKj) %s Tahun %d", cd.agency, year);
	const char *date = date_id(&cd, cd.started_at);
	Member members[64];
	int n = team_members(&cd, form, members, (int)COUNT(members));

	Doc *d = doc_begin(&cd, pdf, "Keputusan Pembentukan Tim Penyusunan LKj", "sk-tim");
	doc_mark(d, 1, "Keputusan");
	decree_head(&cd, d, title, number, about);
	const char *menimbang[] = {
	        "bahwa dalam rangka pelaksanaan Sistem Akuntabilitas Kinerja Instansi "
	        "Pemerintah, setiap instansi pemerintah wajib menyusun Laporan Kinerja sebagai "
	        "bentuk pertanggungjawaban atas pelaksanaan tugas dan fungsinya;",
	        arena_printf(&cd.a,
	                     "bahwa untuk kelancaran penyusunan %s perlu dibentuk Tim Penyusunan "
	                     "Laporan Kinerja;",
	                     lkj),
	        arena_printf(&cd.a,
	                     "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a "
	                     "dan huruf b, perlu menetapkan Keputusan %s tentang %s;",
	                     title, about),
	};
	diktum_list(d, "Menimbang", menimbang, (int)COUNT(menimbang), true);
	mengingat(&cd, d);
	doc_space(d, 4);
	doc_text(d, DOC_H2, DOC_CENTER, "MEMUTUSKAN:");
	doc_space(d, 4);
	diktum(d, "Menetapkan",
	       arena_printf(&cd.a, "KEPUTUSAN %s TENTANG %s.", upper(&cd.a, title),
	                    upper(&cd.a, about)));
	const char *tasks[] = {
	        "mengumpulkan data dan bahan penyusunan Laporan Kinerja dari setiap unit kerja "
	        "sesuai data kinerja yang telah diverifikasi;",
	        "menyusun konsep Laporan Kinerja sesuai Peraturan Menteri Pendayagunaan Aparatur "
	        "Negara dan Reformasi Birokrasi Nomor 53 Tahun 2014;",
	        arena_printf(&cd.a,
	                     "menyampaikan konsep Laporan Kinerja kepada %s untuk diperiksa, "
	                     "memperbaikinya apabila dikembalikan, hingga ditandatangani;",
	                     koord.title ? koord.title : "atasan langsung"),
	};
	const char *diktums[] = {
	        arena_printf(&cd.a,
	                     "Membentuk Tim Penyusunan %s dengan susunan keanggotaan sebagaimana "
	                     "tercantum dalam Lampiran yang merupakan bagian tidak terpisahkan "
	                     "dari Keputusan ini.",
	                     lkj),
	        NULL, /* the tasks, as a list */
	        arena_printf(&cd.a,
	                     "Segala biaya yang timbul akibat ditetapkannya Keputusan ini "
	                     "dibebankan pada Dokumen Pelaksanaan Anggaran %s Tahun Anggaran %d.",
	                     cd.agency, year_of(&cd, cd.started_at)),
	        "Keputusan ini mulai berlaku pada tanggal ditetapkan.",
	};
	for (size_t i = 0; i < COUNT(diktums); i++) {
		if (diktums[i]) {
			diktum(d, diktum_names[i], diktums[i]);
			continue;
		}
		diktum(d, diktum_names[i],
		       "Tim sebagaimana dimaksud dalam Diktum KESATU bertugas:");
		diktum_list(d, NULL, tasks, (int)COUNT(tasks), true);
	}
	sign_block(&cd, d, arena_printf(&cd.a, "Ditetapkan di %s\npada tanggal %s", cd.place, date),
	           &signer, true);

	/* The Lampiran: the members. */
	doc_page_break(d);
	doc_mark(d, 1, "Lampiran: Susunan Keanggotaan Tim");
	double lw = doc_width(d) * 0.45;
	doc_text_at(d, DOC_BODY, DOC_LEFT, doc_width(d) - lw, lw,
	            arena_printf(&cd.a, "LAMPIRAN\nKEPUTUSAN %s\nNOMOR %s\nTANGGAL %s\nTENTANG %s",
	                         upper(&cd.a, title), number, upper(&cd.a, date),
	                         upper(&cd.a, about)));
	doc_space(d, 14);
	doc_text(d, DOC_H2, DOC_CENTER,
	         upper(&cd.a, arena_printf(&cd.a, "Susunan Keanggotaan Tim Penyusunan %s", lkj)));
	doc_space(d, 8);
	static const char *const head[] = {"No", "Nama / NIP", "Pangkat / Golongan", "Jabatan",
	                                   "Kedudukan dalam Tim"};
	DocTable t = {.n_cols = 5,
	              .widths = {22, 135, 110, 132, 82},
	              .head = head,
	              .style = DOC_SMALL,
	              .align = {DOC_CENTER, DOC_LEFT, DOC_LEFT, DOC_LEFT, DOC_LEFT}};
	doc_table_begin(d, &t);
	for (int i = 0; i < n; i++) {
		const Official *o = &members[i].o;
		char no[16];
		snprintf(no, sizeof no, "%d", i + 1);
		const char *who = o->name ? (o->nip ? arena_printf(&cd.a, "%s\nNIP %s", o->name,
		                                                   nip_id(&cd.a, o->nip))
		                                    : o->name)
		                          : "(jabatan lowong)";
		const char *pos = strcmp(members[i].role, "Pengarah") == 0
		                          ? full_title(&cd, o->title)
		                          : o->title;
		doc_table_row(
		        d, (const char *[]){no, who, o->rank ? o->rank : "-", pos, members[i].role},
		        0);
	}
	if (!n)
		doc_table_row(d, (const char *[]){"-", "(belum ada anggota)", "-", "-", "-"}, 0);
	doc_table_end(d);
	sign_block(&cd, d, NULL, &signer, false);
	int rc = doc_end(d, err);
	case_close(&cd);
	return rc;
}

/* ---- seed 003: format, SK and surat pemberitahuan ---------------------------- */

/*
** The blank data format: the agency's indicators per sasaran with empty
** target and realisation columns for each quarter, for the units to fill.
*/
static void format_table(CaseDoc *cd, Doc *d, const Indicator *ind, int n)
{
	static const char *const head[] = {
	        "No",       "Kode",     "Indikator Kinerja", "Satuan",    "TW I\nT",  "TW I\nR",
	        "TW II\nT", "TW II\nR", "TW III\nT",         "TW III\nR", "TW IV\nT", "TW IV\nR"};
	DocTable t = {.n_cols = 12,
	              .widths = {18, 34, 155, 42, 29, 29, 29, 29, 29, 29, 29, 29},
	              .head = head,
	              .style = DOC_SMALL,
	              .align = {DOC_CENTER, DOC_LEFT, DOC_LEFT, DOC_LEFT}};
	for (int c = 4; c < 12; c++)
		t.align[c] = DOC_CENTER;
	doc_table_begin(d, &t);
	const char *sasaran = NULL;
	int no = 0;
	for (int i = 0; i < n; i++) {
		const char *s = ind[i].sasaran ? ind[i].sasaran : "Tanpa sasaran";
		if (!sasaran || strcmp(sasaran, s) != 0) {
			sasaran = s;
			const char *label = ind[i].sasaran_code
			                            ? arena_printf(&cd->a, "Sasaran %s: %s",
			                                           ind[i].sasaran_code, s)
			                            : s;
			const char *row[12] = {"", "", label, "", "", "", "", "", "", "", "", ""};
			doc_table_row(d, row, DOC_ROW_BOLD | DOC_ROW_SHADE);
		}
		char no_s[16];
		snprintf(no_s, sizeof no_s, "%d", ++no);
		const char *name = ind[i].evidence ? arena_printf(&cd->a, "%s (bukti dukung wajib)",
		                                                  ind[i].name)
		                                   : ind[i].name;
		const char *row[12] = {no_s, ind[i].code, name, ind[i].satuan, "", "", "", "", "",
		                       "",   "",          ""};
		doc_table_row(d, row, 0);
	}
	if (!n) {
		const char *row[12] = {
		        "-", "-", "Belum ada indikator kinerja", "", "", "", "", "", "", "",
		        "",  ""};
		doc_table_row(d, row, 0);
	}
	doc_table_end(d);
}

/*
** Seed 003 (doc.draft): one PDF in three parts: I the surat pemberitahuan
** to the units of the group actor, II the SK Pengumpulan Data Kinerja,
** III its Lampiran, the blank data format.
*/
int report_format_data(Wf *wf, int64_t case_id, const DocSeal *seal, Buf *pdf, Buf *err)
{
	CaseDoc cd;
	if (case_open(&cd, wf, case_id, seal, err) != 0) {
		case_close(&cd);
		return -1;
	}
	const SopStep *draft = step_of(&cd, "doc.draft");
	if (!draft) {
		wrong_kind(&cd, "format data kinerja", "doc.draft", err);
		case_close(&cd);
		return -1;
	}
	Official signer, drafter;
	signer_of(&cd, &signer);
	official_of(&cd, draft->actor, &drafter);
	/* The units that fill the format: the SOP's group actor. */
	Unit *units = NULL;
	int n_units = 0;
	for (int i = 0; i < cd.sop->n_actors && !n_units; i++)
		if (cd.sop->actors[i].group) {
			SopStep group = {.actor = cd.sop->actors[i].id};
			n_units = units_asked(&cd, &group, &units);
		}
	Indicator *ind;
	int n_ind = indicators_of(&cd, &ind);
	int year = cd.year ? cd.year : year_of(&cd, cd.started_at);
	const char *title = full_title(&cd, signer.title);
	const char *sk_number = number_of(&cd, "kpts");
	const char *about = arena_printf(&cd.a, "Pengumpulan Data Kinerja Tahun %d", year);
	const char *date = date_id(&cd, cd.started_at);
	const char *to_unit = drafter.unit ? drafter.unit : "Sub Bagian Perencanaan dan Pelaporan";
	time_t due = 0;
	for (int i = 0; i < cd.sop->n_steps && !due; i++)
		due = (time_t)db_int(
		        cd.db, 0, "SELECT due_at FROM wf_deadline WHERE case_id=:c AND step_no=:s",
		        DB_INT(":c", cd.id), DB_INT(":s", cd.sop->steps[i].no), DB_END);
	const char *by =
	        due ? arena_printf(&cd.a, "paling lambat tanggal %s", datetime_id(&cd, due))
	            : "paling lambat tanggal 10 bulan berikutnya setelah setiap triwulan berakhir";

	Doc *d = doc_begin(&cd, pdf, "Format Data Kinerja, SK dan Surat Pemberitahuan",
	                   "format-data");
	/* I: the surat pemberitahuan. */
	doc_mark(d, 1, "I. Surat Pemberitahuan");
	doc_text(d, DOC_BODY, DOC_RIGHT, arena_printf(&cd.a, "%s, %s", cd.place, date));
	doc_space(d, 6);
	field(d, "Nomor", number_of(&cd, "000.5"));
	field(d, "Sifat", "Penting");
	field(d, "Lampiran", "1 (satu) berkas");
	field(d, "Hal", cd.subject);
	doc_space(d, 10);
	Buf to = BUF_INIT;
	buf_puts(&to, "Yth.\n");
	for (int i = 0; i < n_units; i++)
		buf_printf(&to, "%d. %s%s\n", i + 1, units[i].title ? "" : "Kepala ",
		           units[i].title ? units[i].title : units[i].name);
	if (!n_units)
		buf_puts(&to, "Kepala Sub Bagian dan Pejabat Fungsional\n");
	buf_printf(&to, "di -\n    %s", cd.place);
	doc_text(d, DOC_BODY, DOC_LEFT, buf_str(&to));
	buf_free(&to);
	doc_space(d, 10);
	doc_text(d, DOC_BODY, DOC_JUSTIFY,
	         arena_printf(&cd.a,
	                      "Dalam rangka pengumpulan data kinerja %s Tahun %d, bersama ini "
	                      "kami beritahukan bahwa telah ditetapkan Keputusan %s Nomor %s "
	                      "tentang %s beserta format data kinerja sebagaimana terlampir.",
	                      cd.agency, year, title, sk_number, about));
	doc_space(d, 6);
	doc_text(d, DOC_BODY, DOC_JUSTIFY,
	         arena_printf(&cd.a,
	                      "Sehubungan dengan hal tersebut, Saudara diminta mengisi target dan "
	                      "realisasi setiap indikator kinerja pada format terlampir sesuai "
	                      "tugas dan fungsi unit kerja Saudara, beserta bukti dukungnya, dan "
	                      "menyampaikannya kepada %s %s.",
	                      to_unit, by));
	doc_space(d, 6);
	doc_text(d, DOC_BODY, DOC_JUSTIFY,
	         "Demikian disampaikan, atas perhatian dan kerja sama Saudara diucapkan terima "
	         "kasih.");
	sign_block(&cd, d, NULL, &signer, true);

	/* II: the SK. */
	doc_page_break(d);
	doc_mark(d, 1, "II. Keputusan tentang Pengumpulan Data Kinerja");
	decree_head(&cd, d, title, sk_number, about);
	const char *menimbang[] = {
	        "bahwa data kinerja yang akurat, lengkap dan tepat waktu diperlukan untuk "
	        "pengukuran, pelaporan dan evaluasi kinerja dalam Sistem Akuntabilitas Kinerja "
	        "Instansi Pemerintah;",
	        arena_printf(&cd.a,
	                     "bahwa untuk keseragaman pengumpulan data kinerja %s Tahun %d perlu "
	                     "ditetapkan format data kinerja dan tata cara penyampaiannya;",
	                     cd.agency, year),
	        arena_printf(&cd.a,
	                     "bahwa berdasarkan pertimbangan sebagaimana dimaksud dalam huruf a "
	                     "dan huruf b, perlu menetapkan Keputusan %s tentang %s;",
	                     title, about),
	};
	diktum_list(d, "Menimbang", menimbang, (int)COUNT(menimbang), true);
	mengingat(&cd, d);
	doc_space(d, 4);
	doc_text(d, DOC_H2, DOC_CENTER, "MEMUTUSKAN:");
	doc_space(d, 4);
	diktum(d, "Menetapkan",
	       arena_printf(&cd.a, "KEPUTUSAN %s TENTANG %s.", upper(&cd.a, title),
	                    upper(&cd.a, about)));
	Buf who = BUF_INIT;
	for (int i = 0; i < n_units; i++)
		buf_printf(&who, "%s%s",
		           i == 0             ? ""
		           : i == n_units - 1 ? " dan "
		                              : ", ",
		           units[i].name);
	const char *sk[] = {
	        "Menetapkan format data kinerja sebagaimana tercantum dalam Lampiran yang "
	        "merupakan bagian tidak terpisahkan dari Keputusan ini.",
	        arena_printf(&cd.a,
	                     "%s mengisi format sebagaimana dimaksud dalam Diktum KESATU sesuai "
	                     "tugas dan fungsinya, beserta bukti dukungnya, dan menyampaikannya "
	                     "kepada %s %s.",
	                     n_units ? buf_str(&who) : "Setiap unit kerja", to_unit, by),
	        arena_printf(&cd.a,
	                     "%s menghimpun, memeriksa dan merekapitulasi data kinerja yang "
	                     "disampaikan sebagai bahan pengukuran dan pelaporan kinerja.",
	                     to_unit),
	        "Keputusan ini mulai berlaku pada tanggal ditetapkan.",
	};
	for (size_t i = 0; i < COUNT(sk); i++)
		diktum(d, diktum_names[i], sk[i]);
	buf_free(&who);
	sign_block(&cd, d, arena_printf(&cd.a, "Ditetapkan di %s\npada tanggal %s", cd.place, date),
	           &signer, false);

	/* III: the format, the SK's Lampiran. */
	doc_page_break(d);
	doc_mark(d, 1, "III. Format Data Kinerja");
	double lw = doc_width(d) * 0.45;
	doc_text_at(d, DOC_SMALL, DOC_LEFT, doc_width(d) - lw, lw,
	            arena_printf(&cd.a, "LAMPIRAN\nKEPUTUSAN %s\nNOMOR %s\nTANGGAL %s",
	                         upper(&cd.a, title), sk_number, upper(&cd.a, date)));
	doc_space(d, 10);
	doc_text(d, DOC_H2, DOC_CENTER, arena_printf(&cd.a, "FORMAT DATA KINERJA TAHUN %d", year));
	doc_text(d, DOC_BODY, DOC_CENTER, cd.agency);
	doc_space(d, 4);
	doc_text(d, DOC_SMALL, DOC_LEFT,
	         "Unit kerja: ........................................   Disampaikan oleh: "
	         "........................................");
	doc_space(d, 6);
	format_table(&cd, d, ind, n_ind);
	doc_space(d, 6);
	doc_text(d, DOC_SMALL, DOC_JUSTIFY,
	         "T: target, R: realisasi. Petunjuk: isi target sesuai Perjanjian Kinerja dan "
	         "realisasi setiap triwulan "
	         "dengan angka (koma sebagai pemisah desimal); indikator bertanda \"bukti dukung "
	         "wajib\" disertai dokumen pendukung.");
	sign_block(&cd, d, NULL, &signer, false);
	int rc = doc_end(d, err);
	case_close(&cd);
	return rc;
}

/* ---- recap ------------------------------------------------------------------ */

/*
** The name of the evidence file of a value stored at time at: the newest
** attachment of this content in the case at that time (the same bytes may
** have been uploaded under several names), or NULL.
*/
static const char *evidence_name(CaseDoc *cd, const char *sha, time_t at)
{
	if (!sha)
		return NULL;
	return db_text(cd->db, &cd->a,
	               "SELECT name FROM wf_attachment WHERE case_id=:c AND sha256=:s"
	               " AND created_at <= :t ORDER BY created_at DESC, id DESC LIMIT 1",
	               DB_INT(":c", cd->id), DB_TEXT(":s", sha), DB_INT(":t", (int64_t)at), DB_END);
}

/* A recap JSON number as text, "-" when null. */
static const char *jnum_id(CaseDoc *cd, json_t *o, const char *key, int decimals)
{
	json_t *v = json_object_get(o, key);
	if (!json_is_number(v))
		return "-";
	if (decimals < 0)
		return num_id(&cd->a, json_number_value(v));
	Buf b = BUF_INIT;
	fmt_number_id(&b, json_number_value(v), decimals);
	const char *s = arena_strdup(&cd->a, buf_str(&b));
	buf_free(&b);
	return s;
}

/* The document's heading: kop, title, and the label rows of the case. */
static void recap_head(CaseDoc *cd, Doc *d, const char *heading, const char *period)
{
	doc_text(d, DOC_H1, DOC_CENTER, heading);
	doc_text(d, DOC_H2, DOC_CENTER, upper(&cd->a, cd->agency));
	if (period)
		doc_text(d, DOC_H2, DOC_CENTER, upper(&cd->a, period));
	doc_space(d, 10);
	field(d, "Nomor", number_of(cd, "000.5"));
	field(d, "Hal", cd->subject);
	field(d, "SOP", arena_printf(&cd->a, "%s (%s)", cd->sop->name, cd->sop->code));
	field(d, "Kasus", arena_printf(&cd->a, "%lld", (long long)cd->id));
	doc_space(d, 8);
}

/* How a unit answered: the latest round's task of the data step. */
static const char *unit_answer(CaseDoc *cd, const SopStep *submit, int64_t unit, bool *missing)
{
	*missing = false;
	if (!submit)
		return NULL;
	DbStmt *st = db_query(cd->db,
	                      "SELECT status, done_at, due_at FROM wf_task WHERE case_id=:c AND"
	                      " step_no=:s AND unit_id=:u ORDER BY round DESC, id DESC LIMIT 1",
	                      DB_INT(":c", cd->id), DB_INT(":s", submit->no), DB_INT(":u", unit),
	                      DB_END);
	const char *r;
	if (db_step(st) != DB_ROW) {
		r = "belum diminta";
	} else {
		const char *status = db_col_text(st, 0);
		time_t done = (time_t)db_col_int(st, 1), due = (time_t)db_col_int(st, 2);
		if (strcmp(status, "done") == 0 || strcmp(status, "approved") == 0) {
			r = arena_printf(&cd->a, "menyampaikan data %s%s", date_id(cd, done),
			                 !db_col_null(st, 2) && done > due ? " (terlambat)" : "");
		} else if (strcmp(status, "unanswered") == 0) {
			r = "TIDAK MENYAMPAIKAN DATA";
			*missing = true;
		} else if (strcmp(status, "open") == 0) {
			r = "BELUM MENYAMPAIKAN DATA";
			*missing = true;
		} else {
			r = arena_printf(&cd->a, "tugas %s", status);
		}
	}
	db_finalize(st);
	return r;
}

/*
** A collection's recap: per unit asked, its indicators for the case's
** period with target, realisation (cumulative by the indicator's rule, as
** kpi_recap_json computes it), capaian and category, and the evidence of
** the value the unit entered in this case; units that did not answer are
** marked. Indicators of other units follow under "Unit lain".
*/
static int recap_collection(CaseDoc *cd, Buf *pdf, Buf *err)
{
	int year = cd->year, period = cd->period;
	DbStmt *st = db_query(cd->db, "SELECT year, period FROM collection WHERE case_id=:c",
	                      DB_INT(":c", cd->id), DB_END);
	if (db_step(st) == DB_ROW) {
		year = (int)db_col_int(st, 0);
		period = kpi_period_parse(db_col_text(st, 1));
	}
	db_finalize(st);
	if (period < 0) {
		buf_printf(err,
		           "case %lld names no period (\"%s\"): its data cannot be recapitulated\n",
		           (long long)cd->id, cd->period_text ? cd->period_text : "");
		return -1;
	}
	cd->year = year;
	cd->period = period;
	json_t *recap = kpi_recap_json(cd->db, cd->agency_id, year, period, err);
	if (!recap)
		return -1;
	const SopStep *submit = step_of(cd, "data.submit");
	Unit *units;
	int n_units = units_asked(cd, submit, &units);
	/* The letter's date: the newest value of this case, else the start. */
	time_t when =
	        (time_t)db_int(cd->db, 0, "SELECT max(created_at) FROM realisasi WHERE case_id=:c",
	                       DB_INT(":c", cd->id), DB_END);
	if (!when)
		when = cd->started_at;
	Official signer;
	signer_of(cd, &signer);
	json_t *list = json_object_get(recap, "indicators");
	size_t n_ind = json_array_size(list);
	int64_t *unit_of = arena_alloc(&cd->a, sizeof *unit_of * (n_ind ? n_ind : 1));
	bool *listed = arena_alloc(&cd->a, sizeof *listed * (n_ind ? n_ind : 1));
	for (size_t i = 0; i < n_ind; i++)
		unit_of[i] = db_int(
		        cd->db, 0, "SELECT coalesce(unit_id, 0) FROM indicator WHERE id=:i",
		        DB_INT(":i",
		               json_integer_value(json_object_get(json_array_get(list, i), "id"))),
		        DB_END);

	Doc *d = doc_begin(cd, pdf, "Rekapitulasi Data Kinerja", "rekap");
	recap_head(cd, d, "REKAPITULASI DATA KINERJA", period_words(cd));
	static const char *const head[] = {"No",          "Kode",     "Indikator Kinerja",
	                                   "Satuan",      "Target",   "Realisasi",
	                                   "Capaian (%)", "Kategori", "Bukti / Keterangan"};
	DocTable t = {.n_cols = 9,
	              .widths = {18, 32, 137, 50, 42, 44, 40, 48, 70},
	              .head = head,
	              .style = DOC_SMALL,
	              .align = {DOC_CENTER, DOC_LEFT, DOC_LEFT, DOC_LEFT, DOC_RIGHT, DOC_RIGHT,
	                        DOC_RIGHT, DOC_LEFT, DOC_LEFT}};
	/* One section per unit asked (A, B, ...), then the indicators of other units. */
	int no = 0, answered = 0, missing_units = 0;
	for (int u = 0; u <= n_units; u++) {
		int64_t uid = u < n_units ? units[u].id : -1;
		bool missing = false;
		const char *answer = u < n_units ? unit_answer(cd, submit, uid, &missing) : NULL;
		int rows = 0;
		for (size_t i = 0; i < n_ind; i++)
			rows += !listed[i] && (u == n_units || unit_of[i] == uid);
		if (u < n_units) {
			if (missing)
				missing_units++;
			else
				answered++;
		}
		if (u == n_units && rows == 0)
			break;
		doc_space(d, 6);
		doc_need(d, 70);
		char letter[8];
		snprintf(letter, sizeof letter, "%c.", 'A' + u % 26);
		doc_text(d, DOC_BOLD, DOC_LEFT,
		         u < n_units
		                 ? arena_printf(&cd->a, "%s %s: %s", letter, units[u].name,
		                                answer ? answer : "")
		                 : arena_printf(&cd->a, "%s Indikator unit kerja lain", letter));
		doc_space(d, 3);
		doc_table_begin(d, &t);
		for (size_t i = 0; i < n_ind; i++) {
			if (listed[i] || (u < n_units && unit_of[i] != uid))
				continue;
			listed[i] = true;
			json_t *o = json_array_get(list, i);
			char n_s[16];
			snprintf(n_s, sizeof n_s, "%d", ++no);
			json_t *label = json_object_get(o, "actual_label");
			const char *actual = json_is_string(label) ? json_string_value(label)
			                                           : jnum_id(cd, o, "actual", -1);
			json_t *cat = json_object_get(o, "category");
			json_t *note = json_object_get(o, "note");
			/* This case's value: its evidence; or why there is none. */
			Buf ket = BUF_INIT;
			DbStmt *r = db_query(
			        cd->db,
			        "SELECT evidence_sha256, created_at FROM realisasi WHERE"
			        " case_id=:c AND indicator_id=:i AND year=:y AND period=:p"
			        " AND status IN ('draft','submitted','verified')"
			        " ORDER BY version DESC LIMIT 1",
			        DB_INT(":c", cd->id),
			        DB_INT(":i", json_integer_value(json_object_get(o, "id"))),
			        DB_INT(":y", year), DB_TEXT(":p", kpi_period_name(period)), DB_END);
			if (db_step(r) == DB_ROW) {
				const char *ev = evidence_name(cd, db_col_text(r, 0),
				                               (time_t)db_col_int(r, 1));
				buf_puts(&ket, ev ? ev : "tanpa bukti dukung");
			} else if (missing) {
				buf_puts(&ket, "tidak ada data dari unit");
			} else if (json_is_number(json_object_get(o, "actual"))) {
				buf_puts(&ket, "data terverifikasi sebelumnya");
			} else if (json_is_string(note)) {
				buf_puts(&ket, json_string_value(note));
			}
			db_finalize(r);
			const char *row[9] = {n_s,
			                      json_string_value(json_object_get(o, "code")),
			                      json_string_value(json_object_get(o, "name")),
			                      json_string_value(json_object_get(o, "satuan")),
			                      jnum_id(cd, o, "target", -1),
			                      actual,
			                      jnum_id(cd, o, "capaian", 2),
			                      json_is_string(cat) ? json_string_value(cat) : "-",
			                      ket.len ? arena_strdup(&cd->a, buf_str(&ket)) : "-"};
			buf_free(&ket);
			doc_table_row(d, row, 0);
		}
		if (rows == 0) {
			const char *row[9] = {
			        "-",
			        "-",
			        "(tidak ada indikator kinerja yang menjadi tanggung jawab "
			        "unit ini)",
			        "",
			        "",
			        "",
			        "",
			        "",
			        ""};
			doc_table_row(d, row, 0);
		}
		doc_table_end(d);
	}
	if (!n_ind)
		doc_text(d, DOC_BODY, DOC_LEFT, "Belum ada indikator kinerja.");
	doc_space(d, 8);
	json_t *budget = json_object_get(recap, "budget");
	json_t *avg = json_object_get(budget, "average_capaian");
	Buf sum = BUF_INIT;
	buf_printf(&sum,
	           "Unit kerja yang diminta: %d; menyampaikan data: %d; tidak atau belum "
	           "menyampaikan: %d.",
	           n_units, answered, missing_units);
	if (json_is_number(avg)) {
		buf_puts(&sum, " Rata-rata capaian indikator: ");
		fmt_number_id(&sum, json_number_value(avg), 2);
		buf_puts(&sum, "%.");
	}
	buf_printf(&sum,
	           " Target menurut Perjanjian Kinerja %d versi %lld; realisasi dan capaian "
	           "dihitung sampai dengan periode ini sesuai cara agregasi setiap indikator; "
	           "kategori menurut %s.",
	           year, (long long)json_integer_value(json_object_get(recap, "pk_version")),
	           json_string_value(json_object_get(recap, "category_scheme")));
	doc_text(d, DOC_BODY, DOC_JUSTIFY, buf_str(&sum));
	buf_free(&sum);
	json_decref(recap);
	sign_block(cd, d, arena_printf(&cd->a, "%s, %s", cd->place, date_id(cd, when)), &signer,
	           true);
	return doc_end(d, err);
}

/* Indonesian status of a proposal. */
static const char *proposal_status(const CaseDoc *cd, const char *s)
{
	if (strcmp(s, "proposed") == 0)
		return "Diusulkan";
	if (strcmp(s, "verified") == 0)
		return "Berlaku";
	if (strcmp(s, "superseded") == 0)
		return "Telah diganti";
	if (strcmp(s, "rejected") == 0)
		return strcmp(cd->status, "cancelled") == 0 ? "Dibatalkan" : "Dikembalikan";
	return s;
}

/*
** A correction case's recap: each proposal of the case (the realisation
** versions with a base version) with the indicator, the period, the value
** it corrects and the new one, the reason, the evidence's file name, who
** proposed it and its status, in the order they were proposed.
*/
static int recap_corrections(CaseDoc *cd, Buf *pdf, Buf *err)
{
	Official signer;
	signer_of(cd, &signer);
	time_t when = (time_t)db_int(cd->db, 0,
	                             "SELECT max(created_at) FROM realisasi WHERE case_id=:c AND"
	                             " base_version IS NOT NULL",
	                             DB_INT(":c", cd->id), DB_END);
	if (!when)
		when = cd->started_at;
	Doc *d = doc_begin(cd, pdf, "Perbaikan Data Kinerja", "rekap-perbaikan");
	recap_head(cd, d, "PERBAIKAN DATA KINERJA", period_words(cd));
	doc_text(d, DOC_BODY, DOC_JUSTIFY,
	         "Perbaikan atas data kinerja yang telah diverifikasi, dengan nilai semula, nilai "
	         "yang diusulkan, alasan dan bukti dukungnya. Nilai baru berlaku setelah "
	         "perbaikan ditandatangani dan diarsipkan; nilai semula tetap tersimpan sebagai "
	         "riwayat.");
	doc_space(d, 6);
	static const char *const head[] = {
	        "No",     "Indikator Kinerja", "Periode", "Semula", "Menjadi",
	        "Alasan", "Bukti Dukung",      "Status"};
	DocTable t = {.n_cols = 8,
	              .widths = {18, 110, 42, 42, 42, 110, 60, 57},
	              .head = head,
	              .style = DOC_SMALL,
	              .align = {DOC_CENTER, DOC_LEFT, DOC_LEFT, DOC_RIGHT, DOC_RIGHT, DOC_LEFT,
	                        DOC_LEFT, DOC_LEFT}};
	doc_table_begin(d, &t);
	DbStmt *st = db_query(
	        cd->db,
	        "SELECT i.code, i.name, i.satuan, p.year, p.period, p.value, p.value_text,"
	        " b.value, b.value_text, p.reason, p.evidence_sha256, p.status, pe.name,"
	        " p.created_at FROM realisasi p JOIN indicator i ON i.id=p.indicator_id"
	        " LEFT JOIN realisasi b ON b.indicator_id=p.indicator_id AND b.year=p.year"
	        "  AND b.period=p.period AND b.version=p.base_version"
	        " LEFT JOIN person pe ON pe.id=p.person_id"
	        " WHERE p.case_id=:c AND p.base_version IS NOT NULL ORDER BY p.created_at, p.id",
	        DB_INT(":c", cd->id), DB_END);
	int no = 0;
	static const char *const roman[] = {"I", "II", "III", "IV"};
	while (db_step(st) == DB_ROW) {
		char n_s[16];
		snprintf(n_s, sizeof n_s, "%d", ++no);
		int p = kpi_period_parse(db_col_text(st, 4));
		const char *per = p >= 0 && p < 4 ? arena_printf(&cd->a, "TW %s %lld", roman[p],
		                                                 (long long)db_col_int(st, 3))
		                                  : arena_printf(&cd->a, "Tahun %lld",
		                                                 (long long)db_col_int(st, 3));
		const char *after = db_col_null(st, 6) ? num_id(&cd->a, db_col_double(st, 5))
		                                       : arena_strdup(&cd->a, db_col_text(st, 6));
		const char *before = db_col_null(st, 7) ? "-"
		                     : db_col_null(st, 8)
		                             ? num_id(&cd->a, db_col_double(st, 7))
		                             : arena_strdup(&cd->a, db_col_text(st, 8));
		const char *ind = arena_printf(&cd->a, "%s %s (%s)", db_col_text(st, 0),
		                               db_col_text(st, 1), db_col_text(st, 2));
		const char *reason = arena_printf(&cd->a, "%s\n(%s, %s)",
		                                  db_col_text(st, 9) ? db_col_text(st, 9) : "-",
		                                  db_col_text(st, 12) ? db_col_text(st, 12) : "-",
		                                  date_id(cd, (time_t)db_col_int(st, 13)));
		const char *ev = evidence_name(cd, db_col_text(st, 10), (time_t)db_col_int(st, 13));
		const char *row[8] = {
		        n_s,   ind,    per,           before,
		        after, reason, ev ? ev : "-", proposal_status(cd, db_col_text(st, 11))};
		doc_table_row(d, row, 0);
	}
	db_finalize(st);
	if (!no) {
		const char *row[8] = {"-", "Belum ada usulan perbaikan", "", "", "", "", "", ""};
		doc_table_row(d, row, 0);
	}
	doc_table_end(d);
	doc_space(d, 6);
	doc_text(d, DOC_SMALL, DOC_LEFT, arena_printf(&cd->a, "Jumlah usulan perbaikan: %d.", no));
	sign_block(cd, d, arena_printf(&cd->a, "%s, %s", cd->place, date_id(cd, when)), &signer,
	           true);
	return doc_end(d, err);
}

/*
** The recap of a collection (data.request/data.submit SOPs, seed 001) or
** of a correction (data.correct, seeds 000 and 004; seed 004 compiles its
** corrections at a data.compile step too).
*/
int report_recap(Wf *wf, int64_t case_id, const DocSeal *seal, Buf *pdf, Buf *err)
{
	CaseDoc cd;
	int rc = -1;
	if (case_open(&cd, wf, case_id, seal, err) != 0)
		goto done;
	if (step_of(&cd, "data.correct"))
		rc = recap_corrections(&cd, pdf, err);
	else if (step_of(&cd, "data.submit") || step_of(&cd, "data.request"))
		rc = recap_collection(&cd, pdf, err);
	else
		rc = wrong_kind(&cd, "recap of data kinerja",
		                "data.request, data.submit or data.correct", err);
done:
	case_close(&cd);
	return rc;
}
