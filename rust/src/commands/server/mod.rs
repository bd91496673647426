//! Server commands: introspection (COMMAND, INFO, CONFIG GET, the HELP subcommands) and
//! whole-database ones.

pub mod command;
pub mod config;
pub mod dbsize;
pub mod debug;
pub mod flush;
pub mod help;
pub mod info;
pub mod object;
pub mod shutdown;
pub mod swapdb;
pub mod time;
pub mod wait;
