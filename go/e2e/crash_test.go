package e2e

import (
	"bufio"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestCrashKill9 is the durability promise, tested the hard way: rounds of (start the
// server with the next --appendfsync mode, crashClients clients write with pipelines and record every reply they got, kill
// -9 the server at a random moment, start it again on the same file, check). After each
// kill:
//
//   - every acknowledged write is there with its value (a reply leaves only after its
//     batch's COMMIT, so an acknowledged write is in the WAL, which a killed process
//     cannot lose);
//   - no write is half-applied: a command's elements (RPUSH of three, HSET and ZADD of two)
//     are all there or none;
//   - PRAGMA integrity_check says ok, and keys.elements and zset_buckets agree with the
//     rows (checkSQLiteConsistency).
//
// Each round writes fresh keys (prefixed by the round) and checks every earlier round's
// keys too, so damage done by a later crash to earlier data is caught.
//
//	SQLETTUCE_CRASH_ROUNDS=n   rounds per path (default 20)
func TestCrashKill9(t *testing.T) {
	rounds := 20
	if v := os.Getenv("SQLETTUCE_CRASH_ROUNDS"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			t.Fatalf("SQLETTUCE_CRASH_ROUNDS=%q: want a positive integer", v)
		}
		rounds = n
	}
	forEachPath(t, func(t *testing.T, p path) {
		db := t.TempDir() + "/crash.db"
		rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 7))
		var history []*crashRound
		totalAcked, totalSent := 0, 0
		for r := 0; r < rounds; r++ {
			// The rounds take turns with the appendfsync modes: none may lose an
			// acknowledged write to a killed process.
			mode := crashFsyncModes[r%len(crashFsyncModes)]
			pm := p
			pm.args = append(append([]string{}, p.args...), "--appendfsync", mode)
			s := startServerDB(t, pm, db)
			round := &crashRound{id: r}
			killAfter := time.Duration(150+rng.IntN(700)) * time.Millisecond
			round.run(t, s, killAfter)
			history = append(history, round)
			acked, sent := round.counts()
			totalAcked += acked
			totalSent += sent
			if acked == 0 {
				t.Errorf("round %d: no write was acknowledged before the kill at %v", r, killAfter)
			}

			s = startServerDB(t, pm, db)
			c := s.dial(t)
			for _, h := range history {
				h.verify(t, c)
			}
			c.Close()
			s.stop()
			if out, err := exec.Command("sqlite3", "-readonly", db, "PRAGMA integrity_check").CombinedOutput(); err != nil || strings.TrimSpace(string(out)) != "ok" {
				t.Fatalf("round %d: PRAGMA integrity_check: %v %q", r, err, out)
			}
			checkSQLiteConsistency(t, db)
			if t.Failed() {
				t.Fatalf("round %d (appendfsync %s, killed after %v) failed; stopping", r, mode, killAfter)
			}
		}
		t.Logf("%d rounds: %d of %d pipelined write groups acknowledged before the kills, all found after restart",
			rounds, totalAcked, totalSent)
	})
}

// crashFsyncModes are the --appendfsync modes the rounds cycle through.
var crashFsyncModes = []string{"always", "everysec", "no"}

// crashClients write at the same time; each pipelines crashDepth groups of five commands.
const (
	crashClients = 50
	crashDepth   = 4
)

// crashRound is one round: what every client sent and what was acknowledged.
type crashRound struct {
	id      int
	clients [crashClients]crashClient
}

// crashClient is one writer. Its n-th group is five commands:
//
//	SET    s:R:C:n  vn
//	INCR   i:R:C
//	RPUSH  l:R:C    an bn cn
//	HSET   h:R:C    xn 1 yn 2
//	ZADD   z:R:C    n pn n qn
//
// Replies arrive in order, so acked groups are a prefix of sent ones.
type crashClient struct {
	sent   int   // groups written to the socket
	acked  int   // groups whose five replies all arrived
	counts int64 // the last INCR reply received
	err    string
}

func (r *crashRound) counts() (acked, sent int) {
	for i := range r.clients {
		acked += r.clients[i].acked
		sent += r.clients[i].sent
	}
	return
}

func (r *crashRound) key(kind string, client int) string {
	return fmt.Sprintf("%s:%d:%d", kind, r.id, client)
}

// run starts the writers, kills the server after killAfter, and waits for the writers to
// see their connections die.
func (r *crashRound) run(t *testing.T, s *server, killAfter time.Duration) {
	t.Helper()
	var wg sync.WaitGroup
	for i := range r.clients {
		nc, err := net.Dial("tcp", s.addr())
		if err != nil {
			t.Fatalf("dial: %v", err)
		}
		wg.Add(1)
		go func(i int, nc net.Conn) {
			defer wg.Done()
			defer nc.Close()
			r.write(i, nc)
		}(i, nc)
	}
	time.Sleep(killAfter)
	s.killHard()
	wg.Wait()
	for i := range r.clients {
		if e := r.clients[i].err; e != "" {
			t.Errorf("round %d client %d: %s", r.id, i, e)
		}
	}
}

// write pipelines groups until the connection dies. An error reply is a failure (the
// server must not refuse these writes); a read or write error is the kill.
func (r *crashRound) write(i int, nc net.Conn) {
	cl := &r.clients[i]
	br := bufio.NewReader(nc)
	for {
		var batch []byte
		for d := 0; d < crashDepth; d++ {
			n := strconv.Itoa(cl.sent + d)
			batch = append(batch, encode("SET", r.key("s", i)+":"+n, "v"+n)...)
			batch = append(batch, encode("INCR", r.key("i", i))...)
			batch = append(batch, encode("RPUSH", r.key("l", i), "a"+n, "b"+n, "c"+n)...)
			batch = append(batch, encode("HSET", r.key("h", i), "x"+n, "1", "y"+n, "2")...)
			batch = append(batch, encode("ZADD", r.key("z", i), n, "p"+n, n, "q"+n)...)
		}
		nc.SetDeadline(time.Now().Add(30 * time.Second))
		if _, err := nc.Write(batch); err != nil {
			return
		}
		cl.sent += crashDepth
		for d := 0; d < crashDepth; d++ {
			for cmd := 0; cmd < 5; cmd++ {
				rep, err := parseFrom(br)
				if err != nil {
					return
				}
				if rep.kind == '-' {
					cl.err = fmt.Sprintf("error reply to a write: %s", rep.str)
					return
				}
				if cmd == 1 {
					cl.counts = rep.num
				}
			}
			cl.acked++
		}
	}
}

// verify reads back every client's keys of this round and checks them against what was
// acknowledged and what was sent.
func (r *crashRound) verify(t *testing.T, c *conn) {
	t.Helper()
	for i := range r.clients {
		cl := &r.clients[i]
		where := fmt.Sprintf("round %d client %d (%d groups acknowledged, %d sent)", r.id, i, cl.acked, cl.sent)

		// SET: every acknowledged key holds its value; an unacknowledged one is its value
		// or absent.
		mget := []string{"MGET"}
		for n := 0; n < cl.sent; n++ {
			mget = append(mget, r.key("s", i)+":"+strconv.Itoa(n))
		}
		for n, got := range mustParse(t, c.do(mget...)).arr {
			if want := "v" + strconv.Itoa(n); got.str != want && (n < cl.acked || !got.null) {
				t.Errorf("%s: GET %s = %q (null %v), want %q", where, mget[n+1], got.str, got.null, want)
				return
			}
		}

		// INCR: at least the last acknowledged count, at most one per group sent.
		count := mustParse(t, c.do("GET", r.key("i", i)))
		var v int64
		if count.kind == '$' && !count.null {
			v, _ = strconv.ParseInt(count.str, 10, 64)
		}
		if v < cl.counts || v > int64(cl.sent) {
			t.Errorf("%s: counter = %d, want between the last acknowledged %d and %d sent", where, v, cl.counts, cl.sent)
		}

		// RPUSH: whole groups of three, in order, at least the acknowledged ones.
		list := mustParse(t, c.do("LRANGE", r.key("l", i), "0", "-1"))
		if len(list.arr)%3 != 0 || len(list.arr)/3 < cl.acked || len(list.arr)/3 > cl.sent {
			t.Errorf("%s: list holds %d elements, want whole groups of 3 between %d and %d groups",
				where, len(list.arr), cl.acked, cl.sent)
		}
		for j, e := range list.arr {
			n := strconv.Itoa(j / 3)
			if want := string("abc"[j%3]) + n; e.str != want {
				t.Errorf("%s: list element %d = %q, want %q", where, j, e.str, want)
				break
			}
		}

		// HSET and ZADD: both fields/members of a group or neither.
		hash := map[string]bool{}
		for _, e := range mustParse(t, c.do("HKEYS", r.key("h", i))).arr {
			hash[e.str] = true
		}
		zset := map[string]bool{}
		for _, e := range mustParse(t, c.do("ZRANGE", r.key("z", i), "0", "-1")).arr {
			zset[e.str] = true
		}
		for n := 0; n < cl.sent; n++ {
			s := strconv.Itoa(n)
			x, y := hash["x"+s], hash["y"+s]
			p, q := zset["p"+s], zset["q"+s]
			if x != y || p != q {
				t.Errorf("%s: group %d half-applied: hash x=%v y=%v, zset p=%v q=%v", where, n, x, y, p, q)
			}
			if n < cl.acked && !(x && p) {
				t.Errorf("%s: acknowledged group %d lost: hash %v, zset %v", where, n, x, p)
			}
		}
		if len(hash) > 2*cl.sent || len(zset) > 2*cl.sent {
			t.Errorf("%s: %d hash fields, %d members: more than were sent", where, len(hash), len(zset))
		}
	}
}

// killHard is kill -9: the process gets no chance to finish a batch or checkpoint. The
// test's cleanup then leaves the dead server alone.
func (s *server) killHard() {
	s.mu.Lock()
	s.stopped = true
	s.mu.Unlock()
	s.kill()
}
