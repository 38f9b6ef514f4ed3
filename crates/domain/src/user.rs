//! Account types shared by the browser and the server.

use serde::{Deserialize, Serialize};

use crate::error::AppError;

/// Shortest password accepted.
pub const PASSWORD_MIN: usize = 8;
/// Longest password accepted (bounds the hashing work an attacker can ask for).
pub const PASSWORD_MAX: usize = 128;

/// Said when signing up with an email that already has an account.
pub const EMAIL_TAKEN: &str = "An account with this email already exists. Log in instead?";

/// The signed-in user, as pages see them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CurrentUser {
    pub id: i64,
    pub email: String,
}

/// A syntactically valid email address, trimmed and lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    /// Accepts `local@domain.tld` shapes of at most 254 characters.
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let email = raw.trim().to_lowercase();
        let invalid = || AppError::invalid("email", "Enter a valid email address, like name@example.com.");
        if email.is_empty() {
            return Err(AppError::invalid("email", "Email is required."));
        }
        // Control characters (NUL above all, which PostgreSQL text cannot hold) are never part of an address.
        if email.chars().count() > 254 || email.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(invalid());
        }
        let (local, domain) = email.split_once('@').ok_or_else(invalid)?;
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains('@');
        if local.is_empty() || !domain_ok {
            return Err(invalid());
        }
        Ok(Self(email))
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A password that meets the length rules. Never logged, never serialised.
#[derive(Clone, PartialEq, Eq)]
pub struct Password(String);

impl std::fmt::Debug for Password {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Password(***)")
    }
}

impl Password {
    /// Checks the length rules (8–128 characters).
    pub fn parse(raw: &str) -> Result<Self, AppError> {
        let len = raw.chars().count();
        if len < PASSWORD_MIN {
            return Err(AppError::invalid(
                "password",
                format!("Password must be at least {PASSWORD_MIN} characters."),
            ));
        }
        if len > PASSWORD_MAX {
            return Err(AppError::invalid(
                "password",
                format!("Password must be at most {PASSWORD_MAX} characters."),
            ));
        }
        Ok(Self(raw.to_owned()))
    }

    /// The password itself, for hashing.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_normalised() {
        assert_eq!(Email::parse("  Ada@Example.COM ").unwrap().as_str(), "ada@example.com");
    }

    #[test]
    fn bad_emails_are_rejected_with_a_field_message() {
        for bad in ["", "ada", "ada@", "@example.com", "ada@example", "a da@example.com", "ada@.com"] {
            let err = Email::parse(bad).unwrap_err();
            assert!(err.for_field("email").is_some(), "{bad:?} should be rejected");
        }
    }

    #[test]
    fn password_length_rules() {
        assert!(Password::parse("1234567").is_err());
        assert!(Password::parse("12345678").is_ok());
        assert!(Password::parse(&"x".repeat(PASSWORD_MAX + 1)).is_err());
        assert_eq!(format!("{:?}", Password::parse("secret-pass").unwrap()), "Password(***)");
    }
}
