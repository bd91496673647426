package goengine

import "testing"

// Positions stay contiguous through inserts and removals on either side.
func TestListGaps(t *testing.T) {
	s := newSession(t, openTest(t, ":memory:"))
	run(t, s, []step{
		c(":6\r\n", "rpush", "l", "a", "b", "c", "d", "e", "f"),
		c(":7\r\n", "linsert", "l", "before", "b", "x"),
		c(":8\r\n", "linsert", "l", "after", "e", "y"),
		c("*8\r\n$1\r\na\r\n$1\r\nx\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\ny\r\n$1\r\nf\r\n", "lrange", "l", "0", "-1"),
		c("$1\r\ny\r\n", "lindex", "l", "6"),
		c(":9\r\n", "rpush", "l", "x"),
		c(":2\r\n", "lrem", "l", "0", "x"),
		c("*7\r\n$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$1\r\nd\r\n$1\r\ne\r\n$1\r\ny\r\n$1\r\nf\r\n", "lrange", "l", "0", "-1"),
		c(":1\r\n", "lrem", "l", "-1", "b"),
		c("$1\r\nc\r\n", "lindex", "l", "1"),
		c("$1\r\nf\r\n", "lindex", "l", "-1"),
		c(":6\r\n", "llen", "l"),
	})
}
