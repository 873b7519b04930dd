//! What the `<hub-pulse>` element does, without the browser: its attributes read into
//! what to load and draw, and the interactive chart it shows. `web` wraps both for
//! JavaScript; tests drive them natively.

pub(crate) mod attributes;
mod reports;
mod view;

pub use attributes::{ChainSpec, ChartConfig, Credentials, ElementConfig, LoadSpec, ThemeChoice, ATTRIBUTES};
pub use reports::SharedReports;
pub use view::View;
