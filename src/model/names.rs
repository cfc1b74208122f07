//! How tools, tasks, flows and participants are named in lists, reports
//! and comparisons: one function each, on one line ([`one_line`]), with a
//! fallback for an empty name and `?` for something no longer in the
//! session.

use super::{Flow, Id, Participant, Session, Task, Tool, one_line_or};

/// Shown for a tool, task, flow or participant that is not (or no longer)
/// in the session.
pub const MISSING_NAME: &str = "?";

impl Tool {
    /// Its name on one line, or "(unnamed tool)".
    pub fn display_name(&self) -> String {
        one_line_or(&self.name, "(unnamed tool)")
    }
}

impl Task {
    /// Its name on one line, or "(unnamed task)".
    pub fn display_name(&self) -> String {
        one_line_or(&self.name, "(unnamed task)")
    }
}

impl Participant {
    /// Their name on one line, or "(unnamed participant)".
    pub fn display_name(&self) -> String {
        one_line_or(&self.name, "(unnamed participant)")
    }
}

impl Session {
    /// The tool's [`Tool::display_name`]; [`MISSING_NAME`] for an id that
    /// is no tool.
    pub fn tool_name(&self, id: Id) -> String {
        self.tool(id)
            .map_or_else(|| MISSING_NAME.to_owned(), Tool::display_name)
    }

    /// The task's [`Task::display_name`]; [`MISSING_NAME`] for an id that
    /// is no task.
    pub fn task_name(&self, id: Id) -> String {
        self.task(id)
            .map_or_else(|| MISSING_NAME.to_owned(), Task::display_name)
    }

    /// A flow's ends, `from → to`, with the tools' names
    /// ([`Session::tool_name`]), e.g. "GitHub → Slack DMs".
    pub fn flow_ends(&self, flow: &Flow) -> String {
        format!(
            "{} → {}",
            self.tool_name(flow.from),
            self.tool_name(flow.to)
        )
    }

    /// A flow as `from → to: label` ([`Session::flow_ends`]), "(no label)"
    /// for an empty label, e.g. "GitHub → Slack DMs: critical task
    /// updates".
    pub fn flow_text(&self, flow: &Flow) -> String {
        format!(
            "{}: {}",
            self.flow_ends(flow),
            one_line_or(&flow.label, "(no label)")
        )
    }

    /// The flow with this id as [`Session::flow_text`]; [`MISSING_NAME`]
    /// for an id that is no flow.
    pub fn flow_name(&self, id: Id) -> String {
        self.flow(id)
            .map_or_else(|| MISSING_NAME.to_owned(), |f| self.flow_text(f))
    }

    /// What a change targets, named: "tool Slack", "flow Slack → Docs",
    /// "task Plan the calendar", "zone Orchestra"; `None` for nothing in
    /// particular (Step 4, METHOD.md).
    pub fn target_name(&self, target: super::Target) -> Option<String> {
        use super::Target;
        match target {
            Target::Nothing => None,
            Target::Tool(id) => Some(format!("tool {}", self.tool_name(id))),
            Target::Flow(id) => Some(format!("flow {}", self.flow_name(id))),
            Target::Task(id) => Some(format!("task {}", self.task_name(id))),
            Target::Zone(q) => Some(format!("zone {}", q.title())),
        }
    }

    /// Who wrote a note: the participant's [`Participant::display_name`],
    /// [`MISSING_NAME`] for a participant no longer in the session, empty
    /// for no author.
    pub fn author_name(&self, author: Option<Id>) -> String {
        match author {
            None => String::new(),
            Some(id) => self
                .participant(id)
                .map_or_else(|| MISSING_NAME.to_owned(), Participant::display_name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BoardPos, FlowKind};

    #[test]
    fn names_fall_back_and_missing_ends_show_a_question_mark() {
        let tool = |id, name: &str| Tool {
            id: Id(id),
            name: name.to_owned(),
            pos: BoardPos::default(),
            author: None,
        };
        let flow = |id, to, label: &str| Flow {
            id: Id(id),
            from: Id(1),
            to: Id(to),
            label: label.to_owned(),
            kind: FlowKind::Shadow,
            share: None,
        };
        let s = Session {
            tools: vec![tool(1, "Git\nHub"), tool(2, " ")],
            flows: vec![flow(3, 2, "updates"), flow(4, 9, "")],
            ..Session::default()
        };
        assert_eq!(s.flow_name(Id(3)), "Git Hub → (unnamed tool): updates");
        assert_eq!(s.flow_name(Id(4)), "Git Hub → ?: (no label)");
        assert_eq!(s.flow_name(Id(5)), "?");
        assert_eq!(s.author_name(None), "");
        assert_eq!(s.author_name(Some(Id(1))), "?");
    }
}
