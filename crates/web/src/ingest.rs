//! From a file to a document the store can keep: decode (docfile),
//! understand (vanban), and map vanban's model to the store's record.
//! Used by the upload pages, the API and the demo.

use domain::RelationKind;
use serde_json::Value;
use store::{NewDocument, NewReference};

use crate::AppError;

fn s(v: &Value, k: &str) -> String {
    v.get(k).and_then(Value::as_str).unwrap_or("").to_owned()
}

/// The text of an uploaded file and vanban's reading of it.
pub struct Understood {
    /// NFC text (spans index into it).
    pub text: String,
    /// vanban's model as JSON.
    pub model: Value,
}

/// Decodes a file (docfile) and parses it (vanban), off the async threads.
pub async fn understand(bytes: Vec<u8>, name: String) -> Result<Understood, AppError> {
    tokio::task::spawn_blocking(move || understand_now(&bytes, &name))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
}

/// [`understand`] without the blocking pool (for callers off the server).
pub fn understand_now(bytes: &[u8], name: &str) -> Result<Understood, AppError> {
    let ex = docfile::read(bytes, name, &docfile::Options::default())
        .map_err(|e| AppError::BadRequest(format!("Không đọc được tệp {name}: {e}")))?;
    let parsed = vanban::parse(&ex.text);
    // docfile returns NFC text: vanban's spans index into it as is.
    let model =
        serde_json::to_value(&parsed.document).map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Understood {
        text: ex.text,
        model,
    })
}

/// A document to store from vanban's model (possibly edited): header
/// fields, `implements` as implements-relations, other references as
/// citations.
pub fn new_document_from_model(
    model: Value,
    filename: String,
    unit_id: Option<i64>,
) -> NewDocument {
    let opt = |k: &str| Some(s(&model, k)).filter(|x| !x.is_empty());
    let date_of = |d: &str| crate::timefmt::parse(d).map(|t| t + crate::timefmt::VN_OFFSET);
    let implements: Vec<String> = model
        .get("implements")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|x| x.as_str().map(str::to_owned))
        .collect();
    let cited: Vec<&Value> = model
        .get("references")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .collect();
    // What the text says of an implemented document (type, issuer, date)
    // helps the store pick the right one among equal numbers.
    let mut references: Vec<NewReference> = implements
        .iter()
        .map(|n| {
            let r = cited.iter().find(|r| s(r, "number") == *n);
            let get = |k: &str| r.map(|r| s(r, k)).filter(|x| !x.is_empty());
            NewReference {
                kind: RelationKind::Implements,
                number: n.clone(),
                doc_type: get("doc_type"),
                issuer: get("issuer"),
                date: get("date").as_deref().and_then(date_of),
            }
        })
        .collect();
    for r in cited.iter().copied() {
        let n = s(r, "number");
        if n.is_empty() || implements.contains(&n) {
            continue;
        }
        references.push(NewReference {
            kind: RelationKind::Cites,
            number: n,
            doc_type: Some(s(r, "doc_type")).filter(|x| !x.is_empty()),
            issuer: Some(s(r, "issuer")).filter(|x| !x.is_empty()),
            date: date_of(&s(r, "date")),
        });
    }
    NewDocument {
        kind: if s(&model, "kind") == "article" {
            "article".to_owned()
        } else {
            "official".to_owned()
        },
        number: opt("number"),
        doc_type: opt("doc_type"),
        issuer: opt("issuer"),
        issued_at: date_of(&s(&model, "date")),
        title: opt("title"),
        unit_id,
        filename,
        model,
        references,
    }
}
