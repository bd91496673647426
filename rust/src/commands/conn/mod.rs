//! Connection commands: the handshake clients send on connect, and per-client state.

pub mod auth;
pub mod client;
pub mod client_admin;
pub mod echo;
pub mod hello;
pub mod ping;
pub mod quit;
pub mod reset;
pub mod select;
