//! The keyboard cheat sheet (F1 or `?`): every action's keyboard path, in
//! one table that the sheet shows (issue 6, "Keyboard, touch, navigation").

use egui::{RichText, Ui};

/// One group of the cheat sheet: a title and its `(keys, action)` rows.
pub type Group = (&'static str, &'static [(&'static str, &'static str)]);

/// Every keyboard path of the app, grouped as the sheet shows them.
pub const GROUPS: &[Group] = &[
    (
        "Session",
        &[
            ("Ctrl+N", "New session"),
            ("Ctrl+O", "Open a session"),
            ("Ctrl+S", "Save"),
            ("Ctrl+Shift+S", "Save as"),
            ("Ctrl+Z", "Undo"),
            ("Ctrl+Shift+Z / Ctrl+Y", "Redo"),
            ("Ctrl+E", "Export the board and the grid as PNG"),
            ("Ctrl+Shift+E", "Export the minutes (PDF + HTML)"),
            ("Ctrl+Q", "Quit"),
        ],
    ),
    (
        "Workshop",
        &[
            ("1 2 3 4", "Go to step 1–4"),
            ("F5", "Projector mode on / off (Esc leaves)"),
            ("Ctrl+= / Ctrl+-", "Larger / smaller UI"),
            ("Ctrl+0", "Default UI size"),
            ("T", "Start / pause the step's timer"),
            ("L", "Live score panel folded away / back"),
            ("F2", "Participants and scores"),
            ("F3", "Dot vote"),
            ("F4", "The room: join panel (phones)"),
            ("R", "Reveal the pain points phones wrote"),
            ("Shift+R", "Reveal the scores phones gave"),
            ("F1 or ?", "This cheat sheet"),
        ],
    ),
    (
        "Board",
        &[
            ("Tab / Shift+Tab", "Next / previous note"),
            ("Arrows", "Nudge the selected notes (Shift: further)"),
            ("Enter", "Edit the selected note's text or flow's label"),
            ("Esc", "Cancel: stop editing, drop the selection"),
            ("Del / Backspace", "Delete the selection"),
            ("F", "Fit the whole board"),
            ("Space", "Bring the room to the selected tool (spotlight)"),
            ("Esc (after a spotlight)", "Back to the whole map"),
            ("Ctrl+T", "Tidy the board: make room for every note"),
            ("M", "Minimap on / off"),
            ("Double-click", "New tool (on the empty board) or rename"),
            ("Wheel / pinch", "Zoom"),
            ("Drag the board / two fingers", "Pan"),
            ("Shift+drag", "Select with a rubber band"),
        ],
    ),
];

/// Draw the sheet: one titled grid per group.
pub fn ui(ui: &mut Ui) {
    for (title, rows) in GROUPS {
        ui.heading(*title);
        egui::Grid::new(("cheat sheet", *title))
            .num_columns(2)
            .spacing([24.0, 6.0])
            .striped(true)
            .show(ui, |ui| {
                for (keys, action) in *rows {
                    ui.label(RichText::new(*keys).monospace().strong());
                    ui.label(*action);
                    ui.end_row();
                }
            });
        ui.add_space(8.0);
    }
}
