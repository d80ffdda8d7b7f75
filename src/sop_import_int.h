/*
** sop_import_int.h: what the files of the SOP importer share, and nothing
** else includes. sop_import.c reads the file into lines and splits it into
** SOPs; sop_import_ident.c reads the identity block; sop_import_table.c
** reads the flowchart table (tab-separated or `pdftotext -layout`) into
** rows; sop_import_infer.c turns the rows into steps, guessing actors,
** decisions and actions. Everything lives in the caller's arena.
*/
#ifndef SAKIP_SOP_IMPORT_INT_H
#define SAKIP_SOP_IMPORT_INT_H

#include "sop_import.h"

#define IMP_MAX_LINE 65536 /* bytes in one line of the input */
#define IMP_MAX_COLS 64    /* cells in one tab-separated line */
#define IMP_MAX_CELL 16384 /* bytes of one cell's text, wrapped lines joined */

/* One line of the (UTF-8) input, NUL-terminated, without its newline. */
typedef struct ImpLine {
	char *s;
	int len;
	int no;    /* 1-based line number in the file */
	bool tabs; /* contains a tab: a tab-separated export */
	bool drop; /* a page header, footer or signature notice */
} ImpLine;

/*
** A piece of a line: a tab-separated cell, or in layout text a run of
** words separated by single spaces. col is the display column (code
** points from the line start) of its first character.
*/
typedef struct ImpChunk {
	const char *s;
	int len;
	int col, end; /* end: the column after the last character */
} ImpChunk;

/* One row of the flowchart table, as read: the cells merged over lines. */
typedef struct ImpRow {
	int no;   /* the number as printed */
	int line; /* where the number is */
	char *activity, *inputs, *waktu, *output, *note;
	int tidak_col, ya_col; /* 1 + the actor column of a "tidak"/"ya" label, else 0 */
	int mark_col;          /* 1 + an actor column holding some other mark, else 0 */
} ImpRow;

typedef struct ImpTable {
	char **actors; /* the Pelaksana column headings, left to right */
	int n_actors;
	ImpRow *rows;
	int n_rows;
	bool minutes; /* the Waktu heading says "(menit)": bare numbers are minutes */
	bool layout;  /* read from `pdftotext -layout` text */
	int first_line, last_line;
} ImpTable;

typedef struct Imp {
	Arena *a;
	const char *name;
	ImpLine *lines; /* this SOP's lines */
	int n_lines;
	Sop *sop;
	ImpTable table;
	SopGuess *guesses;
	int n_guesses, cap_guesses;
	const char **warnings;
	int n_warnings, cap_warnings;
} Imp;

/* sop_import.c */
void imp_warn(Imp *im, const char *fmt, ...) PRINTF_LIKE(2, 3);
void imp_guess(Imp *im, int step, const char *field, const char *value, const char *reason);
int imp_chunks(const char *s, ImpChunk *out, int max, bool tabs);
char *imp_clean(Arena *a, const char *s, int len); /* tags, "**", spaces trimmed */
char *imp_join(Arena *a, char *old, const char *piece);
bool imp_word_at(const char *s, const char *word); /* case-insensitive, whole word */
const char *imp_find_word(const char *s, const char *word);
char *imp_lower(Arena *a, const char *s);
const char *imp_find_ci(const char *s, const char *needle);

/* sop_import_ident.c: the identity block and the kop, into im->sop. */
void imp_identity(Imp *im);
int imp_date(const char *s, char out[11]); /* "02 Januari 2023" -> "2023-01-02" */

/* sop_import_table.c: the table into im->table; -1 with err when there is none. */
int imp_table(Imp *im, Buf *err);
bool imp_is_header(const ImpLine *ln);
bool imp_parse_waktu(const char *text, bool minutes, SopDuration *d);

/* sop_import_infer.c: im->table into im->sop's actors and steps. */
void imp_infer(Imp *im);

#endif
