/*
** sop_lib.c: the built-in SOP library, the five curated seed SOPs.
**
** The definitions are the files in lib/sop/, embedded into the binary at
** build time (the Makefile generates sop_lib_data.c from them). Each is a
** faithful reading of one seed document; the decisions taken where the
** document is ambiguous are in its "notes". This file only installs them.
*/
#include "sop.h"

#include <string.h>

int sop_lib_install(Db *db, Buf *log, Buf *err)
{
	int added = 0;
	for (size_t i = 0; i < sop_lib_count; i++) {
		const EmbedFile *e = &sop_lib[i];
		Arena a = ARENA_INIT;
		Buf problems = BUF_INIT;
		Sop *sop = sop_parse(&a, e->name, (const char *)e->data, e->len, &problems);
		/* A built-in that does not parse or validate is a build error. */
		if (!sop || sop_validate(sop, &problems) > 0)
			fatal("built-in SOP %s is invalid:\n%s", e->name, buf_str(&problems));
		int rc = sop_store_add(db, sop, "active", "builtin", true, err);
		if (rc == 1) {
			if (log)
				buf_printf(log, "  %-40s already present\n", sop->code);
		} else if (rc != 0) {
			added = -1;
		} else {
			added++;
			if (log)
				buf_printf(log, "  %-40s added (version %d, %d steps)\n", sop->code,
				           sop->version, sop->n_steps);
		}
		buf_free(&problems);
		arena_free(&a);
		if (added < 0)
			return -1;
	}
	return added;
}
