package goengine

import (
	"database/sql"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"sqlettuce/go/internal/engine"
	"sqlettuce/go/internal/resp"
)

// elementsMismatches lists the keys whose keys.elements is not the number of rows in
// their collection table (0 for strings), or, for a sorted set, not the sum of its
// buckets' counts (zset_buckets, kept by triggers). HLEN, LLEN, SCARD and ZCARD answer
// from keys.elements, and ranks from the buckets, so both must be exact after every
// command.
const elementsMismatches = `
SELECT k.db, k.key, k.type, k.elements,
       CASE k.type
           WHEN 2 THEN (SELECT count(*) FROM lists WHERE key_id = k.id)
           WHEN 3 THEN (SELECT count(*) FROM sets WHERE key_id = k.id)
           WHEN 4 THEN (SELECT count(*) FROM zsets WHERE key_id = k.id)
           WHEN 5 THEN (SELECT count(*) FROM hashes WHERE key_id = k.id)
           ELSE 0 END AS counted,
       (SELECT coalesce(sum(n), 0) FROM zset_buckets WHERE key_id = k.id) AS bucketed
FROM keys AS k
WHERE k.elements <> CASE k.type
          WHEN 2 THEN (SELECT count(*) FROM lists WHERE key_id = k.id)
          WHEN 3 THEN (SELECT count(*) FROM sets WHERE key_id = k.id)
          WHEN 4 THEN (SELECT count(*) FROM zsets WHERE key_id = k.id)
          WHEN 5 THEN (SELECT count(*) FROM hashes WHERE key_id = k.id)
          ELSE 0 END
   OR (k.type = 4 AND (SELECT coalesce(sum(n), 0) FROM zset_buckets WHERE key_id = k.id) <> k.elements)`

// checkElements fails the test for every key elementsMismatches finds in e's database.
// openTest runs it when a test ends, so every engine test checks the counts.
func checkElements(t testing.TB, e *Engine) {
	t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	rows, err := e.writer.c.QueryContext(e.ctx, elementsMismatches)
	if err != nil {
		t.Errorf("element count check: %v", err)
		return
	}
	defer rows.Close()
	for rows.Next() {
		var db, typ, elements, counted, bucketed int64
		var name []byte
		if err := rows.Scan(&db, &name, &typ, &elements, &counted, &bucketed); err != nil {
			t.Errorf("element count check: %v", err)
			return
		}
		t.Errorf("db %d key %q (type %d): keys.elements %d, rows %d, zset buckets %d",
			db, name, typ, elements, counted, bucketed)
	}
	if err := rows.Err(); err != nil {
		t.Errorf("element count check: %v", err)
	}
}

// The writes whose element counts are easy to get wrong: a key that is both source and
// destination, keys created by a move or a store, upserts that add nothing, counts
// copied or carried by COPY and RENAME. The replies are Redis's; openTest's cleanup
// then checks every count against the rows.
func TestElementCounts(t *testing.T) {
	s := newSession(t, openTest(t, ":memory:"))
	bulk := func(v string) string { return "$" + strconv.Itoa(len(v)) + "\r\n" + v + "\r\n" }
	n := func(i int) string { return ":" + strconv.Itoa(i) + "\r\n" }
	run(t, s, []step{
		// lists
		c(n(1), "RPUSH", "l", "a"),
		c(bulk("a"), "LMOVE", "l", "l", "LEFT", "RIGHT"),
		c(n(1), "LLEN", "l"),
		c(n(3), "RPUSH", "l", "b", "c"),
		c(bulk("c"), "LMOVE", "l", "l", "RIGHT", "LEFT"),
		c(n(3), "LLEN", "l"),
		c(bulk("b"), "RPOPLPUSH", "l", "l2"),
		c(n(2), "LLEN", "l"),
		c(n(1), "LLEN", "l2"),
		c(n(3), "LINSERT", "l", "BEFORE", "a", "x"),
		c(n(1), "LREM", "l", "0", "x"),
		c(ok, "LTRIM", "l", "1", "-1"),
		c(n(1), "LLEN", "l"),
		c("*1\r\n"+bulk("a"), "LPOP", "l", "5"),
		c(n(0), "EXISTS", "l"),
		c("*2\r\n"+bulk("l2")+"*1\r\n"+bulk("b"), "LMPOP", "2", "l", "l2", "LEFT", "COUNT", "5"),
		c(n(0), "EXISTS", "l2"),
		// hashes
		c(n(2), "HSET", "h", "a", "1", "b", "2"),
		c(n(1), "HSETNX", "h", "c", "3"),
		c(n(0), "HSETNX", "h", "c", "4"),
		c(n(5), "HINCRBY", "h", "d", "5"),
		c(bulk("1.5"), "HINCRBYFLOAT", "h", "e", "1.5"),
		c(n(2), "HINCRBY", "h", "a", "1"),
		c(ok, "HMSET", "h", "a", "1", "f", "6"),
		c(n(6), "HLEN", "h"),
		c(n(1), "HDEL", "h", "a", "x"),
		c(n(5), "HLEN", "h"),
		c(n(1), "HINCRBY", "hn", "f", "1"),
		c(n(1), "HLEN", "hn"),
		c(n(1), "HSETNX", "hn2", "f", "v"),
		c(n(1), "HLEN", "hn2"),
		c(n(1), "COPY", "h", "hc"),
		c(n(5), "HLEN", "hc"),
		c(ok, "RENAME", "hc", "hn"),
		c(n(5), "HLEN", "hn"),
		c(n(1), "COPY", "hn", "hn", "DB", "1"),
		c(n(2), "HDEL", "hn", "b", "c"),
		c(n(3), "HLEN", "hn"),
		// sets
		c(n(3), "SADD", "s", "a", "b", "c"),
		c(n(1), "SADD", "s", "a", "d"),
		c(n(1), "SMOVE", "s", "s", "a"),
		c(n(4), "SCARD", "s"),
		c(n(1), "SMOVE", "s", "t", "a"),
		c(n(3), "SCARD", "s"),
		c(n(1), "SCARD", "t"),
		c(n(1), "SMOVE", "t", "s", "a"),
		c(n(0), "EXISTS", "t"),
		c(n(1), "SREM", "s", "d", "x"),
		c(n(3), "SINTERSTORE", "s", "s"),
		c(n(3), "SCARD", "s"),
		c(n(3), "SUNIONSTORE", "u", "s", "t", "hn2x", "s"),
		c(n(4), "SADD", "t", "a", "x", "y", "z"),
		c(n(2), "SDIFFSTORE", "d", "s", "t"),
		c(n(2), "SCARD", "d"),
		c(n(0), "SDIFFSTORE", "d", "s", "s"),
		c(n(0), "EXISTS", "d"),
		c(n(3), "SCARD", "s"),
		// sorted sets
		c(n(2), "ZADD", "z", "1", "a", "2", "b"),
		c(bulk("5"), "ZADD", "z", "INCR", "5", "c"),
		c(n(0), "ZADD", "z", "XX", "3", "a"),
		c(n(1), "ZADD", "z", "NX", "9", "a", "4", "d"),
		c(n(1), "ZADD", "z", "GT", "CH", "10", "a", "0", "b"),
		c(n(0), "ZADD", "z", "LT", "11", "a", "1", "a"),
		c(bulk("1"), "ZINCRBY", "z", "1", "e"),
		c(n(5), "ZCARD", "z"),
		c(n(5), "ZUNIONSTORE", "z", "1", "z"),
		c(n(5), "ZCARD", "z"),
		c(n(2), "ZRANGESTORE", "z2", "z", "0", "1"),
		c(n(2), "ZCARD", "z2"),
		c(n(3), "ZRANGESTORE", "z", "z", "0", "2"),
		c(n(3), "ZCARD", "z"),
		c(n(2), "ZINTERSTORE", "zi", "2", "z", "z2", "WEIGHTS", "1", "0"),
		c(n(1), "ZDIFFSTORE", "zd", "2", "z", "zi"),
		c(n(2), "ZADD", "zd", "4", "d", "3", "x"),
		c(n(3), "ZCARD", "zd"),
		c("*2\r\n"+bulk("a")+bulk("1"), "ZPOPMIN", "z"),
		c(n(2), "ZCARD", "z"),
		c(n(1), "ZREMRANGEBYRANK", "z", "0", "0"),
		c(n(1), "ZREMRANGEBYSCORE", "z", "-inf", "+inf"),
		c(n(0), "EXISTS", "z"),
		c(n(1), "ZREM", "z2", "a", "x"),
		c(n(1), "ZREMRANGEBYLEX", "z2", "-", "+"),
		c(n(0), "EXISTS", "z2"),
		c(n(1), "COPY", "zd", "zc"),
		c(n(3), "ZCARD", "zc"),
		c("*2\r\n"+bulk("zc")+"*2\r\n*2\r\n"+bulk("d")+bulk("4")+"*2\r\n"+bulk("x")+bulk("3"),
			"ZMPOP", "1", "zc", "MAX", "COUNT", "2"),
		c(n(1), "ZCARD", "zc"),
		c(n(3), "ZCARD", "zd"),
	})
}

// bigZset is a brute-force model of a sorted set: members in (score, member) order.
type bigZset []scored

func (z bigZset) rank(member string) int {
	return slices.IndexFunc(z, func(s scored) bool { return string(s.Member) == member })
}

func (z *bigZset) remove(member string) {
	if i := z.rank(member); i >= 0 {
		*z = slices.Delete(*z, i, i+1)
	}
}

// rangeReply is ZRANGE key start stop [REV] [WITHSCORES] computed on the model.
func (z bigZset) rangeReply(start, stop int, rev, withScores bool) string {
	n := len(z)
	if start < 0 {
		start += n
	}
	if stop < 0 {
		stop += n
	}
	start = max(start, 0)
	var rows []scored
	if start <= stop && start < n {
		stop = min(stop, n-1)
		for i := start; i <= stop; i++ {
			j := i
			if rev {
				j = n - 1 - i
			}
			rows = append(rows, z[j])
		}
	}
	return string(resp.Append(nil, scoredReply(rows, withScores)))
}

// A sorted set far past one bucket (2048 members): ranks and rank ranges through the
// buckets must agree with a sorted slice, in both directions, after inserts in random
// order (bucket splits) and random removals (buckets emptying and dropping).
func TestZsetBuckets(t *testing.T) {
	e := openTest(t, ":memory:")
	s := newSession(t, e)
	rng := rand.New(rand.NewPCG(1, 2))
	var model bigZset
	args := []string{"ZADD", "z"}
	for i := range 6000 {
		// Few distinct scores: ties order by member, and a bucket bound may sit inside a
		// run of equal scores.
		score := float64(rng.IntN(400)) / 4
		member := fmt.Sprintf("m%05d", rng.IntN(1_000_000)*10+i%10)
		if model.rank(member) >= 0 {
			continue
		}
		model = append(model, scored{[]byte(member), score})
		args = append(args, strconv.FormatFloat(score, 'f', -1, 64), member)
		if len(args) == 2+2*500 {
			mustExec(t, s, args...)
			args = args[:2]
		}
	}
	if len(args) > 2 {
		mustExec(t, s, args...)
	}
	sortModel(model)
	if b := zsetBuckets(t, e, "z"); b < 3 {
		t.Fatalf("%d members in %d buckets: the test needs splits", len(model), b)
	}
	t.Logf("%d members in %d buckets", len(model), zsetBuckets(t, e, "z"))
	checkZsetModel(t, s, model, rng)

	// ZREM a random tenth, ZREMRANGEBYRANK a middle stretch, ZPOPMIN a run.
	for range len(model) / 10 {
		m := string(model[rng.IntN(len(model))].Member)
		model.remove(m)
		mustExec(t, s, "ZREM", "z", m)
	}
	from := rng.IntN(len(model) / 2)
	mustExec(t, s, "ZREMRANGEBYRANK", "z", strconv.Itoa(from), strconv.Itoa(from+1000))
	model = slices.Delete(model, from, from+1001)
	mustExec(t, s, "ZPOPMIN", "z", "300")
	model = model[300:]
	mustExec(t, s, "ZPOPMAX", "z", "200")
	model = model[:len(model)-200]
	if len(model) < bucketOffset+1000 {
		t.Fatalf("%d members left: the large offsets would not be tested", len(model))
	}
	checkZsetModel(t, s, model, rng)
	t.Logf("%d members in %d buckets", len(model), zsetBuckets(t, e, "z"))
}

// zsetBuckets is how many buckets sorted set name (db 0) has in zset_buckets.
func zsetBuckets(t *testing.T, e *Engine, name string) int {
	t.Helper()
	e.mu.Lock()
	defer e.mu.Unlock()
	var n int
	err := e.writer.c.QueryRowContext(e.ctx, `SELECT count(*) FROM zset_buckets
		WHERE key_id = (SELECT id FROM keys WHERE db = 0 AND key = CAST(? AS BLOB))`, name).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func sortModel(z bigZset) {
	slices.SortFunc(z, func(a, b scored) int {
		switch {
		case a.Score < b.Score:
			return -1
		case a.Score > b.Score:
			return 1
		}
		return strings.Compare(string(a.Member), string(b.Member))
	})
}

// checkZsetModel compares ZCARD, ZRANK/ZREVRANK of sampled members, and ZRANGE windows
// at sampled offsets (both directions, negative indexes, WITHSCORES) with the model.
func checkZsetModel(t *testing.T, s engine.Session, model bigZset, rng *rand.Rand) {
	t.Helper()
	n := len(model)
	expect(t, s, ":"+strconv.Itoa(n)+"\r\n", "ZCARD", "z")
	for range 200 {
		i := rng.IntN(n)
		m := string(model[i].Member)
		expect(t, s, ":"+strconv.Itoa(i)+"\r\n", "ZRANK", "z", m)
		expect(t, s, ":"+strconv.Itoa(n-1-i)+"\r\n", "ZREVRANK", "z", m)
	}
	offsets := []int{0, 1, 2047, 2048, 2049, 3071, 4095, 4096, n - 2049, n - 2048, n - 1, n, n + 5}
	for range 40 {
		offsets = append(offsets, rng.IntN(n))
	}
	for _, start := range offsets {
		if start < 0 {
			continue
		}
		stop := start + rng.IntN(30)
		for _, rev := range []bool{false, true} {
			withScores := rng.IntN(2) == 0
			argv := []string{"ZRANGE", "z", strconv.Itoa(start), strconv.Itoa(stop)}
			neg := []string{"ZRANGE", "z", strconv.Itoa(start - n), strconv.Itoa(stop - n)}
			if rev {
				argv = append(argv, "REV")
				neg = append(neg, "REV")
			}
			if withScores {
				argv = append(argv, "WITHSCORES")
				neg = append(neg, "WITHSCORES")
			}
			want := model.rangeReply(start, stop, rev, withScores)
			expect(t, s, want, argv...)
			if stop < n {
				expect(t, s, want, neg...)
			}
		}
	}
	// ZREVRANGE is the rank path too, and the whole set both ways.
	expect(t, s, model.rangeReply(n-100, n+10, true, false), "ZREVRANGE", "z", strconv.Itoa(n-100), strconv.Itoa(n+10))
	expect(t, s, model.rangeReply(0, -1, false, true), "ZRANGE", "z", "0", "-1", "WITHSCORES")
	expect(t, s, model.rangeReply(0, -1, true, false), "ZRANGE", "z", "0", "-1", "REV")
}

// expect runs one command and checks its exact reply.
func expect(t *testing.T, s engine.Session, want string, argv ...string) {
	t.Helper()
	if got := execOne(t, s, argv...); got != want {
		t.Errorf("%.80q\n got %.300q\nwant %.300q", argv, got, want)
	}
}

// mustExec runs one command that must not fail.
func mustExec(t *testing.T, s engine.Session, argv ...string) {
	t.Helper()
	if got := execOne(t, s, argv...); strings.HasPrefix(got, "-") {
		t.Fatalf("%.80q: %s", argv, got)
	}
}

func execOne(t *testing.T, s engine.Session, argv ...string) string {
	t.Helper()
	res, err := execAll(s, []byte(enc(argv...)))
	if err != nil {
		t.Fatalf("%.80q: %v", argv, err)
	}
	return string(res.Replies)
}

// oldSchema is the part of sql/schema.sql from before keys.elements and zset_buckets that
// the migration reads: a file written then has these tables and no others.
var oldSchema = []string{
	`CREATE TABLE keys (db INTEGER NOT NULL, key BLOB NOT NULL, id INTEGER NOT NULL UNIQUE,
		type INTEGER NOT NULL, value BLOB, expire_at INTEGER, version INTEGER NOT NULL DEFAULT 0,
		PRIMARY KEY (db, key)) STRICT, WITHOUT ROWID`,
	`CREATE TABLE hashes (key_id INTEGER NOT NULL REFERENCES keys (id) ON DELETE CASCADE,
		field BLOB NOT NULL, value BLOB NOT NULL, PRIMARY KEY (key_id, field)) STRICT, WITHOUT ROWID`,
	`CREATE TABLE lists (key_id INTEGER NOT NULL REFERENCES keys (id) ON DELETE CASCADE,
		pos INTEGER NOT NULL, elem BLOB NOT NULL, PRIMARY KEY (key_id, pos)) STRICT, WITHOUT ROWID`,
	`CREATE TABLE sets (key_id INTEGER NOT NULL REFERENCES keys (id) ON DELETE CASCADE,
		member BLOB NOT NULL, PRIMARY KEY (key_id, member)) STRICT, WITHOUT ROWID`,
	`CREATE TABLE zsets (key_id INTEGER NOT NULL REFERENCES keys (id) ON DELETE CASCADE,
		member BLOB NOT NULL, score REAL NOT NULL, PRIMARY KEY (key_id, member)) STRICT, WITHOUT ROWID`,
	`CREATE INDEX zsets_by_score ON zsets (key_id, score, member)`,
	`INSERT INTO keys (db, key, id, type, value) VALUES (0, x'73', 1, 1, x'76'),
		(0, x'68', 2, 5, NULL), (0, x'6c', 3, 2, NULL), (0, x'53', 4, 3, NULL), (0, x'7a', 5, 4, NULL)`,
	`INSERT INTO hashes VALUES (2, x'61', x'31'), (2, x'62', x'32')`,
	`INSERT INTO lists VALUES (3, 0, x'61'), (3, 1, x'62'), (3, 2, x'63')`,
	`INSERT INTO sets VALUES (4, x'61')`,
	`WITH RECURSIVE i(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM i WHERE n < 2999)
	 INSERT INTO zsets SELECT 5, CAST(printf('m%04d', n) AS BLOB), n % 7 FROM i`,
}

// A file from before keys.elements opens with every count filled in and the sorted
// set's buckets built, so the counts, ranks and later writes are right at once.
func TestMigrateOldFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	db, err := sql.Open(driverName, path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range oldSchema {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	e := openTest(t, path)
	if b := zsetBuckets(t, e, "z"); b != 3 {
		t.Errorf("3000 members in %d buckets, want 3", b)
	}
	s := newSession(t, e)
	run(t, s, []step{
		c(":2\r\n", "HLEN", "h"),
		c(":3\r\n", "LLEN", "l"),
		c(":1\r\n", "SCARD", "S"),
		c(":3000\r\n", "ZCARD", "z"),
		// m2999 scores 2999 % 7 = 3: after every member scoring 0..2 (3 * 429) and the
		// 428 others scoring 3 (m0003..m2992), before the 1284 scoring 4..6.
		c(":1715\r\n", "ZRANK", "z", "m2999"),
		c(":1284\r\n", "ZREVRANK", "z", "m2999"),
		c(":4\r\n", "RPUSH", "l", "d"),
		c(":1\r\n", "ZADD", "z", "1", "new"),
		c(":3001\r\n", "ZCARD", "z"),
		c(":858\r\n", "ZRANK", "z", "new"), // after every m at scores 0 and 1
	})
}
