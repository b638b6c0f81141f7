//! The approval route of a clarification, computed from CL 7: who must consent and who must
//! approve, in order, before a clarification is issued — from the name it is issued in, the other
//! units whose duties it touches, and whether it is important or sensitive. Pure, so the route can
//! be shown (with its legal basis) before anything starts and checked against the rule's table.
//!
//! CL 7: (1) in the county government's name, the county government approves; (2) in a department's
//! name, the department's head approves, the departments whose duties it touches consent first, the
//! county government approves an important or sensitive one, and a stationed central or provincial
//! body also needs its direct superior; (3) in a township's or the development zone's name, its head
//! approves, the county departments whose duties it touches consent first, the county government
//! approves an important or sensitive one. Public enterprises and empowered organisations apply the
//! rule by reference (CL 10–11) and are routed as departments.

use entity::enums::{OversightFunction, UnitKind};
use serde::Serialize;
use utoipa::ToSchema;
use uuid::Uuid;

/// The name a clarification is issued in, as CL 7 tells them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Issuer {
    /// 以县政府名义 (CL 7(1)).
    CountyGovernment,
    /// 以部门名义 (CL 7(2)); also public enterprises and empowered organisations by reference.
    Department,
    /// 中省直驻永吉部门 (CL 7(2)): a department that also answers to its own superior.
    Stationed,
    /// 以乡镇或开发区名义 (CL 7(3)).
    Township,
}

impl Issuer {
    /// The issuer a unit speaks as.
    pub fn of(kind: UnitKind, function: Option<OversightFunction>) -> Self {
        match (kind, function) {
            (_, Some(OversightFunction::CountyGovernment)) => Self::CountyGovernment,
            (UnitKind::Township | UnitKind::DevelopmentZone, _) => Self::Township,
            (UnitKind::Stationed, _) => Self::Stationed,
            _ => Self::Department,
        }
    }

    fn basis(self) -> &'static str {
        match self {
            Self::CountyGovernment => "澄清制度第七条第（一）项",
            Self::Department | Self::Stationed => "澄清制度第七条第（二）项",
            Self::Township => "澄清制度第七条第（三）项",
        }
    }
}

/// One step of the route.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Step {
    /// A unit whose duties the clarification touches consents (会签同意).
    Consent { unit_id: Uuid },
    /// The issuing unit's head approves (本单位主要负责人审批).
    HeadApproval { unit_id: Uuid },
    /// The stationed body's direct superior approves, outside the county: recorded as an external
    /// step (上级主管部门审批).
    SuperiorApproval,
    /// The county government approves (县政府审批).
    CountyGovernmentApproval,
}

/// A step with the clause that requires it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct RouteStep {
    pub step: Step,
    pub basis: &'static str,
}

/// What the route is computed from.
#[derive(Debug, Clone)]
pub struct RouteInput {
    pub issuer: Issuer,
    pub issuing_unit: Uuid,
    /// The other units whose duties it touches, in the order named; the issuer itself and repeats
    /// are ignored.
    pub touches: Vec<Uuid>,
    pub important_or_sensitive: bool,
}

/// The steps in the order they must be taken: consents first, then the issuer's head, then (for a
/// stationed body) its superior, then the county government when it must approve.
pub fn route(input: &RouteInput) -> Vec<RouteStep> {
    let basis = input.issuer.basis();
    if input.issuer == Issuer::CountyGovernment {
        // In the county government's name it approves, whatever the clarification touches.
        return vec![RouteStep { step: Step::CountyGovernmentApproval, basis }];
    }
    let mut steps = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for unit in &input.touches {
        if *unit != input.issuing_unit && seen.insert(*unit) {
            steps.push(RouteStep { step: Step::Consent { unit_id: *unit }, basis });
        }
    }
    steps.push(RouteStep { step: Step::HeadApproval { unit_id: input.issuing_unit }, basis });
    if input.issuer == Issuer::Stationed {
        steps.push(RouteStep { step: Step::SuperiorApproval, basis });
    }
    if input.important_or_sensitive {
        steps.push(RouteStep { step: Step::CountyGovernmentApproval, basis });
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every situation of CL 7, written out: issuer × touches others × important or sensitive →
    /// the steps in order (C = consent of each unit touched, H = the issuer's head, S = the
    /// stationed body's superior, G = the county government).
    #[test]
    fn the_route_for_every_situation_of_cl7() {
        let me = Uuid::from_u128(1);
        let (a, b) = (Uuid::from_u128(2), Uuid::from_u128(3));
        let table: &[(Issuer, bool, bool, &str)] = &[
            (Issuer::CountyGovernment, false, false, "G"),
            (Issuer::CountyGovernment, true, false, "G"),
            (Issuer::CountyGovernment, false, true, "G"),
            (Issuer::CountyGovernment, true, true, "G"),
            (Issuer::Department, false, false, "H"),
            (Issuer::Department, true, false, "C C H"),
            (Issuer::Department, false, true, "H G"),
            (Issuer::Department, true, true, "C C H G"),
            (Issuer::Stationed, false, false, "H S"),
            (Issuer::Stationed, true, false, "C C H S"),
            (Issuer::Stationed, false, true, "H S G"),
            (Issuer::Stationed, true, true, "C C H S G"),
            (Issuer::Township, false, false, "H"),
            (Issuer::Township, true, false, "C C H"),
            (Issuer::Township, false, true, "H G"),
            (Issuer::Township, true, true, "C C H G"),
        ];
        for (issuer, touches, important, expected) in table {
            let input = RouteInput {
                issuer: *issuer,
                issuing_unit: me,
                touches: if *touches { vec![a, b, a, me] } else { vec![] },
                important_or_sensitive: *important,
            };
            let got: Vec<&str> = route(&input)
                .iter()
                .map(|s| match s.step {
                    Step::Consent { .. } => "C",
                    Step::HeadApproval { .. } => "H",
                    Step::SuperiorApproval => "S",
                    Step::CountyGovernmentApproval => "G",
                })
                .collect();
            assert_eq!(got.join(" "), *expected, "{issuer:?} touches={touches} important={important}");
        }
    }

    #[test]
    fn consents_come_from_the_units_touched_in_the_order_named_and_cite_the_clause() {
        let me = Uuid::from_u128(1);
        let (a, b) = (Uuid::from_u128(2), Uuid::from_u128(3));
        let steps = route(&RouteInput {
            issuer: Issuer::Township,
            issuing_unit: me,
            touches: vec![b, a],
            important_or_sensitive: false,
        });
        assert_eq!(steps[0], RouteStep { step: Step::Consent { unit_id: b }, basis: "澄清制度第七条第（三）项" });
        assert_eq!(steps[1].step, Step::Consent { unit_id: a });
        assert_eq!(steps[2].step, Step::HeadApproval { unit_id: me });
    }

    #[test]
    fn each_unit_speaks_as_the_issuer_cl7_names() {
        assert_eq!(
            Issuer::of(UnitKind::CountyBody, Some(OversightFunction::CountyGovernment)),
            Issuer::CountyGovernment
        );
        assert_eq!(Issuer::of(UnitKind::Township, None), Issuer::Township);
        assert_eq!(Issuer::of(UnitKind::DevelopmentZone, None), Issuer::Township);
        assert_eq!(Issuer::of(UnitKind::Stationed, None), Issuer::Stationed);
        assert_eq!(Issuer::of(UnitKind::Department, Some(OversightFunction::OpennessOffice)), Issuer::Department);
        assert_eq!(Issuer::of(UnitKind::PublicEnterprise, None), Issuer::Department);
    }
}
