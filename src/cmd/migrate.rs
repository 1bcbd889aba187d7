//! `trienkhai migrate`: bring the database schema up to this binary's, and
//! the `--db` argument every store command shares.

use anyhow::Context;

/// The database to use: `--db URL` or `TRIENKHAI_DB`.
#[derive(clap::Args, Debug, Clone)]
pub struct DbArgs {
    /// Database URL: sqlite://PATH or postgres://USER@HOST/DB.
    #[arg(long, env = "TRIENKHAI_DB", default_value = store::DEFAULT_URL)]
    pub db: String,
}

/// Arguments of `trienkhai migrate`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
}

/// A multi-threaded runtime for one command.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")
}

/// Opens the store, refusing an outdated schema with the store's clear message.
pub async fn open(db: &DbArgs) -> anyhow::Result<store::Store> {
    store::Store::open(&db.db)
        .await
        .with_context(|| format!("opening {}", db.db))
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    runtime()?.block_on(async {
        let s = store::Store::connect(&args.db.db)
            .await
            .with_context(|| format!("connecting to {}", args.db.db))?;
        let before = s.schema_version().await?;
        let after = s.migrate().await.context("applying migrations")?;
        if before == after {
            println!("schema already current (version {after})");
        } else {
            println!("schema migrated from version {before} to {after}");
        }
        s.close().await;
        Ok(())
    })
}
