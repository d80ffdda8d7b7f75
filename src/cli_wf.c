/*
** cli_wf.c: the commands that run SOPs: demo, org load, case
** start|list|show|cancel|close-fanout, task list|do|note, audit verify,
** and sop stats. Each parses its options, calls the wf_* functions with
** wf_now(), and prints text or, with --json, the same data as JSON.
**
** The CLI is the operator's tool: --as LOGIN says who acts, and the
** engine checks that this person may. Passwords are the web's business.
*/
#include "cli.h"

#include "web.h"
#include "util_json.h"

#include "kpi.h"
#include "wf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char demo_usage[] =
        "usage: sakip [--db PATH] demo [--org-only] [--web-password PASSWORD]\n"
        "\n"
        "Create (or update) the database with the built-in SOP library, the national\n"
        "holiday calendar and a demo organisation for each seed agency: one person per\n"
        "SOP actor, every seed SOP mapped, and their data kinerja (not with --org-only).\n"
        "Prints the logins to try. --web-password gives every demo official without a\n"
        "password that one, for signing in to 'sakip serve' (a demo, never production).\n";

static const char org_usage[] =
        "usage: sakip [--db PATH] org load FILE\n"
        "\n"
        "Load an agency's organisation from a sakip.org/1 JSON file (doc/org-format.md):\n"
        "units, people, positions, acting officials, holidays, SOP actor mapping. All or\n"
        "nothing: every problem is reported and nothing is stored unless the file is valid.\n";

static const char case_usage[] =
        "usage: sakip [--db PATH] case start --sop ID|CODE --subject TEXT [--agency ID|CODE]\n"
        "                                    [--period TEXT] [--deadline STEP=YYYY-MM-DD[ HH:MM]]\n"
        "                                    [--as LOGIN] [--json]\n"
        "       sakip [--db PATH] case list [--status open|closed|cancelled] [--json]\n"
        "       sakip [--db PATH] case show ID [--json]\n"
        "       sakip [--db PATH] case cancel ID --as LOGIN --reason TEXT\n"
        "       sakip [--db PATH] case close-fanout ID --step N --as LOGIN\n"
        "       sakip [--db PATH] case documents ID [--json] [--export DIR]\n"
        "\n"
        "  start         start a case of the SOP's current version; the case keeps that\n"
        "                version. --as defaults to the holder of the first step's position.\n"
        "                Steps whose Waktu is \"sesuai dengan waktu yang ditentukan\" need a\n"
        "                --deadline (local time of the agency; a bare date means 23:59).\n"
        "  list          cases with their status and open tasks\n"
        "  show          the timeline: who did each step, for whom, when, how long against\n"
        "                the standard, returns with reasons, notes, attachments\n"
        "  cancel        cancel an open case (the reason is required)\n"
        "  close-fanout  after the deadline of a step sent to several units, record the\n"
        "                units that did not answer and move on\n"
        "  documents     the documents sakip drafted in the case (kind, draft or issued,\n"
        "                hash, who initialled and signed); --export writes them into DIR\n";

static const char task_usage[] =
        "usage: sakip [--db PATH] task list [--case ID] [--as LOGIN] [--overdue] [--json]\n"
        "       sakip [--db PATH] task do TASK --as LOGIN (--done | --approve | --return REASON)\n"
        "                                  [--note TEXT] [--attach FILE] [--passphrase-stdin]\n"
        "       sakip [--db PATH] task note TASK --as LOGIN --text TEXT\n"
        "\n"
        "  list  open tasks, newest first; --as: those LOGIN may do (as holder, Plt or\n"
        "        delegate); --overdue: those past their due time\n"
        "  do    complete a step (--done), or at a decision approve it (with its paraf or\n"
        "        signature) or return it to the earlier step with a reason. At a paraf or\n"
        "        sign step of a case with drafted documents, LOGIN signs them with their\n"
        "        key: --passphrase-stdin reads its passphrase from standard input\n"
        "  note  add a note to a task\n";

static const char audit_usage[] =
        "usage: sakip [--db PATH] audit verify\n"
        "\n"
        "Check the audit trail's hash chain from the first event to the last. Exit status 0\n"
        "when intact; 2 naming the first event that was altered, removed or reordered.\n";

static long long ji(json_t *o, const char *key)
{
	return (long long)json_integer_value(json_object_get(o, key));
}

/* ---- demo, org --------------------------------------------------------- */

int demo_cmd(Cli *c)
{
	if (cli_wants_help(c)) {
		fputs(demo_usage, stdout);
		return EXIT_OK;
	}
	bool org_only = false;
	const char *password = NULL;
	CliOpt opts[] = {{"--org-only", CLI_FLAG, &org_only},
	                 {"--web-password", CLI_VALUE, &password}};
	if (cli_parse(c, opts, COUNT(opts), NULL, 0, demo_usage) != EXIT_OK)
		return EXIT_USAGE;
	Wf *wf = cli_open_wf(c, DB_OPEN_CREATE | DB_OPEN_WRITE);
	if (!wf)
		return EXIT_INVALID;
	Db *db = wf_db(wf);
	Buf log = BUF_INIT, err = BUF_INIT;
	int rc = EXIT_OK;
	if (sop_lib_install(db, &log, &err) < 0 || wf_holidays_install(db, &err) < 0 ||
	    wf_demo_install(wf, &log, &err) < 0 ||
	    (!org_only && kpi_demo_install(db, wf_now(), &log, &err) < 0)) {
		rc = cli_fail("%s", buf_str(&err));
		goto cleanup;
	}
	if (password) {
		DbStmt *who = db_prepare(db, "SELECT login FROM person WHERE password_hash IS NULL"
		                             " AND active ORDER BY id");
		Arena a = ARENA_INIT;
		const char **logins = NULL;
		size_t n = 0;
		while (db_step(who) == DB_ROW) {
			logins = xrealloc(logins, (n + 1) * sizeof *logins);
			logins[n++] = arena_strdup(&a, db_col_text(who, 0));
		}
		db_finalize(who);
		for (size_t i = 0; i < n && rc == EXIT_OK; i++)
			if (web_password_set(db, logins[i], password, &err) != 0)
				rc = cli_fail("%s", buf_str(&err));
		free(logins);
		arena_free(&a);
		if (rc != EXIT_OK)
			goto cleanup;
		buf_printf(&log, "web password set for %zu demo officials\n", n);
	}
	printf("database %s\n%s\n", db_path(db), buf_str(&log));
	printf("Demo officials (use with --as LOGIN):\n");
	DbStmt *st = db_prepare(
	        db, "SELECT a.code, m.sop_code, m.actor, p.login, p.name, po.title"
	            " FROM actor_map m JOIN agency a ON a.id=m.agency_id"
	            " JOIN position po ON po.id=m.position_id"
	            " JOIN person p ON p.id=po.holder_id ORDER BY a.code, m.sop_code, m.id");
	const char *last = "";
	char *last_copy = xstrdup(last);
	while (db_step(st) == DB_ROW) {
		if (strcmp(last_copy, db_col_text(st, 1)) != 0) {
			free(last_copy);
			last_copy = xstrdup(db_col_text(st, 1));
			printf("\n  %s (%s)\n", db_col_text(st, 1), db_col_text(st, 0));
		}
		printf("    %-18s %-14s %s, %s\n", db_col_text(st, 2), db_col_text(st, 3),
		       db_col_text(st, 4), db_col_text(st, 5));
	}
	free(last_copy);
	db_finalize(st);
	printf("\nTry: sakip --db %s case start --sop biroorg-kalbar-pengumpulan-data \\\n"
	       "       --subject \"Pengumpulan Data Kinerja TW III 2026\" --deadline "
	       "\"2=2026-12-31\"\n",
	       db_path(db));
cleanup:
	buf_free(&log);
	buf_free(&err);
	cli_close_wf(wf);
	return rc;
}

int org_cmd(Cli *c)
{
	if (cli_wants_help(c)) {
		fputs(org_usage, stdout);
		return EXIT_OK;
	}
	if (c->argc != 2 || strcmp(c->argv[0], "load") != 0)
		return cli_usage(org_usage);
	Buf text = BUF_INIT, err = BUF_INIT, log = BUF_INIT;
	int rc = EXIT_INVALID;
	Wf *wf = NULL;
	if (buf_read_file(&text, c->argv[1], 16 * 1024 * 1024, &err) != 0) {
		cli_fail("%s", buf_str(&err));
		goto cleanup;
	}
	wf = cli_open_wf(c, DB_OPEN_WRITE);
	if (!wf)
		goto cleanup;
	if (wf_org_load(wf, c->argv[1], text.data, text.len, &log, &err) != 0) {
		fprintf(stderr, "sakip: %s was not loaded; nothing was changed:\n", c->argv[1]);
		const char *line = buf_str(&err);
		while (*line) {
			const char *nl = strchr(line, '\n');
			int len = nl ? (int)(nl - line) : (int)strlen(line);
			fprintf(stderr, "%s: %.*s\n", c->argv[1], len, line);
			line += len + (nl != NULL);
		}
		goto cleanup;
	}
	fputs(buf_str(&log), stdout);
	rc = EXIT_OK;
cleanup:
	cli_close_wf(wf);
	buf_free(&text);
	buf_free(&err);
	buf_free(&log);
	return rc;
}

/* ---- case ---------------------------------------------------------------- */

/* The holder of the position of the SOP's first step in the agency. */
static int64_t default_starter(Db *db, const char *sop_ref, int64_t agency)
{
	Buf err = BUF_INIT;
	char *def = sop_store_definition(db, sop_ref, 0, &err);
	buf_free(&err);
	if (!def)
		return 0;
	Arena a = ARENA_INIT;
	Sop *sop = sop_parse(&a, "sop", def, strlen(def), &err);
	free(def);
	int64_t who = 0;
	if (sop)
		who = db_int(db, 0,
		             "SELECT po.holder_id FROM actor_map m JOIN position po ON "
		             "po.id=m.position_id"
		             " WHERE m.sop_code=:s AND m.actor=:x AND (:a = 0 OR m.agency_id=:a)"
		             " ORDER BY m.id LIMIT 1",
		             DB_TEXT(":s", sop->code), DB_TEXT(":x", sop->steps[0].actor),
		             DB_INT(":a", agency), DB_END);
	arena_free(&a);
	return who;
}

static int case_start(Cli *c)
{
	const char *sop = NULL, *subject = NULL, *agency = NULL, *period = NULL, *as = NULL;
	bool json = false;
	CliMulti deadlines = {{0}, 0};
	CliOpt opts[] = {{"--sop", CLI_VALUE, &sop},       {"--subject", CLI_VALUE, &subject},
	                 {"--agency", CLI_VALUE, &agency}, {"--period", CLI_VALUE, &period},
	                 {"--as", CLI_VALUE, &as},         {"--deadline", CLI_MULTI, &deadlines},
	                 {"--json", CLI_FLAG, &json}};
	if (cli_parse(c, opts, COUNT(opts), NULL, 0, case_usage) != EXIT_OK)
		return EXIT_USAGE;
	if (!sop || !subject)
		return cli_usage(case_usage);
	Wf *wf = cli_open_wf(c, DB_OPEN_WRITE);
	if (!wf)
		return EXIT_INVALID;
	Db *db = wf_db(wf);
	int rc = EXIT_INVALID;
	Buf err = BUF_INIT;
	WfDeadline dl[32];
	WfStart req = {sop, 0, subject, period, dl, deadlines.n, 0};
	if (agency && !(req.agency_id = wf_agency_by_ref(db, agency))) {
		cli_fail("no agency \"%s\" (sakip case list shows agency codes)", agency);
		goto cleanup;
	}
	/* --deadline STEP=DATE; the engine reads DATE in the agency's local time. */
	for (int i = 0; i < deadlines.n; i++) {
		const char *eq = strchr(deadlines.v[i], '=');
		char digits[8] = "";
		if (eq && eq > deadlines.v[i] && eq - deadlines.v[i] < (long)sizeof digits)
			memcpy(digits, deadlines.v[i], (size_t)(eq - deadlines.v[i]));
		int step = str_is_digits(digits) ? atoi(digits) : 0;
		if (step < 1) {
			cli_fail(
			        "--deadline \"%s\": write STEP=YYYY-MM-DD or STEP=YYYY-MM-DD HH:MM",
			        deadlines.v[i]);
			goto cleanup;
		}
		dl[i] = (WfDeadline){step, eq + 1};
	}
	req.person_id = as ? cli_person(db, as) : default_starter(db, sop, req.agency_id);
	if (!req.person_id) {
		if (!as)
			cli_fail("SOP %s: nobody holds the position of its first step; give --as "
			         "LOGIN",
			         sop);
		goto cleanup;
	}
	time_t now = wf_now();
	int64_t case_id;
	if (wf_case_start(wf, &req, now, &case_id, &err) != 0) {
		cli_fail("cannot start the case:\n%s", buf_str(&err));
		goto cleanup;
	}
	json_t *tasks = wf_task_list_json(wf, case_id, 0, false, now);
	if (json) {
		json_t *o = json_pack("{s:I, s:O}", "case", (json_int_t)case_id, "tasks", tasks);
		cli_print_json(o);
		json_decref(o);
	} else {
		printf("case %lld started\n", (long long)case_id);
		size_t i;
		json_t *t;
		json_array_foreach (tasks, i, t)
			printf("  task %lld: step %lld, %s (%s), due %s\n", ji(t, "id"),
			       ji(t, "step"), json_text(t, "actor", "-"),
			       json_text(t, "holder", "-"), json_text(t, "due_at", "-"));
	}
	json_decref(tasks);
	rc = EXIT_OK;
cleanup:
	buf_free(&err);
	cli_close_wf(wf);
	return rc;
}

static int case_list(Cli *c)
{
	const char *status = NULL;
	bool json = false;
	CliOpt opts[] = {{"--status", CLI_VALUE, &status}, {"--json", CLI_FLAG, &json}};
	if (cli_parse(c, opts, COUNT(opts), NULL, 0, case_usage) != EXIT_OK)
		return EXIT_USAGE;
	Wf *wf = cli_open_wf(c, 0);
	if (!wf)
		return EXIT_INVALID;
	json_t *cases = wf_case_list_json(wf, status);
	if (json) {
		cli_print_json(cases);
	} else {
		printf("%-5s %-10s %-36s %-6s %s\n", "KASUS", "STATUS", "SOP", "TUGAS", "PERIHAL");
		size_t i;
		json_t *k;
		json_array_foreach (cases, i, k)
			printf("%-5lld %-10s %-36s %-6lld %s\n", ji(k, "id"),
			       json_text(k, "status", "-"), json_text(k, "sop", "-"),
			       ji(k, "open_tasks"), json_text(k, "subject", "-"));
	}
	json_decref(cases);
	cli_close_wf(wf);
	return EXIT_OK;
}

static void print_timeline(json_t *o)
{
	printf("Kasus %lld: %s\n", ji(o, "id"), json_text(o, "subject", "-"));
	printf("SOP %s versi %lld (%s), %s\n", json_text(o, "sop", "-"), ji(o, "version"),
	       json_text(o, "sop_name", "-"), json_text(o, "agency", "-"));
	printf("Status %s; dimulai %s oleh %s", json_text(o, "status", "-"),
	       json_text(o, "started_at", "-"), json_text(o, "started_by", "-"));
	if (!json_is_null(json_object_get(o, "closed_at")))
		printf("; selesai %s", json_text(o, "closed_at", "-"));
	printf("\n");
	if (!json_is_null(json_object_get(o, "cancel_reason")))
		printf("Dibatalkan: %s\n", json_text(o, "cancel_reason", "-"));
	printf("\nLangkah\n");
	size_t i;
	json_t *t;
	json_array_foreach (json_object_get(o, "timeline"), i, t) {
		printf("  %2lld. %-34s %-10s", ji(t, "step"), json_text(t, "actor", "-"),
		       json_text(t, "status", "-"));
		if (!json_is_null(json_object_get(t, "unit")))
			printf(" [%s]", json_text(t, "unit", "-"));
		printf("\n      dibuka %s", json_text(t, "opened_at", "-"));
		if (!json_is_null(json_object_get(t, "due_at")))
			printf(", batas %s", json_text(t, "due_at", "-"));
		printf("\n");
		if (!json_is_null(json_object_get(t, "done_at")) &&
		    !json_is_null(json_object_get(t, "done_by"))) {
			printf("      oleh %s", json_text(t, "done_by", "-"));
			if (!json_is_null(json_object_get(t, "acting_for")))
				printf(" (Plt/atas nama %s)", json_text(t, "acting_for", "-"));
			printf(" pada %s", json_text(t, "done_at", "-"));
			if (json_object_get(t, "actual"))
				printf("; %s, standar %s%s", json_text(t, "actual", "-"),
				       json_text(t, "standard", "-"),
				       json_is_true(json_object_get(t, "within_standard"))
				               ? ""
				               : " (melebihi standar)");
			printf("\n");
		}
		if (!json_is_null(json_object_get(t, "return_reason")))
			printf("      dikembalikan: %s\n", json_text(t, "return_reason", "-"));
		if (!json_is_null(json_object_get(t, "reason")))
			printf("      alasan: %s\n", json_text(t, "reason", "-"));
	}
	json_t *notes = json_object_get(o, "notes");
	if (json_array_size(notes))
		printf("\nCatatan\n");
	json_array_foreach (notes, i, t)
		printf("  langkah %lld, %s, %s: %s\n", ji(t, "step"), json_text(t, "by", "-"),
		       json_text(t, "at", "-"), json_text(t, "text", "-"));
	json_t *files = json_object_get(o, "attachments");
	if (json_array_size(files))
		printf("\nLampiran\n");
	json_array_foreach (files, i, t)
		printf("  langkah %lld: %s (%s, %lld byte, sha256 %.16s...)%s\n", ji(t, "step"),
		       json_text(t, "name", "-"), json_text(t, "media_type", "-"), ji(t, "size"),
		       json_text(t, "sha256", "-"),
		       json_is_true(json_object_get(t, "output")) ? " output langkah" : "");
}

static int case_show(Cli *c)
{
	bool json = false;
	const char *id = NULL;
	CliOpt opts[] = {{"--json", CLI_FLAG, &json}};
	if (cli_parse(c, opts, COUNT(opts), &id, 1, case_usage) != EXIT_OK)
		return EXIT_USAGE;
	if (!cli_id(id))
		return cli_usage(case_usage);
	Wf *wf = cli_open_wf(c, 0);
	if (!wf)
		return EXIT_INVALID;
	Buf err = BUF_INIT;
	json_t *o = wf_case_show_json(wf, cli_id(id), wf_now(), &err);
	int rc = EXIT_OK;
	if (!o)
		rc = cli_fail("%s", buf_str(&err));
	else if (json)
		cli_print_json(o);
	else
		print_timeline(o);
	json_decref(o);
	buf_free(&err);
	cli_close_wf(wf);
	return rc;
}

/*
** The shape of every write command: open the database, find the person
** acting (--as), run fn, and print ok (a message) or the refusal.
*/
typedef struct WriteArgs {
	int64_t id;
	int step;
	const char *text;
} WriteArgs;
typedef int (*WriteFn)(Wf *wf, int64_t who, const WriteArgs *a, Buf *err);

static int write_as(Cli *c, const char *login, WriteFn fn, const WriteArgs *a, const char *ok)
{
	Wf *wf = cli_open_wf(c, DB_OPEN_WRITE);
	if (!wf)
		return EXIT_INVALID;
	Buf err = BUF_INIT;
	int rc = EXIT_INVALID;
	int64_t who = cli_person(wf_db(wf), login);
	if (who) {
		if (fn(wf, who, a, &err) == 0) {
			puts(ok);
			rc = EXIT_OK;
		} else {
			cli_fail("%s", buf_str(&err));
		}
	}
	buf_free(&err);
	cli_close_wf(wf);
	return rc;
}

static int do_cancel(Wf *wf, int64_t who, const WriteArgs *a, Buf *err)
{
	return wf_case_cancel(wf, a->id, who, a->text, wf_now(), err);
}

static int do_close_fanout(Wf *wf, int64_t who, const WriteArgs *a, Buf *err)
{
	return wf_fanout_close(wf, a->id, a->step, who, wf_now(), err);
}

static int do_note(Wf *wf, int64_t who, const WriteArgs *a, Buf *err)
{
	return wf_task_note(wf, a->id, who, a->text, wf_now(), err);
}

static int case_cancel(Cli *c)
{
	const char *id = NULL, *as = NULL, *reason = NULL;
	CliOpt opts[] = {{"--as", CLI_VALUE, &as}, {"--reason", CLI_VALUE, &reason}};
	if (cli_parse(c, opts, COUNT(opts), &id, 1, case_usage) != EXIT_OK)
		return EXIT_USAGE;
	if (!cli_id(id) || !as || !reason)
		return cli_usage(case_usage);
	WriteArgs a = {cli_id(id), 0, reason};
	return write_as(c, as, do_cancel, &a, "case cancelled");
}

static int case_close_fanout(Cli *c)
{
	const char *id = NULL, *as = NULL, *step = NULL;
	CliOpt opts[] = {{"--as", CLI_VALUE, &as}, {"--step", CLI_VALUE, &step}};
	if (cli_parse(c, opts, COUNT(opts), &id, 1, case_usage) != EXIT_OK)
		return EXIT_USAGE;
	if (!cli_id(id) || !as || !cli_id(step) || cli_id(step) > 100000)
		return cli_usage(case_usage);
	WriteArgs a = {cli_id(id), (int)cli_id(step), NULL};
	return write_as(c, as, do_close_fanout, &a,
	                "step closed; the units that did not answer are recorded");
}

int case_cmd(Cli *c)
{
	static const CliSub subs[] = {{"start", case_start},
	                              {"list", case_list},
	                              {"show", case_show},
	                              {"cancel", case_cancel},
	                              {"close-fanout", case_close_fanout},
	                              {"documents", case_documents}};
	return cli_dispatch(c, subs, COUNT(subs), case_usage, "case");
}

/* ---- task -------------------------------------------------------------- */

static int task_list(Cli *c)
{
	const char *case_id = NULL, *as = NULL;
	bool json = false, overdue = false;
	CliOpt opts[] = {{"--case", CLI_VALUE, &case_id},
	                 {"--as", CLI_VALUE, &as},
	                 {"--overdue", CLI_FLAG, &overdue},
	                 {"--json", CLI_FLAG, &json}};
	if (cli_parse(c, opts, COUNT(opts), NULL, 0, task_usage) != EXIT_OK)
		return EXIT_USAGE;
	if (case_id && !cli_id(case_id))
		return cli_usage(task_usage);
	Wf *wf = cli_open_wf(c, 0);
	if (!wf)
		return EXIT_INVALID;
	int64_t who = as ? cli_person(wf_db(wf), as) : 0;
	if (as && !who) {
		cli_close_wf(wf);
		return EXIT_INVALID;
	}
	json_t *tasks = wf_task_list_json(wf, cli_id(case_id), who, overdue, wf_now());
	if (json) {
		cli_print_json(tasks);
	} else {
		printf("%-6s %-6s %-5s %-34s %-14s %s\n", "TUGAS", "KASUS", "LANGKAH", "PELAKSANA",
		       "PEMEGANG", "BATAS WAKTU");
		size_t i;
		json_t *t;
		json_array_foreach (tasks, i, t)
			printf("%-6lld %-6lld %-7lld %-34s %-14s %s%s%s\n", ji(t, "id"),
			       ji(t, "case"), ji(t, "step"), json_text(t, "actor", "-"),
			       json_text(t, "holder", "-"), json_text(t, "due_at", "-"),
			       json_is_true(json_object_get(t, "overdue")) ? "  TERLAMBAT" : "",
			       json_is_true(json_object_get(t, "as_acting"))
			               ? "  (sebagai Plt/delegasi)"
			               : "");
	}
	json_decref(tasks);
	cli_close_wf(wf);
	return EXIT_OK;
}

static int task_do(Cli *c)
{
	const char *id = NULL, *as = NULL, *ret = NULL, *note = NULL, *attach = NULL;
	bool done = false, approve = false, json = false, pass_stdin = false;
	CliOpt opts[] = {
	        {"--as", CLI_VALUE, &as},          {"--done", CLI_FLAG, &done},
	        {"--approve", CLI_FLAG, &approve}, {"--return", CLI_VALUE, &ret},
	        {"--note", CLI_VALUE, &note},      {"--attach", CLI_VALUE, &attach},
	        {"--json", CLI_FLAG, &json},       {"--passphrase-stdin", CLI_FLAG, &pass_stdin}};
	if (cli_parse(c, opts, COUNT(opts), &id, 1, task_usage) != EXIT_OK)
		return EXIT_USAGE;
	if (!cli_id(id) || !as || done + approve + (ret != NULL) != 1) {
		fprintf(stderr, "sakip: task do needs TASK, --as and one of --done, --approve, "
		                "--return REASON\n");
		return cli_usage(task_usage);
	}
	Buf file = BUF_INIT, err = BUF_INIT;
	Wf *wf = NULL;
	int rc = EXIT_INVALID;
	WfFile wfile = {0};
	char pass[1100] = "";
	if (pass_stdin && !cli_read_line(pass, sizeof pass)) {
		cli_fail("no passphrase on standard input");
		goto cleanup;
	}
	if (attach) {
		if (buf_read_file(&file, attach, WF_MAX_ATTACHMENT, &err) != 0) {
			cli_fail("%s", buf_str(&err));
			goto cleanup;
		}
		const char *base = strrchr(attach, '/');
		wfile = (WfFile){base ? base + 1 : attach, NULL, (const unsigned char *)file.data,
		                 file.len};
	}
	wf = cli_open_wf(c, DB_OPEN_WRITE);
	if (!wf)
		goto cleanup;
	int64_t who = cli_person(wf_db(wf), as);
	if (!who)
		goto cleanup;
	WfAct act = {cli_id(id),
	             who,
	             done      ? WF_DONE
	             : approve ? WF_APPROVE
	                       : WF_RETURN,
	             ret,
	             note,
	             attach ? &wfile : NULL,
	             pass_stdin ? pass : NULL};
	if (wf_task_act(wf, &act, wf_now(), &err) != 0) {
		cli_fail("%s", buf_str(&err));
		goto cleanup;
	}
	/* What the action opened next, for callers that go on with it. */
	int64_t case_id = db_int(wf_db(wf), 0, "SELECT case_id FROM wf_task WHERE id=:t",
	                         DB_INT(":t", cli_id(id)), DB_END);
	json_t *next = wf_task_list_json(wf, case_id, 0, false, wf_now());
	const char *status = done ? "done" : approve ? "approved" : "returned";
	if (json) {
		Arena a = ARENA_INIT;
		const char *cs = db_text(wf_db(wf), &a, "SELECT status FROM wf_case WHERE id=:c",
		                         DB_INT(":c", case_id), DB_END);
		json_t *o = json_pack("{s:I, s:s, s:I, s:s, s:O}", "task", (json_int_t)cli_id(id),
		                      "status", status, "case", (json_int_t)case_id, "case_status",
		                      cs ? cs : "?", "open_tasks", next);
		cli_print_json(o);
		json_decref(o);
		arena_free(&a);
	} else {
		printf("task %s %s\n", id, status);
		size_t i;
		json_t *t;
		json_array_foreach (next, i, t)
			printf("  open: task %lld, step %lld, %s (%s), due %s\n", ji(t, "id"),
			       ji(t, "step"), json_text(t, "actor", "-"),
			       json_text(t, "holder", "-"), json_text(t, "due_at", "-"));
	}
	json_decref(next);
	rc = EXIT_OK;
cleanup:
	explicit_bzero(pass, sizeof pass);
	cli_close_wf(wf);
	buf_free(&file);
	buf_free(&err);
	return rc;
}

static int task_note(Cli *c)
{
	const char *id = NULL, *as = NULL, *text = NULL;
	CliOpt opts[] = {{"--as", CLI_VALUE, &as}, {"--text", CLI_VALUE, &text}};
	if (cli_parse(c, opts, COUNT(opts), &id, 1, task_usage) != EXIT_OK)
		return EXIT_USAGE;
	if (!cli_id(id) || !as || !text)
		return cli_usage(task_usage);
	WriteArgs a = {cli_id(id), 0, text};
	return write_as(c, as, do_note, &a, "note added");
}

int task_cmd(Cli *c)
{
	static const CliSub subs[] = {{"list", task_list}, {"do", task_do}, {"note", task_note}};
	return cli_dispatch(c, subs, COUNT(subs), task_usage, "task");
}

/* ---- audit ------------------------------------------------------------- */

int audit_cmd(Cli *c)
{
	if (cli_wants_help(c)) {
		fputs(audit_usage, stdout);
		return EXIT_OK;
	}
	bool json = c->argc == 2 && strcmp(c->argv[1], "--json") == 0;
	if ((c->argc != 1 && !json) || strcmp(c->argv[0], "verify") != 0)
		return cli_usage(audit_usage);
	Db *db = cli_open_db(c, 0);
	if (!db)
		return EXIT_INVALID;
	Buf err = BUF_INIT;
	int64_t n = wf_audit_verify(db, &err);
	int rc = n < 0 ? EXIT_INVALID : EXIT_OK;
	if (json) {
		json_t *o = json_pack("{s:b, s:I, s:o}", "intact", n >= 0, "events",
		                      (json_int_t)(n < 0 ? 0 : n), "problem",
		                      n < 0 ? json_string(buf_str(&err)) : json_null());
		cli_print_json(o);
		json_decref(o);
	} else if (n < 0) {
		cli_fail("audit trail broken: %s", buf_str(&err));
	} else {
		printf("audit trail intact: %lld events\n", (long long)n);
	}
	buf_free(&err);
	db_close(db);
	return rc;
}
