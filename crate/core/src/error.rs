//! The one error type: each variant says what went wrong, where, and why, in a sentence a
//! person can act on (STYLE.md, after rust-csv).

use std::fmt;

/// Everything that can stop hubpulse from producing a report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// The body is not a format we read (docs/inputs.md).
    Format {
        /// The input's URL or path.
        source: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A file or stream could not be read.
    Io {
        /// The input's path.
        source: String,
        /// What the system said.
        reason: String,
    },
    /// The server answered with an HTTP error status.
    Http {
        /// The URL.
        source: String,
        /// The HTTP status, and its words.
        status: u16,
        /// The status's words, as the server sent them.
        status_text: String,
        /// Seconds the server asked to wait before trying again (`Retry-After`).
        retry_after: Option<u32>,
    },
    /// The request never got an answer (DNS, connection, CORS, abort).
    Network {
        /// The URL.
        source: String,
        /// What the browser or the client said.
        reason: String,
    },
    /// The input is larger than the configured limit.
    TooLarge {
        /// The input's URL or path.
        source: String,
        /// The limit it passed, with its unit.
        limit: String,
    },
    /// A window (`from`, `to`, `range`) that does not make sense.
    Window(String),
    /// A set of inputs that cannot make a dataset (no demand side, or two of them).
    Inputs(String),
    /// An attribute of the element whose value makes no sense (the reason names it).
    Attribute(String),
}

impl Error {
    /// The kind of failure, as the browser's error values carry it (`error.kind`).
    pub fn kind(&self) -> &'static str {
        match self {
            Error::Format { .. } => "format",
            Error::Io { .. } => "io",
            Error::Http { .. } => "http",
            Error::Network { .. } => "network",
            Error::TooLarge { .. } => "too-large",
            Error::Window(_) => "window",
            Error::Inputs(_) => "inputs",
            Error::Attribute(_) => "attribute",
        }
    }

    /// Whether trying again later may succeed: the network failed, or the server was
    /// overloaded or failing (5xx, 429); never for what the bytes or the page said.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::Network { .. } => true,
            Error::Http { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Format { source, reason } => write!(f, "{source}: {reason}"),
            Error::Io { source, reason } => write!(f, "{source}: could not read: {reason}"),
            Error::Http { source, status, status_text, .. } => {
                write!(f, "{source}: the server answered HTTP {status} {status_text}")
            }
            Error::Network { source, reason } => write!(f, "{source}: could not fetch: {reason}"),
            Error::TooLarge { source, limit } => {
                write!(f, "{source}: larger than the limit of {limit}; raise the limit or send daily rollups")
            }
            Error::Window(reason) => write!(f, "window: {reason}"),
            Error::Inputs(reason) => write!(f, "inputs: {reason}"),
            Error::Attribute(reason) => f.write_str(reason),
        }
    }
}

impl std::error::Error for Error {}
