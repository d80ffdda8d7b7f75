/*
** bench_import.c: figures for the SOP document importer (sop_import.h),
** printed, never asserted. The target: a 100-step document in
** under 5 ms.
**
**   a generated 100-step document in the tab-separated layout (as the
**   seeds), with its identity block;
**   a generated 100-step document in the `pdftotext -layout` style (as
**   the corpus: fixed-width columns, wrapped cells, a page header and
**   footer repeated every 12 steps);
**   each of the ten real documents under test/data (when run from the
**   repository root).
**
** Each is imported N times; printed: ms per import and the steps found.
**
** Usage: build/bench_import [N]   (default 200)
*/
#include "sop_import.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *const actors[] = {"Kadis", "Sekretaris", "Kasubbag Program", "Staf"};

/* The activity of step i of n: hand-overs, a review every tenth step, an end. */
static void activity(Buf *b, int i, int n)
{
	const char *next = actors[i % 4];
	const char *prev = actors[(i + 3) % 4];
	if (i == n)
		buf_puts(b, "Mengarsipkan dokumen Penetapan Kinerja dalam arsip Badan");
	else if (i % 10 == 0)
		buf_printf(b,
		           "Menelaah dan mengoreksi konsep Penetapan Kinerja tahap %d, jika tidak "
		           "setuju "
		           "dikembalikan kepada %s untuk diperbaiki, jika setuju diparaf dan "
		           "diserahkan "
		           "kepada %s",
		           i, prev, next);
	else
		buf_printf(
		        b,
		        "Menyusun bagian %d Penetapan Kinerja lalu menyampaikan hasilnya kepada %s "
		        "untuk ditindaklanjuti",
		        i, next);
}

static const char *waktu(int i)
{
	static const char *const w[] = {"5 Menit", "2 jam", "1 - 20 Hari Kerja", "1 minggu",
	                                "10 Menit"};
	return w[i % 5];
}

static const char identity[] =
        "**PEMERINTAH KOTA CIMAHI**\n\n**BADAN PENGELOLA KEUANGAN DAN ASET DAERAH**\n\n"
        "Nomor SOP\t001/SOP/2016\nTanggal Pembuatan\t02 Januari 2023\n"
        "Tanggal Revisi\t02 Januari 2023\nTanggal Efektif\t02 Januari 2023\n"
        "Disahkan oleh\t<p>KEPALA BADAN,</p> <p><b>HELLA HAERANI</b> Pembina Tk I NIP. "
        "19660214 199202 2 001</p>\nNama SOP\tPenyusunan Perjanjian Kinerja\n\n"
        "<b>Dasar Hukum</b>\t<b>Kualifikasi pelaksana</b>\n<p>1 PP Nomor 29 Tahun 2014 "
        "tentang SAKIP</p>\t<p>1. Memahami SAKIP</p>\n";

static void tab_document(Buf *b, int n)
{
	buf_puts(b, "**SOP PENYUSUNAN PERJANJIAN KINERJA**\n\n");
	buf_puts(b, "No.\tAktivitas\tPelaksana\t\t\t\tMutu Baku\t\t\n");
	buf_puts(b, "\t\tKadis\tSekretaris\tKasubbag Program\tStaf\tKelengkapan\tWaktu\tOutput\n");
	for (int i = 1; i <= n; i++) {
		buf_printf(b, "%d\t", i);
		activity(b, i, n);
		buf_printf(b, "\t\t\t\t\tDokumen, data\t%s\tDraft PK\n", waktu(i));
	}
	buf_puts(b, "\n\n");
	buf_puts(b, identity);
}

/* Split s into lines of at most width bytes, at spaces. */
static int wrap(const char *s, int width, char lines[][64], int max)
{
	int k = 0;
	while (*s && k < max) {
		int len = (int)strlen(s);
		int cut = len <= width ? len : width;
		if (cut < len) {
			while (cut > 0 && s[cut] != ' ')
				cut--;
			if (cut == 0)
				cut = width;
		}
		snprintf(lines[k++], 64, "%.*s", cut, s);
		s += cut;
		while (*s == ' ')
			s++;
	}
	return k;
}

static void layout_header(Buf *b)
{
	buf_printf(b, "%57s%-38s%s\n", "", "Pelaksana", "Mutu Baku");
	buf_printf(b, " %-14s%s\n", "No", "Kegiatan");
	buf_printf(b, "%39s%-11s%s\n", "", "Kaban", "Sekretaris");
	buf_printf(b, "%69s%s\n", "", "Kasubbag");
	buf_printf(b, "%80s%-8s%-16s%-11s%s\n", "", "Staf", "Kelengkapan", "Waktu", "Output");
	buf_printf(b, "%126s%s\n", "", "Ket");
	buf_printf(b, "%69s%s\n", "", "Program");
}

static void layout_document(Buf *b, int n)
{
	buf_printf(b, "%53s%s\n%53s%s\n", "", "NOMOR SOP", "", "TGL PEMBUATAN");
	buf_printf(b, "%53s%-34s%s\n\n", "", "NAMA SOP", "Penyusunan Perjanjian Kinerja (PK)");
	for (int i = 1; i <= n; i++) {
		if ((i - 1) % 12 == 0) {
			if (i > 1)
				buf_puts(b, "\n\n  Standar Operasional Prosedur (SOP)\n  BPKAD "
				            "Tahun 2016\n");
			layout_header(b);
		}
		Buf act = BUF_INIT;
		activity(&act, i, n);
		char lines[32][64], wl[4][64];
		int k = wrap(buf_str(&act), 20, lines, 32);
		int kw = wrap(waktu(i), 6, wl, 4);
		for (int j = 0; j < k || j < kw || j < 2; j++) {
			char no[8] = "";
			if (j == 0)
				snprintf(no, sizeof no, "%d", i);
			buf_printf(b, " %-5s%-80s%-15s%-11s%s\n", no, j < k ? lines[j] : "",
			           j == 0   ? "Dokumen"
			           : j == 1 ? "PK"
			                    : "",
			           j < kw ? wl[j] : "", j == 0 ? "Draft PK" : "");
		}
		buf_putc(b, '\n');
		buf_free(&act);
	}
	buf_puts(b, "\n  Standar Operasional Prosedur (SOP)\n  BPKAD Tahun 2016\n");
	/* pdftotext leaves no spaces at the end of a line. */
	size_t k = 0;
	for (size_t i = 0; i < b->len; i++) {
		if (b->data[i] == '\n')
			while (k > 0 && b->data[k - 1] == ' ')
				k--;
		b->data[k++] = b->data[i];
	}
	b->len = k;
	b->data[k] = 0;
}

static void bench(const char *what, const char *text, size_t len, int n)
{
	int steps = -1, sops = 0;
	Buf first_err = BUF_INIT;
	double t0 = now_s();
	for (int k = 0; k < n; k++) {
		Arena a = ARENA_INIT;
		Buf err = BUF_INIT;
		SopImport *imps = NULL;
		int r = sop_import(&a, what, text, len, &imps, &err);
		if (k == 0) {
			sops = r;
			steps = 0;
			for (int i = 0; i < r; i++)
				steps += imps[i].sop ? imps[i].sop->n_steps : 0;
			if (r < 0)
				buf_puts(&first_err, buf_str(&err));
		}
		arena_free(&a);
		buf_free(&err);
	}
	double dt = now_s() - t0;
	printf("import %-44s %7zu bytes  %8.3f ms/import  %3d SOPs  %4d steps%s%.*s\n", what, len,
	       dt / n * 1e3, sops < 0 ? 0 : sops, steps, sops < 0 ? "  refused: " : "",
	       (int)strcspn(buf_str(&first_err), "\n"), buf_str(&first_err));
	buf_free(&first_err);
}

int main(int argc, char **argv)
{
	json_set_alloc_funcs(xmalloc, free);
	int n = argc > 1 ? atoi(argv[1]) : 200;
	if (n < 1)
		n = 1;
	Buf tab = BUF_INIT, lay = BUF_INIT;
	tab_document(&tab, 100);
	layout_document(&lay, 100);
	bench("generated 100 steps, tab-separated", tab.data, tab.len, n);
	bench("generated 100 steps, pdftotext -layout", lay.data, lay.len, n);
	if (getenv("BENCH_IMPORT_DUMP")) {
		FILE *f = fopen("/tmp/bench-import-tab.txt", "w");
		if (f)
			fwrite(tab.data, 1, tab.len, f), fclose(f);
		f = fopen("/tmp/bench-import-layout.txt", "w");
		if (f)
			fwrite(lay.data, 1, lay.len, f), fclose(f);
	}
	static const char *const docs[] = {
	        "test/data/seeds/000_9bcef5166700faa0.txt",
	        "test/data/seeds/001_959eca75d1cbc353.txt",
	        "test/data/seeds/002_158814d6d4c29f4c.txt",
	        "test/data/seeds/003_2f640e7f7a4305d0.txt",
	        "test/data/seeds/004_5bb65b2f5ee9203e.txt",
	        "test/data/sop-corpus/sop_extra_1.txt",
	        "test/data/sop-corpus/sop_extra_2.txt",
	        "test/data/sop-corpus/sop_extra_3.txt",
	        "test/data/sop-corpus/sop_extra_4.txt",
	        "test/data/sop-corpus/sop_extra_5.txt",
	};
	for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
		Buf d = BUF_INIT, err = BUF_INIT;
		if (buf_read_file(&d, docs[i], 1 << 20, &err) == 0)
			bench(docs[i], d.data, d.len, n);
		buf_free(&d);
		buf_free(&err);
	}
	buf_free(&tab);
	buf_free(&lay);
	return 0;
}
