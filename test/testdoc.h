/*
** testdoc.h: reading documents back in tests. The PDFs sakip renders are
** checked with poppler's tools (pdftotext, pdfinfo), and pictures of their
** pages are left in build/doc-test/ for a person to look at (not checked,
** not committed). Include after testutil.h.
*/
#ifndef SAKIP_TESTDOC_H
#define SAKIP_TESTDOC_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Run a shell command (fmt with one %s: a path) and keep its standard output. */
static inline void run(Buf *out, const char *fmt, const char *path)
{
	char cmd[1024];
	snprintf(cmd, sizeof cmd, fmt, path);
	FILE *p = popen(cmd, "r");
	assert_non_null(p);
	char chunk[4096];
	size_t n;
	buf_reset(out);
	while ((n = fread(chunk, 1, sizeof chunk, p)) > 0)
		buf_append(out, chunk, n);
	assert_int_equal(pclose(p), 0);
}

/*
** Write pdf as name (ending in ".pdf") into the test directory and return
** its path (valid until the next save); a copy and PNGs of its pages go to
** build/doc-test/.
*/
static inline const char *save(const Buf *pdf, const char *name)
{
	const char *path = tu_path(3, name);
	tu_write_file(path, pdf->data, pdf->len);
	char cmd[1024];
	snprintf(cmd, sizeof cmd,
	         "mkdir -p build/doc-test && cp '%s' build/doc-test/ && pdftoppm -r 60 -png '%s' "
	         "build/doc-test/%.*s >/dev/null 2>&1",
	         path, path, (int)(strlen(name) - 4), name);
	if (system(cmd) != 0)
		fprintf(stderr, "note: pdftoppm could not make pictures of %s\n", name);
	return path;
}

/* How many times needle occurs in hay. */
static inline int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

#endif
