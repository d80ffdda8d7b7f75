/*
** cli.h: the command line. cli.c parses the global options and dispatches
** to the *_cmd entry points; cli_sop.c holds the "sop" commands.
*/
#ifndef SAKIP_CLI_H
#define SAKIP_CLI_H

#include "store.h"
#include "util.h"

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

int init_cmd(Cli *c);
int sop_cmd(Cli *c);

#endif
