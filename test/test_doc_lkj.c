/*
** test_doc_lkj.c: the LKj (doc_lkj.c) read back with poppler. For every
** demo agency with data kinerja the LKj renders; pdftotext shows every bab
** heading and the PK table's values as the page formats them; the Daftar
** Isi's page numbers are the pages (found by their "Halaman N" footers)
** where pdftotext finds each heading; the page count is plausible. A
** synthetic agency of 40 indicators loses no row. The narrative texts of
** a seed 002 case: saved twice, both versions kept and the newest shown;
** refused for the wrong official and after the drafting step, changing
** nothing; a 2,000-character text with <script> and quotes is text. The
** same data give the same bytes. PNGs of the pages go to build/doc-test.
*/
#include "testutil.h"
#include "testdoc.h"

#include "kpi.h"
#include "report.h"
#include "wf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static Db *db;
static Wf *wf;
static const time_t NOW = 1795395600; /* 2026-11-23 08:00 WIB */

static int setup(void **state)
{
	(void)state;
	const char *p = tu_path(0, "lkj.db");
	unlink(p);
	Buf err = BUF_INIT, log = BUF_INIT;
	db = db_open(p, DB_OPEN_CREATE | DB_OPEN_WRITE, &err);
	assert_non_null(db);
	wf = wf_new(db);
	kpi_flow_install(wf);
	if (sop_lib_install(db, &log, &err) < 0 || wf_holidays_install(db, &err) < 0 ||
	    wf_demo_install(wf, &log, &err) < 0 || kpi_demo_install(db, NOW, &log, &err) < 0)
		fail_msg("%s", buf_str(&err));
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

/* Write the PDF to the temporary directory, and pictures of its pages to build/doc-test. */
static int pages_of(const char *path)
{
	Buf info = BUF_INIT;
	run(&info, "pdfinfo '%s'", path);
	const char *p = strstr(buf_str(&info), "Pages:");
	assert_non_null(p);
	int n = atoi(p + 6);
	buf_free(&info);
	return n;
}

static const char *const headings[] = {"KATA PENGANTAR",
                                       "DAFTAR ISI",
                                       "IKHTISAR EKSEKUTIF",
                                       "BAB I PENDAHULUAN",
                                       "BAB II PERENCANAAN KINERJA",
                                       "BAB III AKUNTABILITAS KINERJA",
                                       "BAB IV PENUTUP",
                                       "LAMPIRAN"};

/* The text of page k (1-based) of the PDF at path. */
static void page_text(Buf *out, const char *path, int k, bool layout)
{
	char fmt[128];
	snprintf(fmt, sizeof fmt, "pdftotext %s -f %d -l %d '%%s' -", layout ? "-layout" : "", k,
	         k);
	run(out, fmt, path);
}

/*
** The Daftar Isi against the pages: each heading's printed number is the
** page whose footer says "Halaman N", and the heading is on that page.
*/
static void toc_matches_pages(const char *path)
{
	int pages = pages_of(path);
	Buf toc = BUF_INIT, pg = BUF_INIT;
	int toc_page = 0;
	for (int k = 1; k <= pages && !toc_page; k++) {
		page_text(&toc, path, k, true);
		if (strstr(buf_str(&toc), "DAFTAR ISI") &&
		    strstr(buf_str(&toc), "BAB IV PENUTUP") &&
		    strstr(buf_str(&toc), "KATA PENGANTAR"))
			toc_page = k;
	}
	assert_true(toc_page > 0);
	for (size_t h = 0; h < COUNT(headings); h++) {
		/* "BAB I PENDAHULUAN ....... 2": the last word of the heading's line. */
		const char *s = buf_str(&toc), *line = NULL;
		for (const char *p = strstr(s, headings[h]); p; p = strstr(p + 1, headings[h]))
			if ((p == s || p[-1] == '\n' || p[-1] == ' ') &&
			    (p[strlen(headings[h])] == ' ')) {
				line = p;
				break;
			}
		if (!line)
			fail_msg("%s not in the Daftar Isi:\n%s", headings[h], s);
		const char *eol = strchr(line, '\n');
		const char *q = eol ? eol : line + strlen(line);
		while (q > line && q[-1] == ' ')
			q--;
		const char *w = q;
		while (w > line && w[-1] != ' ')
			w--;
		char number[16];
		snprintf(number, sizeof number, "%.*s", (int)(q - w), w);
		char footer[32];
		snprintf(footer, sizeof footer, "Halaman %s\n", number);
		int found = 0;
		for (int k = 1; k <= pages; k++) {
			page_text(&pg, path, k, false);
			if (strstr(buf_str(&pg), footer)) {
				found = k;
				break;
			}
		}
		if (!found)
			fail_msg("%s: no page has the footer %s", headings[h], footer);
		/* The heading opens that page (the Daftar Isi's own page holds every heading). */
		if (!strstr(buf_str(&pg), headings[h]))
			fail_msg("%s: Daftar Isi says page %s (sheet %d), which does not hold "
			         "it:\n%s",
			         headings[h], number, found, buf_str(&pg));
		if (found == toc_page && h != 1)
			fail_msg("%s points at the Daftar Isi itself", headings[h]);
	}
	buf_free(&toc);
	buf_free(&pg);
}

/* The PK table's values as the page writes them, from the year's recap. */
static void pk_values_shown(int64_t agency, int year, const char *text)
{
	Buf err = BUF_INIT, b = BUF_INIT;
	json_t *r = kpi_recap_json(db, agency, year, 4, &err);
	assert_non_null(r);
	size_t i;
	json_t *x;
	int checked = 0;
	json_array_foreach (json_object_get(r, "indicators"), i, x) {
		const char *code = json_string_value(json_object_get(x, "code"));
		json_t *t = json_object_get(x, "target");
		assert_contains(text, code);
		if (!json_is_number(t))
			continue;
		Arena a = ARENA_INIT;
		char *label = db_text(db, &a,
		                      "SELECT l.label FROM indicator i JOIN kpi_scale_level l"
		                      " ON l.scale_id=i.scale_id AND l.value=:v"
		                      " WHERE i.agency_id=:a AND i.code=:c",
		                      DB_DOUBLE(":v", json_number_value(t)), DB_INT(":a", agency),
		                      DB_TEXT(":c", code), DB_END);
		buf_reset(&b);
		if (label)
			buf_puts(&b, label);
		else
			fmt_number_id(&b, json_number_value(t), 2);
		arena_free(&a);
		if (!strstr(text, buf_str(&b)))
			fail_msg("the PK target %s of %s is not in the LKj", buf_str(&b), code);
		checked++;
	}
	assert_true(checked > 0);
	json_decref(r);
	buf_free(&err);
	buf_free(&b);
}

static void every_demo_agency(void **state)
{
	(void)state;
	DbStmt *st = db_prepare(db, "SELECT a.id, a.code FROM agency a WHERE EXISTS (SELECT 1"
	                            " FROM indicator i WHERE i.agency_id=a.id) ORDER BY a.id");
	int agencies = 0;
	Buf pdf = BUF_INIT, again = BUF_INIT, err = BUF_INIT, txt = BUF_INIT;
	while (db_step(st) == DB_ROW) {
		int64_t id = db_col_int(st, 0);
		char name[96];
		snprintf(name, sizeof name, "lkj-%s.pdf", db_col_text(st, 1));
		buf_reset(&pdf);
		if (report_lkj(wf, id, 2026, NULL, &pdf, &err) != 0)
			fail_msg("%s: %s", name, buf_str(&err));
		assert_true(memcmp(pdf.data, "%PDF-", 5) == 0);
		/* The same data, the same bytes. */
		buf_reset(&again);
		assert_int_equal(report_lkj(wf, id, 2026, NULL, &again, &err), 0);
		assert_int_equal(pdf.len, again.len);
		assert_memory_equal(pdf.data, again.data, pdf.len);
		const char *path = save(&pdf, name);
		int pages = pages_of(path);
		if (pages < 9 || pages > 30)
			fail_msg("%s: %d pages", name, pages);
		run(&txt, "pdftotext '%s' -", path);
		const char *s = buf_str(&txt);
		for (size_t h = 0; h < COUNT(headings); h++)
			if (count_of(s, headings[h]) < 2) /* the Daftar Isi and the bab itself */
				fail_msg("%s: %s appears %d times", name, headings[h],
				         count_of(s, headings[h]));
		assert_contains(s, "LAPORAN KINERJA");
		assert_contains(s, "TAHUN 2026");
		assert_contains(s, "KONSEP");
		assert_contains(s, "Perjanjian Kinerja");
		assert_contains(s, "Teks bawaan dari data");
		assert_contains(s, "NIP ");
		pk_values_shown(id, 2026, s);
		toc_matches_pages(path);
		agencies++;
	}
	db_finalize(st);
	assert_true(agencies >= 4);
	/* An agency without indicators, and a year without data, still make an LKj. */
	buf_reset(&pdf);
	assert_int_equal(
	        report_lkj(wf, wf_agency_by_ref(db, "perkim-kalbar"), 2031, NULL, &pdf, &err), 0);
	run(&txt, "pdftotext '%s' -", save(&pdf, "lkj-perkim-2031.pdf"));
	assert_contains(buf_str(&txt), "belum ada data terverifikasi");
	buf_reset(&err);
	assert_int_equal(report_lkj(wf, 9999, 2026, NULL, &pdf, &err), -1);
	assert_contains(buf_str(&err), "no agency");
	buf_free(&pdf);
	buf_free(&again);
	buf_free(&err);
	buf_free(&txt);
}

/* A synthetic agency of n indicators in 8 sasaran, imported through kpi_import. */
static int64_t synthetic_agency(const char *code, int n)
{
	Buf org = BUF_INIT, err = BUF_INIT, log = BUF_INIT;
	buf_printf(&org,
	           "{\"format\":\"sakip.org/1\",\"pemda\":{\"code\":\"uji\",\"name\":\"Pemerintah "
	           "Kota Uji\"},\"agency\":{\"code\":\"%s\",\"name\":\"Dinas Uji %d Indikator\","
	           "\"timezone\":\"WIB\"},\"units\":[{\"code\":\"dinas\",\"name\":\"Dinas Uji\","
	           "\"parent\":null}],\"people\":[{\"login\":\"kepala-%s\",\"nip\":\"19700101 "
	           "199503 1 0%02d\",\"name\":\"Kepala Uji\",\"rank\":\"Pembina\",\"golongan\":"
	           "\"IV/a\"}],\"positions\":[{\"code\":\"kadis\",\"title\":\"Kepala Dinas Uji\","
	           "\"unit\":\"dinas\",\"holder\":\"kepala-%s\",\"head\":true}],\"acting\":[],"
	           "\"holidays\":[],\"sop_actors\":[]}",
	           code, n, code, n, code);
	if (wf_org_load(wf, "uji.json", org.data, org.len, &log, &err) != 0)
		fail_msg("%s", buf_str(&err));
	static const char *const kinds[] = {"ind", "tgt", "real"};
	for (size_t k = 0; k < COUNT(kinds); k++) {
		Buf csv = BUF_INIT;
		if (k == 0)
			buf_puts(&csv,
			         "agency,code,name,satuan,polarity,formula,aggregation,"
			         "sasaran_code,sasaran,unit,iku,cap,scale,min,max,evidence\n");
		else if (k == 1)
			buf_puts(&csv, "agency,year,indicator,period,target\n");
		else
			buf_puts(&csv, "agency,year,indicator,period,value,unit,status,note\n");
		for (int i = 1; i <= n; i++) {
			if (k == 0)
				buf_printf(&csv,
				           "%s,IKS-%02d,Indikator sintetis nomor %02d dengan nama "
				           "yang "
				           "cukup panjang untuk membungkus baris "
				           "tabel,unit,higher,R/T,"
				           "last,SS-%d,Sasaran sintetis %d,dinas,1,,,0,,\n",
				           code, i, i, 1 + (i - 1) % 8, 1 + (i - 1) % 8);
			else if (k == 1)
				buf_printf(&csv, "%s,2026,IKS-%02d,Y,%d.5\n", code, i, 1000 + i);
			else if (i % 7)
				buf_printf(&csv, "%s,2026,IKS-%02d,Y,%d,dinas,verified,\n", code, i,
				           900 + 3 * i);
		}
		if (kpi_import(db, "uji.csv", csv.data, csv.len, NULL, 0, NOW, &log, &err) != 0)
			fail_msg("%s", buf_str(&err));
		buf_free(&csv);
	}
	int64_t id = wf_agency_by_ref(db, code);
	assert_true(id > 0);
	buf_free(&org);
	buf_free(&err);
	buf_free(&log);
	return id;
}

static void forty_indicators_keep_every_row(void **state)
{
	(void)state;
	int64_t id = synthetic_agency("uji-empat-puluh", 40);
	Buf pdf = BUF_INIT, err = BUF_INIT, txt = BUF_INIT, b = BUF_INIT;
	if (report_lkj(wf, id, 2026, NULL, &pdf, &err) != 0)
		fail_msg("%s", buf_str(&err));
	const char *path = save(&pdf, "lkj-40.pdf");
	run(&txt, "pdftotext '%s' -", path);
	const char *s = buf_str(&txt);
	for (int i = 1; i <= 40; i++) {
		char code[16];
		snprintf(code, sizeof code, "IKS-%02d", i);
		/* PK in Bab II and the Lampiran, capaian, comparison, chart (and the analysis). */
		if (count_of(s, code) < 5)
			fail_msg("%s appears %d times", code, count_of(s, code));
		buf_reset(&b);
		fmt_number_id(&b, 1000 + i + 0.5, 2);
		if (count_of(s, buf_str(&b)) < 3) /* the PK twice and the capaian table */
			fail_msg("target %s appears %d times", buf_str(&b),
			         count_of(s, buf_str(&b)));
	}
	assert_contains(s, "Sasaran sintetis 8");
	assert_true(pages_of(path) >= 15);
	toc_matches_pages(path);
	buf_free(&pdf);
	buf_free(&err);
	buf_free(&txt);
	buf_free(&b);
}

/* The open task of a case's step, or 0. */
static int64_t open_task(int64_t case_id, int step)
{
	return db_int(db, 0,
	              "SELECT id FROM wf_task WHERE case_id=:c AND step_no=:s AND status='open'",
	              DB_INT(":c", case_id), DB_INT(":s", step), DB_END);
}

static void act(int64_t case_id, int step, const char *login, WfOutcome o, time_t t)
{
	Buf err = BUF_INIT;
	WfAct a = {open_task(case_id, step),
	           wf_person_by_login(db, login),
	           o,
	           o == WF_RETURN ? "Analisis belum lengkap" : NULL,
	           NULL,
	           NULL,
	           NULL};
	if (wf_task_act(wf, &a, t, &err) != 0)
		fail_msg("step %d by %s: %s", step, login, buf_str(&err));
	buf_free(&err);
}

static int64_t texts(void)
{
	return db_int(db, -1, "SELECT count(*) FROM lkj_text", DB_END);
}

static void case_texts_with_history(void **state)
{
	(void)state;
	Buf err = BUF_INIT, pdf = BUF_INIT, txt = BUF_INIT, again = BUF_INIT;
	int64_t perkim = wf_agency_by_ref(db, "perkim-kalbar");
	LkjTextSave s = {
	        perkim, 2026, LKJ_IKHTISAR, "Teks versi satu.", wf_person_by_login(db, "hendrag"),
	        0};
	/* No LKj case yet: refused, nothing stored. */
	assert_int_equal(lkj_text_save(wf, &s, NOW, NULL, &err), -1);
	assert_contains(buf_str(&err), "Tidak ada kasus LKj tahun 2026");
	assert_int_equal(texts(), 0);
	WfStart req = {"perkim-kalbar-lkj",
	               0,
	               "Laporan Kinerja Tahun 2026",
	               "2026",
	               NULL,
	               0,
	               wf_person_by_login(db, "yosafat")};
	int64_t c;
	assert_int_equal(wf_case_start(wf, &req, NOW, &c, &err), 0);
	time_t t = NOW;
	act(c, 1, "yosafat", WF_DONE, t += 60);
	act(c, 2, "nurhayati", WF_DONE, t += 60);
	/* Before the drafting step opens: refused. */
	buf_reset(&err);
	assert_int_equal(lkj_text_save(wf, &s, t, NULL, &err), -1);
	assert_int_equal(texts(), 0);
	act(c, 3, "agustinus", WF_DONE, t += 60);
	/* The wrong official (the Kepala Dinas is not the Tim LKj): refused. */
	int64_t events = db_int(db, 0, "SELECT count(*) FROM wf_event", DB_END);
	s.person_id = wf_person_by_login(db, "yosafat");
	buf_reset(&err);
	assert_int_equal(lkj_text_save(wf, &s, t, NULL, &err), -1);
	assert_contains(buf_str(&err), "pelaksana langkah penyusunan");
	s.person_id = wf_person_by_login(db, "hendrag");
	/* Blank, and too long: refused. */
	LkjTextSave bad = s;
	bad.text = "  \n ";
	assert_int_equal(lkj_text_save(wf, &bad, t, NULL, &err), -1);
	char *huge = xmalloc(LKJ_TEXT_MAX + 2);
	memset(huge, 'a', LKJ_TEXT_MAX + 1);
	huge[LKJ_TEXT_MAX + 1] = 0;
	bad.text = huge;
	assert_int_equal(lkj_text_save(wf, &bad, t, NULL, &err), -1);
	free(huge);
	assert_int_equal(texts(), 0);
	assert_int_equal(db_int(db, 0, "SELECT count(*) FROM wf_event", DB_END), events);
	/* The Tim LKj saves twice: both versions kept, the LKj shows the newest. */
	int v = 0;
	assert_int_equal(lkj_text_save(wf, &s, t += 60, &v, &err), 0);
	assert_int_equal(v, 1);
	s.text = "Teks versi dua, yang terbaru.";
	assert_int_equal(lkj_text_save(wf, &s, t += 60, &v, &err), 0);
	assert_int_equal(v, 2);
	json_t *h = lkj_text_history_json(db, perkim, 2026, LKJ_IKHTISAR);
	assert_int_equal(json_array_size(h), 2);
	assert_string_equal(json_string_value(json_object_get(json_array_get(h, 0), "text")),
	                    "Teks versi satu.");
	assert_string_equal(json_string_value(json_object_get(json_array_get(h, 1), "by")),
	                    "hendrag");
	json_decref(h);
	assert_int_equal(
	        db_int(db, 0, "SELECT count(*) FROM wf_event WHERE kind='lkj.text'", DB_END), 2);
	/* History cannot be rewritten. */
	assert_int_not_equal(db_exec(db, "UPDATE lkj_text SET text='x'", DB_END), DB_OK);
	assert_int_not_equal(db_exec(db, "DELETE FROM lkj_text", DB_END), DB_OK);
	/* 2,000 characters with markup and quotes: text in the PDF, not markup. */
	Buf long_text = BUF_INIT;
	buf_puts(&long_text,
	         "<script>alert(\"lkj\")</script> & 'kutip' \"ganda\" <b>tebal</b>\n\n");
	while (long_text.len < 2000)
		buf_printf(&long_text, "kalimat%04zu analisis capaian. ", long_text.len);
	s.bab = LKJ_ANALISIS;
	s.text = buf_str(&long_text);
	assert_int_equal(lkj_text_save(wf, &s, t += 60, NULL, &err), 0);
	if (report_lkj_case(wf, c, NULL, &pdf, &err) != 0)
		fail_msg("%s", buf_str(&err));
	const char *path = save(&pdf, "lkj-case.pdf");
	run(&txt, "pdftotext '%s' -", path);
	const char *x = buf_str(&txt);
	assert_contains(x, "Teks versi dua, yang terbaru.");
	if (strstr(x, "Teks versi satu."))
		fail_msg("the LKj shows the old version");
	assert_contains(x, "<script>alert(\"lkj\")</script> & 'kutip' \"ganda\" <b>tebal</b>");
	assert_contains(x, "kalimat0");
	toc_matches_pages(path);
	/* The case's draft is deterministic too. */
	assert_int_equal(report_lkj_case(wf, c, NULL, &again, &err), 0);
	assert_int_equal(pdf.len, again.len);
	assert_memory_equal(pdf.data, again.data, pdf.len);
	/* A sealed LKj: the signer's QR and note, the paraf list, no KONSEP. */
	DocSealSigner signers[] = {
	        {"paraf", "Agustinus Lejo, S.T., M.T.", "Kepala Sub Bagian Renja", NULL,
	         "198308172009031005", NULL, "24 November 2026 09.00 WIB"},
	        {"tanda tangan", "Yosafat Triadhi Andjioe", "Kepala Dinas", "Pembina Utama Muda",
	         "196910241998031007", NULL, "25 November 2026 10.15 WIB"}};
	DocSeal seal = {"ab12", "https://sakip.example/verifikasi/ab12", signers, 2};
	buf_reset(&again);
	assert_int_equal(report_lkj_case(wf, c, &seal, &again, &err), 0);
	run(&txt, "pdftotext '%s' -", save(&again, "lkj-sealed.pdf"));
	x = buf_str(&txt);
	assert_contains(x, "Ditandatangani secara elektronik");
	assert_contains(x, "Pontianak, 25 November 2026");
	assert_contains(x, "NIP 19691024 199803 1 007");
	assert_contains(x, "Paraf koordinasi");
	assert_contains(x, "24 November 2026 09.00 WIB");
	if (strstr(x, "KONSEP") || strstr(x, "Teks bawaan"))
		fail_msg("a sealed LKj is marked as a draft");
	/* After the drafting step: refused, nothing changed. */
	act(c, 4, "hendrag", WF_DONE, t += 60);
	int64_t before = texts();
	s.text = "Terlambat.";
	buf_reset(&err);
	assert_int_equal(lkj_text_save(wf, &s, t, NULL, &err), -1);
	assert_int_equal(texts(), before);
	/* Returned to the drafting step: writable again. */
	act(c, 5, "agustinus", WF_RETURN, t += 60);
	assert_int_equal(lkj_text_save(wf, &s, t += 60, &v, &err), 0);
	assert_int_equal(v, 2); /* the analysis: the 2,000 characters, then this */
	Buf aerr = BUF_INIT;
	assert_true(wf_audit_verify(db, &aerr) > 0);
	buf_free(&aerr);
	buf_free(&long_text);
	buf_free(&err);
	buf_free(&pdf);
	buf_free(&again);
	buf_free(&txt);
}

int main(void)
{
	tu_init();
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(every_demo_agency),
	        cmocka_unit_test(forty_indicators_keep_every_row),
	        cmocka_unit_test(case_texts_with_history),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
