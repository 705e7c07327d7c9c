//! Every limit of the server in one place, and the token buckets behind the rate limits.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub const DEFAULT_PORT: u16 = 7443;
/// The largest request body: an attachment or listing photo of 10 MiB (the core's
/// `attachments::MAX_BYTES`) travels as base64 in JSON, about 13.4 MiB.
pub const BODY_LIMIT: usize = 16 * 1024 * 1024;
/// A command still running after this is abandoned (its transaction rolls back).
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);
/// Commands running at once; more wait their turn (within the timeout). The database
/// pools are 4 (SQLite) and 8 (PostgreSQL) connections.
pub const CONCURRENT_COMMANDS: usize = 32;
/// A comment on the event stream this often keeps proxies and the desk's reader awake.
pub const KEEP_ALIVE: Duration = Duration::from_secs(15);
/// An event stream re-checks its session this often and ends when it has ended.
pub const SESSION_CHECK: Duration = Duration::from_secs(60);
/// The escalation sweep and the daily package schedule.
pub const SWEEP_EVERY: Duration = Duration::from_secs(60);
/// Idle buckets are dropped once there are this many.
const MAX_BUCKETS: usize = 10_000;

/// A token bucket's refill rate and size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rate {
    pub per_second: u32,
    pub burst: u32,
}

impl Rate {
    /// Per signed-in session: a busy desk makes a few requests a second.
    pub const SESSION: Rate = Rate { per_second: 50, burst: 100 };
    /// Per address for requests without a known session (sign-in, probes, forged tokens).
    pub const ADDRESS: Rate = Rate { per_second: 20, burst: 40 };

    /// `50/100` (per second / burst) or `50` (burst twice that).
    pub fn parse(v: &str) -> Result<Self, String> {
        let bad = || format!("`{v}` is not RATE or RATE/BURST (positive whole numbers)");
        let (rate, burst) = match v.split_once('/') {
            Some((r, b)) => (r.parse().map_err(|_| bad())?, b.parse().map_err(|_| bad())?),
            None => {
                let r: u32 = v.parse().map_err(|_| bad())?;
                (r, r.saturating_mul(2))
            }
        };
        if rate == 0 || burst == 0 {
            return Err(bad());
        }
        Ok(Self { per_second: rate, burst })
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Session(String),
    Address(IpAddr),
}

struct Bucket {
    tokens: f64,
    at: Instant,
}

impl Bucket {
    fn full(rate: Rate, now: Instant) -> Self {
        Self { tokens: f64::from(rate.burst), at: now }
    }

    fn refill(&mut self, rate: Rate, now: Instant) {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + elapsed * f64::from(rate.per_second)).min(f64::from(rate.burst));
        self.at = now;
    }

    fn take(&mut self, rate: Rate, now: Instant) -> bool {
        self.refill(rate, now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

/// A session's requests draw from its own bucket once the core has accepted its token;
/// until then (and for tokens the core refused) they draw from their address's bucket,
/// so made-up tokens cannot buy a fresh allowance.
pub struct Limiter {
    session: Rate,
    address: Rate,
    buckets: Mutex<HashMap<Key, Bucket>>,
}

impl Limiter {
    pub fn new(session: Rate, address: Rate) -> Self {
        Self { session, address, buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes one request's token; false when the bucket is empty.
    pub fn admit(&self, token: Option<&str>, address: IpAddr) -> bool {
        let now = Instant::now();
        let Ok(mut buckets) = self.buckets.lock() else { return true };
        if let Some(bucket) = token.and_then(|t| buckets.get_mut(&Key::Session(t.to_owned()))) {
            return bucket.take(self.session, now);
        }
        let rate = self.address;
        buckets.entry(Key::Address(address)).or_insert_with(|| Bucket::full(rate, now)).take(rate, now)
    }

    /// The core accepted `token`: its requests get the session's allowance from now on.
    pub fn accepted(&self, token: &str) {
        let now = Instant::now();
        let Ok(mut buckets) = self.buckets.lock() else { return };
        if buckets.len() >= MAX_BUCKETS {
            let (session, address) = (self.session, self.address);
            buckets.retain(|k, b| {
                let rate = if matches!(k, Key::Session(_)) { session } else { address };
                b.refill(rate, now);
                b.tokens < f64::from(rate.burst)
            });
        }
        let rate = self.session;
        buckets.entry(Key::Session(token.to_owned())).or_insert_with(|| Bucket::full(rate, now));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_allow_the_burst_then_refuse() {
        let limiter = Limiter::new(Rate { per_second: 1, burst: 3 }, Rate { per_second: 1, burst: 2 });
        let here = IpAddr::from([127, 0, 0, 1]);
        assert!(limiter.admit(None, here));
        assert!(limiter.admit(Some("forged"), here));
        assert!(!limiter.admit(None, here), "the address's burst of 2 is spent, forged tokens included");
        limiter.accepted("real");
        assert!((0..3).all(|_| limiter.admit(Some("real"), here)));
        assert!(!limiter.admit(Some("real"), here));
        assert!(!limiter.admit(Some("other"), here), "unknown tokens still count against the address");
    }

    #[test]
    fn rates_parse() {
        assert_eq!(Rate::parse("50/100"), Ok(Rate { per_second: 50, burst: 100 }));
        assert_eq!(Rate::parse("20"), Ok(Rate { per_second: 20, burst: 40 }));
        assert!(Rate::parse("x").is_err());
    }
}
