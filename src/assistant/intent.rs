//! The offline brain's parser: plain-English task commands to an [`Intent`]. Pure: no I/O, never panics.
//!
//! Patterns are tried from the most specific to the least ("add a note to 2: …" is a description, not a new
//! task; "show completed" is a list, not a completion), and anything unmatched is [`Intent::Unknown`].

use crate::assistant::words::Words;
use todo_domain::task::StatusFilter;
use todo_domain::{parse_quick_add, QuickAddContext, View};

/// How the user named a task.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TaskRef {
    /// By number: "3", "#3", "task 3".
    Id(i64),
    /// By words of its title: "milk" in "delete the milk task".
    Words(String),
}

/// What the user asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    Add {
        title: String,
        description: Option<String>,
    },
    List {
        status: StatusFilter,
        search: Option<String>,
    },
    Complete(TaskRef),
    Delete(TaskRef),
    Rename {
        task: TaskRef,
        title: String,
    },
    Describe {
        task: TaskRef,
        description: String,
    },
    /// "what's due today?", "what's coming up this week?": the Today or Upcoming view.
    Agenda(View),
    /// "move the report to friday": a new due date, as the user said it.
    Move {
        task: TaskRef,
        when: String,
    },
    /// "tag milk #shopping": tags to add.
    Tag {
        task: TaskRef,
        tags: Vec<String>,
    },
    /// A command was recognised but something is missing or unsupported: ask or explain.
    Clarify(&'static str),
    /// A greeting or a request for help.
    Help,
    /// Nothing recognised.
    Unknown,
}

const ASK_ADD: &str = "What should I add? For example: \u{201c}add buy milk\u{201d}.";
const ASK_COMPLETE: &str =
    "Which task is done? Say its number or words from its title, e.g. \u{201c}mark 3 done\u{201d} or \u{201c}done with milk\u{201d}.";
const ASK_DELETE: &str =
    "Which task should I delete? Say its number or words from its title, e.g. \u{201c}delete 3\u{201d} or \u{201c}delete the milk task\u{201d}.";
const ASK_RENAME: &str =
    "What should I rename, and to what? For example: \u{201c}rename task 2 to call mom\u{201d}.";
const ASK_DESCRIBE: &str =
    "Which task, and what should its description say? For example: \u{201c}describe 2 as two litres, semi-skimmed\u{201d}.";
const ONE_AT_A_TIME: &str =
    "I work on one task at a time \u{2014} tell me which one, e.g. \u{201c}delete 3\u{201d}.";
const NO_REOPEN: &str = "I can't mark tasks as not done yet \u{2014} untick it in the list instead.";
const ASK_MOVE: &str =
    "Which task, and to when? For example: \u{201c}move the report to friday\u{201d} or \u{201c}move 3 to tomorrow 5pm\u{201d}.";
const ASK_TAG: &str = "Which task, and which tags? For example: \u{201c}tag milk #shopping\u{201d}.";
const ASK_REMIND: &str =
    "What should I remind you of? For example: \u{201c}remind me to water the plants every monday\u{201d}.";
const NO_UNDO: &str = "I can't undo \u{2014} use the Undo button above the list right after deleting.";

/// Parses one chat message.
pub fn parse(input: &str) -> Intent {
    let words = strip_pleasantries(Words::new(input));
    if words.is_empty() {
        return Intent::Help;
    }
    help(&words)
        .or_else(|| describe(&words))
        .or_else(|| rename(&words))
        .or_else(|| delete(&words))
        .or_else(|| agenda(&words))
        .or_else(|| tag(&words))
        .or_else(|| move_to(&words))
        .or_else(|| list_exact(&words))
        .or_else(|| complete(&words))
        .or_else(|| list(&words))
        .or_else(|| add(&words))
        .or_else(|| complete_suffix(&words))
        .unwrap_or(Intent::Unknown)
}

/// Drops "please", "can you", "thanks" and the like around the command.
fn strip_pleasantries(mut w: Words) -> Words {
    const LEADING: &[&str] = &[
        "would you please",
        "could you please",
        "can you please",
        "i want you to",
        "i'd like you to",
        "go ahead and",
        "could you",
        "would you",
        "can you",
        "will you",
        "can u",
        "could u",
        "please",
        "pls",
        "plz",
        "kindly",
        "ok",
        "okay",
        "so",
        "and",
        "also",
        "then",
        "now",
        "oh",
        "um",
        "hmm",
    ];
    const GREETINGS: &[&str] = &["hi", "hello", "hey", "hiya", "yo", "assistant", "bot"];
    const TRAILING: &[&str] = &["thank you", "thanks", "thx", "please", "pls", "plz", "for me", "ty"];
    loop {
        let before = w.len();
        w = w.skip_any(LEADING).drop_any_suffix(TRAILING);
        // A greeting in front of a command ("hi, add milk") is dropped; on its own it asks for help.
        if w.len() > 1 && help(&w).is_none() {
            w = w.skip_any(GREETINGS);
        }
        if w.len() == before {
            return w;
        }
    }
}

fn help(w: &Words) -> Option<Intent> {
    const HELP: &[&str] = &[
        "help",
        "help me",
        "commands",
        "usage",
        "examples",
        "what can you do",
        "what can i say",
        "what can i ask",
        "what do you do",
        "how does this work",
        "how do i use this",
        "how do i use you",
        "who are you",
        "what are you",
        "hi",
        "hello",
        "hey",
        "hiya",
        "yo",
        "hi there",
        "hello there",
        "good morning",
        "good afternoon",
        "good evening",
        "bot",
        "assistant",
        "thanks",
        "thank you",
    ];
    (w.is_any(HELP) || w.low(0) == "help").then_some(Intent::Help)
}

/// Parses the words naming a task: a number, or words of its title without fillers.
fn task_ref(w: &Words) -> Option<TaskRef> {
    const LEADING: &[&str] = &[
        "the", "my", "a", "an", "that", "this", "task", "item", "todo", "to-do", "entry", "number", "no",
        "num", "id", "called", "named", "titled", "about", "for", "of", "with",
    ];
    const TRAILING: &[&str] = &["task", "item", "todo", "to-do", "entry", "one", "off", "thing"];
    let w = w.trim(LEADING, TRAILING);
    if w.len() == 1 {
        let digits = w.low(0).trim_start_matches('#');
        if !digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()) {
            if let Ok(id) = digits.parse() {
                return Some(TaskRef::Id(id));
            }
        }
    }
    let text = w.text();
    (!text.trim_matches(|c: char| !c.is_alphanumeric()).is_empty()).then_some(TaskRef::Words(text))
}

/// "all", "everything", "all of them": the user asked for a bulk operation.
fn is_bulk(w: &Words) -> bool {
    w.is_any(&[
        "all",
        "everything",
        "all tasks",
        "all of them",
        "them all",
        "every task",
        "completed",
        "done tasks",
    ]) || w.has_at(0, "all")
        || w.has_at(0, "every")
}

fn describe(w: &Words) -> Option<Intent> {
    const FIELD: &[&str] = &["description", "descriptions", "desc", "note", "notes", "details"];
    const MARKERS: &[&str] = &["as", "to", "saying", "with", "reading"];
    let build = |rest: &Words, markers: &[&str]| -> Intent {
        match rest.split(markers) {
            Some((target, text)) => match (task_ref(&target), text.text()) {
                (Some(task), description) if !description.is_empty() => {
                    Intent::Describe { task, description }
                }
                _ => Intent::Clarify(ASK_DESCRIBE),
            },
            None => Intent::Clarify(ASK_DESCRIBE),
        }
    };
    if let Some(rest) = w.after("describe") {
        return Some(build(&rest, &["as", "with", "saying"]));
    }
    // "set/change the description of X to Y", "add a note to X: Y", "note for X: Y".
    let verb = w.after_any(&["set", "change", "update", "edit", "write", "add", "put", "give", "attach"]);
    let strong = verb.is_some() && !w.has_at(0, "add") && !w.has_at(0, "put") && !w.has_at(0, "give");
    let rest = verb.clone().unwrap_or_else(|| w.clone()).skip_any(&["the", "a", "an"]);
    if !FIELD.contains(&rest.low(0)) {
        return None;
    }
    let rest = rest.from(1).skip_any(&["of", "for", "on", "to"]);
    match rest.split(MARKERS) {
        Some(_) => Some(build(&rest, MARKERS)),
        // "add notes for the meeting" is more likely a new task than a description without text.
        None if strong => Some(Intent::Clarify(ASK_DESCRIBE)),
        None => None,
    }
}

fn rename(w: &Words) -> Option<Intent> {
    const DONE: &[&str] = &["done", "complete", "completed", "finished"];
    let explicit = w.after_any(&["rename", "retitle"]).or_else(|| {
        let rest = w.after_any(&["change", "update", "edit", "set"])?.skip_any(&["the"]);
        rest.after_any(&["title", "name"]).map(|r| r.skip_any(&["of", "for"]))
    });
    let (rest, loose) = match explicit {
        Some(rest) => (rest, false),
        None => (w.after_any(&["change", "update", "edit"])?, true),
    };
    let Some((target, title)) = rest.split(&["to", "as", "into"]) else {
        return Some(Intent::Clarify(ASK_RENAME));
    };
    let task = task_ref(&target);
    let title = title.text();
    match task {
        // "change task 3 to done" means complete it, not rename it to "done".
        Some(task) if loose && Words::new(&title).is_any(DONE) => Some(Intent::Complete(task)),
        Some(task) if !title.is_empty() => Some(Intent::Rename { task, title }),
        _ => Some(Intent::Clarify(ASK_RENAME)),
    }
}

fn delete(w: &Words) -> Option<Intent> {
    const VERBS: &[&str] = &[
        "get rid of",
        "throw away",
        "throw out",
        "forget about",
        "delete",
        "remove",
        "del",
        "rm",
        "drop",
        "erase",
        "trash",
        "bin",
        "discard",
        "scrap",
        "forget",
        "cancel",
    ];
    const FROM: &[&str] = &[
        "from my to-do list",
        "from my to do list",
        "from my todo list",
        "from the list",
        "from my list",
        "from my tasks",
        "from the tasks",
        "from list",
        "off my list",
        "off the list",
    ];
    if w.is("undo") || w.has_at(0, "undo") {
        return Some(Intent::Clarify(NO_UNDO));
    }
    let rest = w.after_any(VERBS)?.drop_any_suffix(FROM);
    if is_bulk(&rest) {
        return Some(Intent::Clarify(ONE_AT_A_TIME));
    }
    Some(task_ref(&rest).map_or(Intent::Clarify(ASK_DELETE), Intent::Delete))
}

/// Short fixed phrases that name a list ("tasks", "completed", "what's left").
fn list_exact(w: &Words) -> Option<Intent> {
    const EXACT: &[&str] = &[
        "tasks",
        "my tasks",
        "all tasks",
        "task list",
        "todo list",
        "to-do list",
        "to do list",
        "my list",
        "list",
        "todos",
        "my todos",
        "everything",
        "all",
        "pending",
        "pending tasks",
        "open tasks",
        "remaining",
        "left",
        "completed",
        "completed tasks",
        "finished",
        "finished tasks",
        "done tasks",
        "status",
        "overview",
        "agenda",
        "what's left",
        "whats left",
        "what is left",
    ];
    w.is_any(EXACT).then(|| Intent::List { status: status_of(w), search: None })
}

/// Which tasks a list request is about.
fn status_of(w: &Words) -> StatusFilter {
    const PENDING: &[&str] = &[
        "not done",
        "not finished",
        "not completed",
        "to do",
        "to-do",
        "left",
        "remaining",
        "pending",
        "open",
        "outstanding",
        "unfinished",
        "incomplete",
        "active",
        "undone",
        "next",
        "still",
    ];
    const COMPLETED: &[&str] =
        &["done", "completed", "complete", "finished", "finish", "ticked", "checked", "did", "closed"];
    if w.contains_any(PENDING) {
        StatusFilter::Pending
    } else if w.contains_any(COMPLETED) {
        StatusFilter::Completed
    } else {
        StatusFilter::All
    }
}

fn complete(w: &Words) -> Option<Intent> {
    const VERBS: &[&str] = &[
        "i'm done with",
        "im done with",
        "i am done with",
        "i've finished",
        "ive finished",
        "i have finished",
        "i've done",
        "ive done",
        "i have done",
        "i finished",
        "i completed",
        "i did",
        "finished with",
        "done with",
        "check off",
        "tick off",
        "cross off",
        "cross out",
        "mark off",
        "mark",
        "complete",
        "finish",
        "check",
        "tick",
        "cross",
        "close",
        "done",
        "finished",
        "completed",
    ];
    const STATE: &[&str] = &[
        "as done",
        "as complete",
        "as completed",
        "as finished",
        "as checked",
        "as ticked",
        "done",
        "complete",
        "completed",
        "finished",
        "checked",
        "ticked",
        "off",
    ];
    const REOPEN: &[&str] = &[
        "as not done",
        "not done",
        "as undone",
        "undone",
        "as incomplete",
        "incomplete",
        "as pending",
        "pending",
        "as open",
        "as active",
        "as todo",
        "as to do",
        "unchecked",
        "as unchecked",
    ];
    if w.after_any(&["uncheck", "untick", "unmark", "reopen", "re-open"]).is_some() {
        return Some(Intent::Clarify(NO_REOPEN));
    }
    let rest = w.after_any(VERBS)?;
    if rest.before_any_suffix(REOPEN).is_some() {
        return Some(Intent::Clarify(NO_REOPEN));
    }
    let rest = rest.drop_any_suffix(STATE);
    // "check my tasks" is a look at the list, not a completion.
    if let Some(list) = list_exact(&rest.skip_any(&["my", "the", "all", "on"])) {
        return Some(list);
    }
    if is_bulk(&rest) {
        return Some(Intent::Clarify(ONE_AT_A_TIME));
    }
    Some(task_ref(&rest).map_or(Intent::Clarify(ASK_COMPLETE), Intent::Complete))
}

fn list(w: &Words) -> Option<Intent> {
    const VERBS: &[&str] =
        &["show me", "give me", "tell me", "list", "show", "display", "view", "see", "print", "read", "get"];
    const SEARCH_VERBS: &[&str] = &["search for", "look for", "look up", "search", "find", "lookup"];
    const QUESTIONS: &[&str] = &[
        "what", "what's", "whats", "which", "how", "anything", "is", "are", "do", "did", "have", "any",
        "where",
    ];
    const NOUNS: &[&str] = &[
        "task",
        "tasks",
        "todo",
        "todos",
        "to do",
        "to-do",
        "list",
        "left",
        "remaining",
        "pending",
        "done",
        "completed",
        "finished",
        "finish",
        "complete",
        "open",
        "outstanding",
        "next",
        "items",
        "things",
        "agenda",
        "plate",
    ];
    const SEARCH_MARKERS: &[&str] = &[
        "that mention",
        "mentioning",
        "containing",
        "that contain",
        "matching",
        "about",
        "with",
        "called",
        "named",
        "titled",
        "like",
    ];
    const FILLER: &[&str] = &["my", "the", "all", "tasks", "task", "for", "about", "with", "any", "me"];
    if let Some(rest) = w.after_any(SEARCH_VERBS) {
        let search = rest.trim(FILLER, &["task", "tasks"]).text();
        return Some(Intent::List {
            status: StatusFilter::All,
            search: (!search.is_empty()).then_some(search),
        });
    }
    let is_list = w.after_any(VERBS).is_some() || (w.after_any(QUESTIONS).is_some() && w.contains_any(NOUNS));
    if !is_list {
        return None;
    }
    let (head, search) = match w.find_any(SEARCH_MARKERS) {
        Some((at, len)) => {
            let search = w.from(at + len).trim(FILLER, &["task", "tasks"]).text();
            (w.slice(0, at), (!search.is_empty()).then_some(search))
        }
        None => (w.clone(), None),
    };
    Some(Intent::List { status: status_of(&head), search })
}

fn add(w: &Words) -> Option<Intent> {
    const VERBS: &[&str] = &[
        "add a new task",
        "add new task",
        "add a task",
        "add task",
        "add a todo",
        "add todo",
        "add an item",
        "add item",
        "add",
        "create a new task",
        "create new task",
        "create a task",
        "create task",
        "create",
        "new task",
        "new todo",
        "new item",
        "remind me to",
        "remind me",
        "remember to",
        "i need to",
        "i have to",
        "i've got to",
        "ive got to",
        "i gotta",
        "i must",
        "don't forget to",
        "dont forget to",
        "put",
    ];
    // Bare labels count only when followed by a colon ("todo: buy milk"), so "task 3 done" is not an add.
    const LABELS: &[&str] = &["new", "todo", "to-do", "task"];
    const ON_LIST: &[&str] = &[
        "to my to-do list",
        "to my to do list",
        "to my todo list",
        "to the todo list",
        "to my list",
        "to the list",
        "to my tasks",
        "to the tasks",
        "to my todos",
        "to list",
        "to todo",
        "on my list",
        "on the list",
    ];
    let rest = match w.after_any(VERBS) {
        Some(rest) => rest,
        None if LABELS.contains(&w.low(0)) && w.sep_at(0) => w.from(1),
        None if w.has_at(0, "to do") && w.sep_at(1) => w.from(2),
        None => return None,
    };
    let rest = rest.skip_any(&["called", "named", "titled", "saying", "to"]);
    let (title, description) = match rest.find_any(&[
        "with the description",
        "with a description",
        "with description",
        "with a note",
        "with note",
        "with notes",
        "with details",
        "described as",
    ]) {
        Some((at, len)) => (rest.slice(0, at), Some(rest.from(at + len))),
        None => match (1..rest.len())
            .find(|&i| matches!(rest.low(i), "description" | "note" | "notes" | "details") && rest.sep_at(i))
        {
            Some(at) => (rest.slice(0, at), Some(rest.from(at + 1))),
            None => (rest, None),
        },
    };
    let title = title.drop_any_suffix(ON_LIST).text();
    if title.is_empty() {
        return Some(Intent::Clarify(ASK_ADD));
    }
    if only_when(&title) {
        return Some(Intent::Clarify(ASK_REMIND));
    }
    let description = description.map(|d| d.text()).filter(|d| !d.is_empty());
    Some(Intent::Add { title, description })
}

/// "what's due today?", "anything overdue?", "what's coming up this week?", "upcoming".
fn agenda(w: &Words) -> Option<Intent> {
    const ASKS: &[&str] = &[
        "what", "what's", "whats", "which", "show", "list", "tell", "give", "anything", "any", "is", "are",
        "do", "due", "today", "today's", "todays", "overdue", "upcoming", "coming", "this", "my", "how",
    ];
    const TODAY: &[&str] = &["today", "today's", "todays", "overdue", "tonight"];
    const UPCOMING: &[&str] =
        &["upcoming", "coming up", "this week", "next 7 days", "next seven days", "next few days"];
    if !ASKS.contains(&w.low(0)) {
        return None;
    }
    if w.contains_any(UPCOMING) {
        Some(Intent::Agenda(View::Upcoming))
    } else if w.contains_any(TODAY) {
        Some(Intent::Agenda(View::Today))
    } else {
        None
    }
}

/// "move the report to friday", "reschedule 3 to tomorrow 5pm", "postpone milk until monday".
fn move_to(w: &Words) -> Option<Intent> {
    const VERBS: &[&str] = &[
        "change the due date of",
        "set the due date of",
        "reschedule",
        "postpone",
        "push back",
        "push",
        "defer",
        "move",
    ];
    let rest = w.after_any(VERBS)?;
    Some(match rest.split(&["to", "until", "till", "for"]) {
        Some((target, when)) if !when.is_empty() => match task_ref(&target) {
            Some(task) => Intent::Move { task, when: when.text() },
            None => Intent::Clarify(ASK_MOVE),
        },
        _ => Intent::Clarify(ASK_MOVE),
    })
}

/// "tag milk #shopping", "tag 3 #home #errands", "label milk as shopping".
fn tag(w: &Words) -> Option<Intent> {
    let rest = w.after_any(&["tag", "label"])?;
    let is_tag = |i: usize| {
        let low = rest.low(i);
        low.starts_with('#') && !low[1..].chars().all(|c| c.is_ascii_digit())
    };
    let (target, tags): (Words, Vec<String>) = if (0..rest.len()).any(is_tag) {
        let first = (0..rest.len()).find(|&i| is_tag(i)).unwrap_or(rest.len());
        let tags = (first..rest.len())
            .filter(|&i| is_tag(i))
            .map(|i| rest.slice(i, i + 1).text().trim_start_matches('#').to_owned())
            .collect();
        (rest.slice(0, first), tags)
    } else {
        match rest.split(&["with", "as"]) {
            Some((target, names)) => (
                target,
                names
                    .text()
                    .split([',', ' '])
                    .filter(|t| !t.is_empty() && *t != "and")
                    .map(str::to_owned)
                    .collect(),
            ),
            None => return Some(Intent::Clarify(ASK_TAG)),
        }
    };
    match task_ref(&target) {
        Some(task) if !tags.is_empty() => Some(Intent::Tag { task, tags }),
        _ => Some(Intent::Clarify(ASK_TAG)),
    }
}

/// Whether quick add would take all of `text` as a date or repeat, leaving no title ("every monday").
fn only_when(text: &str) -> bool {
    // Any day will do: only whether the words are recognised matters, not which date they give.
    let ctx = QuickAddContext::new(chrono::NaiveDateTime::default());
    let parsed = parse_quick_add(&format!("_ {text}"), ctx);
    parsed.title == "_" && parse_quick_add(text, ctx).recognised.is_empty()
}

/// "milk is done", "3 done", "the milk task is finished".
fn complete_suffix(w: &Words) -> Option<Intent> {
    const SUFFIXES: &[&str] = &[
        "is done now",
        "is done",
        "is finished",
        "is complete",
        "is completed",
        "are done",
        "done",
        "finished",
        "completed",
        "complete",
    ];
    let target = w.before_any_suffix(SUFFIXES)?;
    task_ref(&target).map(Intent::Complete)
}
