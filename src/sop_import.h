/*
** sop_import.h: an agency's existing SOP documents, read as text, turned
** into proposed sakip.sop/1 definitions that a person reviews. Two
** layouts of the PermenPANRB 35/2012 document: tab-separated exports (as
** test/data/seeds/) and `pdftotext -layout` output (as the corpus). The
** flowchart symbols are lost in text, so who does each step and where a
** "tidak" returns are inferred from the wording and the layout; every
** such guess is recorded with its reason, and every repair (renumbered
** steps, merged cells, converted encoding) is a warning.
**
**   sop_import.c   reading, splitting, the identity block, the table
**
** Nothing here includes HTTP or HTML.
*/
#ifndef SAKIP_SOP_IMPORT_H
#define SAKIP_SOP_IMPORT_H

#include "sop.h"

/* One inference: which step, which field, and why. */
typedef struct SopGuess {
	int step;           /* the step's number in the proposed definition */
	const char *field;  /* "actor", "kind", "on_reject", "next", "action", "participants" */
	const char *value;  /* what was guessed, as text (an actor id, a step number, ...) */
	const char *reason; /* in English, e.g. "named at the start of the activity" */
} SopGuess;

typedef struct SopImport {
	Sop *sop; /* the proposed definition; passes sop_validate() or has warnings saying why */
	SopGuess *guesses;
	int n_guesses;
	const char **warnings; /* "line 12: two steps numbered 4; renumbered 4 and 5" */
	int n_warnings;
	int first_line, last_line; /* where this SOP is in the file (1-based) */
} SopImport;

/*
** Read every SOP in a text file of n bytes (name is used in messages).
** Returns how many were found (at least 1) with *out an array of them,
** all in the arena; or -1 with err naming what is wrong (an empty or
** binary file, no SOP table, a line longer than allowed, ...): nothing is
** half-read. Text that is not UTF-8 is taken as Windows-1252 and converted,
** with a warning. The input is not modified.
*/
int sop_import(Arena *a, const char *name, const char *text, size_t n, SopImport **out, Buf *err);

#endif
