//! The records the [`Store`](crate::Store) reads and writes.

use domain::{
    AttendanceMethod, PlanStatus, Recurrence, RelationKind, ReportStatus, Role, SessionMode,
    TaskState, TaskStatus, UnitKind, UnitStats,
};
use serde::{Deserialize, Serialize};

/// A unit of the organisation tree (party committee, organisation, cell, office).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Unit {
    /// Identifier.
    pub id: i64,
    /// The parent unit; `None` for the root.
    pub parent_id: Option<i64>,
    /// Level/kind.
    #[sqlx(try_from = "String")]
    pub kind: UnitKind,
    /// Stable external code (e.g. the administrative code).
    pub code: String,
    /// Name as written, e.g. "Đảng ủy phường Hoàn Kiếm".
    pub name: String,
    /// Issuer abbreviation used in document numbers (TU, ĐU, CB …).
    pub abbrev: String,
    /// Distance from the root (root = 0).
    pub depth: i64,
    /// Members directly in this unit.
    pub members_direct: i64,
    /// Members in the whole subtree.
    pub members_subtree: i64,
}

/// A unit to create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewUnit {
    /// Parent (must exist); `None` only for the root.
    pub parent_id: Option<i64>,
    /// Level/kind.
    pub kind: UnitKind,
    /// Unique code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Issuer abbreviation.
    pub abbrev: String,
}

/// A party member (minimal personal data: name and roles).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Member {
    /// Identifier.
    pub id: i64,
    /// The member's unit (usually a cell).
    pub unit_id: i64,
    /// Full name.
    pub name: String,
    /// Role flags, see [`domain::member_roles`].
    pub roles: i64,
}

/// A member to create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewMember {
    /// The member's unit.
    pub unit_id: i64,
    /// Full name.
    pub name: String,
    /// Role flags.
    pub roles: i64,
}

/// One page of a longer list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page<T> {
    /// The items of this page.
    pub items: Vec<T>,
    /// How many items the whole list has.
    pub total: i64,
}

/// A sign-in account bound to a unit with a role.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Account {
    /// Identifier.
    pub id: i64,
    /// Sign-in name (unique).
    pub username: String,
    /// Name shown in the interface.
    pub display_name: String,
    /// Argon2id PHC string (never logged: hidden from `Debug`).
    #[serde(skip_serializing)]
    pub password_hash: String,
    /// The unit whose subtree the account sees.
    pub unit_id: i64,
    /// Role.
    #[sqlx(try_from = "String")]
    pub role: Role,
    /// The member this account belongs to, for members.
    pub member_id: Option<i64>,
    /// When created.
    pub created_at: i64,
    /// When disabled, if it is.
    pub disabled_at: Option<i64>,
}

impl std::fmt::Debug for Account {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Account")
            .field("id", &self.id)
            .field("username", &self.username)
            .field("unit_id", &self.unit_id)
            .field("role", &self.role)
            .field("password_hash", &"<hidden>")
            .finish()
    }
}

/// An account to create; the caller hashes the password (argon2id).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewAccount {
    /// Sign-in name.
    pub username: String,
    /// Display name.
    pub display_name: String,
    /// Argon2id PHC string.
    pub password_hash: String,
    /// Unit.
    pub unit_id: i64,
    /// Role.
    pub role: Role,
    /// Linked member.
    pub member_id: Option<i64>,
}

impl std::fmt::Debug for NewAccount {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NewAccount")
            .field("username", &self.username)
            .field("unit_id", &self.unit_id)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

/// An API token's metadata (the token itself is shown once and stored hashed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct ApiToken {
    /// Identifier.
    pub id: i64,
    /// Owner.
    pub account_id: i64,
    /// What it is for.
    pub name: String,
    /// When created.
    pub created_at: i64,
    /// When revoked, if it is.
    pub revoked_at: Option<i64>,
}

/// A stored document: metadata, the parsed model and a link to its bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Document {
    /// Identifier.
    pub id: i64,
    /// SHA-256 (hex) of the original bytes.
    pub sha256: String,
    /// `official` or `article`.
    pub kind: String,
    /// Number and symbol as read, e.g. `57-KL/TW`.
    pub number: Option<String>,
    /// Type name, e.g. `Kết luận`.
    pub doc_type: Option<String>,
    /// Issuing body.
    pub issuer: Option<String>,
    /// Date of issue (epoch seconds, 00:00 UTC).
    pub issued_at: Option<i64>,
    /// Subject line.
    pub title: Option<String>,
    /// The unit that issued it, when known.
    pub unit_id: Option<i64>,
    /// Original file name.
    pub filename: String,
    /// The parsed model (vanban's JSON), as text.
    pub model: String,
    /// When stored.
    pub created_at: i64,
    /// Who stored it.
    pub created_by: String,
}

/// A document to store (from vanban's model, possibly corrected by a clerk).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewDocument {
    /// `official` or `article`.
    pub kind: String,
    /// Number and symbol.
    pub number: Option<String>,
    /// Type name.
    pub doc_type: Option<String>,
    /// Issuer.
    pub issuer: Option<String>,
    /// Date of issue.
    pub issued_at: Option<i64>,
    /// Subject line.
    pub title: Option<String>,
    /// Issuing unit, when known.
    pub unit_id: Option<i64>,
    /// Original file name.
    pub filename: String,
    /// The full parsed model.
    pub model: serde_json::Value,
    /// Documents it refers to.
    pub references: Vec<NewReference>,
}

/// A reference from a document to another, to be resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewReference {
    /// How the document relates to the target.
    pub kind: RelationKind,
    /// The target's number as written.
    pub number: String,
    /// The target's type, if stated.
    pub doc_type: Option<String>,
    /// The target's issuer, if stated.
    pub issuer: Option<String>,
    /// The target's date, if stated.
    pub date: Option<i64>,
}

/// A stored relation; `to_doc` is `None` until the target is known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Relation {
    /// Identifier.
    pub id: i64,
    /// The citing document.
    pub from_doc: i64,
    /// Kind.
    #[sqlx(try_from = "String")]
    pub kind: RelationKind,
    /// Target number (normalised).
    pub ref_number: String,
    /// Target type if stated.
    pub ref_type: Option<String>,
    /// Target issuer if stated.
    pub ref_issuer: Option<String>,
    /// Target date if stated.
    pub ref_date: Option<i64>,
    /// The resolved target.
    pub to_doc: Option<i64>,
}

/// Outcome of storing a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentInserted {
    /// The document's id.
    pub id: i64,
    /// False when the same bytes were already stored (a no-op).
    pub created: bool,
}

/// A short view of a document for lists and links.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct DocSummary {
    /// Identifier.
    pub id: i64,
    /// Number.
    pub number: Option<String>,
    /// Type.
    pub doc_type: Option<String>,
    /// Issuer.
    pub issuer: Option<String>,
    /// Date.
    pub issued_at: Option<i64>,
    /// Subject.
    pub title: Option<String>,
    /// Issuing unit.
    pub unit_id: Option<i64>,
}

/// A document's place in the cascade.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cascade {
    /// What it carries out.
    pub implements: Vec<DocSummary>,
    /// Documents that carry it out (units' plans among them).
    pub implemented_by: Vec<DocSummary>,
    /// Campaigns rolled out from it or in which it is a plan.
    pub campaigns: Vec<Campaign>,
    /// References not (yet) resolved to a stored document.
    pub unresolved: Vec<Relation>,
}

/// A rollout of a directive over a subtree.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Campaign {
    /// Identifier.
    pub id: i64,
    /// Name.
    pub name: String,
    /// The root directive.
    pub document_id: i64,
    /// The subtree it covers.
    pub scope_unit_id: i64,
    /// Units must issue their plan by this time.
    pub plan_due: i64,
    /// Study sessions must be held by this time.
    pub study_due: i64,
    /// Coverage target in percent.
    pub coverage_target: i64,
    /// How often reports are due.
    #[sqlx(try_from = "String")]
    pub report_recurrence: Recurrence,
    /// First report deadline.
    pub report_first_due: i64,
    /// When created.
    pub created_at: i64,
}

/// A campaign to start.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCampaign {
    /// Name.
    pub name: String,
    /// Root directive.
    pub document_id: i64,
    /// Scope.
    pub scope_unit_id: i64,
    /// Plan deadline (D1).
    pub plan_due: i64,
    /// Study deadline (D2).
    pub study_due: i64,
    /// Coverage target, percent (0..=100).
    pub coverage_target: i64,
    /// Report period.
    pub report_recurrence: Recurrence,
    /// First report deadline.
    pub report_first_due: i64,
}

/// A campaign's figures at one unit: its subtree totals and one row per child.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Rollup {
    /// The campaign.
    pub campaign: Campaign,
    /// The unit looked at.
    pub unit: Unit,
    /// The time the figures are for (overdue is computed against it).
    pub at: i64,
    /// The current report period's deadline.
    pub period_due: i64,
    /// Totals over the unit's whole subtree (excluding its own plan and report).
    pub total: UnitStats,
    /// The unit's own plan status (the scope root owes none: `Missing` there is moot).
    pub own_plan: PlanStatus,
    /// One row per direct child in the campaign's scope.
    pub children: Vec<ChildRollup>,
}

/// One child's row on a dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChildRollup {
    /// The child unit.
    pub unit: Unit,
    /// The child's subtree totals (below it).
    pub stats: UnitStats,
    /// The child's own plan status.
    pub plan: PlanStatus,
    /// The child's plan document, if issued.
    pub plan_document_id: Option<i64>,
    /// The child's report for the current period, if any.
    pub report: Option<ReportStatus>,
}

/// An assigned task.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Task {
    /// Identifier.
    pub id: i64,
    /// Campaign it belongs to.
    pub campaign_id: Option<i64>,
    /// Document it was extracted from.
    pub document_id: Option<i64>,
    /// Section of that document (`II.3`).
    pub section: Option<String>,
    /// What is to be done.
    pub title: String,
    /// Lead unit (chủ trì).
    pub lead_unit_id: i64,
    /// Current deadline (for recurring tasks: this period's).
    pub due_at: Option<i64>,
    /// Recurrence, for periodic tasks.
    #[sqlx(try_from = "Option<String>")]
    pub recurrence: OptRecurrence,
    /// Workflow state.
    #[sqlx(try_from = "String")]
    pub state: TaskState,
    /// Progress in percent.
    pub progress: i64,
    /// When completion was reported.
    pub completed_at: Option<i64>,
    /// Requested new deadline, pending approval.
    pub extension_until: Option<i64>,
    /// Why the extension is asked.
    pub extension_reason: Option<String>,
    /// Why the last completion report was sent back.
    pub sent_back_reason: Option<String>,
    /// When created.
    pub created_at: i64,
    /// When last changed.
    pub updated_at: i64,
}

impl Task {
    /// The task's status at `now`.
    pub fn status(&self, now: i64) -> TaskStatus {
        TaskStatus::of(self.due_at, self.progress, self.completed_at, now)
    }
}

/// An optional [`Recurrence`] decodable from a nullable column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct OptRecurrence(pub Option<Recurrence>);

impl TryFrom<Option<String>> for OptRecurrence {
    type Error = domain::ParseError;
    fn try_from(v: Option<String>) -> Result<Self, Self::Error> {
        v.map(|s| s.parse()).transpose().map(OptRecurrence)
    }
}

/// A task to create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewTask {
    /// Campaign.
    pub campaign_id: Option<i64>,
    /// Source document.
    pub document_id: Option<i64>,
    /// Source section.
    pub section: Option<String>,
    /// What is to be done.
    pub title: String,
    /// Lead unit.
    pub lead_unit_id: i64,
    /// Coordinating units (phối hợp).
    pub support_unit_ids: Vec<i64>,
    /// First deadline (None: "thường xuyên").
    pub due_at: Option<i64>,
    /// Periodic deadline.
    pub recurrence: Option<Recurrence>,
}

/// Filters for listing tasks; all optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TaskFilter {
    /// Only this campaign's.
    pub campaign_id: Option<i64>,
    /// Only tasks led by units in this subtree.
    pub within_unit: Option<i64>,
    /// Only tasks led by this unit.
    pub lead_unit_id: Option<i64>,
    /// Only tasks with this status at `now`.
    pub status: Option<TaskStatus>,
    /// Only tasks due before this time.
    pub due_before: Option<i64>,
    /// Skip this many.
    pub offset: i64,
    /// At most this many (capped by [`crate::MAX_PAGE`]).
    pub limit: i64,
}

/// One entry of a task's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct TaskUpdate {
    /// Identifier.
    pub id: i64,
    /// Task.
    pub task_id: i64,
    /// When.
    pub at: i64,
    /// Who.
    pub actor: String,
    /// `progress`, `extension_request`, `extension_approved`, `extension_rejected`, `complete`, `accept`, `send_back`.
    pub kind: String,
    /// Progress reported.
    pub progress: Option<i64>,
    /// Note or reason.
    pub note: String,
    /// Evidence (file reference or link).
    pub evidence: Option<String>,
}

/// A task as vanban extracted it from a document (a proposal, not yet a task).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ExtractedTask {
    /// Section id.
    #[serde(default)]
    pub section: Option<String>,
    /// Task text.
    #[serde(default)]
    pub text: String,
    /// Lead unit names as written.
    #[serde(default)]
    pub lead: Vec<String>,
    /// Coordinating unit names as written.
    #[serde(default)]
    pub support: Vec<String>,
    /// Deadline as vanban gave it.
    #[serde(default)]
    pub deadline: Option<serde_json::Value>,
}

/// A study session (hội nghị nghiên cứu, học tập, quán triệt).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StudySession {
    /// Identifier.
    pub id: i64,
    /// Campaign it counts for.
    pub campaign_id: Option<i64>,
    /// Organising unit.
    pub organiser_unit_id: i64,
    /// Title.
    pub title: String,
    /// Start.
    pub starts_at: i64,
    /// End.
    pub ends_at: i64,
    /// Mode.
    pub mode: SessionMode,
    /// Main venue.
    pub venue: String,
    /// Presenter (báo cáo viên).
    pub presenter: String,
    /// Participant groups (thành phần).
    pub participant_groups: Vec<String>,
    /// The session this one makes up for (học bù).
    pub makeup_of: Option<i64>,
    /// Distinct members checked in.
    pub attended: i64,
    /// Bridge points (điểm cầu).
    pub bridge_points: Vec<BridgePoint>,
}

/// A bridge point of an online session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct BridgePoint {
    /// Identifier.
    pub id: i64,
    /// Unit hosting it.
    pub unit_id: i64,
    /// Name/place.
    pub name: String,
    /// Expected participants.
    pub expected: i64,
}

/// A session to create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewSession {
    /// Campaign.
    pub campaign_id: Option<i64>,
    /// Organiser.
    pub organiser_unit_id: i64,
    /// Title.
    pub title: String,
    /// Start.
    pub starts_at: i64,
    /// End.
    pub ends_at: i64,
    /// Mode.
    pub mode: SessionMode,
    /// Venue.
    pub venue: String,
    /// Presenter.
    pub presenter: String,
    /// Participant groups.
    pub participant_groups: Vec<String>,
    /// Make-up of.
    pub makeup_of: Option<i64>,
    /// Bridge points.
    pub bridge_points: Vec<NewBridgePoint>,
}

/// A bridge point to create.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewBridgePoint {
    /// Hosting unit.
    pub unit_id: i64,
    /// Name/place.
    pub name: String,
    /// Expected participants.
    pub expected: i64,
}

/// Outcome of one check-in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CheckIn {
    /// Recorded now.
    Inserted,
    /// The member had already checked in to this session (ignored).
    Duplicate,
}

/// One row of an attendance batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttendanceRow {
    /// Member.
    pub member_id: i64,
    /// How recorded.
    pub method: AttendanceMethod,
    /// When.
    pub at: i64,
}

/// Outcome of a batch of check-ins, committed as one transaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct BatchOutcome {
    /// Rows recorded.
    pub inserted: u64,
    /// Rows ignored as duplicates.
    pub duplicates: u64,
}

/// A periodic report of a unit to the unit above.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Report {
    /// Identifier.
    pub id: i64,
    /// Campaign.
    pub campaign_id: i64,
    /// Reporting unit.
    pub unit_id: i64,
    /// The period's deadline.
    pub period_due: i64,
    /// Figures (JSON of [`UnitStats`] plus derived values).
    pub figures: String,
    /// Text.
    pub body: String,
    /// Status.
    #[sqlx(try_from = "String")]
    pub status: ReportStatus,
    /// When submitted.
    pub submitted_at: Option<i64>,
    /// When created.
    pub created_at: i64,
    /// When last changed.
    pub updated_at: i64,
}

/// A child unit and its report for a period (None: missing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChildReport {
    /// The child.
    pub unit: Unit,
    /// Its report, if drafted or submitted.
    pub report: Option<Report>,
}

/// An inspection or supervision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Inspection {
    /// Identifier.
    pub id: i64,
    /// Campaign.
    pub campaign_id: Option<i64>,
    /// Inspecting unit.
    pub inspector_unit_id: i64,
    /// Inspected unit.
    pub inspected_unit_id: i64,
    /// When.
    pub at: i64,
    /// Findings.
    pub findings: String,
}

/// An inspection to record.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewInspection {
    /// Campaign.
    pub campaign_id: Option<i64>,
    /// Inspecting unit.
    pub inspector_unit_id: i64,
    /// Inspected unit.
    pub inspected_unit_id: i64,
    /// When.
    pub at: i64,
    /// Findings.
    pub findings: String,
}

/// A commendation of a unit or member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Commendation {
    /// Identifier.
    pub id: i64,
    /// Campaign.
    pub campaign_id: Option<i64>,
    /// Unit commended.
    pub unit_id: Option<i64>,
    /// Member commended.
    pub member_id: Option<i64>,
    /// Why (good model, good practice …).
    pub reason: String,
    /// When.
    pub at: i64,
}

/// A commendation to record (unit or member, at least one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewCommendation {
    /// Campaign.
    pub campaign_id: Option<i64>,
    /// Unit.
    pub unit_id: Option<i64>,
    /// Member.
    pub member_id: Option<i64>,
    /// Why.
    pub reason: String,
    /// When.
    pub at: i64,
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct AuditEntry {
    /// Position in the chain (1, 2, …; no gaps).
    pub seq: i64,
    /// When.
    pub at: i64,
    /// Who.
    pub actor: String,
    /// Entity kind (`unit`, `document`, `task` …).
    pub entity: String,
    /// Entity id.
    pub entity_id: i64,
    /// Operation.
    pub op: String,
    /// State before (JSON).
    pub before: Option<String>,
    /// State after (JSON).
    pub after: Option<String>,
    /// Chain hash.
    pub hash: String,
}

/// Result of verifying the audit chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuditVerdict {
    /// Every entry checks out.
    Intact {
        /// Entries checked.
        entries: i64,
    },
    /// The first entry that does not.
    Broken {
        /// Its sequence number.
        seq: i64,
        /// What is wrong.
        reason: String,
    },
}

/// One entry of the change feed that indexers follow.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, sqlx::FromRow)]
pub struct Change {
    /// Position in the feed.
    pub seq: i64,
    /// Entity kind: `document`, `unit`, `task`.
    pub kind: String,
    /// Entity id.
    pub entity_id: i64,
    /// `insert`, `update`, `delete`.
    pub op: String,
    /// When.
    pub at: i64,
}

/// Row counts and checksums of every table, to compare database states.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fingerprint {
    /// (table, rows, checksum) per table, in name order.
    pub tables: Vec<(String, i64, String)>,
}

/// One row of a units import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportUnit {
    /// Row number in the source file (for error messages).
    pub row: u64,
    /// Parent's code (empty/None for a new root).
    pub parent_code: Option<String>,
    /// Unique code.
    pub code: String,
    /// Name.
    pub name: String,
    /// Kind code (see [`UnitKind`]).
    pub kind: String,
    /// Issuer abbreviation.
    pub abbrev: String,
}

/// One row of a members import.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportMember {
    /// Row number in the source file (for error messages).
    pub row: u64,
    /// The member's unit, by code.
    pub unit_code: String,
    /// Full name.
    pub name: String,
    /// Role flags.
    pub roles: i64,
}
