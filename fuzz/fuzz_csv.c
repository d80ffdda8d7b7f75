/*
** fuzz_csv.c: libFuzzer target for the CSV reader that every import uses.
**
** Any input must be read to the end or stopped with a reason; every field
** returned lies inside the buffer and is NUL-terminated there; lines and
** columns only move forward.
*/
#include "util_csv.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = xmalloc(size + 1);
	memcpy(buf, data, size);
	buf[size] = 0;
	CsvReader r;
	csv_init(&r, buf, size);
	int rc, last_line = 0;
	while ((rc = csv_next(&r)) == 1) {
		if (r.line <= last_line || r.n < 1 || r.n > CSV_MAX_FIELDS)
			abort();
		last_line = r.line;
		for (int i = 0; i < r.n; i++) {
			if (r.fields[i] < buf || r.fields[i] > buf + size)
				abort();
			(void)strlen(r.fields[i]); /* must stay inside the buffer */
			if (i > 0 && r.cols[i] <= r.cols[i - 1])
				abort();
		}
	}
	if (rc == -1 && !r.err)
		abort(); /* a stop always says why */
	free(buf);
	return 0;
}
