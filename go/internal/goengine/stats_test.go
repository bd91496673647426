package goengine

import (
	"testing"
	"time"
)

// INFO's Redis counters: reads count keyspace hits and misses (MGET per key), writes do
// not; an expired key counts once, deleted by a write or by the sweep; commandstats count
// calls (inside EXEC too), refusals and failures; CONFIG RESETSTAT clears them all but
// sqlettuce's own counters. The Rust engine's test of the same name checks the same.
func TestStatsCounters(t *testing.T) {
	e := openTest(t, "")
	s := newSession(t, e)
	execAll(s, []byte(enc("SET", "a", "1")+enc("SET", "gone", "1", "PX", "1")+enc("SET", "swept", "1", "PX", "1")))
	time.Sleep(5 * time.Millisecond)
	execAll(s, []byte(enc("GET", "a")+enc("MGET", "a", "nokey", "a")+enc("EXISTS", "gone")+
		enc("INCR", "a")+enc("LPUSH", "gone", "x")+enc("GET")+
		enc("MULTI")+enc("GET", "a")+enc("HGET", "a", "f")+enc("EXEC")))
	st := &e.stats
	if h, m, x := st.keyspaceHits.Load(), st.keyspaceMisses.Load(), st.expiredKeys.Load(); h != 5 || m != 2 || x != 1 {
		t.Errorf("hits %d misses %d expired %d, want 5 2 1", h, m, x)
	}
	if n, err := e.SweepExpired(100); n != 1 || err != nil || st.expiredKeys.Load() != 2 {
		t.Errorf("sweep: %d %v, expired_keys %d, want 1 and 2", n, err, st.expiredKeys.Load())
	}
	stat := func(name string) [3]int64 {
		cs := &st.byCommand[knownCommand([][]byte{[]byte(name)}).index]
		return [3]int64{cs.calls.Load(), cs.rejected.Load(), cs.failed.Load()}
	}
	for name, want := range map[string][3]int64{"get": {2, 1, 0}, "hget": {1, 0, 1}, "multi": {1, 0, 0}} {
		if got := stat(name); got != want {
			t.Errorf("%s: calls, rejected, failed %v, want %v", name, got, want)
		}
	}
	if n := st.commandsProcessed(); n != 12 {
		t.Errorf("total_commands_processed %d, want 12", n)
	}
	execAll(s, []byte(enc("CONFIG", "RESETSTAT")))
	if h, x, n := st.keyspaceHits.Load(), st.expiredKeys.Load(), st.commandsProcessed(); h != 0 || x != 0 || n != 1 {
		t.Errorf("after RESETSTAT: hits %d expired %d commands %d, want 0 0 1", h, x, n)
	}
	if n := st.commands.Load(); n != 14 {
		t.Errorf("sqlettuce's commands %d, want 14 (never reset)", n)
	}
}
