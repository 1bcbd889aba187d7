//! `trienkhai serve`: the web app and JSON API over a database.

use std::net::SocketAddr;

/// Arguments of `trienkhai serve`.
#[derive(clap::Args)]
pub struct Args {
    /// Database URL: sqlite://PATH or postgres://…
    #[arg(long, env = "TRIENKHAI_DB", default_value = store::DEFAULT_URL)]
    pub db: String,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,
    /// Search index directory (default: beside a SQLite file, `PATH.index`;
    /// `trienkhai.index` otherwise). Each server process keeps its own.
    #[arg(long, env = "TRIENKHAI_INDEX")]
    pub index: Option<std::path::PathBuf>,
    /// Serve without a search index (e.g. for load tests).
    #[arg(long)]
    pub no_search: bool,
    /// Mark cookies `Secure` (set when served behind https).
    #[arg(long, env = "TRIENKHAI_SECURE_COOKIES")]
    pub secure_cookies: bool,
}

/// Runs the command.
pub fn run(args: Args) -> anyhow::Result<()> {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let store = store::Store::open(&args.db).await?;
        eprintln!(
            "trienkhai: serving {} on http://{}",
            redact(&args.db),
            args.listen
        );
        let index = (!args.no_search).then(|| args.index.unwrap_or_else(|| index_dir(&args.db)));
        serve(store, args.listen, args.secure_cookies, index).await
    })
}

/// The default search index directory for a database URL.
pub fn index_dir(db: &str) -> std::path::PathBuf {
    match db
        .strip_prefix("sqlite://")
        .or_else(|| db.strip_prefix("sqlite:"))
    {
        Some(path) => {
            let path = path.split('?').next().unwrap_or(path);
            std::path::PathBuf::from(format!("{path}.index"))
        }
        None => std::path::PathBuf::from("trienkhai.index"),
    }
}

/// Serves `store` on `listen` until Ctrl-C, with a search index kept
/// current in `index` (search is off if it cannot be opened).
pub async fn serve(
    store: store::Store,
    listen: SocketAddr,
    secure: bool,
    index: Option<std::path::PathBuf>,
) -> anyhow::Result<()> {
    let mut state = web::AppState::new(store, env!("CARGO_PKG_VERSION"));
    state.secure_cookies = secure;
    if let Some(dir) = index {
        match std::fs::create_dir_all(&dir)
            .map_err(|e| e.to_string())
            .and_then(|()| search::Search::open(&dir).map_err(|e| e.to_string()))
        {
            Ok(s) => state = state.with_search(std::sync::Arc::new(s)),
            Err(e) => eprintln!("trienkhai: search is off ({}: {e})", dir.display()),
        }
    }
    let app = web::router(state);
    web::serve(app, listen, async {
        let _ = tokio::signal::ctrl_c().await;
        eprintln!("trienkhai: stopping");
    })
    .await?;
    Ok(())
}

/// A database URL without its password, for logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..s + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_hidden_from_logs() {
        assert_eq!(
            super::redact("postgres://u:secret@h:5432/db"),
            "postgres://u:***@h:5432/db"
        );
        assert_eq!(super::redact("sqlite://x.db"), "sqlite://x.db");
    }
}
