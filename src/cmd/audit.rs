//! `trienkhai audit verify`: recompute the audit hash chain.

use super::migrate::{DbArgs, open, runtime};

/// Arguments of `trienkhai audit`.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    action: Action,
}

#[derive(clap::Subcommand)]
enum Action {
    /// Verify the chain; exits non-zero naming the first bad entry.
    Verify {
        #[command(flatten)]
        db: DbArgs,
    },
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let Action::Verify { db } = args.action;
    runtime()?.block_on(async {
        let s = open(&db).await?;
        let verdict = s.audit_verify().await?;
        s.close().await;
        match verdict {
            store::AuditVerdict::Intact { entries } => {
                println!("audit log intact: {entries} entries verified");
                Ok(())
            }
            store::AuditVerdict::Broken { seq, reason } => {
                anyhow::bail!("audit log broken at entry {seq}: {reason}")
            }
        }
    })
}
