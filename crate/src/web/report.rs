//! A dataset's figures for JavaScript: its report of any window, as a plain object or CSV
//! (the default part only: the optional part reads datasets, it does not show them).

use super::dataset::JsDataset;
use super::errors::to_js;
use super::objects::{from_object, to_object, values_array};
use crate::export::{Rows, ToCsv};
use crate::metrics::ReportOptions;
use crate::report::Report;
use js_sys::Reflect;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(js_class = Dataset)]
impl JsDataset {
    /// The report (docs/metrics.md) as a plain object. `options`: `{ range, from, to,
    /// first_party, unit, filter }`, all optional.
    pub fn report(&self, options: JsValue) -> Result<JsValue, JsValue> {
        report_object(self.report_of(&from_object(options, "report options")?)?)
    }

    /// Every figure of the report of `options` as a CSV file (a `Blob`, `text/csv`), with the
    /// sources and their SHA-256. Its text leaves the wasm a megabyte at a time: a hub's CSV
    /// of tens of megabytes made whole there would grow the wasm memory by twice that, and the
    /// memory of a wasm never shrinks.
    pub fn csv(&self, options: JsValue) -> Result<web_sys::Blob, JsValue> {
        let pieces = js_sys::Array::new();
        let report = self.report_of(&from_object(options, "report options")?)?;
        report.write_csv(1 << 20, &mut |text| {
            pieces.push(&js_sys::Uint8Array::from(text.as_bytes()));
        });
        let kind = web_sys::BlobPropertyBag::new();
        kind.set_type("text/csv");
        web_sys::Blob::new_with_u8_array_sequence_and_options(&pieces, &kind)
    }

    /// The whole report of `options`; a filter's part of the dataset is the one the charts
    /// of this dataset count (cut once per filter).
    fn report_of(&self, options: &ReportOptions) -> Result<Report, JsValue> {
        self.shared.whole(&self.inner, options).map_err(|e| to_js(&e))
    }
}

/// `report` as a plain object, its rows of models, owners and categories turned into
/// JavaScript a row at a time ([`Rows`]) and the rest at once.
fn report_object(mut report: Report) -> Result<JsValue, JsValue> {
    let rows = Rows::take(&mut report);
    let object = to_object(&report)?;
    for section in Rows::SECTIONS {
        Reflect::set(&object, &section.into(), &values_array(rows.values(section))?)?;
    }
    Ok(object)
}
