/*
** cli_report.c: the commands of sakip's documents and signatures:
** `key create|revoke`, `verify FILE`, `config set|get`, `case documents`.
** The work is report.c's and report_sign.c's; this file reads options and
** passphrases and prints.
*/
#include "cli.h"
#include "util_json.h"

#include "kpi.h"
#include "report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char key_usage[] =
        "usage: sakip [--db PATH] key create --as LOGIN [--stdin]\n"
        "       sakip [--db PATH] key revoke --as LOGIN --reason TEXT\n"
        "\n"
        "  create  a signing key (Ed25519) for LOGIN, its secret half sealed with a\n"
        "          passphrase of at least 8 characters read from standard input twice\n"
        "          (--stdin: once). LOGIN needs it, and the passphrase, to initial (paraf)\n"
        "          and sign documents at the paraf and sign steps of cases.\n"
        "  revoke  stop LOGIN's key: it signs nothing from now on; what it signed before\n"
        "          still verifies, with the revocation noted. LOGIN may then create a new one.\n";

static const char verify_usage[] =
        "usage: sakip [--db PATH] verify FILE [--json]\n"
        "\n"
        "Check a document sakip issued: the file must be the one issued, unchanged, and\n"
        "every paraf and signature on it must verify with a key not revoked when it\n"
        "signed. Prints who initialled and signed, when, for whom, in which case and step.\n"
        "Exit status 0 only then; 2 for an unknown, draft or altered file, a bad\n"
        "signature or a revoked key (the reason is printed); 1 for usage.\n";

static const char config_usage[] =
        "usage: sakip [--db PATH] config set base-url URL\n"
        "       sakip [--db PATH] config get base-url\n"
        "\n"
        "base-url: the address of this sakip as the public sees it; the QR code of a\n"
        "signed document points to BASE-URL/verifikasi/HASH (default\n"
        "http://127.0.0.1:8080).\n";

void cli_install_hooks(Wf *wf)
{
	kpi_flow_install(wf);
	report_flow_install(wf);
}

bool cli_read_line(char *line, size_t cap)
{
	if (!fgets(line, (int)cap, stdin))
		return false;
	line[strcspn(line, "\r\n")] = 0;
	return true;
}

Wf *cli_open_wf(Cli *c, unsigned flags)
{
	Db *db = cli_open_db(c, flags);
	Wf *wf = db ? wf_new(db) : NULL;
	if (wf)
		cli_install_hooks(wf); /* data kinerja and documents move with steps */
	return wf;
}

void cli_close_wf(Wf *wf)
{
	if (!wf)
		return;
	Db *db = wf_db(wf);
	wf_free(wf);
	db_close(db);
}

int key_cmd(Cli *c)
{
	const char *pos[1] = {NULL}, *as = NULL, *reason = NULL;
	bool one = false;
	CliOpt opts[] = {{"--as", CLI_VALUE, &as},
	                 {"--reason", CLI_VALUE, &reason},
	                 {"--stdin", CLI_FLAG, &one}};
	if (cli_wants_help(c)) {
		fputs(key_usage, stdout);
		return EXIT_OK;
	}
	if (cli_parse(c, opts, COUNT(opts), pos, 1, key_usage) != EXIT_OK)
		return EXIT_USAGE;
	bool create = pos[0] && strcmp(pos[0], "create") == 0;
	bool revoke = pos[0] && strcmp(pos[0], "revoke") == 0;
	if (!as || (!create && !revoke) || (revoke && !reason) || (create && reason))
		return cli_usage(key_usage);
	char p1[1100] = "", p2[1100] = "";
	int rc = EXIT_INVALID;
	Wf *wf = NULL;
	Buf err = BUF_INIT;
	if (create) {
		bool tty = isatty(0);
		if (tty)
			fputs("passphrase: ", stderr);
		if (!cli_read_line(p1, sizeof p1)) {
			cli_fail("no passphrase on standard input");
			goto cleanup;
		}
		if (!one) {
			if (tty)
				fputs("again: ", stderr);
			if (!cli_read_line(p2, sizeof p2) || strcmp(p1, p2) != 0) {
				cli_fail("the two passphrases differ; no key was created");
				goto cleanup;
			}
		}
	}
	wf = cli_open_wf(c, DB_OPEN_WRITE);
	if (!wf)
		goto cleanup;
	int64_t who = cli_person(wf_db(wf), as);
	if (!who)
		goto cleanup;
	if (create ? report_key_create(wf, who, p1, wf_now(), &err)
	           : report_key_revoke(wf, who, reason, wf_now(), &err)) {
		cli_fail("%s", buf_str(&err));
		goto cleanup;
	}
	if (create)
		printf("signing key of %s created; its secret half is sealed under the "
		       "passphrase\n",
		       as);
	else
		printf("signing key of %s revoked\n", as);
	rc = EXIT_OK;
cleanup:
	explicit_bzero(p1, sizeof p1);
	explicit_bzero(p2, sizeof p2);
	buf_free(&err);
	cli_close_wf(wf);
	return rc;
}

/* The signatures of a document, one a line. */
static void print_signatures(json_t *doc)
{
	size_t i;
	json_t *s;
	json_array_foreach (json_object_get(doc, "signatures"), i, s) {
		printf("  %-13s %s", json_text(s, "role", "-"), json_text(s, "name", "-"));
		if (json_is_string(json_object_get(s, "nip")))
			printf(" (NIP %s)", json_text(s, "nip", "-"));
		if (json_is_string(json_object_get(s, "position")))
			printf(", %s", json_text(s, "position", "-"));
		if (json_is_string(json_object_get(s, "acting_for")))
			printf(", for %s", json_text(s, "acting_for", "-"));
		printf(", step %lld, %s: %s",
		       (long long)json_integer_value(json_object_get(s, "step")),
		       json_text(s, "signed_at", "-"),
		       json_is_true(json_object_get(s, "valid")) ? "valid"
		                                                 : json_text(s, "problem", "-"));
		if (json_is_string(json_object_get(s, "revoked_at")))
			printf(" [key revoked %s: %s]", json_text(s, "revoked_at", "-"),
			       json_text(s, "revoked_reason", "-"));
		putchar('\n');
	}
}

static void print_document(json_t *d)
{
	printf("document: %s (%s), case %lld \"%s\", %s; drafted at step %lld on %s\n",
	       json_text(d, "title", "-"), json_text(d, "kind", "-"),
	       (long long)json_integer_value(json_object_get(d, "case")),
	       json_text(d, "subject", "-"), json_text(d, "agency", "-"),
	       (long long)json_integer_value(json_object_get(d, "step")),
	       json_text(d, "drafted_at", "-"));
	printf("draft hash: %s\n", json_text(d, "hash", "-"));
	if (json_is_string(json_object_get(d, "superseded_at")))
		printf("note: this draft was superseded on %s (the case returned it and drafted it "
		       "again)\n",
		       json_text(d, "superseded_at", "-"));
}

int verify_cmd(Cli *c)
{
	const char *file = NULL;
	bool json = false;
	CliOpt opts[] = {{"--json", CLI_FLAG, &json}};
	if (cli_wants_help(c)) {
		fputs(verify_usage, stdout);
		return EXIT_OK;
	}
	if (cli_parse(c, opts, COUNT(opts), &file, 1, verify_usage) != EXIT_OK)
		return EXIT_USAGE;
	if (!file)
		return cli_usage(verify_usage);
	Buf data = BUF_INIT, err = BUF_INIT;
	if (buf_read_file(&data, file, WF_MAX_ATTACHMENT, &err) != 0) {
		int rc = cli_fail("%s", buf_str(&err));
		buf_free(&err);
		return rc;
	}
	Wf *wf = cli_open_wf(c, 0);
	if (!wf) {
		buf_free(&data);
		return EXIT_INVALID;
	}
	ReportVerdict v;
	json_t *o = report_verify_file_json(wf, (const unsigned char *)data.data, data.len, &v);
	if (json) {
		cli_print_json(o);
	} else {
		FILE *out = v == REPORT_VERIFIED ? stdout : stderr;
		fprintf(out, "%s: %s\n", file, json_text(o, "message", "-"));
		fflush(out);
		printf("file sha256: %s\n", json_text(o, "sha256", "-"));
		json_t *d = json_object_get(o, "document");
		if (json_is_object(d)) {
			print_document(d);
			print_signatures(d);
		}
	}
	json_decref(o);
	cli_close_wf(wf);
	buf_free(&data);
	buf_free(&err);
	return v == REPORT_VERIFIED ? EXIT_OK : EXIT_INVALID;
}

int config_cmd(Cli *c)
{
	const char *pos[3] = {NULL, NULL, NULL};
	if (cli_wants_help(c)) {
		fputs(config_usage, stdout);
		return EXIT_OK;
	}
	if (cli_parse(c, NULL, 0, pos, 3, config_usage) != EXIT_OK)
		return EXIT_USAGE;
	bool set = pos[0] && strcmp(pos[0], "set") == 0 && pos[1] && pos[2];
	bool get = pos[0] && strcmp(pos[0], "get") == 0 && pos[1] && !pos[2];
	if (!set && !get)
		return cli_usage(config_usage);
	Db *db = cli_open_db(c, set ? DB_OPEN_WRITE : 0);
	if (!db)
		return EXIT_INVALID;
	Buf err = BUF_INIT;
	int rc = EXIT_OK;
	if (set) {
		if (report_setting_set(db, pos[1], pos[2], &err) != 0)
			rc = cli_fail("%s", buf_str(&err));
	} else if (strcmp(pos[1], "base-url") != 0) {
		rc = cli_fail("unknown setting \"%s\" (known: base-url)", pos[1]);
	} else {
		Arena a = ARENA_INIT;
		const char *v = report_setting(db, &a, pos[1]);
		printf("%s\n", v ? v : "http://127.0.0.1:8080");
		arena_free(&a);
	}
	buf_free(&err);
	db_close(db);
	return rc;
}

int case_documents(Cli *c)
{
	static const char usage[] =
	        "usage: sakip [--db PATH] case documents ID [--json] [--export DIR]\n";
	const char *id = NULL, *dir = NULL;
	bool json = false;
	CliOpt opts[] = {{"--json", CLI_FLAG, &json}, {"--export", CLI_VALUE, &dir}};
	if (cli_parse(c, opts, COUNT(opts), &id, 1, usage) != EXIT_OK)
		return EXIT_USAGE;
	if (!cli_id(id))
		return cli_usage(usage);
	Wf *wf = cli_open_wf(c, 0);
	if (!wf)
		return EXIT_INVALID;
	Buf err = BUF_INIT, log = BUF_INIT;
	int rc = EXIT_OK;
	json_t *docs = report_case_documents_json(wf, cli_id(id), &err);
	if (!docs) {
		rc = cli_fail("%s", buf_str(&err));
	} else if (dir) {
		if (report_case_export(wf, cli_id(id), dir, &log, &err) != 0)
			rc = cli_fail("%s", buf_str(&err));
		fputs(buf_str(&log), stdout);
	} else if (json) {
		cli_print_json(docs);
	} else {
		size_t i, j;
		json_t *d, *s;
		if (!json_array_size(docs))
			printf("case %s has no documents drafted by sakip\n", id);
		json_array_foreach (docs, i, d) {
			printf("%-16s %-8s %s  %s\n", json_text(d, "kind", "-"),
			       json_text(d, "status", "-"), json_text(d, "hash", "-"),
			       json_text(d, "title", "-"));
			json_array_foreach (json_object_get(d, "signatures"), j, s)
				printf("  %-13s %s, step %lld, %s%s\n", json_text(s, "role", "-"),
				       json_text(s, "name", "-"),
				       (long long)json_integer_value(json_object_get(s, "step")),
				       json_text(s, "signed_at", "-"),
				       json_is_true(json_object_get(s, "valid")) ? ""
				                                                 : " (NOT VALID)");
			json_array_foreach (json_object_get(d, "issued"), j, s)
				printf("  issued %s  %s\n", json_text(s, "sha256", "-"),
				       json_text(s, "name", "-"));
		}
	}
	json_decref(docs);
	buf_free(&err);
	buf_free(&log);
	cli_close_wf(wf);
	return rc;
}
