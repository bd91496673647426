package goengine

import (
	"sqlettuce/go/internal/resp"
	"sqlettuce/spec"
)

// handler runs one command. It returns the reply, or an error: a replyError is the
// client's error reply; any other error is a storage failure that fails the batch.
type handler func(c *cmd) (resp.Value, error)

// handlers is the one registry: command name (as spec/commands.json spells it,
// "client|setname" for subcommands) to code. Arity, flags and key positions come from
// the table, never from here; COMMAND is generated from the table too.
var handlers = map[string]handler{
	// connection
	"ping": cmdPing, "echo": cmdEcho, "quit": cmdQuit, "select": cmdSelect, "hello": cmdHello,
	"client|id": cmdClientID, "client|setname": cmdClientSetname,
	"client|getname": cmdClientGetname, "client|setinfo": cmdClientSetinfo,
	"client|list": cmdClientList, "client|info": cmdClientInfo, "client|kill": cmdClientKill,
	"client|no-evict": cmdClientNoEvict, "client|no-touch": cmdClientNoTouch,
	"client|reply": cmdClientReply, "client|help": cmdHelp, "auth": cmdAuth, "reset": cmdReset,
	"shutdown": cmdShutdown,
	// pub/sub: run by the server's registry (the batch stops before them)
	"subscribe": cmdPubSub, "unsubscribe": cmdPubSub, "psubscribe": cmdPubSub,
	"punsubscribe": cmdPubSub, "publish": cmdPubSub, "pubsub|channels": cmdPubSub,
	"pubsub|numsub": cmdPubSub, "pubsub|numpat": cmdPubSub, "pubsub|help": cmdHelp,
	// server
	"command": cmdCommand, "command|count": cmdCommandCount, "command|docs": cmdCommandDocs,
	"command|info": cmdCommandInfo, "command|help": cmdHelp, "info": cmdInfo, "config|get": cmdConfigGet,
	"config|set": cmdConfigSet, "config|resetstat": cmdConfigResetstat,
	"config|rewrite": cmdConfigRewrite, "config|help": cmdHelp, "debug": cmdDebug, "wait": cmdWait,
	"object|encoding": cmdObjectEncoding, "object|freq": cmdObjectFreq,
	"object|idletime": cmdObjectIdletime, "object|refcount": cmdObjectRefcount,
	"object|help": cmdHelp, "memory|usage": cmdMemoryUsage, "memory|help": cmdHelp,
	"dbsize": cmdDBSize, "flushdb": cmdFlushDB, "flushall": cmdFlushAll, "time": cmdTime,
	"swapdb": cmdSwapDB,
	// transactions
	"multi": cmdMulti, "exec": cmdExec, "discard": cmdDiscard, "watch": cmdWatch,
	"unwatch": cmdUnwatch,
	// strings
	"get": cmdGet, "set": cmdSet, "setnx": cmdSetNX, "setex": cmdSetEX, "psetex": cmdPSetEX,
	"getset": cmdGetSet, "getdel": cmdGetDel, "getex": cmdGetEX, "mget": cmdMGet,
	"mset": cmdMSet, "msetnx": cmdMSetNX, "incr": cmdIncr, "decr": cmdDecr,
	"incrby": cmdIncrBy, "decrby": cmdDecrBy, "incrbyfloat": cmdIncrByFloat,
	"append": cmdAppend, "strlen": cmdStrlen, "getrange": cmdGetRange, "substr": cmdGetRange,
	"setrange": cmdSetRange,
	// bitmaps
	"setbit": cmdSetBit, "getbit": cmdGetBit, "bitcount": cmdBitCount, "bitpos": cmdBitPos,
	"bitop": cmdBitOp, "bitfield": cmdBitField, "bitfield_ro": cmdBitFieldRO,
	// keys
	"del": cmdDel, "unlink": cmdDel, "exists": cmdExists, "type": cmdType, "keys": cmdKeys,
	"scan": cmdScan, "randomkey": cmdRandomKey, "rename": cmdRename, "renamenx": cmdRenameNX,
	"copy": cmdCopy, "touch": cmdTouch,
	"expire": cmdExpire, "pexpire": cmdPExpire, "expireat": cmdExpireAt, "pexpireat": cmdPExpireAt,
	"ttl": cmdTTL, "pttl": cmdPTTL, "expiretime": cmdExpireTime, "pexpiretime": cmdPExpireTime,
	"persist": cmdPersist, "move": cmdMove,
	// hashes
	"hset": cmdHSet, "hmset": cmdHMSet, "hsetnx": cmdHSetNX, "hget": cmdHGet, "hmget": cmdHMGet,
	"hgetall": cmdHGetAll, "hkeys": cmdHKeys, "hvals": cmdHVals, "hdel": cmdHDel,
	"hexists": cmdHExists, "hlen": cmdHLen, "hstrlen": cmdHStrlen, "hincrby": cmdHIncrBy,
	"hincrbyfloat": cmdHIncrByFloat, "hrandfield": cmdHRandField, "hscan": cmdHScan,
	// sets
	"sadd": cmdSAdd, "srem": cmdSRem, "smembers": cmdSMembers, "sismember": cmdSIsMember,
	"smismember": cmdSMIsMember, "scard": cmdSCard, "spop": cmdSPop,
	"srandmember": cmdSRandMember, "smove": cmdSMove, "sinter": cmdSInter,
	"sintercard": cmdSInterCard, "sinterstore": cmdSInterStore, "sunion": cmdSUnion,
	"sunionstore": cmdSUnionStore, "sdiff": cmdSDiff, "sdiffstore": cmdSDiffStore,
	"sscan": cmdSScan,
	// lists
	"lpush": cmdLPush, "rpush": cmdRPush, "lpushx": cmdLPushX, "rpushx": cmdRPushX,
	"lpop": cmdLPop, "rpop": cmdRPop, "lmpop": cmdLMPop, "llen": cmdLLen, "lrange": cmdLRange,
	"lindex": cmdLIndex, "lset": cmdLSet, "linsert": cmdLInsert, "lrem": cmdLRem,
	"ltrim": cmdLTrim, "lpos": cmdLPos, "lmove": cmdLMove, "rpoplpush": cmdRPopLPush,
	"blpop": cmdBLPop, "brpop": cmdBRPop, "blmove": cmdBLMove, "brpoplpush": cmdBRPopLPush,
	"blmpop": cmdBLMPop,
	// sorted sets
	"zadd": cmdZAdd, "zincrby": cmdZIncrBy, "zrem": cmdZRem, "zscore": cmdZScore,
	"zmscore": cmdZMScore, "zcard": cmdZCard, "zcount": cmdZCount, "zlexcount": cmdZLexCount,
	"zrank": cmdZRank, "zrevrank": cmdZRevRank, "zrange": cmdZRange,
	"zrangestore": cmdZRangeStore, "zrevrange": cmdZRevRange, "zrangebyscore": cmdZRangeByScore,
	"zrevrangebyscore": cmdZRevRangeByScore, "zrangebylex": cmdZRangeByLex,
	"zrevrangebylex": cmdZRevRangeByLex, "zremrangebyrank": cmdZRemRangeByRank,
	"zremrangebyscore": cmdZRemRangeByScore, "zremrangebylex": cmdZRemRangeByLex,
	"zpopmin": cmdZPopMin, "zpopmax": cmdZPopMax, "zmpop": cmdZMPop,
	"bzpopmin": cmdBZPopMin, "bzpopmax": cmdBZPopMax, "bzmpop": cmdBZMPop,
	"zrandmember": cmdZRandMember, "zunion": cmdZUnion, "zinter": cmdZInter, "zdiff": cmdZDiff,
	"zunionstore": cmdZUnionStore, "zinterstore": cmdZInterStore, "zdiffstore": cmdZDiffStore,
	"zintercard": cmdZInterCard, "zscan": cmdZScan,
}

// noDB lists commands that never touch SQLite: a batch made only of these (PING
// pipelines, the connect handshake) runs without the engine mutex or a transaction.
var noDB = map[string]bool{
	"ping": true, "echo": true, "quit": true, "select": true, "hello": true,
	"client|id": true, "client|setname": true, "client|getname": true, "client|setinfo": true,
	"command": true, "command|count": true, "command|docs": true, "command|info": true,
	"config|get": true, "time": true,
	// EXEC needs SQLite when its queue or WATCH does: see routing (transactions.go).
	"multi": true, "exec": true, "discard": true, "unwatch": true,
	"client|list": true, "client|info": true, "client|kill": true, "client|no-evict": true,
	"client|no-touch": true, "client|reply": true, "auth": true, "reset": true,
	"config|set": true, "config|resetstat": true, "config|rewrite": true, "debug": true,
	"wait": true, "object|help": true, "client|help": true, "command|help": true,
	"config|help": true, "memory|help": true, "pubsub|help": true,
	"shutdown":  true,
	"subscribe": true, "unsubscribe": true, "psubscribe": true, "punsubscribe": true,
	"publish": true, "pubsub|channels": true, "pubsub|numsub": true, "pubsub|numpat": true,
}

// command is a table entry joined with its handler.
type command struct {
	name   string // full name: "get", "client|setname"
	spec   *spec.Command
	run    handler // nil when the table lists a command this engine lacks
	write  bool    // table flag "write": the batch takes SQLite's write lock up front
	noDB   bool
	noAuth bool                // table flag "no_auth": runs before AUTH (AUTH, HELLO, QUIT, RESET)
	subs   map[string]*command // container commands (CLIENT, COMMAND, CONFIG)
	index  int                 // its place in commandList: its INFO commandstats entry
}

// registry maps lower-case names to commands; built once from the table. (In init, not
// a var initializer: COMMAND's handlers read it, which would be an initialization cycle.)
var registry map[string]*command

// commandList is every command and subcommand of the registry, by index.
var commandList []*command

func init() { registry = buildRegistry() }

func buildRegistry() map[string]*command {
	table := spec.Commands()
	reg := make(map[string]*command, len(table))
	for i := range table {
		c := newCommand(&table[i])
		if len(table[i].Subcommands) > 0 {
			c.subs = make(map[string]*command)
			for j := range table[i].Subcommands {
				sc := newCommand(&table[i].Subcommands[j])
				// "client|setname" is looked up as "setname" under "client".
				c.subs[sc.name[len(c.name)+1:]] = sc
			}
		}
		reg[c.name] = c
	}
	return reg
}

func newCommand(sc *spec.Command) *command {
	c := &command{name: sc.Name, spec: sc, run: handlers[sc.Name],
		write: sc.HasFlag("write"), noDB: noDB[sc.Name], noAuth: sc.HasFlag("no_auth"),
		index: len(commandList)}
	commandList = append(commandList, c)
	return c
}

// resolve finds argv's command the way Redis 7.0's processCommand does, in its order:
// unknown command, unknown subcommand of a container, then arity.
func (e *Engine) resolve(argv [][]byte) (*command, replyError) {
	c := lookupName(registry, argv[0])
	if c == nil || (c.run == nil && c.subs == nil) {
		return nil, errUnknownCommand(argv)
	}
	if c.subs != nil && len(argv) >= 2 {
		sub := lookupName(c.subs, argv[1])
		if sub == nil || sub.run == nil {
			return nil, errUnknownSubcommand(argv[0], argv[1])
		}
		c = sub
	}
	a := c.spec.Arity
	if (a > 0 && len(argv) != a) || len(argv) < -a {
		return nil, errArity(c.name)
	}
	if c.run == nil { // a container with no handler of its own (CLIENT, CONFIG)
		return nil, errUnknownCommand(argv)
	}
	return c, ""
}

// knownName is CLIENT LIST's cmd= for a command resolve refused: its full name when it
// exists (a wrong arity), else NULL, as Redis shows.
func knownName(argv [][]byte) string {
	if c := knownCommand(argv); c != nil {
		return c.name
	}
	return "NULL"
}

// knownCommand is the command argv names even when resolve refused it (a wrong arity),
// nil when there is none: whose rejected_calls count the refusal.
func knownCommand(argv [][]byte) *command {
	c := lookupName(registry, argv[0])
	if c != nil && c.subs != nil && len(argv) >= 2 {
		c = lookupName(c.subs, argv[1])
	}
	return c
}

// lookupName finds a name case-insensitively without allocating (the map index with a
// string(bytes) conversion does not copy).
func lookupName(m map[string]*command, name []byte) *command {
	var buf [32]byte
	if len(name) > len(buf) {
		return nil
	}
	for i, ch := range name {
		if ch >= 'A' && ch <= 'Z' {
			ch += 'a' - 'A'
		}
		buf[i] = ch
	}
	return m[string(buf[:len(name)])]
}
