//! `trienkhai backup OUT`: an online, consistent copy of the database.
//! SQLite: `VACUUM INTO` (a transactionally consistent snapshot while the
//! app keeps running). PostgreSQL: `pg_dump --format=custom`.

use std::path::PathBuf;

use anyhow::{Context, bail};

use super::migrate::{DbArgs, open, runtime};

/// Arguments of `trienkhai backup`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// The backup file to write (must not exist).
    out: PathBuf,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    if args.out.exists() {
        bail!("{} already exists: choose a new file", args.out.display());
    }
    runtime()?.block_on(async {
        let s = open(&args.db).await?;
        if let Some(p) = s.sqlite_pool() {
            let out = args.out.to_str().context("backup path is not UTF-8")?;
            sqlx_vacuum_into(p, out).await?;
        } else {
            pg_dump(&args.db.db, &args.out)?;
        }
        s.close().await;
        let size = std::fs::metadata(&args.out).map(|m| m.len()).unwrap_or(0);
        println!("backup written to {} ({} bytes)", args.out.display(), size);
        Ok(())
    })
}

async fn sqlx_vacuum_into(p: &store::SqlitePool, out: &str) -> anyhow::Result<()> {
    store::sqlite_vacuum_into(p, out)
        .await
        .context("VACUUM INTO")
}

fn pg_dump(url: &str, out: &std::path::Path) -> anyhow::Result<()> {
    let status = std::process::Command::new("pg_dump")
        .arg("--format=custom")
        .arg("--file")
        .arg(out)
        .arg("--dbname")
        .arg(url)
        .status();
    match status {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            bail!(
                "pg_dump is not installed: install PostgreSQL's client tools (Debian: postgresql-client) to back up a PostgreSQL database"
            )
        }
        Err(e) => Err(e).context("running pg_dump"),
        Ok(s) if !s.success() => bail!("pg_dump failed ({s})"),
        Ok(_) => Ok(()),
    }
}
