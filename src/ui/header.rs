//! The session header: title, team, quarter, date, facilitator.

use egui::Ui;

use crate::model::{Edit, Session};

/// Show the header fields in one row; a change emits `Edit::SetHeader`.
pub fn ui(ui: &mut Ui, session: &Session, out: &mut Vec<Edit>) {
    let mut header = session.header.clone();
    ui.horizontal_wrapped(|ui| {
        let fields: [(&str, &mut String, f32, &str); 5] = [
            ("Title", &mut header.title, 300.0, "What is this session?"),
            ("Team", &mut header.team, 200.0, "Which team?"),
            ("Quarter", &mut header.quarter, 90.0, "2026-Q1"),
            ("Date", &mut header.date, 120.0, "YYYY-MM-DD"),
            (
                "Facilitator",
                &mut header.facilitator,
                160.0,
                "Who runs it?",
            ),
        ];
        for (label, value, width, hint) in fields {
            let label = ui.label(label);
            ui.add(
                egui::TextEdit::singleline(value)
                    .desired_width(width)
                    .hint_text(hint),
            )
            .labelled_by(label.id);
        }
    });
    if header != session.header {
        out.push(Edit::SetHeader(header));
    }
}
