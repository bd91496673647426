package e2e

import (
	"errors"
	"strconv"
	"sync"
	"testing"

	"github.com/redis/go-redis/v9"
)

// The reply tables of MULTI/EXEC/WATCH, MOVE and SWAPDB live in tests/cases (305-310,
// replayed on every path by TestSharedCases). These tests drive transactions the way
// applications do: go-redis's TxPipelined and Watch, concurrent writers, and redis-cli.

// TestGoRedisTransactions: TxPipelined runs its commands in MULTI/EXEC and returns each
// reply; a runtime error is that command's error while the others run; Watch fails with
// TxFailedErr when another client changes the key inside the callback.
func TestGoRedisTransactions(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		ctx := ctxT(t)
		c := newClient(t, s, 0)
		other := newClient(t, s, 0)

		cmds, err := c.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.Set(ctx, "a", "1", 0)
			pipe.Incr(ctx, "a")
			pipe.RPush(ctx, "l", "x", "y")
			pipe.Get(ctx, "a")
			return nil
		})
		if err != nil || len(cmds) != 4 {
			t.Fatalf("TxPipelined: %d replies, %v", len(cmds), err)
		}
		if got := cmds[1].(*redis.IntCmd).Val(); got != 2 {
			t.Errorf("INCR inside the transaction: %d, want 2", got)
		}
		if got := cmds[3].(*redis.StringCmd).Val(); got != "2" {
			t.Errorf("GET inside the transaction: %q, want 2", got)
		}

		// A runtime error does not roll back the others.
		cmds, err = c.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
			pipe.Incr(ctx, "l") // WRONGTYPE
			pipe.Incr(ctx, "a")
			return nil
		})
		if err == nil || len(cmds) != 2 || cmds[0].Err() == nil || cmds[1].Err() != nil {
			t.Fatalf("TxPipelined with a WRONGTYPE: err %v, replies %v", err, cmds)
		}
		if got, _ := c.Get(ctx, "a").Result(); got != "3" {
			t.Errorf("a after the transaction with an error: %q, want 3", got)
		}

		// Watch: a key changed by another client between WATCH and EXEC aborts.
		err = c.Watch(ctx, func(tx *redis.Tx) error {
			if _, err := tx.Get(ctx, "a").Result(); err != nil {
				return err
			}
			if err := other.Set(ctx, "a", "changed", 0).Err(); err != nil {
				return err
			}
			_, err := tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
				pipe.Set(ctx, "a", "mine", 0)
				return nil
			})
			return err
		}, "a")
		if !errors.Is(err, redis.TxFailedErr) {
			t.Fatalf("Watch with a concurrent write: %v, want TxFailedErr", err)
		}
		if got, _ := c.Get(ctx, "a").Result(); got != "changed" {
			t.Errorf("a after the aborted transaction: %q, want changed", got)
		}
		// Unchanged: it commits.
		err = c.Watch(ctx, func(tx *redis.Tx) error {
			_, err := tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
				pipe.Set(ctx, "a", "mine", 0)
				return nil
			})
			return err
		}, "a")
		if err != nil {
			t.Fatalf("Watch without a concurrent write: %v", err)
		}
		if got, _ := c.Get(ctx, "a").Result(); got != "mine" {
			t.Errorf("a after the committed transaction: %q, want mine", got)
		}
		s.alive(t)
	})
}

// TestWatchOptimisticCounter: N clients each add 1 to a counter k times with the
// optimistic-lock recipe (WATCH, GET, MULTI, SET, EXEC; retry on a null EXEC). Every
// increment must land exactly once: the counter ends at N*k. Lost updates would mean an
// EXEC ran although its watched key changed; a missing count an increment lost.
func TestWatchOptimisticCounter(t *testing.T) {
	const clients, increments = 8, 25
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		ctx := ctxT(t)
		c := newClient(t, s, 0)
		var wg sync.WaitGroup
		var mu sync.Mutex
		retries := 0
		errs := make(chan error, clients)
		for range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range increments {
					for {
						err := c.Watch(ctx, func(tx *redis.Tx) error {
							n, err := tx.Get(ctx, "counter").Int()
							if err != nil && !errors.Is(err, redis.Nil) {
								return err
							}
							_, err = tx.TxPipelined(ctx, func(pipe redis.Pipeliner) error {
								pipe.Set(ctx, "counter", strconv.Itoa(n+1), 0)
								return nil
							})
							return err
						}, "counter")
						if err == nil {
							break
						}
						if !errors.Is(err, redis.TxFailedErr) {
							errs <- err
							return
						}
						mu.Lock()
						retries++
						mu.Unlock()
					}
				}
			}()
		}
		wg.Wait()
		close(errs)
		for err := range errs {
			t.Fatalf("a client failed: %v", err)
		}
		got, err := c.Get(ctx, "counter").Int()
		if err != nil || got != clients*increments {
			t.Fatalf("counter: %d (%v), want %d", got, err, clients*increments)
		}
		t.Logf("%d increments by %d clients, %d retries after a null EXEC", got, clients, retries)
		s.alive(t)
	})
}

// TestRedisCLITransaction: a transaction typed into redis-cli, raw and --no-raw
// (outputs recorded from redis-cli 7.0.15 against redis-server 7.0.15).
func TestRedisCLITransaction(t *testing.T) {
	forEachPath(t, func(t *testing.T, p path) {
		s := startServer(t, p)
		in := []byte("MULTI\nINCR c\nSET d x\nLPUSH d y\nEXEC\n")
		wrongType := "WRONGTYPE Operation against a key holding the wrong kind of value"
		if got, want := redisCLI(t, s, in), "OK\nQUEUED\nQUEUED\nQUEUED\n1\nOK\n"+wrongType+"\n\n"; got != want {
			t.Errorf("raw: got %q, want %q", got, want)
		}
		want := "OK\nQUEUED\nQUEUED\nQUEUED\n1) (integer) 2\n2) OK\n3) (error) " + wrongType + "\n"
		if got := redisCLI(t, s, in, "--no-raw"); got != want {
			t.Errorf("--no-raw: got %q, want %q", got, want)
		}
	})
}
