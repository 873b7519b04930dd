//! What the `<hub-pulse>` element does, without the browser: its attributes read into
//! what to load and draw, and the interactive chart it shows. `web` wraps both for
//! JavaScript; tests drive them natively.

mod attributes;
mod reports;
mod view;

/// For the browser's words before its attributes are read (web/config.rs).
#[cfg(target_arch = "wasm32")]
pub use attributes::reader_words;
pub use attributes::{ChainSpec, ChartConfig, Credentials, ElementConfig, LoadSpec, ThemeChoice, ATTRIBUTES};
pub use reports::SharedReports;
pub use view::View;
