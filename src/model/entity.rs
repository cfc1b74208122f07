//! Entities: everything in a session that has an id (METHOD.md's terms),
//! as one type for the edits that add, put back, replace and remove them
//! ([`crate::model::Edit`]), and the free-text fields of each.

use serde::{Deserialize, Serialize};

use super::{
    Airlock, Change, Flow, Id, Owner, PainPoint, Participant, Quadrant, Session, SessionHeader,
    Task, Tool, Zone,
};

/// Which kind of entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityKind {
    /// A tool on the map (Step 1).
    Tool,
    /// A flow between two tools (Step 1).
    Flow,
    /// A task note (Step 3).
    Task,
    /// Someone in the workshop.
    Participant,
    /// A pain point (Step 2).
    PainPoint,
    /// A gate between two zones (Step 4).
    Airlock,
    /// An action item with a metric (Step 4).
    Change,
}

impl EntityKind {
    /// "tool", "flow", "task", "participant", "pain point", "airlock" or
    /// "change", for messages.
    pub fn noun(self) -> &'static str {
        match self {
            Self::Tool => "tool",
            Self::Flow => "flow",
            Self::Task => "task",
            Self::Participant => "participant",
            Self::PainPoint => "pain point",
            Self::Airlock => "airlock",
            Self::Change => "change",
        }
    }
}

/// Any entity of a session that has an id.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Entity {
    /// A tool (Step 1).
    Tool(Tool),
    /// A flow between two existing, distinct tools (Step 1).
    Flow(Flow),
    /// A task note (Step 3).
    Task(Task),
    /// A participant.
    Participant(Participant),
    /// A pain point (Step 2).
    PainPoint(PainPoint),
    /// An airlock (Step 4).
    Airlock(Airlock),
    /// A change (Step 4).
    Change(Change),
}

impl Entity {
    /// Its id.
    pub fn id(&self) -> Id {
        match self {
            Self::Tool(x) => x.id,
            Self::Flow(x) => x.id,
            Self::Task(x) => x.id,
            Self::Participant(x) => x.id,
            Self::PainPoint(x) => x.id,
            Self::Airlock(x) => x.id,
            Self::Change(x) => x.id,
        }
    }

    /// Its kind.
    pub fn kind(&self) -> EntityKind {
        match self {
            Self::Tool(_) => EntityKind::Tool,
            Self::Flow(_) => EntityKind::Flow,
            Self::Task(_) => EntityKind::Task,
            Self::Participant(_) => EntityKind::Participant,
            Self::PainPoint(_) => EntityKind::PainPoint,
            Self::Airlock(_) => EntityKind::Airlock,
            Self::Change(_) => EntityKind::Change,
        }
    }

    /// The same entity under another id.
    pub(crate) fn set_id(&mut self, id: Id) {
        match self {
            Self::Tool(x) => x.id = id,
            Self::Flow(x) => x.id = id,
            Self::Task(x) => x.id = id,
            Self::Participant(x) => x.id = id,
            Self::PainPoint(x) => x.id = id,
            Self::Airlock(x) => x.id = id,
            Self::Change(x) => x.id = id,
        }
    }

    /// Visit each free-text field with its name ("name", "label" …).
    pub fn texts_mut(&mut self, f: &mut dyn FnMut(&'static str, &mut String)) {
        match self {
            Self::Tool(x) => x.texts_mut(f),
            Self::Flow(x) => x.texts_mut(f),
            Self::Task(x) => x.texts_mut(f),
            Self::Participant(x) => x.texts_mut(f),
            Self::PainPoint(x) => x.texts_mut(f),
            Self::Airlock(x) => x.texts_mut(f),
            Self::Change(x) => x.texts_mut(f),
        }
    }
}

/// Something of a session that holds free text: one list of its text
/// fields, read-only and mutable (names for messages: "name", "label" …).
pub trait Texts {
    /// Visit each text field.
    fn texts(&self, f: &mut dyn FnMut(&'static str, &str));
    /// Visit each text field, mutably.
    fn texts_mut(&mut self, f: &mut dyn FnMut(&'static str, &mut String));
}

/// [`Texts`] for a struct whose text fields are plain `String`s.
macro_rules! plain_texts {
    ($ty:ty: $($field:ident => $name:literal),+) => {
        impl Texts for $ty {
            fn texts(&self, f: &mut dyn FnMut(&'static str, &str)) {
                $(f($name, &self.$field);)+
            }
            fn texts_mut(&mut self, f: &mut dyn FnMut(&'static str, &mut String)) {
                $(f($name, &mut self.$field);)+
            }
        }
    };
}

plain_texts!(Tool: name => "name");
plain_texts!(Flow: label => "label");
plain_texts!(Task: name => "name");
plain_texts!(Participant: name => "name");
plain_texts!(PainPoint: text => "text");
plain_texts!(Airlock: name => "name", entry => "entry", exit => "exit", handover => "handover");
plain_texts!(Zone: principles => "principles");
plain_texts!(
    SessionHeader: title => "title",
    team => "team",
    quarter => "quarter",
    date => "date",
    facilitator => "facilitator"
);

impl Texts for Change {
    fn texts(&self, f: &mut dyn FnMut(&'static str, &str)) {
        f("description", &self.description);
        f("metric", &self.metric);
        f("unit", &self.unit);
        if let Owner::Named(name) = &self.owner {
            f("owner", name);
        }
    }

    fn texts_mut(&mut self, f: &mut dyn FnMut(&'static str, &mut String)) {
        f("description", &mut self.description);
        f("metric", &mut self.metric);
        f("unit", &mut self.unit);
        if let Owner::Named(name) = &mut self.owner {
            f("owner", name);
        }
    }
}

/// Whose text a field of the session is, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextOwner {
    /// The session header.
    Header,
    /// The zone of a quadrant (Step 4).
    Zone(Quadrant),
    /// The dot vote's question.
    Vote,
    /// An entity.
    Entity(EntityKind, Id),
}

impl TextOwner {
    /// The entity's id, when the text belongs to one.
    pub fn id(self) -> Option<Id> {
        match self {
            Self::Entity(_, id) => Some(id),
            Self::Header | Self::Zone(_) | Self::Vote => None,
        }
    }

    /// "header title", "zone Orchestra principles", "dot vote question",
    /// "tool 3 name".
    pub fn describe(self, field: &str) -> String {
        match self {
            Self::Header => format!("header {field}"),
            Self::Zone(q) => format!("zone {} {field}", q.title()),
            Self::Vote => format!("dot vote {field}"),
            Self::Entity(kind, id) => format!("{} {} {field}", kind.noun(), id.0),
        }
    }
}

/// The walk over every text of a session, for [`Session::texts`] and
/// [`Session::texts_mut`] (`$($m)?` is `mut` for the latter).
macro_rules! session_texts {
    ($s:ident, $f:ident, $texts:ident $(, $m:ident)?) => {{
        $s.header.$texts(&mut |field, text| $f(TextOwner::Header, field, text));
        for x in &$($m)? $s.participants {
            let owner = TextOwner::Entity(EntityKind::Participant, x.id);
            x.$texts(&mut |field, text| $f(owner, field, text));
        }
        for x in &$($m)? $s.tools {
            let owner = TextOwner::Entity(EntityKind::Tool, x.id);
            x.$texts(&mut |field, text| $f(owner, field, text));
        }
        for x in &$($m)? $s.flows {
            let owner = TextOwner::Entity(EntityKind::Flow, x.id);
            x.$texts(&mut |field, text| $f(owner, field, text));
        }
        for x in &$($m)? $s.pain_points {
            let owner = TextOwner::Entity(EntityKind::PainPoint, x.id);
            x.$texts(&mut |field, text| $f(owner, field, text));
        }
        for x in &$($m)? $s.tasks {
            let owner = TextOwner::Entity(EntityKind::Task, x.id);
            x.$texts(&mut |field, text| $f(owner, field, text));
        }
        for x in &$($m)? $s.zones {
            let owner = TextOwner::Zone(x.quadrant);
            x.$texts(&mut |field, text| $f(owner, field, text));
        }
        for x in &$($m)? $s.airlocks {
            let owner = TextOwner::Entity(EntityKind::Airlock, x.id);
            x.$texts(&mut |field, text| $f(owner, field, text));
        }
        for x in &$($m)? $s.changes {
            let owner = TextOwner::Entity(EntityKind::Change, x.id);
            x.$texts(&mut |field, text| $f(owner, field, text));
        }
    }};
}

impl Session {
    /// Visit every free text of the session with whose it is: the header,
    /// the entities in the order of the file's sections, the zones'
    /// principles and the dot vote's question.
    pub fn texts(&self, mut f: impl FnMut(TextOwner, &'static str, &str)) {
        session_texts!(self, f, texts);
        if let Some(vote) = &self.vote {
            f(TextOwner::Vote, "question", vote.question());
        }
    }

    /// [`Session::texts`], mutably.
    pub fn texts_mut(&mut self, mut f: impl FnMut(TextOwner, &'static str, &mut String)) {
        session_texts!(self, f, texts_mut, mut);
        if let Some(vote) = &mut self.vote {
            f(TextOwner::Vote, "question", vote.question_mut());
        }
    }
}
