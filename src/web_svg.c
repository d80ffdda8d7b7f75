/*
** web_svg.c: an SOP's flowchart as one inline <svg>, in the swimlane form
** planners know from their paper SOPs (PermenPANRB 35/2012). It owns the
** web's grid and the drawing as SVG; the geometry on that grid (symbols,
** arrow routes, labels) is sop_layout.c's, which the SOP document
** (doc_sop.c) draws with cairo too. It does not own the page around it, the step
** table (the page shows Kegiatan, Mutu Baku and Keterangan elsewhere), nor
** any styling beyond presentation attributes.
**
** Layout, in user units of the viewBox (integers, so the markup is short):
**
**     NO_W    COL_W      COL_W      COL_W      one column per actor, SOP order
**   +----+--------------------------------+
**   |    |           Pelaksana            |   BAND_H
**   | No +----------+----------+----------+
**   |    | Actor 1  | Actor 2  | Actor 3  |   HEAD_H: names on up to 3 lines
**   +----+----------+----------+----------+
**   |  1 |  (    )  |          |          |   ROW_H per step, SOP order
**   |    |    |_____|____      |          |
**   +----+          |    v     |          |
**   |  2 |          |  [    ]<-+          |
**   |    |          |    |_____|____      |
**   +----+          |          |    v     |
**   |  3 |          |          +--< >     |   "tidak" back to step 2
**   |    |          |              | ya   |
**
** Step i sits in row i (document order, not step number, so duplicated
** numbers still get their own row) and in its actor's column. The first
** step (the start) and every end step are terminators (rounded capsules),
** decisions are diamonds, the rest rectangles; co-actors of a step
** (participants) get a dashed box in their column on the same row, tied
** to the symbol by a dashed line.
**
** Arrows are orthogonal paths (routed by sop_layout.c) ending in one shared <marker>:
**  - forward (target below): out of the bottom of the symbol, down to the
**    row boundary, across to the target's column, down into its top. The
**    gap between rows carries no grid line, so a horizontal run never lies
**    on a table border.
**  - backward ("tidak" returns, or any edge to an earlier row): out of the
**    side of the symbol facing the target, across to a lane LANE units from
**    the target's centre, up (or down) the lane, into the target's side. The
**    side entered faces the source, unless the target is itself a decision
**    whose own "tidak" leaves by that side; then the other side, so the two
**    arrows never share a segment.
**
** Marks colour the symbols: a CSS class (s-todo, s-done, s-current,
** s-returned) for pages that style them, and an inline fill (and stroke
** for the current step) so the chart reads without any stylesheet, since
** the page's CSP forbids style attributes. A legend follows when marks are
** given. Every text goes through html_printf's %h escaping; control
** characters (not allowed in XML) become spaces, and cut text ends at a
** UTF-8 character boundary with an ellipsis.
**
** Also here, at the end: svg_kpi_chart(), an indicator's realisation per
** quarter as bars against its targets, for the indicator page.
*/
#include "web_svg.h"

#include "sop_layout.h"
#include "web.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

enum {
	NO_W = 30,        /* the No column */
	COL_W = 120,      /* one actor column */
	BAND_H = 18,      /* the "Pelaksana" band above the actor names */
	HEAD_H = 48,      /* the actor names */
	ROW_H = 60,       /* one step */
	BOX_HW = 40,      /* half the width of a rectangle or capsule */
	BOX_HH = 14,      /* half its height */
	DIA_HW = 34,      /* half the width of a diamond */
	DIA_HH = 20,      /* half its height */
	LANE = 54,        /* a return lane's distance from the column's centre */
	HEAD_CHARS = 16,  /* characters on one line of an actor name */
	HEAD_LINES = 3,   /* lines of an actor name */
	HEAD_LEAD = 12,   /* distance between those lines */
	TITLE_CHARS = 160 /* characters of a tooltip */
};

typedef struct MarkStyle {
	const char *cls, *fill, *stroke, *word, *legend;
} MarkStyle;

static const MarkStyle mark_styles[] = {
        [SVG_TODO] = {"s-todo", "#fff", "", "belum", "Belum"},
        [SVG_DONE] = {"s-done", "#c8e6c9", "", "selesai", "Selesai"},
        [SVG_CURRENT] = {"s-current", "#ffe082", " stroke=\"#e65100\" stroke-width=\"3\"",
                         "sedang dikerjakan", "Sedang dikerjakan"},
        [SVG_RETURNED] = {"s-returned", "#ffcdd2", "", "dikembalikan", "Dikembalikan"},
};

/* ---- text ------------------------------------------------------------------ */

static bool is_cont(char c)
{
	return ((unsigned char)c & 0xC0) == 0x80;
}

/* The number of characters (code points) in s[0..n). */
static size_t utf8_chars(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += !is_cont(s[i]);
	return k;
}

/* The length in bytes of the first max characters of s[0..n): never mid-character. */
static size_t utf8_prefix(const char *s, size_t n, size_t max)
{
	size_t i = 0, k = 0;
	while (i < n) {
		if (!is_cont(s[i]) && k++ == max)
			break;
		i++;
	}
	return i;
}

/*
** Append s[0..n), then an ellipsis when cut, XML-escaped through
** html_printf's %h. Characters XML forbids (C0 controls, DEL is allowed but
** useless, U+FFFE and U+FFFF) are replaced first, since %h only escapes.
*/
static void put_text(Buf *out, const char *s, size_t n, bool cut)
{
	Buf t = BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c < 0x20 || c == 0x7F) {
			buf_putc(&t, ' ');
		} else if (c == 0xEF && i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
		           ((unsigned char)s[i + 2] & 0xFE) == 0xBE) {
			buf_puts(&t, "\xEF\xBF\xBD"); /* U+FFFD */
			i += 2;
		} else {
			buf_putc(&t, (char)c);
		}
	}
	if (cut)
		buf_puts(&t, "\xE2\x80\xA6"); /* U+2026 */
	html_printf(out, "%h", buf_str(&t));
	buf_free(&t);
}

/* Append s escaped, cut to max characters (ellipsis included). NULL is "". */
static void put_clipped(Buf *out, const char *s, size_t max)
{
	size_t n = s ? strlen(s) : 0;
	if (utf8_chars(s, n) <= max) {
		put_text(out, s, n, false);
		return;
	}
	n = utf8_prefix(s, n, max - 1);
	while (n > 0 && s[n - 1] == ' ')
		n--;
	put_text(out, s, n, true);
}

typedef struct Slice {
	const char *p;
	size_t n;
} Slice;

/* Spaces and the control characters put_text() turns into spaces. */
static bool is_space(char c)
{
	return c != 0 && (unsigned char)c <= 0x20;
}

/*
** Break s into at most max_lines lines of at most width characters, at
** spaces where it can and inside a word too long for a line. Returns the
** number of lines (slices of s); *cut tells that text was left over, in
** which case the last line is shortened to leave room for an ellipsis.
*/
static int wrap(const char *s, Slice *lines, int max_lines, size_t width, bool *cut)
{
	int n = 0;
	size_t used = 0; /* characters on lines[n - 1] */
	const char *p = s ? s : "";
	*cut = false;
	while (*p) {
		while (is_space(*p))
			p++;
		if (!*p)
			break;
		const char *w = p;
		while (*p && !is_space(*p))
			p++;
		size_t wn = (size_t)(p - w), wc = utf8_chars(w, wn);
		if (n > 0 && used + 1 + wc <= width) {
			lines[n - 1].n = (size_t)(p - lines[n - 1].p);
			used += 1 + wc;
			continue;
		}
		while (wn > 0) {
			if (n == max_lines) {
				*cut = true;
				goto shorten;
			}
			size_t take = utf8_prefix(w, wn, width);
			lines[n].p = w;
			lines[n].n = take;
			n++;
			used = utf8_chars(w, take);
			w += take;
			wn -= take;
		}
	}
	return n;
shorten:;
	Slice *last = &lines[n - 1];
	last->n = utf8_prefix(last->p, last->n, width - 1);
	while (last->n > 0 && is_space(last->p[last->n - 1]))
		last->n--;
	return n;
}

/* ---- layout ---------------------------------------------------------------- */

static int col_cx(int col)
{
	return NO_W + col * COL_W + COL_W / 2;
}

static int row_top(int row)
{
	return BAND_H + HEAD_H + row * ROW_H;
}

/* A coordinate of the layout: integers here, since the grid is. */
static int I(double v)
{
	return (int)lround(v);
}

/*
** The shared layout (sop_layout.c) on the web's uniform grid: every column
** COL_W wide, every row ROW_H high, one page; *l is the caller's to free.
*/
static void layout(const Sop *sop, int n_cols, SopLayout *l)
{
	double *col = xcalloc((size_t)n_cols, sizeof *col);
	double *cy = xcalloc((size_t)sop->n_steps + 1, sizeof *cy);
	double *end = xcalloc((size_t)sop->n_steps + 1, sizeof *end);
	for (int c = 0; c < n_cols; c++)
		col[c] = col_cx(c);
	for (int i = 0; i < sop->n_steps; i++) {
		cy[i] = row_top(i) + ROW_H / 2;
		end[i] = row_top(i + 1);
	}
	SopGrid g = {.n_cols = n_cols,
	             .col_cx = col,
	             .row_cy = cy,
	             .row_end = end,
	             .box_hw = BOX_HW,
	             .box_hh = BOX_HH,
	             .dia_hw = DIA_HW,
	             .dia_hh = DIA_HH,
	             .lane = LANE,
	             .label_dx = 4,
	             .label_below = 9,
	             .label_above = 4};
	sop_layout(sop, &g, l);
	free(col);
	free(cy);
	free(end);
}

/* ---- drawing --------------------------------------------------------------- */

static void draw_grid(Buf *out, int width, int n_cols, int n_rows)
{
	int top = BAND_H + HEAD_H, bottom = row_top(n_rows);
	buf_printf(out, "<path fill=\"none\" stroke=\"#999\" d=\"M0 0H%dV%dH0ZM0 %dH%dM%d %dH%d",
	           width, bottom, top, width, NO_W, BAND_H, width);
	for (int c = 0; c < n_cols; c++)
		buf_printf(out, "M%d %dV%d", NO_W + c * COL_W, c ? BAND_H : 0, bottom);
	/* Rows are ruled in the No column only: arrows run along the row gaps. */
	for (int r = 1; r < n_rows; r++)
		buf_printf(out, "M0 %dH%d", row_top(r), NO_W);
	buf_puts(out, "\"/>");
}

static void draw_headers(Buf *out, const Sop *sop, int n_cols)
{
	buf_printf(out, "<text x=\"%d\" y=\"%d\">No</text>", NO_W / 2, (BAND_H + HEAD_H) / 2 + 4);
	buf_printf(out, "<text x=\"%d\" y=\"%d\">Pelaksana</text>", NO_W + n_cols * COL_W / 2,
	           BAND_H - 5);
	buf_puts(out, "<g font-size=\"10\" font-weight=\"bold\">");
	for (int c = 0; c < sop->n_actors; c++) {
		const char *label = sop->actors[c].label;
		Slice lines[HEAD_LINES];
		bool cut;
		int n = wrap(label, lines, HEAD_LINES, HEAD_CHARS, &cut);
		if (n == 0)
			continue;
		int cx = col_cx(c);
		int y = BAND_H + HEAD_H / 2 - (n - 1) * HEAD_LEAD / 2 + 4;
		buf_puts(out, "<text>");
		if (cut) {
			buf_puts(out, "<title>");
			put_clipped(out, label, TITLE_CHARS);
			buf_puts(out, "</title>");
		}
		for (int k = 0; k < n; k++) {
			buf_printf(out, "<tspan x=\"%d\" y=\"%d\">", cx, y + k * HEAD_LEAD);
			put_text(out, lines[k].p, lines[k].n, cut && k == n - 1);
			buf_puts(out, "</tspan>");
		}
		buf_puts(out, "</text>");
	}
	buf_puts(out, "</g>");
}

static void draw_symbol(Buf *out, const SopNode *nd, const MarkStyle *ms)
{
	int cx = I(nd->cx), cy = I(nd->cy), hw = I(nd->hw), hh = I(nd->hh);
	buf_printf(out, "<%s class=\"%s\" fill=\"%s\"%s ",
	           nd->shape == SOP_SHAPE_DECISION ? "polygon" : "rect", ms->cls, ms->fill,
	           ms->stroke);
	if (nd->shape == SOP_SHAPE_DECISION)
		buf_printf(out, "points=\"%d,%d %d,%d %d,%d %d,%d\"/>", cx, cy - hh, cx + hw, cy,
		           cx, cy + hh, cx - hw, cy);
	else
		buf_printf(out, "x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"%s/>", cx - hw,
		           cy - hh, 2 * hw, 2 * hh,
		           nd->shape == SOP_SHAPE_TERMINATOR ? " rx=\"14\"" : "");
}

static void draw_steps(Buf *out, const Sop *sop, const SopLayout *l, const SvgMark *marks)
{
	buf_puts(out, "<g stroke=\"#333\" stroke-width=\"1.2\">");
	for (int i = 0; i < sop->n_steps; i++) {
		const SopStep *st = &sop->steps[i];
		const SopNode *nd = &l->nodes[i];
		SvgMark m = marks ? marks[i] : SVG_TODO;
		const MarkStyle *ms = &mark_styles[(unsigned)m < COUNT(mark_styles) ? m : SVG_TODO];

		buf_printf(out, "<g data-step=\"%d\"><title>%d. ", st->no, st->no);
		put_clipped(out, st->activity, TITLE_CHARS);
		if (marks)
			buf_printf(out, " (%s)", ms->word);
		buf_puts(out, "</title>");
		draw_symbol(out, nd, ms);
		/* Co-actors of a meeting step: a dashed box in each one's column. */
		for (int k = 0; k < l->n_co; k++) {
			const SopCoBox *co = &l->co[k];
			if (co->step != i)
				continue;
			buf_printf(out,
			           "<rect class=\"co\" fill=\"none\" stroke-dasharray=\"4 3\" "
			           "x=\"%d\" "
			           "y=\"%d\" width=\"%d\" height=\"%d\"/><path "
			           "stroke-dasharray=\"4 3\" d=\"M%d %dH%d\"/>",
			           I(co->x), I(co->y), I(co->w), I(co->h), I(co->tie_x0), I(nd->cy),
			           I(co->tie_x1));
		}
		buf_puts(out, "</g>");
	}
	buf_puts(out, "</g><g>");
	for (int i = 0; i < sop->n_steps; i++)
		buf_printf(out, "<text x=\"%d\" y=\"%d\">%d</text>", NO_W / 2,
		           I(l->nodes[i].cy) + 4, sop->steps[i].no);
	buf_puts(out, "</g>");
}

/*
** The arrows, then their "ya"/"tidak" labels beside their starts (right of
** the point when side > 0, left of it when side < 0). The web's grid is one
** page and max_lane is 0, so the layout makes no connectors here.
*/
static void draw_arrows(Buf *out, const SopLayout *l, const char *id)
{
	buf_puts(out, "<g fill=\"none\" stroke=\"#333\" stroke-width=\"1.2\">");
	for (int k = 0; k < l->n_paths; k++) {
		const SopPath *p = &l->paths[k];
		buf_printf(out, "<path marker-end=\"url(#%s)\" d=\"M%d %d", id, I(p->x[0]),
		           I(p->y[0]));
		for (int s = 1; s < p->n; s++) {
			bool vertical = ((s - 1) % 2 == 0) == p->vertical_first;
			if (vertical)
				buf_printf(out, "V%d", I(p->y[s]));
			else
				buf_printf(out, "H%d", I(p->x[s]));
		}
		buf_puts(out, "\"/>");
	}
	buf_puts(out, "</g>");
	if (l->n_labels) {
		buf_puts(out, "<g font-size=\"10\">");
		for (int k = 0; k < l->n_labels; k++) {
			const SopLabel *lb = &l->labels[k];
			buf_printf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">%s</text>",
			           I(lb->x), I(lb->y), lb->side > 0 ? "start" : "end",
			           lb->kind == SOP_LABEL_YES ? "ya" : "tidak");
		}
		buf_puts(out, "</g>");
	}
}

enum { LEGEND_ROW = 18, LEGEND_SWATCH = 12 };

/* The legend's items flowed into rows of at most width; returns the rows used. */
static int draw_legend(Buf *out, int width, int top, bool draw)
{
	int x = 6, row = 0;
	if (draw)
		buf_puts(out, "<g text-anchor=\"start\" stroke=\"#333\">");
	for (size_t k = 0; k < COUNT(mark_styles); k++) {
		const MarkStyle *ms = &mark_styles[k];
		int w = LEGEND_SWATCH + 4 + 6 * (int)strlen(ms->legend) + 14;
		if (x > 6 && x + w > width) {
			x = 6;
			row++;
		}
		if (draw) {
			int y = top + 8 + row * LEGEND_ROW;
			buf_printf(
			        out,
			        "<rect class=\"lg\" fill=\"%s\"%s x=\"%d\" y=\"%d\" width=\"%d\" "
			        "height=\"%d\"/><text stroke=\"none\" x=\"%d\" y=\"%d\">%s</text>",
			        ms->fill, ms->stroke, x, y, LEGEND_SWATCH, LEGEND_SWATCH,
			        x + LEGEND_SWATCH + 4, y + 10, ms->legend);
		}
		x += w;
	}
	if (draw)
		buf_puts(out, "</g>");
	return row + 1;
}

void svg_flowchart(Buf *out, const Sop *sop, const SvgMark *marks)
{
	int n_cols = sop->n_actors > 0 ? sop->n_actors : 1;
	int n_rows = sop->n_steps > 0 ? sop->n_steps : 0;
	int table_w = NO_W + n_cols * COL_W, table_h = row_top(n_rows);
	int width = table_w < 200 ? 200 : table_w;
	int height = table_h + 1;
	if (marks)
		height += 8 + draw_legend(out, width, 0, false) * LEGEND_ROW;
	/* The marker id is the only name the chart puts into the page. */
	const char *id = sop_code_valid(sop->code) ? sop->code : "sop";
	SopLayout l;
	layout(sop, n_cols, &l);

	buf_printf(
	        out,
	        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"100%%\" "
	        "role=\"img\" class=\"sop-flow\" font-family=\"sans-serif\" font-size=\"11\" "
	        "text-anchor=\"middle\"><title>Diagram alir SOP: ",
	        width, height);
	put_clipped(out, sop->name, TITLE_CHARS);
	html_printf(
	        out,
	        "</title><defs><marker id=\"sfa-%h\" viewBox=\"0 0 10 10\" refX=\"10\" "
	        "refY=\"5\" markerWidth=\"8\" markerHeight=\"8\" markerUnits=\"userSpaceOnUse\" "
	        "orient=\"auto\"><path d=\"M0 0L10 5L0 10z\" fill=\"#333\"/></marker></defs>",
	        id);
	draw_grid(out, table_w, n_cols, n_rows);
	draw_headers(out, sop, n_cols);
	draw_steps(out, sop, &l, marks);
	Buf ref = BUF_INIT;
	html_printf(&ref, "sfa-%h", id);
	draw_arrows(out, &l, buf_str(&ref));
	buf_free(&ref);
	if (marks)
		draw_legend(out, width, table_h, true);
	buf_puts(out, "</svg>");
	sop_layout_free(&l);
}

/* ---- an indicator's quarters ------------------------------------------------ */
/*
** Layout of svg_kpi_chart(), in user units of a 360-wide viewBox:
**
**   legend                                    polarity note      KPI_TOP
**   satuan
**   tick -+------+--------+--------+--------+
**         |   12 |        |        |        |   bars from the base line up,
**         | ==== |  ====  |        |        |   the target a red mark across
**         | |  | |  |  |  |        |        |   the slot, "belum ada" where
**   0    -+------+--------+--------+--------+   a quarter has no value
**            TW1     TW2     TW3      TW4
**          target 10 ...
*/
enum {
	KPI_W = 360,
	KPI_LEFT = 48, /* the y axis's tick labels */
	KPI_RIGHT = 8,
	KPI_TOP = 40, /* legend and satuan */
	KPI_PLOT_H = 140,
	KPI_BOTTOM = 36, /* quarter names and targets */
	KPI_BAR_W = 34,
	KPI_MARK_W = 54,
	KPI_TITLE_CHARS = 200
};

static const char *const kpi_quarters[4] = {"TW1", "TW2", "TW3", "TW4"};

/* A number in the Indonesian format: no decimals when it is whole, else two. */
static void kpi_num(Buf *out, double v)
{
	Buf b = BUF_INIT;
	fmt_number_id(&b, v, fabs(v - round(v)) < 0.005 ? 0 : 2);
	html_printf(out, "%h", buf_str(&b));
	buf_free(&b);
}

/* 1, 2 or 5 times a power of ten: a tick step giving about n ticks over span. */
static double kpi_nice_step(double span, int n)
{
	double raw = span / n, mag = pow(10, floor(log10(raw))), f = raw / mag;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

/* Whether a value meets its target under the indicator's polarity. */
static bool kpi_meets(const SvgKpiChart *ch, const SvgKpiQuarter *q)
{
	if (ch->has_range)
		return q->value >= q->target && q->value <= ch->range_max;
	return ch->lower_better ? q->value <= q->target : q->value >= q->target;
}

/* The words of the chart for <desc>: every quarter's value and target. */
static void kpi_desc(Buf *out, const SvgKpiChart *ch)
{
	html_printf(out, "Realisasi per triwulan (batang) terhadap target (tanda merah)%h",
	            ch->cumulative ? ", kumulatif sampai triwulan itu" : "");
	if (ch->lower_better)
		html_printf(out, "; lebih rendah lebih baik");
	if (ch->has_range) {
		html_printf(out, "; baik bila antara target dan ");
		kpi_num(out, ch->range_max);
	}
	html_printf(out, ".");
	for (int i = 0; i < 4; i++) {
		const SvgKpiQuarter *q = &ch->q[i];
		html_printf(out, " %h: ", kpi_quarters[i]);
		if (q->has_value)
			kpi_num(out, q->value);
		else
			html_printf(out, "belum ada");
		html_printf(out, " (target ");
		if (q->has_target)
			kpi_num(out, q->target);
		else
			html_printf(out, "-");
		html_printf(out, "%h",
		            q->has_value && q->has_target
		                    ? (kpi_meets(ch, q) ? ", tercapai)." : ", belum tercapai).")
		                    : ").");
	}
	if (ch->cumulative && ch->has_year_target) {
		html_printf(out, " Target tahunan ");
		kpi_num(out, ch->year_target);
		html_printf(out, ".");
	}
}

/* A dashed reference line across the plot at y, labelled at its right end. */
static void kpi_ref_line(Buf *out, int y, const char *color, const char *word, double v)
{
	buf_printf(out,
	           "<path class=\"ref\" d=\"M%d %dH%d\" stroke=\"%s\" stroke-width=\"1.5\" "
	           "stroke-dasharray=\"6 4\"/><text x=\"%d\" y=\"%d\" text-anchor=\"end\" "
	           "fill=\"%s\">%s ",
	           KPI_LEFT, y, KPI_W - KPI_RIGHT, color, KPI_W - KPI_RIGHT, y - 3, color, word);
	kpi_num(out, v);
	buf_puts(out, "</text>");
}

void svg_kpi_chart(Buf *out, const SvgKpiChart *ch)
{
	/* The scale: zero to the largest number drawn, with room for the labels above bars. */
	double top = 0;
	for (int i = 0; i < 4; i++) {
		if (ch->q[i].has_value && ch->q[i].value > top)
			top = ch->q[i].value;
		if (ch->q[i].has_target && ch->q[i].target > top)
			top = ch->q[i].target;
	}
	bool year_line = ch->cumulative && ch->has_year_target;
	if (year_line && ch->year_target > top)
		top = ch->year_target;
	if (ch->has_range && ch->range_max > top)
		top = ch->range_max;
	if (!(top > 0) || !isfinite(top))
		top = 1;
	double step = kpi_nice_step(top * 1.15, 4);
	top = ceil(top * 1.15 / step) * step;
	int base = KPI_TOP + KPI_PLOT_H, height = base + KPI_BOTTOM;
	int slot = (KPI_W - KPI_LEFT - KPI_RIGHT) / 4;
#define KPI_Y(v) (base - (int)lround((v) < 0 ? 0 : (v) / top * KPI_PLOT_H))

	buf_printf(out,
	           "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	           "width=\"100%%\" role=\"img\" class=\"kpi-chart\" aria-labelledby=\"kgt kgd\" "
	           "font-family=\"sans-serif\" font-size=\"10\"><title id=\"kgt\">Realisasi dan "
	           "target per triwulan: ",
	           KPI_W, height);
	put_clipped(out, ch->title, KPI_TITLE_CHARS);
	buf_puts(out, "</title><desc id=\"kgd\">");
	kpi_desc(out, ch);
	buf_puts(out, "</desc>");

	/* Legend, the polarity, the satuan. */
	buf_puts(out, "<g class=\"legend\">");
	static const struct {
		const char *word, *color;
		int w;
	} legend[] = {{"tercapai", "#2e7d32", 70},
	              {"belum tercapai", "#ef6c00", 100},
	              {"target", "#c62828", 58}};
	int x = 4;
	for (size_t k = 0; k < COUNT(legend); k++) {
		if (k == 2)
			buf_printf(out, "<path d=\"M%d 9H%d\" stroke=\"%s\" stroke-width=\"3\"/>",
			           x, x + 12, legend[k].color);
		else
			buf_printf(
			        out,
			        "<rect x=\"%d\" y=\"3\" width=\"12\" height=\"12\" fill=\"%s\"/>",
			        x, legend[k].color);
		buf_printf(out, "<text x=\"%d\" y=\"13\">%s</text>", x + 16, legend[k].word);
		x += legend[k].w;
	}
	if (year_line)
		buf_printf(out,
		           "<path d=\"M%d 9H%d\" stroke=\"#37474f\" stroke-dasharray=\"6 4\"/>"
		           "<text x=\"%d\" y=\"13\">target tahunan</text>",
		           x, x + 16, x + 20);
	buf_puts(out, "</g>");
	if (ch->satuan && *ch->satuan) {
		buf_printf(out, "<text x=\"4\" y=\"%d\" fill=\"#444\">satuan: ", KPI_TOP - 8);
		put_clipped(out, ch->satuan, 30);
		buf_puts(out, "</text>");
	}
	if (ch->lower_better || ch->has_range)
		buf_printf(out,
		           "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#444\">%s</text>",
		           KPI_W - KPI_RIGHT, KPI_TOP - 8,
		           ch->lower_better ? "lebih rendah lebih baik" : "baik di dalam rentang");

	/* The y axis: grid lines and their numbers. */
	buf_puts(out, "<g class=\"axis\" text-anchor=\"end\" fill=\"#444\">");
	for (int k = 0; k * step <= top + step / 1000; k++) {
		int y = KPI_Y(k * step);
		buf_printf(out, "<path d=\"M%d %dH%d\" stroke=\"%s\"/><text x=\"%d\" y=\"%d\">",
		           KPI_LEFT, y, KPI_W - KPI_RIGHT, k ? "#e0e0e0" : "#333", KPI_LEFT - 4,
		           y + 3);
		kpi_num(out, k * step);
		buf_puts(out, "</text>");
	}
	buf_printf(out, "<path d=\"M%d %dV%d\" stroke=\"#333\"/></g>", KPI_LEFT, KPI_TOP, base);

	/* Quarters: the bar or "belum ada", the value, the target mark, the names below. */
	buf_puts(out, "<g text-anchor=\"middle\">");
	for (int i = 0; i < 4; i++) {
		const SvgKpiQuarter *q = &ch->q[i];
		int cx = KPI_LEFT + slot * i + slot / 2;
		buf_printf(out, "<g class=\"quarter\" data-quarter=\"%s\">", kpi_quarters[i]);
		if (q->has_value) {
			int y = KPI_Y(q->value);
			const char *fill = !q->has_target     ? "#0b3d6e"
			                   : kpi_meets(ch, q) ? "#2e7d32"
			                                      : "#ef6c00";
			buf_printf(
			        out,
			        "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
			        "fill=\"%s\"><title>%s: ",
			        cx - KPI_BAR_W / 2, y, KPI_BAR_W, base - y, fill, kpi_quarters[i]);
			kpi_num(out, q->value);
			buf_printf(out, "</title></rect><text class=\"value\" x=\"%d\" y=\"%d\">",
			           cx, y - 4);
			kpi_num(out, q->value);
			buf_puts(out, "</text>");
		} else {
			buf_printf(out,
			           "<text class=\"missing\" x=\"%d\" y=\"%d\" fill=\"#666\" "
			           "font-style=\"italic\">belum ada</text>",
			           cx, base - 6);
		}
		if (q->has_target) {
			int y = KPI_Y(q->target);
			buf_printf(out,
			           "<path class=\"target\" d=\"M%d %dH%d\" stroke=\"#c62828\" "
			           "stroke-width=\"3\"/>",
			           cx - KPI_MARK_W / 2, y, cx + KPI_MARK_W / 2);
		}
		buf_printf(out, "<text x=\"%d\" y=\"%d\" font-weight=\"bold\">%s</text>", cx,
		           base + 14, kpi_quarters[i]);
		buf_printf(out, "<text x=\"%d\" y=\"%d\" fill=\"#c62828\">target ", cx, base + 28);
		if (q->has_target)
			kpi_num(out, q->target);
		else
			buf_puts(out, "-");
		buf_puts(out, "</text></g>");
	}
	buf_puts(out, "</g>");
	if (year_line)
		kpi_ref_line(out, KPI_Y(ch->year_target), "#37474f", "target tahunan",
		             ch->year_target);
	if (ch->has_range)
		kpi_ref_line(out, KPI_Y(ch->range_max), "#37474f", "batas atas", ch->range_max);
	buf_puts(out, "</svg>");
#undef KPI_Y
}
