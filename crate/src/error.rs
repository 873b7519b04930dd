//! The one error type: each variant says what went wrong, where, and why, in a sentence a
//! person can act on (STYLE.md, after rust-csv).

use std::fmt;

/// Everything that can stop hubpulse from producing a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The body is not a format we read (SPEC §1).
    Format { source: String, reason: String },
    /// A file or stream could not be read.
    Io { source: String, reason: String },
    /// The server answered with an HTTP error status.
    Http { source: String, status: u16, status_text: String },
    /// The request never got an answer (DNS, connection, CORS, abort).
    Network { source: String, reason: String },
    /// The input is larger than the configured limit.
    TooLarge { source: String, limit: String },
    /// A window (`from`, `to`, `range`) that does not make sense.
    Window(String),
    /// A set of inputs that cannot make a dataset (no demand side, or two of them).
    Inputs(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Format { source, reason } => write!(f, "{source}: {reason}"),
            Error::Io { source, reason } => write!(f, "{source}: could not read: {reason}"),
            Error::Http { source, status, status_text } => {
                write!(f, "{source}: the server answered HTTP {status} {status_text}")
            }
            Error::Network { source, reason } => write!(f, "{source}: could not fetch: {reason}"),
            Error::TooLarge { source, limit } => {
                write!(f, "{source}: larger than the limit of {limit}; raise the limit or send daily rollups")
            }
            Error::Window(reason) => write!(f, "window: {reason}"),
            Error::Inputs(reason) => write!(f, "inputs: {reason}"),
        }
    }
}

impl std::error::Error for Error {}
