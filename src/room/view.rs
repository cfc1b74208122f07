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

use std::collections::BTreeMap;
use std::sync::Arc;

use serde::Serialize;
use serde_json::{Map, Value, json};

use crate::model::{
    Attachment, FlowKind, HiddenCounts, Id, PainPoint, Question, ScoreSet, Session, VoteOn,
    WorkModel,
};

/// The parts of a view that are arrays of items with an `id`.
pub const COLLECTIONS: [&str; 4] = ["tools", "flows", "pains", "tasks"];
/// The parts of a view replaced whole when they change.
pub const PARTS: [&str; 3] = ["room", "me", "vote"];

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

/// What the app published: the session after its latest edits, the
/// facilitator's step and whether the room is locked. Shared by every
/// connection; the part of the view that is the same for everyone is
/// computed once, here, and items that did not change since the previous
/// publication are the same allocation (phones' deltas compare pointers).
#[derive(Debug)]
pub struct Published {
    /// The session as the app holds it (hidden items included).
    pub session: Arc<Session>,
    /// The facilitator's step; `None` lets participants pick (headless).
    pub focus: Option<Focus>,
    /// No new joiners.
    pub locked: bool,
    shared: Shared,
}

impl Published {
    /// A publication of `session`, reusing the unchanged items of
    /// `previous` (the last publication, if any).
    pub fn new(
        session: Arc<Session>,
        focus: Option<Focus>,
        locked: bool,
        previous: Option<&Published>,
    ) -> Self {
        let shared = Shared::of(&session, previous.map(|p| &p.shared));
        Self {
            session,
            focus,
            locked,
            shared,
        }
    }
}

/// One item of a view's collection, shared between views.
type Item = Arc<Value>;
/// A collection: items by id.
type Items = BTreeMap<u64, Item>;

/// The items everyone sees, by collection and id, and the counts.
#[derive(Debug, Default)]
struct Shared {
    tools: Items,
    flows: Items,
    pains: Items,
    tasks: Items,
    counts: HiddenCounts,
}

/// `(id, item)`, the item taken from `old` when it is equal.
fn keep(old: Option<&Items>, id: Id, value: Value) -> (u64, Item) {
    match old.and_then(|o| o.get(&id.0)) {
        Some(item) if **item == value => (id.0, item.clone()),
        _ => (id.0, Arc::new(value)),
    }
}

impl Shared {
    fn of(s: &Session, old: Option<&Shared>) -> Self {
        let tools = s
            .tools
            .iter()
            .map(|t| {
                let value = json!({"id": t.id, "name": t.name, "author": t.author});
                keep(old.map(|o| &o.tools), t.id, value)
            })
            .collect();
        let flows = s
            .flows
            .iter()
            .map(|f| {
                let value = json!({
                    "id": f.id, "from": f.from, "to": f.to, "label": f.label,
                    "shadow": f.kind == FlowKind::Shadow, "share": f.share,
                });
                keep(old.map(|o| &o.flows), f.id, value)
            })
            .collect();
        let pains = s
            .pain_points
            .iter()
            .filter(|p| s.is_shown_on_projector(p))
            .map(|p| keep(old.map(|o| &o.pains), p.id, pain_json(p, false)))
            .collect();
        let tasks = s
            .tasks
            .iter()
            .map(|t| {
                let at = t.grid.map(|g| [g.predictability, g.stakes]);
                let value = json!({
                    "id": t.id, "name": t.name, "at": at, "author": t.author,
                    "answers": t.automation.answers(), "unexpected": t.unexpected,
                });
                keep(old.map(|o| &o.tasks), t.id, value)
            })
            .collect();
        Self {
            tools,
            flows,
            pains,
            tasks,
            counts: s.hidden_counts(),
        }
    }
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

/// One phone's view, ready to diff against the previous one.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct View {
    collections: BTreeMap<&'static str, Items>,
    parts: BTreeMap<&'static str, Value>,
}

impl View {
    /// What participant `me` may see of `published`.
    pub fn of(published: &Published, me: Id) -> View {
        let s = &*published.session;
        let shared = &published.shared;
        let mut pains = shared.pains.clone();
        for p in s
            .pain_points
            .iter()
            .filter(|p| p.author == Some(me) && !s.is_shown_on_projector(p))
        {
            pains.insert(p.id.0, Arc::new(pain_json(p, true)));
        }
        let counts = shared.counts;
        let room = json!({
            "title": s.header.title, "team": s.header.team,
            "focus": published.focus, "locked": published.locked,
            "participants": counts.participants, "scored": counts.scored,
            "finished": counts.finished_scoring, "hidden_pains": counts.pain_points,
            "hidden_writers": counts.pain_writers,
        });
        let me_json = match s.participant(me) {
            Some(p) => {
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
            None => Value::Null,
        };
        let vote = match &s.vote {
            Some(v) => {
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
                let totals: Option<Vec<(Id, usize)>> = v.revealed().then(|| {
                    s.vote_totals()
                        .into_iter()
                        .filter(|(id, _)| visible(id))
                        .collect()
                });
                json!({
                    "on": match v.on() { VoteOn::Tasks => "tasks", VoteOn::PainPoints => "pains" },
                    "dots": v.dots_per_participant(), "question": v.question(),
                    "mine": mine, "left": v.dots_left(me), "totals": totals,
                })
            }
            None => Value::Null,
        };
        let mut collections = BTreeMap::new();
        collections.insert("tools", shared.tools.clone());
        collections.insert("flows", shared.flows.clone());
        collections.insert("pains", pains);
        collections.insert("tasks", shared.tasks.clone());
        let mut parts = BTreeMap::new();
        parts.insert("room", room);
        parts.insert("me", me_json);
        parts.insert("vote", vote);
        View { collections, parts }
    }

    /// The view as one JSON object (the snapshot sent at (re)join).
    pub fn to_json(&self) -> Value {
        let mut out = Map::new();
        for (name, items) in &self.collections {
            out.insert(
                (*name).to_owned(),
                Value::Array(items.values().map(|item| (**item).clone()).collect()),
            );
        }
        for (name, value) in &self.parts {
            out.insert((*name).to_owned(), value.clone());
        }
        Value::Object(out)
    }

    /// What changed from `old` to `self`: `(set, del, put)` as in a
    /// `delta` message; all empty when nothing changed.
    pub fn delta(&self, old: &View) -> Delta {
        let mut delta = Delta::default();
        let empty = BTreeMap::new();
        for (name, items) in &self.collections {
            let before = old.collections.get(name).unwrap_or(&empty);
            let changed: Vec<Value> = items
                .iter()
                .filter(|(id, item)| {
                    // Unchanged items are mostly the same allocation.
                    before
                        .get(id)
                        .is_none_or(|old| !Arc::ptr_eq(old, item) && old != *item)
                })
                .map(|(_, item)| (**item).clone())
                .collect();
            let gone: Vec<Value> = before
                .keys()
                .filter(|id| !items.contains_key(id))
                .map(|id| json!(id))
                .collect();
            if !changed.is_empty() {
                delta.set.insert((*name).to_owned(), Value::Array(changed));
            }
            if !gone.is_empty() {
                delta.del.insert((*name).to_owned(), Value::Array(gone));
            }
        }
        for (name, value) in &self.parts {
            if old.parts.get(name) != Some(value) {
                delta.put.insert((*name).to_owned(), value.clone());
            }
        }
        delta
    }

    /// The ids in one collection, ascending (for tests).
    pub fn ids(&self, collection: &str) -> Vec<u64> {
        self.collections
            .get(collection)
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
    use crate::model::{
        Edit, Entity, Hideable, PainCategory, Participant, Tool, Vote, WorkModelScores, apply,
    };

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

    fn session() -> Session {
        let mut s = Session::default();
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
            apply(&mut s, edit).unwrap();
        }
        for (id, v) in [(1, 9), (2, 2)] {
            apply(
                &mut s,
                Edit::SetParticipantScore {
                    id: Id(id),
                    set: ScoreSet::AsItIs,
                    question: Question::Process,
                    value: Some(v),
                },
            )
            .unwrap();
        }
        s
    }

    fn view(s: &Session, me: u64) -> View {
        View::of(
            &Published::new(Arc::new(s.clone()), None, false, None),
            Id(me),
        )
    }

    #[test]
    fn hidden_pain_points_and_other_peoples_scores_never_reach_another_phone() {
        let s = session();
        let priya = view(&s, 1);
        let sam = view(&s, 2);
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
        let mut s = session();
        let before = view(&s, 2);
        let reveal = s.reveal_pain_points_edit().unwrap();
        apply(&mut s, reveal).unwrap();
        let after = view(&s, 2);
        assert_eq!(after.ids("pains"), vec![4, 5]);
        let delta = after.delta(&before);
        let set = delta.set.get("pains").unwrap().as_array().unwrap();
        assert_eq!(
            set.len(),
            2,
            "Priya's note is new to Sam, Sam's changed: {set:?}"
        );
        assert!(delta.del.is_empty());
        assert!(delta.put.contains_key("room"), "the hidden count changed");
        assert!(after.delta(&after).is_empty());
        // Hiding a note again removes it from Sam's view.
        apply(
            &mut s,
            Edit::SetHidden {
                what: Hideable::PainPoint(Id(4)),
                hidden: true,
            },
        )
        .unwrap();
        let hidden_again = view(&s, 2).delta(&after);
        assert_eq!(hidden_again.del.get("pains"), Some(&json!([4])));
    }

    #[test]
    fn a_vote_shows_my_dots_and_totals_only_once_revealed() {
        let mut s = session();
        let reveal = s.reveal_pain_points_edit().unwrap();
        apply(&mut s, reveal).unwrap();
        apply(
            &mut s,
            Edit::StartVote(Vote::new(VoteOn::PainPoints, 2).unwrap()),
        )
        .unwrap();
        apply(
            &mut s,
            Edit::PlaceDot {
                participant: Id(2),
                note: Id(4),
            },
        )
        .unwrap();
        let priya = view(&s, 1).part("vote");
        assert_eq!(priya["mine"], json!([]));
        assert_eq!(priya["left"], json!(2));
        assert_eq!(priya["totals"], Value::Null, "totals hidden until revealed");
        let sam = view(&s, 2).part("vote");
        assert_eq!(sam["mine"], json!([4]));
        apply(&mut s, Edit::RevealVote(true)).unwrap();
        let totals = view(&s, 1).part("vote")["totals"].clone();
        assert_eq!(totals, json!([[4, 1], [5, 0]]));
    }
}
