package goengine

import "testing"

func TestProtocolLimitsHaveRedisFloors(t *testing.T) {
	c := newConfig(6379, "127.0.0.1")
	if err := c.set([][]byte{[]byte("proto-max-bulk-len"), []byte("1k")}); err == nil {
		t.Errorf("proto-max-bulk-len 1k accepted")
	}
	if err := c.set([][]byte{[]byte("proto-max-bulk-len"), []byte("2mb")}); err != nil {
		t.Fatal(err)
	}
	if got := c.protoMaxBulkLen.Load(); got != 2<<20 {
		t.Errorf("protoMaxBulkLen = %d", got)
	}
	if err := c.set([][]byte{[]byte("client-query-buffer-limit"), []byte("100")}); err == nil {
		t.Errorf("client-query-buffer-limit 100 accepted")
	}
}

func TestStringsNeverOutgrowSQLite(t *testing.T) {
	c := newConfig(6379, "127.0.0.1")
	if got := c.maxStringLen(); got != 512<<20 {
		t.Errorf("maxStringLen = %d by default", got)
	}
	if err := c.set([][]byte{[]byte("proto-max-bulk-len"), []byte("4gb")}); err != nil {
		t.Fatal(err)
	}
	if got := c.maxStringLen(); got != sqliteMaxLength {
		t.Errorf("maxStringLen = %d with proto-max-bulk-len 4gb", got)
	}
}

func TestOutputBufferLimitsMergeByClass(t *testing.T) {
	c := newConfig(6379, "127.0.0.1")
	name := []byte("client-output-buffer-limit")
	if err := c.set([][]byte{name, []byte("PUBSUB 1mb 2k 3 replica 1 2 3")}); err != nil {
		t.Fatal(err)
	}
	if got := c.get("client-output-buffer-limit"); got != "normal 0 0 0 slave 1 2 3 pubsub 1048576 2000 3" {
		t.Errorf("merged = %q", got)
	}
	for _, bad := range []string{"pubsub 1 2", "master 1 2 3", "pubsub -1 2 3", "pubsub 1 2 3x"} {
		if err := c.set([][]byte{name, []byte(bad)}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	if err := c.set([][]byte{name, []byte("")}); err != nil {
		t.Errorf("empty: %v", err)
	}
}
