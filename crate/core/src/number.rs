//! Decimal text to `f64`, exactly as Rust's `str::parse::<f64>` reads it (`12`, `+1.5`, `.5`,
//! `1.`, `007`, `2.5E-3`, `inf`, `NaN`), but through `serde_json`'s correctly rounded parser,
//! which the JSON rows need anyway: the wasm then holds one float parser, not two (the
//! standard library's carries 10 KB of tables; docs/architecture.md#what-a-page-downloads).

/// 10⁰ … 10¹⁵: powers of ten an `f64` holds exactly (those the fast path divides by).
const EXACT_POWERS: [f64; 16] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/// The number `text` writes, or `None` where `str::parse::<f64>` fails: the same grammar
/// (an optional sign; digits with an optional point, at least one digit in all; an optional
/// exponent; or `inf`, `infinity`, `nan` in any case) and the same value, ±∞ when too large.
pub fn parse_f64(text: &str) -> Option<f64> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let infinity = if negative { f64::NEG_INFINITY } else { f64::INFINITY };
    if rest.eq_ignore_ascii_case("inf") || rest.eq_ignore_ascii_case("infinity") {
        return Some(infinity);
    }
    if rest.eq_ignore_ascii_case("nan") {
        return Some(f64::NAN);
    }
    // Digits are ASCII, so every cut below falls between characters.
    let digits = |from: &str| from.bytes().take_while(u8::is_ascii_digit).count();
    let (whole, rest) = rest.split_at(digits(rest));
    let (fraction, exponent) = match rest.strip_prefix('.') {
        Some(after) => after.split_at(digits(after)),
        None => ("", rest),
    };
    if whole.is_empty() && fraction.is_empty() {
        return None;
    }
    if !exponent.is_empty() {
        let signed = exponent.strip_prefix(['e', 'E'])?;
        let unsigned = signed.strip_prefix(['+', '-']).unwrap_or(signed);
        if unsigned.is_empty() || digits(unsigned) != unsigned.len() {
            return None;
        }
    }
    // Zero is zero whatever its exponent (and keeps its sign, as Rust's parser does).
    if whole.bytes().chain(fraction.bytes()).all(|b| b == b'0') {
        return Some(if negative { -0.0 } else { 0.0 });
    }
    // Most cells (a latency, a count) take Clinger's fast path: at most 15 digits make a whole
    // number below 2⁵³, exact as an `f64`, as is 10^k; one division of exact
    // values is correctly rounded, so this is the value serde_json would give.
    if exponent.is_empty() && whole.len() + fraction.len() <= 15 {
        let digits = whole.bytes().chain(fraction.bytes()).fold(0u64, |n, b| n * 10 + u64::from(b - b'0'));
        let value = digits as f64 / EXACT_POWERS[fraction.len()];
        return Some(if negative { -value } else { value });
    }
    // The same number in JSON's grammar: no `+`, no leading zeros, digits on both sides of
    // a point.
    let whole = whole.trim_start_matches('0');
    let mut json = String::with_capacity(text.len() + 2);
    if negative {
        json.push('-');
    }
    json.push_str(if whole.is_empty() { "0" } else { whole });
    if !fraction.is_empty() {
        json.push('.');
        json.push_str(fraction);
    }
    json.push_str(exponent);
    // The text is a JSON number now, so serde_json fails only where it overflows. (Read as
    // `str`, as the JSON rows are: a reader of bytes would be a second copy of the parser.)
    Some(serde_json::from_str::<f64>(&json).unwrap_or(infinity))
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
    }
}
