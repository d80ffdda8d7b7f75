/*
** cli_sop.c: the "sakip sop" commands: list, show, export, add, validate,
** stats, render.
**
** Each reads its arguments, calls sop_* functions and prints. Errors name
** the file and the field or step at fault and leave the database as it
** was (sop_store_add() is one transaction).
*/
#include "cli.h"

#include "report.h"
#include "sop.h"
#include "sop_import.h"
#include "wf.h"

#include <errno.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

static const char sop_usage[] =
        "usage: sakip [--db PATH] sop list [--json]\n"
        "       sakip [--db PATH] sop show ID|CODE[@VERSION] [--version N]\n"
        "       sakip [--db PATH] sop export ID|CODE[@VERSION] [--version N]\n"
        "       sakip [--db PATH] sop add FILE\n"
        "       sakip sop validate FILE\n"
        "       sakip [--db PATH] sop stats ID|CODE [--agency ID|CODE] [--json]\n"
        "       sakip [--db PATH] sop render ID|CODE[@VERSION] [--version N] --out FILE\n"
        "       sakip [--db PATH] sop import FILE [--json] [--save] [--code CODE]\n"
        "       sakip [--db PATH] sop activate CODE@VERSION\n"
        "\n"
        "  list      every SOP with its latest version; --json for a JSON array\n"
        "  show      the identity block and the steps, as in the official document\n"
        "  export    the definition as sakip.sop/1 JSON on stdout (doc/sop-format.md)\n"
        "  add       validate FILE (\"-\" for stdin) and store it as the next version of\n"
        "            its code; earlier versions stay readable\n"
        "  validate  check FILE and report every problem; the database is not used\n"
        "  stats     per step: completions, actual durations (median, 90th percentile) in\n"
        "            the step's unit against its Waktu, share done by the due time, returns\n"
        "  render    the official SOP document (PermenPANRB 35/2012): FILE.pdf for the\n"
        "            identity page and the flowchart pages, FILE.svg for the flowchart\n"
        "            table as one tall page\n"
        "\n"
        "Exit status: 0 ok, 1 usage, 2 invalid input.\n";

/* Read and parse FILE into a; print problems and return NULL on failure. */
static Sop *load_file(Arena *a, const char *path, bool validate)
{
	Buf text = BUF_INIT, err = BUF_INIT;
	Sop *sop = NULL;
	if (buf_read_file(&text, path, SOP_MAX_FILE, &err) != 0) {
		cli_fail("%s", buf_str(&err));
		goto cleanup;
	}
	sop = sop_parse(a, path, text.data, text.len, &err);
	if (sop && validate && sop_validate(sop, &err) > 0)
		sop = NULL;
	if (!sop) {
		/* Prefix every problem with the file, like a compiler. */
		fprintf(stderr, "sakip: %s is not a valid SOP definition:\n", path);
		const char *line = buf_str(&err);
		while (*line) {
			const char *nl = strchr(line, '\n');
			int len = nl ? (int)(nl - line) : (int)strlen(line);
			size_t plen = strlen(path);
			if (strncmp(line, path, plen) == 0 && line[plen] == ':')
				fprintf(stderr, "%.*s\n", len, line);
			else
				fprintf(stderr, "%s: %.*s\n", path, len, line);
			line += len + (nl != NULL);
		}
	}
cleanup:
	buf_free(&text);
	buf_free(&err);
	return sop;
}

static int validate_cmd(Cli *c)
{
	if (c->argc != 1)
		return cli_usage(sop_usage);
	Arena a = ARENA_INIT;
	Sop *sop = load_file(&a, c->argv[0], true);
	if (sop)
		printf("%s: valid %s definition \"%s\" (%s): %d actors, %d steps\n", c->argv[0],
		       SOP_FORMAT, sop->code, sop->name, sop->n_actors, sop->n_steps);
	arena_free(&a);
	return sop ? EXIT_OK : EXIT_INVALID;
}

static int add_cmd(Cli *c)
{
	if (c->argc != 1)
		return cli_usage(sop_usage);
	Arena a = ARENA_INIT;
	int rc = EXIT_INVALID;
	Sop *sop = load_file(&a, c->argv[0], true);
	if (!sop)
		goto cleanup;
	Db *db = cli_open_db(c, DB_OPEN_WRITE);
	if (!db)
		goto cleanup;
	Buf err = BUF_INIT;
	if (sop_store_add(db, sop, "active", "file", false, &err) == 0) {
		printf("added %s version %d (%d steps)\n", sop->code, sop->version, sop->n_steps);
		rc = EXIT_OK;
	} else {
		cli_fail("%s", buf_str(&err));
	}
	buf_free(&err);
	db_close(db);
cleanup:
	arena_free(&a);
	return rc;
}

/* Parse "REF [--version N]" for show and export. */
static int ref_args(Cli *c, const char **ref, int *version)
{
	*ref = NULL;
	*version = 0;
	for (int i = 0; i < c->argc; i++) {
		if (strcmp(c->argv[i], "--version") == 0 && i + 1 < c->argc) {
			const char *v = c->argv[++i];
			if (!str_is_digits(v) || strlen(v) > 6 || atoi(v) < 1)
				return -1;
			*version = atoi(v);
		} else if (c->argv[i][0] == '-' || *ref) {
			return -1;
		} else {
			*ref = c->argv[i];
		}
	}
	/* "CODE@2 --version 3" says two things at once. */
	if (*ref && *version && strchr(*ref, '@'))
		return -1;
	return *ref ? 0 : -1;
}

/*
** Load the stored SOP named by the arguments into a. On failure returns
** NULL after printing why, with the exit status in *rc.
*/
static Sop *load_stored(Cli *c, Arena *a, char **text_out, int *rc)
{
	const char *ref;
	int version;
	*rc = EXIT_INVALID;
	if (ref_args(c, &ref, &version) != 0) {
		*rc = cli_usage(sop_usage);
		return NULL;
	}
	Db *db = cli_open_db(c, 0);
	if (!db)
		return NULL;
	Buf err = BUF_INIT;
	Sop *sop = NULL;
	char *text = sop_store_definition(db, ref, version, &err);
	if (!text) {
		cli_fail("%s", buf_str(&err));
	} else {
		sop = sop_parse(a, ref, text, strlen(text), &err);
		if (!sop)
			cli_fail("stored definition of %s does not parse:\n%s", ref, buf_str(&err));
	}
	if (text_out && sop)
		*text_out = text;
	else
		free(text);
	buf_free(&err);
	db_close(db);
	if (sop)
		*rc = EXIT_OK;
	return sop;
}

static int export_cmd(Cli *c)
{
	Arena a = ARENA_INIT;
	char *text = NULL;
	int rc;
	if (load_stored(c, &a, &text, &rc))
		fputs(text, stdout);
	free(text);
	arena_free(&a);
	return rc;
}

static void show_list(const char *label, const SopList *l)
{
	printf("%s\n", label);
	if (l->n == 0)
		printf("  -\n");
	for (int i = 0; i < l->n; i++)
		printf("  %d. %s\n", i + 1, l->items[i]);
}

static void show_field(const char *label, const char *value)
{
	printf("%-22s: %s\n", label, value && *value ? value : "-");
}

static void show_date(const char *label, const char *iso)
{
	Buf b = BUF_INIT;
	fmt_date_id(&b, iso);
	show_field(label, buf_str(&b));
	buf_free(&b);
}

static void show_duration(const SopDuration *d)
{
	if (!d->present) {
		printf("       Waktu: -\n");
		return;
	}
	printf("       Waktu: %s [", d->text ? d->text : "-");
	if (d->unit == SOP_PER_CASE)
		printf("set per case");
	else if (d->has_min && d->has_max && d->min != d->max)
		printf("%g-%g %s", d->min, d->max, sop_unit_name(d->unit));
	else
		printf("%g %s", d->has_min ? d->min : d->max, sop_unit_name(d->unit));
	printf("]\n");
}

static void show_steps(const Sop *sop)
{
	printf("\nPelaksana:\n");
	for (int i = 0; i < sop->n_actors; i++) {
		const SopActor *a = &sop->actors[i];
		printf("  %-20s %s%s%s\n", a->id, a->label, a->group ? " (kelompok unit)" : "",
		       a->team ? " (tim)" : "");
	}
	printf("\nNo  Kegiatan\n");
	for (int i = 0; i < sop->n_steps; i++) {
		const SopStep *st = &sop->steps[i];
		const SopActor *a = sop_actor(sop, st->actor);
		printf("%2d. %s\n", st->no, st->activity);
		printf("       Pelaksana: %s", a ? a->label : st->actor);
		for (int k = 0; k < st->participants.n; k++) {
			const SopActor *p = sop_actor(sop, st->participants.items[k]);
			printf("%s%s", k ? ", " : " (bersama ", p ? p->label : "?");
		}
		printf("%s\n", st->participants.n ? ")" : "");
		printf("       Kelengkapan: %s\n", st->inputs ? st->inputs : "-");
		show_duration(&st->duration);
		printf("       Output: %s\n", st->output ? st->output : "-");
		if (st->note)
			printf("       Keterangan: %s\n", st->note);
		int next = sop_step_next(sop, st);
		if (st->kind == SOP_DECISION)
			printf("       Keputusan: ya -> %d, tidak -> %d", next, st->on_reject);
		else if (st->kind == SOP_END)
			printf("       Selesai");
		else
			printf("       Lanjut ke %d", next);
		printf("%s%s\n", st->action ? "; aksi: " : "", st->action ? st->action : "");
	}
}

static int show_cmd(Cli *c)
{
	Arena a = ARENA_INIT;
	int rc;
	Sop *sop = load_stored(c, &a, NULL, &rc);
	if (!sop) {
		arena_free(&a);
		return rc;
	}
	printf("%s, versi %d\n\n", sop->code, sop->version);
	if (sop->government)
		printf("%s\n", sop->government);
	if (sop->agency)
		printf("%s\n", sop->agency);
	if (sop->unit)
		printf("%s\n", sop->unit);
	printf("\n");
	show_field("Nama SOP", sop->name);
	show_field("Nomor SOP", sop->number);
	show_date("Tanggal Pembuatan", sop->created);
	show_date("Tanggal Revisi", sop->revised);
	show_date("Tanggal Efektif", sop->effective);
	Buf nip = BUF_INIT;
	fmt_nip(&nip, sop->approved_by.nip);
	show_field("Disahkan oleh", sop->approved_by.title);
	show_field("  Nama", sop->approved_by.name);
	show_field("  Pangkat", sop->approved_by.rank);
	show_field("  NIP", buf_str(&nip));
	buf_free(&nip);
	show_list("Dasar Hukum", &sop->legal_basis);
	show_list("Kualifikasi Pelaksana", &sop->qualifications);
	show_list("Keterkaitan", &sop->related);
	show_list("Peralatan/Perlengkapan", &sop->equipment);
	show_field("Peringatan", sop->warning);
	show_field("Pencatatan dan Pendataan", sop->records);
	show_steps(sop);
	if (sop->notes.n)
		show_list("\nCatatan kurasi", &sop->notes);
	arena_free(&a);
	return EXIT_OK;
}

static json_t *jstr(const char *s)
{
	return s ? json_string(s) : json_null();
}

static int list_cmd(Cli *c)
{
	bool as_json = false;
	for (int i = 0; i < c->argc; i++) {
		if (strcmp(c->argv[i], "--json") == 0)
			as_json = true;
		else
			return cli_usage(sop_usage);
	}
	Db *db = cli_open_db(c, 0);
	if (!db)
		return EXIT_INVALID;
	Arena a = ARENA_INIT;
	SopRow *rows;
	int n = sop_store_list(db, &a, &rows);
	int rc = EXIT_OK;
	if (n < 0) {
		rc = cli_fail("%s: cannot list SOPs: %s", db_path(db), db_errmsg(db));
	} else if (as_json) {
		json_t *arr = json_array();
		for (int i = 0; i < n; i++) {
			SopRow *r = &rows[i];
			json_array_append_new(
			        arr, json_pack("{s:I, s:s, s:i, s:i, s:s, s:s, s:o, s:o, s:o, s:i, "
			                       "s:s, s:s}",
			                       "id", (json_int_t)r->id, "code", r->code, "version",
			                       r->version, "versions", r->n_versions, "status",
			                       r->status, "name", r->name, "number",
			                       jstr(r->number), "agency", jstr(r->agency), "unit",
			                       jstr(r->unit), "steps", r->n_steps, "origin",
			                       r->origin, "created_at", r->created_at));
		}
		cli_print_json(arr);
		json_decref(arr);
	} else {
		printf("%-4s %-38s %-4s %-6s %s\n", "ID", "KODE", "VER", "LANGKAH",
		       "NAMA / INSTANSI");
		for (int i = 0; i < n; i++) {
			SopRow *r = &rows[i];
			printf("%-4lld %-38s %-4d %-6d %s\n%55s%s\n", (long long)r->id, r->code,
			       r->version, r->n_steps, r->name, "", r->agency ? r->agency : "");
		}
		if (n == 0)
			printf("(no SOPs; 'sakip init' installs the built-in library)\n");
	}
	arena_free(&a);
	db_close(db);
	return rc;
}

static int stats_cmd(Cli *c)
{
	const char *ref = NULL, *agency = NULL;
	bool as_json = false;
	CliOpt opts[] = {{"--agency", CLI_VALUE, &agency}, {"--json", CLI_FLAG, &as_json}};
	if (cli_parse(c, opts, COUNT(opts), &ref, 1, sop_usage) != EXIT_OK)
		return EXIT_USAGE;
	if (!ref)
		return cli_usage(sop_usage);
	Db *db = cli_open_db(c, 0);
	if (!db)
		return EXIT_INVALID;
	Wf *wf = wf_new(db);
	Buf err = BUF_INIT;
	int rc = EXIT_OK;
	int64_t agency_id = agency ? wf_agency_by_ref(db, agency) : 0;
	json_t *o = agency && !agency_id ? NULL : wf_stats_json(wf, ref, agency_id, &err);
	if (agency && !agency_id) {
		rc = cli_fail("no agency \"%s\"", agency);
	} else if (!o) {
		rc = cli_fail("%s", buf_str(&err));
	} else if (as_json) {
		cli_print_json(o);
	} else {
		printf("%s: %s\n", json_string_value(json_object_get(o, "sop")),
		       json_string_value(json_object_get(o, "name")));
		printf("%-4s %-34s %-22s %7s %9s %9s %8s %8s\n", "NO", "PELAKSANA", "STANDAR",
		       "SELESAI", "MEDIAN", "P90", "TEPAT", "KEMBALI");
		size_t i;
		json_t *s;
		json_array_foreach (json_object_get(o, "steps"), i, s) {
			json_t *med = json_object_get(s, "median"),
			       *p90 = json_object_get(s, "p90"),
			       *within = json_object_get(s, "within_standard");
			const char *std = json_string_value(json_object_get(s, "standard"));
			printf("%-4lld %-34.34s %-22.22s %7lld ",
			       (long long)json_integer_value(json_object_get(s, "step")),
			       json_string_value(json_object_get(s, "actor")), std ? std : "-",
			       (long long)json_integer_value(json_object_get(s, "completed")));
			if (json_is_number(med))
				printf("%9.1f %9.1f ", json_number_value(med),
				       json_number_value(p90));
			else
				printf("%9s %9s ", "-", "-");
			if (json_is_number(within))
				printf("%7.0f%% ", json_number_value(within) * 100);
			else
				printf("%8s ", "-");
			printf("%8lld\n",
			       (long long)json_integer_value(json_object_get(s, "returned_here")));
		}
	}
	json_decref(o);
	buf_free(&err);
	wf_free(wf);
	db_close(db);
	return rc;
}

/* The format of an output file by its extension: .pdf or .svg (any case); -1 for others. */
static int render_format(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (dot && strchr(dot, '/') == NULL) {
		if (strcasecmp(dot, ".pdf") == 0)
			return DOC_PDF;
		if (strcasecmp(dot, ".svg") == 0)
			return DOC_SVG;
	}
	return -1;
}

/*
** sop render REF [--version N] --out FILE: the document of the version
** written to FILE (through a temporary file renamed into place, so a
** failure leaves no half-written document).
*/
static int render_cmd(Cli *c)
{
	const char *ref = NULL, *out = NULL;
	int version = 0;
	for (int i = 0; i < c->argc; i++) {
		const char *a = c->argv[i];
		if (strcmp(a, "--out") == 0 && i + 1 < c->argc && !out) {
			out = c->argv[++i];
		} else if (strcmp(a, "--version") == 0 && i + 1 < c->argc && !version) {
			const char *v = c->argv[++i];
			if (!str_is_digits(v) || strlen(v) > 6 || atoi(v) < 1)
				return cli_usage(sop_usage);
			version = atoi(v);
		} else if (a[0] == '-' || ref) {
			return cli_usage(sop_usage);
		} else {
			ref = a;
		}
	}
	if (!ref || !out || !*out || (version && strchr(ref, '@')))
		return cli_usage(sop_usage);
	int fmt = render_format(out);
	if (fmt < 0)
		return cli_fail("%s: the document is written as .pdf or .svg; choose one of those "
		                "extensions",
		                out);
	Db *db = cli_open_db(c, 0);
	if (!db)
		return EXIT_INVALID;
	Buf err = BUF_INIT, doc = BUF_INIT;
	int rc = EXIT_INVALID;
	Wf *wf = NULL;
	int64_t vid = sop_store_resolve(db, ref, version, &err);
	if (!vid) {
		cli_fail("%s", buf_str(&err));
		goto cleanup;
	}
	wf = wf_new(db);
	if (report_sop(wf, vid, (DocFormat)fmt, &doc, &err) != 0) {
		cli_fail("%s", buf_str(&err));
		goto cleanup;
	}
	char *tmp = xmalloc(strlen(out) + 16);
	sprintf(tmp, "%s.tmp%ld", out, (long)getpid());
	FILE *fp = fopen(tmp, "wb");
	bool ok = fp && fwrite(doc.data, 1, doc.len, fp) == doc.len;
	if (fp && fclose(fp) != 0)
		ok = false;
	if (ok && rename(tmp, out) != 0)
		ok = false;
	if (!ok) {
		cli_fail("cannot write %s: %s", out, strerror(errno));
		remove(tmp);
	} else {
		rc = EXIT_OK;
	}
	free(tmp);
cleanup:
	wf_free(wf);
	db_close(db);
	buf_free(&err);
	buf_free(&doc);
	return rc;
}

/* The readable summary of one imported SOP. */
static void import_summary(const SopImport *im)
{
	const Sop *sop = im->sop;
	printf("%s (baris %d-%d): \"%s\", %d pelaksana, %d langkah\n", sop->code, im->first_line,
	       im->last_line, sop->name, sop->n_actors, sop->n_steps);
	if (sop->agency)
		printf("  %s%s%s\n", sop->agency, sop->unit ? ", " : "",
		       sop->unit ? sop->unit : "");
	if (sop->number)
		printf("  Nomor SOP: %s\n", sop->number);
	if (sop->approved_by.name)
		printf("  Disahkan oleh: %s%s%s\n",
		       sop->approved_by.title ? sop->approved_by.title : "",
		       sop->approved_by.title ? ", " : "", sop->approved_by.name);
	printf("  Pelaksana:");
	for (int i = 0; i < sop->n_actors; i++)
		printf("%s %s (%s)", i ? "," : "", sop->actors[i].label, sop->actors[i].id);
	printf("\n");
	for (int i = 0; i < sop->n_steps; i++) {
		const SopStep *st = &sop->steps[i];
		const SopActor *a = sop_actor(sop, st->actor);
		printf("  %2d. %s\n", st->no, st->activity);
		printf("      %s, %s", a ? a->label : st->actor, sop_kind_name(st->kind));
		if (st->kind == SOP_DECISION)
			printf(" (tidak -> %d)", st->on_reject);
		if (st->action)
			printf(", aksi %s", st->action);
		printf(", waktu %s\n",
		       st->duration.present ? (st->duration.text ? st->duration.text : "?") : "-");
		for (int g = 0; g < im->n_guesses; g++)
			if (im->guesses[g].step == st->no)
				printf("      %s = %s (dugaan: %s)\n", im->guesses[g].field,
				       im->guesses[g].value ? im->guesses[g].value : "-",
				       im->guesses[g].reason);
	}
	for (int w = 0; w < im->n_warnings; w++)
		printf("  peringatan: %s\n", im->warnings[w]);
}

/* The JSON form of one imported SOP: {definition, guesses, warnings}. */
static json_t *import_json(const SopImport *im)
{
	Buf def = BUF_INIT;
	sop_write(im->sop, &def);
	json_t *o = json_object();
	json_t *d = json_loads(buf_str(&def), 0, NULL);
	json_object_set_new(o, "definition", d ? d : json_null());
	json_t *g = json_array();
	for (int i = 0; i < im->n_guesses; i++)
		json_array_append_new(g, json_pack("{s:i,s:s,s:o,s:s}", "step", im->guesses[i].step,
		                                   "field", im->guesses[i].field, "value",
		                                   jstr(im->guesses[i].value), "reason",
		                                   im->guesses[i].reason));
	json_object_set_new(o, "guesses", g);
	json_t *w = json_array();
	for (int i = 0; i < im->n_warnings; i++)
		json_array_append_new(w, json_string(im->warnings[i]));
	json_object_set_new(o, "warnings", w);
	buf_free(&def);
	return o;
}

static int import_cmd(Cli *c)
{
	bool as_json = false, save = false;
	const char *code = NULL, *path = NULL;
	const CliOpt opts[] = {{"--json", CLI_FLAG, &as_json},
	                       {"--save", CLI_FLAG, &save},
	                       {"--code", CLI_VALUE, &code}};
	if (cli_parse(c, opts, COUNT(opts), &path, 1, sop_usage) != EXIT_OK)
		return EXIT_USAGE;
	if (!path)
		return cli_usage(sop_usage);
	if (code && (!sop_code_valid(code) || strlen(code) > 60))
		return cli_fail(
		        "--code \"%s\": lower case letters, digits, '-', '.', '_', not digits only",
		        code);
	Arena a = ARENA_INIT;
	Buf text = BUF_INIT, err = BUF_INIT;
	Db *db = NULL;
	int rc = EXIT_INVALID;
	if (buf_read_file(&text, path, SOP_MAX_FILE, &err) != 0) {
		cli_fail("%s", buf_str(&err));
		fprintf(stderr, "sakip: nothing was imported or saved\n");
		goto cleanup;
	}
	SopImport *res;
	int n = sop_import(&a, path, text.data ? text.data : "", text.len, &res, &err);
	if (n < 0) {
		fprintf(stderr, "sakip: %s", buf_str(&err));
		fprintf(stderr, "sakip: nothing was imported or saved\n");
		goto cleanup;
	}
	for (int i = 0; i < n; i++)
		if (code)
			res[i].sop->code = i ? arena_printf(&a, "%s-%d", code, i + 1) : code;
	if (save) {
		/* Every proposal must pass validation before anything is stored. */
		int bad = 0;
		for (int i = 0; i < n; i++) {
			Buf problems = BUF_INIT;
			if (sop_validate(res[i].sop, &problems) > 0) {
				fprintf(stderr, "sakip: %s: %s cannot be saved yet:\n%s", path,
				        res[i].sop->code, buf_str(&problems));
				bad++;
			}
			buf_free(&problems);
		}
		if (bad) {
			fprintf(stderr,
			        "sakip: nothing was saved; fix the document or save the --json "
			        "definition after editing it (sakip sop add)\n");
			goto cleanup;
		}
		db = cli_open_db(c, DB_OPEN_WRITE);
		if (!db)
			goto cleanup;
	}
	if (as_json) {
		json_t *arr = json_array();
		for (int i = 0; i < n; i++)
			json_array_append_new(arr, import_json(&res[i]));
		cli_print_json(arr);
		json_decref(arr);
	} else {
		for (int i = 0; i < n; i++)
			import_summary(&res[i]);
	}
	rc = EXIT_OK;
	if (save) {
		char *origin = arena_printf(&a, "import:%s", path);
		for (int i = 0; i < n && rc == EXIT_OK; i++) {
			if (sop_store_add(db, res[i].sop, "draft", origin, false, &err) != 0) {
				rc = cli_fail("%s", buf_str(&err));
				break;
			}
			fprintf(as_json ? stderr : stdout,
			        "saved %s version %d as a DRAFT: review it (sakip sop show %s@%d), "
			        "then "
			        "'sakip sop activate %s@%d' before cases can start on it\n",
			        res[i].sop->code, res[i].sop->version, res[i].sop->code,
			        res[i].sop->version, res[i].sop->code, res[i].sop->version);
		}
	}
cleanup:
	db_close(db);
	buf_free(&text);
	buf_free(&err);
	arena_free(&a);
	return rc;
}

static int activate_cmd(Cli *c)
{
	if (c->argc != 1 || !strchr(c->argv[0], '@'))
		return cli_usage(sop_usage);
	Db *db = cli_open_db(c, DB_OPEN_WRITE);
	if (!db)
		return EXIT_INVALID;
	Buf err = BUF_INIT;
	int rc = EXIT_INVALID;
	int64_t vid = sop_store_resolve(db, c->argv[0], 0, &err);
	if (!vid) {
		cli_fail("%s", buf_str(&err));
	} else if (sop_store_activate(db, vid, &err) != 0) {
		cli_fail("%s", buf_str(&err));
	} else {
		printf("%s is now active: cases can start on it\n", c->argv[0]);
		rc = EXIT_OK;
	}
	buf_free(&err);
	db_close(db);
	return rc;
}

int sop_cmd(Cli *c)
{
	static const CliSub subs[] = {
	        {"list", list_cmd},     {"show", show_cmd},         {"export", export_cmd},
	        {"add", add_cmd},       {"validate", validate_cmd}, {"stats", stats_cmd},
	        {"render", render_cmd}, {"import", import_cmd},     {"activate", activate_cmd}};
	return cli_dispatch(c, subs, COUNT(subs), sop_usage, "sop");
}
