//! `rhythm report` and `rhythm compare --report`: the Markdown summaries
//! and the CSV export. One file per section of the session report
//! (METHOD.md's four steps and the three lenses): header and participants,
//! the tool map (Step 1) with the hours lost on each tool and flow, the
//! pain points (Step 2), the task typology with each task's automation
//! label and single-question lean (Step 3), the work-model spectrum with
//! the participants' spread, the hybrid score (Step 4) and the dot vote;
//! then the CSV ([`csv`]) and the comparison of quarters
//! ([`compare_markdown`]).
//!
//! Every figure comes from the model ([`Stats::of`], the same numbers the
//! live scoring panel shows; [`crate::model::compare`]); numbers are
//! written by [`crate::format`], names by the model's naming functions
//! ([`Session::flow_name`] …). Free text is put on one line and cleaned of
//! control characters, so a name can neither break the Markdown nor reach
//! a terminal as an escape sequence.

mod compare;
mod csv;
mod header;
mod hybrid;
mod map;
mod pain;
mod tasks;
#[cfg(test)]
mod tests;
mod vote;
mod work_model;

pub use self::compare::markdown as compare_markdown;
pub use self::csv::{CSV_HEADER, csv, csv_cell};

use crate::format::{NONE, num};
use crate::model::{Session, Stats, one_line};

/// The session as Markdown, one section per step:
///
/// - `# title` and the header fields (team, quarter, date, facilitator);
/// - `## Participants (N)`: name, colour, and the pain points each raised
///   with their hours/week;
/// - `## Tools (N)` with the hours/week of the pain points on each;
/// - `## Flows (N, S shadow)`: `from → to: label`, shadow flows marked
///   `**shadow**` with their share (percent 0–100) when known, and the
///   hours/week on each; a flow whose tool is missing shows it as `?`;
/// - `## Pain points (N, H h/week)`: hours/week per category, the share of
///   hours on shadow flows, the top [`crate::model::TOP_N`] tools and flows
///   by hours, then every pain point grouped by category with its hours,
///   what it is attached to and its author;
/// - `## Tasks (N)`: the automation-check and single-question counts, one
///   `###` section per quadrant in [`Quadrant::ALL`](crate::model::Quadrant::ALL) order, the undecided
///   tasks, the ones still in the tray, and the tasks whose automation label
///   disagrees with their quadrant. Each task shows its label (**O**,
///   **A**, **hybrid**) and lean when answered;
/// - `## Work model (orchestra-vs-factory)`: both score sets (1–10; the
///   participants' mean when any participant scored, else the team
///   consensus) with the gap per question (gaps of at least
///   [`crate::model::GAP_HIGHLIGHT`] points marked ⚠), the means, each
///   participant's scores and the spread per question (mean, min–max,
///   standard deviation, who is [`OUTLIER_DISTANCE`](crate::model::OUTLIER_DISTANCE) or more points from the
///   mean), and the verdict of each set in every lens's own words;
/// - `## Hybrid score`: zones with their rhythm and principles, airlocks
///   with entry and exit criteria and handover, changes with owner, target,
///   metric baseline → target and status, and the "one change at a time"
///   warning when more than one is in progress;
/// - `## Dot vote` (Dot voting, issue 6), only while the session holds a
///   vote: what it is on, the question, dots per participant, dots placed,
///   whether the totals were revealed, then the notes with dots, most first
///   (`- 5 ● Production deploy`; ties by name) and how many got none. The
///   report is for the minutes, so it shows the totals even before they
///   are revealed in the room, marked "not yet revealed in the room".
///
/// Never fails: empty fields and unscored questions show as `—`.
pub fn markdown(session: &Session) -> String {
    let stats = Stats::of(session);
    let mut out = Vec::new();
    header::header_section(&mut out, session);
    header::participants_section(&mut out, session);
    map::tools_section(&mut out, session, &stats);
    map::flows_section(&mut out, session, &stats);
    pain::pain_section(&mut out, session, &stats);
    tasks::tasks_section(&mut out, session, &stats);
    work_model::work_model_section(&mut out, session, &stats);
    hybrid::hybrid_section(&mut out, session, &stats);
    vote::vote_section(&mut out, session);
    let mut text = out.join("\n");
    text.push('\n');
    text
}

/// Text for a Markdown table cell: on one line ([`one_line`]), `|`
/// escaped.
pub(crate) fn cell(text: &str) -> String {
    one_line(text).replace('|', "\\|")
}

/// A score 1–10, or [`NONE`] when unscored.
pub(crate) fn score(value: Option<u8>) -> String {
    value.map_or_else(|| NONE.to_owned(), |v| v.to_string())
}

/// A mean on the 1–10 scale with at most two decimals and no trailing
/// zeros: `7.5`, `7.25`, `8`.
pub(crate) fn mean(value: Option<f32>) -> String {
    value.map_or_else(|| NONE.to_owned(), num)
}

/// "1 pain point", "3 pain points".
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// "orchestra pain" → "Orchestra pain".
pub(crate) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// `text`, or [`NONE`] when it is empty.
pub(crate) fn or_dash(text: String) -> String {
    if text.is_empty() {
        NONE.to_owned()
    } else {
        text
    }
}
