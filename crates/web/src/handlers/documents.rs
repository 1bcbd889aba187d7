//! Documents: list, upload → review (original beside what was understood,
//! every field editable) → confirm (stored and placed in the cascade), the
//! document page, and accepting its proposed tasks.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    body::Bytes,
    extract::{Multipart, Path, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use base64::Engine as _;
use domain::RelationKind;
use serde_json::Value;
use store::{
    Campaign, Cascade, DocSummary, Document, ExtractedTask, NewDocument, NewReference, NewTask,
    Unit,
};

use crate::{
    AppError, AppState,
    auth::{
        CurrentUser,
        access::{Action, Scope, can, require},
    },
    charts::esc,
    form::Pairs,
    i18n::Lang,
    views::Layout,
};

/// Largest document accepted for upload: official documents are small; a
/// long plan as PDF is a few megabytes.
pub const MAX_UPLOAD_BYTES: usize = 10 * 1024 * 1024;
/// Documents scanned for the list page (each checked for access).
pub const DOCUMENTS_SCANNED: i64 = 300;
/// Units without a plan listed on a document page at most.
pub const MISSING_SHOWN: usize = 50;
/// Longest edited field accepted on the review form (characters).
pub const MAX_FIELD: usize = 2_000;

struct DocRow {
    d: DocSummary,
    date: String,
}

fn rows(list: Vec<DocSummary>) -> Vec<DocRow> {
    list.into_iter()
        .map(|d| DocRow {
            date: d.issued_at.map(crate::timefmt::date).unwrap_or_default(),
            d,
        })
        .collect()
}

#[derive(Template, WebTemplate)]
#[template(path = "documents.html")]
struct DocumentsPage {
    l: Layout,
    docs: Vec<DocRow>,
    can_upload: bool,
}

/// Documents the user may read, newest first, at most `limit`.
pub async fn visible_documents(
    state: &AppState,
    user: &store::Account,
    limit: usize,
) -> Result<Vec<DocSummary>, AppError> {
    let page = state.store.documents(None, 0, DOCUMENTS_SCANNED).await?;
    let mut out = Vec::new();
    for d in page.items {
        if out.len() >= limit {
            break;
        }
        if can(&state.store, user, Action::View, Scope::Document(d.unit_id)).await? {
            out.push(d);
        }
    }
    Ok(out)
}

/// `GET /documents`.
pub async fn document_list(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    require(&state.store, &user, Action::View, Scope::Unit(user.unit_id)).await?;
    let lang = Lang::from_headers(&headers);
    let docs = rows(visible_documents(&state, &user, 100).await?);
    let can_upload = can(
        &state.store,
        &user,
        Action::UploadDocument,
        Scope::Unit(user.unit_id),
    )
    .await?;
    Ok(DocumentsPage {
        l: Layout::new(lang, lang.t("nav.documents"), Some(&user), state.version).at("/documents"),
        docs,
        can_upload,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "document_new.html")]
struct UploadPage {
    l: Layout,
    error: Option<String>,
}

/// `GET /documents/new`.
pub async fn document_new(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    require(
        &state.store,
        &user,
        Action::UploadDocument,
        Scope::Unit(user.unit_id),
    )
    .await?;
    let lang = Lang::from_headers(&headers);
    Ok(UploadPage {
        l: Layout::new(lang, lang.t("doc.upload"), Some(&user), state.version).at("/documents/new"),
        error: None,
    }
    .into_response())
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
    tokio::task::spawn_blocking(move || {
        let ex = docfile::read(&bytes, &name, &docfile::Options::default())
            .map_err(|e| AppError::BadRequest(format!("Không đọc được tệp {name}: {e}")))?;
        let parsed = vanban::parse(&ex.text);
        // docfile returns NFC text: vanban's spans index into it as is.
        let text = ex.text;
        let model = serde_json::to_value(&parsed.document)
            .map_err(|e| AppError::Internal(e.to_string()))?;
        Ok(Understood { text, model })
    })
    .await
    .map_err(|e| AppError::Internal(e.to_string()))?
}

fn s(v: &Value, k: &str) -> String {
    v.get(k).and_then(Value::as_str).unwrap_or("").to_owned()
}

fn span(v: Option<&Value>) -> Option<(usize, usize)> {
    let a = v?.as_array()?;
    Some((a.first()?.as_u64()? as usize, a.get(1)?.as_u64()? as usize))
}

/// The original text as HTML with the extracted spans marked.
pub fn highlight(text: &str, model: &Value) -> String {
    let mut marks: Vec<(usize, usize, &'static str)> = Vec::new();
    if let Some(sp) = model.get("spans") {
        for (k, class) in [
            ("number", "f-number"),
            ("doc_type", "f-title"),
            ("issuer", "f-number"),
            ("date", "f-date"),
            ("title", "f-title"),
        ] {
            if let Some((a, b)) = span(sp.get(k)) {
                marks.push((a, b, class));
            }
        }
    }
    for t in model
        .get("tasks")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some((a, b)) = span(t.get("span")) {
            marks.push((a, b, "f-task"));
        }
    }
    for r in model
        .get("references")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        for sp in r
            .get("spans")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some((a, b)) = span(Some(sp)) {
                marks.push((a, b, "f-ref"));
            }
        }
    }
    marks.retain(|(a, b, _)| {
        a < b && *b <= text.len() && text.is_char_boundary(*a) && text.is_char_boundary(*b)
    });
    marks.sort_by_key(|m| (m.0, std::cmp::Reverse(m.1)));
    let mut out = String::with_capacity(text.len() + marks.len() * 32);
    let mut pos = 0;
    for (a, b, class) in marks {
        if a < pos {
            continue; // overlaps an earlier mark
        }
        out.push_str(&esc(&text[pos..a]));
        out.push_str(&format!(
            "<mark class=\"{class}\">{}</mark>",
            esc(&text[a..b])
        ));
        pos = b;
    }
    out.push_str(&esc(&text[pos..]));
    out
}

#[derive(Template, WebTemplate)]
#[template(path = "document_review.html")]
struct ReviewPage {
    l: Layout,
    original: String,
    filename: String,
    bytes_b64: String,
    number: String,
    doc_type: String,
    issuer: String,
    date: String,
    title: String,
    implements: String,
    references: String,
    task_count: usize,
    units: Vec<Unit>,
    own_unit: i64,
}

/// `POST /documents`: upload → review page (nothing stored yet).
pub async fn document_upload(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
    mut mp: Multipart,
) -> Result<Response, AppError> {
    require(
        &state.store,
        &user,
        Action::UploadDocument,
        Scope::Unit(user.unit_id),
    )
    .await?;
    let lang = Lang::from_headers(&headers);
    let (name, bytes) = crate::handlers::sessions::read_file(&mut mp, MAX_UPLOAD_BYTES).await?;
    let lower = name.to_lowercase();
    if ![".txt", ".html", ".htm", ".docx", ".pdf", ".md"]
        .iter()
        .any(|e| lower.ends_with(e))
    {
        return Err(AppError::BadRequest(lang.t("doc.bad_type").into()));
    }
    let bytes_b64 = base64::engine::general_purpose::STANDARD.encode(&bytes);
    let u = understand(bytes, name.clone()).await?;
    let m = &u.model;
    let list = |k: &str, field: Option<&str>| -> String {
        m.get(k)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|x| match field {
                Some(f) => x.get(f).and_then(Value::as_str),
                None => x.as_str(),
            })
            .collect::<Vec<_>>()
            .join("\n")
    };
    let mut units = state.store.unit_path(user.unit_id).await?;
    units.reverse();
    Ok(ReviewPage {
        l: Layout::new(lang, lang.t("doc.review"), Some(&user), state.version),
        original: highlight(&u.text, m),
        filename: name,
        bytes_b64,
        number: s(m, "number"),
        doc_type: s(m, "doc_type"),
        issuer: s(m, "issuer"),
        date: s(m, "date"),
        title: s(m, "title"),
        implements: list("implements", None),
        references: list("references", Some("number")),
        task_count: m.get("tasks").and_then(Value::as_array).map_or(0, Vec::len),
        units,
        own_unit: user.unit_id,
    }
    .into_response())
}

fn field(p: &Pairs, k: &str) -> Result<Option<String>, AppError> {
    let v = p.get(k);
    if v.chars().count() > MAX_FIELD {
        return Err(AppError::BadRequest(format!("Trường {k} quá dài")));
    }
    Ok(Some(v.to_owned()).filter(|v| !v.is_empty()))
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
    let mut references: Vec<NewReference> = implements
        .iter()
        .map(|n| NewReference {
            kind: RelationKind::Implements,
            number: n.clone(),
            doc_type: None,
            issuer: None,
            date: None,
        })
        .collect();
    for r in model
        .get("references")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
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

/// `POST /documents/confirm`: the reviewed document is stored (with its
/// original bytes) and linked into the cascade.
pub async fn document_confirm(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    body: Bytes,
) -> Result<Response, AppError> {
    require(
        &state.store,
        &user,
        Action::UploadDocument,
        Scope::Unit(user.unit_id),
    )
    .await?;
    let p = Pairs(
        form_urlencoded::parse(&body)
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect(),
    );
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(p.get("bytes_b64"))
        .map_err(|_| AppError::BadRequest("Tệp gốc bị hỏng, hãy tải lên lại".into()))?;
    if bytes.len() > MAX_UPLOAD_BYTES {
        return Err(AppError::BadRequest("Tệp quá lớn".into()));
    }
    let filename = field(&p, "filename")?.unwrap_or_else(|| "van-ban.txt".into());
    // Re-read the bytes here: the text is never taken from the client.
    let u = understand(bytes.clone(), filename.clone()).await?;
    let mut model = u.model;
    for k in ["number", "doc_type", "issuer", "date", "title"] {
        field(&p, k)?;
    }
    let date = field(&p, "date")?;
    if let Some(d) = &date
        && crate::timefmt::parse(d).is_none()
    {
        return Err(AppError::BadRequest(format!("Ngày không hợp lệ: {d}")));
    }
    let lines = |k: &str| -> Vec<String> {
        p.get(k)
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| l.chars().take(200).collect())
            .collect()
    };
    let cited = lines("references");
    if let Value::Object(o) = &mut model {
        for k in ["number", "doc_type", "issuer", "date", "title"] {
            o.insert(
                k.into(),
                field(&p, k)?.map(Value::String).unwrap_or(Value::Null),
            );
        }
        o.insert("implements".into(), Value::from(lines("implements")));
        // Keep what vanban knew of references the clerk kept; add new ones.
        let old: Vec<Value> = o
            .get("references")
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        let refs: Vec<Value> = cited
            .iter()
            .map(|n| {
                old.iter()
                    .find(|r| r.get("number").and_then(Value::as_str) == Some(n.as_str()))
                    .cloned()
                    .unwrap_or_else(|| serde_json::json!({"number": n}))
            })
            .collect();
        o.insert("references".into(), Value::from(refs));
    }
    let unit_id = match p.int("unit_id") {
        Some(u) => {
            // The issuing unit is the user's own or one above it (a
            // directive sent down), never a sibling's.
            if !state.store.is_within(u, user.unit_id).await? {
                return Err(AppError::NotFound);
            }
            Some(u)
        }
        None => None,
    };
    let doc = new_document_from_model(model, filename, unit_id);
    let ins = state
        .store
        .document_insert(&user.username, &doc, &bytes)
        .await?;
    Ok(Redirect::to(&format!("/documents/{}", ins.id)).into_response())
}

struct SectionView {
    id: String,
    heading: String,
    level: u64,
}

struct ProposedTask {
    index: usize,
    section: String,
    text: String,
    lead: String,
    deadline: String,
    due: String,
}

struct MissingView {
    campaign: Campaign,
    parent: String,
    units: Vec<Unit>,
    more: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "document_show.html")]
struct DocumentPage {
    l: Layout,
    d: Document,
    date: String,
    signer: String,
    sections: Vec<SectionView>,
    refs: Vec<(String, Option<i64>, &'static str)>,
    cascade: Cascade,
    missing: Vec<MissingView>,
    proposed: Vec<ProposedTask>,
    campaigns: Vec<Campaign>,
    lead_units: Vec<Unit>,
    can_tasks: bool,
    can_campaign: bool,
    flash: Option<String>,
}

/// A document the user may read, or not found.
pub async fn visible_document(
    state: &AppState,
    user: &store::Account,
    id: i64,
) -> Result<Document, AppError> {
    let d = state.store.document(id).await?.ok_or(AppError::NotFound)?;
    require(&state.store, user, Action::View, Scope::Document(d.unit_id)).await?;
    Ok(d)
}

/// `GET /documents/{id}`.
pub async fn document_show(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    let d = visible_document(&state, &user, id).await?;
    show(&state, &user, &headers, d, None).await
}

async fn show(
    state: &AppState,
    user: &store::Account,
    headers: &HeaderMap,
    d: Document,
    flash: Option<String>,
) -> Result<Response, AppError> {
    let lang = Lang::from_headers(headers);
    let model: Value = serde_json::from_str(&d.model).unwrap_or(Value::Null);
    let sections = model
        .get("sections")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .map(|x| SectionView {
            id: s(x, "id"),
            heading: s(x, "heading"),
            level: x
                .get("level")
                .and_then(Value::as_u64)
                .unwrap_or_else(|| s(x, "id").matches('.').count() as u64 + 1)
                .min(6),
        })
        .collect();
    let signer = model
        .get("signer")
        .map(|g| {
            [s(g, "capacity"), s(g, "position"), s(g, "name")]
                .into_iter()
                .filter(|x| !x.is_empty())
                .collect::<Vec<_>>()
                .join(" · ")
        })
        .unwrap_or_default();
    let refs = state
        .store
        .relations_of(d.id)
        .await?
        .into_iter()
        .map(|r| {
            (
                r.ref_number,
                r.to_doc,
                match r.kind {
                    RelationKind::Implements => lang.t("rel.implements"),
                    RelationKind::Guides => lang.t("rel.guides"),
                    RelationKind::Replaces => lang.t("rel.replaces"),
                    _ => lang.t("rel.cites"),
                },
            )
        })
        .collect();
    let mut cascade = state.store.cascade(d.id).await?;
    // Only what the user may see of the documents below.
    let mut below = Vec::new();
    for x in cascade.implemented_by.drain(..) {
        if can(&state.store, user, Action::View, Scope::Document(x.unit_id)).await? {
            below.push(x);
        }
    }
    cascade.implemented_by = below;
    let mut missing = Vec::new();
    for c in &cascade.campaigns {
        let parent = match d.unit_id {
            Some(u) if state.store.is_within(c.scope_unit_id, u).await? => u,
            _ => c.scope_unit_id,
        };
        let parent = if state.store.is_within(user.unit_id, parent).await? {
            parent
        } else {
            user.unit_id
        };
        if !state.store.is_within(c.scope_unit_id, parent).await? {
            continue;
        }
        let mut units = state.store.units_without_plan(c.id, parent).await?;
        let more = units.len().saturating_sub(MISSING_SHOWN);
        units.truncate(MISSING_SHOWN);
        missing.push(MissingView {
            campaign: c.clone(),
            parent: state
                .store
                .unit(parent)
                .await?
                .map(|u| u.name)
                .unwrap_or_default(),
            units,
            more,
        });
    }
    let can_tasks = can(
        &state.store,
        user,
        Action::ManageTasks,
        Scope::Unit(user.unit_id),
    )
    .await?;
    let proposed = if can_tasks {
        state
            .store
            .extracted_tasks(d.id)
            .await?
            .into_iter()
            .enumerate()
            .map(|(index, t): (usize, ExtractedTask)| {
                let (deadline, due) = match &t.deadline {
                    Some(Value::Object(o)) => (
                        o.get("text")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_owned(),
                        o.get("date")
                            .and_then(Value::as_str)
                            .unwrap_or("")
                            .to_owned(),
                    ),
                    Some(Value::String(x)) => (x.clone(), String::new()),
                    _ => (String::new(), String::new()),
                };
                ProposedTask {
                    index,
                    section: t.section.unwrap_or_default(),
                    text: t.text,
                    lead: t.lead.join("; "),
                    deadline,
                    due,
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    let mut lead_units = vec![];
    if can_tasks {
        if let Some(u) = state.store.unit(user.unit_id).await? {
            lead_units.push(u);
        }
        lead_units.extend(state.store.unit_children(user.unit_id).await?);
    }
    let campaigns = state.store.campaigns_for(Some(user.unit_id)).await?;
    let can_campaign = can(
        &state.store,
        user,
        Action::ManageCampaign,
        Scope::Unit(user.unit_id),
    )
    .await?;
    Ok(DocumentPage {
        l: Layout::new(
            lang,
            d.number
                .clone()
                .or_else(|| d.title.clone())
                .unwrap_or_else(|| d.filename.clone()),
            Some(user),
            state.version,
        )
        .at(&format!("/documents/{}", d.id)),
        date: d.issued_at.map(crate::timefmt::date).unwrap_or_default(),
        signer,
        sections,
        refs,
        cascade,
        missing,
        proposed,
        campaigns,
        lead_units,
        can_tasks,
        can_campaign,
        flash,
        d,
    }
    .into_response())
}

/// `POST /documents/{id}/tasks`: accepts one proposed task (one click):
/// lead unit, campaign and deadline from the form.
pub async fn document_task_accept(
    State(state): State<AppState>,
    CurrentUser(user): CurrentUser,
    headers: HeaderMap,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, AppError> {
    let d = visible_document(&state, &user, id).await?;
    let p = Pairs::parse(&body);
    let lead = p
        .int("lead_unit_id")
        .ok_or_else(|| AppError::BadRequest("Chưa chọn đơn vị chủ trì".into()))?;
    require(&state.store, &user, Action::ManageTasks, Scope::Unit(lead)).await?;
    let index = p.int("index").unwrap_or(-1);
    let proposals = state.store.extracted_tasks(d.id).await?;
    let t = usize::try_from(index)
        .ok()
        .and_then(|i| proposals.get(i))
        .ok_or(AppError::NotFound)?;
    let campaign_id = p.int("campaign_id");
    if let Some(c) = campaign_id {
        let c = state.store.campaign(c).await?.ok_or(AppError::NotFound)?;
        if !state.store.is_within(c.scope_unit_id, lead).await? {
            return Err(AppError::BadRequest(
                "Đơn vị chủ trì không thuộc phạm vi đợt triển khai".into(),
            ));
        }
    }
    let due_at = p
        .opt("due")
        .map(|x| {
            crate::timefmt::parse(&x)
                .map(|t| t + 86_399)
                .ok_or_else(|| AppError::BadRequest(format!("Hạn không hợp lệ: {x}")))
        })
        .transpose()?;
    let task = NewTask {
        campaign_id,
        document_id: Some(d.id),
        section: t.section.clone(),
        title: t.text.chars().take(MAX_FIELD).collect(),
        lead_unit_id: lead,
        support_unit_ids: Vec::new(),
        due_at,
        recurrence: None,
    };
    let tid = state.store.task_create(&user.username, &task).await?;
    let lang = Lang::from_headers(&headers);
    show(
        &state,
        &user,
        &headers,
        d,
        Some(format!("{} #{tid}", lang.t("task.created"))),
    )
    .await
}
