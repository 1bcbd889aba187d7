//! One module per subcommand.

pub mod audit;
pub mod backup;
pub mod demo;
pub mod r#gen;
pub mod import;
pub mod migrate;
pub mod parse;
pub mod reindex;
pub mod restore;
pub mod serve;
pub mod search;
