//! `trienkhai search`: find documents, units and tasks, typed with or
//! without diacritics, by number in any common writing.

use std::path::{Path, PathBuf};

use anyhow::Context;
use search::store_source::StoreSource;
use search::{Query, Search, SearchError};

/// Arguments of `trienkhai search`.
#[derive(clap::Args)]
pub struct Args {
    /// What to look for: `ket luan 57`, `57-KL/TW`, `"thông tin đối ngoại"`.
    #[arg(required = true)]
    query: Vec<String>,
    /// Print one JSON object per result line, best first.
    #[arg(long)]
    json: bool,
    /// Database URL (`sqlite://PATH` or `postgres://…`).
    #[arg(long, env = "TRIENKHAI_DB", default_value = store::DEFAULT_URL)]
    db: String,
    /// Index directory (default: beside an SQLite database, `<db>.index`).
    #[arg(long, env = "TRIENKHAI_INDEX")]
    index: Option<PathBuf>,
    /// Number of results.
    #[arg(long, default_value_t = 10)]
    limit: usize,
}

/// Where the index of a database lives: `--index`, else beside an SQLite
/// file (`trienkhai.db.index/`), else `trienkhai.index/` in the working
/// directory (PostgreSQL: each app instance keeps its own).
pub fn index_dir(db: &str, explicit: Option<&Path>) -> PathBuf {
    if let Some(p) = explicit {
        return p.to_path_buf();
    }
    let path = db
        .strip_prefix("sqlite://")
        .or_else(|| db.strip_prefix("sqlite:"))
        .map(|p| p.split('?').next().unwrap_or(p))
        .filter(|p| !p.is_empty() && !p.contains(":memory:"));
    match path {
        Some(p) => PathBuf::from(format!("{p}.index")),
        None => PathBuf::from("trienkhai.index"),
    }
}

/// Opens the index and brings it up to date with the store. Another
/// process writing the same index (a running server) is not an error: the
/// index is then searched as that process keeps it.
pub async fn open_current(store: &store::Store, dir: &Path) -> anyhow::Result<Search> {
    let search =
        Search::open(dir).with_context(|| format!("opening the search index {}", dir.display()))?;
    match search.catch_up(&StoreSource::new(store.clone())).await {
        Ok(_) | Err(SearchError::Busy) => Ok(search),
        Err(e) => Err(e).context("bringing the search index up to date"),
    }
}

/// The snippet as plain text on one line: `<mark>` shown as «», entities
/// decoded.
fn plain(snippet: &str) -> String {
    snippet
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace("<mark>", "«")
        .replace("</mark>", "»")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
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
        let search = open_current(&store, &dir).await?;
        let text = args.query.join(" ");
        let results = search.query(&Query {
            text: text.clone(),
            limit: args.limit,
            ..Query::default()
        })?;
        if args.json {
            for hit in &results.hits {
                println!("{}", serde_json::to_string(hit)?);
            }
            return Ok(());
        }
        println!("{} kết quả cho «{}»", results.total, text);
        for (i, h) in results.hits.iter().enumerate() {
            let label = match h.kind {
                search::EntityKind::Unit => "Đơn vị".to_owned(),
                search::EntityKind::Task => "Nhiệm vụ".to_owned(),
                _ => h.doc_type.clone().unwrap_or_else(|| "Văn bản".to_owned()),
            };
            let number = h
                .number
                .as_deref()
                .map(|n| format!(" {n}"))
                .unwrap_or_default();
            println!("{:>3}. {label}{number}: {}", i + 1, h.title);
            if !h.snippet.is_empty() {
                println!("     {}", plain(&h.snippet));
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_lives_beside_an_sqlite_database() {
        assert_eq!(
            index_dir("sqlite://data/t.db", None),
            PathBuf::from("data/t.db.index")
        );
        assert_eq!(
            index_dir("sqlite:t.db?mode=rwc", None),
            PathBuf::from("t.db.index")
        );
        assert_eq!(
            index_dir("postgres://u@h/db", None),
            PathBuf::from("trienkhai.index")
        );
        assert_eq!(
            index_dir("postgres://u@h/db", Some(Path::new("/x"))),
            PathBuf::from("/x")
        );
    }

    #[test]
    fn marks_become_guillemets() {
        assert_eq!(plain("a <mark>b</mark>\n &amp; c"), "a «b» & c");
    }
}
