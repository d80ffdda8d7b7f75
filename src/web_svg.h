/*
** web_svg.h: an SOP's flowchart as inline SVG, drawn in the swimlane form
** of PermenPANRB 35/2012 (one column per pelaksana, one row per step).
** A view: it reads a Sop and writes markup, nothing else.
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

#endif
