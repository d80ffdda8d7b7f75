/*
** test_doc_case.c: the documents of a case (doc_case.c) on the demo
** organisations and data, each seed's case driven far enough to have its
** data: seed 001's collection (two units answer, one does not and the
** fan-out is closed), seed 000's correction (returned once, proposed
** again), seed 002's SK Tim, seed 003's format package and seed 004's
** compiled corrections. The PDFs are read back with poppler (pdftotext,
** pdfinfo) and drawn as PNGs under build/doc-test for a person to look at:
** key texts, a hostile subject and reason as plain text inside the page,
** draft against sealed, the same bytes twice, and refusals of a case of
** the wrong kind.
*/
#include "testutil.h"
#include "testdoc.h"

#include "kpi.h"
#include "report.h"
#include "wf.h"

#include <ctype.h>

static Db *db;
static Wf *wf;
static const time_t NOW = 1791170400; /* 2026-10-05 08:00 WIB, a Monday */
static int64_t c000, c000h, c001, c002, c003, c004;

/* ---- reading PDFs back ------------------------------------------------------ */

/*
** The text of a PDF in content order (pdftotext -raw), every run of white
** space made one space, so that a cell's text wrapped over lines reads as
** written.
*/
static void text_of(const Buf *pdf, const char *name, Buf *txt)
{
	Buf raw = BUF_INIT;
	const char *path = save(pdf, name);
	run(&raw, "pdftotext -raw '%s' -", path);
	buf_reset(txt);
	bool space = false;
	for (size_t i = 0; i < raw.len; i++) {
		unsigned char ch = (unsigned char)raw.data[i];
		if (isspace(ch) || ch == '\f') {
			space = true;
			continue;
		}
		if (space && txt->len)
			buf_putc(txt, ' ');
		space = false;
		buf_putc(txt, (char)ch);
	}
	buf_str(txt);
	buf_free(&raw);
}

/*
** needle in hay, white space aside: for text in narrow table cells, which
** may wrap after a hyphen or a slash.
*/
static void assert_has(const char *hay, const char *needle)
{
	Buf h = BUF_INIT, n = BUF_INIT;
	for (const char *p = hay; *p; p++)
		if (!isspace((unsigned char)*p))
			buf_putc(&h, *p);
	for (const char *p = needle; *p; p++)
		if (!isspace((unsigned char)*p))
			buf_putc(&n, *p);
	if (!strstr(buf_str(&h), buf_str(&n)))
		fail_msg("expected to find \"%s\" in:\n%s", needle, hay);
	buf_free(&h);
	buf_free(&n);
}

/* Every word of the PDF lies inside the page's margins (pdftotext -bbox). */
static void assert_inside_margins(const Buf *pdf, const char *name)
{
	Buf out = BUF_INIT;
	const char *path = save(pdf, name);
	run(&out, "pdftotext -bbox '%s' -", path);
	int words = 0;
	for (const char *p = strstr(buf_str(&out), "<word "); p; p = strstr(p + 1, "<word ")) {
		double x0, y0, x1, y1;
		if (sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0,
		           &x1, &y1) != 4)
			fail_msg("unreadable bbox: %.80s", p);
		if (x0 < 55 || x1 > 541 || y0 < 10 || y1 > 838)
			fail_msg("%s: a word outside the margins at %.1f,%.1f-%.1f,%.1f: %.120s",
			         name, x0, y0, x1, y1, p);
		words++;
	}
	assert_true(words > 50);
	buf_free(&out);
}

static int pages_of(const Buf *pdf, const char *name)
{
	Buf out = BUF_INIT;
	run(&out, "pdfinfo '%s'", save(pdf, name));
	const char *p = strstr(buf_str(&out), "Pages:");
	assert_non_null(p);
	int n = atoi(p + 6);
	buf_free(&out);
	return n;
}

/* ---- driving the cases -------------------------------------------------- */

static int64_t person(const char *login)
{
	return wf_person_by_login(db, login);
}

static int64_t open_task(int64_t c, int step, const char *login)
{
	return db_int(db, 0,
	              "SELECT t.id FROM wf_task t JOIN position p ON p.id=t.position_id"
	              " JOIN person pe ON pe.id=p.holder_id WHERE t.case_id=:c AND t.step_no=:s"
	              " AND t.status='open' AND pe.login=:l",
	              DB_INT(":c", c), DB_INT(":s", step), DB_TEXT(":l", login), DB_END);
}

static void ok(int rc, Buf *err)
{
	if (rc != 0)
		fail_msg("%s", buf_str(err));
}

static void act(int64_t c, int step, const char *login, WfOutcome o, const char *reason, time_t t)
{
	Buf err = BUF_INIT;
	WfAct a = {open_task(c, step, login), person(login), o, reason, NULL, NULL, NULL};
	ok(wf_task_act(wf, &a, t, &err), &err);
	buf_free(&err);
}

static void submit(int64_t c, const char *login, const char *ind, const char *value, time_t t)
{
	Buf err = BUF_INIT;
	WfFile pdf = {"bukti-tw3.pdf", NULL, (const unsigned char *)"%PDF-1.4 bukti", 14};
	KpiEntry e = {c, person(login), ind, value, NULL, &pdf, 0, 0};
	ok(kpi_submit(wf, &e, t, &err), &err);
	buf_free(&err);
}

static void correct(int64_t c, const char *login, const char *ind, int period, const char *value,
                    const char *reason, const char *file, time_t t)
{
	Buf err = BUF_INIT;
	WfFile pdf = {file, NULL, (const unsigned char *)"%PDF-1.4 berita acara", 21};
	KpiEntry e = {c, person(login), ind, value, reason, &pdf, 0, 0};
	ok(kpi_correct(wf, &e, 2026, period, t, &err), &err);
	buf_free(&err);
}

static int64_t start(const char *sop, const char *subject, const char *period, const WfDeadline *dl,
                     int n_dl, const char *login, time_t t)
{
	Buf err = BUF_INIT;
	WfStart req = {sop, 0, subject, period, dl, n_dl, person(login)};
	int64_t c = 0;
	ok(wf_case_start(wf, &req, t, &c, &err), &err);
	buf_free(&err);
	return c;
}

/*
** A subject or reason no document may take for markup: quotes, tags, an
** unbreakable token, words up to len bytes (a subject may have 500, a
** reason 2,000).
*/
static char *hostile(const char *head, size_t len)
{
	Buf b = BUF_INIT;
	buf_puts(&b, head);
	buf_puts(&b, " <script>alert(\"x\")</script> 'kutip' & \"ganda\" ");
	/* A token too long for any line, then words up to 2,000 characters. */
	for (int i = 0; i < 120; i++)
		buf_putc(&b, 'W');
	for (int i = 0; b.len + 8 <= len; i++)
		buf_printf(&b, " kata%03d", i);
	return buf_steal(&b);
}

static int setup(void **state)
{
	(void)state;
	const char *p = tu_path(0, "doc_case.db");
	unlink(p);
	Buf err = BUF_INIT, log = BUF_INIT;
	db = db_open(p, DB_OPEN_CREATE | DB_OPEN_WRITE, &err);
	assert_non_null(db);
	wf = wf_new(db);
	kpi_flow_install(wf);
	if (sop_lib_install(db, &log, &err) < 0 || wf_holidays_install(db, &err) < 0 ||
	    wf_demo_install(wf, &log, &err) < 0 || kpi_demo_install(db, NOW, &log, &err) < 0)
		fail_msg("%s", buf_str(&err));

	/* Seed 001: TW III 2026, due 9 October; Tatalaksana never answers. */
	time_t t = NOW;
	WfDeadline dl = {2, "2026-10-09"};
	c001 = start("biroorg-kalbar-pengumpulan-data", "Permintaan Data Kinerja TW III 2026",
	             "TW III 2026", &dl, 1, "rita", t);
	act(c001, 1, "rita", WF_DONE, NULL, t);
	submit(c001, "fauzi", "IK-09", "45.2", t + 86400);
	submit(c001, "fauzi", "IK-11", "3", t + 86400);
	act(c001, 2, "fauzi", WF_DONE, NULL, t + 86400);
	submit(c001, "yohana", "IK-01", "88.1", t + 3 * 86400);
	submit(c001, "yohana", "IK-02", "73", t + 3 * 86400);
	submit(c001, "yohana", "IK-03", "57.1", t + 3 * 86400);
	act(c001, 2, "yohana", WF_DONE, NULL, t + 3 * 86400);
	ok(wf_fanout_close(wf, c001, 2, person("rita"), t + 5 * 86400, &err), &err);
	act(c001, 3, "rizkyp", WF_DONE, NULL, t + 5 * 86400);

	/* Seed 000: IK-01 TW2 52 -> 55, returned, then 54. */
	t = NOW + 14 * 86400;
	c000 = start("perkim-kalbar-perbaikan-data", "Perbaikan Data Kinerja TW II 2026",
	             "TW II 2026", NULL, 0, "yosafat", t);
	act(c000, 1, "yosafat", WF_DONE, NULL, t);
	act(c000, 2, "nurhayati", WF_DONE, NULL, t);
	act(c000, 3, "agustinus", WF_DONE, NULL, t);
	correct(c000, "dewia", "IK-01", 1, "55", "Salah input: 52 seharusnya 55", "ba-koreksi.pdf",
	        t);
	act(c000, 4, "dewia", WF_DONE, NULL, t);
	act(c000, 5, "agustinus", WF_RETURN, "Lampirkan berita acara serah terima", t);
	correct(c000, "dewia", "IK-01", 1, "54", "Sesuai berita acara serah terima",
	        "ba-serah-terima.pdf", t + 60);
	act(c000, 4, "dewia", WF_DONE, NULL, t + 60);

	/* Seed 000 again, with a hostile subject and reason. */
	char *subject = hostile("Perbaikan", 500);
	char *reason = hostile("Alasan", 2000);
	c000h = start("perkim-kalbar-perbaikan-data", subject, NULL, NULL, 0, "yosafat", t);
	act(c000h, 1, "yosafat", WF_DONE, NULL, t);
	act(c000h, 2, "nurhayati", WF_DONE, NULL, t);
	act(c000h, 3, "agustinus", WF_DONE, NULL, t);
	correct(c000h, "dewia", "IK-02", 1, "10", reason, "<img src=x onerror=alert(1)>.pdf", t);
	free(subject);
	free(reason);

	/* Seed 002: the SK Tim at step 3. */
	t = NOW + 20 * 86400;
	c002 = start("perkim-kalbar-lkj", "Penyusunan LKj Tahun 2026", "2026", NULL, 0, "yosafat",
	             t);
	act(c002, 1, "yosafat", WF_DONE, NULL, t);
	act(c002, 2, "nurhayati", WF_DONE, NULL, t);
	act(c002, 3, "agustinus", WF_DONE, NULL, t);

	/* Seed 003: the format package, drafted at step 1. */
	t = NOW + 21 * 86400;
	c003 = start("puprperkim-balangan-pengumpulan-data", "Pengumpulan Data Kinerja Tahun 2027",
	             "2027", NULL, 0, "fahriannor", t);
	act(c003, 1, "fahriannor", WF_DONE, NULL, t);

	/* Seed 004: a correction compiled at step 8. */
	t = NOW + 22 * 86400;
	c004 = start("bappeda-banggai-perbaikan-data", "Perbaikan Data Kinerja IPM", "TW II 2026",
	             NULL, 0, "ramel", t);
	const char *who[] = {"ramel", "ramel", "nurlina", "irwant"};
	for (int s = 1; s <= 4; s++)
		act(c004, s, who[s - 1], WF_DONE, NULL, t);
	correct(c004, "fadli", "IK-01", 1, "72.5", "Angka BPS terbaru", "ba-bps.pdf", t);
	act(c004, 5, "fadli", WF_DONE, NULL, t);
	act(c004, 6, "irwant", WF_DONE, NULL, t);
	act(c004, 7, "irwant", WF_DONE, NULL, t);
	act(c004, 8, "sriwahyuni", WF_DONE, NULL, t);
	buf_free(&err);
	buf_free(&log);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	wf_free(wf);
	db_close(db);
	return 0;
}

/* Render with fn; fail with its message if it refuses. */
static void render(ReportRenderFn fn, int64_t c, const DocSeal *seal, Buf *pdf)
{
	Buf err = BUF_INIT;
	buf_reset(pdf);
	if (fn(wf, c, seal, pdf, &err) != 0)
		fail_msg("case %lld: %s", (long long)c, buf_str(&err));
	assert_true(pdf->len > 1000 && memcmp(pdf->data, "%PDF-", 5) == 0);
	buf_free(&err);
}

/* The draft renders twice to the same bytes, with the case's start as its date. */
static void assert_same_twice(ReportRenderFn fn, int64_t c, const Buf *first)
{
	Buf again = BUF_INIT;
	render(fn, c, NULL, &again);
	assert_int_equal(again.len, first->len);
	assert_memory_equal(again.data, first->data, first->len);
	buf_free(&again);
}

/* ---- the documents -------------------------------------------------------- */

static void nota_dinas_of_a_collection(void **state)
{
	(void)state;
	Buf pdf = BUF_INIT, txt = BUF_INIT;
	render(report_nota_dinas, c001, NULL, &pdf);
	text_of(&pdf, "nota-dinas-001.pdf", &txt);
	const char *s = buf_str(&txt);
	assert_contains(s, "PEMERINTAH PROVINSI KALIMANTAN BARAT");
	assert_contains(s, "BIRO ORGANISASI SEKRETARIAT DAERAH");
	assert_contains(s, "NOTA DINAS");
	char number[64];
	snprintf(number, sizeof number, "000.5/%lld/BIROORG-KALBAR/2026", (long long)c001);
	assert_contains(s, number);
	assert_contains(s, "Hal : Permintaan Data Kinerja TW III 2026");
	assert_contains(s, "Dari : Kepala Biro Organisasi");
	assert_contains(s, "Tanggal : 05 Oktober 2026");
	/* Kepada: the three Bagian of the group actor; each again in the table. */
	static const char *const units[] = {"Bagian Kelembagaan dan Analisis Jabatan",
	                                    "Bagian Reformasi Birokrasi dan Akuntabilitas Kinerja",
	                                    "Bagian Tatalaksana"};
	for (size_t i = 0; i < COUNT(units); i++)
		assert_true(count_of(s, units[i]) >= 2);
	for (int i = 1; i <= 11; i++) {
		char code[16];
		snprintf(code, sizeof code, "IK-%02d", i);
		assert_contains(s, code);
	}
	assert_contains(s, "Indeks Reformasi Birokrasi Pemerintah Provinsi");
	assert_contains(s, "Triwulan III Tahun 2026");
	assert_contains(s, "paling lambat tanggal 09 Oktober 2026 pukul 23.59 WIB");
	/* A draft: KONSEP, space to sign, the paraf slots empty. */
	assert_contains(s, "KONSEP");
	assert_false(strstr(s, "Ditandatangani secara elektronik"));
	assert_contains(s, "KEPALA BIRO ORGANISASI PROVINSI KALIMANTAN BARAT,");
	assert_contains(s, "Rita Hastarita, S.Sos., M.Si.");
	assert_contains(s, "NIP 19791208 200003 2 002");
	assert_contains(s, "Paraf koordinasi");
	assert_contains(s, "Kepala Bagian Tatalaksana");
	/* Metadata: the creation date is the case's start, not the clock. */
	Buf info = BUF_INIT;
	run(&info, "pdfinfo -isodates '%s'", tu_path(0, "nota-dinas-001.pdf"));
	assert_contains(buf_str(&info), "CreationDate:    2026-10-05T03:20:00Z");
	assert_contains(buf_str(&info), "Title:           Nota Dinas");
	assert_same_twice(report_nota_dinas, c001, &pdf);
	buf_free(&info);
	buf_free(&pdf);
	buf_free(&txt);
}

static void nota_dinas_of_a_correction(void **state)
{
	(void)state;
	Buf pdf = BUF_INIT, txt = BUF_INIT;
	render(report_nota_dinas, c000, NULL, &pdf);
	text_of(&pdf, "nota-dinas-000.pdf", &txt);
	const char *s = buf_str(&txt);
	assert_contains(s, "DINAS PERUMAHAN RAKYAT DAN KAWASAN PERMUKIMAN");
	assert_contains(s, "Kepada : Yth. Sekretaris");
	assert_contains(s, "Dari : Kepala Dinas Perumahan Rakyat dan Kawasan Permukiman");
	assert_contains(s, "Hal : Perbaikan Data Kinerja TW II 2026");
	assert_contains(s, "Triwulan II Tahun 2026");
	for (int i = 1; i <= 10; i++) {
		char code[16];
		snprintf(code, sizeof code, "IK-%02d", i);
		assert_contains(s, code);
	}
	assert_contains(s, "Bidang Perumahan");
	assert_contains(s, "Sub Bagian Umum dan Kepegawaian");
	/* No deadline was set: the SOP's own standard for the correction step. */
	assert_contains(s, "20 Menit");
	assert_contains(s, "NIP 19691024 199803 1 007");
	assert_same_twice(report_nota_dinas, c000, &pdf);
	buf_free(&pdf);
	buf_free(&txt);
}

static void sk_tim_lists_the_team(void **state)
{
	(void)state;
	Buf pdf = BUF_INIT, txt = BUF_INIT;
	render(report_sk_tim, c002, NULL, &pdf);
	text_of(&pdf, "sk-tim-002.pdf", &txt);
	const char *s = buf_str(&txt);
	assert_contains(s, "KEPUTUSAN KEPALA DINAS PERUMAHAN RAKYAT DAN KAWASAN PERMUKIMAN "
	                   "PROVINSI KALIMANTAN BARAT");
	char number[64];
	snprintf(number, sizeof number, "NOMOR %lld/KPTS/PERKIM-KALBAR/2026", (long long)c002);
	assert_contains(s, number);
	assert_contains(s, "PEMBENTUKAN TIM PENYUSUNAN LAPORAN KINERJA TAHUN 2026");
	assert_contains(s, "Menimbang");
	assert_contains(s, "Mengingat");
	/* The SOP's Dasar Hukum. */
	assert_contains(s, "Peraturan Presiden Nomor 29 Tahun 2014 tentang Sistem Akuntabilitas");
	assert_contains(s, "Peraturan Gubernur Nomor 115 Tahun 2021");
	assert_contains(s, "MEMUTUSKAN");
	assert_contains(s, "KESATU");
	assert_contains(s, "KEEMPAT");
	assert_contains(s, "Ditetapkan di Pontianak pada tanggal 25 Oktober 2026");
	/* The Lampiran: the members with their NIPs formatted. */
	assert_contains(s, "SUSUNAN KEANGGOTAAN TIM PENYUSUNAN LAPORAN KINERJA");
	static const char *const members[][3] = {
	        {"Yosafat Triadhi Andjioe, S.T., M.M., M.T.", "19691024 199803 1 007", "Pengarah"},
	        {"Hj. Nurhayati, S.E., M.Si.", "19720514 199812 2 003", "Penanggung Jawab"},
	        {"Agustinus Lejo, S.T., M.T.", "19830817 200903 1 005", "Koordinator"},
	        {"Hendra Gunawan, S.E., M.Ak.", "19860419 201004 1 002", "Ketua"},
	        {"Dewi Anggraini, S.Kom.", "19950211 202101 2 004", "Anggota"},
	        {"Ir. H. Muhammad Ridwan, M.T.", "19710115 199703 1 004", "Anggota"},
	};
	for (size_t i = 0; i < COUNT(members); i++) {
		char line[160];
		snprintf(line, sizeof line, "%s NIP %s", members[i][0], members[i][1]);
		assert_contains(s, line);
		assert_contains(s, members[i][2]);
	}
	assert_contains(s, "Ketua Tim Penyusun LKj");
	assert_contains(s, "Pembina Utama Muda (IV/c)");
	assert_true(pages_of(&pdf, "sk-tim-002.pdf") >= 2);
	assert_same_twice(report_sk_tim, c002, &pdf);
	buf_free(&pdf);
	buf_free(&txt);
}

static void format_data_in_three_parts(void **state)
{
	(void)state;
	Buf pdf = BUF_INIT, txt = BUF_INIT;
	render(report_format_data, c003, NULL, &pdf);
	text_of(&pdf, "format-data-003.pdf", &txt);
	const char *s = buf_str(&txt);
	assert_contains(s, "PEMERINTAH KABUPATEN BALANGAN");
	/* I: the surat pemberitahuan, to the units of SUBBAG DAN JF. */
	assert_contains(s, "Paringin, 26 Oktober 2026");
	assert_contains(s, "Hal : Pengumpulan Data Kinerja Tahun 2027");
	assert_contains(s, "1. Kepala Sub Bagian Keuangan");
	assert_contains(s, "Kepala Sub Bagian Umum dan Kepegawaian");
	assert_contains(s, "3. Perencana Ahli Muda");
	assert_contains(s, "Sub Bagian Perencanaan dan Pelaporan");
	/* II: the SK. */
	assert_contains(s, "KEPUTUSAN KEPALA DINAS PEKERJAAN UMUM, PENATAAN RUANG, PERUMAHAN "
	                   "RAKYAT DAN KAWASAN PERMUKIMAN KABUPATEN BALANGAN");
	assert_contains(s, "PENGUMPULAN DATA KINERJA TAHUN 2027");
	assert_contains(s, "Peraturan Bupati Balangan No.80 tahun 2021");
	assert_contains(s, "Ditetapkan di Paringin");
	/* III: the format, per sasaran, every indicator with empty quarters. */
	assert_contains(s, "FORMAT DATA KINERJA TAHUN 2027");
	assert_contains(s, "Sasaran SS-1: Meningkatnya kemantapan jalan dan jembatan kabupaten");
	assert_contains(s, "TW IV R");
	assert_contains(s, "T: target, R: realisasi");
	for (int i = 1; i <= 11; i++) {
		char code[16];
		snprintf(code, sizeof code, "IK-%02d", i);
		assert_contains(s, code);
	}
	assert_contains(s, "Rahmadiah, S.T., M.T.");
	assert_contains(s, "NIP 19760309 200604 2 007");
	/* Three parts, each from a new page. */
	assert_true(pages_of(&pdf, "format-data-003.pdf") >= 3);
	assert_same_twice(report_format_data, c003, &pdf);
	buf_free(&pdf);
	buf_free(&txt);
}

static void recap_of_a_collection(void **state)
{
	(void)state;
	Buf pdf = BUF_INIT, txt = BUF_INIT;
	render(report_recap, c001, NULL, &pdf);
	text_of(&pdf, "rekap-001.pdf", &txt);
	const char *s = buf_str(&txt);
	assert_contains(s, "REKAPITULASI DATA KINERJA");
	assert_contains(s, "TRIWULAN III TAHUN 2026");
	assert_contains(s, "A. Bagian Kelembagaan dan Analisis Jabatan: menyampaikan data 06 "
	                   "Oktober 2026");
	assert_contains(s, "B. Bagian Reformasi Birokrasi dan Akuntabilitas Kinerja: menyampaikan "
	                   "data 08 Oktober 2026");
	assert_contains(s, "C. Bagian Tatalaksana: TIDAK MENYAMPAIKAN DATA");
	for (int i = 1; i <= 11; i++) {
		char code[16];
		snprintf(code, sizeof code, "IK-%02d", i);
		assert_contains(s, code);
	}
	/* The values as entered, in the Indonesian format, with their evidence. */
	assert_contains(s, "88,1");
	assert_contains(s, "45,2");
	assert_contains(s, "57,1");
	assert_has(s, "IK-01 Indeks Reformasi Birokrasi Pemerintah Provinsi nilai 88,2 88,1 99,89 "
	              "Sangat Tinggi bukti-tw3.pdf");
	assert_has(s, "IK-04 Indeks Pelayanan Publik (IPP, evaluasi KemenPANRB) indeks 4,36 - - - "
	              "tidak ada data dari unit");
	assert_contains(s, "tidak ada data dari unit");
	assert_contains(s, "menyampaikan data: 2; tidak atau belum menyampaikan: 1");
	assert_contains(s, "Pontianak, 08 Oktober 2026");
	assert_same_twice(report_recap, c001, &pdf);
	buf_free(&pdf);
	buf_free(&txt);
}

static void recap_of_corrections(void **state)
{
	(void)state;
	Buf pdf = BUF_INIT, txt = BUF_INIT;
	render(report_recap, c000, NULL, &pdf);
	text_of(&pdf, "rekap-perbaikan-000.pdf", &txt);
	const char *s = buf_str(&txt);
	assert_contains(s, "PERBAIKAN DATA KINERJA");
	/* Both proposals, before -> after, with reason, evidence, who and status. */
	assert_has(s, "TW II 2026 52 55 Salah input: 52 seharusnya 55 (Dewi Anggraini, S.Kom., "
	              "19 Oktober 2026) ba-koreksi.pdf Dikembalikan");
	assert_has(s, "TW II 2026 52 54 Sesuai berita acara serah terima (Dewi Anggraini, "
	              "S.Kom., 19 Oktober 2026) ba-serah-terima.pdf Diusulkan");
	assert_contains(s, "IK-01 Jumlah rumah tidak layak huni");
	assert_contains(s, "Jumlah usulan perbaikan: 2.");
	assert_same_twice(report_recap, c000, &pdf);
	/* Seed 004: compiled at its data.compile step, before -> after as well. */
	render(report_recap, c004, NULL, &pdf);
	text_of(&pdf, "rekap-perbaikan-004.pdf", &txt);
	s = buf_str(&txt);
	assert_contains(s, "PEMERINTAH KABUPATEN BANGGAI");
	assert_has(s, "TW II 2026 73,35 72,5 Angka BPS terbaru");
	assert_has(s, "ba-bps.pdf Diusulkan");
	assert_contains(s, "Luwuk, 27 Oktober 2026");
	/* Kab. Banggai is in the agency's name already: the title is not given it twice. */
	assert_contains(s, "KEPALA BADAN PERENCANAAN PEMBANGUNAN, PENELITIAN DAN PENGEMBANGAN "
	                   "DAERAH KABUPATEN BANGGAI,");
	assert_same_twice(report_recap, c004, &pdf);
	buf_free(&pdf);
	buf_free(&txt);
}

/* A hostile subject and reason are text, wrapped inside the margins, over pages. */
static void hostile_text_stays_text(void **state)
{
	(void)state;
	Buf pdf = BUF_INIT, txt = BUF_INIT;
	ReportRenderFn fns[] = {report_nota_dinas, report_recap};
	const char *names[] = {"hostile-nota-dinas.pdf", "hostile-rekap.pdf"};
	for (size_t k = 0; k < COUNT(fns); k++) {
		render(fns[k], c000h, NULL, &pdf);
		text_of(&pdf, names[k], &txt);
		const char *s = buf_str(&txt);
		assert_contains(s, "<script>alert(\"x\")</script> 'kutip' & \"ganda\"");
		/* Every word of the subject (40), and of the reason in the recap (227). */
		for (int i = 0; i < (k == 0 ? 40 : 227); i++) {
			char w[16];
			snprintf(w, sizeof w, "kata%03d", i);
			if (count_of(s, w) != (k == 0 || i >= 40 ? 1 : 2))
				fail_msg("%s: %s appears %d times", names[k], w, count_of(s, w));
		}
		assert_inside_margins(&pdf, names[k]);
	}
	assert_has(buf_str(&txt), "<img src=x onerror=alert(1)>.pdf");
	assert_contains(buf_str(&txt), "Alasan <script>");
	buf_free(&pdf);
	buf_free(&txt);
}

/* The issued document: QR and "Ditandatangani secara elektronik", the paraf with times. */
static void draft_and_sealed(void **state)
{
	(void)state;
	const DocSealSigner signers[] = {
	        {"paraf", "Agustinus Lejo, S.T., M.T.",
	         "Kepala Sub Bagian Renja, Monev dan Keuangan", "Penata Tingkat I (III/d)",
	         "198308172009031005", NULL, "19 Oktober 2026 10.05 WIB"},
	        {"paraf", "Ir. H. Muhammad Ridwan, M.T.", "Sekretaris", "Pembina (IV/a)",
	         "197101151997031004", "Plt.", "19 Oktober 2026 11.30 WIB"},
	        {"tanda tangan", "Yosafat Triadhi Andjioe, S.T., M.M., M.T.",
	         "Kepala Dinas Perumahan Rakyat dan Kawasan Permukiman",
	         "Pembina Utama Muda (IV/c)", "196910241998031007", NULL,
	         "19 Oktober 2026 14.00 WIB"},
	};
	DocSeal seal = {"ab12cd34", "https://sakip.example/verifikasi/ab12cd34", signers, 3};
	ReportRenderFn fns[] = {report_nota_dinas, report_recap, report_sk_tim, report_format_data};
	int64_t cases[] = {c000, c000, c002, c003};
	const char *names[] = {"sealed-nota-dinas.pdf", "sealed-rekap.pdf", "sealed-sk-tim.pdf",
	                       "sealed-format-data.pdf"};
	Buf draft = BUF_INIT, sealed = BUF_INIT, txt = BUF_INIT;
	for (size_t k = 0; k < COUNT(fns); k++) {
		render(fns[k], cases[k], NULL, &draft);
		render(fns[k], cases[k], &seal, &sealed);
		assert_true(draft.len != sealed.len || memcmp(draft.data, sealed.data, draft.len));
		text_of(&sealed, names[k], &txt);
		const char *s = buf_str(&txt);
		assert_contains(s, "Ditandatangani secara elektronik");
		assert_contains(s, "Paraf elektronik");
		assert_contains(s, "Agustinus Lejo, S.T., M.T. NIP 19830817 200903 1 005");
		assert_contains(s, "Diparaf 19 Oktober 2026 10.05 WIB");
		assert_contains(s, "Plt. Sekretaris");
		assert_contains(s, "Diparaf 19 Oktober 2026 11.30 WIB");
		assert_contains(s, "Yosafat Triadhi Andjioe, S.T., M.M., M.T.");
		assert_contains(s, "Verifikasi: https://sakip.example/verifikasi/ab12cd34");
		assert_false(strstr(s, "KONSEP"));
		char dname[64];
		snprintf(dname, sizeof dname, "draft-%s", names[k]);
		text_of(&draft, dname, &txt);
		assert_contains(buf_str(&txt), "KONSEP");
		assert_false(strstr(buf_str(&txt), "Ditandatangani secara elektronik"));
		assert_false(strstr(buf_str(&txt), "Diparaf"));
	}
	buf_free(&draft);
	buf_free(&sealed);
	buf_free(&txt);
}

static void wrong_kind_refused(void **state)
{
	(void)state;
	static const struct {
		ReportRenderFn fn;
		int64_t *c;
		const char *msg;
	} cases[] = {
	        {report_nota_dinas, &c002, "has no data.request or data.correct step"},
	        {report_nota_dinas, &c003, "has no data.request or data.correct step"},
	        {report_sk_tim, &c001, "has no team.form step: it has no SK Tim"},
	        {report_format_data, &c000, "has no doc.draft step"},
	        {report_recap, &c002, "has no data.request, data.submit or data.correct step"},
	        {report_recap, &c003, "has no data.request, data.submit or data.correct step"},
	};
	for (size_t i = 0; i < COUNT(cases); i++) {
		Buf pdf = BUF_INIT, err = BUF_INIT;
		assert_int_equal(cases[i].fn(wf, *cases[i].c, NULL, &pdf, &err), -1);
		assert_contains(buf_str(&err), cases[i].msg);
		assert_int_equal(pdf.len, 0);
		buf_free(&pdf);
		buf_free(&err);
	}
	Buf pdf = BUF_INIT, err = BUF_INIT;
	assert_int_equal(report_recap(wf, 999999, NULL, &pdf, &err), -1);
	assert_contains(buf_str(&err), "no case 999999");
	buf_free(&err);
	/* A collection case without a period has nothing to recapitulate. */
	WfDeadline dl = {2, "2026-12-30"};
	int64_t c = start("biroorg-kalbar-pengumpulan-data", "Tanpa periode", NULL, &dl, 1, "rita",
	                  NOW + 30 * 86400);
	assert_int_equal(report_recap(wf, c, NULL, &pdf, &err), -1);
	assert_contains(buf_str(&err), "names no period");
	/* Its Nota Dinas still renders. */
	render(report_nota_dinas, c, NULL, &pdf);
	buf_free(&pdf);
	buf_free(&err);
}

int main(void)
{
	tu_init();
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(nota_dinas_of_a_collection),
	        cmocka_unit_test(nota_dinas_of_a_correction),
	        cmocka_unit_test(sk_tim_lists_the_team),
	        cmocka_unit_test(format_data_in_three_parts),
	        cmocka_unit_test(recap_of_a_collection),
	        cmocka_unit_test(recap_of_corrections),
	        cmocka_unit_test(hostile_text_stays_text),
	        cmocka_unit_test(draft_and_sealed),
	        cmocka_unit_test(wrong_kind_refused),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
