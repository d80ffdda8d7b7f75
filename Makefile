# sakip: plain Makefile with pkg-config. See README.md.
#
#   make          build build/sakip
#   make demo     build, create demo.db (SOP library, demo organisations, data kinerja),
#                 then serve it on http://127.0.0.1:8080/ (DEMO_LISTEN=ADDR:PORT to change)
#   make test     build and run every test (units, the CLI and the server against the
#                 binary, the browser tests in Chromium, a short fuzzing pass)
#   make asan     the same tests built with AddressSanitizer + UBSan
#   make bench    build and run the benchmark programs under bench/ (figures only)
#   make fuzz     run the libFuzzer targets (FUZZ_SECONDS each, default 60)
#   make format   clang-format the sources
#
# Missing Debian packages are installed first by tools/deps.sh.

CC      ?= cc
BUILD   ?= build
PKGS    := sqlite3 jansson libsodium xlsxwriter libmicrohttpd cairo pangocairo libqrencode
SAN     ?=
OPT     ?= -O2

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wpointer-arith -Wformat=2 -Wvla -Wno-format-nonliteral
BASE_CFLAGS = -std=c17 -g $(OPT) -pthread -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
           $(WARN) -Isrc $(SANFLAGS)
ifeq ($(SAN),1)
SANFLAGS := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all
OPT      := -O1
endif

# pkg-config runs once, lazily, after tools/deps.sh has installed it.
PKG_CFLAGS = $(eval PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS)))$(PKG_CFLAGS)
PKG_LIBS   = $(eval PKG_LIBS := $(shell pkg-config --libs $(PKGS)))$(PKG_LIBS)
CMOCKA_LIBS = $(eval CMOCKA_LIBS := $(shell pkg-config --libs cmocka))$(CMOCKA_LIBS)

SRC     := $(wildcard src/*.c)
EMBED   := sop_lib org_lib cal_lib kpi_lib
OBJ     := $(SRC:src/%.c=$(BUILD)/%.o) $(EMBED:%=$(BUILD)/%_data.o)
LIBOBJ  := $(filter-out $(BUILD)/main.o,$(OBJ))
sop_lib_FILES := $(sort $(wildcard lib/sop/*.json))
org_lib_FILES := $(sort $(wildcard lib/org/*.json))
cal_lib_FILES := $(sort $(wildcard lib/calendar/*.csv))
kpi_lib_FILES := $(sort $(wildcard lib/kpi/*/*.csv))
TESTS   := $(patsubst test/%.c,$(BUILD)/%,$(wildcard test/test_*.c))

.PHONY: all deps deps-test demo test unit cli e2e bench fuzz fuzz-short asan format clean \
        import-table

all: $(BUILD)/sakip

deps:
	@tools/deps.sh build

deps-test: deps
	@tools/deps.sh test

$(BUILD)/.dir:
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/%.o: src/%.c src/*.h Makefile | deps $(BUILD)/.dir
	$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) -c $< -o $@

# Data files embedded into the binary: the SOP library, demo organisations, calendars.
.PRECIOUS: $(BUILD)/%_data.c
.SECONDEXPANSION:
$(BUILD)/%_data.c: $$(%_FILES) tools/embed.sh | $(BUILD)/.dir
	tools/embed.sh $* $($*_FILES) > $@.$$$$.tmp && mv $@.$$$$.tmp $@

$(BUILD)/%_data.o: $(BUILD)/%_data.c src/util.h | deps
	$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) -c $< -o $@

# No request or database value may reach a page unescaped (tools/check_html.sh).
HTML_SRC := src/web_pages.c src/web_sop.c src/web_data.c src/web_kpi.c src/web_admin.c \
            src/web_admin_org.c src/web_route.c src/web_svg.c src/web_doc.c src/web_lkj.c \
            src/web_sign.c
$(BUILD)/html-check.ok: tools/check_html.sh $(HTML_SRC) | $(BUILD)/.dir
	tools/check_html.sh $(HTML_SRC) && touch $@

$(BUILD)/sakip: $(OBJ) $(BUILD)/html-check.ok
	$(CC) $(BASE_CFLAGS) -o $@ $(OBJ) $(PKG_LIBS) -lm

$(BUILD)/test_%: test/test_%.c test/*.h $(LIBOBJ) | deps-test
	$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) -Itest -o $@ $< $(LIBOBJ) $(PKG_LIBS) $(CMOCKA_LIBS) -lm

$(BUILD)/bench_%: bench/bench_%.c $(LIBOBJ) | deps
	$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) -o $@ $< $(LIBOBJ) $(PKG_LIBS) -lm

bench: $(patsubst bench/%.c,$(BUILD)/%,$(wildcard bench/bench_*.c)) $(BUILD)/sakip
	@tools/deps.sh bench
	@set -e; for b in $(filter $(BUILD)/bench_%,$^); do echo "== $$b"; $$b; done

# doc/import.md: how the importer reads the seeds and the corpus, written by its test
# (test/test_sop_import.c fails while the committed file differs).
import-table: $(BUILD)/test_sop_import
	SAKIP_WRITE_IMPORT_TABLE=doc/import.md $(BUILD)/test_sop_import

DEMO_LISTEN ?= 127.0.0.1:8080
DEMO_PASSWORD ?= sakip-demo

demo: $(BUILD)/sakip
	rm -f demo.db demo.db-wal demo.db-shm
	$(BUILD)/sakip --db demo.db demo --web-password $(DEMO_PASSWORD)
	$(BUILD)/sakip --db demo.db kpi recap --agency perkim-kalbar --year 2026 --period TW3
	@echo
	@echo "Web: http://$(DEMO_LISTEN)/  sign in with any demo login above (or its NIP),"
	@echo "     password: $(DEMO_PASSWORD). Ctrl-C stops the server."
	$(BUILD)/sakip --db demo.db serve --listen $(DEMO_LISTEN)

unit: deps-test $(BUILD)/sakip $(TESTS)
	@set -e; for t in $(TESTS); do echo "== $$t"; $$t; done

cli: deps-test $(BUILD)/sakip
	test/cli_test.sh $(BUILD)/sakip
	test/cli_wf_test.sh $(BUILD)/sakip
	test/cli_kpi_test.sh $(BUILD)/sakip
	test/cli_lkj_test.sh $(BUILD)/sakip
	test/cli_sign_test.sh $(BUILD)/sakip
	test/cli_import_test.sh $(BUILD)/sakip
	test/cli_import_bad_test.sh $(BUILD)/sakip
	test/web_test.py $(BUILD)/sakip
	test/check_html_test.sh

# Browser tests: playwright-core from npm (test/e2e/package-lock.json) driving
# Debian's Chromium; screenshots land in $(BUILD)/e2e.
e2e: deps-test $(BUILD)/sakip
	@test -d test/e2e/node_modules/playwright-core || \
		(cd test/e2e && npm ci --no-audit --no-fund --loglevel=error)
	node test/e2e/e2e.js $(BUILD)/sakip

test: unit cli e2e fuzz-short
	@echo "all tests passed ($(BUILD))"

# Fuzzing: clang's libFuzzer with ASan+UBSan, from its own build directory.
# The corpus starts from the built-in library; "make test" runs a short pass.
FUZZ_SECONDS ?= 60
FUZZ_SRC := $(filter-out src/main.c,$(SRC))
EMBED_C := $(EMBED:%=$(BUILD)/%_data.c)
build-fuzz/fuzz_%: fuzz/fuzz_%.c $(FUZZ_SRC) src/*.h $(EMBED_C) | deps-test
	@mkdir -p build-fuzz
	clang -std=c17 -g -O1 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -Isrc $(PKG_CFLAGS) \
	  -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
	  -o $@ $< $(FUZZ_SRC) $(EMBED_C) $(PKG_LIBS) -lm

# Each target starts from a corpus of real inputs: SOP definitions, CSV files.
FUZZ_SOP = mkdir -p build-fuzz/corpus-sop && cp lib/sop/*.json build-fuzz/corpus-sop/ && \
	   build-fuzz/fuzz_sop -max_len=65536 build-fuzz/corpus-sop -max_total_time=
FUZZ_CSV = mkdir -p build-fuzz/corpus-csv && for f in lib/kpi/*/*.csv; do \
	     cp $$f build-fuzz/corpus-csv/$$(echo $$f | tr / _); done && \
	   build-fuzz/fuzz_csv -max_len=65536 build-fuzz/corpus-csv -max_total_time=

# The importer's corpus: the seeds, the pdftotext documents and the bad inputs
# (the 10 MB line is left out: -max_len caps inputs at 1 MB).
FUZZ_IMPORT = mkdir -p build-fuzz/corpus-import && for f in test/data/seeds/*.txt \
	     test/data/sop-corpus/*.txt test/data/import-bad/*; do \
	     cp $$f build-fuzz/corpus-import/$$(echo $$f | tr / _); done && \
	   build-fuzz/fuzz_import -max_len=1048576 -rss_limit_mb=4096 \
	     build-fuzz/corpus-import -max_total_time=

fuzz: build-fuzz/fuzz_sop build-fuzz/fuzz_csv build-fuzz/fuzz_import
	$(FUZZ_SOP)$(FUZZ_SECONDS)
	$(FUZZ_CSV)$(FUZZ_SECONDS)
	$(FUZZ_IMPORT)$(FUZZ_SECONDS)

fuzz-short: build-fuzz/fuzz_sop build-fuzz/fuzz_csv build-fuzz/fuzz_import
	$(FUZZ_SOP)8
	$(FUZZ_CSV)5
	$(FUZZ_IMPORT)5

asan:
	LSAN_OPTIONS=suppressions=$(CURDIR)/test/lsan.supp:print_suppressions=0 $(MAKE) BUILD=build-asan SAN=1 test

format:
	clang-format -i src/*.c src/*.h test/*.c test/*.h

clean:
	rm -rf build build-asan build-fuzz demo.db demo.db-wal demo.db-shm
