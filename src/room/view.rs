//! What one phone may see of the session, computed in the room (never in
//! the page): tools, flows and tasks; the pain points the projector shows
//! plus the phone's own hidden ones; the phone's own scores and dots, never
//! anyone else's; the vote's totals only once revealed. A browser's
//! developer tools cannot show more than this, because nothing more is
//! sent.
//!
//! A view is JSON: collections (`tools`, `flows`, `pains`, `tasks`: arrays
//! of objects with an `id`) and parts (`room`, `me`, `vote`). After the
//! snapshot a phone gets deltas: per collection the items added or changed
//! (`set`) and the ids removed (`del`), and the parts replaced whole
//! (`put`), each delta with the next sequence number.
//!
//! The room must not slow down as the session grows (issue 17): the app
//! publishes by revision ([`Published::next`]), rebuilding only the items
//! of the entities an edit named ([`crate::document::Document::touched_since`]);
//! collections are persistent maps (`imbl`), so a publication shares every
//! unchanged item and subtree with the one before, and a phone's delta
//! ([`PhoneView::update`]) walks only the parts of the maps that differ.

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::model::{
    Attachment, FlowKind, HiddenCounts, Id, PainPoint, Participant, Question, ScoreSet, Session,
    Task, Tool, Vote, VoteOn, WorkModel,
};

/// The parts of a view that are arrays of items with an `id`.
pub const COLLECTIONS: [&str; 4] = ["tools", "flows", "pains", "tasks"];
/// The parts of a view replaced whole when they change.
pub const PARTS: [&str; 3] = ["room", "me", "vote"];

const TOOLS: usize = 0;
const FLOWS: usize = 1;
const PAINS: usize = 2;
const TASKS: usize = 3;

/// Which step the facilitator is on, so phones follow (METHOD.md's four
/// steps, and the work-model scoring).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Focus {
    /// Step 1: tools and flows.
    Autopsy,
    /// Step 2: pain points.
    PainPoints,
    /// Step 3: tasks on the 2×2 grid.
    Typology,
    /// Step 4: the hybrid score (phones show the step's prompt only).
    HybridScore,
    /// The four work-model questions, twice.
    Scoring,
}

/// One item of a view's collection, shared between views.
type Item = Arc<Value>;
/// A collection: items by id, persistent (cloning shares everything).
type Items = imbl::OrdMap<u64, Item>;

/// The items everyone may see, and the hidden pain points each for its
/// author only.
#[derive(Clone, Debug, Default)]
struct Shared {
    /// `tools`, `flows`, `pains` (shown ones), `tasks`.
    collections: [Items; 4],
    /// Pain points not yet revealed: id → (author, item marked hidden).
    hidden: imbl::OrdMap<u64, (Option<Id>, Item)>,
}

impl Shared {
    /// Every item of `s`.
    fn of(s: &Session) -> Self {
        let mut shared = Self::default();
        for t in &s.tools {
            shared.collections[TOOLS].insert(t.id.0, Arc::new(tool_json(t)));
        }
        for f in &s.flows {
            shared.collections[FLOWS].insert(f.id.0, Arc::new(flow_json(f)));
        }
        for p in &s.pain_points {
            shared.put_pain(s, p);
        }
        for t in &s.tasks {
            shared.collections[TASKS].insert(t.id.0, Arc::new(task_json(t)));
        }
        shared
    }

    /// `self` with the items of `ids` made again from `s` (removed where
    /// the entity is gone); everything else is shared with `self`.
    fn with_changes(&self, s: &Session, ids: &[Id]) -> Self {
        let mut next = self.clone();
        let mut ids = ids.to_vec();
        ids.sort_unstable();
        ids.dedup();
        for id in ids {
            for items in &mut next.collections {
                items.remove(&id.0);
            }
            next.hidden.remove(&id.0);
            if let Some(t) = s.tool(id) {
                next.collections[TOOLS].insert(id.0, Arc::new(tool_json(t)));
            } else if let Some(f) = s.flow(id) {
                next.collections[FLOWS].insert(id.0, Arc::new(flow_json(f)));
            } else if let Some(p) = s.pain_point(id) {
                next.put_pain(s, p);
            } else if let Some(t) = s.task(id) {
                next.collections[TASKS].insert(id.0, Arc::new(task_json(t)));
            }
        }
        next
    }

    fn put_pain(&mut self, s: &Session, p: &PainPoint) {
        if s.is_shown_on_projector(p) {
            self.collections[PAINS].insert(p.id.0, Arc::new(pain_json(p, false)));
        } else {
            self.hidden
                .insert(p.id.0, (p.author, Arc::new(pain_json(p, true))));
        }
    }

    /// The counts the projector shows while things are hidden, from the
    /// hidden items and the participants (not every pain point).
    fn counts(&self, s: &Session) -> HiddenCounts {
        let writers: std::collections::HashSet<Option<Id>> =
            self.hidden.values().map(|(author, _)| *author).collect();
        let finished = |p: &&Participant| {
            ScoreSet::ALL.iter().all(|&set| {
                Question::ALL
                    .iter()
                    .all(|&q| p.scores.set(set).get(q).is_some())
            })
        };
        HiddenCounts {
            pain_points: self.hidden.len(),
            pain_writers: writers.len(),
            scored: s
                .participants
                .iter()
                .filter(|p| p.scores.any_scored())
                .count(),
            finished_scoring: s.participants.iter().filter(finished).count(),
            scores_hidden: s
                .participants
                .iter()
                .filter(|p| s.are_scores_hidden(p.id))
                .count(),
            participants: s.participants.len(),
        }
    }
}

fn tool_json(t: &Tool) -> Value {
    json!({"id": t.id, "name": t.name, "author": t.author})
}

fn flow_json(f: &crate::model::Flow) -> Value {
    json!({
        "id": f.id, "from": f.from, "to": f.to, "label": f.label,
        "shadow": f.kind == FlowKind::Shadow, "share": f.share,
    })
}

fn task_json(t: &Task) -> Value {
    let at = t.grid.map(|g| [g.predictability, g.stakes]);
    json!({
        "id": t.id, "name": t.name, "at": at, "author": t.author,
        "answers": t.automation.answers(), "unexpected": t.unexpected,
    })
}

fn pain_json(p: &PainPoint, hidden: bool) -> Value {
    let on = match p.attached {
        Attachment::Free => Value::Null,
        Attachment::Tool(id) => json!({ "tool": id }),
        Attachment::Flow(id) => json!({ "flow": id }),
    };
    json!({
        "id": p.id, "text": p.text, "category": p.category, "hours": p.hours_per_week,
        "on": on, "author": p.author, "hidden": hidden,
    })
}

fn scores_json(m: &WorkModel) -> Value {
    json!(Question::ALL.map(|q| m.get(q)))
}

fn me_json(s: &Session, p: &Participant) -> Value {
    let [r, g, b] = p.colour;
    json!({
        "id": p.id, "name": p.name, "colour": format!("#{r:02x}{g:02x}{b:02x}"),
        "scores": {
            "as_is": scores_json(p.scores.set(ScoreSet::AsItIs)),
            "as_run": scores_json(p.scores.set(ScoreSet::AsRun)),
        },
        "scores_hidden": s.are_scores_hidden(p.id),
    })
}

/// The vote as the app published it.
#[derive(Debug, PartialEq)]
struct VoteState {
    vote: Vote,
    /// The totals per candidate note, most dots first; only once revealed.
    totals: Option<Vec<(Id, usize)>>,
}

/// What the app published: the items and parts phones may see after its
/// latest edits, the facilitator's step and whether the room is locked.
/// Shared by every connection; everything that did not change since the
/// previous publication is shared with it.
#[derive(Debug)]
pub struct Published {
    /// The facilitator's step; `None` lets participants pick (headless).
    pub focus: Option<Focus>,
    /// No new joiners.
    pub locked: bool,
    /// The document revision published; `None` when not known (the first
    /// publication of a room, made before it saw the document).
    pub revision: Option<u64>,
    shared: Shared,
    /// The `room` part, the same for every phone.
    room: Value,
    /// Each participant's `me` part, by id.
    people: imbl::OrdMap<u64, Value>,
    vote: Option<Arc<VoteState>>,
}

impl Published {
    /// A first publication of `session` at `revision` (everything built).
    pub fn first(
        session: &Session,
        revision: Option<u64>,
        focus: Option<Focus>,
        locked: bool,
    ) -> Self {
        let shared = Shared::of(session);
        let people = session
            .participants
            .iter()
            .map(|p| (p.id.0, me_json(session, p)))
            .collect();
        let mut published = Self {
            focus,
            locked,
            revision,
            shared,
            room: Value::Null,
            people,
            vote: vote_state(session),
        };
        published.room = published.room_json(session);
        published
    }

    /// The next publication, for `session` at `revision`: only the items
    /// of `touched` (the ids edits named since `self`; `None`: anything
    /// may have changed) are made again; the parts are made again (a few
    /// per participant). Cost: the changed items, not the session.
    pub fn next(
        &self,
        session: &Session,
        revision: u64,
        touched: Option<&[Id]>,
        focus: Option<Focus>,
        locked: bool,
    ) -> Self {
        let Some(touched) = touched else {
            return Self::first(session, Some(revision), focus, locked);
        };
        let shared = self.shared.with_changes(session, touched);
        let mut people = self.people.clone();
        for id in touched {
            match session.participant(*id) {
                Some(p) => {
                    people.insert(id.0, me_json(session, p));
                }
                None => {
                    people.remove(&id.0);
                }
            }
        }
        let vote = match (&self.vote, &session.vote) {
            // Totals shown after a reveal also list new candidates: made
            // again on any change while a revealed vote runs.
            (Some(old), Some(now))
                if old.vote == *now && (!now.revealed() || touched.is_empty()) =>
            {
                Some(Arc::clone(old))
            }
            _ => vote_state(session),
        };
        let mut published = Self {
            focus,
            locked,
            revision: Some(revision),
            shared,
            room: Value::Null,
            people,
            vote,
        };
        published.room = published.room_json(session);
        published
    }

    fn room_json(&self, s: &Session) -> Value {
        let counts = self.shared.counts(s);
        json!({
            "title": s.header.title, "team": s.header.team,
            "focus": self.focus, "locked": self.locked,
            "participants": counts.participants, "scored": counts.scored,
            "finished": counts.finished_scoring, "hidden_pains": counts.pain_points,
            "hidden_writers": counts.pain_writers,
        })
    }
}

fn vote_state(s: &Session) -> Option<Arc<VoteState>> {
    s.vote.as_ref().map(|vote| {
        Arc::new(VoteState {
            vote: vote.clone(),
            totals: vote.revealed().then(|| s.vote_totals()),
        })
    })
}

/// One phone's view: what it was last sent, to send it only what changed.
#[derive(Clone, Debug)]
pub struct PhoneView {
    me: Id,
    collections: [Items; 4],
    parts: BTreeMap<&'static str, Value>,
}

impl PhoneView {
    /// What participant `me` may see of `published`.
    pub fn of(published: &Published, me: Id) -> PhoneView {
        let collections = Self::collections_for(published, me);
        let parts = Self::parts_for(published, me, &collections[PAINS]);
        PhoneView {
            me,
            collections,
            parts,
        }
    }

    /// The shared collections, with `me`'s own hidden pain points added.
    fn collections_for(published: &Published, me: Id) -> [Items; 4] {
        let mut collections = published.shared.collections.clone();
        for (id, (author, item)) in &published.shared.hidden {
            if *author == Some(me) {
                collections[PAINS].insert(*id, Arc::clone(item));
            }
        }
        collections
    }

    fn parts_for(published: &Published, me: Id, pains: &Items) -> BTreeMap<&'static str, Value> {
        let vote = match &published.vote {
            Some(state) => {
                let v = &state.vote;
                let visible = |id: &Id| match v.on() {
                    VoteOn::Tasks => true,
                    VoteOn::PainPoints => pains.contains_key(&id.0),
                };
                let mine: Vec<Id> = v
                    .dots()
                    .iter()
                    .filter(|d| d.participant == me)
                    .map(|d| d.note)
                    .collect();
                let totals: Option<Vec<(Id, usize)>> = state
                    .totals
                    .as_ref()
                    .map(|t| t.iter().copied().filter(|(id, _)| visible(id)).collect());
                json!({
                    "on": match v.on() { VoteOn::Tasks => "tasks", VoteOn::PainPoints => "pains" },
                    "dots": v.dots_per_participant(), "question": v.question(),
                    "mine": mine, "left": v.dots_left(me), "totals": totals,
                })
            }
            None => Value::Null,
        };
        let mut parts = BTreeMap::new();
        parts.insert("room", published.room.clone());
        parts.insert(
            "me",
            published.people.get(&me.0).cloned().unwrap_or(Value::Null),
        );
        parts.insert("vote", vote);
        parts
    }

    /// Bring the view to `published`: what changed, as a `delta` message
    /// carries it (all empty when nothing did). Walks only the parts of
    /// the collections that differ from what the phone was last sent.
    pub fn update(&mut self, published: &Published) -> Delta {
        let next = Self::collections_for(published, self.me);
        let mut delta = Delta::default();
        for (c, name) in COLLECTIONS.iter().enumerate() {
            let (Some(before), Some(after)) = (self.collections.get(c), next.get(c)) else {
                continue;
            };
            let mut set = Vec::new();
            let mut del = Vec::new();
            for change in before.diff(after) {
                match change {
                    imbl::ordmap::DiffItem::Add(_, item) => set.push((**item).clone()),
                    imbl::ordmap::DiffItem::Update { old, new } => {
                        if old.1 != new.1 {
                            set.push((**new.1).clone());
                        }
                    }
                    imbl::ordmap::DiffItem::Remove(id, _) => del.push(json!(id)),
                }
            }
            if !set.is_empty() {
                delta.set.insert((*name).to_owned(), Value::Array(set));
            }
            if !del.is_empty() {
                delta.del.insert((*name).to_owned(), Value::Array(del));
            }
        }
        let parts = Self::parts_for(published, self.me, &next[PAINS]);
        for (name, value) in &parts {
            if self.parts.get(name) != Some(value) {
                delta.put.insert((*name).to_owned(), value.clone());
            }
        }
        self.collections = next;
        self.parts = parts;
        delta
    }

    /// The view as one JSON object (the snapshot sent at (re)join).
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        for (c, name) in COLLECTIONS.iter().enumerate() {
            let items = self
                .collections
                .get(c)
                .map(|items| items.values().map(|item| (**item).clone()).collect())
                .unwrap_or_default();
            out.insert((*name).to_owned(), Value::Array(items));
        }
        for (name, value) in &self.parts {
            out.insert((*name).to_owned(), value.clone());
        }
        Value::Object(out)
    }

    /// The ids in one collection, ascending (for tests).
    pub fn ids(&self, collection: &str) -> Vec<u64> {
        COLLECTIONS
            .iter()
            .position(|c| *c == collection)
            .and_then(|c| self.collections.get(c))
            .map(|items| items.keys().copied().collect())
            .unwrap_or_default()
    }

    /// One part of the view (`room`, `me`, `vote`), `Null` if absent.
    pub fn part(&self, name: &str) -> Value {
        self.parts.get(name).cloned().unwrap_or(Value::Null)
    }

    /// The whole view as JSON text (for tests that look for a string).
    pub fn text(&self) -> String {
        self.to_json().to_string()
    }
}

/// The difference between two views of one phone.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Delta {
    /// Collections: items added or changed.
    pub set: Map<String, Value>,
    /// Collections: ids removed.
    pub del: Map<String, Value>,
    /// Parts replaced whole.
    pub put: Map<String, Value>,
}

impl Delta {
    /// Whether nothing changed.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty() && self.del.is_empty() && self.put.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Document;
    use crate::model::{Edit, Entity, Hideable, PainCategory, WorkModelScores};

    fn person(id: u64, name: &str) -> Edit {
        Edit::Insert {
            index: 99,
            entity: Entity::Participant(Participant {
                id: Id(id),
                name: name.into(),
                colour: [0x1f, 0x5f, 0xa8],
                scores: WorkModelScores::default(),
            }),
        }
    }

    fn hidden_pain(id: u64, author: u64, text: &str) -> Edit {
        Edit::HideCreated(Box::new(Edit::Insert {
            index: 99,
            entity: Entity::PainPoint(PainPoint {
                id: Id(id),
                text: text.into(),
                category: PainCategory::Jam,
                author: Some(Id(author)),
                ..PainPoint::default()
            }),
        }))
    }

    fn document() -> Document {
        let mut doc = Document::untitled(Session::default());
        for edit in [
            person(1, "Priya"),
            person(2, "Sam"),
            Edit::Insert {
                index: 0,
                entity: Entity::Tool(Tool {
                    id: Id(3),
                    name: "Slack".into(),
                    ..Tool::default()
                }),
            },
            hidden_pain(4, 1, "secret of Priya"),
            hidden_pain(5, 2, "secret of Sam"),
        ] {
            doc.apply(edit).unwrap();
        }
        for (id, v) in [(1, 9), (2, 2)] {
            doc.apply(Edit::SetParticipantScore {
                id: Id(id),
                set: ScoreSet::AsItIs,
                question: Question::Process,
                value: Some(v),
            })
            .unwrap();
        }
        doc
    }

    fn published(doc: &Document) -> Published {
        Published::first(doc.session(), Some(doc.revision()), None, false)
    }

    /// The publication after `before`, by increments, as the room makes it.
    fn next(doc: &Document, before: &Published) -> Published {
        let touched = before.revision.and_then(|r| doc.touched_since(r));
        before.next(
            doc.session(),
            doc.revision(),
            touched.as_deref(),
            None,
            false,
        )
    }

    #[test]
    fn hidden_pain_points_and_other_peoples_scores_never_reach_another_phone() {
        let doc = document();
        let p = published(&doc);
        let priya = PhoneView::of(&p, Id(1));
        let sam = PhoneView::of(&p, Id(2));
        assert_eq!(
            priya.ids("pains"),
            vec![4],
            "Priya sees her own hidden note"
        );
        assert_eq!(sam.ids("pains"), vec![5]);
        assert!(!priya.text().contains("secret of Sam"));
        assert!(!sam.text().contains("secret of Priya"));
        assert_eq!(
            priya.part("me")["scores"]["as_is"],
            json!([null, 9, null, null])
        );
        assert_eq!(
            sam.part("me")["scores"]["as_is"],
            json!([null, 2, null, null])
        );
        // Nobody's view holds a 2 and a 9 together: no one sees both scores.
        assert!(!priya.text().contains("\"scores\":{\"as_is\":[null,2"));
        assert_eq!(priya.part("room")["hidden_pains"], json!(2));
        assert_eq!(priya.part("room")["hidden_writers"], json!(2));
    }

    #[test]
    fn revealed_pain_points_reach_everyone_and_the_delta_says_so() {
        let mut doc = document();
        let before = published(&doc);
        let mut sam = PhoneView::of(&before, Id(2));
        let reveal = doc.session().reveal_pain_points_edit().unwrap();
        doc.apply(reveal).unwrap();
        let after = next(&doc, &before);
        let delta = sam.update(&after);
        assert_eq!(sam.ids("pains"), vec![4, 5]);
        let set = delta.set.get("pains").unwrap().as_array().unwrap();
        assert_eq!(
            set.len(),
            2,
            "Priya's note is new to Sam, Sam's changed: {set:?}"
        );
        assert!(delta.del.is_empty());
        assert!(delta.put.contains_key("room"), "the hidden count changed");
        assert!(sam.update(&after).is_empty(), "nothing more");
        // Hiding a note again removes it from Sam's view.
        doc.apply(Edit::SetHidden {
            what: Hideable::PainPoint(Id(4)),
            hidden: true,
        })
        .unwrap();
        let hidden_again = next(&doc, &after);
        assert_eq!(
            sam.update(&hidden_again).del.get("pains"),
            Some(&json!([4]))
        );
        // Increments and a fresh build agree, for everyone.
        for me in [1, 2] {
            assert_eq!(
                PhoneView::of(&hidden_again, Id(me)).to_json(),
                PhoneView::of(&published(&doc), Id(me)).to_json()
            );
        }
    }

    #[test]
    fn a_vote_shows_my_dots_and_totals_only_once_revealed() {
        let mut doc = document();
        let reveal = doc.session().reveal_pain_points_edit().unwrap();
        doc.apply(reveal).unwrap();
        doc.apply(Edit::StartVote(Vote::new(VoteOn::PainPoints, 2).unwrap()))
            .unwrap();
        doc.apply(Edit::PlaceDot {
            participant: Id(2),
            note: Id(4),
        })
        .unwrap();
        let p = published(&doc);
        let priya = PhoneView::of(&p, Id(1)).part("vote");
        assert_eq!(priya["mine"], json!([]));
        assert_eq!(priya["left"], json!(2));
        assert_eq!(priya["totals"], Value::Null, "totals hidden until revealed");
        let sam = PhoneView::of(&p, Id(2)).part("vote");
        assert_eq!(sam["mine"], json!([4]));
        doc.apply(Edit::RevealVote(true)).unwrap();
        let totals = PhoneView::of(&next(&doc, &p), Id(1)).part("vote")["totals"].clone();
        assert_eq!(totals, json!([[4, 1], [5, 0]]));
    }

    #[test]
    fn a_removed_tool_takes_its_pain_points_out_of_every_view() {
        let mut doc = document();
        let reveal = doc.session().reveal_pain_points_edit().unwrap();
        doc.apply(reveal).unwrap();
        doc.apply(Edit::Update(Entity::PainPoint(PainPoint {
            id: Id(4),
            text: "secret of Priya".into(),
            category: PainCategory::Jam,
            author: Some(Id(1)),
            attached: Attachment::Tool(Id(3)),
            ..PainPoint::default()
        })))
        .unwrap();
        let before = published(&doc);
        let mut sam = PhoneView::of(&before, Id(2));
        doc.apply(Edit::Remove { id: Id(3) }).unwrap();
        let after = next(&doc, &before);
        let delta = sam.update(&after);
        assert_eq!(delta.del.get("tools"), Some(&json!([3])));
        assert_eq!(delta.del.get("pains"), Some(&json!([4])));
        doc.undo().unwrap();
        let back = next(&doc, &after);
        let delta = sam.update(&back);
        assert_eq!(sam.ids("tools"), vec![3]);
        assert_eq!(sam.ids("pains"), vec![4, 5], "{delta:?}");
    }
}
