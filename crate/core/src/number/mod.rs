//! Decimal text to `f64`, bit for bit as Rust's `str::parse::<f64>` reads it (`12`, `+1.5`,
//! `.5`, `1.`, `007`, `2.5E-3`, `inf`, `NaN`), without the standard library's parser: its
//! Eisel–Lemire table of 650 powers of five is 10 KB of high-entropy data, ~9 KiB of every
//! page's download gzipped (docs/architecture.md#what-a-page-downloads).
//!
//! Every number is read exactly and rounded once, half to even: up to 15 digits without an
//! exponent by Clinger's fast path (one operation on exact `f64`s); up to 19 digits times a
//! power of ten that fits in 128 bits by integer arithmetic (a latency written by a
//! JavaScript or Python program, `161.80000000000001`); anything longer or more extreme with
//! a [`Big`] integer (microseconds, and rare in data).

mod big;

use big::Big;

/// 10⁰ … 10²²: the powers of ten an `f64` holds exactly (those the fast path scales by).
const EXACT_POWERS: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
    1e21, 1e22,
];

/// Significant digits kept of a longer number: a halfway point between two `f64`s has at
/// most 767, so the digits past these only ever say "a little more" (a final 1 stands in).
const MAX_DIGITS: usize = 800;

/// The number `text` writes, or `None` where `str::parse::<f64>` fails: the same grammar
/// (an optional sign; digits with an optional point, at least one digit in all; an optional
/// exponent; or `inf`, `infinity`, `nan` in any case) and the same value, ±∞ when too large.
/// Read in one pass, as the cells of a million rows are.
pub fn parse_f64(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let (negative, start) = match bytes.first() {
        Some(b'-') => (true, 1),
        Some(b'+') => (false, 1),
        _ => (false, 0),
    };
    let signed = |value: f64| if negative { -value } else { value };
    // The digits, as a number while they fit (19 always do) and counted.
    let mut at = start;
    let mut mantissa = 0u64;
    let mut run = |at: &mut usize| {
        let from = *at;
        while let Some(digit) = bytes.get(*at).filter(|b| b.is_ascii_digit()) {
            mantissa = mantissa.wrapping_mul(10).wrapping_add(u64::from(digit - b'0'));
            *at += 1;
        }
        from..*at
    };
    let whole = run(&mut at);
    let fraction = match bytes.get(at) {
        Some(b'.') => {
            at += 1;
            run(&mut at)
        }
        _ => at..at,
    };
    let count = whole.len() + fraction.len();
    if count == 0 {
        let word = &text[start..];
        return if word.eq_ignore_ascii_case("inf") || word.eq_ignore_ascii_case("infinity") {
            Some(signed(f64::INFINITY))
        } else if word.eq_ignore_ascii_case("nan") {
            Some(f64::NAN)
        } else {
            None
        };
    }
    let mut power: i64 = 0;
    if let Some(b'e' | b'E') = bytes.get(at) {
        at += 1;
        let minus = bytes.get(at) == Some(&b'-');
        if matches!(bytes.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        let digits = at;
        while let Some(digit) = bytes.get(at).filter(|b| b.is_ascii_digit()) {
            // Any exponent past a billion says zero or infinity as surely as a billion does.
            power = (power * 10 + i64::from(digit - b'0')).min(1_000_000_000);
            at += 1;
        }
        if at == digits {
            return None;
        }
        if minus {
            power = -power;
        }
    }
    if at != bytes.len() {
        return None;
    }
    // Zero is zero whatever its exponent (and keeps its sign, as Rust's parser does).
    if mantissa == 0
        && (count <= 19 || text[whole.clone()].bytes().chain(text[fraction.clone()].bytes()).all(|b| b == b'0'))
    {
        return Some(signed(0.0));
    }
    // Most numbers take Clinger's fast path: at most 15 digits make a whole number below
    // 2⁵³, exact as an `f64`, as is 10^k up to 10²²; one multiplication or division of exact
    // values is correctly rounded.
    let scale = power - fraction.len() as i64;
    if count <= 15 && scale.abs() <= 22 {
        let exact = EXACT_POWERS[scale.unsigned_abs() as usize];
        return Some(signed(if scale < 0 { mantissa as f64 / exact } else { mantissa as f64 * exact }));
    }
    Some(signed(decimal(&text[whole], &text[fraction], power)))
}

/// The `f64` nearest `whole.fraction × 10^power` (not all zeros), ties to even.
fn decimal(whole: &str, fraction: &str, power: i64) -> f64 {
    let mut power = power - fraction.len() as i64;
    if whole.len() + fraction.len() <= 19 {
        let d = whole.bytes().chain(fraction.bytes()).fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
        if let Some(value) = small(d, power) {
            return value;
        }
    }
    let mut digits: Vec<u8> =
        whole.bytes().chain(fraction.bytes()).skip_while(|&b| b == b'0').map(|b| b - b'0').collect();
    while digits.last() == Some(&0) {
        digits.pop();
        power += 1;
    }
    // The value lies in [10^(n + power - 1), 10^(n + power)).
    let magnitude = digits.len() as i64 + power;
    if magnitude > 310 {
        return f64::INFINITY;
    }
    if magnitude < -324 {
        return 0.0;
    }
    if digits.len() > MAX_DIGITS {
        power += (digits.len() - MAX_DIGITS) as i64 - 1;
        digits.truncate(MAX_DIGITS);
        digits.push(1);
    }
    if digits.len() <= 19 {
        let d = digits.iter().fold(0u64, |n, &d| n * 10 + u64::from(d));
        if let Some(value) = small(d, power) {
            return value;
        }
    }
    let mut d = Big::from_digits(&digits);
    if power >= 0 {
        d.mul_pow(10, power as u64);
        let (top, sticky, dropped) = d.top128();
        return round(top, sticky, dropped as i64);
    }
    // d / 10^k = d / 5^k × 2^-k: divide by 5^k to a quotient of 67 or 68 bits, shifting
    // whichever side is shorter, so the quotient's bits and the remainder decide the rounding.
    let k = power.unsigned_abs();
    let mut five = Big::from_u64(1);
    five.mul_pow(5, k);
    let gap = d.bits() as i64 - five.bits() as i64 - 67;
    if gap < 0 {
        d.shift_left(gap.unsigned_abs());
    } else {
        five.shift_left(gap as u64);
    }
    let (quotient, rest) = divide(d, five);
    round(quotient, rest, gap - k as i64)
}

/// `d × 10^power` when integer arithmetic holds it exactly: `None` when it does not.
fn small(d: u64, power: i64) -> Option<f64> {
    if power >= 0 {
        let scaled = u128::from(d).checked_mul(10u128.checked_pow(power as u32)?)?;
        return Some(round(scaled, false, 0));
    }
    // d / 5^k × 2^-k, with 5^k < 2^63 and d shifted so the quotient has 65 or more bits.
    let k = power.unsigned_abs() as u32;
    let five = 5u64.checked_pow(k).filter(|&f| f < 1 << 63)?;
    let shift = 65 + five.ilog2() + 1 - (d.ilog2() + 1);
    let numerator = u128::from(d) << shift;
    let (quotient, rest) = (numerator / u128::from(five), numerator % u128::from(five));
    Some(round(quotient, rest != 0, -i64::from(shift) - i64::from(k)))
}

/// `floor(d / v)` and whether it left a remainder, for a quotient below 2^68.
fn divide(mut d: Big, mut v: Big) -> (u128, bool) {
    v.shift_left(68);
    let mut quotient = 0u128;
    for bit in (0..=68).rev() {
        if d >= v {
            d.subtract(&v);
            quotient |= 1 << bit;
        }
        v.shift_right(1);
    }
    (quotient, !d.is_zero())
}

/// The `f64` nearest `(x + a little, if sticky) × 2^exp2` for `x > 0`, ties to even: 53
/// significant bits, or fewer where the value is subnormal.
fn round(x: u128, sticky: bool, exp2: i64) -> f64 {
    let bits = 128 - i64::from(x.leading_zeros());
    // The exponent of the last bit kept.
    let mut last = (exp2 + bits - 53).max(-1074);
    let shift = last - exp2;
    let mantissa = if shift <= 0 {
        // x fits: exact (the callers' x is only this short when nothing was left over).
        (x << -shift) as u64
    } else if shift > 128 {
        return 0.0;
    } else {
        let kept = if shift == 128 { 0 } else { x >> shift };
        let rest = x & (u128::MAX >> (128 - shift));
        let half = 1u128 << (shift - 1);
        let up = rest > half || (rest == half && (sticky || kept & 1 == 1));
        let mut kept = kept as u64 + u64::from(up);
        if kept == 1 << 53 {
            kept >>= 1;
            last += 1;
        }
        kept
    };
    if mantissa == 0 {
        return 0.0;
    }
    if last + 63 - i64::from(mantissa.leading_zeros()) > 1023 {
        return f64::INFINITY;
    }
    // Both factors are exact and so is their product: a power of two, normal or subnormal.
    let scale =
        if last >= -1022 { f64::from_bits(((last + 1023) as u64) << 52) } else { f64::from_bits(1 << (last + 1074)) };
    mantissa as f64 * scale
}

#[cfg(test)]
mod tests {
    use super::parse_f64;
    use proptest::prelude::*;

    /// The same value as the standard library's: NaN for NaN, and bit for bit otherwise.
    fn same(text: &str) -> Result<(), TestCaseError> {
        let (ours, std) = (parse_f64(text), text.parse::<f64>().ok());
        let agree = match (ours, std) {
            (Some(a), Some(b)) => (a.is_nan() && b.is_nan()) || a.to_bits() == b.to_bits(),
            (a, b) => a.is_none() && b.is_none(),
        };
        prop_assert!(agree, "{text:?}: {ours:?}, the standard library's {std:?}");
        Ok(())
    }

    #[test]
    fn the_edges_read_as_the_standard_library_reads_them() {
        for text in [
            "0",
            "-0",
            "+0",
            "00",
            "0.0",
            "-0.000e5",
            "0e999999999",
            "1",
            "+1",
            "-1",
            "007",
            "1.",
            ".5",
            "-.5",
            ".",
            "+",
            "-",
            "",
            "e5",
            "1e",
            "1e+",
            "1e-",
            "1e5",
            "1E5",
            "1e+5",
            "1e-5",
            "1.5e3",
            "1.e3",
            ".5e1",
            "1e400",
            "-1e400",
            "1e-400",
            "2.2250738585072011e-308",
            "4.9e-324",
            "2e-324",
            "1.7976931348623157e308",
            "1.7976931348623159e308",
            "9007199254740993",
            "18446744073709551616",
            "123456789012345678901234567890",
            "0.1",
            "0.30000000000000004",
            "inf",
            "-inf",
            "+Infinity",
            "INF",
            "infinity",
            "infinit",
            "nan",
            "NaN",
            "-nan",
            "+NAN",
            "1_000",
            "1,5",
            " 1",
            "1 ",
            "0x10",
            "1e1.5",
            "--1",
            "+-1",
            "1e+-1",
            "١",
        ] {
            same(text).unwrap();
        }
    }

    proptest! {
        #[test]
        fn decimals_read_as_the_standard_library_reads_them(
            text in "[+-]?[0-9]{0,22}(\\.[0-9]{0,22})?([eE][+-]?[0-9]{1,4})?"
        ) {
            same(&text)?;
        }

        #[test]
        fn any_short_text_reads_as_the_standard_library_reads_it(text in "[-+.eE0-9a-zA-Z ]{0,8}") {
            same(&text)?;
        }

        /// Every `f64`, written with up to 17 digits, as digits without a point, and scaled.
        #[test]
        fn every_f64_reads_back(bits: u64, digits in 1usize..18, shift in -30i32..30) {
            let x = f64::from_bits(bits);
            prop_assume!(x.is_finite());
            let text = format!("{:.*e}", digits - 1, x);
            same(&text)?;
            let (mantissa, exponent) = text.split_once('e').unwrap();
            let exponent: i32 = exponent.parse().unwrap();
            same(&format!("{}e{}", mantissa.replace('.', ""), exponent - (digits as i32 - 1)))?;
            same(&format!("{mantissa}0000e{}", exponent + shift))?;
        }

        /// The points halfway between neighbouring `f64`s, exactly, and a hair either side of
        /// them: where rounding to even decides, and where one digit far out does.
        #[test]
        fn halfway_points_round_to_even(bits in 1u64..0x7fef_ffff_ffff_ffff, far in 0usize..3) {
            let (low, high) = (f64::from_bits(bits), f64::from_bits(bits + 1));
            let halfway = exact_sum(&exact(low), &exact((high - low) / 2.0));
            same(&halfway)?;
            let digits = halfway.len();
            let above = format!("{halfway}{}1", "0".repeat(far * 400));
            same(&above)?;
            // A hair below: the last digit one less, the rest all nines.
            let (body, last) = halfway.split_at(digits - 1);
            let last = last.as_bytes()[0];
            if last > b'0' {
                same(&format!("{body}{}{}", char::from(last - 1), "9".repeat(far * 400 + 1)))?;
            }
        }

        /// Long and extreme numbers, the big-integer path's.
        #[test]
        fn long_and_extreme_numbers_read_as_the_standard_library_reads_them(
            whole in "[0-9]{0,60}", fraction in "[0-9]{0,900}", exponent in -1200i32..400
        ) {
            prop_assume!(!(whole.is_empty() && fraction.is_empty()));
            same(&format!("{whole}.{fraction}e{exponent}"))?;
        }
    }

    /// `x ≥ 0` written out exactly, as a fixed-point decimal with 1,100 places.
    fn exact(x: f64) -> String {
        format!("{x:.1100}")
    }

    /// The sum of two fixed-point decimals with the same number of places.
    fn exact_sum(a: &str, b: &str) -> String {
        let (a_whole, a_fraction) = a.split_once('.').unwrap();
        let (b_whole, b_fraction) = b.split_once('.').unwrap();
        let width = a_whole.len().max(b_whole.len()) + 1;
        let a = format!("{a_whole:0>width$}{a_fraction}");
        let b = format!("{b_whole:0>width$}{b_fraction}");
        let mut carry = 0;
        let mut sum: Vec<u8> = a
            .bytes()
            .rev()
            .zip(b.bytes().rev())
            .map(|(x, y)| {
                let digit = (x - b'0') + (y - b'0') + carry;
                carry = digit / 10;
                b'0' + digit % 10
            })
            .collect();
        sum.reverse();
        let (whole, fraction) = sum.split_at(width);
        let whole = std::str::from_utf8(whole).unwrap().trim_start_matches('0');
        let fraction = std::str::from_utf8(fraction).unwrap().trim_end_matches('0');
        format!("{}.{fraction}", if whole.is_empty() { "0" } else { whole })
    }
}
