/*
** cli_lkj.c: the LKj on the command line. `sakip report lkj` renders the
** LKj of an agency and year (outside any case) as PDF; `sakip lkj text
** set|show` writes a bab's narrative (from standard input) as the Tim LKj
** member acting on the drafting step, and shows the newest text or every
** version. The rules (who may write, when) are lkj_text_save()'s.
*/
#include "cli.h"

#include "report.h"
#include "wf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char report_usage[] =
        "usage: sakip [--db PATH] report lkj --agency ID|CODE --year Y --out FILE.pdf\n"
        "\n"
        "  lkj   the Laporan Kinerja (LKjIP) of an agency for a year, as a draft PDF:\n"
        "        cover, Kata Pengantar, Daftar Isi, Ikhtisar Eksekutif, Bab I-IV and the\n"
        "        Perjanjian Kinerja as Lampiran; numbers from the verified data kinerja,\n"
        "        narrative sections as the Tim LKj wrote them (sakip lkj text).\n";

static const char lkj_usage[] =
        "usage: sakip [--db PATH] lkj text set --agency ID|CODE --year Y --bab BAB --as LOGIN\n"
        "                                      < text.txt\n"
        "       sakip [--db PATH] lkj text show --agency ID|CODE --year Y --bab BAB\n"
        "                                       [--history] [--json]\n"
        "\n"
        "The LKj's narrative texts, per bab: pengantar (Kata Pengantar), ikhtisar\n"
        "(Ikhtisar Eksekutif), pendahuluan (Bab I), analisis (the analysis of Bab III),\n"
        "penutup (Bab IV). Every save is a new version; none is overwritten. Only the\n"
        "official of the drafting step (lkj.draft) of an open LKj case of that agency\n"
        "and year (its holder, Plt or delegate) may save, while that step is open.\n";

/* The agency and year options, checked; false after printing why. */
static bool agency_year(Db *db, const char *agency, const char *year_s, int64_t *agency_id,
                        int *year)
{
	*agency_id = agency ? wf_agency_by_ref(db, agency) : 0;
	if (!*agency_id) {
		cli_fail("no agency \"%s\" (see 'sakip agency list')", agency ? agency : "");
		return false;
	}
	if (!year_s || strlen(year_s) != 4 || !str_is_digits(year_s)) {
		cli_fail("--year: \"%s\" is not a year (e.g. 2026)", year_s ? year_s : "");
		return false;
	}
	*year = atoi(year_s);
	return true;
}

static int lkj_report_cmd(Cli *c)
{
	const char *agency = NULL, *year_s = NULL, *out = NULL;
	CliOpt opts[] = {{"--agency", CLI_VALUE, &agency},
	                 {"--year", CLI_VALUE, &year_s},
	                 {"--out", CLI_VALUE, &out}};
	if (cli_parse(c, opts, COUNT(opts), NULL, 0, report_usage) != EXIT_OK)
		return EXIT_USAGE;
	if (!agency || !year_s || !out)
		return cli_usage(report_usage);
	Db *db = cli_open_db(c, 0);
	if (!db)
		return EXIT_INVALID;
	Wf *wf = wf_new(db);
	Buf pdf = BUF_INIT, err = BUF_INIT;
	int rc = EXIT_INVALID, year;
	int64_t agency_id;
	if (!agency_year(db, agency, year_s, &agency_id, &year))
		goto cleanup;
	if (report_lkj(wf, agency_id, year, NULL, &pdf, &err) != 0) {
		cli_fail("%s", buf_str(&err));
		goto cleanup;
	}
	FILE *f = fopen(out, "wb");
	if (!f || fwrite(pdf.data, 1, pdf.len, f) != pdf.len || fclose(f) != 0) {
		cli_fail("%s: cannot write the file", out);
		goto cleanup;
	}
	printf("%s: LKj %d, %zu bytes\n", out, year, pdf.len);
	rc = EXIT_OK;
cleanup:
	buf_free(&pdf);
	buf_free(&err);
	wf_free(wf);
	db_close(db);
	return rc;
}

int report_cmd(Cli *c)
{
	static const CliSub subs[] = {{"lkj", lkj_report_cmd}};
	return cli_dispatch(c, subs, COUNT(subs), report_usage, "report");
}

/* The --bab option, checked; -1 after printing why. */
static int bab_of(const char *s)
{
	int b = lkj_bab_parse(s);
	if (b < 0)
		cli_fail("--bab: \"%s\" is not one of pengantar, ikhtisar, pendahuluan, analisis, "
		         "penutup",
		         s ? s : "");
	return b;
}

static int text_set_cmd(Cli *c)
{
	const char *agency = NULL, *year_s = NULL, *bab_s = NULL, *as = NULL;
	CliOpt opts[] = {{"--agency", CLI_VALUE, &agency},
	                 {"--year", CLI_VALUE, &year_s},
	                 {"--bab", CLI_VALUE, &bab_s},
	                 {"--as", CLI_VALUE, &as}};
	if (cli_parse(c, opts, COUNT(opts), NULL, 0, lkj_usage) != EXIT_OK)
		return EXIT_USAGE;
	if (!agency || !year_s || !bab_s || !as)
		return cli_usage(lkj_usage);
	int bab = bab_of(bab_s);
	if (bab < 0)
		return EXIT_INVALID;
	Buf text = BUF_INIT, err = BUF_INIT;
	Db *db = NULL;
	Wf *wf = NULL;
	int rc = EXIT_INVALID, year, version = 0;
	int64_t agency_id, who;
	if (buf_read_fd(&text, 0, 1024 * 1024, "standard input", &err) != 0) {
		cli_fail("%s", buf_str(&err));
		goto cleanup;
	}
	if (memchr(text.data ? text.data : "", 0, text.len)) {
		cli_fail("standard input: the text holds a NUL byte");
		goto cleanup;
	}
	db = cli_open_db(c, DB_OPEN_WRITE);
	if (!db || !agency_year(db, agency, year_s, &agency_id, &year) ||
	    !(who = cli_person(db, as)))
		goto cleanup;
	wf = wf_new(db);
	LkjTextSave s = {agency_id, year, (LkjBab)bab, buf_str(&text), who, 0};
	if (lkj_text_save(wf, &s, wf_now(), &version, &err) != 0) {
		cli_fail("%s", buf_str(&err));
		goto cleanup;
	}
	printf("%s %d: %s, version %d saved\n", agency, year, lkj_bab_title((LkjBab)bab), version);
	rc = EXIT_OK;
cleanup:
	buf_free(&text);
	buf_free(&err);
	wf_free(wf);
	db_close(db);
	return rc;
}

static int text_show_cmd(Cli *c)
{
	const char *agency = NULL, *year_s = NULL, *bab_s = NULL;
	bool history = false, json = false;
	CliOpt opts[] = {{"--agency", CLI_VALUE, &agency},
	                 {"--year", CLI_VALUE, &year_s},
	                 {"--bab", CLI_VALUE, &bab_s},
	                 {"--history", CLI_FLAG, &history},
	                 {"--json", CLI_FLAG, &json}};
	if (cli_parse(c, opts, COUNT(opts), NULL, 0, lkj_usage) != EXIT_OK)
		return EXIT_USAGE;
	if (!agency || !year_s || !bab_s)
		return cli_usage(lkj_usage);
	int bab = bab_of(bab_s);
	if (bab < 0)
		return EXIT_INVALID;
	Db *db = cli_open_db(c, 0);
	int64_t agency_id;
	int year;
	if (!db)
		return EXIT_INVALID;
	if (!agency_year(db, agency, year_s, &agency_id, &year)) {
		db_close(db);
		return EXIT_INVALID;
	}
	json_t *list = lkj_text_history_json(db, agency_id, year, (LkjBab)bab);
	size_t n = json_array_size(list);
	while (!history && json_array_size(list) > 1)
		json_array_remove(list, 0);
	if (json) {
		cli_print_json(list);
	} else if (n == 0) {
		printf("%s %d: %s has no text yet (the LKj shows a default made from the data)\n",
		       agency, year, lkj_bab_title((LkjBab)bab));
	} else {
		size_t i;
		json_t *v;
		json_array_foreach (list, i, v) {
			time_t at = (time_t)json_integer_value(json_object_get(v, "at"));
			struct tm tm;
			char when[32];
			gmtime_r(&at, &tm);
			strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", &tm);
			const char *pf = json_string_value(json_object_get(v, "acting_for_name"));
			printf("== %s, version %lld, %s by %s%s%s, case %lld\n",
			       lkj_bab_title((LkjBab)bab),
			       (long long)json_integer_value(json_object_get(v, "version")), when,
			       json_string_value(json_object_get(v, "by")), pf ? " for " : "",
			       pf ? pf : "",
			       (long long)json_integer_value(json_object_get(v, "case")));
			printf("%s\n", json_string_value(json_object_get(v, "text")));
		}
	}
	json_decref(list);
	db_close(db);
	return EXIT_OK;
}

static int lkj_text_cmd(Cli *c)
{
	static const CliSub subs[] = {{"set", text_set_cmd}, {"show", text_show_cmd}};
	return cli_dispatch(c, subs, COUNT(subs), lkj_usage, "lkj text");
}

int lkj_cmd(Cli *c)
{
	static const CliSub subs[] = {{"text", lkj_text_cmd}};
	return cli_dispatch(c, subs, COUNT(subs), lkj_usage, "lkj");
}
