/*
** testutil.h: small helpers shared by the cmocka unit tests: a private
** temporary directory per test program, and reading a file into a Buf.
** Tests use the real parts: real files, real SQLite databases.
*/
#ifndef SAKIP_TESTUTIL_H
#define SAKIP_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

/* A fresh directory under /tmp, removed at exit. */
static char tu_dir[64];

static void tu_cleanup(void)
{
	if (tu_dir[0]) {
		char cmd[128];
		snprintf(cmd, sizeof cmd, "rm -rf '%s'", tu_dir);
		if (system(cmd) != 0)
			fprintf(stderr, "could not remove %s\n", tu_dir);
	}
}

static inline const char *tu_tmpdir(void)
{
	if (!tu_dir[0]) {
		snprintf(tu_dir, sizeof tu_dir, "/tmp/sakip-test-XXXXXX");
		if (!mkdtemp(tu_dir))
			abort();
		atexit(tu_cleanup);
	}
	return tu_dir;
}

/* A path inside the temporary directory; static storage, one at a time per slot. */
static inline const char *tu_path(int slot, const char *name)
{
	static char paths[4][256];
	snprintf(paths[slot], sizeof paths[slot], "%s/%s", tu_tmpdir(), name);
	return paths[slot];
}

static inline void tu_write_file(const char *path, const void *data, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
}

static inline void tu_read_file(Buf *b, const char *path)
{
	Buf err = BUF_INIT;
	if (buf_read_file(b, path, 64 * 1024 * 1024, &err) != 0)
		fail_msg("%s", buf_str(&err));
	buf_free(&err);
}

#define assert_contains(hay, needle)                                                               \
	do {                                                                                       \
		const char *h_ = (hay), *n_ = (needle);                                            \
		if (!strstr(h_, n_))                                                               \
			fail_msg("expected to find \"%s\" in:\n%s", n_, h_);                       \
	} while (0)

static inline void tu_init(void)
{
	json_set_alloc_funcs(xmalloc, free);
}

#endif
