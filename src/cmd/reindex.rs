//! `trienkhai reindex`: rebuild the search index from the store's change
//! log, with a progress display.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use search::Search;
use search::store_source::StoreSource;

use crate::cmd::search::index_dir;

/// Arguments of `trienkhai reindex`.
#[derive(clap::Args)]
pub struct Args {
    /// Database URL (`sqlite://PATH` or `postgres://…`).
    #[arg(long, env = "TRIENKHAI_DB", default_value = store::DEFAULT_URL)]
    db: String,
    /// Index directory (default: beside an SQLite database, `<db>.index`).
    #[arg(long, env = "TRIENKHAI_INDEX")]
    index: Option<PathBuf>,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    rt.block_on(async {
        let store = store::Store::open(&args.db)
            .await
            .with_context(|| format!("opening the database {}", args.db))?;
        let dir = index_dir(&args.db, args.index.as_deref());
        let search = Search::open(&dir)
            .with_context(|| format!("opening the search index {}", dir.display()))?;
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {pos} thay đổi đã đọc ({per_sec}, {elapsed})",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(Duration::from_millis(120));
        let started = std::time::Instant::now();
        let read = search
            .rebuild(&StoreSource::new(store), &mut |n| {
                bar.set_position(n as u64)
            })
            .await
            .context("rebuilding the search index (is `trienkhai serve` running on it?)")?;
        bar.finish_and_clear();
        println!(
            "Đã lập lại chỉ mục tìm kiếm {}: {} mục từ {} thay đổi trong {:.1} giây.",
            dir.display(),
            search.num_entities(),
            read,
            started.elapsed().as_secs_f64()
        );
        Ok(())
    })
}
