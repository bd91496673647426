package goengine

import (
	"strconv"
	"strings"
	"time"

	"sqlettuce/go/internal/resp"
)

// OBJECT ENCODING, FREQ, IDLETIME, REFCOUNT and HELP, MEMORY USAGE, DEBUG SLEEP and WAIT.
// sqlettuce stores every value in SQLite rows, so ENCODING names what Redis 7.0 would use
// for the same value, from the same size thresholds (the CONFIG encoding settings); see
// docs/engine-contract.md.

// shape is what OBJECT ENCODING and MEMORY USAGE need of a collection's rows.
type shape struct {
	longest, bytes, nonIntegers int64
}

func (c *cmd) shape(k key) (shape, error) {
	switch k.Type {
	case typeHash:
		r, err := c.q.HashShape(c.ctx, k.ID)
		return shape{longest: r.Longest, bytes: r.Bytes}, err
	case typeSet:
		r, err := c.q.SetShape(c.ctx, k.ID)
		return shape{bytes: r.Bytes, nonIntegers: r.NonIntegers}, err
	case typeZset:
		r, err := c.q.ZsetShape(c.ctx, k.ID)
		return shape{longest: r.Longest, bytes: r.Bytes}, err
	case typeList:
		n, err := c.q.ListShape(c.ctx, k.ID)
		return shape{bytes: n}, err
	}
	return shape{}, nil
}

// encoding is Redis 7.0's encoding for a value like k's.
func (c *cmd) encoding(k key) (string, error) {
	cfg := c.e.config
	switch k.Type {
	case typeString:
		if _, err := parseInt(k.Value); err == nil && len(k.Value) <= 20 {
			return "int", nil
		}
		if len(k.Value) <= 44 {
			return "embstr", nil
		}
		return "raw", nil
	case typeList:
		return "quicklist", nil // 7.0 keeps every list in a quicklist
	}
	s, err := c.shape(k)
	if err != nil {
		return "", err
	}
	switch k.Type {
	case typeHash:
		if k.Elements <= cfg.int("hash-max-listpack-entries") && s.longest <= cfg.int("hash-max-listpack-value") {
			return "listpack", nil
		}
		return "hashtable", nil
	case typeSet:
		if s.nonIntegers == 0 && k.Elements <= cfg.int("set-max-intset-entries") {
			return "intset", nil
		}
		return "hashtable", nil
	}
	if k.Elements <= cfg.int("zset-max-listpack-entries") && s.longest <= cfg.int("zset-max-listpack-value") {
		return "listpack", nil
	}
	return "skiplist", nil
}

// OBJECT ENCODING returns the internal representation of a key's value.
// OBJECT ENCODING key
// https://redis.io/commands/object-encoding
func cmdObjectEncoding(c *cmd) (resp.Value, error) {
	k, err := c.lookup(c.argv[2])
	if err != nil || !k.ok {
		return resp.Null(), err
	}
	enc, err := c.encoding(k)
	return resp.BulkString(enc), err
}

// OBJECT FREQ returns a key's LFU access counter (only under an LFU maxmemory-policy).
// No access counting here: every key reads as never accessed since it was loaded.
// OBJECT FREQ key
// https://redis.io/commands/object-freq
func cmdObjectFreq(c *cmd) (resp.Value, error) {
	k, err := c.lookup(c.argv[2])
	if err != nil || !k.ok {
		return resp.Null(), err
	}
	if !strings.HasSuffix(c.e.config.get("maxmemory-policy"), "lfu") {
		return resp.Value{}, errLFUNotSelected
	}
	return resp.Int(0), nil
}

// OBJECT IDLETIME returns the seconds since a key was last accessed: sqlettuce keeps no
// access times, so 0, as for a key just touched.
// OBJECT IDLETIME key
// https://redis.io/commands/object-idletime
func cmdObjectIdletime(c *cmd) (resp.Value, error) {
	k, err := c.lookup(c.argv[2])
	if err != nil || !k.ok {
		return resp.Null(), err
	}
	if strings.HasSuffix(c.e.config.get("maxmemory-policy"), "lfu") {
		return resp.Value{}, errLFUSelected
	}
	return resp.Int(0), nil
}

// OBJECT REFCOUNT returns the reference count of a key's value.
// OBJECT REFCOUNT key
// https://redis.io/commands/object-refcount
func cmdObjectRefcount(c *cmd) (resp.Value, error) {
	k, err := c.lookup(c.argv[2])
	if err != nil || !k.ok {
		return resp.Null(), err
	}
	return resp.Int(1), nil
}

// MEMORY USAGE estimates the bytes a key and its value take, in Redis's terms
// (docs/engine-contract.md): a key's fixed overhead plus its bytes, plus per-element
// overhead for collections; never the SQLite pages.
// MEMORY USAGE key [SAMPLES count]
// https://redis.io/commands/memory-usage
func cmdMemoryUsage(c *cmd) (resp.Value, error) {
	switch {
	case len(c.argv) == 3:
	case len(c.argv) == 5 && equalFold(c.argv[3], "samples"):
		if _, err := parseInt(c.argv[4]); err != nil {
			return resp.Value{}, errNotInteger
		}
	default:
		return resp.Value{}, errSyntax
	}
	k, err := c.peek(c.argv[2]) // Redis finds it without lookupKeyRead: not counted
	if err != nil || !k.ok {
		return resp.Null(), err
	}
	s, err := c.shape(k)
	if err != nil {
		return resp.Value{}, err
	}
	perElement := map[int64]int64{typeString: 0, typeList: 11, typeSet: 24, typeHash: 24, typeZset: 32}[k.Type]
	n := 56 + int64(len(c.argv[2])) + int64(len(k.Value)) + s.bytes + perElement*k.Elements
	return resp.Int((n + 7) / 8 * 8), nil
}

// DEBUG SLEEP pauses this connection (Redis would pause every client; test suites use
// DEBUG SLEEP 0 to check the server answers); DEBUG HELP says so. Other DEBUG
// subcommands are not served.
// DEBUG subcommand [argument ...]
// https://redis.io/commands/debug
func cmdDebug(c *cmd) (resp.Value, error) {
	if equalFold(c.argv[1], "help") && len(c.argv) == 2 {
		return cmdHelp(c)
	}
	if equalFold(c.argv[1], "sleep") && len(c.argv) == 3 {
		// strtod: what does not parse sleeps 0, like Redis's atof.
		secs, err := strconv.ParseFloat(strings.TrimSpace(string(c.argv[2])), 64)
		if err == nil && secs > 0 {
			time.Sleep(time.Duration(min(secs, 3600) * float64(time.Second)))
		}
		return resp.OK(), nil
	}
	return resp.Value{}, errDebugSubcommand(c.argv[1])
}

// WAIT blocks until writes reached numreplicas replicas: sqlettuce has none, and every
// write is durable in the SQLite file when its reply leaves, so WAIT answers 0 at once.
// WAIT numreplicas timeout
// https://redis.io/commands/wait
func cmdWait(c *cmd) (resp.Value, error) {
	if _, err := parseInt(c.argv[1]); err != nil {
		return resp.Value{}, errNotInteger
	}
	t, err := parseInt(c.argv[2])
	if err != nil {
		return resp.Value{}, errTimeoutNotInt
	}
	if t < 0 {
		return resp.Value{}, errTimeoutNegative
	}
	return resp.Int(0), nil
}
