//! The reviewer's checklist, point by point as SR 6–7 set the scope of a review.

use entity::enums::DisclosureAttribute;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::error::{ApiError, ErrorCode};

/// What the review found about commercial secrets and personal privacy (SR 7(3)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ThirdPartyFinding {
    /// The text holds neither.
    None,
    /// What there was has been masked.
    Masked,
    /// The right holder was consulted and agreed, or the body decided after the Art. 32 period.
    Consulted,
    /// The right holder must be consulted first: the review cannot pass yet.
    ConsultNeeded,
}

/// The SR 7 checklist as the reviewer answered it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Checklist {
    /// SR 7(1): the text holds no state secret.
    pub no_state_secret: bool,
    /// SR 7(1): publishing it endangers neither national, public or economic security nor social
    /// stability (三安全一稳定).
    pub no_security_risk: bool,
    /// SR 7(2): for each sensitive domain marked, the competent authority and its procedure are named
    /// and were followed (true when the item touches none).
    pub sensitive_domains_cleared: bool,
    /// SR 7(3): commercial secrets and personal privacy.
    pub third_party: ThirdPartyFinding,
    /// Every finding of the scan still in the text was looked at and may lawfully be published (an
    /// office telephone, a company's public code).
    pub remaining_hits_lawful: bool,
    /// SR 6(1), 6(3): the disclosure attribute, and for on-application or not-disclosed its ground
    /// and reason, are right.
    pub attribute_confirmed: bool,
}

impl Checklist {
    /// Whether the checklist lets a review pass for an item of this attribute. Publication needs
    /// every point; withholding needs the attribute confirmed and no consultation left to make.
    pub fn allows_passing(&self, attribute: DisclosureAttribute, marks_in_text: usize) -> Result<(), ApiError> {
        let incomplete = |field: &str| Err(ApiError::Rule(ErrorCode::ChecklistIncomplete, Some(field.into())));
        if !self.attribute_confirmed {
            return incomplete("checklist.attribute_confirmed");
        }
        if self.third_party == ThirdPartyFinding::ConsultNeeded {
            return incomplete("checklist.third_party");
        }
        if attribute != DisclosureAttribute::Proactive {
            return Ok(());
        }
        if marks_in_text > 0 {
            return Err(ApiError::Rule(ErrorCode::ClassificationMarkPresent, Some("body".into())));
        }
        for (ok, field) in [
            (self.no_state_secret, "checklist.no_state_secret"),
            (self.no_security_risk, "checklist.no_security_risk"),
            (self.sensitive_domains_cleared, "checklist.sensitive_domains_cleared"),
            (self.remaining_hits_lawful, "checklist.remaining_hits_lawful"),
        ] {
            if !ok {
                return incomplete(field);
            }
        }
        Ok(())
    }
}
