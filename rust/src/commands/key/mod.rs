//! Commands on keys of any type: existence, deletion, renaming, scanning, expiry.

pub mod copy;
pub mod del;
pub mod exists;
pub mod expire;
pub mod keys;
pub mod move_;
pub mod persist;
pub mod randomkey;
pub mod rename;
pub mod scan;
pub mod ttl;
pub mod type_;
