package goengine

import (
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"sqlettuce/go/internal/engine"
	"sqlettuce/spec"
)

func openTest(t *testing.T, path string) *Engine {
	t.Helper()
	if path == "" {
		path = filepath.Join(t.TempDir(), "test.db")
	}
	e, err := Open(engine.Options{Path: path, Bind: "127.0.0.1", Port: 7299})
	if err != nil {
		t.Fatal(err)
	}
	// Every test ends with the element counts checked against the rows they count.
	t.Cleanup(func() {
		checkElements(t, e)
		e.Close()
	})
	return e
}

func newSession(t *testing.T, e *Engine) engine.Session {
	t.Helper()
	s, err := e.NewSession()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// enc encodes one command as multibulk.
func enc(args ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "*%d\r\n", len(args))
	for _, a := range args {
		fmt.Fprintf(&b, "$%d\r\n%s\r\n", len(a), a)
	}
	return b.String()
}

// step is one command and the exact reply bytes Redis 7.0.15 sends for it. An unordered
// step's arrays of bulk strings may come in another order (Redis's is its hash table's).
type step struct {
	argv      []string
	reply     string
	unordered bool
	conn      int     // the case's connection number (a session each)
	sleep     float64 // seconds to wait instead of sending (argv is empty)
	raw       string  // bytes sent as they are, instead of argv
	close     bool    // the server must close the connection after the replies
}

// execAll runs every complete command of input as the server would: read batches on a
// reader, write batches as a group of one.
func execAll(s engine.Session, input []byte) (engine.Result, error) {
	return engine.Run(s.(*session).e, s, input)
}

func run(t *testing.T, s engine.Session, steps []step) {
	t.Helper()
	for _, st := range steps {
		res, err := execAll(s, []byte(enc(st.argv...)))
		if err != nil {
			t.Fatalf("%q: %v", st.argv, err)
		}
		if !repliesEqual(st.reply, string(res.Replies), st.unordered) {
			t.Errorf("%q\n got %q\nwant %q", st.argv, res.Replies, st.reply)
		}
	}
}

func c(reply string, argv ...string) step { return step{argv: argv, reply: reply} }

const (
	ok     = "+OK\r\n"
	null   = "$-1\r\n"
	syntax = "-ERR syntax error\r\n"
	notInt = "-ERR value is not an integer or out of range\r\n"
)

func TestEveryTableCommandHasAHandler(t *testing.T) {
	for _, sc := range spec.Commands() {
		if len(sc.Subcommands) == 0 && handlers[sc.Name] == nil {
			t.Errorf("no handler for %s", sc.Name)
		}
		for _, sub := range sc.Subcommands {
			if handlers[sub.Name] == nil {
				t.Errorf("no handler for %s", sub.Name)
			}
		}
	}
}

// Cases from /work/shared/cases (002, 003, 025) and others checked against redis-server.
func TestStrings(t *testing.T) {
	s := newSession(t, openTest(t, ":memory:"))
	run(t, s, []step{
		// 002-set-keepttl
		c(ok, "SET", "k", "v", "EX", "100"),
		c(":100\r\n", "TTL", "k"),
		c(ok, "SET", "k", "v2", "KEEPTTL"),
		c(":100\r\n", "TTL", "k"),
		c(ok, "SET", "k", "v3"),
		c(":-1\r\n", "TTL", "k"),
		c(ok, "SET", "missing", "v", "KEEPTTL"),
		c(":-1\r\n", "TTL", "missing"),
		c(syntax, "SET", "k", "v", "EX", "10", "KEEPTTL"),
		c(syntax, "SET", "k", "v", "KEEPTTL", "PX", "10"),
		c(syntax, "SET", "k", "v", "EX", "10", "PX", "10"),
		c(ok, "SET", "k", "v", "EX", "10", "EX", "20"),
		c(":20\r\n", "TTL", "k"),
		c(ok, "SET", "t", "a", "PX", "100000"),
		c("$1\r\na\r\n", "SET", "t", "c", "XX", "GET", "KEEPTTL"),
		c(":100\r\n", "TTL", "t"),
		// 001: NX/XX with GET
		c(null, "SET", "n", "v1", "NX", "GET"),
		c("$2\r\nv1\r\n", "SET", "n", "v2", "NX", "GET"),
		c(null, "SET", "nokey", "v", "XX", "GET"),
		c(null, "SET", "nokey", "v", "XX"),
		c(syntax, "SET", "k", "v", "NX", "XX"),
		c(syntax, "SET", "k", "v", "BOGUS"),
		c("-ERR wrong number of arguments for 'setnx' command\r\n", "SETNX", "k", "x", "KEEPTTL"),
		c(":1\r\n", "SETNX", "fresh", "x"),
		c(":0\r\n", "SETNX", "fresh", "y"),
		c("$1\r\nx\r\n", "GETSET", "fresh", "z"),
		// 003-set-expire-args
		c("-ERR invalid expire time in 'set' command\r\n", "SET", "k", "v", "EX", "0"),
		c("-ERR invalid expire time in 'set' command\r\n", "SET", "k", "v", "PX", "-1"),
		c("-ERR invalid expire time in 'set' command\r\n", "SET", "k", "v", "EX", "9223372036854775807"),
		c("-ERR invalid expire time in 'set' command\r\n", "SET", "k", "v", "EX", "9223372036854775"),
		c(notInt, "SET", "k", "v", "EX", "1.5"),
		c(syntax, "SET", "k", "v", "EX"),
		c("-ERR invalid expire time in 'setex' command\r\n", "SETEX", "k", "0", "v"),
		c("-ERR invalid expire time in 'psetex' command\r\n", "PSETEX", "k", "-5", "v"),
		c(ok, "SET", "k", "keep"),
		c("-ERR invalid expire time in 'getex' command\r\n", "GETEX", "k", "EX", "0"),
		c("$4\r\nkeep\r\n", "GETEX", "k", "EX", "100"),
		c(":100\r\n", "TTL", "k"),
		c("$4\r\nkeep\r\n", "GETEX", "k", "PERSIST"),
		c(":-1\r\n", "TTL", "k"),
		c(null, "GETEX", "nokey", "EX", "100"),
		c(syntax, "GETEX", "k", "EX", "10", "PERSIST"),
		c(syntax, "GETEX", "k", "KEEPTTL"),
		c("$4\r\nkeep\r\n", "GETEX", "k", "EXAT", "1"),
		c(null, "GET", "k"),
		// MSET / MGET / MSETNX
		c("-ERR wrong number of arguments for 'mset' command\r\n", "MSET", "a", "1", "b"),
		c(ok, "MSET", "a", "1", "b", "2"),
		c(":0\r\n", "MSETNX", "a", "1", "c", "3"),
		c(":1\r\n", "MSETNX", "c", "3", "d", "4"),
		c("*3\r\n$1\r\n1\r\n$1\r\n3\r\n$-1\r\n", "MGET", "a", "c", "zz"),
		// GETRANGE / SETRANGE / APPEND / STRLEN
		c(ok, "SET", "s", "Hello World"),
		c("$5\r\nWorld\r\n", "GETRANGE", "s", "-5", "-1"),
		c("$0\r\n\r\n", "GETRANGE", "s", "-1", "-5"),
		c("$11\r\nHello World\r\n", "SUBSTR", "s", "-100", "100"),
		c("$0\r\n\r\n", "GETRANGE", "nokey", "0", "-1"),
		c(":11\r\n", "SETRANGE", "s", "6", "Redis"),
		c(":7\r\n", "SETRANGE", "pad", "5", "hi"),
		c("$7\r\n\x00\x00\x00\x00\x00hi\r\n", "GET", "pad"),
		c(":0\r\n", "SETRANGE", "nokey", "10", ""),
		c("-ERR offset is out of range\r\n", "SETRANGE", "s", "-1", "x"),
		c("-ERR string exceeds maximum allowed size (proto-max-bulk-len)\r\n", "SETRANGE", "s", "536870911", "xy"),
		c(":14\r\n", "APPEND", "s", "!!!"),
		c(":14\r\n", "STRLEN", "s"),
		c(":0\r\n", "STRLEN", "nokey"),
		c(ok, "SET", "g", "v"),
		c("$1\r\nv\r\n", "GETDEL", "g"),
		c(null, "GETDEL", "g"),
	})
}

func TestIncr(t *testing.T) {
	s := newSession(t, openTest(t, ":memory:"))
	run(t, s, []step{
		// 005-incr-nonint
		c(ok, "SET", "x", " 1"),
		c(notInt, "INCR", "x"),
		c(ok, "SET", "x", "01"),
		c(notInt, "INCR", "x"),
		c(ok, "SET", "x", "-0"),
		c(notInt, "INCR", "x"),
		c(ok, "SET", "x", "-5"),
		c(":-4\r\n", "INCR", "x"),
		c(":1\r\n", "INCR", "fresh"),
		c(notInt, "INCRBY", "fresh", "1.5"),
		c(":4\r\n", "DECRBY", "fresh", "-3"),
		c(ok, "SET", "big", "9223372036854775807"),
		c("-ERR increment or decrement would overflow\r\n", "INCR", "big"),
		c("$19\r\n9223372036854775807\r\n", "GET", "big"),
		c("-ERR decrement would overflow\r\n", "DECRBY", "big", "-9223372036854775808"),
		c(ok, "SET", "t", "1", "EX", "100"),
		c(":2\r\n", "INCR", "t"),
		c(":100\r\n", "TTL", "t"),
		// The one-statement INCR must refuse what string2ll refuses.
		c(ok, "SET", "x", "+1"),
		c(notInt, "INCR", "x"),
		c(ok, "SET", "x", ""),
		c(notInt, "INCR", "x"),
		c(ok, "SET", "x", "1 "),
		c(notInt, "INCR", "x"),
		c(ok, "SET", "x", "9223372036854775808"),
		c(notInt, "INCR", "x"),
		c(ok, "SET", "x", "-9223372036854775808"),
		c("-ERR increment or decrement would overflow\r\n", "DECR", "x"),
		c(":-9223372036854775807\r\n", "INCR", "x"),
		c(ok, "SET", "x", "1\x00"),
		c(notInt, "INCR", "x"),
		c(":-3\r\n", "DECRBY", "new", "3"),
		// 006 and 007: INCRBYFLOAT in long double
		c(ok, "SET", "f", "10.50"),
		c("$4\r\n10.6\r\n", "INCRBYFLOAT", "f", "0.1"),
		c(ok, "SET", "e", "5.0e3"),
		c("$4\r\n5200\r\n", "INCRBYFLOAT", "e", "2.0e2"),
		c("$5\r\n-0.25\r\n", "INCRBYFLOAT", "fresh2", "-0.25"),
		c("-ERR increment would produce NaN or Infinity\r\n", "INCRBYFLOAT", "f", "inf"),
		c("-ERR value is not a valid float\r\n", "INCRBYFLOAT", "f", "nan"),
		c("-ERR value is not a valid float\r\n", "INCRBYFLOAT", "f", ""),
		c("-ERR value is not a valid float\r\n", "INCRBYFLOAT", "f", " 1"),
		c(ok, "SET", "t", "128"),
		c("$21\r\n128.10000000000000001\r\n", "INCRBYFLOAT", "t", "0.1"),
		c(ok, "SET", "u", "1000"),
		c("$21\r\n999.90000000000000002\r\n", "INCRBYFLOAT", "u", "-0.1"),
		c(ok, "SET", "z", "0"),
		c("$1\r\n0\r\n", "INCRBYFLOAT", "z", "1e-18"),
		c("$3\r\n0.1\r\n", "INCRBYFLOAT", "w", "0.1"),
		c("$3\r\n0.3\r\n", "INCRBYFLOAT", "w", "0.2"),
		c("$2\r\n16\r\n", "INCRBYFLOAT", "hex", "0x10"),
		c("-ERR value is not a valid float\r\n", "INCRBYFLOAT", "hex", "1e5000"),
	})
}

func TestKeysAndExpire(t *testing.T) {
	s := newSession(t, openTest(t, ""))
	run(t, s, []step{
		// 025-expire-options
		c(ok, "SET", "k", "v"),
		c(":0\r\n", "EXPIRE", "k", "100", "XX"),
		c(":0\r\n", "EXPIRE", "k", "100", "GT"),
		c(":1\r\n", "EXPIRE", "k", "100", "LT"),
		c(":0\r\n", "EXPIRE", "k", "50", "NX"),
		c(":0\r\n", "EXPIRE", "k", "200", "LT"),
		c(":1\r\n", "EXPIRE", "k", "200", "GT"),
		c(":200\r\n", "TTL", "k"),
		c("-ERR NX and XX, GT or LT options at the same time are not compatible\r\n", "EXPIRE", "k", "100", "NX", "XX"),
		c("-ERR GT and LT options at the same time are not compatible\r\n", "EXPIRE", "k", "100", "GT", "LT"),
		c("-ERR Unsupported option FOO\r\n", "EXPIRE", "k", "100", "FOO"),
		c(":0\r\n", "EXPIRE", "nokey", "100"),
		c(":1\r\n", "PERSIST", "k"),
		c(":0\r\n", "PERSIST", "k"),
		c(":0\r\n", "EXPIRE", "k", "-1", "XX"),
		c(":1\r\n", "EXISTS", "k"),
		c(":1\r\n", "EXPIRE", "k", "-1", "NX"),
		c(":0\r\n", "EXISTS", "k"),
		c(":-2\r\n", "TTL", "k"),
		c("-ERR invalid expire time in 'expire' command\r\n", "EXPIRE", "k", "9223372036854775807"),
		c(ok, "SET", "p", "v"),
		c(":1\r\n", "EXPIREAT", "p", "4102444800"),
		c(":4102444800\r\n", "EXPIRETIME", "p"),
		c(":4102444800000\r\n", "PEXPIRETIME", "p"),
		c(":-2\r\n", "EXPIRETIME", "nokey"),
		// 028-exists-del-count
		c(ok, "SET", "a", "1"),
		c(":3\r\n", "EXISTS", "a", "a", "a"),
		c(":1\r\n", "DEL", "a", "a", "b"),
		c(ok, "MSET", "x", "1", "y", "2"),
		c(":2\r\n", "UNLINK", "x", "y", "z"),
		c("+string\r\n", "TYPE", "p"),
		c("+none\r\n", "TYPE", "nokey"),
		// RENAME / COPY
		c("-ERR no such key\r\n", "RENAME", "nokey", "x"),
		c(ok, "RENAME", "p", "p"),
		c(ok, "SET", "q", "1"),
		c(":0\r\n", "RENAMENX", "p", "q"),
		c(ok, "RENAME", "p", "q"),
		c(":4102444800\r\n", "EXPIRETIME", "q"),
		c("-ERR source and destination objects are the same\r\n", "COPY", "q", "q"),
		c(":1\r\n", "COPY", "q", "q", "DB", "3"),
		c(":0\r\n", "COPY", "q", "q", "DB", "3"),
		c(":1\r\n", "COPY", "q", "q", "DB", "3", "REPLACE"),
		c("-ERR DB index is out of range\r\n", "COPY", "q", "r", "DB", "16"),
		c(syntax, "COPY", "q", "r", "DB"),
		c(ok, "SELECT", "3"),
		c("$1\r\nv\r\n", "GET", "q"),
		c(":1\r\n", "DBSIZE"),
		c(ok, "FLUSHDB"),
		c(":0\r\n", "DBSIZE"),
		c(ok, "SELECT", "0"),
		c(":1\r\n", "DBSIZE"),
		// KEYS and SCAN
		c(ok, "MSET", "a\x00b", "1", "h?llo", "2", "hello", "3"),
		c("*1\r\n$3\r\na\x00b\r\n", "KEYS", "a*"),
		c("*1\r\n$5\r\nh?llo\r\n", "KEYS", `h\?llo`),
		c("*2\r\n$5\r\nh?llo\r\n$5\r\nhello\r\n", "KEYS", "h[?e]llo"),
		c("*2\r\n$1\r\n0\r\n*2\r\n$5\r\nh?llo\r\n$5\r\nhello\r\n", "SCAN", "0", "MATCH", "h*"),
		c("*2\r\n$1\r\n0\r\n*0\r\n", "SCAN", "0", "TYPE", "list"),
		c(syntax, "SCAN", "0", "COUNT", "0"),
		c("-ERR invalid cursor\r\n", "SCAN", "x"),
		c(ok, "FLUSHALL"),
		c(null, "RANDOMKEY"),
		c(ok, "SET", "only", "1"),
		c("$4\r\nonly\r\n", "RANDOMKEY"),
	})
}

func TestScanCursorWalksEveryKey(t *testing.T) {
	s := newSession(t, openTest(t, ":memory:"))
	for i := 0; i < 25; i++ {
		run(t, s, []step{c(ok, "SET", fmt.Sprintf("k%02d", i), "v")})
	}
	seen := map[string]bool{}
	cursor := "0"
	for rounds := 0; ; rounds++ {
		res, _ := execAll(s, []byte(enc("SCAN", cursor, "COUNT", "10")))
		parts := strings.Split(string(res.Replies), "\r\n")
		cursor = parts[2]
		for i := 5; i+1 < len(parts); i += 2 {
			seen[parts[i]] = true
		}
		if cursor == "0" || rounds > 10 {
			break
		}
	}
	if len(seen) != 25 || cursor != "0" {
		t.Fatalf("saw %d keys, cursor %s", len(seen), cursor)
	}
}

func TestExpiryIsLazyAndSwept(t *testing.T) {
	e := openTest(t, "")
	s := newSession(t, e)
	run(t, s, []step{
		c(ok, "SET", "short", "v", "PX", "30"),
		c(ok, "SET", "long", "v", "EX", "100"),
	})
	time.Sleep(60 * time.Millisecond)
	run(t, s, []step{
		c(null, "GET", "short"),
		c(":0\r\n", "EXISTS", "short"),
		c(":-2\r\n", "TTL", "short"),
		c(":1\r\n", "DBSIZE"),
	})
	n, err := e.SweepExpired(100)
	if err != nil || n != 1 {
		t.Fatalf("swept %d, %v", n, err)
	}
}

func TestConnection(t *testing.T) {
	e := openTest(t, ":memory:")
	s := newSession(t, e)
	run(t, s, []step{
		c("+PONG\r\n", "PING"),
		c("$2\r\nhi\r\n", "PING", "hi"),
		c("-ERR wrong number of arguments for 'ping' command\r\n", "PING", "a", "b"),
		c("$0\r\n\r\n", "ECHO", ""),
		c("-ERR DB index is out of range\r\n", "SELECT", "16"),
		c(notInt, "SELECT", "x"),
		c(":1\r\n", "CLIENT", "ID"),
		c(null, "CLIENT", "GETNAME"),
		c("-ERR Client names cannot contain spaces, newlines or special characters.\r\n", "CLIENT", "SETNAME", "a b"),
		c(ok, "CLIENT", "SETNAME", "me"),
		c("$2\r\nme\r\n", "CLIENT", "GETNAME"),
		c(ok, "CLIENT", "SETINFO", "LIB-NAME", "go-redis"),
		c("-ERR lib-ver cannot contain spaces, newlines or special characters.\r\n", "CLIENT", "SETINFO", "lib-ver", "a b"),
		c("-ERR Unrecognized option 'x'\r\n", "CLIENT", "SETINFO", "x", "y"),
		c("-ERR unknown subcommand 'foo'. Try CLIENT HELP.\r\n", "CLIENT", "foo"),
		c("-ERR wrong number of arguments for 'client' command\r\n", "CLIENT"),
		c("-ERR wrong number of arguments for 'client|setname' command\r\n", "CLIENT", "SETNAME"),
		c("*14\r\n$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:2\r\n$2\r\nid\r\n:1\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n",
			"HELLO", "2", "SETNAME", "x"),
		c("-NOPROTO unsupported protocol version\r\n", "HELLO", "4"),
		c("-NOPROTO unsupported protocol version\r\n", "HELLO", "1"),
		c("-ERR Protocol version is not an integer or out of range\r\n", "HELLO", "x"),
		c("-ERR Syntax error in HELLO option 'FOO'\r\n", "HELLO", "2", "FOO"),
		c("-ERR unknown command 'FOO', with args beginning with: 'a' 'b  c' \r\n", "FOO", "a", "b\r\nc"),
		c("-ERR unknown command 'x', with args beginning with: \r\n", "x"),
		c("-ERR wrong number of arguments for 'get' command\r\n", "GET"),
		c("*4\r\n$9\r\ndatabases\r\n$2\r\n16\r\n$4\r\nPORT\r\n$4\r\n7299\r\n", "CONFIG", "GET", "PORT", "data*"),
		c("*0\r\n", "CONFIG", "GET", "nosuch"),
		c(fmt.Sprintf(":%d\r\n", len(spec.Commands())), "COMMAND", "COUNT"),
		c("*2\r\n*10\r\n$3\r\nget\r\n:2\r\n*2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n*3\r\n+@read\r\n+@string\r\n+@fast\r\n*0\r\n*0\r\n*0\r\n$-1\r\n",
			"COMMAND", "INFO", "GET", "nosuch"),
		c("*0\r\n", "COMMAND", "DOCS", "nosuch"),
	})
	// Arguments quoted in the unknown-command text stop at 128 bytes, like Redis.
	long := strings.Repeat("a", 200)
	run(t, s, []step{c("-ERR unknown command 'x', with args beginning with: '"+long[:128]+"' \r\n", "x", long)})
}

func TestInfo(t *testing.T) {
	e := openTest(t, ":memory:")
	s := newSession(t, e)
	run(t, s, []step{c(ok, "SET", "a", "1", "EX", "100"), c(ok, "SET", "b", "1")})
	res, _ := execAll(s, []byte(enc("INFO", "keyspace")))
	if got := string(res.Replies); got != "$44\r\n# Keyspace\r\ndb0:keys=2,expires=1,avg_ttl=0\r\n\r\n" {
		t.Fatalf("INFO keyspace = %q", got)
	}
	res, _ = execAll(s, []byte(enc("INFO")))
	for _, want := range []string{"# Server\r\nredis_version:7.0.15\r\n", "\r\n\r\n# Clients\r\nconnected_clients:1\r\n",
		"# Sqlettuce\r\nengine:go\r\ncrossing:none\r\nsqlite_version:3.", "db_path::memory:\r\n"} {
		if !strings.Contains(string(res.Replies), want) {
			t.Errorf("INFO lacks %q", want)
		}
	}
	run(t, s, []step{c("$0\r\n\r\n", "INFO", "nosuch")})
}

// Pipelines, inline commands, protocol errors and QUIT through one Exec, as the server
// sees them. (From 037-protocol-inline.)
func TestExecProtocol(t *testing.T) {
	s := newSession(t, openTest(t, ":memory:"))
	tests := []struct {
		in, out  string
		consumed int
		action   engine.Action
	}{
		{"PING\r\nECHO x\r\n*1\r\n$4\r\nPING\r\n", "+PONG\r\n$1\r\nx\r\n+PONG\r\n", 28, engine.ActionNone},
		{"SET k3 \"a\\x41\\n\\t\\\"q\\\"\"\r\nGET k3\r\n", "+OK\r\n$7\r\naA\n\t\"q\"\r\n", 33, engine.ActionNone},
		{"\r\nPING\r\n*0\r\n*1\r\n$4\r\nPI", "+PONG\r\n", 12, engine.ActionNone},
		{"*1\r\n$4\r\nPI", "", 0, engine.ActionNone},
		{"SET k5 v\r\nSET \"he\"llo x\r\nPING\r\n", "+OK\r\n-ERR Protocol error: unbalanced quotes in request\r\n", 10, engine.ActionClose},
		{"PING\r\n*1\r\n$-1\r\n", "+PONG\r\n-ERR Protocol error: invalid bulk length\r\n", 6, engine.ActionClose},
		{"PING\r\nQUIT\r\nPING\r\n", "+PONG\r\n+OK\r\n", 12, engine.ActionClose},
	}
	for _, tt := range tests {
		res, err := execAll(s, []byte(tt.in))
		if err != nil {
			t.Fatal(err)
		}
		if string(res.Replies) != tt.out || res.Consumed != tt.consumed || res.Action != tt.action {
			t.Errorf("%q:\n got %q consumed %d action %d\nwant %q consumed %d action %d",
				tt.in, res.Replies, res.Consumed, res.Action, tt.out, tt.consumed, tt.action)
		}
	}
}

// A batch larger than the bound runs as several transactions in one Exec.
func TestBigPipeline(t *testing.T) {
	s := newSession(t, openTest(t, ":memory:"))
	var in, want strings.Builder
	for i := 0; i < maxBatchCommands*2+5; i++ {
		in.WriteString(enc("INCR", "n"))
		fmt.Fprintf(&want, ":%d\r\n", i+1)
	}
	res, err := execAll(s, []byte(in.String()))
	if err != nil || string(res.Replies) != want.String() || res.Consumed != in.Len() || res.Commands != maxBatchCommands*2+5 {
		t.Fatalf("big pipeline: err %v consumed %d/%d commands %d", err, res.Consumed, in.Len(), res.Commands)
	}
}

// Many sessions at once: the engine mutex serializes batches and INCR never loses one.
func TestConcurrentSessions(t *testing.T) {
	e := openTest(t, "")
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			s, _ := e.NewSession()
			defer s.Close()
			for i := 0; i < 50; i++ {
				if _, err := execAll(s, []byte(enc("INCR", "n")+enc("PING"))); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
	run(t, newSession(t, e), []step{c("$3\r\n400\r\n", "GET", "n")})
}

// A failed COMMIT turns every reply of the batch into an error: never a false OK.
func TestCommitFailureFailsTheBatch(t *testing.T) {
	e := openTest(t, "")
	s := newSession(t, e)
	// Closing the prepared COMMIT makes every COMMIT fail.
	e.writer.commit.Close()
	res, _ := execAll(s, []byte(enc("SET", "a", "1")+enc("GET", "a")))
	got := string(res.Replies)
	if strings.Count(got, "-ERR ") != 2 || strings.Contains(got, "+OK") {
		t.Fatalf("replies after failed commit: %q", got)
	}
}

// Keys of other types (written here with SQL, as the Rust engine's collection commands
// would): string commands refuse them, SET replaces them, COPY takes their rows.
func TestOtherTypes(t *testing.T) {
	e := openTest(t, "")
	for _, q := range []string{
		"INSERT INTO keys (id, db, key, type, elements) VALUES (100, 0, CAST('h' AS BLOB), 5, 2)",
		"INSERT INTO hashes VALUES (100, x'66', x'76'), (100, x'67', x'77')",
		"INSERT INTO keys (id, db, key, type, elements) VALUES (101, 0, CAST('h2' AS BLOB), 5, 1)",
		"INSERT INTO hashes VALUES (101, x'66', x'76')",
	} {
		if _, err := e.writer.c.ExecContext(e.ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	wrong := "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n"
	s := newSession(t, e)
	run(t, s, []step{
		c(wrong, "GET", "h"), c(wrong, "INCR", "h"), c(wrong, "APPEND", "h", "x"),
		c(wrong, "SET", "h", "x", "GET"), c(wrong, "GETRANGE", "h", "0", "1"),
		c("*1\r\n$-1\r\n", "MGET", "h"),
		c("+hash\r\n", "TYPE", "h"),
		c("*2\r\n$1\r\n0\r\n*2\r\n$1\r\nh\r\n$2\r\nh2\r\n", "SCAN", "0", "TYPE", "HASH"),
		c(":1\r\n", "COPY", "h", "hc"),
		c("+hash\r\n", "TYPE", "hc"),
		c(ok, "SET", "h2", "s"),
		c("$1\r\ns\r\n", "GET", "h2"),
	})
	var n int
	if err := e.writer.c.QueryRowContext(e.ctx, "SELECT count(*) FROM hashes").Scan(&n); err != nil || n != 4 {
		t.Fatalf("hash rows = %d (%v), want 4: h's two, hc's two, none left of h2", n, err)
	}
}

func TestGlob(t *testing.T) {
	tests := []struct {
		pat, s string
		want   bool
	}{
		{"*", "", false}, // Redis quirk: KEYS * and SCAN's MATCH * take a shortcut instead
		{"", "", true}, {"a*", "a", true}, {"a*", "abc", true}, {"a*c", "abbbc", true},
		{"a?c", "abc", true}, {"a?c", "ac", false}, {"[abc]", "b", true}, {"[^abc]", "b", false},
		{"[a-c]x", "bx", true}, {"[c-a]x", "bx", true}, {`\*`, "*", true}, {`\*`, "a", false},
		{"[", "a", false}, {"[a", "a", true}, {`[\]]`, "]", true}, {"*a*b", "xaxb", true},
		{"h*llo", "hllo", true}, {"a**", "a", true}, {"a", "A", false},
	}
	for _, tt := range tests {
		if got := globMatch([]byte(tt.pat), []byte(tt.s), false); got != tt.want {
			t.Errorf("globMatch(%q, %q) = %v", tt.pat, tt.s, got)
		}
	}
	if !globMatch([]byte("PORT"), []byte("port"), true) {
		t.Error("nocase")
	}
}

func TestLongDouble(t *testing.T) {
	add := func(a, b string) string {
		x, err := parseLongDouble([]byte(a))
		if err != nil {
			return err.Error()
		}
		y, err := parseLongDouble([]byte(b))
		if err != nil {
			return err.Error()
		}
		s, ok := addLongDouble(x, y)
		if !ok {
			return "inf"
		}
		return string(formatLongDouble(s))
	}
	tests := [][3]string{
		{"128", "0.1", "128.10000000000000001"},
		{"1000", "-0.1", "999.90000000000000002"},
		{"0", "1e-18", "0"},
		{"10.50", "0.1", "10.6"},
		{"0.1", "0.2", "0.3"},
		{"3", "-3", "0"},
		{"-0.0", "0", "0"},
		{"1e4932", "1e4932", "inf"},
		{"0x1p-2", "0", "0.25"},
		{"1.5", "abc", "ERR value is not a valid float"},
		{"1e", "0", "ERR value is not a valid float"},
		{"1e-5000", "0", "ERR value is not a valid float"},
		{"0e-99999", "1", "1"},
	}
	for _, tt := range tests {
		if got := add(tt[0], tt[1]); got != tt[2] {
			t.Errorf("%s + %s = %s, want %s", tt[0], tt[1], got, tt[2])
		}
	}
}

// The reply writer and the parser allocate nothing per command for a plain GET/SET
// pipeline beyond what database/sql itself does.
func BenchmarkExecSetGet(b *testing.B) {
	e, err := Open(engine.Options{Path: filepath.Join(b.TempDir(), "b.db")})
	if err != nil {
		b.Fatal(err)
	}
	defer e.Close()
	s, _ := e.NewSession()
	in := []byte(strings.Repeat(enc("SET", "key", "value")+enc("GET", "key"), 16))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := execAll(s, in); err != nil {
			b.Fatal(err)
		}
	}
}
