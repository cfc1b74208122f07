//! Dot voting (issue 6): the facilitator's panel for a vote on the tasks or
//! the pain points.
//!
//! - No vote: pick what to vote on, the question (optional) and the dots
//!   per participant (1–20), then "Start vote".
//! - During a vote: pick who is voting (name and colour), see their dots
//!   left, and place or take back their dot on each candidate note (one dot
//!   per participant per note). Before the reveal the list shows only the
//!   active participant's own dots, never totals; "Reveal totals" shows the
//!   totals and offers "Sort by votes". "End vote" removes the vote (Ctrl+Z
//!   brings it back).
//!
//! Every control is a button, checkbox or field, so Tab reaches it and
//! Enter or Space presses it. The canvas calls [`click_note`] (or
//! [`VotingState::click`]) when a note is clicked during a vote, and
//! [`visible_dots`] to know which dots to paint on a note.

use egui::{Color32, DragValue, RichText, Sense, TextEdit, Ui, vec2};

use super::participants::{colour_of, display_name};
use super::theme;
use crate::model::{
    DEFAULT_DOTS, DOT_GLYPH, Edit, Id, MAX_DOTS, MIN_DOTS, Participant, Session, Vote, VoteError,
    VoteOn, toggle_dot,
};

/// Diameter of a participant's colour swatch in the picker, points.
const SWATCH: f32 = 18.0;
/// Width of the "12 ●" total column once revealed, points.
const TOTAL_WIDTH: f32 = 56.0;

/// State of the voting panel (not saved in the session): the settings of
/// the next vote, who is voting, and the list order.
#[derive(Debug)]
pub struct VotingState {
    /// What the next vote is on.
    on: VoteOn,
    /// Dots per participant of the next vote, 1–20.
    dots: u8,
    /// The next vote's question; empty for none.
    question: String,
    /// The participant whose dots clicks place and remove.
    active: Option<Id>,
    /// After the reveal: list the notes most votes first.
    sort_by_votes: bool,
    /// Why the last click was refused, shown until the next one.
    refusal: Option<String>,
}

impl Default for VotingState {
    fn default() -> Self {
        Self {
            on: VoteOn::Tasks,
            dots: DEFAULT_DOTS,
            question: String::new(),
            active: None,
            sort_by_votes: false,
            refusal: None,
        }
    }
}

/// The edit a click on `note` stands for during a vote: the active
/// participant's dot placed ([`Edit::PlaceDot`]) or, when they already have
/// one there, taken back ([`Edit::RemoveDot`]). Pure: the caller applies it
/// (through the undo history).
///
/// # Errors
/// [`VoteError::NotStarted`] when no vote is running,
/// [`VoteError::NoActiveParticipant`] when nobody is picked,
/// [`VoteError::NotAParticipant`], [`VoteError::NotACandidate`] (a note of
/// the other kind, or missing) and [`VoteError::OutOfDots`].
pub fn click_note(session: &Session, active: Option<Id>, note: Id) -> Result<Edit, VoteError> {
    if session.vote.is_none() {
        return Err(VoteError::NotStarted);
    }
    let participant = active.ok_or(VoteError::NoActiveParticipant)?;
    toggle_dot(session, participant, note)
}

/// The dots to paint on `note`, as the participants who placed them (use
/// [`colour_of`] for each dot's colour), in participant-id order. Before
/// the reveal only the active participant's own dot shows, so the room
/// sees no totals; after it, everyone's. Empty when no vote is running or
/// `note` is not a candidate.
pub fn visible_dots(session: &Session, active: Option<Id>, note: Id) -> Vec<&Participant> {
    let Some(vote) = &session.vote else {
        return Vec::new();
    };
    vote.voters_on(note)
        .filter(|id| vote.revealed() || Some(*id) == active)
        .filter_map(|id| session.participant(id))
        .collect()
}

/// The accessible name of a note's dot button in the panel, e.g.
/// "Dot on Production deploy". UI tests find the button by it.
pub fn dot_button_label(note_text: &str) -> String {
    format!("Dot on {}", note_name(note_text))
}

/// The accessible name of a note's total once revealed, e.g.
/// "Production deploy: 5 dots"; never shown before the reveal.
pub fn total_label(note_text: &str, dots: usize) -> String {
    let unit = if dots == 1 { "dot" } else { "dots" };
    format!("{}: {dots} {unit}", note_name(note_text))
}

/// "Dots left: 3 of 5": the active participant's dots.
pub fn dots_left_label(left: usize, of: u8) -> String {
    format!("Dots left: {left} of {of}")
}

fn note_name(text: &str) -> &str {
    if text.trim().is_empty() {
        "(untitled)"
    } else {
        text
    }
}

impl VotingState {
    /// The participant whose dots clicks place and remove, if one is
    /// picked (and still in the session when the panel last drew).
    pub fn active(&self) -> Option<Id> {
        self.active
    }

    /// Pick who is voting (`None`: nobody).
    pub fn set_active(&mut self, participant: Option<Id>) {
        self.active = participant;
        self.refusal = None;
    }

    /// A click on `note` during a vote, for the canvas: the edit to apply
    /// ([`click_note`]), or `None` when refused, with the reason shown in
    /// the panel until the next click.
    pub fn click(&mut self, session: &Session, note: Id) -> Option<Edit> {
        match click_note(session, self.active, note) {
            Ok(edit) => {
                self.refusal = None;
                Some(edit)
            }
            Err(err) => {
                self.refusal = Some(err.to_string());
                None
            }
        }
    }

    /// Draw the panel; starting, ending, revealing and every dot go to
    /// `out` as [`Edit::StartVote`], [`Edit::EndVote`],
    /// [`Edit::RevealVote`], [`Edit::PlaceDot`] and [`Edit::RemoveDot`].
    pub fn ui(&mut self, ui: &mut Ui, session: &Session, out: &mut Vec<Edit>) {
        if self
            .active
            .is_some_and(|id| session.participant(id).is_none())
        {
            self.active = None;
        }
        match &session.vote {
            None => self.setup_ui(ui, session, out),
            Some(vote) => self.vote_ui(ui, session, vote, out),
        }
    }

    /// No vote running: the next vote's settings and "Start vote".
    fn setup_ui(&mut self, ui: &mut Ui, session: &Session, out: &mut Vec<Edit>) {
        ui.heading("Dot vote");
        ui.horizontal(|ui| {
            ui.label("Vote on");
            for on in VoteOn::ALL {
                ui.radio_value(&mut self.on, on, capitalised(on.title()));
            }
        });
        ui.horizontal(|ui| {
            let label = ui.label("Question (optional)");
            ui.add(
                TextEdit::singleline(&mut self.question)
                    .hint_text("e.g. What should we fix first?")
                    .desired_width(ui.available_width().clamp(120.0, 360.0)),
            )
            .labelled_by(label.id);
        });
        ui.horizontal(|ui| {
            let label = ui.label("Dots per participant");
            ui.add(
                DragValue::new(&mut self.dots)
                    .range(MIN_DOTS..=MAX_DOTS)
                    // Arrow keys step by the speed: one dot per press.
                    .speed(1.0),
            )
            .labelled_by(label.id);
        });
        let candidates = session.vote_candidates(self.on).len();
        let blocker = if session.participants.is_empty() {
            Some("Add participants first: each gets their own dots.".to_owned())
        } else if candidates == 0 {
            Some(format!("There are no {} to vote on yet.", self.on.title()))
        } else {
            None
        };
        let start = ui.add_enabled(blocker.is_none(), egui::Button::new("Start vote"));
        if let Some(blocker) = &blocker {
            ui.label(RichText::new(blocker).italics());
        }
        if start.clicked() {
            match Vote::new(self.on, self.dots) {
                Ok(vote) => {
                    out.push(Edit::StartVote(vote.with_question(self.question.trim())));
                    self.sort_by_votes = false;
                    self.refusal = None;
                }
                Err(err) => self.refusal = Some(err.to_string()),
            }
        }
        self.refusal_ui(ui);
    }

    /// A vote running: who votes, their dots, the notes, reveal and end.
    fn vote_ui(&mut self, ui: &mut Ui, session: &Session, vote: &Vote, out: &mut Vec<Edit>) {
        ui.heading(format!("Dot vote on {}", vote.on().title()));
        if !vote.question().trim().is_empty() {
            ui.label(RichText::new(vote.question()).strong());
        }
        ui.label(format!(
            "{} per participant · {} of {} placed",
            dots_count(usize::from(vote.dots_per_participant())),
            vote.dots().len(),
            usize::from(vote.dots_per_participant()) * session.participants.len()
        ));
        ui.add_space(4.0);
        self.picker_ui(ui, session, vote);
        match self.active {
            Some(id) => {
                ui.label(
                    RichText::new(dots_left_label(
                        vote.dots_left(id),
                        vote.dots_per_participant(),
                    ))
                    .size(theme::FIGURE_FONT)
                    .strong(),
                );
            }
            None => {
                ui.label(RichText::new("Pick who is voting").italics());
            }
        }
        ui.separator();
        self.notes_ui(ui, session, vote, out);
        ui.separator();
        ui.horizontal_wrapped(|ui| {
            let (text, hover) = if vote.revealed() {
                ("Hide totals", "Hide the totals from the room again")
            } else {
                ("Reveal totals", "Show everyone's dots and the totals")
            };
            if ui.button(text).on_hover_text(hover).clicked() {
                out.push(Edit::RevealVote(!vote.revealed()));
            }
            if vote.revealed() {
                ui.checkbox(&mut self.sort_by_votes, "Sort by votes");
            }
            if ui
                .button("End vote")
                .on_hover_text("Removes the vote and its dots (Ctrl+Z brings them back)")
                .clicked()
            {
                out.push(Edit::EndVote);
            }
        });
        self.refusal_ui(ui);
    }

    /// One selectable name per participant, with their colour beside it.
    fn picker_ui(&mut self, ui: &mut Ui, session: &Session, vote: &Vote) {
        ui.label("Who is voting");
        if session.participants.is_empty() {
            ui.label(RichText::new("No participants: add some to vote.").italics());
            return;
        }
        ui.horizontal_wrapped(|ui| {
            for person in &session.participants {
                let name = display_name(&person.name);
                let chosen = self.active == Some(person.id);
                // Swatch and name wrap together.
                let clicked = ui
                    .horizontal(|ui| {
                        let (rect, _) =
                            ui.allocate_exact_size(vec2(SWATCH, SWATCH), Sense::hover());
                        ui.painter().circle(
                            rect.center(),
                            SWATCH / 2.0,
                            colour_of(person),
                            egui::Stroke::new(1.0, theme::INK),
                        );
                        ui.selectable_label(chosen, name)
                            .on_hover_text(dots_left_label(
                                vote.dots_left(person.id),
                                vote.dots_per_participant(),
                            ))
                            .clicked()
                    })
                    .inner;
                if clicked {
                    self.set_active(if chosen { None } else { Some(person.id) });
                }
                ui.add_space(6.0);
            }
        });
    }

    /// The candidate notes, each with the active participant's dot button;
    /// totals only once revealed.
    fn notes_ui(&mut self, ui: &mut Ui, session: &Session, vote: &Vote, out: &mut Vec<Edit>) {
        let on = vote.on();
        let totals = session.vote_totals();
        if totals.is_empty() {
            ui.label(RichText::new(format!("No {} to vote on.", on.title())).italics());
            return;
        }
        let ordered: Vec<(Id, usize)> = if vote.revealed() && self.sort_by_votes {
            totals
        } else {
            session
                .vote_candidates(on)
                .into_iter()
                .map(|id| (id, vote.dots_on(id)))
                .collect()
        };
        if !vote.revealed() {
            ui.label(
                RichText::new("Totals are hidden until the facilitator reveals them.")
                    .size(theme::CAPTION_FONT),
            );
        }
        let active = self.active.and_then(|id| session.participant(id));
        let left = active.map_or(0, |p| vote.dots_left(p.id));
        for (note, total) in ordered {
            let text = session.vote_note_text(on, note).unwrap_or_default();
            ui.horizontal(|ui| {
                if vote.revealed() {
                    let figure = RichText::new(format!("{total} {DOT_GLYPH}"))
                        .size(theme::FIGURE_FONT)
                        .strong();
                    ui.add_sized(
                        vec2(TOTAL_WIDTH, ui.spacing().interact_size.y),
                        egui::Label::new(figure),
                    )
                    .accessible_name(total_label(text, total));
                }
                let placed = active.is_some_and(|p| vote.has_dot(p.id, note));
                let enabled = active.is_some() && (placed || left > 0);
                let label = match active {
                    Some(p) if placed => RichText::new(format!("{DOT_GLYPH} {}", note_name(text)))
                        .color(readable(colour_of(p))),
                    _ => RichText::new(note_name(text)),
                };
                let hover = match active {
                    None => "Pick who is voting first".to_owned(),
                    Some(p) if placed => {
                        format!("Take back {}'s dot", display_name(&p.name))
                    }
                    Some(_) if left == 0 => "No dots left: take one back first".to_owned(),
                    Some(p) => format!("Place {}'s dot", display_name(&p.name)),
                };
                let response = ui
                    // Framed even when off, so every note reads as a button.
                    .add_enabled(enabled, egui::Button::new(label).selected(placed))
                    .accessible_name(dot_button_label(text))
                    .on_hover_text(hover)
                    .on_disabled_hover_text(match active {
                        None => "Pick who is voting first",
                        Some(_) => "No dots left: take one back first",
                    });
                if response.clicked()
                    && let Some(edit) = self.click(session, note)
                {
                    out.push(edit);
                }
            });
        }
    }

    fn refusal_ui(&self, ui: &mut Ui) {
        if let Some(refusal) = &self.refusal {
            ui.label(RichText::new(refusal).color(theme::WARNING_INK));
        }
    }
}

/// "1 dot", "3 dots".
fn dots_count(n: usize) -> String {
    if n == 1 {
        "1 dot".to_owned()
    } else {
        format!("{n} dots")
    }
}

/// "pain points" → "Pain points".
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or_else(String::new, |first| {
        first.to_uppercase().chain(chars).collect()
    })
}

/// A participant's colour as text colour on the light panel: their colours
/// are dark enough already ([`crate::model::PARTICIPANT_COLOURS`]); a
/// custom light one falls back to ink.
fn readable(colour: Color32) -> Color32 {
    let [r, g, b, _] = colour.to_array();
    let luma = 0.2126 * f32::from(r) + 0.7152 * f32::from(g) + 0.0722 * f32::from(b);
    if luma < 140.0 { colour } else { theme::INK }
}
