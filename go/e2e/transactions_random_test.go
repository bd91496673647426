package e2e

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"
)

// TestTransactionsDifferential interleaves three connections' random commands (WATCH,
// MULTI, EXEC, DISCARD, UNWATCH among writes, deletes, renames, MOVE, SWAPDB, SELECT and
// flushes on a small pool of keys in three databases; one step in eight pipelines a few
// commands in one write) and sends the same steps, in the same order, to every path and
// to real Redis (7.0.15), one connection each per client:
// every reply, EXEC's null arrays and EXECABORTs included, must be Redis's. Each seed
// starts from an empty server; a failure prints the seed (SQLETTUCE_RANDOM_SEED=n reruns
// it) and the steps before it.
func TestTransactionsDifferential(t *testing.T) {
	seeds, _ := randomPlan(t, 2)
	const steps, clients = 3000, 3
	oracle := startOracle(t)
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		for _, seed := range seeds {
			start := time.Now()
			var ours, theirs [clients]*conn
			for i := range clients {
				ours[i], theirs[i] = s.dial(t), dial(t, oracle)
			}
			for _, c := range []*conn{ours[0], theirs[0]} {
				if r := c.do("FLUSHALL"); r != "+OK\r\n" {
					t.Fatalf("FLUSHALL: %q", r)
				}
			}
			rng := rand.New(rand.NewPCG(seed, 0x7478))
			var history []string
			aborted, nulls := 0, 0
			for n := range steps {
				i := rng.IntN(clients)
				// Mostly one command; sometimes several pipelined in one write, so that
				// MULTI, the queued commands and EXEC (or WATCH with them) share a batch.
				batch := [][]string{randomTxCommand(rng)}
				if rng.IntN(8) == 0 {
					for range rng.IntN(6) {
						batch = append(batch, randomTxCommand(rng))
					}
				}
				var req []byte
				var label []string
				for _, args := range batch {
					req = append(req, encode(args...)...)
					label = append(label, strings.Join(args, " "))
				}
				var want, got string
				for _, side := range []struct {
					c   *conn
					out *string
				}{{theirs[i], &want}, {ours[i], &got}} {
					side.c.write(req)
					for range batch {
						*side.out += side.c.read()
					}
				}
				history = append(history, fmt.Sprintf("conn %d: %s -> %q", i, strings.Join(label, " | "), want))
				if got != want {
					from := max(0, len(history)-40)
					t.Fatalf("seed %d step %d, conn %d: %s\n got  %q\n want %q\nthe steps before it:\n%s",
						seed, n+1, i, strings.Join(label, " | "), got, want,
						strings.Join(history[from:len(history)-1], "\n"))
				}
				nulls += strings.Count(want, "*-1\r\n")
				aborted += strings.Count(want, "-EXECABORT")
			}
			for i := range clients {
				ours[i].Close()
				theirs[i].Close()
			}
			t.Logf("seed %d: %d steps on %d connections identical to Redis (%v): %d EXECs failed by WATCH, %d aborted",
				seed, steps, clients, time.Since(start).Round(time.Millisecond), nulls, aborted)
		}
		s.alive(t)
	})
}

// randomTxCommand draws one command. Every reply is deterministic (no TTL readings, no
// hash-table order), so the comparison is byte for byte.
func randomTxCommand(rng *rand.Rand) []string {
	keys := []string{"a", "b", "c", "d"}
	k := func() string { return keys[rng.IntN(len(keys))] }
	db := func() string { return fmt.Sprint(rng.IntN(3)) }
	v := func() string { return []string{"1", "2", "x"}[rng.IntN(3)] }
	type choice struct {
		weight int
		make   func() []string
	}
	choices := []choice{
		{10, func() []string { return []string{"WATCH", k()} }},
		{3, func() []string { return []string{"WATCH", k(), k()} }},
		{3, func() []string { return []string{"UNWATCH"} }},
		{8, func() []string { return []string{"MULTI"} }},
		{9, func() []string { return []string{"EXEC"} }},
		{2, func() []string { return []string{"DISCARD"} }},
		{1, func() []string { return []string{"GET"} }}, // refused while queueing: EXECABORT
		{8, func() []string { return []string{"SET", k(), v()} }},
		{3, func() []string { return []string{"SET", k(), v(), "NX"} }},
		{6, func() []string { return []string{"GET", k()} }},
		{4, func() []string { return []string{"DEL", k()} }},
		{4, func() []string { return []string{"INCR", k()} }},
		{2, func() []string { return []string{"APPEND", k(), "y"} }},
		{3, func() []string { return []string{"EXISTS", k(), k()} }},
		{3, func() []string { return []string{"RENAME", k(), k()} }},
		{3, func() []string { return []string{"MOVE", k(), db()} }},
		{1, func() []string { return []string{"SWAPDB", db(), db()} }},
		{3, func() []string { return []string{"SELECT", db()} }},
		{3, func() []string { return []string{"LPUSH", k(), v()} }},
		{2, func() []string { return []string{"LPOP", k()} }},
		{2, func() []string { return []string{"LRANGE", k(), "0", "-1"} }},
		{3, func() []string { return []string{"SADD", k(), v()} }},
		{2, func() []string { return []string{"SREM", k(), v()} }},
		{2, func() []string { return []string{"SCARD", k()} }},
		{2, func() []string { return []string{"SUNIONSTORE", k(), k(), k()} }},
		{2, func() []string { return []string{"EXPIRE", k(), "1000"} }},
		{2, func() []string { return []string{"PERSIST", k()} }},
		{2, func() []string { return []string{"COPY", k(), k(), "DB", db()} }},
		{2, func() []string { return []string{"GETDEL", k()} }},
		{2, func() []string { return []string{"TYPE", k()} }},
		{1, func() []string { return []string{"FLUSHDB"} }},
		{1, func() []string { return []string{"FLUSHALL"} }},
		{1, func() []string { return []string{"DBSIZE"} }},
	}
	total := 0
	for _, c := range choices {
		total += c.weight
	}
	r := rng.IntN(total)
	for _, c := range choices {
		if r < c.weight {
			return c.make()
		}
		r -= c.weight
	}
	panic("unreachable")
}
