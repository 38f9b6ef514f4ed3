//! The one query type of task lists: the web page's URL query, the server fns, MCP's `list_tasks` and a later REST
//! API all describe a list with a [`TaskQuery`], and the store runs it. [`TaskQuery::validate`] checks it once.
//!
//! Paging is keyset paging: a page ends with an opaque `next_cursor` (the store encodes the last row's sort key);
//! passing it back gives the rows after it, so inserts between calls shift nothing.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::task::StatusFilter;
use crate::{AppError, Priority, Tag};

/// Rows in a page when no limit is given.
pub const PAGE_SIZE_DEFAULT: u32 = 50;
/// The most rows one page (or tool call) returns.
pub const PAGE_SIZE_MAX: u32 = 200;
/// The most characters of search text.
pub const SEARCH_MAX_CHARS: usize = 200;
/// How many days Upcoming shows, today included.
pub const UPCOMING_DAYS: u32 = 7;

/// Which tasks a view holds, computed in the owner's time zone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum View {
    /// Every task (the other filters still apply).
    #[default]
    All,
    /// Due today, or overdue (due before today and not done).
    Today,
    /// Due in the next 7 days, today included (grouped by day by the page).
    Upcoming,
}

impl View {
    /// Every view, in menu order.
    pub const ALL: [View; 3] = [Self::All, Self::Today, Self::Upcoming];

    /// Its name in URLs and tool arguments.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::All => "all",
            Self::Today => "today",
            Self::Upcoming => "upcoming",
        }
    }
}

/// What a list is ordered by.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortBy {
    /// Creation time (default: newest first).
    #[default]
    Created,
    /// Due date and time (date-only tasks at the end of their day; undated tasks last when ascending).
    Due,
    /// Priority (default: urgent first).
    Priority,
    /// Title, case-insensitively.
    Title,
}

impl SortBy {
    /// Every sort, in menu order.
    pub const ALL: [SortBy; 4] = [Self::Created, Self::Due, Self::Priority, Self::Title];

    /// Its name in URLs and tool arguments.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Created => "created",
            Self::Due => "due",
            Self::Priority => "priority",
            Self::Title => "title",
        }
    }

    /// The direction used when none is given: newest, soonest, most urgent first, A to Z.
    pub fn default_direction(self) -> SortDirection {
        match self {
            Self::Created | Self::Priority => SortDirection::Desc,
            Self::Due | Self::Title => SortDirection::Asc,
        }
    }
}

/// Ascending or descending.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SortDirection {
    /// Smallest first.
    Asc,
    /// Largest first.
    Desc,
}

impl SortDirection {
    /// Its name in URLs and tool arguments.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Asc => "asc",
            Self::Desc => "desc",
        }
    }
}

/// A task list: view, filters, sort and page. Every field is optional in URLs and JSON; the defaults are the
/// newest-first list of all live tasks, [`PAGE_SIZE_DEFAULT`] at a time.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TaskQuery {
    /// All, Today or Upcoming.
    pub view: View,
    /// All, pending (`active` is accepted too) or completed.
    pub status: StatusFilter,
    /// Only tasks of exactly this priority.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub priority: Option<Priority>,
    /// Only tasks with this tag (the tag's own view).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tag: Option<Tag>,
    /// Only tasks due on or before this date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_before: Option<NaiveDate>,
    /// Only tasks due on or after this date.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due_after: Option<NaiveDate>,
    /// Only tasks without a due date.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub no_due: bool,
    /// Words the title or description contains (word prefixes match: "rep" finds "report").
    #[serde(skip_serializing_if = "Option::is_none")]
    pub search: Option<String>,
    /// The order.
    pub sort: SortBy,
    /// The direction; the sort's own default when absent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub direction: Option<SortDirection>,
    /// Rows per page, 1 to [`PAGE_SIZE_MAX`] (default [`PAGE_SIZE_DEFAULT`]).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Where the page starts: the previous page's `next_cursor`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

/// Parses a name from `choices` (case-insensitive), or says which names `field` takes.
fn parse_choice<T: Copy>(
    field: &str,
    raw: &str,
    choices: &[T],
    name: fn(T) -> &'static str,
) -> Result<T, AppError> {
    let raw = raw.trim();
    choices.iter().copied().find(|c| name(*c).eq_ignore_ascii_case(raw)).ok_or_else(|| {
        let names: Vec<&str> = choices.iter().map(|c| name(*c)).collect();
        AppError::invalid(field, format!("Unknown {field} \"{raw}\": use {}.", names.join(", ")))
    })
}

impl View {
    /// Parses `all`, `today` or `upcoming`.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        parse_choice("view", raw, &Self::ALL, Self::as_str)
    }
}

impl SortBy {
    /// Parses `created`, `due`, `priority` or `title`.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        parse_choice("sort", raw, &Self::ALL, Self::as_str)
    }
}

impl SortDirection {
    /// Parses `asc` or `desc`.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        parse_choice("direction", raw, &[Self::Asc, Self::Desc], Self::as_str)
    }
}

impl TaskQuery {
    /// Checks the rules no single field can: a page size in range, search text within bounds, a due window that
    /// is not empty nor combined with "no due date". Errors name the argument.
    pub fn validate(mut self) -> Result<Self, AppError> {
        if let Some(limit) = self.limit {
            if !(1..=PAGE_SIZE_MAX).contains(&limit) {
                return Err(AppError::invalid(
                    "limit",
                    format!("limit must be between 1 and {PAGE_SIZE_MAX} (it was {limit})."),
                ));
            }
        }
        self.search = self.search.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
        if let Some(search) = &self.search {
            if search.contains('\0') {
                return Err(AppError::invalid("search", "Search text cannot contain NUL characters."));
            }
            if search.chars().count() > SEARCH_MAX_CHARS {
                return Err(AppError::invalid(
                    "search",
                    format!("Search for at most {SEARCH_MAX_CHARS} characters."),
                ));
            }
        }
        if self.no_due && (self.due_before.is_some() || self.due_after.is_some()) {
            return Err(AppError::invalid(
                "no_due",
                "Ask for tasks without a due date, or for a due window, not both.",
            ));
        }
        if let (Some(after), Some(before)) = (self.due_after, self.due_before) {
            if after > before {
                return Err(AppError::invalid("due_after", "due_after must not be later than due_before."));
            }
        }
        self.cursor = self.cursor.filter(|c| !c.is_empty());
        Ok(self)
    }

    /// Reads a page's URL query (`?view=today&tag=home&sort=due&q=report`): the page renders the view the URL
    /// names, so it can be bookmarked and works without JavaScript. Keys it does not know (`edit`, …) are left to
    /// others; `filter` (the task page's older name for `status`) and `q` (for `search`) are accepted too. Bad
    /// values are errors naming their key; the result is validated.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Result<Self, AppError> {
        let mut q = Self::default();
        let date = |field: &str, v: &str| {
            crate::due::parse_date(v).map_err(|e| AppError::invalid(field, e.message()))
        };
        for (key, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match key {
                "view" => q.view = View::parse(value)?,
                "status" | "filter" => q.status = StatusFilter::parse(value)?,
                "priority" => q.priority = Some(value.parse::<Priority>()?),
                "tag" => q.tag = Some(Tag::parse(value.strip_prefix('#').unwrap_or(value))?),
                "due_before" => q.due_before = Some(date("due_before", value)?),
                "due_after" => q.due_after = Some(date("due_after", value)?),
                "no_due" => q.no_due = matches!(value, "1" | "true" | "on" | "yes"),
                "search" | "q" => q.search = Some(value.to_owned()),
                "sort" => q.sort = SortBy::parse(value)?,
                "direction" | "dir" => q.direction = Some(SortDirection::parse(value)?),
                "limit" => {
                    q.limit = Some(value.parse().map_err(|_| {
                        AppError::invalid(
                            "limit",
                            format!("limit must be a number from 1 to {PAGE_SIZE_MAX}."),
                        )
                    })?)
                }
                "cursor" => q.cursor = Some(value.to_owned()),
                _ => {}
            }
        }
        q.validate()
    }

    /// The URL query of this list (`view=today&tag=home`, keys as [`TaskQuery::from_pairs`] reads them), without
    /// defaults and without the cursor: the link to the list's first page. Values are percent-encoded.
    pub fn to_query_string(&self) -> String {
        let mut pairs: Vec<(&str, String)> = Vec::new();
        if self.view != View::All {
            pairs.push(("view", self.view.as_str().to_owned()));
        }
        if self.status != StatusFilter::All {
            pairs.push(("status", self.status.query_value().to_owned()));
        }
        if let Some(p) = self.priority {
            pairs.push(("priority", p.as_str().to_owned()));
        }
        if let Some(t) = &self.tag {
            pairs.push(("tag", t.as_str().to_owned()));
        }
        if let Some(d) = self.due_before {
            pairs.push(("due_before", crate::due::iso_date(d)));
        }
        if let Some(d) = self.due_after {
            pairs.push(("due_after", crate::due::iso_date(d)));
        }
        if self.no_due {
            pairs.push(("no_due", "1".to_owned()));
        }
        if let Some(s) = &self.search {
            pairs.push(("q", s.clone()));
        }
        if self.sort != SortBy::default() {
            pairs.push(("sort", self.sort.as_str().to_owned()));
        }
        if let Some(d) = self.direction {
            pairs.push(("dir", d.as_str().to_owned()));
        }
        if let Some(l) = self.limit {
            pairs.push(("limit", l.to_string()));
        }
        pairs.iter().map(|(k, v)| format!("{k}={}", percent_encode(v))).collect::<Vec<_>>().join("&")
    }

    /// The page size to use.
    pub fn page_size(&self) -> u32 {
        self.limit.unwrap_or(PAGE_SIZE_DEFAULT).clamp(1, PAGE_SIZE_MAX)
    }

    /// The direction to use.
    pub fn direction(&self) -> SortDirection {
        self.direction.unwrap_or(self.sort.default_direction())
    }

    /// The words of the search text, as full-text prefix terms: letters and digits only (so nothing a user
    /// types is taken as query syntax), lower-cased. Empty when there is nothing to search for.
    pub fn search_terms(&self) -> Vec<String> {
        let Some(search) = &self.search else { return Vec::new() };
        search
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_lowercase)
            .collect()
    }
}

/// Percent-encodes a query value (everything but unreserved characters, UTF-8 bytes).
fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_json() {
        let q: TaskQuery = serde_json::from_str("{}").unwrap();
        assert_eq!(q, TaskQuery::default());
        assert_eq!(q.page_size(), PAGE_SIZE_DEFAULT);
        assert_eq!(q.direction(), SortDirection::Desc);
        let q: TaskQuery = serde_json::from_str(
            r#"{"view":"today","status":"active","priority":"high","tag":"Home","sort":"due","limit":10,
                "due_after":"2026-12-01","search":" rep "}"#,
        )
        .unwrap();
        assert_eq!(q.status, StatusFilter::Pending);
        assert_eq!(q.priority, Some(Priority::High));
        assert_eq!(q.direction(), SortDirection::Asc);
        let q = q.validate().unwrap();
        assert_eq!(q.search.as_deref(), Some("rep"));
        let back: TaskQuery = serde_json::from_str(&serde_json::to_string(&q).unwrap()).unwrap();
        assert_eq!(back, q);
        assert!(serde_json::from_str::<TaskQuery>(r#"{"sort":"colour"}"#).is_err());
        assert!(serde_json::from_str::<TaskQuery>(r##"{"tag":"#x"}"##).is_err());
        assert!(serde_json::from_str::<TaskQuery>(r#"{"page":2}"#).is_err());
    }

    #[test]
    fn validation_names_the_argument() {
        let field = |q: TaskQuery| match q.validate().unwrap_err() {
            AppError::Invalid { field, .. } => field,
            other => panic!("{other:?}"),
        };
        assert_eq!(field(TaskQuery { limit: Some(0), ..Default::default() }), "limit");
        assert_eq!(field(TaskQuery { limit: Some(201), ..Default::default() }), "limit");
        assert_eq!(field(TaskQuery { search: Some("x".repeat(201)), ..Default::default() }), "search");
        let d = |day| NaiveDate::from_ymd_opt(2026, 12, day);
        assert_eq!(field(TaskQuery { no_due: true, due_before: d(1), ..Default::default() }), "no_due");
        assert_eq!(field(TaskQuery { due_after: d(2), due_before: d(1), ..Default::default() }), "due_after");
        assert!(TaskQuery { limit: Some(200), ..Default::default() }.validate().is_ok());
    }

    #[test]
    fn names_parse() {
        assert_eq!(View::parse(" Today ").unwrap(), View::Today);
        assert_eq!(SortBy::parse("due").unwrap(), SortBy::Due);
        assert_eq!(SortDirection::parse("DESC").unwrap(), SortDirection::Desc);
        let err = SortBy::parse("colour").unwrap_err();
        assert_eq!(
            err.for_field("sort").unwrap(),
            "Unknown sort \"colour\": use created, due, priority, title."
        );
    }

    #[test]
    fn url_query_round_trip() {
        let q = TaskQuery::from_pairs([
            ("view", "today"),
            ("filter", "active"),
            ("tag", "#Long Tag"),
            ("q", "rép ort"),
            ("sort", "due"),
            ("dir", "desc"),
            ("due_after", "2026-12-01"),
            ("priority", "high"),
            ("limit", "20"),
            ("edit", "7"),
            ("search", ""),
        ])
        .unwrap();
        assert_eq!(q.view, View::Today);
        assert_eq!(q.status, StatusFilter::Pending);
        assert_eq!(q.tag.as_ref().map(Tag::as_str), Some("Long Tag"));
        let url = q.to_query_string();
        assert_eq!(
            url,
            "view=today&status=active&priority=high&tag=Long%20Tag&due_after=2026-12-01&q=r%C3%A9p%20ort&sort=due&dir=desc&limit=20"
        );
        let decoded: Vec<(String, String)> = url
            .split('&')
            .map(|kv| {
                let (k, v) = kv.split_once('=').unwrap();
                let bytes: Vec<u8> = {
                    let mut out = Vec::new();
                    let b = v.as_bytes();
                    let mut i = 0;
                    while i < b.len() {
                        if b[i] == b'%' {
                            out.push(u8::from_str_radix(&v[i + 1..i + 3], 16).unwrap());
                            i += 3;
                        } else {
                            out.push(b[i]);
                            i += 1;
                        }
                    }
                    out
                };
                (k.to_owned(), String::from_utf8(bytes).unwrap())
            })
            .collect();
        let back = TaskQuery::from_pairs(decoded.iter().map(|(k, v)| (k.as_str(), v.as_str()))).unwrap();
        assert_eq!(back, q);
        assert_eq!(TaskQuery::default().to_query_string(), "");
        let err = TaskQuery::from_pairs([("due_before", "soon")]).unwrap_err();
        assert!(err.for_field("due_before").is_some());
        assert!(TaskQuery::from_pairs([("limit", "999")]).unwrap_err().for_field("limit").is_some());
        assert!(TaskQuery::from_pairs([("view", "later")]).unwrap_err().for_field("view").is_some());
    }

    #[test]
    fn search_terms_drop_query_syntax() {
        let q = TaskQuery { search: Some("Rép&ort | !x:* 'y' 2026".into()), ..Default::default() };
        assert_eq!(q.search_terms(), ["rép", "ort", "x", "y", "2026"]);
        assert!(TaskQuery { search: Some("&|!".into()), ..Default::default() }.search_terms().is_empty());
    }
}
