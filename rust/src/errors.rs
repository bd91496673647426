//! Every error a client can see, as values, with Redis 7's exact text in one place.
//! Clients compare these strings, so wording is copied from Redis, never invented
//! (except for sqlettuce's own storage failures, which Redis has no text for).

use std::borrow::Cow;

/// A command (or protocol) failure that becomes one `-...` reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    WrongType,
    NotInteger,
    /// getIntFromObjectOrReply: an integer outside C int.
    IntOutOfRange,
    NotFloat,
    Syntax,
    /// A command with the table's no_multi flag inside MULTI.
    NotAllowedInMulti,
    /// SHUTDOWN ABORT with no shutdown in progress.
    NoShutdownInProgress,
    Overflow,
    DecrementOverflow,
    NanOrInfinity,
    NoSuchKey,
    SameObject,
    /// `invalid expire time in '<command>' command`, named by the table's full name.
    InvalidExpire(&'static str),
    StringTooLong,
    OffsetOutOfRange,
    /// SETBIT/GETBIT/BITFIELD offsets: not an integer, negative, or past proto-max-bulk-len.
    BitOffset,
    /// SETBIT's value: neither 0 nor 1.
    BitValue,
    /// BITPOS's bit: neither 0 nor 1.
    BitArgument,
    BitopNotSingleKey,
    BitfieldType,
    BitfieldOverflowType,
    BitfieldRoGetOnly,
    InvalidCursor,
    DbOutOfRange,
    ExpireNxConflict,
    ExpireGtLtConflict,
    UnsupportedOption(Vec<u8>),
    /// HINCRBY on a field that is not a string2ll integer.
    HashValueNotInteger,
    /// HINCRBYFLOAT on a field that is not a string2ld number.
    HashValueNotFloat,
    /// HINCRBYFLOAT's increment is inf (checked before the key).
    ValueNanOrInfinity,
    /// getRangeLongFromObjectOrReply(-LONG_MAX, LONG_MAX): only LONG_MIN is refused.
    LongOutOfRange,
    /// HRANDFIELD ... WITHVALUES with a count whose double would overflow.
    ValueOutOfRange,
    /// SPOP's count: getPositiveLongFromObjectOrReply with Redis's message.
    MustBePositive,
    /// SINTERCARD's numkeys.
    NumkeysNotPositive,
    NumkeysTooMany,
    /// SINTERCARD's LIMIT.
    LimitNegative,
    /// LSET past either end.
    IndexOutOfRange,
    /// LPOS options.
    RankZero,
    CountNegative,
    MaxlenNegative,
    /// LMPOP/ZMPOP's COUNT.
    CountNotPositive,
    /// A blocking command's timeout (getTimeoutFromObjectOrReply).
    TimeoutNotFloat,
    TimeoutNegative,
    /// A command other than (P|S)SUBSCRIBE, (P|S)UNSUBSCRIBE, PING, QUIT, RESET in RESP2
    /// subscribe mode, named by the table's full name.
    NotInSubscribeContext(String),
    /// ZADD's flag rules.
    ZaddXxAndNx,
    ZaddGtLtNx,
    ZaddIncrPairs,
    /// ZADD INCR / ZINCRBY: inf + -inf.
    ScoreNan,
    /// A score range (ZCOUNT, BYSCORE...) that does not parse.
    MinMaxNotFloat,
    /// A lex range (ZLEXCOUNT, BYLEX...) that does not parse.
    MinMaxNotLex,
    /// ZRANGE's option rules.
    LimitNeedsByscoreOrBylex,
    WithscoresWithBylex,
    /// ZUNION/ZINTER WEIGHTS.
    WeightNotFloat,
    /// `at least 1 input key is needed for '<command>' command`, by the table's name.
    NoInputKeys(String),
    /// `wrong number of arguments for '<name>' command`, name as the table spells it.
    WrongArity(String),
    UnknownCommand {
        name: Vec<u8>,
        args: Vec<Vec<u8>>,
    },
    UnknownSubcommand {
        sub: Vec<u8>,
        container: String,
    },
    ClientNameChars,
    ClientAttrChars(Vec<u8>),
    UnrecognizedOption(Vec<u8>),
    ProtocolVersionNotInteger,
    NoProto,
    HelloSyntax(Vec<u8>),
    WrongPass,
    /// Transactions (MULTI/EXEC/WATCH).
    ExecWithoutMulti,
    DiscardWithoutMulti,
    MultiNested,
    WatchInMulti,
    /// EXEC after a command was refused while queueing.
    ExecAbort,
    /// EXEC itself refused inside MULTI (wrong arity): execCommandAbort's text.
    ExecAbortBecause(Box<Error>),
    /// SWAPDB's indexes that do not parse.
    InvalidFirstDb,
    InvalidSecondDb,
    /// A command before AUTH while requirepass is set.
    NoAuth,
    /// HELLO without AUTH before authenticating.
    HelloNoAuth,
    /// AUTH password while no requirepass is set.
    AuthNoPassword,
    NoSuchClient,
    ClientIdNotPositive,
    InvalidClientId,
    UnknownClientType(Vec<u8>),
    NoSuchUser(Vec<u8>),
    ConfigSetUnknown(Vec<u8>),
    /// CONFIG SET refused a value: the parameter and why.
    ConfigSetFailed(Vec<u8>, String),
    NoConfigFile,
    LfuNotSelected,
    LfuSelected,
    /// DEBUG with an unknown subcommand or the wrong arguments.
    DebugSubcommand(Vec<u8>),
    TimeoutNotInteger,
    Protocol(ProtocolError),
    /// SQLite failed under a command; Redis has no such error, so the text is ours.
    Storage(String),
    /// COMMIT failed: the whole batch is lost, every reply says so.
    CommitFailed(String),
    /// A Rust panic inside a command (reported, engine rolled back).
    Internal(String),
}

/// The framing errors of networking.c; each closes the connection after its reply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProtocolError {
    TooBigInline,
    UnbalancedQuotes,
    InvalidMultibulkLength,
    TooBigMbulkCount,
    TooBigBulkCount,
    ExpectedDollar(u8),
    InvalidBulkLength,
}

impl ProtocolError {
    pub fn text(&self) -> String {
        match self {
            ProtocolError::TooBigInline => "ERR Protocol error: too big inline request".into(),
            ProtocolError::UnbalancedQuotes => {
                "ERR Protocol error: unbalanced quotes in request".into()
            }
            ProtocolError::InvalidMultibulkLength => {
                "ERR Protocol error: invalid multibulk length".into()
            }
            ProtocolError::TooBigMbulkCount => {
                "ERR Protocol error: too big mbulk count string".into()
            }
            ProtocolError::TooBigBulkCount => {
                "ERR Protocol error: too big bulk count string".into()
            }
            ProtocolError::ExpectedDollar(c) => {
                format!("ERR Protocol error: expected '$', got '{}'", *c as char)
            }
            ProtocolError::InvalidBulkLength => "ERR Protocol error: invalid bulk length".into(),
        }
    }
}

/// Redis prints user bytes with `%s`/`%.*s`: C strings, so a NUL ends them.
fn c_str(b: &[u8]) -> &[u8] {
    match b.iter().position(|&c| c == 0) {
        Some(i) => &b[..i],
        None => b,
    }
}

/// Joins text and raw user bytes: error replies carry the bytes as Redis does, not a
/// lossy UTF-8 version of them.
fn cat(parts: &[&[u8]]) -> Cow<'static, [u8]> {
    Cow::Owned(parts.concat())
}

impl Error {
    /// The reply text without the leading `-` (the encoder adds it and removes CR/LF,
    /// as addReplyErrorLength does).
    pub fn text(&self) -> Cow<'static, [u8]> {
        use Error::*;
        match self {
            WrongType => Cow::Borrowed(
                "WRONGTYPE Operation against a key holding the wrong kind of value".as_bytes(),
            ),
            NotInteger => Cow::Borrowed("ERR value is not an integer or out of range".as_bytes()),
            IntOutOfRange => Cow::Borrowed(
                "ERR value is out of range, value must between -2147483648 and 2147483647"
                    .as_bytes(),
            ),
            NotFloat => Cow::Borrowed("ERR value is not a valid float".as_bytes()),
            Syntax => Cow::Borrowed("ERR syntax error".as_bytes()),
            NotAllowedInMulti => {
                Cow::Borrowed("ERR Command not allowed inside a transaction".as_bytes())
            }
            NoShutdownInProgress => Cow::Borrowed("ERR No shutdown in progress.".as_bytes()),
            Overflow => Cow::Borrowed("ERR increment or decrement would overflow".as_bytes()),
            DecrementOverflow => Cow::Borrowed("ERR decrement would overflow".as_bytes()),
            NanOrInfinity => {
                Cow::Borrowed("ERR increment would produce NaN or Infinity".as_bytes())
            }
            NoSuchKey => Cow::Borrowed("ERR no such key".as_bytes()),
            SameObject => {
                Cow::Borrowed("ERR source and destination objects are the same".as_bytes())
            }
            InvalidExpire(cmd) => {
                Cow::Owned(format!("ERR invalid expire time in '{cmd}' command").into_bytes())
            }
            StringTooLong => Cow::Borrowed(
                "ERR string exceeds maximum allowed size (proto-max-bulk-len)".as_bytes(),
            ),
            OffsetOutOfRange => Cow::Borrowed("ERR offset is out of range".as_bytes()),
            BitOffset => {
                Cow::Borrowed("ERR bit offset is not an integer or out of range".as_bytes())
            }
            BitValue => Cow::Borrowed("ERR bit is not an integer or out of range".as_bytes()),
            BitArgument => Cow::Borrowed("ERR The bit argument must be 1 or 0.".as_bytes()),
            BitopNotSingleKey => Cow::Borrowed(
                "ERR BITOP NOT must be called with a single source key.".as_bytes(),
            ),
            BitfieldType => Cow::Borrowed(
                "ERR Invalid bitfield type. Use something like i16 u8. Note that u64 is not supported but i64 is."
                    .as_bytes(),
            ),
            BitfieldOverflowType => {
                Cow::Borrowed("ERR Invalid OVERFLOW type specified".as_bytes())
            }
            BitfieldRoGetOnly => Cow::Borrowed(
                "ERR BITFIELD_RO only supports the GET subcommand".as_bytes(),
            ),
            InvalidCursor => Cow::Borrowed("ERR invalid cursor".as_bytes()),
            DbOutOfRange => Cow::Borrowed("ERR DB index is out of range".as_bytes()),
            ExpireNxConflict => Cow::Borrowed(
                "ERR NX and XX, GT or LT options at the same time are not compatible".as_bytes(),
            ),
            ExpireGtLtConflict => Cow::Borrowed(
                "ERR GT and LT options at the same time are not compatible".as_bytes(),
            ),
            UnsupportedOption(o) => cat(&[b"ERR Unsupported option ", c_str(o)]),
            HashValueNotInteger => Cow::Borrowed("ERR hash value is not an integer".as_bytes()),
            HashValueNotFloat => Cow::Borrowed("ERR hash value is not a float".as_bytes()),
            ValueNanOrInfinity => Cow::Borrowed("ERR value is NaN or Infinity".as_bytes()),
            LongOutOfRange => Cow::Borrowed(
                "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"
                    .as_bytes(),
            ),
            ValueOutOfRange => Cow::Borrowed("ERR value is out of range".as_bytes()),
            MustBePositive => {
                Cow::Borrowed("ERR value is out of range, must be positive".as_bytes())
            }
            NumkeysNotPositive => {
                Cow::Borrowed("ERR numkeys should be greater than 0".as_bytes())
            }
            NumkeysTooMany => Cow::Borrowed(
                "ERR Number of keys can't be greater than number of args".as_bytes(),
            ),
            LimitNegative => Cow::Borrowed("ERR LIMIT can't be negative".as_bytes()),
            IndexOutOfRange => Cow::Borrowed("ERR index out of range".as_bytes()),
            RankZero => Cow::Borrowed(
                "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list"
                    .as_bytes(),
            ),
            CountNegative => Cow::Borrowed("ERR COUNT can't be negative".as_bytes()),
            MaxlenNegative => Cow::Borrowed("ERR MAXLEN can't be negative".as_bytes()),
            CountNotPositive => Cow::Borrowed("ERR count should be greater than 0".as_bytes()),
            TimeoutNotFloat => {
                Cow::Borrowed("ERR timeout is not a float or out of range".as_bytes())
            }
            TimeoutNegative => Cow::Borrowed("ERR timeout is negative".as_bytes()),
            NotInSubscribeContext(name) => Cow::Owned(
                format!("ERR Can't execute '{name}': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context").into_bytes(),
            ),
            ZaddXxAndNx => Cow::Borrowed(
                "ERR XX and NX options at the same time are not compatible".as_bytes(),
            ),
            ZaddGtLtNx => Cow::Borrowed(
                "ERR GT, LT, and/or NX options at the same time are not compatible".as_bytes(),
            ),
            ZaddIncrPairs => Cow::Borrowed(
                "ERR INCR option supports a single increment-element pair".as_bytes(),
            ),
            ScoreNan => Cow::Borrowed("ERR resulting score is not a number (NaN)".as_bytes()),
            MinMaxNotFloat => Cow::Borrowed("ERR min or max is not a float".as_bytes()),
            MinMaxNotLex => {
                Cow::Borrowed("ERR min or max not valid string range item".as_bytes())
            }
            LimitNeedsByscoreOrBylex => Cow::Borrowed(
                "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"
                    .as_bytes(),
            ),
            WithscoresWithBylex => Cow::Borrowed(
                "ERR syntax error, WITHSCORES not supported in combination with BYLEX".as_bytes(),
            ),
            WeightNotFloat => Cow::Borrowed("ERR weight value is not a float".as_bytes()),
            NoInputKeys(cmd) => Cow::Owned(
                format!("ERR at least 1 input key is needed for '{cmd}' command").into_bytes(),
            ),
            WrongArity(name) => Cow::Owned(
                format!("ERR wrong number of arguments for '{name}' command").into_bytes(),
            ),
            UnknownCommand { name, args } => Cow::Owned(unknown_command(name, args)),
            UnknownSubcommand { sub, container } => cat(&[
                b"ERR unknown subcommand '",
                truncate(c_str(sub), 128),
                b"'. Try ",
                container.as_bytes(),
                b" HELP.",
            ]),
            ClientNameChars => Cow::Borrowed(
                "ERR Client names cannot contain spaces, newlines or special characters."
                    .as_bytes(),
            ),
            ClientAttrChars(attr) => cat(&[
                b"ERR ",
                c_str(attr),
                b" cannot contain spaces, newlines or special characters.",
            ]),
            UnrecognizedOption(o) => cat(&[b"ERR Unrecognized option '", c_str(o), b"'"]),
            ProtocolVersionNotInteger => {
                Cow::Borrowed("ERR Protocol version is not an integer or out of range".as_bytes())
            }
            NoProto => Cow::Borrowed("NOPROTO unsupported protocol version".as_bytes()),
            HelloSyntax(o) => cat(&[b"ERR Syntax error in HELLO option '", c_str(o), b"'"]),
            WrongPass => Cow::Borrowed(
                "WRONGPASS invalid username-password pair or user is disabled.".as_bytes(),
            ),
            ExecWithoutMulti => Cow::Borrowed("ERR EXEC without MULTI".as_bytes()),
            DiscardWithoutMulti => Cow::Borrowed("ERR DISCARD without MULTI".as_bytes()),
            MultiNested => Cow::Borrowed("ERR MULTI calls can not be nested".as_bytes()),
            WatchInMulti => Cow::Borrowed("ERR WATCH inside MULTI is not allowed".as_bytes()),
            ExecAbort => Cow::Borrowed(
                "EXECABORT Transaction discarded because of previous errors.".as_bytes(),
            ),
            ExecAbortBecause(e) => {
                // The reason is the error's text after its "ERR " prefix.
                let text = e.text();
                let reason = text.strip_prefix(b"ERR ".as_slice()).unwrap_or(&text);
                cat(&[b"EXECABORT Transaction discarded because of: ", reason])
            }
            InvalidFirstDb => Cow::Borrowed("ERR invalid first DB index".as_bytes()),
            InvalidSecondDb => Cow::Borrowed("ERR invalid second DB index".as_bytes()),
            NoAuth => Cow::Borrowed("NOAUTH Authentication required.".as_bytes()),
            HelloNoAuth => Cow::Borrowed(
                "NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO AUTH <user> <pass> option can be used to authenticate the client and select the RESP protocol version at the same time"
                    .as_bytes(),
            ),
            AuthNoPassword => Cow::Borrowed(
                "ERR AUTH <password> called without any password configured for the default user. Are you sure your configuration is correct?"
                    .as_bytes(),
            ),
            NoSuchClient => Cow::Borrowed("ERR No such client".as_bytes()),
            ClientIdNotPositive => {
                Cow::Borrowed("ERR client-id should be greater than 0".as_bytes())
            }
            InvalidClientId => Cow::Borrowed("ERR Invalid client ID".as_bytes()),
            UnknownClientType(t) => cat(&[b"ERR Unknown client type '", c_str(t), b"'"]),
            NoSuchUser(u) => cat(&[b"ERR No such user '", c_str(u), b"'"]),
            ConfigSetUnknown(name) => cat(&[
                b"ERR Unknown option or number of arguments for CONFIG SET - '",
                c_str(name),
                b"'",
            ]),
            ConfigSetFailed(name, why) => cat(&[
                b"ERR CONFIG SET failed (possibly related to argument '",
                c_str(name),
                b"') - ",
                why.as_bytes(),
            ]),
            NoConfigFile => {
                Cow::Borrowed("ERR The server is running without a config file".as_bytes())
            }
            LfuNotSelected => Cow::Borrowed(
                "ERR An LFU maxmemory policy is not selected, access frequency not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust."
                    .as_bytes(),
            ),
            LfuSelected => Cow::Borrowed(
                "ERR An LFU maxmemory policy is selected, idle time not tracked. Please note that when switching between policies at runtime LRU and LFU data will take some time to adjust."
                    .as_bytes(),
            ),
            DebugSubcommand(sub) => cat(&[
                b"ERR unknown subcommand or wrong number of arguments for '",
                c_str(sub),
                b"'. Try DEBUG HELP.",
            ]),
            TimeoutNotInteger => {
                Cow::Borrowed("ERR timeout is not an integer or out of range".as_bytes())
            }
            Protocol(p) => Cow::Owned(p.text().into_bytes()),
            Storage(m) => Cow::Owned(format!("ERR storage error: {m}").into_bytes()),
            CommitFailed(m) => Cow::Owned(
                format!("ERR commit failed, nothing in this batch was applied: {m}").into_bytes(),
            ),
            Internal(m) => Cow::Owned(format!("ERR internal error: {m}").into_bytes()),
        }
    }
}

fn truncate(b: &[u8], n: usize) -> &[u8] {
    &b[..b.len().min(n)]
}

/// processCommand's text: `unknown command '%.128s', with args beginning with: ` then
/// `'%.*s' ` per argument while the list is under 128 bytes, each cut to what is left.
fn unknown_command(name: &[u8], args: &[Vec<u8>]) -> Vec<u8> {
    let mut list: Vec<u8> = Vec::new();
    for a in args {
        if list.len() >= 128 {
            break;
        }
        let room = 128 - list.len();
        list.push(b'\'');
        list.extend_from_slice(truncate(c_str(a), room));
        list.extend_from_slice(b"' ");
    }
    [
        b"ERR unknown command '",
        truncate(c_str(name), 128),
        b"', with args beginning with: ",
        &list,
    ]
    .concat()
}

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        Error::Storage(e.to_string())
    }
}

/// What every handler returns.
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_command_text() {
        let e = Error::UnknownCommand {
            name: b"foo".to_vec(),
            args: vec![b"a".to_vec(), b"b".to_vec()],
        };
        assert_eq!(
            &*e.text(),
            b"ERR unknown command 'foo', with args beginning with: 'a' 'b' "
        );
        let e = Error::UnknownCommand {
            name: b"foo".to_vec(),
            args: vec![],
        };
        assert_eq!(
            &*e.text(),
            b"ERR unknown command 'foo', with args beginning with: "
        );
        let long = vec![b'x'; 200];
        let e = Error::UnknownCommand {
            name: b"f".to_vec(),
            args: vec![long.clone(), long],
        };
        let t = String::from_utf8(e.text().into_owned()).unwrap();
        assert!(t.ends_with(&format!("'{}' ", "x".repeat(128))));
    }
}
