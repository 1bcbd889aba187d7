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
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse(args) => cmd::parse::run(args),
    }
}
