//! Step 3 of the Rhythm Diagnosis (METHOD.md): the 2×2 task typology grid.

use serde::{Deserialize, Serialize};

/// Half-width of the band around each axis in which a task is *undecided*
/// (grid units, the grid spans −1..1 on both axes). A task dropped within
/// this distance of an axis is flagged for discussion instead of silently
/// assigned a quadrant.
pub const UNDECIDED_BAND: f32 = 0.08;

/// Where a task was dropped on the 2×2 grid, continuous, each axis −1..1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct GridPos {
    /// −1 = fully predictable, +1 = fully unpredictable.
    pub predictability: f32,
    /// −1 = low-stakes, +1 = high-stakes.
    pub stakes: f32,
}

/// A grid position outside −1..1 (or not a number), as given.
#[derive(Clone, Copy, Debug, PartialEq, thiserror::Error)]
#[error("grid position ({predictability}, {stakes}) is outside −1..1")]
pub struct GridError {
    /// The horizontal coordinate given.
    pub predictability: f64,
    /// The vertical coordinate given.
    pub stakes: f64,
}

impl GridPos {
    /// A grid position, each coordinate clamped to −1..1 (a non-finite
    /// coordinate becomes 0, i.e. undecided).
    pub fn new(predictability: f32, stakes: f32) -> Self {
        Self {
            predictability: clamp_unit(predictability),
            stakes: clamp_unit(stakes),
        }
    }

    /// The same position, each coordinate clamped to −1..1 (as
    /// [`GridPos::new`]).
    #[must_use]
    pub fn clamped(self) -> Self {
        Self::new(self.predictability, self.stakes)
    }

    /// A grid position given from outside (a phone), refused rather than
    /// clamped when it is not on the grid ([`GridPos::is_on_grid`]).
    ///
    /// # Errors
    /// [`GridError`] naming the position.
    pub fn checked(predictability: f64, stakes: f64) -> Result<Self, GridError> {
        #[allow(clippy::cast_possible_truncation)] // on the grid: within −1..1
        let pos = Self {
            predictability: predictability as f32,
            stakes: stakes as f32,
        };
        if predictability.is_finite() && stakes.is_finite() && pos.is_on_grid() {
            Ok(pos)
        } else {
            Err(GridError {
                predictability,
                stakes,
            })
        }
    }

    /// Whether both coordinates are finite and within −1..1: where a
    /// placed task may be. The one rule for it, used by
    /// [`super::Session::problems`] and the file loader (which clamp with
    /// [`GridPos::clamped`], as [`super::apply`] does).
    pub fn is_on_grid(self) -> bool {
        let ok = |v: f32| v.is_finite() && v.abs() <= 1.0;
        ok(self.predictability) && ok(self.stakes)
    }

    /// The quadrant this position falls in, or [`Placement::Undecided`] when
    /// it lies within [`UNDECIDED_BAND`] of either axis.
    pub fn placement(self) -> Placement {
        let Self {
            predictability: x,
            stakes: y,
        } = Self::new(self.predictability, self.stakes);
        if x.abs() < UNDECIDED_BAND || y.abs() < UNDECIDED_BAND {
            return Placement::Undecided;
        }
        Placement::Quadrant(match (x > 0.0, y > 0.0) {
            (false, true) => Quadrant::Orchestra,
            (true, true) => Quadrant::RehearsedJam,
            (true, false) => Quadrant::JamSession,
            (false, false) => Quadrant::Algorithm,
        })
    }
}

fn clamp_unit(v: f32) -> f32 {
    if v.is_finite() {
        v.clamp(-1.0, 1.0)
    } else {
        0.0
    }
}

/// One of the four quadrants of the typology grid and its recommended
/// rhythm (Step 3, METHOD.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Quadrant {
    /// Predictable + high-stakes (top-left): a conducted toolchain.
    Orchestra,
    /// Unpredictable + high-stakes (top-right): a clear team and channel,
    /// flexible tactics.
    RehearsedJam,
    /// Unpredictable + low-stakes (bottom-right): principles, not rules.
    JamSession,
    /// Predictable + low-stakes (bottom-left): automate it.
    Algorithm,
}

impl Quadrant {
    /// All four, in reading order: top-left, top-right, bottom-right, bottom-left.
    pub const ALL: [Quadrant; 4] = [
        Self::Orchestra,
        Self::RehearsedJam,
        Self::JamSession,
        Self::Algorithm,
    ];

    /// The recommended rhythm's name, as the quadrant's title.
    pub fn title(self) -> &'static str {
        match self {
            Self::Orchestra => "Orchestra",
            Self::RehearsedJam => "Rehearsed Jam",
            Self::JamSession => "Jam Session",
            Self::Algorithm => "Algorithm",
        }
    }

    /// The two axis poles, e.g. "Predictable + High-stakes".
    pub fn axes(self) -> &'static str {
        match self {
            Self::Orchestra => "Predictable + High-stakes",
            Self::RehearsedJam => "Unpredictable + High-stakes",
            Self::JamSession => "Unpredictable + Low-stakes",
            Self::Algorithm => "Predictable + Low-stakes",
        }
    }

    /// The recommendation in a few words (METHOD.md's table).
    pub fn advice(self) -> &'static str {
        match self {
            Self::Orchestra => "formalise, automate handoffs, document the score",
            Self::RehearsedJam => "a clear team and channel, flexible tactics",
            Self::JamSession => "principles, not rules; lightweight tools",
            Self::Algorithm => "automate it",
        }
    }

    /// The quadrant's centre on the grid, each axis −1..1.
    pub fn centre(self) -> GridPos {
        let (x, y) = match self {
            Self::Orchestra => (-0.5, 0.5),
            Self::RehearsedJam => (0.5, 0.5),
            Self::JamSession => (0.5, -0.5),
            Self::Algorithm => (-0.5, -0.5),
        };
        GridPos::new(x, y)
    }
}

/// A placed task's derived place: a quadrant, or undecided.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Placement {
    /// Clearly inside one quadrant.
    Quadrant(Quadrant),
    /// On or very near an axis: to be discussed.
    Undecided,
}

impl Placement {
    /// "Orchestra", …, or "undecided".
    pub fn label(self) -> &'static str {
        match self {
            Self::Quadrant(q) => q.title(),
            Self::Undecided => "undecided",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corners_land_in_their_quadrants() {
        let at = |x, y| GridPos::new(x, y).placement();
        assert_eq!(at(-0.5, 0.5), Placement::Quadrant(Quadrant::Orchestra));
        assert_eq!(at(0.5, 0.5), Placement::Quadrant(Quadrant::RehearsedJam));
        assert_eq!(at(0.5, -0.5), Placement::Quadrant(Quadrant::JamSession));
        assert_eq!(at(-0.5, -0.5), Placement::Quadrant(Quadrant::Algorithm));
    }

    #[test]
    fn near_an_axis_is_undecided() {
        let inside = UNDECIDED_BAND * 0.9;
        let outside = UNDECIDED_BAND * 1.1;
        assert_eq!(GridPos::new(inside, 0.9).placement(), Placement::Undecided);
        assert_eq!(
            GridPos::new(-0.9, -inside).placement(),
            Placement::Undecided
        );
        assert_eq!(GridPos::new(0.0, 0.0).placement(), Placement::Undecided);
        assert_eq!(
            GridPos::new(outside, outside).placement(),
            Placement::Quadrant(Quadrant::RehearsedJam)
        );
        assert_eq!(
            GridPos::new(-outside, -outside).placement(),
            Placement::Quadrant(Quadrant::Algorithm)
        );
    }

    #[test]
    fn coordinates_are_clamped_to_the_grid() {
        let p = GridPos::new(7.0, -3.0);
        assert_eq!((p.predictability, p.stakes), (1.0, -1.0));
        let p = GridPos::new(f32::NAN, f32::INFINITY);
        assert_eq!((p.predictability, p.stakes), (0.0, 0.0));
        assert_eq!(p.placement(), Placement::Undecided);
        // A stored out-of-range position still derives from the clamped one.
        let raw = GridPos {
            predictability: 5.0,
            stakes: 5.0,
        };
        assert_eq!(raw.placement(), Placement::Quadrant(Quadrant::RehearsedJam));
    }

    #[test]
    fn quadrant_centres_are_in_their_quadrant() {
        for q in Quadrant::ALL {
            assert_eq!(q.centre().placement(), Placement::Quadrant(q));
        }
    }
}
