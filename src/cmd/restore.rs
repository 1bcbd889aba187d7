//! `trienkhai restore IN`: put a backup made by `trienkhai backup` back.
//! SQLite: the backup file replaces the (absent or empty) target file.
//! PostgreSQL: `pg_restore --clean --if-exists` into the target database.

use std::path::PathBuf;

use anyhow::{Context, bail};

use super::migrate::{DbArgs, runtime};

/// Arguments of `trienkhai restore`.
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    db: DbArgs,
    /// The backup file to restore.
    input: PathBuf,
    /// Replace a database that already holds data.
    #[arg(long)]
    force: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    if !args.input.is_file() {
        bail!("{} is not a backup file", args.input.display());
    }
    let url = args.db.db.clone();
    if let Some(path) = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))
    {
        let path = PathBuf::from(path.split('?').next().unwrap_or(path));
        let occupied = path.exists()
            && std::fs::metadata(&path)
                .map(|m| m.len() > 0)
                .unwrap_or(false);
        if occupied && !args.force {
            bail!(
                "{} already holds a database: pass --force to replace it",
                path.display()
            );
        }
        for suffix in ["-wal", "-shm"] {
            let side = PathBuf::from(format!("{}{suffix}", path.display()));
            if side.exists() {
                std::fs::remove_file(&side)
                    .with_context(|| format!("removing {}", side.display()))?;
            }
        }
        let tmp = PathBuf::from(format!("{}.restoring", path.display()));
        std::fs::copy(&args.input, &tmp).context("copying the backup")?;
        std::fs::rename(&tmp, &path).context("moving the restored file into place")?;
    } else {
        let mut cmd = std::process::Command::new("pg_restore");
        cmd.arg("--clean")
            .arg("--if-exists")
            .arg("--no-owner")
            .arg("--dbname")
            .arg(&url)
            .arg(&args.input);
        match cmd.status() {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                bail!(
                    "pg_restore is not installed: install PostgreSQL's client tools (Debian: postgresql-client)"
                )
            }
            Err(e) => return Err(e).context("running pg_restore"),
            Ok(s) if !s.success() => bail!("pg_restore failed ({s})"),
            Ok(_) => {}
        }
    }
    runtime()?.block_on(async {
        let s = store::Store::open(&url)
            .await
            .context("opening the restored database")?;
        let verdict = s.audit_verify().await?;
        s.audit_note(
            "cli",
            "database",
            0,
            "restore",
            &serde_json::json!({"from": args.input.display().to_string()}),
        )
        .await?;
        s.close().await;
        println!(
            "restored {} into {url}; audit chain: {verdict:?}",
            args.input.display()
        );
        Ok(())
    })
}
