/*
** bench_kpi.c: data kinerja at scale. Creates 50 agencies with 100
** indicators each, then measures:
**   importing 1,000,000 realisation rows from one CSV (one transaction,
**   synchronous=FULL, every row validated and versioned);
**   the recap of all 50 agencies for TW3 (targets, realisations, capaian,
**   category for 5,000 indicators).
** Prints the figures and the peak memory. Figures only, no assertions.
**
** Usage: build/bench_kpi [DIR]   (default /tmp)
*/
#include "kpi.h"
#include "wf.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

enum { AGENCIES = 50, INDICATORS = 100 };
static int YEARS = 40;

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void must(int rc, Buf *err)
{
	if (rc != 0)
		fatal("%s", buf_str(err));
}

int main(int argc, char **argv)
{
	json_set_alloc_funcs(xmalloc, free);
	const char *dir = argc > 1 ? argv[1] : "/tmp";
	if (argc > 2)
		YEARS = atoi(argv[2]); /* fewer rows, for profiling */
	char path[512];
	snprintf(path, sizeof path, "%s/bench-kpi.db", dir);
	unlink(path);
	Buf err = BUF_INIT, log = BUF_INIT, csv = BUF_INIT;
	Db *db = db_open(path, DB_OPEN_CREATE | DB_OPEN_WRITE, &err);
	if (!db)
		fatal("%s", buf_str(&err));
	db_exec(db, "INSERT INTO pemda(id, code, name) VALUES(1, 'bench', 'Pemerintah Uji')", DB_END);
	for (int a = 1; a <= AGENCIES; a++) {
		char code[32];
		snprintf(code, sizeof code, "dinas-%02d", a);
		db_exec(db, "INSERT INTO agency(pemda_id, code, name) VALUES(1, :c, :c)",
		        DB_TEXT(":c", code), DB_END);
	}
	/* Indicators: half sums of quarters, half levels; every fourth lower-is-better. */
	buf_puts(&csv, "agency,code,name,satuan,polarity,formula,aggregation,min,max\n");
	for (int a = 1; a <= AGENCIES; a++)
		for (int i = 1; i <= INDICATORS; i++)
			buf_printf(&csv, "dinas-%02d,IK-%03d,Indikator %d,%%,%s,%s,%s,0,1000000\n", a, i, i,
			           i % 4 ? "higher" : "lower", i % 4 ? "R/T" : "(2T-R)/T",
			           i % 2 ? "sum" : "last");
	must(kpi_import(db, "indicators.csv", csv.data, csv.len, NULL, 0, 1790000000, &log, &err),
	     &err);
	buf_reset(&csv);
	buf_puts(&csv, "agency,year,indicator,period,target\n");
	for (int a = 1; a <= AGENCIES; a++)
		for (int i = 1; i <= INDICATORS; i++)
			for (int q = 1; q <= 4; q++)
				buf_printf(&csv, "dinas-%02d,2026,IK-%03d,TW%d,%d\n", a, i, q, 20 + i % 7);
	must(kpi_import(db, "targets.csv", csv.data, csv.len, NULL, 0, 1790000000, &log, &err), &err);

	/* 1,000,000 realisations: 5,000 indicators x 40 years x 5 periods. */
	buf_reset(&csv);
	buf_puts(&csv, "agency,year,indicator,period,value\n");
	static const char *const periods[] = {"TW1", "TW2", "TW3", "TW4", "Y"};
	long rows = 0;
	for (int y = 2000; y < 2000 + YEARS; y++)
		for (int a = 1; a <= AGENCIES; a++)
			for (int i = 1; i <= INDICATORS; i++)
				for (int p = 0; p < 5; p++, rows++)
					buf_printf(&csv, "dinas-%02d,%d,IK-%03d,%s,%d.%d\n", a, y, i, periods[p],
					           15 + (int)(rows % 13), (int)(rows % 10));
	double mb = (double)csv.len / (1024 * 1024);
	double t0 = now_s();
	must(kpi_import(db, "realisasi.csv", csv.data, csv.len, NULL, 0, 1790000000, &log, &err),
	     &err);
	double dt = now_s() - t0;
	printf("import          %ld realisation rows (%.1f MB CSV) in %.3f s  %9.0f rows/s"
	       "  (synchronous=%s)\n",
	       rows, mb, dt, rows / dt, getenv("SAKIP_DB_SYNC") ? getenv("SAKIP_DB_SYNC") : "full");
	buf_free(&csv);

	/* The recap of every agency for TW3 2026, three times, best run reported. */
	double best = 1e9;
	int indicators = 0;
	for (int run = 0; run < 3; run++) {
		t0 = now_s();
		indicators = 0;
		for (int a = 1; a <= AGENCIES; a++) {
			json_t *r = kpi_recap_json(db, a, 2026, 2, &err);
			if (!r)
				fatal("%s", buf_str(&err));
			indicators += (int)json_array_size(json_object_get(r, "indicators"));
			json_decref(r);
		}
		dt = now_s() - t0;
		if (dt < best)
			best = dt;
	}
	printf("recap           %d agencies x %d indicators x 4 triwulan (%d rows) in %.1f ms\n",
	       AGENCIES, INDICATORS, indicators, best * 1000);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("peak RSS        %ld KiB (the 1M-row CSV is held in memory)\n", ru.ru_maxrss);
	db_close(db);
	unlink(path);
	buf_free(&err);
	buf_free(&log);
	return 0;
}
