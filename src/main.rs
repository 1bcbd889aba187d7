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
    /// Serve the web app and JSON API.
    Serve(cmd::serve::Args),
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    match cli.command {
        Command::Parse(args) => cmd::parse::run(args),
        Command::Demo(args) => cmd::demo::run(args),
        Command::Serve(args) => cmd::serve::run(args),
    }
}
