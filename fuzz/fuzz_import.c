/*
** fuzz_import.c: libFuzzer target for the SOP document importer
** (sop_import.h).
**
** Any bytes must either be refused with a message (-1) or give at least
** one proposed SOP; every proposed definition must be serialisable by
** sop_write() into text that sop_parse() reads back, and its guesses and
** warnings must be real strings. The seed corpus is the seeds, the
** pdftotext corpus and the bad inputs under test/data.
*/
#include "sop_import.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int init;
	if (!init) {
		json_set_alloc_funcs(xmalloc, free);
		init = 1;
	}
	Arena a = ARENA_INIT;
	Buf err = BUF_INIT, js = BUF_INIT;
	SopImport *imps = NULL;
	int n = sop_import(&a, "fuzz", (const char *)data, size, &imps, &err);
	if (n < 0) {
		if (n != -1 || err.len == 0)
			abort(); /* a refusal is -1 and says why */
		goto cleanup;
	}
	if (n == 0 || !imps)
		abort(); /* success means at least one SOP */
	for (int i = 0; i < n; i++) {
		const SopImport *imp = &imps[i];
		if (!imp->sop)
			abort();
		buf_reset(&js);
		buf_reset(&err);
		sop_validate(imp->sop, &err); /* may find problems; must not crash */
		sop_write(imp->sop, &js);
		Arena b = ARENA_INIT;
		buf_reset(&err);
		if (!sop_parse(&b, "again", js.data, js.len, &err))
			abort(); /* the proposed definition must be readable */
		arena_free(&b);
		for (int g = 0; g < imp->n_guesses; g++)
			if (!imp->guesses[g].field || !imp->guesses[g].reason ||
			    strlen(imp->guesses[g].field) == 0)
				abort();
		for (int w = 0; w < imp->n_warnings; w++)
			if (!imp->warnings[w])
				abort();
		if (imp->first_line < 1 || imp->last_line < imp->first_line)
			abort();
	}
cleanup:
	arena_free(&a);
	buf_free(&err);
	buf_free(&js);
	return 0;
}
