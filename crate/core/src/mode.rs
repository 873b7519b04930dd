//! How an inference's result was verified (docs/inputs.md#events `mode`).

use serde::Serialize;

/// The verification mode of one inference. `Other` is any mode we do not know by name;
/// `Unknown` is a record that did not say.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[repr(u8)]
pub enum Mode {
    /// No verification.
    Vanilla = 0,
    /// Trusted execution: the result is attested by the enclave.
    Tee = 1,
    /// A zero-knowledge proof of the inference.
    Zkml = 2,
    /// A mode of another name.
    Other = 3,
    /// The record did not say.
    Unknown = 4,
}

impl Mode {
    /// Every mode, in the order reports and legends list them.
    pub const ALL: [Mode; 5] = [Mode::Vanilla, Mode::Tee, Mode::Zkml, Mode::Other, Mode::Unknown];

    /// Reads a mode name case-insensitively; any unknown name is `Other`.
    pub fn from_name(name: &str) -> Mode {
        let name = name.trim();
        if name.eq_ignore_ascii_case("vanilla") {
            Mode::Vanilla
        } else if name.eq_ignore_ascii_case("tee") {
            Mode::Tee
        } else if name.eq_ignore_ascii_case("zkml") {
            Mode::Zkml
        } else {
            Mode::Other
        }
    }

    /// The lowercase name used in reports and inputs.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Vanilla => "vanilla",
            Mode::Tee => "tee",
            Mode::Zkml => "zkml",
            Mode::Other => "other",
            Mode::Unknown => "unknown",
        }
    }

    /// TEE and ZKML results can be checked by anyone; vanilla ones cannot.
    pub fn is_verified(self) -> bool {
        matches!(self, Mode::Tee | Mode::Zkml)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes_are_case_insensitive_and_unknown_names_are_other() {
        assert_eq!(Mode::from_name("TEE"), Mode::Tee);
        assert_eq!(Mode::from_name(" ZkMl "), Mode::Zkml);
        assert_eq!(Mode::from_name("Vanilla"), Mode::Vanilla);
        assert_eq!(Mode::from_name("fhe"), Mode::Other);
    }
}
