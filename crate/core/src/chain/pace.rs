//! How fast a scan asks (docs/sources.md#what-a-visit-costs-a-node): batches of up to 100
//! calls while the node takes them; one call a request, paced, once it refuses batches; and
//! waits that grow while it answers "too many requests".

/// Calls per batched request.
pub const BATCH: usize = 100;

/// Between single calls to a node that refuses batches: at most ten calls a second, the
/// rate public nodes' free tiers allow.
pub const PACE_MS: u64 = 100;

/// The wait after the first "too many requests" in a row, doubled after each next one.
const FIRST_BACKOFF_MS: u64 = 1_000;

/// The longest wait, whatever the node asks for: below the widget's idle timeout (30 s by
/// default), which would otherwise end a load that is only being patient.
const MAX_WAIT_MS: u64 = 20_000;

/// "Too many requests" in a row before the scan gives up (about a minute and a half of
/// waiting).
const MAX_REFUSALS: u32 = 8;

/// The calls a request holds and the wait before it.
#[derive(Clone, Debug)]
pub struct Pace {
    batch: usize,
    /// "Too many requests" answered in a row.
    refusals: u32,
    wait_ms: u64,
}

impl Default for Pace {
    fn default() -> Self {
        Pace { batch: BATCH, refusals: 0, wait_ms: 0 }
    }
}

impl Pace {
    /// Calls the next request may hold.
    pub fn batch(&self) -> usize {
        self.batch
    }

    /// The wait before the next request: a back-off once, then the pace's own.
    pub fn take_wait(&mut self) -> u64 {
        let steady = self.steady();
        std::mem::replace(&mut self.wait_ms, steady)
    }

    /// The node answered: the back-off starts over.
    pub fn answered(&mut self) {
        self.refusals = 0;
    }

    /// The node refused a batch: one call a request from now on, paced. `false` when the
    /// scan already sent single calls (then the refusal is the node's answer, not a batch's).
    pub fn singles(&mut self) -> bool {
        let was_batched = self.batch > 1;
        self.batch = 1;
        self.wait_ms = self.steady();
        was_batched
    }

    /// The node said "too many requests": waits `retry_after` seconds if it said how long,
    /// else 1, 2, 4, … s; `false` once it has said so too many times in a row.
    pub fn slow_down(&mut self, retry_after: Option<u32>) -> bool {
        self.refusals += 1;
        let backoff = FIRST_BACKOFF_MS.saturating_mul(1 << (self.refusals - 1).min(16));
        let asked = retry_after.map_or(backoff, |s| u64::from(s).saturating_mul(1_000).max(self.steady()));
        self.wait_ms = asked.min(MAX_WAIT_MS);
        self.refusals <= MAX_REFUSALS
    }

    fn steady(&self) -> u64 {
        if self.batch > 1 {
            0
        } else {
            PACE_MS
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn batches_until_refused_then_paced_single_calls() {
        let mut pace = Pace::default();
        assert_eq!((pace.batch(), pace.take_wait()), (BATCH, 0));
        assert!(pace.singles());
        assert!(!pace.singles(), "a single call refused is not a batch refused");
        assert_eq!((pace.batch(), pace.take_wait(), pace.take_wait()), (1, PACE_MS, PACE_MS));
    }

    #[test]
    fn too_many_requests_waits_longer_each_time_and_as_long_as_the_node_asks() {
        let mut pace = Pace::default();
        let waits: Vec<u64> = (0..3).map(|_| (pace.slow_down(None), pace.take_wait()).1).collect();
        assert_eq!(waits, [1_000, 2_000, 4_000]);
        assert_eq!(pace.take_wait(), 0, "a wait is taken once");
        assert!(pace.slow_down(Some(7)));
        assert_eq!(pace.take_wait(), 7_000);
        assert!(pace.slow_down(Some(3_600)));
        assert_eq!(pace.take_wait(), MAX_WAIT_MS);
        pace.answered();
        assert!((0..MAX_REFUSALS).all(|_| pace.slow_down(None)));
        assert!(!pace.slow_down(None), "gives up after {MAX_REFUSALS} in a row");
    }
}
