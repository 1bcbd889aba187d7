//! The one authorisation rule: an account acts within its unit's subtree,
//! with the actions its role allows; it may also read documents sent down
//! to its unit (issued by a unit above it, or by a body outside the tree).
//! Every handler calls [`can`] (through [`require`]) before reading or
//! writing anything unit-bound.

use domain::Role;
use store::{Account, Store};

use crate::AppError;

/// What a request wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Action {
    /// Read pages and figures.
    View,
    /// Upload and confirm documents.
    UploadDocument,
    /// Start campaigns.
    ManageCampaign,
    /// Create tasks, accept proposed tasks.
    ManageTasks,
    /// Report progress, ask for extensions, report completion.
    UpdateTask,
    /// Approve extensions, accept or send back completions.
    Approve,
    /// Create study sessions.
    ManageSessions,
    /// Import attendance lists.
    ImportAttendance,
    /// Check in to a session (a member for themself).
    CheckIn,
    /// Draft and edit reports.
    DraftReport,
    /// Submit reports upward.
    SubmitReport,
    /// Record inspections and commendations.
    Inspect,
}

/// Whether `role` may perform `action` at all.
pub fn role_allows(role: Role, action: Action) -> bool {
    use Action::*;
    match role {
        Role::QuanTri => true,
        Role::LanhDao => matches!(
            action,
            View | Approve | ManageCampaign | DraftReport | SubmitReport | Inspect | CheckIn
        ),
        Role::ChuyenVien => matches!(
            action,
            View | UploadDocument
                | ManageCampaign
                | ManageTasks
                | UpdateTask
                | ManageSessions
                | ImportAttendance
                | DraftReport
                | CheckIn
        ),
        Role::VanThu => matches!(
            action,
            View | UploadDocument | ManageSessions | ImportAttendance | CheckIn
        ),
        Role::DangVien => matches!(action, View | CheckIn),
        #[allow(unreachable_patterns)]
        _ => false,
    }
}

/// What an action is aimed at.
#[derive(Debug, Clone, Copy)]
pub enum Scope {
    /// A unit (the thing belongs to it).
    Unit(i64),
    /// A document issued by this unit (`None`: by a body outside the tree).
    Document(Option<i64>),
}

/// Whether `account` may do `action` on `scope`.
pub async fn can(
    store: &Store,
    account: &Account,
    action: Action,
    scope: Scope,
) -> Result<bool, store::Error> {
    if account.disabled_at.is_some() || !role_allows(account.role, action) {
        return Ok(false);
    }
    match scope {
        Scope::Unit(unit) => store.is_within(account.unit_id, unit).await,
        Scope::Document(None) => Ok(action == Action::View),
        Scope::Document(Some(unit)) => {
            if store.is_within(account.unit_id, unit).await? {
                return Ok(true);
            }
            // Sent down: issued by a unit above the account's unit.
            Ok(action == Action::View && store.is_within(unit, account.unit_id).await?)
        }
    }
}

/// [`can`], as a handler guard: outside the subtree is "not found" (its
/// existence does not leak), a role without the action is "forbidden".
pub async fn require(
    store: &Store,
    account: &Account,
    action: Action,
    scope: Scope,
) -> Result<(), AppError> {
    if can(store, account, action, scope).await? {
        return Ok(());
    }
    if role_allows(account.role, action) {
        Err(AppError::NotFound)
    } else {
        Err(AppError::Forbidden)
    }
}
