/*
** doc_sop.c: the SOP document (PermenPANRB 35/2012) of an SOP version, on
** landscape A4 like the official form.
**
**   page 1    the identity block: a two-column table, the agency and unit
**             (with room for the logo) on the left; Nomor SOP, Tanggal
**             Pembuatan, Revisi, Efektif, Disahkan oleh (position, room for
**             the signature and stamp, name, rank, NIP) and Nama SOP on the
**             right; below it, side by side, Dasar Hukum | Kualifikasi
**             Pelaksana, Keterkaitan | Peralatan/Perlengkapan, Peringatan |
**             Pencatatan dan Pendataan, each a label row over its
**             numbered list (these rows continue on the next page if long).
**   then      the flowchart table: No | Kegiatan | one column per actor (SOP
**             order) | Mutu Baku (Kelengkapan, Waktu, Output) | Keterangan,
**             its header on every page. Each step's symbol sits in its
**             actor's column; the geometry (symbols, arrows, ya/tidak,
**             returns, connectors) is sop_layout.c's, the same the web
**             page's SVG uses, on a grid measured here.
**
** Fitting: the actor columns share what the fixed columns leave, at most
** 80 points each; Kegiatan takes the rest. From 7 actors on the text is
** smaller and the Mutu Baku columns narrower, so 12 actors still leave
** Kegiatan about 150 points. Rows grow with their text; a row that does not
** fit the rest of a page moves to the next one whole; a row taller than a
** page is split line by line, its symbol in the first part. An arrow that
** crosses a page ends in a numbered off-page connector at the foot of the
** page and starts again from its twin at the head of the target's page
** (bands at the foot and head of the rows keep room for them; the last row
** may use the foot band, since no arrow leaves it downwards); a return
** spanning more than a third of a page uses a pair of on-page connectors.
**
** Output: PDF (every page; creation and modification dates are the
** version's created_at, so the same version gives the same bytes), PNG
** (the first page, through doc.h), or SVG: the flowchart table alone as
** one tall page (no page breaks, so no off-page connectors), for the
** web and for editing. It does not own the page machinery (doc_pdf.c) or
** the flowchart's routing (sop_layout.c).
*/
#include "report.h"
#include "sop_layout.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Points. */
#define MARGIN 36.0 /* 1.27 cm all round */
#define PAD 3.0     /* cell padding */
#define LINE_W 0.6  /* table rules */
#define SYM_W 0.9   /* symbols and arrows */

/* The text cells of a flowchart row (the actor columns hold the symbols). */
enum { T_NO, T_ACT, T_IN, T_TIME, T_OUT, T_NOTE, N_TEXT };

/* A measured text: a pango layout (on the measuring context) and its lines' heights. */
typedef struct Text {
	PangoLayout *l;
	int n;
	double *h;
	double height;
} Text;

/* One step's row: its texts and its natural height. */
typedef struct Row {
	Text t[N_TEXT];
	double h;
} Row;

/* A part of a row on one page: the whole row, or a piece of a split one. */
typedef struct Seg {
	int step, page;
	double y, h;
	int from[N_TEXT], upto[N_TEXT];
	bool first;
} Seg;

/* The flowchart's measures for one document. */
typedef struct Flow {
	const Sop *sop;
	cairo_t *mcr; /* the measuring context */
	double cell_pt, head_pt, label_pt;
	int n_act, n_cols;            /* actors (at least 1 column), all columns */
	double x[SOP_MAX_ACTORS + 8]; /* column edges, from the left margin */
	double left, width;
	double title_h, h1, h2; /* the title line, the header's two bands */
	Text title, head[6], actors[SOP_MAX_ACTORS];
	double min_row, band;
	Row *rows;
	Seg *segs;
	int n_segs, cap_segs, n_pages;
	double *row_cy, *row_end;
	int *row_page;
	SopGrid grid;
	SopLayout lay;
} Flow;

/* ---- text ------------------------------------------------------------------- */

static PangoLayout *new_layout(cairo_t *cr)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	pango_cairo_context_set_resolution(pango_layout_get_context(l), 72);
	pango_layout_context_changed(l);
	return l;
}

/*
** Measure text in Liberation Sans at pt points, wrapped to w (0: no wrap),
** at most max_lines lines (0: all; more end in an ellipsis). NULL is "".
*/
static void text_measure(cairo_t *mcr, Text *t, const char *text, double pt, bool bold, double w,
                         PangoAlignment align, int max_lines)
{
	t->l = new_layout(mcr);
	PangoFontDescription *fd = pango_font_description_from_string("Liberation Sans");
	pango_font_description_set_size(fd, (int)lround(pt * PANGO_SCALE));
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(t->l, fd);
	pango_font_description_free(fd);
	if (w > 0) {
		pango_layout_set_width(t->l, (int)(w * PANGO_SCALE));
		pango_layout_set_wrap(t->l, PANGO_WRAP_WORD_CHAR);
	}
	if (max_lines > 0) {
		pango_layout_set_height(t->l, -max_lines);
		pango_layout_set_ellipsize(t->l, PANGO_ELLIPSIZE_END);
	}
	pango_layout_set_alignment(t->l, align);
	/* Stored SOP text is valid UTF-8 (sop_parse checks), but be safe. */
	const char *s = text ? text : "";
	char *copy = NULL;
	size_t n = strlen(s), bad;
	if (!utf8_check(s, n, &bad)) {
		copy = xstrdup(s);
		while (!utf8_check(copy, n, &bad))
			copy[bad] = '?';
		s = copy;
	}
	pango_layout_set_text(t->l, s, -1);
	free(copy);
	t->n = pango_layout_get_line_count(t->l);
	t->h = xcalloc((size_t)t->n + 1, sizeof *t->h);
	t->height = 0;
	PangoLayoutIter *it = pango_layout_get_iter(t->l);
	int k = 0;
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		t->h[k] = (double)logical.height / PANGO_SCALE;
		t->height += t->h[k++];
	} while (k < t->n && pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

static void text_free(Text *t)
{
	if (t->l)
		g_object_unref(t->l);
	free(t->h);
	memset(t, 0, sizeof *t);
}

/* Draw lines [from, upto) of t with the top of line `from` at (x, y). */
static void text_lines(cairo_t *cr, const Text *t, double x, double y, int from, int upto)
{
	PangoLayoutIter *it = pango_layout_get_iter(t->l);
	for (int k = 0; k < from; k++)
		pango_layout_iter_next_line(it);
	for (int k = from; k < upto; k++) {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		int baseline = pango_layout_iter_get_baseline(it);
		cairo_move_to(cr, x + (double)logical.x / PANGO_SCALE,
		              y + (double)(baseline - logical.y) / PANGO_SCALE);
		pango_cairo_show_layout_line(cr, pango_layout_iter_get_line_readonly(it));
		y += t->h[k];
		pango_layout_iter_next_line(it);
	}
	pango_layout_iter_free(it);
}

static void text_draw(cairo_t *cr, const Text *t, double x, double y)
{
	text_lines(cr, t, x, y, 0, t->n);
}

/* Measure, draw at (x, y), free; returns the height. */
static double text_put(cairo_t *mcr, cairo_t *cr, const char *s, double pt, bool bold, double x,
                       double y, double w, PangoAlignment align, int max_lines)
{
	Text t;
	text_measure(mcr, &t, s, pt, bold, w, align, max_lines);
	text_draw(cr, &t, x, y);
	double h = t.height;
	text_free(&t);
	return h;
}

/* ---- words ------------------------------------------------------------------- */

static const char *unit_word(SopUnit u)
{
	switch (u) {
	case SOP_MINUTE:
		return "menit";
	case SOP_HOUR:
		return "jam";
	case SOP_DAY:
		return "hari";
	case SOP_WORKDAY:
		return "hari kerja";
	case SOP_WEEK:
		return "minggu";
	case SOP_MONTH:
		return "bulan";
	case SOP_PER_CASE:
		break;
	}
	return "";
}

/* The Waktu cell: as printed in the SOP, else from the numbers. */
static void waktu(Buf *out, const SopDuration *d)
{
	if (!d->present)
		return;
	if (d->text && *d->text) {
		buf_puts(out, d->text);
		return;
	}
	if (d->unit == SOP_PER_CASE) {
		buf_puts(out, "Sesuai jadwal");
		return;
	}
	double lo = d->has_min ? d->min : d->max, hi = d->has_max ? d->max : lo;
	fmt_number_id(out, lo, lo == floor(lo) ? 0 : 1);
	if (hi != lo) {
		buf_puts(out, " - ");
		fmt_number_id(out, hi, hi == floor(hi) ? 0 : 1);
	}
	buf_printf(out, " %s", unit_word(d->unit));
}

/* "1. a\n2. b", or "-" for an empty list. */
static void numbered(Buf *out, const SopList *l)
{
	if (l->n == 0)
		buf_puts(out, "-");
	for (int i = 0; i < l->n; i++)
		buf_printf(out, "%s%d. %s", i ? "\n" : "", i + 1, l->items[i]);
}

static const char *or_dash(const char *s)
{
	return s && *s ? s : "-";
}

/* ---- page 1: the identity block ------------------------------------------------- */

enum { ID_LINES = 10 }; /* lines of one identity value at most (then an ellipsis) */

static void identity_page(Doc *d, cairo_t *mcr, const Sop *sop)
{
	double w = doc_width(d), half = w / 2, lab_w = 118, val_w = half - lab_w;
	double pt = 10, tpad = 4;
	Buf created = BUF_INIT, revised = BUF_INIT, effective = BUF_INIT, nip = BUF_INIT;
	fmt_date_id(&created, sop->created);
	fmt_date_id(&revised, sop->revised);
	fmt_date_id(&effective, sop->effective);
	fmt_nip(&nip, sop->approved_by.nip);
	Buf nip_line = BUF_INIT;
	if (nip.len)
		buf_printf(&nip_line, "NIP %s", buf_str(&nip));

	/* Right: label rows. Measure first, so the left cell can span them. */
	enum { R_NO, R_MADE, R_REV, R_EFF, R_BY, R_NAME, N_ID };
	static const char *const labels[N_ID] = {"Nomor SOP",      "Tanggal Pembuatan",
	                                         "Tanggal Revisi", "Tanggal Efektif",
	                                         "Disahkan oleh",  "Nama SOP"};
	const char *values[N_ID] = {or_dash(sop->number),
	                            or_dash(buf_str(&created)),
	                            or_dash(buf_str(&revised)),
	                            or_dash(buf_str(&effective)),
	                            NULL,
	                            or_dash(sop->name)};
	Text by[4];
	const char *by_text[4] = {sop->approved_by.title, sop->approved_by.name,
	                          sop->approved_by.rank, buf_str(&nip_line)};
	double sign_space = 34, by_h = sign_space;
	for (int k = 0; k < 4; k++) {
		text_measure(mcr, &by[k], by_text[k] && *by_text[k] ? by_text[k] : "", pt, k == 1,
		             val_w - 2 * tpad, PANGO_ALIGN_CENTER, ID_LINES);
		by_h += by_text[k] && *by_text[k] ? by[k].height : 0;
	}
	double rh[N_ID], right_h = 0;
	for (int r = 0; r < N_ID; r++) {
		double vh = by_h;
		if (r != R_BY) {
			Text t;
			text_measure(mcr, &t, values[r], pt, r == R_NAME, val_w - 2 * tpad,
			             PANGO_ALIGN_LEFT, ID_LINES);
			vh = t.height;
			text_free(&t);
		}
		rh[r] = vh + 2 * tpad;
		right_h += rh[r];
	}
	/* Left: room for the logo, then the government, agency and unit. */
	double logo = 62;
	Text left[3];
	const char *left_text[3] = {sop->government, sop->agency, sop->unit};
	double left_h = logo + 8;
	for (int k = 0; k < 3; k++) {
		text_measure(mcr, &left[k], left_text[k] ? left_text[k] : "", k == 1 ? 13 : 11,
		             true, half - 24, PANGO_ALIGN_CENTER, ID_LINES);
		left_h += left[k].height + 4;
	}
	if (left_h + 8 > right_h) {
		rh[R_NAME] += left_h + 8 - right_h;
		right_h = left_h + 8;
	}
	double x0, y0, aw;
	cairo_t *cr = doc_area(d, right_h, &x0, &y0, &aw);
	cairo_save(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, LINE_W);
	cairo_rectangle(cr, x0, y0, w, right_h);
	cairo_move_to(cr, x0 + half, y0);
	cairo_line_to(cr, x0 + half, y0 + right_h);
	cairo_move_to(cr, x0 + half + lab_w, y0);
	cairo_line_to(cr, x0 + half + lab_w, y0 + right_h);
	double y = y0;
	for (int r = 0; r < N_ID; r++) {
		if (r) {
			cairo_move_to(cr, x0 + half, y);
			cairo_line_to(cr, x0 + w, y);
		}
		y += rh[r];
	}
	cairo_stroke(cr);
	/* The logo's place: a faint square, for the printed letterhead's logo. */
	cairo_set_source_rgb(cr, 0.8, 0.8, 0.8);
	cairo_set_dash(cr, (double[]){2, 2}, 2, 0);
	cairo_rectangle(cr, x0 + half / 2 - logo / 2 + 4, y0 + 6, logo - 8, logo - 8);
	cairo_stroke(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	cairo_set_source_rgb(cr, 0, 0, 0);
	double ly = y0 + (right_h - (left_h - logo - 8)) / 2;
	if (ly < y0 + logo + 4)
		ly = y0 + logo + 4;
	for (int k = 0; k < 3; k++) {
		text_draw(cr, &left[k], x0 + 12, ly);
		ly += left[k].height + 4;
		text_free(&left[k]);
	}
	y = y0;
	for (int r = 0; r < N_ID; r++) {
		text_put(mcr, cr, labels[r], pt, true, x0 + half + tpad, y + tpad, lab_w - 2 * tpad,
		         PANGO_ALIGN_LEFT, 2);
		double vx = x0 + half + lab_w + tpad, vy = y + tpad;
		if (r == R_BY) {
			for (int k = 0; k < 4; k++) {
				if (!by_text[k] || !*by_text[k])
					continue;
				text_draw(cr, &by[k], vx, vy);
				vy += by[k].height + (k == 0 ? sign_space : 0);
			}
		} else {
			text_put(mcr, cr, values[r], pt, r == R_NAME, vx, vy, val_w - 2 * tpad,
			         PANGO_ALIGN_LEFT, ID_LINES);
		}
		y += rh[r];
	}
	cairo_restore(cr);
	for (int k = 0; k < 4; k++)
		text_free(&by[k]);

	/* Below, side by side: label rows over their lists; rows continue over pages. */
	Buf lists[4] = {BUF_INIT, BUF_INIT, BUF_INIT, BUF_INIT};
	numbered(&lists[0], &sop->legal_basis);
	numbered(&lists[1], &sop->qualifications);
	numbered(&lists[2], &sop->related);
	numbered(&lists[3], &sop->equipment);
	DocTable t = {.n_cols = 2, .widths = {half, w - half}, .style = DOC_CELL, .pad = 4};
	doc_table_begin(d, &t);
	doc_table_row(d, (const char *const[]){"Dasar Hukum:", "Kualifikasi Pelaksana:"},
	              DOC_ROW_BOLD | DOC_ROW_SHADE);
	doc_table_row(d, (const char *const[]){buf_str(&lists[0]), buf_str(&lists[1])}, 0);
	doc_table_row(d, (const char *const[]){"Keterkaitan:", "Peralatan/Perlengkapan:"},
	              DOC_ROW_BOLD | DOC_ROW_SHADE);
	doc_table_row(d, (const char *const[]){buf_str(&lists[2]), buf_str(&lists[3])}, 0);
	doc_table_row(d, (const char *const[]){"Peringatan:", "Pencatatan dan Pendataan:"},
	              DOC_ROW_BOLD | DOC_ROW_SHADE);
	doc_table_row(d, (const char *const[]){or_dash(sop->warning), or_dash(sop->records)}, 0);
	doc_table_end(d);
	for (int k = 0; k < 4; k++)
		buf_free(&lists[k]);
	buf_free(&created);
	buf_free(&revised);
	buf_free(&effective);
	buf_free(&nip);
	buf_free(&nip_line);
}

/* ---- the flowchart: measures ----------------------------------------------------- */

static double col_x(const Flow *f, int c)
{
	return f->left + f->x[c];
}

/* The column of a text cell. */
static int text_col(const Flow *f, int t)
{
	switch (t) {
	case T_NO:
		return 0;
	case T_ACT:
		return 1;
	default:
		return 2 + f->n_act + (t - T_IN);
	}
}

static double col_w(const Flow *f, int c)
{
	return f->x[c + 1] - f->x[c];
}

static void flow_columns(Flow *f)
{
	int na = f->n_act;
	bool dense = na > 6;
	double no_w = 22, in_w = dense ? 58 : 76, time_w = dense ? 40 : 50, out_w = dense ? 58 : 76,
	       note_w = dense ? 50 : 66, keg_min = 150;
	double rest = f->width - (no_w + in_w + time_w + out_w + note_w);
	double act_w = (rest - keg_min) / na;
	if (act_w > 80)
		act_w = 80;
	if (act_w < 4)
		act_w = 4; /* a hundred actors do not fit any page; keep the geometry sane */
	double keg_w = rest - act_w * na;
	if (keg_w < 60)
		keg_w = 60;
	double w[6 + SOP_MAX_ACTORS];
	int n = 0;
	w[n++] = no_w;
	w[n++] = keg_w;
	for (int a = 0; a < na; a++)
		w[n++] = act_w;
	w[n++] = in_w;
	w[n++] = time_w;
	w[n++] = out_w;
	w[n++] = note_w;
	f->n_cols = n;
	f->x[0] = 0;
	for (int c = 0; c < n; c++)
		f->x[c + 1] = f->x[c] + w[c];
	f->cell_pt = dense ? 7 : 8;
	f->head_pt = act_w < 45 ? 6.5 : 7.5;
	f->label_pt = 6.5;
}

static void flow_header(Flow *f)
{
	const Sop *sop = f->sop;
	text_measure(f->mcr, &f->title, sop->name, 9, true, f->width, PANGO_ALIGN_CENTER, 1);
	f->title_h = f->title.height + 4;
	static const char *const words[6] = {"No",    "Kegiatan", "Kelengkapan",
	                                     "Waktu", "Output",   "Keterangan"};
	static const int cols_of[6] = {T_NO, T_ACT, T_IN, T_TIME, T_OUT, T_NOTE};
	double h2 = 0;
	for (int k = 0; k < 6; k++) {
		int c = text_col(f, cols_of[k]);
		text_measure(f->mcr, &f->head[k], words[k], f->head_pt, true, col_w(f, c) - 2,
		             PANGO_ALIGN_CENTER, 0);
		if (k >= 2 && k <= 4 && f->head[k].height > h2)
			h2 = f->head[k].height;
	}
	for (int a = 0; a < f->n_act; a++) {
		const char *label = a < sop->n_actors ? sop->actors[a].label : "";
		text_measure(f->mcr, &f->actors[a], label, f->head_pt, true, col_w(f, 2 + a) - 2,
		             PANGO_ALIGN_CENTER, 0);
		if (f->actors[a].height > h2)
			h2 = f->actors[a].height;
	}
	f->h1 = f->head[0].height + 2 * PAD;
	f->h2 = h2 + 2 * PAD;
}

static void flow_rows(Flow *f)
{
	const Sop *sop = f->sop;
	f->rows = xcalloc((size_t)sop->n_steps + 1, sizeof *f->rows);
	for (int i = 0; i < sop->n_steps; i++) {
		const SopStep *st = &sop->steps[i];
		Row *r = &f->rows[i];
		char no[16];
		snprintf(no, sizeof no, "%d", st->no);
		Buf w = BUF_INIT;
		waktu(&w, &st->duration);
		const char *texts[N_TEXT] = {no,          st->activity, st->inputs,
		                             buf_str(&w), st->output,   st->note};
		r->h = f->min_row;
		for (int t = 0; t < N_TEXT; t++) {
			int c = text_col(f, t);
			text_measure(f->mcr, &r->t[t], texts[t], f->cell_pt, false,
			             col_w(f, c) - 2 * PAD,
			             t == T_NO || t == T_TIME ? PANGO_ALIGN_CENTER
			                                      : PANGO_ALIGN_LEFT,
			             0);
			if (r->t[t].height + 2 * PAD > r->h)
				r->h = r->t[t].height + 2 * PAD;
		}
		buf_free(&w);
	}
}

static Seg *seg_new(Flow *f, int step, int page, double y)
{
	if (f->n_segs == f->cap_segs) {
		f->cap_segs = f->cap_segs ? 2 * f->cap_segs : 32;
		f->segs = xrealloc(f->segs, sizeof *f->segs * (size_t)f->cap_segs);
	}
	Seg *s = &f->segs[f->n_segs++];
	memset(s, 0, sizeof *s);
	s->step = step;
	s->page = page;
	s->y = y;
	return s;
}

/*
** Fill s with the lines of row r from from[] on that fit avail points;
** returns true when every text is done.
*/
static bool seg_fill(Seg *s, const Row *r, const int *from, double avail)
{
	bool done = true;
	double used = 0;
	for (int t = 0; t < N_TEXT; t++) {
		const Text *x = &r->t[t];
		int k = from[t];
		double h = 0;
		while (k < x->n && (h + x->h[k] <= avail - 2 * PAD || h == 0)) {
			h += x->h[k];
			k++;
		}
		s->from[t] = from[t];
		s->upto[t] = k;
		if (k < x->n)
			done = false;
		if (h > used)
			used = h;
	}
	s->h = used + 2 * PAD;
	return done;
}

/*
** Put the rows on pages: rows from rows_top to rows_bottom of each page;
** single: one endless page (SVG).
*/
static void flow_paginate(Flow *f, double body_top, double body_bottom, bool single)
{
	const Sop *sop = f->sop;
	int page = 0;
	double bottom = single ? INFINITY : body_bottom - f->band;
	double top_next = body_top + f->band;
	double y = body_top;
	f->row_cy = xcalloc((size_t)sop->n_steps + 1, sizeof *f->row_cy);
	f->row_end = xcalloc((size_t)sop->n_steps + 1, sizeof *f->row_end);
	f->row_page = xcalloc((size_t)sop->n_steps + 1, sizeof *f->row_page);
	for (int i = 0; i < sop->n_steps; i++) {
		const Row *r = &f->rows[i];
		double cap = bottom - top_next;
		/* The last row needs no foot band: no arrow leaves it downwards. */
		double lim = i == sop->n_steps - 1 && !single ? body_bottom : bottom;
		if (y + r->h <= lim) {
			Seg *s = seg_new(f, i, page, y);
			int none[N_TEXT] = {0};
			s->first = true;
			seg_fill(s, r, none, INFINITY);
			s->h = r->h;
			f->row_cy[i] = s->y + s->h / 2;
			f->row_end[i] = s->y + s->h;
			f->row_page[i] = page;
			y += s->h;
			continue;
		}
		if (y + r->h > bottom && (r->h <= cap || bottom - y < f->min_row)) {
			page++;
			y = top_next;
		}
		int from[N_TEXT] = {0};
		bool first = true;
		for (;;) {
			Seg *s = seg_new(f, i, page, y);
			s->first = first;
			bool done = seg_fill(s, r, from, bottom - y);
			if (first) {
				if (done && s->h < r->h)
					s->h = r->h;
				if (s->h < f->min_row)
					s->h = f->min_row;
				f->row_cy[i] = s->y + s->h / 2;
				f->row_end[i] = s->y + s->h;
				f->row_page[i] = page;
			}
			memcpy(from, s->upto, sizeof from);
			y += s->h;
			if (done)
				break;
			first = false;
			page++;
			y = top_next;
		}
	}
	f->n_pages = page + 1;
}

static void flow_layout(Flow *f, double body_top, double body_bottom)
{
	double *cx = xcalloc((size_t)f->n_act, sizeof *cx);
	for (int a = 0; a < f->n_act; a++)
		cx[a] = col_x(f, 2 + a) + col_w(f, 2 + a) / 2;
	double aw = col_w(f, 2);
	double hw = fmin(28, aw * 0.36), dhw = fmin(24, aw * 0.38);
	double widest = fmax(hw, dhw);
	f->grid = (SopGrid){.n_cols = f->n_act,
	                    .col_cx = cx,
	                    .row_cy = f->row_cy,
	                    .row_end = f->row_end,
	                    .row_page = f->row_page,
	                    .box_hw = hw,
	                    .box_hh = 8,
	                    .dia_hw = dhw,
	                    .dia_hh = 10,
	                    .lane = widest + (aw / 2 - widest) * 0.6,
	                    .body_top = body_top,
	                    .body_bottom = body_bottom,
	                    .conn_r = fmin(7, aw * 0.2),
	                    .max_lane = (body_bottom - body_top) / 3,
	                    .label_dx = 2,
	                    .label_below = 7,
	                    .label_above = 2};
	sop_layout(f->sop, &f->grid, &f->lay);
}

/* ---- the flowchart: drawing ------------------------------------------------------ */

static void line(cairo_t *cr, double x0, double y0, double x1, double y1)
{
	cairo_move_to(cr, x0, y0);
	cairo_line_to(cr, x1, y1);
}

static void draw_header(const Flow *f, cairo_t *cr, double top)
{
	double y = top;
	text_draw(cr, &f->title, f->left, y);
	y += f->title_h;
	double h = f->h1 + f->h2;
	int a0 = 2, a1 = 2 + f->n_act, m0 = a1, m1 = a1 + 3;
	cairo_save(cr);
	cairo_rectangle(cr, f->left, y, f->width, h);
	cairo_set_source_rgb(cr, 0.88, 0.9, 0.93);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_set_line_width(cr, LINE_W);
	cairo_stroke(cr);
	/* The bands over the actors and over Mutu Baku; the columns under them. */
	line(cr, col_x(f, a0), y + f->h1, col_x(f, a1), y + f->h1);
	line(cr, col_x(f, m0), y + f->h1, col_x(f, m1), y + f->h1);
	for (int c = 1; c < f->n_cols; c++) {
		bool inner = (c > a0 && c < a1) || (c > m0 && c < m1);
		line(cr, col_x(f, c), inner ? y + f->h1 : y, col_x(f, c), y + h);
	}
	cairo_stroke(cr);
	/* Spanning labels, centred. */
	const Text *no = &f->head[0], *keg = &f->head[1], *ket = &f->head[5];
	text_draw(cr, no, col_x(f, 0) + 1, y + (h - no->height) / 2);
	text_draw(cr, keg, col_x(f, 1) + 1, y + (h - keg->height) / 2);
	text_draw(cr, ket, col_x(f, m1) + 1, y + (h - ket->height) / 2);
	double span = col_x(f, a1) - col_x(f, a0);
	text_put(f->mcr, cr, "Pelaksana", f->head_pt, true, col_x(f, a0), y + PAD, span,
	         PANGO_ALIGN_CENTER, 1);
	text_put(f->mcr, cr, "Mutu Baku", f->head_pt, true, col_x(f, m0), y + PAD,
	         col_x(f, m1) - col_x(f, m0), PANGO_ALIGN_CENTER, 1);
	for (int a = 0; a < f->n_act; a++) {
		const Text *t = &f->actors[a];
		text_draw(cr, t, col_x(f, a0 + a) + 1, y + f->h1 + (f->h2 - t->height) / 2);
	}
	for (int k = 2; k <= 4; k++) {
		const Text *t = &f->head[k];
		text_draw(cr, t, col_x(f, m0 + k - 2) + 1, y + f->h1 + (f->h2 - t->height) / 2);
	}
	cairo_restore(cr);
}

/* The rules of page p's rows and their texts; the table ends at bottom. */
static void draw_rows(const Flow *f, cairo_t *cr, int p, double top, double bottom)
{
	int a0 = 2, a1 = 2 + f->n_act;
	cairo_save(cr);
	cairo_set_line_width(cr, LINE_W);
	/* Row rules: black in the text columns, faint across the actors (arrows run there). */
	for (int k = 0; k < f->n_segs; k++) {
		const Seg *s = &f->segs[k];
		if (s->page != p)
			continue;
		double ys[2] = {s->y, s->y + s->h};
		for (int e = 0; e < 2; e++) {
			cairo_set_source_rgb(cr, 0, 0, 0);
			line(cr, col_x(f, 0), ys[e], col_x(f, a0), ys[e]);
			line(cr, col_x(f, a1), ys[e], col_x(f, f->n_cols), ys[e]);
			cairo_stroke(cr);
			cairo_set_source_rgb(cr, 0.82, 0.82, 0.82);
			line(cr, col_x(f, a0), ys[e], col_x(f, a1), ys[e]);
			cairo_stroke(cr);
		}
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int c = 0; c <= f->n_cols; c++)
		line(cr, col_x(f, c), top, col_x(f, c), bottom);
	line(cr, col_x(f, 0), bottom, col_x(f, f->n_cols), bottom);
	cairo_stroke(cr);
	for (int k = 0; k < f->n_segs; k++) {
		const Seg *s = &f->segs[k];
		if (s->page != p)
			continue;
		const Row *r = &f->rows[s->step];
		for (int t = 0; t < N_TEXT; t++) {
			int c = text_col(f, t);
			text_lines(cr, &r->t[t], col_x(f, c) + PAD, s->y + PAD, s->from[t],
			           s->upto[t]);
		}
	}
	cairo_restore(cr);
}

static void draw_node(cairo_t *cr, const SopNode *n)
{
	double x = n->cx - n->hw, y = n->cy - n->hh, w = 2 * n->hw, h = 2 * n->hh;
	switch (n->shape) {
	case SOP_SHAPE_DECISION:
		cairo_move_to(cr, n->cx, y);
		cairo_line_to(cr, n->cx + n->hw, n->cy);
		cairo_line_to(cr, n->cx, n->cy + n->hh);
		cairo_line_to(cr, x, n->cy);
		cairo_close_path(cr);
		break;
	case SOP_SHAPE_TERMINATOR: {
		double r = n->hh < n->hw ? n->hh : n->hw;
		cairo_new_sub_path(cr);
		cairo_arc(cr, x + w - r, n->cy, r, -M_PI / 2, M_PI / 2);
		cairo_arc(cr, x + r, n->cy, r, M_PI / 2, 3 * M_PI / 2);
		cairo_close_path(cr);
		break;
	}
	case SOP_SHAPE_PROCESS:
		cairo_rectangle(cr, x, y, w, h);
		break;
	}
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_stroke(cr);
}

static void draw_conn(const Flow *f, cairo_t *cr, const SopConn *c)
{
	double r = f->grid.conn_r;
	if (c->kind == SOP_CONN_ONPAGE) {
		cairo_new_sub_path(cr);
		cairo_arc(cr, c->cx, c->cy, r, 0, 2 * M_PI);
	} else {
		/* The off-page connector: a pentagon pointing down. */
		cairo_move_to(cr, c->cx - r, c->cy - r);
		cairo_line_to(cr, c->cx + r, c->cy - r);
		cairo_line_to(cr, c->cx + r, c->cy + 0.25 * r);
		cairo_line_to(cr, c->cx, c->cy + r);
		cairo_line_to(cr, c->cx - r, c->cy + 0.25 * r);
		cairo_close_path(cr);
	}
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	cairo_stroke(cr);
	char num[16];
	snprintf(num, sizeof num, "%d", c->number);
	Text t;
	text_measure(f->mcr, &t, num, r > 5 ? 6 : 5, true, 0, PANGO_ALIGN_LEFT, 0);
	PangoRectangle ink, logical;
	pango_layout_get_extents(t.l, &ink, &logical);
	double tw = (double)logical.width / PANGO_SCALE;
	text_draw(cr, &t, c->cx - tw / 2,
	          c->cy - (c->kind == SOP_CONN_ONPAGE ? 0 : 0.2 * r) - t.height / 2);
	text_free(&t);
}

static void draw_path(cairo_t *cr, const SopPath *p)
{
	cairo_move_to(cr, p->x[0], p->y[0]);
	for (int k = 1; k < p->n; k++)
		cairo_line_to(cr, p->x[k], p->y[k]);
	cairo_stroke(cr);
	/* The head: a small filled triangle along the last segment. */
	double dx = p->x[p->n - 1] - p->x[p->n - 2], dy = p->y[p->n - 1] - p->y[p->n - 2];
	double len = hypot(dx, dy);
	if (len <= 0)
		return;
	dx /= len;
	dy /= len;
	double hx = p->x[p->n - 1], hy = p->y[p->n - 1], hl = 4.5, hw = 2.2;
	cairo_move_to(cr, hx, hy);
	cairo_line_to(cr, hx - dx * hl - dy * hw, hy - dy * hl + dx * hw);
	cairo_line_to(cr, hx - dx * hl + dy * hw, hy - dy * hl - dx * hw);
	cairo_close_path(cr);
	cairo_fill(cr);
}

static void draw_chart(const Flow *f, cairo_t *cr, int p)
{
	cairo_save(cr);
	cairo_set_line_width(cr, SYM_W);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int k = 0; k < f->lay.n_paths; k++)
		if (f->lay.paths[k].page == p)
			draw_path(cr, &f->lay.paths[k]);
	/* Co-actors: dashed boxes and ties. */
	cairo_set_dash(cr, (double[]){3, 2}, 2, 0);
	for (int k = 0; k < f->lay.n_co; k++) {
		const SopCoBox *co = &f->lay.co[k];
		if (co->page != p)
			continue;
		cairo_rectangle(cr, co->x, co->y, co->w, co->h);
		line(cr, co->tie_x0, co->y + co->h / 2, co->tie_x1, co->y + co->h / 2);
		cairo_stroke(cr);
	}
	cairo_set_dash(cr, NULL, 0, 0);
	for (int i = 0; i < f->lay.n_nodes; i++)
		if (f->lay.nodes[i].page == p)
			draw_node(cr, &f->lay.nodes[i]);
	for (int k = 0; k < f->lay.n_conns; k++)
		if (f->lay.conns[k].page == p)
			draw_conn(f, cr, &f->lay.conns[k]);
	for (int k = 0; k < f->lay.n_labels; k++) {
		const SopLabel *lb = &f->lay.labels[k];
		if (lb->page != p)
			continue;
		Text t;
		text_measure(f->mcr, &t, lb->kind == SOP_LABEL_YES ? "Ya" : "Tidak", f->label_pt,
		             false, 0, PANGO_ALIGN_LEFT, 0);
		PangoRectangle logical;
		pango_layout_get_extents(t.l, NULL, &logical);
		double tw = (double)logical.width / PANGO_SCALE;
		double base = (double)pango_layout_get_baseline(t.l) / PANGO_SCALE;
		text_draw(cr, &t, lb->side > 0 ? lb->x : lb->x - tw, lb->y - base);
		text_free(&t);
	}
	cairo_restore(cr);
}

/* The table's lower edge on page p: its last row, or the foot band when it continues. */
static double page_bottom(const Flow *f, int p, double body_bottom)
{
	if (p < f->n_pages - 1)
		return body_bottom;
	double b = 0;
	for (int k = 0; k < f->n_segs; k++)
		if (f->segs[k].page == p && f->segs[k].y + f->segs[k].h > b)
			b = f->segs[k].y + f->segs[k].h;
	return b;
}

static void flow_free(Flow *f)
{
	text_free(&f->title);
	for (int k = 0; k < 6; k++)
		text_free(&f->head[k]);
	for (int a = 0; a < f->n_act; a++)
		text_free(&f->actors[a]);
	if (f->rows)
		for (int i = 0; i < f->sop->n_steps; i++)
			for (int t = 0; t < N_TEXT; t++)
				text_free(&f->rows[i].t[t]);
	free(f->rows);
	free(f->segs);
	free(f->row_cy);
	free(f->row_end);
	free(f->row_page);
	free((void *)f->grid.col_cx);
	sop_layout_free(&f->lay);
}

/*
** Measure and lay out the flowchart for pages whose usable area starts at
** (left, top), width wide, rows ending at body_bottom (single: one page).
*/
static void flow_prepare(Flow *f, const Sop *sop, cairo_t *mcr, double left, double top,
                         double width, double body_bottom, bool single)
{
	memset(f, 0, sizeof *f);
	f->sop = sop;
	f->mcr = mcr;
	f->left = left;
	f->width = width;
	f->n_act = sop->n_actors > 0 ? sop->n_actors : 1;
	if (f->n_act > SOP_MAX_ACTORS)
		f->n_act = SOP_MAX_ACTORS;
	flow_columns(f);
	flow_header(f);
	double aw = col_w(f, 2);
	f->min_row = 2 * 10 + 16;
	f->band = single ? 0 : 2 * fmin(7, aw * 0.2) + 8;
	flow_rows(f);
	double body_top = top + f->title_h + f->h1 + f->h2;
	flow_paginate(f, body_top, body_bottom, single);
	flow_layout(f, body_top, single ? INFINITY : body_bottom);
}

/* ---- the document ---------------------------------------------------------------- */

/* "2026-01-02T03:04:05Z" -> the PDF's dates; anything else: a fixed date. */
static void pdf_dates(Doc *d, const char *created_at)
{
	char when[32] = "2000-01-01T00:00:00";
	if (created_at && strlen(created_at) >= 19 && created_at[4] == '-' && created_at[10] == 'T')
		snprintf(when, sizeof when, "%.19s", created_at);
	cairo_surface_t *s = cairo_get_target(doc_cairo(d));
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, when);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, when);
}

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int n)
{
	buf_append(closure, data, n);
	return CAIRO_STATUS_SUCCESS;
}

/*
** cairo names an SVG's groups "surfaceN" from a process-wide counter, so
** the same chart drawn twice would differ in those names. Number them from
** 1 in order of first appearance instead (text is drawn as glyph paths, so
** no text of the SOP can contain the word).
*/
static void svg_stable_ids(Buf *svg)
{
	Buf o = BUF_INIT;
	long seen[64];
	int n_seen = 0;
	const char *s = buf_str(svg), *p;
	while ((p = strstr(s, "surface")) != NULL) {
		const char *q = p + 7;
		buf_append(&o, s, (size_t)(q - s));
		if (*q < '0' || *q > '9') {
			s = q;
			continue;
		}
		char *e;
		long id = strtol(q, &e, 10);
		int k = 0;
		while (k < n_seen && seen[k] != id)
			k++;
		if (k == n_seen && n_seen < (int)COUNT(seen))
			seen[n_seen++] = id;
		buf_printf(&o, "%d", k < n_seen ? k + 1 : 0);
		s = e;
	}
	buf_puts(&o, s);
	buf_reset(svg);
	buf_append(svg, o.data, o.len);
	buf_free(&o);
}

/* The flowchart alone as one tall SVG page. */
static int render_svg(const Sop *sop, cairo_t *mcr, Buf *out, Buf *err)
{
	Buf svg = BUF_INIT;
	double pw = 841.89, width = pw - 2 * MARGIN;
	Flow f;
	flow_prepare(&f, sop, mcr, MARGIN, MARGIN, width, INFINITY, true);
	double bottom = page_bottom(&f, 0, 0);
	if (sop->n_steps == 0)
		bottom = MARGIN + f.title_h + f.h1 + f.h2;
	double ph = ceil(bottom + MARGIN);
	cairo_surface_t *s = cairo_svg_surface_create_for_stream(write_buf, &svg, pw, ph);
	cairo_t *cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	draw_header(&f, cr, MARGIN);
	draw_rows(&f, cr, 0, MARGIN + f.title_h + f.h1 + f.h2, bottom);
	draw_chart(&f, cr, 0);
	cairo_show_page(cr);
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(s);
	cairo_surface_destroy(s);
	flow_free(&f);
	if (st != CAIRO_STATUS_SUCCESS) {
		buf_printf(err, "cannot render the SOP document: %s\n", cairo_status_to_string(st));
		buf_free(&svg);
		return -1;
	}
	svg_stable_ids(&svg);
	buf_append(out, svg.data, svg.len);
	buf_free(&svg);
	return 0;
}

int report_sop(Wf *wf, int64_t sop_version_id, DocFormat fmt, Buf *out, Buf *err)
{
	const Sop *sop = wf_sop(wf, sop_version_id, err);
	if (!sop)
		return -1;
	Db *db = wf_db(wf);
	char *created_at = db_text(db, NULL, "SELECT created_at FROM sop_version WHERE id=:id",
	                           DB_INT(":id", sop_version_id), DB_END);
	int version = (int)db_int(db, 0, "SELECT version FROM sop_version WHERE id=:id",
	                          DB_INT(":id", sop_version_id), DB_END);
	/* Text is measured on a context of its own, the same for every output. */
	cairo_surface_t *ms = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, NULL);
	cairo_t *mcr = cairo_create(ms);
	int rc = 0;
	if (fmt == DOC_SVG) {
		rc = render_svg(sop, mcr, out, err);
		goto cleanup;
	}
	Doc *d = doc_new(fmt, true, MARGIN, out);
	Buf footer = BUF_INIT, keywords = BUF_INIT;
	buf_printf(&footer, "SOP %s, versi %d", sop->code ? sop->code : "", version);
	buf_printf(&keywords, "sakip:sop:%s@%d", sop->code ? sop->code : "", version);
	doc_meta(d, sop->name, sop->agency, "Standar Operasional Prosedur", buf_str(&keywords));
	if (fmt == DOC_PDF)
		pdf_dates(d, created_at);
	doc_footer(d, buf_str(&footer), true, 1);
	identity_page(d, mcr, sop);

	Flow f;
	doc_page_break(d);
	double left = doc_left(d), top = doc_y(d);
	double body_bottom = top + doc_remaining(d);
	flow_prepare(&f, sop, mcr, left, top, doc_width(d), body_bottom, false);
	for (int p = 0; p < f.n_pages; p++) {
		if (p)
			doc_page_break(d);
		double x, y, w;
		cairo_t *cr = doc_area(d, doc_remaining(d), &x, &y, &w);
		draw_header(&f, cr, top);
		draw_rows(&f, cr, p, top + f.title_h + f.h1 + f.h2,
		          page_bottom(&f, p, body_bottom));
		draw_chart(&f, cr, p);
	}
	flow_free(&f);
	rc = doc_finish(d, err);
	doc_free(d);
	buf_free(&footer);
	buf_free(&keywords);
cleanup:
	cairo_destroy(mcr);
	cairo_surface_destroy(ms);
	free(created_at);
	return rc;
}
