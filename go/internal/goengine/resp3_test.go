package goengine

import "testing"

// Replies Redis 7.0.15 sent after HELLO 3 (the id is this session's: 1); the same steps as
// the Rust engine's hello_3_switches_replies_to_resp3.
func TestHello3SwitchesRepliesToRESP3(t *testing.T) {
	e := openTest(t, ":memory:")
	s := newSession(t, e)
	hello := func(proto string) string {
		head := "%7\r\n"
		if proto == "2" {
			head = "*14\r\n"
		}
		return head + "$6\r\nserver\r\n$5\r\nredis\r\n$7\r\nversion\r\n$6\r\n7.0.15\r\n$5\r\nproto\r\n:" + proto +
			"\r\n$2\r\nid\r\n:1\r\n$4\r\nmode\r\n$10\r\nstandalone\r\n$4\r\nrole\r\n$6\r\nmaster\r\n$7\r\nmodules\r\n*0\r\n"
	}
	run(t, s, []step{
		c("-NOPROTO unsupported protocol version\r\n", "HELLO", "4"),
		c("-ERR Protocol version is not an integer or out of range\r\n", "HELLO", "x"),
		c("-WRONGPASS invalid username-password pair or user is disabled.\r\n", "HELLO", "3", "AUTH", "bob", "x"),
		c("-ERR Syntax error in HELLO option 'AUTH'\r\n", "HELLO", "3", "AUTH", "default"),
		c("$-1\r\n", "GET", "nosuch"),
		c(hello("3"), "HELLO", "3", "AUTH", "default", "any", "SETNAME", "me"),
		c(hello("3"), "HELLO"),
		c("$2\r\nme\r\n", "CLIENT", "GETNAME"),
		c("_\r\n", "GET", "nosuch"),
		c("_\r\n", "LMPOP", "1", "nosuch", "LEFT"),
		c(":1\r\n", "HSET", "h", "a", "1"),
		c("%1\r\n$1\r\na\r\n$1\r\n1\r\n", "HGETALL", "h"),
		c("%0\r\n", "HGETALL", "nosuch"),
		c("*1\r\n$1\r\na\r\n", "HKEYS", "h"),
		c("*1\r\n*2\r\n$1\r\na\r\n$1\r\n1\r\n", "HRANDFIELD", "h", "1", "WITHVALUES"),
		c(":1\r\n", "SADD", "s", "a"),
		c("~1\r\n$1\r\na\r\n", "SMEMBERS", "s"),
		c("*2\r\n$1\r\na\r\n$1\r\na\r\n", "SRANDMEMBER", "s", "-2"),
		c("*1\r\n$1\r\na\r\n", "SRANDMEMBER", "s", "2"),
		c("~0\r\n", "SPOP", "nosuch", "2"),
		c(":2\r\n", "ZADD", "z", "1", "a", "2.5", "b"),
		c(",2.5\r\n", "ZSCORE", "z", "b"),
		c("*2\r\n,1\r\n_\r\n", "ZMSCORE", "z", "a", "x"),
		c(",1.1000000000000001\r\n", "ZINCRBY", "z", "0.1", "a"),
		c("_\r\n", "ZADD", "z", "NX", "INCR", "1", "a"),
		c("*2\r\n*2\r\n$1\r\na\r\n,1.1000000000000001\r\n*2\r\n$1\r\nb\r\n,2.5\r\n", "ZRANGE", "z", "0", "-1", "WITHSCORES"),
		c("*2\r\n$1\r\n0\r\n*4\r\n$1\r\na\r\n$18\r\n1.1000000000000001\r\n$1\r\nb\r\n$3\r\n2.5\r\n", "ZSCAN", "z", "0"),
		c("*2\r\n$1\r\nb\r\n,2.5\r\n", "ZPOPMAX", "z"),
		c("*1\r\n*2\r\n$1\r\na\r\n,1.1000000000000001\r\n", "ZPOPMIN", "z", "5"),
		c(":1\r\n", "ZADD", "z", "1", "a"),
		c("*2\r\n$1\r\nz\r\n*1\r\n*2\r\n$1\r\na\r\n,1\r\n", "ZMPOP", "1", "z", "MIN"),
		c("%1\r\n$10\r\nappendonly\r\n$2\r\nno\r\n", "CONFIG", "GET", "appendonly"),
		c(hello("2"), "HELLO", "2"),
		c("$-1\r\n", "GET", "nosuch"),
		c("*0\r\n", "HGETALL", "nosuch"),
	})
}
