//! Task priority: none, low, medium, high, urgent.

use core::fmt;
use core::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::DomainError;

/// How urgent a task is; `None` is the default. Ordered: `Urgent` is the greatest.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Priority {
    /// No priority (Todoist's p4).
    #[default]
    None,
    /// Low.
    Low,
    /// Medium (Todoist's p3).
    Medium,
    /// High (Todoist's p2).
    High,
    /// Urgent (Todoist's p1).
    Urgent,
}

impl Priority {
    /// Every priority, least urgent first (for select boxes and JSON Schema enums).
    pub const ALL: [Priority; 5] = [Self::None, Self::Low, Self::Medium, Self::High, Self::Urgent];

    /// The stored value: 0 (none) to 4 (urgent), so `ORDER BY priority DESC` puts urgent first.
    pub fn as_i16(self) -> i16 {
        match self {
            Self::None => 0,
            Self::Low => 1,
            Self::Medium => 2,
            Self::High => 3,
            Self::Urgent => 4,
        }
    }

    /// The priority stored as `value` (see [`Priority::as_i16`]).
    pub fn from_i16(value: i16) -> Result<Self, DomainError> {
        Self::ALL.get(usize::try_from(value).unwrap_or(usize::MAX)).copied().ok_or_else(|| {
            DomainError::Priority(format!("Unknown priority {value}: use 0 (none) to 4 (urgent)."))
        })
    }

    /// The serde / URL / MCP name: `none`, `low`, `medium`, `high`, `urgent`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Low => "low",
            Self::Medium => "medium",
            Self::High => "high",
            Self::Urgent => "urgent",
        }
    }

    /// The label shown to users.
    pub fn label(self) -> &'static str {
        match self {
            Self::None => "No priority",
            Self::Low => "Low",
            Self::Medium => "Medium",
            Self::High => "High",
            Self::Urgent => "Urgent",
        }
    }

    /// Parses a quick-add priority token, case-insensitively: `!low`, `!medium` (`!med`), `!high`, `!urgent`, or
    /// Todoist's `p1` (urgent), `p2` (high), `p3` (medium), `p4` (none: Todoist's p4 is "no priority", so it maps
    /// to `None` and there is no p-code for `Low`).
    pub fn from_token(token: &str) -> Option<Self> {
        if let Some(name) = token.strip_prefix('!') {
            return match name.to_ascii_lowercase().as_str() {
                "low" => Some(Self::Low),
                "medium" | "med" => Some(Self::Medium),
                "high" => Some(Self::High),
                "urgent" => Some(Self::Urgent),
                _ => None,
            };
        }
        match token.to_ascii_lowercase().as_str() {
            "p1" => Some(Self::Urgent),
            "p2" => Some(Self::High),
            "p3" => Some(Self::Medium),
            "p4" => Some(Self::None),
            _ => None,
        }
    }

    /// The quick-add token that parses back to this priority (`None` has none: it is the default).
    pub fn token(self) -> Option<&'static str> {
        match self {
            Self::None => None,
            Self::Low => Some("!low"),
            Self::Medium => Some("!medium"),
            Self::High => Some("!high"),
            Self::Urgent => Some("!urgent"),
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Priority {
    type Err = DomainError;

    /// Parses a stored or submitted name (`none`, `low`, `medium`, `high`, `urgent`), or a quick-add token.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        Self::ALL
            .into_iter()
            .find(|p| p.as_str().eq_ignore_ascii_case(s))
            .or_else(|| Self::from_token(s))
            .ok_or_else(|| {
                DomainError::Priority(format!(
                    "Unknown priority \"{s}\": use none, low, medium, high or urgent."
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        for (token, want) in [
            ("!high", Some(Priority::High)),
            ("!HIGH", Some(Priority::High)),
            ("!low", Some(Priority::Low)),
            ("!med", Some(Priority::Medium)),
            ("!urgent", Some(Priority::Urgent)),
            ("p1", Some(Priority::Urgent)),
            ("P2", Some(Priority::High)),
            ("p3", Some(Priority::Medium)),
            ("p4", Some(Priority::None)),
            ("p5", None),
            ("!", None),
            ("high", None),
        ] {
            assert_eq!(Priority::from_token(token), want, "{token}");
        }
    }

    #[test]
    fn storage_and_names_round_trip() {
        for p in Priority::ALL {
            assert_eq!(Priority::from_i16(p.as_i16()), Ok(p));
            assert_eq!(p.as_str().parse::<Priority>(), Ok(p));
            if let Some(t) = p.token() {
                assert_eq!(Priority::from_token(t), Some(p));
            }
            let json = serde_json::to_string(&p).unwrap();
            assert_eq!(json, format!("\"{}\"", p.as_str()));
            assert_eq!(serde_json::from_str::<Priority>(&json).unwrap(), p);
        }
        assert!(Priority::Urgent > Priority::High && Priority::Low > Priority::None);
        assert_eq!(Priority::from_i16(5).unwrap_err().field(), "priority");
        assert!(Priority::from_i16(-1).is_err());
        assert!("critical".parse::<Priority>().is_err());
    }
}
