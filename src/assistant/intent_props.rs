//! Generated input for the offline brain's parser ([`parse`]) and its word list ([`Words`]): no text makes
//! either panic, and what they take out of a message comes from the message. 256 cases per property
//! (`PROPTEST_CASES` for more); the phrasings themselves are in `intent_tests`.

use proptest::prelude::*;

use crate::assistant::intent::{parse, Intent, TaskRef};
use crate::assistant::words::Words;
use todo_domain::chat::MESSAGE_MAX;

/// Command words, fillers and characters that trouble parsers, as a message is made of.
const VOCAB: &[&str] = &[
    "add",
    "delete",
    "remove",
    "mark",
    "done",
    "rename",
    "to",
    "as",
    "describe",
    "set",
    "description",
    "of",
    "the",
    "task",
    "tasks",
    "#",
    "#3",
    "3",
    "42",
    ":",
    "-",
    "\u{2014}",
    "what's",
    "left",
    "show",
    "completed",
    "with",
    "note",
    "please",
    "can",
    "you",
    "hi",
    "help",
    "all",
    "not",
    "undo",
    "move",
    "tag",
    "#home",
    "label",
    "remind",
    "me",
    "every",
    "monday",
    "tomorrow",
    "5pm",
    "due",
    "today",
    "upcoming",
    "\u{201c}milk\u{201d}",
    "'",
    "\"",
    "\u{130}",
    "\u{df}",
    "\u{1f600}",
    "e\u{301}",
    "\u{202e}",
    "\u{200b}",
    "\0",
    "9999999999999999999999",
    "-1",
    "0",
    "check",
    "off",
    "find",
    "get rid of",
    "i'm done with",
    "is done",
    "' OR 1=1 --",
    "<script>alert(1)</script>",
];

fn vocab_words() -> impl Strategy<Value = Vec<&'static str>> {
    proptest::collection::vec(proptest::sample::select(VOCAB), 0..14)
}

fn any_message() -> impl Strategy<Value = String> {
    prop_oneof![
        vocab_words().prop_map(|w| w.join(" ")),
        vocab_words().prop_map(|w| w.concat()),
        proptest::string::string_regex(&format!("\\PC{{0,{MESSAGE_MAX}}}")).unwrap(),
        proptest::string::string_regex(".{0,200}").unwrap(),
    ]
}

/// The message as the parser sees its words: curly quotes straightened.
fn straightened(input: &str) -> String {
    input.replace(['\u{2019}', '\u{2018}'], "'").replace(['\u{201c}', '\u{201d}'], "\"")
}

/// Every word of `taken` occurs in `input`: the parser cuts text out of the message, it never makes any up.
fn cut_from(taken: &str, input: &str) -> bool {
    let input = straightened(input);
    taken.split_whitespace().all(|w| input.contains(w))
}

proptest! {
    #[test]
    fn parsing_never_panics_and_takes_titles_only_from_the_message(input in any_message()) {
        match parse(&input) {
            Intent::Add { title, description } => {
                prop_assert!(!title.trim().is_empty(), "{input:?}");
                prop_assert!(cut_from(&title, &input), "{title:?} from {input:?}");
                if let Some(d) = description {
                    prop_assert!(cut_from(&d, &input), "{d:?} from {input:?}");
                }
            }
            Intent::Rename { task, title } => {
                prop_assert!(!title.trim().is_empty() && cut_from(&title, &input), "{title:?} from {input:?}");
                if let TaskRef::Id(id) = task {
                    prop_assert!(input.contains(&id.to_string()), "#{id} from {input:?}");
                }
            }
            Intent::Describe { description, .. } => {
                prop_assert!(!description.trim().is_empty() && cut_from(&description, &input), "{input:?}");
            }
            Intent::Complete(TaskRef::Id(id)) | Intent::Delete(TaskRef::Id(id)) => {
                prop_assert!(input.contains(&id.to_string()), "#{id} from {input:?}");
            }
            Intent::Tag { tags, .. } => {
                for t in &tags {
                    prop_assert!(!t.is_empty() && cut_from(t, &input), "{t:?} from {input:?}");
                }
            }
            _ => {}
        }
    }

    #[test]
    fn spacing_between_words_changes_nothing(words in vocab_words(), gap in "[ \t\n\u{a0}\u{3000}]{1,3}") {
        let single = words.join(" ");
        let spaced = format!("{}{}{}", gap, words.join(&gap), gap);
        prop_assert_eq!(parse(&single), parse(&spaced), "{:?} vs {:?}", single, spaced);
    }

    #[test]
    fn commands_are_recognised_in_any_case(words in vocab_words()) {
        // ASCII only: the case of other scripts can change a word's length ("ß" → "SS").
        let ascii: Vec<&str> = words.into_iter().filter(|w| w.is_ascii()).collect();
        let lower = ascii.join(" ");
        let upper = lower.to_ascii_uppercase();
        prop_assert_eq!(
            std::mem::discriminant(&parse(&lower)),
            std::mem::discriminant(&parse(&upper)),
            "{:?} vs {:?}", lower, upper
        );
    }

    #[test]
    fn words_slice_and_search_without_panics(input in any_message(), from in 0usize..20, to in 0usize..20) {
        let w = Words::new(&input);
        prop_assert!(w.len() <= input.split_whitespace().count());
        let part = w.slice(from, to);
        prop_assert!(part.len() <= w.len());
        let text = part.text();
        prop_assert_eq!(text.trim(), text.as_str());
        prop_assert!(cut_from(&text, &input), "{text:?} from {input:?}");
        prop_assert_eq!(w.from(from).len(), w.len().saturating_sub(from));
        let _ = (w.split(&["to", "as"]), w.find_any(&["done", "get rid of"]), w.low(to), w.sep_at(from));
        let _ = w.trim(&["the", "please"], &["task", "please"]).text();
    }
}
