/*
** bench_doc_sop.c: the SOP document's figures, printed, never asserted:
** a 20-step SOP (5 actors, a decision with its return every fifth step)
** rendered as PDF N times, milliseconds per document (issue 6's target:
** under 30 ms), its size and page count; the same for SVG.
**
** Usage: build/bench_doc_sop [N] [DIR]   (N documents, default 200;
**        DIR for the database file, default /tmp)
*/
#include "report.h"
#include "sop.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A 20-step SOP in the shape of the seeds: review levels with returns. */
static char *sop_json(void)
{
	Buf j = BUF_INIT;
	buf_puts(&j,
	         "{\"format\":\"sakip.sop/1\",\"code\":\"bench-dua-puluh\",\"name\":\"SOP "
	         "Penyusunan Dokumen Kinerja (Uji Kinerja)\",\"government\":\"Pemerintah "
	         "Provinsi Kalimantan Barat\",\"agency\":\"Dinas Perumahan Rakyat dan Kawasan "
	         "Permukiman\",\"unit\":\"Sub Bagian Program\",\"dates\":{\"created\":"
	         "\"2026-01-05\",\"revised\":null,\"effective\":\"2026-01-06\"},"
	         "\"approved_by\":{\"title\":\"Kepala Dinas\",\"name\":\"Ir. Penguji, M.T.\","
	         "\"rank\":\"Pembina Utama Muda\",\"nip\":\"196910241998031007\"},"
	         "\"legal_basis\":[\"Peraturan Presiden Nomor 29 Tahun 2014\",\"Peraturan "
	         "Menteri PANRB Nomor 53 Tahun 2014\"],\"qualifications\":[\"Memahami SAKIP\"],"
	         "\"related\":[\"SOP Pengumpulan Data Kinerja\"],\"equipment\":[\"Komputer\","
	         "\"Printer\"],\"warning\":\"Jika tidak dilaksanakan, maka laporan terlambat.\","
	         "\"records\":\"Buku Agenda\",\"actors\":[");
	static const char *const actors[] = {"Kepala Dinas", "Sekretaris",
	                                     "Kasubbag Program dan Pelaporan", "Pelaksana",
	                                     "Arsiparis"};
	for (int a = 0; a < 5; a++)
		buf_printf(&j, "%s{\"id\":\"a%d\",\"label\":\"%s\"}", a ? "," : "", a, actors[a]);
	buf_puts(&j, "],\"steps\":[");
	for (int i = 1; i <= 20; i++) {
		bool decision = i % 5 == 0 && i < 20;
		buf_printf(&j,
		           "%s{\"no\":%d,\"activity\":\"Memeriksa dan menyiapkan bahan langkah %d "
		           "sesuai ketentuan, lalu meneruskannya kepada pelaksana berikutnya\","
		           "\"actor\":\"a%d\",\"kind\":\"%s\",\"inputs\":\"Konsep dokumen\","
		           "\"duration\":{\"min\":30,\"max\":30,\"unit\":\"minute\",\"text\":\"30 "
		           "Menit\"},\"output\":\"Dokumen yang sudah diperiksa\"%s",
		           i > 1 ? "," : "", i, i, (i * 3) % 5,
		           i == 20    ? "end"
		           : decision ? "decision"
		                      : "process",
		           decision ? ",\"on_reject\":" : "");
		if (decision)
			buf_printf(&j, "%d", i - 2);
		buf_puts(&j, "}");
	}
	buf_puts(&j, "]}");
	return buf_steal(&j);
}

static void bench(Wf *wf, int64_t vid, DocFormat fmt, const char *name, int n)
{
	Buf out = BUF_INIT, err = BUF_INIT;
	size_t size = 0;
	double t0 = now_s();
	for (int k = 0; k < n; k++) {
		buf_reset(&out);
		if (report_sop(wf, vid, fmt, &out, &err) != 0)
			fatal("%s", buf_str(&err));
		size = out.len;
	}
	double dt = now_s() - t0;
	printf("SOP document, 20 steps, %s: %7.2f ms/document  %7zu bytes", name, dt / n * 1e3,
	       size);
	if (fmt == DOC_PDF) {
		/* Pages: the page tree's /Count (the file has binary streams). */
		int pages = 0;
		for (size_t k = 0; k + 7 < out.len; k++)
			if (memcmp(out.data + k, "/Count ", 7) == 0) {
				pages = atoi(out.data + k + 7);
				break;
			}
		printf("  %d pages", pages);
	}
	printf("  (%d documents)\n", n);
	buf_free(&out);
	buf_free(&err);
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 200;
	const char *dir = argc > 2 ? argv[2] : "/tmp";
	if (n < 1)
		n = 1;
	char path[512];
	snprintf(path, sizeof path, "%s/bench-doc-sop-%ld.db", dir, (long)getpid());
	Buf err = BUF_INIT;
	Db *db = db_open(path, DB_OPEN_CREATE | DB_OPEN_WRITE, &err);
	if (!db)
		fatal("%s", buf_str(&err));
	Arena a = ARENA_INIT;
	char *json = sop_json();
	Sop *sop = sop_parse(&a, "bench.json", json, strlen(json), &err);
	if (!sop || sop_validate(sop, &err) > 0 ||
	    sop_store_add(db, sop, "active", "bench", false, &err) != 0)
		fatal("%s", buf_str(&err));
	int64_t vid = sop_store_resolve(db, "bench-dua-puluh", 0, &err);
	Wf *wf = wf_new(db);
	bench(wf, vid, DOC_PDF, "PDF", n);
	bench(wf, vid, DOC_SVG, "SVG", n);
	wf_free(wf);
	db_close(db);
	free(json);
	arena_free(&a);
	buf_free(&err);
	char wal[600];
	unlink(path);
	snprintf(wal, sizeof wal, "%s-wal", path);
	unlink(wal);
	snprintf(wal, sizeof wal, "%s-shm", path);
	unlink(wal);
	return 0;
}
