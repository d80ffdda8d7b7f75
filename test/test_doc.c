/*
** test_doc.c: the document layout layer (doc_pdf.c) on real PDFs read back
** with poppler's pdftotext and pdfinfo: a long paragraph and a table row
** taller than a page continue on the next pages without losing a word,
** the table header repeats, page numbers and the footer are on every
** page, the outline has the marks, the signature block shows the NIP and
** its QR code, and invalid UTF-8 does not stop a document. The PDFs are
** also turned into PNGs under build/doc-test for a person to look at.
*/
#include "testutil.h"
#include "testdoc.h"

#include "doc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void long_text_and_tables_flow_over_pages(void **state)
{
	(void)state;
	Buf pdf = BUF_INIT, err = BUF_INIT, txt = BUF_INIT, long_text = BUF_INIT;
	Doc *d = doc_new(DOC_PDF, false, 0, &pdf);
	doc_meta(d, "Uji tata letak", "sakip", "test", "sakip:uji");
	doc_footer(d, "Dokumen uji", true, 1);
	doc_kop(d, &(DocKop){"PEMERINTAH PROVINSI KALIMANTAN BARAT",
	                     "DINAS PERUMAHAN RAKYAT DAN KAWASAN PERMUKIMAN",
	                     "Jalan Ahmad Yani, Pontianak"});
	doc_mark(d, 1, "BAB I PENDAHULUAN");
	doc_text(d, DOC_H1, DOC_CENTER, "BAB I PENDAHULUAN");
	/* 400 numbered words: every one must come out, in order, across pages. */
	for (int i = 1; i <= 400; i++)
		buf_printf(&long_text, "kata%03d ", i);
	for (int k = 0; k < 4; k++)
		doc_text(d, DOC_BODY, DOC_JUSTIFY, buf_str(&long_text));
	doc_mark(d, 2, "A. Tabel");
	static const char *const head[] = {"No", "Kegiatan", "Waktu"};
	DocTable t = {.n_cols = 3, .widths = {30, 330, 120}, .head = head};
	doc_table_begin(d, &t);
	/* A cell of about 9,000 characters: taller than a page, so it is split. */
	Buf huge = BUF_INIT;
	for (int i = 1; i <= 900; i++)
		buf_printf(&huge, "aktivitas%03d ", i);
	for (int r = 1; r <= 40; r++) {
		char no[8];
		snprintf(no, sizeof no, "%d", r);
		const char *row[] = {no, r == 20 ? buf_str(&huge) : "Menyusun data kinerja",
		                     "5 Menit"};
		doc_table_row(d, row, 0);
	}
	doc_table_end(d);
	doc_signature(d, doc_width(d) / 2, doc_width(d) / 2,
	              &(DocSigner){"Pontianak, 02 Januari 2023", "KEPALA DINAS",
	                           "Ir. YOSAFAT TRIADHI ANDJIOE, M.T.", "Pembina Utama Muda",
	                           "19691024 199803 1 007", "https://sakip.example/verifikasi/ab",
	                           "Ditandatangani secara elektronik"});
	doc_text(d, DOC_BODY, DOC_LEFT, "bukan UTF-8: \xff\xfe selesai");
	/* Many bad bytes in a row: each one '?', in one pass. */
	char junk[4001];
	memset(junk, 0xff, 4000);
	junk[4000] = 0;
	memcpy(junk, "awal", 4);
	memcpy(junk + 3990, "akhir12345", 10);
	doc_text(d, DOC_SMALL, DOC_LEFT, junk);
	int pages = doc_page(d);
	assert_int_equal(doc_finish(d, &err), 0);
	doc_free(d);
	assert_true(pdf.len > 1000 && memcmp(pdf.data, "%PDF-", 5) == 0);
	const char *path = save(&pdf, "layout.pdf");
	run(&txt, "pdfinfo '%s'", path);
	char want[32];
	snprintf(want, sizeof want, "Pages:           %d", pages);
	assert_contains(buf_str(&txt), want);
	assert_true(pages >= 6);
	assert_contains(buf_str(&txt), "Title:           Uji tata letak");
	assert_contains(buf_str(&txt), "Keywords:        sakip:uji");
	run(&txt, "pdftotext '%s' -", path);
	const char *s = buf_str(&txt);
	assert_contains(s, "DINAS PERUMAHAN RAKYAT DAN KAWASAN PERMUKIMAN");
	/* Every word of the paragraphs, four times; every word of the huge cell once. */
	for (int i = 1; i <= 400; i++) {
		char w[16];
		snprintf(w, sizeof w, "kata%03d", i);
		assert_int_equal(count_of(s, w), 4);
	}
	for (int i = 1; i <= 900; i++) {
		char w[24];
		snprintf(w, sizeof w, "aktivitas%03d", i);
		if (count_of(s, w) != 1)
			fail_msg("%s appears %d times", w, count_of(s, w));
	}
	/* The header on every page the table spans, the numbers and footer on every page. */
	assert_true(count_of(s, "Kegiatan") >= 3);
	for (int p = 1; p <= pages; p++) {
		char n[32];
		snprintf(n, sizeof n, "Halaman %d", p);
		assert_contains(s, n);
	}
	assert_int_equal(count_of(s, "Dokumen uji"), pages);
	assert_contains(s, "NIP 19691024 199803 1 007");
	assert_contains(s, "Pontianak, 02 Januari 2023");
	assert_contains(s, "bukan UTF-8: ?? selesai");
	assert_contains(s, "awal????");
	assert_contains(s, "??akhir12345");
	buf_free(&pdf);
	buf_free(&err);
	buf_free(&txt);
	buf_free(&long_text);
	buf_free(&huge);
}

static void marks_record_pages(void **state)
{
	(void)state;
	Buf out = BUF_INIT, err = BUF_INIT;
	Doc *d = doc_new(DOC_PDF, true, 0, &out);
	assert_true(doc_width(d) > 700); /* landscape */
	doc_mark(d, 1, "Satu");
	doc_page_break(d);
	doc_page_break(d);
	doc_mark(d, 1, "Tiga");
	doc_mark(d, 2, "Tiga A");
	int n;
	const DocMark *m = doc_marks(d, &n);
	assert_int_equal(n, 3);
	assert_int_equal(m[0].page, 1);
	assert_int_equal(m[1].page, 3);
	assert_string_equal(m[2].title, "Tiga A");
	assert_int_equal(m[2].level, 2);
	assert_int_equal(doc_finish(d, &err), 0);
	doc_free(d);
	buf_reset(&out);
	/* PNG: the first page as a picture. */
	d = doc_new(DOC_PNG, false, 0, &out);
	doc_text(d, DOC_TITLE, DOC_CENTER, "Sampul");
	doc_page_break(d);
	doc_text(d, DOC_BODY, DOC_LEFT, "halaman dua");
	assert_int_equal(doc_finish(d, &err), 0);
	doc_free(d);
	assert_true(out.len > 100 && memcmp(out.data, "\x89PNG", 4) == 0);
	buf_free(&out);
	buf_free(&err);
}

int main(void)
{
	tu_init();
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(long_text_and_tables_flow_over_pages),
	        cmocka_unit_test(marks_record_pages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
