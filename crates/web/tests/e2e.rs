//! End-to-end tests in a real headless Chromium (`TRIENKHAI_E2E=1`).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use support::browser::{Browser, enabled};

async fn start_app() -> (String, support::app::World) {
    let w = support::app::World::new().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(web::serve_on(
        w.app.clone(),
        listener,
        std::future::pending(),
    ));
    (format!("http://{addr}"), w)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn home_page_renders_vietnamese_in_a_phone_sized_browser() {
    if !enabled("home_page_renders_vietnamese_in_a_phone_sized_browser") {
        return;
    }
    let (base, _w) = start_app().await;
    let b = Browser::start(390, 844).await;
    b.client.goto(&format!("{base}/signin")).await.unwrap();
    let h1 = b.client.find(fantoccini::Locator::Css("h1")).await.unwrap();
    assert_eq!(h1.text().await.unwrap(), "Đăng nhập");
    let shot = b.shot("home-phone").await;
    assert!(std::fs::metadata(shot).unwrap().len() > 1000);
}
