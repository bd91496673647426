// Command sqlettuce is a Redis-compatible server whose data lives in one SQLite file.
//
//	sqlettuce [--port 6379] [--bind 127.0.0.1] [--db ./sqlettuce.db]
//	          [--engine rust|go] [--crossing batch|command] [--sqlite-locking normal|exclusive]
//	          [--appendfsync always|everysec|no] [--maxclients 10000] [--timeout 0]
//	          [--protected-mode yes|no]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/signal"
	"runtime"
	"strconv"
	"syscall"
	"time"

	"sqlettuce/go/internal/engine"
	"sqlettuce/go/internal/goengine"
	"sqlettuce/go/internal/rustengine"
	"sqlettuce/go/internal/server"
)

func main() {
	if err := run(os.Args[1:]); err != nil {
		fmt.Fprintln(os.Stderr, "sqlettuce:", err)
		os.Exit(1)
	}
}

// config is the command line, in redis-server's spirit.
type config struct {
	port     int
	bind     string
	db       string
	engine   string
	crossing string
	locking  string
	fsync    string
	maxConns int64
	idle     int64
	protect  string
	logLevel string
	// requirepass: clients must AUTH with it first (CONFIG SET requirepass changes it).
	requirepass string
}

func parseFlags(args []string) (config, error) {
	var c config
	fs := flag.NewFlagSet("sqlettuce", flag.ContinueOnError)
	fs.IntVar(&c.port, "port", 6379, "TCP port to listen on")
	fs.StringVar(&c.bind, "bind", "127.0.0.1", "address to listen on")
	fs.StringVar(&c.db, "db", "./sqlettuce.db", "SQLite database file (\":memory:\" for a throwaway store)")
	fs.StringVar(&c.engine, "engine", "rust", "command engine: rust (Rust staticlib over cgo) or go (pure Go, sqlc queries)")
	fs.StringVar(&c.crossing, "crossing", "batch", "Rust engine: one cgo call per pipelined batch, or per command")
	fs.StringVar(&c.locking, "sqlite-locking", "normal", "normal: the sqlite3 CLI can read the file while the server runs; "+
		"exclusive: the server locks the file for itself (a little faster, no reader connections, the CLI is locked out)")
	fs.StringVar(&c.fsync, "appendfsync", "everysec", "when commits reach the disk, as Redis's appendfsync: always (every commit fsyncs "+
		"before its replies), everysec (checkpoints fsync, every 200 ms) or no (never; the OS decides). A killed process loses no "+
		"acknowledged write in any mode; a power cut can lose the last moments in everysec and no")
	fs.Int64Var(&c.maxConns, "maxclients", server.DefaultMaxClients, "connections at most; one more gets \"ERR max number of clients reached\" (Redis's maxclients)")
	fs.Int64Var(&c.idle, "timeout", 0, "close a client idle for this many seconds; 0 never (Redis's timeout)")
	fs.StringVar(&c.protect, "protected-mode", "yes", "yes: while no password is set, refuse clients from anywhere but the loopback interface (Redis's protected-mode)")
	fs.StringVar(&c.logLevel, "loglevel", "info", "log level: debug, info, warn or error")
	fs.StringVar(&c.requirepass, "requirepass", "", "password clients must give with AUTH before other commands (empty: none)")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "sqlettuce: a Redis-compatible server whose data lives in SQLite.\n\nUsage: sqlettuce [flags]\n\nFlags:\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	if fs.NArg() > 0 {
		return c, fmt.Errorf("unexpected argument %q (see --help)", fs.Arg(0))
	}
	switch c.engine {
	case "rust", "go":
	default:
		return c, fmt.Errorf("--engine must be rust or go, not %q", c.engine)
	}
	switch c.locking {
	case "normal", "exclusive":
	default:
		return c, fmt.Errorf("--sqlite-locking must be normal or exclusive, not %q", c.locking)
	}
	if _, ok := engine.AppendFsyncModes[c.fsync]; !ok {
		return c, fmt.Errorf("--appendfsync must be always, everysec or no, not %q", c.fsync)
	}
	if _, err := rustengine.ParseCrossing(c.crossing); err != nil {
		return c, err
	}
	// The go engine has no crossing of its own to choose: say so rather than ignore it.
	crossingGiven := false
	fs.Visit(func(f *flag.Flag) { crossingGiven = crossingGiven || f.Name == "crossing" })
	if crossingGiven && c.engine == "go" {
		return c, fmt.Errorf("--crossing applies to --engine rust only (the go engine calls go-sqlite3 per statement)")
	}
	if c.protect != "yes" && c.protect != "no" {
		return c, fmt.Errorf("--protected-mode must be yes or no, not %q", c.protect)
	}
	if c.maxConns < 1 {
		return c, fmt.Errorf("--maxclients must be at least 1, not %d", c.maxConns)
	}
	if c.idle < 0 {
		return c, fmt.Errorf("--timeout must be 0 (never) or a number of seconds, not %d", c.idle)
	}
	if c.port < 0 || c.port > 65535 {
		return c, fmt.Errorf("--port %d is out of range", c.port)
	}
	return c, nil
}

func run(args []string) error {
	cfg, err := parseFlags(args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	var level slog.Level
	if err := level.UnmarshalText([]byte(cfg.logLevel)); err != nil {
		return fmt.Errorf("--loglevel: %w", err)
	}
	log := slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: level}))

	// Both engines' connections write the WAL through sqlettuce's VFS (rust/src/vfs.rs).
	if err := rustengine.InstallVFS(); err != nil {
		return err
	}
	opts := engine.Options{Path: cfg.db, Bind: cfg.bind, Port: cfg.port, Crossing: cfg.crossing,
		Locking: cfg.locking, AppendFsync: cfg.fsync, RequirePass: cfg.requirepass}
	setMaxProcs(opts)
	lock, err := lockDatabase(cfg.db)
	if err != nil {
		return err
	}
	defer lock.Close() // nil-safe; the lock lasts as long as the server
	var eng engine.Engine
	if cfg.engine == "go" {
		opts.Crossing = "none"
		eng, err = goengine.New(opts)
	} else {
		eng, err = rustengine.Open(opts)
	}
	if err != nil {
		return err
	}

	addr := net.JoinHostPort(cfg.bind, strconv.Itoa(cfg.port))
	l, err := net.Listen("tcp", addr)
	if err != nil {
		eng.Close()
		return err
	}
	// The limits live in the engine's CONFIG table, where CONFIG GET/SET see them; the
	// server follows it.
	for _, kv := range [][2]string{{"maxclients", strconv.FormatInt(cfg.maxConns, 10)},
		{"timeout", strconv.FormatInt(cfg.idle, 10)}, {"protected-mode", cfg.protect}} {
		if err := eng.ConfigSet(kv[0], kv[1]); err != nil {
			eng.Close()
			return fmt.Errorf("--%s %s: %v", kv[0], kv[1], err)
		}
	}
	srv := server.New(eng, log)

	// SIGINT/SIGTERM: stop accepting, let in-flight batches commit and reply, close SQLite.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(l) }()
	log.Info("ready to accept connections", "addr", addr, "db", cfg.db, "engine", cfg.engine, "crossing", opts.Crossing, "sqlite_locking", cfg.locking, "appendfsync", cfg.fsync)

	select {
	case err := <-served:
		if err != nil {
			srv.Shutdown(context.Background())
			return err
		}
	case <-ctx.Done():
	}
	stop() // a second signal now kills the process the default way
	log.Info("shutting down")
	shutdownCtx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutdownCtx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	log.Info("bye")
	return nil
}

// setMaxProcs gives Go more Ps than cores, unless GOMAXPROCS is set. A goroutine inside a
// long cgo call (the executor running a group, a read batch on a reader) keeps its P
// until the runtime's monitor takes it back, about 20 µs later, handing it to another
// thread: with one P per core, the network goroutines wait for that, and the handoffs
// keep the monitor waking every 20 µs. One spare P for each goroutine that can sit in
// the engine at once (the readers, the executor, the checkpoint loop) keeps the network
// running; measured on 2 cores, reads at pipeline depth 16 go 30% faster.
func setMaxProcs(opts engine.Options) {
	if os.Getenv("GOMAXPROCS") != "" {
		return
	}
	runtime.GOMAXPROCS(runtime.NumCPU() + engine.ReaderCount(opts) + 2)
}
