//! Phrasings the offline parser must understand and what it must refuse (generated input: `intent_props`).

use crate::assistant::intent::{parse, Intent, TaskRef};
use todo_domain::task::StatusFilter;
use todo_domain::View;

fn id(n: i64) -> TaskRef {
    TaskRef::Id(n)
}

fn words(w: &str) -> TaskRef {
    TaskRef::Words(w.into())
}

fn add(title: &str) -> Intent {
    Intent::Add { title: title.into(), description: None }
}

fn list(status: StatusFilter) -> Intent {
    Intent::List { status, search: None }
}

#[track_caller]
fn check(cases: &[(&str, Intent)]) {
    for (input, expected) in cases {
        assert_eq!(&parse(input), expected, "parsing {input:?}");
    }
}

#[test]
fn adds_in_many_phrasings() {
    check(&[
        ("add buy milk", add("buy milk")),
        ("Add Buy Milk.", add("Buy Milk")),
        ("add task buy milk", add("buy milk")),
        ("add a task to buy milk", add("buy milk")),
        ("add task: call the bank", add("call the bank")),
        ("please add buy milk to my list", add("buy milk")),
        ("can you add \u{201c}water the plants\u{201d} please", add("water the plants")),
        ("create a task called renew passport", add("renew passport")),
        ("new task pay rent", add("pay rent")),
        ("todo: book dentist", add("book dentist")),
        ("remind me to call mom", add("call mom")),
        ("I need to fix the bike", add("fix the bike")),
        ("hi, add eggs", add("eggs")),
        ("put bread on my list", add("bread")),
    ]);
}

#[test]
fn adds_with_a_description() {
    check(&[
        (
            "add buy milk with description two litres",
            Intent::Add { title: "buy milk".into(), description: Some("two litres".into()) },
        ),
        (
            "add call mom with a note about the weekend",
            Intent::Add { title: "call mom".into(), description: Some("about the weekend".into()) },
        ),
        (
            "add pay rent description: before the 5th",
            Intent::Add { title: "pay rent".into(), description: Some("before the 5th".into()) },
        ),
    ]);
}

#[test]
fn lists_pending_completed_or_all() {
    use StatusFilter::*;
    check(&[
        ("what's left?", list(Pending)),
        ("What\u{2019}s left", list(Pending)),
        ("whats left", list(Pending)),
        ("what do I have to do?", list(Pending)),
        ("show me what's left", list(Pending)),
        ("anything left?", list(Pending)),
        ("what's next", list(Pending)),
        ("list pending tasks", list(Pending)),
        ("show completed", list(Completed)),
        ("show completed tasks", list(Completed)),
        ("completed", list(Completed)),
        ("what have I done?", list(Completed)),
        ("list done tasks", list(Completed)),
        ("done tasks", list(Completed)),
        ("list", list(All)),
        ("list tasks", list(All)),
        ("show my tasks", list(All)),
        ("show all", list(All)),
        ("tasks", list(All)),
        ("what's on my plate?", list(All)),
        ("check my tasks", list(All)),
    ]);
}

#[test]
fn lists_with_a_search() {
    let search = |status, s: &str| Intent::List { status, search: Some(s.into()) };
    check(&[
        ("find milk", search(StatusFilter::All, "milk")),
        ("search for the dentist", search(StatusFilter::All, "dentist")),
        ("list tasks about milk", search(StatusFilter::All, "milk")),
        ("show completed tasks with milk", search(StatusFilter::Completed, "milk")),
        ("do I have anything about taxes left", search(StatusFilter::All, "taxes left")),
    ]);
}

#[test]
fn completes_by_number_or_words() {
    check(&[
        ("mark 3 done", Intent::Complete(id(3))),
        ("mark #3 as done", Intent::Complete(id(3))),
        ("Mark task 3 as complete.", Intent::Complete(id(3))),
        ("complete 12", Intent::Complete(id(12))),
        ("finish task number 4", Intent::Complete(id(4))),
        ("tick 5", Intent::Complete(id(5))),
        ("check off 7", Intent::Complete(id(7))),
        ("3 done", Intent::Complete(id(3))),
        ("task 3 is done", Intent::Complete(id(3))),
        ("done with milk", Intent::Complete(words("milk"))),
        ("I'm done with the milk", Intent::Complete(words("milk"))),
        ("I finished the report", Intent::Complete(words("report"))),
        ("mark the milk task as done", Intent::Complete(words("milk"))),
        ("check milk off", Intent::Complete(words("milk"))),
        ("buy milk is done", Intent::Complete(words("buy milk"))),
        ("change task 3 to done", Intent::Complete(id(3))),
    ]);
}

#[test]
fn deletes_by_number_or_words() {
    check(&[
        ("delete the milk task", Intent::Delete(words("milk"))),
        ("delete 3", Intent::Delete(id(3))),
        ("remove task #8", Intent::Delete(id(8))),
        ("please delete task no. 2", Intent::Delete(id(2))),
        ("get rid of the dentist appointment", Intent::Delete(words("dentist appointment"))),
        ("remove buy milk from my list", Intent::Delete(words("buy milk"))),
        ("drop 4 thanks", Intent::Delete(id(4))),
    ]);
}

#[test]
fn renames() {
    let rename = |task, title: &str| Intent::Rename { task, title: title.into() };
    check(&[
        ("rename task 2 to call mom", rename(id(2), "call mom")),
        ("rename 2 to go to the bank", rename(id(2), "go to the bank")),
        ("Rename #2 as Call Mom", rename(id(2), "Call Mom")),
        ("rename the milk task to buy oat milk", rename(words("milk"), "buy oat milk")),
        ("change the title of 5 to pay rent", rename(id(5), "pay rent")),
        ("change task 2 to call dad", rename(id(2), "call dad")),
        ("rename 2: call mom", rename(id(2), "call mom")),
    ]);
}

#[test]
fn describes() {
    let describe = |task, d: &str| Intent::Describe { task, description: d.into() };
    check(&[
        ("describe 2 as two litres, semi-skimmed", describe(id(2), "two litres, semi-skimmed")),
        ("describe task 2: ask about the weekend", describe(id(2), "ask about the weekend")),
        ("describe the milk task as organic", describe(words("milk"), "organic")),
        ("set description of 3 to bring the receipt", describe(id(3), "bring the receipt")),
        ("set the description for task 3 to bring ID", describe(id(3), "bring ID")),
        ("change the notes of 4 to call first", describe(id(4), "call first")),
        ("add a note to 2: get oat milk", describe(id(2), "get oat milk")),
    ]);
}

#[test]
fn incomplete_commands_ask_for_what_is_missing() {
    for input in [
        "add",
        "delete",
        "remove the",
        "mark done",
        "done",
        "rename task 2",
        "rename to x",
        "describe 2",
        "set the description of 2",
        "create",
    ] {
        assert!(matches!(parse(input), Intent::Clarify(_)), "{input:?} gave {:?}", parse(input));
    }
}

#[test]
fn bulk_and_unsupported_requests_are_explained_not_guessed() {
    for input in [
        "delete all",
        "delete everything",
        "remove all tasks",
        "mark all done",
        "mark 3 as not done",
        "uncheck 3",
        "undo",
    ] {
        assert!(matches!(parse(input), Intent::Clarify(_)), "{input:?} gave {:?}", parse(input));
    }
}

#[test]
fn greetings_and_help_requests_get_help() {
    for input in
        ["help", "Help me", "what can you do?", "hi", "Hello there!", "thanks", "", "   ", "please", "???"]
    {
        assert_eq!(parse(input), Intent::Help, "{input:?}");
    }
}

#[test]
fn unrelated_input_is_unknown() {
    for input in [
        "what's the weather like?",
        "how are you",
        "blah",
        "42",
        "the quick brown fox",
        "do the dishes",
        "\u{1f600} party",
    ] {
        assert_eq!(parse(input), Intent::Unknown, "{input:?}");
    }
}

#[test]
fn huge_numbers_are_words_not_a_crash() {
    assert_eq!(parse("delete 99999999999999999999999"), Intent::Delete(words("99999999999999999999999")));
}

#[test]
fn agenda_move_tag_and_remind() {
    let moved = |task, when: &str| Intent::Move { task, when: when.into() };
    let tagged =
        |task, tags: &[&str]| Intent::Tag { task, tags: tags.iter().map(|t| t.to_string()).collect() };
    check(&[
        ("what's due today?", Intent::Agenda(View::Today)),
        ("What is due today", Intent::Agenda(View::Today)),
        ("anything overdue?", Intent::Agenda(View::Today)),
        ("show me today's tasks", Intent::Agenda(View::Today)),
        ("what's coming up this week?", Intent::Agenda(View::Upcoming)),
        ("upcoming", Intent::Agenda(View::Upcoming)),
        ("move the report to friday", moved(words("report"), "friday")),
        ("move 3 to tomorrow 5pm", moved(id(3), "tomorrow 5pm")),
        ("please reschedule the dentist until next week", moved(words("dentist"), "next week")),
        ("postpone #4 to dec 24", moved(id(4), "dec 24")),
        ("tag milk #shopping", tagged(words("milk"), &["shopping"])),
        ("tag #3 #home #errands", tagged(id(3), &["home", "errands"])),
        ("label the milk task as shopping", tagged(words("milk"), &["shopping"])),
        ("remind me to water the plants every monday", add("water the plants every monday")),
        ("add report friday !high #work", add("report friday !high #work")),
    ]);
    for unclear in
        ["move the report", "tag milk", "tag #shopping", "remind me every monday", "add tomorrow 5pm"]
    {
        assert!(matches!(parse(unclear), Intent::Clarify(_)), "{unclear:?}: {:?}", parse(unclear));
    }
    // Still lists and adds, not agendas.
    check(&[("what's left?", list(StatusFilter::Pending)), ("add call mom today", add("call mom today"))]);
}
