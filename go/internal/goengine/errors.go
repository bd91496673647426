package goengine

import (
	"bytes"
	"strings"
)

// replyError is an error the client sees: "-" + its text. Command code returns these as
// ordinary Go errors; any other error is an internal failure (SQLite) that fails the
// whole batch. Every text is Redis 7's, byte for byte: clients compare them.
type replyError string

func (e replyError) Error() string { return string(e) }

// Fixed texts (shared.* objects in Redis's server.c, and addReplyError literals).
const (
	errSyntax               replyError = "ERR syntax error"
	errNotAllowedInMulti    replyError = "ERR Command not allowed inside a transaction"
	errNoShutdownInProgress replyError = "ERR No shutdown in progress."
	errWrongType            replyError = "WRONGTYPE Operation against a key holding the wrong kind of value"
	errNotInteger           replyError = "ERR value is not an integer or out of range"
	errNotFloat             replyError = "ERR value is not a valid float"
	errOverflow             replyError = "ERR increment or decrement would overflow"
	errDecrOverflow         replyError = "ERR decrement would overflow"
	errNaNOrInf             replyError = "ERR increment would produce NaN or Infinity"
	errNoSuchKey            replyError = "ERR no such key"
	errSameObject           replyError = "ERR source and destination objects are the same"
	errDBIndex              replyError = "ERR DB index is out of range"
	errOffsetRange          replyError = "ERR offset is out of range"
	errStringTooLong        replyError = "ERR string exceeds maximum allowed size (proto-max-bulk-len)"
	// Bitmaps: SETBIT/GETBIT/BITFIELD offsets (not an integer, negative, or past
	// proto-max-bulk-len), SETBIT's value, BITPOS's bit, BITOP NOT, BITFIELD's grammar.
	errBitOffset         replyError = "ERR bit offset is not an integer or out of range"
	errBitValue          replyError = "ERR bit is not an integer or out of range"
	errBitArgument       replyError = "ERR The bit argument must be 1 or 0."
	errBitopNotSingleKey replyError = "ERR BITOP NOT must be called with a single source key."
	errBitfieldType      replyError = "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is."
	errBitfieldOverflow  replyError = "ERR Invalid OVERFLOW type specified"
	errBitfieldRoGetOnly replyError = "ERR BITFIELD_RO only supports the GET subcommand"
	errInvalidCursor     replyError = "ERR invalid cursor"
	errExpireNXWithAny   replyError = "ERR NX and XX, GT or LT options at the same time are not compatible"
	errExpireGTAndLT     replyError = "ERR GT and LT options at the same time are not compatible"
	errClientName        replyError = "ERR Client names cannot contain spaces, newlines or special characters."
	errHashNotInteger    replyError = "ERR hash value is not an integer"
	errHashNotFloat      replyError = "ERR hash value is not a float"
	errValueNaNOrInf     replyError = "ERR value is NaN or Infinity"
	// getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX): only LONG_MIN is refused.
	errLongRange       replyError = "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"
	errValueRange      replyError = "ERR value is out of range"
	errMustBePositive  replyError = "ERR value is out of range, must be positive"
	errNumkeysPositive replyError = "ERR numkeys should be greater than 0"
	errNumkeysTooMany  replyError = "ERR Number of keys can't be greater than number of args"
	errLimitNegative   replyError = "ERR LIMIT can't be negative"
	// Lists.
	errIndexRange     replyError = "ERR index out of range"
	errRankZero       replyError = "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list"
	errCountNegative  replyError = "ERR COUNT can't be negative"
	errMaxlenNegative replyError = "ERR MAXLEN can't be negative"
	errCountPositive  replyError = "ERR count should be greater than 0"
	// Blocking commands' timeout (getTimeoutFromObjectOrReply).
	errTimeoutNotFloat replyError = "ERR timeout is not a float or out of range"
	errTimeoutNegative replyError = "ERR timeout is negative"
	// Sorted sets.
	errZaddXXAndNX     replyError = "ERR XX and NX options at the same time are not compatible"
	errZaddGTLTNX      replyError = "ERR GT, LT, and/or NX options at the same time are not compatible"
	errZaddIncrPairs   replyError = "ERR INCR option supports a single increment-element pair"
	errScoreNaN        replyError = "ERR resulting score is not a number (NaN)"
	errMinMaxNotFloat  replyError = "ERR min or max is not a float"
	errMinMaxNotLex    replyError = "ERR min or max not valid string range item"
	errLimitNeedsBy    replyError = "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"
	errWithscoresBylex replyError = "ERR syntax error, WITHSCORES not supported in combination with BYLEX"
	errWeightNotFloat  replyError = "ERR weight value is not a float"
	errWrongPass       replyError = "WRONGPASS invalid username-password pair or user is disabled."
	errProtoVersion    replyError = "ERR Protocol version is not an integer or out of range"
	// getIntFromObjectOrReply: an integer outside C int.
	errIntRange replyError = "ERR value is out of range, value must between -2147483648 and 2147483647"
	// Transactions.
	errExecWithoutMulti    replyError = "ERR EXEC without MULTI"
	errDiscardWithoutMulti replyError = "ERR DISCARD without MULTI"
	errMultiNested         replyError = "ERR MULTI calls can not be nested"
	errWatchInMulti        replyError = "ERR WATCH inside MULTI is not allowed"
	errExecAbort           replyError = "EXECABORT Transaction discarded because of previous errors."
	// SWAPDB's indexes that do not parse.
	errInvalidFirstDB  replyError = "ERR invalid first DB index"
	errInvalidSecondDB replyError = "ERR invalid second DB index"
	// Redis's answer to HELLO 1/4; HELLO 3 gets it too until RESP3 lands.
	errNoProto replyError = "NOPROTO unsupported protocol version"
)

// Texts that quote the command or the user's input.

func errArity(fullName string) replyError {
	return replyError("ERR wrong number of arguments for '" + fullName + "' command")
}

// errNoInputKeys is zunionInterDiffGenericCommand's numkeys < 1.
func errNoInputKeys(fullName string) replyError {
	return replyError("ERR at least 1 input key is needed for '" + fullName + "' command")
}

func errInvalidExpire(fullName string) replyError {
	return replyError("ERR invalid expire time in '" + fullName + "' command")
}

func errUnsupportedOption(opt []byte) replyError {
	return replyError("ERR Unsupported option " + string(cString(opt)))
}

func errHelloOption(opt []byte) replyError {
	return replyError("ERR Syntax error in HELLO option '" + string(cString(opt)) + "'")
}

func errSetinfoOption(attr []byte) replyError {
	return replyError("ERR Unrecognized option '" + string(cString(attr)) + "'")
}

func errSetinfoValue(attr []byte) replyError {
	return replyError("ERR " + string(cString(attr)) + " cannot contain spaces, newlines or special characters.")
}

// errUnknownSubcommand is processCommand's text for a container command (CLIENT, CONFIG,
// COMMAND) with a subcommand the table lacks: "%.128s" of the subcommand and the command
// name in upper case.
func errUnknownSubcommand(cmd, sub []byte) replyError {
	return replyError("ERR unknown subcommand '" + string(cTrunc(sub, 128)) +
		"'. Try " + strings.ToUpper(string(cString(cmd))) + " HELP.")
}

// errUnknownCommand is processCommand's text: the name as "%.128s", then each argument as
// "'%.*s' " while the list is shorter than 128 bytes, each cut to what is left of 128.
func errUnknownCommand(argv [][]byte) replyError {
	var args []byte
	for i := 1; i < len(argv) && len(args) < 128; i++ {
		args = append(args, '\'')
		args = append(args, cTrunc(argv[i], 128-len(args)+1)...)
		args = append(args, '\'', ' ')
	}
	return replyError("ERR unknown command '" + string(cTrunc(argv[0], 128)) +
		"', with args beginning with: " + string(args))
}

// cString is what C's %s sees of a Redis string: the bytes before the first NUL.
func cString(b []byte) []byte {
	if i := bytes.IndexByte(b, 0); i >= 0 {
		return b[:i]
	}
	return b
}

// cTrunc is %.Ns: at most n bytes, stopping at a NUL.
func cTrunc(b []byte, n int) []byte {
	b = cString(b)
	if n < 0 {
		n = 0
	}
	if len(b) > n {
		b = b[:n]
	}
	return b
}

// Connection and server administration (AUTH, CLIENT, CONFIG, OBJECT, DEBUG, WAIT).
const (
	errNoAuth           replyError = "NOAUTH Authentication required."
	errHelloNoAuth      replyError = "NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time"
	errAuthNoPassword   replyError = "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?"
	errNoSuchClient     replyError = "ERR No such client"
	errClientIDPositive replyError = "ERR client-id should be greater than 0"
	errInvalidClientID  replyError = "ERR Invalid client ID"
	errNoConfigFile     replyError = "ERR The server is running without a config file"
	errLFUNotSelected   replyError = "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust."
	errLFUSelected      replyError = "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust."
	errTimeoutNotInt    replyError = "ERR timeout is not an integer or out of range"
)

func errUnknownClientType(t []byte) replyError {
	return replyError("ERR Unknown client type '" + string(cString(t)) + "'")
}

func errNoSuchUser(u []byte) replyError {
	return replyError("ERR No such user '" + string(cString(u)) + "'")
}

func errConfigSetUnknown(name []byte) replyError {
	return replyError("ERR Unknown option or number of arguments for CONFIG SET - '" + string(cString(name)) + "'")
}

func errConfigSetFailed(name []byte, why string) replyError {
	return replyError("ERR CONFIG SET failed (possibly related to argument '" + string(cString(name)) + "') - " + why)
}

func errDebugSubcommand(sub []byte) replyError {
	return replyError("ERR unknown subcommand or wrong number of arguments for '" + string(cString(sub)) + "'. Try DEBUG HELP.")
}

// errNotInSubscribeContext refuses a command in RESP2 subscribe mode, by its full name.
func errNotInSubscribeContext(name string) replyError {
	return replyError("ERR Can't execute '" + name + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context")
}
