//! A sentence as a list of words, for the intent parser: matched in lower case, cut out in the user's case.

/// Words of a message. `low` is the lower-cased word without surrounding punctuation (what patterns
/// match); `orig` is the word as typed (what titles are cut from); `sep` marks a word followed by `:`.
#[derive(Debug, Clone, Default)]
pub(crate) struct Words {
    orig: Vec<String>,
    low: Vec<String>,
    sep: Vec<bool>,
}

/// Characters kept at the edge of a matching word: `#3` is a task number.
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '#'
}

impl Words {
    /// Splits `input` on whitespace; stand-alone punctuation (`:`, `-`, `—`) becomes a separator mark.
    pub(crate) fn new(input: &str) -> Self {
        let mut words = Self::default();
        for raw in input.split_whitespace() {
            // Phones and word processors type curly quotes; patterns are written with straight ones.
            let orig = raw.replace(['\u{2019}', '\u{2018}'], "'").replace(['\u{201c}', '\u{201d}'], "\"");
            let low = orig.to_lowercase().trim_matches(|c: char| !is_word_char(c)).to_owned();
            if low.is_empty() {
                if let Some(last) = words.sep.last_mut() {
                    *last = *last || orig.contains([':', '-', '\u{2014}', '\u{2013}']);
                }
                continue;
            }
            words.sep.push(orig.trim_end_matches(['"', '\'', ')']).ends_with(':'));
            words.orig.push(orig);
            words.low.push(low);
        }
        words
    }

    /// Number of words.
    pub(crate) fn len(&self) -> usize {
        self.low.len()
    }

    /// Whether there are no words.
    pub(crate) fn is_empty(&self) -> bool {
        self.low.is_empty()
    }

    /// The words `from..to` (clamped, never panics).
    pub(crate) fn slice(&self, from: usize, to: usize) -> Self {
        let to = to.min(self.len());
        let from = from.min(to);
        Self {
            orig: self.orig[from..to].to_vec(),
            low: self.low[from..to].to_vec(),
            sep: self.sep[from..to].to_vec(),
        }
    }

    /// The words from `from` on.
    pub(crate) fn from(&self, from: usize) -> Self {
        self.slice(from, self.len())
    }

    /// Whether the words at `at` are `phrase` (space-separated, lower case).
    pub(crate) fn has_at(&self, at: usize, phrase: &str) -> bool {
        phrase.split(' ').enumerate().all(|(i, p)| self.low.get(at + i).map(String::as_str) == Some(p))
    }

    /// Whether the words are exactly `phrase`.
    pub(crate) fn is(&self, phrase: &str) -> bool {
        self.has_at(0, phrase) && phrase.split(' ').count() == self.len()
    }

    /// Whether the words are exactly one of `phrases`.
    pub(crate) fn is_any(&self, phrases: &[&str]) -> bool {
        phrases.iter().any(|p| self.is(p))
    }

    /// The rest after a leading `phrase`.
    pub(crate) fn after(&self, phrase: &str) -> Option<Self> {
        self.has_at(0, phrase).then(|| self.from(phrase.split(' ').count()))
    }

    /// The rest after the first of `phrases` that leads (list longer phrases first).
    pub(crate) fn after_any(&self, phrases: &[&str]) -> Option<Self> {
        phrases.iter().find_map(|p| self.after(p))
    }

    /// The words before a trailing `phrase`.
    pub(crate) fn before_suffix(&self, phrase: &str) -> Option<Self> {
        let n = phrase.split(' ').count();
        let start = self.len().checked_sub(n)?;
        self.has_at(start, phrase).then(|| self.slice(0, start))
    }

    /// The words before the first of `phrases` that ends them.
    pub(crate) fn before_any_suffix(&self, phrases: &[&str]) -> Option<Self> {
        phrases.iter().find_map(|p| self.before_suffix(p))
    }

    /// Drops leading and trailing words found in `leading` / `trailing`, repeatedly.
    pub(crate) fn trim(&self, leading: &[&str], trailing: &[&str]) -> Self {
        let mut from = 0;
        let mut to = self.len();
        while from < to && leading.contains(&self.low[from].as_str()) {
            from += 1;
        }
        while to > from && trailing.contains(&self.low[to - 1].as_str()) {
            to -= 1;
        }
        self.slice(from, to)
    }

    /// Strips one optional leading phrase from `phrases`, if present.
    pub(crate) fn skip_any(&self, phrases: &[&str]) -> Self {
        self.after_any(phrases).unwrap_or_else(|| self.clone())
    }

    /// Strips one optional trailing phrase from `phrases`, if present.
    pub(crate) fn drop_any_suffix(&self, phrases: &[&str]) -> Self {
        self.before_any_suffix(phrases).unwrap_or_else(|| self.clone())
    }

    /// Splits at the first word in `markers` (dropped) or after the first word followed by `:`.
    pub(crate) fn split(&self, markers: &[&str]) -> Option<(Self, Self)> {
        (0..self.len()).find_map(|i| {
            if i > 0 && markers.contains(&self.low[i].as_str()) {
                Some((self.slice(0, i), self.from(i + 1)))
            } else if self.sep[i] {
                Some((self.slice(0, i + 1), self.from(i + 1)))
            } else {
                None
            }
        })
    }

    /// Where the first of `phrases` starts, if anywhere.
    pub(crate) fn find_any(&self, phrases: &[&str]) -> Option<(usize, usize)> {
        (0..self.len())
            .find_map(|i| phrases.iter().find(|p| self.has_at(i, p)).map(|p| (i, p.split(' ').count())))
    }

    /// Whether any word (or phrase) of `phrases` occurs anywhere.
    pub(crate) fn contains_any(&self, phrases: &[&str]) -> bool {
        self.find_any(phrases).is_some()
    }

    /// Whether the word at `at` is followed by a `:`.
    pub(crate) fn sep_at(&self, at: usize) -> bool {
        self.sep.get(at).copied().unwrap_or(false)
    }

    /// The lower-cased word at `at` (empty past the end).
    pub(crate) fn low(&self, at: usize) -> &str {
        self.low.get(at).map(String::as_str).unwrap_or("")
    }

    /// The words as typed, joined by single spaces, without surrounding quotes or end punctuation.
    pub(crate) fn text(&self) -> String {
        let joined = self.orig.join(" ");
        let edge =
            |c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | ':' | ',' | ';' | '.' | '!' | '?');
        joined.trim_matches(edge).to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_match_in_lower_case_and_keep_the_original() {
        let w = Words::new("  Add  “Buy Milk”! ");
        assert!(w.has_at(0, "add buy milk"));
        assert_eq!(w.from(1).text(), "Buy Milk");
    }

    #[test]
    fn a_colon_marks_a_split_point() {
        let w = Words::new("note for 2: oat milk");
        let (left, right) = w.split(&[]).unwrap();
        assert_eq!(left.text(), "note for 2");
        assert_eq!(right.text(), "oat milk");
        let w = Words::new("describe 2 : oat milk");
        assert_eq!(w.split(&[]).unwrap().1.text(), "oat milk");
    }

    #[test]
    fn slicing_out_of_range_is_empty_not_a_panic() {
        let w = Words::new("one two");
        assert!(w.slice(5, 1).is_empty());
        assert!(w.from(9).is_empty());
        assert_eq!(w.low(7), "");
        assert!(w.before_suffix("one two three").is_none());
    }
}
