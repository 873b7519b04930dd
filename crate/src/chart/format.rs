//! Numbers and dates as a reader expects them: 1.2 K, 3.4 M, 38,827, "Mar 2", and "—"
//! for a value that is undefined (never NaN, Infinity or 0).

use crate::day::Day;

/// The sign shown for an undefined value.
pub const UNDEFINED: &str = "—";

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// A whole number with thousands separators: 38,827.
pub fn integer(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A short magnitude for ticks and tiles: 950, 1.2 K, 38 K, 3.4 M, 1.1 B.
pub fn compact(x: f64) -> String {
    if !x.is_finite() {
        return UNDEFINED.into();
    }
    let (scaled, suffix) = match x.abs() {
        a if a >= 1e9 => (x / 1e9, " B"),
        a if a >= 1e6 => (x / 1e6, " M"),
        a if a >= 1e3 => (x / 1e3, " K"),
        _ => (x, ""),
    };
    let text = if scaled.abs() >= 100.0 || scaled.fract() == 0.0 {
        format!("{scaled:.0}")
    } else {
        trim_zero(format!("{scaled:.1}"))
    };
    format!("{text}{suffix}")
}

/// A ratio as a percentage with sensible precision: 30.3 %, 0.4 %, —.
pub fn percent(ratio: Option<f64>) -> String {
    match ratio {
        Some(r) if r.is_finite() => {
            let p = r * 100.0;
            if p.abs() >= 10.0 {
                format!("{p:.0} %")
            } else {
                format!("{} %", trim_zero(format!("{p:.1}")))
            }
        }
        _ => UNDEFINED.into(),
    }
}

/// A signed change: +14.8 %, −3 %.
pub fn change(ratio: Option<f64>) -> String {
    match ratio {
        Some(r) if r.is_finite() => {
            let text = percent(Some(r.abs()));
            if r < 0.0 {
                format!("−{text}")
            } else {
                format!("+{text}")
            }
        }
        _ => UNDEFINED.into(),
    }
}

/// A day as a tick label: "Mar 2".
pub fn day_short(day: Day) -> String {
    let (_, m, d) = day.ymd();
    format!("{} {d}", MONTHS[m as usize - 1])
}

/// A day with its year, for titles and tooltips: "Mar 2, 2026".
pub fn day_long(day: Day) -> String {
    let (y, _, _) = day.ymd();
    format!("{}, {y}", day_short(day))
}

fn trim_zero(s: String) -> String {
    match s.strip_suffix(".0") {
        Some(t) => t.to_owned(),
        None => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_read_like_a_person_writes_them() {
        assert_eq!(integer(38_827), "38,827");
        assert_eq!(integer(999), "999");
        assert_eq!(compact(950.0), "950");
        assert_eq!(compact(1_200.0), "1.2 K");
        assert_eq!(compact(38_000.0), "38 K");
        assert_eq!(compact(3_400_000.0), "3.4 M");
        assert_eq!(compact(f64::NAN), "—");
        assert_eq!(percent(Some(0.303)), "30 %");
        assert_eq!(percent(Some(0.004)), "0.4 %");
        assert_eq!(percent(None), "—");
        assert_eq!(change(Some(-0.031)), "−3.1 %");
    }

    #[test]
    fn days_are_labelled_in_words() {
        let d = Day::parse("2026-03-02").unwrap();
        assert_eq!((day_short(d), day_long(d)), ("Mar 2".into(), "Mar 2, 2026".into()));
    }
}
