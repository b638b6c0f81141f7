//! The leading group's rule for turning ratings into a unit's final rating (EV 5): points per
//! rating, an average per channel, the public's and the representatives' weights, and two
//! thresholds. Scores are kept in hundredths of a point as integers and rounded half up, so a
//! table worked out by hand gives the same figures.

use entity::enums::EvaluationRating;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::ApiError;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RatingRule {
    /// Points for 满意 (0–100).
    pub satisfied_points: u32,
    /// Points for 基本满意.
    pub basically_satisfied_points: u32,
    /// Points for 不满意.
    pub dissatisfied_points: u32,
    /// The public's weight in percent (public and paper questionnaires, EV 4(1)).
    pub public_weight: u32,
    /// The representatives' weight in percent (EV 4(2)); the two weights add up to 100.
    pub representative_weight: u32,
    /// A score from which the final rating is 满意, in hundredths of a point (8500 = 85.00).
    pub satisfied_from: u32,
    /// A score from which it is 基本满意; below it, 不满意.
    pub basically_satisfied_from: u32,
}

impl Default for RatingRule {
    fn default() -> Self {
        Self {
            satisfied_points: 100,
            basically_satisfied_points: 60,
            dissatisfied_points: 0,
            public_weight: 50,
            representative_weight: 50,
            satisfied_from: 8500,
            basically_satisfied_from: 6000,
        }
    }
}

impl RatingRule {
    /// The rule if it holds together: points that fall from 满意 to 不满意 within 0–100, weights that
    /// add up to 100, and thresholds that fall within 0–100 points.
    pub fn checked(self) -> Result<Self, ApiError> {
        let points = [self.satisfied_points, self.basically_satisfied_points, self.dissatisfied_points];
        if points.iter().any(|p| *p > 100) || points.windows(2).any(|w| w[0] < w[1]) {
            return Err(ApiError::field("rule.basically_satisfied_points", "range"));
        }
        if self.public_weight + self.representative_weight != 100 {
            return Err(ApiError::field("rule.representative_weight", "range"));
        }
        if self.satisfied_from > 10_000 || self.basically_satisfied_from >= self.satisfied_from {
            return Err(ApiError::field("rule.basically_satisfied_from", "range"));
        }
        Ok(self)
    }

    fn points(&self, rating: EvaluationRating) -> u64 {
        u64::from(match rating {
            EvaluationRating::Satisfied => self.satisfied_points,
            EvaluationRating::BasicallySatisfied => self.basically_satisfied_points,
            EvaluationRating::Dissatisfied => self.dissatisfied_points,
        })
    }

    /// The average points of a tally in hundredths, rounded half up; `None` without answers.
    pub fn score(&self, t: &Tally) -> Option<u32> {
        let n = t.total();
        if n == 0 {
            return None;
        }
        let sum = self.points(EvaluationRating::Satisfied) * t.satisfied
            + self.points(EvaluationRating::BasicallySatisfied) * t.basically_satisfied
            + self.points(EvaluationRating::Dissatisfied) * t.dissatisfied;
        u32::try_from(half_up(sum * 100, n)).ok()
    }

    /// The public's and the representatives' scores weighed together; a channel without answers
    /// leaves the other alone.
    pub fn combined(&self, public: Option<u32>, representatives: Option<u32>) -> Option<u32> {
        match (public, representatives) {
            (None, None) => None,
            (Some(p), None) => Some(p),
            (None, Some(r)) => Some(r),
            (Some(p), Some(r)) => {
                let sum =
                    u64::from(p) * u64::from(self.public_weight) + u64::from(r) * u64::from(self.representative_weight);
                u32::try_from(half_up(sum, 100)).ok()
            }
        }
    }

    /// The final rating of a score.
    pub fn rating(&self, score: u32) -> EvaluationRating {
        if score >= self.satisfied_from {
            EvaluationRating::Satisfied
        } else if score >= self.basically_satisfied_from {
            EvaluationRating::BasicallySatisfied
        } else {
            EvaluationRating::Dissatisfied
        }
    }
}

fn half_up(numerator: u64, denominator: u64) -> u64 {
    (2 * numerator + denominator) / (2 * denominator)
}

/// How many answers gave each rating.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, ToSchema)]
pub struct Tally {
    pub satisfied: u64,
    pub basically_satisfied: u64,
    pub dissatisfied: u64,
}

impl Tally {
    pub fn add(&mut self, rating: EvaluationRating) {
        match rating {
            EvaluationRating::Satisfied => self.satisfied += 1,
            EvaluationRating::BasicallySatisfied => self.basically_satisfied += 1,
            EvaluationRating::Dissatisfied => self.dissatisfied += 1,
        }
    }

    pub fn total(&self) -> u64 {
        self.satisfied + self.basically_satisfied + self.dissatisfied
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tally(s: u64, b: u64, d: u64) -> Tally {
        Tally { satisfied: s, basically_satisfied: b, dissatisfied: d }
    }

    #[test]
    fn the_default_rule_against_tables_worked_by_hand() {
        let rule = RatingRule::default();
        // Public 12 / 6 / 2: (12×100 + 6×60 + 2×0) / 20 = 1560 / 20 = 78.00.
        assert_eq!(rule.score(&tally(12, 6, 2)), Some(7800));
        // Representatives 1 / 1 / 0: (100 + 60) / 2 = 80.00.
        assert_eq!(rule.score(&tally(1, 1, 0)), Some(8000));
        // Half and half: 79.00, 基本满意 (60.00 ≤ 79.00 < 85.00).
        assert_eq!(rule.combined(Some(7800), Some(8000)), Some(7900));
        assert_eq!(rule.rating(7900), EvaluationRating::BasicallySatisfied);
        // 2 / 1 / 0: 260 / 3 = 86.666… → 86.67, 满意 even without representatives.
        assert_eq!(rule.score(&tally(2, 1, 0)), Some(8667));
        assert_eq!(rule.combined(Some(8667), None), Some(8667));
        assert_eq!(rule.rating(8667), EvaluationRating::Satisfied);
        // 1 / 2 / 3: 220 / 6 = 36.666… → 36.67, 不满意.
        assert_eq!(rule.score(&tally(1, 2, 3)), Some(3667));
        assert_eq!(rule.rating(3667), EvaluationRating::Dissatisfied);
        assert_eq!(rule.score(&tally(0, 0, 0)), None);
        // The thresholds themselves belong to the higher rating.
        assert_eq!(rule.rating(8500), EvaluationRating::Satisfied);
        assert_eq!(rule.rating(6000), EvaluationRating::BasicallySatisfied);
        assert_eq!(rule.rating(5999), EvaluationRating::Dissatisfied);
    }

    #[test]
    fn a_rule_of_the_groups_own_weighs_the_channels_as_it_says() {
        let rule = RatingRule {
            basically_satisfied_points: 80,
            public_weight: 60,
            representative_weight: 40,
            satisfied_from: 9000,
            basically_satisfied_from: 7000,
            ..RatingRule::default()
        }
        .checked()
        .unwrap();
        // Public 3 / 1 / 1: (300 + 80) / 5 = 76.00; representatives 2 / 0 / 0: 100.00.
        assert_eq!(rule.score(&tally(3, 1, 1)), Some(7600));
        assert_eq!(rule.score(&tally(2, 0, 0)), Some(10_000));
        // 0.6 × 76.00 + 0.4 × 100.00 = 45.60 + 40.00 = 85.60: 基本满意 under this rule's 90.00.
        assert_eq!(rule.combined(Some(7600), Some(10_000)), Some(8560));
        assert_eq!(rule.rating(8560), EvaluationRating::BasicallySatisfied);
    }

    #[test]
    fn a_rule_that_does_not_hold_together_is_refused_at_its_field() {
        let weights = RatingRule { public_weight: 70, ..RatingRule::default() }.checked().unwrap_err();
        assert!(format!("{weights:?}").contains("rule.representative_weight"));
        let points = RatingRule { dissatisfied_points: 70, ..RatingRule::default() }.checked().unwrap_err();
        assert!(format!("{points:?}").contains("rule.basically_satisfied_points"));
        let thresholds = RatingRule { basically_satisfied_from: 9000, ..RatingRule::default() }.checked().unwrap_err();
        assert!(format!("{thresholds:?}").contains("rule.basically_satisfied_from"));
    }
}
