/*
** web_http.c: the only file that includes libmicrohttpd. It turns a
** connection into a WebRequest, hands it to web_handle(), and sends the
** WebReply with the security headers every page carries (CSP with the
** page's nonce, nosniff, no referrer, no framing). Bodies over
** WEB_MAX_BODY are refused with 413: the excess is read and dropped, never
** kept (nginx's client_max_body_size stops it earlier). One request at
** a time on one database connection; SIGTERM or SIGINT stops accepting,
** lets the request in flight finish, and closes.
*/
#include "web.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

typedef struct Conn {
	Buf body;
	bool too_big;
} Conn;

static volatile sig_atomic_t stopping;

static void on_signal(int sig)
{
	(void)sig;
	stopping = 1;
}

static enum MHD_Result collect_query(void *cls, enum MHD_ValueKind kind, const char *key,
                                     const char *value)
{
	(void)kind;
	WebRequest *req = cls;
	if (req->n_query < WEB_MAX_PARAMS && key) {
		req->query[req->n_query].name = arena_strdup(req->arena, key);
		req->query[req->n_query].value = arena_strdup(req->arena, value ? value : "");
		req->n_query++;
	}
	return MHD_YES;
}

static double seconds_since(const struct timespec *t0)
{
	struct timespec t1;
	clock_gettime(CLOCK_MONOTONIC, &t1);
	return (double)(t1.tv_sec - t0->tv_sec) + (double)(t1.tv_nsec - t0->tv_nsec) / 1e9;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *con, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
	(void)version;
	WebApp *app = cls;
	Conn *conn = *con_cls;
	if (!conn) {
		conn = xcalloc(1, sizeof *conn);
		*con_cls = conn;
		return MHD_YES;
	}
	if (*upload_size) {
		if (conn->body.len + *upload_size > WEB_MAX_BODY)
			conn->too_big = true;
		else
			buf_append(&conn->body, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	Arena arena = ARENA_INIT;
	WebRequest req = {0};
	WebReply rep = {0};
	req.arena = &arena;
	req.method = method;
	req.path = url;
	const union MHD_ConnectionInfo *ci =
	        MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	char remote[INET6_ADDRSTRLEN] = "?";
	if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, remote,
		          sizeof remote);
	else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr,
		          remote, sizeof remote);
	req.remote = remote;
	/* Behind nginx on the same machine (doc/deploy.md): the client and the scheme it used. */
	if (strcmp(remote, "127.0.0.1") == 0 || strcmp(remote, "::1") == 0) {
		const char *fwd =
		        MHD_lookup_connection_value(con, MHD_HEADER_KIND, "X-Forwarded-For");
		const char *proto =
		        MHD_lookup_connection_value(con, MHD_HEADER_KIND, "X-Forwarded-Proto");
		if (fwd && *fwd && strlen(fwd) < 200)
			req.remote = arena_strdup(&arena, fwd);
		req.tls = proto && strcmp(proto, "https") == 0;
	}
	const char *cookie = MHD_lookup_connection_value(con, MHD_COOKIE_KIND, "sakip");
	req.cookie_session = cookie ? arena_strdup(&arena, cookie) : NULL;
	MHD_get_connection_values(con, MHD_GET_ARGUMENT_KIND, collect_query, &req);
	if (conn->too_big) {
		rep.status = 413;
		rep.content_type = "text/plain; charset=utf-8";
		buf_puts(&rep.body, "Permintaan terlalu besar.\n");
	} else if (conn->body.len && !utf8_check(buf_str(&conn->body), conn->body.len, NULL)) {
		rep.status = 400;
		rep.content_type = "text/plain; charset=utf-8";
		buf_puts(&rep.body,
		         "Isian formulir bukan teks UTF-8 yang sah; tidak ada yang diubah.\n");
	} else {
		req.body = buf_str(&conn->body);
		req.body_len = conn->body.len;
		const char *type =
		        MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Type");
		if (conn->body.len && type &&
		    strncmp(type, "application/x-www-form-urlencoded", 33) == 0)
			req.n_form = web_parse_urlencoded(&arena, buf_str(&conn->body),
			                                  conn->body.len, req.form, WEB_MAX_PARAMS);
		if (req.n_form < 0) {
			req.n_form = 0;
			rep.status = 400;
			rep.content_type = "text/plain; charset=utf-8";
			buf_puts(&rep.body,
			         "Isian formulir memuat bait NUL atau teks yang bukan UTF-8; "
			         "tidak ada yang diubah.\n");
		}
		const char *auth =
		        MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Authorization");
		if (auth && strncmp(auth, "Bearer ", 7) == 0)
			req.bearer = arena_strdup(&arena, auth + 7);
		if (rep.status != 400)
			web_handle(app, &req, &rep, time(NULL));
	}
	struct MHD_Response *r = MHD_create_response_from_buffer(
	        rep.body.len, rep.body.data ? rep.body.data : (void *)"", MHD_RESPMEM_MUST_COPY);
	char csp[256];
	snprintf(csp, sizeof csp,
	         "default-src 'none'; style-src 'nonce-%s'; img-src 'self' data:; "
	         "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
	         rep.nonce);
	MHD_add_response_header(r, "Content-Type", rep.content_type);
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	if (rep.location)
		MHD_add_response_header(r, "Location", rep.location);
	if (rep.disposition) MHD_add_response_header(r, "Content-Disposition", rep.disposition);
	if (rep.set_cookie[0])
		MHD_add_response_header(r, "Set-Cookie", rep.set_cookie);
	enum MHD_Result ret = MHD_queue_response(con, (unsigned)rep.status, r);
	MHD_destroy_response(r);
	double dt = seconds_since(&t0);
	web_metrics_note(app, rep.status, dt);
	/* The access log: one line per request. */
	/* Control bytes of the (decoded) path would forge log lines: shown as '?'. */
	char shown[512];
	size_t n = 0;
	for (const char *p = url; *p && n + 1 < sizeof shown; p++)
		shown[n++] = (unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p;
	shown[n] = 0;
	fprintf(stderr, "%s %s %d %zu %.1fms\n", method, shown, rep.status, rep.body.len,
	        dt * 1000);
	web_reply_free(&rep);
	arena_free(&arena);
	return ret;
}

static void completed(void *cls, struct MHD_Connection *con, void **con_cls,
                      enum MHD_RequestTerminationCode code)
{
	(void)cls, (void)con, (void)code;
	Conn *conn = *con_cls;
	if (conn) {
		buf_free(&conn->body);
		free(conn);
		*con_cls = NULL;
	}
}

int web_serve(Db *db, const char *listen, Buf *err)
{
	char host[64] = "127.0.0.1";
	int port = 8080;
	if (listen) {
		const char *colon = strrchr(listen, ':');
		if (!colon || colon - listen >= (long)sizeof host || atoi(colon + 1) <= 0 ||
		    atoi(colon + 1) > 65535) {
			buf_printf(err,
			           "--listen \"%s\": write ADDRESS:PORT, e.g. 127.0.0.1:8080\n",
			           listen);
			return -1;
		}
		snprintf(host, sizeof host, "%.*s", (int)(colon - listen), listen);
		port = atoi(colon + 1);
	}
	struct sockaddr_in addr = {0};
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
		buf_printf(err, "--listen: \"%s\" is not an IPv4 address\n", host);
		return -1;
	}
	WebApp *app = web_app_new(db);
	struct MHD_Daemon *d = MHD_start_daemon(
	        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_ERROR_LOG, (uint16_t)port, NULL, NULL,
	        answer, app, MHD_OPTION_SOCK_ADDR, &addr, MHD_OPTION_NOTIFY_COMPLETED, completed,
	        NULL, MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(64 * 1024),
	        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30, MHD_OPTION_END);
	if (!d) {
		buf_printf(err, "cannot listen on %s:%d (in use, or not allowed)\n", host, port);
		web_app_free(app);
		return -1;
	}
	signal(SIGTERM, on_signal);
	signal(SIGINT, on_signal);
	fprintf(stderr, "sakip serve: listening on http://%s:%d/ (database %s)\n", host, port,
	        db_path(db));
	while (!stopping)
		pause();
	/* Stop accepting; the request in flight completes in the daemon's thread. */
	MHD_stop_daemon(d);
	web_app_free(app);
	fprintf(stderr, "sakip serve: stopped\n");
	return 0;
}
