# sakip: plain Makefile with pkg-config. See README.md.
#
#   make          build build/sakip
#   make demo     build, create demo.db with the built-in SOPs, show the library
#   make test     build and run every test (units, then the CLI against the binary)
#   make asan     the same tests built with AddressSanitizer + UBSan
#   make format   clang-format the sources
#
# Missing Debian packages are installed first by tools/deps.sh.

CC      ?= cc
BUILD   ?= build
PKGS    := sqlite3 jansson
SAN     ?=
OPT     ?= -O2

WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
           -Wpointer-arith -Wformat=2 -Wvla -Wno-format-nonliteral
BASE_CFLAGS = -std=c17 -g $(OPT) -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE \
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
OBJ     := $(SRC:src/%.c=$(BUILD)/%.o) $(BUILD)/sop_lib_data.o
LIBOBJ  := $(filter-out $(BUILD)/main.o,$(OBJ))
LIBSOP  := $(sort $(wildcard lib/sop/*.json))
TESTS   := $(patsubst test/%.c,$(BUILD)/%,$(wildcard test/test_*.c))

.PHONY: all deps deps-test demo test unit cli asan format clean

all: $(BUILD)/sakip

deps:
	@tools/deps.sh build

deps-test:
	@tools/deps.sh test

$(BUILD)/.dir:
	@mkdir -p $(BUILD) && touch $@

$(BUILD)/%.o: src/%.c src/*.h Makefile | deps $(BUILD)/.dir
	$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) -c $< -o $@

$(BUILD)/sop_lib_data.c: $(LIBSOP) tools/embed.sh | $(BUILD)/.dir
	tools/embed.sh $(LIBSOP) > $@.tmp && mv $@.tmp $@

$(BUILD)/sop_lib_data.o: $(BUILD)/sop_lib_data.c src/sop.h | deps
	$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) -c $< -o $@

$(BUILD)/sakip: $(OBJ)
	$(CC) $(BASE_CFLAGS) -o $@ $(OBJ) $(PKG_LIBS) -lm

$(BUILD)/test_%: test/test_%.c test/*.h $(LIBOBJ) | deps-test
	$(CC) $(BASE_CFLAGS) $(PKG_CFLAGS) -Itest -o $@ $< $(LIBOBJ) $(PKG_LIBS) $(CMOCKA_LIBS) -lm

demo: $(BUILD)/sakip
	rm -f demo.db demo.db-wal demo.db-shm
	$(BUILD)/sakip --db demo.db init
	$(BUILD)/sakip --db demo.db sop list
	@echo
	@echo "Try: $(BUILD)/sakip --db demo.db sop show perkim-kalbar-perbaikan-data"

unit: deps-test $(BUILD)/sakip $(TESTS)
	@set -e; for t in $(TESTS); do echo "== $$t"; $$t; done

cli: deps-test $(BUILD)/sakip
	test/cli_test.sh $(BUILD)/sakip

test: unit cli
	@echo "all tests passed ($(BUILD))"

asan:
	$(MAKE) BUILD=build-asan SAN=1 test

format:
	clang-format -i src/*.c src/*.h test/*.c test/*.h

clean:
	rm -rf build build-asan demo.db demo.db-wal demo.db-shm
