//! String commands: the value lives in keys.value, so most touch one row.

pub mod append;
pub mod get;
pub mod getdel;
pub mod getex;
pub mod getrange;
pub mod getset;
pub mod incr;
pub mod incrbyfloat;
pub mod mget;
pub mod mset;
pub mod options;
pub mod set;
pub mod setrange;
pub mod strlen;

/// proto-max-bulk-len: no string may grow past it (APPEND, SETRANGE).
pub(crate) const MAX_STRING: u64 = 512 * 1024 * 1024;

/// checkStringLength: `size + append` over the limit (or overflowing) is refused.
pub fn check_length(size: u64, append: u64) -> crate::errors::Result<()> {
    match size.checked_add(append) {
        Some(total) if total <= MAX_STRING => Ok(()),
        _ => Err(crate::errors::Error::StringTooLong),
    }
}
