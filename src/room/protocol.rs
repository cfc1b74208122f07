//! The messages between a phone and the room, as JSON text over a
//! WebSocket, and the checks every phone message passes before it can
//! become an edit.
//!
//! Phone → room (one JSON object per WebSocket text message, at most
//! [`MAX_MESSAGE_BYTES`]):
//! - `{"type":"join","name":"Priya"}`: join as the session's participant of
//!   that name (case and surrounding space ignored) or as a new one.
//! - `{"type":"rejoin","key":"…"}`: come back with the key the room gave
//!   (kept in the page's storage): same participant, fresh snapshot.
//! - `{"type":"act","op":N,"act":{"kind":…}}`: one [`Action`]; `op` is the
//!   phone's own operation number (1 ..= 2^53), unique per participant, so a
//!   message sent again after a reconnect is applied once.
//! - `{"type":"resync"}`: send me a fresh snapshot.
//!
//! Room → phone: [`ServerMsg`]: `welcome` (key, participant id and a
//! snapshot of the phone's view at sequence number 0), `delta` (what
//! changed in that view, with the next sequence number), `ack` / `refused`
//! for an `op`, `error` for a message that was not understood, `closed`
//! just before the room closes the connection.

use serde::{Deserialize, Serialize};

use crate::model::{
    AUTOMATION_QUESTIONS, GridPos, Id, MAX_TEXT_CHARS, PainCategory, Question, ScoreSet,
    UnexpectedWay, check_hours, check_score, check_share, checked_text,
};

/// Largest phone message accepted, bytes of JSON text; a larger one closes
/// the connection with an error (WebSocket close code 1009).
pub const MAX_MESSAGE_BYTES: usize = 16 * 1024;
/// Longest participant name, characters.
pub const MAX_NAME_CHARS: usize = 60;
/// Longest tool name, task name or flow label from a phone, characters.
pub const MAX_LABEL_CHARS: usize = 200;
/// Longest pain point text from a phone, characters (well under the
/// file's [`MAX_TEXT_CHARS`]).
pub const MAX_PAIN_CHARS: usize = 2_000;
/// Largest operation number a phone may use (2^53, JavaScript's largest
/// exact integer).
pub const MAX_OP: u64 = 1 << 53;

const _: () = assert!(MAX_PAIN_CHARS <= MAX_TEXT_CHARS && MAX_LABEL_CHARS <= MAX_TEXT_CHARS);

/// A message from a phone, as parsed (not yet checked: see [`Action::checked`]).
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum ClientMsg {
    /// Join by display name.
    Join {
        /// The name typed, 1–[`MAX_NAME_CHARS`] characters after cleaning.
        name: String,
    },
    /// Come back with the key given at join.
    Rejoin {
        /// The participant key (32 hex digits).
        key: String,
    },
    /// Do something in the session.
    Act {
        /// The phone's operation number, 1 ..= [`MAX_OP`].
        op: u64,
        /// What to do.
        act: Action,
    },
    /// Ask for a fresh snapshot (after a gap in sequence numbers).
    Resync,
}

/// Where a pain point from a phone goes: on a tool, on a flow, or
/// free-standing (absent or `null`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum On {
    /// Beside the tool with this id.
    Tool(Id),
    /// Beside the flow with this id.
    Flow(Id),
}

/// One thing a participant does from the phone; each becomes one [`Edit`]
/// credited to them (see `room::to_edit`).
///
/// [`Edit`]: crate::model::Edit
#[derive(Clone, Debug, PartialEq, Deserialize, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Action {
    /// Step 1: propose a tool.
    AddTool {
        /// Its name, 1–[`MAX_LABEL_CHARS`] characters.
        name: String,
    },
    /// Step 1: propose a flow between two existing, different tools.
    AddFlow {
        /// The tool the handoff leaves.
        from: Id,
        /// The tool the handoff reaches.
        to: Id,
        /// What passes, 0–[`MAX_LABEL_CHARS`] characters.
        #[serde(default)]
        label: String,
        /// A shadow flow (outside the design) rather than a designed one.
        #[serde(default)]
        shadow: bool,
        /// For a shadow flow, the share of traffic it diverts, 0–100 %.
        #[serde(default)]
        share: Option<u8>,
    },
    /// Step 2: write a pain point (hidden from the projector until
    /// revealed).
    AddPain {
        /// What hurts, 1–[`MAX_PAIN_CHARS`] characters.
        text: String,
        /// Orchestra or jam pain.
        category: PainCategory,
        /// Hours lost per week, 0–168, or unknown.
        #[serde(default)]
        hours: Option<f64>,
        /// On a tool or a flow; free-standing when absent.
        #[serde(default)]
        on: Option<On>,
    },
    /// Step 3: propose a task (it waits in the typology grid's tray).
    AddTask {
        /// Its name, 1–[`MAX_LABEL_CHARS`] characters.
        name: String,
    },
    /// Step 3: drop a task on the 2×2 grid, or back in the tray.
    PlaceTask {
        /// The task.
        task: Id,
        /// `[predictability, stakes]`, each −1..1 (−1 = predictable /
        /// low-stakes), or `null` for the tray.
        at: Option<[f64; 2]>,
    },
    /// Step 3: answer one question of a task's automation check.
    Answer {
        /// The task.
        task: Id,
        /// Question 0–3 of [`crate::model::AUTOMATION_QUESTIONS`].
        question: u8,
        /// Yes, no, or not answered.
        answer: Option<bool>,
    },
    /// Step 3: answer the single diagnostic question for a task.
    Unexpected {
        /// The task.
        task: Id,
        /// Success, failure, or not answered.
        answer: Option<UnexpectedWay>,
    },
    /// Scoring: set one of my own work-model scores, privately.
    Score {
        /// The work as it is, or how we run it now.
        set: ScoreSet,
        /// Which of the four questions.
        question: Question,
        /// 1–10, or `null` to clear.
        value: Option<u8>,
    },
    /// Dot vote: put (`on: true`) or take back (`false`) one of my dots on
    /// a task or pain point.
    Dot {
        /// The task's or pain point's id.
        note: Id,
        /// Place or take back.
        on: bool,
    },
}

/// A phone message that is refused before it reaches the session; its
/// text is sent back to the phone as is. The limits are the model's own
/// rules (the same checks as the window's edits and the file loader), with
/// the room's shorter text lengths.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum Refusal {
    /// A text empty or too long.
    #[error(transparent)]
    Text(#[from] crate::model::TextError),
    /// A share, score or other value the model refuses.
    #[error(transparent)]
    Value(#[from] crate::model::EditError),
    /// Hours per week outside 0–168.
    #[error(transparent)]
    Hours(#[from] crate::model::HoursError),
    /// A grid position outside −1..1.
    #[error(transparent)]
    Grid(#[from] crate::model::GridError),
    /// A flow from a tool to itself.
    #[error("a flow needs two different tools")]
    SelfFlow,
    /// An automation-check question that does not exist.
    #[error("automation question {0} does not exist (0–3)")]
    Question(u8),
    /// Not JSON, or not a message this room knows.
    #[error("message not understood: {0}")]
    Malformed(String),
}

impl Action {
    /// Clean every text (control characters and bidi overrides removed,
    /// surrounding space trimmed) and check every limit. On error nothing
    /// is changed and the message says which field is wrong.
    ///
    /// # Errors
    /// A [`Refusal`] naming the field and its limit.
    pub fn checked(self) -> Result<Action, Refusal> {
        Ok(match self {
            Action::AddTool { name } => Action::AddTool {
                name: checked_text("tool name", &name, 1, MAX_LABEL_CHARS)?,
            },
            Action::AddFlow {
                from,
                to,
                label,
                shadow,
                share,
            } => {
                if from == to {
                    return Err(Refusal::SelfFlow);
                }
                check_share(share)?;
                Action::AddFlow {
                    from,
                    to,
                    label: checked_text("what passes", &label, 0, MAX_LABEL_CHARS)?,
                    shadow,
                    share: share.filter(|_| shadow),
                }
            }
            Action::AddPain {
                text,
                category,
                hours,
                on,
            } => {
                if let Some(h) = hours {
                    // Out of f32's range becomes infinite: refused too.
                    #[allow(clippy::cast_possible_truncation)]
                    check_hours(h as f32)?;
                }
                Action::AddPain {
                    text: checked_text("pain point", &text, 1, MAX_PAIN_CHARS)?,
                    category,
                    hours,
                    on,
                }
            }
            Action::AddTask { name } => Action::AddTask {
                name: checked_text("task name", &name, 1, MAX_LABEL_CHARS)?,
            },
            Action::PlaceTask { task, at } => {
                if let Some([x, y]) = at {
                    GridPos::checked(x, y)?;
                }
                Action::PlaceTask { task, at }
            }
            Action::Answer {
                task,
                question,
                answer,
            } => {
                if usize::from(question) >= AUTOMATION_QUESTIONS.len() {
                    return Err(Refusal::Question(question));
                }
                Action::Answer {
                    task,
                    question,
                    answer,
                }
            }
            Action::Score {
                set,
                question,
                value,
            } => {
                check_score(value)?;
                Action::Score {
                    set,
                    question,
                    value,
                }
            }
            other @ (Action::Unexpected { .. } | Action::Dot { .. }) => other,
        })
    }
}

/// A cleaned name for a participant, or why it is refused.
///
/// # Errors
/// [`Refusal::Text`] when it is empty or longer than [`MAX_NAME_CHARS`].
pub fn participant_name(name: &str) -> Result<String, Refusal> {
    Ok(checked_text("name", name, 1, MAX_NAME_CHARS)?)
}

/// Parse one phone message.
///
/// # Errors
/// [`Refusal::Malformed`] with serde's description (field and position).
pub fn parse(text: &str) -> Result<ClientMsg, Refusal> {
    let msg: ClientMsg =
        serde_json::from_str(text).map_err(|e| Refusal::Malformed(e.to_string()))?;
    if let ClientMsg::Act { op, .. } = &msg
        && !(1..=MAX_OP).contains(op)
    {
        return Err(Refusal::Malformed(format!(
            "operation number {op} is outside 1–{MAX_OP}"
        )));
    }
    Ok(msg)
}

/// A message from the room to a phone.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ServerMsg {
    /// Joined (or rejoined): who I am and everything I may see.
    Welcome {
        /// The key to rejoin with (keep it in the page's storage).
        key: String,
        /// My participant id.
        participant: Id,
        /// Sequence number of this snapshot: 0.
        seq: u64,
        /// My view of the session (see `room::view`).
        view: serde_json::Value,
    },
    /// What changed in my view since sequence number `seq - 1`.
    Delta {
        /// One more than the last snapshot or delta.
        seq: u64,
        /// Collections: items added or changed, by id.
        #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
        set: serde_json::Map<String, serde_json::Value>,
        /// Collections: ids removed.
        #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
        del: serde_json::Map<String, serde_json::Value>,
        /// Other parts replaced whole.
        #[serde(skip_serializing_if = "serde_json::Map::is_empty")]
        put: serde_json::Map<String, serde_json::Value>,
    },
    /// Operation `op` was applied (or had been already: `again`).
    Ack {
        /// The phone's operation number.
        op: u64,
        /// Sent before: applied once, acknowledged again.
        #[serde(skip_serializing_if = "std::ops::Not::not")]
        again: bool,
    },
    /// Operation `op` was refused; nothing changed.
    Refused {
        /// The phone's operation number.
        op: u64,
        /// Why, for a person.
        error: String,
    },
    /// A message that could not be taken (not understood, too fast, not
    /// joined yet); nothing changed.
    Error {
        /// Why, for a person.
        error: String,
    },
    /// The name asked for is already in the session's participant list: the
    /// phone waits until the facilitator accepts it on the wall (then
    /// `welcome`) or refuses it (then `error`). Until then it is sent
    /// nothing of that participant's.
    Waiting {
        /// The listed participant's name.
        name: String,
        /// What to tell the person holding the phone.
        reason: String,
    },
    /// The room is closing this connection; do not reconnect automatically
    /// when `final` is set.
    Closed {
        /// Why, for a person.
        reason: String,
        /// The key is no longer valid (removed from the room, room closed).
        #[serde(rename = "final")]
        is_final: bool,
    },
}

impl ServerMsg {
    /// The message as JSON text.
    pub fn to_json(&self) -> String {
        // Serialising these plain values cannot fail; fall back to an
        // error message rather than panic.
        serde_json::to_string(self)
            .unwrap_or_else(|_| r#"{"type":"error","error":"internal error"}"#.to_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::clean_text;

    #[test]
    fn every_message_kind_parses_from_the_pages_json() {
        let cases = [
            r#"{"type":"join","name":"Priya"}"#,
            r#"{"type":"rejoin","key":"00ff"}"#,
            r#"{"type":"resync"}"#,
            r#"{"type":"act","op":1,"act":{"kind":"add_tool","name":"Slack"}}"#,
            r#"{"type":"act","op":2,"act":{"kind":"add_flow","from":1,"to":2,"label":"x","shadow":true,"share":40}}"#,
            r#"{"type":"act","op":3,"act":{"kind":"add_pain","text":"t","category":"Jam","hours":2.5,"on":{"tool":1}}}"#,
            r#"{"type":"act","op":4,"act":{"kind":"add_task","name":"Deploy"}}"#,
            r#"{"type":"act","op":5,"act":{"kind":"place_task","task":3,"at":[0.5,-0.25]}}"#,
            r#"{"type":"act","op":6,"act":{"kind":"answer","task":3,"question":2,"answer":true}}"#,
            r#"{"type":"act","op":7,"act":{"kind":"unexpected","task":3,"answer":"Failure"}}"#,
            r#"{"type":"act","op":8,"act":{"kind":"score","set":"AsRun","question":"PrimaryMetric","value":7}}"#,
            r#"{"type":"act","op":9,"act":{"kind":"dot","note":3,"on":true}}"#,
        ];
        for json in cases {
            let msg = parse(json).unwrap_or_else(|e| panic!("{json}: {e}"));
            if let ClientMsg::Act { act, .. } = msg {
                act.checked().unwrap_or_else(|e| panic!("{json}: {e}"));
            }
        }
    }

    #[test]
    fn hostile_messages_are_refused_with_a_reason() {
        let malformed = [
            "not json",
            r#"{"type":"act","op":0,"act":{"kind":"add_tool","name":"x"}}"#,
            r#"{"type":"act","op":9007199254740993,"act":{"kind":"add_tool","name":"x"}}"#,
            r#"{"type":"act","op":1,"act":{"kind":"score","set":"AsRun","question":"Output","value":300}}"#,
            r#"{"type":"act","op":1,"act":{"kind":"add_tool","name":"x","id":5}}"#,
            r#"{"type":"act","op":1,"act":{"kind":"format_disk"}}"#,
            r#"{"type":"join","name":"x","admin":true}"#,
        ];
        for json in malformed {
            assert!(
                matches!(parse(json), Err(Refusal::Malformed(_))),
                "{json} should not parse"
            );
        }
        let invalid = [
            Action::Score {
                set: ScoreSet::AsItIs,
                question: Question::Output,
                value: Some(11),
            },
            Action::Score {
                set: ScoreSet::AsItIs,
                question: Question::Output,
                value: Some(0),
            },
            Action::AddPain {
                text: "x".into(),
                category: PainCategory::Jam,
                hours: Some(169.0),
                on: None,
            },
            Action::AddPain {
                text: "x".into(),
                category: PainCategory::Jam,
                hours: Some(-0.5),
                on: None,
            },
            Action::AddPain {
                text: "x".into(),
                category: PainCategory::Jam,
                hours: Some(1e300),
                on: None,
            },
            Action::AddPain {
                text: "x".into(),
                category: PainCategory::Jam,
                hours: Some(f64::NAN),
                on: None,
            },
            Action::AddPain {
                text: "\u{1b}\u{202e}\u{0}  ".into(),
                category: PainCategory::Jam,
                hours: None,
                on: None,
            },
            Action::AddTool {
                name: "x".repeat(MAX_LABEL_CHARS + 1),
            },
            Action::PlaceTask {
                task: Id(1),
                at: Some([1.5, 0.0]),
            },
            Action::Answer {
                task: Id(1),
                question: 4,
                answer: Some(true),
            },
            Action::AddFlow {
                from: Id(1),
                to: Id(1),
                label: String::new(),
                shadow: false,
                share: None,
            },
        ];
        for action in invalid {
            let shown = format!("{action:?}");
            let err = action.checked().expect_err(&shown);
            assert!(
                !matches!(err, Refusal::Malformed(_)) && !err.to_string().is_empty(),
                "{shown}: {err}"
            );
        }
    }

    #[test]
    fn control_characters_and_bidi_overrides_are_removed() {
        assert_eq!(
            clean_text("a\u{1b}[2Jb\u{0}c\u{202e}d\u{2066}e\u{9b}f\tg\nh"),
            "a[2Jbcdef\tg\nh"
        );
        let Ok(Action::AddTool { name }) = (Action::AddTool {
            name: "  Sl\u{202e}ack\u{7}  ".into(),
        })
        .checked() else {
            panic!("a name with letters left is accepted");
        };
        assert_eq!(name, "Slack");
    }

    #[test]
    fn a_designed_flow_carries_no_share() {
        let Ok(Action::AddFlow { share, .. }) = (Action::AddFlow {
            from: Id(1),
            to: Id(2),
            label: "x".into(),
            shadow: false,
            share: Some(40),
        })
        .checked() else {
            panic!("valid flow");
        };
        assert_eq!(share, None);
    }
}
