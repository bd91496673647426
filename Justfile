# sqlettuce: the menu of tasks. `just --list` shows them; `./build.sh setup` installs the tools.

set shell := ["bash", "-euo", "pipefail", "-c"]
set positional-arguments

lib := "target/release/libsqlettuce_core.a"
sqlc := "go tool -modfile=tools/go.mod sqlc"
cbindgen := "cbindgen --quiet --config rust/cbindgen.toml --crate sqlettuce-core --output include/sqlettuce.h rust"

# List the recipes
default:
    @just --list

# Build the Rust staticlib and tell Go's cache when it changed
rust:
    cargo build --release --locked -p sqlettuce-core
    ./build.sh rustlib-hash

# Build the server binary at bin/sqlettuce
build: rust
    go build -o bin/sqlettuce ./go/cmd/sqlettuce

# Start the server (flags pass through: just run --port 6380 --engine go)
run *flags: build
    bin/sqlettuce "$@"

# Regenerate what is generated: Go queries (sqlc), the C header (cbindgen), README's command list
gen:
    {{sqlc}} generate
    {{cbindgen}}
    python3 spec/readme_commands.py

# Format Go and Rust code
fmt:
    gofmt -w go spec
    cargo fmt --all

# Check formatting, vet, clippy, and that generated files are current
lint:
    test -z "$(gofmt -l go spec)" || { gofmt -l go spec; echo "gofmt needed"; exit 1; }
    go vet ./go/... ./spec/...
    cargo fmt --all --check
    cargo clippy --release --locked -p sqlettuce-core -- -D warnings
    {{sqlc}} diff
    {{cbindgen}} --verify
    python3 spec/readme_commands.py --check

# Rust unit tests (parser, engine against a real SQLite)
test-rust:
    cargo test --release --locked -p sqlettuce-core

# Go unit tests (RESP parser, Go engine, server, flags)
test-go: rust
    go test ./spec/... ./go/internal/... ./go/cmd/...

# End-to-end tests: the real binary over TCP, every path, redis-cli, go-redis, shared cases
test-e2e: build
    go test -count=1 -timeout 30m ./go/e2e/...

# One SQLite in the binary: none inside the Rust library, exactly one definition in bin/
check-one-sqlite: build
    ! nm -g --defined-only {{lib}} 2>/dev/null | grep -q ' T sqlite3_'
    test "$(nm bin/sqlettuce | grep -c ' T sqlite3_open_v2$')" = 1

# Self-test of the benchmark scripts (parsing, tables, chart) on canned numbers
test-bench:
    python3 bench/run.py --self-test
    python3 bench/collections.py --self-test

# Fuzz both RESP parsers and both engines for a while each (just fuzz 600: ten minutes each)
fuzz seconds="60": rust
    SQLETTUCE_FUZZ_SECONDS={{seconds}} cargo test --release --locked -p sqlettuce-core fuzz -- --nocapture
    go test -run '^$' -fuzz FuzzParse -fuzztime {{seconds}}s ./go/internal/resp/
    go test -run '^$' -fuzz FuzzExec -fuzztime {{seconds}}s ./go/internal/goengine/
    go test -run '^$' -fuzz FuzzExec -fuzztime {{seconds}}s ./go/internal/rustengine/

# Everything CI runs: lint, unit tests (with 3 s of the Rust fuzzer), 5 s per Go fuzz target, the one-SQLite check, end-to-end tests
test: lint test-rust test-go test-bench check-one-sqlite (fuzz-go "5") test-e2e

# Just the Go fuzz targets, briefly (CI)
fuzz-go seconds="5": rust
    go test -run '^$' -fuzz FuzzParse -fuzztime {{seconds}}s ./go/internal/resp/
    go test -run '^$' -fuzz FuzzExec -fuzztime {{seconds}}s ./go/internal/goengine/
    go test -run '^$' -fuzz FuzzExec -fuzztime {{seconds}}s ./go/internal/rustengine/

# Benchmark every path against Redis (flags pass through: just bench --quick; bench/run.py --help)
bench *args: build
    python3 bench/run.py "$@"

# Smoke-run the benchmark: rust/batch only, 20000 requests, no extras (CI can run it)
bench-quick: build
    python3 bench/run.py --quick --paths rust/batch --no-extras

# Collections of 1k and 1M elements: push/pop, lookups, ranges (flags pass through: --quick, --paths, --sizes)
bench-collections *args: build
    python3 bench/collections.py "$@"
