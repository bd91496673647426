// Package e2e drives the real sqlettuce binary over TCP, once for every way of running
// commands ("paths"): the Rust engine with one crossing per batch, the Rust engine with one
// crossing per command, and the pure-Go engine. Every test runs as one subtest per path.
//
// The binary must be built first (the Justfile does it before running the tests):
//
//	cargo build --release -p sqlettuce-core && go build -o bin/sqlettuce ./go/cmd/sqlettuce
//	go test ./go/e2e/
//
// SQLETTUCE_BIN=/path/to/sqlettuce runs the suite against another build.
// SQLETTUCE_CASES=/path/to/shared/cases finds the shared cases elsewhere than beside the
// clone (a git worktree), as the Rust engine's case tests do.
//
// Tests never depend on timing: timeouts are generous and only bound hangs.
package e2e

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// path is one way of running the server: same behaviour, byte-identical replies.
type path struct {
	name string   // subtest name, e.g. "rust/batch"
	args []string // flags selecting the engine and crossing
}

var paths = []path{
	{"rust/batch", []string{"--engine", "rust", "--crossing", "batch"}},
	{"rust/command", []string{"--engine", "rust", "--crossing", "command"}},
	{"go", []string{"--engine", "go"}},
}

const (
	startTimeout = 60 * time.Second // a cold start on a busy 2-core machine
	stopTimeout  = 20 * time.Second // SIGTERM to exit, including the final checkpoint
	ioTimeout    = 60 * time.Second // one reply on a raw connection
)

var (
	repoRoot    string // the clone: holds go.mod, Cargo.toml and bin/
	binary      string // repoRoot/bin/sqlettuce
	sharedCases string // repoRoot/../shared/cases, or $SQLETTUCE_CASES
	commandsJS  string // repoRoot/spec/commands.json
)

func TestMain(m *testing.M) {
	root, err := findRepoRoot()
	if err != nil {
		fmt.Fprintf(os.Stderr, "e2e: %v\n", err)
		os.Exit(1)
	}
	repoRoot = root
	binary = filepath.Join(root, "bin", "sqlettuce")
	if b := os.Getenv("SQLETTUCE_BIN"); b != "" {
		binary = b // another build of the server, e.g. a release artefact
	}
	sharedCases = filepath.Join(filepath.Dir(root), "shared", "cases")
	if d := os.Getenv("SQLETTUCE_CASES"); d != "" {
		sharedCases = d
	}
	commandsJS = filepath.Join(root, "spec", "commands.json")
	if st, err := os.Stat(binary); err != nil || st.IsDir() || st.Mode()&0o111 == 0 {
		fmt.Fprintf(os.Stderr, "e2e: the server binary %s is missing or not executable.\n"+
			"Build it first (the Justfile does this before the tests):\n"+
			"    cargo build --release -p sqlettuce-core && go build -o bin/sqlettuce ./go/cmd/sqlettuce\n",
			binary)
		os.Exit(1)
	}
	os.Exit(m.Run())
}

// findRepoRoot walks up from the working directory (go test runs in go/e2e) to the
// directory holding both go.mod and Cargo.toml.
func findRepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if fileExists(filepath.Join(dir, "go.mod")) && fileExists(filepath.Join(dir, "Cargo.toml")) {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("cannot find the repository root (a directory with go.mod and Cargo.toml) above the working directory")
		}
		dir = parent
	}
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return err == nil
}

// forEachPath runs body once per path, as subtests named after the path.
func forEachPath(t *testing.T, body func(t *testing.T, p path)) {
	t.Helper()
	for _, p := range paths {
		t.Run(p.name, func(t *testing.T) { body(t, p) })
	}
}

// freePort asks the kernel for a free port: listen on 127.0.0.1:0, close, reuse the number.
// Another process may take it in between; startServer retries when that happens.
func freePort(t testing.TB) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("free port: %v", err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

// server is one running sqlettuce process.
type server struct {
	t       testing.TB
	p       path
	port    int
	db      string // the --db argument ("" when left out)
	dir     string // the working directory of the process
	logf    string // stdout+stderr of the process
	cmd     *exec.Cmd
	done    chan struct{} // closed when the process has exited
	err     error         // cmd.Wait's result, valid after done
	mu      sync.Mutex
	stopped bool
}

func (s *server) addr() string { return fmt.Sprintf("127.0.0.1:%d", s.port) }

// startServer starts the binary for path p on a fresh file database in t.TempDir() and
// waits until it answers PING. It is stopped (SIGTERM, must exit 0) when the test ends.
func startServer(t testing.TB, p path) *server {
	t.Helper()
	return startServerDB(t, p, filepath.Join(t.TempDir(), "sqlettuce.db"))
}

// startServerDB is startServer on a given database path (to restart on the same file).
// db "" leaves --db out: the server then uses its default, ./sqlettuce.db in s.dir.
func startServerDB(t testing.TB, p path, db string) *server {
	t.Helper()
	var lastErr error
	for attempt := 0; attempt < 3; attempt++ {
		s, err := launch(t, p, db)
		if err == nil {
			t.Cleanup(func() { s.stop() })
			return s
		}
		lastErr = err
		// Only a port taken between freePort and the server's bind is worth a retry.
		if !strings.Contains(err.Error(), "address already in use") {
			break
		}
	}
	t.Fatalf("start %s: %v", p.name, lastErr)
	return nil
}

func launch(t testing.TB, p path, db string) (*server, error) {
	port := freePort(t)
	logf, err := os.CreateTemp(t.TempDir(), "server-*.log")
	if err != nil {
		return nil, err
	}
	args := append(append([]string{}, p.args...), "--port", strconv.Itoa(port))
	if !slices.Contains(p.args, "--bind") {
		args = append(args, "--bind", "127.0.0.1")
	}
	dir := t.TempDir()
	if db != "" {
		args = append(args, "--db", db)
		if filepath.IsAbs(db) {
			dir = filepath.Dir(db)
		}
	}
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir // where the default ./sqlettuce.db lands when --db is left out
	cmd.Stdout = logf
	cmd.Stderr = logf
	if err := cmd.Start(); err != nil {
		logf.Close()
		return nil, fmt.Errorf("exec %s: %w", binary, err)
	}
	s := &server{t: t, p: p, port: port, db: db, dir: dir, logf: logf.Name(), cmd: cmd, done: make(chan struct{})}
	go func() {
		s.err = cmd.Wait()
		logf.Close()
		close(s.done)
	}()
	deadline := time.Now().Add(startTimeout)
	for {
		select {
		case <-s.done:
			return nil, fmt.Errorf("%s %s exited before answering PING (%v); log:\n%s",
				binary, strings.Join(args, " "), s.err, s.log())
		default:
		}
		if s.ping() {
			return s, nil
		}
		if time.Now().After(deadline) {
			s.kill()
			return nil, fmt.Errorf("%s %s did not answer PING within %v; log:\n%s",
				binary, strings.Join(args, " "), startTimeout, s.log())
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// ping says whether the server answers PING with +PONG, or with NOAUTH when it requires
// a password (the readiness probe).
func (s *server) ping() bool {
	c, err := net.DialTimeout("tcp", s.addr(), 2*time.Second)
	if err != nil {
		return false
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if _, err := c.Write([]byte("*1\r\n$4\r\nPING\r\n")); err != nil {
		return false
	}
	line, err := bufio.NewReader(c).ReadString('\n')
	return err == nil && (line == "+PONG\r\n" || strings.HasPrefix(line, "-NOAUTH "))
}

// log returns what the process printed so far.
func (s *server) log() string {
	b, _ := os.ReadFile(s.logf)
	const max = 8000
	if len(b) > max {
		b = append([]byte("...\n"), b[len(b)-max:]...)
	}
	return string(b)
}

func (s *server) kill() {
	s.cmd.Process.Kill()
	<-s.done
}

// stop sends SIGTERM and requires a clean exit (status 0) within stopTimeout. It is safe
// to call more than once; later calls do nothing.
func (s *server) stop() {
	s.t.Helper()
	s.mu.Lock()
	if s.stopped {
		s.mu.Unlock()
		return
	}
	s.stopped = true
	s.mu.Unlock()
	select {
	case <-s.done:
		s.t.Errorf("%s: the server had already exited (%v) before SIGTERM; log:\n%s", s.p.name, s.err, s.log())
		return
	default:
	}
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		s.t.Errorf("%s: SIGTERM: %v", s.p.name, err)
	}
	select {
	case <-s.done:
	case <-time.After(stopTimeout):
		s.kill()
		s.t.Errorf("%s: the server did not exit within %v of SIGTERM (killed); log:\n%s", s.p.name, stopTimeout, s.log())
		return
	}
	if s.err != nil {
		s.t.Errorf("%s: the server exited with %v after SIGTERM, want status 0; log:\n%s", s.p.name, s.err, s.log())
	}
}

// alive fails the test when the process has exited.
func (s *server) alive(t testing.TB) {
	t.Helper()
	select {
	case <-s.done:
		t.Fatalf("%s: the server is no longer running (%v); log:\n%s", s.p.name, s.err, s.log())
	default:
	}
	if !s.ping() {
		t.Fatalf("%s: the server no longer answers PING; log:\n%s", s.p.name, s.log())
	}
}

// restart stops the server (SIGTERM, exit 0) and starts a new one on the same file.
func (s *server) restart(t testing.TB) *server {
	t.Helper()
	s.stop()
	return startServerDB(t, s.p, s.db)
}

// ---------------------------------------------------------------- raw RESP client

// conn is a raw RESP2 connection: it sends exact bytes and returns exact reply bytes.
type conn struct {
	t testing.TB
	c net.Conn
	r *bufio.Reader
}

func dial(t testing.TB, addr string) *conn {
	t.Helper()
	c, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		t.Fatalf("dial %s: %v", addr, err)
	}
	t.Cleanup(func() { c.Close() })
	return &conn{t: t, c: c, r: bufio.NewReaderSize(c, 1<<16)}
}

func (s *server) dial(t testing.TB) *conn { t.Helper(); return dial(t, s.addr()) }

func (c *conn) Close() { c.c.Close() }

// encode builds a RESP2 multibulk request.
func encode(args ...string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	return b.Bytes()
}

func (c *conn) write(b []byte) {
	c.t.Helper()
	c.c.SetWriteDeadline(time.Now().Add(ioTimeout))
	if _, err := c.c.Write(b); err != nil {
		c.t.Fatalf("write: %v", err)
	}
}

// do sends one command and returns its reply's exact bytes.
func (c *conn) do(args ...string) string {
	c.t.Helper()
	c.write(encode(args...))
	return c.read()
}

// read reads one complete reply and returns its exact bytes.
func (c *conn) read() string {
	c.t.Helper()
	c.c.SetReadDeadline(time.Now().Add(ioTimeout))
	raw, err := readRaw(c.r)
	if err != nil {
		c.t.Fatalf("read reply: %v (got %q so far)", err, raw)
	}
	return string(raw)
}

// readErr is read that returns the error instead of failing.
func (c *conn) readErr(timeout time.Duration) (string, error) {
	c.c.SetReadDeadline(time.Now().Add(timeout))
	raw, err := readRaw(c.r)
	return string(raw), err
}

// expectClosed says whether the server closes the connection (EOF or reset) within
// timeout without sending anything more; extra bytes are returned.
func (c *conn) expectClosed(timeout time.Duration) (closed bool, extra string) {
	c.c.SetReadDeadline(time.Now().Add(timeout))
	b, err := io.ReadAll(c.r)
	if err == nil || errors.Is(err, syscall.ECONNRESET) {
		return true, string(b)
	}
	return false, string(b)
}

// readRaw reads one RESP reply (RESP2 or RESP3 types) and returns its bytes.
func readRaw(r *bufio.Reader) ([]byte, error) {
	var out []byte
	err := readRawInto(r, &out)
	return out, err
}

func readRawInto(r *bufio.Reader, out *[]byte) error {
	line, err := r.ReadBytes('\n')
	*out = append(*out, line...)
	if err != nil {
		return err
	}
	if len(line) < 3 || line[len(line)-2] != '\r' {
		return fmt.Errorf("bad reply line %q", line)
	}
	body := string(line[1 : len(line)-2])
	switch line[0] {
	case '+', '-', ':', '_', ',', '#', '(':
		return nil
	case '$', '=', '!':
		n, err := strconv.Atoi(body)
		if err != nil {
			return fmt.Errorf("bad bulk length %q", line)
		}
		if n < 0 {
			return nil
		}
		buf := make([]byte, n+2)
		if _, err := io.ReadFull(r, buf); err != nil {
			*out = append(*out, buf...)
			return err
		}
		*out = append(*out, buf...)
		return nil
	case '*', '~', '>', '%', '|':
		n, err := strconv.Atoi(body)
		if err != nil {
			return fmt.Errorf("bad aggregate length %q", line)
		}
		if line[0] == '%' || line[0] == '|' {
			n *= 2
		}
		for i := 0; i < n; i++ {
			if err := readRawInto(r, out); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("unknown reply type %q", line)
}

// ---------------------------------------------------------------- parsed replies

// reply is a parsed RESP value, for tests that look inside a reply.
type reply struct {
	kind byte // '+', '-', ':', '$', '*'; RESP3: '_', ',', '#', '(', '=', '%', '~', '>'
	str  string
	num  int64
	arr  []reply // '%' holds key, value, key, value...
	null bool    // $-1, *-1 and RESP3's _
}

func parseReply(raw string) (reply, error) {
	r := bufio.NewReader(strings.NewReader(raw))
	v, err := parseFrom(r)
	if err != nil {
		return v, err
	}
	if r.Buffered() > 0 {
		return v, fmt.Errorf("%d trailing bytes after the reply", r.Buffered())
	}
	return v, nil
}

func mustParse(t testing.TB, raw string) reply {
	t.Helper()
	v, err := parseReply(raw)
	if err != nil {
		t.Fatalf("parse reply %q: %v", clip(raw), err)
	}
	return v
}

func parseFrom(r *bufio.Reader) (reply, error) {
	line, err := r.ReadString('\n')
	if err != nil {
		return reply{}, err
	}
	if len(line) < 3 || !strings.HasSuffix(line, "\r\n") {
		return reply{}, fmt.Errorf("bad line %q", line)
	}
	body := line[1 : len(line)-2]
	v := reply{kind: line[0]}
	switch line[0] {
	case '+', '-', ',', '#', '(':
		v.str = body
	case '_':
		v.null = true
	case ':':
		v.num, err = strconv.ParseInt(body, 10, 64)
	case '$', '=':
		n, err := strconv.Atoi(body)
		if err != nil {
			return v, err
		}
		if n < 0 {
			v.null = true
			return v, nil
		}
		buf := make([]byte, n+2)
		if _, err := io.ReadFull(r, buf); err != nil {
			return v, err
		}
		v.str = string(buf[:n])
		if line[0] == '=' { // verbatim: "txt:" then the text
			if n < 4 {
				return v, fmt.Errorf("verbatim string without a format: %q", v.str)
			}
			v.str = v.str[4:]
		}
	case '*', '~', '>', '%':
		n, err := strconv.Atoi(body)
		if err != nil {
			return v, err
		}
		if n < 0 {
			v.null = true
			return v, nil
		}
		if line[0] == '%' {
			n *= 2
		}
		for i := 0; i < n; i++ {
			e, err := parseFrom(r)
			if err != nil {
				return v, err
			}
			v.arr = append(v.arr, e)
		}
	default:
		return v, fmt.Errorf("unexpected reply type %q", line)
	}
	return v, err
}

// clip shortens long bytes for messages.
func clip(s string) string {
	if len(s) > 600 {
		return s[:600] + fmt.Sprintf("...(%d bytes)", len(s))
	}
	return s
}

// infoFields parses an INFO bulk body into field -> value, and lists the section headers.
func infoFields(body string) (fields map[string]string, sections []string) {
	fields = map[string]string{}
	for _, line := range strings.Split(body, "\r\n") {
		switch {
		case line == "":
		case strings.HasPrefix(line, "# "):
			sections = append(sections, strings.TrimPrefix(line, "# "))
		default:
			if k, v, ok := strings.Cut(line, ":"); ok {
				fields[k] = v
			}
		}
	}
	return fields, sections
}

// ---------------------------------------------------------------- the oracle

// startOracle starts Debian's redis-server (the reference for Redis behaviour) on a free
// port with persistence off, or skips the test when it is not installed. extra flags go
// to redis-server (e.g. --requirepass).
func startOracle(t testing.TB, extra ...string) string {
	t.Helper()
	bin, err := exec.LookPath("redis-server")
	if err != nil {
		t.Skip("redis-server is not on PATH: skipping the comparison with real Redis (apt-get install redis-server)")
	}
	dir := t.TempDir()
	var lastLog []byte
	for attempt := 0; attempt < 3; attempt++ {
		port := freePort(t)
		logPath := filepath.Join(dir, "redis.log")
		args := append([]string{"--port", strconv.Itoa(port), "--bind", "127.0.0.1",
			"--save", "", "--appendonly", "no", "--dir", dir, "--logfile", logPath}, extra...)
		cmd := exec.Command(bin, args...)
		if err := cmd.Start(); err != nil {
			t.Fatalf("start redis-server: %v", err)
		}
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		addr := fmt.Sprintf("127.0.0.1:%d", port)
		probe := &server{port: port}
		deadline := time.Now().Add(startTimeout)
		for time.Now().Before(deadline) {
			select {
			case <-done:
				deadline = time.Time{}
				continue
			default:
			}
			if probe.ping() {
				t.Cleanup(func() {
					cmd.Process.Signal(syscall.SIGTERM)
					select {
					case <-done:
					case <-time.After(stopTimeout):
						cmd.Process.Kill()
						<-done
					}
				})
				return addr
			}
			time.Sleep(50 * time.Millisecond)
		}
		cmd.Process.Kill()
		<-done
		lastLog, _ = os.ReadFile(logPath)
	}
	t.Fatalf("redis-server did not start; log:\n%s", lastLog)
	return ""
}

// ---------------------------------------------------------------- the file's invariants

// The key rows of a database file that break the engines' bookkeeping: keys.elements (what
// HLEN, LLEN, SCARD and ZCARD answer) differs from the rows of its collection, or a sorted
// set's zset_buckets counts do not add up to its members. One place for the condition:
// checkSQLiteConsistency counts these rows, and lists a few when there are any.
const (
	sqlRowsOfKey = `CASE k.type` +
		` WHEN 2 THEN (SELECT count(*) FROM lists WHERE key_id = k.id)` +
		` WHEN 3 THEN (SELECT count(*) FROM sets WHERE key_id = k.id)` +
		` WHEN 4 THEN (SELECT count(*) FROM zsets WHERE key_id = k.id)` +
		` WHEN 5 THEN (SELECT count(*) FROM hashes WHERE key_id = k.id)` +
		` ELSE 0 END`
	sqlBucketsOfKey = `(SELECT coalesce(sum(n),0) FROM zset_buckets WHERE key_id = k.id)`
	sqlBadKeys      = `FROM keys AS k WHERE k.elements <> ` + sqlRowsOfKey +
		` OR (k.type = 4 AND ` + sqlBucketsOfKey + ` <> k.elements)`
)

// checkSQLiteConsistency reads the file db with the sqlite3 CLI, read-only while the server
// runs (every reply the test got is committed), and fails when a key row breaks the
// bookkeeping above. A file without keys.elements (written by a binary from before it)
// skips the check.
func checkSQLiteConsistency(t *testing.T, db string) {
	t.Helper()
	sqlite3, err := exec.LookPath("sqlite3")
	if err != nil {
		t.Fatalf("the sqlite3 CLI is not on PATH (apt-get install sqlite3): %v", err)
	}
	query := func(sql string) string {
		t.Helper()
		out, err := runWithTimeout(exec.Command(sqlite3, "-readonly", db, sql), 2*time.Minute)
		if err != nil {
			t.Fatalf("sqlite3 -readonly %s %q: %v\n%s", db, sql, err, out)
		}
		return strings.TrimSpace(out)
	}
	if query(`SELECT count(*) FROM pragma_table_info('keys') WHERE name = 'elements'`) == "0" {
		t.Skipf("%s has no keys.elements column (the server binary predates it): skipping the consistency check", db)
	}
	if n := query(`SELECT count(*) ` + sqlBadKeys); n != "0" {
		t.Errorf("%s: %s key rows whose elements column or zset_buckets disagree with their collection; "+
			"db|key|type|elements|rows|bucket sum:\n%s", db, n,
			query(`SELECT k.db, quote(CAST(k.key AS TEXT)), k.type, k.elements, `+sqlRowsOfKey+`, `+sqlBucketsOfKey+` `+sqlBadKeys+` LIMIT 20`))
	}
	// A -0 mark (schema.sql, zset_negzero) belongs to a member whose stored score is 0.
	if query(`SELECT count(*) FROM sqlite_master WHERE name = 'zset_negzero'`) != "0" {
		if n := query(`SELECT count(*) ` + sqlStrayNegZero); n != "0" {
			t.Errorf("%s: %s zset_negzero rows without a member scored 0; db|key|member:\n%s", db, n,
				query(`SELECT k.db, quote(CAST(k.key AS TEXT)), quote(CAST(nz.member AS TEXT)) `+sqlStrayNegZero+` LIMIT 20`))
		}
	}
}

// sqlStrayNegZero: the -0 marks whose member is gone or scored other than 0.
const sqlStrayNegZero = `FROM zset_negzero AS nz LEFT JOIN keys AS k ON k.id = nz.key_id` +
	` WHERE NOT EXISTS (SELECT 1 FROM zsets AS z WHERE z.key_id = nz.key_id AND z.member = nz.member AND z.score = 0)`
