/*
** bench_web.c: the web server under load, measured with wrk.
**
** Prepares a database (the demo organisation; 20 cases waiting in the Kepala
** Dinas's inbox; CASES cases of seed 000 waiting at step 5, a decision of the
** Kasubbag Program), starts the real "sakip serve" (synchronous=FULL, the
** access log written to a file), and runs wrk at 64 connections against:
**   GET /healthz                  the trivial reply of the same server
**   GET /kotak-masuk              the inbox page, with a session cookie
**   GET /api/v1/tasks             the same inbox as JSON, with a bearer token
**   POST /api/v1/tasks/N/approve  durable approvals, each a committed
**                                 transaction with its audit event
** and prints requests/s, p50/p99 latency, and the server's peak RSS.
** Figures only; no pass or fail.
**
** Usage: build/bench_web [CASES] [SECONDS] [THREADS]
**        (default 120000 cases, 3 s each, the server's default request threads)
** wrk comes from Debian's wrk package (make bench installs it).
*/
#include "web.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <time.h>
#include <unistd.h>

static char dir[] = "/tmp/sakip-bench-web-XXXXXX";

static void prepare(const char *path, int cases, char session[65], char token[65],
                    char approver[65])
{
	Buf err = BUF_INIT, log = BUF_INIT;
	setenv("SAKIP_DB_SYNC", "normal", 1); /* the set-up only; the server runs FULL */
	Db *db = db_open(path, DB_OPEN_CREATE | DB_OPEN_WRITE, &err);
	if (!db)
		fatal("%s", buf_str(&err));
	Wf *wf = wf_new(db);
	if (sop_lib_install(db, &log, &err) < 0 || wf_holidays_install(db, &err) < 0 ||
	    wf_demo_install(wf, &log, &err) < 0 ||
	    web_password_set(db, "yosafat", "kata-sandi-bench", &err) < 0)
		fatal("%s", buf_str(&err));
	time_t t = time(NULL) - 3600;
	int64_t kadis = wf_person_by_login(db, "yosafat");
	for (int i = 0; i < 20 + cases; i++) {
		WfStart req = {"perkim-kalbar-perbaikan-data",
		               0,
		               "Perbaikan Data Kinerja TW III",
		               "TW III 2026",
		               NULL,
		               0,
		               kadis};
		int64_t id;
		if (wf_case_start(wf, &req, t, &id, &err) != 0)
			fatal("%s", buf_str(&err));
		if (i < 20)
			continue; /* left at step 1, in the Kepala Dinas's inbox */
		for (int step = 1; step <= 4; step++) {
			DbStmt *q = db_query(db,
			                     "SELECT t.id, p.holder_id FROM wf_task t"
			                     " JOIN position p ON p.id=t.position_id"
			                     " WHERE t.case_id=:c AND t.status='open'",
			                     DB_INT(":c", id), DB_END);
			if (db_step(q) != DB_ROW)
				fatal("case %lld has no open task", (long long)id);
			WfAct act = {db_col_int(q, 0),
			             db_col_int(q, 1),
			             WF_DONE,
			             NULL,
			             NULL,
			             NULL,
			             NULL};
			db_finalize(q);
			if (wf_task_act(wf, &act, t, &err) != 0)
				fatal("%s", buf_str(&err));
		}
	}
	WebUser u;
	if (web_login(db, "yosafat", "kata-sandi-bench", "127.0.0.1", time(NULL), &u, &err) != 0 ||
	    web_token_create(db, "yosafat", "bench", 0, time(NULL), token, &err) != 0)
		fatal("%s", buf_str(&err));
	memcpy(session, u.session, 65);
	/* Who holds step 5 (the Kasubbag Program): the approvals' token. */
	char *login =
	        db_text(db, NULL,
	                "SELECT p.login FROM wf_task t JOIN position po ON po.id=t.position_id"
	                " JOIN person p ON p.id=po.holder_id"
	                " WHERE t.status='open' AND t.step_no=5 LIMIT 1",
	                DB_END);
	if (!login || web_token_create(db, login, "bench", 0, time(NULL), approver, &err) != 0)
		fatal("no approver: %s", buf_str(&err));
	free(login);
	/* The approvals' task ids, for the wrk script. */
	char lua[600];
	snprintf(lua, sizeof lua, "%s/ids.lua", dir);
	FILE *f = fopen(lua, "w");
	if (!f)
		fatal("cannot write %s", lua);
	fputs("ids = {", f);
	DbStmt *q = db_query(
	        db, "SELECT id FROM wf_task WHERE status='open' AND step_no=5 ORDER BY id", DB_END);
	while (db_step(q) == DB_ROW)
		fprintf(f, "%lld,", (long long)db_col_int(q, 0));
	db_finalize(q);
	fputs("}\n", f);
	fclose(f);
	wf_free(wf);
	db_close(db);
	unsetenv("SAKIP_DB_SYNC");
	buf_free(&err);
	buf_free(&log);
}

static int free_port(void)
{
	int s = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t n = sizeof a;
	if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) != 0 ||
	    getsockname(s, (struct sockaddr *)&a, &n) != 0)
		fatal("no free port");
	close(s);
	return ntohs(a.sin_port);
}

static double wrk_field(const char *out, const char *key, double scale_ms)
{
	const char *p = strstr(out, key);
	if (!p)
		return -1;
	p += strlen(key);
	while (*p == ' ' || *p == '\t')
		p++;
	double v = atof(p);
	while ((*p >= '0' && *p <= '9') || *p == '.')
		p++;
	if (scale_ms > 0) { /* a latency: us, ms or s */
		if (p[0] == 'u')
			v /= 1000;
		else if (p[0] == 's')
			v *= 1000;
	}
	return v;
}

/* Run wrk with a script; print its requests/s and latency; returns requests/s. */
static double run_wrk(const char *label, const char *url, const char *script, int seconds)
{
	char cmd[1200];
	snprintf(cmd, sizeof cmd, "wrk -t2 -c64 -d%ds --latency -s %s '%s' 2>&1", seconds, script,
	         url);
	FILE *p = popen(cmd, "r");
	if (!p)
		fatal("cannot run wrk");
	Buf out = BUF_INIT;
	char line[512];
	while (fgets(line, sizeof line, p))
		buf_puts(&out, line);
	if (pclose(p) != 0)
		fatal("wrk failed:\n%s", buf_str(&out));
	const char *o = buf_str(&out);
	double rps = wrk_field(o, "Requests/sec:", 0);
	/* The percentiles come after "Latency Distribution" (the thread stats also hold "50%"). */
	const char *dist = strstr(o, "Latency Distribution");
	dist = dist ? dist : o;
	const char *bad = strstr(o, "Non-2xx or 3xx responses:");
	printf("%-28s %9.0f req/s   p50 %6.2f ms   p99 %6.2f ms%s%s", label, rps,
	       wrk_field(dist, " 50%", 1), wrk_field(dist, " 99%", 1), bad ? "   " : "\n",
	       bad ? bad : "");
	buf_free(&out);
	return rps;
}

/*
** One sign-in (POST /masuk) while the approvals run: it writes on its own
** (argon2id), beside the group commit. Prints its status and time.
*/
static void sign_in_during(int port, int delay_ms, pid_t server)
{
	usleep((useconds_t)delay_ms * 1000);
	/* The server's peak so far, before the sign-in's argon2id adds its 19 MiB. */
	char status_path[64], line[256];
	snprintf(status_path, sizeof status_path, "/proc/%d/status", (int)server);
	FILE *f = fopen(status_path, "r");
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			printf("server peak RSS before it     %s", line + 6);
	if (f)
		fclose(f);
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	struct sockaddr_in a = {0};
	a.sin_family = AF_INET;
	a.sin_port = htons((uint16_t)port);
	a.sin_addr.s_addr = htonl(0x7f000001);
	char status[16] = "?";
	if (fd >= 0 && connect(fd, (struct sockaddr *)&a, sizeof a) == 0) {
		static const char body[] = "login=yosafat&password=kata-sandi-bench";
		char req[512];
		int n = snprintf(req, sizeof req,
		                 "POST /masuk HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
		                 "Content-Type: application/x-www-form-urlencoded\r\n"
		                 "Content-Length: %zu\r\n\r\n%s",
		                 sizeof body - 1, body);
		char reply[64] = {0};
		if (write(fd, req, (size_t)n) == n && read(fd, reply, sizeof reply - 1) > 12)
			snprintf(status, sizeof status, "%.3s", reply + 9);
	}
	if (fd >= 0)
		close(fd);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("sign-in during approvals      status %s in %.1f ms\n", status,
	       (double)(t1.tv_sec - t0.tv_sec) * 1e3 + (double)(t1.tv_nsec - t0.tv_nsec) / 1e6);
	fflush(stdout);
}

static void write_script(const char *name, const char *text)
{
	char path[600];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f || fputs(text, f) < 0 || fclose(f) != 0)
		fatal("cannot write %s", path);
}

int main(int argc, char **argv)
{
	json_set_alloc_funcs(xmalloc, free);
	int cases = argc > 1 ? atoi(argv[1]) : 120000;
	int seconds = argc > 2 ? atoi(argv[2]) : 3;
	const char *threads = argc > 3 ? argv[3] : NULL; /* NULL: the server's default */
	char sakip[600];
	snprintf(sakip, sizeof sakip, "%s", argv[0]);
	char *slash = strrchr(sakip, '/');
	snprintf(slash ? slash + 1 : sakip, sizeof sakip - (size_t)(slash ? slash + 1 - sakip : 0),
	         "sakip");
	if (!mkdtemp(dir))
		fatal("cannot create a temporary directory");
	char db[700], logf[700];
	snprintf(db, sizeof db, "%s/web.db", dir);
	snprintf(logf, sizeof logf, "%s/access.log", dir);
	char session[65], token[65], approver[65];
	prepare(db, cases, session, token, approver);
	int port = free_port();
	char listen[64];
	snprintf(listen, sizeof listen, "127.0.0.1:%d", port);
	pid_t pid = fork();
	if (pid == 0) {
		if (!freopen(logf, "w", stderr))
			_exit(127);
		execl(sakip, sakip, "--db", db, "serve", "--listen", listen,
		      threads ? "--threads" : (char *)NULL, threads, (char *)NULL);
		_exit(127);
	}
	usleep(300 * 1000);
	char s[1024];
	snprintf(s, sizeof s, "wrk.method = \"GET\"\n");
	write_script("get.lua", s);
	snprintf(s, sizeof s, "wrk.headers[\"Cookie\"] = \"sakip=%s\"\n", session);
	write_script("inbox.lua", s);
	snprintf(s, sizeof s, "wrk.headers[\"Authorization\"] = \"Bearer %s\"\n", token);
	write_script("api.lua", s);
	snprintf(s, sizeof s,
	         "dofile(\"%s/ids.lua\")\n"
	         "local n, k = 0, 0\n"
	         "local counter = 0\n"
	         "local threads = {}\n"
	         "function setup(thread) thread:set(\"tid\", counter); counter = counter + 1 end\n"
	         "function init(args) k = tid end\n"
	         "function request()\n"
	         "  local id = ids[(k %% #ids) + 1]\n"
	         "  k = k + 2\n"
	         "  return wrk.format(\"POST\", \"/api/v1/tasks/\" .. id .. \"/approve\",\n"
	         "    {[\"Authorization\"] = \"Bearer %s\", [\"Content-Type\"] = "
	         "\"application/json\"}, \"{}\")\n"
	         "end\n",
	         dir, approver);
	write_script("approve.lua", s);
	char url[128], path[700];
	printf("sakip serve on %s with %s request threads, %d s per run, 64 connections, 2 wrk "
	       "threads\n",
	       listen, threads ? threads : "the default", seconds);
	snprintf(url, sizeof url, "http://%s/healthz", listen);
	snprintf(path, sizeof path, "%s/get.lua", dir);
	double trivial = run_wrk("GET /healthz (trivial)", url, path, seconds);
	snprintf(url, sizeof url, "http://%s/kotak-masuk", listen);
	snprintf(path, sizeof path, "%s/inbox.lua", dir);
	double inbox = run_wrk("GET /kotak-masuk (20 tasks)", url, path, seconds);
	snprintf(url, sizeof url, "http://%s/api/v1/tasks", listen);
	snprintf(path, sizeof path, "%s/api.lua", dir);
	run_wrk("GET /api/v1/tasks", url, path, seconds);
	snprintf(url, sizeof url, "http://%s/", listen);
	snprintf(path, sizeof path, "%s/approve.lua", dir);
	fflush(stdout); /* or the child prints the parent's lines again */
	pid_t probe = fork();
	if (probe == 0) {
		sign_in_during(port, seconds * 500, pid);
		_exit(0);
	}
	run_wrk("POST .../approve (durable)", url, path, seconds);
	waitpid(probe, NULL, 0);
	printf("inbox / trivial              %9.0f %%\n", trivial > 0 ? 100 * inbox / trivial : 0);
	char status[64];
	snprintf(status, sizeof status, "/proc/%d/status", (int)pid);
	FILE *f = fopen(status, "r");
	char line[256];
	while (f && fgets(line, sizeof line, f))
		if (strncmp(line, "VmHWM:", 6) == 0)
			printf("server peak RSS (all runs)   %s", line + 6);
	if (f)
		fclose(f);
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	Buf err = BUF_INIT;
	Db *d = db_open(db, DB_OPEN_WRITE, &err);
	if (d) {
		printf("approvals committed          %9lld (audit chain %s)\n",
		       (long long)db_int(d, 0,
		                         "SELECT count(*) FROM wf_task WHERE status='approved'",
		                         DB_END),
		       wf_audit_verify(d, &err) >= 0 ? "verified" : buf_str(&err));
		db_close(d);
	}
	buf_free(&err);
	char rm[800];
	snprintf(rm, sizeof rm, "rm -rf '%s'", dir);
	if (system(rm) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
	return 0;
}
