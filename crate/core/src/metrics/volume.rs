//! Volume (docs/metrics.md): inferences per day, their 7-day mean, week-over-week growth, and
//! the failed inferences that every other metric leaves out.

use super::scope::Scope;
use crate::day::Day;
use crate::window::Window;

/// Successful and failed events per day of the window, zero-filled.
pub struct DailyEvents {
    pub events: Vec<u64>,
    pub failed: Vec<u64>,
}

/// Counts the window's events per day, successful and failed apart.
pub fn daily_events(scope: &Scope) -> DailyEvents {
    let days = scope.window.days as usize;
    let (mut events, mut failed) = (vec![0u64; days], vec![0u64; days]);
    let t = scope.tallies;
    for c in scope.cells.clone() {
        let slot = scope.slot_of(t.day[c]);
        events[slot] += t.events[c];
        failed[slot] += t.failed.get(c);
    }
    DailyEvents { events, failed }
}

/// For each day of `window`, the days its count carries (`carried`: the days that carry more
/// than one); `None` when no day of the window carries more than one.
pub fn days_carried(carried: &[(Day, u32)], window: Window) -> Option<Vec<u32>> {
    let inside: Vec<_> = carried.iter().filter(|(day, _)| (window.from..=window.to).contains(day)).collect();
    if inside.is_empty() {
        return None;
    }
    let mut days = vec![1; window.days as usize];
    for &&(day, n) in &inside {
        days[(day.0 - window.from.0) as usize] = n;
    }
    Some(days)
}

/// The mean of `daily` over days d−6..d that lie inside the window (fewer at its start).
pub fn moving_mean_7(daily: &[u64]) -> Vec<f64> {
    let mut sum = 0u64;
    (0..daily.len())
        .map(|d| {
            sum += daily[d];
            if d >= 7 {
                sum -= daily[d - 7];
            }
            sum as f64 / (d.min(6) + 1) as f64
        })
        .collect()
}

/// (events in the last 7 days − events in the 7 before) / the latter; `None` when the
/// window is shorter than 14 days or the earlier week had no events.
pub fn week_over_week(daily: &[u64]) -> Option<f64> {
    let n = daily.len();
    if n < 14 {
        return None;
    }
    let last: u64 = daily[n - 7..].iter().sum();
    let before: u64 = daily[n - 14..n - 7].iter().sum();
    (before > 0).then(|| (last as f64 - before as f64) / before as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_ma7_averages_only_days_inside_the_window() {
        let ma = moving_mean_7(&[7, 0, 2, 0, 0, 0, 5, 14]);
        assert_eq!(ma[0], 7.0);
        assert_eq!(ma[1], 3.5);
        assert_eq!(ma[6], 2.0);
        assert_eq!(ma[7], 3.0); // (0+2+0+0+0+5+14) / 7
    }

    #[test]
    fn events_wow_compares_the_last_two_weeks() {
        let mut daily = vec![1u64; 7];
        daily.extend([3u64; 7]);
        assert_eq!(week_over_week(&daily), Some(2.0));
        assert_eq!(week_over_week(&daily[1..]), None, "13 days is too short");
        assert_eq!(week_over_week(&[0; 14]), None, "nothing the week before");
    }
}
