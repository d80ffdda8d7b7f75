/*
** cli.c: the sakip command line: global options (--db, --help), the
** command table and dispatch, and the `init` command.
**
** Commands are *_cmd functions taking a Cli. They print their results to
** stdout and their errors to stderr, and return an exit status: 0 ok,
** 1 usage, 2 invalid input (anything that was refused). No command exits
** the process itself.
*/
#include "cli.h"

#include "sop.h"
#include "wf.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char main_usage[] =
        "usage: sakip [--db PATH] COMMAND [ARGS]\n"
        "\n"
        "sakip runs an agency's SOPs for performance data (SAKIP).\n"
        "\n"
        "commands:\n"
        "  init                 create the database with the built-in SOP library\n"
        "  sop list [--json]    list the SOPs\n"
        "  sop show ID|CODE     show an SOP's identity block and steps\n"
        "  sop export ID|CODE   write an SOP as sakip.sop/1 JSON to stdout\n"
        "  sop add FILE         validate a definition and store it as a new version\n"
        "  sop validate FILE    check a definition without storing it\n"
        "  sop stats ID|CODE    actual step durations against the SOP's time standards\n"
        "  demo                 init, plus a demo organisation for each seed agency\n"
        "  org load FILE        load an agency's organisation (doc/org-format.md)\n"
        "  case start|list|show|cancel|close-fanout   run SOPs as cases\n"
        "  task list|do|note    the officials' tasks\n"
        "  audit verify         check the audit trail's hash chain\n"
        "  agency list          the agencies and their codes\n"
        "  kpi import|recap|history|diff|submit|correct   data kinerja (doc/data-format.md)\n"
        "  serve [--listen A:P] the web interface (sign in with user passwd)\n"
        "  user passwd LOGIN --stdin   set a person's password\n"
        "  token create --as LOGIN     a bearer token for the JSON API (/api/v1)\n"
        "  report lkj --agency A --year Y --out F.pdf   the LKj (Laporan Kinerja) as PDF\n"
        "  lkj text set|show    the LKj's narrative texts per bab, with their history\n"
        "  key create|revoke --as LOGIN   a person's signing key (doc/signatures.md)\n"
        "  verify FILE          check a document sakip issued: unchanged, and who signed\n"
        "  config set base-url URL      the address verification QR codes point to\n"
        "\n"
        "The database is --db PATH, else $SAKIP_DB, else ./sakip.db.\n"
        "Every command takes --help. Exit status: 0 ok, 1 usage, 2 invalid input.\n";

static const char init_usage[] =
        "usage: sakip [--db PATH] init\n"
        "\n"
        "Create the database (or upgrade an older one) and install the built-in SOP\n"
        "library: the five curated seed SOPs. Running it again adds only what is\n"
        "missing and changes nothing else.\n";

bool cli_wants_help(const Cli *c)
{
	for (int i = 0; i < c->argc; i++)
		if (strcmp(c->argv[i], "--help") == 0 || strcmp(c->argv[i], "-h") == 0)
			return true;
	return false;
}

void cli_print_json(json_t *j)
{
	char *text = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	puts(text);
	free(text);
}

int cli_usage(const char *usage)
{
	fputs(usage, stderr);
	return EXIT_USAGE;
}

int cli_fail(const char *fmt, ...)
{
	Buf b = BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	/* Multi-line messages (validation lists) keep their own layout. */
	fprintf(stderr, "sakip: %s", buf_str(&b));
	if (b.len == 0 || b.data[b.len - 1] != '\n')
		fputc('\n', stderr);
	buf_free(&b);
	return EXIT_INVALID;
}

Db *cli_open_db(const Cli *c, unsigned flags)
{
	Buf err = BUF_INIT;
	Db *db = db_open(db_default_path(c->db_flag), flags, &err);
	if (!db)
		cli_fail("%s", buf_str(&err));
	buf_free(&err);
	return db;
}

int cli_parse(const Cli *c, const CliOpt *opts, int n_opts, const char **pos, int n_pos,
              const char *usage)
{
	int got = 0;
	for (int i = 0; i < n_pos; i++)
		pos[i] = NULL;
	for (int i = 0; i < c->argc; i++) {
		const char *a = c->argv[i];
		if (strncmp(a, "--", 2) != 0) {
			if (got >= n_pos) {
				fprintf(stderr, "sakip: unexpected argument \"%s\"\n", a);
				return cli_usage(usage);
			}
			pos[got++] = a;
			continue;
		}
		const CliOpt *o = NULL;
		for (int k = 0; k < n_opts; k++)
			if (strcmp(opts[k].name, a) == 0)
				o = &opts[k];
		if (!o) {
			fprintf(stderr, "sakip: unknown option %s\n", a);
			return cli_usage(usage);
		}
		if (o->kind == CLI_FLAG) {
			*(bool *)o->out = true;
			continue;
		}
		if (i + 1 >= c->argc) {
			fprintf(stderr, "sakip: %s needs a value\n", a);
			return cli_usage(usage);
		}
		const char *v = c->argv[++i];
		if (o->kind == CLI_VALUE) {
			*(const char **)o->out = v;
		} else {
			CliMulti *m = o->out;
			if (m->n >= (int)COUNT(m->v)) {
				fprintf(stderr, "sakip: too many %s\n", a);
				return cli_usage(usage);
			}
			m->v[m->n++] = v;
		}
	}
	return EXIT_OK;
}

int cli_dispatch(const Cli *c, const CliSub *subs, size_t n, const char *usage, const char *command)
{
	if (c->argc == 0)
		return cli_usage(usage);
	if (cli_wants_help(c)) {
		fputs(usage, stdout);
		return EXIT_OK;
	}
	for (size_t i = 0; i < n; i++)
		if (strcmp(c->argv[0], subs[i].name) == 0) {
			Cli sub = {c->db_flag, c->argc - 1, c->argv + 1};
			return subs[i].fn(&sub);
		}
	fprintf(stderr, "sakip: unknown %s command \"%s\"\n", command, c->argv[0]);
	return cli_usage(usage);
}

int64_t cli_id(const char *s)
{
	if (!s || !str_is_digits(s) || strlen(s) > 15)
		return 0;
	return atoll(s);
}

int64_t cli_person(Db *db, const char *login)
{
	int64_t id = login ? wf_person_by_login(db, login) : 0;
	if (!id)
		cli_fail(
		        "no person with login \"%s\" (see the organisation files, or 'sakip demo')",
		        login ? login : "");
	return id;
}

int init_cmd(Cli *c)
{
	if (cli_wants_help(c)) {
		fputs(init_usage, stdout);
		return EXIT_OK;
	}
	if (c->argc > 0)
		return cli_usage(init_usage);
	Db *db = cli_open_db(c, DB_OPEN_CREATE | DB_OPEN_WRITE);
	if (!db)
		return EXIT_INVALID;
	Buf log = BUF_INIT, err = BUF_INIT;
	int rc = EXIT_OK;
	int added = sop_lib_install(db, &log, &err);
	int holidays = added < 0 ? -1 : wf_holidays_install(db, &err);
	if (added < 0 || holidays < 0) {
		rc = cli_fail("%s", buf_str(&err));
	} else {
		if (holidays > 0)
			buf_printf(&log, "national holiday calendar: %d dates added\n", holidays);
		printf("database %s (schema version %lld)\nbuilt-in SOP library:\n%s", db_path(db),
		       (long long)db_schema_version(db), buf_str(&log));
	}
	buf_free(&log);
	buf_free(&err);
	db_close(db);
	return rc;
}

static const struct {
	const char *name;
	int (*fn)(Cli *);
} commands[] = {
        {"init", init_cmd},     {"sop", sop_cmd},     {"demo", demo_cmd},   {"org", org_cmd},
        {"case", case_cmd},     {"task", task_cmd},   {"audit", audit_cmd}, {"agency", agency_cmd},
        {"kpi", kpi_cmd},       {"serve", serve_cmd}, {"user", user_cmd},   {"token", token_cmd},
        {"report", report_cmd}, {"lkj", lkj_cmd},     {"key", key_cmd},     {"verify", verify_cmd},
        {"config", config_cmd},
};

int cli_main(int argc, char **argv)
{
	Cli c = {NULL, 0, NULL};
	/* Before any command hashes, signs or draws random bytes (libsodium's contract). */
	if (sodium_init() < 0)
		return cli_fail("libsodium cannot initialise");
	/* Global options come before the command. */
	int i = 1;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(main_usage, stdout);
			return EXIT_OK;
		} else if (strcmp(argv[i], "--db") == 0 && i + 1 < argc) {
			c.db_flag = argv[++i];
		} else if (strcmp(argv[i], "--db") == 0) {
			fprintf(stderr, "sakip: --db needs a PATH\n");
			return cli_usage(main_usage);
		} else if (strncmp(argv[i], "--db=", 5) == 0) {
			c.db_flag = argv[i] + 5;
		} else {
			fprintf(stderr, "sakip: unknown option %s\n", argv[i]);
			return cli_usage(main_usage);
		}
	}
	if (i >= argc)
		return cli_usage(main_usage);
	const char *name = argv[i];
	c.argc = argc - i - 1;
	c.argv = argv + i + 1;
	/* --db is also accepted after the command: "sakip sop list --db x.db". */
	for (int k = 0; k < c.argc; k++) {
		int take = 0;
		if (strcmp(c.argv[k], "--db") == 0) {
			if (k + 1 >= c.argc) {
				fprintf(stderr, "sakip: --db needs a PATH\n");
				return cli_usage(main_usage);
			}
			c.db_flag = c.argv[k + 1];
			take = 2;
		} else if (strncmp(c.argv[k], "--db=", 5) == 0) {
			c.db_flag = c.argv[k] + 5;
			take = 1;
		}
		if (take) {
			memmove(&c.argv[k], &c.argv[k + take],
			        sizeof(char *) * (size_t)(c.argc - k - take));
			c.argc -= take;
			k--;
		}
	}
	if (strcmp(name, "help") == 0) {
		fputs(main_usage, stdout);
		return EXIT_OK;
	}
	for (size_t k = 0; k < COUNT(commands); k++)
		if (strcmp(name, commands[k].name) == 0)
			return commands[k].fn(&c);
	fprintf(stderr, "sakip: unknown command \"%s\"\n", name);
	return cli_usage(main_usage);
}
