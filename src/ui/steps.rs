//! The step bar: the four steps of the Rhythm Diagnosis (METHOD.md), each
//! with its prompt, so a facilitator can walk a room through the method.

use egui::{RichText, Ui};

use super::theme;

/// One of the four steps of the method.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Step {
    /// Step 1: list the tools and map the flows between them.
    #[default]
    Autopsy,
    /// Step 2: pain points on tools and flows, with hours lost per week.
    PainPoints,
    /// Step 3: place the tasks on the 2×2 grid; per-task lenses.
    Typology,
    /// Step 4: zones, airlocks and changes.
    HybridScore,
}

impl Step {
    /// All four, in order.
    pub const ALL: [Step; 4] = [
        Self::Autopsy,
        Self::PainPoints,
        Self::Typology,
        Self::HybridScore,
    ];

    /// "1 Autopsy", …
    pub fn title(self) -> &'static str {
        match self {
            Self::Autopsy => "1 Autopsy",
            Self::PainPoints => "2 Pain points",
            Self::Typology => "3 Typology",
            Self::HybridScore => "4 Hybrid score",
        }
    }

    /// The step's number and a one-word name, for the projector bar on a
    /// narrow screen: "1 Autopsy", "2 Pains", "3 Typology", "4 Hybrid".
    pub fn short_title(self) -> &'static str {
        match self {
            Self::Autopsy => "1 Autopsy",
            Self::PainPoints => "2 Pains",
            Self::Typology => "3 Typology",
            Self::HybridScore => "4 Hybrid",
        }
    }

    /// The step's number, "1" to "4".
    pub fn number(self) -> &'static str {
        match self {
            Self::Autopsy => "1",
            Self::PainPoints => "2",
            Self::Typology => "3",
            Self::HybridScore => "4",
        }
    }

    /// What the facilitator asks the room in this step (METHOD.md).
    pub fn prompt(self) -> &'static str {
        match self {
            Self::Autopsy => {
                "List every tool used in the last month on a core project: don't judge, just \
                 list. Then draw the flows between them: the designed path, and the shadow \
                 flows of what really happens."
            }
            Self::PainPoints => {
                "For each tool and each flow: what hurts? Orchestra pain (too slow, rigid, \
                 overhead) or jam pain (where is the latest file? the same decision again)? \
                 How many hours a week does it cost?"
            }
            Self::Typology => {
                "Place each task: predictable or unpredictable? Low or high stakes? A task \
                 on an axis is undecided: discuss it. Then ask the automation check and the \
                 single question."
            }
            Self::HybridScore => {
                "Choose each zone's rhythm and principles, put airlocks between jam and \
                 orchestrated zones, and pick changes with a metric: implement one change \
                 at a time."
            }
        }
    }
}

/// Keys 1–4 (outside text fields) switch `step`.
pub fn keys(ui: &Ui, step: &mut Step) {
    if ui.ctx().egui_wants_keyboard_input() {
        return;
    }
    let keys = [
        egui::Key::Num1,
        egui::Key::Num2,
        egui::Key::Num3,
        egui::Key::Num4,
    ];
    for (key, s) in keys.into_iter().zip(Step::ALL) {
        if ui.input(|i| i.key_pressed(key) && i.modifiers.is_none()) {
            *step = s;
        }
    }
}

/// The four step buttons; clicking one switches `step`. `compact` (the
/// projector bar) names only the current step, in one word; the others
/// show their number, and every button its full name on hover.
pub fn tabs_ui(ui: &mut Ui, step: &mut Step, compact: bool) {
    for s in Step::ALL {
        let title = match (compact, s == *step) {
            (false, _) => s.title(),
            (true, true) => s.short_title(),
            (true, false) => s.number(),
        };
        let text = RichText::new(title).size(TAB_FONT);
        let text = if s == *step { text.strong() } else { text };
        if ui
            .selectable_label(s == *step, text)
            .on_hover_text(format!("{} (key {})", s.title(), s.number()))
            .clicked()
        {
            *step = s;
        }
    }
}

/// The step buttons' font, points.
const TAB_FONT: f32 = 20.0;

/// The step bar: `lead` (e.g. the timer), the step buttons and the step's
/// prompt, wrapped over as many lines as the width needs (keys 1–4 are
/// read by [`keys`]).
pub fn ui(ui: &mut Ui, step: &mut Step, lead: impl FnOnce(&mut Ui)) {
    ui.horizontal_wrapped(|ui| {
        lead(ui);
        ui.separator();
        tabs_ui(ui, step, false);
        ui.separator();
        ui.label(RichText::new(step.prompt()).color(theme::INK));
    });
}
