# mamori — two commands set everything up on a fresh Debian 12 machine:
#   make run    install what is missing, build, create ./var with the demo organization, serve on :8080
#               (make run DEMO=defense-contractor: the defense-contractor demo in ./var-contractor)
#   make test   install what is missing, build with warnings as errors, run every test
#               (a Release build, then a Debug build with AddressSanitizer + UBSan)

BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc)
PORT       ?= 8080
# The demo organization's profile: mod-internal (MOD internal bureaus, var/) or defense-contractor (a
# defense contractor with its handler roster and the MOD confirmation gate, var-contractor/).
DEMO       ?= mod-internal
VAR        ?= $(if $(filter defense-contractor,$(DEMO)),var-contractor,var)
CMAKE_FLAGS = -G Ninja -DMAMORI_WERROR=ON

.PHONY: all deps web build build-asan run test test-release test-asan bench clean

all: build

deps:
	@bash scripts/install-deps.sh

web: deps
	bash scripts/build-web.sh

build: deps web
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Release -DMAMORI_WEB_TESTS=ON >/dev/null
	ninja -C $(BUILD) -j $(JOBS)

build-asan: deps
	cmake -S . -B $(ASAN_BUILD) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Debug -DMAMORI_SANITIZE=ON >/dev/null
	ninja -C $(ASAN_BUILD) -j $(JOBS) mamori mamori_unit_tests mamori_blackbox_tests

run: deps web
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS) -DCMAKE_BUILD_TYPE=Release -DMAMORI_WEB_TESTS=ON >/dev/null
	ninja -C $(BUILD) -j $(JOBS) mamori
	./$(BUILD)/mamori demo --var $(VAR) --profile $(DEMO) --keep
	@echo
	@echo "Open http://127.0.0.1:$(PORT) in a browser and sign in (e.g. tanaka / mamori-demo-2026) — or, from another terminal:"
	@echo "  curl -s -c /tmp/mamori.jar -H 'Content-Type: application/json' \\"
	@echo "       -d '{\"username\":\"tanaka\",\"password\":\"mamori-demo-2026\"}' http://127.0.0.1:$(PORT)/api/v1/auth/login"
	@echo "  (README.md walks through a whole month of media work with curl and the CLI)"
	@echo
	./$(BUILD)/mamori serve --var $(VAR) --port $(PORT)

test: test-release test-asan

test-release: build
	cd $(BUILD) && ctest --output-on-failure -j 2 --timeout 900

test-asan: build-asan
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j 2 --timeout 1800

bench: build
	bash bench/run.sh

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
