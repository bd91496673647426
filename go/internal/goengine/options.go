package goengine

import "math"

// Declarative option grammars. Each table reads like the command's syntax line: a token,
// the bit it sets, the bits it cannot be combined with, and whether a value follows.
// parseOptions then behaves like Redis's parseExtendedStringArgumentsOrReply: a token
// whose conflicts are already set, or that needs a value at the end of the line, or
// that the command does not know, is "ERR syntax error". A token may repeat (the last
// value wins), as in Redis.

type optBits uint16

const (
	optNX optBits = 1 << iota
	optXX
	optGet
	optKeepTTL
	optPersist
	optEX
	optPX
	optEXAT
	optPXAT
)

// optExpire is any of the four expiry forms.
const optExpire = optEX | optPX | optEXAT | optPXAT

type option struct {
	token     string
	bit       optBits
	conflicts optBits
	hasValue  bool
}

// setOptions: SET key value [NX | XX] [GET] [EX seconds | PX milliseconds |
// EXAT unix-time-seconds | PXAT unix-time-milliseconds | KEEPTTL]
var setOptions = []option{
	{"NX", optNX, optXX, false},
	{"XX", optXX, optNX, false},
	{"GET", optGet, 0, false},
	{"KEEPTTL", optKeepTTL, optPersist | optExpire, false},
	{"EX", optEX, optKeepTTL | optPersist | optExpire&^optEX, true},
	{"PX", optPX, optKeepTTL | optPersist | optExpire&^optPX, true},
	{"EXAT", optEXAT, optKeepTTL | optPersist | optExpire&^optEXAT, true},
	{"PXAT", optPXAT, optKeepTTL | optPersist | optExpire&^optPXAT, true},
}

// getexOptions: GETEX key [EX seconds | PX milliseconds | EXAT unix-time-seconds |
// PXAT unix-time-milliseconds | PERSIST]
var getexOptions = []option{
	{"PERSIST", optPersist, optKeepTTL | optExpire, false},
	{"EX", optEX, optKeepTTL | optPersist | optExpire&^optEX, true},
	{"PX", optPX, optKeepTTL | optPersist | optExpire&^optPX, true},
	{"EXAT", optEXAT, optKeepTTL | optPersist | optExpire&^optEXAT, true},
	{"PXAT", optPXAT, optKeepTTL | optPersist | optExpire&^optPXAT, true},
}

// parseOptions reads args against a grammar and returns the bits set and the value of
// the (last) option that takes one.
func parseOptions(args [][]byte, grammar []option) (bits optBits, value []byte, err error) {
	for i := 0; i < len(args); i++ {
		o := matchOption(args[i], grammar)
		if o == nil || bits&o.conflicts != 0 || (o.hasValue && i == len(args)-1) {
			return 0, nil, errSyntax
		}
		bits |= o.bit
		if o.hasValue {
			i++
			value = args[i]
		}
	}
	return bits, value, nil
}

// matchOption compares like Redis's strcasecmp on C strings: bytes after a NUL are
// ignored.
func matchOption(arg []byte, grammar []option) *option {
	arg = cString(arg)
	for i := range grammar {
		if equalFold(arg, grammar[i].token) {
			return &grammar[i]
		}
	}
	return nil
}

// expireMillis is getExpireMillisecondsOrReply: the option's value as a unix time in ms.
// Zero, negative and overflowing values are "invalid expire time in '<cmd>' command".
func (c *cmd) expireMillis(v []byte, bits optBits) (int64, error) {
	ms, err := parseInt(v)
	if err != nil {
		return 0, err
	}
	seconds := bits&(optEX|optEXAT) != 0
	if ms <= 0 || (seconds && ms > math.MaxInt64/1000) {
		return 0, errInvalidExpire(c.name)
	}
	if seconds {
		ms *= 1000
	}
	if bits&(optEX|optPX) != 0 {
		ms += c.now // wraps on overflow, as in Redis, and is caught below
	}
	if ms <= 0 {
		return 0, errInvalidExpire(c.name)
	}
	return ms, nil
}

// Options of EXPIRE, PEXPIRE, EXPIREAT and PEXPIREAT: [NX | XX | GT | LT].
const (
	expNX optBits = 1 << iota
	expXX
	expGT
	expLT
)

var expireOptions = []option{{"NX", expNX, 0, false}, {"XX", expXX, 0, false},
	{"GT", expGT, 0, false}, {"LT", expLT, 0, false}}

// parseExpireOptions is parseExtendedExpireArgumentsOrReply: unknown words first, then
// the two compatibility rules, each with its own text.
func parseExpireOptions(args [][]byte) (optBits, error) {
	var bits optBits
	for _, a := range args {
		o := matchOption(a, expireOptions)
		if o == nil {
			return 0, errUnsupportedOption(a)
		}
		bits |= o.bit
	}
	if bits&expNX != 0 && bits&(expXX|expGT|expLT) != 0 {
		return 0, errExpireNXWithAny
	}
	if bits&expGT != 0 && bits&expLT != 0 {
		return 0, errExpireGTAndLT
	}
	return bits, nil
}

// equalFold compares ASCII case-insensitively without allocating.
func equalFold(b []byte, s string) bool {
	if len(b) != len(s) {
		return false
	}
	for i := 0; i < len(b); i++ {
		if lowerByte(b[i]) != lowerByte(s[i]) {
			return false
		}
	}
	return true
}
