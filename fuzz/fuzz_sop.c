/*
** fuzz_sop.c: libFuzzer target for the sakip.sop/1 reader.
**
** Any input must either be refused with a message or parse; whatever
** parses must validate without crashing, and its canonical form must be a
** fixed point: write, parse, write again gives the same text.
*/
#include "sop.h"

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
	Buf err = BUF_INIT, one = BUF_INIT, two = BUF_INIT;
	Sop *sop = sop_parse(&a, "fuzz", (const char *)data, size, &err);
	if (!sop) {
		if (err.len == 0)
			abort(); /* a refusal must say why */
		goto cleanup;
	}
	sop_validate(sop, &err);
	sop_write(sop, &one);
	buf_reset(&err);
	Sop *again = sop_parse(&a, "one", one.data, one.len, &err);
	if (!again)
		abort(); /* our own output must parse */
	sop_write(again, &two);
	if (one.len != two.len || memcmp(one.data, two.data, one.len) != 0)
		abort(); /* the canonical form is a fixed point */
cleanup:
	arena_free(&a);
	buf_free(&err);
	buf_free(&one);
	buf_free(&two);
	return 0;
}
