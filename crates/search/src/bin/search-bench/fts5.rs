//! SQLite FTS5 baseline: `unicode61 remove_diacritics 2` over pre-folded
//! columns (FTS5 does not fold `đ`), bm25 ranking weighted like our head and
//! body, snippets for the top rows, a count for the total.

use std::path::Path;

use rusqlite::types::Value;
use rusqlite::{Connection, params};
use search::analyzer::fold_text;
use search::{Entity, Filters, normalize_path};

use crate::queries::folded_parts;

pub struct Fts5 {
    conn: Connection,
}

/// One row to index.
pub struct Row {
    pub key: String,
    pub kind: &'static str,
    pub doc_type: Option<String>,
    pub issuer: Option<String>,
    pub year: Option<i32>,
    pub level: Option<String>,
    pub campaigns: String,
    pub owners: String,
    pub recipients: String,
    pub number: Option<String>,
    pub title: String,
    pub head: String,
    pub body: String,
}

impl Row {
    pub fn of(e: &Entity) -> Row {
        match e {
            Entity::Document(d) => Row {
                key: format!("document:{}", d.id),
                kind: "document",
                doc_type: d.doc_type.clone(),
                issuer: d.issuer.clone(),
                year: d.year,
                level: d.level.clone(),
                campaigns: d
                    .campaigns
                    .iter()
                    .map(|c| c.to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
                owners: d
                    .unit_path
                    .as_deref()
                    .map(normalize_path)
                    .unwrap_or_default(),
                recipients: d
                    .recipient_paths
                    .iter()
                    .map(|p| normalize_path(p))
                    .collect::<Vec<_>>()
                    .join(" "),
                number: d.number.clone(),
                title: d.title.clone(),
                head: [
                    d.doc_type.as_deref(),
                    d.number.as_deref(),
                    Some(d.title.as_str()),
                    d.issuer.as_deref(),
                ]
                .into_iter()
                .flatten()
                .collect::<Vec<_>>()
                .join(" "),
                body: d.text.clone(),
            },
            Entity::Unit(u) => Row {
                key: format!("unit:{}", u.id),
                kind: "unit",
                doc_type: None,
                issuer: None,
                year: None,
                level: u.level.clone(),
                campaigns: String::new(),
                owners: normalize_path(&u.path),
                recipients: String::new(),
                number: None,
                title: u.name.clone(),
                head: format!("{} {}", u.name, u.abbreviation.clone().unwrap_or_default()),
                body: String::new(),
            },
            Entity::Task(t) => Row {
                key: format!("task:{}", t.id),
                kind: "task",
                doc_type: None,
                issuer: None,
                year: None,
                level: None,
                campaigns: String::new(),
                owners: [&t.unit_path, &t.lead_path]
                    .into_iter()
                    .flatten()
                    .map(|p| normalize_path(p))
                    .collect::<Vec<_>>()
                    .join(" "),
                recipients: String::new(),
                number: t.document_number.clone(),
                title: t.text.clone(),
                head: t.text.clone(),
                body: format!(
                    "{} {}",
                    t.lead.clone().unwrap_or_default(),
                    t.document_number.clone().unwrap_or_default()
                ),
            },
            _ => Row {
                key: String::new(),
                kind: "other",
                doc_type: None,
                issuer: None,
                year: None,
                level: None,
                campaigns: String::new(),
                owners: String::new(),
                recipients: String::new(),
                number: None,
                title: String::new(),
                head: String::new(),
                body: String::new(),
            },
        }
    }
}

/// One FTS5 answer.
pub struct Answer {
    pub keys: Vec<String>,
    pub total: i64,
}

impl Fts5 {
    pub fn create(path: &Path) -> rusqlite::Result<Fts5> {
        let _ = std::fs::remove_file(path);
        let conn = Connection::open(path)?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
             CREATE TABLE docs(rid INTEGER PRIMARY KEY, key TEXT, kind TEXT, number TEXT, doc_type TEXT,
               issuer TEXT, year INTEGER, level TEXT, campaigns TEXT, owners TEXT, recipients TEXT, title TEXT);
             CREATE VIRTUAL TABLE fts USING fts5(head, body, tokenize = 'unicode61 remove_diacritics 2');",
        )?;
        Ok(Fts5 { conn })
    }

    pub fn load(&mut self, rows: impl Iterator<Item = Row>) -> rusqlite::Result<u64> {
        let tx = self.conn.transaction()?;
        let mut n = 0;
        {
            let mut ins = tx.prepare(
                "INSERT INTO docs(rid, key, kind, number, doc_type, issuer, year, level, campaigns, owners, recipients, title)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?;
            let mut fts = tx.prepare("INSERT INTO fts(rowid, head, body) VALUES (?1, ?2, ?3)")?;
            for r in rows {
                n += 1;
                ins.execute(params![
                    n,
                    r.key,
                    r.kind,
                    r.number,
                    r.doc_type,
                    r.issuer,
                    r.year,
                    r.level,
                    r.campaigns,
                    r.owners,
                    r.recipients,
                    r.title
                ])?;
                fts.execute(params![n, fold_text(&r.head), fold_text(&r.body)])?;
            }
        }
        tx.commit()?;
        self.conn
            .execute_batch("INSERT INTO fts(fts) VALUES ('optimize');")?;
        Ok(n as u64)
    }

    pub fn size_bytes(&self) -> rusqlite::Result<u64> {
        let pages: i64 = self.conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
        let size: i64 = self.conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
        Ok((pages * size) as u64)
    }

    /// Runs a query the way a results page needs it: top `limit` keys with
    /// title and snippet, and the total. All words must match; when none
    /// does, any word may (as our index falls back too).
    pub fn search(
        &self,
        text: &str,
        filters: &Filters,
        scope: Option<&str>,
        limit: usize,
    ) -> rusqlite::Result<Answer> {
        let (words, phrases) = folded_parts(text);
        if words.is_empty() && phrases.is_empty() {
            return Ok(Answer {
                keys: Vec::new(),
                total: 0,
            });
        }
        let quote = |ws: &[String]| format!("\"{}\"", ws.join(" "));
        let mut terms: Vec<String> = words
            .iter()
            .map(|w| quote(std::slice::from_ref(w)))
            .collect();
        terms.extend(phrases.iter().map(|p| quote(p)));
        let answer = self.run(&terms.join(" "), filters, scope, limit)?;
        if answer.total == 0 && terms.len() >= 2 {
            return self.run(&terms.join(" OR "), filters, scope, limit);
        }
        Ok(answer)
    }

    fn run(
        &self,
        matchq: &str,
        filters: &Filters,
        scope: Option<&str>,
        limit: usize,
    ) -> rusqlite::Result<Answer> {
        let (cond, mut args) = conditions(filters, scope);
        args.insert(0, Value::Text(matchq.to_owned()));
        let top_sql = format!(
            "SELECT fts.rowid FROM fts JOIN docs d ON d.rid = fts.rowid WHERE fts MATCH ?1 {cond}
             ORDER BY bm25(fts, 3.0, 1.0) LIMIT {limit}"
        );
        let mut stmt = self.conn.prepare_cached(&top_sql)?;
        let rids: Vec<i64> = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let count_sql = format!(
            "SELECT count(*) FROM fts JOIN docs d ON d.rid = fts.rowid WHERE fts MATCH ?1 {cond}"
        );
        let total: i64 = self
            .conn
            .prepare_cached(&count_sql)?
            .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
        let mut keys = Vec::with_capacity(rids.len());
        let mut row = self.conn.prepare_cached(
            "SELECT d.key, d.title, snippet(fts, 1, '<mark>', '</mark>', '…', 24)
             FROM fts JOIN docs d ON d.rid = fts.rowid WHERE fts MATCH ?1 AND fts.rowid = ?2",
        )?;
        for rid in rids {
            let (key, _title, _snip): (String, String, String) = row
                .query_row(params![matchq, rid], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
            keys.push(key);
        }
        Ok(Answer { keys, total })
    }
}

fn conditions(f: &Filters, scope: Option<&str>) -> (String, Vec<Value>) {
    let mut sql = String::new();
    let mut args: Vec<Value> = Vec::new();
    let mut push = |sql: &mut String, clause: &str, v: Value| {
        args.push(v);
        sql.push_str(&clause.replace('?', &format!("?{}", args.len() + 1)));
    };
    if let Some(k) = f.kind {
        push(
            &mut sql,
            " AND d.kind = ?",
            Value::Text(k.as_str().to_owned()),
        );
    }
    if let Some(t) = &f.doc_type {
        push(&mut sql, " AND d.doc_type = ?", Value::Text(t.clone()));
    }
    if let Some(i) = &f.issuer {
        push(&mut sql, " AND d.issuer = ?", Value::Text(i.clone()));
    }
    if let Some(l) = &f.level {
        push(&mut sql, " AND d.level = ?", Value::Text(l.clone()));
    }
    if let Some(y) = f.year {
        push(&mut sql, " AND d.year = ?", Value::Integer(i64::from(y)));
    }
    if let Some(c) = f.campaign {
        push(
            &mut sql,
            " AND (' ' || d.campaigns || ' ') LIKE ?",
            Value::Text(format!("% {c} %")),
        );
    }
    if let Some(p) = scope {
        let p = normalize_path(p);
        let n = args.len() + 2;
        sql.push_str(&format!(
            " AND ((' ' || d.owners || ' ') LIKE ?{n} OR (' ' || d.owners) LIKE ?{} OR (' ' || d.recipients || ' ') LIKE ?{n})",
            n + 1
        ));
        args.push(Value::Text(format!("% {p} %")));
        args.push(Value::Text(format!("% {p}/%")));
    }
    (sql, args)
}
