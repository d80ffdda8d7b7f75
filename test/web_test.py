#!/usr/bin/env python3
"""web_test.py: the real `sakip serve` on a loopback port, driven over HTTP.

Checks what only a real socket shows: security headers on every reply,
sign-in by NIP with its cookie flags, a recap download with its
Content-Disposition, an oversized body refused with 413,
a body that is not UTF-8 refused with 400, X-Forwarded-Proto from a local
proxy making the cookie Secure, and SIGTERM stopping the server cleanly.
Also: multipart/form-data bodies (fields, files streamed to a spool
directory that is empty again after each reply, the limits and the
refusals), concurrent API writes through the group commit (every start
and approval answered, exactly one winner of a double click, the audit
chain intact), and HTTPS with --tls-cert/--tls-key.
Usage: web_test.py BIN
"""
import http.client, json, os, shutil, signal, socket, ssl, subprocess, sys, tempfile, time
from concurrent.futures import ThreadPoolExecutor

BIN = os.path.abspath(sys.argv[1])
T = tempfile.mkdtemp(prefix="sakip-web-")
DB = os.path.join(T, "web.db")
fails = []
passes = 0


def check(name, cond, detail=""):
    global passes
    if cond:
        passes += 1
        print("ok", name)
    else:
        fails.append(name)
        print("FAIL", name, detail)


def run(*args, stdin=None):
    return subprocess.run([BIN, "--db", DB, *args], input=stdin, capture_output=True, text=True)


run("demo", "--org-only")
r = run("user", "passwd", "rita", "--stdin", stdin="kata-sandi-rita\n")
check("user-passwd", r.returncode == 0 and "password of rita set" in r.stdout, r.stderr)
r = run("user", "passwd", "rita", "--stdin", stdin="pendek\n")
check("user-passwd-short", r.returncode == 2 and "8 to 1024" in r.stderr, r.stderr)

s = socket.socket()
s.bind(("127.0.0.1", 0))
port = s.getsockname()[1]
s.close()
log = open(os.path.join(T, "serve.log"), "w")
SPOOL = os.path.join(T, "spool")
os.mkdir(SPOOL)
srv = subprocess.Popen([BIN, "--db", DB, "serve", "--listen", "127.0.0.1:%d" % port,
                        "--threads", "4"], stdout=log, stderr=subprocess.STDOUT,
                       env=dict(os.environ, TMPDIR=SPOOL))


def wait_port(p):
    for _ in range(100):
        try:
            socket.create_connection(("127.0.0.1", p), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)


wait_port(port)


def stop(p):
    """SIGTERM, then the exit status (-1 if it had to be killed)."""
    p.send_signal(signal.SIGTERM)
    try:
        return p.wait(timeout=10)
    except subprocess.TimeoutExpired:
        p.kill()
        return -1


def multipart(parts, boundary="sakipBATAS"):
    """parts: (name, value bytes, filename or None); the body and its headers."""
    out = b""
    for name, value, filename in parts:
        out += b"--" + boundary.encode() + b"\r\n"
        disp = b'Content-Disposition: form-data; name="' + name.encode() + b'"'
        if filename is not None:
            disp += b'; filename="' + filename + b'"\r\nContent-Type: application/pdf'
        out += disp + b"\r\n\r\n" + value + b"\r\n"
    out += b"--" + boundary.encode() + b"--\r\n"
    return out, {"Content-Type": "multipart/form-data; boundary=" + boundary}


def req(method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    c.request(method, path, body=body, headers=headers or {})
    r = c.getresponse()
    data = r.read()
    c.close()
    return r, data


try:
    r, data = req("GET", "/healthz")
    check("healthz", r.status == 200 and data == b"ok\n", r.status)
    r, data = req("GET", "/masuk")
    csp = r.getheader("Content-Security-Policy") or ""
    check("headers-csp", "frame-ancestors 'none'" in csp and "'nonce-" in csp, csp)
    check("headers-nosniff", r.getheader("X-Content-Type-Options") == "nosniff")
    check("headers-referrer", r.getheader("Referrer-Policy") == "no-referrer")
    nonce = csp.split("'nonce-")[1].split("'")[0] if "'nonce-" in csp else "?"
    check("nonce-in-page", ('nonce="%s"' % nonce).encode() in data)
    r2, _ = req("GET", "/masuk")
    check("nonce-per-request", nonce not in (r2.getheader("Content-Security-Policy") or ""))

    form = {"Content-Type": "application/x-www-form-urlencoded"}
    r, data = req("POST", "/masuk", "login=19791208+200003+2+002&password=kata-sandi-rita", form)
    cookie = r.getheader("Set-Cookie") or ""
    check("login-nip", r.status == 303 and r.getheader("Location") == "/kotak-masuk", r.status)
    check("cookie-flags", "HttpOnly" in cookie and "SameSite=Strict" in cookie
          and "Secure" not in cookie, cookie)
    sess = cookie.split(";")[0]
    r, data = req("GET", "/kotak-masuk", headers={"Cookie": sess})
    check("inbox", r.status == 200 and b"Kotak Masuk" in data and len(data) < 30000, r.status)
    r, data = req("GET", "/kinerja/unduh?format=xlsx&tahun=2026&periode=TW2",
                  headers={"Cookie": sess})
    disp = r.getheader("Content-Disposition") or ""
    check("download-xlsx", r.status == 200 and data.startswith(b"PK\x03\x04")
          and disp.startswith('attachment; filename="rekap-kinerja-') and disp.endswith('.xlsx"'),
          (r.status, disp, data[:20]))
    r, data = req("GET", "/kinerja", headers={"Cookie": sess})
    check("no-disposition-on-pages", r.getheader("Content-Disposition") is None)

    r, data = req("POST", "/masuk", "login=rita&password=kata-sandi-rita",
                  dict(form, **{"X-Forwarded-Proto": "https"}))
    check("cookie-secure-behind-proxy", "Secure" in (r.getheader("Set-Cookie") or ""))

    r, data = req("POST", "/masuk", b"login=rita&password=" + b"x" * (2 * 1024 * 1024), form)
    check("body-too-big", r.status == 413, r.status)
    r, data = req("POST", "/masuk", b"login=rit\xff&password=kata-sandi-rita", form)
    check("body-not-utf8", r.status == 400 and b"UTF-8" in data, r.status)
    r, data = req("POST", "/masuk", b"login=rit%FF&password=kata-sandi-rita", form)
    check("form-decodes-not-utf8", r.status == 400 and b"UTF-8" in data, r.status)
    r, data = req("POST", "/masuk", b"login=rita%00x&password=kata-sandi-rita", form)
    check("form-decodes-nul", r.status == 400, r.status)
    r, data = req("GET", "/x%0aPOST%20/admin%20303")
    check("log-no-forged-line", r.status == 404)
    r, data = req("GET", "/kotak-masuk")
    check("anonymous-redirect", r.status == 303 and r.getheader("Location") == "/masuk")
    tok = run("token", "create", "--as", "rita").stdout.strip()
    r, data = req("GET", "/api/v1/tasks", headers={"Authorization": "Bearer " + tok})
    check("api-tasks", r.status == 200 and r.getheader("Content-Type") == "application/json"
          and data.startswith(b'{"tasks":'), (r.status, data[:100]))
    # The token's life from the CLI: listed with its expiry, revoked, refused at once.
    short = run("token", "create", "--as", "rita", "--days", "2", "--label", "skrip uji").stdout.strip()
    listed = json.loads(run("token", "list", "--as", "rita", "--json").stdout)
    mine = [t for t in listed if t["label"] == "skrip uji"]
    check("token-list", len(mine) == 1 and mine[0]["expires_at"] - mine[0]["created_at"] == 2 * 86400,
          listed)
    r, data = req("GET", "/api/v1/tasks", headers={"Authorization": "Bearer " + short})
    check("token-short-works", r.status == 200, r.status)
    rv = run("token", "revoke", str(mine[0]["id"]) if mine else "0")
    check("token-revoke", rv.returncode == 0 and "revoked" in rv.stdout, rv.stderr)
    r, data = req("GET", "/api/v1/tasks", headers={"Authorization": "Bearer " + short})
    check("token-revoked-refused", r.status == 401, r.status)
    bad = run("token", "create", "--as", "rita", "--days", "0")
    check("token-days-refused", bad.returncode != 0 and "--days" in bad.stderr, bad.stderr)
    r, data = req("POST", "/api/v1/cases", b'{"sop":', {"Authorization": "Bearer " + tok,
                                                         "Content-Type": "application/json"})
    check("api-bad-json", r.status == 400 and b'"bad_json"' in data, (r.status, data))
    r, data = req("GET", "/api/v1/tasks", headers={"Cookie": sess})
    check("api-no-cookies", r.status == 401 and b'"unauthorized"' in data, r.status)
    # multipart/form-data: fields arrive as the form, files in the spool, gone after the reply
    body, h = multipart([("login", b"rita", None), ("password", b"kata-sandi-rita", None),
                         ("bukti", b"%PDF-1.4 bukti\n" * 1000, b"C:\\dok\\bukti.pdf")])
    r, data = req("POST", "/masuk", body, h)
    check("multipart-fields", r.status == 303 and "HttpOnly" in (r.getheader("Set-Cookie") or ""),
          (r.status, data[:200]))
    check("multipart-spool-cleaned", os.listdir(SPOOL) == [], os.listdir(SPOOL))
    body, h = multipart([("login", b"rita", None), ("bukti", b"x" * (21 * 1024 * 1024), b"b.pdf")])
    r, data = req("POST", "/masuk", body, h)
    check("multipart-file-too-big", r.status == 413 and "20 MB" in data.decode(), r.status)
    check("multipart-big-spool-cleaned", os.listdir(SPOOL) == [], os.listdir(SPOOL))
    body, h = multipart([("login", b"rita", None), ("bukti", b"abc", b"bukti\xff.pdf")])
    r, data = req("POST", "/masuk", body, h)
    check("multipart-filename-not-utf8", r.status == 400 and b"UTF-8" in data, r.status)
    body, h = multipart([("login", b"ri\x00ta", None)])
    r, data = req("POST", "/masuk", body, h)
    check("multipart-field-nul", r.status == 400 and b"NUL" in data, r.status)
    body, h = multipart([("f%d" % i, b"abc", b"a%d.pdf" % i) for i in range(65)])
    r, data = req("POST", "/masuk", body, h)
    check("multipart-too-many-files", r.status == 400 and b"Terlalu banyak" in data, r.status)
    # Empty file inputs (no file chosen), one per indicator of a big unit: no files at all.
    body, h = multipart([("login", b"rita", None), ("password", b"kata-sandi-rita", None)] +
                        [("bukti_IK-%02d" % i, b"", b"") for i in range(70)])
    r, data = req("POST", "/masuk", body, h)
    check("multipart-empty-file-inputs", r.status == 303, (r.status, data[:120]))
    body, h = multipart([("login", b"rita", None), ("bukti", b"isi berkas ENDMARK", b"b.pdf")])
    r, data = req("POST", "/masuk", body[:body.rindex(b"--sakipBATAS--")], h)
    check("multipart-truncated", r.status == 400 and b"terpotong" in data, (r.status, data[:120]))
    check("multipart-truncated-spool-cleaned", os.listdir(SPOOL) == [], os.listdir(SPOOL))
    r, data = req("POST", "/masuk", b"x", {"Content-Type": "multipart/form-data"})
    check("multipart-no-boundary", r.status == 400 and b"boundary" in data, r.status)
    check("multipart-refusals-spool-cleaned", os.listdir(SPOOL) == [], os.listdir(SPOOL))

    # Concurrent writes through the group commit: 40 cases started by 8 clients at once,
    # all their first steps done at once, then a double click on one task.
    ktok = run("token", "create", "--as", "yosafat").stdout.strip()
    kh = {"Authorization": "Bearer " + ktok, "Content-Type": "application/json"}
    start = json.dumps({"sop": "perkim-kalbar-perbaikan-data", "subject": "Perbaikan data",
                        "period": "TW III 2026"})
    with ThreadPoolExecutor(8) as ex:
        started = list(ex.map(lambda i: req("POST", "/api/v1/cases", start, kh), range(40)))
    ids = [json.loads(d)["id"] for r, d in started if r.status == 201]
    check("concurrent-starts", len(set(ids)) == 40, [r.status for r, d in started][:5])
    r, data = req("GET", "/api/v1/tasks", headers=kh)
    tasks = [t["id"] for t in json.loads(data)["tasks"] if t["case"] in ids]
    check("concurrent-tasks-listed", len(tasks) == 40, len(tasks))
    with ThreadPoolExecutor(8) as ex:
        done = list(ex.map(lambda t: req("POST", "/api/v1/tasks/%d/done" % t, "{}", kh)[0].status,
                           tasks[1:]))
    check("concurrent-done", done.count(200) == 39, done)
    with ThreadPoolExecutor(2) as ex:
        twice = sorted(ex.map(lambda t: req("POST", "/api/v1/tasks/%d/done" % t, "{}", kh)[0].status,
                              [tasks[0], tasks[0]]))
    check("double-click-one-wins", twice == [200, 409], twice)
    r, data = req("GET", "/metrics")
    check("metrics", r.status == 200 and b"sakip_http_requests_total{class=\"4xx\"}" in data)
    r, data = req("GET", "/metrics", headers={"X-Forwarded-For": "203.0.113.9"})
    check("metrics-not-through-proxy", r.status == 403, r.status)
    r, data = req("POST", "/masuk", "login=rita&password=kata-sandi-rita",
                  dict(form, **{"Sec-Fetch-Site": "cross-site"}))
    check("cross-site-post-refused", r.status == 403 and not r.getheader("Set-Cookie"), r.status)
finally:
    rc = stop(srv)
    log.close()
check("sigterm-clean-exit", rc == 0, rc)
r = run("audit", "verify")
check("audit-after-concurrency", r.returncode == 0, r.stdout + r.stderr)
r = subprocess.run(["sqlite3", DB, "SELECT count(*) FROM wf_task WHERE status='done'"],
                   capture_output=True, text=True)
check("concurrent-writes-durable", r.stdout.strip() == "40", r.stdout)

# SIGTERM while keep-alive clients keep sending writes: the writes in flight are answered,
# later ones get 503, and the server exits cleanly (it once aborted in libmicrohttpd here).
import threading
hlog = open(os.path.join(T, "hammer.log"), "w")
srv = subprocess.Popen([BIN, "--db", DB, "serve", "--listen", "127.0.0.1:%d" % port],
                       stdout=hlog, stderr=subprocess.STDOUT)
wait_port(port)
stop_hammer = threading.Event()
statuses = []


def hammer():
    while not stop_hammer.is_set():
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            while not stop_hammer.is_set():
                c.request("POST", "/api/v1/tasks/999999/return", '{"reason": "uji"}', kh)
                r = c.getresponse()
                r.read()
                statuses.append(r.status)
        except (OSError, http.client.HTTPException):
            time.sleep(0.01)


hammers = [threading.Thread(target=hammer) for _ in range(16)]
for h_ in hammers:
    h_.start()
time.sleep(1.0)
rc = stop(srv)
stop_hammer.set()
for h_ in hammers:
    h_.join()
hlog.close()
check("sigterm-under-writes", rc == 0 and len(statuses) > 50 and
      set(statuses) <= {404, 409, 503}, (rc, len(statuses), sorted(set(statuses))))

# HTTPS: a self-signed certificate for 127.0.0.1
cert, key = os.path.join(T, "cert.pem"), os.path.join(T, "key.pem")
r = subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key,
                    "-out", cert, "-days", "2", "-subj", "/CN=127.0.0.1",
                    "-addext", "subjectAltName=IP:127.0.0.1"], capture_output=True, text=True)
check("tls-cert-made", r.returncode == 0, r.stderr)
r = run("serve", "--listen", "127.0.0.1:%d" % port, "--tls-cert", cert, "--tls-key", DB)
check("tls-bad-key", r.returncode != 0 and "--tls-key" in r.stderr and "PEM" in r.stderr, r.stderr)
r = run("serve", "--listen", "127.0.0.1:%d" % port, "--tls-cert", cert)
check("tls-key-missing", r.returncode != 0 and "both" in r.stderr, r.stderr)
tlog = open(os.path.join(T, "tls.log"), "w")
srv = subprocess.Popen([BIN, "--db", DB, "serve", "--listen", "127.0.0.1:%d" % port,
                        "--tls-cert", cert, "--tls-key", key], stdout=tlog, stderr=subprocess.STDOUT)
wait_port(port)
try:
    ctx = ssl.create_default_context(cafile=cert)
    c = http.client.HTTPSConnection("127.0.0.1", port, timeout=10, context=ctx)
    c.request("POST", "/masuk", "login=rita&password=kata-sandi-rita",
              {"Content-Type": "application/x-www-form-urlencoded"})
    r = c.getresponse()
    r.read()
    check("tls-login-secure-cookie", r.status == 303 and "Secure" in (r.getheader("Set-Cookie") or ""),
          (r.status, r.getheader("Set-Cookie")))
    check("tls-hsts", "max-age" in (r.getheader("Strict-Transport-Security") or ""))
    c.close()
    try:
        req("GET", "/healthz")
        check("tls-no-plain-http", False, "plain HTTP answered")
    except (http.client.HTTPException, OSError):
        check("tls-no-plain-http", True)
finally:
    rc = stop(srv)
    tlog.close()
check("tls-sigterm-clean-exit", rc == 0, rc)
text = open(os.path.join(T, "serve.log")).read()
check("access-log", "GET /healthz 200" in text and "stopped" in text, text[-300:])
check("access-log-escaped", "\nPOST /admin" not in text and "GET /x?POST /admin 303 404" in text,
      text[-600:])
print("web_test: %d passed, %d failed%s" % (passes, len(fails), (": " + " ".join(fails)) if fails else ""))
if not fails:
    shutil.rmtree(T)
sys.exit(1 if fails else 0)
