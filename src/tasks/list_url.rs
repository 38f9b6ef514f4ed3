//! The task page's URL: which list it shows ([`TaskQuery`]: view, filters, search, sort, page), which task's
//! editor is open, and the links to other lists. The whole view lives in the query string, so the server renders
//! it, it can be bookmarked, and every control is a plain link or GET form.
//!
//! Keys are [`TaskQuery::from_pairs`]'s (`view`, `status`, `priority`, `tag`, `due_after`, `due_before`,
//! `no_due`, `q`, `sort`, `dir`, `cursor`), plus `edit` (the open editor) and `n` (the page's number, for
//! people: the cursor says where it starts). The sort box sends `sort=due-desc` for a sort with its direction.

use todo_domain::task::{StatusFilter, Task};
use todo_domain::{AppError, SortBy, SortDirection, Tag, TaskQuery, View};

/// The sorts the sort box offers, with their labels: each sort in its usual direction, then reversed.
pub const SORT_CHOICES: [(SortBy, SortDirection, &str); 8] = [
    (SortBy::Created, SortDirection::Desc, "Newest first"),
    (SortBy::Created, SortDirection::Asc, "Oldest first"),
    (SortBy::Due, SortDirection::Asc, "Due date, soonest first"),
    (SortBy::Due, SortDirection::Desc, "Due date, latest first"),
    (SortBy::Priority, SortDirection::Desc, "Priority, most urgent first"),
    (SortBy::Priority, SortDirection::Asc, "Priority, least urgent first"),
    (SortBy::Title, SortDirection::Asc, "Title, A to Z"),
    (SortBy::Title, SortDirection::Desc, "Title, Z to A"),
];

/// The value of a sort box option: the sort's name, with `-asc`/`-desc` when not its usual direction.
pub fn sort_value(sort: SortBy, direction: SortDirection) -> String {
    if direction == sort.default_direction() {
        sort.as_str().to_owned()
    } else {
        format!("{}-{}", sort.as_str(), direction.as_str())
    }
}

/// What the page's URL asks for.
#[derive(Debug, Clone, Default)]
pub struct ListUrl {
    /// The list, with the view's default sort applied and the cursor of the page shown.
    pub query: TaskQuery,
    /// The task whose editor is open.
    pub edit: Option<i64>,
    /// The page's number (1 for the first page).
    pub page: u32,
    /// A value in the URL that is not understood (the list shown is then the default one).
    pub error: Option<AppError>,
}

impl ListUrl {
    /// Reads a raw query string (`view=today&q=milk+run`), form-decoded as browsers encode GET forms.
    pub fn parse(raw_query: &str) -> Self {
        let pairs: Vec<(String, String)> =
            form_urlencoded::parse(raw_query.as_bytes()).into_owned().collect();
        let value = |key: &str| pairs.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.trim());
        let edit = value("edit").and_then(|v| v.parse().ok());
        let page = value("n").and_then(|v| v.parse().ok()).unwrap_or(1).clamp(1, 100_000);
        // `sort=due-desc` (the sort box) is `sort=due&dir=desc`.
        let mut split: Vec<(&str, &str)> = Vec::with_capacity(pairs.len() + 1);
        for (k, v) in &pairs {
            match (k.as_str(), v.split_once('-')) {
                ("sort", Some((sort, dir))) => split.extend([("sort", sort), ("dir", dir)]),
                _ => split.push((k.as_str(), v.as_str())),
            }
        }
        let sorted = value("sort").is_some_and(|v| !v.is_empty());
        match TaskQuery::from_pairs(split) {
            Ok(query) => {
                // A page number means something only with the cursor where that page starts.
                let page = if query.cursor.is_some() { page } else { 1 };
                Self { query: with_view_defaults(query, sorted), edit, page, error: None }
            }
            Err(error) => Self { query: TaskQuery::default(), edit, page: 1, error: Some(error) },
        }
    }

    /// The first page of this list (no editor open).
    pub fn first_page(&self) -> String {
        href(&self.query, &[])
    }

    /// The page after this one, starting after `cursor`.
    pub fn next_page(&self, cursor: &str) -> String {
        let n = (self.page + 1).to_string();
        format!("{}#list-heading", href(&self.query, &[("cursor", cursor), ("n", &n)]))
    }

    /// This very page (the same page of the same list), with task `edit`'s editor open, scrolled to task
    /// `task`: the Edit and Cancel links.
    pub fn with_editor(&self, edit: Option<i64>, task: i64) -> String {
        let n = self.page.to_string();
        let edit = edit.map(|id| id.to_string());
        let mut extra: Vec<(&str, &str)> = Vec::new();
        if let Some(cursor) = &self.query.cursor {
            extra.extend([("cursor", cursor.as_str()), ("n", n.as_str())]);
        }
        if let Some(id) = &edit {
            extra.push(("edit", id));
        }
        format!("{}#{}", href(&self.query, &extra), Task::element_id(task))
    }

    /// The same list with another status (from its first page).
    pub fn with_status(&self, status: StatusFilter) -> String {
        href(&TaskQuery { status, cursor: None, ..self.query.clone() }, &[])
    }

    /// Whether the list is narrowed beyond its view: a search, a status, or a filter.
    pub fn is_filtered(&self) -> bool {
        let q = &self.query;
        q.search.is_some() || q.status != StatusFilter::All || self.has_form_filters()
    }

    /// Whether a filter of the "Filters and sort" box is set (not the search nor the status).
    pub fn has_form_filters(&self) -> bool {
        let q = &self.query;
        q.priority.is_some()
            || q.due_after.is_some()
            || q.due_before.is_some()
            || q.no_due
            || self.is_tag_filter()
    }

    /// A tag filter on top of a Today or Upcoming view (in the All view, a tag is the tag's own view).
    fn is_tag_filter(&self) -> bool {
        self.query.tag.is_some() && self.query.view != View::All
    }

    /// The tag whose view this is: All tasks with only that tag (other filters may be added).
    pub fn tag_view(&self) -> Option<&Tag> {
        self.query.tag.as_ref().filter(|_| self.query.view == View::All)
    }
}

/// The link to a view (All, Today, Upcoming), with no filters.
pub fn view_href(view: View) -> String {
    href(&with_view_defaults(TaskQuery { view, ..TaskQuery::default() }, false), &[])
}

/// The link to a tag's view: its tasks, newest first.
pub fn tag_href(tag: &Tag) -> String {
    href(&TaskQuery { tag: Some(tag.clone()), ..TaskQuery::default() }, &[])
}

/// Today and Upcoming are lists of dates: sorted by due date unless the URL names another sort. Upcoming is
/// grouped by day, so it is always sorted by due date, soonest first.
fn with_view_defaults(mut query: TaskQuery, sorted: bool) -> TaskQuery {
    match query.view {
        View::Upcoming => {
            query.sort = SortBy::Due;
            query.direction = None;
        }
        View::Today if !sorted => query.sort = SortBy::Due,
        _ => {}
    }
    query
}

/// `/` with `query` (as [`TaskQuery::to_query_string`] writes it, so without its cursor) and `extra` pairs. A
/// view's own default sort is left out: `/?view=today` is Today by due date.
fn href(query: &TaskQuery, extra: &[(&str, &str)]) -> String {
    let mut query = query.clone();
    let mut created = false;
    match query.view {
        View::Today if query.sort == SortBy::Due => query.sort = SortBy::default(),
        // Created is the URL's default sort but not Today's: say it.
        View::Today => created = query.sort == SortBy::Created,
        View::Upcoming => {
            query.sort = SortBy::default();
            query.direction = None;
        }
        View::All => {}
    }
    let mut url = form_urlencoded::Serializer::new(String::new());
    if created {
        url.append_pair("sort", "created");
    }
    url.extend_pairs(extra);
    let (base, extra) = (query.to_query_string(), url.finish());
    match (base.is_empty(), extra.is_empty()) {
        (true, true) => "/".to_owned(),
        (false, true) => format!("/?{base}"),
        (true, false) => format!("/?{extra}"),
        (false, false) => format!("/?{base}&{extra}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_get_form_query_is_read_with_the_views_defaults() {
        let url = ListUrl::parse("view=today&q=milk+run&status=&priority=&sort=&edit=7");
        assert_eq!(url.query.view, View::Today);
        assert_eq!(url.query.search.as_deref(), Some("milk run"), "`+` is a space in a GET form");
        assert_eq!(url.query.sort, SortBy::Due, "Today is by due date unless told otherwise");
        assert_eq!(url.edit, Some(7));
        assert!(url.error.is_none());
        let url = ListUrl::parse("view=today&sort=created");
        assert_eq!((url.query.sort, url.query.direction()), (SortBy::Created, SortDirection::Desc));
        assert_eq!(url.first_page(), "/?view=today&sort=created");
        let url = ListUrl::parse("view=upcoming&sort=title-desc");
        assert_eq!((url.query.sort, url.query.direction()), (SortBy::Due, SortDirection::Asc));
        let url = ListUrl::parse("sort=due-desc&tag=Long%20Tag");
        assert_eq!((url.query.sort, url.query.direction()), (SortBy::Due, SortDirection::Desc));
        assert_eq!(url.tag_view().map(Tag::as_str), Some("Long Tag"));
        assert_eq!(url.first_page(), "/?tag=Long%20Tag&sort=due&dir=desc");
        assert_eq!(ListUrl::parse("").first_page(), "/");
        assert_eq!(ListUrl::parse("filter=active").query.status, StatusFilter::Pending, "old bookmarks work");
        assert_eq!(ListUrl::parse("n=3").page, 1, "no cursor, no page after the first");
    }

    #[test]
    fn a_bad_value_is_an_error_and_the_default_list() {
        let url = ListUrl::parse("view=later&q=x");
        assert!(url.error.unwrap().for_field("view").is_some());
        assert_eq!(url.query, TaskQuery::default());
        assert!(ListUrl::parse("due_after=2026-12-02&due_before=2026-12-01").error.is_some());
    }

    #[test]
    fn links_keep_the_list_and_drop_what_they_should() {
        let url = ListUrl::parse("view=today&priority=high&cursor=abc&n=2&edit=5");
        assert_eq!(url.page, 2);
        assert_eq!(url.first_page(), "/?view=today&priority=high");
        assert_eq!(url.next_page("def"), "/?view=today&priority=high&cursor=def&n=3#list-heading");
        assert_eq!(url.with_editor(Some(9), 9), "/?view=today&priority=high&cursor=abc&n=2&edit=9#task-9");
        assert_eq!(url.with_editor(None, 9), "/?view=today&priority=high&cursor=abc&n=2#task-9");
        assert_eq!(url.with_status(StatusFilter::Completed), "/?view=today&status=completed&priority=high");
        assert_eq!(ListUrl::parse("view=today&dir=desc").first_page(), "/?view=today&dir=desc");
        assert_eq!(view_href(View::Today), "/?view=today");
        assert!(url.is_filtered() && url.has_form_filters());
        assert_eq!(view_href(View::Upcoming), "/?view=upcoming");
        assert_eq!(tag_href(&Tag::parse("a&b").unwrap()), "/?tag=a%26b");
        assert_eq!(sort_value(SortBy::Due, SortDirection::Asc), "due");
        assert_eq!(sort_value(SortBy::Due, SortDirection::Desc), "due-desc");
    }

    mod props {
        use proptest::prelude::*;

        use super::*;

        /// Query strings as browsers, bookmarks and people write them: known keys with good and bad values,
        /// unknown keys, broken escapes, stray `&` and `=`.
        fn raw_query() -> impl Strategy<Value = String> {
            let key = proptest::sample::select(vec![
                "view",
                "status",
                "filter",
                "priority",
                "tag",
                "due_before",
                "due_after",
                "no_due",
                "q",
                "search",
                "sort",
                "dir",
                "direction",
                "limit",
                "cursor",
                "edit",
                "n",
                "x",
                "",
            ]);
            let value = prop_oneof![
                proptest::sample::select(vec![
                    "today",
                    "upcoming",
                    "all",
                    "completed",
                    "active",
                    "high",
                    "home",
                    "%23work",
                    "2026-12-24",
                    "2026-13-01",
                    "due-desc",
                    "title-asc",
                    "created",
                    "-",
                    "due-",
                    "1",
                    "0",
                    "200",
                    "201",
                    "abc",
                    "milk+run",
                    "%E2%80%AE",
                    "%00",
                    "%FF%FE",
                    "%",
                    "%2",
                    "99999999999999999999",
                    "yes",
                ])
                .prop_map(str::to_owned),
                "\\PC{0,30}",
            ];
            proptest::collection::vec((key, value), 0..8).prop_map(|pairs| {
                pairs.into_iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
            })
        }

        proptest! {
            #[test]
            fn any_query_reads_and_its_links_name_the_same_list(raw in prop_oneof![raw_query(), "\\PC{0,200}"]) {
                let url = ListUrl::parse(&raw);
                prop_assert!((1..=100_000).contains(&url.page));
                if url.error.is_some() {
                    prop_assert_eq!(&url.query, &TaskQuery::default(), "a bad value shows the default list");
                }
                let first = url.first_page();
                let back = ListUrl::parse(first.strip_prefix("/?").unwrap_or(""));
                prop_assert!(back.error.is_none(), "{first}: {:?}", back.error);
                prop_assert_eq!(&back.query, &TaskQuery { cursor: None, ..url.query.clone() }, "{}", first);
                // The next page keeps the list and counts on.
                let next = url.next_page("c1");
                let next = ListUrl::parse(next.trim_start_matches("/?").trim_end_matches("#list-heading"));
                prop_assert_eq!(next.query.cursor.as_deref(), Some("c1"));
                prop_assert_eq!(next.page, (url.page + 1).min(100_000));
                prop_assert_eq!(&TaskQuery { cursor: None, ..next.query }, &back.query);
            }
        }
    }
}
