package goengine

import (
	"math/big"
	"time"

	"sqlettuce/go/internal/engine"
	"sqlettuce/go/internal/resp"
)

// What the blocking commands (BLPOP, BLMOVE, BZPOPMIN...) share: Redis's timeout
// argument, and blocking itself. A blocking command runs as its non-blocking form; when
// every key is empty it calls block, which records on the session what it waits for.
// The batch then stops just before the command (engine.ActionBlock) and the server's
// blocking registry runs it again once one of the keys holds a list or sorted set.

// parseTimeout is getTimeoutFromObjectOrReply in seconds: string2ld, then
// (long long) ceill(seconds * 1000), refused when negative. The x87 conversion of a
// value outside long long (inf, 1e30) gives LLONG_MIN, so those are "negative" too, and
// -0.0001 rounds up to 0: wait forever. It returns milliseconds, 0 meaning forever.
func parseTimeout(arg []byte) (int64, error) {
	f, err := parseLongDouble(arg)
	if err != nil {
		return 0, errTimeoutNotFloat
	}
	if f.IsInf() {
		return 0, errTimeoutNegative
	}
	// At long double precision (64 bits), as x87 multiplies.
	ms := new(big.Float).SetPrec(64).Mul(f, big.NewFloat(1000))
	i, acc := ms.Int(nil) // truncated toward zero
	if acc == big.Below && ms.Sign() > 0 {
		i.Add(i, big.NewInt(1)) // ceil for positive fractions
	}
	if !i.IsInt64() || i.Sign() < 0 {
		return 0, errTimeoutNegative
	}
	return i.Int64(), nil
}

// block is called when every key is empty: it records that the session waits on keys,
// or, inside EXEC (where Redis never blocks), returns inExec as the reply at once. The
// reply returned while blocking is never sent.
func (c *cmd) block(keys [][]byte, timeoutMs int64, inExec resp.Value) (resp.Value, error) {
	s := c.s
	if s.tx.inExec {
		return inExec, nil
	}
	// replyToBlockedClientTimedOut: a null array for lists and sorted sets alike (even
	// BLMOVE's, whose reply in EXEC is a null bulk). RESP3 (branch resp3): encode it
	// with the session's protocol, where both nulls are `_`.
	b := &engine.Block{DB: s.db, Timeout: time.Duration(timeoutMs) * time.Millisecond,
		TimeoutReply: resp.AppendProto(nil, resp.NullArray(), s.proto)}
	for _, k := range keys {
		b.Keys = append(b.Keys, append([]byte(nil), k...))
	}
	s.blocked = b
	return resp.NullArray(), nil
}
