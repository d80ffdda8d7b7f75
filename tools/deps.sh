#!/bin/sh
# deps.sh: install the Debian packages sakip needs, if any are missing.
#
# Usage: tools/deps.sh build|test|bench
#   build  what compiling and running sakip needs
#   test   that plus what the tests need (cmocka, the sqlite3 shell, python3
#          for the CLI test's JSON edits, setpriv from util-linux, openssl for the
#          HTTPS test's certificate, poppler-utils to read the PDFs back, Chromium
#          for the browser tests, and Node.js with npm when no node is found)
#   bench  build plus wrk, the HTTP load generator of bench_web
#
# Run by the Makefile before every build, so that on a fresh Debian 12
# machine "make demo" and "make test" do all the set-up. It does nothing
# when everything is installed. It needs root (or sudo) only to install.
set -eu

build_pkgs="gcc make pkg-config libc6-dev libsqlite3-dev libjansson-dev libsodium-dev libxlsxwriter-dev zlib1g-dev libmicrohttpd-dev libcairo2-dev libpango1.0-dev libqrencode-dev fonts-liberation2"
test_pkgs="$build_pkgs libcmocka-dev sqlite3 util-linux python3 openssl poppler-utils clang libclang-rt-14-dev chromium"

# The browser tests run on Node.js: the machine's own if it has one, else Debian's.
node_pkgs=""
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 || node_pkgs="nodejs npm"

case "${1:-build}" in
build) want=$build_pkgs ;;
test) want="$test_pkgs $node_pkgs" ;;
bench) want="$build_pkgs wrk" ;;
*) echo "usage: $0 build|test|bench" >&2; exit 1 ;;
esac

# Parallel make may start this twice; apt-get does not wait for its lock.
if command -v flock >/dev/null 2>&1; then
	exec 9>"${TMPDIR:-/tmp}/sakip-deps.lock"
	flock 9
fi

missing=""
for p in $want; do
	status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
	case "$status" in
	*"ok installed") ;;
	*) missing="$missing $p" ;;
	esac
done
[ -z "$missing" ] && exit 0

echo "deps: installing missing Debian packages:$missing"
if [ "$(id -u)" -eq 0 ]; then
	sudo=""
elif command -v sudo >/dev/null 2>&1; then
	sudo="sudo"
else
	echo "deps: run as root, or install them yourself: apt-get install$missing" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q
# shellcheck disable=SC2086
$sudo apt-get install -y -q --no-install-recommends $missing
