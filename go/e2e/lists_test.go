package e2e

import (
	"errors"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// TestListCommands: every list command, its errors and edge cases, then a random mix of
// pushes, pops, inserts, removals, trims and moves with the list read back after each,
// byte for byte as Redis 7.0.15 replied.
func TestListCommands(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		runRecorded(t, s.dial(t), listSteps)
		s.alive(t)
	})
}

var listSteps = []recorded{
	rec("+OK\r\n", "FLUSHALL"),
	rec(":3\r\n", "RPUSH", "l", "a", "b", "c"),
	rec("*0\r\n", "LPOP", "l", "0"),
	rec("-ERR value is out of range, must be positive\r\n", "LPOP", "l", "-1"),
	rec("*-1\r\n", "LPOP", "nokey", "0"),
	rec("-ERR value is out of range, must be positive\r\n", "LPOP", "nokey", "-1"),
	rec("*-1\r\n", "LPOP", "nokey", "2"),
	rec("$-1\r\n", "LPOP", "nokey"),
	rec("-ERR value is out of range, must be positive\r\n", "LPOP", "l", "x"),
	rec("*3\r\n$1\r\nc\r\n$1\r\nb\r\n$1\r\na\r\n", "RPOP", "l", "10"),
	rec(":0\r\n", "EXISTS", "l"),
	rec("$-1\r\n", "LINDEX", "nokey", "x"),
	rec(":6\r\n", "RPUSH", "l", "a", "b", "c", "a", "b", "a"),
	rec("-ERR value is not an integer or out of range\r\n", "LINDEX", "l", "x"),
	rec("-ERR index out of range\r\n", "LSET", "l", "10", "x"),
	rec("-ERR no such key\r\n", "LSET", "nokey", "0", "x"),
	rec("-ERR no such key\r\n", "LSET", "nokey", "x", "x"),
	rec("-ERR value is not an integer or out of range\r\n", "LSET", "l", "x", "x"),
	rec(":0\r\n", "LPOS", "l", "a"),
	rec("-ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list\r\n", "LPOS", "l", "a", "RANK", "0"),
	rec(":5\r\n", "LPOS", "l", "a", "RANK", "-9223372036854775808"),
	rec("-ERR COUNT can't be negative\r\n", "LPOS", "l", "a", "COUNT", "-1"),
	rec("-ERR MAXLEN can't be negative\r\n", "LPOS", "l", "a", "MAXLEN", "-1"),
	rec("*3\r\n:0\r\n:3\r\n:5\r\n", "LPOS", "l", "a", "COUNT", "0"),
	rec("*2\r\n:5\r\n:3\r\n", "LPOS", "l", "a", "RANK", "-1", "COUNT", "2"),
	rec("*1\r\n:3\r\n", "LPOS", "l", "a", "RANK", "2", "COUNT", "0", "MAXLEN", "4"),
	rec("*0\r\n", "LPOS", "l", "z", "COUNT", "0"),
	rec("$-1\r\n", "LPOS", "l", "z"),
	rec("*0\r\n", "LPOS", "nokey", "z", "COUNT", "1"),
	rec("$-1\r\n", "LPOS", "nokey", "z"),
	rec("-ERR syntax error\r\n", "LPOS", "l", "a", "FOO"),
	rec("-ERR syntax error\r\n", "LPOS", "l", "a", "RANK"),
	rec("-ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list\r\n", "LPOS", "nokey", "a", "RANK", "0"),
	rec("-ERR syntax error\r\n", "LINSERT", "l", "MIDDLE", "a", "x"),
	rec("-ERR syntax error\r\n", "LINSERT", "nokey", "MIDDLE", "a", "x"),
	rec(":0\r\n", "LINSERT", "nokey", "BEFORE", "a", "x"),
	rec("-ERR syntax error\r\n", "LMOVE", "l", "m", "LEFT", "UP"),
	rec("-ERR syntax error\r\n", "LMOVE", "nokey", "m", "UP", "LEFT"),
	rec("-ERR numkeys should be greater than 0\r\n", "LMPOP", "0", "l", "LEFT"),
	rec("-ERR numkeys should be greater than 0\r\n", "LMPOP", "-1", "l", "LEFT"),
	rec("-ERR numkeys should be greater than 0\r\n", "LMPOP", "x", "l", "LEFT"),
	rec("-ERR syntax error\r\n", "LMPOP", "2", "l", "LEFT"),
	rec("-ERR syntax error\r\n", "LMPOP", "1", "l", "UP"),
	rec("-ERR count should be greater than 0\r\n", "LMPOP", "1", "l", "LEFT", "COUNT", "0"),
	rec("-ERR count should be greater than 0\r\n", "LMPOP", "1", "l", "LEFT", "COUNT", "-1"),
	rec("-ERR syntax error\r\n", "LMPOP", "1", "l", "LEFT", "COUNT"),
	rec("-ERR syntax error\r\n", "LMPOP", "1", "l", "LEFT", "COUNT", "1", "COUNT", "2"),
	rec("-ERR syntax error\r\n", "LMPOP", "1", "l", "LEFT", "FOO"),
	rec("*2\r\n$1\r\nl\r\n*2\r\n$1\r\na\r\n$1\r\nb\r\n", "LMPOP", "2", "nokey", "l", "RIGHT", "COUNT", "2"),
	rec("*-1\r\n", "LMPOP", "1", "nokey", "RIGHT"),
	rec("-ERR syntax error\r\n", "LMPOP", "3", "nokey", "l", "RIGHT"),
	rec("-ERR syntax error\r\n", "LMPOP", "9999999999999", "nokey", "l", "RIGHT"),
	rec("-ERR value is not an integer or out of range\r\n", "LTRIM", "l", "x", "1"),
	rec("-ERR value is not an integer or out of range\r\n", "LREM", "l", "x", "a"),
	rec("-ERR value is not an integer or out of range\r\n", "LRANGE", "nokey", "x", "1"),
	rec(":0\r\n", "LLEN", "nokey"),
	rec(":0\r\n", "LPUSHX", "nokey", "a"),
	rec("+OK\r\n", "SET", "s", "v"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "LPUSHX", "s", "a"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "LMPOP", "2", "nokey", "s", "LEFT"),
	rec("*2\r\n$1\r\nl\r\n*1\r\n$1\r\na\r\n", "LMPOP", "2", "l", "s", "LEFT"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "LMOVE", "s", "l", "LEFT", "LEFT"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "LMOVE", "l", "s", "LEFT", "LEFT"),
	rec("$-1\r\n", "LMOVE", "nokey", "s", "LEFT", "LEFT"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "RPOPLPUSH", "l", "s"),
	rec("-ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list\r\n", "LPOS", "s", "a", "RANK", "0"),
	rec("-ERR value is not an integer or out of range\r\n", "LRANGE", "s", "x", "0"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "LINDEX", "s", "x"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "LSET", "s", "x", "x"),
	rec("-ERR value is not an integer or out of range\r\n", "LREM", "s", "x", "x"),
	rec("-ERR value is not an integer or out of range\r\n", "LTRIM", "s", "x", "x"),
	rec("-ERR syntax error\r\n", "LINSERT", "s", "UP", "a", "b"),
	rec("-ERR value is out of range, must be positive\r\n", "LPOP", "s", "-1"),
	rec("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n", "LPOP", "s", "0"),
	rec("+OK\r\n", "FLUSHALL"),
	rec(":6\r\n", "RPUSH", "l", "a", "b", "c", "a", "b", "a"),
	rec("*3\r\n:5\r\n:3\r\n:0\r\n", "LPOS", "l", "a", "RANK", "-9223372036854775808", "COUNT", "1"),
	rec("*3\r\n:5\r\n:3\r\n:0\r\n", "LPOS", "l", "a", "RANK", "-9223372036854775808", "COUNT", "0"),
	rec(":5\r\n", "LPOS", "l", "a", "RANK", "-9223372036854775808", "MAXLEN", "2"),
	rec("$-1\r\n", "LPOS", "l", "a", "RANK", "9223372036854775807"),
	rec(":3\r\n", "LPOS", "l", "a", "RANK", "-2", "MAXLEN", "3"),
	rec("$-1\r\n", "LPOS", "l", "a", "RANK", "-2", "MAXLEN", "1"),
	rec("*3\r\n:0\r\n:3\r\n:5\r\n", "LPOS", "l", "a", "MAXLEN", "0", "COUNT", "0"),
	rec(":5\r\n", "LPOS", "l", "a", "RANK", "1", "RANK", "-1"),
	rec("*3\r\n:0\r\n:3\r\n:5\r\n", "LPOS", "l", "a", "count", "1", "count", "0"),
	rec(":7\r\n", "LINSERT", "l", "after", "a", "x"),
	rec("*7\r\n$1\r\na\r\n$1\r\nx\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\na\r\n", "LRANGE", "l", "0", "-1"),
	rec(":1\r\n", "LREM", "l", "-1", "a"),
	rec("*6\r\n$1\r\na\r\n$1\r\nx\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n", "LRANGE", "l", "0", "-1"),
	rec("$1\r\na\r\n", "LMOVE", "l", "l", "LEFT", "RIGHT"),
	rec("*6\r\n$1\r\nx\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\na\r\n", "LRANGE", "l", "0", "-1"),
	rec("$1\r\na\r\n", "LINDEX", "l", "-1"),
	rec("$-1\r\n", "LINDEX", "l", "-100"),
	rec("$-1\r\n", "LINDEX", "l", "9223372036854775807"),
	rec("$-1\r\n", "LINDEX", "l", "-9223372036854775808"),
	rec("*6\r\n$1\r\nx\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\na\r\n", "LRANGE", "l", "-9223372036854775808", "9223372036854775807"),
	rec("+OK\r\n", "LTRIM", "l", "-9223372036854775808", "9223372036854775807"),
	rec("-ERR index out of range\r\n", "LSET", "l", "-9223372036854775808", "x"),
	rec("+OK\r\n", "LSET", "l", "-1", "z"),
	rec("*6\r\n$1\r\nx\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nz\r\n", "LRANGE", "l", "0", "-1"),
	rec(":1\r\n", "RPUSH", "one", "x"),
	rec(":1\r\n", "EXPIRE", "one", "100"),
	rec("$1\r\nx\r\n", "LMOVE", "one", "one", "LEFT", "RIGHT"),
	rec(":100\r\n", "TTL", "one"),
	rec("$1\r\nx\r\n", "RPOPLPUSH", "one", "two"),
	rec(":0\r\n", "EXISTS", "one"),
	rec("*1\r\n$1\r\nx\r\n", "LRANGE", "two", "0", "-1"),
	rec("-ERR wrong number of arguments for 'rpush' command\r\n", "RPUSH", "l"),
	rec("-ERR wrong number of arguments for 'lpush' command\r\n", "LPUSH", "l"),
	rec("-ERR wrong number of arguments for 'lpop' command\r\n", "LPOP", "l", "1", "2"),
	rec("-ERR wrong number of arguments for 'lpos' command\r\n", "LPOS", "l"),
	rec("-ERR wrong number of arguments for 'linsert' command\r\n", "LINSERT", "l", "before", "a"),
	rec(":0\r\n", "LPUSHX", "l1", "a"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*0\r\n", "LPOS", "l1", "", "RANK", "2", "COUNT", "1", "MAXLEN", "2"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*-1\r\n", "LPOP", "l1", "5"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":0\r\n", "LLEN", "l2"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec("*-1\r\n", "LMPOP", "2", "l2", "l1", "RIGHT", "COUNT", "1"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":0\r\n", "LPUSHX", "l1", "c"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("$-1\r\n", "LINDEX", "l1", "100"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*-1\r\n", "LMPOP", "2", "l2", "l2", "LEFT", "COUNT", "2"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec("$-1\r\n", "RPOPLPUSH", "l1", "l2"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("$-1\r\n", "LPOP", "l1"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*0\r\n", "LRANGE", "l2", "-100", "-2"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec("-ERR no such key\r\n", "LSET", "l1", "0", ""),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":0\r\n", "LINSERT", "l1", "BEFORE", "", "\xff"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("+OK\r\n", "LTRIM", "l2", "5", "10"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":1\r\n", "LPUSH", "l2", "a"),
	rec("*1\r\n$1\r\na\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":0\r\n", "LPUSHX", "l1", "a"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("+OK\r\n", "LTRIM", "l2", "3", "-100"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":0\r\n", "LINSERT", "l2", "BEFORE", "c", "c"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":3\r\n", "RPUSH", "l2", "", "a", "b"),
	rec("*3\r\n$0\r\n\r\n$1\r\na\r\n$1\r\nb\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":4\r\n", "LINSERT", "l2", "AFTER", "b", "c"),
	rec("*4\r\n$0\r\n\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", "LRANGE", "l2", "0", "-1"),
	rec("$1\r\nc\r\n", "RPOPLPUSH", "l2", "l1"),
	rec("*3\r\n$0\r\n\r\n$1\r\na\r\n$1\r\nb\r\n", "LRANGE", "l2", "0", "-1"),
	rec("*1\r\n$1\r\nc\r\n", "RPOP", "l1", "100"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":4\r\n", "LPUSH", "l1", "x\x00y", "", "\xff", "x\x00y"),
	rec("*4\r\n$3\r\nx\x00y\r\n$1\r\n\xff\r\n$0\r\n\r\n$3\r\nx\x00y\r\n", "LRANGE", "l1", "0", "-1"),
	rec("$3\r\nx\x00y\r\n", "RPOP", "l1"),
	rec("*3\r\n$3\r\nx\x00y\r\n$1\r\n\xff\r\n$0\r\n\r\n", "LRANGE", "l1", "0", "-1"),
	rec("$1\r\na\r\n", "LINDEX", "l2", "-2"),
	rec("*3\r\n$0\r\n\r\n$1\r\na\r\n$1\r\nb\r\n", "LRANGE", "l2", "0", "-1"),
	rec("*0\r\n", "LPOS", "l1", "c", "RANK", "-1", "COUNT", "1", "MAXLEN", "2"),
	rec("*3\r\n$3\r\nx\x00y\r\n$1\r\n\xff\r\n$0\r\n\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":-1\r\n", "LINSERT", "l1", "BEFORE", "b", "\xff"),
	rec("*3\r\n$3\r\nx\x00y\r\n$1\r\n\xff\r\n$0\r\n\r\n", "LRANGE", "l1", "0", "-1"),
	rec("$1\r\n\xff\r\n", "LINDEX", "l1", "1"),
	rec("*3\r\n$3\r\nx\x00y\r\n$1\r\n\xff\r\n$0\r\n\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":4\r\n", "LPUSHX", "l2", "\xff"),
	rec("*4\r\n$1\r\n\xff\r\n$0\r\n\r\n$1\r\na\r\n$1\r\nb\r\n", "LRANGE", "l2", "0", "-1"),
	rec("*3\r\n$3\r\nx\x00y\r\n$1\r\n\xff\r\n$0\r\n\r\n", "LPOP", "l1", "10"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*0\r\n", "LPOS", "l2", "\xff", "RANK", "-1", "COUNT", "0", "MAXLEN", "2"),
	rec("*4\r\n$1\r\n\xff\r\n$0\r\n\r\n$1\r\na\r\n$1\r\nb\r\n", "LRANGE", "l2", "0", "-1"),
	rec("*0\r\n", "LPOS", "l1", "a", "RANK", "2", "COUNT", "0", "MAXLEN", "5"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":5\r\n", "LPUSHX", "l2", "\xff"),
	rec("*5\r\n$1\r\n\xff\r\n$1\r\n\xff\r\n$0\r\n\r\n$1\r\na\r\n$1\r\nb\r\n", "LRANGE", "l2", "0", "-1"),
	rec("$-1\r\n", "LPOP", "l1"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":9\r\n", "LPUSH", "l2", "", "\xff", "c", "x\x00y"),
	rec("*9\r\n$3\r\nx\x00y\r\n$1\r\nc\r\n$1\r\n\xff\r\n$0\r\n\r\n$1\r\n\xff\r\n$1\r\n\xff\r\n$0\r\n\r\n$1\r\na\r\n$1\r\nb\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":1\r\n", "RPUSH", "l1", "\xff"),
	rec("*1\r\n$1\r\n\xff\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":10\r\n", "LINSERT", "l2", "AFTER", "c", "x\x00y"),
	rec("*10\r\n$3\r\nx\x00y\r\n$1\r\nc\r\n$3\r\nx\x00y\r\n$1\r\n\xff\r\n$0\r\n\r\n$1\r\n\xff\r\n$1\r\n\xff\r\n$0\r\n\r\n$1\r\na\r\n$1\r\nb\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":1\r\n", "LLEN", "l1"),
	rec("*1\r\n$1\r\n\xff\r\n", "LRANGE", "l1", "0", "-1"),
	rec("$3\r\nx\x00y\r\n", "LMOVE", "l2", "l1", "LEFT", "LEFT"),
	rec("*9\r\n$1\r\nc\r\n$3\r\nx\x00y\r\n$1\r\n\xff\r\n$0\r\n\r\n$1\r\n\xff\r\n$1\r\n\xff\r\n$0\r\n\r\n$1\r\na\r\n$1\r\nb\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":3\r\n", "LREM", "l2", "3", "\xff"),
	rec("*6\r\n$1\r\nc\r\n$3\r\nx\x00y\r\n$0\r\n\r\n$0\r\n\r\n$1\r\na\r\n$1\r\nb\r\n", "LRANGE", "l2", "0", "-1"),
	rec("+OK\r\n", "LTRIM", "l1", "-100", "-10"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("-ERR no such key\r\n", "LSET", "l1", "0", "b"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":3\r\n", "LPUSH", "l1", "x\x00y", "b", "x\x00y"),
	rec("*3\r\n$3\r\nx\x00y\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":1\r\n", "LREM", "l2", "1", "a"),
	rec("*5\r\n$1\r\nc\r\n$3\r\nx\x00y\r\n$0\r\n\r\n$0\r\n\r\n$1\r\nb\r\n", "LRANGE", "l2", "0", "-1"),
	rec("$1\r\nb\r\n", "LMOVE", "l2", "l1", "RIGHT", "LEFT"),
	rec("*4\r\n$1\r\nc\r\n$3\r\nx\x00y\r\n$0\r\n\r\n$0\r\n\r\n", "LRANGE", "l2", "0", "-1"),
	rec("*0\r\n", "LPOS", "l1", "\xff", "RANK", "3", "COUNT", "0", "MAXLEN", "0"),
	rec("*4\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*3\r\n$0\r\n\r\n$0\r\n\r\n$3\r\nx\x00y\r\n", "RPOP", "l2", "3"),
	rec("*1\r\n$1\r\nc\r\n", "LRANGE", "l2", "0", "-1"),
	rec("$-1\r\n", "LINDEX", "l2", "-100"),
	rec("*1\r\n$1\r\nc\r\n", "LRANGE", "l2", "0", "-1"),
	rec("*0\r\n", "LPOS", "l1", "", "RANK", "2", "COUNT", "1", "MAXLEN", "0"),
	rec("*4\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n", "LRANGE", "l1", "0", "-1"),
	rec("-ERR index out of range\r\n", "LSET", "l1", "-10", "b"),
	rec("*4\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":1\r\n", "LLEN", "l2"),
	rec("*1\r\n$1\r\nc\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":6\r\n", "LPUSH", "l1", "c", "a"),
	rec("*6\r\n$1\r\na\r\n$1\r\nc\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n", "LRANGE", "l1", "0", "-1"),
	rec("$1\r\na\r\n", "LMOVE", "l1", "l2", "LEFT", "RIGHT"),
	rec("*5\r\n$1\r\nc\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*0\r\n", "LRANGE", "l1", "5", "-10"),
	rec("*5\r\n$1\r\nc\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":3\r\n", "LPUSHX", "l2", "\xff"),
	rec("*3\r\n$1\r\n\xff\r\n$1\r\nc\r\n$1\r\na\r\n", "LRANGE", "l2", "0", "-1"),
	rec("+OK\r\n", "LTRIM", "l2", "100", "0"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":4\r\n", "RPUSH", "l2", "a", "c", "a", "b"),
	rec("*4\r\n$1\r\na\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n", "LRANGE", "l2", "0", "-1"),
	rec("-ERR index out of range\r\n", "LSET", "l1", "5", ""),
	rec("*5\r\n$1\r\nc\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n", "LRANGE", "l1", "0", "-1"),
	rec("$3\r\nx\x00y\r\n", "RPOPLPUSH", "l1", "l1"),
	rec("*5\r\n$3\r\nx\x00y\r\n$1\r\nc\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n$1\r\nb\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*4\r\n$1\r\na\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n", "LRANGE", "l2", "-100", "3"),
	rec("*4\r\n$1\r\na\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nb\r\n", "LRANGE", "l2", "0", "-1"),
	rec("+OK\r\n", "LSET", "l2", "2", "x\x00y"),
	rec("*4\r\n$1\r\na\r\n$1\r\nc\r\n$3\r\nx\x00y\r\n$1\r\nb\r\n", "LRANGE", "l2", "0", "-1"),
	rec("*4\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n$1\r\nc\r\n$1\r\na\r\n", "RPOP", "l2", "10"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":0\r\n", "LREM", "l1", "-100", "\xff"),
	rec("*5\r\n$3\r\nx\x00y\r\n$1\r\nc\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n$1\r\nb\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*0\r\n", "LPOS", "l1", "", "RANK", "-1", "COUNT", "2", "MAXLEN", "2"),
	rec("*5\r\n$3\r\nx\x00y\r\n$1\r\nc\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n$1\r\nb\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":5\r\n", "LLEN", "l1"),
	rec("*5\r\n$3\r\nx\x00y\r\n$1\r\nc\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n$1\r\nb\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":6\r\n", "LPUSHX", "l1", "\xff"),
	rec("*6\r\n$1\r\n\xff\r\n$3\r\nx\x00y\r\n$1\r\nc\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n$1\r\nb\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":0\r\n", "LREM", "l1", "-10", ""),
	rec("*6\r\n$1\r\n\xff\r\n$3\r\nx\x00y\r\n$1\r\nc\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n$1\r\nb\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":7\r\n", "LPUSHX", "l1", "c"),
	rec("*7\r\n$1\r\nc\r\n$1\r\n\xff\r\n$3\r\nx\x00y\r\n$1\r\nc\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n$1\r\nb\r\n", "LRANGE", "l1", "0", "-1"),
	rec("+OK\r\n", "LTRIM", "l2", "1", "10"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec("$1\r\nb\r\n", "RPOPLPUSH", "l1", "l2"),
	rec("*6\r\n$1\r\nc\r\n$1\r\n\xff\r\n$3\r\nx\x00y\r\n$1\r\nc\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*0\r\n", "LRANGE", "l1", "-100", "-10"),
	rec("*6\r\n$1\r\nc\r\n$1\r\n\xff\r\n$3\r\nx\x00y\r\n$1\r\nc\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n", "LRANGE", "l1", "0", "-1"),
	rec("+OK\r\n", "LTRIM", "l1", "-1", "-100"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*0\r\n", "LPOS", "l1", "x\x00y", "RANK", "3", "COUNT", "2", "MAXLEN", "5"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*-1\r\n", "LPOP", "l1", "10"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":0\r\n", "LREM", "l1", "-10", "b"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*0\r\n", "LPOS", "l2", "b", "RANK", "2", "COUNT", "0", "MAXLEN", "0"),
	rec("*1\r\n$1\r\nb\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":1\r\n", "LLEN", "l2"),
	rec("*1\r\n$1\r\nb\r\n", "LRANGE", "l2", "0", "-1"),
	rec("*0\r\n", "LRANGE", "l1", "1", "-10"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":2\r\n", "LPUSH", "l2", "c"),
	rec("*2\r\n$1\r\nc\r\n$1\r\nb\r\n", "LRANGE", "l2", "0", "-1"),
	rec("$-1\r\n", "LMOVE", "l1", "l1", "LEFT", "LEFT"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*2\r\n$1\r\nc\r\n$1\r\nb\r\n", "LPOP", "l2", "10"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec("*-1\r\n", "LMPOP", "2", "l2", "l2", "RIGHT", "COUNT", "1"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec("*0\r\n", "LPOS", "l2", "x\x00y", "RANK", "-2", "COUNT", "0", "MAXLEN", "5"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec("*-1\r\n", "LMPOP", "2", "l1", "l1", "LEFT", "COUNT", "5"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("$-1\r\n", "LMOVE", "l2", "l1", "LEFT", "RIGHT"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec("-ERR no such key\r\n", "LSET", "l2", "1", "a"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":3\r\n", "LPUSH", "l2", "b", "x\x00y", "b"),
	rec("*3\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n$1\r\nb\r\n", "LRANGE", "l2", "0", "-1"),
	rec("*2\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n", "LRANGE", "l2", "-10", "1"),
	rec("*3\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n$1\r\nb\r\n", "LRANGE", "l2", "0", "-1"),
	rec("*0\r\n", "LPOS", "l1", "a", "RANK", "2", "COUNT", "0", "MAXLEN", "2"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":3\r\n", "LLEN", "l2"),
	rec("*3\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n$1\r\nb\r\n", "LRANGE", "l2", "0", "-1"),
	rec("*0\r\n", "LRANGE", "l1", "2", "0"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*3\r\n$1\r\nb\r\n$3\r\nx\x00y\r\n$1\r\nb\r\n", "RPOP", "l2", "5"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec("$-1\r\n", "RPOPLPUSH", "l2", "l1"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":3\r\n", "RPUSH", "l2", "", "a", "a"),
	rec("*3\r\n$0\r\n\r\n$1\r\na\r\n$1\r\na\r\n", "LRANGE", "l2", "0", "-1"),
	rec("$1\r\na\r\n", "LINDEX", "l2", "1"),
	rec("*3\r\n$0\r\n\r\n$1\r\na\r\n$1\r\na\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":0\r\n", "LPUSHX", "l1", ""),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("$0\r\n\r\n", "LMOVE", "l2", "l1", "LEFT", "LEFT"),
	rec("*2\r\n$1\r\na\r\n$1\r\na\r\n", "LRANGE", "l2", "0", "-1"),
	rec("*0\r\n", "LPOS", "l1", "c", "RANK", "3", "COUNT", "0", "MAXLEN", "5"),
	rec("*1\r\n$0\r\n\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":3\r\n", "LPUSH", "l1", "x\x00y", ""),
	rec("*3\r\n$0\r\n\r\n$3\r\nx\x00y\r\n$0\r\n\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*1\r\n$1\r\na\r\n", "LRANGE", "l2", "-10", "-2"),
	rec("*2\r\n$1\r\na\r\n$1\r\na\r\n", "LRANGE", "l2", "0", "-1"),
	rec("*0\r\n", "RPOP", "l1", "0"),
	rec("*3\r\n$0\r\n\r\n$3\r\nx\x00y\r\n$0\r\n\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*0\r\n", "LRANGE", "l1", "3", "3"),
	rec("*3\r\n$0\r\n\r\n$3\r\nx\x00y\r\n$0\r\n\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":3\r\n", "LINSERT", "l2", "AFTER", "a", "c"),
	rec("*3\r\n$1\r\na\r\n$1\r\nc\r\n$1\r\na\r\n", "LRANGE", "l2", "0", "-1"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-100"),
	rec("*3\r\n$1\r\na\r\n$1\r\nc\r\n$1\r\na\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":4\r\n", "RPUSH", "l1", "c"),
	rec("*4\r\n$0\r\n\r\n$3\r\nx\x00y\r\n$0\r\n\r\n$1\r\nc\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":4\r\n", "LPUSHX", "l2", "c"),
	rec("*4\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nc\r\n$1\r\na\r\n", "LRANGE", "l2", "0", "-1"),
	rec("*2\r\n$2\r\nl1\r\n*4\r\n$1\r\nc\r\n$0\r\n\r\n$3\r\nx\x00y\r\n$0\r\n\r\n", "LMPOP", "2", "l1", "l2", "RIGHT", "COUNT", "5"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":5\r\n", "LINSERT", "l2", "BEFORE", "c", "c"),
	rec("*5\r\n$1\r\nc\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nc\r\n$1\r\na\r\n", "LRANGE", "l2", "0", "-1"),
	rec("$1\r\na\r\n", "RPOPLPUSH", "l2", "l1"),
	rec("*4\r\n$1\r\nc\r\n$1\r\nc\r\n$1\r\na\r\n$1\r\nc\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":3\r\n", "LPUSH", "l1", "", "b"),
	rec("*3\r\n$1\r\nb\r\n$0\r\n\r\n$1\r\na\r\n", "LRANGE", "l1", "0", "-1"),
	rec("+OK\r\n", "LTRIM", "l1", "10", "-10"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*2\r\n$2\r\nl2\r\n*1\r\n$1\r\nc\r\n", "LMPOP", "2", "l2", "l1", "RIGHT", "COUNT", "1"),
	rec("*3\r\n$1\r\nc\r\n$1\r\nc\r\n$1\r\na\r\n", "LRANGE", "l2", "0", "-1"),
	rec("$-1\r\n", "LINDEX", "l1", "100"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("$-1\r\n", "LPOP", "l1"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("+OK\r\n", "LTRIM", "l2", "-2", "-10"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":2\r\n", "RPUSH", "l1", "", "\xff"),
	rec("*2\r\n$0\r\n\r\n$1\r\n\xff\r\n", "LRANGE", "l1", "0", "-1"),
	rec("-ERR index out of range\r\n", "LSET", "l1", "3", ""),
	rec("*2\r\n$0\r\n\r\n$1\r\n\xff\r\n", "LRANGE", "l1", "0", "-1"),
	rec("-ERR index out of range\r\n", "LSET", "l1", "-3", "b"),
	rec("*2\r\n$0\r\n\r\n$1\r\n\xff\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":0\r\n", "LINSERT", "l2", "BEFORE", "x\x00y", "a"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":0\r\n", "LPUSHX", "l2", "\xff"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":3\r\n", "LPUSHX", "l1", "\xff"),
	rec("*3\r\n$1\r\n\xff\r\n$0\r\n\r\n$1\r\n\xff\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":1\r\n", "LREM", "l1", "100", ""),
	rec("*2\r\n$1\r\n\xff\r\n$1\r\n\xff\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*2\r\n$1\r\n\xff\r\n$1\r\n\xff\r\n", "RPOP", "l1", "100"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*0\r\n", "LPOS", "l1", "b", "RANK", "-1", "COUNT", "0", "MAXLEN", "2"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":2\r\n", "RPUSH", "l1", "x\x00y", "\xff"),
	rec("*2\r\n$3\r\nx\x00y\r\n$1\r\n\xff\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":3\r\n", "LPUSHX", "l1", "a"),
	rec("*3\r\n$1\r\na\r\n$3\r\nx\x00y\r\n$1\r\n\xff\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*-1\r\n", "RPOP", "l2", "2"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec("+OK\r\n", "LTRIM", "l1", "-1", "-10"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":1\r\n", "RPUSH", "l1", "\xff"),
	rec("*1\r\n$1\r\n\xff\r\n", "LRANGE", "l1", "0", "-1"),
	rec("-ERR index out of range\r\n", "LSET", "l1", "100", "\xff"),
	rec("*1\r\n$1\r\n\xff\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":1\r\n", "RPUSH", "l2", "\xff"),
	rec("*1\r\n$1\r\n\xff\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":1\r\n", "LLEN", "l1"),
	rec("*1\r\n$1\r\n\xff\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":0\r\n", "LREM", "l2", "5", "c"),
	rec("*1\r\n$1\r\n\xff\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":2\r\n", "LPUSHX", "l1", "x\x00y"),
	rec("*2\r\n$3\r\nx\x00y\r\n$1\r\n\xff\r\n", "LRANGE", "l1", "0", "-1"),
	rec("-ERR index out of range\r\n", "LSET", "l1", "2", "\xff"),
	rec("*2\r\n$3\r\nx\x00y\r\n$1\r\n\xff\r\n", "LRANGE", "l1", "0", "-1"),
	rec("$1\r\n\xff\r\n", "LMOVE", "l2", "l2", "LEFT", "LEFT"),
	rec("*1\r\n$1\r\n\xff\r\n", "LRANGE", "l2", "0", "-1"),
	rec("+OK\r\n", "LTRIM", "l1", "5", "5"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":0\r\n", "LREM", "l2", "5", "c"),
	rec("*1\r\n$1\r\n\xff\r\n", "LRANGE", "l2", "0", "-1"),
	rec("$1\r\n\xff\r\n", "LMOVE", "l2", "l2", "RIGHT", "LEFT"),
	rec("*1\r\n$1\r\n\xff\r\n", "LRANGE", "l2", "0", "-1"),
	rec("$1\r\n\xff\r\n", "LPOP", "l2"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec("+OK\r\n", "LTRIM", "l2", "-2", "3"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec(":0\r\n", "LLEN", "l1"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("$-1\r\n", "LMOVE", "l1", "l2", "LEFT", "LEFT"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*-1\r\n", "LPOP", "l1", "100"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("+OK\r\n", "LTRIM", "l1", "5", "0"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*-1\r\n", "LMPOP", "2", "l2", "l1", "RIGHT", "COUNT", "5"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
	rec("*0\r\n", "LPOS", "l1", "\xff", "RANK", "2", "COUNT", "2", "MAXLEN", "5"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":0\r\n", "LLEN", "l1"),
	rec("*0\r\n", "LRANGE", "l1", "0", "-1"),
	rec(":3\r\n", "LPUSH", "l1", "c", "c", "\xff"),
	rec("*3\r\n$1\r\n\xff\r\n$1\r\nc\r\n$1\r\nc\r\n", "LRANGE", "l1", "0", "-1"),
	rec("*-1\r\n", "RPOP", "l2", "5"),
	rec("*0\r\n", "LRANGE", "l2", "0", "-1"),
}

// TestGoRedisLists uses the list commands through a typed client.
func TestGoRedisLists(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := newClient(t, s, 0)
		ctx := ctxT(t)
		if n, err := c.RPush(ctx, "q", "a", "b", "c").Result(); err != nil || n != 3 {
			t.Fatalf("RPUSH: %d %v", n, err)
		}
		if n, err := c.LPush(ctx, "q", "z").Result(); err != nil || n != 4 {
			t.Errorf("LPUSH: %d %v", n, err)
		}
		if v, err := c.LRange(ctx, "q", 0, -1).Result(); err != nil || !equalStrings(v, []string{"z", "a", "b", "c"}) {
			t.Errorf("LRANGE: %q %v", v, err)
		}
		if v, err := c.LPopCount(ctx, "q", 2).Result(); err != nil || !equalStrings(v, []string{"z", "a"}) {
			t.Errorf("LPOP 2: %q %v", v, err)
		}
		if v, err := c.RPop(ctx, "q").Result(); err != nil || v != "c" {
			t.Errorf("RPOP: %q %v", v, err)
		}
		if _, err := c.LPop(ctx, "missing").Result(); !errors.Is(err, redis.Nil) {
			t.Errorf("LPOP missing: want redis.Nil, got %v", err)
		}
		c.RPush(ctx, "q", "b", "x", "b")
		if i, err := c.LPos(ctx, "q", "b", redis.LPosArgs{Rank: -1}).Result(); err != nil || i != 3 {
			t.Errorf("LPOS RANK -1: %d %v", i, err)
		}
		if v, err := c.LPosCount(ctx, "q", "b", 0, redis.LPosArgs{}).Result(); err != nil || len(v) != 3 {
			t.Errorf("LPOS COUNT 0: %v %v", v, err)
		}
		if n, err := c.LInsertBefore(ctx, "q", "x", "w").Result(); err != nil || n != 5 {
			t.Errorf("LINSERT: %d %v", n, err)
		}
		if n, err := c.LRem(ctx, "q", 0, "b").Result(); err != nil || n != 3 {
			t.Errorf("LREM: %d %v", n, err)
		}
		if err := c.LSet(ctx, "q", -1, "X").Err(); err != nil {
			t.Errorf("LSET: %v", err)
		}
		if v, err := c.LMove(ctx, "q", "r", "LEFT", "RIGHT").Result(); err != nil || v != "w" {
			t.Errorf("LMOVE: %q %v", v, err)
		}
		if key, v, err := c.LMPop(ctx, "right", 5, "none", "q", "r").Result(); err != nil || key != "q" || !equalStrings(v, []string{"X"}) {
			t.Errorf("LMPOP: %q %q %v", key, v, err)
		}
		if n, _ := c.Exists(ctx, "q").Result(); n != 0 {
			t.Errorf("the emptied list still exists")
		}
		if n, err := c.LLen(ctx, "r").Result(); err != nil || n != 1 {
			t.Errorf("LLEN: %d %v", n, err)
		}
		if err := c.Set(ctx, "str", "v", 0).Err(); err != nil {
			t.Fatal(err)
		}
		if err := c.LPush(ctx, "str", "a").Err(); err == nil || err.Error() != "WRONGTYPE Operation against a key holding the wrong kind of value" {
			t.Errorf("LPUSH on a string: %v", err)
		}
		// A queue: producers push, a consumer pops in order; a TTL survives the writes.
		for i := 0; i < 100; i++ {
			c.LPush(ctx, "jobs", i)
		}
		c.Expire(ctx, "jobs", time.Hour)
		for i := 0; i < 100; i++ {
			if v, err := c.RPop(ctx, "jobs").Int(); err != nil || v != i {
				t.Fatalf("RPOP job %d: %d %v", i, v, err)
			}
			if i == 50 {
				if ttl, _ := c.TTL(ctx, "jobs").Result(); ttl <= 0 {
					t.Errorf("TTL after pops: %v", ttl)
				}
			}
		}
	})
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
