//! The room's defences against a hostile phone on the room's Wi-Fi: random
//! keys, the short code's rate limit, and per-connection message rates.

use std::collections::HashMap;
use std::net::IpAddr;
use std::time::{Duration, Instant};

/// Messages a connection may send per second, sustained.
pub const MESSAGES_PER_SECOND: f64 = 20.0;
/// Messages a connection may send at once before the rate applies.
pub const MESSAGE_BURST: f64 = 40.0;
/// Wrong short codes one address may try before it must wait.
pub const CODE_TRIES: f64 = 5.0;
/// How long one more wrong try takes to be allowed again.
pub const CODE_REFILL: Duration = Duration::from_secs(12);
/// Wrong short codes, from all addresses together, after which the code
/// stops working (the QR code still does).
pub const CODE_FAILURES_MAX: u32 = 50;
/// Addresses remembered by the short-code limiter; past this the oldest
/// idle ones are forgotten.
const CODE_ADDRESSES_MAX: usize = 4_096;

/// A random key of 128 bits as 32 lowercase hex digits, from the operating
/// system's generator.
///
/// # Errors
/// When the operating system has no random source (then no room opens).
pub fn random_key() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// A random short code: six decimal digits, uniformly drawn.
///
/// # Errors
/// When the operating system has no random source.
pub fn random_code() -> Result<String, getrandom::Error> {
    loop {
        let mut bytes = [0u8; 4];
        getrandom::fill(&mut bytes)?;
        let n = u32::from_le_bytes(bytes);
        // Reject the top sliver so every code is equally likely.
        if n < 4_294_000_000 {
            return Ok(format!("{:06}", n % 1_000_000));
        }
    }
}

/// Compare two secrets in time that depends only on their lengths.
pub fn same_secret(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

/// A token bucket: `capacity` at once, refilled at `per_second`.
#[derive(Clone, Debug)]
pub struct Bucket {
    tokens: f64,
    capacity: f64,
    per_second: f64,
    at: Instant,
}

impl Bucket {
    /// A full bucket.
    pub fn new(capacity: f64, per_second: f64, now: Instant) -> Self {
        Self {
            tokens: capacity,
            capacity,
            per_second,
            at: now,
        }
    }

    /// Take one token; `false` when empty (the caller refuses).
    pub fn take(&mut self, now: Instant) -> bool {
        self.refill(now);
        if self.tokens >= 1.0 {
            self.tokens -= 1.0;
            true
        } else {
            false
        }
    }

    fn refill(&mut self, now: Instant) {
        let elapsed = now.saturating_duration_since(self.at).as_secs_f64();
        self.tokens = (self.tokens + elapsed * self.per_second).min(self.capacity);
        self.at = now;
    }

    /// Whether the bucket is full (nothing to remember).
    fn is_full(&mut self, now: Instant) -> bool {
        self.refill(now);
        self.tokens >= self.capacity
    }
}

/// Why a short code was not taken.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// Not the room's code.
    #[error("That is not the room's code. Check the digits on the screen.")]
    Wrong,
    /// Too many wrong codes from this address.
    #[error("Too many wrong codes from this phone: wait a minute, or scan the QR code.")]
    TooMany,
    /// The code was switched off (locked room, or too many wrong codes).
    #[error("The short code no longer works: scan the QR code, or ask the facilitator.")]
    Off,
}

/// The short code and its limits.
#[derive(Debug)]
pub struct CodeGuard {
    code: String,
    per_address: HashMap<IpAddr, Bucket>,
    failures: u32,
}

impl CodeGuard {
    /// A guard for `code`.
    pub fn new(code: String) -> Self {
        Self {
            code,
            per_address: HashMap::new(),
            failures: 0,
        }
    }

    /// The code itself, six digits.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// Check a code typed on a phone at `from`; `enabled` is false while
    /// the room is locked or closed. Spaces and dashes are ignored.
    ///
    /// # Errors
    /// [`CodeError`] saying what the phone should do instead.
    pub fn check(
        &mut self,
        from: IpAddr,
        typed: &str,
        enabled: bool,
        now: Instant,
    ) -> Result<(), CodeError> {
        if !enabled || self.failures >= CODE_FAILURES_MAX {
            return Err(CodeError::Off);
        }
        let bucket = self
            .per_address
            .entry(from)
            .or_insert_with(|| Bucket::new(CODE_TRIES, 1.0 / CODE_REFILL.as_secs_f64(), now));
        // A try costs a token whatever its outcome, so the limit cannot be
        // probed for free.
        if !bucket.take(now) {
            return Err(CodeError::TooMany);
        }
        let digits: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .take(32)
            .collect();
        if same_secret(&digits, &self.code) {
            return Ok(());
        }
        self.failures = self.failures.saturating_add(1);
        if self.per_address.len() > CODE_ADDRESSES_MAX {
            self.per_address.retain(|_, b| !b.is_full(now));
        }
        Err(CodeError::Wrong)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_128_bits_of_hex_and_differ() {
        let a = random_key().unwrap();
        let b = random_key().unwrap();
        assert_eq!(a.len(), 32);
        assert!(a.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
        let code = random_code().unwrap();
        assert_eq!(code.len(), 6);
        assert!(code.chars().all(|c| c.is_ascii_digit()));
    }

    #[test]
    fn wrong_codes_from_one_address_are_slowed_down_then_the_code_dies() {
        let t0 = Instant::now();
        let mut guard = CodeGuard::new("482719".into());
        let me: IpAddr = [10, 0, 0, 7].into();
        let mut outcomes = Vec::new();
        for _ in 0..100 {
            outcomes.push(guard.check(me, "000000", true, t0));
        }
        assert!(outcomes[..5].iter().all(|o| *o == Err(CodeError::Wrong)));
        assert!(outcomes[5..].iter().all(|o| *o == Err(CodeError::TooMany)));
        // Even the right code waits its turn.
        assert_eq!(
            guard.check(me, "482 719", true, t0),
            Err(CodeError::TooMany)
        );
        let later = t0 + CODE_REFILL;
        assert_eq!(guard.check(me, "482-719", true, later), Ok(()));
        // Another address still gets in; a locked room takes no code.
        let other: IpAddr = [10, 0, 0, 8].into();
        assert_eq!(guard.check(other, "482719", false, t0), Err(CodeError::Off));
        assert_eq!(guard.check(other, "482719", true, t0), Ok(()));
        // Many addresses guessing together switch the code off.
        for i in 0..CODE_FAILURES_MAX {
            let from: IpAddr = [10, 1, (i / 200) as u8, (i % 200) as u8].into();
            let _ = guard.check(from, "111111", true, t0);
        }
        assert_eq!(
            guard.check(other, "482719", true, later),
            Err(CodeError::Off)
        );
    }

    #[test]
    fn a_bucket_allows_its_burst_then_its_rate() {
        let t0 = Instant::now();
        let mut b = Bucket::new(MESSAGE_BURST, MESSAGES_PER_SECOND, t0);
        let burst = (0..100).filter(|_| b.take(t0)).count();
        assert_eq!(burst, 40);
        let second = t0 + Duration::from_secs(1);
        let more = (0..100).filter(|_| b.take(second)).count();
        assert_eq!(more, 20);
    }

    #[test]
    fn secrets_compare_exactly() {
        assert!(same_secret("abc", "abc"));
        assert!(!same_secret("abc", "abd"));
        assert!(!same_secret("abc", "abcd"));
    }
}
