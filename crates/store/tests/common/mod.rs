//! Test helpers: a fresh SQLite file and, when `TRIENKHAI_TEST_PG` is set, a
//! freshly created PostgreSQL database that is dropped afterwards.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::PathBuf;

use sqlx::Connection;

/// A database made for one test.
pub struct TestDb {
    /// Its URL.
    pub url: String,
    /// What to remove afterwards.
    cleanup: Cleanup,
}

enum Cleanup {
    File(PathBuf),
    Pg { admin: String, name: String },
}

fn unique(tag: &str) -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    format!(
        "trienkhai_{tag}_{}_{}",
        std::process::id(),
        nanos % 1_000_000_000_000
    )
}

/// A fresh SQLite database file under the target directory's temp space.
pub fn sqlite(tag: &str) -> TestDb {
    let dir = std::env::temp_dir().join("trienkhai-store-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}.db", unique(tag)));
    TestDb {
        url: format!("sqlite://{}", path.display()),
        cleanup: Cleanup::File(path),
    }
}

/// A fresh PostgreSQL database, or None (with a message) when not configured.
pub async fn pg(tag: &str) -> Option<TestDb> {
    let Ok(admin) = std::env::var("TRIENKHAI_TEST_PG") else {
        println!("skipping PG: TRIENKHAI_TEST_PG not set");
        return None;
    };
    let name = unique(tag).to_lowercase();
    let mut conn = sqlx::PgConnection::connect(&admin)
        .await
        .expect("connect to TRIENKHAI_TEST_PG");
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}")))
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    let base = admin.split('?').next().unwrap();
    let cut = base.rfind('/').unwrap();
    let url = format!("{}/{}", &base[..cut], name);
    Some(TestDb {
        url,
        cleanup: Cleanup::Pg { admin, name },
    })
}

impl TestDb {
    /// Removes the database.
    pub async fn drop_db(self) {
        match self.cleanup {
            Cleanup::File(path) => {
                for suffix in ["", "-wal", "-shm"] {
                    let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
                }
            }
            Cleanup::Pg { admin, name } => {
                let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
                sqlx::query(sqlx::AssertSqlSafe(format!(
                    "DROP DATABASE IF EXISTS {name} WITH (FORCE)"
                )))
                .execute(&mut conn)
                .await
                .unwrap();
            }
        }
    }
}
