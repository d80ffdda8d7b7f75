/*
** sop_import.c: reading SOP documents as text (sop_import.h). Being built.
*/
#include "sop_import.h"

int sop_import(Arena *a, const char *name, const char *text, size_t n, SopImport **out, Buf *err)
{
	(void)a, (void)text, (void)n, (void)out;
	buf_printf(err, "%s: the importer is not built yet\n", name);
	return -1;
}
