//! `trienkhai-load`: a small HTTP load generator for trienkhai's own
//! benchmarks (like `oha`, but with a request counter substituted into the
//! URL and body so that each request checks in a different member).
//!
//! ```text
//! trienkhai-load --url 'http://127.0.0.1:8080/api/checkins' --method POST \
//!     --header 'Authorization: Bearer …' --body '{"session_id":1,"member_id":{n}}' \
//!     --from 1000 --requests 200000 --concurrency 64
//! ```
//!
//! Prints one JSON line: requests, non-2xx, errors, elapsed, requests/s and
//! latency percentiles (ms). Every loop is bounded by `--requests` and
//! `--max-seconds`; only loopback targets are accepted.

use std::{
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use anyhow::{Context, bail};
use clap::Parser;
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;

/// Command-line arguments.
#[derive(Parser)]
#[command(
    name = "trienkhai-load",
    about = "HTTP load generator for trienkhai benchmarks"
)]
struct Args {
    /// Target URL; `{n}` is replaced by the request's number.
    #[arg(long)]
    url: String,
    /// HTTP method.
    #[arg(long, default_value = "GET")]
    method: String,
    /// Request body; `{n}` is replaced by the request's number.
    #[arg(long, default_value = "")]
    body: String,
    /// Extra header `Name: value` (repeatable).
    #[arg(long)]
    header: Vec<String>,
    /// First request number.
    #[arg(long, default_value_t = 0)]
    from: u64,
    /// Requests to send in all.
    #[arg(long, default_value_t = 10_000)]
    requests: u64,
    /// Concurrent connections (each keeps one request in flight).
    #[arg(long, default_value_t = 32)]
    concurrency: usize,
    /// Stop after this many seconds even if requests remain.
    #[arg(long, default_value_t = 120)]
    max_seconds: u64,
    /// A label printed in the output line.
    #[arg(long, default_value = "http")]
    name: String,
}

struct Target {
    host: String,
    port: u16,
    path: String,
}

fn parse_url(url: &str) -> anyhow::Result<Target> {
    let rest = url
        .strip_prefix("http://")
        .context("only http:// URLs are supported")?;
    let (authority, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let (host, port) = match authority.rsplit_once(':') {
        Some((h, p)) => (h.to_owned(), p.parse().context("bad port")?),
        None => (authority.to_owned(), 80),
    };
    let loopback = host == "localhost" || host.starts_with("127.") || host == "[::1]";
    if !loopback {
        bail!("refusing to load a non-loopback host: {host}");
    }
    Ok(Target {
        host,
        port,
        path: path.to_owned(),
    })
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let target = Arc::new(parse_url(&args.url)?);
    let headers: Vec<(String, String)> = args
        .header
        .iter()
        .filter_map(|h| h.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let headers = Arc::new(headers);
    let next = Arc::new(AtomicU64::new(0));
    let deadline = Instant::now() + Duration::from_secs(args.max_seconds);
    let start = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..args.concurrency {
        let target = target.clone();
        let headers = headers.clone();
        let next = next.clone();
        let (method, body_t, path_t) =
            (args.method.clone(), args.body.clone(), target.path.clone());
        let (from, total) = (args.from, args.requests);
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let (mut non2xx, mut errors) = (0u64, 0u64);
            let addr = format!("{}:{}", target.host, target.port);
            let mut sender = None;
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= total || Instant::now() > deadline {
                    break;
                }
                let n = (from + i).to_string();
                if sender.is_none() {
                    let Ok(stream) = tokio::net::TcpStream::connect(&addr).await else {
                        errors += 1;
                        continue;
                    };
                    let _ = stream.set_nodelay(true);
                    let Ok((s, conn)) =
                        hyper::client::conn::http1::handshake(TokioIo::new(stream)).await
                    else {
                        errors += 1;
                        continue;
                    };
                    tokio::spawn(conn);
                    sender = Some(s);
                }
                let Some(s) = sender.as_mut() else { continue };
                let mut req = hyper::Request::builder()
                    .method(method.as_str())
                    .uri(path_t.replace("{n}", &n))
                    .header("host", addr.as_str());
                if !body_t.is_empty() {
                    let ct = if body_t.starts_with('{') {
                        "application/json"
                    } else {
                        "application/x-www-form-urlencoded"
                    };
                    req = req.header("content-type", ct);
                }
                for (k, v) in headers.iter() {
                    req = req.header(k.as_str(), v.as_str());
                }
                let Ok(req) = req.body(Full::new(Bytes::from(body_t.replace("{n}", &n)))) else {
                    errors += 1;
                    continue;
                };
                let t0 = Instant::now();
                match s.send_request(req).await {
                    Ok(res) => {
                        let ok = res.status().is_success() || res.status().is_redirection();
                        let _ = res.into_body().collect().await;
                        lat.push(t0.elapsed().as_micros() as u64);
                        if !ok {
                            non2xx += 1;
                        }
                    }
                    Err(_) => {
                        errors += 1;
                        sender = None;
                    }
                }
            }
            (lat, non2xx, errors)
        }));
    }
    let mut lat = Vec::new();
    let (mut non2xx, mut errors) = (0u64, 0u64);
    for t in tasks {
        let (l, n, e) = t.await?;
        lat.extend(l);
        non2xx += n;
        errors += e;
    }
    let elapsed = start.elapsed().as_secs_f64();
    lat.sort_unstable();
    let pct = |p: f64| -> f64 {
        if lat.is_empty() {
            return 0.0;
        }
        let i = ((lat.len() as f64 - 1.0) * p).round() as usize;
        lat[i.min(lat.len() - 1)] as f64 / 1000.0
    };
    let line = serde_json::json!({
        "bench": args.name,
        "requests": lat.len(),
        "non_2xx": non2xx,
        "errors": errors,
        "concurrency": args.concurrency,
        "elapsed_s": (elapsed * 1000.0).round() / 1000.0,
        "rps": ((lat.len() as f64 / elapsed) * 10.0).round() / 10.0,
        "p50_ms": pct(0.50),
        "p90_ms": pct(0.90),
        "p99_ms": pct(0.99),
        "max_ms": pct(1.0),
    });
    println!("{line}");
    Ok(())
}
