//! The report's title, header fields and participants.

use super::{count, or_dash};
use crate::format::num;
use crate::model::{PainPoint, Session, one_line};

pub(super) fn header_section(out: &mut Vec<String>, session: &Session) {
    let h = &session.header;
    let title = one_line(&h.title);
    out.push(format!(
        "# {}",
        if title.is_empty() {
            "Rhythm Diagnosis session".to_owned()
        } else {
            title
        }
    ));
    out.push(String::new());
    for (field, value) in [
        ("Team", &h.team),
        ("Quarter", &h.quarter),
        ("Date", &h.date),
        ("Facilitator", &h.facilitator),
    ] {
        out.push(format!("- **{field}:** {}", or_dash(one_line(value))));
    }
}

pub(super) fn participants_section(out: &mut Vec<String>, session: &Session) {
    out.push(String::new());
    out.push(format!("## Participants ({})", session.participants.len()));
    out.push(String::new());
    if session.participants.is_empty() {
        out.push("_No participants listed._".to_owned());
    }
    for person in &session.participants {
        let [r, g, b] = person.colour;
        let raised: Vec<&PainPoint> = session
            .pain_points
            .iter()
            .filter(|p| p.author == Some(person.id))
            .collect();
        let hours: f32 = raised.iter().filter_map(|p| p.hours_per_week).sum();
        let pains = match raised.len() {
            0 => "no pain points".to_owned(),
            n => format!("{} ({} h/week)", count(n, "pain point"), num(hours)),
        };
        out.push(format!(
            "- {} (colour #{r:02X}{g:02X}{b:02X}): {pains}",
            person.display_name()
        ));
    }
}
