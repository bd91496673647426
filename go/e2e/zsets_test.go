package e2e

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"testing"

	"github.com/redis/go-redis/v9"
)

// Every list and sorted-set command against a string, a list and a sorted set, arity
// errors, score formats, score and lex range syntax, TTLs through writes, and the
// *STORE commands over other types: compared across paths and with real Redis.
func init() { differentialCorpus = append(differentialCorpus, listZsetCorpus...) }

var listZsetCorpus = []step{
	cmd("SET", "s", "v"),
	cmd("RPUSH", "l", "a"),
	cmd("ZADD", "z", "1", "a"),
	cmd("LPUSH", "s", "x"),
	cmd("RPUSH", "s", "x"),
	cmd("LPUSHX", "s", "x"),
	cmd("RPUSHX", "s", "x"),
	cmd("LPOP", "s"),
	cmd("RPOP", "s"),
	cmd("LPOP", "s", "2"),
	cmd("LLEN", "s"),
	cmd("LRANGE", "s", "0", "-1"),
	cmd("LINDEX", "s", "0"),
	cmd("LSET", "s", "0", "x"),
	cmd("LINSERT", "s", "BEFORE", "a", "x"),
	cmd("LREM", "s", "0", "a"),
	cmd("LTRIM", "s", "0", "1"),
	cmd("LPOS", "s", "a"),
	cmd("LMOVE", "s", "l", "LEFT", "RIGHT"),
	cmd("LMOVE", "l", "s", "LEFT", "RIGHT"),
	cmd("RPOPLPUSH", "s", "l"),
	cmd("RPOPLPUSH", "l", "s"),
	cmd("LMPOP", "1", "s", "LEFT"),
	cmd("LPUSH", "z", "x"),
	cmd("RPUSH", "z", "x"),
	cmd("LPUSHX", "z", "x"),
	cmd("RPUSHX", "z", "x"),
	cmd("LPOP", "z"),
	cmd("RPOP", "z"),
	cmd("LPOP", "z", "2"),
	cmd("LLEN", "z"),
	cmd("LRANGE", "z", "0", "-1"),
	cmd("LINDEX", "z", "0"),
	cmd("LSET", "z", "0", "x"),
	cmd("LINSERT", "z", "BEFORE", "a", "x"),
	cmd("LREM", "z", "0", "a"),
	cmd("LTRIM", "z", "0", "1"),
	cmd("LPOS", "z", "a"),
	cmd("LMOVE", "z", "l", "LEFT", "RIGHT"),
	cmd("LMOVE", "l", "z", "LEFT", "RIGHT"),
	cmd("RPOPLPUSH", "z", "l"),
	cmd("RPOPLPUSH", "l", "z"),
	cmd("LMPOP", "1", "z", "LEFT"),
	cmd("ZADD", "s", "1", "a"),
	cmd("ZINCRBY", "s", "1", "a"),
	cmd("ZREM", "s", "a"),
	cmd("ZSCORE", "s", "a"),
	cmd("ZMSCORE", "s", "a"),
	cmd("ZCARD", "s"),
	cmd("ZCOUNT", "s", "0", "1"),
	cmd("ZLEXCOUNT", "s", "-", "+"),
	cmd("ZRANK", "s", "a"),
	cmd("ZREVRANK", "s", "a"),
	cmd("ZRANGE", "s", "0", "-1"),
	cmd("ZRANGESTORE", "d", "s", "0", "-1"),
	cmd("ZRANGESTORE", "s", "z", "0", "-1"),
	cmd("ZREVRANGE", "s", "0", "-1"),
	cmd("ZRANGEBYSCORE", "s", "0", "1"),
	cmd("ZREVRANGEBYSCORE", "s", "1", "0"),
	cmd("ZRANGEBYLEX", "s", "-", "+"),
	cmd("ZREVRANGEBYLEX", "s", "+", "-"),
	cmd("ZREMRANGEBYRANK", "s", "0", "1"),
	cmd("ZREMRANGEBYSCORE", "s", "0", "1"),
	cmd("ZREMRANGEBYLEX", "s", "-", "+"),
	cmd("ZPOPMIN", "s"),
	cmd("ZPOPMAX", "s", "1"),
	cmd("ZMPOP", "1", "s", "MIN"),
	cmd("ZRANDMEMBER", "s"),
	cmd("ZRANDMEMBER", "s", "1"),
	cmd("ZUNION", "1", "s"),
	cmd("ZINTER", "1", "s"),
	cmd("ZDIFF", "1", "s"),
	cmd("ZUNIONSTORE", "d", "1", "s"),
	cmd("ZINTERSTORE", "d", "1", "s"),
	cmd("ZDIFFSTORE", "d", "1", "s"),
	cmd("ZINTERCARD", "1", "s"),
	cmd("ZSCAN", "s", "0"),
	cmd("ZADD", "l", "1", "a"),
	cmd("ZINCRBY", "l", "1", "a"),
	cmd("ZREM", "l", "a"),
	cmd("ZSCORE", "l", "a"),
	cmd("ZMSCORE", "l", "a"),
	cmd("ZCARD", "l"),
	cmd("ZCOUNT", "l", "0", "1"),
	cmd("ZLEXCOUNT", "l", "-", "+"),
	cmd("ZRANK", "l", "a"),
	cmd("ZREVRANK", "l", "a"),
	cmd("ZRANGE", "l", "0", "-1"),
	cmd("ZRANGESTORE", "d", "l", "0", "-1"),
	cmd("ZRANGESTORE", "l", "z", "0", "-1"),
	cmd("ZREVRANGE", "l", "0", "-1"),
	cmd("ZRANGEBYSCORE", "l", "0", "1"),
	cmd("ZREVRANGEBYSCORE", "l", "1", "0"),
	cmd("ZRANGEBYLEX", "l", "-", "+"),
	cmd("ZREVRANGEBYLEX", "l", "+", "-"),
	cmd("ZREMRANGEBYRANK", "l", "0", "1"),
	cmd("ZREMRANGEBYSCORE", "l", "0", "1"),
	cmd("ZREMRANGEBYLEX", "l", "-", "+"),
	cmd("ZPOPMIN", "l"),
	cmd("ZPOPMAX", "l", "1"),
	cmd("ZMPOP", "1", "l", "MIN"),
	cmd("ZRANDMEMBER", "l"),
	cmd("ZRANDMEMBER", "l", "1"),
	cmd("ZUNION", "1", "l"),
	cmd("ZINTER", "1", "l"),
	cmd("ZDIFF", "1", "l"),
	cmd("ZUNIONSTORE", "d", "1", "l"),
	cmd("ZINTERSTORE", "d", "1", "l"),
	cmd("ZDIFFSTORE", "d", "1", "l"),
	cmd("ZINTERCARD", "1", "l"),
	cmd("ZSCAN", "l", "0"),
	cmd("TYPE", "s"),
	cmd("TYPE", "l"),
	cmd("TYPE", "z"),
	cmd("TYPE", "d"),
	cmd("LPUSH"),
	cmd("LPUSH", "k"),
	cmd("RPUSH"),
	cmd("RPUSH", "k"),
	cmd("LPUSHX"),
	cmd("LPUSHX", "k"),
	cmd("RPUSHX"),
	cmd("RPUSHX", "k"),
	cmd("LPOP"),
	cmd("LPOP", "k"),
	cmd("RPOP"),
	cmd("RPOP", "k"),
	cmd("LLEN"),
	cmd("LLEN", "k"),
	cmd("LRANGE"),
	cmd("LRANGE", "k"),
	cmd("LINDEX"),
	cmd("LINDEX", "k"),
	cmd("LSET"),
	cmd("LSET", "k"),
	cmd("LINSERT"),
	cmd("LINSERT", "k"),
	cmd("LREM"),
	cmd("LREM", "k"),
	cmd("LTRIM"),
	cmd("LTRIM", "k"),
	cmd("LPOS"),
	cmd("LPOS", "k"),
	cmd("LMOVE"),
	cmd("LMOVE", "k"),
	cmd("RPOPLPUSH"),
	cmd("RPOPLPUSH", "k"),
	cmd("LMPOP"),
	cmd("LMPOP", "k"),
	cmd("ZADD"),
	cmd("ZADD", "k"),
	cmd("ZINCRBY"),
	cmd("ZINCRBY", "k"),
	cmd("ZREM"),
	cmd("ZREM", "k"),
	cmd("ZSCORE"),
	cmd("ZSCORE", "k"),
	cmd("ZMSCORE"),
	cmd("ZMSCORE", "k"),
	cmd("ZCARD"),
	cmd("ZCARD", "k"),
	cmd("ZCOUNT"),
	cmd("ZCOUNT", "k"),
	cmd("ZLEXCOUNT"),
	cmd("ZLEXCOUNT", "k"),
	cmd("ZRANK"),
	cmd("ZRANK", "k"),
	cmd("ZREVRANK"),
	cmd("ZREVRANK", "k"),
	cmd("ZRANGE"),
	cmd("ZRANGE", "k"),
	cmd("ZRANGESTORE"),
	cmd("ZRANGESTORE", "k"),
	cmd("ZREVRANGE"),
	cmd("ZREVRANGE", "k"),
	cmd("ZRANGEBYSCORE"),
	cmd("ZRANGEBYSCORE", "k"),
	cmd("ZREVRANGEBYSCORE"),
	cmd("ZREVRANGEBYSCORE", "k"),
	cmd("ZRANGEBYLEX"),
	cmd("ZRANGEBYLEX", "k"),
	cmd("ZREVRANGEBYLEX"),
	cmd("ZREVRANGEBYLEX", "k"),
	cmd("ZREMRANGEBYRANK"),
	cmd("ZREMRANGEBYRANK", "k"),
	cmd("ZREMRANGEBYSCORE"),
	cmd("ZREMRANGEBYSCORE", "k"),
	cmd("ZREMRANGEBYLEX"),
	cmd("ZREMRANGEBYLEX", "k"),
	cmd("ZPOPMIN"),
	cmd("ZPOPMIN", "k"),
	cmd("ZPOPMAX"),
	cmd("ZPOPMAX", "k"),
	cmd("ZMPOP"),
	cmd("ZMPOP", "k"),
	cmd("ZRANDMEMBER"),
	cmd("ZRANDMEMBER", "k"),
	cmd("ZUNION"),
	cmd("ZUNION", "k"),
	cmd("ZINTER"),
	cmd("ZINTER", "k"),
	cmd("ZDIFF"),
	cmd("ZDIFF", "k"),
	cmd("ZUNIONSTORE"),
	cmd("ZUNIONSTORE", "k"),
	cmd("ZINTERSTORE"),
	cmd("ZINTERSTORE", "k"),
	cmd("ZDIFFSTORE"),
	cmd("ZDIFFSTORE", "k"),
	cmd("ZINTERCARD"),
	cmd("ZINTERCARD", "k"),
	cmd("ZSCAN"),
	cmd("ZSCAN", "k"),
	cmd("ZPOPMIN", "k", "1", "2"),
	cmd("LPOP", "k", "1", "2"),
	cmd("ZRANDMEMBER", "k", "1", "2", "3"),
	cmd("ZINCRBY", "zz", "nx", "a"),
	cmd("ZINCRBY", "zz", "incr", "a"),
	cmd("ZADD", "zz", "ch", "1", "a"),
	cmd("ZADD", "zz", "xx", "ch", "incr", "1", "a"),
	cmd("ZADD", "zz", "GT", "5", "b"),
	cmd("ZADD", "zz", "LT", "XX", "1", "b"),
	cmd("ZADD", "zz", "nx\x00foo", "1", "c"),
	cmd("ZADD", "zz", "NX", "NX", "2", "c"),
	cmd("ZADD", "zz", "incr", "ch", "3", "c"),
	cmd("ZADD", "zz", "incr", "0", "c"),
	cmd("ZADD", "zz", "GT", "INCR", "-5", "c"),
	cmd("ZADD", "zz", "LT", "INCR", "-5", "c"),
	cmd("ZADD", "zz", "GT", "CH", "1", "a", "10", "b", "5", "new"),
	cmd("ZRANGE", "zz", "0", "-1", "WITHSCORES"),
	cmd("ZADD", "zz", "1e308", "big"),
	cmd("ZINCRBY", "zz", "1e308", "big"),
	cmd("ZINCRBY", "zz", "1e308", "big"),
	cmd("ZINCRBY", "zz", "-inf", "big"),
	cmd("ZSCORE", "zz", "big"),
	cmd("ZADD", "zz", "INCR", "-inf", "big"),
	cmd("ZADD", "zz", "-inf", "ninf"),
	cmd("ZINCRBY", "zz", "inf", "ninf"),
	cmd("ZINCRBY", "zz", "-1", "ninf"),
	cmd("ZRANGE", "zz", "0", "-1", "WITHSCORES"),
	cmd("ZADD", "fmt", "0.1", "m0.1"),
	cmd("ZSCORE", "fmt", "m0.1"),
	cmd("ZINCRBY", "fmt2", "0.1", "m"),
	cmd("ZADD", "fmt", "0.2", "m0.2"),
	cmd("ZSCORE", "fmt", "m0.2"),
	cmd("ZINCRBY", "fmt2", "0.2", "m"),
	cmd("ZADD", "fmt", "0.30000000000000004", "m0.30000000000000004"),
	cmd("ZSCORE", "fmt", "m0.30000000000000004"),
	cmd("ZINCRBY", "fmt2", "0.30000000000000004", "m"),
	cmd("ZADD", "fmt", "1e21", "m1e21"),
	cmd("ZSCORE", "fmt", "m1e21"),
	cmd("ZINCRBY", "fmt2", "1e21", "m"),
	cmd("ZADD", "fmt", "1e-7", "m1e-7"),
	cmd("ZSCORE", "fmt", "m1e-7"),
	cmd("ZINCRBY", "fmt2", "1e-7", "m"),
	cmd("ZADD", "fmt", "123456789.123456789", "m123456789.123456789"),
	cmd("ZSCORE", "fmt", "m123456789.123456789"),
	cmd("ZINCRBY", "fmt2", "123456789.123456789", "m"),
	cmd("ZADD", "fmt", "-1.5e-300", "m-1.5e-300"),
	cmd("ZSCORE", "fmt", "m-1.5e-300"),
	cmd("ZINCRBY", "fmt2", "-1.5e-300", "m"),
	cmd("ZADD", "fmt", "2.2250738585072014e-308", "m2.2250738585072014e-308"),
	cmd("ZSCORE", "fmt", "m2.2250738585072014e-308"),
	cmd("ZINCRBY", "fmt2", "2.2250738585072014e-308", "m"),
	cmd("ZADD", "fmt", "4.9e-324", "m4.9e-324"),
	cmd("ZSCORE", "fmt", "m4.9e-324"),
	cmd("ZINCRBY", "fmt2", "4.9e-324", "m"),
	cmd("ZADD", "fmt", "1.5", "m1.5"),
	cmd("ZSCORE", "fmt", "m1.5"),
	cmd("ZINCRBY", "fmt2", "1.5", "m"),
	cmd("ZADD", "fmt", "100", "m100"),
	cmd("ZSCORE", "fmt", "m100"),
	cmd("ZINCRBY", "fmt2", "100", "m"),
	cmd("ZADD", "fmt", "1e15", "m1e15"),
	cmd("ZSCORE", "fmt", "m1e15"),
	cmd("ZINCRBY", "fmt2", "1e15", "m"),
	cmd("ZADD", "fmt", "1e16", "m1e16"),
	cmd("ZSCORE", "fmt", "m1e16"),
	cmd("ZINCRBY", "fmt2", "1e16", "m"),
	cmd("ZADD", "fmt", "1e17", "m1e17"),
	cmd("ZSCORE", "fmt", "m1e17"),
	cmd("ZINCRBY", "fmt2", "1e17", "m"),
	cmd("ZADD", "fmt", "9007199254740993", "m9007199254740993"),
	cmd("ZSCORE", "fmt", "m9007199254740993"),
	cmd("ZINCRBY", "fmt2", "9007199254740993", "m"),
	cmd("ZADD", "fmt", "-0", "m-0"),
	cmd("ZSCORE", "fmt", "m-0"),
	cmd("ZINCRBY", "fmt2", "-0", "m"),
	cmd("ZADD", "fmt", "-0.0", "m-0.0"),
	cmd("ZSCORE", "fmt", "m-0.0"),
	cmd("ZINCRBY", "fmt2", "-0.0", "m"),
	cmd("ZADD", "fmt", "0x1p-1074", "m0x1p-1074"),
	cmd("ZSCORE", "fmt", "m0x1p-1074"),
	cmd("ZINCRBY", "fmt2", "0x1p-1074", "m"),
	cmd("ZADD", "fmt", "0X1.FFFFFFFFFFFFFP+1023", "m0X1.FFFFFFFFFFFFFP+1023"),
	cmd("ZSCORE", "fmt", "m0X1.FFFFFFFFFFFFFP+1023"),
	cmd("ZINCRBY", "fmt2", "0X1.FFFFFFFFFFFFFP+1023", "m"),
	cmd("ZADD", "fmt", "3.14159265358979323846", "m3.14159265358979323846"),
	cmd("ZSCORE", "fmt", "m3.14159265358979323846"),
	cmd("ZINCRBY", "fmt2", "3.14159265358979323846", "m"),
	cmd("ZADD", "fmt", "1e-4", "m1e-4"),
	cmd("ZSCORE", "fmt", "m1e-4"),
	cmd("ZINCRBY", "fmt2", "1e-4", "m"),
	cmd("ZADD", "fmt", "1e-5", "m1e-5"),
	cmd("ZSCORE", "fmt", "m1e-5"),
	cmd("ZINCRBY", "fmt2", "1e-5", "m"),
	cmd("ZRANGE", "fmt", "0", "-1", "WITHSCORES"),
	cmd("ZRANGE", "fmt2", "0", "-1", "WITHSCORES"),
	cmd("ZADD", "r", "1", "a", "2", "b", "3", "c", "inf", "i", "-inf", "ni", "0", "zero"),
	cmd("ZRANGEBYSCORE", "r", " 1", "3", "WITHSCORES"),
	cmd("ZCOUNT", "r", " 1", "3"),
	cmd("ZRANGEBYSCORE", "r", "", "2", "WITHSCORES"),
	cmd("ZCOUNT", "r", "", "2"),
	cmd("ZRANGEBYSCORE", "r", "(", "2", "WITHSCORES"),
	cmd("ZCOUNT", "r", "(", "2"),
	cmd("ZRANGEBYSCORE", "r", "( 1", "3", "WITHSCORES"),
	cmd("ZCOUNT", "r", "( 1", "3"),
	cmd("ZRANGEBYSCORE", "r", "1e400", "inf", "WITHSCORES"),
	cmd("ZCOUNT", "r", "1e400", "inf"),
	cmd("ZRANGEBYSCORE", "r", "-1e400", "0", "WITHSCORES"),
	cmd("ZCOUNT", "r", "-1e400", "0"),
	cmd("ZRANGEBYSCORE", "r", "0x1", "0x3", "WITHSCORES"),
	cmd("ZCOUNT", "r", "0x1", "0x3"),
	cmd("ZRANGEBYSCORE", "r", "(0x1", "3", "WITHSCORES"),
	cmd("ZCOUNT", "r", "(0x1", "3"),
	cmd("ZRANGEBYSCORE", "r", "+inf", "+inf", "WITHSCORES"),
	cmd("ZCOUNT", "r", "+inf", "+inf"),
	cmd("ZRANGEBYSCORE", "r", "(+inf", "+inf", "WITHSCORES"),
	cmd("ZCOUNT", "r", "(+inf", "+inf"),
	cmd("ZRANGEBYSCORE", "r", "-inf", "(-inf", "WITHSCORES"),
	cmd("ZCOUNT", "r", "-inf", "(-inf"),
	cmd("ZRANGEBYSCORE", "r", "(-inf", "(inf", "WITHSCORES"),
	cmd("ZCOUNT", "r", "(-inf", "(inf"),
	cmd("ZRANGEBYSCORE", "r", "1\x00xyz", "2", "WITHSCORES"),
	cmd("ZCOUNT", "r", "1\x00xyz", "2"),
	cmd("ZRANGEBYSCORE", "r", "(1\x00", "3", "WITHSCORES"),
	cmd("ZCOUNT", "r", "(1\x00", "3"),
	cmd("ZRANGEBYSCORE", "r", "1 ", "2", "WITHSCORES"),
	cmd("ZCOUNT", "r", "1 ", "2"),
	cmd("ZRANGEBYSCORE", "r", "\t2", "3", "WITHSCORES"),
	cmd("ZCOUNT", "r", "\t2", "3"),
	cmd("ZRANGEBYSCORE", "r", "2", "1", "WITHSCORES"),
	cmd("ZCOUNT", "r", "2", "1"),
	cmd("ZRANGEBYSCORE", "r", "(2", "(2", "WITHSCORES"),
	cmd("ZCOUNT", "r", "(2", "(2"),
	cmd("ZRANGEBYSCORE", "r", "[1", "2", "WITHSCORES"),
	cmd("ZCOUNT", "r", "[1", "2"),
	cmd("ZRANGEBYSCORE", "r", "nan", "1", "WITHSCORES"),
	cmd("ZCOUNT", "r", "nan", "1"),
	cmd("ZRANGEBYSCORE", "r", "-nan", "1", "WITHSCORES"),
	cmd("ZCOUNT", "r", "-nan", "1"),
	cmd("ZRANGEBYSCORE", "r", "inf", "-inf", "WITHSCORES"),
	cmd("ZCOUNT", "r", "inf", "-inf"),
	cmd("ZADD", "lx", "0", "", "0", "a", "0", "ab", "0", "b", "0", "\xff", "0", "\x00", "0", "a\x00"),
	cmd("ZRANGEBYLEX", "lx", "-", "+"),
	cmd("ZLEXCOUNT", "lx", "-", "+"),
	cmd("ZREVRANGEBYLEX", "lx", "+", "-", "LIMIT", "1", "2"),
	cmd("ZRANGEBYLEX", "lx", "[a", "[b"),
	cmd("ZLEXCOUNT", "lx", "[a", "[b"),
	cmd("ZREVRANGEBYLEX", "lx", "[b", "[a", "LIMIT", "1", "2"),
	cmd("ZRANGEBYLEX", "lx", "(a", "(b"),
	cmd("ZLEXCOUNT", "lx", "(a", "(b"),
	cmd("ZREVRANGEBYLEX", "lx", "(b", "(a", "LIMIT", "1", "2"),
	cmd("ZRANGEBYLEX", "lx", "[a", "(a"),
	cmd("ZLEXCOUNT", "lx", "[a", "(a"),
	cmd("ZREVRANGEBYLEX", "lx", "(a", "[a", "LIMIT", "1", "2"),
	cmd("ZRANGEBYLEX", "lx", "(a", "[a\x00"),
	cmd("ZLEXCOUNT", "lx", "(a", "[a\x00"),
	cmd("ZREVRANGEBYLEX", "lx", "[a\x00", "(a", "LIMIT", "1", "2"),
	cmd("ZRANGEBYLEX", "lx", "[", "+"),
	cmd("ZLEXCOUNT", "lx", "[", "+"),
	cmd("ZREVRANGEBYLEX", "lx", "+", "[", "LIMIT", "1", "2"),
	cmd("ZRANGEBYLEX", "lx", "(", "+"),
	cmd("ZLEXCOUNT", "lx", "(", "+"),
	cmd("ZREVRANGEBYLEX", "lx", "+", "(", "LIMIT", "1", "2"),
	cmd("ZRANGEBYLEX", "lx", "-", "(\xff"),
	cmd("ZLEXCOUNT", "lx", "-", "(\xff"),
	cmd("ZREVRANGEBYLEX", "lx", "(\xff", "-", "LIMIT", "1", "2"),
	cmd("ZRANGEBYLEX", "lx", "[\xff", "+"),
	cmd("ZLEXCOUNT", "lx", "[\xff", "+"),
	cmd("ZREVRANGEBYLEX", "lx", "+", "[\xff", "LIMIT", "1", "2"),
	cmd("ZRANGEBYLEX", "lx", "+", "-"),
	cmd("ZLEXCOUNT", "lx", "+", "-"),
	cmd("ZREVRANGEBYLEX", "lx", "-", "+", "LIMIT", "1", "2"),
	cmd("ZRANGEBYLEX", "lx", "-", "-"),
	cmd("ZLEXCOUNT", "lx", "-", "-"),
	cmd("ZREVRANGEBYLEX", "lx", "-", "-", "LIMIT", "1", "2"),
	cmd("ZRANGEBYLEX", "lx", "+", "+"),
	cmd("ZLEXCOUNT", "lx", "+", "+"),
	cmd("ZREVRANGEBYLEX", "lx", "+", "+", "LIMIT", "1", "2"),
	cmd("ZRANGEBYLEX", "lx", "[+", "[-"),
	cmd("ZLEXCOUNT", "lx", "[+", "[-"),
	cmd("ZREVRANGEBYLEX", "lx", "[-", "[+", "LIMIT", "1", "2"),
	cmd("ZRANGEBYLEX", "lx", "(-", "+"),
	cmd("ZLEXCOUNT", "lx", "(-", "+"),
	cmd("ZREVRANGEBYLEX", "lx", "+", "(-", "LIMIT", "1", "2"),
	cmd("ZRANGEBYLEX", "lx", "+\x00x", "+"),
	cmd("ZLEXCOUNT", "lx", "+\x00x", "+"),
	cmd("ZREVRANGEBYLEX", "lx", "+", "+\x00x", "LIMIT", "1", "2"),
	cmd("ZRANGEBYLEX", "lx", "-", "+\x00x"),
	cmd("ZLEXCOUNT", "lx", "-", "+\x00x"),
	cmd("ZREVRANGEBYLEX", "lx", "+\x00x", "-", "LIMIT", "1", "2"),
	cmd("ZRANGEBYLEX", "lx", "[b", "[a"),
	cmd("ZLEXCOUNT", "lx", "[b", "[a"),
	cmd("ZREVRANGEBYLEX", "lx", "[a", "[b", "LIMIT", "1", "2"),
	cmd("ZRANGEBYLEX", "lx", "a", "+"),
	cmd("ZLEXCOUNT", "lx", "a", "+"),
	cmd("ZREVRANGEBYLEX", "lx", "+", "a", "LIMIT", "1", "2"),
	cmd("ZRANGEBYLEX", "lx", "", "+"),
	cmd("ZLEXCOUNT", "lx", "", "+"),
	cmd("ZREVRANGEBYLEX", "lx", "+", "", "LIMIT", "1", "2"),
	cmd("ZRANGEBYLEX", "lx", "-x", "+"),
	cmd("ZLEXCOUNT", "lx", "-x", "+"),
	cmd("ZREVRANGEBYLEX", "lx", "+", "-x", "LIMIT", "1", "2"),
	cmd("RPUSH", "t", "a", "b"),
	cmd("EXPIRE", "t", "100"),
	cmd("RPUSH", "t", "c"),
	cmd("LPOP", "t"),
	cmd("LSET", "t", "0", "x"),
	cmd("LINSERT", "t", "AFTER", "x", "y"),
	cmd("LREM", "t", "0", "y"),
	cmd("LTRIM", "t", "0", "5"),
	cmd("TTL", "t"),
	cmd("ZADD", "tz", "1", "a", "2", "b"),
	cmd("EXPIRE", "tz", "100"),
	cmd("ZADD", "tz", "3", "c"),
	cmd("ZREM", "tz", "a"),
	cmd("ZINCRBY", "tz", "1", "b"),
	cmd("ZPOPMIN", "tz"),
	cmd("ZREMRANGEBYSCORE", "tz", "100", "200"),
	cmd("TTL", "tz"),
	cmd("ZUNIONSTORE", "tz", "1", "r"),
	cmd("TTL", "tz"),
	cmd("ZRANGESTORE", "r", "r", "0", "1"),
	cmd("ZRANGE", "r", "0", "-1", "WITHSCORES"),
	cmd("ZADD", "i1", "1", "a", "2", "b"),
	cmd("ZADD", "i2", "3", "b", "4", "c"),
	cmd("ZINTERSTORE", "i1", "2", "i1", "i2"),
	cmd("ZRANGE", "i1", "0", "-1", "WITHSCORES"),
	cmd("ZUNIONSTORE", "l", "2", "i1", "i2"),
	cmd("TYPE", "l"),
	cmd("ZDIFFSTORE", "s", "1", "nokey"),
	cmd("EXISTS", "s"),
}

// TestGoRedisZsets uses the sorted-set commands through a typed client: a leaderboard.
func TestGoRedisZsets(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		c := newClient(t, s, 0)
		ctx := ctxT(t)
		players := []redis.Z{{Score: 10, Member: "ann"}, {Score: 25.5, Member: "bob"},
			{Score: 25.5, Member: "amy"}, {Score: math.Inf(1), Member: "cheat"}}
		if n, err := c.ZAdd(ctx, "board", players...).Result(); err != nil || n != 4 {
			t.Fatalf("ZADD: %d %v", n, err)
		}
		if n, err := c.ZAddArgs(ctx, "board", redis.ZAddArgs{GT: true, Ch: true,
			Members: []redis.Z{{Score: 5, Member: "ann"}, {Score: 30, Member: "bob"}, {Score: 1, Member: "new"}}}).Result(); err != nil || n != 2 {
			t.Errorf("ZADD GT CH: %d %v", n, err)
		}
		if f, err := c.ZIncrBy(ctx, "board", 0.1, "ann").Result(); err != nil || f != 10.1 {
			t.Errorf("ZINCRBY: %v %v", f, err)
		}
		if f, err := c.ZScore(ctx, "board", "cheat").Result(); err != nil || !math.IsInf(f, 1) {
			t.Errorf("ZSCORE inf: %v %v", f, err)
		}
		if _, err := c.ZScore(ctx, "board", "nobody").Result(); !errors.Is(err, redis.Nil) {
			t.Errorf("ZSCORE missing: want redis.Nil, got %v", err)
		}
		top, err := c.ZRangeArgsWithScores(ctx, redis.ZRangeArgs{Key: "board", Start: "+inf", Stop: "(1",
			ByScore: true, Rev: true, Offset: 1, Count: 2}).Result()
		if err != nil || len(top) != 2 || top[0].Member != "bob" || top[0].Score != 30 || top[1].Member != "amy" {
			t.Errorf("ZRANGE BYSCORE REV LIMIT: %v %v", top, err)
		}
		if r, err := c.ZRank(ctx, "board", "amy").Result(); err != nil || r != 2 {
			t.Errorf("ZRANK: %d %v", r, err)
		}
		if r, err := c.ZRevRank(ctx, "board", "new").Result(); err != nil || r != 4 {
			t.Errorf("ZREVRANK: %d %v", r, err)
		}
		if n, err := c.ZCount(ctx, "board", "(10", "+inf").Result(); err != nil || n != 4 {
			t.Errorf("ZCOUNT: %d %v", n, err)
		}
		if v, err := c.ZPopMin(ctx, "board", 1).Result(); err != nil || len(v) != 1 || v[0].Member != "new" {
			t.Errorf("ZPOPMIN: %v %v", v, err)
		}
		if key, v, err := c.ZMPop(ctx, "max", 1, "none", "board").Result(); err != nil || key != "board" || len(v) != 1 || v[0].Member != "cheat" {
			t.Errorf("ZMPOP: %q %v %v", key, v, err)
		}
		c.ZAdd(ctx, "bonus", redis.Z{Score: 100, Member: "ann"}, redis.Z{Score: 1, Member: "zed"})
		if n, err := c.ZUnionStore(ctx, "total", &redis.ZStore{Keys: []string{"board", "bonus"},
			Weights: []float64{1, 2}}).Result(); err != nil || n != 4 {
			t.Errorf("ZUNIONSTORE: %d %v", n, err)
		}
		if f, _ := c.ZScore(ctx, "total", "ann").Result(); f != 210.1 {
			t.Errorf("ZUNIONSTORE weighted sum: %v", f)
		}
		if n, err := c.ZInterCard(ctx, 0, "board", "bonus").Result(); err != nil || n != 1 {
			t.Errorf("ZINTERCARD: %d %v", n, err)
		}
		if v, err := c.ZRandMemberWithScores(ctx, "bonus", 5).Result(); err != nil || len(v) != 2 || v[0].Member != "ann" {
			t.Errorf("ZRANDMEMBER count >= size: %v %v", v, err)
		}
		if err := c.ZAdd(ctx, "board", redis.Z{Score: math.NaN(), Member: "x"}).Err(); err == nil {
			t.Errorf("ZADD NaN: accepted")
		}
		// ZSCAN over a set too large to come back whole: every member exactly once.
		want := map[string]bool{}
		for i := 0; i < 500; i++ {
			m := fmt.Sprintf("member:%04d", i)
			want[m] = true
			c.ZAdd(ctx, "big", redis.Z{Score: float64(i % 10), Member: m})
		}
		seen := map[string]int{}
		var cursor uint64
		for {
			keys, next, err := c.ZScan(ctx, "big", cursor, "member:*", 50).Result()
			if err != nil {
				t.Fatalf("ZSCAN: %v", err)
			}
			for i := 0; i < len(keys); i += 2 {
				seen[keys[i]]++
			}
			if cursor = next; cursor == 0 {
				break
			}
		}
		var missing []string
		for m := range want {
			if seen[m] != 1 {
				missing = append(missing, m)
			}
		}
		sort.Strings(missing)
		if len(seen) != len(want) || len(missing) > 0 {
			t.Errorf("ZSCAN saw %d members, want %d; not exactly once: %v", len(seen), len(want), missing)
		}
		if n, err := c.ZRemRangeByRank(ctx, "big", 0, -101).Result(); err != nil || n != 400 {
			t.Errorf("ZREMRANGEBYRANK: %d %v", n, err)
		}
		if n, _ := c.ZCard(ctx, "big").Result(); n != 100 {
			t.Errorf("ZCARD after trimming: %d", n)
		}
	})
}
