//! Tags: per-user labels, many per task (the old system's categories become tags).

use core::fmt;

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// A valid tag name: trimmed, 1–50 characters, no leading `#`, no quotes or control characters. Tags are unique
/// per user case-insensitively: compare [`Tag::key`], show [`Tag::as_str`].
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Tag(String);

impl Tag {
    /// The longest tag, in characters.
    pub const MAX_CHARS: usize = 50;

    /// Validates a tag name as a user typed it (surrounding whitespace is dropped).
    pub fn parse(name: &str) -> Result<Self, DomainError> {
        let name = name.trim();
        if name.is_empty() {
            return Err(DomainError::Tag("A tag cannot be empty.".into()));
        }
        if name.chars().count() > Self::MAX_CHARS {
            return Err(DomainError::Tag(format!(
                "A tag can be at most {} characters long.",
                Self::MAX_CHARS
            )));
        }
        if let Some(bare) = name.strip_prefix('#') {
            return Err(DomainError::Tag(format!("Write the tag without the leading #: \"{bare}\".")));
        }
        // Quotes would make the tag impossible to write back as `#"…"` in quick-add text.
        if name.chars().any(|c| c == '"' || c.is_control()) {
            return Err(DomainError::Tag("A tag cannot contain quotes or control characters.".into()));
        }
        Ok(Self(name.to_owned()))
    }

    /// The name as the user wrote it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The case-insensitive identity of the tag (lowercase), for uniqueness and lookups.
    pub fn key(&self) -> String {
        self.0.to_lowercase()
    }

    /// The quick-add form: `#home`, or `#"long tag name"` when the name has spaces or would not read back as a
    /// bare hashtag.
    pub fn to_quick_add(&self) -> String {
        let bare = self.0.chars().all(|c| !c.is_whitespace()) && !self.0.chars().all(|c| c.is_ascii_digit());
        if bare {
            format!("#{}", self.0)
        } else {
            format!("#\"{}\"", self.0)
        }
    }
}

impl TryFrom<String> for Tag {
    type Error = DomainError;

    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Tag> for String {
    fn from(tag: Tag) -> Self {
        tag.0
    }
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Adds `tag` to `tags` unless a tag with the same key is already there; returns whether it was added.
pub fn push_unique(tags: &mut Vec<Tag>, tag: Tag) -> bool {
    let key = tag.key();
    if tags.iter().any(|t| t.key() == key) {
        return false;
    }
    tags.push(tag);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation() {
        assert_eq!(Tag::parse("  home ").unwrap().as_str(), "home");
        assert_eq!(Tag::parse("Long Tag Name").unwrap().key(), "long tag name");
        assert_eq!(Tag::parse(&"é".repeat(50)).unwrap().as_str().chars().count(), 50);
        for bad in ["", "   ", "#home", "a\"b", "a\nb", &"x".repeat(51)] {
            let err = Tag::parse(bad).unwrap_err();
            assert_eq!(err.field(), "tags", "{bad:?}");
        }
        assert!(serde_json::from_str::<Tag>("\"#x\"").is_err());
        assert_eq!(serde_json::to_string(&Tag::parse("a b").unwrap()).unwrap(), "\"a b\"");
    }

    #[test]
    fn unique_by_key() {
        let mut tags = vec![Tag::parse("Home").unwrap()];
        assert!(!push_unique(&mut tags, Tag::parse("home").unwrap()));
        assert!(push_unique(&mut tags, Tag::parse("work").unwrap()));
        assert_eq!(tags.len(), 2);
    }

    #[test]
    fn quick_add_form() {
        assert_eq!(Tag::parse("home").unwrap().to_quick_add(), "#home");
        assert_eq!(Tag::parse("long tag").unwrap().to_quick_add(), "#\"long tag\"");
        assert_eq!(Tag::parse("42").unwrap().to_quick_add(), "#\"42\"");
    }
}
