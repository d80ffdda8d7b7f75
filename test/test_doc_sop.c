/*
** test_doc_sop.c: the SOP document (doc_sop.c) read back with poppler. The
** document of each built-in seed shows, in pdftotext, every step's activity
** (whitespace normalised: the text wraps), every actor and the identity
** items, on landscape pages: the identity page and the flowchart pages. A
** synthetic SOP of 40 steps and 12 actors with a 2,000-character activity
** lays out with every step number and the long activity's last word
** present, off-page connectors where the flow crosses a page, and a
** return across pages. The same version gives the same bytes twice; the
** SVG form is well-formed XML. PNGs of every page go to build/doc-test/ for
** a person to look at.
*/
#include "testutil.h"
#include "testdoc.h"

#include "report.h"
#include "sop.h"
#include "sop_layout.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static Db *db;
static Wf *wf;

static int setup(void **state)
{
	(void)state;
	Buf err = BUF_INIT, log = BUF_INIT;
	db = db_open(tu_path(0, "docsop.db"), DB_OPEN_CREATE | DB_OPEN_WRITE, &err);
	if (!db)
		fail_msg("%s", buf_str(&err));
	assert_true(sop_lib_install(db, &log, &err) >= 0);
	wf = wf_new(db);
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

/* Write pdf to the test directory and pictures of its pages to build/doc-test/. */
/*
** s with every run of whitespace one space and no hyphens: pango breaks
** "ditanda-tangani" after its hyphen and pdftotext joins the two lines
** back without it (malloc'd).
*/
static char *squeeze(const char *s)
{
	char *o = xmalloc(strlen(s) + 1), *q = o;
	bool space = true;
	for (; *s; s++) {
		if (*s == '-')
			continue;
		if (isspace((unsigned char)*s)) {
			if (!space)
				*q++ = ' ';
			space = true;
		} else {
			*q++ = *s;
			space = false;
		}
	}
	if (q > o && q[-1] == ' ')
		q--;
	*q = 0;
	return o;
}

/*
** Every word of what, in order, in the document's squeezed text: cells side
** by side (and a row split over pages) interleave their lines in
** pdftotext's output, so a cell's words are in order, not always adjacent.
*/
static void assert_has_text(const char *squeezed_doc, const char *what, const char *where)
{
	if (!what || !*what)
		return;
	char *w = squeeze(what);
	const char *at = squeezed_doc;
	for (char *word = strtok(w, " "); word; word = strtok(NULL, " ")) {
		const char *hit = strstr(at, word);
		if (!hit)
			fail_msg("%s: \"%s\" of \"%.80s\" not in the document's text (in order)",
			         where, word, what);
		at = hit + strlen(word);
	}
	free(w);
}

static int pdf_pages(const char *path, bool *landscape)
{
	Buf info = BUF_INIT;
	run(&info, "pdfinfo -l 1000 '%s'", path);
	const char *p = strstr(buf_str(&info), "Pages:");
	assert_non_null(p);
	int pages = atoi(p + 6);
	/* Every page: "Page    N size: 841.89 x 595.28 pts (A4)". */
	*landscape = true;
	int sized = 0;
	for (const char *q = strstr(buf_str(&info), "\nPage "); q; q = strstr(q + 1, "\nPage ")) {
		const char *nl = strchr(q + 1, '\n'), *sz = strstr(q, " size: ");
		if (!sz || (nl && sz > nl))
			continue; /* "Page N rot: 0" */
		sz += 7;
		while (*sz == ' ')
			sz++;
		sized++;
		if (strncmp(sz, "841.89 x 595.28", 15) != 0)
			*landscape = false;
	}
	assert_int_equal(sized, pages);
	buf_free(&info);
	return pages;
}

/* The document of version vid as PDF; checks its text against sop. Returns the page count. */
static int check_pdf(int64_t vid, const char *name, Buf *pdf)
{
	Buf err = BUF_INIT, txt = BUF_INIT;
	buf_reset(pdf);
	if (report_sop(wf, vid, DOC_PDF, pdf, &err) != 0)
		fail_msg("%s: %s", name, buf_str(&err));
	assert_true(pdf->len > 1000 && memcmp(pdf->data, "%PDF-", 5) == 0);
	const char *path = save(pdf, name);
	bool landscape;
	int pages = pdf_pages(path, &landscape);
	assert_true(landscape);
	run(&txt, "pdftotext '%s' -", path);
	char *s = squeeze(buf_str(&txt));
	const Sop *sop = wf_sop(wf, vid, &err);
	assert_non_null(sop);
	for (int i = 0; i < sop->n_steps; i++)
		assert_has_text(s, sop->steps[i].activity, name);
	for (int a = 0; a < sop->n_actors; a++)
		assert_has_text(s, sop->actors[a].label, name);
	static const char *const items[] = {"Nomor SOP",      "Tanggal Pembuatan",
	                                    "Tanggal Revisi", "Tanggal Efektif",
	                                    "Disahkan oleh",  "Nama SOP",
	                                    "Dasar Hukum",    "Kualifikasi Pelaksana",
	                                    "Keterkaitan",    "Peralatan/Perlengkapan",
	                                    "Peringatan",     "Pencatatan dan Pendataan",
	                                    "Kegiatan",       "Pelaksana",
	                                    "Mutu Baku",      "Kelengkapan",
	                                    "Waktu",          "Output",
	                                    "Keterangan"};
	for (size_t k = 0; k < COUNT(items); k++)
		assert_has_text(s, items[k], name);
	assert_has_text(s, sop->name, name);
	assert_has_text(s, sop->agency, name);
	assert_has_text(s, sop->approved_by.name, name);
	if (sop->approved_by.nip) {
		Buf nip = BUF_INIT;
		fmt_nip(&nip, sop->approved_by.nip);
		assert_has_text(s, buf_str(&nip), name);
		buf_free(&nip);
	}
	if (sop->effective) {
		Buf date = BUF_INIT;
		fmt_date_id(&date, sop->effective);
		assert_has_text(s, buf_str(&date), name);
		buf_free(&date);
	}
	for (int l = 0; l < sop->legal_basis.n; l++)
		assert_has_text(s, sop->legal_basis.items[l], name);
	/* The table header on every flowchart page (the identity page has none). */
	assert_true(count_of(s, "Mutu Baku") >= pages - 1);
	free(s);
	buf_free(&err);
	buf_free(&txt);
	return pages;
}

static void every_seed_renders(void **state)
{
	(void)state;
	Buf pdf = BUF_INIT, again = BUF_INIT, err = BUF_INIT;
	for (size_t i = 0; i < sop_lib_count; i++) {
		char ref[24], name[64];
		snprintf(ref, sizeof ref, "%zu", i + 1);
		int64_t vid = sop_store_resolve(db, ref, 0, &err);
		assert_true(vid > 0);
		snprintf(name, sizeof name, "sop-seed-%zu.pdf", i);
		int pages = check_pdf(vid, name, &pdf);
		/* The identity page and one or two flowchart pages for these short SOPs. */
		assert_in_range(pages, 2, 4);
		/* The same version, the same bytes. */
		assert_int_equal(report_sop(wf, vid, DOC_PDF, &again, &err), 0);
		assert_int_equal(again.len, pdf.len);
		assert_memory_equal(again.data, pdf.data, pdf.len);
		buf_reset(&again);
	}
	buf_free(&pdf);
	buf_free(&again);
	buf_free(&err);
}

/* Well-formed by python's XML parser. */
static void check_xml(const Buf *svg)
{
	const char *path = tu_path(2, "doc.svg");
	tu_write_file(path, svg->data, svg->len);
	char cmd[1024];
	snprintf(cmd, sizeof cmd,
	         "python3 -c 'import sys, xml.dom.minidom; xml.dom.minidom.parse(sys.argv[1])' "
	         "'%s'",
	         path);
	assert_int_equal(system(cmd), 0);
}

static void svg_is_well_formed_and_stable(void **state)
{
	(void)state;
	Buf svg = BUF_INIT, again = BUF_INIT, err = BUF_INIT;
	for (size_t i = 0; i < sop_lib_count; i++) {
		char ref[24];
		snprintf(ref, sizeof ref, "%zu", i + 1);
		int64_t vid = sop_store_resolve(db, ref, 0, &err);
		buf_reset(&svg);
		buf_reset(&again);
		if (report_sop(wf, vid, DOC_SVG, &svg, &err) != 0)
			fail_msg("%s", buf_str(&err));
		assert_non_null(strstr(buf_str(&svg), "<svg"));
		check_xml(&svg);
		assert_int_equal(report_sop(wf, vid, DOC_SVG, &again, &err), 0);
		assert_int_equal(again.len, svg.len);
		assert_memory_equal(again.data, svg.data, svg.len);
	}
	/* PNG: the first page through doc.h. */
	buf_reset(&svg);
	assert_int_equal(report_sop(wf, sop_store_resolve(db, "1", 0, &err), DOC_PNG, &svg, &err),
	                 0);
	assert_true(svg.len > 1000 && memcmp(svg.data, "\x89PNG", 4) == 0);
	/* An unknown version is an error, not a crash. */
	buf_reset(&svg);
	assert_int_equal(report_sop(wf, 999999, DOC_PDF, &svg, &err), -1);
	assert_non_null(strstr(buf_str(&err), "not found"));
	buf_free(&svg);
	buf_free(&again);
	buf_free(&err);
}

/*
** The synthetic SOP: 12 actors, 40 steps (every fifth a decision returning
** two steps back; step 38 returns to step 3, pages away), step 7 with a
** 2,000-character activity ending in a unique word.
*/
static char *synthetic_json(void)
{
	Buf j = BUF_INIT;
	buf_puts(&j, "{\"format\":\"sakip.sop/1\",\"code\":\"uji-panjang\",\"name\":\"SOP Uji "
	             "Tata Letak Panjang\",\"government\":\"Pemerintah Provinsi Uji\","
	             "\"agency\":\"Dinas Uji Coba\",\"unit\":\"Bagian Umum\","
	             "\"dates\":{\"created\":\"2026-01-05\",\"revised\":null,"
	             "\"effective\":\"2026-01-06\"},\"approved_by\":{\"title\":\"Kepala Dinas Uji "
	             "Coba\",\"name\":\"Dr. Penguji, M.Si.\",\"rank\":\"Pembina\","
	             "\"nip\":\"197001012000031001\"},\"legal_basis\":[\"Peraturan Uji Nomor 1\"],"
	             "\"qualifications\":[],\"related\":[],\"equipment\":[\"Komputer\"],"
	             "\"warning\":null,\"records\":null,\"actors\":[");
	for (int a = 0; a < 12; a++)
		buf_printf(&j, "%s{\"id\":\"aktor%d\",\"label\":\"Pelaksana Uji %d\"}",
		           a ? "," : "", a + 1, a + 1);
	buf_puts(&j, "],\"steps\":[");
	for (int i = 1; i <= 40; i++) {
		Buf act = BUF_INIT;
		if (i == 7) {
			while (act.len < 1980)
				buf_printf(&act, "kalimat%04zu panjang sekali ", act.len);
			buf_puts(&act, "PENUTUPKALIMAT");
		} else {
			buf_printf(&act, "Kegiatan langkah nomor %d dikerjakan", i);
		}
		bool decision = (i % 5 == 0 && i < 40) || i == 38;
		int back = i == 38 ? 3 : i - 2;
		buf_printf(&j,
		           "%s{\"no\":%d,\"activity\":\"%s\",\"actor\":\"aktor%d\",\"kind\":\"%s\","
		           "\"inputs\":\"Berkas %d\",\"duration\":{\"min\":%d,\"max\":%d,"
		           "\"unit\":\"minute\",\"text\":\"%d Menit\"},\"output\":\"Hasil %d\"",
		           i > 1 ? "," : "", i, buf_str(&act), (i * 5) % 12 + 1,
		           i == 40    ? "end"
		           : decision ? "decision"
		                      : "process",
		           i, i, i, i, i);
		if (decision)
			buf_printf(&j, ",\"on_reject\":%d", back);
		buf_puts(&j, "}");
		buf_free(&act);
	}
	buf_puts(&j, "]}");
	return buf_steal(&j);
}

static void long_sop_lays_out(void **state)
{
	(void)state;
	Arena a = ARENA_INIT;
	Buf err = BUF_INIT, pdf = BUF_INIT, txt = BUF_INIT;
	char *json = synthetic_json();
	Sop *sop = sop_parse(&a, "uji.json", json, strlen(json), &err);
	if (!sop)
		fail_msg("%s", buf_str(&err));
	if (sop_validate(sop, &err) > 0)
		fail_msg("%s", buf_str(&err));
	assert_int_equal(sop_store_add(db, sop, "active", "test", false, &err), 0);
	int64_t vid = sop_store_resolve(db, "uji-panjang", 0, &err);
	assert_true(vid > 0);
	int pages = check_pdf(vid, "sop-long.pdf", &pdf);
	/* 40 rows of at least 36 points, one of them long: several flowchart pages. */
	assert_in_range(pages, 4, 12);
	run(&txt, "pdftotext '%s' -", tu_path(3, "sop-long.pdf"));
	char *s = squeeze(buf_str(&txt));
	assert_int_equal(count_of(s, "PENUTUPKALIMAT"), 1);
	/* Every step number, as the No cell: a line of its own. */
	for (int i = 1; i <= 40; i++) {
		char want[16];
		snprintf(want, sizeof want, "\n%d\n", i);
		if (!strstr(buf_str(&txt), want))
			fail_msg("step %d's number is missing", i);
	}
	free(s);

	/* The layout behind it: off-page connectors in pairs, the long return among them. */
	const Sop *stored = wf_sop(wf, vid, &err);
	assert_non_null(stored);
	enum { N = 40 };
	double cx[12], cy[N], end[N];
	int page[N];
	for (int c = 0; c < 12; c++)
		cx[c] = 100 + 40 * c;
	for (int i = 0; i < N; i++) {
		page[i] = i / 10;
		cy[i] = 100 + (i % 10) * 40;
		end[i] = cy[i] + 20;
	}
	SopGrid g = {.n_cols = 12,
	             .col_cx = cx,
	             .row_cy = cy,
	             .row_end = end,
	             .row_page = page,
	             .box_hw = 12,
	             .box_hh = 8,
	             .dia_hw = 12,
	             .dia_hh = 10,
	             .lane = 16,
	             .body_top = 70,
	             .body_bottom = 520,
	             .conn_r = 6};
	SopLayout l;
	sop_layout(stored, &g, &l);
	assert_int_equal(l.n_nodes, N);
	int out = 0, in = 0;
	for (int k = 0; k < l.n_conns; k++) {
		assert_int_equal(l.conns[k].kind, SOP_CONN_OFFPAGE);
		if (l.conns[k].out)
			out++;
		else
			in++;
	}
	/* Three page breaks of the main flow, and step 38's return to step 3. */
	assert_int_equal(out, in);
	assert_true(out >= 4);
	bool long_return = false;
	for (int k = 0; k < l.n_paths; k++)
		if (l.paths[k].from == 37 && l.paths[k].to == 2 && l.paths[k].page == 0)
			long_return = true;
	assert_true(long_return);
	sop_layout_free(&l);

	/* Same bytes twice for the long one too. */
	Buf again = BUF_INIT;
	assert_int_equal(report_sop(wf, vid, DOC_PDF, &again, &err), 0);
	assert_int_equal(again.len, pdf.len);
	assert_memory_equal(again.data, pdf.data, pdf.len);
	buf_free(&again);
	free(json);
	arena_free(&a);
	buf_free(&err);
	buf_free(&pdf);
	buf_free(&txt);
}

int main(void)
{
	tu_init();
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(every_seed_renders),
	        cmocka_unit_test(svg_is_well_formed_and_stable),
	        cmocka_unit_test(long_sop_lays_out),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
