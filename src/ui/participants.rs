//! Participants and their work-model scores (orchestra-vs-factory lens,
//! METHOD.md "Work-model spectrum"): the list of people in the workshop
//! (add, rename, recolour, remove with undo) and a score table with one row
//! per participant and one column per question, for both score sets.
//!
//! The table is built for the keyboard: Tab moves to the next cell, typing a
//! number sets it (0 or "-" clears it), Shift+Tab goes back.

use egui::{Align, Color32, Key, Layout, RichText, Sense, TextEdit, Ui, vec2};
use egui_extras::{Column, TableBuilder};

use super::theme;
use crate::model::{
    Edit, Entity, Id, Participant, Question, SCORE_MAX, ScoreSet, Session, WorkModelScores,
};

/// State of the participants view (not saved in the session).
#[derive(Debug, Default)]
pub struct ParticipantsState {
    /// Text typed into the "New participant" field.
    new_name: String,
}

/// The accessible name of one score cell, e.g. "Priya, Output, as it is":
/// participant, question ([`Question::title`]) and score set
/// ([`set_label`]). Screen readers and UI tests find cells by it.
pub fn score_cell_label(name: &str, set: ScoreSet, question: Question) -> String {
    format!(
        "{}, {}, {}",
        display_name(name),
        question.title(),
        set_label(set)
    )
}

/// A score set in a few lower-case words, for labels inside a sentence:
/// "as it is" (the nature of the work) or "as we run it" (how the team
/// runs it now).
pub fn set_label(set: ScoreSet) -> &'static str {
    match set {
        ScoreSet::AsItIs => "as it is",
        ScoreSet::AsRun => "as we run it",
    }
}

/// A participant's name as shown; a placeholder while the name is empty.
pub fn display_name(name: &str) -> &str {
    if name.trim().is_empty() {
        "(unnamed)"
    } else {
        name
    }
}

/// A participant's colour as an egui colour (sRGB).
pub fn colour_of(participant: &Participant) -> Color32 {
    let [r, g, b] = participant.colour;
    Color32::from_rgb(r, g, b)
}

/// Room kept right of a text field for the button beside it, points.
const BUTTON_ROOM: f32 = 70.0;

/// Short column titles; the full question and its poles are on hover.
fn short_title(q: Question) -> &'static str {
    match q {
        Question::Output => "Output",
        Question::Process => "Process",
        Question::PrimaryMetric => "Metric",
        Question::Individual => "Role",
    }
}

/// What a score cell accepts as "not scored".
fn parse_score(text: &str) -> Option<f64> {
    let text = text.trim();
    if text.is_empty() || matches!(text, "—" | "-" | "–") {
        return Some(0.0);
    }
    text.replace(',', ".").parse::<f64>().ok().map(f64::round)
}

impl ParticipantsState {
    /// Show the participant list and the score table; every change goes to
    /// `out` (renames and colour changes as [`Edit::Update`], removals as
    /// [`Edit::Remove`], scores as [`Edit::SetParticipantScore`] with
    /// values 1–10 or `None`).
    pub fn ui(&mut self, ui: &mut Ui, session: &Session, out: &mut Vec<Edit>) {
        ui.heading("Participants");
        self.list_ui(ui, session, out);
        ui.add_space(8.0);
        ui.separator();
        ui.label(RichText::new("Work model: 1 Factory … 10 Orchestra").strong());
        if session.participants.is_empty() {
            ui.label(
                RichText::new(
                    "Add participants to score per person; until then the team-consensus \
                     sliders in the score panel are used.",
                )
                .italics(),
            );
            return;
        }
        ui.label(
            RichText::new(
                "Tab: next cell · type 1–10 · 0 or - clears · hover a title for its poles",
            )
            .small(),
        );
        for set in ScoreSet::ALL {
            ui.add_space(6.0);
            ui.label(RichText::new(set.title()).strong());
            score_table_ui(ui, session, set, out);
        }
    }

    fn list_ui(&mut self, ui: &mut Ui, session: &Session, out: &mut Vec<Edit>) {
        for person in &session.participants {
            ui.horizontal(|ui| {
                let name = display_name(&person.name).to_owned();
                let mut colour = person.colour;
                ui.color_edit_button_srgb(&mut colour)
                    .accessible_name(format!("Colour of {name}"))
                    .on_hover_text("Colour of this participant's notes");
                // The name field takes the width left beside the remove
                // button (capped), so the view never grows.
                let mut new_name = person.name.clone();
                ui.add(
                    TextEdit::singleline(&mut new_name)
                        .id(egui::Id::unique(("participant name", person.id)))
                        .hint_text("name")
                        .desired_width((ui.available_width() - BUTTON_ROOM).clamp(60.0, 320.0)),
                )
                .accessible_name(format!("Name of {name}"));
                if ui
                    .button("✖")
                    .accessible_name(format!("Remove {name}"))
                    .on_hover_text("Remove (Ctrl+Z brings them back, scores included)")
                    .clicked()
                {
                    out.push(Edit::Remove { id: person.id });
                }
                if new_name != person.name || colour != person.colour {
                    out.push(Edit::Update(Entity::Participant(Participant {
                        name: new_name,
                        colour,
                        ..person.clone()
                    })));
                }
            });
        }
        ui.horizontal(|ui| {
            let label = ui.label("New participant");
            let field = ui
                .add(
                    TextEdit::singleline(&mut self.new_name)
                        // A fixed id: focus stays here while rows are added above.
                        .id(egui::Id::unique("new participant name"))
                        .hint_text("name, then Enter")
                        .desired_width((ui.available_width() - BUTTON_ROOM).clamp(60.0, 320.0)),
                )
                .labelled_by(label.id);
            let add = ui.button("Add");
            let entered = field.lost_focus() && ui.input(|i| i.key_pressed(Key::Enter));
            if (add.clicked() || entered) && !self.new_name.trim().is_empty() {
                out.push(new_participant(session, self.new_name.trim()));
                self.new_name.clear();
                if entered {
                    field.request_focus();
                }
            }
        });
    }
}

/// The edit that adds a participant called `name` at the end of the list,
/// with the next colour (the model gives them their id).
fn new_participant(session: &Session, name: &str) -> Edit {
    Edit::Add(Entity::Participant(Participant {
        id: Id::default(),
        name: name.to_owned(),
        colour: session.next_participant_colour(),
        scores: WorkModelScores::default(),
    }))
}

fn score_table_ui(ui: &mut Ui, session: &Session, set: ScoreSet, out: &mut Vec<Edit>) {
    let name_width =
        (ui.available_width() - 4.0 * (theme::SCORE_CELL_WIDTH + 8.0)).clamp(80.0, 220.0);
    TableBuilder::new(ui)
        .id_salt(("participant scores", set))
        .striped(true)
        .vscroll(false)
        .cell_layout(Layout::left_to_right(Align::Center))
        .column(Column::exact(name_width).clip(true))
        .columns(Column::exact(theme::SCORE_CELL_WIDTH), Question::ALL.len())
        .header(theme::TABLE_ROW_HEIGHT, |mut header| {
            header.col(|ui| {
                ui.label(RichText::new("Name").strong());
            });
            for q in Question::ALL {
                header.col(|ui| {
                    let (factory, orchestra) = q.poles();
                    ui.label(RichText::new(short_title(q)).strong())
                        .on_hover_text(format!("{}\n1 = {factory}\n10 = {orchestra}", q.title()));
                });
            }
        })
        .body(|mut body| {
            for person in &session.participants {
                body.row(theme::TABLE_ROW_HEIGHT, |mut row| {
                    row.col(|ui| {
                        let (rect, _) = ui.allocate_exact_size(vec2(12.0, 12.0), Sense::hover());
                        ui.painter()
                            .circle_filled(rect.center(), 6.0, colour_of(person));
                        ui.label(display_name(&person.name));
                    });
                    for q in Question::ALL {
                        row.col(|ui| score_cell_ui(ui, person, set, q, out));
                    }
                });
            }
        });
}

fn score_cell_ui(
    ui: &mut Ui,
    person: &Participant,
    set: ScoreSet,
    question: Question,
    out: &mut Vec<Edit>,
) {
    let current = person.scores.set(set).get(question);
    let mut value: u8 = current.unwrap_or(0);
    let response = ui
        .add(
            egui::DragValue::new(&mut value)
                .range(0..=SCORE_MAX)
                .speed(0.05)
                .custom_formatter(|v, _| {
                    if v < 0.5 {
                        "—".to_owned()
                    } else {
                        format!("{v:.0}")
                    }
                })
                .custom_parser(parse_score)
                .min_size(vec2(theme::SCORE_CELL_WIDTH - 8.0, 30.0)),
        )
        .accessible_name(score_cell_label(&person.name, set, question));
    if response.changed() {
        let value = (value > 0).then_some(value);
        if value != current {
            out.push(Edit::SetParticipantScore {
                id: person.id,
                set,
                question,
                value,
            });
        }
    }
}

/// The participant with this id's display name, or "(removed)".
pub fn name_of(session: &Session, id: Id) -> &str {
    session
        .participant(id)
        .map_or("(removed)", |p| display_name(&p.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_scores_parse_and_blank_clears() {
        assert_eq!(parse_score("7"), Some(7.0));
        assert_eq!(parse_score(" 10 "), Some(10.0));
        assert_eq!(parse_score("—"), Some(0.0));
        assert_eq!(parse_score(""), Some(0.0));
        assert_eq!(parse_score("6,6"), Some(7.0));
        assert_eq!(parse_score("x"), None);
    }

    #[test]
    fn cell_labels_name_person_question_and_set() {
        assert_eq!(
            score_cell_label("Priya", ScoreSet::AsItIs, Question::Output),
            "Priya, Output, as it is"
        );
        assert_eq!(
            score_cell_label("", ScoreSet::AsRun, Question::PrimaryMetric),
            "(unnamed), Primary metric, as we run it"
        );
    }
}
