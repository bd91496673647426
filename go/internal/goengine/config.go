package goengine

import (
	"os"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"sqlettuce/go/internal/resp"
)

// The settings CONFIG GET and CONFIG SET serve: the ones clients and test suites read or
// change. Most are stored and reported only (no eviction, no RDB, no listpacks);
// requirepass turns authentication on and the encoding thresholds decide what OBJECT
// ENCODING reports. The Rust engine keeps the same table (rust/src/config.rs).

// paramKind is how a parameter's new value is checked, with Redis's reasons for refusing.
type paramKind int

const (
	kindBool paramKind = iota
	kindInt
	kindMemory
	kindMemoryAtLeast // a memory size of at least min bytes (the protocol limits)
	kindOutputLimits  // client-output-buffer-limit: a SET changes only the classes it names
	kindEnum
	kindText
	kindSave
	kindEvents
	kindImmutable
	kindProtected
)

type param struct {
	name, alias string // alias: the old name Redis still accepts ("" for none)
	kind        paramKind
	min, max    int64    // kindInt; min for kindMemoryAtLeast
	words       []string // kindEnum
	def         string
}

const (
	maxInt64  = int64(9223372036854775807)
	maxUint32 = int64(4294967295)
	maxInt32  = int64(2147483647)
)

var policies = []string{"volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl",
	"allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"}

func intParam(name string, min, max int64, def string) param {
	return param{name: name, kind: kindInt, min: min, max: max, def: def}
}

func kindParam(name string, k paramKind, def string) param {
	return param{name: name, kind: k, def: def}
}

func aliasInt(name, alias string, min, max int64, def string) param {
	return param{name: name, alias: alias, kind: kindInt, min: min, max: max, def: def}
}

// params lists every parameter in the order CONFIG GET replies them.
var params = []param{
	kindParam("save", kindSave, ""),
	kindParam("appendonly", kindBool, "no"),
	{name: "appendfsync", kind: kindEnum, words: []string{"everysec", "always", "no"}, def: "everysec"},
	kindParam("databases", kindImmutable, "16"),
	kindParam("port", kindImmutable, "6379"),
	kindParam("bind", kindImmutable, "127.0.0.1"),
	intParam("maxclients", 1, maxUint32, "10000"),
	intParam("timeout", 0, maxInt32, "0"),
	kindParam("requirepass", kindText, ""),
	kindParam("maxmemory", kindMemory, "0"),
	{name: "maxmemory-policy", kind: kindEnum, words: policies, def: "noeviction"},
	intParam("maxmemory-samples", 1, maxInt32, "5"),
	kindParam("notify-keyspace-events", kindEvents, ""),
	// Debian's redis-server 7.0.15 (the oracle) reports 512, not upstream's 128.
	aliasInt("hash-max-listpack-entries", "hash-max-ziplist-entries", 0, maxInt64, "512"),
	aliasInt("hash-max-listpack-value", "hash-max-ziplist-value", 0, maxInt64, "64"),
	aliasInt("list-max-listpack-size", "list-max-ziplist-size", -maxInt32-1, maxInt32, "-2"),
	intParam("list-compress-depth", 0, maxInt32, "0"),
	intParam("set-max-intset-entries", 0, maxInt64, "512"),
	aliasInt("zset-max-listpack-entries", "zset-max-ziplist-entries", 0, maxInt64, "128"),
	aliasInt("zset-max-listpack-value", "zset-max-ziplist-value", 0, maxInt64, "64"),
	aliasInt("busy-reply-threshold", "lua-time-limit", 0, maxInt64, "5000"),
	intParam("slowlog-log-slower-than", -1, maxInt64, "10000"),
	intParam("slowlog-max-len", 0, maxInt64, "128"),
	intParam("latency-monitor-threshold", 0, maxInt64, "0"),
	kindParam("latency-tracking", kindBool, "yes"),
	kindParam("latency-tracking-info-percentiles", kindText, "50 99 99.9"),
	{name: "loglevel", kind: kindEnum, words: []string{"debug", "verbose", "notice", "warning", "nothing"}, def: "notice"},
	intParam("hz", 0, maxInt32, "10"),
	intParam("tcp-keepalive", 0, maxInt32, "300"),
	intParam("lfu-log-factor", 0, maxInt32, "10"),
	intParam("lfu-decay-time", 0, maxInt32, "1"),
	kindParam("lazyfree-lazy-eviction", kindBool, "no"),
	kindParam("lazyfree-lazy-expire", kindBool, "no"),
	kindParam("lazyfree-lazy-server-del", kindBool, "no"),
	kindParam("lazyfree-lazy-user-del", kindBool, "no"),
	kindParam("lazyfree-lazy-user-flush", kindBool, "no"),
	kindParam("activerehashing", kindBool, "yes"),
	kindParam("activedefrag", kindBool, "no"),
	kindParam("stop-writes-on-bgsave-error", kindBool, "yes"),
	kindParam("rdbcompression", kindBool, "yes"),
	kindParam("appendfilename", kindImmutable, "appendonly.aof"),
	{name: "proto-max-bulk-len", kind: kindMemoryAtLeast, min: 1 << 20, def: "536870912"},
	{name: "client-query-buffer-limit", kind: kindMemoryAtLeast, min: 1 << 20, def: "1073741824"},
	kindParam("client-output-buffer-limit", kindOutputLimits,
		"normal 0 0 0 slave 268435456 67108864 60 pubsub 33554432 8388608 60"),
	kindParam("maxmemory-clients", kindMemory, "0"),
	kindParam("replica-read-only", kindBool, "yes"),
	kindParam("io-threads", kindImmutable, "1"),
	kindParam("cluster-enabled", kindImmutable, "no"),
	kindParam("protected-mode", kindBool, "yes"),
	kindParam("dir", kindProtected, ""),
	kindParam("dbfilename", kindProtected, "dump.rdb"),
}

// config is the live settings, shared by every session.
type config struct {
	mu     sync.RWMutex
	values []string
	// authRequired: requirepass is not empty. Read for every command, so kept apart.
	authRequired atomic.Bool
	// protoMaxBulkLen, read by the parser for every argument: kept apart too.
	protoMaxBulkLen atomic.Int64
}

// sqliteMaxLength is SQLite's SQLITE_MAX_LENGTH as go-sqlite3 compiles it (the
// default): no string or blob, and no row, may be longer.
const sqliteMaxLength = 1_000_000_000

// maxStringLen is the longest string APPEND, SETRANGE, SETBIT and BITFIELD may make:
// proto-max-bulk-len, but never past what SQLite can store in one value. Raising
// proto-max-bulk-len past that would otherwise let SETBIT allocate gigabytes only to
// fail at the write (or crash on a failed allocation), where Redis's own limit error is
// the useful answer.
func (c *config) maxStringLen() int64 {
	return min(c.protoMaxBulkLen.Load(), sqliteMaxLength)
}

func newConfig(port int, bind string) *config {
	c := &config{values: make([]string, len(params))}
	c.protoMaxBulkLen.Store(resp.DefaultMaxBulkLen)
	for i, p := range params {
		switch p.name {
		case "port":
			c.values[i] = strconv.Itoa(port)
		case "bind":
			c.values[i] = bind
		case "dir":
			c.values[i], _ = os.Getwd()
		default:
			c.values[i] = p.def
		}
	}
	return c
}

func findParam(name []byte) int {
	for i, p := range params {
		if equalFold(name, p.name) || (p.alias != "" && equalFold(name, p.alias)) {
			return i
		}
	}
	return -1
}

// get is a parameter's value by name or alias.
func (c *config) get(name string) string {
	i := findParam([]byte(name))
	if i < 0 {
		return ""
	}
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.values[i]
}

// int is an integer parameter's value (the encoding thresholds).
func (c *config) int(name string) int64 {
	n, _ := strconv.ParseInt(c.get(name), 10, 64)
	return n
}

// isPlain: a pattern without [*? names one parameter, and Redis echoes the name as the
// client spelled it.
func isPlain(pat []byte) bool {
	for _, ch := range pat {
		switch ch {
		case '*', '?', '[':
			return false
		}
	}
	return true
}

// matching is CONFIG GET's (name, value) list, in table order; a name and its alias are
// separate entries.
func (c *config) matching(patterns [][]byte) []string {
	c.mu.RLock()
	defer c.mu.RUnlock()
	var out []string
	for i, p := range params {
		for _, name := range []string{p.name, p.alias} {
			if name == "" {
				continue
			}
			for _, pat := range patterns {
				plain := isPlain(pat)
				if (plain && equalFold(pat, name)) || (!plain && globMatch(pat, []byte(name), true)) {
					shown := name
					if plain {
						shown = string(pat)
					}
					out = append(out, shown, c.values[i])
					break
				}
			}
		}
	}
	return out
}

// parseMemory is memtoull: digits and an optional unit (k 1000, kb 1024, m, mb, g, gb).
func parseMemory(v []byte) (int64, bool) {
	s := strings.ToLower(string(v))
	digits := strings.TrimRightFunc(s, func(r rune) bool { return r >= 'a' && r <= 'z' })
	mul := map[string]int64{"": 1, "b": 1, "k": 1000, "kb": 1024, "m": 1000 * 1000,
		"mb": 1024 * 1024, "g": 1000 * 1000 * 1000, "gb": 1024 * 1024 * 1024}[s[len(digits):]]
	if mul == 0 || digits == "" || strings.TrimLeft(digits, "0123456789") != "" {
		return 0, false
	}
	n, err := strconv.ParseInt(digits, 10, 64)
	if err != nil || n > maxInt64/mul {
		return 0, false
	}
	return n * mul, true
}

// parseEvents is keyspaceEventsStringToFlags then keyspaceEventsFlagsToString: the
// canonical text of the event classes.
func parseEvents(v []byte) (string, bool) {
	const classes, all = "g$lshzxetdn", "g$lshzxetd"
	on := map[byte]bool{}
	for _, ch := range v {
		switch {
		case ch == 'A':
			for i := 0; i < len(all); i++ {
				on[all[i]] = true
			}
		case ch == 'K' || ch == 'E' || ch == 'm' || strings.IndexByte(classes, ch) >= 0:
			on[ch] = true
		default:
			return "", false
		}
	}
	var b strings.Builder
	allOn := true
	for i := 0; i < len(all); i++ {
		allOn = allOn && on[all[i]]
	}
	if allOn {
		b.WriteByte('A')
		if on['n'] {
			b.WriteByte('n')
		}
	} else {
		for i := 0; i < len(classes); i++ {
			if on[classes[i]] {
				b.WriteByte(classes[i])
			}
		}
	}
	for _, ch := range []byte("KEm") {
		if on[ch] {
			b.WriteByte(ch)
		}
	}
	return b.String(), true
}

// bufferClasses are client-output-buffer-limit's client classes, in the order CONFIG GET
// shows them (`replica` is accepted for `slave`, as Redis does).
var bufferClasses = []string{"normal", "slave", "pubsub"}

// mergeOutputLimits checks client-output-buffer-limit's `class hard soft seconds` groups
// and applies them to current (classes not named keep their limits); Redis's texts.
func mergeOutputLimits(current string, v []byte) (string, string) {
	words := strings.Fields(string(v))
	if len(words)%4 != 0 {
		return "", "Wrong number of arguments in buffer limit configuration."
	}
	limits := map[string]string{}
	old := strings.Fields(current)
	for i := 0; i+3 < len(old); i += 4 {
		limits[old[i]] = strings.Join(old[i+1:i+4], " ")
	}
	for i := 0; i < len(words); i += 4 {
		class := strings.ToLower(words[i])
		if class == "replica" {
			class = "slave"
		}
		if class != "normal" && class != "slave" && class != "pubsub" {
			return "", "Invalid client class specified in buffer limit configuration."
		}
		hard, okHard := parseMemory([]byte(words[i+1]))
		soft, okSoft := parseMemory([]byte(words[i+2]))
		seconds, err := parseInt([]byte(words[i+3]))
		if !okHard || !okSoft || err != nil || seconds < 0 {
			return "", "Error in hard, soft or soft_seconds setting in buffer limit configuration."
		}
		limits[class] = strconv.FormatInt(hard, 10) + " " + strconv.FormatInt(soft, 10) + " " +
			strconv.FormatInt(seconds, 10)
	}
	out := make([]string, 0, 2*len(bufferClasses))
	for _, class := range bufferClasses {
		out = append(out, class, limits[class])
	}
	return strings.Join(out, " "), ""
}

// check validates one value against the current one; it returns the text to store or
// Redis's reason.
func (p *param) check(current string, v []byte) (string, string) {
	switch p.kind {
	case kindBool:
		l := strings.ToLower(string(v))
		if l == "yes" || l == "no" {
			return l, ""
		}
		return "", "argument must be 'yes' or 'no'"
	case kindInt:
		n, err := parseInt(v)
		if err != nil {
			return "", "argument couldn't be parsed into an integer"
		}
		if n < p.min || n > p.max {
			return "", "argument must be between " + strconv.FormatInt(p.min, 10) + " and " +
				strconv.FormatInt(p.max, 10) + " inclusive"
		}
		return strconv.FormatInt(n, 10), ""
	case kindMemory:
		if n, ok := parseMemory(v); ok {
			return strconv.FormatInt(n, 10), ""
		}
		return "", "argument must be a memory value"
	case kindMemoryAtLeast:
		if n, ok := parseMemory(v); ok && n >= p.min {
			return strconv.FormatInt(n, 10), ""
		}
		return "", "argument must be between " + strconv.FormatInt(p.min, 10) + " and " +
			strconv.FormatInt(maxInt64, 10) + " inclusive"
	case kindOutputLimits:
		return mergeOutputLimits(current, v)
	case kindEnum:
		l := strings.ToLower(string(v))
		for _, w := range p.words {
			if w == l {
				return l, ""
			}
		}
		return "", "argument(s) must be one of the following: " + strings.Join(p.words, ", ")
	case kindSave:
		words := strings.Fields(string(v))
		ok := len(words)%2 == 0
		for _, w := range words {
			n, err := parseInt([]byte(w))
			ok = ok && err == nil && n >= 0
		}
		if !ok {
			return "", "Invalid save parameters"
		}
		return strings.Join(words, " "), ""
	case kindEvents:
		if s, ok := parseEvents(v); ok {
			return s, ""
		}
		return "", "Invalid event class character. Use 'Ag$lshzxeKEtmdn'."
	case kindImmutable:
		return "", "can't set immutable config"
	case kindProtected:
		return "", "can't set protected config"
	}
	return string(v), ""
}

// set is CONFIG SET's pairs: all or nothing, like Redis.
func (c *config) set(pairs [][]byte) error {
	type change struct {
		i int
		v string
	}
	var changes []change
	for j := 0; j+1 < len(pairs); j += 2 {
		name := pairs[j]
		i := findParam(name)
		if i < 0 {
			return errConfigSetUnknown(name)
		}
		for k := 0; k < j; k += 2 {
			if findParam(pairs[k]) == i {
				return errConfigSetFailed(name, "duplicate parameter")
			}
		}
		v, why := params[i].check(c.get(params[i].name), pairs[j+1])
		if why != "" {
			return errConfigSetFailed(name, why)
		}
		changes = append(changes, change{i, v})
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, ch := range changes {
		switch params[ch.i].name {
		case "requirepass":
			c.authRequired.Store(ch.v != "")
		case "proto-max-bulk-len":
			n, _ := strconv.ParseInt(ch.v, 10, 64)
			c.protoMaxBulkLen.Store(n)
		}
		c.values[ch.i] = ch.v
	}
	return nil
}
