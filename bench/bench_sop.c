/*
** bench_sop.c: figures for the SOP foundation, printed, never asserted.
**
**   parse+validate+write of each built-in SOP (the work behind every
**   export, add and, later, every case start), per call;
**   sop_store_add of a new version, with synchronous=FULL (one fsync'd
**   transaction per version) and NORMAL;
**   resolving and loading the latest version of an SOP by code;
**   peak resident memory.
**
** Usage: build/bench_sop [DIR]   (DIR for the database files, default /tmp)
*/
#include "sop.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void bench_parse(void)
{
	for (size_t i = 0; i < sop_lib_count; i++) {
		const EmbedFile *e = &sop_lib[i];
		int n = 2000;
		size_t out_len = 0;
		double t0 = now_s();
		for (int k = 0; k < n; k++) {
			Arena a = ARENA_INIT;
			Buf err = BUF_INIT, out = BUF_INIT;
			Sop *sop = sop_parse(&a, e->name, (const char *)e->data, e->len, &err);
			if (!sop || sop_validate(sop, &err))
				fatal("%s", buf_str(&err));
			sop_write(sop, &out);
			out_len = out.len;
			buf_free(&out);
			buf_free(&err);
			arena_free(&a);
		}
		double dt = now_s() - t0;
		printf("parse+validate+write %-48s %6zu bytes  %7.1f us/op  %8.0f op/s\n", e->name,
		       out_len, dt / n * 1e6, n / dt);
	}
}

static void bench_store(const char *dir, const char *sync, int n)
{
	char path[512];
	snprintf(path, sizeof path, "%s/bench-sop-%s.db", dir, sync);
	unlink(path);
	setenv("SAKIP_DB_SYNC", sync, 1);
	Buf err = BUF_INIT;
	Db *db = db_open(path, DB_OPEN_CREATE | DB_OPEN_WRITE, &err);
	if (!db)
		fatal("%s", buf_str(&err));
	Arena a = ARENA_INIT;
	const EmbedFile *e = &sop_lib[0];
	Sop *sop = sop_parse(&a, e->name, (const char *)e->data, e->len, &err);
	double t0 = now_s();
	for (int k = 0; k < n; k++)
		if (sop_store_add(db, sop, "active", "file", false, &err) != 0)
			fatal("%s", buf_str(&err));
	double dt = now_s() - t0;
	printf("sop_store_add (synchronous=%-6s)  %5d versions  %8.3f ms/op  %7.0f op/s\n", sync,
	       n, dt / n * 1e3, n / dt);
	t0 = now_s();
	int m = 2000;
	for (int k = 0; k < m; k++) {
		char *def = sop_store_definition(db, sop->code, 0, &err);
		Arena b = ARENA_INIT;
		if (!def || !sop_parse(&b, "x", def, strlen(def), &err))
			fatal("%s", buf_str(&err));
		arena_free(&b);
		free(def);
	}
	dt = now_s() - t0;
	printf("load latest version by code + parse      %5d loads     %8.1f us/op  %7.0f op/s\n",
	       m, dt / m * 1e6, m / dt);
	arena_free(&a);
	buf_free(&err);
	db_close(db);
	unlink(path);
	unsetenv("SAKIP_DB_SYNC");
}

int main(int argc, char **argv)
{
	json_set_alloc_funcs(xmalloc, free);
	const char *dir = argc > 1 ? argv[1] : "/tmp";
	bench_parse();
	bench_store(dir, "full", 200);
	bench_store(dir, "normal", 2000);
	struct rusage ru;
	getrusage(RUSAGE_SELF, &ru);
	printf("peak resident memory                     %ld KiB\n", ru.ru_maxrss);
	return 0;
}
