//! The dot vote (issue 6), while the session holds one.

use super::count;
use crate::model::{DOT_GLYPH, Session, one_line, one_line_or};

pub(super) fn vote_section(out: &mut Vec<String>, session: &Session) {
    let Some(vote) = &session.vote else {
        return;
    };
    out.push(String::new());
    out.push("## Dot vote".to_owned());
    out.push(String::new());
    out.push(format!("- **On:** {}", vote.on().title()));
    if !vote.question().trim().is_empty() {
        out.push(format!("- **Question:** {}", one_line(vote.question())));
    }
    out.push(format!(
        "- **Dots per participant:** {}",
        vote.dots_per_participant()
    ));
    let allowance = usize::from(vote.dots_per_participant()) * session.participants.len();
    out.push(format!(
        "- **Dots placed:** {} of {allowance} ({})",
        vote.dots().len(),
        count(session.participants.len(), "participant")
    ));
    out.push(format!(
        "- **Totals:** {}",
        if vote.revealed() {
            "revealed in the room"
        } else {
            "not yet revealed in the room"
        }
    ));
    out.push(String::new());
    let totals = session.vote_totals();
    let fallback = format!("(unnamed {})", vote.on().one());
    for (id, dots) in totals.iter().filter(|(_, n)| *n > 0) {
        let text = session.vote_note_text(vote.on(), *id).unwrap_or_default();
        out.push(format!(
            "- {dots} {DOT_GLYPH} {}",
            one_line_or(text, &fallback)
        ));
    }
    let without = totals.iter().filter(|(_, n)| *n == 0).count();
    match (without, totals.len()) {
        (_, 0) => out.push(format!("_No {} to vote on._", vote.on().title())),
        (0, _) => {}
        (n, all) if n == all => out.push("_No dots placed yet._".to_owned()),
        (n, _) => out.push(format!(
            "_No dots on {}._",
            count(n, &format!("other {}", vote.on().one()))
        )),
    }
}
