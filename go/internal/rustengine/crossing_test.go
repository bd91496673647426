package rustengine

// The crossing, isolated: what one cgo call into Rust costs, what a command's SQLite work
// costs once the crossing is amortized away, and how many commands one crossing carries at
// each pipeline depth in both crossing modes. Run with
//
//	go test -run XXX -bench . ./go/internal/rustengine/
//
// Every figure is per command unless the name says otherwise; cpu-ns/op (the process's
// CPU time) is steadier than ns/op on a shared machine. cmds/crossing and cmds/txn come
// from the engine's counters (the ones INFO prints); frames/cmd is the WAL pages the
// writes appended (from the checkpoints).

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"sqlettuce/go/internal/engine"
)

func openBench(b *testing.B, crossing string) *Engine {
	b.Helper()
	e, err := Open(engine.Options{Path: filepath.Join(b.TempDir(), "bench.db"), Crossing: crossing})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { e.Close() })
	return e
}

// pipeline is n commands built by cmd(i), as one multibulk input.
func pipeline(n int, cmd func(i int) []string) []byte {
	var sb strings.Builder
	for i := range n {
		args := cmd(i)
		fmt.Fprintf(&sb, "*%d\r\n", len(args))
		for _, a := range args {
			fmt.Fprintf(&sb, "$%d\r\n%s\r\n", len(a), a)
		}
	}
	return []byte(sb.String())
}

// keyspace is redis-benchmark's: key:000000xxxxxx over 100k keys.
const keyspace = 100_000

func randKey(r *rand.Rand) string { return fmt.Sprintf("key:%012d", r.IntN(keyspace)) }

// filled is an engine per benchmark name, filled once: Go runs a benchmark's body several
// times (b.N = 1, 100, ...), and filling 100k keys each time would dwarf what is measured.
var filled = map[string]*Engine{}

// openFilled returns the filled engine of this benchmark, opening it the first time. It
// is closed when the process exits.
func openFilled(b *testing.B, crossing string) *Engine {
	b.Helper()
	if e := filled[b.Name()]; e != nil {
		return e
	}
	dir, err := os.MkdirTemp("", "sqlettuce-bench-")
	if err != nil {
		b.Fatal(err)
	}
	e, err := Open(engine.Options{Path: filepath.Join(dir, "bench.db"), Crossing: crossing})
	if err != nil {
		b.Fatal(err)
	}
	fill(b, e)
	filled[b.Name()] = e
	filledDirs = append(filledDirs, dir)
	return e
}

var filledDirs []string

func TestMain(m *testing.M) {
	code := m.Run()
	for _, e := range filled {
		e.Close()
	}
	for _, d := range filledDirs {
		os.RemoveAll(d)
	}
	os.Exit(code)
}

// fill writes every key of the keyspace once, so reads hit and writes overwrite.
func fill(b *testing.B, e *Engine) {
	b.Helper()
	s, _ := e.NewSession()
	defer s.Close()
	for lo := 0; lo < keyspace; lo += 1000 {
		in := pipeline(1000, func(i int) []string { return []string{"SET", fmt.Sprintf("key:%012d", lo+i), "xxx"} })
		if _, err := engine.Run(e, s, in); err != nil {
			b.Fatal(err)
		}
	}
	if err := e.CheckpointOnWriter(); err != nil {
		b.Fatal(err)
	}
}

// checkpointCrossings counts the crossings checkpointWAL made, so they are not counted
// as the commands' (benchmarks run one at a time).
var checkpointCrossings uint64

// walFrames counts the WAL frames the commands wrote (seen by checkpointWAL).
var walFrames int

// checkpointWAL keeps the WAL short as the server's checkpoint loop does, off the clock: a
// long WAL makes every page lookup slower.
func checkpointWAL(b *testing.B, e *Engine) {
	b.StopTimer()
	checkpointCrossings += 2
	frames, err := e.Checkpoint()
	if err != nil {
		b.Fatal(err)
	}
	walFrames += frames
	if err := e.CheckpointOnWriter(); err != nil {
		b.Fatal(err)
	}
	b.StartTimer()
}

func after0(e *Engine) Stats { s, _ := e.Stats(); return s }

// cpuTime is the process's user+system CPU time so far. Other work on a shared machine
// stretches wall time (ns/op) but not this: cpu-ns/op is the figure to trust there.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// reportCPU adds cpu-ns/op: CPU time since start over b.N.
func reportCPU(b *testing.B, start time.Duration) {
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N), "cpu-ns/op")
}

// reportCounters adds the engine's per-command figures since before.
func reportCounters(b *testing.B, e *Engine, before Stats, writes bool) {
	b.Helper()
	checkpoints := checkpointCrossings
	checkpointCrossings = 0
	if writes && walFrames > 0 {
		b.ReportMetric(float64(walFrames)/float64(after0(e).Commands-before.Commands), "frames/cmd")
	}
	walFrames = 0
	after, err := e.Stats()
	if err != nil {
		b.Fatal(err)
	}
	cmds := float64(after.Commands - before.Commands)
	// The Stats call itself is a crossing, and so are the checkpoints.
	crossings := float64(after.Crossings - before.Crossings - 1 - checkpoints)
	if crossings > 0 {
		b.ReportMetric(cmds/crossings, "cmds/crossing")
	}
	if txns := float64(after.Transactions - before.Transactions); txns > 0 {
		b.ReportMetric(cmds/txns, "cmds/txn")
	}
}

// BenchmarkCrossingNoop is one empty call into Rust: the fixed cost of a crossing.
func BenchmarkCrossingNoop(b *testing.B) {
	e := openBench(b, "batch")
	start := cpuTime()
	for b.Loop() {
		if err := noop(e.handle); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// BenchmarkCrossingEmptyBatch is one sqlettuce_exec of an empty input: the crossing plus
// locking the session and parsing nothing.
func BenchmarkCrossingEmptyBatch(b *testing.B) {
	e := openBench(b, "batch")
	s, _ := e.NewSession()
	defer s.Close()
	h := s.(*Session).handle
	start := cpuTime()
	for b.Loop() {
		if _, err := exec(h, nil); err != nil {
			b.Fatal(err)
		}
	}
	reportCPU(b, start)
}

// BenchmarkSQLiteWork is a command's own cost once the crossing is amortized away: 1000
// commands per crossing (one group for SET, one read batch for GET) on a file database
// holding 100k keys. ns/op is per command.
func BenchmarkSQLiteWork(b *testing.B) {
	const batch = 1000
	for _, name := range []string{"SET", "GET"} {
		b.Run(name, func(b *testing.B) {
			e := openFilled(b, "batch")
			s, _ := e.NewSession()
			defer s.Close()
			r := rand.New(rand.NewPCG(1, 2))
			inputs := make([][]byte, 64)
			for i := range inputs {
				inputs[i] = pipeline(batch, func(int) []string {
					if name == "SET" {
						return []string{"SET", randKey(r), "xxx"}
					}
					return []string{"GET", randKey(r)}
				})
			}
			before, _ := e.Stats()
			checkpointCrossings = 0
			b.ResetTimer()
			start := cpuTime()
			for i := 0; i < b.N; i += batch {
				if _, err := engine.Run(e, s, inputs[(i/batch)%len(inputs)]); err != nil {
					b.Fatal(err)
				}
				if (i/batch)%16 == 15 {
					checkpointWAL(b, e)
				}
			}
			b.StopTimer()
			reportCPU(b, start)
			reportCounters(b, e, before, name == "SET")
		})
	}
}

// BenchmarkDepth runs batches of `depth` commands, as a client pipelining that deep
// would send them, in both crossing modes: GET batches on the read path, SET batches on
// the write path in groups of 8 clients (the executor's group commit). ns/op is per
// command; cmds/crossing is the figure the crossing modes differ by.
func BenchmarkDepth(b *testing.B) {
	const clients = 8
	for _, op := range []string{"GET", "SET"} {
		for _, crossing := range []string{"batch", "command"} {
			for _, depth := range []int{1, 4, 16, 64, 256} {
				b.Run(op+"/"+crossing+"/depth="+strconv.Itoa(depth), func(b *testing.B) {
					e := openFilled(b, crossing)
					r := rand.New(rand.NewPCG(3, 4))
					sessions := make([]engine.Session, clients)
					for i := range sessions {
						sessions[i], _ = e.NewSession()
						defer sessions[i].Close()
					}
					inputs := make([][]byte, 64)
					for i := range inputs {
						inputs[i] = pipeline(depth, func(int) []string {
							if op == "SET" {
								return []string{"SET", randKey(r), "xxx"}
							}
							return []string{"GET", randKey(r)}
						})
					}
					jobs := make([]*engine.Job, clients)
					before, _ := e.Stats()
					checkpointCrossings = 0
					b.ResetTimer()
					start := cpuTime()
					for i, next := 0, 16000; i < b.N; {
						if i >= next {
							checkpointWAL(b, e)
							next += 16000
						}
						// Every client sends a batch; those that write wait for one group.
						group := jobs[:0]
						for c, s := range sessions {
							res, err := s.Exec(inputs[(i/depth+c)%len(inputs)])
							if err != nil {
								b.Fatal(err)
							}
							if res.Action == engine.ActionNeedsWriter {
								group = append(group, &engine.Job{Session: s})
							}
							i += depth
						}
						if len(group) > 0 {
							e.ExecGroup(group)
							for _, j := range group {
								if j.Err != nil {
									b.Fatal(j.Err)
								}
							}
						}
					}
					b.StopTimer()
					reportCPU(b, start)
					reportCounters(b, e, before, op == "SET")
				})
			}
		}
	}
}
