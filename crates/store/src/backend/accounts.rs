// Accounts, web sessions and API tokens; included into each engine module.

fn account_json(a: &NewAccount) -> Option<String> {
    to_json(&serde_json::json!({
        "username": a.username,
        "display_name": a.display_name,
        "unit_id": a.unit_id,
        "role": a.role.as_str(),
        "member_id": a.member_id,
    }))
}

pub(crate) async fn account_create(p: &DbPool, actor: &str, a: &NewAccount) -> Result<i64> {
    let mut tx = begin(p).await?;
    require_unit(&mut tx, a.unit_id).await?;
    let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE username = $1")
        .bind(&a.username)
        .fetch_one(&mut *tx)
        .await?;
    if taken > 0 {
        return Err(Error::Conflict(format!("username {}", a.username)));
    }
    if a.username.trim().is_empty() {
        return Err(Error::Invalid("a username is required".into()));
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO accounts (username, display_name, password_hash, unit_id, role, member_id, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(a.username.trim())
    .bind(&a.display_name)
    .bind(&a.password_hash)
    .bind(a.unit_id)
    .bind(a.role.as_str())
    .bind(a.member_id)
    .bind(crate::now())
    .fetch_one(&mut *tx)
    .await?;
    audit(
        &mut tx,
        actor,
        "account",
        id,
        "insert",
        None,
        account_json(a),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn account(p: &DbPool, id: i64) -> Result<Option<Account>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        account_cols!(),
        " FROM accounts a WHERE a.id = $1"
    ))
    .bind(id)
    .fetch_optional(p)
    .await?)
}

pub(crate) async fn account_by_username(p: &DbPool, username: &str) -> Result<Option<Account>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        account_cols!(),
        " FROM accounts a WHERE a.username = $1"
    ))
    .bind(username)
    .fetch_optional(p)
    .await?)
}

pub(crate) async fn accounts_within(p: &DbPool, unit: i64) -> Result<Vec<Account>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        account_cols!(),
        " FROM accounts a JOIN unit_ancestors x ON x.descendant = a.unit_id WHERE x.ancestor = $1 ORDER BY a.username"
    ))
    .bind(unit)
    .fetch_all(p)
    .await?)
}

pub(crate) async fn account_set_password(
    p: &DbPool,
    actor: &str,
    id: i64,
    hash: &str,
) -> Result<()> {
    let mut tx = begin(p).await?;
    let n = sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
        .bind(hash)
        .bind(id)
        .execute(&mut *tx)
        .await?
        .rows_affected();
    if n == 0 {
        return Err(Error::NotFound {
            what: "account",
            id,
        });
    }
    audit(&mut tx, actor, "account", id, "set_password", None, None).await?;
    tx.commit().await?;
    Ok(())
}

pub(crate) async fn account_disable(p: &DbPool, actor: &str, id: i64) -> Result<()> {
    let mut tx = begin(p).await?;
    let n =
        sqlx::query("UPDATE accounts SET disabled_at = $1 WHERE id = $2 AND disabled_at IS NULL")
            .bind(crate::now())
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    if n == 0 {
        return Err(Error::NotFound {
            what: "enabled account",
            id,
        });
    }
    sqlx::query("DELETE FROM web_sessions WHERE account_id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    audit(&mut tx, actor, "account", id, "disable", None, None).await?;
    tx.commit().await?;
    Ok(())
}

// Web sessions are credentials, not records of the rollout: they are not
// audited (sign-ins would flood the chain), only stored hashed.
pub(crate) async fn web_session_create(
    p: &DbPool,
    account_id: i64,
    token: &str,
    expires_at: i64,
) -> Result<()> {
    sqlx::query(
        "INSERT INTO web_sessions (token_hash, account_id, created_at, expires_at) VALUES ($1, $2, $3, $4)",
    )
    .bind(crate::sha256_hex(token.as_bytes()))
    .bind(account_id)
    .bind(crate::now())
    .bind(expires_at)
    .execute(p)
    .await?;
    Ok(())
}

pub(crate) async fn web_session_account(
    p: &DbPool,
    token: &str,
    now: i64,
) -> Result<Option<Account>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        account_cols!(),
        " FROM web_sessions s JOIN accounts a ON a.id = s.account_id \
         WHERE s.token_hash = $1 AND s.expires_at > $2 AND a.disabled_at IS NULL"
    ))
    .bind(crate::sha256_hex(token.as_bytes()))
    .bind(now)
    .fetch_optional(p)
    .await?)
}

pub(crate) async fn web_session_delete(p: &DbPool, token: &str) -> Result<()> {
    sqlx::query("DELETE FROM web_sessions WHERE token_hash = $1")
        .bind(crate::sha256_hex(token.as_bytes()))
        .execute(p)
        .await?;
    Ok(())
}

pub(crate) async fn web_sessions_purge(p: &DbPool, now: i64) -> Result<u64> {
    Ok(
        sqlx::query("DELETE FROM web_sessions WHERE expires_at <= $1")
            .bind(now)
            .execute(p)
            .await?
            .rows_affected(),
    )
}

pub(crate) async fn api_token_create(
    p: &DbPool,
    actor: &str,
    account_id: i64,
    name: &str,
    token: &str,
) -> Result<i64> {
    let mut tx = begin(p).await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO api_tokens (token_hash, account_id, name, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(crate::sha256_hex(token.as_bytes()))
    .bind(account_id)
    .bind(name)
    .bind(crate::now())
    .fetch_one(&mut *tx)
    .await?;
    audit(
        &mut tx,
        actor,
        "api_token",
        id,
        "insert",
        None,
        to_json(&serde_json::json!({"account_id": account_id, "name": name})),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

pub(crate) async fn api_token_account(p: &DbPool, token: &str) -> Result<Option<Account>> {
    Ok(sqlx::query_as(concat!(
        "SELECT ",
        account_cols!(),
        " FROM api_tokens t JOIN accounts a ON a.id = t.account_id \
         WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND a.disabled_at IS NULL"
    ))
    .bind(crate::sha256_hex(token.as_bytes()))
    .fetch_optional(p)
    .await?)
}

pub(crate) async fn api_tokens_of(p: &DbPool, account_id: i64) -> Result<Vec<ApiToken>> {
    Ok(sqlx::query_as(
        "SELECT id, account_id, name, created_at, revoked_at FROM api_tokens WHERE account_id = $1 ORDER BY id",
    )
    .bind(account_id)
    .fetch_all(p)
    .await?)
}

pub(crate) async fn api_token_revoke(p: &DbPool, actor: &str, id: i64) -> Result<()> {
    let mut tx = begin(p).await?;
    let n =
        sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL")
            .bind(crate::now())
            .bind(id)
            .execute(&mut *tx)
            .await?
            .rows_affected();
    if n == 0 {
        return Err(Error::NotFound {
            what: "active API token",
            id,
        });
    }
    audit(&mut tx, actor, "api_token", id, "revoke", None, None).await?;
    tx.commit().await?;
    Ok(())
}
