//! PostgreSQL full-text baseline: `to_tsvector('simple', folded)` (head
//! weighted A, body B) in a stored generated column with a GIN index,
//! `ts_rank` ordering, `ts_headline` snippets for the top rows, a count.

use search::analyzer::fold_text;
use search::{DocumentEntry, Filters, normalize_path};
use sqlx::{AssertSqlSafe, Connection, PgConnection, Row};

use crate::queries::folded_parts;

const TABLE: &str = "search_bench_docs";

pub struct Pg {
    conn: PgConnection,
}

fn copy_escape(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            _ => out.push(c),
        }
    }
}

fn opt(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => copy_escape(out, s),
        None => out.push_str("\\N"),
    }
}

impl Pg {
    pub async fn connect(url: &str) -> sqlx::Result<Pg> {
        Ok(Pg {
            conn: PgConnection::connect(url).await?,
        })
    }

    /// Loads the documents with COPY, then builds the GIN index.
    pub async fn load(&mut self, docs: &[&DocumentEntry]) -> sqlx::Result<()> {
        let c = &mut self.conn;
        sqlx::query(AssertSqlSafe(format!("DROP TABLE IF EXISTS {TABLE}")))
            .execute(&mut *c)
            .await?;
        sqlx::query(AssertSqlSafe(format!(
            "CREATE TABLE {TABLE} (id bigint PRIMARY KEY, number text, doc_type text, issuer text, year int,
               level text, owners text, recipients text, title text, head_f text, body_f text,
               tsv tsvector GENERATED ALWAYS AS
                 (setweight(to_tsvector('simple', head_f), 'A') || setweight(to_tsvector('simple', body_f), 'B')) STORED)"
        )))
        .execute(&mut *c)
        .await?;
        let mut copy = c
            .copy_in_raw(&format!(
                "COPY {TABLE} (id, number, doc_type, issuer, year, level, owners, recipients, title, head_f, body_f) FROM STDIN"
            ))
            .await?;
        let mut buf = String::with_capacity(1 << 20);
        for d in docs {
            buf.push_str(&d.id.to_string());
            buf.push('\t');
            opt(&mut buf, d.number.as_deref());
            buf.push('\t');
            opt(&mut buf, d.doc_type.as_deref());
            buf.push('\t');
            opt(&mut buf, d.issuer.as_deref());
            buf.push('\t');
            buf.push_str(&d.year.map_or("\\N".to_owned(), |y| y.to_string()));
            buf.push('\t');
            opt(&mut buf, d.level.as_deref());
            buf.push('\t');
            copy_escape(
                &mut buf,
                &d.unit_path
                    .as_deref()
                    .map(normalize_path)
                    .unwrap_or_default(),
            );
            buf.push('\t');
            copy_escape(
                &mut buf,
                &d.recipient_paths
                    .iter()
                    .map(|p| normalize_path(p))
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            buf.push('\t');
            copy_escape(&mut buf, &d.title);
            buf.push('\t');
            let head = [
                d.doc_type.as_deref(),
                d.number.as_deref(),
                Some(d.title.as_str()),
                d.issuer.as_deref(),
            ]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
            copy_escape(&mut buf, &fold_text(&head));
            buf.push('\t');
            copy_escape(&mut buf, &fold_text(&d.text));
            buf.push('\n');
            if buf.len() > (1 << 20) {
                copy.send(buf.as_bytes()).await?;
                buf.clear();
            }
        }
        if !buf.is_empty() {
            copy.send(buf.as_bytes()).await?;
        }
        copy.finish().await?;
        sqlx::query(AssertSqlSafe(format!(
            "CREATE INDEX {TABLE}_tsv ON {TABLE} USING gin (tsv)"
        )))
        .execute(&mut *c)
        .await?;
        sqlx::query(AssertSqlSafe(format!(
            "CREATE INDEX {TABLE}_type ON {TABLE} (doc_type, year)"
        )))
        .execute(&mut *c)
        .await?;
        sqlx::query(AssertSqlSafe(format!("ANALYZE {TABLE}")))
            .execute(&mut *c)
            .await?;
        Ok(())
    }

    pub async fn size_bytes(&mut self) -> sqlx::Result<i64> {
        let row = sqlx::query(AssertSqlSafe(format!(
            "SELECT pg_total_relation_size('{TABLE}')"
        )))
        .fetch_one(&mut self.conn)
        .await?;
        row.try_get(0)
    }

    pub async fn drop_table(&mut self) -> sqlx::Result<()> {
        sqlx::query(AssertSqlSafe(format!("DROP TABLE IF EXISTS {TABLE}")))
            .execute(&mut self.conn)
            .await?;
        Ok(())
    }

    /// Top `limit` ids with title and headline, and the total.
    pub async fn search(
        &mut self,
        text: &str,
        f: &Filters,
        scope: Option<&str>,
        limit: usize,
    ) -> sqlx::Result<(Vec<i64>, i64)> {
        let (words, phrases) = folded_parts(text);
        let clean = |w: &str| {
            w.chars()
                .filter(|c| c.is_alphanumeric())
                .collect::<String>()
        };
        let mut terms: Vec<String> = words
            .iter()
            .map(|w| clean(w))
            .filter(|w| !w.is_empty())
            .collect();
        terms.extend(phrases.iter().map(|p| {
            format!(
                "({})",
                p.iter().map(|w| clean(w)).collect::<Vec<_>>().join(" <-> ")
            )
        }));
        if terms.is_empty() {
            return Ok((Vec::new(), 0));
        }
        let mut tsq = terms.join(" & ");
        let mut out = self.run(&tsq, f, scope, limit).await?;
        if out.1 == 0 && terms.len() >= 2 {
            tsq = terms.join(" | ");
            out = self.run(&tsq, f, scope, limit).await?;
        }
        Ok(out)
    }

    async fn run(
        &mut self,
        tsq: &str,
        f: &Filters,
        scope: Option<&str>,
        limit: usize,
    ) -> sqlx::Result<(Vec<i64>, i64)> {
        let mut cond = String::new();
        let mut args: Vec<String> = Vec::new();
        let mut n = 1;
        let mut add = |cond: &mut String, sql: &str, v: String| {
            n += 1;
            cond.push_str(&sql.replace('?', &format!("${n}")));
            args.push(v);
        };
        if let Some(t) = &f.doc_type {
            add(&mut cond, " AND doc_type = ?", t.clone());
        }
        if let Some(y) = f.year {
            add(&mut cond, " AND year = ?::int", y.to_string());
        }
        if let Some(p) = scope {
            let p = normalize_path(p);
            add(
                &mut cond,
                " AND ((' ' || owners || ' ') LIKE ?",
                format!("% {p} %"),
            );
            add(&mut cond, " OR (' ' || owners) LIKE ?", format!("% {p}/%"));
            add(
                &mut cond,
                " OR (' ' || recipients || ' ') LIKE ?)",
                format!("% {p} %"),
            );
        }
        let top = format!(
            "SELECT id, title, ts_headline('simple', body_f, q, 'StartSel=<mark>, StopSel=</mark>, MaxWords=30, MinWords=10')
             FROM (SELECT id, title, body_f, q, ts_rank(tsv, q) AS r
                   FROM {TABLE}, to_tsquery('simple', $1) q WHERE tsv @@ q {cond}
                   ORDER BY r DESC LIMIT {limit}) t ORDER BY r DESC"
        );
        let mut query = sqlx::query(AssertSqlSafe(top.clone())).bind(tsq);
        for a in &args {
            query = query.bind(a);
        }
        let rows = query.fetch_all(&mut self.conn).await?;
        let ids = rows
            .iter()
            .map(|r| r.try_get::<i64, _>(0))
            .collect::<Result<Vec<_>, _>>()?;
        let count =
            format!("SELECT count(*) FROM {TABLE} WHERE tsv @@ to_tsquery('simple', $1) {cond}");
        let mut query = sqlx::query(AssertSqlSafe(count.clone())).bind(tsq);
        for a in &args {
            query = query.bind(a);
        }
        let total: i64 = query.fetch_one(&mut self.conn).await?.try_get(0)?;
        Ok((ids, total))
    }
}
