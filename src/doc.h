/*
** doc.h: official documents on paper. A small layout layer over cairo and
** pango that the document modules share: A4 pages (portrait or
** landscape) with margins, paragraphs that wrap and continue on the next
** page, tables whose rows split across pages and whose header repeats,
** the kop surat, the signature block with its QR code, page numbers, and
** marks for a table of contents. Output is PDF (or SVG/PNG of the first
** page) into a Buf; fonts are Liberation Serif and Sans (fonts-liberation2).
**
**   doc_pdf.c   the layout layer (this header)
**
** Nothing here knows SOPs, cases or data kinerja: the document modules
** (doc_sop.c, doc_lkj.c, doc_case.c) build on it. Nothing here includes
** HTTP or HTML.
*/
#ifndef SAKIP_DOC_H
#define SAKIP_DOC_H

#include "util.h"

#include <cairo.h>

typedef struct Doc Doc;

typedef enum DocFormat { DOC_PDF, DOC_SVG, DOC_PNG } DocFormat;

/* Text styles: the serif body of Indonesian official letters, sans for tables. */
typedef enum DocStyle {
	DOC_BODY,   /* Liberation Serif 11 */
	DOC_BOLD,   /* the same, bold */
	DOC_SMALL,  /* Liberation Sans 8.5: table cells of dense tables, footers */
	DOC_CELL,   /* Liberation Sans 9.5: table cells */
	DOC_H2,     /* Liberation Serif bold 12 */
	DOC_H1,     /* Liberation Serif bold 14 */
	DOC_TITLE,  /* Liberation Serif bold 18: covers */
	DOC_KOP,    /* Liberation Serif bold 13: the agency's name in the kop */
	DOC_STYLES, /* how many */
} DocStyle;

typedef enum DocAlign { DOC_LEFT, DOC_CENTER, DOC_RIGHT, DOC_JUSTIFY } DocAlign;

/*
** A new document writing into out when finished. A4, margins in points
** (72 per inch: 2.5 cm is 70.9). landscape: 842 x 595 instead of 595 x 842.
** The document is one page long until text needs more.
*/
Doc *doc_new(DocFormat fmt, bool landscape, double margin, Buf *out);
/*
** Finish: the last page is shown and the file written to out. Returns 0,
** or -1 with err (cairo's status). doc_free() afterwards in any case.
*/
int doc_finish(Doc *d, Buf *err);
void doc_free(Doc *d);

/* PDF metadata (title, author, subject, keywords); set before the first page ends. */
void doc_meta(Doc *d, const char *title, const char *author, const char *subject,
              const char *keywords);
/*
** A footer on every page from now on: text at the left (may be NULL) and,
** when numbered, "Halaman N" at the right; first_number is the number of
** the current page.
*/
void doc_footer(Doc *d, const char *text, bool numbered, int first_number);
/*
** Number the footer's pages in lower-case roman numerals ("Halaman ii"),
** as front matter is, until the next doc_footer(). Marks keep the number
** as an int; doc_roman() writes it the same way (size: the bytes of out).
*/
void doc_footer_roman(Doc *d, bool roman);
void doc_roman(char *out, size_t size, int n);

/* ---- the cursor ---------------------------------------------------------- */
double doc_width(Doc *d);     /* the text width between the margins */
double doc_left(Doc *d);      /* x of the left margin */
double doc_y(Doc *d);         /* where the next thing goes */
double doc_remaining(Doc *d); /* points left on this page */
int doc_page(Doc *d);         /* the page being written, from 1 */
void doc_space(Doc *d, double pt);
void doc_page_break(Doc *d);
/* A new page unless pt points still fit on this one. */
void doc_need(Doc *d, double pt);

/* ---- text ------------------------------------------------------------------ */
/*
** A paragraph of UTF-8 text (no markup) across the text width, wrapping at
** words, continuing on the next page line by line. "\n" breaks a line.
*/
void doc_text(Doc *d, DocStyle s, DocAlign a, const char *text);
/* The same, indented by indent points and width w (0: to the right margin). */
void doc_text_at(Doc *d, DocStyle s, DocAlign a, double indent, double w, const char *text);
/* The height text would take at width w. */
double doc_text_height(Doc *d, DocStyle s, double w, const char *text);
/* A horizontal rule across the text width (thickness in points). */
void doc_rule(Doc *d, double thickness);

/*
** A mark for the table of contents: level (1: bab, 2: sub-bab), its title
** and the page it is on now. doc_marks() lists them for a second pass.
*/
typedef struct DocMark {
	int level, page;
	char *title;
} DocMark;
void doc_mark(Doc *d, int level, const char *title);
const DocMark *doc_marks(Doc *d, int *n);

/* ---- tables ------------------------------------------------------------------ */
enum { DOC_MAX_COLS = 24 };
typedef struct DocTable {
	int n_cols;
	double widths[DOC_MAX_COLS]; /* points; their sum is the table's width */
	DocAlign align[DOC_MAX_COLS];
	DocStyle style;          /* of the cells; DOC_BODY (0) means DOC_CELL */
	const char *const *head; /* n_cols header cells, repeated on every page; NULL: none */
	double pad;              /* cell padding in points (0: 3) */
	bool bold_first;         /* the first column in bold (labels) */
} DocTable;
/*
** A table at the left margin. Rows wrap their cells; a row that does not
** fit the page goes to the next page with the header; a row taller than a
** page is split line by line. flags: DOC_ROW_BOLD, DOC_ROW_SHADE.
*/
enum { DOC_ROW_BOLD = 1, DOC_ROW_SHADE = 2 };
void doc_table_begin(Doc *d, const DocTable *t);
void doc_table_row(Doc *d, const char *const *cells, unsigned flags);
void doc_table_end(Doc *d);
/*
** The identity-block kind of table: two columns, label and value, with
** the label in bold. A convenience over the above.
*/
void doc_label_rows(Doc *d, double label_width, const char *const *pairs, int n_pairs);

/* ---- official parts ----------------------------------------------------------- */
/* The kop surat: pemda (e.g. "PEMERINTAH PROVINSI KALIMANTAN BARAT"), agency, address. */
typedef struct DocKop {
	const char *pemda, *agency, *address;
} DocKop;
void doc_kop(Doc *d, const DocKop *k);

/*
** A signature block at x (points from the left margin) and width w:
** "place, 02 Januari 2023", the position, then either the QR code of an
** electronic signature (with its note) or space for a wet signature,
** then the name (bold, underlined), the rank and "NIP 19691024 199803 1 007".
** Any field may be NULL. Returns the block's height.
*/
typedef struct DocSigner {
	const char *place_date; /* "Pontianak, 02 Januari 2023" */
	const char *position;   /* "KEPALA DINAS ..." */
	const char *name, *rank, *nip;
	const char *qr;   /* the text of the QR code (a verification address), or NULL */
	const char *note; /* under the QR: "Ditandatangani secara elektronik" */
} DocSigner;
double doc_signature(Doc *d, double x, double w, const DocSigner *s);

/* A QR code of text at (x, y) on the page, size points square (libqrencode). 0 or -1. */
int doc_qr(Doc *d, const char *text, double x, double y, double size);

/*
** Drawing of one's own (charts, flowchart symbols): the cairo context,
** after reserving h points at the cursor (a new page if needed); *x, *y get
** the top left corner of the area, *w the text width. The caller draws,
** keeps the context's state balanced (cairo_save/restore) and moves on.
*/
cairo_t *doc_area(Doc *d, double h, double *x, double *y, double *w);
/* The context of the page as it is (no reservation), for marks in margins. */
cairo_t *doc_cairo(Doc *d);
/* Text at a point, not moving the cursor (labels in drawings); returns its height. */
double doc_text_xy(Doc *d, DocStyle s, DocAlign a, double x, double y, double w, const char *text);

#endif
