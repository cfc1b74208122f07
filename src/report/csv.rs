//! `rhythm report --format csv`: one row per note, for spreadsheets.
//!
//! Facilitators open the CSV in a spreadsheet, and participants' words are
//! in it: a text cell that a spreadsheet would read as a formula (one that
//! begins with `=`, `+`, `-`, `@`, a tab or a carriage return) is written
//! with a leading `'` (OWASP, "CSV injection"). Only text cells are
//! neutralised; the numbers this module writes itself (hours per week)
//! are written as numbers, so a number is never mangled.

use crate::model::{Attachment, Placement, Session};

/// The header row of [`csv()`], in column order.
pub const CSV_HEADER: [&str; 7] = [
    "kind",
    "text",
    "category",
    "hours_per_week",
    "attached_to",
    "quadrant",
    "author",
];

/// The first characters that make a spreadsheet read a cell as a formula.
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell as written to the CSV: prefixed with `'` when it begins with
/// `=`, `+`, `-`, `@`, a tab or a carriage return, so that a spreadsheet
/// shows it as text instead of running it (e.g. `=HYPERLINK(…)` becomes
/// `'=HYPERLINK(…)`); any other text as it is. For free text only: numeric
/// cells are written as numbers.
pub fn csv_cell(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

/// A numeric cell as written to the CSV: the number itself, never
/// prefixed (a negative number stays a number the spreadsheet can sum).
fn number_cell(v: f32) -> String {
    v.to_string()
}

/// One CSV row per note on the board, for spreadsheets: first the tools,
/// then the tasks, then the pain points, each in session order, after the
/// header row [`CSV_HEADER`]:
///
/// - `kind`: `tool`, `task` or `pain point`;
/// - `text`: the tool's or task's name, the pain point's text;
/// - `category`: `orchestra pain` / `jam pain` (pain points only);
/// - `hours_per_week`: hours lost per week, 0–168 (pain points only, empty
///   when not quantified), so the column sums to the session's total;
/// - `attached_to`: a pain point's tool name or flow (`from → to: label`),
///   empty when free-standing;
/// - `quadrant`: a task's placement (`Orchestra` … `Algorithm` or
///   `undecided`), empty in the tray;
/// - `author`: the participant's name, `?` when the participant is gone.
///
/// Text cells are neutralised against formula injection ([`csv_cell`]).
/// Lines end in `\n`; fields are quoted only when needed (RFC 4180).
///
/// # Errors
/// Only if the CSV writer fails, which writing to memory does not.
pub fn csv(session: &Session) -> Result<String, csv::Error> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    writer.write_record(CSV_HEADER)?;
    for tool in &session.tools {
        writer.write_record([
            "tool",
            &csv_cell(&tool.name),
            "",
            "",
            "",
            "",
            &csv_cell(&session.author_name(tool.author)),
        ])?;
    }
    for task in &session.tasks {
        writer.write_record([
            "task",
            &csv_cell(&task.name),
            "",
            "",
            "",
            task.placement().map_or("", Placement::label),
            &csv_cell(&session.author_name(task.author)),
        ])?;
    }
    for pain in &session.pain_points {
        let hours = pain.hours_per_week.map(number_cell).unwrap_or_default();
        let attached = match pain.attached {
            Attachment::Free => String::new(),
            Attachment::Tool(id) => session.tool_name(id),
            Attachment::Flow(id) => session.flow_name(id),
        };
        writer.write_record([
            "pain point",
            &csv_cell(&pain.text),
            pain.category.title(),
            &hours,
            &csv_cell(&attached),
            "",
            &csv_cell(&session.author_name(pain.author)),
        ])?;
    }
    let bytes = writer
        .into_inner()
        .map_err(|err| csv::Error::from(err.into_error()))?;
    // Every field written is a `&str`, so the bytes are UTF-8.
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{BoardPos, Id, PainCategory, PainPoint, Participant, Tool};

    #[test]
    fn formula_cells_are_neutralised_and_numbers_are_not() {
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\")"),
            "'=HYPERLINK(\"http://x\")"
        );
        for start in ["+1", "-1 sprint", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(csv_cell(start), format!("'{start}"));
        }
        assert_eq!(csv_cell("Slack"), "Slack");
        assert_eq!(csv_cell(""), "");
        // A text that only looks like a negative number is text: quoted.
        assert_eq!(csv_cell("-5"), "'-5");

        let pain = |id, text: &str, hours| PainPoint {
            id: Id(id),
            text: text.to_owned(),
            category: PainCategory::Jam,
            hours_per_week: hours,
            attached: Attachment::Tool(Id(1)),
            pos: BoardPos::default(),
            author: Some(Id(9)),
            reassess: false,
        };
        let session = Session {
            tools: vec![Tool {
                id: Id(1),
                name: "=HYPERLINK(\"http://evil\",\"Slack\")".to_owned(),
                author: Some(Id(9)),
                ..Tool::default()
            }],
            participants: vec![Participant {
                id: Id(9),
                name: "@Sam".to_owned(),
                colour: [0, 0, 0],
                scores: Default::default(),
            }],
            pain_points: vec![
                pain(2, "-2 h of re-typing", Some(0.5)),
                pain(3, "ok", Some(12.0)),
            ],
            ..Session::default()
        };
        let text = csv(&session).expect("csv");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let rows: Vec<Vec<String>> = reader
            .records()
            .map(|r| r.expect("row").iter().map(str::to_owned).collect())
            .collect();
        assert_eq!(rows[0][1], "'=HYPERLINK(\"http://evil\",\"Slack\")");
        assert_eq!(rows[0][6], "'@Sam");
        assert_eq!(rows[1][1], "'-2 h of re-typing");
        assert_eq!(rows[1][4], "'=HYPERLINK(\"http://evil\",\"Slack\")");
        // The hours are numbers, summed as such.
        assert_eq!(rows[1][3], "0.5");
        assert_eq!(rows[2][3], "12");
        let total: f32 = rows.iter().filter_map(|r| r[3].parse::<f32>().ok()).sum();
        assert_eq!(total, 12.5);
        // Numbers are never neutralised, negative ones included.
        assert_eq!(number_cell(-2.5), "-2.5");
    }
}
