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

# Regenerate what is generated: Go queries (sqlc) and the C header (cbindgen)
gen:
    {{sqlc}} generate
    {{cbindgen}}

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

# Rust unit tests (parser, engine against a real SQLite)
test-rust:
    cargo test --release --locked -p sqlettuce-core

# Go unit tests (RESP parser, Go engine, server)
test-go: rust
    go test ./spec/... ./go/internal/...

# End-to-end tests: the real binary over TCP, every path, redis-cli, go-redis, shared cases
test-e2e: build
    go test -count=1 -timeout 30m ./go/e2e/...

# One SQLite in the binary: none inside the Rust library, exactly one definition in bin/
check-one-sqlite: build
    ! nm -g --defined-only {{lib}} 2>/dev/null | grep -q ' T sqlite3_'
    test "$(nm bin/sqlettuce | grep -c ' T sqlite3_open_v2$')" = 1

# Everything CI runs: lint, unit tests, the one-SQLite check, end-to-end tests
test: lint test-rust test-go check-one-sqlite test-e2e

# Quick throughput smoke: redis-benchmark -P 16 against each path (the full benchmark is `bench`, issue 3)
bench-smoke: build
    #!/usr/bin/env bash
    set -euo pipefail
    db=$(mktemp -d)
    for path in "rust batch" "rust command" "go batch"; do
      set -- $path
      bin/sqlettuce --port 7399 --db "$db/$1-$2.db" --engine "$1" --crossing "$2" --loglevel warn & pid=$!
      until redis-cli -p 7399 ping >/dev/null 2>&1; do sleep 0.1; done
      echo "== $1/$2"
      redis-benchmark -p 7399 -q -n 100000 -P 16 -r 100000 -t ping,set,get,incr,mset
      kill $pid; wait $pid
    done
    rm -rf "$db"
