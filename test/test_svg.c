/*
** test_svg.c: the SOP flowchart as SVG (web_svg.c). Each seed of the
** built-in library renders small and well-formed, with one symbol of the
** right kind per step and one arrow per transition; decisions carry "ya"
** and "tidak"; marks colour the right steps; no arrow starts where another
** ends; and hostile or odd text (markup, control characters, long
** multibyte names) comes out escaped and cut only between characters.
** The indicator chart: a bar per quarter with a value, "belum ada" (never
** a zero bar) for one without, a target mark per quarter with a target,
** the yearly line for cumulative indicators, colours by polarity, words in
** <title>/<desc>, nothing external, escaped text, well-formed and small.
*/
#include "testutil.h"

#include "sop.h"
#include "web_svg.h"

#include <sys/wait.h>

static Sop *seed(Arena *a, size_t i)
{
	Buf err = BUF_INIT;
	assert_true(i < sop_lib_count);
	Sop *sop =
	        sop_parse(a, sop_lib[i].name, (const char *)sop_lib[i].data, sop_lib[i].len, &err);
	if (!sop)
		fail_msg("%s", buf_str(&err));
	buf_free(&err);
	return sop;
}

static Sop *parse(Arena *a, const char *json)
{
	Buf err = BUF_INIT;
	Sop *sop = sop_parse(a, "t.json", json, strlen(json), &err);
	if (!sop)
		fail_msg("%s", buf_str(&err));
	buf_free(&err);
	return sop;
}

/* The SVG of sop, malloc'd. */
static char *render(const Sop *sop, const SvgMark *marks)
{
	Buf out = BUF_INIT;
	svg_flowchart(&out, sop, marks);
	return buf_steal(&out);
}

static int count(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/*
** A small XML checker: tags balance, attributes are quoted, '<' and '&'
** appear in text only as markup or a known entity reference.
*/
static void check_balanced(const char *svg)
{
	char stack[64][32];
	int depth = 0, roots = 0;
	for (const char *p = svg; *p; p++) {
		if (*p == '&') {
			const char *ents[] = {"&lt;", "&gt;", "&amp;", "&quot;", "&#39;"};
			bool ok = false;
			for (size_t k = 0; k < COUNT(ents); k++)
				ok |= strncmp(p, ents[k], strlen(ents[k])) == 0;
			if (!ok)
				fail_msg("bare & at %s", p);
			continue;
		}
		if (*p != '<')
			continue;
		const char *end = strchr(p, '>');
		assert_non_null(end);
		for (const char *q = p + 1; q < end; q++)
			assert_true(*q != '<' && *q != '&');
		if (p[1] == '/') {
			assert_true(depth > 0);
			depth--;
			size_t n = strlen(stack[depth]);
			if (strncmp(p + 2, stack[depth], n) != 0 || p[2 + n] != '>')
				fail_msg("</%s> expected at %.40s", stack[depth], p);
		} else if (end[-1] != '/') {
			size_t n = strcspn(p + 1, " />");
			assert_true(n > 0 && n < 32 && depth < 64);
			memcpy(stack[depth], p + 1, n);
			stack[depth][n] = 0;
			roots += depth == 0;
			depth++;
		} else {
			roots += depth == 0;
		}
		/* Attribute values are quoted: the quotes inside a tag pair up. */
		int quotes = 0;
		for (const char *q = p; q < end; q++)
			quotes += *q == '"';
		assert_int_equal(quotes % 2, 0);
		p = end;
	}
	assert_int_equal(depth, 0);
	assert_int_equal(roots, 1);
}

/* Well-formed by a real XML parser as well, when python3 is there. */
static void check_well_formed(const char *svg)
{
	check_balanced(svg);
	size_t n = strlen(svg);
	assert_true(utf8_check(svg, n, NULL));
	if (system("python3 -c pass >/dev/null 2>&1") != 0)
		return;
	const char *path = tu_path(0, "chart.svg");
	tu_write_file(path, svg, n);
	char cmd[512];
	snprintf(cmd, sizeof cmd,
	         "python3 -c 'import xml.dom.minidom,sys; xml.dom.minidom.parse(sys.argv[1])' %s",
	         path);
	int rc = system(cmd);
	if (!WIFEXITED(rc) || WEXITSTATUS(rc) != 0)
		fail_msg("not well-formed XML:\n%s", svg);
}

/* The class of the symbol of step no (the first shape after its title). */
static const char *step_class(const char *svg, int no, char out[32])
{
	char key[32];
	snprintf(key, sizeof key, "<g data-step=\"%d\">", no);
	const char *p = strstr(svg, key);
	assert_non_null(p);
	p = strstr(p, "</title><");
	assert_non_null(p);
	p = strstr(p, "class=\"");
	assert_non_null(p);
	p += 7;
	size_t n = strcspn(p, "\"");
	assert_true(n < 32);
	memcpy(out, p, n);
	out[n] = 0;
	return out;
}

/* The number of transitions of sop: one per step with a successor, one per return. */
static int transitions(const Sop *sop)
{
	int n = 0;
	for (int i = 0; i < sop->n_steps; i++) {
		const SopStep *st = &sop->steps[i];
		n += sop_step_next(sop, st) != 0;
		n += st->kind == SOP_DECISION && st->on_reject != 0;
	}
	return n;
}

static void seeds_are_small_and_well_formed(void **state)
{
	(void)state;
	assert_int_equal(sop_lib_count, 5);
	for (size_t i = 0; i < sop_lib_count; i++) {
		Arena a = ARENA_INIT;
		Sop *sop = seed(&a, i);
		char *svg = render(sop, NULL);
		size_t n = strlen(svg);
		print_message("%-50s %6zu bytes\n", sop_lib[i].name, n);
		assert_true(n < 20 * 1024);
		assert_true(strncmp(svg, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ",
		                    52) == 0);
		assert_contains(svg, " width=\"100%\"");
		assert_contains(svg, " role=\"img\"");
		assert_contains(svg, "><title>Diagram alir SOP: ");
		check_well_formed(svg);
		/* Every actor's header, in SOP order. */
		const char *p = svg;
		for (int c = 0; c < sop->n_actors; c++) {
			char first[64];
			size_t w = strcspn(sop->actors[c].label, " ");
			snprintf(first, sizeof first, "\">%.*s", (int)w, sop->actors[c].label);
			p = strstr(p, first);
			if (!p)
				fail_msg("actor %s missing or out of order", sop->actors[c].label);
		}
		free(svg);
		arena_free(&a);
	}
}

static void symbols_match_step_kinds(void **state)
{
	(void)state;
	for (size_t i = 0; i < sop_lib_count; i++) {
		Arena a = ARENA_INIT;
		Sop *sop = seed(&a, i);
		int decisions = 0, ends = 0, co = 0;
		for (int k = 0; k < sop->n_steps; k++) {
			decisions += sop->steps[k].kind == SOP_DECISION;
			ends += sop->steps[k].kind == SOP_END;
			co += sop->steps[k].participants.n;
		}
		/* The first step is the start terminator. */
		int terminators = ends + (sop->steps[0].kind == SOP_PROCESS);
		char *svg = render(sop, NULL);
		assert_int_equal(count(svg, "<g data-step=\""), sop->n_steps);
		assert_int_equal(count(svg, "<polygon class=\"s-"), decisions);
		assert_int_equal(count(svg, "<rect class=\"s-"), sop->n_steps - decisions);
		assert_int_equal(count(svg, " rx=\"14\""), terminators);
		assert_int_equal(count(svg, "<rect class=\"co\""), co);
		assert_int_equal(count(svg, "marker-end=\"url(#sfa-"), transitions(sop));
		assert_int_equal(count(svg, "<marker id=\"sfa-"), 1);
		assert_int_equal(count(svg, ">ya</text>"), decisions);
		assert_int_equal(count(svg, ">tidak</text>"), decisions);
		free(svg);
		arena_free(&a);
	}
}

/* Seed 000 by name: three reviews, each returning to the step before it. */
static void decisions_have_ya_and_tidak(void **state)
{
	(void)state;
	Arena a = ARENA_INIT;
	Sop *sop = seed(&a, 0);
	assert_int_equal(sop->steps[4].kind, SOP_DECISION);
	char *svg = render(sop, NULL);
	assert_int_equal(count(svg, ">ya</text>"), 3);
	assert_int_equal(count(svg, ">tidak</text>"), 3);
	char cls[32];
	assert_string_equal(step_class(svg, 5, cls), "s-todo");
	assert_non_null(strstr(strstr(svg, "<g data-step=\"5\">"), "<polygon"));
	free(svg);
	/* Seed 004 has no decision: no labels. */
	sop = seed(&a, 4);
	svg = render(sop, NULL);
	assert_null(strstr(svg, ">ya<"));
	assert_null(strstr(svg, ">tidak<"));
	assert_int_equal(count(svg, "<polygon"), 0);
	free(svg);
	arena_free(&a);
}

/*
** Follow the M/H/V path data of every arrow; no arrow may end where
** another starts, else a return and a "tidak" would share a segment.
*/
static void arrows_do_not_meet_head_to_tail(void **state)
{
	(void)state;
	for (size_t i = 0; i < sop_lib_count; i++) {
		Arena a = ARENA_INIT;
		Sop *sop = seed(&a, i);
		char *svg = render(sop, NULL);
		int starts[64][2], ends[64][2], n = 0;
		for (const char *p = strstr(svg, "marker-end="); p;
		     p = strstr(p + 1, "marker-end=")) {
			const char *d = strstr(p, " d=\"");
			assert_non_null(d);
			d += 4;
			int x = 0, y = 0;
			assert_int_equal(sscanf(d, "M%d %d", &x, &y), 2);
			assert_true(n < 64);
			starts[n][0] = x;
			starts[n][1] = y;
			d = strpbrk(d + 1, "HV\"");
			while (d && *d != '"') {
				int v = (int)strtol(d + 1, NULL, 10);
				if (*d == 'H')
					x = v;
				else
					y = v;
				d = strpbrk(d + 1, "HV\"");
			}
			ends[n][0] = x;
			ends[n][1] = y;
			n++;
		}
		assert_int_equal(n, transitions(sop));
		for (int s = 0; s < n; s++)
			for (int e = 0; e < n; e++)
				if (starts[s][0] == ends[e][0] && starts[s][1] == ends[e][1])
					fail_msg("%s: arrow %d ends where arrow %d starts (%d,%d)",
					         sop_lib[i].name, e, s, ends[e][0], ends[e][1]);
		free(svg);
		arena_free(&a);
	}
}

static void marks_colour_the_right_steps(void **state)
{
	(void)state;
	Arena a = ARENA_INIT;
	Sop *sop = seed(&a, 0);
	assert_int_equal(sop->n_steps, 10);
	SvgMark marks[10] = {SVG_DONE,    SVG_DONE, SVG_DONE, SVG_DONE, SVG_RETURNED,
	                     SVG_CURRENT, SVG_TODO, SVG_TODO, SVG_TODO, SVG_TODO};
	const char *want[] = {"s-done",    "s-done", "s-done", "s-done", "s-returned",
	                      "s-current", "s-todo", "s-todo", "s-todo", "s-todo"};
	char *svg = render(sop, marks);
	char cls[32];
	for (int k = 0; k < 10; k++)
		assert_string_equal(step_class(svg, sop->steps[k].no, cls), want[k]);
	/* Inline colours too, so it reads without a stylesheet. */
	assert_contains(svg, "class=\"s-current\" fill=\"#ffe082\" stroke=\"#e65100\" "
	                     "stroke-width=\"3\"");
	assert_contains(svg, "class=\"s-done\" fill=\"#c8e6c9\"");
	assert_contains(svg, "class=\"s-returned\" fill=\"#ffcdd2\"");
	assert_int_equal(count(svg, "class=\"s-current\""), 1);
	/* The tooltip says it in words. */
	const char *six = strstr(svg, "<g data-step=\"6\"><title>6. ");
	assert_non_null(six);
	assert_true(strstr(six, "(sedang dikerjakan)</title>") < strstr(six, "</g>"));
	assert_int_equal(count(svg, "(sedang dikerjakan)</title>"), 1);
	/* The legend: one swatch per mark. */
	assert_int_equal(count(svg, "<rect class=\"lg\""), 4);
	assert_contains(svg, ">Dikembalikan</text>");
	check_well_formed(svg);
	free(svg);

	/* Without marks: everything to do, no legend. */
	svg = render(sop, NULL);
	assert_int_equal(count(svg, "class=\"s-todo\""), 10);
	assert_null(strstr(svg, "class=\"lg\""));
	assert_null(strstr(svg, "s-current"));
	free(svg);

	/* The same input gives the same bytes. */
	char *one = render(sop, marks), *two = render(sop, marks);
	assert_string_equal(one, two);
	free(one);
	free(two);
	arena_free(&a);
}

static const char *hostile_json =
        "{\"format\":\"sakip.sop/1\",\"code\":\"x\",\"name\":\"<b>Nama</b> & \\\"SOP\\\"\","
        "\"actors\":[{\"id\":\"a\",\"label\":\"<script>alert('x')</script>\"},"
        "{\"id\":\"b\",\"label\":\"Kabid \\u0001 Renum\\uFFFE\"}],"
        "\"steps\":["
        "{\"no\":1,\"activity\":\"<script>x()</script> & co\",\"actor\":\"a\"},"
        "{\"no\":2,\"activity\":\"Periksa\\u0007\",\"actor\":\"b\",\"kind\":\"decision\","
        "\"on_reject\":1},"
        "{\"no\":3,\"activity\":\"Selesai\",\"actor\":\"a\",\"kind\":\"end\"}]}";

static void text_is_escaped(void **state)
{
	(void)state;
	Arena a = ARENA_INIT;
	Sop *sop = parse(&a, hostile_json);
	char *svg = render(sop, NULL);
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, "<b>"));
	assert_null(strstr(svg, "\x01"));
	assert_null(strstr(svg, "\x07"));
	assert_null(strstr(svg, "\xEF\xBF\xBE"));
	assert_contains(svg, "&lt;script&gt;alert(&#39;x</tspan>");
	assert_contains(svg, "&lt;script&gt;x()&lt;/script&gt; &amp; co");
	assert_contains(svg, "Diagram alir SOP: &lt;b&gt;Nama&lt;/b&gt; &amp; &quot;SOP&quot;");
	check_well_formed(svg);
	free(svg);
	arena_free(&a);
}

/* Each <tspan>'s text: at most 16 characters, the ellipsis included. */
static void check_header_lines(const char *svg, int *n_lines, bool *ellipsis)
{
	*n_lines = 0;
	*ellipsis = false;
	for (const char *p = strstr(svg, "<tspan"); p; p = strstr(p + 1, "<tspan")) {
		const char *s = strchr(p, '>') + 1, *e = strstr(s, "</tspan>");
		size_t chars = 0;
		for (const char *q = s; q < e; q++)
			chars += ((unsigned char)*q & 0xC0) != 0x80;
		assert_true(chars >= 1 && chars <= 16);
		*ellipsis |= strncmp(e - 3, "\xE2\x80\xA6", 3) == 0;
		(*n_lines)++;
	}
}

static void long_names_are_cut_between_characters(void **state)
{
	(void)state;
	/* Words of 2-, 3- and 4-byte characters, the last ones longer than a line. */
	Buf label = BUF_INIT, label2 = BUF_INIT, activity = BUF_INIT, json = BUF_INIT;
	buf_puts(&label, "Kepala ");
	for (int k = 0; k < 10; k++)
		buf_puts(&label, "\xC3\xA9"); /* é */
	buf_putc(&label, ' ');
	for (int k = 0; k < 40; k++)
		buf_puts(&label, "\xF0\x9F\x98\x80"); /* 😀 */
	for (int k = 0; k < 50; k++)
		buf_puts(&label2, "\xE6\xBC\xA2"); /* 漢 */
	for (int k = 0; k < 300; k++)
		buf_puts(&activity, k % 2 ? "\xE6\xBC\xA2" : "\xC3\xA9");
	buf_printf(&json,
	           "{\"format\":\"sakip.sop/1\",\"code\":\"x\",\"name\":\"N\","
	           "\"actors\":[{\"id\":\"a\",\"label\":\"%s\"},{\"id\":\"b\",\"label\":\"%s\"}],"
	           "\"steps\":[{\"no\":1,\"activity\":\"%s\",\"actor\":\"a\",\"kind\":\"end\"}]}",
	           buf_str(&label), buf_str(&label2), buf_str(&activity));
	Arena a = ARENA_INIT;
	Sop *sop = parse(&a, buf_str(&json));
	char *svg = render(sop, NULL);
	assert_true(utf8_check(svg, strlen(svg), NULL));
	int lines;
	bool ellipsis;
	check_header_lines(svg, &lines, &ellipsis);
	assert_int_equal(lines, 6);
	assert_true(ellipsis);
	/* Cut lines: 15 whole characters and the ellipsis. */
	Buf cut = BUF_INIT;
	for (int k = 0; k < 15; k++)
		buf_puts(&cut, "\xF0\x9F\x98\x80");
	buf_puts(&cut, "\xE2\x80\xA6</tspan>");
	assert_contains(svg, buf_str(&cut));
	buf_reset(&cut);
	for (int k = 0; k < 15; k++)
		buf_puts(&cut, "\xE6\xBC\xA2");
	buf_puts(&cut, "\xE2\x80\xA6</tspan>");
	assert_contains(svg, buf_str(&cut));
	buf_free(&cut);
	/* The first line keeps its word; the second starts the long one. */
	assert_contains(svg, ">Kepala</tspan>");
	/* The full name is kept for the tooltip (under 160 characters). */
	assert_contains(svg, buf_str(&label));
	/* The tooltip of the 300-character activity is cut to 160 with an ellipsis. */
	const char *t = strstr(svg, "<g data-step=\"1\"><title>1. ");
	assert_non_null(t);
	t += strlen("<g data-step=\"1\"><title>1. ");
	const char *e = strstr(t, "</title>");
	assert_int_equal(utf8_check(t, (size_t)(e - t), NULL), true);
	assert_int_equal(strncmp(e - 3, "\xE2\x80\xA6", 3), 0);
	check_well_formed(svg);
	free(svg);

	/* Short names are not cut, and short words wrap at spaces. */
	sop = seed(&a, 0);
	svg = render(sop, NULL);
	check_header_lines(svg, &lines, &ellipsis);
	assert_false(ellipsis);
	assert_contains(svg, ">Kasubbag Renja,</tspan>");
	assert_contains(svg, ">Monev dan</tspan>");
	free(svg);
	arena_free(&a);
	buf_free(&label);
	buf_free(&label2);
	buf_free(&activity);
	buf_free(&json);
}

/* An unvalidated SOP: unknown actors, arrows to nowhere, a return to itself, a loop back. */
static void odd_sops_still_render(void **state)
{
	(void)state;
	Arena a = ARENA_INIT;
	Sop *sop = parse(&a, "{\"format\":\"sakip.sop/1\",\"code\":\"x\",\"name\":\"N\","
	                     "\"actors\":[],"
	                     "\"steps\":["
	                     "{\"no\":1,\"activity\":\"A\",\"actor\":\"nobody\",\"next\":99},"
	                     "{\"no\":2,\"activity\":\"B\",\"actor\":\"x\",\"kind\":\"decision\","
	                     "\"on_reject\":2},"
	                     "{\"no\":2,\"activity\":\"C\",\"actor\":\"x\",\"next\":1},"
	                     "{\"no\":4,\"activity\":\"D\",\"actor\":\"x\",\"kind\":\"end\"}]}");
	SvgMark marks[4] = {SVG_DONE, (SvgMark)42, SVG_CURRENT, SVG_TODO};
	char *svg = render(sop, marks);
	check_well_formed(svg);
	/* 2 -> the next row (ya); the second 2 loops back to 1; nothing else. */
	assert_int_equal(count(svg, "marker-end="), 2);
	assert_int_equal(count(svg, ">ya</text>"), 1);
	assert_null(strstr(svg, ">tidak<"));
	char cls[32];
	assert_string_equal(step_class(svg, 2, cls), "s-todo"); /* 42 is no mark */
	free(svg);

	/* No steps at all. */
	sop = parse(&a, "{\"format\":\"sakip.sop/1\",\"code\":\"Bad Code\",\"name\":\"N\","
	                "\"actors\":[{\"id\":\"a\",\"label\":\"A\"}],\"steps\":[]}");
	svg = render(sop, NULL);
	check_well_formed(svg);
	assert_contains(svg, "<marker id=\"sfa-sop\"");
	free(svg);
	arena_free(&a);
}

/* ---- the indicator chart ---------------------------------------------------- */

static char *render_kpi(const SvgKpiChart *ch)
{
	Buf out = BUF_INIT;
	svg_kpi_chart(&out, ch);
	return buf_steal(&out);
}

/* The fill of the bar of quarter tw ("TW1".."TW4"), or "" when it has none. */
static const char *bar_fill(const char *svg, const char *tw, char out[16])
{
	char key[48];
	snprintf(key, sizeof key, "data-quarter=\"%s\">", tw);
	const char *p = strstr(svg, key);
	assert_non_null(p);
	const char *end = strstr(p, "</g>");
	const char *bar = strstr(p, "class=\"bar\"");
	out[0] = 0;
	if (!bar || bar > end)
		return out;
	const char *f = strstr(bar, "fill=\"");
	assert_non_null(f);
	snprintf(out, 16, "%.7s", f + 6);
	return out;
}

/* No external resources: no links, images, scripts, styles or foreign URLs. */
static void check_self_contained(const char *svg)
{
	assert_null(strstr(svg, "href"));
	assert_null(strstr(svg, "<image"));
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, "<style"));
	assert_null(strstr(svg, "url("));
	assert_int_equal(count(svg, "http"), 1); /* the xmlns */
	/* No number that is not one (an attribute or a printed value). */
	const char *bad[] = {"\"nan", "\"-nan", ">nan", ">-nan",
	                     "\"inf", "\"-inf", ">inf", "-9223"};
	for (size_t i = 0; i < COUNT(bad); i++)
		assert_null(strstr(svg, bad[i]));
}

static void kpi_chart_bars_targets_and_missing_quarters(void **state)
{
	(void)state;
	/* A cumulative indicator (RTLH units): TW2 and TW4 have no value yet. */
	SvgKpiChart ch = {.title = "IK-01 Jumlah RTLH yang direhabilitasi",
	                  .satuan = "unit",
	                  .q = {{true, true, 10, 12},
	                        {true, false, 50, 0},
	                        {true, true, 110, 1234.5},
	                        {false, false, 0, 0}},
	                  .cumulative = true,
	                  .has_year_target = true,
	                  .year_target = 160};
	char *svg = render_kpi(&ch);
	check_well_formed(svg);
	check_self_contained(svg);
	assert_true(strlen(svg) < 8 * 1024);
	assert_contains(svg, "viewBox=\"0 0 360 ");
	assert_contains(svg, "width=\"100%\"");
	assert_contains(svg, "role=\"img\"");
	assert_contains(svg, "aria-labelledby=\"kgt kgd\"");
	assert_contains(svg, "<title id=\"kgt\">Realisasi dan target per triwulan: IK-01 Jumlah "
	                     "RTLH yang direhabilitasi</title>");
	assert_contains(svg, "<desc id=\"kgd\">");
	assert_int_equal(count(svg, "class=\"bar\""), 2);
	assert_int_equal(count(svg, "class=\"missing\""), 2);
	assert_int_equal(count(svg, ">belum ada</text>"), 2);
	assert_int_equal(count(svg, "class=\"target\""), 3);
	/* Values printed, in the Indonesian format; targets under the quarter names. */
	assert_contains(svg, "class=\"value\" ");
	assert_contains(svg, ">12</text>");
	assert_contains(svg, ">1.234,50</text>");
	assert_contains(svg, ">target 50</text>");
	assert_contains(svg, ">target -</text>");
	/* The yearly target as a reference line, cumulative only. */
	assert_int_equal(count(svg, "class=\"ref\""), 1);
	assert_contains(svg, "target tahunan 160</text>");
	/* The words say what the picture shows. */
	assert_contains(svg, "TW1: 12 (target 10, tercapai).");
	assert_contains(svg, "TW2: belum ada (target 50).");
	assert_contains(svg, "TW4: belum ada (target -).");
	assert_contains(svg, "Target tahunan 160.");
	assert_contains(svg, "satuan: unit");
	char f[16];
	assert_string_equal(bar_fill(svg, "TW1", f), "#2e7d32"); /* 12 >= 10 */
	assert_string_equal(bar_fill(svg, "TW2", f), "");
	assert_string_equal(bar_fill(svg, "TW3", f), "#2e7d32");
	free(svg);
	/* A level indicator has no yearly line, even with a yearly target. */
	ch.cumulative = false;
	svg = render_kpi(&ch);
	assert_int_equal(count(svg, "class=\"ref\""), 0);
	assert_null(strstr(svg, "tahunan"));
	free(svg);
}

static void kpi_chart_polarity_and_zero(void **state)
{
	(void)state;
	/* Lower is better (slum area, Ha): at or below the target meets it. */
	SvgKpiChart ch = {.title = "IK-04 Luas kawasan kumuh",
	                  .satuan = "Ha",
	                  .q = {{true, true, 203.5, 200},
	                        {true, true, 191.5, 195},
	                        {true, true, 10, 0},
	                        {true, false, 164.2, 0}},
	                  .lower_better = true};
	char *svg = render_kpi(&ch);
	check_well_formed(svg);
	check_self_contained(svg);
	char f[16];
	assert_string_equal(bar_fill(svg, "TW1", f), "#2e7d32");
	assert_string_equal(bar_fill(svg, "TW2", f), "#ef6c00");
	assert_contains(svg, "lebih rendah lebih baik");
	assert_contains(svg, "TW2: 195 (target 191,50, belum tercapai).");
	/* A real zero is a bar of height 0 with its "0"; a missing value is "belum ada". */
	assert_int_equal(count(svg, "class=\"bar\""), 3);
	assert_contains(svg, "height=\"0\" fill=\"#2e7d32\"><title>TW3: 0</title>");
	assert_int_equal(count(svg, "class=\"missing\""), 1);
	free(svg);
	/* Within a range: between the target and the upper end. */
	SvgKpiChart r = {.title = "IK-R",
	                 .q = {{true, true, 10, 12},
	                       {true, true, 10, 25},
	                       {true, true, 10, 5},
	                       {false, false, 0, 0}},
	                 .has_range = true,
	                 .range_max = 20};
	svg = render_kpi(&r);
	check_well_formed(svg);
	assert_string_equal(bar_fill(svg, "TW1", f), "#2e7d32");
	assert_string_equal(bar_fill(svg, "TW2", f), "#ef6c00");
	assert_string_equal(bar_fill(svg, "TW3", f), "#ef6c00");
	assert_contains(svg, "batas atas 20</text>");
	free(svg);
	/* Nothing at all: four "belum ada", no bars, no marks, a sane scale. */
	SvgKpiChart none = {.title = NULL};
	svg = render_kpi(&none);
	check_well_formed(svg);
	check_self_contained(svg);
	assert_int_equal(count(svg, "class=\"bar\""), 0);
	assert_int_equal(count(svg, "class=\"target\""), 0);
	assert_int_equal(count(svg, "class=\"missing\""), 4);
	free(svg);
}

static void kpi_chart_text_is_escaped(void **state)
{
	(void)state;
	SvgKpiChart ch = {.title = "IK-9 <script>alert('x')</script> & \x01 \"co\"",
	                  .satuan = "<b>unit</b>",
	                  .q = {{true, true, 1, 2}}};
	char *svg = render_kpi(&ch);
	check_well_formed(svg);
	assert_null(strstr(svg, "<script"));
	assert_null(strstr(svg, "<b>"));
	assert_null(strstr(svg, "\x01"));
	assert_contains(svg, "IK-9 &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp;   "
	                     "&quot;co&quot;</title>");
	assert_contains(svg, "satuan: &lt;b&gt;unit&lt;/b&gt;");
	free(svg);
}

int main(void)
{
	tu_init();
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(seeds_are_small_and_well_formed),
	        cmocka_unit_test(symbols_match_step_kinds),
	        cmocka_unit_test(decisions_have_ya_and_tidak),
	        cmocka_unit_test(arrows_do_not_meet_head_to_tail),
	        cmocka_unit_test(marks_colour_the_right_steps),
	        cmocka_unit_test(text_is_escaped),
	        cmocka_unit_test(long_names_are_cut_between_characters),
	        cmocka_unit_test(odd_sops_still_render),
	        cmocka_unit_test(kpi_chart_bars_targets_and_missing_quarters),
	        cmocka_unit_test(kpi_chart_polarity_and_zero),
	        cmocka_unit_test(kpi_chart_text_is_escaped),
	};
	return cmocka_run_group_tests_name("svg", tests, NULL, NULL);
}
