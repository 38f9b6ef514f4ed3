//! What one assistant turn may do with its tools, whatever the brain (or a task title steering it) asks for:
//! at most [`MAX_TOOL_CALLS`] calls, and at most one destructive change ([`DESTRUCTIVE_TOOLS`]: a deletion or an
//! update, which overwrites) unless the user confirmed.
//!
//! A second destructive call is not made: it is recorded as awaiting confirmation, and the user is asked
//! (`confirmation`). The deletions a turn makes share one deletion batch, so one undo restores them all.

/// Most tool calls one turn makes (a model may ask for several per round).
pub const MAX_TOOL_CALLS: usize = 10;

/// Tools whose call destroys or overwrites something the user cannot simply change back by hand: deleting a task,
/// and updating one (its old title, description, tags, due date or repeat are gone). The MCP server's own list,
/// the one its `destructiveHint` annotations follow.
pub use todo_mcp::types::DESTRUCTIVE_TOOLS;

/// Told to the model in place of a destructive call that was not made.
pub const NEEDS_CONFIRMATION: &str =
    "Not done: only one destructive change (deleting or updating a task) can be made per message without \
asking. Do not retry. The app will ask the user to confirm the remaining changes; tell them which tasks are waiting.";
/// Told to the model in place of a call past the limit.
pub const LIMIT_REACHED: &str = "Not done: this message reached its limit of tool calls. Stop and answer.";

/// Whether a requested call may run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    Run,
    /// A destructive change beyond the first: ask the user first.
    NeedsConfirmation,
    /// Past [`MAX_TOOL_CALLS`].
    OverLimit,
}

/// The counts of one turn.
#[derive(Debug, Default)]
pub struct TurnRules {
    calls: usize,
    destructive: usize,
    /// The user confirmed the destructive changes of this turn (they were asked for them the turn before).
    confirmed: bool,
}

impl TurnRules {
    /// Rules for a turn in which the user has confirmed destructive changes: any number of them may run (up to
    /// the call limit).
    pub fn confirmed() -> Self {
        Self { confirmed: true, ..Self::default() }
    }

    /// Whether `tool` may be called now. A call held for confirmation counts like one made: the calls a turn
    /// records stay bounded either way.
    pub fn admit(&mut self, tool: &str) -> Verdict {
        if self.calls >= MAX_TOOL_CALLS {
            return Verdict::OverLimit;
        }
        self.calls += 1;
        if is_destructive(tool) && self.destructive >= 1 && !self.confirmed {
            return Verdict::NeedsConfirmation;
        }
        Verdict::Run
    }

    /// Records the outcome of a call [`admit`](Self::admit) let through: a destructive change that failed
    /// (e.g. no such task) changed nothing, so it does not use up the turn's one change.
    pub fn ran(&mut self, tool: &str, failed: bool) {
        if is_destructive(tool) && !failed {
            self.destructive += 1;
        }
    }

    /// Whether the turn has used up its tool calls.
    pub fn exhausted(&self) -> bool {
        self.calls >= MAX_TOOL_CALLS
    }
}

/// Whether `tool` makes a destructive change.
pub fn is_destructive(tool: &str) -> bool {
    DESTRUCTIVE_TOOLS.contains(&tool)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_destructive_change_runs_the_next_waits_for_confirmation() {
        let mut rules = TurnRules::default();
        assert_eq!(rules.admit("list_tasks"), Verdict::Run);
        assert_eq!(rules.admit("delete_task"), Verdict::Run);
        rules.ran("delete_task", false);
        assert_eq!(rules.admit("delete_task"), Verdict::NeedsConfirmation);
        assert_eq!(rules.admit("add_task"), Verdict::Run, "other tools are unaffected");
        // Held calls count towards the limit too.
        for _ in 4..MAX_TOOL_CALLS {
            assert_eq!(rules.admit("delete_task"), Verdict::NeedsConfirmation);
        }
        assert_eq!(rules.admit("delete_task"), Verdict::OverLimit);
    }

    #[test]
    fn deleting_and_overwriting_count_alike_adding_listing_and_completing_do_not() {
        assert!(is_destructive("delete_task") && is_destructive("update_task"));
        for harmless in ["add_task", "list_tasks", "list_tags", "complete_task", "drop_tables"] {
            assert!(!is_destructive(harmless), "{harmless}");
        }
        // A rename after a deletion (or two renames) in one message waits for the user, like a second deletion.
        let mut rules = TurnRules::default();
        assert_eq!(rules.admit("update_task"), Verdict::Run);
        rules.ran("update_task", false);
        assert_eq!(rules.admit("delete_task"), Verdict::NeedsConfirmation);
        assert_eq!(rules.admit("update_task"), Verdict::NeedsConfirmation);
        assert_eq!(rules.admit("complete_task"), Verdict::Run);
        assert_eq!(rules.admit("add_task"), Verdict::Run);
    }

    #[test]
    fn a_failed_deletion_does_not_use_up_the_turn() {
        let mut rules = TurnRules::default();
        assert_eq!(rules.admit("delete_task"), Verdict::Run);
        rules.ran("delete_task", true);
        assert_eq!(rules.admit("delete_task"), Verdict::Run);
    }

    #[test]
    fn confirmed_turns_delete_freely_and_every_turn_stops_at_the_limit() {
        let mut rules = TurnRules::confirmed();
        for _ in 0..MAX_TOOL_CALLS {
            assert_eq!(rules.admit("delete_task"), Verdict::Run);
            rules.ran("delete_task", false);
        }
        assert!(rules.exhausted());
        assert_eq!(rules.admit("list_tasks"), Verdict::OverLimit);
    }
}
