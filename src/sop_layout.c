/*
** sop_layout.c: the flowchart's geometry (sop_layout.h), shared by the web
** page's SVG and the SOP document. It owns the choice of symbol per step,
** its column, the routes of arrows, the places of "ya"/"tidak" and the
** connectors; it does not own the grid (the caller measures its rows) nor
** any drawing.
**
** Routes (see web_svg.c's picture):
**  - forward, same page: out of the bottom of the symbol, down to the
**    row's lower edge (row_end), across to the target's column, down
**    into its top. The callers leave actor columns unruled (or ruled
**    faintly) there, so a horizontal run never hides on a table border.
**  - backward ("tidak" returns, or any edge to an earlier row): out of the
**    side facing the target, across to a lane `lane` from the target's
**    centre, up (or down) the lane, into the target's side. The side
**    entered faces the source, unless the target is itself a decision
**    whose own "tidak" leaves by that side; then the other side, so the two
**    arrows never share a segment.
**  - across pages: forward, down into an off-page connector at the foot of
**    the source's page; its twin at the head of the target's page, in the
**    target's column, leads down into the target. Backward, out of the
**    decision's side into a connector beside it; its twin beside the
**    target leads into the target's side.
**  - a same-page return longer than max_lane: the same pair of ends as a
**    backward jump across pages, with on-page connectors (circles).
*/
#include "sop_layout.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int sop_layout_col(const Sop *sop, const char *id)
{
	for (int c = 0; c < sop->n_actors; c++)
		if (id && sop->actors[c].id && strcmp(sop->actors[c].id, id) == 0)
			return c;
	return -1;
}

/* The row of the first step numbered no, or -1. */
static int step_row(const Sop *sop, int no)
{
	for (int i = 0; i < sop->n_steps; i++)
		if (sop->steps[i].no == no)
			return i;
	return -1;
}

/* The side of from's column that faces to's column; right when they are the same. */
static int facing(int from_col, int to_col)
{
	return to_col < from_col ? -1 : 1;
}

/* The row a decision's "tidak" returns to, or -1. */
static int reject_row(const Sop *sop, int i)
{
	const SopStep *st = &sop->steps[i];
	if (st->kind != SOP_DECISION || !st->on_reject)
		return -1;
	int j = step_row(sop, st->on_reject);
	return j == i ? -1 : j;
}

/* The row the step continues to ("ya" for a decision), or -1. */
static int next_row(const Sop *sop, int i)
{
	const SopStep *st = &sop->steps[i];
	int no = sop_step_next(sop, st);
	if (!no)
		return -1;
	/* A next of 0 means the following row, whatever its number. */
	int j = st->next ? step_row(sop, no) : i + 1;
	return j == i || j >= sop->n_steps ? -1 : j;
}

/* Growable arrays of the layout. */
#define PUSH(arr, n, cap, v)                                                                       \
	do {                                                                                       \
		if ((n) == (cap)) {                                                                \
			(cap) = (cap) ? 2 * (cap) : 16;                                            \
			(arr) = xrealloc((arr), sizeof *(arr) * (size_t)(cap));                    \
		}                                                                                  \
		(arr)[(n)++] = (v);                                                                \
	} while (0)

typedef struct Builder {
	const Sop *sop;
	const SopGrid *g;
	SopLayout *l;
	int cap_paths, cap_labels, cap_conns, cap_co;
	int conn_no;
} Builder;

static void add_path(Builder *b, int page, int from, int to, bool vfirst, int n, const double *x,
                     const double *y)
{
	SopPath p = {.page = page, .from = from, .to = to, .vertical_first = vfirst, .n = n};
	for (int k = 0; k < n; k++) {
		p.x[k] = x[k];
		p.y[k] = y[k];
	}
	PUSH(b->l->paths, b->l->n_paths, b->cap_paths, p);
}

static void add_label(Builder *b, int page, double x, double y, int side, SopLabelKind kind)
{
	SopLabel lb = {page, x + b->g->label_dx * side, y, side, kind};
	PUSH(b->l->labels, b->l->n_labels, b->cap_labels, lb);
}

static void add_conn(Builder *b, int page, double cx, double cy, SopConnKind kind, bool out)
{
	SopConn c = {page, cx, cy, kind, b->conn_no, out};
	PUSH(b->l->conns, b->l->n_conns, b->cap_conns, c);
}

/* An arrow from row i down to row j (j > i). */
static void route_down(Builder *b, int i, int j, bool decision)
{
	const SopNode *a = &b->l->nodes[i], *t = &b->l->nodes[j];
	const SopGrid *g = b->g;
	double y0 = a->cy + a->hh;
	/* The label goes on the side the arrow does not turn to. */
	if (decision)
		add_label(b, a->page, a->cx, y0 + g->label_below, t->col > a->col ? -1 : 1,
		          SOP_LABEL_YES);
	if (a->page == t->page) {
		if (a->col != t->col) {
			double turn = g->row_end[i];
			add_path(b, a->page, i, j, true, 4, (double[]){a->cx, a->cx, t->cx, t->cx},
			         (double[]){y0, turn, turn, t->cy - t->hh});
		} else {
			add_path(b, a->page, i, j, true, 2, (double[]){a->cx, t->cx},
			         (double[]){y0, t->cy - t->hh});
		}
		return;
	}
	b->conn_no++;
	double r = g->conn_r;
	double out_cy = g->body_bottom - r - 2, in_cy = g->body_top + r + 2;
	add_path(b, a->page, i, j, true, 2, (double[]){a->cx, a->cx}, (double[]){y0, out_cy - r});
	add_conn(b, a->page, a->cx, out_cy, SOP_CONN_OFFPAGE, true);
	add_conn(b, t->page, t->cx, in_cy, SOP_CONN_OFFPAGE, false);
	add_path(b, t->page, i, j, true, 2, (double[]){t->cx, t->cx},
	         (double[]){in_cy + r, t->cy - t->hh});
}

/* The side by which an arrow from row i enters row j, the target of a side route. */
static int entry_side(const SopNode *nodes, int i, int j)
{
	int s = facing(nodes[j].col, nodes[i].col);
	/* Keep clear of the target's own "tidak", unless the lane would cross the source. */
	if (nodes[j].reject_side == s && nodes[i].col != nodes[j].col)
		s = -s;
	return s;
}

/* An arrow from row i to row j beside it, leaving by side out and entering by side in. */
static void route_side(Builder *b, int i, int j, int out, int in, const SopLabelKind *label)
{
	const SopNode *a = &b->l->nodes[i], *t = &b->l->nodes[j];
	const SopGrid *g = b->g;
	double x0 = a->cx + out * a->hw;
	if (label)
		add_label(b, a->page, x0, a->cy - g->label_above, out, *label);
	bool far = g->max_lane > 0 && fabs(a->cy - t->cy) > g->max_lane;
	if (a->page == t->page && !far) {
		double lane = t->cx + in * g->lane;
		add_path(b, a->page, i, j, false, 4, (double[]){x0, lane, lane, t->cx + in * t->hw},
		         (double[]){a->cy, a->cy, t->cy, t->cy});
		return;
	}
	/* A pair of connectors: beside the source, and beside the target. */
	b->conn_no++;
	SopConnKind kind = a->page == t->page ? SOP_CONN_ONPAGE : SOP_CONN_OFFPAGE;
	double r = g->conn_r, gap = r + 4;
	double cx = x0 + out * (gap + r);
	add_path(b, a->page, i, j, false, 2, (double[]){x0, cx - out * r},
	         (double[]){a->cy, a->cy});
	add_conn(b, a->page, cx, a->cy, kind, true);
	double tx = t->cx + in * t->hw, tcx = tx + in * (gap + r);
	add_conn(b, t->page, tcx, t->cy, kind, false);
	add_path(b, t->page, i, j, false, 2, (double[]){tcx - in * r, tx},
	         (double[]){t->cy, t->cy});
}

void sop_layout(const Sop *sop, const SopGrid *g, SopLayout *l)
{
	memset(l, 0, sizeof *l);
	Builder b = {.sop = sop, .g = g, .l = l};
	l->n_nodes = sop->n_steps;
	l->nodes = xcalloc((size_t)sop->n_steps + 1, sizeof *l->nodes);
	for (int i = 0; i < sop->n_steps; i++) {
		const SopStep *st = &sop->steps[i];
		SopNode *nd = &l->nodes[i];
		nd->col = sop_layout_col(sop, st->actor);
		if (nd->col < 0 || nd->col >= g->n_cols)
			nd->col = 0;
		nd->page = g->row_page ? g->row_page[i] : 0;
		nd->cx = g->col_cx[nd->col];
		nd->cy = g->row_cy[i];
		if (st->kind == SOP_DECISION)
			nd->shape = SOP_SHAPE_DECISION;
		else if (st->kind == SOP_END || i == 0)
			nd->shape = SOP_SHAPE_TERMINATOR;
		else
			nd->shape = SOP_SHAPE_PROCESS;
		nd->hw = nd->shape == SOP_SHAPE_DECISION ? g->dia_hw : g->box_hw;
		nd->hh = nd->shape == SOP_SHAPE_DECISION ? g->dia_hh : g->box_hh;
		/* Co-actors of a meeting step: a dashed box in each one's column. */
		for (int k = 0; k < st->participants.n; k++) {
			int c = sop_layout_col(sop, st->participants.items[k]);
			if (c < 0 || c == nd->col || c >= g->n_cols)
				continue;
			int side = facing(nd->col, c);
			SopCoBox co = {i,
			               c,
			               nd->page,
			               g->col_cx[c] - g->box_hw,
			               nd->cy - g->box_hh,
			               2 * g->box_hw,
			               2 * g->box_hh,
			               nd->cx + side * nd->hw,
			               g->col_cx[c] - side * g->box_hw};
			PUSH(l->co, l->n_co, b.cap_co, co);
		}
	}
	for (int i = 0; i < sop->n_steps; i++) {
		int j = reject_row(sop, i);
		if (j >= 0)
			l->nodes[i].reject_side = facing(l->nodes[i].col, l->nodes[j].col);
	}
	static const SopLabelKind yes = SOP_LABEL_YES, no = SOP_LABEL_NO;
	for (int i = 0; i < sop->n_steps; i++) {
		bool decision = sop->steps[i].kind == SOP_DECISION;
		const SopNode *a = &l->nodes[i];
		int j = next_row(sop, i);
		if (j > i)
			route_down(&b, i, j, decision);
		else if (j >= 0)
			route_side(&b, i, j, facing(a->col, l->nodes[j].col),
			           entry_side(l->nodes, i, j), decision ? &yes : NULL);
		j = reject_row(sop, i);
		if (j >= 0)
			route_side(&b, i, j, a->reject_side, entry_side(l->nodes, i, j), &no);
	}
}

void sop_layout_free(SopLayout *l)
{
	free(l->nodes);
	free(l->paths);
	free(l->labels);
	free(l->conns);
	free(l->co);
	memset(l, 0, sizeof *l);
}
