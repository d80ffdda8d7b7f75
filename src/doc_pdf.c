/*
** doc_pdf.c: the layout layer of official documents (doc.h) over cairo and
** pango. It owns the page: the cursor (y) moving down from the top margin,
** page breaks, the footer of every page, and the PDF outline of the marks.
** Paragraphs and table cells are pango layouts placed line by line, so a
** long text continues on the next page instead of running off it.
** Everything is in points; A4 is 595.28 x 841.89.
**
** It does not decide what a document says or how an SOP looks: the
** document modules do, through these calls.
*/
#include "doc.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <pango/pangocairo.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_OUTLINE_LEVEL = 4 };

struct Doc {
	DocFormat fmt;
	Buf *out;
	cairo_surface_t *surface; /* the document's */
	cairo_surface_t *scratch; /* PNG: pages after the first are drawn here and dropped */
	cairo_t *cr;
	PangoLayout *layout;
	PangoFontDescription *fonts[DOC_STYLES], *bold[DOC_STYLES];
	double pw, ph, margin, y;
	int page;
	bool page_dirty; /* something is on the current page */
	char *footer;
	bool numbered;
	bool roman; /* page numbers as i, ii, iii (front matter) */
	int number_offset;
	DocMark *marks;
	int n_marks, cap_marks;
	int outline[MAX_OUTLINE_LEVEL + 1]; /* the last outline id per level */
	DocTable table;
	bool in_table;
};

static const char *const font_names[DOC_STYLES] = {
        [DOC_BODY] = "Liberation Serif 11",       [DOC_BOLD] = "Liberation Serif Bold 11",
        [DOC_SMALL] = "Liberation Sans 8.5",      [DOC_CELL] = "Liberation Sans 9.5",
        [DOC_H2] = "Liberation Serif Bold 12",    [DOC_H1] = "Liberation Serif Bold 14",
        [DOC_TITLE] = "Liberation Serif Bold 18", [DOC_KOP] = "Liberation Serif Bold 13",
};

/* A layout on the document's context, at 72 dpi so that font sizes are points. */
static PangoLayout *new_layout(cairo_t *cr)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	pango_cairo_context_set_resolution(pango_layout_get_context(l), 72);
	pango_layout_context_changed(l);
	return l;
}

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int n)
{
	buf_append(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

Doc *doc_new(DocFormat fmt, bool landscape, double margin, Buf *out)
{
	Doc *d = xcalloc(1, sizeof *d);
	d->fmt = fmt;
	d->out = out;
	d->pw = landscape ? 841.89 : 595.28;
	d->ph = landscape ? 595.28 : 841.89;
	d->margin = margin > 0 ? margin : 56.7; /* 2 cm */
	if (fmt == DOC_PDF)
		d->surface = cairo_pdf_surface_create_for_stream(write_buf, out, d->pw, d->ph);
	else if (fmt == DOC_SVG)
		d->surface = cairo_svg_surface_create_for_stream(write_buf, out, d->pw, d->ph);
	else
		d->surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)(d->pw * 2),
		                                        (int)(d->ph * 2));
	d->cr = cairo_create(d->surface);
	if (fmt == DOC_PNG) {
		cairo_scale(d->cr, 2, 2);
		cairo_set_source_rgb(d->cr, 1, 1, 1);
		cairo_paint(d->cr);
	}
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	d->layout = new_layout(d->cr);
	for (int i = 0; i < DOC_STYLES; i++) {
		d->fonts[i] = pango_font_description_from_string(font_names[i]);
		d->bold[i] = pango_font_description_copy(d->fonts[i]);
		pango_font_description_set_weight(d->bold[i], PANGO_WEIGHT_BOLD);
	}
	d->y = d->margin;
	d->page = 1;
	return d;
}

void doc_free(Doc *d)
{
	if (!d)
		return;
	for (int i = 0; i < DOC_STYLES; i++) {
		pango_font_description_free(d->fonts[i]);
		pango_font_description_free(d->bold[i]);
	}
	g_object_unref(d->layout);
	cairo_destroy(d->cr);
	cairo_surface_destroy(d->surface);
	if (d->scratch)
		cairo_surface_destroy(d->scratch);
	for (int i = 0; i < d->n_marks; i++)
		free(d->marks[i].title);
	free(d->marks);
	free(d->footer);
	free(d);
}

void doc_meta(Doc *d, const char *title, const char *author, const char *subject,
              const char *keywords)
{
	if (d->fmt != DOC_PDF)
		return;
	if (title)
		cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_TITLE, title);
	if (author)
		cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_AUTHOR, author);
	if (subject)
		cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_SUBJECT, subject);
	if (keywords)
		cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_KEYWORDS, keywords);
	cairo_pdf_surface_set_metadata(d->surface, CAIRO_PDF_METADATA_CREATOR, "sakip");
}

void doc_footer(Doc *d, const char *text, bool numbered, int first_number)
{
	free(d->footer);
	d->footer = text ? xstrdup(text) : NULL;
	d->numbered = numbered;
	d->roman = false;
	d->number_offset = first_number - d->page;
}

void doc_footer_roman(Doc *d, bool roman)
{
	d->roman = roman;
}

void doc_roman(char *out, size_t size, int n)
{
	static const struct {
		int v;
		const char *s;
	} r[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"},
	         {90, "xc"},  {50, "l"},   {40, "xl"}, {10, "x"},   {9, "ix"},
	         {5, "v"},    {4, "iv"},   {1, "i"}};
	size_t len = 0;
	out[0] = 0;
	for (size_t i = 0; i < sizeof r / sizeof r[0] && n > 0; i++)
		while (n >= r[i].v && len + strlen(r[i].s) < size) {
			memcpy(out + len, r[i].s, strlen(r[i].s) + 1);
			len += strlen(r[i].s);
			n -= r[i].v;
		}
}

/* Text that pango can take: invalid UTF-8 bytes become '?' (the caller's copy). */
static const char *valid_text(const char *text, char **copy)
{
	*copy = NULL;
	if (!text)
		return "";
	size_t n = strlen(text), bad;
	if (utf8_check(text, n, &bad))
		return text;
	/* One pass: each bad byte becomes '?' and the check goes on after it. */
	char *c = xstrdup(text);
	for (size_t off = 0; !utf8_check(c + off, n - off, &bad); off += bad + 1)
		c[off + bad] = '?';
	*copy = c;
	return c;
}

/* The shared layout set for a style, alignment, width and text. */
static PangoLayout *layout_set(Doc *d, PangoLayout *l, DocStyle s, bool bold, DocAlign a, double w,
                               const char *text)
{
	pango_cairo_update_layout(d->cr, l);
	pango_layout_set_font_description(l, bold ? d->bold[s] : d->fonts[s]);
	pango_layout_set_width(l, w > 0 ? (int)(w * PANGO_SCALE) : -1);
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, a == DOC_CENTER  ? PANGO_ALIGN_CENTER
	                              : a == DOC_RIGHT ? PANGO_ALIGN_RIGHT
	                                               : PANGO_ALIGN_LEFT);
	pango_layout_set_justify(l, a == DOC_JUSTIFY);
	char *copy;
	pango_layout_set_text(l, valid_text(text, &copy), -1);
	free(copy);
	return l;
}

double doc_width(Doc *d)
{
	return d->pw - 2 * d->margin;
}

double doc_left(Doc *d)
{
	return d->margin;
}

double doc_y(Doc *d)
{
	return d->y;
}

static double bottom(Doc *d)
{
	return d->ph - d->margin;
}

double doc_remaining(Doc *d)
{
	return bottom(d) - d->y;
}

int doc_page(Doc *d)
{
	return d->page;
}

static void draw_footer(Doc *d)
{
	if (!d->footer && !d->numbered)
		return;
	double y = d->ph - d->margin * 0.6;
	cairo_save(d->cr);
	cairo_set_source_rgb(d->cr, 0.3, 0.3, 0.3);
	if (d->footer)
		doc_text_xy(d, DOC_SMALL, DOC_LEFT, d->margin, y, doc_width(d) * 0.75, d->footer);
	if (d->numbered) {
		char n[32], roman[24];
		if (d->roman) {
			doc_roman(roman, sizeof roman, d->page + d->number_offset);
			snprintf(n, sizeof n, "Halaman %s", roman);
		} else {
			snprintf(n, sizeof n, "Halaman %d", d->page + d->number_offset);
		}
		doc_text_xy(d, DOC_SMALL, DOC_RIGHT, d->margin, y, doc_width(d), n);
	}
	cairo_restore(d->cr);
}

static void table_head(Doc *d);

void doc_page_break(Doc *d)
{
	draw_footer(d);
	if (d->fmt == DOC_PNG) {
		/* Only the first page becomes the picture; the rest is laid out and dropped. */
		if (!d->scratch) {
			d->scratch =
			        cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
			cairo_destroy(d->cr);
			d->cr = cairo_create(d->scratch);
		}
	}
	cairo_show_page(d->cr);
	d->page++;
	d->y = d->margin;
	d->page_dirty = false;
	if (d->in_table && d->table.head)
		table_head(d);
}

void doc_need(Doc *d, double pt)
{
	if (d->y + pt > bottom(d) && d->page_dirty)
		doc_page_break(d);
}

void doc_space(Doc *d, double pt)
{
	d->y += pt;
	if (d->y > bottom(d))
		doc_page_break(d);
}

/* Place layout l's lines at x from the cursor on, breaking pages between lines. */
static void flow_lines(Doc *d, PangoLayout *shared, double x)
{
	/* A page break draws the footer with the shared layout: iterate over a copy. */
	PangoLayout *l = pango_layout_copy(shared);
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		PangoRectangle ink, logical;
		pango_layout_iter_get_line_extents(it, &ink, &logical);
		double lh = (double)logical.height / PANGO_SCALE;
		if (d->y + lh > bottom(d) && d->page_dirty)
			doc_page_break(d);
		int baseline = pango_layout_iter_get_baseline(it);
		cairo_move_to(d->cr, x + (double)logical.x / PANGO_SCALE,
		              d->y + (double)(baseline - logical.y) / PANGO_SCALE);
		pango_cairo_show_layout_line(d->cr, pango_layout_iter_get_line_readonly(it));
		d->y += lh;
		d->page_dirty = true;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(l);
}

void doc_text_at(Doc *d, DocStyle s, DocAlign a, double indent, double w, const char *text)
{
	if (w <= 0)
		w = doc_width(d) - indent;
	layout_set(d, d->layout, s, false, a, w, text);
	flow_lines(d, d->layout, d->margin + indent);
}

void doc_text(Doc *d, DocStyle s, DocAlign a, const char *text)
{
	doc_text_at(d, s, a, 0, 0, text);
}

double doc_text_height(Doc *d, DocStyle s, double w, const char *text)
{
	int pw, ph;
	layout_set(d, d->layout, s, false, DOC_LEFT, w, text);
	pango_layout_get_size(d->layout, &pw, &ph);
	return (double)ph / PANGO_SCALE;
}

double doc_text_xy(Doc *d, DocStyle s, DocAlign a, double x, double y, double w, const char *text)
{
	int pw, ph;
	layout_set(d, d->layout, s, false, a, w, text);
	cairo_move_to(d->cr, x, y);
	pango_cairo_show_layout(d->cr, d->layout);
	pango_layout_get_size(d->layout, &pw, &ph);
	d->page_dirty = true;
	return (double)ph / PANGO_SCALE;
}

void doc_rule(Doc *d, double thickness)
{
	cairo_save(d->cr);
	cairo_set_line_width(d->cr, thickness);
	cairo_move_to(d->cr, d->margin, d->y + thickness / 2);
	cairo_line_to(d->cr, d->pw - d->margin, d->y + thickness / 2);
	cairo_stroke(d->cr);
	cairo_restore(d->cr);
	d->y += thickness;
	d->page_dirty = true;
}

void doc_mark(Doc *d, int level, const char *title)
{
	if (d->n_marks == d->cap_marks) {
		d->cap_marks = d->cap_marks ? 2 * d->cap_marks : 16;
		d->marks = xrealloc(d->marks, sizeof *d->marks * (size_t)d->cap_marks);
	}
	d->marks[d->n_marks++] = (DocMark){level, d->page + d->number_offset, xstrdup(title)};
	if (d->fmt == DOC_PDF && level >= 1 && level <= MAX_OUTLINE_LEVEL) {
		char link[64];
		snprintf(link, sizeof link, "page=%d pos=[%.0f %.0f]", d->page, d->margin, d->y);
		char *copy;
		const char *t = valid_text(title, &copy);
		d->outline[level] = cairo_pdf_surface_add_outline(
		        d->surface, level == 1 ? CAIRO_PDF_OUTLINE_ROOT : d->outline[level - 1], t,
		        link, 0);
		free(copy);
	}
}

const DocMark *doc_marks(Doc *d, int *n)
{
	*n = d->n_marks;
	return d->marks;
}

/* ---- tables ------------------------------------------------------------------- */

/*
** Draw one row from the cursor: cells' layouts, from line from[i] on; as
** many lines as fit on this page (all when fit). Returns true when every
** cell is done; from[] is advanced.
*/
static bool row_segment(Doc *d, PangoLayout **cells, int *from, unsigned flags)
{
	const DocTable *t = &d->table;
	double pad = t->pad > 0 ? t->pad : 3;
	double avail = bottom(d) - d->y - 2 * pad, used_max = 0;
	bool done = true;
	double x = d->margin;
	/* First the heights, to shade and frame before the text. */
	int upto[DOC_MAX_COLS];
	for (int c = 0; c < t->n_cols; c++) {
		int n = pango_layout_get_line_count(cells[c]), i = from[c];
		double h = 0;
		PangoLayoutIter *it = pango_layout_get_iter(cells[c]);
		for (int k = 0; k < i; k++)
			pango_layout_iter_next_line(it);
		for (; i < n; i++) {
			PangoRectangle logical;
			pango_layout_iter_get_line_extents(it, NULL, &logical);
			double lh = (double)logical.height / PANGO_SCALE;
			if (h + lh > avail && h > 0)
				break;
			h += lh;
			pango_layout_iter_next_line(it);
		}
		pango_layout_iter_free(it);
		upto[c] = i;
		if (i < n)
			done = false;
		if (h > used_max)
			used_max = h;
	}
	double rh = used_max + 2 * pad;
	cairo_t *cr = d->cr;
	cairo_save(cr);
	x = d->margin;
	for (int c = 0; c < t->n_cols; c++) {
		cairo_rectangle(cr, x, d->y, t->widths[c], rh);
		if (flags & DOC_ROW_SHADE) {
			cairo_set_source_rgb(cr, 0.88, 0.9, 0.93);
			cairo_fill_preserve(cr);
		}
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, 0.6);
		cairo_stroke(cr);
		x += t->widths[c];
	}
	cairo_restore(cr);
	x = d->margin;
	for (int c = 0; c < t->n_cols; c++) {
		PangoLayoutIter *it = pango_layout_get_iter(cells[c]);
		int k = 0;
		for (; k < from[c]; k++)
			pango_layout_iter_next_line(it);
		double y = d->y + pad;
		for (; k < upto[c]; k++) {
			PangoRectangle logical;
			pango_layout_iter_get_line_extents(it, NULL, &logical);
			int baseline = pango_layout_iter_get_baseline(it);
			cairo_move_to(cr, x + pad + (double)logical.x / PANGO_SCALE,
			              y + (double)(baseline - logical.y) / PANGO_SCALE);
			pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it));
			y += (double)logical.height / PANGO_SCALE;
			pango_layout_iter_next_line(it);
		}
		pango_layout_iter_free(it);
		from[c] = upto[c];
		x += t->widths[c];
	}
	d->y += rh;
	d->page_dirty = true;
	return done;
}

static void table_row(Doc *d, const char *const *cells, unsigned flags)
{
	const DocTable *t = &d->table;
	double pad = t->pad > 0 ? t->pad : 3;
	DocStyle s = t->style ? t->style : DOC_CELL;
	PangoLayout *l[DOC_MAX_COLS];
	int from[DOC_MAX_COLS] = {0};
	double h = 0;
	for (int c = 0; c < t->n_cols; c++) {
		l[c] = new_layout(d->cr);
		bool bold = (flags & DOC_ROW_BOLD) || (c == 0 && t->bold_first);
		/* A column narrower than its padding still wraps (at least 1 pt of text). */
		double cw = t->widths[c] - 2 * pad;
		layout_set(d, l[c], s, bold, t->align[c], cw < 1 ? 1 : cw,
		           cells[c] ? cells[c] : "");
		int pw, ph;
		pango_layout_get_size(l[c], &pw, &ph);
		if ((double)ph / PANGO_SCALE > h)
			h = (double)ph / PANGO_SCALE;
	}
	/* A row that fits a fresh page is not split: it moves there whole. */
	double page_room = bottom(d) - d->margin - 2 * pad - 40;
	if (d->y + h + 2 * pad > bottom(d) && h <= page_room && d->page_dirty)
		doc_page_break(d);
	while (!row_segment(d, l, from, flags))
		doc_page_break(d);
	for (int c = 0; c < t->n_cols; c++)
		g_object_unref(l[c]);
}

static void table_head(Doc *d)
{
	d->in_table = false; /* a break inside the header must not repeat it */
	table_row(d, d->table.head, DOC_ROW_BOLD | DOC_ROW_SHADE);
	d->in_table = true;
}

void doc_table_begin(Doc *d, const DocTable *t)
{
	if (t->n_cols < 1 || t->n_cols > DOC_MAX_COLS)
		fatal("doc_table_begin: %d columns", t->n_cols);
	d->table = *t;
	d->in_table = true;
	if (t->head) {
		doc_need(d, 60); /* a header alone at the bottom of a page helps no one */
		table_head(d);
	}
}

void doc_table_row(Doc *d, const char *const *cells, unsigned flags)
{
	table_row(d, cells, flags);
}

void doc_table_end(Doc *d)
{
	d->in_table = false;
}

void doc_label_rows(Doc *d, double label_width, const char *const *pairs, int n_pairs)
{
	DocTable t = {0};
	t.n_cols = 2;
	t.widths[0] = label_width;
	t.widths[1] = doc_width(d) - label_width;
	t.style = DOC_CELL;
	t.bold_first = true;
	doc_table_begin(d, &t);
	for (int i = 0; i < n_pairs; i++)
		doc_table_row(d, pairs + 2 * i, 0);
	doc_table_end(d);
}

/* ---- official parts ----------------------------------------------------------- */

void doc_kop(Doc *d, const DocKop *k)
{
	if (k->pemda)
		doc_text(d, DOC_H2, DOC_CENTER, k->pemda);
	if (k->agency)
		doc_text(d, DOC_KOP, DOC_CENTER, k->agency);
	if (k->address)
		doc_text(d, DOC_SMALL, DOC_CENTER, k->address);
	doc_space(d, 3);
	doc_rule(d, 2);
	doc_space(d, 1.5);
	doc_rule(d, 0.6);
	doc_space(d, 12);
}

int doc_qr(Doc *d, const char *text, double x, double y, double size)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return -1;
	int n = q->width;
	double m = size / (n + 2); /* one module of quiet zone each side; the page is white */
	cairo_save(d->cr);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	for (int r = 0; r < n; r++)
		for (int c = 0; c < n; c++)
			if (q->data[r * n + c] & 1)
				cairo_rectangle(d->cr, x + (c + 1) * m, y + (r + 1) * m, m, m);
	cairo_fill(d->cr);
	cairo_restore(d->cr);
	QRcode_free(q);
	d->page_dirty = true;
	return 0;
}

double doc_signature(Doc *d, double x, double w, const DocSigner *s)
{
	double qr = 64, space = s->qr ? qr + 4 : 56;
	double h = 0;
	if (s->place_date)
		h += doc_text_height(d, DOC_BODY, w, s->place_date);
	if (s->position)
		h += doc_text_height(d, DOC_BODY, w, s->position);
	h += space + (s->qr && s->note ? doc_text_height(d, DOC_SMALL, w, s->note) : 0);
	h += 3 * doc_text_height(d, DOC_BODY, w, "X");
	doc_need(d, h);
	double y0 = d->y, y = d->y, lx = d->margin + x;
	if (s->place_date)
		y += doc_text_xy(d, DOC_BODY, DOC_CENTER, lx, y, w, s->place_date);
	if (s->position)
		y += doc_text_xy(d, DOC_BODY, DOC_CENTER, lx, y, w, s->position);
	if (s->qr) {
		doc_qr(d, s->qr, lx + (w - qr) / 2, y + 2, qr);
		y += qr + 4;
		if (s->note)
			y += doc_text_xy(d, DOC_SMALL, DOC_CENTER, lx, y, w, s->note);
	} else {
		y += space;
	}
	if (s->name) {
		int pw, ph;
		layout_set(d, d->layout, DOC_BOLD, true, DOC_CENTER, w, s->name);
		pango_layout_get_size(d->layout, &pw, &ph);
		PangoRectangle logical;
		pango_layout_get_extents(d->layout, NULL, &logical);
		cairo_move_to(d->cr, lx, y);
		pango_cairo_show_layout(d->cr, d->layout);
		double ly = y + (double)ph / PANGO_SCALE - 1;
		double lx0 = lx + (double)logical.x / PANGO_SCALE;
		cairo_save(d->cr);
		cairo_set_line_width(d->cr, 0.7);
		cairo_move_to(d->cr, lx0, ly);
		cairo_line_to(d->cr, lx0 + (double)logical.width / PANGO_SCALE, ly);
		cairo_stroke(d->cr);
		cairo_restore(d->cr);
		y += (double)ph / PANGO_SCALE;
	}
	if (s->rank)
		y += doc_text_xy(d, DOC_BODY, DOC_CENTER, lx, y, w, s->rank);
	if (s->nip) {
		char line[64];
		snprintf(line, sizeof line, "NIP %s", s->nip);
		y += doc_text_xy(d, DOC_BODY, DOC_CENTER, lx, y, w, line);
	}
	d->y = y;
	d->page_dirty = true;
	return y - y0;
}

cairo_t *doc_area(Doc *d, double h, double *x, double *y, double *w)
{
	doc_need(d, h);
	*x = d->margin;
	*y = d->y;
	*w = doc_width(d);
	d->y += h;
	d->page_dirty = true;
	return d->cr;
}

cairo_t *doc_cairo(Doc *d)
{
	return d->cr;
}

int doc_finish(Doc *d, Buf *err)
{
	draw_footer(d);
	if (d->fmt != DOC_PNG || !d->scratch)
		cairo_show_page(d->cr);
	cairo_status_t st = cairo_status(d->cr);
	if (d->fmt == DOC_PNG && st == CAIRO_STATUS_SUCCESS) {
		cairo_surface_flush(d->surface);
		st = cairo_surface_write_to_png_stream(d->surface, write_buf, d->out);
	}
	cairo_surface_finish(d->surface);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(d->surface);
	if (st != CAIRO_STATUS_SUCCESS) {
		buf_printf(err, "cannot render the document: %s\n", cairo_status_to_string(st));
		return -1;
	}
	return 0;
}
