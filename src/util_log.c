/*
** util_log.c: leveled logging to standard error.
**
** One line per message, prefixed with a UTC timestamp and the level. The
** level comes from SAKIP_LOG (debug, info, warn, error; default warn for
** the CLI so that normal output stays clean). Messages meant for the user
** of a command are printed by the command itself, not logged.
*/
#include "util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static enum log_level log_threshold = LOG_WARN;

void log_set_level(enum log_level level)
{
	log_threshold = level;
}

void log_init_from_env(void)
{
	const char *v = getenv("SAKIP_LOG");
	if (!v)
		return;
	if (strcmp(v, "debug") == 0)
		log_threshold = LOG_DEBUG;
	else if (strcmp(v, "info") == 0)
		log_threshold = LOG_INFO;
	else if (strcmp(v, "warn") == 0)
		log_threshold = LOG_WARN;
	else if (strcmp(v, "error") == 0)
		log_threshold = LOG_ERROR;
}

void time_now_iso(char out[32])
{
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void log_msg(enum log_level level, const char *fmt, ...)
{
	static const char *names[] = {"debug", "info", "warn", "error"};
	if (level < log_threshold)
		return;
	char stamp[32];
	time_now_iso(stamp);
	Buf b = BUF_INIT;
	buf_printf(&b, "%s %s ", stamp, names[level]);
	va_list ap;
	va_start(ap, fmt);
	buf_vprintf(&b, fmt, ap);
	va_end(ap);
	buf_putc(&b, '\n');
	/* One write per line, so lines from several threads do not mix. */
	fwrite(b.data, 1, b.len, stderr);
	buf_free(&b);
}
