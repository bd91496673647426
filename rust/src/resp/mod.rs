//! RESP2: the request parser (parse.rs) and the reply values with their one encoder
//! (reply.rs).

pub mod parse;
pub mod reply;

pub use parse::{parse_command, Parsed};
pub use reply::Reply;
