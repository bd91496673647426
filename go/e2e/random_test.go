package e2e

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestRandomDifferential sends one seeded random command stream to every path and to real
// Redis (7.0.15, started by the suite) and requires the same replies. Keys come from a small
// shared pool, so types clash (WRONGTYPE) and COPY/RENAME move values between types; a few
// big collections (a sorted set past 5000 members, a hash, a set and a list past 3000, a
// sorted set of equal scores past 4000) exercise ranks and offsets in the thousands, where
// the engines count through zset_buckets. After each stream the test reads every key back
// (type, TTL, lengths, whole content) and checks the SQLite file's bookkeeping.
//
// Replies whose order Redis leaves to its hash tables (HGETALL, SMEMBERS, SINTER...) are
// compared as multisets; random picks (SRANDMEMBER, HRANDFIELD, ZRANDMEMBER) by shape, size
// and membership in the collection, read right after them; SPOP only ever pops everything.
// Expiry uses long TTLs, and TTL/PTTL/EXPIRETIME replies are compared as "some positive
// number", so nothing depends on timing.
//
//	SQLETTUCE_RANDOM_SEED=n      run only seed n (the seed a failure reports)
//	SQLETTUCE_RANDOM_ROUNDS=n    how many seeds per path (default 3), from a clock-chosen start
//	SQLETTUCE_RANDOM_COMMANDS=n  random commands per seed (default 4000, plus the big
//	                             collections' bulk writes and the final read-back)
func TestRandomDifferential(t *testing.T) { randomDifferential(t, 2) }

// TestRandomDifferentialRESP3 runs the same kind of stream after HELLO 3 on both
// connections: every reply in Redis 7.0's RESP3 shape (maps, sets, doubles, nulls, nested
// pairs), maps and sets compared in any order where Redis's order is its hash table's.
// SQLETTUCE_RANDOM_RESP3_ROUNDS sets its seeds per path (default 1).
func TestRandomDifferentialRESP3(t *testing.T) { randomDifferential(t, 3) }

// randomDifferential runs the seeded streams in protocol proto (2 or 3).
func randomDifferential(t *testing.T, proto int) {
	seeds, n := randomPlan(t, proto)
	oracle := startOracle(t)
	streams := map[uint64][]rcmd{}
	for _, seed := range seeds {
		streams[seed] = randomStream(seed, n)
	}
	t.Logf("seeds %v, %d random commands each (%d with the bulk writes and the read-back)",
		seeds, n, len(streams[seeds[0]]))
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		ours, theirs := s.dial(t), dial(t, oracle)
		if proto == 3 {
			a, b := ours.do("HELLO", "3"), theirs.do("HELLO", "3")
			if normHelloID(a) != normHelloID(b) || !strings.HasPrefix(a, "%7\r\n") {
				t.Fatalf("HELLO 3: %q, Redis: %q", a, b)
			}
		}
		for _, seed := range seeds {
			start := time.Now()
			for _, c := range []*conn{ours, theirs} {
				if r := c.do("FLUSHALL"); r != "+OK\r\n" {
					t.Fatalf("FLUSHALL: %q", r)
				}
			}
			stream := streams[seed]
			got, ok := runRandomStream(t, p, seed, n, stream, ours, theirs)
			if ok && proto == 3 {
				checkRESP3Kinds(t, got)
			}
			if ok {
				t.Logf("seed %d: %d commands, replies identical to Redis (%v); %s",
					seed, len(stream), time.Since(start).Round(time.Millisecond), randomSummary(stream, got))
			}
			t.Run(fmt.Sprintf("sqlite consistency after seed %d", seed), func(t *testing.T) {
				checkSQLiteConsistency(t, s.db)
			})
		}
		s.alive(t)
	})
}

// checkRESP3Kinds requires that a RESP3 stream's replies included maps, sets, doubles and
// nulls at the top level, so the RESP3 run compared RESP3 shapes and not RESP2 ones.
func checkRESP3Kinds(t *testing.T, got []string) {
	t.Helper()
	seen := map[byte]int{}
	for _, r := range got {
		if r != "" {
			seen[r[0]]++
		}
	}
	for _, k := range []byte{'%', '~', ',', '_'} {
		if seen[k] == 0 {
			t.Errorf("no reply of RESP3 type %q in the stream (kinds seen: %v)", k, seen)
		}
	}
}

// randomPlan reads the environment: the seeds to run and the commands per seed.
func randomPlan(t *testing.T, proto int) (seeds []uint64, n int) {
	t.Helper()
	envInt := func(name string, def uint64) uint64 {
		v := os.Getenv(name)
		if v == "" {
			return def
		}
		x, err := strconv.ParseUint(v, 10, 64)
		if err != nil {
			t.Fatalf("%s=%q: want a non-negative integer", name, v)
		}
		return x
	}
	n = int(envInt("SQLETTUCE_RANDOM_COMMANDS", 4000))
	if v := os.Getenv("SQLETTUCE_RANDOM_SEED"); v != "" {
		return []uint64{envInt("SQLETTUCE_RANDOM_SEED", 0)}, n
	}
	rounds := envInt("SQLETTUCE_RANDOM_ROUNDS", 3)
	if proto == 3 {
		rounds = envInt("SQLETTUCE_RANDOM_RESP3_ROUNDS", 1)
	}
	base := uint64(time.Now().UnixNano()) % 1_000_000_007
	for i := uint64(0); i < rounds; i++ {
		seeds = append(seeds, base+i)
	}
	return seeds, n
}

// ---------------------------------------------------------------- the stream

// How a reply is compared with Redis's.
const (
	cmpExact = iota // byte for byte
	cmpBag          // as a multiset of bulk strings (Redis's hash-table order)
	cmpPairs        // as a multiset of (field, value) or (member, score) pairs
	cmpTTL          // positive integers are clock readings: only their sign counts
	cmpPick         // a random pick: checked against the next command's reply, which reads the whole collection
)

// rcmd is one command of a random stream.
type rcmd struct {
	args []string
	keys []string // the keys it reads or writes (for the history a failure prints)
	cmp  int
	scan bool // a whole SCAN-family walk: the cursor must come back 0 (normScanAll)
	pick rpick
}

// rpick describes a random pick's reply.
type rpick struct {
	single    bool // no count: one bulk (or nil)
	distinct  bool // a positive count: no repeats
	withPairs bool // WITHVALUES / WITHSCORES: (name, value) pairs
	pairRead  bool // the read-back (HGETALL, ZRANGE ... WITHSCORES) is (name, value) pairs
}

// Pools the random commands draw from. The key pool is shared by every type; the big keys
// are only ever written with their own type (big:z2 and big:x take any); the lex keys only
// ever hold sorted sets whose scores are all 0 (Redis defines lex ranges only there, and
// the engines replay Redis's listpack walk only up to 128 members).
var (
	rndPool   = []string{"k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9"}
	rndBigTmp = []string{"big:z2", "big:x"}
	// Each type's commands mostly use two keys of the pool, so that most replies are not
	// WRONGTYPE; the rest of the time any key of the pool.
	rndHomeString = []string{"k8", "k9"}
	rndHomeHash   = []string{"k0", "k1"}
	rndHomeList   = []string{"k2", "k3"}
	rndHomeSet    = []string{"k4", "k5"}
	rndHomeZset   = []string{"k6", "k7"}
	rndLex        = []string{"lex:a", "lex:b", "lex:c", "lex:big"} // lex:big last: never a destination
	rndAllKeys    = append(append(append(append([]string{}, rndPool...), "big:z", "big:h", "big:s", "big:l"), rndBigTmp...), rndLex...)
	rndMembers    = []string{"a", "b", "c", "d", "e", "f", "g", "h", "aa", "ab", "b1", "10", "2", "-3", "0.5", "", "x y", "\x00z", "é"}
	rndValues     = append([]string{"1", "2", "10", "-3", "007", "9223372036854775807", "3.5"}, rndMembers...)
	rndScores     = []string{"0", "1", "2", "3", "5", "7", "-1", "-2", "10", "0.5", "2.25", "-1.5", "0.125", "-inf", "+inf", "-0"}
	rndIncrs      = []string{"1", "-1", "2", "0.5", "-2.25", "0", "10"}
	rndBounds     = []string{"-inf", "+inf", "0", "(0", "1", "(1", "2", "2.25", "(2.25", "5", "(5", "-1", "10", "(10", "0.5"}
	rndLexes      = []string{"-", "+", "[a", "(a", "[b", "(c", "[d", "(aa", "[", "(", "[x y", "[é", "[10", "(2"}
	rndWeights    = []string{"1", "2", "-1", "0", "0.5", "3"}
)

type rgen struct {
	r    *rand.Rand
	cmds []rcmd
}

func (g *rgen) n(lo, hi int) int             { return lo + g.r.IntN(hi-lo+1) } // lo..hi inclusive
func (g *rgen) p(pr float64) bool            { return g.r.Float64() < pr }
func (g *rgen) of(xs []string) string        { return xs[g.r.IntN(len(xs))] }
func (g *rgen) itoa(lo, hi int) string       { return strconv.Itoa(g.n(lo, hi)) }
func (g *rgen) add(c rcmd)                   { g.cmds = append(g.cmds, c) }
func (g *rgen) emit(cmp int, args ...string) { g.add(rcmd{args: args, keys: args[1:2], cmp: cmp}) }
func (g *rgen) exact(args ...string)         { g.emit(cmpExact, args...) }

// key draws a key of the pool, mostly from home.
func (g *rgen) key(home ...string) string {
	if g.p(0.85) {
		return g.of(home)
	}
	return g.of(rndPool)
}

// keys draws 1..max keys of the pool, mostly from home.
func (g *rgen) keys(max int, home ...string) []string {
	out := make([]string, g.n(1, max))
	for i := range out {
		out[i] = g.key(home...)
	}
	return out
}

// multi emits a command touching several keys.
func (g *rgen) multi(keys []string, args ...string) {
	g.add(rcmd{args: args, keys: keys, cmp: cmpExact})
}

// some returns 1..max draws from xs.
func (g *rgen) some(xs []string, max int) []string {
	out := make([]string, g.n(1, max))
	for i := range out {
		out[i] = g.of(xs)
	}
	return out
}

func (g *rgen) bigMember() string {
	if g.p(0.002) {
		return "" // below every other member: next to the first bucket's bound (-inf, "")
	}
	return fmt.Sprintf("m%05d", g.r.IntN(8000))
}
func (g *rgen) lexMember() string { return fmt.Sprintf("w%05d", g.r.IntN(5000)) }

// bigScore: integers with many ties, some halves and quarters, rarely an infinity.
func (g *rgen) bigScore() string {
	switch x := g.r.IntN(100); {
	case x < 1:
		return g.of([]string{"-inf", "+inf"})
	case x < 20:
		return fmt.Sprintf("%d.5", g.r.IntN(1000))
	case x < 30:
		return fmt.Sprintf("%d.25", g.r.IntN(1000))
	default:
		return strconv.Itoa(g.r.IntN(1000))
	}
}

// bigBound is a score range end over bigScore's scores.
func (g *rgen) bigBound() string {
	if g.p(0.05) {
		return g.of([]string{"-inf", "+inf"})
	}
	b := strconv.Itoa(g.r.IntN(1000))
	if g.p(0.3) {
		b = "(" + b
	}
	return b
}

// randomStream builds seed's stream: n random commands with the big collections' bulk
// writes spread over the first half, then the read-back of every key.
func randomStream(seed uint64, n int) []rcmd {
	g := &rgen{r: rand.New(rand.NewPCG(seed, 0x5e11e77ace))}
	growth := g.growth()
	for i := 0; i < n; i++ {
		for len(growth) > 0 && (i >= n/2 || g.p(0.1)) {
			g.add(growth[0])
			growth = growth[1:]
			if i < n/2 {
				break
			}
		}
		g.step()
	}
	for _, c := range growth {
		g.add(c)
	}
	g.readBack()
	return g.cmds
}

// growth returns the bulk writes that make the big collections big, in a random order.
func (g *rgen) growth() []rcmd {
	var out []rcmd
	bulk := func(args []string) { out = append(out, rcmd{args: args, keys: args[1:2]}) }
	for _, chunk := range g.chunks(6500, 300) {
		args := []string{"ZADD", "big:z"}
		for _, i := range chunk {
			args = append(args, g.bigScore(), fmt.Sprintf("m%05d", i))
		}
		bulk(args)
	}
	for _, chunk := range g.chunks(4500, 300) {
		args := []string{"ZADD", "lex:big"}
		for _, i := range chunk {
			args = append(args, "0", fmt.Sprintf("w%05d", i))
		}
		bulk(args)
	}
	for _, chunk := range g.chunks(3500, 250) {
		args := []string{"HSET", "big:h"}
		for _, i := range chunk {
			args = append(args, fmt.Sprintf("f%05d", i), fmt.Sprintf("v%d", g.r.IntN(100)))
		}
		bulk(args)
	}
	for _, chunk := range g.chunks(3500, 250) {
		args := []string{"SADD", "big:s"}
		for _, i := range chunk {
			args = append(args, fmt.Sprintf("s%05d", i))
		}
		bulk(args)
	}
	for range 14 {
		args := []string{g.of([]string{"LPUSH", "RPUSH"}), "big:l"}
		for range 250 {
			args = append(args, fmt.Sprintf("e%03d", g.r.IntN(1000)))
		}
		bulk(args)
	}
	g.r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

// chunks cuts a random permutation of 0..n-1 into pieces of size.
func (g *rgen) chunks(n, size int) [][]int {
	perm := g.r.Perm(n)
	var out [][]int
	for len(perm) > 0 {
		k := min(size, len(perm))
		out = append(out, perm[:k])
		perm = perm[k:]
	}
	return out
}

// step emits one random command (or a pick and the read that checks it).
func (g *rgen) step() {
	switch x := g.r.IntN(100); {
	case x < 8:
		g.strings()
	case x < 12:
		g.bitmaps()
	case x < 21:
		g.keyspace()
	case x < 33:
		g.hashes()
	case x < 47:
		g.lists()
	case x < 59:
		g.sets()
	case x < 76:
		g.zsets()
	case x < 90:
		g.bigZset()
	default:
		g.lexZset()
	}
}

func (g *rgen) strings() {
	k := g.key(rndHomeString...)
	switch g.r.IntN(8) {
	case 0, 1:
		args := []string{"SET", k, g.of(rndValues)}
		if g.p(0.3) {
			args = append(args, g.of([]string{"NX", "XX"}))
		}
		if g.p(0.3) {
			args = append(args, "GET")
		}
		if g.p(0.2) {
			args = append(args, g.of([]string{"KEEPTTL", "EX"}))
			if args[len(args)-1] == "EX" {
				args = append(args, "100000")
			}
		}
		g.exact(args...)
	case 2:
		g.exact("GET", k)
	case 3:
		g.exact("INCR", k)
	case 4:
		g.exact(g.of([]string{"INCRBY", "DECRBY"}), k, g.of([]string{"1", "5", "-2", "x"}))
	case 5:
		g.exact("APPEND", k, g.of(rndValues))
	case 6:
		g.exact("STRLEN", k)
	default:
		g.exact("DECR", k)
	}
}

// bitmaps: SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD and BITFIELD_RO on the string
// keys (and now and then any key of the pool, for WRONGTYPE and BITOP's overwrite).
// Offsets stay below a few hundred bits, so the strings stay short.
func (g *rgen) bitmaps() {
	k := g.key(rndHomeString...)
	rangeEnd := func() string { return g.itoa(-12, 12) }
	unit := func(args []string) []string {
		if g.p(0.4) {
			return append(args, g.of([]string{"BIT", "BYTE"}))
		}
		return args
	}
	fieldType := func() string {
		if g.p(0.5) {
			return "i" + g.itoa(1, 64)
		}
		return "u" + g.itoa(1, 63)
	}
	fieldOffset := func() string {
		if g.p(0.2) {
			return "#" + g.itoa(0, 6)
		}
		return g.itoa(0, 120)
	}
	fieldValue := func() string {
		return g.of([]string{g.itoa(-300, 300), g.itoa(-3, 3), "9223372036854775807", "-9223372036854775808", strconv.Itoa(g.r.IntN(1 << 40))})
	}
	switch g.r.IntN(10) {
	case 0, 1:
		g.exact("SETBIT", k, g.itoa(0, 150), g.of([]string{"0", "1", "1"}))
	case 2:
		g.exact("GETBIT", k, g.itoa(0, 160))
	case 3:
		args := []string{"BITCOUNT", k}
		if g.p(0.7) {
			args = unit(append(args, rangeEnd(), rangeEnd()))
		}
		g.exact(args...)
	case 4, 5:
		args := []string{"BITPOS", k, g.of([]string{"0", "1"})}
		switch g.r.IntN(3) {
		case 1:
			args = append(args, rangeEnd())
		case 2:
			args = unit(append(args, rangeEnd(), rangeEnd()))
		}
		g.exact(args...)
	case 6:
		dst := g.key(rndHomeString...)
		srcs := g.keys(3, rndHomeString...)
		op := g.of([]string{"AND", "OR", "XOR", "NOT"})
		if op == "NOT" {
			srcs = srcs[:1]
		}
		g.multi(append([]string{dst}, srcs...), append([]string{"BITOP", op, dst}, srcs...)...)
	default:
		name := "BITFIELD"
		if g.p(0.2) {
			name = "BITFIELD_RO"
		}
		args := []string{name, k}
		for range g.n(1, 4) {
			switch x := g.r.IntN(10); {
			case x < 4 || name == "BITFIELD_RO":
				args = append(args, "GET", fieldType(), fieldOffset())
			case x < 6:
				args = append(args, "SET", fieldType(), fieldOffset(), fieldValue())
			case x < 9:
				args = append(args, "INCRBY", fieldType(), fieldOffset(), fieldValue())
			default:
				args = append(args, "OVERFLOW", g.of([]string{"WRAP", "SAT", "FAIL"}))
			}
		}
		g.exact(args...)
	}
}

// keyspace: DEL, EXISTS, TYPE, expiry, COPY and RENAME. Values move only within the pool,
// from anywhere but the lex keys into big:z2/big:x, and among the lex keys.
func (g *rgen) keyspace() {
	k := g.of(rndPool)
	switch g.r.IntN(12) {
	case 0:
		ks := g.some(rndPool, 2)
		g.multi(ks, append([]string{"DEL"}, ks...)...)
	case 1:
		ks := g.some(rndAllKeys, 3)
		g.multi(ks, append([]string{"EXISTS"}, ks...)...)
	case 2:
		g.exact("TYPE", g.of(rndAllKeys))
	case 3:
		args := []string{"EXPIRE", k, g.of([]string{"100000", "200000"})}
		if g.p(0.4) {
			args = append(args, g.of([]string{"NX", "XX"}))
		}
		if g.p(0.03) {
			args[2] = g.of([]string{"0", "-1"}) // deletes the key
		}
		g.exact(args...)
	case 4:
		// Absolute times far apart, so GT and LT never compare with a clock reading.
		args := []string{"EXPIREAT", k, strconv.Itoa(4102444800 + 1000*g.r.IntN(3))}
		if g.p(0.6) {
			args = append(args, g.of([]string{"NX", "XX", "GT", "LT"}))
		}
		g.exact(args...)
	case 5:
		g.exact("PERSIST", k)
	case 6:
		g.emit(cmpTTL, g.of([]string{"TTL", "PTTL", "EXPIRETIME"}), g.of(rndAllKeys))
	case 7, 8, 9:
		var src, dst string
		switch x := g.r.IntN(10); {
		case x < 6:
			src, dst = k, g.of(rndPool)
		case x < 8:
			src, dst = g.of(append([]string{"big:z", "big:h", "big:s", "big:l", k}, rndBigTmp...)), g.of(rndBigTmp)
		default: // lex:big stays where it is, and big
			src, dst = g.of(rndLex), g.of(rndLex[:3])
		}
		keys := []string{src, dst}
		if g.p(0.5) && !(src == "big:z" || src == "big:h" || src == "big:s" || src == "big:l" || src == "lex:big") {
			g.multi(keys, g.of([]string{"RENAME", "RENAMENX"}), src, dst)
		} else if g.p(0.6) {
			g.multi(keys, "COPY", src, dst, "REPLACE")
		} else {
			g.multi(keys, "COPY", src, dst)
		}
	case 10:
		g.multi(nil, "DBSIZE")
	default:
		g.add(rcmd{args: []string{"KEYS", "*"}, cmp: cmpBag})
	}
}

// hashKey: mostly the pool, sometimes the big hash.
func (g *rgen) hashKey() (key string, field func() string) {
	if g.p(0.2) {
		return "big:h", func() string { return fmt.Sprintf("f%05d", g.r.IntN(4000)) }
	}
	return g.key(rndHomeHash...), func() string { return g.of(rndMembers) }
}

func (g *rgen) hashes() {
	k, f := g.hashKey()
	switch g.r.IntN(16) {
	case 0, 1, 2:
		args := []string{"HSET", k}
		for range g.n(1, 3) {
			args = append(args, f(), g.of(rndValues))
		}
		g.exact(args...)
	case 3:
		args := []string{"HDEL", k}
		for range g.n(1, 3) {
			args = append(args, f())
		}
		g.exact(args...)
	case 4:
		g.exact("HGET", k, f())
	case 5:
		g.exact("HMGET", k, f(), f(), f())
	case 6:
		g.exact("HLEN", k)
	case 7:
		g.exact("HINCRBY", k, f(), g.of([]string{"1", "-2", "5", "x"}))
	case 8:
		if k == "big:h" && g.p(0.8) {
			g.exact("HLEN", k)
			return
		}
		g.emit(cmpPairs, "HGETALL", k)
	case 9:
		g.exact("HEXISTS", k, f())
	case 10:
		g.exact("HSTRLEN", k, f())
	case 11:
		g.emit(cmpBag, g.of([]string{"HKEYS", "HVALS"}), k)
	case 12, 13:
		if k == "big:h" && g.p(0.8) {
			g.exact("HGET", k, f())
			return
		}
		g.randPick("HRANDFIELD", "WITHVALUES", k, []string{"HGETALL", k}, cmpPairs)
	case 14:
		g.add(rcmd{args: []string{"HSCAN", k, "0", "COUNT", "100000"}, keys: []string{k}, cmp: cmpPairs, scan: true})
	default:
		g.exact("HSETNX", k, f(), g.of(rndValues))
	}
}

// randPick emits a random pick on k (no count, or a count with or without withFlag) and
// the read of the whole collection (read, compared with cmp) that checks it.
func (g *rgen) randPick(name, withFlag, k string, read []string, cmp int) {
	args := []string{name, k}
	pairRead := withFlag != "" // HRANDFIELD and ZRANDMEMBER: HGETALL, ZRANGE WITHSCORES
	pk := rpick{single: true, pairRead: pairRead}
	if g.p(0.8) {
		c := g.n(-6, 8)
		if g.p(0.1) {
			c = 100000 // at least the size: the whole collection
		}
		args = append(args, strconv.Itoa(c))
		pk = rpick{distinct: c > 0, pairRead: pairRead}
		if withFlag != "" && g.p(0.5) {
			args = append(args, withFlag)
			pk.withPairs = true
		}
	}
	g.add(rcmd{args: args, keys: []string{k}, cmp: cmpPick, pick: pk})
	g.add(rcmd{args: read, keys: []string{k}, cmp: cmp})
}

func (g *rgen) lists() {
	k, elem := g.key(rndHomeList...), func() string { return g.of(rndMembers) }
	big := g.p(0.2)
	idx := func() string { return g.itoa(-6, 6) }
	if big {
		k, elem = "big:l", func() string { return fmt.Sprintf("e%03d", g.r.IntN(1000)) }
		idx = func() string { return g.itoa(-4000, 4000) }
	}
	switch g.r.IntN(17) {
	case 0, 1, 2:
		args := []string{g.of([]string{"LPUSH", "RPUSH"}), k}
		for range g.n(1, 4) {
			args = append(args, elem())
		}
		g.exact(args...)
	case 3, 4:
		args := []string{g.of([]string{"LPOP", "RPOP"}), k}
		if g.p(0.5) {
			args = append(args, g.itoa(0, 4))
		}
		g.exact(args...)
	case 5:
		if big {
			start := g.n(-3500, 3500)
			g.exact("LRANGE", k, strconv.Itoa(start), strconv.Itoa(start+g.n(-2, 30)))
		} else {
			g.exact("LRANGE", k, idx(), idx())
		}
	case 6:
		g.exact("LINDEX", k, idx())
	case 7:
		g.exact("LSET", k, idx(), elem())
	case 8:
		g.exact("LINSERT", k, g.of([]string{"BEFORE", "AFTER"}), elem(), elem())
	case 9:
		g.exact("LREM", k, g.itoa(-2, 2), elem())
	case 10:
		if big {
			g.exact("LTRIM", k, g.itoa(0, 2), g.itoa(-3, -1))
		} else {
			g.exact("LTRIM", k, idx(), idx())
		}
	case 11, 12:
		args := []string{"LPOS", k, elem()}
		if g.p(0.5) {
			args = append(args, "RANK", g.of([]string{"1", "2", "-1", "-2", "0"}))
		}
		if g.p(0.5) {
			args = append(args, "COUNT", g.itoa(0, 3))
		}
		if g.p(0.3) {
			args = append(args, "MAXLEN", g.itoa(0, 2000))
		}
		g.exact(args...)
	case 13, 14:
		src, dst := k, g.key(rndHomeList...)
		if g.p(0.5) {
			src, dst = dst, src
		}
		g.multi([]string{src, dst}, "LMOVE", src, dst, g.of([]string{"LEFT", "RIGHT"}), g.of([]string{"LEFT", "RIGHT"}))
	case 15:
		g.exact("LLEN", k)
	default:
		g.exact(g.of([]string{"LPUSHX", "RPUSHX"}), k, elem())
	}
}

// setKey: mostly the pool, sometimes the big set.
func (g *rgen) setKey() (string, func() string) {
	if g.p(0.2) {
		return "big:s", func() string { return fmt.Sprintf("s%05d", g.r.IntN(4000)) }
	}
	return g.key(rndHomeSet...), func() string { return g.of(rndMembers) }
}

func (g *rgen) sets() {
	k, m := g.setKey()
	switch g.r.IntN(18) {
	case 0, 1, 2:
		args := []string{"SADD", k}
		for range g.n(1, 4) {
			args = append(args, m())
		}
		g.exact(args...)
	case 3:
		args := []string{"SREM", k}
		for range g.n(1, 3) {
			args = append(args, m())
		}
		g.exact(args...)
	case 4:
		g.exact("SCARD", k)
	case 5:
		g.exact("SISMEMBER", k, m())
	case 6:
		g.exact("SMISMEMBER", k, m(), m(), m())
	case 7:
		src, dst := k, g.key(rndHomeSet...)
		if g.p(0.5) && k != "big:s" {
			src, dst = dst, src
		}
		g.multi([]string{src, dst}, "SMOVE", src, dst, m())
	case 8, 9:
		dst := g.key(rndHomeSet...)
		srcs := g.keys(3, rndHomeSet...)
		if k == "big:s" {
			dst = g.of(rndBigTmp)
			srcs = append(srcs, k)
		}
		op := g.of([]string{"SINTERSTORE", "SUNIONSTORE", "SDIFFSTORE"})
		g.multi(append([]string{dst}, srcs...), append([]string{op, dst}, srcs...)...)
	case 10:
		srcs := append(g.keys(3, rndHomeSet...), k)
		args := append([]string{"SINTERCARD", strconv.Itoa(len(srcs))}, srcs...)
		if g.p(0.5) {
			args = append(args, "LIMIT", g.itoa(0, 3))
		}
		g.multi(srcs, args...)
	case 11:
		if k == "big:s" && g.p(0.8) {
			g.exact("SCARD", k)
			return
		}
		g.emit(cmpBag, "SMEMBERS", k)
	case 12:
		srcs := g.keys(3, rndHomeSet...)
		g.add(rcmd{args: append([]string{g.of([]string{"SINTER", "SUNION", "SDIFF"})}, srcs...), keys: srcs, cmp: cmpBag})
	case 13, 14:
		if k == "big:s" && g.p(0.8) {
			g.exact("SISMEMBER", k, m())
			return
		}
		g.randPick("SRANDMEMBER", "", k, []string{"SMEMBERS", k}, cmpBag)
	case 15:
		if k == "big:s" {
			g.exact("SCARD", k)
			return
		}
		// Only a pop of everything is deterministic.
		g.emit(cmpBag, "SPOP", k, "100000")
	case 16:
		g.add(rcmd{args: []string{"SSCAN", k, "0", "COUNT", "100000"}, keys: []string{k}, cmp: cmpBag, scan: true})
	default:
		g.exact("SPOP", k, "0")
	}
}

// zaddArgs builds ZADD's options: NX/XX, GT/LT, CH, INCR (sometimes an invalid mix).
func (g *rgen) zaddArgs(k string, pairs func() []string, lexOnly bool) []string {
	args := []string{"ZADD", k}
	if g.p(0.3) {
		args = append(args, g.of([]string{"NX", "XX"}))
	}
	if g.p(0.2) && !lexOnly {
		args = append(args, g.of([]string{"GT", "LT"}))
	}
	if g.p(0.3) {
		args = append(args, "CH")
	}
	if g.p(0.15) {
		args = append(args, "INCR")
		args = append(args, pairs()[:2]...)
		if g.p(0.1) {
			args = append(args, pairs()[:2]...)
		}
		return args
	}
	for range g.n(1, 3) {
		args = append(args, pairs()...)
	}
	return args
}

// zrangeArgs builds a ZRANGE-style tail: by rank, BYSCORE or BYLEX, REV, LIMIT, WITHSCORES.
func (g *rgen) zrangeArgs(rank, score, lex func() string, withscores bool) []string {
	var args []string
	kind := g.r.IntN(3)
	if lex == nil && kind == 2 {
		kind = 1
	}
	switch kind {
	case 0:
		args = []string{rank(), rank()}
	case 1:
		args = []string{score(), score(), "BYSCORE"}
	default:
		args = []string{lex(), lex(), "BYLEX"}
	}
	if g.p(0.35) {
		args = append(args, "REV")
	}
	if (kind > 0 && g.p(0.4)) || g.p(0.03) {
		args = append(args, "LIMIT", g.itoa(0, 3), g.itoa(-1, 4))
	}
	if withscores && (kind < 2 || g.p(0.05)) && g.p(0.5) {
		args = append(args, "WITHSCORES")
	}
	return args
}

// zsets: the pool's small sorted sets (at most rndMembers' 19 members, Redis's listpack).
func (g *rgen) zsets() {
	k := g.key(rndHomeZset...)
	m := func() string { return g.of(rndMembers) }
	pair := func() []string { return []string{g.of(rndScores), m()} }
	rank := func() string { return g.itoa(-6, 6) }
	score := func() string { return g.of(rndBounds) }
	lex := func() string { return g.of(rndLexes) }
	switch g.r.IntN(26) {
	case 0, 1, 2, 3:
		g.exact(g.zaddArgs(k, pair, false)...)
	case 4:
		g.exact("ZINCRBY", k, g.of(rndIncrs), m())
	case 5:
		args := []string{"ZREM", k}
		for range g.n(1, 3) {
			args = append(args, m())
		}
		g.exact(args...)
	case 6:
		g.exact("ZSCORE", k, m())
	case 7:
		g.exact("ZMSCORE", k, m(), m(), m())
	case 8:
		g.exact("ZCARD", k)
	case 9:
		g.exact("ZCOUNT", k, score(), score())
	case 10:
		g.exact(g.of([]string{"ZRANK", "ZREVRANK"}), k, m())
	case 11, 12, 13:
		g.exact(append([]string{"ZRANGE", k}, g.zrangeArgs(rank, score, lex, true)...)...)
	case 14:
		g.exact("ZREMRANGEBYRANK", k, rank(), rank())
	case 15:
		g.exact("ZREMRANGEBYSCORE", k, score(), score())
	case 16:
		g.exact("ZREMRANGEBYLEX", k, lex(), lex())
	case 17:
		args := []string{g.of([]string{"ZPOPMIN", "ZPOPMAX"}), k}
		if g.p(0.6) {
			args = append(args, g.itoa(0, 4))
		}
		g.exact(args...)
	case 18:
		dst := g.key(rndHomeZset...)
		g.multi([]string{dst, k}, append([]string{"ZRANGESTORE", dst, k}, g.zrangeArgs(rank, score, lex, false)...)...)
	case 19, 20:
		dst := g.key(rndHomeZset...)
		g.zstore(dst, g.keys(3, append(rndHomeSet, rndHomeZset...)...))
	case 21:
		g.exact("ZLEXCOUNT", k, lex(), lex())
	case 22, 23:
		g.randPick("ZRANDMEMBER", "WITHSCORES", k, []string{"ZRANGE", k, "0", "-1", "WITHSCORES"}, cmpExact)
	case 24:
		g.add(rcmd{args: []string{"ZSCAN", k, "0", "COUNT", "100000"}, keys: []string{k}, cmp: cmpPairs, scan: true})
	default:
		g.exact(g.of([]string{"ZRANGEBYSCORE", "ZREVRANGEBYSCORE"}), k, score(), score(), "WITHSCORES")
	}
}

// zstore emits ZUNIONSTORE or ZINTERSTORE into dst, with WEIGHTS and AGGREGATE at times.
func (g *rgen) zstore(dst string, srcs []string) {
	args := []string{g.of([]string{"ZUNIONSTORE", "ZINTERSTORE"}), dst, strconv.Itoa(len(srcs))}
	args = append(args, srcs...)
	if g.p(0.5) {
		args = append(args, "WEIGHTS")
		for range srcs {
			args = append(args, g.of(rndWeights))
		}
	}
	if g.p(0.5) {
		args = append(args, "AGGREGATE", g.of([]string{"SUM", "MIN", "MAX"}))
	}
	g.multi(append([]string{dst}, srcs...), args...)
}

// bigZset: ranks, offsets and counts in the thousands on big:z (past 5000 members), and on
// big:z2/big:x, which ZRANGESTORE, ZUNIONSTORE and COPY fill from it.
func (g *rgen) bigZset() {
	k := "big:z"
	if g.p(0.2) {
		k = g.of(rndBigTmp)
	}
	m := g.bigMember
	off := func() int { return g.n(0, 6500) }
	switch g.r.IntN(40) {
	case 0, 1, 2, 3, 4:
		g.exact(g.of([]string{"ZRANK", "ZREVRANK"}), k, m())
	case 5, 6, 7, 8:
		start := off()
		if g.p(0.3) {
			start = -start
		}
		args := []string{"ZRANGE", k, strconv.Itoa(start), strconv.Itoa(start + g.n(-1, 15))}
		if g.p(0.3) {
			args = append(args, "REV")
		}
		if g.p(0.5) {
			args = append(args, "WITHSCORES")
		}
		g.exact(args...)
	case 9, 10, 11:
		lo, hi := "-inf", "+inf"
		if g.p(0.5) {
			lo, hi = g.bigBound(), g.bigBound()
		}
		args := []string{"ZRANGE", k, lo, hi, "BYSCORE"}
		if g.p(0.3) {
			args = []string{"ZRANGE", k, hi, lo, "BYSCORE", "REV"}
		}
		args = append(args, "LIMIT", strconv.Itoa(off()), g.itoa(-1, 10))
		if g.p(0.5) {
			args = append(args, "WITHSCORES")
		}
		g.exact(args...)
	case 12:
		g.exact(g.of([]string{"ZREVRANGE", "ZRANGE"}), k, strconv.Itoa(off()), strconv.Itoa(off()%7000+3))
	case 13:
		g.exact(g.of([]string{"ZRANGEBYSCORE", "ZREVRANGEBYSCORE"}), k, g.bigBound(), g.bigBound(), "LIMIT", strconv.Itoa(off()), g.itoa(1, 8))
	case 14, 15, 16:
		g.exact("ZCOUNT", k, g.bigBound(), g.bigBound())
	case 17:
		g.exact("ZSCORE", k, m())
	case 18:
		g.exact("ZMSCORE", k, m(), m(), m())
	case 19, 20, 21, 22:
		g.exact(g.zaddArgs(k, func() []string { return []string{g.bigScore(), m()} }, false)...)
	case 23, 24:
		g.exact("ZINCRBY", k, g.of([]string{"1", "-1", "0.5", "100", "-250", "1000"}), m())
	case 25:
		args := []string{"ZREM", k}
		for range g.n(1, 5) {
			args = append(args, m())
		}
		g.exact(args...)
	case 26:
		start, span := off(), g.n(-1, 10)
		if g.p(0.3) {
			start = -start
		}
		if k != "big:z" && g.p(0.3) {
			span = g.n(500, 3000) // many buckets go at once
		}
		g.exact("ZREMRANGEBYRANK", k, strconv.Itoa(start), strconv.Itoa(start+span))
	case 27:
		s, w := g.r.IntN(1000), 1
		if k != "big:z" && g.p(0.3) {
			w = g.n(100, 400)
		}
		g.exact("ZREMRANGEBYSCORE", k, strconv.Itoa(s), fmt.Sprintf("(%d", s+w))
	case 28:
		if k != "big:z" && g.p(0.2) {
			g.exact(g.of([]string{"ZPOPMIN", "ZPOPMAX"}), k, g.itoa(1000, 2500))
		} else {
			g.exact(g.of([]string{"ZPOPMIN", "ZPOPMAX"}), k, g.itoa(0, 8))
		}
	case 29, 30:
		dst, src := g.of(rndBigTmp), "big:z"
		if g.p(0.3) {
			src = g.of(rndBigTmp)
		}
		if g.p(0.5) {
			start := off()
			g.multi([]string{dst, src}, "ZRANGESTORE", dst, src, strconv.Itoa(start), strconv.Itoa(start+g.n(100, 3000)))
		} else {
			g.multi([]string{dst, src}, "ZRANGESTORE", dst, src, g.bigBound(), g.bigBound(), "BYSCORE", "LIMIT", strconv.Itoa(off()/2), g.itoa(-1, 3000))
		}
	case 31:
		srcs := []string{"big:z", g.of(append(append([]string{}, rndBigTmp...), rndPool...))}
		if g.p(0.3) {
			srcs = append(srcs, g.of(rndPool))
		}
		g.r.Shuffle(len(srcs), func(i, j int) { srcs[i], srcs[j] = srcs[j], srcs[i] })
		g.zstore(g.of(rndBigTmp), srcs)
	case 32:
		dst := g.of(rndBigTmp)
		g.multi([]string{"big:z", dst}, "COPY", "big:z", dst, "REPLACE")
	case 33, 34:
		g.exact("ZCARD", k)
	case 35:
		args := []string{"ZADD", "big:z"}
		for range g.n(100, 300) {
			args = append(args, g.bigScore(), m())
		}
		g.exact(args...)
	case 36:
		if g.p(0.3) {
			g.randPick("ZRANDMEMBER", "WITHSCORES", k, []string{"ZRANGE", k, "0", "-1", "WITHSCORES"}, cmpExact)
		} else {
			g.exact("ZCARD", k)
		}
	case 37:
		if g.p(0.1) {
			g.add(rcmd{args: []string{"ZSCAN", k, "0", "COUNT", "100000"}, keys: []string{k}, cmp: cmpPairs, scan: true})
		} else {
			g.exact("ZRANK", k, m())
		}
	default:
		// A score range narrow enough to end inside one bucket, offset into it.
		s := g.r.IntN(1000)
		g.exact("ZRANGE", k, strconv.Itoa(s), strconv.Itoa(s+g.n(0, 40)), "BYSCORE", "LIMIT", g.itoa(0, 20), g.itoa(1, 5), "WITHSCORES")
	}
}

// lexZset: sorted sets whose scores are all 0, small (lex:a, lex:b, lex:c) and past 4000
// members (lex:big): BYLEX, ZLEXCOUNT, ZREMRANGEBYLEX, and ranks among equal scores.
func (g *rgen) lexZset() {
	k := g.of(rndLex)
	m := func() string { return g.of(rndMembers) }
	bound := func() string { return g.of(rndLexes) }
	big := k == "lex:big"
	if big {
		m = g.lexMember
		bound = func() string {
			switch x := g.r.IntN(10); {
			case x == 0:
				return g.of([]string{"-", "+"})
			case x < 5:
				return "[" + g.lexMember()
			default:
				return "(" + g.lexMember()
			}
		}
	}
	limit := func() []string {
		if big || g.p(0.4) {
			return []string{"LIMIT", g.itoa(0, 4500), g.itoa(-1, 12)}
		}
		return nil
	}
	switch g.r.IntN(20) {
	case 0, 1, 2:
		g.exact(g.zaddArgs(k, func() []string { return []string{"0", m()} }, true)...)
	case 3, 4, 5:
		args := []string{"ZRANGE", k, bound(), bound(), "BYLEX"}
		if g.p(0.4) {
			args = append(args, "REV")
		}
		g.exact(append(args, limit()...)...)
	case 6:
		g.exact(append([]string{g.of([]string{"ZRANGEBYLEX", "ZREVRANGEBYLEX"}), k, bound(), bound()}, limit()...)...)
	case 7, 8:
		g.exact("ZLEXCOUNT", k, bound(), bound())
	case 9:
		if big {
			i := g.r.IntN(5000)
			g.exact("ZREMRANGEBYLEX", k, fmt.Sprintf("[w%05d", i), fmt.Sprintf("(w%05d", i+g.n(0, 12)))
		} else {
			g.exact("ZREMRANGEBYLEX", k, bound(), bound())
		}
	case 10, 11, 12:
		g.exact(g.of([]string{"ZRANK", "ZREVRANK"}), k, m())
	case 13, 14:
		start := g.n(-4500, 4500)
		if !big {
			start = g.n(-6, 6)
		}
		args := []string{"ZRANGE", k, strconv.Itoa(start), strconv.Itoa(start + g.n(-1, 10))}
		if g.p(0.3) {
			args = append(args, "REV")
		}
		g.exact(args...)
	case 15:
		args := []string{"ZREM", k}
		for range g.n(1, 3) {
			args = append(args, m())
		}
		g.exact(args...)
	case 16:
		g.exact(g.of([]string{"ZPOPMIN", "ZPOPMAX"}), k, g.itoa(0, 3))
	case 17:
		dst := g.of(rndLex[:3])
		args := []string{"ZRANGESTORE", dst, k, bound(), bound(), "BYLEX"}
		g.multi([]string{dst, k}, append(args, limit()...)...)
	case 18:
		g.exact("ZCARD", k)
	default:
		g.exact("ZSCORE", k, m())
	}
}

// readBack reads every key whole, whatever its type (the other types' commands reply
// WRONGTYPE, compared too), then the keyspace.
func (g *rgen) readBack() {
	for _, k := range rndAllKeys {
		g.exact("EXISTS", k)
		g.exact("TYPE", k)
		g.emit(cmpTTL, "TTL", k)
		for _, c := range []string{"HLEN", "SCARD", "ZCARD", "LLEN", "STRLEN"} {
			g.exact(c, k)
		}
		g.exact("GET", k)
		g.emit(cmpPairs, "HGETALL", k)
		g.emit(cmpBag, "SMEMBERS", k)
		g.exact("ZRANGE", k, "0", "-1", "WITHSCORES")
		g.exact("LRANGE", k, "0", "-1")
	}
	g.multi(nil, "DBSIZE")
	g.add(rcmd{args: []string{"KEYS", "*"}, cmp: cmpBag})
	// Ranks across the big sorted sets: every 250th offset from both ends, some members'
	// ranks, and score counts.
	for _, k := range []string{"big:z", "big:z2", "big:x", "lex:big"} {
		for off := 0; off < 7000; off += 250 {
			g.exact("ZRANGE", k, strconv.Itoa(off), strconv.Itoa(off+1), "WITHSCORES")
			g.exact("ZRANGE", k, strconv.Itoa(off), strconv.Itoa(off+1), "REV")
		}
		for range 25 {
			m := g.bigMember()
			if k == "lex:big" {
				m = g.lexMember()
			}
			g.exact(g.of([]string{"ZRANK", "ZREVRANK"}), k, m)
		}
		for range 10 {
			g.exact("ZCOUNT", k, g.bigBound(), g.bigBound())
		}
	}
}

// ---------------------------------------------------------------- running and comparing

// runRandomStream sends stream to ours and theirs (Redis) in pipelined chunks and compares
// the replies. It reports the first mismatch (later replies follow from a different state)
// and says whether there was none.
func runRandomStream(t *testing.T, p path, seed uint64, n int, stream []rcmd, ours, theirs *conn) ([]string, bool) {
	t.Helper()
	got := make([]string, 0, len(stream))
	want := make([]string, 0, len(stream))
	for start := 0; start < len(stream); {
		end := min(start+200, len(stream))
		if stream[end-1].cmp == cmpPick && end < len(stream) {
			end++ // a pick and the read that checks it come back together
		}
		var wg sync.WaitGroup
		var gotErr error
		var chunk []string
		wg.Add(1)
		go func() {
			defer wg.Done()
			chunk, gotErr = pipelineRaw(ours, stream[start:end])
		}()
		wantChunk, wantErr := pipelineRaw(theirs, stream[start:end])
		wg.Wait()
		if wantErr != nil {
			t.Fatalf("seed %d: redis-server, commands %d..%d: %v", seed, start, end-1, wantErr)
		}
		if gotErr != nil {
			t.Fatalf("seed %d: %s, commands %d..%d: %v", seed, p.name, start, end-1, gotErr)
		}
		got, want = append(got, chunk...), append(want, wantChunk...)
		for i := start; i < end; i++ {
			if why := compareRandom(stream, got, want, i); why != "" {
				t.Errorf("%s", randomMismatch(strings.SplitN(t.Name(), "/", 2)[0], p, seed, n, stream, got, want, i, why))
				return got, false
			}
		}
		start = end
	}
	return got, true
}

// randomSummary tells what a stream did: how many replies were errors (WRONGTYPE among
// them), and the big collections' sizes at the end.
func randomSummary(stream []rcmd, got []string) string {
	errs, wrongType := 0, 0
	for _, r := range got {
		if strings.HasPrefix(r, "-") {
			errs++
		}
		if strings.HasPrefix(r, "-WRONGTYPE") {
			wrongType++
		}
	}
	sizes := map[string]string{}
	for i, st := range stream {
		if len(st.args) == 2 && strings.HasPrefix(got[i], ":") && got[i] != ":0\r\n" &&
			(st.args[0] == "ZCARD" || st.args[0] == "HLEN" || st.args[0] == "SCARD" || st.args[0] == "LLEN") {
			sizes[st.args[1]] = strings.TrimSpace(got[i][1:]) // the read-back's come last
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d error replies (%d WRONGTYPE); sizes at the end:", errs, wrongType)
	for _, k := range rndAllKeys {
		if v, ok := sizes[k]; ok {
			fmt.Fprintf(&b, " %s=%s", k, v)
		}
	}
	return b.String()
}

// pipelineRaw writes cmds in one go (from a goroutine, so a server that replies while it
// reads cannot deadlock us) and reads one reply per command. It does not fail the test:
// it may run off the test's goroutine.
func pipelineRaw(c *conn, cmds []rcmd) ([]string, error) {
	var buf bytes.Buffer
	for _, cm := range cmds {
		buf.Write(encode(cm.args...))
	}
	werr := make(chan error, 1)
	go func() {
		c.c.SetWriteDeadline(time.Now().Add(ioTimeout))
		_, err := c.c.Write(buf.Bytes())
		werr <- err
	}()
	out := make([]string, 0, len(cmds))
	for range cmds {
		c.c.SetReadDeadline(time.Now().Add(ioTimeout))
		raw, err := readRaw(c.r)
		if err != nil {
			return out, fmt.Errorf("reading reply %d: %v (got %q)", len(out), err, clip(string(raw)))
		}
		out = append(out, string(raw))
	}
	return out, <-werr
}

// compareRandom says why reply i of got (sqlettuce) and want (Redis) disagree, or "".
func compareRandom(stream []rcmd, got, want []string, i int) string {
	st := stream[i]
	a, b := got[i], want[i]
	if st.scan {
		a, b = normScanAll(a), normScanAll(b)
		if !strings.HasPrefix(a, "*1\r\n") && !strings.HasPrefix(a, "-") {
			return "the walk did not end with cursor 0"
		}
	}
	switch st.cmp {
	case cmpTTL:
		a, b = normTTL(a), normTTL(b)
	case cmpBag:
		if sameReply(a, b, true) {
			return ""
		}
		return "different elements (compared in any order)"
	case cmpPairs:
		ra, err1 := parseReply(a)
		rb, err2 := parseReply(b)
		if a == b || (err1 == nil && err2 == nil && canonPairs(ra) == canonPairs(rb)) {
			return ""
		}
		return "different pairs (compared in any order)"
	case cmpPick:
		return comparePick(st.pick, got[i], want[i], got[i+1], want[i+1])
	}
	if a != b {
		return "different bytes"
	}
	return ""
}

// canonPairs is canon, but pairs are a multiset: a flat array of bulks is (first, second)
// pairs; in RESP3 a map's entries, or an array of [name, value] arrays, are too.
func canonPairs(r reply) string {
	if r.null || (r.kind != '*' && r.kind != '%') {
		return canon(r)
	}
	if r.kind == '%' {
		return canon(r)
	}
	flat, isPairs := flatPairs(r)
	allBulk := isPairs && len(flat.arr)%2 == 0
	for _, e := range flat.arr {
		allBulk = allBulk && (e.kind == '$' || e.kind == ',')
	}
	var parts []string
	if allBulk {
		for i := 0; i < len(flat.arr); i += 2 {
			parts = append(parts, canon(flat.arr[i])+"="+canon(flat.arr[i+1]))
		}
		sort.Strings(parts)
	} else {
		for _, e := range r.arr {
			parts = append(parts, canonPairs(e))
		}
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// flatPairs turns a RESP3 pair reply (a map, or an array of [name, value] arrays) into
// the RESP2 shape, a flat array (a set becomes an array too). ok is false when r is an
// array of other things.
func flatPairs(r reply) (flat reply, ok bool) {
	switch r.kind {
	case '%', '~':
		return reply{kind: '*', arr: r.arr}, true
	case '*':
		nested := len(r.arr) > 0
		for _, e := range r.arr {
			nested = nested && e.kind == '*' && len(e.arr) == 2
		}
		if !nested {
			for _, e := range r.arr {
				if e.kind == '*' {
					return r, false
				}
			}
			return r, true
		}
		out := reply{kind: '*'}
		for _, e := range r.arr {
			out.arr = append(out.arr, e.arr...)
		}
		return out, true
	}
	return r, true
}

// comparePick checks a random pick on both sides: the same kind of reply and the same size,
// no repeats for a positive count, and every pick (with its value or score) in the
// collection as that side read it next.
func comparePick(pk rpick, got, want, gotAll, wantAll string) string {
	rg, err1 := parseReply(got)
	rw, err2 := parseReply(want)
	if err1 != nil || err2 != nil || rg.kind != rw.kind || rg.kind == '-' || rg.null != rw.null {
		if got == want {
			return ""
		}
		return "a different kind of reply"
	}
	if len(rg.arr) != len(rw.arr) {
		return fmt.Sprintf("%d picks, Redis made %d", len(rg.arr), len(rw.arr))
	}
	for _, side := range []struct {
		name      string
		pick, all string
	}{{"sqlettuce", got, gotAll}, {"Redis", want, wantAll}} {
		if why := checkPick(pk, side.pick, side.all); why != "" {
			return side.name + ": " + why
		}
	}
	return ""
}

// checkPick checks one side's pick against the collection read right after it (SMEMBERS,
// or HGETALL or ZRANGE 0 -1 WITHSCORES: pairs).
func checkPick(pk rpick, pick, all string) string {
	rp, _ := parseReply(pick)
	ra, err := parseReply(all)
	// RESP3 nests pairs and sends maps and sets: compare in the RESP2 shape.
	rp, _ = flatPairs(rp)
	ra, _ = flatPairs(ra)
	if err != nil || ra.kind != '*' {
		return fmt.Sprintf("the collection's read-back is not an array: %q", clip(all))
	}
	values := map[string]string{} // member -> its value or score ("" in a set)
	step := 1
	if pk.pairRead {
		step = 2
	}
	for i := 0; i+step <= len(ra.arr); i += step {
		values[ra.arr[i].str] = ra.arr[i+step-1].str
	}
	if pk.single {
		if rp.null {
			if len(values) > 0 {
				return "nil from a non-empty collection"
			}
			return ""
		}
		if _, ok := values[rp.str]; !ok {
			return fmt.Sprintf("%q is not in the collection", rp.str)
		}
		return ""
	}
	width := 1
	if pk.withPairs {
		width = 2
	}
	if len(rp.arr)%width != 0 {
		return "an odd number of elements with pairs"
	}
	seen := map[string]bool{}
	for i := 0; i < len(rp.arr); i += width {
		name := rp.arr[i].str
		v, ok := values[name]
		if !ok {
			return fmt.Sprintf("%q is not in the collection", name)
		}
		if width == 2 && rp.arr[i+1].str != v {
			return fmt.Sprintf("%q comes with %q, the collection has %q", name, rp.arr[i+1].str, v)
		}
		if pk.distinct && seen[name] {
			return fmt.Sprintf("%q is picked twice with a positive count", name)
		}
		seen[name] = true
	}
	return ""
}

// randomMismatch describes a mismatch: where, both replies, the recent commands on the
// keys involved, and how to run it again.
func randomMismatch(test string, p path, seed uint64, n int, stream []rcmd, got, want []string, i int, why string) string {
	var b strings.Builder
	st := stream[i]
	fmt.Fprintf(&b, "%s, seed %d: command #%d of %d differs from Redis 7.0.15 (%s)\n  %s\n    redis:     %q\n    sqlettuce: %q\n",
		p.name, seed, i, len(stream), why, fmtArgs(st.args), clip(want[i]), clip(got[i]))
	if st.cmp == cmpPick {
		fmt.Fprintf(&b, "  then #%d %s\n    redis:     %q\n    sqlettuce: %q\n",
			i+1, fmtArgs(stream[i+1].args), clip(want[i+1]), clip(got[i+1]))
	}
	done := map[string]bool{}
	for _, k := range st.keys {
		if done[k] {
			continue
		}
		done[k] = true
		var recent []int
		for j := i - 1; j >= 0 && len(recent) < 20; j-- {
			for _, k2 := range stream[j].keys {
				if k2 == k {
					recent = append(recent, j)
					break
				}
			}
		}
		fmt.Fprintf(&b, "  the last %d commands before it on %q (sqlettuce's reply; Redis's when it differs):\n", len(recent), k)
		for r := len(recent) - 1; r >= 0; r-- {
			j := recent[r]
			fmt.Fprintf(&b, "    #%d %s -> %q", j, fmtArgs(stream[j].args), clip(got[j]))
			if got[j] != want[j] {
				fmt.Fprintf(&b, " (redis %q)", clip(want[j]))
			}
			b.WriteString("\n")
		}
	}
	fmt.Fprintf(&b, "  rerun: SQLETTUCE_RANDOM_SEED=%d SQLETTUCE_RANDOM_COMMANDS=%d go test -count=1 -run '%s/%s$' ./go/e2e/",
		seed, n, test, p.name)
	return b.String()
}

// fmtArgs prints a command, quoted, its long argument lists cut short.
func fmtArgs(args []string) string {
	const max = 12
	var parts []string
	for i, a := range args {
		if i == max {
			parts = append(parts, fmt.Sprintf("...(%d more)", len(args)-max))
			break
		}
		parts = append(parts, strconv.Quote(a))
	}
	return strings.Join(parts, " ")
}
