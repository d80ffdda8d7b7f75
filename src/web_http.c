/*
** web_http.c: the only file that includes libmicrohttpd. It turns a
** connection into a WebRequest, hands it to web_handle(), and sends the
** WebReply with the security headers every page carries (CSP with the
** page's nonce, nosniff, no referrer, no framing).
**
** Bodies: an urlencoded (or JSON) body is kept in memory up to
** WEB_MAX_BODY; a multipart/form-data body goes through libmicrohttpd's
** post processor, its files streamed to temporary files (removed after
** the reply) and its text fields into the form, WEB_MAX_UPLOAD in all.
** Anything larger is answered 413: the excess is read and dropped, never
** kept (nginx's client_max_body_size stops it earlier). Field names,
** values and file names must be UTF-8 without NUL bytes, else 400.
**
** Threads: a pool of libmicrohttpd threads, each with its own database
** connection and engine context, made on its first request. Pages are
** read there, side by side. A write is checked there too (session, role,
** CSRF), then its connection is suspended and its handler queued for one
** committer thread, which runs the handlers of all waiting writes as
** savepoints of one transaction and commits once (group commit,
** db_batch_begin()), then resumes the connections: each reply leaves only
** after its change is durable, many approvals share one fsync, and no
** request thread waits for a disk. Writes that hash a password or unlock a
** signing key (argon2id: tens of milliseconds) go, the same way, to one lone
** writer thread with a connection of its own, so no request thread is held
** up by them either.
**
** SIGTERM or SIGINT stops accepting, lets the writes in flight commit and
** their replies go, and closes. TLS when given a certificate and key.
*/
#include "web.h"

#include <arpa/inet.h>
#include <errno.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

enum { MAX_THREADS = 64, MAX_BATCH = 256 };

/* A writing handler waiting for the committer. */
typedef struct Job {
	WebCtx *c;
	WebHandler handler;
	struct MHD_Connection *con; /* suspended until the batch commits */
	bool *ready;                /* set before the connection is resumed */
	struct Job *next;
} Job;

typedef struct Server Server;

/* A thread that runs writes: the committer (batched) or the lone writer. */
typedef struct Writer {
	Server *s;
	WebApp *app; /* its own connection and engine context */
	bool batch;  /* group commit; else one write at a time, as it comes */
	pthread_cond_t work;
	Job *head, *tail;
	pthread_t thread;
} Writer;

struct Server {
	WebApp *app; /* the committer's, on the caller's connection */
	const char *db_path;
	bool tls;
	pthread_mutex_t lock;
	pthread_cond_t idle;
	Writer committer, lone;
	int in_flight; /* writes queued or suspended, not yet answered */
	bool stop;
	bool draining;             /* shutting down: no new suspended writes */
	WebApp *apps[MAX_THREADS]; /* one per pool thread */
	Db *dbs[MAX_THREADS];
	int n_apps;
	long batches, batched; /* for the log at exit */
};

static _Thread_local WebApp *thread_app;

/* ---- one connection's body ------------------------------------------------- */

typedef struct Conn {
	Buf body; /* a body that is not multipart */
	bool too_big;
	const char *bad; /* a 400 message */
	size_t received;
	/* multipart/form-data */
	bool multipart;
	struct MHD_PostProcessor *pp;
	Arena arena;
	WebParam form[WEB_MAX_PARAMS];
	int n_form;
	WebFile files[WEB_MAX_FILES];
	int n_files;
	FILE *fp;          /* the file part being written */
	char *part_key;    /* the part being received */
	char *part_name;   /* its file name, NULL for a text field */
	bool part_file;    /* it is a file */
	bool part_skip;    /* an empty file input (no file chosen): nothing kept */
	size_t part_bytes; /* received for this part */
	int bad_status;    /* of the bad message: 400, or 503 when the server failed */
	Buf value;         /* a text part's value so far */
	size_t text_len;   /* text received in all */
	/* The request being answered: kept here while a write waits for its batch. */
	WebRequest req;
	WebReply rep;
	WebCtx ctx;
	char remote[INET6_ADDRSTRLEN];
	struct timespec t0;
	Job job;
	bool queued; /* a write went to the committer: counted in Server.in_flight */
	bool ready;  /* its batch is over: the reply can go */
} Conn;

static bool text_ok(const char *s, size_t n)
{
	return memchr(s, 0, n) == NULL && utf8_check(s, n, NULL);
}

/* The spool cannot take the upload: the server's fault, not the form's (503). */
static int spool_failed(Conn *conn)
{
	conn->bad = "Berkas unggahan tidak dapat disimpan sementara di server; coba lagi nanti.";
	conn->bad_status = 503;
	return -1;
}

/* The text part received so far becomes a form field. */
static void part_end(Conn *conn)
{
	if (conn->fp) {
		if (fclose(conn->fp) != 0 && !conn->bad)
			spool_failed(conn);
		conn->fp = NULL;
	}
	if (conn->part_key && !conn->part_file) {
		if (!text_ok(buf_str(&conn->value), conn->value.len)) {
			conn->bad =
			        "Isian formulir memuat bait NUL atau teks yang bukan UTF-8; tidak "
			        "ada yang diubah.";
		} else if (conn->n_form == WEB_MAX_PARAMS) {
			conn->bad =
			        "Terlalu banyak isian dalam satu formulir; tidak ada yang diubah.";
		} else {
			conn->form[conn->n_form].name = conn->part_key;
			conn->form[conn->n_form].value =
			        arena_strndup(&conn->arena, buf_str(&conn->value), conn->value.len);
			conn->n_form++;
		}
	}
	conn->part_key = conn->part_name = NULL;
	conn->part_skip = false;
	conn->part_bytes = 0;
	buf_reset(&conn->value);
}

/* A file name as the browser sent it, without any directories. */
static const char *base_name(const char *name)
{
	const char *b = name;
	for (const char *p = name; *p; p++)
		if (*p == '/' || *p == '\\')
			b = p + 1;
	return b;
}

static int part_begin(Conn *conn, const char *key, const char *filename, const char *type)
{
	part_end(conn);
	if (!key || !text_ok(key, strlen(key)) ||
	    (filename && !text_ok(filename, strlen(filename)))) {
		conn->bad = "Nama isian atau nama berkas bukan teks UTF-8 yang sah; tidak ada yang "
		            "diubah.";
		return -1;
	}
	conn->part_key = arena_strdup(&conn->arena, key);
	conn->part_name = filename ? arena_strdup(&conn->arena, filename) : NULL;
	conn->part_file = filename != NULL;
	/* A file input left empty arrives as a part with an empty name: no file. */
	conn->part_skip = filename && !*filename;
	if (!filename || conn->part_skip)
		return 0;
	if (conn->n_files == WEB_MAX_FILES) {
		conn->bad = "Terlalu banyak berkas dalam satu formulir.";
		return -1;
	}
	const char *dir = getenv("TMPDIR");
	char *path =
	        arena_printf(&conn->arena, "%s/sakip-upload-XXXXXX", dir && *dir ? dir : "/tmp");
	int fd = mkstemp(path);
	if (fd < 0)
		return spool_failed(conn);
	if (!(conn->fp = fdopen(fd, "wb"))) {
		close(fd);
		unlink(path);
		return spool_failed(conn);
	}
	conn->files[conn->n_files++] =
	        (WebFile){conn->part_key, arena_strdup(&conn->arena, base_name(filename)),
	                  arena_strdup(&conn->arena, type ? type : ""), path, 0};
	return 0;
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *type, const char *encoding,
                               const char *data, uint64_t off, size_t size)
{
	(void)kind, (void)encoding;
	Conn *conn = cls;
	if (conn->bad || conn->too_big)
		return MHD_NO;
	/* A new part: at offset 0, unless it continues an empty part of the same name and file. */
	bool same = conn->part_key && key && strcmp(conn->part_key, key) == 0 &&
	            (filename == NULL) == (conn->part_name == NULL) &&
	            (!filename || strcmp(filename, conn->part_name) == 0);
	if (off == 0 && (!same || conn->part_bytes > 0))
		if (part_begin(conn, key, filename, type) != 0)
			return MHD_NO;
	if (!size)
		return MHD_YES;
	conn->part_bytes += size;
	if (conn->part_skip)
		return MHD_YES; /* bytes of a file without a name: dropped */
	if (conn->part_file) {
		WebFile *f = &conn->files[conn->n_files - 1];
		if (f->size + size > WF_MAX_ATTACHMENT) {
			conn->too_big = true;
			return MHD_NO;
		}
		if (fwrite(data, 1, size, conn->fp) != size) {
			spool_failed(conn);
			return MHD_NO;
		}
		f->size += size;
	} else {
		conn->text_len += size;
		if (conn->text_len > WEB_MAX_BODY) {
			conn->too_big = true;
			return MHD_NO;
		}
		buf_append(&conn->value, data, size);
	}
	return MHD_YES;
}

/* The uploaded files are gone once the handler has run (or will not). */
static void spool_remove(Conn *conn)
{
	if (conn->fp) {
		fclose(conn->fp);
		conn->fp = NULL;
	}
	for (int i = 0; i < conn->n_files; i++)
		unlink(conn->files[i].path);
	conn->n_files = 0;
}

static void conn_free(Conn *conn)
{
	if (conn->pp)
		MHD_destroy_post_processor(conn->pp);
	spool_remove(conn);
	web_reply_free(&conn->rep);
	buf_free(&conn->value);
	buf_free(&conn->body);
	arena_free(&conn->arena);
	free(conn);
}

/* Take in a piece of the body. */
static void conn_receive(Conn *conn, const char *data, size_t n)
{
	conn->received += n;
	if (conn->too_big || conn->bad)
		return; /* read and dropped */
	if (conn->pp) {
		if (conn->received > WEB_MAX_UPLOAD)
			conn->too_big = true;
		else if (MHD_post_process(conn->pp, data, n) != MHD_YES && !conn->too_big &&
		         !conn->bad)
			conn->bad = "Formulir multipart tidak dapat dibaca.";
	} else if (conn->body.len + n > WEB_MAX_BODY) {
		conn->too_big = true;
	} else {
		buf_append(&conn->body, data, n);
	}
}

/* ---- the group commit ---------------------------------------------------------- */

/* Run a list of jobs in batches; each job's reply says whether it was saved. */
static void run_jobs(Server *s, Job *jobs)
{
	Db *db = web_app_db(s->committer.app);
	Wf *wf = web_app_wf(s->committer.app);
	Job *first = jobs; /* the first job of the open batch */
	if (db_batch_begin(db) != DB_OK) {
		for (Job *j = jobs; j; j = j->next)
			web_unsaved(j->c);
		return;
	}
	for (Job *j = jobs; j; j = j->next) {
		j->c->db = db;
		j->c->wf = wf;
		j->handler(j->c);
		db_rollback(db); /* a handler that left its write open loses it */
		s->batched++;
		if (!db_batch_alive(db)) {
			/* The database ended the transaction: this batch's writes are lost. */
			for (Job *k = first; k != j->next; k = k->next)
				web_unsaved(k->c);
			db_batch_commit(db);
			first = j->next;
			if (db_batch_begin(db) != DB_OK) {
				for (Job *k = first; k; k = k->next)
					web_unsaved(k->c);
				return;
			}
		}
	}
	s->batches++;
	if (db_batch_commit(db) != DB_OK) {
		fprintf(stderr, "sakip serve: commit failed: %s\n", db_errmsg(db));
		for (Job *k = first; k; k = k->next)
			web_unsaved(k->c);
	}
}

/* A write that hashes a password or unlocks a key, by itself on the lone writer's connection. */
static void run_alone(Writer *w, Job *job)
{
	job->c->db = web_app_db(w->app);
	job->c->wf = web_app_wf(w->app);
	job->handler(job->c);
	db_rollback(job->c->db); /* a write the handler left open is undone, never kept */
}

/* A writer's loop: take waiting jobs, run them, resume their connections. */
static void *writer(void *arg)
{
	Writer *w = arg;
	Server *s = w->s;
	pthread_mutex_lock(&s->lock);
	for (;;) {
		while (!w->head && !s->stop)
			pthread_cond_wait(&w->work, &s->lock);
		if (!w->head)
			break;
		/* Take up to MAX_BATCH waiting jobs (one for the lone writer). */
		Job *jobs = w->head, *last = jobs;
		for (int n = 1; w->batch && n < MAX_BATCH && last->next; n++)
			last = last->next;
		w->head = last->next;
		if (!w->head)
			w->tail = NULL;
		last->next = NULL;
		pthread_mutex_unlock(&s->lock);
		if (w->batch) {
			run_jobs(s, jobs);
			wf_calendars_settled();
		} else {
			run_alone(w, jobs);
		}
		for (Job *j = jobs, *next; j; j = next) {
			next = j->next; /* the job lives in its connection: gone once resumed */
			*j->ready = true;
			MHD_resume_connection(j->con);
		}
		pthread_mutex_lock(&s->lock);
	}
	pthread_mutex_unlock(&s->lock);
	return NULL;
}

/* Queue the write of a suspended connection for writer w. */
static void queue_job(Server *s, Writer *w, Job *job)
{
	pthread_mutex_lock(&s->lock);
	job->next = NULL;
	if (w->tail)
		w->tail->next = job;
	else
		w->head = job;
	w->tail = job;
	pthread_cond_signal(&w->work);
	pthread_mutex_unlock(&s->lock);
}

/* A queued write's request is over: its reply has gone, or its client left. */
static void job_answered(Server *s)
{
	pthread_mutex_lock(&s->lock);
	if (--s->in_flight == 0)
		pthread_cond_broadcast(&s->idle);
	pthread_mutex_unlock(&s->lock);
}

/* This pool thread's app and connection, made on its first request; NULL if none. */
static WebApp *thread_app_get(Server *s)
{
	if (thread_app)
		return thread_app;
	pthread_mutex_lock(&s->lock);
	if (s->n_apps < MAX_THREADS) {
		Buf err = BUF_INIT;
		Db *db = db_open(s->db_path, DB_OPEN_WRITE, &err);
		if (db) {
			/* Readers share the OS page cache; a small page cache each keeps RSS low.
			 */
			db_exec(db, "PRAGMA cache_size=-2048", DB_END);
			thread_app = web_app_clone(s->app, db);
			s->dbs[s->n_apps] = db;
			s->apps[s->n_apps++] = thread_app;
		} else {
			fprintf(stderr, "sakip serve: %s", buf_str(&err));
		}
		buf_free(&err);
	}
	pthread_mutex_unlock(&s->lock);
	return thread_app;
}

/* ---- requests ---------------------------------------------------------------- */

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

static void plain(WebReply *rep, int status, const char *text)
{
	rep->status = status;
	rep->content_type = "text/plain; charset=utf-8";
	buf_reset(&rep->body);
	buf_puts(&rep->body, text);
	buf_putc(&rep->body, '\n');
}

static Conn *conn_new(struct MHD_Connection *con)
{
	Conn *conn = xcalloc(1, sizeof *conn);
	conn->arena = (Arena)ARENA_INIT;
	const char *type = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Type");
	if (type && strncasecmp(type, "multipart/form-data", 19) == 0) {
		conn->multipart = true;
		conn->pp = MHD_create_post_processor(con, 64 * 1024, on_part, conn);
		if (!conn->pp)
			conn->bad = "Formulir multipart tanpa batas (boundary) yang sah.";
	}
	return conn;
}

/* Fill the request from the connection and its body; false with a 400/413 reply. */
static bool request_fill(Server *s, struct MHD_Connection *con, Conn *conn, WebRequest *req,
                         WebReply *rep, char remote[INET6_ADDRSTRLEN])
{
	Arena *arena = req->arena;
	const union MHD_ConnectionInfo *ci =
	        MHD_get_connection_info(con, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)ci->client_addr)->sin_addr, remote,
		          INET6_ADDRSTRLEN);
	else if (ci && ci->client_addr && ci->client_addr->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)ci->client_addr)->sin6_addr,
		          remote, INET6_ADDRSTRLEN);
	req->remote = remote;
	req->tls = s->tls;
	/* Behind nginx on the same machine (doc/deploy.md): the client and the scheme it used. */
	if (!s->tls && (strcmp(remote, "127.0.0.1") == 0 || strcmp(remote, "::1") == 0)) {
		const char *fwd =
		        MHD_lookup_connection_value(con, MHD_HEADER_KIND, "X-Forwarded-For");
		const char *proto =
		        MHD_lookup_connection_value(con, MHD_HEADER_KIND, "X-Forwarded-Proto");
		if (fwd && *fwd && strlen(fwd) < 200)
			req->remote = arena_strdup(arena, fwd);
		req->forwarded = fwd != NULL;
		req->tls = proto && strcmp(proto, "https") == 0;
	}
	const char *site = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Sec-Fetch-Site");
	req->cross_site = site && strcmp(site, "cross-site") == 0;
	const char *cookie = MHD_lookup_connection_value(con, MHD_COOKIE_KIND, "sakip");
	req->cookie_session = cookie ? arena_strdup(arena, cookie) : NULL;
	const char *auth = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Authorization");
	if (auth && strncmp(auth, "Bearer ", 7) == 0)
		req->bearer = arena_strdup(arena, auth + 7);
	MHD_get_connection_values(con, MHD_GET_ARGUMENT_KIND, collect_query, req);
	if (conn->pp && !conn->too_big && !conn->bad) {
		/* Delivers the last part; a body cut short (no closing boundary) is refused. */
		bool complete = MHD_destroy_post_processor(conn->pp) == MHD_YES;
		conn->pp = NULL;
		part_end(conn);
		if (!complete && !conn->bad)
			conn->bad = "Formulir multipart terpotong (tanpa batas penutup); tidak ada "
			            "yang "
			            "diubah.";
	}
	if (conn->too_big) {
		plain(rep, 413,
		      conn->multipart
		              ? "Berkas atau formulir terlalu besar (batas 20 MB per berkas, "
		                "64 MB seluruhnya, 1 MB teks isian)."
		              : "Permintaan terlalu besar (batas 1 MB untuk formulir).");
		return false;
	}
	if (conn->bad) {
		plain(rep, conn->bad_status ? conn->bad_status : 400, conn->bad);
		return false;
	}
	if (conn->multipart) {
		memcpy(req->form, conn->form, sizeof conn->form);
		req->n_form = conn->n_form;
		memcpy(req->files, conn->files, sizeof conn->files);
		req->n_files = conn->n_files;
		return true;
	}
	if (conn->body.len && !utf8_check(buf_str(&conn->body), conn->body.len, NULL)) {
		plain(rep, 400, "Isian formulir bukan teks UTF-8 yang sah; tidak ada yang diubah.");
		return false;
	}
	req->body = buf_str(&conn->body);
	req->body_len = conn->body.len;
	const char *type = MHD_lookup_connection_value(con, MHD_HEADER_KIND, "Content-Type");
	if (conn->body.len && type && strncmp(type, "application/x-www-form-urlencoded", 33) == 0)
		req->n_form = web_parse_urlencoded(arena, buf_str(&conn->body), conn->body.len,
		                                   req->form, WEB_MAX_PARAMS);
	if (req->n_form < 0) {
		req->n_form = 0;
		plain(rep, 400,
		      "Isian formulir memuat bait NUL atau teks yang bukan UTF-8; tidak ada yang "
		      "diubah.");
		return false;
	}
	return true;
}

/* Send conn's reply with the headers every reply carries, and log it. */
static enum MHD_Result reply_send(Server *s, struct MHD_Connection *con, Conn *conn, WebApp *app)
{
	WebReply *rep = &conn->rep;
	spool_remove(conn);
	struct MHD_Response *r = MHD_create_response_from_buffer(
	        rep->body.len, rep->body.data ? rep->body.data : (void *)"", MHD_RESPMEM_MUST_COPY);
	char csp[256];
	snprintf(csp, sizeof csp,
	         "default-src 'none'; style-src 'nonce-%s'; img-src 'self' data:; "
	         "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
	         rep->nonce);
	MHD_add_response_header(r, "Content-Type", rep->content_type);
	MHD_add_response_header(r, "Content-Security-Policy", csp);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Cache-Control", "no-store");
	if (s->tls)
		MHD_add_response_header(r, "Strict-Transport-Security", "max-age=31536000");
	if (rep->location)
		MHD_add_response_header(r, "Location", rep->location);
	if (rep->disposition)
		MHD_add_response_header(r, "Content-Disposition", rep->disposition);
	if (rep->set_cookie[0])
		MHD_add_response_header(r, "Set-Cookie", rep->set_cookie);
	enum MHD_Result ret = MHD_queue_response(con, (unsigned)rep->status, r);
	MHD_destroy_response(r);
	double dt = seconds_since(&conn->t0);
	if (app)
		web_metrics_note(app, rep->status, dt);
	/* The access log: one line per request. */
	/* Control bytes of the (decoded) path would forge log lines: shown as '?'. */
	char shown[512];
	size_t n = 0;
	for (const char *p = conn->req.path; *p && n + 1 < sizeof shown; p++)
		shown[n++] = (unsigned char)*p < 0x20 || *p == 0x7f ? '?' : *p;
	shown[n] = 0;
	fprintf(stderr, "%s %s %d %zu %.1fms\n", conn->req.method, shown, rep->status,
	        rep->body.len, dt * 1000);
	return ret;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *con, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
	(void)version;
	Server *s = cls;
	Conn *conn = *con_cls;
	if (!conn) {
		*con_cls = conn_new(con);
		return MHD_YES;
	}
	if (*upload_size) {
		conn_receive(conn, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	WebApp *app = thread_app_get(s);
	if (conn->ready) /* resumed: the write's batch has committed (or failed) */
		return reply_send(s, con, conn, app);
	clock_gettime(CLOCK_MONOTONIC, &conn->t0);
	WebRequest *req = &conn->req;
	req->arena = &conn->arena;
	req->method = method;
	req->path = url;
	snprintf(conn->remote, sizeof conn->remote, "?");
	if (!app) {
		plain(&conn->rep, 503, "Server sibuk: basis data tidak dapat dibuka.");
	} else if (request_fill(s, con, conn, req, &conn->rep, conn->remote)) {
		bool alone = false;
		WebHandler h =
		        web_handle_deferred(app, req, &conn->rep, time(NULL), &conn->ctx, &alone);
		if (h) {
			conn->job = (Job){&conn->ctx, h, con, &conn->ready, NULL};
			pthread_mutex_lock(&s->lock);
			bool draining = s->draining;
			if (!draining)
				s->in_flight++; /* reserved before the daemon can be stopped */
			pthread_mutex_unlock(&s->lock);
			if (!draining) {
				MHD_suspend_connection(con);
				conn->queued = true;
				queue_job(s, alone ? &s->lone : &s->committer, &conn->job);
				return MHD_YES;
			}
			web_stopping(&conn->ctx);
		}
	}
	return reply_send(s, con, conn, app);
}

static void completed(void *cls, struct MHD_Connection *con, void **con_cls,
                      enum MHD_RequestTerminationCode code)
{
	(void)con, (void)code;
	Conn *conn = *con_cls;
	if (conn) {
		if (conn->queued) /* its reply has gone (or the client left) */
			job_answered(cls);
		conn_free(conn);
		*con_cls = NULL;
	}
}

/* ---- serving ----------------------------------------------------------------- */

static char *read_pem(const char *path, const char *what, Buf *err)
{
	FILE *f = fopen(path, "rb");
	Buf b = BUF_INIT;
	char chunk[4096];
	size_t n;
	if (!f) {
		buf_printf(err, "%s %s: %s\n", what, path, strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0 && b.len < 1024 * 1024)
		buf_append(&b, chunk, n);
	fclose(f);
	if (!strstr(buf_str(&b), "-----BEGIN ")) {
		buf_printf(err, "%s %s: not a PEM file\n", what, path);
		buf_free(&b);
		return NULL;
	}
	return buf_steal(&b);
}

int web_serve(Db *db, const WebServeOptions *o, Buf *err)
{
	char host[64] = "127.0.0.1";
	/* One request thread per processor (at least two): reads never wait for the disk. */
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int port = 8080, threads = o->threads           ? o->threads
	                           : cpus < 2           ? 2
	                           : cpus > MAX_THREADS ? MAX_THREADS
	                                                : (int)cpus;
	if (o->listen) {
		const char *colon = strrchr(o->listen, ':');
		if (!colon || colon - o->listen >= (long)sizeof host || atoi(colon + 1) <= 0 ||
		    atoi(colon + 1) > 65535) {
			buf_printf(err,
			           "--listen \"%s\": write ADDRESS:PORT, e.g. 127.0.0.1:8080\n",
			           o->listen);
			return -1;
		}
		snprintf(host, sizeof host, "%.*s", (int)(colon - o->listen), o->listen);
		port = atoi(colon + 1);
	}
	if (threads < 1 || threads > MAX_THREADS) {
		buf_printf(err, "--threads %d: write 1 to %d\n", threads, MAX_THREADS);
		return -1;
	}
	struct sockaddr_in addr = {0};
	addr.sin_family = AF_INET;
	addr.sin_port = htons((uint16_t)port);
	if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
		buf_printf(err, "--listen: \"%s\" is not an IPv4 address\n", host);
		return -1;
	}
	if (!o->tls_cert != !o->tls_key) {
		buf_printf(err, "TLS needs both --tls-cert and --tls-key\n");
		return -1;
	}
	char *cert = NULL, *key = NULL;
	if (o->tls_cert) {
		if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
			buf_printf(err, "this libmicrohttpd was built without TLS; use nginx in "
			                "front (doc/deploy.md)\n");
			return -1;
		}
		if (!(cert = read_pem(o->tls_cert, "--tls-cert", err)) ||
		    !(key = read_pem(o->tls_key, "--tls-key", err))) {
			free(cert);
			return -1;
		}
	}
	Server s = {0};
	db_exec(db, "PRAGMA cache_size=-8192", DB_END); /* the committer's page cache: 8 MiB */
	s.app = web_app_new(db);
	s.db_path = db_path(db);
	s.tls = cert != NULL;
	/* The lone writer: sign-ins, key unlocks, large uploads, on a connection of its own. */
	Db *lone_db = db_open(s.db_path, DB_OPEN_WRITE, err);
	if (!lone_db) {
		web_app_free(s.app);
		free(key);
		free(cert);
		return -1;
	}
	db_exec(lone_db, "PRAGMA cache_size=-2048", DB_END);
	s.committer = (Writer){&s, s.app, true, PTHREAD_COND_INITIALIZER, NULL, NULL, 0};
	s.lone = (Writer){
	        &s, web_app_clone(s.app, lone_db), false, PTHREAD_COND_INITIALIZER, NULL, NULL, 0};
	pthread_mutex_init(&s.lock, NULL);
	pthread_cond_init(&s.committer.work, NULL);
	pthread_cond_init(&s.lone.work, NULL);
	pthread_cond_init(&s.idle, NULL);
	/* Every thread started from here on leaves the stop signals to sigwait() below. */
	sigset_t stop_signals, old;
	sigemptyset(&stop_signals);
	sigaddset(&stop_signals, SIGTERM);
	sigaddset(&stop_signals, SIGINT);
	pthread_sigmask(SIG_BLOCK, &stop_signals, &old);
	signal(SIGPIPE, SIG_IGN);
	pthread_create(&s.committer.thread, NULL, writer, &s.committer);
	pthread_create(&s.lone.thread, NULL, writer, &s.lone);
	unsigned flags =
	        MHD_USE_AUTO_INTERNAL_THREAD | MHD_ALLOW_SUSPEND_RESUME | MHD_USE_ERROR_LOG;
	if (cert)
		flags |= MHD_USE_TLS;
	struct MHD_OptionItem tls[] = {
	        {MHD_OPTION_HTTPS_MEM_KEY, 0, key},
	        {MHD_OPTION_HTTPS_MEM_CERT, 0, cert},
	        {MHD_OPTION_END, 0, NULL},
	};
	struct MHD_Daemon *d = MHD_start_daemon(
	        flags, (uint16_t)port, NULL, NULL, answer, &s, MHD_OPTION_SOCK_ADDR, &addr,
	        MHD_OPTION_NOTIFY_COMPLETED, completed, &s, MHD_OPTION_CONNECTION_MEMORY_LIMIT,
	        (size_t)(64 * 1024), MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)30,
	        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)threads, MHD_OPTION_ARRAY,
	        cert ? tls : tls + 2, MHD_OPTION_END);
	int rc = 0;
	if (!d) {
		buf_printf(err, "cannot listen on %s:%d (in use, not allowed%s)\n", host, port,
		           cert ? ", or the certificate and key do not match" : "");
		rc = -1;
	} else {
		fprintf(stderr, "sakip serve: listening on %s://%s:%d/ (database %s, %d threads)\n",
		        cert ? "https" : "http", host, port, db_path(db), threads);
		int sig = 0;
		sigwait(&stop_signals, &sig);
		/* Stop accepting; the writes in flight commit and are answered first. */
		MHD_socket lsock = MHD_quiesce_daemon(d);
		pthread_mutex_lock(&s.lock);
		s.draining = true;
		while (s.in_flight > 0)
			pthread_cond_wait(&s.idle, &s.lock);
		pthread_mutex_unlock(&s.lock);
		MHD_stop_daemon(d);
		if (lsock != MHD_INVALID_SOCKET)
			close(lsock);
	}
	pthread_mutex_lock(&s.lock);
	s.stop = true;
	pthread_cond_signal(&s.committer.work);
	pthread_cond_signal(&s.lone.work);
	pthread_mutex_unlock(&s.lock);
	pthread_join(s.committer.thread, NULL);
	pthread_join(s.lone.thread, NULL);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	for (int i = 0; i < s.n_apps; i++) {
		web_app_free(s.apps[i]);
		db_close(s.dbs[i]);
	}
	web_app_free(s.lone.app);
	db_close(lone_db);
	web_app_free(s.app);
	pthread_cond_destroy(&s.committer.work);
	pthread_cond_destroy(&s.lone.work);
	pthread_cond_destroy(&s.idle);
	pthread_mutex_destroy(&s.lock);
	if (key)
		sodium_memzero(key, strlen(key));
	free(key);
	free(cert);
	if (d)
		fprintf(stderr, "sakip serve: stopped (%ld writes in %ld commits)\n", s.batched,
		        s.batches);
	return rc;
}
