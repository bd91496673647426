package e2e

import (
	"testing"
)

// Pub/sub in RESP3, compared byte for byte with real Redis on every path: confirmations and
// messages are push frames (>), a subscribed RESP3 client may run any command (there is no
// subscribe mode), PING answers +PONG, and HELLO 2 switches later frames back to arrays.
func TestPubSubRESP3AgainstRedis(t *testing.T) {
	type step struct {
		conn    int // 0: the subscriber (RESP3), 1: a publisher (RESP2)
		argv    []string
		replies int
	}
	steps := []step{
		{0, []string{"SUBSCRIBE", "news", "sport"}, 2},
		{0, []string{"PSUBSCRIBE", "n*"}, 1},
		{1, []string{"PUBLISH", "news", "hello"}, 1},
		{0, nil, 2}, // the message and the pmessage
		{0, []string{"PING"}, 1},
		{0, []string{"SET", "k", "v"}, 1},
		{0, []string{"GET", "k"}, 1},
		{0, []string{"PUBSUB", "NUMSUB", "news"}, 1},
		{1, []string{"PUBLISH", "sport", "goal"}, 1},
		{0, nil, 1},
		{0, []string{"UNSUBSCRIBE", "news"}, 1},
		{0, []string{"PUNSUBSCRIBE"}, 1},
		{1, []string{"PUBLISH", "news", "lost"}, 1},
		{0, []string{"HELLO", "2"}, 1},
		{1, []string{"PUBLISH", "sport", "again"}, 1},
		{0, nil, 1},
		{0, []string{"UNSUBSCRIBE"}, 1},
		{0, []string{"PING"}, 1},
	}
	run := func(t *testing.T, addr string) []string {
		conns := []*conn{dial(t, addr), dial(t, addr)}
		defer conns[0].Close()
		defer conns[1].Close()
		conns[0].do("HELLO", "3") // its reply holds the connection id: not compared
		var out []string
		for i, st := range steps {
			c := conns[st.conn]
			if st.argv != nil {
				c.write(encode(st.argv...))
			}
			for r := 0; r < st.replies; r++ {
				raw, err := c.readErr(ioTimeout)
				if err != nil {
					t.Fatalf("step %d %v: reply %d: %v", i, st.argv, r, err)
				}
				// HELLO's reply differs in id and version; keep only its shape's start.
				if len(st.argv) > 0 && st.argv[0] == "HELLO" {
					raw = raw[:1]
				}
				out = append(out, raw)
			}
		}
		return out
	}
	want := run(t, startOracle(t))
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		got := run(t, s.addr())
		for i := range want {
			if i >= len(got) || got[i] != want[i] {
				var g string
				if i < len(got) {
					g = got[i]
				}
				t.Fatalf("reply %d: got %q, Redis %q", i, clip(g), clip(want[i]))
			}
		}
	})
}
