#!/usr/bin/env python3
"""web_test.py: the real `sakip serve` on a loopback port, driven over HTTP.

Checks what only a real socket shows: security headers on every reply,
sign-in by NIP with its cookie flags, a recap download with its
Content-Disposition, an oversized body refused with 413,
a body that is not UTF-8 refused with 400, X-Forwarded-Proto from a local
proxy making the cookie Secure, and SIGTERM stopping the server cleanly.
Usage: web_test.py BIN
"""
import http.client, os, shutil, signal, socket, subprocess, sys, tempfile, time

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
srv = subprocess.Popen([BIN, "--db", DB, "serve", "--listen", "127.0.0.1:%d" % port],
                       stdout=log, stderr=subprocess.STDOUT)
for _ in range(100):
    try:
        socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
        break
    except OSError:
        time.sleep(0.05)


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
    r, data = req("POST", "/api/v1/cases", b'{"sop":', {"Authorization": "Bearer " + tok,
                                                         "Content-Type": "application/json"})
    check("api-bad-json", r.status == 400 and b'"bad_json"' in data, (r.status, data))
    r, data = req("GET", "/api/v1/tasks", headers={"Cookie": sess})
    check("api-no-cookies", r.status == 401 and b'"unauthorized"' in data, r.status)
    r, data = req("GET", "/metrics")
    check("metrics", r.status == 200 and b"sakip_http_requests_total{class=\"4xx\"}" in data)
finally:
    srv.send_signal(signal.SIGTERM)
    try:
        rc = srv.wait(timeout=10)
    except subprocess.TimeoutExpired:
        srv.kill()
        rc = -1
    log.close()
check("sigterm-clean-exit", rc == 0, rc)
text = open(os.path.join(T, "serve.log")).read()
check("access-log", "GET /healthz 200" in text and "stopped" in text, text[-300:])
check("access-log-escaped", "\nPOST /admin" not in text and "GET /x?POST /admin 303 404" in text,
      text[-600:])
print("web_test: %d passed, %d failed%s" % (passes, len(fails), (": " + " ".join(fails)) if fails else ""))
if not fails:
    shutil.rmtree(T)
sys.exit(1 if fails else 0)
