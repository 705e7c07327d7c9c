//! The shell's clock: the real time, or with `--test-clock` the real time plus an offset
//! that tests move forward (`test_clock_advance`), so due times and escalation can be
//! exercised end to end without waiting.

use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{DateTime, Duration, Utc};

#[derive(Debug, Default)]
pub struct ShellClock {
    movable: bool,
    offset_minutes: AtomicI64,
}

impl ShellClock {
    pub fn new(movable: bool) -> Self {
        Self { movable, offset_minutes: AtomicI64::new(0) }
    }

    /// Whether `--test-clock` was given.
    pub fn is_movable(&self) -> bool {
        self.movable
    }

    /// The time every command runs at.
    pub fn now(&self) -> DateTime<Utc> {
        Utc::now() + Duration::minutes(self.offset_minutes.load(Ordering::SeqCst))
    }

    /// Moves the clock forward by `minutes` (0 just reads it). Refused without
    /// `--test-clock`, and for negative or absurd steps (time never runs backwards).
    pub fn advance(&self, minutes: i64) -> Result<DateTime<Utc>, &'static str> {
        if !self.movable {
            return Err("the clock can be moved only when Steward was started with --test-clock");
        }
        if !(0..=60 * 24 * 366).contains(&minutes) {
            return Err("minutes must be between 0 and one year");
        }
        self.offset_minutes.fetch_add(minutes, Ordering::SeqCst);
        Ok(self.now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_clock_refuses_to_move() {
        let clock = ShellClock::new(false);
        assert!(clock.advance(5).is_err());
        assert!((clock.now() - Utc::now()).num_seconds().abs() < 2);
    }

    #[test]
    fn test_clock_moves_forward_only() {
        let clock = ShellClock::new(true);
        let moved = clock.advance(90).expect("movable");
        assert!((moved - Utc::now() - Duration::minutes(90)).num_seconds().abs() < 2);
        assert!(clock.advance(-1).is_err());
        assert!((clock.now() - Utc::now() - Duration::minutes(90)).num_seconds().abs() < 2);
    }
}
