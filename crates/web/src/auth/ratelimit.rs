//! Sign-in rate limit: a fixed number of failed attempts per (client IP,
//! user name) within a window; success clears the count.
//!
//! Kept in process memory: with several `serve` processes behind a load
//! balancer each process counts on its own, so the effective limit is
//! multiplied by the number of processes — still a hard cap on guessing.

use std::{
    collections::HashMap,
    net::IpAddr,
    sync::Mutex,
    time::{Duration, Instant},
};

/// Failed sign-ins allowed per IP and user name within [`WINDOW`].
pub const MAX_FAILURES: u32 = 5;
/// The window over which failures are counted.
pub const WINDOW: Duration = Duration::from_secs(15 * 60);
/// Keys remembered at most; older ones are dropped first (bounded memory
/// under a spray of made-up user names).
pub const MAX_KEYS: usize = 100_000;

/// The limiter.
#[derive(Debug, Default)]
pub struct LoginLimiter {
    map: Mutex<HashMap<(IpAddr, String), (u32, Instant)>>,
}

impl LoginLimiter {
    /// Whether another attempt is allowed now.
    pub fn allowed(&self, ip: IpAddr, user: &str) -> bool {
        let Ok(map) = self.map.lock() else {
            return false;
        };
        match map.get(&(ip, user.to_lowercase())) {
            Some((n, since)) => *n < MAX_FAILURES || since.elapsed() > WINDOW,
            None => true,
        }
    }

    /// Records a failed attempt.
    pub fn failed(&self, ip: IpAddr, user: &str) {
        let Ok(mut map) = self.map.lock() else {
            return;
        };
        if map.len() >= MAX_KEYS {
            map.retain(|_, (_, since)| since.elapsed() <= WINDOW);
            if map.len() >= MAX_KEYS {
                map.clear();
            }
        }
        let e = map
            .entry((ip, user.to_lowercase()))
            .or_insert((0, Instant::now()));
        if e.1.elapsed() > WINDOW {
            *e = (0, Instant::now());
        }
        e.0 += 1;
    }

    /// Clears the count after a successful sign-in.
    pub fn succeeded(&self, ip: IpAddr, user: &str) {
        if let Ok(mut map) = self.map.lock() {
            map.remove(&(ip, user.to_lowercase()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_max_failures_and_success_resets() {
        let l = LoginLimiter::default();
        let ip: IpAddr = "127.0.0.1".parse().unwrap();
        for _ in 0..MAX_FAILURES {
            assert!(l.allowed(ip, "a"));
            l.failed(ip, "A");
        }
        assert!(!l.allowed(ip, "a"));
        assert!(l.allowed(ip, "b"));
        l.succeeded(ip, "a");
        assert!(l.allowed(ip, "a"));
    }
}
