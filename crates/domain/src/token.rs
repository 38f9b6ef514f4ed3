//! Token types shared by the browser and the server.

use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// Longest token name accepted, in characters.
pub const NAME_MAX: usize = 100;

/// A personal access token as its owner sees it in the list (never the secret itself).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiToken {
    pub id: i64,
    pub name: String,
    /// The token's first characters, to tell tokens apart (e.g. `todo_pat_AbC1`).
    pub prefix: String,
    /// When it was created, as `YYYY-MM-DD HH:MM UTC`.
    pub created: String,
    /// When it last authenticated a request, in the same format.
    pub last_used: Option<String>,
    /// What it may do.
    #[serde(default)]
    pub scope: TokenScope,
    /// When it expires (or expired), in the same format; never when absent.
    #[serde(default)]
    pub expires: Option<String>,
    /// Whether that expiry has passed (the token no longer works).
    #[serde(default)]
    pub expired: bool,
}

/// A token just created: the only time its secret is ever shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedToken {
    pub token: ApiToken,
    /// The full bearer token, `todo_pat_…`.
    pub secret: String,
}

/// Everything the settings page shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenList {
    /// Live (not revoked) tokens, newest first.
    pub tokens: Vec<ApiToken>,
    /// A token created by a form post without JavaScript, handed over once after the redirect.
    pub just_created: Option<CreatedToken>,
}

/// What a personal access token may do. Every surface that takes a token (REST API, MCP tools) asks
/// [`TokenScope::allows`]: the one rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TokenScope {
    /// Read the owner's data only.
    Read,
    /// Read and change it (tokens made before scopes existed are this).
    #[default]
    Write,
}

impl TokenScope {
    /// Its name in the database and in APIs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Read => "read",
            Self::Write => "write",
        }
    }

    /// What it allows, for people.
    pub fn label(self) -> &'static str {
        match self {
            Self::Read => "Read only",
            Self::Write => "Read and write",
        }
    }

    /// Parses `read` or `write` (case-insensitive, trimmed).
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        match raw.trim().to_ascii_lowercase().as_str() {
            "read" => Ok(Self::Read),
            "write" => Ok(Self::Write),
            other => {
                Err(AppError::invalid("scope", format!("Unknown scope \"{other}\": use read or write.")))
            }
        }
    }

    /// Whether a token of this scope may do something that needs `needed`.
    pub fn allows(self, needed: TokenScope) -> bool {
        self == Self::Write || needed == Self::Read
    }
}

/// The message given when a read-only token tries to change something.
pub const READ_ONLY_MESSAGE: &str =
    "This token is read-only: create a read-write token on Settings to make changes.";

/// A token name that passed validation: trimmed, 1–100 characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenName(String);

impl TokenName {
    /// Trims `raw` and checks its length.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let name = raw.trim();
        if name.is_empty() {
            return Err(AppError::invalid(
                "name",
                "Give the token a name, e.g. \u{201c}Claude Desktop\u{201d}.",
            ));
        }
        if name.chars().any(char::is_control) {
            return Err(AppError::invalid("name", "Name cannot contain control characters."));
        }
        let len = name.chars().count();
        if len > NAME_MAX {
            return Err(AppError::invalid(
                "name",
                format!("Name must be at most {NAME_MAX} characters (it has {len})."),
            ));
        }
        Ok(Self(name.to_owned()))
    }

    /// The validated name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scopes() {
        assert!(TokenScope::Write.allows(TokenScope::Write));
        assert!(TokenScope::Read.allows(TokenScope::Read));
        assert!(!TokenScope::Read.allows(TokenScope::Write));
        assert_eq!(TokenScope::parse(" READ ").unwrap(), TokenScope::Read);
        assert!(TokenScope::parse("admin").unwrap_err().for_field("scope").is_some());
        assert_eq!(TokenScope::default(), TokenScope::Write);
    }

    #[test]
    fn name_is_trimmed_required_and_bounded() {
        assert_eq!(TokenName::parse("  laptop ").unwrap().as_str(), "laptop");
        assert!(TokenName::parse("   ").unwrap_err().for_field("name").is_some());
        assert!(TokenName::parse(&"n".repeat(NAME_MAX)).is_ok());
        assert!(TokenName::parse(&"n".repeat(NAME_MAX + 1))
            .unwrap_err()
            .for_field("name")
            .unwrap()
            .contains("at most"));
    }
}
