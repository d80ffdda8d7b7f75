/*
** cli_kpi.c: the data kinerja commands: agency list, kpi import, kpi
** recap (text, JSON, CSV, XLSX), kpi history and kpi diff. Each parses
** its options, calls kpi_* and prints.
*/
#include "cli.h"

#include "kpi.h"
#include "wf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char agency_usage[] =
        "usage: sakip [--db PATH] agency list [--json]\n"
        "\n"
        "The agencies with their codes, Pemda, time zone, indicators and units.\n";

static const char kpi_usage[] =
        "usage: sakip [--db PATH] kpi import FILE [--reason TEXT] [--as LOGIN]\n"
        "       sakip [--db PATH] kpi recap --agency ID|CODE --year Y [--period TW1..TW4|Y]\n"
        "                                   [--json | --csv | --xlsx FILE]\n"
        "       sakip [--db PATH] kpi history INDICATOR [--agency ID|CODE] [--year Y]\n"
        "                                     [--period P] [--json]\n"
        "       sakip [--db PATH] kpi diff INDICATOR --year Y --period P V1 V2 [--agency ID|CODE]\n"
        "       sakip [--db PATH] kpi submit --case ID --as LOGIN --indicator CODE --value V\n"
        "                                    [--evidence FILE] [--note TEXT]\n"
        "       sakip [--db PATH] kpi correct --case ID --as LOGIN --indicator CODE --year Y\n"
        "                                     --period P --value V --reason TEXT [--evidence "
        "FILE]\n"
        "\n"
        "  import   a CSV of indicators, PK targets, realisations, Renstra targets, budgets\n"
        "           or budget realisations (doc/data-format.md); all or nothing. A PK\n"
        "           perubahan needs --reason. Verified values are never overwritten.\n"
        "  recap    per indicator: target, realisation to the period, capaian, category\n"
        "           (Permendagri 86/2017) or why capaian is undefined; budget absorption\n"
        "  history  every version of an indicator's values: who, when, case, reason\n"
        "  diff     two versions of one value side by side\n"
        "  submit   a unit's value in a collection case (its data.submit task must be open\n"
        "           for LOGIN); completing that task submits the unit's values\n"
        "  correct  propose a correction of a verified value in a Perbaikan Data Kinerja\n"
        "           case; it replaces the value only when the case completes\n"
        "\n"
        "INDICATOR is an id, AGENCY:CODE, or a code (with --agency when codes repeat).\n";

int agency_cmd(Cli *c)
{
	bool json = false;
	const char *sub = NULL;
	CliOpt opts[] = {{"--json", CLI_FLAG, &json}};
	if (cli_wants_help(c)) {
		fputs(agency_usage, stdout);
		return EXIT_OK;
	}
	if (cli_parse(c, opts, COUNT(opts), &sub, 1, agency_usage) != EXIT_OK)
		return EXIT_USAGE;
	if (!sub || strcmp(sub, "list") != 0)
		return cli_usage(agency_usage);
	Db *db = cli_open_db(c, 0);
	if (!db)
		return EXIT_INVALID;
	json_t *list = kpi_agency_list_json(db);
	if (json) {
		cli_print_json(list);
	} else {
		printf("%-4s %-24s %-5s %-10s %s\n", "ID", "KODE", "ZONA", "INDIKATOR", "NAMA");
		size_t i;
		json_t *a;
		json_array_foreach (list, i, a)
			printf("%-4lld %-24s %-5s %-10lld %s\n",
			       (long long)json_integer_value(json_object_get(a, "id")),
			       json_string_value(json_object_get(a, "code")),
			       json_string_value(json_object_get(a, "timezone")),
			       (long long)json_integer_value(json_object_get(a, "indicators")),
			       json_string_value(json_object_get(a, "name")));
	}
	json_decref(list);
	db_close(db);
	return EXIT_OK;
}

static int import_cmd(Cli *c)
{
	const char *file = NULL, *reason = NULL, *as = NULL;
	CliOpt opts[] = {{"--reason", CLI_VALUE, &reason}, {"--as", CLI_VALUE, &as}};
	if (cli_parse(c, opts, COUNT(opts), &file, 1, kpi_usage) != EXIT_OK)
		return EXIT_USAGE;
	if (!file)
		return cli_usage(kpi_usage);
	Buf text = BUF_INIT, err = BUF_INIT, log = BUF_INIT;
	int rc = EXIT_INVALID;
	Db *db = NULL;
	if (buf_read_file(&text, file, 512 * 1024 * 1024, &err) != 0) {
		cli_fail("%s", buf_str(&err));
		goto cleanup;
	}
	db = cli_open_db(c, DB_OPEN_WRITE);
	if (!db)
		goto cleanup;
	int64_t who = as ? cli_person(db, as) : 0;
	if (as && !who)
		goto cleanup;
	if (kpi_import(db, file, text.data, text.len, reason, who, wf_now(), &log, &err) != 0) {
		fputs(buf_str(&err), stderr);
		goto cleanup;
	}
	fputs(buf_str(&log), stdout);
	rc = EXIT_OK;
cleanup:
	db_close(db);
	buf_free(&text);
	buf_free(&err);
	buf_free(&log);
	return rc;
}

static void print_recap(json_t *r)
{
	printf("Rekap kinerja %s, tahun %lld, periode %s (PK versi %lld)\n",
	       json_string_value(json_object_get(r, "agency")),
	       (long long)json_integer_value(json_object_get(r, "year")),
	       json_string_value(json_object_get(r, "period")),
	       (long long)json_integer_value(json_object_get(r, "pk_version")));
	printf("%-10s %-48s %-8s %12s %12s %9s  %s\n", "KODE", "INDIKATOR", "SATUAN", "TARGET",
	       "REALISASI", "CAPAIAN", "KATEGORI");
	size_t i;
	json_t *x;
	json_array_foreach (json_object_get(r, "indicators"), i, x) {
		json_t *t = json_object_get(x, "target"), *a = json_object_get(x, "actual"),
		       *c = json_object_get(x, "capaian");
		printf("%-10s %-48.48s %-8.8s ", json_string_value(json_object_get(x, "code")),
		       json_string_value(json_object_get(x, "name")),
		       json_string_value(json_object_get(x, "satuan")));
		/* Numbers as officials write them: 1.234,56. */
		Buf b = BUF_INIT;
		json_t *nums[3] = {t, a, c};
		for (int k = 0; k < 3; k++) {
			buf_reset(&b);
			if (json_is_number(nums[k]))
				fmt_number_id(&b, json_number_value(nums[k]), 2);
			else
				buf_puts(&b, "-");
			if (k == 2 && json_is_number(c))
				buf_putc(&b, '%');
			printf(k < 2 ? "%12s " : "%9s  ", buf_str(&b));
		}
		if (json_is_number(c))
			printf("%s", json_string_value(json_object_get(x, "category")));
		else
			printf("%s", json_string_value(json_object_get(x, "note")));
		const char *note = json_string_value(json_object_get(x, "note"));
		if (json_is_number(c) && note)
			printf(" (%s)", note);
		printf("\n");
		buf_free(&b);
	}
	json_t *b = json_object_get(r, "budget");
	if (json_is_number(json_object_get(b, "pagu"))) {
		Buf p = BUF_INIT, s = BUF_INIT;
		fmt_rupiah(&p, json_number_value(json_object_get(b, "pagu")));
		if (json_is_number(json_object_get(b, "realisation")))
			fmt_rupiah(&s, json_number_value(json_object_get(b, "realisation")));
		else
			buf_puts(&s, "- (belum ada)");
		printf("\nAnggaran: pagu %s, realisasi %s", buf_str(&p), buf_str(&s));
		Buf n = BUF_INIT;
		if (json_is_number(json_object_get(b, "absorption"))) {
			fmt_number_id(&n, json_number_value(json_object_get(b, "absorption")), 2);
			printf(", serapan %s%%", buf_str(&n));
		}
		if (json_is_number(json_object_get(b, "efficiency"))) {
			buf_reset(&n);
			fmt_number_id(&n, json_number_value(json_object_get(b, "efficiency")), 3);
			printf(", efisiensi %s (rata-rata capaian / serapan)", buf_str(&n));
		}
		buf_free(&n);
		printf("\n");
		buf_free(&p);
		buf_free(&s);
	}
}

static int recap_cmd(Cli *c)
{
	const char *agency = NULL, *year = NULL, *period = "Y", *xlsx = NULL;
	bool json = false, csv = false;
	CliOpt opts[] = {{"--agency", CLI_VALUE, &agency}, {"--year", CLI_VALUE, &year},
	                 {"--period", CLI_VALUE, &period}, {"--json", CLI_FLAG, &json},
	                 {"--csv", CLI_FLAG, &csv},        {"--xlsx", CLI_VALUE, &xlsx}};
	if (cli_parse(c, opts, COUNT(opts), NULL, 0, kpi_usage) != EXIT_OK)
		return EXIT_USAGE;
	int p = kpi_period_parse(period);
	if (!agency || !year || !cli_id(year) || p < 0 || json + csv + (xlsx != NULL) > 1)
		return cli_usage(kpi_usage);
	Db *db = cli_open_db(c, 0);
	if (!db)
		return EXIT_INVALID;
	Buf err = BUF_INIT;
	int rc = EXIT_INVALID;
	int64_t aid = wf_agency_by_ref(db, agency);
	json_t *r = aid ? kpi_recap_json(db, aid, (int)cli_id(year), p, &err) : NULL;
	if (!aid) {
		cli_fail("no agency \"%s\" (sakip agency list)", agency);
	} else if (!r) {
		cli_fail("%s", buf_str(&err));
	} else if (json) {
		cli_print_json(r);
		rc = EXIT_OK;
	} else if (csv) {
		Buf out = BUF_INIT;
		kpi_recap_csv(r, &out);
		fwrite(out.data, 1, out.len, stdout);
		buf_free(&out);
		rc = EXIT_OK;
	} else if (xlsx) {
		if (kpi_recap_xlsx(r, xlsx, &err) == 0) {
			printf("wrote %s\n", xlsx);
			rc = EXIT_OK;
		} else {
			cli_fail("%s", buf_str(&err));
		}
	} else {
		print_recap(r);
		rc = EXIT_OK;
	}
	json_decref(r);
	buf_free(&err);
	db_close(db);
	return rc;
}

/* kpi history and kpi diff: the same options, one more pair of versions for diff. */
static int history_or_diff(Cli *c, bool diff)
{
	const char *pos[3] = {NULL, NULL, NULL}, *agency = NULL, *year = NULL, *period = NULL;
	bool json = false;
	CliOpt opts[] = {{"--agency", CLI_VALUE, &agency},
	                 {"--year", CLI_VALUE, &year},
	                 {"--period", CLI_VALUE, &period},
	                 {"--json", CLI_FLAG, &json}};
	if (cli_parse(c, opts, COUNT(opts), pos, diff ? 3 : 1, kpi_usage) != EXIT_OK)
		return EXIT_USAGE;
	int p = period ? kpi_period_parse(period) : -1;
	if (!pos[0] || (period && p < 0) || (year && !cli_id(year)) ||
	    (diff && (!pos[2] || !year || !period || !cli_id(pos[1]) || !cli_id(pos[2]))))
		return cli_usage(kpi_usage);
	Db *db = cli_open_db(c, 0);
	if (!db)
		return EXIT_INVALID;
	Buf err = BUF_INIT;
	int rc = EXIT_INVALID;
	int64_t aid = agency ? wf_agency_by_ref(db, agency) : 0;
	int64_t ind = agency && !aid ? 0 : kpi_indicator_resolve(db, pos[0], aid, &err);
	json_t *o = NULL;
	if (agency && !aid)
		cli_fail("no agency \"%s\"", agency);
	else if (!ind)
		cli_fail("%s", buf_str(&err));
	else if (diff && !(o = kpi_diff_json(db, ind, (int)cli_id(year), p, (int)cli_id(pos[1]),
	                                     (int)cli_id(pos[2]), &err)))
		cli_fail("%s", buf_str(&err));
	else if (!diff)
		o = kpi_history_json(db, ind, year ? (int)cli_id(year) : 0, p);
	if (o && json) {
		cli_print_json(o);
		rc = EXIT_OK;
	} else if (o && diff) {
		json_t *a = json_object_get(o, "from"), *b = json_object_get(o, "to");
		printf("versi %lld: %g (%s, %s)\nversi %lld: %g (%s, %s)\nperubahan: %+g\n",
		       (long long)json_integer_value(json_object_get(a, "version")),
		       json_number_value(json_object_get(a, "value")),
		       json_string_value(json_object_get(a, "status")),
		       json_is_string(json_object_get(a, "reason"))
		               ? json_string_value(json_object_get(a, "reason"))
		               : "-",
		       (long long)json_integer_value(json_object_get(b, "version")),
		       json_number_value(json_object_get(b, "value")),
		       json_string_value(json_object_get(b, "status")),
		       json_is_string(json_object_get(b, "reason"))
		               ? json_string_value(json_object_get(b, "reason"))
		               : "-",
		       json_number_value(json_object_get(o, "change")));
		rc = EXIT_OK;
	} else if (o) {
		printf("%s %s (%s), %s\n", json_string_value(json_object_get(o, "agency")),
		       json_string_value(json_object_get(o, "code")),
		       json_string_value(json_object_get(o, "satuan")),
		       json_string_value(json_object_get(o, "name")));
		size_t i;
		json_t *v;
		json_array_foreach (json_object_get(o, "versions"), i, v) {
			printf("  %lld %-3s v%lld %12g  %-10s %-12s kasus %-4s %s\n",
			       (long long)json_integer_value(json_object_get(v, "year")),
			       json_string_value(json_object_get(v, "period")),
			       (long long)json_integer_value(json_object_get(v, "version")),
			       json_number_value(json_object_get(v, "value")),
			       json_string_value(json_object_get(v, "status")),
			       json_is_string(json_object_get(v, "by"))
			               ? json_string_value(json_object_get(v, "by"))
			               : "-",
			       json_is_integer(json_object_get(v, "case")) ? "ya" : "-",
			       json_is_string(json_object_get(v, "reason"))
			               ? json_string_value(json_object_get(v, "reason"))
			               : "");
		}
		rc = EXIT_OK;
	}
	json_decref(o);
	buf_free(&err);
	db_close(db);
	return rc;
}

/* kpi submit and kpi correct: read the options, the evidence file, and act. */
static int entry_cmd(Cli *c, bool correct)
{
	const char *case_id = NULL, *as = NULL, *ind = NULL, *value = NULL, *evidence = NULL,
	           *note = NULL, *reason = NULL, *year = NULL, *period = NULL;
	CliOpt opts[] = {{"--case", CLI_VALUE, &case_id},      {"--as", CLI_VALUE, &as},
	                 {"--indicator", CLI_VALUE, &ind},     {"--value", CLI_VALUE, &value},
	                 {"--evidence", CLI_VALUE, &evidence}, {"--note", CLI_VALUE, &note},
	                 {"--reason", CLI_VALUE, &reason},     {"--year", CLI_VALUE, &year},
	                 {"--period", CLI_VALUE, &period}};
	if (cli_parse(c, opts, COUNT(opts), NULL, 0, kpi_usage) != EXIT_OK)
		return EXIT_USAGE;
	int p = period ? kpi_period_parse(period) : -1;
	if (!cli_id(case_id) || !as || !ind || !value ||
	    (correct && (!reason || !cli_id(year) || p < 0)) ||
	    (!correct && (reason || year || period)))
		return cli_usage(kpi_usage);
	Buf file = BUF_INIT, err = BUF_INIT;
	int rc = EXIT_INVALID;
	Db *db = NULL;
	Wf *wf = NULL;
	WfFile wfile = {0};
	if (evidence) {
		if (buf_read_file(&file, evidence, WF_MAX_ATTACHMENT, &err) != 0) {
			cli_fail("%s", buf_str(&err));
			goto cleanup;
		}
		const char *base = strrchr(evidence, '/');
		wfile = (WfFile){base ? base + 1 : evidence, NULL, (const unsigned char *)file.data,
		                 file.len};
	}
	db = cli_open_db(c, DB_OPEN_WRITE);
	if (!db)
		goto cleanup;
	wf = wf_new(db);
	cli_install_hooks(wf);
	int64_t who = cli_person(db, as);
	if (!who)
		goto cleanup;
	KpiEntry e = {cli_id(case_id),          who, ind, value, correct ? reason : note,
	              evidence ? &wfile : NULL, 0,   0};
	int r = correct ? kpi_correct(wf, &e, (int)cli_id(year), p, wf_now(), &err)
	                : kpi_submit(wf, &e, wf_now(), &err);
	if (r != 0) {
		cli_fail("%s", buf_str(&err));
		goto cleanup;
	}
	printf("%s %s = %s in case %s\n", correct ? "proposed correction" : "entered", ind, value,
	       case_id);
	rc = EXIT_OK;
cleanup:
	wf_free(wf);
	db_close(db);
	buf_free(&file);
	buf_free(&err);
	return rc;
}

static int submit_cmd(Cli *c)
{
	return entry_cmd(c, false);
}

static int correct_cmd(Cli *c)
{
	return entry_cmd(c, true);
}

static int history_cmd(Cli *c)
{
	return history_or_diff(c, false);
}

static int diff_cmd(Cli *c)
{
	return history_or_diff(c, true);
}

int kpi_cmd(Cli *c)
{
	static const CliSub subs[] = {{"import", import_cmd},   {"recap", recap_cmd},
	                              {"history", history_cmd}, {"diff", diff_cmd},
	                              {"submit", submit_cmd},   {"correct", correct_cmd}};
	return cli_dispatch(c, subs, COUNT(subs), kpi_usage, "kpi");
}
