//! Tick positions: "nice" steps for values and calendar steps for days, few enough that
//! labels never collide.

use crate::day::Day;

/// Round tick values from 0 (or `min`) to at least `max`, about `target` of them:
/// steps of 1, 2 or 5 × 10ⁿ, as a reader would draw them by hand.
pub fn nice_ticks(min: f64, max: f64, target: usize) -> Vec<f64> {
    let span = (max - min).max(f64::EPSILON);
    let magnitude = 10f64.powf((span / target.max(1) as f64).log10().floor());
    // Of the round steps near the raw one, the one whose tick count is closest to target;
    let step = [1.0, 2.0, 5.0, 10.0, 20.0]
        .iter()
        .map(|m| m * magnitude)
        .filter(|s| *s >= 1.0 || max < 1.0) // counts never get fractional ticks
        .min_by_key(|s| ((span / s).ceil() as i64 - target as i64).abs())
        .unwrap_or(magnitude);
    let first = (min / step).floor() as i64;
    let last = (max / step).ceil() as i64;
    (first..=last).map(|i| i as f64 * step).collect()
}

/// Day ticks over `[from, to]` with at least `min_gap` days between labels: every day,
/// every other day, Mondays, every other Monday, or the first of each month (or quarter).
pub fn day_ticks(from: Day, to: Day, min_gap: f64) -> Vec<Day> {
    let all = (from.0..=to.0).map(Day);
    match min_gap {
        g if g <= 1.0 => all.collect(),
        g if g <= 2.0 => all.filter(|d| (d.0 - from.0) % 2 == 0).collect(),
        g if g <= 7.0 => all.filter(|d| d.week_start() == *d).collect(),
        g if g <= 14.0 => all.filter(|d| d.week_start() == *d && (d.0 - from.week_start().0) % 14 == 0).collect(),
        g if g <= 31.0 => all.filter(|d| d.ymd().2 == 1).collect(),
        g if g <= 92.0 => all.filter(|d| d.ymd().2 == 1 && d.ymd().1 % 3 == 1).collect(),
        _ => all.filter(|d| d.ymd().1 == 1 && d.ymd().2 == 1).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn value_ticks_are_round_and_cover_the_range() {
        assert_eq!(nice_ticks(0.0, 870.0, 4), [0.0, 200.0, 400.0, 600.0, 800.0, 1000.0]);
        assert_eq!(nice_ticks(0.0, 3.0, 4), [0.0, 1.0, 2.0, 3.0]);
    }

    #[test]
    fn day_ticks_fall_on_mondays_or_month_starts() {
        let from = Day::parse("2026-03-01").unwrap();
        let to = Day::parse("2026-05-31").unwrap();
        let weekly = day_ticks(from, to, 5.0);
        assert!(weekly.iter().all(|d| d.week_start() == *d));
        let monthly: Vec<String> = day_ticks(from, to, 20.0).iter().map(|d| d.to_string()).collect();
        assert_eq!(monthly, ["2026-03-01", "2026-04-01", "2026-05-01"]);
    }
}
