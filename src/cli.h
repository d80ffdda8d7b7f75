/*
** cli.h: the command line. cli.c parses the global options and dispatches
** to the *_cmd entry points; cli_sop.c holds the "sop" commands.
*/
#ifndef SAKIP_CLI_H
#define SAKIP_CLI_H

#include "store.h"
#include "util.h"

#include <jansson.h>

/* Exit statuses of every command. */
enum { EXIT_OK = 0, EXIT_USAGE = 1, EXIT_INVALID = 2 };

typedef struct Cli {
	const char *db_flag; /* --db PATH, or NULL */
	int argc;            /* the command's own arguments, after its name */
	char **argv;
} Cli;

int cli_main(int argc, char **argv);

/* Helpers for commands. */
bool cli_wants_help(const Cli *c);
int cli_usage(const char *usage);                     /* prints, returns EXIT_USAGE */
int cli_fail(const char *fmt, ...) PRINTF_LIKE(1, 2); /* prints, returns EXIT_INVALID */
Db *cli_open_db(const Cli *c, unsigned flags);        /* NULL after printing why */
void cli_print_json(json_t *j);                       /* indented, key order kept, on stdout */

/*
** Options of a command. A FLAG sets a bool; a VALUE takes the next
** argument; a MULTI may repeat (up to 32 values). Anything not starting
** with "--" is positional. cli_parse() prints the usage and returns
** EXIT_USAGE on anything unknown or missing, else EXIT_OK.
*/
typedef enum CliOptKind { CLI_FLAG, CLI_VALUE, CLI_MULTI } CliOptKind;
typedef struct CliMulti {
	const char *v[32];
	int n;
} CliMulti;
typedef struct CliOpt {
	const char *name;
	CliOptKind kind;
	void *out; /* bool *, const char **, CliMulti * */
} CliOpt;
int cli_parse(const Cli *c, const CliOpt *opts, int n_opts, const char **pos, int n_pos,
              const char *usage);
/* Subcommands: "sakip case start" runs the "start" entry of case's table. */
typedef struct CliSub {
	const char *name;
	int (*fn)(Cli *);
} CliSub;
int cli_dispatch(const Cli *c, const CliSub *subs, size_t n, const char *usage,
                 const char *command);
/* Parse a whole positive id ("12"); 0 if not one. */
int64_t cli_id(const char *s);
/* The person with login, or 0 after printing why. */
int64_t cli_person(Db *db, const char *login);
/* The engine hooks every command that acts on tasks installs: kpi_flow.c's, then report.c's. */
typedef struct Wf Wf;
void cli_install_hooks(Wf *wf);
/* The database and an engine context with those hooks; NULL after printing why. */
Wf *cli_open_wf(Cli *c, unsigned flags);
void cli_close_wf(Wf *wf); /* and its database; NULL is fine */
/*
** One line of standard input (without its end) into line; false at end of
** input. For passphrases: the caller explicit_bzero()s it.
*/
bool cli_read_line(char *line, size_t cap);

int init_cmd(Cli *c);
int sop_cmd(Cli *c);
int demo_cmd(Cli *c);
int org_cmd(Cli *c);
int case_cmd(Cli *c);
int task_cmd(Cli *c);
int audit_cmd(Cli *c);
int agency_cmd(Cli *c);
int kpi_cmd(Cli *c);
int serve_cmd(Cli *c);
int user_cmd(Cli *c);
int token_cmd(Cli *c);
int report_cmd(Cli *c);
int lkj_cmd(Cli *c);
/* cli_report.c */
int key_cmd(Cli *c);
int verify_cmd(Cli *c);
int config_cmd(Cli *c);
int case_documents(Cli *c); /* sakip case documents */

#endif
