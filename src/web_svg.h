/*
** web_svg.h: an SOP's flowchart as inline SVG, drawn in the swimlane form
** of PermenPANRB 35/2012 (one column per pelaksana, one row per step), and
** an indicator's realisation per quarter against its target. Views: they
** read a model and write markup, nothing else.
*/
#ifndef SAKIP_WEB_SVG_H
#define SAKIP_WEB_SVG_H

#include "sop.h"
#include "util.h"

/* The state of one step in a running case, drawn as the fill of its symbol. */
typedef enum SvgMark { SVG_TODO = 0, SVG_DONE, SVG_CURRENT, SVG_RETURNED } SvgMark;

/*
** Append the flowchart of sop to out as one <svg> element (UTF-8, every
** text XML-escaped). marks[i] is the mark of sop->steps[i] and must have
** sop->n_steps entries; marks may be NULL, meaning every step SVG_TODO and
** no legend. Pure: no I/O, no globals; the same input gives the same bytes.
** The SOP need not be valid: unknown actors go to the first column and
** arrows to missing steps are left out.
*/
void svg_flowchart(Buf *out, const Sop *sop, const SvgMark *marks);

/* One quarter of an indicator: its target and its realisation, each may be absent. */
typedef struct SvgKpiQuarter {
	bool has_target, has_value;
	double target, value;
} SvgKpiQuarter;

/* What the indicator chart shows (numbers only: qualitative values are not charted). */
typedef struct SvgKpiChart {
	const char *title;  /* the accessible name: the indicator's code and name */
	const char *satuan; /* the unit of measure, printed at the axis; may be NULL */
	SvgKpiQuarter q[4]; /* TW1..TW4 */
	bool cumulative;    /* values and targets are sums to the quarter (aggregation sum) */
	bool has_year_target;
	double year_target; /* drawn as a reference line when cumulative */
	bool lower_better;  /* polarity lower: a bar meets its target at or below it */
	bool has_range;     /* polarity range: the target is the lower end, range_max the upper */
	double range_max;
} SvgKpiChart;

/*
** Append the chart of ch to out as one <svg> element: a bar per quarter
** with a value (its number printed above it; green when it meets the
** target, orange when not, blue without a target), the quarter's target as
** a red mark across its slot (class "target"), "belum ada" where a quarter
** has no value (never a zero bar), the yearly target as a dashed line for
** cumulative indicators, the y axis with its ticks and satuan, a legend,
** and <title>/<desc> saying it all in words. Sized by viewBox (360 wide)
** to fit a phone. Pure, like svg_flowchart().
*/
void svg_kpi_chart(Buf *out, const SvgKpiChart *ch);

#endif
