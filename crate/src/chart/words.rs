//! The words around the figures, in the reader's language (docs/charts.md#words).
//!
//! Every phrase a chart draws or says is a [`Word`]: its key (the name a page overrides it
//! by), its English text, and the names of the blanks a figure fills (`{unit}`, `{n}`). The
//! other languages are tables of key → text in `crate/words/` (one JSON file each): compiled
//! in natively, fetched beside the wasm by a page in that language (each reader downloads
//! only their own), and a page's `words` attribute overrides any text on top of them.

use crate::text::quoted;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Defines [`Word`]: `Variant "key" "English text",` a line.
macro_rules! words {
    ($($word:ident $key:literal $english:literal,)*) => {
        /// A phrase of the charts, the tooltips, the summaries and the tables.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub enum Word {
            $(#[doc = $english] $word,)*
        }

        impl Word {
            /// Every word, in the order of their keys' first use.
            pub const ALL: &'static [Word] = &[$(Word::$word,)*];

            /// The name a page and a language's table give this word.
            pub fn key(self) -> &'static str {
                match self {
                    $(Word::$word => $key,)*
                }
            }

            /// The word a page and a table call `key`.
            pub fn of_key(key: &str) -> Option<Word> {
                Word::ALL.iter().copied().find(|w| w.key() == key)
            }

            /// This word, or `one` for a count of one ("1 row rejected", "And 1 more category").
            pub fn one_or(self, n: u64, one: Word) -> Word {
                if n == 1 {
                    one
                } else {
                    self
                }
            }

            /// The English text, which the others translate.
            pub fn english(self) -> &'static str {
                match self {
                    $(Word::$word => $english,)*
                }
            }
        }
    };
}

words! {
    UnitInferences "unit_inferences" "inferences",
    UnitRuns "unit_runs" "runs",
    UnitDownloads "unit_downloads" "downloads",
    UnitTokens "unit_tokens" "tokens",
    UnitInference "unit_inference" "inference",
    UnitRun "unit_run" "run",
    UnitDownload "unit_download" "download",
    UnitToken "unit_token" "token",
    OneDay "one_day" "1 day",
    Days "days" "{n} days",
    Span "span" "{days}, {range} (UTC)",
    NoUnitInWindow "no_unit_in_window" "No {unit} in this window",
    NoEventsInWindow "no_events_in_window" "No events in this window",
    NoDays "no_days" "No daily series: the source counts totals over the whole period",
    CountOver "count_over" "{n} {unit} over {span}",
    CountIn "count_in" "{n} {unit} in {days}",
    WeekOverWeekAfter "week_over_week_after" ", {change} week over week",
    CarriedNote "carried_note" "Striped bars close a gap in the snapshots: each counts the use of the days without one before it.",
    ModeOther "mode_other" "Other",
    ModeUnknown "mode_unknown" "Unknown",
    PerUtcDay "per_utc_day" "{unit} per UTC day",
    VolumeWhat "volume_what" "{unit} per UTC day{means} (bars) and their 7-day mean (line)",
    WeeklyMeans "weekly_means" ": weekly means",
    MonthlyMeans "monthly_means" ": monthly means",
    EachDay "each_day" "UTC day",
    EachWeek "each_week" "week",
    EachMonth "each_month" "month",
    WeekOf "week_of" "Week of {day}",
    SupplyDemandWhat "supply_demand_what" "Models listed (area) and models used (line) per UTC day",
    SupplyDemandTitle "supply_demand_title" "{used} of {listed} listed models used ({share}), {per} {unit} per listed model",
    Listed "listed" "Listed",
    Used "used" "Used",
    VerificationWhat "verification_what" "Share of each {each}'s {unit} by verification mode",
    VerifiedTitle "verified_title" "{share} of {unit} verified (TEE {tee}, zkML {zkml})",
    CallersWhat "callers_what" "Distinct callers per UTC day{means} (bars), over the last 7 days (WAU) and 30 days (MAU)",
    CallersNeedEvents "callers_need_events" "Callers need the raw events",
    CallersFromRollups "callers_from_rollups" "Daily rollups count callers per model, which do not add up across models",
    CallersTitle "callers_title" "{approx}{n} distinct callers, {mau} in the last 30 days, stickiness {stickiness}",
    CallersTitleOne "callers_title_one" "{approx}{n} distinct caller, {mau} in the last 30 days, stickiness {stickiness}",
    Daily "daily" "Daily",
    WhatCallers "what_callers" "callers",
    WhatModes "what_modes" "verification modes",
    WhatSelfCalls "what_self_calls" "self-calls",
    ListOr "list_or" "{list} or {last}",
    Callers "callers" "Callers",
    Verified "verified" "Verified",
    ShareVerified "share_verified" "{share} verified",
    SelfCalls "self_calls" "Self-calls",
    NotReported "not_reported" "This source does not report {what}.",
    OverviewTitle "overview_title" "{n} {unit} in {days} on {used} of {listed} listed models",
    NoUnitYet "no_unit_yet" "No {unit} yet",
    TotalsOverPeriod "totals_over_period" "totals over the period",
    LinesAreDaily "lines_are_daily" "lines are daily",
    OverviewSubtitle "overview_subtitle" "{range} (UTC); {lines}",
    Slogan "slogan" "Usage, not inventory",
    WeekOverWeek "week_over_week" "{change} week over week",
    ListedModelsUsed "listed_models_used" "Listed models used",
    ActiveIdle "active_idle" "{active} active; {idle} idle",
    EffectiveModels "effective_models" "Effective models",
    Top10Carry "top10_carry" "top 10 carry {share}",
    CallersDauMau "callers_dau_mau" "Callers (DAU / MAU)",
    Stickiness "stickiness" "stickiness {share}",
    OfUsed "of_used" "of {n} used",
    Organic "organic" "Organic",
    SelfCallsUnknown "self_calls_unknown" "self-calls unknown",
    NSelfCalls "n_self_calls" "{n} self-calls",
    NSelfCallsOne "n_self_calls_one" "{n} self-call",
    PerListedModel "per_listed_model" "Per listed model",
    UnitOverListed "unit_over_listed" "{unit} over {n} listed",
    TopModel "top_model" "Top model",
    NounModel "noun_model" "model",
    NounOwner "noun_owner" "owner",
    NounCategory "noun_category" "category",
    NounMode "noun_mode" "mode",
    ClickOpensCard "click_opens_card" "Click or Enter to open the card of {name}",
    Back "back" "Back",
    BackHint "back_hint" "Back to the chart the card was opened from",
    NounKind "noun_kind" "kind",
    NounApp "noun_app" "app",
    NounModels "noun_models" "models",
    NounOwners "noun_owners" "owners",
    NounCategories "noun_categories" "categories",
    NounModes "noun_modes" "modes",
    UnknownOwner "unknown_owner" "Unknown owner",
    NoCategory "no_category" "No category",
    Other "other" "Other",
    NoneInSource "none_in_source" "No {things} in the source",
    SourceNamesNo "source_names_no" "The source names no {thing} of its models: a registry with `{field}` gives them.",
    ShareWhat "share_what" "Share of each {each}'s {unit} by {by}",
    ShareTitle "share_title" "{name}: {share} of {unit}",
    ShareTop "share_top" ", top {n}: {share}",
    CategoryFinding "category_finding" "{category}: {listed} of models, {used} of {unit}",
    CategoryCarries "category_carries" "{category} carries {share} of {unit}",
    CategoriesWhat "categories_what" "Each category's share of the models listed and of the {unit}, most listed first",
    ModelsListed "models_listed" "Models listed",
    MoreCategories "more_categories" "And {n} more categories (all in the CSV export).",
    MoreCategoriesOne "more_categories_one" "And {n} more category (in the CSV export).",
    CategoryStats "category_stats" "{listed} of models · {used} of {unit} · {idle} idle",
    CategoryStatsShort "category_stats_short" "{listed} · {used} · {idle} idle",
    TopTenModels "top_ten_models" "Top 10 models",
    ModelsFor80 "models_for_80" "Models for {share}",
    ConcentrationTitle "concentration_title" "The top 10 of {n} models carry {share} of {unit} (Gini {gini})",
    LorenzWhat "lorenz_what" "Lorenz curve: the least-used share of models (x) against their share of {unit} (y)",
    NOfM "n_of_m" "{n} of {m}",
    OwnerLeads "owner_leads" "{name} leads with {share} of {unit}; {n} effective owners",
    ModelLeads "model_leads" "{name} leads with {share} of {unit}; {n} models used",
    OnlyModelUsed "only_model_used" "{name} is the only model used",
    NoOwnersNamed "no_owners_named" "The source names no owners",
    BusiestModelsWhat "busiest_models_what" "Busiest models: {unit} and share",
    BusiestOwnersWhat "busiest_owners_what" "Busiest owners: {unit} and share",
    AndVerifiedShare "and_verified_share" ", verified share",
    AndModelsUsed "and_models_used" ", their models used of those listed",
    AndWeekOverWeek "and_week_over_week" ", week-over-week change",
    AndDailyTrend "and_daily_trend" ", daily trend",
    AndVersus "and_versus" ", change against {period}",
    MoreOwners "more_owners" "And {n} more owners (all in the CSV export).",
    MoreOwnersOne "more_owners_one" "And {n} more owner (in the CSV export).",
    MoreModelsUsed "more_models_used" "And {n} more models used (all in the CSV export).",
    MoreModelsUsedOne "more_models_used_one" "And {n} more model used (in the CSV export).",
    Models "models" "Models",
    Week "week" "Week",
    WeekOverWeekLabel "week_over_week_label" "Week over week",
    ShareOfHub "share_of_hub" "Share of the hub",
    Rank "rank" "Rank",
    RankOf "rank_of" "#{rank} of {n}",
    Idle "idle" "idle",
    NoSuchModel "no_such_model" "No model \"{id}\" in this data",
    WhichModel "which_model" "Which model?",
    ModelCardWhat "model_card_what" "A model's card shows its use in the window",
    SetModel "set_model" "Set the model attribute to a model id from the data",
    ModelTitle "model_title" "{name}: {n} {unit} in {days}",
    Model "model" "Model",
    ModelId "model_id" "Model {id}",
    NoUnitLower "no_unit_lower" "no {unit} in this window",
    DailyPeak "daily_peak" "daily {unit}, peak {n}",
    RangeUtc "range_utc" "{range} (UTC)",
    RetentionWhatWeek "retention_what_week" "Share of the {noun} first active in a week (rows) active again k weeks later (columns)",
    RetentionWhatMonth "retention_what_month" "Share of the {noun} first active in a month (rows) active again k months later (columns)",
    NoCohorts "no_cohorts" "No {noun} cohorts to show",
    RollupsNoCallers "rollups_no_callers" "Daily rollups cannot follow callers",
    CohortSizesWeek "cohort_sizes_week" "{n} {noun} in {k} weekly cohorts",
    CohortSizesMonth "cohort_sizes_month" "{n} {noun} in {k} monthly cohorts",
    OneCohort "one_cohort" "one cohort",
    MeanOfCohorts "mean_of_cohorts" "mean of {n} cohorts",
    ComeBackWeek "come_back_week" "{share} of {noun} come back the week after their first ({of})",
    ComeBackMonth "come_back_month" "{share} of {noun} come back the month after their first ({of})",
    Value "value" "Value",
    Share "share" "Share",
    ModelsUsed "models_used" "Models used",
    IdleLabel "idle_label" "Idle",
    Cohort "cohort" "Cohort",
    ActiveInWeek "active_in_week" "Active in week +{k}",
    ActiveInMonth "active_in_month" "Active in month +{k}",
    Their "their" "Their {unit}",
    LeastUsed "least_used" "The least-used {share} of models",
    SevenDayMean "seven_day_mean" "7-day mean",
    Failed "failed" "Failed",
    DayBefore "day_before" "the day before",
    DaysBefore "days_before" "the {n} days before",
    Carries "carries" "Carries",
    CarriesDays "carries_days" "{n} days: no snapshot on {before}",
    DailyCallers "daily_callers" "Daily callers",
    ADay "a_day" "A day",
    DailyCallersMean "daily_callers_mean" "Daily callers, mean",
    WauAtEnd "wau_at_end" "WAU at its end",
    MauAtEnd "mau_at_end" "MAU at its end",
    NothingYet "nothing_yet" "No {unit} to show yet.",
    SummaryBase "summary_base" "{n} {unit} in {days}; {used} of {listed} listed models used",
    SaidTotals "said_totals" "; totals over the period, not by day",
    SaidEffective "said_effective" "; {n} effective models",
    SaidVerifiedAfter "said_verified_after" ", {share} verified",
    SaidMau "said_mau" ", {n} callers in the last 30 days",
    SaidMauOne "said_mau_one" ", {n} caller in the last 30 days",
    SaidBusiestDay "said_busiest_day" ", the busiest day {day} with {n}",
    SaidWow "said_wow" "; {change} week over week{day}",
    SaidSupply "said_supply" "; {first} models listed on the first day and {last} on the last, {used} used on the last",
    SaidTop10 "said_top10" "; the top 10 models carry {share}",
    SaidNoModes "said_no_modes" "; the source does not report verification modes",
    SaidVerified "said_verified" "; {share} verified",
    SaidNoCallers "said_no_callers" "; the source does not report callers",
    SaidCallers "said_callers" "; {n} distinct callers",
    SaidCallersOne "said_callers_one" "; {n} distinct caller",
    SaidCallersRollups "said_callers_rollups" "; callers unknown from rollups",
    SaidBusiestOwner "said_busiest_owner" "; {name} is the busiest owner with {share}",
    SaidNoOwners "said_no_owners" "; the source names no owners",
    SaidShare "said_share" "; by {by}, {name} carries {share} of them",
    SaidNoGroups "said_no_groups" "; the source names no {things}",
    SaidCategories "said_categories" "; {n} categories, the most listed {name} with {listed} of the models and {used} of the use",
    SaidCategoriesOne "said_categories_one" "; {n} category, {name}, with {listed} of the models and {used} of the use",
    SaidNoCategories "said_no_categories" "; the source names no categories",
    SaidBusiestModel "said_busiest_model" "; {name} is the busiest with {share}",
    SaidRetentionWeek "said_retention_week" "; weekly retention of {noun}",
    SaidRetentionMonth "said_retention_month" "; monthly retention of {noun}",
    SaidModel "said_model" "; {name} served {n} of them",
    SaidNoModel "said_no_model" "; no such model",
    Sentence "sentence" "{text}.",
    Owner "owner" "Owner",
    Category "category" "Category",
    ShareOfListed "share_of_listed" "Share of the models listed",
    BusiestOwners "busiest_owners" "The busiest owners",
    CategoriesMostListed "categories_most_listed" "Categories, most listed first",
    BusiestModels "busiest_models" "The busiest models",
    DayUtc "day_utc" "Day (UTC)",
    DailyFigures "daily_figures" "Daily figures",
    Figure "figure" "Figure",
    ModelByDay "model_by_day" "{name}: {unit} by day",
    FiguresByWeek "figures_by_week" "Figures by week",
    FiguresByMonth "figures_by_month" "Figures by month",
    WeekUtc "week_utc" "Week (UTC)",
    MonthUtc "month_utc" "Month (UTC)",
    NoCohortsTable "no_cohorts_table" "No {noun} cohorts",
    CohortFromWeek "cohort_from_week" "Cohort (week from, UTC)",
    CohortFromMonth "cohort_from_month" "Cohort (month from, UTC)",
    CohortTableWeek "cohort_table_week" "Share of the {noun} first active in a week still active k weeks later",
    CohortTableMonth "cohort_table_month" "Share of the {noun} first active in a month still active k months later",
    RowsRejectedOne "rows_rejected_one" "{n} row rejected{why}",
    RowsRejected "rows_rejected" "{n} rows rejected{why}",
    FirstRejected "first_rejected" " (first: line {line}, {field}: {reason})",
    Input "input" "Input",
    Source "source" "Source",
    Bytes "bytes" "Bytes",
    Fetched "fetched" "Fetched",
    ChainId "chain_id" "Chain id",
    Contract "contract" "Contract",
    Blocks "blocks" "Blocks",
    FromTo "from_to" "{from} to {to}",
    LastBlockHash "last_block_hash" "Last block hash",
    KeptBlocks "kept_blocks" "Kept from an earlier read",
    ReorgBlocks "reorg_blocks" "Read again after a reorganisation",
    KeptEarlier "kept_earlier" "{progress} ({n} kept from an earlier read)",
    ReadSummary "read_summary" "{read} rows read, {rejected} rejected, {warnings} warnings; supply {supply}, demand from {demand}.",
    ExportAndSource "export_and_source" "Export and source",
    DownloadPng "download_png" "Download PNG",
    DownloadCsv "download_csv" "Download CSV",
    Close "close" "Close",
    WhereFrom "where_from" "Where these figures come from",
    ResetZoom "reset_zoom" "Reset zoom",
    ResetZoomHint "reset_zoom_hint" "Back to the whole window (or double-click)",
    FilterStatement "filter_statement" "Filter: {filter}",
    VersusPeriod "versus_period" "{change} against {period}",
    Change "change" "Change",
    FilterOr "filter_or" "{list} or {last}",
    RemoveFilter "remove_filter" "Remove the filter {filter}",
    ClickFilters "click_filters" "Click or Enter to show only {name}",
    ClickShowsAll "click_shows_all" "Click or Enter to show all again",
    Loading "loading" "Loading {input}…",
    LoadingProgress "loading_progress" "Loading {input}… {progress}",
    ProgressOf "progress_of" "{loaded} of {total}",
    NBlocks "n_blocks" "{n} blocks",
    RefreshFailed "refresh_failed" "Refresh failed ({reason}); showing the data from {since}",
    ChartUnavailable "chart_unavailable" "Chart unavailable: {reason}",
    CouldNotShow "could_not_show" "Could not show this chart: {reason}",
    ReasonHttp "reason_http" "{source}: the server answered HTTP {status} {status_text}",
}

/// The languages whose tables ship with hubpulse (`crate/words/<language>.json`); English is
/// the words themselves. The default part of the wasm hands the list to the element; natively
/// only the tests read it.
#[cfg_attr(not(all(target_arch = "wasm32", feature = "view")), allow(dead_code))]
pub const LANGUAGES: [&str; 6] = ["de", "es", "fr", "it", "nl", "pt"];

/// The table of a shipped language, compiled in natively; in the browser the element fetches
/// it beside the wasm instead, so a reader downloads only their own language's.
#[cfg(not(target_arch = "wasm32"))]
pub fn shipped(language: &str) -> Option<&'static str> {
    Some(match language {
        "de" => include_str!("../../words/de.json"),
        "es" => include_str!("../../words/es.json"),
        "fr" => include_str!("../../words/fr.json"),
        "it" => include_str!("../../words/it.json"),
        "nl" => include_str!("../../words/nl.json"),
        "pt" => include_str!("../../words/pt.json"),
        _ => return None,
    })
}

/// No language is compiled into the wasm: the element hands over the reader's table.
#[cfg(target_arch = "wasm32")]
pub fn shipped(_language: &str) -> Option<&'static str> {
    None
}

/// The texts of every word: English, but where a table said otherwise. Cheap to clone.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Words {
    /// By `Word as usize`; empty when every word is English.
    texts: Arc<[Option<Box<str>>]>,
}

impl Words {
    /// English, changed by `tables` in their order (a language's table, then a page's own
    /// words). A key that is no word, or a text with a blank its word does not have, is
    /// refused, named.
    pub fn with(tables: &[&BTreeMap<String, String>]) -> Result<Words, String> {
        if tables.iter().all(|t| t.is_empty()) {
            return Ok(Words::default());
        }
        let mut texts: Vec<Option<Box<str>>> = vec![None; Word::ALL.len()];
        for (key, text) in tables.iter().flat_map(|t| t.iter()) {
            let word = Word::of_key(key).ok_or_else(|| format!("no word is called {}", quoted(key)))?;
            let allowed = blanks(word.english());
            if let Some(blank) = blanks(text).into_iter().find(|b| !allowed.contains(b)) {
                return Err(format!("{key}: {{{blank}}} is not a blank of this word (it has {})", list(&allowed)));
            }
            texts[word as usize] = Some(text.as_str().into());
        }
        Ok(Words { texts: texts.into() })
    }

    /// The text of `word`.
    pub fn get(&self, word: Word) -> &str {
        self.texts.get(word as usize).and_then(|t| t.as_deref()).unwrap_or(word.english())
    }

    /// The text of `word` with its blanks filled: `{name}` becomes the value given for `name`.
    pub fn fill(&self, word: Word, values: &[(&str, &str)]) -> String {
        fill(self.get(word), values)
    }
}

/// `text` with each `{name}` of `values` replaced; other braces stay as they are.
fn fill(text: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values.iter().find(|(n, _)| *n == name).map(|(_, v)| (*v, close))
        });
        match value {
            Some((v, close)) => {
                out.push_str(v);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The names of the blanks in `text`: `{unit}` → `unit`.
fn blanks(text: &str) -> Vec<&str> {
    text.split('{').skip(1).filter_map(|s| s.split_once('}').map(|(name, _)| name)).collect()
}

fn list(blanks: &[&str]) -> String {
    if blanks.is_empty() {
        return "none".into();
    }
    blanks.iter().map(|b| format!("{{{b}}}")).collect::<Vec<_>>().join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|&(k, v)| (k.to_owned(), v.to_owned())).collect()
    }

    #[test]
    fn blanks_are_filled_by_name_and_other_braces_stay() {
        assert_eq!(fill("{n} of {unit} {x} {", &[("unit", "runs"), ("n", "3")]), "3 of runs {x} {");
    }

    #[test]
    fn a_page_overrides_a_language_and_unknown_words_or_blanks_are_refused() {
        let language = table(&[("unit_inferences", "Inferenzen")]);
        let page = table(&[("unit_inferences", "Aufrufe")]);
        assert_eq!(Words::with(&[&language]).unwrap().get(Word::UnitInferences), "Inferenzen");
        assert_eq!(Words::with(&[&language, &page]).unwrap().get(Word::UnitInferences), "Aufrufe");
        assert_eq!(Words::default().get(Word::UnitInferences), "inferences");
        let unknown = Words::with(&[&table(&[("inferencez", "x")])]).unwrap_err();
        assert!(unknown.contains("\"inferencez\""), "{unknown}");
        let blank = Words::with(&[&table(&[("unit_inferences", "{n} calls")])]).unwrap_err();
        assert!(blank.contains("{n} is not a blank"), "{blank}");
    }

    /// Every shipped language says every word, with the blanks of its English text, and no
    /// word that does not exist; the folder holds exactly the languages listed.
    #[test]
    fn german_counts_days_after_ueber_never_after_in() {
        // "über 90 Tage" (accusative); "in 90 Tage" would need the dative, "Tagen", which the
        // shared `days` word does not give (docs/charts.md#words, Grammar).
        let table: BTreeMap<String, String> = serde_json::from_str(shipped("de").expect("shipped")).expect("a table");
        let wrong: Vec<&String> =
            table.iter().filter(|(_, t)| t.contains("in {days}") || t.contains("in {span}")).map(|(k, _)| k).collect();
        assert!(wrong.is_empty(), "{wrong:?}");
    }

    #[test]
    fn every_shipped_language_says_every_word_with_its_blanks() {
        let mut files: Vec<String> = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/words"))
            .expect("crate/words")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .collect();
        files.sort();
        assert_eq!(files, LANGUAGES.map(|l| format!("{l}.json")));
        for language in LANGUAGES {
            let table: BTreeMap<String, String> =
                serde_json::from_str(shipped(language).expect("shipped")).expect("a JSON object of texts");
            Words::with(&[&table]).unwrap_or_else(|e| panic!("{language}: {e}"));
            for word in Word::ALL {
                let text = table.get(word.key()).unwrap_or_else(|| panic!("{language} lacks {}", word.key()));
                let (mut theirs, mut ours) = (blanks(text), blanks(word.english()));
                theirs.sort();
                ours.sort();
                assert_eq!(theirs, ours, "{language}: {} fills other blanks", word.key());
            }
        }
    }
}
