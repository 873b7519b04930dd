//! The model registry (docs/inputs.md#registry): one record per listed model, the supply side.

use super::fields::{self, Optional};
use super::value::Record;
use super::Sink;
use crate::day::Day;
use crate::problems::Problems;
use crate::store::{Registry, RegistryRow};

const MODEL: usize = 0;
const LISTED_AT: usize = 1;
const OWNER: usize = 2;
const NAME: usize = 3;
const CATEGORY: usize = 4;

/// The number of slots in a registry record.
pub const REGISTRY_SLOTS: usize = 5;

const NAMES: [&str; REGISTRY_SLOTS] = ["model", "listed_at", "owner", "name", "category"];

impl Sink for Registry {
    fn slot(&self, name: &str) -> Option<(usize, bool)> {
        // Besides docs/inputs.md#registry's names, those of the Hugging Face Hub's `/api/models` list
        // (`id`, `createdAt`, `author`, `pipeline_tag`), so that a list as published is a
        // registry.
        Some(match name {
            "model" => (MODEL, true),
            "model_id" | "model_cid" | "id" | "modelId" => (MODEL, false),
            "listed_at" => (LISTED_AT, true),
            "createdAt" => (LISTED_AT, false),
            "owner" => (OWNER, true),
            "author" => (OWNER, false),
            "name" => (NAME, true),
            "category" => (CATEGORY, true),
            "pipeline_tag" => (CATEGORY, false),
            _ => return None,
        })
    }

    fn accept(&mut self, mut r: Record<'_>, line: u64, problems: &mut Problems) {
        let Some(model) =
            fields::required(&mut r, (MODEL, "model", "model_id, model_cid, id"), line, problems, fields::non_empty)
        else {
            return;
        };
        let Some(seconds) =
            fields::required(&mut r, (LISTED_AT, "listed_at", "createdAt"), line, problems, fields::timestamp)
        else {
            return;
        };
        let mut optional = Optional { record: &mut r, names: &NAMES, line, problems };
        let owner = optional.get(OWNER, fields::text).flatten().map(|o| fields::caller(o).into_owned());
        let name = optional.get(NAME, fields::text).flatten().map(|n| n.into_owned());
        let category = optional.get(CATEGORY, fields::text).flatten().map(|c| c.into_owned());
        let row =
            RegistryRow { model: model.into_owned(), listed: Day::from_epoch_seconds(seconds), owner, name, category };
        if !self.insert(row) {
            problems.warn(line, "model", || "listed twice; the first listing is kept".into());
        }
    }
}
