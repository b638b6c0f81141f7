//! Database tables of Gongkai.
//!
//! `tables/` holds one file per table and nothing else, so a table can be regenerated or edited
//! without touching behaviour. String enums shared by tables and the API live in `enums`; the
//! marker trait that ties a row to its unit lives in `scope`.

pub mod enums;
pub mod scope;
pub mod tables;

pub use tables::*;
