//! Repair instead of reject (Excalidraw's restore step): a session read
//! from a file is made sound element by element, and every repair is
//! listed for the person who opened it (after loading in the app, and by
//! `rhythm check`).
//!
//! What is repaired, in this order: control characters and bidi overrides
//! are removed from every text ([`crate::model::clean_text`], text from a
//! file is untrusted) and over-long texts are cut; duplicate
//! ids get new ids; positions that are not finite or beyond
//! [`MAX_BOARD_COORD`](crate::model::MAX_BOARD_COORD) move to a visible spot below the board's content;
//! typology coordinates are clamped to −1..1; flows whose endpoints are
//! missing (or that go from a tool to itself) are dropped, shares over
//! 100 % forgotten; pain points on missing tools or flows become
//! free-standing; hours outside 0–168 and scores outside 1–10 are
//! dropped; metric values that are not finite are dropped; zones are made
//! one per quadrant; in the dot vote, dots per participant are clamped to
//! 1–20, dots of missing participants or on missing notes (or notes of the
//! other kind), second dots of one participant on one note and dots past a
//! participant's allowance are dropped, and the dots are sorted.
//! Afterwards [`Session::problems`] is empty.

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::Path;

use crate::model::{
    Attachment, BoardPos, Flow, Id, MAX_DOTS, MAX_HOURS_PER_WEEK, MAX_TEXT_CHARS, MIN_DOTS,
    Quadrant, Question, SCORE_MAX, SCORE_MIN, ScoreSet, Session, TOOL_CARD_SIZE, WorkModelScores,
    Zone, check_dots_per_participant, check_hours, clean_in_place, cut_to_limit, score_in_range,
};
/// Names quoted in repair messages are shortened to this many characters.
const QUOTE_CHARS: usize = 40;
/// Space between notes moved to a visible spot, board units.
const SPOT_GAP: f32 = 40.0;

/// One thing changed while reading a file so that the session is sound.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repair {
    /// 1-based `(line, column)` of the entity repaired in the file, when
    /// known (the entity's `id:` entry).
    pub location: Option<(usize, usize)>,
    /// What was wrong and what was done, for a person, on one line, e.g.
    /// `flow 12 "review requests": its `to` tool 99 does not exist; the
    /// flow was dropped`.
    pub message: String,
}

impl Repair {
    /// `PATH:LINE:COL: repaired: message` (or `PATH: repaired: message`
    /// when there is no location), as `rhythm check` prints it.
    pub fn with_path(&self, path: &Path) -> String {
        match self.location {
            Some((line, col)) => format!("{}:{line}:{col}: repaired: {self}", path.display()),
            None => format!("{}: repaired: {self}", path.display()),
        }
    }
}

impl fmt::Display for Repair {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The `occurrence`-th (0-based) `id: N` entry of an id in the file text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Spot {
    pub(crate) id: Id,
    pub(crate) occurrence: usize,
}

/// Repairs collected while reading, located in the file at the end.
#[derive(Debug, Default)]
pub(crate) struct Log {
    entries: Vec<(Option<Spot>, String)>,
    /// Where an entity that got a new id stood in the file.
    origin: HashMap<Id, Spot>,
}

impl Log {
    /// A repair to the entity with this (current) id.
    pub(crate) fn at(&mut self, id: Id, message: String) {
        let spot = self
            .origin
            .get(&id)
            .copied()
            .unwrap_or(Spot { id, occurrence: 0 });
        self.entries.push((Some(spot), message));
    }

    /// A repair not tied to one entity.
    pub(crate) fn note(&mut self, message: String) {
        self.entries.push((None, message));
    }

    /// The repairs, located with `locate(id, occurrence)`, in file order
    /// (those without a location last, in the order they were made).
    pub(crate) fn finish(
        self,
        locate: &dyn Fn(Id, usize) -> Option<(usize, usize)>,
    ) -> Vec<Repair> {
        let mut repairs: Vec<Repair> = self
            .entries
            .into_iter()
            .map(|(spot, message)| Repair {
                location: spot.and_then(|s| locate(s.id, s.occurrence)),
                message,
            })
            .collect();
        repairs.sort_by_key(|r| r.location.unwrap_or((usize::MAX, usize::MAX)));
        repairs
    }
}

/// Make a session sound, listing every repair (without file locations).
/// A sound session is left exactly as it is and gives an empty list.
pub fn repair(session: &mut Session) -> Vec<Repair> {
    let mut log = Log::default();
    repair_into(session, &mut log);
    log.finish(&|_, _| None)
}

/// Make a session sound, logging every repair.
pub(crate) fn repair_into(session: &mut Session, log: &mut Log) {
    sound_texts(session, log);
    unique_ids(session, log);
    visible_positions(session, log);
    clamp_grid(session, log);
    sound_flows(session, log);
    sound_pain_points(session, log);
    sound_scores(session, log);
    finite_metrics(session, log);
    one_zone_per_quadrant(session, log);
    sound_vote(session, log);
}

/// `"text"`, shortened to [`QUOTE_CHARS`], with quotes and line breaks
/// escaped so that a message stays on one line.
pub(crate) fn quoted(text: &str) -> String {
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((at, _)) => format!("{:?}…", text.get(..at).unwrap_or_default()),
        None => format!("{text:?}"),
    }
}

/// Every text cleaned of control characters and bidi overrides
/// ([`clean_in_place`]) and cut to [`MAX_TEXT_CHARS`], each listed.
fn sound_texts(s: &mut Session, log: &mut Log) {
    s.texts_mut(|owner, field, text| {
        let mut say = |message: String| match owner.id() {
            Some(id) => log.at(id, message),
            None => log.note(message),
        };
        let removed = clean_in_place(text);
        if removed > 0 {
            let what = owner.describe(field);
            let plural = if removed == 1 { "" } else { "s" };
            say(format!(
                "{what}: {removed} control or text-direction character{plural} removed"
            ));
        }
        if let Some(chars) = cut_to_limit(text) {
            let what = owner.describe(field);
            say(format!(
                "{what}: {chars} characters long; cut to {MAX_TEXT_CHARS}"
            ));
        }
    });
}

/// Every id once: the first entity with an id in the file keeps it, later
/// ones get ids never used in the session.
fn unique_ids(s: &mut Session, log: &mut Log) {
    let mut taken: HashSet<Id> = s.all_ids().map(|(_, id)| id).collect();
    let mut next = s.peek_id(0).0;
    let mut last_given = None;
    let mut first_kind: HashMap<Id, &'static str> = HashMap::new();
    let mut seen: HashMap<Id, usize> = HashMap::new();
    let mut visit = |kind: &'static str, id: &mut Id, name: &str, log: &mut Log| {
        let counter = seen.entry(*id).or_insert(0);
        let occurrence = *counter;
        *counter += 1;
        let Some(other) = first_kind.get(id).copied() else {
            first_kind.insert(*id, kind);
            return;
        };
        while taken.contains(&Id(next)) {
            next = next.wrapping_add(1);
        }
        let new = Id(next);
        taken.insert(new);
        first_kind.insert(new, kind);
        last_given = Some(new);
        let spot = Spot {
            id: *id,
            occurrence,
        };
        log.origin.insert(new, spot);
        log.entries.push((
            Some(spot),
            format!(
                "{kind} {} {}: id {} is already used by a {other}; given the new id {}",
                id.0,
                quoted(name),
                id.0,
                new.0
            ),
        ));
        *id = new;
    };
    // In the order of the file's sections, so that "first" means first in
    // the file.
    for p in &mut s.participants {
        visit("participant", &mut p.id, &p.name, log);
    }
    for t in &mut s.tools {
        visit("tool", &mut t.id, &t.name, log);
    }
    for f in &mut s.flows {
        visit("flow", &mut f.id, &f.label, log);
    }
    for p in &mut s.pain_points {
        visit("pain point", &mut p.id, &p.text, log);
    }
    for t in &mut s.tasks {
        visit("task", &mut t.id, &t.name, log);
    }
    for a in &mut s.airlocks {
        visit("airlock", &mut a.id, &a.name, log);
    }
    for c in &mut s.changes {
        visit("change", &mut c.id, &c.description, log);
    }
    if let Some(last) = last_given {
        s.next_id = s.next_id.max(last.0.saturating_add(1));
    }
}

/// Spots in a row below everything on the board, left-aligned with it.
struct Spots {
    left: f32,
    top: f32,
    taken: u16,
}

impl Spots {
    fn below(s: &Session) -> Self {
        let on_board = s
            .tools
            .iter()
            .map(|t| t.pos)
            .chain(s.tasks.iter().filter_map(|t| t.board_pos))
            .chain(
                s.pain_points
                    .iter()
                    .filter(|p| p.attached == Attachment::Free)
                    .map(|p| p.pos),
            )
            .filter(|p| p.is_on_board());
        let mut bounds: Option<(f32, f32)> = None;
        for p in on_board {
            let (left, bottom) = bounds.unwrap_or((p.x, p.y));
            bounds = Some((left.min(p.x), bottom.max(p.y)));
        }
        let (left, bottom) = bounds.map_or((0.0, 0.0), |(l, b)| (l, b + TOOL_CARD_SIZE[1]));
        Self {
            left,
            top: bottom + SPOT_GAP * 2.0,
            taken: 0,
        }
    }

    fn next(&mut self) -> BoardPos {
        let x = self.left + f32::from(self.taken) * (TOOL_CARD_SIZE[0] + SPOT_GAP);
        self.taken = self.taken.saturating_add(1);
        BoardPos::new(x, self.top)
    }
}

fn moved(what: String, from: BoardPos, to: BoardPos) -> String {
    format!(
        "{what}: position ({}, {}) is off the board; moved to ({}, {})",
        from.x, from.y, to.x, to.y
    )
}

fn visible_positions(s: &mut Session, log: &mut Log) {
    let mut spots = Spots::below(s);
    for t in &mut s.tools {
        if !t.pos.is_on_board() {
            let to = spots.next();
            log.at(
                t.id,
                moved(format!("tool {} {}", t.id.0, quoted(&t.name)), t.pos, to),
            );
            t.pos = to;
        }
    }
    for t in &mut s.tasks {
        if let Some(pos) = t.board_pos.filter(|p| !p.is_on_board()) {
            let to = spots.next();
            log.at(
                t.id,
                moved(format!("task {} {}", t.id.0, quoted(&t.name)), pos, to),
            );
            t.board_pos = Some(to);
        }
    }
    for p in &mut s.pain_points {
        if !p.pos.is_on_board() {
            let to = spots.next();
            let what = format!("pain point {} {}", p.id.0, quoted(&p.text));
            log.at(p.id, moved(what, p.pos, to));
            p.pos = to;
        }
    }
}

fn clamp_grid(s: &mut Session, log: &mut Log) {
    for t in &mut s.tasks {
        let Some(g) = t.grid else { continue };
        if !g.is_on_grid() {
            let to = g.clamped();
            log.at(
                t.id,
                format!(
                    "task {} {}: typology position ({}, {}) is outside -1..1; moved to ({}, {})",
                    t.id.0,
                    quoted(&t.name),
                    g.predictability,
                    g.stakes,
                    to.predictability,
                    to.stakes
                ),
            );
            t.grid = Some(to);
        }
    }
}

fn sound_flows(s: &mut Session, log: &mut Log) {
    let tools: HashSet<Id> = s.tools.iter().map(|t| t.id).collect();
    s.flows.retain(|f| {
        let what = format!("flow {} {}", f.id.0, quoted(&f.label));
        let missing: Vec<String> = [("from", f.from), ("to", f.to)]
            .into_iter()
            .filter(|(_, id)| !tools.contains(id))
            .map(|(end, id)| format!("its `{end}` tool {} does not exist", id.0))
            .collect();
        if !missing.is_empty() {
            log.at(
                f.id,
                format!("{what}: {}; the flow was dropped", missing.join(", ")),
            );
            false
        } else if f.from == f.to {
            log.at(
                f.id,
                format!("{what}: goes from a tool to itself; the flow was dropped"),
            );
            false
        } else {
            true
        }
    });
    for f in &mut s.flows {
        if let Some(share) = f.share.filter(|s| !Flow::share_in_range(*s)) {
            log.at(
                f.id,
                format!(
                    "flow {} {}: share {share} % is over 100 %; dropped",
                    f.id.0,
                    quoted(&f.label)
                ),
            );
            f.share = None;
        }
    }
}

fn sound_pain_points(s: &mut Session, log: &mut Log) {
    let tools: HashSet<Id> = s.tools.iter().map(|t| t.id).collect();
    let flows: HashSet<Id> = s.flows.iter().map(|f| f.id).collect();
    for p in &mut s.pain_points {
        let what = format!("pain point {} {}", p.id.0, quoted(&p.text));
        let missing = match p.attached {
            Attachment::Tool(id) if !tools.contains(&id) => Some(format!("tool {}", id.0)),
            Attachment::Flow(id) if !flows.contains(&id) => Some(format!("flow {}", id.0)),
            Attachment::Free | Attachment::Tool(_) | Attachment::Flow(_) => None,
        };
        if let Some(missing) = missing {
            log.at(
                p.id,
                format!("{what}: attached to {missing}, which does not exist; now free-standing"),
            );
            p.attached = Attachment::Free;
        }
        if let Some(hours) = p.hours_per_week
            && check_hours(hours).is_err()
        {
            log.at(
                p.id,
                format!(
                    "{what}: {hours} h/week is outside 0–{MAX_HOURS_PER_WEEK}; the hours were dropped"
                ),
            );
            p.hours_per_week = None;
        }
    }
}

/// Drop scores outside 1–10 from one pair of score sets; `whose` prefixes
/// each message ("" for the team's scores).
fn drop_bad_scores(scores: &mut WorkModelScores, mut report: impl FnMut(String)) {
    for set in ScoreSet::ALL {
        for q in Question::ALL {
            let slot = scores.set_mut(set).get_mut(q);
            if let Some(v) = slot.filter(|v| !score_in_range(*v)) {
                report(score_message(set, q, i64::from(v)));
                *slot = None;
            }
        }
    }
}

/// The message for a dropped score.
pub(crate) fn score_message(set: ScoreSet, q: Question, value: i64) -> String {
    format!(
        "score \"{}\" / {}: {value} is outside {SCORE_MIN}–{SCORE_MAX}; dropped",
        set.title(),
        q.title()
    )
}

fn sound_scores(s: &mut Session, log: &mut Log) {
    drop_bad_scores(&mut s.scores, |m| log.note(format!("team {m}")));
    for p in &mut s.participants {
        let who = format!("participant {} {}", p.id.0, quoted(&p.name));
        let id = p.id;
        drop_bad_scores(&mut p.scores, |m| log.at(id, format!("{who}: {m}")));
    }
}

fn finite_metrics(s: &mut Session, log: &mut Log) {
    for c in &mut s.changes {
        let id = c.id;
        for (field, slot) in [
            ("baseline", &mut c.baseline),
            ("target value", &mut c.target_value),
            ("measured value", &mut c.measured),
        ] {
            if let Some(v) = slot.filter(|v| !v.is_finite()) {
                log.at(
                    id,
                    format!("change {}: {field} {v} is not a number; dropped", id.0),
                );
                *slot = None;
            }
        }
    }
}

fn one_zone_per_quadrant(s: &mut Session, log: &mut Log) {
    let mut seen = HashSet::new();
    s.zones.retain(|z| {
        let first = seen.insert(z.quadrant);
        if !first {
            log.note(format!(
                "a second zone for {} was dropped (one zone per quadrant)",
                z.quadrant.title()
            ));
        }
        first
    });
    for q in Quadrant::ALL {
        if !seen.contains(&q) {
            log.note(format!(
                "the zone for {} was missing; restored with its own rhythm",
                q.title()
            ));
            s.zones.push(Zone {
                quadrant: q,
                rhythm: q,
                principles: String::new(),
            });
        }
    }
}

/// The message for dots per participant clamped into 1–20.
pub(crate) fn dots_per_participant_message(written: i64, now: u8) -> String {
    format!(
        "dot vote: {written} dots per participant is outside {MIN_DOTS}–{MAX_DOTS}; set to {now}"
    )
}

/// The dot vote made sound: dots per participant within 1–20; dots of
/// participants that exist on candidate notes, at most one per participant
/// per note and no more than the allowance (the first ones in the file are
/// kept); dots sorted.
fn sound_vote(s: &mut Session, log: &mut Log) {
    let Some(mut vote) = s.vote.take() else {
        return;
    };
    let per = vote.dots_per_participant();
    if check_dots_per_participant(per).is_err() {
        let now = per.clamp(MIN_DOTS, MAX_DOTS);
        log.note(dots_per_participant_message(i64::from(per), now));
        vote.set_dots_per_participant(now);
    }
    let on = vote.on();
    let allowance = usize::from(vote.dots_per_participant());
    let mut seen = HashSet::new();
    let mut placed: HashMap<Id, usize> = HashMap::new();
    let mut over: Vec<(Id, usize)> = Vec::new();
    vote.dots_mut().retain(|dot| {
        let who = s.participant(dot.participant);
        let note = s.vote_note_text(on, dot.note);
        let whose = match who {
            Some(p) => format!("participant {} {}", dot.participant.0, quoted(&p.name)),
            None => format!("participant {}", dot.participant.0),
        };
        let on_what = match note {
            Some(text) => format!("{} {} {}", on.one(), dot.note.0, quoted(text)),
            None => format!("{} {}", on.one(), dot.note.0),
        };
        let missing: Vec<String> = [
            who.is_none().then(|| format!("{whose} does not exist")),
            note.is_none()
                .then(|| format!("{on_what} is not one of the {} voted on", on.title())),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !missing.is_empty() {
            log.note(format!(
                "dot vote: a dot of {whose} on {on_what}: {}; the dot was dropped",
                missing.join(", ")
            ));
            return false;
        }
        if !seen.insert(*dot) {
            log.note(format!(
                "dot vote: a second dot of {whose} on {on_what} was dropped \
                 (one dot per participant per note)"
            ));
            return false;
        }
        let count = placed.entry(dot.participant).or_insert(0);
        *count += 1;
        if *count > allowance {
            match over.iter_mut().find(|(id, _)| *id == dot.participant) {
                Some((_, n)) => *n += 1,
                None => over.push((dot.participant, 1)),
            }
            return false;
        }
        true
    });
    for (id, dropped) in over {
        let name = s
            .participant(id)
            .map(|p| quoted(&p.name))
            .unwrap_or_default();
        log.note(format!(
            "dot vote: participant {} {name} had {} dots, more than the {allowance} allowed; \
             the last {dropped} were dropped",
            id.0,
            allowance + dropped,
        ));
    }
    vote.dots_mut().sort_unstable();
    s.vote = Some(vote);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Flow, FlowKind, GridPos, PainCategory, PainPoint, Task, Tool};

    fn tool(id: u64, x: f32) -> Tool {
        Tool {
            id: Id(id),
            name: format!("tool {id}"),
            pos: BoardPos::new(x, 0.0),
            author: None,
        }
    }

    #[test]
    fn a_sound_session_is_left_alone() {
        let mut s = Session {
            tools: vec![tool(1, 0.0), tool(2, 300.0)],
            next_id: 3,
            ..Session::default()
        };
        let before = s.clone();
        assert!(repair(&mut s).is_empty());
        assert_eq!(s, before);
    }

    #[test]
    fn every_kind_of_damage_is_repaired_and_listed() {
        let mut s = Session {
            tools: vec![tool(1, 0.0), tool(1, f32::NAN), tool(3, 2.0e6)],
            flows: vec![
                Flow {
                    id: Id(4),
                    from: Id(1),
                    to: Id(99),
                    label: "lost".to_owned(),
                    kind: FlowKind::Shadow,
                    share: None,
                },
                Flow {
                    id: Id(5),
                    from: Id(1),
                    to: Id(3),
                    label: "ok".to_owned(),
                    kind: FlowKind::Designed,
                    share: Some(250),
                },
            ],
            tasks: vec![Task {
                id: Id(6),
                name: "x".repeat(MAX_TEXT_CHARS + 5),
                grid: Some(GridPos {
                    predictability: 3.0,
                    stakes: f32::NAN,
                }),
                board_pos: Some(BoardPos::new(f32::INFINITY, 0.0)),
                ..Task::default()
            }],
            pain_points: vec![PainPoint {
                id: Id(7),
                text: "slow".to_owned(),
                category: PainCategory::Jam,
                hours_per_week: Some(500.0),
                attached: Attachment::Flow(Id(4)),
                pos: BoardPos::default(),
                author: None,
                reassess: false,
            }],
            zones: Vec::new(),
            next_id: 8,
            ..Session::default()
        };
        s.scores.as_is.output = Some(11);
        let repairs = repair(&mut s);
        assert!(s.problems().is_empty(), "{:?}", s.problems());
        let text: Vec<&str> = repairs.iter().map(|r| r.message.as_str()).collect();
        assert_eq!(repairs.len(), 15, "{text:#?}");
        // The second tool 1 got a fresh id past next_id.
        assert_eq!(s.tools[1].id, Id(8));
        assert_eq!(s.next_id, 9);
        assert_eq!(s.flows.len(), 1);
        assert_eq!(s.flows[0].share, None);
        assert_eq!(s.pain_points[0].attached, Attachment::Free);
        assert_eq!(s.pain_points[0].hours_per_week, None);
        assert_eq!(s.tasks[0].name.chars().count(), MAX_TEXT_CHARS);
        assert_eq!(s.tasks[0].grid, Some(GridPos::new(1.0, 0.0)));
        assert_eq!(s.scores.as_is.output, None);
        assert_eq!(s.zones.len(), 4);
        // Moved notes sit in a row below the rest, left-aligned with it.
        let spot = s.tools[1].pos;
        assert_eq!((spot.x, spot.y), (0.0, TOOL_CARD_SIZE[1] + 2.0 * SPOT_GAP));
        assert!(
            text.iter()
                .any(|m| m.contains("`to` tool 99 does not exist"))
        );
        assert!(text.iter().any(|m| m.contains("already used by a tool")));
    }
}
