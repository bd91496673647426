package e2e

import (
	"bufio"
	"fmt"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"
)

// Pub/sub over TCP on every path, with several connections: raw RESP (exact bytes,
// recorded from redis-server 7.0.15), go-redis v9 and redis-cli. A SUBSCRIBE's
// confirmation is queued after the subscription is in the registry, so once a client has
// read it, every later PUBLISH reaches it: no timing is assumed.

func msg(channel, payload string) string {
	return fmt.Sprintf("*3\r\n$7\r\nmessage\r\n$%d\r\n%s\r\n$%d\r\n%s\r\n", len(channel), channel, len(payload), payload)
}

func TestPubSubRaw(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		sub, pub := s.dial(t), s.dial(t)
		if got := sub.do("SUBSCRIBE", "news", "sport"); got != "*3\r\n$9\r\nsubscribe\r\n$4\r\nnews\r\n:1\r\n" {
			t.Fatalf("SUBSCRIBE: %q", got)
		}
		if got := sub.read(); got != "*3\r\n$9\r\nsubscribe\r\n$5\r\nsport\r\n:2\r\n" {
			t.Fatalf("SUBSCRIBE second: %q", got)
		}
		if got := sub.do("PSUBSCRIBE", "n*"); got != "*3\r\n$10\r\npsubscribe\r\n$2\r\nn*\r\n:3\r\n" {
			t.Fatalf("PSUBSCRIBE: %q", got)
		}
		// Both the channel and the pattern deliver: two receivers.
		if got := pub.do("PUBLISH", "news", "hello"); got != ":2\r\n" {
			t.Errorf("PUBLISH news: %q", got)
		}
		if got := sub.read(); got != msg("news", "hello") {
			t.Errorf("message: %q", got)
		}
		if got := sub.read(); got != "*4\r\n$8\r\npmessage\r\n$2\r\nn*\r\n$4\r\nnews\r\n$5\r\nhello\r\n" {
			t.Errorf("pmessage: %q", got)
		}
		if got := pub.do("PUBLISH", "nobody", "x"); got != ":1\r\n" { // n* matches
			t.Errorf("PUBLISH nobody: %q", got)
		}
		sub.read()
		if got := pub.do("PUBLISH", "zzz", "x"); got != ":0\r\n" {
			t.Errorf("PUBLISH zzz: %q", got)
		}
		// Introspection from another connection.
		if got := pub.do("PUBSUB", "NUMSUB", "news", "none"); got != "*4\r\n$4\r\nnews\r\n:1\r\n$4\r\nnone\r\n:0\r\n" {
			t.Errorf("NUMSUB: %q", got)
		}
		if got := pub.do("PUBSUB", "NUMPAT"); got != ":1\r\n" {
			t.Errorf("NUMPAT: %q", got)
		}
		if got := pub.do("PUBSUB", "CHANNELS"); got != "*2\r\n$4\r\nnews\r\n$5\r\nsport\r\n" {
			t.Errorf("CHANNELS: %q", got)
		}
		if got := pub.do("PUBSUB", "CHANNELS", "s*"); got != "*1\r\n$5\r\nsport\r\n" {
			t.Errorf("CHANNELS s*: %q", got)
		}
		if got := pub.do("PUBSUB", "CHANNELS", "a", "b"); got != "-ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP.\r\n" {
			t.Errorf("CHANNELS a b: %q", got)
		}
		// Subscribe mode: only the pub/sub commands, PING, QUIT and RESET run.
		for cmd, want := range map[string]string{
			"GET":     "-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n",
			"PUBLISH": "-ERR Can't execute 'publish': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n",
			"PUBSUB":  "-ERR Can't execute 'pubsub|numpat': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n",
			"BLPOP":   "-ERR Can't execute 'blpop': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context\r\n",
		} {
			args := map[string][]string{"GET": {"GET", "k"}, "PUBLISH": {"PUBLISH", "a", "b"},
				"PUBSUB": {"PUBSUB", "NUMPAT"}, "BLPOP": {"BLPOP", "q", "0"}}[cmd]
			if got := sub.do(args...); got != want {
				t.Errorf("%s in subscribe mode: %q", cmd, got)
			}
		}
		if got := sub.do("NOSUCH", "x"); got != "-ERR unknown command 'NOSUCH', with args beginning with: 'x' \r\n" {
			t.Errorf("unknown command first: %q", got)
		}
		if got := sub.do("GET"); got != "-ERR wrong number of arguments for 'get' command\r\n" {
			t.Errorf("arity first: %q", got)
		}
		if got := sub.do("PING"); got != "*2\r\n$4\r\npong\r\n$0\r\n\r\n" {
			t.Errorf("PING: %q", got)
		}
		if got := sub.do("PING", "hi"); got != "*2\r\n$4\r\npong\r\n$2\r\nhi\r\n" {
			t.Errorf("PING hi: %q", got)
		}
		// UNSUBSCRIBE without arguments leaves every channel (in some order), then
		// PUNSUBSCRIBE; out of subscribe mode, commands run again.
		sub.write(encode("UNSUBSCRIBE"))
		got := []string{sub.read(), sub.read()}
		want1 := "*3\r\n$11\r\nunsubscribe\r\n$4\r\nnews\r\n:"
		want2 := "*3\r\n$11\r\nunsubscribe\r\n$5\r\nsport\r\n:"
		if !(strings.HasPrefix(got[0], want1) && strings.HasPrefix(got[1], want2) ||
			strings.HasPrefix(got[0], want2) && strings.HasPrefix(got[1], want1)) ||
			!strings.HasSuffix(got[0], ":2\r\n") || !strings.HasSuffix(got[1], ":1\r\n") {
			t.Errorf("UNSUBSCRIBE: %q", got)
		}
		if got := sub.do("PUNSUBSCRIBE"); got != "*3\r\n$12\r\npunsubscribe\r\n$2\r\nn*\r\n:0\r\n" {
			t.Errorf("PUNSUBSCRIBE: %q", got)
		}
		if got := sub.do("PING"); got != "+PONG\r\n" {
			t.Errorf("PING after: %q", got)
		}
		if got := sub.do("UNSUBSCRIBE"); got != "*3\r\n$11\r\nunsubscribe\r\n$-1\r\n:0\r\n" {
			t.Errorf("UNSUBSCRIBE with nothing: %q", got)
		}
		if got := pub.do("PUBSUB", "NUMPAT"); got != ":0\r\n" {
			t.Errorf("NUMPAT after: %q", got)
		}
		if got := sub.do("SUBSCRIBE"); got != "-ERR wrong number of arguments for 'subscribe' command\r\n" {
			t.Errorf("SUBSCRIBE no args: %q", got)
		}
		// A pipeline around PUBLISH keeps its order, in a write batch too.
		pub.write([]byte(string(encode("SET", "k", "v")) + string(encode("PUBLISH", "c", "m")) + string(encode("GET", "k"))))
		if got := pub.read() + pub.read() + pub.read(); got != "+OK\r\n:0\r\n$1\r\nv\r\n" {
			t.Errorf("pipeline with PUBLISH: %q", got)
		}
	})
}

// TestPubSubOrderAndFanOut: several subscribers each get every message of several
// concurrent publishers, each publisher's messages in publish order.
func TestPubSubOrderAndFanOut(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		const subs, pubs, perPub = 5, 4, 200
		conns := make([]*conn, subs)
		for i := range conns {
			conns[i] = s.dial(t)
			if got := conns[i].do("PSUBSCRIBE", "feed.*"); !strings.HasPrefix(got, "*3\r\n$10\r\npsubscribe") {
				t.Fatalf("PSUBSCRIBE: %q", got)
			}
		}
		var wg sync.WaitGroup
		for w := 0; w < pubs; w++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				c := newClient(t, s, 0)
				for i := 0; i < perPub; i++ {
					if n, err := c.Publish(ctxT(t), fmt.Sprintf("feed.%d", w), strconv.Itoa(i)).Result(); err != nil || n != subs {
						t.Errorf("PUBLISH: %d %v", n, err)
						return
					}
				}
			}()
		}
		for i, c := range conns {
			next := make([]int, pubs)
			for k := 0; k < pubs*perPub; k++ {
				r := mustParse(t, c.read())
				if len(r.arr) != 4 {
					t.Fatalf("subscriber %d: not a pmessage: %+v", i, r)
				}
				w, _ := strconv.Atoi(strings.TrimPrefix(r.arr[2].str, "feed."))
				n, _ := strconv.Atoi(r.arr[3].str)
				if n != next[w] {
					t.Fatalf("subscriber %d: publisher %d message %d, want %d", i, w, n, next[w])
				}
				next[w]++
			}
		}
		wg.Wait()
	})
}

func TestPubSubGoRedis(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		ctx := ctxT(t)
		c := newClient(t, s, 0)
		ps := c.Subscribe(ctx, "orders")
		defer ps.Close()
		if v, err := ps.Receive(ctx); err != nil {
			t.Fatalf("subscribe: %v", err)
		} else if sub, ok := v.(*redis.Subscription); !ok || sub.Kind != "subscribe" || sub.Channel != "orders" || sub.Count != 1 {
			t.Fatalf("subscribe confirmation: %#v", v)
		}
		if err := ps.PSubscribe(ctx, "ord*"); err != nil {
			t.Fatal(err)
		}
		if v, err := ps.Receive(ctx); err != nil {
			t.Fatal(err)
		} else if sub, ok := v.(*redis.Subscription); !ok || sub.Kind != "psubscribe" || sub.Count != 2 {
			t.Fatalf("psubscribe confirmation: %#v", v)
		}
		if n, err := c.Publish(ctx, "orders", "o1").Result(); err != nil || n != 2 {
			t.Errorf("PUBLISH: %d %v", n, err)
		}
		got := map[string]bool{}
		for i := 0; i < 2; i++ {
			m, err := ps.ReceiveMessage(ctx)
			if err != nil {
				t.Fatal(err)
			}
			got[m.Pattern+"|"+m.Channel+"|"+m.Payload] = true
		}
		if !got["|orders|o1"] || !got["ord*|orders|o1"] {
			t.Errorf("messages: %v", got)
		}
		if n, err := c.PubSubNumSub(ctx, "orders").Result(); err != nil || n["orders"] != 1 {
			t.Errorf("NUMSUB: %v %v", n, err)
		}
		if n, err := c.PubSubNumPat(ctx).Result(); err != nil || n != 1 {
			t.Errorf("NUMPAT: %d %v", n, err)
		}
		if ch, err := c.PubSubChannels(ctx, "*").Result(); err != nil || !equalStrings(ch, []string{"orders"}) {
			t.Errorf("CHANNELS: %q %v", ch, err)
		}
		// go-redis PINGs a subscribed connection to check it: the reply is [pong, ""].
		if err := ps.Ping(ctx); err != nil {
			t.Errorf("PING while subscribed: %v", err)
		}
		if v, err := ps.Receive(ctx); err != nil {
			t.Errorf("pong: %v", err)
		} else if _, ok := v.(*redis.Pong); !ok {
			t.Errorf("pong: %#v", v)
		}
		if err := ps.Unsubscribe(ctx); err != nil {
			t.Fatal(err)
		}
		if v, err := ps.Receive(ctx); err != nil {
			t.Fatal(err)
		} else if sub, ok := v.(*redis.Subscription); !ok || sub.Kind != "unsubscribe" || sub.Count != 1 {
			t.Errorf("unsubscribe: %#v", v)
		}
	})
}

// TestPubSubRedisCLI runs `redis-cli SUBSCRIBE` as a subprocess and reads what it prints
// for a few published messages.
func TestPubSubRedisCLI(t *testing.T) {
	bin, err := exec.LookPath("redis-cli")
	if err != nil {
		t.Fatalf("redis-cli is not on PATH (apt-get install redis-tools): %v", err)
	}
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		cmd := exec.Command(bin, "-h", "127.0.0.1", "-p", strconv.Itoa(s.port), "SUBSCRIBE", "alerts")
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		defer func() {
			cmd.Process.Kill()
			cmd.Wait()
		}()
		lines := make(chan string, 64)
		go func() {
			sc := bufio.NewScanner(out)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		read := func(n int) []string {
			var got []string
			for len(got) < n {
				select {
				case l, ok := <-lines:
					if !ok {
						t.Fatalf("redis-cli ended; got %q", got)
					}
					got = append(got, l)
				case <-time.After(2 * time.Minute):
					t.Fatalf("redis-cli printed only %q", got)
				}
			}
			return got
		}
		// Recorded from redis-cli 7.0.15 (raw output, stdout not a terminal).
		if got := strings.Join(read(3), "|"); got != "subscribe|alerts|1" {
			t.Fatalf("confirmation: %q", got)
		}
		pub := s.dial(t)
		for i := 1; i <= 3; i++ {
			if got := pub.do("PUBLISH", "alerts", fmt.Sprint("disk ", i)); got != ":1\r\n" {
				t.Errorf("PUBLISH: %q", got)
			}
		}
		want := "message|alerts|disk 1|message|alerts|disk 2|message|alerts|disk 3"
		if got := strings.Join(read(9), "|"); got != want {
			t.Errorf("messages: %q, want %q", got, want)
		}
	})
}
