//! The `trienkhai` command.

use clap::{Parser, Subcommand};

mod cmd;

/// trienkhai: follows a directive from issue to the last cell.
#[derive(Parser)]
#[command(name = "trienkhai", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse documents and print what was understood.
    Parse(cmd::parse::Args),
    /// Show the bundled sample cascade (until the web demo lands: as a tree).
    Demo(cmd::demo::Args),
    /// Apply pending database migrations.
    Migrate(cmd::migrate::Args),
    /// Generate a realistic synthetic country (demo, province or national scale).
    Gen(cmd::r#gen::Args),
    /// Import units, members (.xlsx/.csv) or documents.
    Import(cmd::import::Args),
    /// Write an online, consistent backup of the database.
    Backup(cmd::backup::Args),
    /// Restore a backup into a database.
    Restore(cmd::restore::Args),
    /// Check the hash-chained audit log.
    Audit(cmd::audit::Args),
    /// Serve the web app and JSON API.
    Serve(cmd::serve::Args),
    /// Search documents, units and tasks (with or without diacritics, any number writing).
    Search(cmd::search::Args),
    /// Rebuild the search index from the database's change log.
    Reindex(cmd::reindex::Args),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse(args) => cmd::parse::run(args),
        Command::Demo(args) => cmd::demo::run(args),
        Command::Migrate(args) => cmd::migrate::run(args),
        Command::Gen(args) => cmd::r#gen::run(args),
        Command::Import(args) => cmd::import::run(args),
        Command::Backup(args) => cmd::backup::run(args),
        Command::Restore(args) => cmd::restore::run(args),
        Command::Audit(args) => cmd::audit::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Search(args) => cmd::search::run(args),
        Command::Reindex(args) => cmd::reindex::run(args),
    }
}
