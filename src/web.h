/*
** web.h: the web interface's own request and reply types, the HTML
** writer, the route table and the pages. Everything but web_http.c works
** on these types, so every page runs in a test without a socket; only
** web_http.c includes libmicrohttpd.
**
**   web_html.c    html_printf(): %h escapes, %u URL-encodes; the only way pages write
**   web_auth.c    passwords (argon2id), sessions in the database, CSRF, throttling
**   web_route.c   the route table; login, capability and CSRF checked before handlers
**   web_pages.c   the pages (Bahasa Indonesia): sign-in, inbox, case, task
**   web_sop.c     the SOP library pages and starting a case
**   web_admin*.c  administrators: people, positions, Plt, SOP actor map, holidays
**   web_kpi.c     data kinerja: the recap, its downloads, an indicator's page
**   web_data.c    a unit's data form and the correction form of data steps
**   web_doc.c     uploads checked, documents listed and downloaded
**   web_lkj.c     the LKj's narrative per bab on its drafting task, the draft's download
**   web_sign.c    signing keys (/kunci), the passphrase of paraf/sign steps, /verifikasi
**   web_http.c    libmicrohttpd: connections to WebRequest/WebReply; sakip serve
*/
#ifndef SAKIP_WEB_H
#define SAKIP_WEB_H

#include "sop.h"
#include "util.h"
#include "wf.h"

/*
** Limits: a form body (urlencoded) WEB_MAX_BODY; a multipart/form-data
** body, whose files are streamed to disk, WEB_MAX_UPLOAD in all (one file
** may be as large as an attachment, WF_MAX_ATTACHMENT). An empty file
** input (no file chosen) is no file at all.
*/
enum {
	WEB_MAX_PARAMS = 256, /* the data form of a unit with many indicators */
	WEB_MAX_FILES = 64,   /* an evidence file per indicator */
	WEB_MAX_BODY = 1024 * 1024,
	WEB_MAX_UPLOAD = 64 * 1024 * 1024
};

typedef struct WebParam {
	const char *name, *value;
} WebParam;

/*
** An uploaded file of a multipart/form-data form: already on disk in a
** temporary file (path) that the server removes after the reply. Handlers
** read it with web_file_read(); an empty file input arrives with size 0.
*/
typedef struct WebFile {
	const char *field;    /* the form field's name */
	const char *filename; /* as the browser sent it (no directories), UTF-8 */
	const char *type;     /* the Content-Type the browser claimed, or "" */
	const char *path;     /* the temporary file */
	size_t size;
} WebFile;

/* A request, in memory owned by its arena (freed after the reply). */
typedef struct WebRequest {
	Arena *arena;
	const char *method; /* "GET", "POST" */
	const char *path;   /* without the query */
	WebParam query[WEB_MAX_PARAMS];
	int n_query;
	WebParam form[WEB_MAX_PARAMS]; /* urlencoded body, or the text fields of a multipart one */
	int n_form;
	WebFile files[WEB_MAX_FILES]; /* the files of a multipart/form-data body */
	int n_files;
	const char *cookie_session; /* the "sakip" cookie, or NULL */
	const char *bearer;         /* the token of "Authorization: Bearer ...", or NULL */
	const char *body;           /* the raw body (NUL-terminated), or NULL */
	size_t body_len;
	const char *remote; /* the client's address, for throttling and logs */
	bool forwarded;     /* it came through a proxy (X-Forwarded-For) */
	bool cross_site;    /* the browser says another site sent it (Sec-Fetch-Site) */
	bool tls;
} WebRequest;

typedef struct WebReply {
	int status;
	const char *content_type;
	Buf body;
	const char *location;    /* for redirects */
	const char *disposition; /* Content-Disposition of a download, or NULL */
	char set_cookie[256];    /* a Set-Cookie header value, or "" */
	char nonce[33];          /* the page's CSP nonce */
} WebReply;

/* The signed-in person of a request (person_id 0 when anonymous). */
typedef struct WebUser {
	int64_t person_id;
	char login[65], name[256];
	bool admin;
	char session[65];
	char csrf[65];
} WebUser;

/* ---- web_html.c --------------------------------------------------------- */
/*
** Append to out like printf, for HTML: %h writes a string with < > & " '
** escaped; %u writes it URL-encoded; %d and %lld as printf. There is no
** raw %s: any other conversion stops the program.
*/
void html_printf(Buf *out, const char *fmt, ...);
/* The value of name among params (query or form), or NULL. */
const char *web_param(const WebParam *params, int n, const char *name);
/*
** Parse "a=1&b=x%20y" into params (strings in the arena); returns how many,
** or -1 when a name or value decodes to a NUL byte or invalid UTF-8.
*/
int web_parse_urlencoded(Arena *a, const char *s, size_t n, WebParam *params, int max);

/* The uploaded file of field name with a size above 0, or NULL. */
const WebFile *web_file(const WebRequest *req, const char *name);
/*
** Read an uploaded file into the arena (at most WF_MAX_ATTACHMENT bytes)
** as a WfFile for the engine; false when it cannot be read.
*/
bool web_file_read(const WebRequest *req, const WebFile *f, WfFile *out);

/* ---- web_auth.c ----------------------------------------------------------- */
/* Set a person's password (argon2id via libsodium). */
int web_password_set(Db *db, const char *login, const char *password, Buf *err);
/*
** Check login (a login or a NIP) and password; on success create a session
** and fill user. Refuses after 5 failures for that login in 15 minutes.
*/
int web_login(Db *db, const char *login, const char *password, const char *remote, time_t now,
              WebUser *user, Buf *err);
/*
** Change one's own password: old_pw must match; new_pw has 8..1024
** characters and differs. Ends every session of the person (they sign in
** again). Messages in Indonesian, for the page.
*/
int web_password_change(Db *db, int64_t person_id, const char *old_pw, const char *new_pw,
                        Buf *err);
/* The user of a session id, if it is valid at now. */
bool web_session_user(Db *db, const char *session, time_t now, WebUser *user);
void web_logout(Db *db, const char *session);
/* The database key of a session id or API token: hex BLAKE2b-256 of it. */
void web_session_key(const char *session, char out[65]);
/*
** A new API token for login (printed once into token), valid for days days
** (0: WEB_TOKEN_DAYS); -1 with err.
*/
enum { WEB_TOKEN_DAYS = 365 };
int web_token_create(Db *db, const char *login, const char *label, int days, time_t now,
                     char token[65], Buf *err);
/* The person of a bearer token, if it is valid (not revoked, not expired) at now. */
bool web_token_user(Db *db, const char *token, time_t now, WebUser *user);
/* A person's tokens (id, label, created, expires, revoked) as JSON, for the CLI. */
json_t *web_token_list_json(Db *db, const char *login, Buf *err);
/* Revoke token id (of any person); -1 with err if there is none or it is revoked already. */
int web_token_revoke(Db *db, int64_t id, time_t now, Buf *err);

/* ---- web_route.c ------------------------------------------------------------- */
typedef struct WebApp WebApp;

/* What a handler gets: the request, the reply to write, who asks. */
typedef struct WebCtx {
	WebApp *app;
	Db *db;
	Wf *wf;
	WebRequest *req;
	WebReply *rep;
	WebUser user; /* person_id 0: anonymous */
	time_t now;
	int64_t id;       /* the {id} of the path, when the route has one */
	const char *code; /* the {code} of the path, when the route has one */
} WebCtx;

/* Page frame: the head, the navigation, then the caller's content, then the foot. */
void web_page_begin(WebCtx *c, const char *title);
void web_page_end(WebCtx *c);
void web_redirect(WebCtx *c, const char *location);
void web_error(WebCtx *c, int status, const char *message);
/* The hidden CSRF field of a form of this session. */
void web_csrf_field(WebCtx *c);

/* ---- web_pages.c (handlers) ---- */
void page_healthz(WebCtx *c);
void page_metrics(WebCtx *c);
void page_login_form(WebCtx *c);
void page_login(WebCtx *c);
void page_logout(WebCtx *c);
void page_home(WebCtx *c);
void page_inbox(WebCtx *c);
void page_case(WebCtx *c);
void page_password_form(WebCtx *c);
void page_password(WebCtx *c);
/* The task of the path (c->id) with its case; false if there is none. */
typedef struct TaskRow {
	int64_t case_id, position_id, agency_id, sop_version_id;
	int step_no;
	char status[16];
	char subject[512];
} TaskRow;
bool web_task_load(WebCtx *c, TaskRow *t);
void page_task(WebCtx *c);
void page_task_act(WebCtx *c);
/* web_sop.c */
void page_sop_list(WebCtx *c);
void page_sop(WebCtx *c);
void page_sop_document(WebCtx *c); /* GET /sop/{id}/dokumen: the SOP document as PDF */
void page_case_start(WebCtx *c);
/* The person's agency if they may do step 1 of sop there, else 0. */
int64_t web_starter_agency(WebCtx *c, const Sop *sop);
/* web_admin.c: administrators' pages */
void page_admin_people(WebCtx *c);
void page_admin_person_add(WebCtx *c);
void page_admin_password_reset(WebCtx *c);
/* The admin pages' sub-navigation (web_admin_org.c); current is the page's path. */
void web_admin_nav(WebCtx *c, const char *current);
/* web_admin_org.c: the organisation the engine routes by, per agency */
void page_admin_positions(WebCtx *c);
void page_admin_position_add(WebCtx *c);
void page_admin_position_holder(WebCtx *c);
void page_admin_acting(WebCtx *c);
void page_admin_acting_add(WebCtx *c);
void page_admin_acting_end(WebCtx *c);
void page_admin_actors(WebCtx *c);
void page_admin_actor_set(WebCtx *c);
void page_admin_holidays(WebCtx *c);
void page_admin_holiday_add(WebCtx *c);
void page_admin_holiday_remove(WebCtx *c);
/* web_kpi.c: the data kinerja pages */
void page_kpi_recap(WebCtx *c);
/* The recap as a file: ?format=csv|xlsx with the recap's instansi, tahun, periode. */
void page_kpi_download(WebCtx *c);
/* One indicator (c->id): identity, PK versions, quarters with a chart, value history. */
void page_kpi_indicator(WebCtx *c);
/* web_data.c: the data form of a data.submit task (c->id is the task) */
/*
** The data form. errors: (indicator code, message) pairs of a refused save,
** whose entered values the form shows again; NULL when there are none.
*/
void web_data_form(WebCtx *c, int64_t case_id, int64_t agency_id, const WebParam *errors,
                   int n_errors);
/*
** Save the form's values and evidence files (kpi_submit_all, all or
** nothing). Problems per indicator go to errors (strings in the arena);
** returns how many (0: saved).
*/
int web_data_save(WebCtx *c, int64_t case_id, int64_t agency_id, WebParam *errors, int max);
/*
** The correction form of a data.correct task: the verified values of the
** case's period to choose from, new value, reason, evidence; error (or
** NULL) re-renders it with what was entered. Then the case's proposals.
*/
void web_correct_form(WebCtx *c, int64_t case_id, int64_t agency_id, const char *error);
/* Propose the form's correction (kpi_correct); false with an Indonesian message in msg. */
bool web_correct_save(WebCtx *c, int64_t case_id, Buf *msg);
/* The case's correction proposals (before -> after, reason, evidence, status); none: nothing. */
void web_corrections_list(WebCtx *c, int64_t case_id);
/* web_doc.c: documents of cases */
/*
** The file of a multipart field, checked: 0 when none was chosen; 1 with
** out filled (data in the arena, the media type sakip found, the name
** without directories); -1 with an Indonesian message in msg when it is
** empty, too large, badly named or of a type sakip does not keep.
*/
int web_upload(WebCtx *c, const char *field, WfFile *out, Buf *msg);
/* "PDF", "Gambar PNG", ... for an accepted media type; NULL for any other. */
const char *web_media_label(const char *type);
/* Whether the signed-in person takes part in the case (started it, or may act on a task). */
bool web_case_participant(WebCtx *c, int64_t case_id, int64_t *acting_for);
/* Whether they may see the case's documents: participants, its agency's officials, admins. */
bool web_case_visible(WebCtx *c, int64_t case_id);
/* 1234567 -> "1,2 MB"; the agency-local time t as "02 Januari 2023 14.05". */
void web_size_id(Buf *text, int64_t bytes);
void web_time_id(WebCtx *c, int64_t agency_id, time_t t, Buf *text);
/* The documents table of the case page (nothing when the case has none). */
void web_case_documents(WebCtx *c, int64_t case_id);
/* GET /dokumen/{id}: the stored bytes as an attachment, to those who may see the case. */
void page_document(WebCtx *c);
/* POST /tugas/{id}/dokumen: a supporting document on a task of a case one takes part in. */
void page_task_upload(WebCtx *c);
/* web_lkj.c: the LKj of an LKj case (seed 002) */
/* The forms of the LKj's narrative per bab on the drafting task task_id of case_id. */
void web_lkj_form(WebCtx *c, int64_t task_id, int64_t case_id);
/* POST /tugas/{id}/lkj: save a bab (bab, teks) as a new version (lkj_text_save). */
void page_lkj_save(WebCtx *c);
/* GET /kasus/{id}/lkj: the case's current LKj draft (PDF), to its agency's officials. */
void page_lkj_draft(WebCtx *c);
/* web_sign.c: signing keys, signing at paraf and sign steps, public verification */
/* GET /kunci: one's signing key; POST /kunci creates it, POST /kunci/frasa changes its passphrase.
 */
void page_key(WebCtx *c);
void page_key_create(WebCtx *c);
void page_key_passphrase(WebCtx *c);
/* GET /verifikasi/{code}: who initialled and signed the document of draft hash code (public). */
void page_verify(WebCtx *c);
/* POST /verifikasi/{code}: is the uploaded file the issued one, unchanged? (public) */
void page_verify_file(WebCtx *c);
/* Whether completing step st of the case signs drafts (a paraf/sign step with current drafts). */
bool web_sign_needed(WebCtx *c, int64_t case_id, const SopStep *st);
/* The drafts to be signed and the passphrase field, inside the step's form. */
void web_sign_fields(WebCtx *c, int64_t case_id, const SopStep *st);
/* web_api.c: /api/v1, JSON in and out */
void api_tasks(WebCtx *c);
void api_task_done(WebCtx *c);
void api_task_approve(WebCtx *c);
void api_task_return(WebCtx *c);
void api_cases(WebCtx *c);
void api_case_start(WebCtx *c);
void api_case(WebCtx *c);
void api_sops(WebCtx *c);
void api_sop(WebCtx *c);
void api_kpi_recap(WebCtx *c);
/* A JSON error: {"error": {"code", "pesan" (Indonesian), "message" (English)}}. */
void api_error(WebCtx *c, int status, const char *code, const char *pesan, const char *message);
/* The Prometheus text of the app's counters (web_route.c). */
void web_metrics_write(WebApp *app, Buf *out);
/* The route table, for tests: cap is 0 anyone, 1 signed in, 2 administrator, 3 token. */
int web_route_count(void);
void web_route_info(int i, const char **method, const char **path, int *cap, bool *csrf);
WebApp *web_app_new(Db *db);
/* Another app on another connection (a server thread's) sharing first's counters. */
WebApp *web_app_clone(WebApp *first, Db *db);
Db *web_app_db(WebApp *app);
Wf *web_app_wf(WebApp *app);
/* Replace c's reply by "not saved" (503), for a batch whose commit failed. */
void web_unsaved(WebCtx *c);
/* Replace c's reply by "the server is stopping" (503): a write that came too late. */
void web_stopping(WebCtx *c);
void web_app_free(WebApp *app);
/* Answer one request: the route table decides, the handler writes the reply. */
void web_handle(WebApp *app, WebRequest *req, WebReply *rep, time_t now);
/*
** The same for a server with a group commit: every check is made and a
** reading handler runs, but the handler of a writing route is returned
** instead, with its context in *c (which points at req and rep: all three
** must live until it has run). The caller runs it in its batch, with c->db
** and c->wf its own, and sends the reply once the batch is durably
** committed (web_unsaved() if it is not); or, when *alone (it hashes a
** password or unlocks a key: tens of milliseconds), by itself on a thread
** of its own, then db_rollback() for a write it left open. NULL: the reply
** is complete.
*/
typedef void (*WebHandler)(WebCtx *c);
WebHandler web_handle_deferred(WebApp *app, WebRequest *req, WebReply *rep, time_t now, WebCtx *c,
                               bool *alone);
void web_reply_free(WebReply *rep);
/* Counters for /metrics. */
void web_metrics_note(WebApp *app, int status, double seconds);

/* ---- web_http.c ------------------------------------------------------------- */
typedef struct WebServeOptions {
	const char *listen;             /* "127.0.0.1:8080" when NULL */
	const char *tls_cert, *tls_key; /* PEM files: serve HTTPS */
	int threads;                    /* request threads (0: one per processor, at least 2) */
} WebServeOptions;
/*
** Serve until SIGTERM or SIGINT; finishes requests in flight. db is the
** committer's connection; each request thread opens its own on db's file.
*/
int web_serve(Db *db, const WebServeOptions *o, Buf *err);

#endif
