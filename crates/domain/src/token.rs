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
