/*
** bench_lkj.c: the LKj of an agency of 50 indicators (a synthetic one,
** imported through kpi_import: 10 sasaran, PK targets, verified values of
** the year and the year before, Renstra end targets, 8 programmes with
** their spending), rendered N times: milliseconds per LKj (both passes:
** the one that learns the Daftar Isi's pages and the one that writes
** them), its size and page count. Printed, never asserted (target: under
** 300 ms).
**
** Usage: build/bench_lkj [N [DIR]]   (N renders, default 20; DIR for the database, /tmp)
*/
#include "kpi.h"
#include "report.h"
#include "wf.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

enum { INDICATORS = 50, PROGRAMMES = 8 };

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void import(Db *db, Buf *csv)
{
	Buf err = BUF_INIT, log = BUF_INIT;
	if (kpi_import(db, "bench.csv", csv->data, csv->len, "Penetapan anggaran (bench)", 0,
	               1795395600, &log, &err) != 0)
		fatal("%s", buf_str(&err));
	buf_reset(csv);
	buf_free(&err);
	buf_free(&log);
}

int main(int argc, char **argv)
{
	json_set_alloc_funcs(xmalloc, free);
	int n = argc > 1 ? atoi(argv[1]) : 20;
	const char *dir = argc > 2 ? argv[2] : "/tmp";
	if (n < 1)
		n = 1;
	char path[512];
	snprintf(path, sizeof path, "%s/bench-lkj.db", dir);
	unlink(path);
	Buf err = BUF_INIT, log = BUF_INIT, csv = BUF_INIT;
	Db *db = db_open(path, DB_OPEN_CREATE | DB_OPEN_WRITE, &err);
	if (!db)
		fatal("%s", buf_str(&err));
	Wf *wf = wf_new(db);
	const char *org =
	        "{\"format\":\"sakip.org/1\",\"pemda\":{\"code\":\"bench\",\"name\":\"Pemerintah "
	        "Kota Uji\"},\"agency\":{\"code\":\"dinas-bench\",\"name\":\"Dinas Uji Lima Puluh "
	        "Indikator\",\"timezone\":\"WIB\"},\"units\":[{\"code\":\"dinas\",\"name\":\"Dinas "
	        "Uji\",\"parent\":null}],\"people\":[{\"login\":\"kepala\",\"nip\":\"19700101 "
	        "199503 1 001\",\"name\":\"Kepala "
	        "Uji\",\"rank\":\"Pembina\",\"golongan\":\"IV/a\"}],"
	        "\"positions\":[{\"code\":\"kadis\",\"title\":\"Kepala Dinas Uji\",\"unit\":"
	        "\"dinas\",\"holder\":\"kepala\",\"head\":true}],\"acting\":[],\"holidays\":[],"
	        "\"sop_actors\":[]}";
	if (wf_holidays_install(db, &err) < 0 ||
	    wf_org_load(wf, "bench.json", org, strlen(org), &log, &err) != 0)
		fatal("%s", buf_str(&err));
	buf_puts(&csv, "agency,code,name,satuan,polarity,formula,aggregation,sasaran_code,sasaran,"
	               "unit,iku,cap,scale,min,max,evidence\n");
	for (int i = 1; i <= INDICATORS; i++)
		buf_printf(
		        &csv,
		        "dinas-bench,IK-%02d,Indikator kinerja nomor %d dengan nama sepanjang "
		        "indikator yang sebenarnya,%%,%s,%s,last,SS-%d,Sasaran strategis nomor %d "
		        "yang dicapai oleh dinas,dinas,1,,,0,,\n",
		        i, i, i % 4 ? "higher" : "lower", i % 4 ? "R/T" : "(2T-R)/T",
		        1 + (i - 1) / 5, 1 + (i - 1) / 5);
	import(db, &csv);
	buf_puts(&csv, "agency,indicator,start_year,end_year,target\n");
	for (int i = 1; i <= INDICATORS; i++)
		buf_printf(&csv, "dinas-bench,IK-%02d,2025,2029,%d\n", i, 80 + i % 15);
	import(db, &csv);
	buf_puts(&csv, "agency,year,indicator,period,target\n");
	for (int y = 2025; y <= 2026; y++)
		for (int i = 1; i <= INDICATORS; i++)
			buf_printf(&csv, "dinas-bench,%d,IK-%02d,Y,%d.25\n", y, i, 60 + i % 30);
	import(db, &csv);
	buf_puts(&csv, "agency,year,programme,name,pagu\n");
	for (int p = 1; p <= PROGRAMMES; p++)
		buf_printf(&csv, "dinas-bench,2026,1.0%d.%02d,Program uji nomor %d,%d000000000\n",
		           p % 9, p, p, 5 + p);
	import(db, &csv);
	buf_puts(&csv, "agency,year,indicator,period,value,unit,status,note\n");
	for (int y = 2025; y <= 2026; y++)
		for (int i = 1; i <= INDICATORS; i++)
			if (i % 10)
				buf_printf(&csv, "dinas-bench,%d,IK-%02d,Y,%d.5,dinas,verified,\n",
				           y, i, 50 + (i * 7 + y) % 45);
	import(db, &csv);
	buf_puts(&csv, "agency,year,period,programme,amount\n");
	for (int p = 1; p <= PROGRAMMES; p++)
		buf_printf(&csv, "dinas-bench,2026,Y,1.0%d.%02d,%d00000000\n", p % 9, p,
		           40 + 5 * p);
	import(db, &csv);

	int64_t agency = wf_agency_by_ref(db, "dinas-bench");
	Buf pdf = BUF_INIT;
	if (report_lkj(wf, agency, 2026, NULL, &pdf, &err) != 0) /* warm: fonts, caches */
		fatal("%s", buf_str(&err));
	double t0 = now_s();
	for (int k = 0; k < n; k++) {
		buf_reset(&pdf);
		if (report_lkj(wf, agency, 2026, NULL, &pdf, &err) != 0)
			fatal("%s", buf_str(&err));
	}
	double ms = (now_s() - t0) * 1000 / n;
	/* The page count, as pdfinfo would say: the number of /Type /Page objects. */
	int pages = 0;
	for (size_t i = 0; i + 11 < pdf.len; i++)
		if (memcmp(pdf.data + i, "/Type /Page", 11) == 0 && pdf.data[i + 11] != 's')
			pages++;
	printf("lkj             %d indicators, %d renders: %.1f ms per LKj (target < 300 ms), "
	       "%zu KB, %d pages\n",
	       INDICATORS, n, ms, pdf.len / 1024, pages);
	buf_free(&pdf);
	buf_free(&csv);
	buf_free(&err);
	buf_free(&log);
	wf_free(wf);
	db_close(db);
	unlink(path);
	return 0;
}
