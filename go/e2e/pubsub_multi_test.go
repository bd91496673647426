package e2e

import (
	"bufio"
	"net"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Pub/sub inside MULTI/EXEC, RESET of a subscribed client, and what INFO and CLIENT LIST
// show of subscribers and blocked clients: raw RESP compared byte for byte with
// redis-server 7.0.15 on every path, then go-redis and redis-cli the way applications
// use them. (The recorded case tests/cases/315-pubsub-multi-reset covers the same
// ground in RESP2 through replay.py.)

// connStep is one step of a script over several connections: send argv (nothing when
// nil) on conn, then read replies replies.
type connStep struct {
	conn    int
	argv    []string
	replies int
}

// runConnSteps runs steps against addr on conns fresh connections and returns every
// reply's exact bytes, HELLO's cut to its first byte (it holds the client id).
func runConnSteps(t *testing.T, addr string, conns int, steps []connStep) []string {
	t.Helper()
	cs := make([]*conn, conns)
	for i := range cs {
		cs[i] = dial(t, addr)
		defer cs[i].Close()
	}
	var out []string
	for i, st := range steps {
		c := cs[st.conn]
		if st.argv != nil {
			c.write(encode(st.argv...))
		}
		for r := 0; r < st.replies; r++ {
			raw, err := c.readErr(ioTimeout)
			if err != nil {
				t.Fatalf("step %d %v: reply %d: %v (got %q)", i, st.argv, r, err, raw)
			}
			if len(st.argv) > 0 && strings.EqualFold(st.argv[0], "HELLO") {
				raw = raw[:1]
			}
			out = append(out, raw)
		}
	}
	return out
}

// compareConnSteps runs steps on Redis and on every path and requires the same bytes.
func compareConnSteps(t *testing.T, conns int, steps []connStep) {
	t.Helper()
	oracle := startOracle(t)
	want := runConnSteps(t, oracle, conns, steps)
	forEachPath(t, func(t *testing.T, p path) {
		got := runConnSteps(t, startServer(t, p).addr(), conns, steps)
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

// TestPubSubInsideMultiAgainstRedis: SUBSCRIBE, PSUBSCRIBE, PUBLISH, UNSUBSCRIBE and
// PUBSUB queued in MULTI run at EXEC with Redis's bytes: EXEC's header counts the queued
// commands while a SUBSCRIBE of two channels sends two frames, the client's own
// subscription gets its message before PUBLISH's count, the commands after SUBSCRIBE
// still run, and afterwards the client is in subscribe mode. A WATCH-failed EXEC and
// EXECABORT publish nothing; RESET leaves every subscription; RESP3 frames are pushes.
func TestPubSubInsideMultiAgainstRedis(t *testing.T) {
	// conn 0 runs the transactions, conn 1 is another subscriber, conn 2 looks on.
	compareConnSteps(t, 3, []connStep{
		{1, []string{"SUBSCRIBE", "a"}, 1},
		{0, []string{"MULTI"}, 1},
		{0, []string{"SUBSCRIBE", "a", "b"}, 1},
		{0, []string{"PUBLISH", "a", "x"}, 1},
		{0, []string{"SET", "k", "v"}, 1},
		{0, []string{"EXEC"}, 3}, // *3 with three frames, then :2 and +OK
		{1, nil, 1},              // conn 1's message
		{0, []string{"PING"}, 1},
		{0, []string{"GET", "k"}, 1},
		{0, []string{"MULTI"}, 1},
		{2, []string{"PUBSUB", "NUMSUB", "a", "b"}, 1},
		{2, []string{"PUBLISH", "b", "y"}, 1},
		{0, nil, 1},
		{0, []string{"RESET"}, 1},
		{0, []string{"PING"}, 1},
		{2, []string{"PUBSUB", "NUMSUB", "a", "b"}, 1},
		{2, []string{"PUBLISH", "b", "gone"}, 1},
		{2, []string{"GET", "k"}, 1},

		// WATCH-failed: *-1, nothing published, nothing subscribed.
		{0, []string{"WATCH", "k"}, 1},
		{2, []string{"SET", "k", "w"}, 1},
		{0, []string{"MULTI"}, 1},
		{0, []string{"PUBLISH", "a", "lost"}, 1},
		{0, []string{"SUBSCRIBE", "z"}, 1},
		{0, []string{"EXEC"}, 1},
		{0, []string{"PING"}, 1},
		// EXECABORT: the same.
		{0, []string{"MULTI"}, 1},
		{0, []string{"PUBLISH", "a", "lost"}, 1},
		{0, []string{"NOSUCH"}, 1},
		{0, []string{"EXEC"}, 1},
		{2, []string{"PUBLISH", "a", "seen"}, 1},
		{1, nil, 1}, // only "seen" reached conn 1
		{2, []string{"PUBSUB", "NUMSUB", "z"}, 1},

		// Patterns, introspection and UNSUBSCRIBE with nothing left, in one EXEC.
		{0, []string{"MULTI"}, 1},
		{0, []string{"PSUBSCRIBE", "p*"}, 1},
		{0, []string{"PUBLISH", "pq", "m"}, 1},
		{0, []string{"PUBSUB", "NUMPAT"}, 1},
		{0, []string{"PUNSUBSCRIBE"}, 1},
		{0, []string{"UNSUBSCRIBE"}, 1},
		{0, []string{"INCR", "n"}, 1},
		{0, []string{"EXEC"}, 2}, // *6: psubscribe, pmessage, :1, :1, punsubscribe, unsubscribe; then INCR's :1
		{0, []string{"PING"}, 1},

		// RESP3: push frames inside EXEC's array; RESET drops the subscription and
		// switches back to RESP2.
		{0, []string{"HELLO", "3"}, 1},
		{0, []string{"MULTI"}, 1},
		{0, []string{"SUBSCRIBE", "r3", "r4"}, 1},
		{0, []string{"PUBLISH", "r3", "hi"}, 1},
		{0, []string{"GET", "k"}, 1},
		{0, []string{"EXEC"}, 3},
		{0, []string{"PING"}, 1},
		{2, []string{"PUBLISH", "r4", "yo"}, 1},
		{0, nil, 1},
		{0, []string{"RESET"}, 1},
		{0, []string{"GET", "k"}, 1},
		{2, []string{"PUBSUB", "NUMSUB", "r3", "r4"}, 1},
		{2, []string{"PUBLISH", "r3", "gone"}, 1},

		// A RESP2 subscriber's RESET, pipelined between other commands.
		{0, []string{"SUBSCRIBE", "s"}, 1},
		{0, []string{"PSUBSCRIBE", "s*"}, 1},
		{2, []string{"PUBSUB", "NUMPAT"}, 1},
		{0, []string{"PING", "x"}, 1},
		{0, []string{"RESET"}, 1},
		{0, []string{"SUBSCRIBE", "t"}, 1},
		{2, []string{"PUBSUB", "NUMSUB", "s", "t"}, 1},
		{2, []string{"PUBSUB", "NUMPAT"}, 1},
		{2, []string{"PUBLISH", "s", "gone"}, 1},
		{2, []string{"PUBLISH", "t", "here"}, 1},
		{0, nil, 1},
	})
}

// TestPubSubResetPipelined: RESET in the middle of a pipelined batch of a subscribed
// client (it runs there, leaves the subscriptions, and what follows runs out of
// subscribe mode), against Redis.
func TestPubSubResetPipelined(t *testing.T) {
	script := string(encode("SUBSCRIBE", "a", "b")) + string(encode("PSUBSCRIBE", "p*")) +
		string(encode("PING")) + string(encode("RESET")) + string(encode("PING")) +
		string(encode("PUBSUB", "NUMSUB", "a", "b")) + string(encode("PUBSUB", "NUMPAT")) +
		string(encode("MULTI")) + string(encode("SUBSCRIBE", "c")) + string(encode("PUBLISH", "c", "m")) +
		string(encode("EXEC")) + string(encode("RESET")) + string(encode("PUBSUB", "NUMSUB", "c")) +
		string(encode("ECHO", "end"))
	run := func(addr string) string {
		c := dial(t, addr)
		defer c.Close()
		c.write([]byte(script))
		var out strings.Builder
		for {
			r := c.read()
			out.WriteString(r)
			if r == "$3\r\nend\r\n" {
				return out.String()
			}
		}
	}
	want := run(startOracle(t))
	forEachPath(t, func(t *testing.T, p path) {
		if got := run(startServer(t, p).addr()); got != want {
			t.Errorf("got\n%q\nRedis\n%q", got, want)
		}
	})
}

// TestPubSubMultiGoRedis: go-redis's TxPipelined with Publish (a write and a publish in
// one transaction) reaches a subscriber, with PUBLISH's count in the pipeline's
// results; a Watch that fails publishes nothing.
func TestPubSubMultiGoRedis(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		ctx := ctxT(t)
		c := newClient(t, s, 0)
		ps := c.Subscribe(ctx, "orders")
		defer ps.Close()
		if _, err := ps.Receive(ctx); err != nil { // the confirmation
			t.Fatal(err)
		}
		for _, proto := range []int{2, 3} {
			pub := redis.NewClient(&redis.Options{Addr: s.addr(), Protocol: proto,
				DialTimeout: 30 * time.Second, ReadTimeout: 60 * time.Second, MaxRetries: -1})
			defer pub.Close()
			cmds, err := pub.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
				pipe.Incr(ctx, "order:id")
				pipe.Publish(ctx, "orders", "order "+strconv.Itoa(proto))
				pipe.PubSubNumSub(ctx, "orders")
				return nil
			})
			if err != nil || len(cmds) != 3 {
				t.Fatalf("RESP%d TxPipelined: %v %v", proto, cmds, err)
			}
			if n := cmds[1].(*redis.IntCmd).Val(); n != 1 {
				t.Errorf("RESP%d PUBLISH inside the transaction: %d receivers, want 1", proto, n)
			}
			if n := cmds[2].(*redis.MapStringIntCmd).Val(); n["orders"] != 1 {
				t.Errorf("RESP%d PUBSUB NUMSUB inside the transaction: %v", proto, n)
			}
			m, err := ps.ReceiveMessage(ctx)
			if err != nil || m.Channel != "orders" || m.Payload != "order "+strconv.Itoa(proto) {
				t.Fatalf("RESP%d subscriber: %+v %v", proto, m, err)
			}
		}
		if got, _ := c.Get(ctx, "order:id").Result(); got != "2" {
			t.Errorf("INCR inside the transactions: %q, want 2", got)
		}

		// A key changed between WATCH and EXEC: the transaction fails, nothing published.
		other := newClient(t, s, 0)
		err := c.Watch(ctx, func(tx *redis.Tx) error {
			if err := other.Set(ctx, "order:id", "100", 0).Err(); err != nil {
				return err
			}
			_, err := tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
				pipe.Publish(ctx, "orders", "never")
				return nil
			})
			return err
		}, "order:id")
		if err != redis.TxFailedErr {
			t.Fatalf("Watch: %v, want TxFailedErr", err)
		}
		if n, err := other.Publish(ctx, "orders", "after").Result(); err != nil || n != 1 {
			t.Fatalf("PUBLISH after: %d %v", n, err)
		}
		if m, err := ps.ReceiveMessage(ctx); err != nil || m.Payload != "after" {
			t.Errorf("the next message is %+v (%v), want \"after\": the failed EXEC published", m, err)
		}
	})
}

// TestPubSubMultiRedisCLI: a transaction typed into redis-cli publishes to a
// `redis-cli SUBSCRIBE` running beside it; redis-cli prints what Redis makes it print.
func TestPubSubMultiRedisCLI(t *testing.T) {
	bin, err := exec.LookPath("redis-cli")
	if err != nil {
		t.Fatalf("redis-cli is not on PATH (apt-get install redis-tools): %v", err)
	}
	in := []byte("MULTI\nINCR n\nPUBLISH alerts disk\nPUBSUB NUMSUB alerts\nEXEC\n")
	oracleAddr := startOracle(t)
	_, port, _ := net.SplitHostPort(oracleAddr)
	op, _ := strconv.Atoi(port)
	run := func(s *server) (string, string) {
		sub := exec.Command(bin, "-h", "127.0.0.1", "-p", strconv.Itoa(s.port), "SUBSCRIBE", "alerts")
		out, err := sub.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := sub.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() {
			sub.Process.Kill()
			sub.Wait()
		}()
		lines := make(chan string, 64)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		read := func(n int) string {
			var got []string
			for len(got) < n {
				select {
				case l, ok := <-lines:
					if !ok {
						t.Fatalf("redis-cli SUBSCRIBE ended; got %q", got)
					}
					got = append(got, l)
				case <-time.After(2 * time.Minute):
					t.Fatalf("redis-cli SUBSCRIBE printed only %q", got)
				}
			}
			return strings.Join(got, "|")
		}
		if got := read(3); got != "subscribe|alerts|1" {
			t.Fatalf("confirmation: %q", got)
		}
		tx := redisCLI(t, s, in, "--no-raw")
		return tx, read(3)
	}
	wantTx, wantMsg := run(&server{port: op})
	if wantMsg != "message|alerts|disk" {
		t.Fatalf("Redis's subscriber printed %q", wantMsg)
	}
	forEachPath(t, func(t *testing.T, p path) {
		tx, msg := run(startServer(t, p))
		if tx != wantTx || msg != wantMsg {
			t.Errorf("redis-cli: transaction %q and subscriber %q, Redis %q and %q", tx, msg, wantTx, wantMsg)
		}
	})
}

// clientLines is CLIENT LIST parsed: name -> field -> value.
func clientLines(t *testing.T, c *conn, args ...string) map[string]map[string]string {
	t.Helper()
	out := map[string]map[string]string{}
	body := strings.TrimSuffix(bulk(t, c.do(append([]string{"CLIENT", "LIST"}, args...)...)), "\n")
	if body == "" {
		return out
	}
	for _, line := range strings.Split(body, "\n") {
		_, v := clientFields(t, line)
		out[v["name"]] = v
	}
	return out
}

// TestClientListAndInfoSeeRegistries: what CLIENT LIST and INFO say of subscribed and
// blocked clients, field by field as Redis says it: flags P and b, sub= and psub=,
// cmd=blpop, TYPE pubsub, INFO's blocked_clients, pubsub_channels and pubsub_patterns
// (distinct patterns); and how they change when a client is served, RESETs, is killed.
func TestClientListAndInfoSeeRegistries(t *testing.T) {
	oracle := startOracle(t)
	look := func(t *testing.T, addr string) []string {
		named := func(name string, cmds ...[]string) *conn {
			c := dial(t, addr)
			c.do("CLIENT", "SETNAME", name)
			for _, cmd := range cmds {
				c.write(encode(cmd...))
			}
			return c
		}
		sub := named("sub", []string{"SUBSCRIBE", "c1"}, []string{"PSUBSCRIBE", "p*", "q*"})
		sub.read()
		sub.read()
		sub.read()
		psub := named("psub", []string{"PSUBSCRIBE", "p*"})
		psub.read()
		r3 := named("r3", []string{"HELLO", "3"}, []string{"SUBSCRIBE", "c1", "c2"})
		r3.read()
		r3.read()
		r3.read()
		multi := named("multi", []string{"MULTI"}, []string{"SET", "x", "1"})
		multi.read()
		multi.read()
		blocked := named("blocked", []string{"BLPOP", "q", "0"})
		me := named("me")
		var out []string
		fields := []string{"flags", "db", "sub", "psub", "ssub", "multi", "cmd", "resp"}
		show := func(when string, args ...string) {
			l := clientLines(t, me, args...)
			for _, name := range []string{"sub", "psub", "r3", "multi", "blocked", "me"} {
				f := l[name]
				if f == nil {
					continue
				}
				line := when + " " + name + ":"
				for _, k := range fields {
					line += " " + k + "=" + f[k]
				}
				out = append(out, line)
			}
			var names []string
			for name := range l {
				if name != "" { // not a readiness probe on its way out
					names = append(names, name)
				}
			}
			out = append(out, when+" listed: "+strings.Join(sortedStrings(names), ","))
			for _, kv := range [][2]string{{"clients", "blocked_clients"}, {"stats", "pubsub_channels"}, {"stats", "pubsub_patterns"}} {
				out = append(out, when+" "+kv[1]+":"+infoValue(t, me, kv[0], kv[1]))
			}
		}
		// The blocked client's BLPOP has reached the server once INFO says so (it is
		// the only client that can block here).
		deadline := time.Now().Add(ioTimeout)
		for infoValue(t, me, "clients", "blocked_clients") != "1" && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		show("start")
		show("pubsub", "TYPE", "pubsub")
		show("normal", "TYPE", "normal")
		// Served: its BLPOP replies, and it is blocked no more.
		me.do("RPUSH", "q", "v")
		blocked.read()
		show("served")
		// RESET leaves every subscription at once.
		if r := sub.do("RESET"); r != "+RESET\r\n" {
			t.Fatalf("RESET: %q", r)
		}
		show("reset")
		// CLIENT KILL TYPE pubsub closes the subscribers; their subscriptions go with
		// their connections (asynchronously: wait for the counts to settle).
		out = append(out, "kill "+me.do("CLIENT", "KILL", "TYPE", "pubsub"))
		for _, c := range []*conn{psub, r3} {
			if closed, _ := c.expectClosed(ioTimeout); !closed {
				t.Fatalf("a killed subscriber stayed open")
			}
		}
		deadline = time.Now().Add(ioTimeout)
		for (infoValue(t, me, "stats", "pubsub_channels") != "0" ||
			infoValue(t, me, "stats", "pubsub_patterns") != "0") && time.Now().Before(deadline) {
			time.Sleep(10 * time.Millisecond)
		}
		show("killed")
		return out
	}
	want := look(t, oracle)
	forEachPath(t, func(t *testing.T, p path) {
		got := look(t, startServer(t, p).addr())
		if strings.Join(got, "\n") != strings.Join(want, "\n") {
			for i := range want {
				if i >= len(got) || got[i] != want[i] {
					g := ""
					if i < len(got) {
						g = got[i]
					}
					t.Errorf("line %d:\n got   %s\n Redis %s", i, g, want[i])
				}
			}
			t.Fatalf("sqlettuce:\n%s\nRedis:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	})
}

func sortedStrings(s []string) []string {
	out := append([]string(nil), s...)
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j] < out[j-1]; j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}
