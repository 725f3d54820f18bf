# Alliance: `make run` and `make test` do everything from a fresh clone.
# Plain make + pkg-config; `make deps` installs what is missing (dpkg -s first,
# so a warm machine skips apt-get).

CC      ?= cc
PKGS    := libmicrohttpd jansson sqlite3 libsodium libutf8proc libpq md4c-html
# CV reading (lib/cv_read.c)
PKGS    += poppler-glib libzip libxml-2.0
# mail: SMTP delivery and iCalendar invitations
PKGS    += libcurl libical
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -Werror -Wshadow -Wno-missing-field-initializers \
           -pthread $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LDLIBS  := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lm -pthread
# KPIs: CSV export (libcsv has no pkg-config file)
LDLIBS  += -lcsv

# Debian packages the build, the tests and the benchmarks need.
DEB_PACKAGES := build-essential pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev \
                libsodium-dev libutf8proc-dev libcmocka-dev libpq-dev libmd4c-dev libmd4c-html0-dev postgresql nginx sqlite3 chromium wrk curl
# fuzzing (tests/fuzz/)
DEB_PACKAGES += clang-14 libfuzzer-14-dev
# KPIs: CSV export
DEB_PACKAGES += libcsv-dev
# CV reading (lib/cv_read.c)
DEB_PACKAGES += libpoppler-glib-dev libzip-dev libxml2-dev poppler-utils
# mail: SMTP (libcurl), invitations (libical), the test SMTP server and .ics parser
DEB_PACKAGES += libcurl4-openssl-dev libical-dev python3-aiosmtpd python3-icalendar

SRC      := $(wildcard src/*.c src/*/*.c)
LIB_SRC  := $(filter-out src/main.c,$(SRC))
UI_FILES := $(shell find ui -type f 2>/dev/null | sort)
DATA     := data/skills.tsv data/aliases.tsv data/roles.tsv
# trust: common passwords refused (src/domain/password.c)
DATA     += data/common-passwords.txt
VENDOR   := node_modules/sortablejs/Sortable.min.js
# charts: the dashboard and the gap page
CHARTJS  := node_modules/chart.js/dist/chart.umd.js
VENDOR   += $(CHARTJS)

B        := build
OBJ      := $(SRC:%.c=$(B)/obj/%.o)
ASAN_OBJ := $(SRC:%.c=$(B)/asan/%.o)
ASAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer

.PHONY: all deps run run-built test test-built test-unit test-api test-browser test-asan lint-openapi bench clean
.PHONY: fuzz fuzz-built bench-load bench-soak

all: $(B)/alliance

# --- dependencies -----------------------------------------------------------
deps: $(B)/.deps-apt node_modules/.package-lock.json

$(B)/.deps-apt: Makefile
	@mkdir -p $(B)
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	command -v npm >/dev/null 2>&1 || missing="$$missing nodejs npm"; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi
	@touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(VENDOR): node_modules/.package-lock.json

# --- build ------------------------------------------------------------------
$(B)/embedded.c: tools/embed.c $(UI_FILES) $(DATA) $(VENDOR) | $(B)/.deps-apt
	@mkdir -p $(B)
	$(CC) -O2 -o $(B)/embed tools/embed.c
	$(B)/embed $@ $(foreach f,$(UI_FILES),$(f)=$(f)) ui/vendor/sortable.js=node_modules/sortablejs/Sortable.min.js \
	  ui/vendor/chart.js=$(CHARTJS) \
	  $(foreach f,$(DATA),$(f)=$(f))

$(B)/obj/%.o: %.c | $(B)/.deps-apt
	@mkdir -p $(dir $@)
	@echo "CC $<"
	@$(CC) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/obj/embedded.o: $(B)/embedded.c
	$(CC) $(CFLAGS) -Isrc/lib -c -o $@ $<

$(B)/alliance: $(OBJ) $(B)/obj/embedded.o
	@echo "LD $@"
	@$(CC) $(CFLAGS) -o $@ $^ $(LDLIBS)
	@ln -sf $(B)/alliance alliance

# Second build under AddressSanitizer and UndefinedBehaviorSanitizer.
$(B)/asan/%.o: %.c | $(B)/.deps-apt
	@mkdir -p $(dir $@)
	@echo "CC (asan) $<"
	@$(CC) $(CFLAGS) -O1 $(ASAN_FLAGS) -MMD -MP -c -o $@ $<

$(B)/asan/embedded.o: $(B)/embedded.c
	$(CC) $(CFLAGS) -O1 $(ASAN_FLAGS) -Isrc/lib -c -o $@ $<

$(B)/asan/alliance: $(ASAN_OBJ) $(B)/asan/embedded.o
	@echo "LD $@"
	@$(CC) $(CFLAGS) $(ASAN_FLAGS) -o $@ $^ $(LDLIBS)

-include $(OBJ:.o=.d) $(ASAN_OBJ:.o=.d)

# --- unit tests (cmocka): one binary per tests/unit/test_*.c ---------------
UNIT_SRC  := $(wildcard tests/unit/test_*.c)
UNIT_BIN  := $(UNIT_SRC:tests/unit/%.c=$(B)/asan/tests/%)
UNIT_LIBS := $(LDLIBS) $(shell pkg-config --libs cmocka 2>/dev/null)
LIB_ASAN_OBJ := $(LIB_SRC:%.c=$(B)/asan/%.o) $(B)/asan/embedded.o

$(B)/asan/tests/%: tests/unit/%.c $(LIB_ASAN_OBJ)
	@mkdir -p $(dir $@)
	@echo "LD $@"
	@$(CC) $(CFLAGS) -O1 $(ASAN_FLAGS) -Isrc -o $@ $^ $(UNIT_LIBS)

# --- fuzzing (libFuzzer, clang): one binary per tests/fuzz/fuzz_*.c ----------
# Linked with every object of src/ except main.c, built again by clang with
# ASan + UBSan and coverage. `make fuzz` runs each FUZZ_SECONDS on a working
# corpus seeded from tests/fuzz/corpus/<target>/; `make test` replays the
# committed corpus and fuzzes a few seconds (tests/run.sh, suite fuzz).
FUZZ_CC      ?= clang-14
FUZZ_SECONDS ?= 60
FUZZ_FLAGS   := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
FUZZ_SRC     := $(wildcard tests/fuzz/fuzz_*.c)
FUZZ_BIN     := $(FUZZ_SRC:tests/fuzz/%.c=$(B)/fuzz/%)
FUZZ_OBJ     := $(LIB_SRC:%.c=$(B)/fuzz/obj/%.o) $(B)/fuzz/obj/embedded.o

$(B)/fuzz/obj/%.o: %.c | $(B)/.deps-apt
	@mkdir -p $(dir $@)
	@echo "CC (fuzz) $<"
	@$(FUZZ_CC) $(CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(B)/fuzz/obj/embedded.o: $(B)/embedded.c
	$(FUZZ_CC) $(CFLAGS) $(FUZZ_FLAGS) -Isrc/lib -c -o $@ $<

$(B)/fuzz/%: tests/fuzz/%.c tests/fuzz/fuzz.h $(FUZZ_OBJ)
	@echo "LD $@"
	@$(FUZZ_CC) $(CFLAGS) $(FUZZ_FLAGS) -fsanitize=fuzzer -Isrc -o $@ $< $(FUZZ_OBJ) $(LDLIBS)

-include $(FUZZ_OBJ:.o=.d)
.SECONDARY: $(FUZZ_OBJ)

fuzz: deps
	@$(MAKE) --no-print-directory fuzz-built

fuzz-built: $(FUZZ_BIN)
	@for t in $(FUZZ_BIN); do n=$$(basename $$t); mkdir -p $(B)/fuzz-work/$$n tests/fuzz/corpus/$$n; \
	  echo "== $$n ($(FUZZ_SECONDS) s)"; \
	  $$t -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
	      -artifact_prefix=$(B)/fuzz-work/$$n- $(B)/fuzz-work/$$n tests/fuzz/corpus/$$n 2>&1 \
	    | grep -E '^stat::number_of_executed_units|^stat::peak_rss|ERROR|SUMMARY|property failed|Test unit written' \
	    || true; \
	  [ -z "$$(ls $(B)/fuzz-work/$$n-crash-* $(B)/fuzz-work/$$n-timeout-* $(B)/fuzz-work/$$n-leak-* 2>/dev/null)" ] || \
	    { echo "$$n: crash inputs in $(B)/fuzz-work/ (add them to tests/fuzz/corpus/$$n/ once fixed)"; exit 1; }; \
	done

# --- KPI benchmark (bench/kpi/run.sh): linked with every object but main.c
$(B)/bench/kpi_bench: bench/kpi/kpi_bench.c $(filter-out $(B)/obj/src/main.o,$(OBJ)) $(B)/obj/embedded.o
	@mkdir -p $(dir $@)
	@$(CC) $(CFLAGS) -Isrc -o $@ $^ $(LDLIBS)

# --- the commands of the README ---------------------------------------------
# run, test and bench install first, then build in a second make: the
# pkg-config flags above are read when make starts, so on a fresh machine
# they exist only once deps has installed the libraries.
run: deps
	@$(MAKE) --no-print-directory run-built

run-built: $(B)/alliance
	@[ -f alliance.db ] || ./$(B)/alliance init --demo --db alliance.db
	@echo "Open http://127.0.0.1:8080 and sign in as <role>@demo.alliance.example / alliance-demo"
	@echo "(roles: admin manager sales recruiter tech consultant; client: a client contact)"
	./$(B)/alliance serve --db alliance.db --addr 127.0.0.1:8080

test: deps
	@$(MAKE) --no-print-directory test-built

test-built: $(B)/alliance $(B)/asan/alliance $(UNIT_BIN) $(FUZZ_BIN)
	@tests/run.sh

bench: deps
	@$(MAKE) --no-print-directory $(B)/alliance
	bench/http.sh

# load (bench/load/): 60 s mixed workload on a grown firm; 10 min soak with RSS samples
bench-load: deps
	@$(MAKE) --no-print-directory $(B)/alliance
	bench/load/run.sh

bench-soak: deps
	@$(MAKE) --no-print-directory $(B)/alliance
	bench/load/run.sh --soak
# matching engine: speed against SQLite (bench/match/run.sh prints the figures)
$(B)/bench-match: bench/match/bench.c $(filter-out $(B)/obj/src/main.o,$(OBJ)) $(B)/obj/embedded.o
	@echo "LD $@"
	@$(CC) $(CFLAGS) -Isrc -o $@ $^ $(LDLIBS)

clean:
	rm -rf $(B) alliance
