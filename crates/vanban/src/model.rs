//! The output model. Its serde form is the evaluation contract view
//! (`../shared/eval/CONTRACT.md`) plus extra fields: spans are `[start, end]`
//! byte ranges into the normalised (NFC) text.

use serde::Serialize;

/// A byte range `[start, end]` into the normalised text.
pub type Span = [usize; 2];

/// What kind of text this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Kind {
    /// An issued document: its own header, number or signer.
    #[default]
    Official,
    /// News or web text about documents.
    Article,
}

/// A document as understood from its text.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
pub struct Document {
    /// `official` or `article`.
    pub kind: Kind,
    /// Own number and symbol, normalised (`57-KL/TW`, `1234/QĐ-UBND`).
    pub number: Option<String>,
    /// Type name in sentence case (`Kết luận`, `Công văn`).
    pub doc_type: Option<String>,
    /// Type code (`KL`, `QĐ`); empty types (công văn) have none.
    pub doc_type_code: Option<String>,
    /// Issuing body as the document names it.
    pub issuer: Option<String>,
    /// The body above the issuer in the header (`TỈNH ỦY ...` above `BAN TUYÊN GIÁO`).
    pub parent_organ: Option<String>,
    /// Place of issue (`Hà Nội`).
    pub place: Option<String>,
    /// Date of issue (`YYYY-MM-DD`), or an article's publication date.
    pub date: Option<String>,
    /// Trích yếu, or an article's headline.
    pub title: Option<String>,
    /// Who signed, and in what capacity.
    pub signer: Option<Signer>,
    /// Other documents cited with a number.
    pub references: Vec<Reference>,
    /// Numbers of the documents this one says it carries out.
    pub implements: Vec<String>,
    /// Headings, flat in document order, with path ids (`II.3.1`, `Điều 2.1.a`).
    pub sections: Vec<Section>,
    /// Assignments of work.
    pub tasks: Vec<Task>,
    /// Scheduled meetings and study sessions.
    pub events: Vec<Event>,
    /// Measurable targets.
    pub targets: Vec<Target>,
    /// The "Nơi nhận" lines.
    pub recipients: Vec<Recipient>,
    /// Urgency mark (`HỎA TỐC`, `THƯỢNG KHẨN`, `KHẨN`).
    pub urgency: Option<String>,
    /// Secrecy mark (`MẬT`, `TỐI MẬT`, `TUYỆT MẬT`).
    pub secrecy: Option<String>,
    /// An article's author, when a byline names one.
    pub author: Option<String>,
    /// Short names defined in the text ("sau đây viết tắt là ...").
    pub aliases: Vec<Alias>,
    /// Where the header facts sit in the text.
    pub spans: HeaderSpans,
}

/// A document serialised with its source first — `{"source": ..., <Document
/// fields>}`, the line `trienkhai parse --json` prints — without building a
/// `serde_json::Value` in between.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct WithSource<'a> {
    /// File name or path the text came from.
    pub source: &'a str,
    /// The document.
    #[serde(flatten)]
    pub document: &'a Document,
}

/// Spans of header facts.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
pub struct HeaderSpans {
    /// The number as written.
    pub number: Option<Span>,
    /// The type line.
    pub doc_type: Option<Span>,
    /// The issuer line(s).
    pub issuer: Option<Span>,
    /// The place-and-date line.
    pub date: Option<Span>,
    /// The title (trích yếu) or headline.
    pub title: Option<Span>,
}

/// The signature block.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
pub struct Signer {
    /// The signer's name.
    pub name: Option<String>,
    /// The T/M, K/T, T/L, T/U, TM., KT., TL., TUQ., Q. line(s), as written.
    pub capacity: Option<String>,
    /// The office line (`PHÓ BÍ THƯ`).
    pub position: Option<String>,
    /// Span of the name.
    pub span: Option<Span>,
}

/// A cited document.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
pub struct Reference {
    /// Normalised number.
    pub number: String,
    /// Type name, from the words before the number or from its code.
    pub doc_type: Option<String>,
    /// Date stated with the first mention (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Issuer stated with the first mention ("của Bộ Chính trị").
    pub issuer: Option<String>,
    /// Spans of every mention (capped).
    pub spans: Vec<Span>,
}

/// A short name defined in the text.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
pub struct Alias {
    /// The short name ("Kết luận số 57").
    pub alias: String,
    /// The number it stands for, when resolved.
    pub number: Option<String>,
    /// Where it is defined.
    pub span: Span,
}

/// One heading of the section tree.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
pub struct Section {
    /// Path id: `II`, `II.3`, `II.3.1`, `II.2.a`, `Điều 2.1.a`.
    pub id: String,
    /// Heading text after the marker.
    pub heading: String,
    /// Depth (1 = top).
    pub level: u8,
    /// Span of the heading line.
    pub span: Span,
}

/// How a deadline is expressed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DeadlineKind {
    /// By a date ("trước ngày 30/11/2023").
    Date,
    /// Within a month ("trong tháng 10/2023").
    Month,
    /// Within a quarter ("trong quý IV/2023").
    Quarter,
    /// Within a year ("trong năm 2024").
    Year,
    /// Repeating ("định kỳ 6 tháng", "hằng năm").
    Recurring,
    /// Ongoing ("thường xuyên").
    Ongoing,
}

/// A deadline: the phrase as written and a structured reading.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Deadline {
    /// The phrase as written.
    pub text: String,
    /// Its kind.
    pub kind: DeadlineKind,
    /// The last day, when it is a date (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Period for recurring deadlines (`6 tháng`, `năm`), quarter (`IV/2023`) or month (`10/2023`).
    pub period: Option<String>,
}

/// An assignment of work.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
pub struct Task {
    /// Id of the section it sits in.
    pub section: Option<String>,
    /// The sentence that assigns it.
    pub text: String,
    /// Lead units, exactly as written.
    pub lead: Vec<String>,
    /// Coordinating units.
    pub support: Vec<String>,
    /// When it is due.
    pub deadline: Option<Deadline>,
    /// Span of the sentence.
    pub span: Span,
}

/// Kind of scheduled meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum EventKind {
    /// Studying a directive.
    StudySession,
    /// A conference.
    Conference,
}

/// How people attend.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Mode {
    /// In person.
    InPerson,
    /// Online.
    Online,
    /// Both.
    Both,
}

/// A study session or conference.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Event {
    /// study_session or conference.
    pub kind: EventKind,
    /// `YYYY-MM-DD`.
    pub date: Option<String>,
    /// `HH:MM`.
    pub time: Option<String>,
    /// Where it is held.
    pub venue: Option<String>,
    /// In person / online / both.
    pub mode: Option<Mode>,
    /// Bridge points ("điểm cầu").
    pub bridge_points: Vec<String>,
    /// Participant groups ("Thành phần").
    pub participants: Vec<String>,
    /// Presenter ("Báo cáo viên").
    pub presenter: Option<String>,
    /// Span of the sentence with the date.
    pub span: Span,
}

/// A measurable target.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Target {
    /// The percentage.
    pub percent: f64,
    /// The clause that states it.
    pub text: String,
    /// Its span.
    pub span: Span,
}

/// One "Nơi nhận" line.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Recipient {
    /// The recipient (an archive line "Lưu VP..." as written).
    pub name: String,
    /// The note in brackets (`báo cáo`, `để b/c`, `t/h`).
    pub note: Option<String>,
    /// Its span.
    pub span: Span,
}

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Severity {
    /// Something is probably missing or wrong.
    Warning,
    /// For information.
    Note,
}

/// A note about something doubtful in the text.
#[derive(Debug, Clone, Serialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// How serious.
    pub severity: Severity,
    /// What was doubtful.
    pub message: String,
    /// Where, when known.
    pub span: Option<Span>,
}

impl Diagnostic {
    /// A warning.
    pub fn warning(message: impl Into<String>, span: Option<Span>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            message: message.into(),
            span,
        }
    }
    /// A note.
    pub fn note(message: impl Into<String>, span: Option<Span>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            message: message.into(),
            span,
        }
    }
}

/// The result of [`crate::parse`]: always a document, plus diagnostics.
#[derive(Debug, Clone, Default, Serialize)]
#[non_exhaustive]
pub struct Parsed {
    /// The document.
    pub document: Document,
    /// What was doubtful.
    pub diagnostics: Vec<Diagnostic>,
    /// True when the input was not NFC and spans refer to its NFC form.
    pub normalized: bool,
}
