//! Check-ins: validated by the handler, then written through the
//! group-commit [`Batcher`](crate::batcher::Batcher): one transaction per
//! batch across all sessions, each request answered after its batch
//! commits (an acknowledged check-in is durable).

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use store::{AttendanceRow, CheckIn, Store, StudySession};

use crate::batcher::{Batcher, CommitFn};

/// One check-in waiting for its batch.
#[derive(Debug, Clone, Copy)]
pub struct CheckinItem {
    /// The session.
    pub session_id: i64,
    /// Who, how, when.
    pub row: AttendanceRow,
}

/// The check-in writer's handle.
pub type CheckinBatcher = Batcher<CheckinItem, CheckIn>;

/// Who the audit log names as the writer of QR check-ins.
pub const CHECKIN_ACTOR: &str = "checkin";

/// Starts the writer over `store`.
pub fn start(store: Store) -> CheckinBatcher {
    let commit: CommitFn<CheckinItem, CheckIn> = Arc::new(move |items: Vec<CheckinItem>| {
        let store = store.clone();
        Box::pin(async move {
            let rows: Vec<(i64, AttendanceRow)> =
                items.iter().map(|i| (i.session_id, i.row)).collect();
            let out = store
                .check_in_many(CHECKIN_ACTOR, &rows)
                .await
                .map_err(|e| e.to_string())?;
            let new = out.iter().filter(|c| **c == CheckIn::Inserted).count() as u64;
            crate::metrics::checkins(new, out.len() as u64 - new);
            Ok(out)
        })
    });
    Batcher::start(commit)
}

/// Sessions kept in memory at most: a session does not change once
/// created, so this is a plain read cache (not shared state).
pub const SESSION_CACHE_MAX: usize = 10_000;

/// A read cache of sessions for the hot check-in path.
#[derive(Debug, Default)]
pub struct SessionCache {
    map: Mutex<HashMap<i64, Arc<StudySession>>>,
}

impl SessionCache {
    /// The session `id`, from memory or the store.
    pub async fn get(
        &self,
        store: &Store,
        id: i64,
    ) -> Result<Option<Arc<StudySession>>, store::Error> {
        if let Ok(m) = self.map.lock()
            && let Some(s) = m.get(&id)
        {
            return Ok(Some(s.clone()));
        }
        let Some(s) = store.session(id).await? else {
            return Ok(None);
        };
        let s = Arc::new(s);
        if let Ok(mut m) = self.map.lock() {
            if m.len() >= SESSION_CACHE_MAX {
                m.clear();
            }
            m.insert(id, s.clone());
        }
        Ok(Some(s))
    }
}
