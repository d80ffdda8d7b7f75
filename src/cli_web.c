/*
** cli_web.c: "sakip serve" and "sakip user passwd". The server itself is
** web_*.c; this file reads options and passwords.
*/
#include "cli.h"

#include "web.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static const char serve_usage[] =
        "usage: sakip [--db PATH] serve [--listen ADDRESS:PORT] [--threads N]\n"
        "                               [--tls-cert CERT.pem --tls-key KEY.pem]\n"
        "\n"
        "Serve the web interface (default 127.0.0.1:8080). Officials sign in with their\n"
        "login or NIP and the password set by 'sakip user passwd'. SIGTERM or Ctrl-C stops\n"
        "the server after the requests in flight. --threads: request threads, each with\n"
        "its own database connection (default: one per processor, at least 2); writes\n"
        "share one committing thread.\n"
        "--tls-cert/--tls-key serve HTTPS directly; in production nginx in front is the\n"
        "usual way (doc/deploy.md).\n";

static const char user_usage[] =
        "usage: sakip [--db PATH] user passwd LOGIN --stdin [--admin]\n"
        "\n"
        "Set LOGIN's password from the first line of standard input (argon2id); it ends\n"
        "the person's web sessions. --admin also makes the person an administrator.\n";

static const char token_usage[] =
        "usage: sakip [--db PATH] token create --as LOGIN [--label TEXT] [--days N]\n"
        "       sakip [--db PATH] token list --as LOGIN [--json]\n"
        "       sakip [--db PATH] token revoke ID\n"
        "\n"
        "create: a bearer token with which a program acts as LOGIN through the JSON API\n"
        "(doc/api.md): 'Authorization: Bearer TOKEN'. The token is printed once; only its\n"
        "hash is stored. It expires after N days (default 365). list: LOGIN's tokens with\n"
        "their ids, labels and dates. revoke: the token stops working at once. A new\n"
        "password revokes all of a person's tokens.\n";

/* "2026-11-21 08:00 UTC" of t, or "-" for 0/NULL. */
static void print_time(json_t *v)
{
	if (!json_is_integer(v)) {
		printf("%-21s", "-");
		return;
	}
	time_t t = (time_t)json_integer_value(v);
	char when[32];
	strftime(when, sizeof when, "%Y-%m-%d %H:%M UTC", gmtime(&t));
	printf("%-21s", when);
}

static int token_list(Db *db, const char *login, bool as_json)
{
	Buf err = BUF_INIT;
	json_t *list = web_token_list_json(db, login, &err);
	int rc = EXIT_OK;
	if (!list) {
		rc = cli_fail("%s", buf_str(&err));
	} else if (as_json) {
		cli_print_json(list);
	} else {
		printf("%-6s %-21s %-21s %-21s %s\n", "ID", "DIBUAT", "BERLAKU SAMPAI", "DICABUT",
		       "LABEL");
		size_t i;
		json_t *t;
		json_array_foreach (list, i, t) {
			printf("%-6lld ", (long long)json_integer_value(json_object_get(t, "id")));
			print_time(json_object_get(t, "created_at"));
			putchar(' ');
			print_time(json_object_get(t, "expires_at"));
			putchar(' ');
			print_time(json_object_get(t, "revoked_at"));
			const char *label = json_string_value(json_object_get(t, "label"));
			printf(" %s\n", label ? label : "");
		}
	}
	json_decref(list);
	buf_free(&err);
	return rc;
}

int token_cmd(Cli *c)
{
	const char *pos[2] = {NULL, NULL}, *login = NULL, *label = NULL, *days = NULL;
	bool as_json = false;
	CliOpt opts[] = {{"--as", CLI_VALUE, &login},
	                 {"--label", CLI_VALUE, &label},
	                 {"--days", CLI_VALUE, &days},
	                 {"--json", CLI_FLAG, &as_json}};
	if (cli_wants_help(c)) {
		fputs(token_usage, stdout);
		return EXIT_OK;
	}
	if (cli_parse(c, opts, COUNT(opts), pos, 2, token_usage) != EXIT_OK)
		return EXIT_USAGE;
	bool create = pos[0] && strcmp(pos[0], "create") == 0 && login && !pos[1];
	bool list = pos[0] && strcmp(pos[0], "list") == 0 && login && !pos[1];
	bool revoke = pos[0] && strcmp(pos[0], "revoke") == 0 && pos[1];
	if (!create && !list && !revoke)
		return cli_usage(token_usage);
	int n_days = 0;
	if (days && (!str_is_digits(days) || strlen(days) > 4 || (n_days = atoi(days)) < 1))
		return cli_fail("--days \"%s\": write a number of days, 1 to 3660", days);
	if (revoke && (!str_is_digits(pos[1]) || strlen(pos[1]) > 15))
		return cli_fail("token revoke \"%s\": write the token's ID (token list)", pos[1]);
	Db *db = cli_open_db(c, DB_OPEN_WRITE);
	if (!db)
		return EXIT_INVALID;
	Buf err = BUF_INIT;
	int rc = EXIT_OK;
	if (list) {
		rc = token_list(db, login, as_json);
	} else if (revoke) {
		if (web_token_revoke(db, atoll(pos[1]), time(NULL), &err) != 0)
			rc = cli_fail("%s", buf_str(&err));
		else
			printf("token %s revoked\n", pos[1]);
	} else {
		char token[65];
		if (web_token_create(db, login, label, n_days, time(NULL), token, &err) != 0)
			rc = cli_fail("%s", buf_str(&err));
		else
			printf("%s\n", token);
	}
	buf_free(&err);
	db_close(db);
	return rc;
}

int serve_cmd(Cli *c)
{
	WebServeOptions o = {0};
	const char *threads = NULL;
	CliOpt opts[] = {{"--listen", CLI_VALUE, &o.listen},
	                 {"--threads", CLI_VALUE, &threads},
	                 {"--tls-cert", CLI_VALUE, &o.tls_cert},
	                 {"--tls-key", CLI_VALUE, &o.tls_key}};
	if (cli_wants_help(c)) {
		fputs(serve_usage, stdout);
		return EXIT_OK;
	}
	if (cli_parse(c, opts, COUNT(opts), NULL, 0, serve_usage) != EXIT_OK)
		return EXIT_USAGE;
	if (threads && (!str_is_digits(threads) || strlen(threads) > 3))
		return cli_fail("--threads \"%s\": write a number of threads, 1 to 64", threads);
	o.threads = threads ? atoi(threads) : 0;
	if (threads && o.threads == 0)
		return cli_fail("--threads 0: at least one thread");
	Db *db = cli_open_db(c, DB_OPEN_WRITE);
	if (!db)
		return EXIT_INVALID;
	Buf err = BUF_INIT;
	int rc = web_serve(db, &o, &err) == 0 ? EXIT_OK : cli_fail("%s", buf_str(&err));
	buf_free(&err);
	db_close(db);
	return rc;
}

int user_cmd(Cli *c)
{
	const char *pos[2] = {NULL, NULL};
	bool from_stdin = false, admin = false;
	CliOpt opts[] = {{"--stdin", CLI_FLAG, &from_stdin}, {"--admin", CLI_FLAG, &admin}};
	if (cli_wants_help(c)) {
		fputs(user_usage, stdout);
		return EXIT_OK;
	}
	if (cli_parse(c, opts, COUNT(opts), pos, 2, user_usage) != EXIT_OK)
		return EXIT_USAGE;
	if (!pos[0] || strcmp(pos[0], "passwd") != 0 || !pos[1] || !from_stdin)
		return cli_usage(user_usage);
	char line[1100];
	if (!fgets(line, sizeof line, stdin))
		return cli_fail("no password on standard input");
	line[strcspn(line, "\r\n")] = 0;
	Db *db = cli_open_db(c, DB_OPEN_WRITE);
	if (!db)
		return EXIT_INVALID;
	Buf err = BUF_INIT;
	int rc = EXIT_OK;
	if (web_password_set(db, pos[1], line, &err) != 0) {
		rc = cli_fail("%s", buf_str(&err));
	} else {
		if (admin)
			db_exec(db, "UPDATE person SET admin=1 WHERE login=:l",
			        DB_TEXT(":l", pos[1]), DB_END);
		printf("password of %s set%s\n", pos[1], admin ? "; administrator" : "");
	}
	explicit_bzero(line, sizeof line);
	buf_free(&err);
	db_close(db);
	return rc;
}
