//! Connection commands: the handshake clients send on connect, and per-client state.

pub mod client;
pub mod echo;
pub mod hello;
pub mod ping;
pub mod quit;
pub mod select;
