//! Group commit: many concurrent requests, one writer, one transaction per
//! batch.
//!
//! Each request sends its item down a channel with a reply slot and waits.
//! One writer task takes what has queued up (at most [`MAX_BATCH`] items, or
//! whatever arrived within [`LINGER`] of the first), commits them in one
//! transaction, and only then answers every request of the batch. An
//! acknowledged item is therefore durable; a failed commit fails every
//! request of its batch, and nothing of it is written.

use std::{future::Future, pin::Pin, sync::Arc, time::Duration};

use tokio::sync::{mpsc, oneshot};

/// Most items committed in one transaction: large enough to amortise the
/// fsync, small enough that one transaction stays a few milliseconds.
pub const MAX_BATCH: usize = 2_000;
/// How long the writer waits for more items after the first of a batch:
/// the added latency when the load is light.
pub const LINGER: Duration = Duration::from_millis(2);
/// Requests that may wait in the queue before new ones are refused
/// (back-pressure instead of unbounded memory).
pub const QUEUE_CAPACITY: usize = 50_000;

/// Why an item was not committed.
#[derive(Debug, Clone, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    /// The queue is full: the server is overloaded, try again.
    #[error("queue full")]
    Overloaded,
    /// The writer stopped (shutdown).
    #[error("writer stopped")]
    Stopped,
    /// The transaction failed; nothing of the batch was written.
    #[error("commit failed: {0}")]
    Commit(String),
}

/// The commit function: writes a batch in one transaction and returns one
/// result per item, in order.
pub type CommitFn<T, R> = Arc<
    dyn Fn(Vec<T>) -> Pin<Box<dyn Future<Output = Result<Vec<R>, String>> + Send>> + Send + Sync,
>;

type Job<T, R> = (T, oneshot::Sender<Result<R, BatchError>>);

/// A handle to submit items to the writer; cheap to clone.
pub struct Batcher<T, R> {
    tx: mpsc::Sender<Job<T, R>>,
}

impl<T, R> Clone for Batcher<T, R> {
    fn clone(&self) -> Self {
        Self {
            tx: self.tx.clone(),
        }
    }
}

impl<T, R> std::fmt::Debug for Batcher<T, R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Batcher").finish_non_exhaustive()
    }
}

impl<T: Send + 'static, R: Send + 'static> Batcher<T, R> {
    /// Starts the writer task on the current runtime.
    pub fn start(commit: CommitFn<T, R>) -> Self {
        let (tx, rx) = mpsc::channel(QUEUE_CAPACITY);
        tokio::spawn(writer(rx, commit));
        Batcher { tx }
    }

    /// Submits one item and waits until its batch is committed.
    pub async fn submit(&self, item: T) -> Result<R, BatchError> {
        let (reply, wait) = oneshot::channel();
        self.tx.try_send((item, reply)).map_err(|e| match e {
            mpsc::error::TrySendError::Full(_) => BatchError::Overloaded,
            mpsc::error::TrySendError::Closed(_) => BatchError::Stopped,
        })?;
        wait.await.map_err(|_| BatchError::Stopped)?
    }
}

async fn writer<T, R>(mut rx: mpsc::Receiver<Job<T, R>>, commit: CommitFn<T, R>) {
    let mut jobs: Vec<Job<T, R>> = Vec::with_capacity(MAX_BATCH);
    while let Some(first) = rx.recv().await {
        jobs.push(first);
        let deadline = tokio::time::Instant::now() + LINGER;
        while jobs.len() < MAX_BATCH {
            // Take everything already queued without waiting.
            while jobs.len() < MAX_BATCH {
                match rx.try_recv() {
                    Ok(j) => jobs.push(j),
                    Err(_) => break,
                }
            }
            if jobs.len() >= MAX_BATCH {
                break;
            }
            match tokio::time::timeout_at(deadline, rx.recv()).await {
                Ok(Some(j)) => jobs.push(j),
                Ok(None) | Err(_) => break,
            }
        }
        let (items, replies): (Vec<T>, Vec<_>) = jobs.drain(..).unzip();
        let n = items.len();
        crate::metrics::checkin_batch(n);
        match commit(items).await {
            Ok(results) if results.len() == n => {
                for (reply, r) in replies.into_iter().zip(results) {
                    let _ = reply.send(Ok(r));
                }
            }
            Ok(results) => {
                let msg = format!("commit returned {} results for {n} items", results.len());
                for reply in replies {
                    let _ = reply.send(Err(BatchError::Commit(msg.clone())));
                }
            }
            Err(e) => {
                for reply in replies {
                    let _ = reply.send(Err(BatchError::Commit(e.clone())));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Mutex;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_items_share_transactions_and_each_gets_its_own_answer() {
        let batches: Arc<Mutex<Vec<usize>>> = Arc::default();
        let seen = batches.clone();
        let commit: CommitFn<u32, u32> = Arc::new(move |items: Vec<u32>| {
            let seen = seen.clone();
            Box::pin(async move {
                seen.lock().map_err(|e| e.to_string())?.push(items.len());
                tokio::time::sleep(Duration::from_millis(5)).await;
                Ok(items.into_iter().map(|x| x * 2).collect())
            })
        });
        let b = Batcher::start(commit);
        let mut handles = Vec::new();
        for i in 0..500u32 {
            let b = b.clone();
            handles.push(tokio::spawn(async move { (i, b.submit(i).await) }));
        }
        for h in handles {
            let (i, r) = h.await.unwrap();
            assert_eq!(r.unwrap(), i * 2);
        }
        let batches = batches.lock().unwrap();
        assert_eq!(batches.iter().sum::<usize>(), 500);
        assert!(batches.len() < 500, "items were grouped: {batches:?}");
    }

    #[tokio::test]
    async fn a_failed_commit_fails_every_item_of_its_batch() {
        let commit: CommitFn<u32, u32> =
            Arc::new(|_items: Vec<u32>| Box::pin(async { Err("disk full".to_owned()) }));
        let b = Batcher::start(commit);
        let r = b.submit(1).await;
        assert!(matches!(r, Err(BatchError::Commit(m)) if m == "disk full"));
    }
}
