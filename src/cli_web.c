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
        "its own database connection (default 4); writes share one committing thread.\n"
        "--tls-cert/--tls-key serve HTTPS directly; in production nginx in front is the\n"
        "usual way (doc/deploy.md).\n";

static const char user_usage[] =
        "usage: sakip [--db PATH] user passwd LOGIN --stdin [--admin]\n"
        "\n"
        "Set LOGIN's password from the first line of standard input (argon2id); it ends\n"
        "the person's web sessions. --admin also makes the person an administrator.\n";

static const char token_usage[] =
        "usage: sakip [--db PATH] token create --as LOGIN [--label TEXT]\n"
        "\n"
        "Create a bearer token with which a program acts as LOGIN through the JSON API\n"
        "(doc/api.md): 'Authorization: Bearer TOKEN'. The token is printed once; only its\n"
        "hash is stored.\n";

int token_cmd(Cli *c)
{
	const char *pos[1] = {NULL}, *login = NULL, *label = NULL;
	CliOpt opts[] = {{"--as", CLI_VALUE, &login}, {"--label", CLI_VALUE, &label}};
	if (cli_wants_help(c)) {
		fputs(token_usage, stdout);
		return EXIT_OK;
	}
	if (cli_parse(c, opts, COUNT(opts), pos, 1, token_usage) != EXIT_OK)
		return EXIT_USAGE;
	if (!pos[0] || strcmp(pos[0], "create") != 0 || !login)
		return cli_usage(token_usage);
	Db *db = cli_open_db(c, DB_OPEN_WRITE);
	if (!db)
		return EXIT_INVALID;
	Buf err = BUF_INIT;
	char token[65];
	int rc = EXIT_OK;
	if (web_token_create(db, login, label, time(NULL), token, &err) != 0)
		rc = cli_fail("%s", buf_str(&err));
	else
		printf("%s\n", token);
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
