//! The room's own state, beside the session: who holds which participant
//! key, which phone connections are open, which operations were applied
//! (so a resent one is applied once), what each participant did (to undo
//! it all), the lock and the short code. No networking, no egui: shared by
//! the server's tasks and the app's thread behind one mutex.

use std::collections::{BTreeMap, HashMap, HashSet, VecDeque};
use std::net::IpAddr;

use tokio::sync::mpsc::Sender;
use tokio::sync::mpsc::error::TrySendError;

use super::guard::CodeGuard;
use super::protocol::ServerMsg;
use super::to_edit::Done;
use crate::model::Id;

/// Most participants that may join one room from phones.
pub const MAX_PARTICIPANTS: usize = 60;
/// Most open connections (joined or not) at once.
pub const MAX_CONNECTIONS: usize = 200;
/// Most connections one participant may hold at once (tabs, reloads).
pub const MAX_CONNECTIONS_PER_PARTICIPANT: usize = 4;
/// Operation numbers remembered per participant for spotting resends.
pub const OPS_REMEMBERED: usize = 1_024;
/// Actions remembered per participant for "undo everything they did"
/// (older ones stay in the session and in the undo history).
pub const DONE_REMEMBERED: usize = 10_000;

/// A connection's number, unique within a room.
pub type ConnId = u64;

/// Messages waiting for one connection at most: a phone that falls this
/// far behind (it does not read) is dropped rather than queued for.
pub const DIRECT_QUEUE: usize = 256;

/// What the app (or the room) tells one connection.
#[derive(Clone, Debug)]
pub enum Direct {
    /// Send this message (after any pending view delta).
    Send(ServerMsg),
    /// The connection now belongs to this participant: send the snapshot.
    Welcome {
        /// Who.
        participant: Id,
        /// Their key.
        key: String,
    },
    /// Say why and close.
    Close {
        /// For a person.
        reason: String,
        /// The participant key is void (removed, room closed).
        is_final: bool,
    },
}

/// What happened to an operation, as told to the phone.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpOutcome {
    /// Applied.
    Applied,
    /// Refused, with the reason.
    Refused(String),
}

/// Where an operation number stands.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpState {
    /// Never seen: forward it (it is now pending).
    New,
    /// Forwarded, not yet applied: ignore the resend.
    Pending,
    /// Already done: tell the phone again, apply nothing.
    Done(OpOutcome),
}

#[derive(Debug, Default)]
struct Ops {
    done: HashMap<u64, OpOutcome>,
    order: VecDeque<u64>,
    pending: HashSet<u64>,
}

/// A participant who joined from a phone.
#[derive(Debug)]
pub struct Member {
    /// Their key (kept in the phone's storage).
    key: String,
    /// Open connections.
    connections: usize,
    ops: Ops,
}

/// A phone waiting for the facilitator's yes to join under a name that is
/// already in the session's participant list (issue 17: anyone could
/// become a listed participant and read their private scores).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WaitingJoin {
    /// The request's number within the room, for Accept / Refuse.
    pub ticket: u64,
    /// The listed participant asked for.
    pub participant: Id,
    /// Their name as listed.
    pub name: String,
}

#[derive(Debug)]
struct Waiter {
    conn: ConnId,
    participant: Id,
    name: String,
}

#[derive(Debug)]
struct Conn {
    participant: Option<Id>,
    addr: IpAddr,
    tx: Sender<Direct>,
}

/// The room beside the session.
#[derive(Debug)]
pub struct Room {
    locked: bool,
    closed: bool,
    keys: HashMap<String, Id>,
    members: BTreeMap<Id, Member>,
    removed: HashSet<Id>,
    /// What each participant did from a phone, oldest first; kept after
    /// they are removed, so that it can still be undone.
    done: BTreeMap<Id, Vec<Done>>,
    conns: HashMap<ConnId, Conn>,
    next_conn: ConnId,
    codes: CodeGuard,
    /// Phones waiting for the facilitator's yes, by ticket (oldest first).
    waiting: BTreeMap<u64, Waiter>,
    next_ticket: u64,
}

/// Why a connection or a join is refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum JoinError {
    /// The room takes no new participants.
    #[error("The room is locked: ask the facilitator to let you in.")]
    Locked,
    /// The room is closed.
    #[error("The room is closed.")]
    Closed,
    /// [`MAX_PARTICIPANTS`] already joined.
    #[error("The room is full ({MAX_PARTICIPANTS} participants).")]
    Full,
    /// [`MAX_CONNECTIONS`] open.
    #[error("Too many phones are connected; try again in a moment.")]
    Busy,
    /// The facilitator did not let this phone in under a listed name.
    #[error("The facilitator did not let you in as {0}: join with your own name.")]
    NotAdmitted(String),
    /// That participant was removed by the facilitator.
    #[error("The facilitator removed {0} from the room.")]
    Removed(String),
    /// The key is not (or no longer) valid.
    #[error("This phone's place in the room is gone: join again with your name.")]
    UnknownKey,
    /// Too many connections for one participant.
    #[error("You are connected from too many tabs; close one.")]
    TooManyTabs,
}

impl Room {
    /// A room with this short code, open and unlocked.
    pub fn new(code: String) -> Self {
        Self {
            locked: false,
            closed: false,
            keys: HashMap::new(),
            members: BTreeMap::new(),
            removed: HashSet::new(),
            done: BTreeMap::new(),
            conns: HashMap::new(),
            next_conn: 1,
            codes: CodeGuard::new(code),
            waiting: BTreeMap::new(),
            next_ticket: 1,
        }
    }

    /// The short code.
    pub fn code(&self) -> &str {
        self.codes.code()
    }

    /// The short-code guard (checks and rate limits).
    pub fn codes_mut(&mut self) -> &mut CodeGuard {
        &mut self.codes
    }

    /// Whether new participants are refused.
    pub fn is_locked(&self) -> bool {
        self.locked
    }

    /// Lock or unlock the room.
    pub fn set_locked(&mut self, locked: bool) {
        self.locked = locked;
    }

    /// Whether the room is closed.
    pub fn is_closed(&self) -> bool {
        self.closed
    }

    /// Whether a short code may be taken now.
    pub fn takes_codes(&self) -> bool {
        !self.locked && !self.closed
    }

    /// Register a new connection from `addr`.
    ///
    /// # Errors
    /// [`JoinError::Closed`] or [`JoinError::Busy`].
    pub fn connect(&mut self, addr: IpAddr, tx: Sender<Direct>) -> Result<ConnId, JoinError> {
        if self.closed {
            return Err(JoinError::Closed);
        }
        if self.conns.len() >= MAX_CONNECTIONS {
            return Err(JoinError::Busy);
        }
        let id = self.next_conn;
        self.next_conn += 1;
        self.conns.insert(
            id,
            Conn {
                participant: None,
                addr,
                tx,
            },
        );
        Ok(id)
    }

    /// A connection ended (a wait of its own ends with it).
    pub fn disconnect(&mut self, conn: ConnId) {
        self.waiting.retain(|_, w| w.conn != conn);
        if let Some(c) = self.conns.remove(&conn)
            && let Some(p) = c.participant
            && let Some(m) = self.members.get_mut(&p)
        {
            m.connections = m.connections.saturating_sub(1);
        }
    }

    /// The address a connection comes from.
    pub fn addr_of(&self, conn: ConnId) -> Option<IpAddr> {
        self.conns.get(&conn).map(|c| c.addr)
    }

    /// The participant a connection belongs to, once joined.
    pub fn participant_of(&self, conn: ConnId) -> Option<Id> {
        self.conns.get(&conn).and_then(|c| c.participant)
    }

    /// Whether a new participant could join now (checked again when the
    /// join is applied).
    ///
    /// # Errors
    /// [`JoinError::Locked`], [`JoinError::Closed`], [`JoinError::Full`].
    pub fn may_join(&self) -> Result<(), JoinError> {
        if self.closed {
            Err(JoinError::Closed)
        } else if self.locked {
            Err(JoinError::Locked)
        } else if self.members.len() >= MAX_PARTICIPANTS {
            Err(JoinError::Full)
        } else {
            Ok(())
        }
    }

    /// Whether `participant` (listed in the session) may be asked for by a
    /// new phone; it then waits for the facilitator ([`Room::wait`]).
    ///
    /// # Errors
    /// [`JoinError::Removed`] (with `name`): the facilitator removed them.
    pub fn may_claim(&self, participant: Id, name: &str) -> Result<(), JoinError> {
        if self.removed.contains(&participant) {
            Err(JoinError::Removed(name.to_owned()))
        } else {
            Ok(())
        }
    }

    /// Connection `conn` asks to join as the listed `participant`
    /// (`name`): it waits for the facilitator's yes. Its ticket.
    pub fn wait(&mut self, conn: ConnId, participant: Id, name: &str) -> u64 {
        // One wait per connection: asking again replaces the first.
        self.waiting.retain(|_, w| w.conn != conn);
        let ticket = self.next_ticket;
        self.next_ticket += 1;
        self.waiting.insert(
            ticket,
            Waiter {
                conn,
                participant,
                name: name.to_owned(),
            },
        );
        ticket
    }

    /// The phones waiting for the facilitator's yes, oldest first.
    pub fn waiting(&self) -> Vec<WaitingJoin> {
        self.waiting
            .iter()
            .map(|(&ticket, w)| WaitingJoin {
                ticket,
                participant: w.participant,
                name: w.name.clone(),
            })
            .collect()
    }

    /// The facilitator lets the phone of `ticket` in: it becomes its
    /// participant, with `new_key` unless the participant already holds a
    /// key (another phone of theirs), which it then shares. The
    /// connection, the participant and the key to welcome it with; `None`
    /// when the ticket is gone (the phone left).
    pub fn admit(&mut self, ticket: u64, new_key: String) -> Option<(ConnId, Id, String)> {
        let w = self.waiting.remove(&ticket)?;
        if !self.conns.contains_key(&w.conn) {
            return None;
        }
        self.removed.remove(&w.participant);
        let key = match self.members.get(&w.participant) {
            Some(m) => {
                let key = m.key.clone();
                self.attach(w.conn, w.participant);
                key
            }
            None => {
                self.claim(w.conn, w.participant, new_key.clone());
                new_key
            }
        };
        Some((w.conn, w.participant, key))
    }

    /// The facilitator refuses the phone of `ticket`: its connection and
    /// the name it asked for; `None` when the ticket is gone.
    pub fn refuse(&mut self, ticket: u64) -> Option<(ConnId, String)> {
        self.waiting.remove(&ticket).map(|w| (w.conn, w.name))
    }

    /// `participant` joins with `key` on connection `conn`.
    pub fn claim(&mut self, conn: ConnId, participant: Id, key: String) {
        self.keys.insert(key.clone(), participant);
        self.members.insert(
            participant,
            Member {
                key,
                connections: 0,
                ops: Ops::default(),
            },
        );
        self.attach(conn, participant);
    }

    /// A phone comes back with its key on connection `conn`: the
    /// participant's id.
    ///
    /// # Errors
    /// [`JoinError::UnknownKey`], [`JoinError::Closed`],
    /// [`JoinError::TooManyTabs`].
    pub fn rejoin(&mut self, conn: ConnId, key: &str) -> Result<Id, JoinError> {
        if self.closed {
            return Err(JoinError::Closed);
        }
        let participant = self
            .keys
            .iter()
            .find(|(k, _)| super::guard::same_secret(k, key))
            .map(|(_, id)| *id)
            .ok_or(JoinError::UnknownKey)?;
        let tabs = self.members.get(&participant).map_or(0, |m| m.connections);
        if tabs >= MAX_CONNECTIONS_PER_PARTICIPANT {
            return Err(JoinError::TooManyTabs);
        }
        self.attach(conn, participant);
        Ok(participant)
    }

    fn attach(&mut self, conn: ConnId, participant: Id) {
        if let Some(c) = self.conns.get_mut(&conn) {
            if c.participant == Some(participant) {
                return;
            }
            if let Some(old) = c.participant.replace(participant)
                && let Some(m) = self.members.get_mut(&old)
            {
                m.connections = m.connections.saturating_sub(1);
            }
            if let Some(m) = self.members.get_mut(&participant) {
                m.connections += 1;
            }
        }
    }

    /// Where operation `op` of `participant` stands; a new one becomes
    /// pending.
    pub fn begin_op(&mut self, participant: Id, op: u64) -> OpState {
        let Some(m) = self.members.get_mut(&participant) else {
            return OpState::Done(OpOutcome::Refused("you are not in the room".to_owned()));
        };
        if let Some(outcome) = m.ops.done.get(&op) {
            return OpState::Done(outcome.clone());
        }
        if !m.ops.pending.insert(op) {
            return OpState::Pending;
        }
        OpState::New
    }

    /// Record what became of operation `op`, and what it did.
    pub fn finish_op(&mut self, participant: Id, op: u64, outcome: OpOutcome, done: Option<Done>) {
        let Some(m) = self.members.get_mut(&participant) else {
            return;
        };
        m.ops.pending.remove(&op);
        m.ops.done.insert(op, outcome);
        m.ops.order.push_back(op);
        while m.ops.order.len() > OPS_REMEMBERED {
            if let Some(old) = m.ops.order.pop_front() {
                m.ops.done.remove(&old);
            }
        }
        if let Some(done) = done {
            let log = self.done.entry(participant).or_default();
            log.push(done);
            if log.len() > DONE_REMEMBERED {
                log.remove(0);
            }
        }
    }

    /// What `participant` did from their phone, oldest first (also after
    /// they were removed from the room).
    pub fn done_by(&self, participant: Id) -> &[Done] {
        self.done
            .get(&participant)
            .map_or(&[][..], |d| d.as_slice())
    }

    /// How many connections are open.
    pub fn connection_count(&self) -> usize {
        self.conns.len()
    }

    /// Send a message to one connection (dropped if it is gone). A
    /// connection whose queue is full ([`DIRECT_QUEUE`]) is let go: its
    /// task ends and the phone reconnects.
    pub fn send(&mut self, conn: ConnId, direct: Direct) {
        let full = match self.conns.get(&conn).map(|c| c.tx.try_send(direct)) {
            Some(Err(TrySendError::Full(_))) => true,
            Some(Ok(()) | Err(TrySendError::Closed(_))) | None => false,
        };
        if full {
            tracing::info!("room: a phone stopped reading; dropping its connection");
            self.disconnect(conn);
        }
    }

    /// Send a message to every connection of `participant`.
    pub fn send_to(&mut self, participant: Id, direct: &Direct) {
        let conns: Vec<ConnId> = self
            .conns
            .iter()
            .filter(|(_, c)| c.participant == Some(participant))
            .map(|(&id, _)| id)
            .collect();
        for conn in conns {
            self.send(conn, direct.clone());
        }
    }

    /// The participants who joined from phones, with their number of open
    /// connections.
    pub fn members(&self) -> impl Iterator<Item = (Id, usize)> + '_ {
        self.members.iter().map(|(id, m)| (*id, m.connections))
    }

    /// Remove a participant from the room: their key is void, their
    /// phones are told and disconnected, and their name cannot join again.
    /// What they did stays (undo it separately).
    pub fn remove(&mut self, participant: Id) {
        if let Some(m) = self.members.remove(&participant) {
            self.keys.remove(&m.key);
        }
        self.removed.insert(participant);
        self.send_to(
            participant,
            &Direct::Close {
                reason: "The facilitator removed you from the room.".to_owned(),
                is_final: true,
            },
        );
    }

    /// Close the room: every phone is told, no key or code works any more.
    pub fn close(&mut self) {
        self.closed = true;
        self.keys.clear();
        let conns: Vec<ConnId> = self.conns.keys().copied().collect();
        for conn in conns {
            self.send(
                conn,
                Direct::Close {
                    reason: "The facilitator closed the room. Thank you!".to_owned(),
                    is_final: true,
                },
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn room_with_conn() -> (Room, ConnId, tokio::sync::mpsc::Receiver<Direct>) {
        let mut room = Room::new("123456".into());
        let (tx, rx) = tokio::sync::mpsc::channel(DIRECT_QUEUE);
        let conn = room.connect([127, 0, 0, 1].into(), tx).unwrap();
        (room, conn, rx)
    }

    #[test]
    fn rejoin_by_key_keeps_identity_and_a_wrong_key_gets_nothing() {
        let (mut room, conn, _rx) = room_with_conn();
        room.claim(conn, Id(7), "k".repeat(32));
        room.disconnect(conn);
        let (tx, _rx2) = tokio::sync::mpsc::channel(DIRECT_QUEUE);
        let again = room.connect([127, 0, 0, 1].into(), tx).unwrap();
        assert_eq!(room.rejoin(again, &"k".repeat(32)), Ok(Id(7)));
        assert_eq!(room.participant_of(again), Some(Id(7)));
        assert_eq!(
            room.rejoin(again, &"j".repeat(32)),
            Err(JoinError::UnknownKey)
        );
    }

    #[test]
    fn a_listed_name_waits_for_the_facilitator_and_shares_the_key_once_admitted() {
        let (mut room, conn, _rx) = room_with_conn();
        room.claim(conn, Id(7), "k".repeat(32));
        let (tx, _rx2) = tokio::sync::mpsc::channel(DIRECT_QUEUE);
        let second = room.connect([10, 0, 0, 9].into(), tx).unwrap();
        let ticket = room.wait(second, Id(7), "Priya");
        assert_eq!(
            room.waiting(),
            [WaitingJoin {
                ticket,
                participant: Id(7),
                name: "Priya".into()
            }]
        );
        // Nothing of Priya's until admitted.
        assert_eq!(room.participant_of(second), None);
        assert_eq!(
            room.admit(ticket, "new".into()),
            Some((second, Id(7), "k".repeat(32)))
        );
        assert_eq!(room.participant_of(second), Some(Id(7)));
        assert!(room.waiting().is_empty());
        // A refused or departed phone's ticket is gone.
        let (tx, _rx3) = tokio::sync::mpsc::channel(DIRECT_QUEUE);
        let third = room.connect([10, 0, 0, 9].into(), tx).unwrap();
        let t = room.wait(third, Id(7), "Priya");
        assert_eq!(room.refuse(t), Some((third, "Priya".into())));
        assert_eq!(room.admit(t, "x".into()), None);
        let t = room.wait(third, Id(7), "Priya");
        room.disconnect(third);
        assert_eq!(room.admit(t, "x".into()), None);
    }

    #[test]
    fn a_resent_operation_is_applied_once() {
        let (mut room, conn, _rx) = room_with_conn();
        room.claim(conn, Id(7), "k".into());
        assert_eq!(room.begin_op(Id(7), 1), OpState::New);
        assert_eq!(room.begin_op(Id(7), 1), OpState::Pending);
        room.finish_op(Id(7), 1, OpOutcome::Applied, None);
        assert_eq!(room.begin_op(Id(7), 1), OpState::Done(OpOutcome::Applied));
        assert_eq!(room.begin_op(Id(7), 2), OpState::New);
        // Another participant's op 1 is theirs.
        room.claim(conn, Id(8), "l".into());
        assert_eq!(room.begin_op(Id(8), 1), OpState::New);
    }

    #[test]
    fn locked_full_and_removed_rooms_say_why() {
        let (mut room, conn, mut rx) = room_with_conn();
        room.claim(conn, Id(1), "a".into());
        room.set_locked(true);
        assert_eq!(room.may_join(), Err(JoinError::Locked));
        assert!(!room.takes_codes());
        room.set_locked(false);
        room.remove(Id(1));
        assert!(matches!(
            rx.try_recv(),
            Ok(Direct::Close { is_final: true, .. })
        ));
        assert_eq!(room.rejoin(conn, "a"), Err(JoinError::UnknownKey));
        assert_eq!(
            room.may_claim(Id(1), "Priya"),
            Err(JoinError::Removed("Priya".into()))
        );
        for i in 0..MAX_PARTICIPANTS as u64 {
            room.claim(conn, Id(100 + i), format!("k{i}"));
        }
        assert_eq!(room.may_join(), Err(JoinError::Full));
        room.close();
        assert_eq!(room.may_join(), Err(JoinError::Closed));
    }
}
