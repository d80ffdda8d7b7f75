/*
** sop_layout.h: the geometry of an SOP's flowchart in the swimlane form
** of PermenPANRB 35/2012, shared by the web page's inline SVG (web_svg.c)
** and the SOP document (doc_sop.c). Pure functions of the SOP and a grid:
** no cairo, no HTML, no I/O.
**
**   sop_layout.c   symbols, arrow routes, ya/tidak labels, connectors
**
** The caller decides the grid: where each actor column's centre is, where
** each step's symbol sits (its row's centre), where a row ends, on which
** page each row is, and how big the symbols are. The layout decides the
** rest: which symbol each step gets, in which column, and how each arrow
** runs between them, including the on-page and off-page connectors that
** stand in for an arrow too long to draw or crossing a page.
*/
#ifndef SAKIP_SOP_LAYOUT_H
#define SAKIP_SOP_LAYOUT_H

#include "sop.h"

/* The symbol of a step: terminator (capsule), process (rectangle), decision (diamond). */
typedef enum SopShape { SOP_SHAPE_PROCESS, SOP_SHAPE_TERMINATOR, SOP_SHAPE_DECISION } SopShape;

/*
** The grid, in the caller's units (the web's viewBox units, the
** document's points), y growing downwards, each page with its own y.
** Arrays are per step in document order (sop->steps[i] is row i).
*/
typedef struct SopGrid {
	int n_cols;            /* actor columns, >= 1 */
	const double *col_cx;  /* n_cols: the centre x of each actor column */
	const double *row_cy;  /* the centre y of each step's symbol */
	const double *row_end; /* the lower edge of each step's row: a down arrow turns there */
	const int *row_page;   /* the page of each step's symbol; NULL: one page */
	double box_hw, box_hh; /* half the width and height of a rectangle or capsule */
	double dia_hw, dia_hh; /* of a diamond */
	double lane;           /* a return lane's distance from its target column's centre */
	/* Connectors (only when row_page or max_lane call for them). */
	double body_top,
	        body_bottom; /* the rows' extent on a page: off-page connectors sit inside */
	double conn_r;       /* a connector's half size */
	double max_lane;     /* > 0: a same-page return spanning more uses connectors */
	/* Labels: dx beside an arrow's start, below a down arrow's start, above a side one's. */
	double label_dx, label_below, label_above;
} SopGrid;

/* Where a step's symbol is drawn. */
typedef struct SopNode {
	int col, page;
	double cx, cy, hw, hh;
	SopShape shape;
	int reject_side; /* +1 right, -1 left: the side its "tidak" leaves by; 0 none */
} SopNode;

/*
** An orthogonal line: n points, the first segment vertical when
** vertical_first, then alternating. Arrows end in an arrowhead at the
** last point; co-actor ties (dashed, no head) are SopCoBox's.
*/
enum { SOP_PATH_MAX = 5 };
typedef struct SopPath {
	int page;
	int from, to; /* the steps (rows) it joins */
	bool vertical_first;
	int n;
	double x[SOP_PATH_MAX], y[SOP_PATH_MAX];
} SopPath;

/* "ya" or "tidak" beside a decision's exit: right of x when side > 0, left of it when < 0. */
typedef enum SopLabelKind { SOP_LABEL_YES, SOP_LABEL_NO } SopLabelKind;
typedef struct SopLabel {
	int page;
	double x, y;
	int side;
	SopLabelKind kind;
} SopLabel;

/*
** A connector: an off-page one (a pentagon pointing down) where an arrow
** leaves a page and where it comes in on another; an on-page one (a
** circle) for a long return on the same page. Both ends of one jump carry
** the same number, from 1 in the order of the steps.
*/
typedef enum SopConnKind { SOP_CONN_OFFPAGE, SOP_CONN_ONPAGE } SopConnKind;
typedef struct SopConn {
	int page;
	double cx, cy;
	SopConnKind kind;
	int number;
	bool out; /* the end the arrow goes into (its source's side) */
} SopConn;

/* A co-actor of a step (a participant): a dashed box in its column, tied to the symbol. */
typedef struct SopCoBox {
	int step, col, page;
	double x, y, w, h;     /* the box */
	double tie_x0, tie_x1; /* the dashed tie at the symbol's centre height */
} SopCoBox;

typedef struct SopLayout {
	SopNode *nodes; /* sop->n_steps */
	int n_nodes;
	SopPath *paths;
	int n_paths;
	SopLabel *labels;
	int n_labels;
	SopConn *conns;
	int n_conns;
	SopCoBox *co;
	int n_co;
} SopLayout;

/*
** Lay out sop on grid g into *l (malloc'd arrays; sop_layout_free()).
** Step i sits in row i and in its actor's column (unknown actors: column
** 0); the first step and every end step are terminators, decisions are
** diamonds, the rest rectangles. Arrows, for each step in order: its
** "next" (for a decision: "ya"), then a decision's "tidak". A target
** below on the same page: down out of the bottom, across at row_end, down
** into the top. A target above (a return): out of the side facing it, up
** a lane beside it, into its side (the side facing the source, unless
** the target's own "tidak" leaves by that side). Across pages: into an
** off-page connector at the bottom of the source's page (or beside a
** returning decision), out of its twin at the top of the target's page
** (or beside the target). Arrows to missing steps are left out.
*/
void sop_layout(const Sop *sop, const SopGrid *g, SopLayout *l);
void sop_layout_free(SopLayout *l);

/* The column of actor id among sop's actors, or -1. */
int sop_layout_col(const Sop *sop, const char *id);

#endif
