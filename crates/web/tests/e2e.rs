//! End-to-end tests in a real headless Chromium (`TRIENKHAI_E2E=1`):
//! sign in, upload a document, review, confirm and see it placed in the
//! cascade; create a session, check in through its QR URL on a 390×844
//! phone, and see the dashboard's coverage change. Screenshots go to
//! `target/e2e-screenshots/`.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

mod support;

use std::time::Duration;

use fantoccini::{Client, Locator};
use support::{
    app::{PASSWORD, World},
    browser::{Browser, enabled},
};

async fn start_app() -> (String, World) {
    let w = World::new().await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(web::serve_on(
        w.app.clone(),
        listener,
        std::future::pending(),
    ));
    (format!("http://{addr}"), w)
}

async fn sign_in(c: &Client, base: &str, user: &str) {
    c.goto(&format!("{base}/signin")).await.unwrap();
    c.find(Locator::Css("input[name=username]"))
        .await
        .unwrap()
        .send_keys(user)
        .await
        .unwrap();
    c.find(Locator::Css("input[name=password]"))
        .await
        .unwrap()
        .send_keys(PASSWORD)
        .await
        .unwrap();
    c.find(Locator::Css("main form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(c, "main h1").await;
}

async fn wait_for(c: &Client, css: &str) -> fantoccini::elements::Element {
    c.wait()
        .at_most(Duration::from_secs(15))
        .for_element(Locator::Css(css))
        .await
        .unwrap_or_else(|e| {
            let html = futures_block(c);
            panic!("{css} did not appear: {e}\n{html}")
        })
}

fn futures_block(c: &Client) -> String {
    let c = c.clone();
    std::thread::spawn(move || {
        tokio::runtime::Runtime::new()
            .unwrap()
            .block_on(async move { c.source().await.unwrap_or_default() })
    })
    .join()
    .unwrap_or_default()
    .chars()
    .take(3000)
    .collect()
}

async fn text(c: &Client, css: &str) -> String {
    wait_for(c, css).await.text().await.unwrap()
}

const PLAN: &str = "ĐẢNG BỘ TỈNH AN PHÚ\nĐẢNG ỦY XÃ AN LẠC\n*\nSố 15-KH/ĐU\n\nĐẢNG CỘNG SẢN VIỆT NAM\nAn Lạc, ngày {DATE}\n\nKẾ HOẠCH\nnghiên cứu, học tập, quán triệt Chỉ thị số 10-CT/TW của Ban Bí thư\n\nThực hiện Chỉ thị số 10-CT/TW của Ban Bí thư, Ban Thường vụ Đảng ủy xã xây dựng Kế hoạch như sau:\n\nI. MỤC ĐÍCH, YÊU CẦU\n\n1. Phấn đấu 100% cán bộ, đảng viên được học tập, quán triệt Chỉ thị.\n\nII. NỘI DUNG, HÌNH THỨC\n\n1. Văn phòng Đảng ủy chủ trì, phối hợp với các chi bộ tổ chức hội nghị học tập, hoàn thành trước ngày 30/11/2026.\n\n2. Các chi bộ báo cáo kết quả về Đảng ủy xã trước ngày 15/12/2026.\n\nT/M BAN THƯỜNG VỤ\nBÍ THƯ\n\nNguyễn Văn Bình\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn upload_review_confirm_and_see_the_document_placed_in_the_cascade() {
    if !enabled("upload_review_confirm_and_see_the_document_placed_in_the_cascade") {
        return;
    }
    let (base, w) = start_app().await;
    let b = Browser::start(1280, 900).await;
    let c = &b.client;
    sign_in(c, &base, "chuyenvien").await;
    assert!(
        text(c, "main h1").await.contains("10-CT/TW"),
        "home is the dashboard"
    );
    b.shot("dashboard-desktop").await;

    let dir = support::app::temp_dir("trienkhai-e2e-upload");
    let file = dir.0.join("ke-hoach-15.txt");
    // Dated today: a reference without a date means the latest document
    // of that number issued before the citing one.
    let today = web::timefmt::date(web::timefmt::now());
    let (d, rest) = today.split_once('/').unwrap();
    let (m, y) = rest.split_once('/').unwrap();
    std::fs::write(
        &file,
        PLAN.replace("{DATE}", &format!("{d} tháng {m} năm {y}")),
    )
    .unwrap();
    c.goto(&format!("{base}/documents/new")).await.unwrap();
    wait_for(c, "input[type=file]")
        .await
        .send_keys(file.to_str().unwrap())
        .await
        .unwrap();
    c.find(Locator::Css("main form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(c, "#review-form").await;
    let marks = c.find_all(Locator::Css("#original mark")).await.unwrap();
    assert!(
        !marks.is_empty(),
        "extracted spans are highlighted in the original"
    );
    let number = c
        .find(Locator::Css("input[name=number]"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(number, "15-KH/ĐU");
    let implements = c
        .find(Locator::Css("textarea[name=implements]"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(implements.contains("10-CT/TW"), "implements: {implements}");
    // A correction by the clerk.
    let title = c.find(Locator::Css("textarea[name=title]")).await.unwrap();
    title.clear().await.unwrap();
    title
        .send_keys("nghiên cứu, học tập, quán triệt Chỉ thị số 10-CT/TW (đã sửa)")
        .await
        .unwrap();
    // Filed on behalf of the commune, whose plan it is.
    c.find(Locator::Css("select[name=unit_id]"))
        .await
        .unwrap()
        .select_by_value(&w.a.commune.to_string())
        .await
        .unwrap();
    b.shot("review-desktop").await;
    c.find(Locator::Css("#confirm"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(c, "#cascade").await;
    let cascade = text(c, "#cascade").await;
    assert!(
        cascade.contains("10-CT/TW"),
        "placed under the directive: {cascade}"
    );
    assert!(
        text(c, "main").await.contains("(đã sửa)"),
        "the correction was kept"
    );
    b.shot("document-desktop").await;

    // The directive's page lists it among the plans that carry it out.
    c.goto(&format!("{base}/documents/{}", w.directive))
        .await
        .unwrap();
    let cascade = text(c, "#cascade").await;
    assert!(
        cascade.contains("15-KH/ĐU"),
        "the directive shows its new plan: {cascade}"
    );
    b.shot("directive-desktop").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_created_in_the_browser_takes_a_phone_check_in_and_moves_coverage() {
    if !enabled("a_session_created_in_the_browser_takes_a_phone_check_in_and_moves_coverage") {
        return;
    }
    let (base, w) = start_app().await;
    let desk = Browser::start(1280, 900).await;
    let c = &desk.client;
    sign_in(c, &base, "chuyenvien").await;
    let dash = format!("{base}/campaigns/{}/units/{}", w.campaign, w.a.province);
    c.goto(&dash).await.unwrap();
    let before = text(c, "#coverage").await;
    assert_eq!(before, "0.0%");

    c.goto(&format!("{base}/sessions/new")).await.unwrap();
    wait_for(c, "input[name=title]")
        .await
        .send_keys("Hội nghị quán triệt Chỉ thị 10 — điểm cầu xã")
        .await
        .unwrap();
    c.find(Locator::Css("input[name=venue]"))
        .await
        .unwrap()
        .send_keys("Hội trường Tỉnh ủy An Phú")
        .await
        .unwrap();
    c.find(Locator::Css("input[name=presenter]"))
        .await
        .unwrap()
        .send_keys("Đồng chí Phó Bí thư")
        .await
        .unwrap();
    c.find(Locator::Css("select[name=campaign_id]"))
        .await
        .unwrap()
        .select_by_value(&w.campaign.to_string())
        .await
        .unwrap();
    let now = web::timefmt::now();
    let (start, end) = (
        web::timefmt::input_datetime(now - 600),
        web::timefmt::input_datetime(now + 7200),
    );
    c.execute(
        "document.querySelector('[name=starts_at]').value = arguments[0]; document.querySelector('[name=ends_at]').value = arguments[1];",
        vec![serde_json::json!(start), serde_json::json!(end)],
    )
    .await
    .unwrap();
    c.find(Locator::Css(&format!("#bp{}", w.a.commune)))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    desk.shot("session-new-desktop").await;
    c.find(Locator::Css("main form button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let url = wait_for(c, "#checkin-url")
        .await
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    assert!(
        wait_for(c, ".qr svg")
            .await
            .html(false)
            .await
            .unwrap()
            .contains("<svg")
    );
    desk.shot("session-desktop").await;

    // The member's phone: open the QR link, find the cell, pick the name.
    let phone = Browser::start(390, 844).await;
    let p = &phone.client;
    p.goto(&url).await.unwrap();
    let (wd, _) = p
        .execute("return [window.innerWidth, window.innerHeight];", vec![])
        .await
        .unwrap()
        .as_array()
        .map(|a| (a[0].clone(), a[1].clone()))
        .unwrap();
    assert_eq!(wd, serde_json::json!(390), "a true phone viewport");
    phone.shot("checkin-units-phone").await;
    p.find(Locator::LinkText("Đảng ủy xã An Lạc"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(p, ".phone ul a").await;
    p.find(Locator::LinkText("Chi bộ thôn An Hòa"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_for(p, ".names input[type=radio]")
        .await
        .click()
        .await
        .unwrap();
    phone.shot("checkin-names-phone").await;
    p.find(Locator::Css("#checkin-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let result = text(p, "#checkin-result").await;
    assert!(result.contains("thành công"), "{result}");
    phone.shot("checkin-done-phone").await;

    // The same name again: ignored, with a friendly message.
    p.back().await.unwrap();
    wait_for(p, ".names input[type=radio]")
        .await
        .click()
        .await
        .unwrap();
    p.find(Locator::Css("#checkin-submit"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let again = text(p, "#checkin-result").await;
    assert!(again.contains("đã điểm danh"), "{again}");

    c.goto(&dash).await.unwrap();
    let after = text(c, "#coverage").await;
    assert_eq!(
        after, "20.0%",
        "one of five members of the province attended"
    );
    desk.shot("dashboard-after-checkin-desktop").await;

    // The dashboard at phone width too.
    sign_in(p, &base, "lanhdao").await;
    p.goto(&dash).await.unwrap();
    wait_for(p, "#coverage").await;
    phone.shot("dashboard-phone").await;
}
