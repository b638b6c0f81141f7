//! The letters of an application as PDF, built from the record of the step that sent them, so a
//! letter downloaded twice is the same letter. Rendering is CPU work: it runs off the async threads.

use actix_web::HttpResponse;
use entity::enums::ReplyOutcome;
use entity::{application, application_consultation, application_event, unit};
use gongkai_letters::{Letter, LetterKind, Remedy};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use super::outcome_label;
use crate::error::ApiError;
use crate::state::AppState;
use crate::tenancy::ScopedFind;
use crate::units::duties::Capacity;

fn kind_of(letter: &str) -> Option<LetterKind> {
    Some(match letter {
        "receipt" => LetterKind::Receipt,
        "correction_notice" => LetterKind::CorrectionNotice,
        "extension_notice" => LetterKind::ExtensionNotice,
        "third_party_consultation" => LetterKind::ThirdPartyConsultation,
        "fee_notice" => LetterKind::FeeNotice,
        "reply" => LetterKind::Reply,
        "third_party_disclosure_notice" => LetterKind::ThirdPartyDisclosureNotice,
        _ => return None,
    })
}

fn date_in(details: &serde_json::Value, key: &str) -> Option<chrono::NaiveDate> {
    details.get(key).and_then(|v| v.as_str()).and_then(|s| s.parse().ok())
}

/// The remedies an outcome leaves the applicant: a refusal to disclose goes to administrative review
/// before any lawsuit (Administrative Reconsideration Law 2023, Art. 23(1)(3)), and so does the
/// withheld part of a partial disclosure; every other outcome may go to review or to court.
pub fn remedy_of(outcome: Option<ReplyOutcome>) -> Remedy {
    use ReplyOutcome::*;
    match outcome {
        Some(
            WithheldStateSecret
            | WithheldProhibitedByLaw
            | WithheldSecurityStability
            | WithheldThirdPartyRights
            | WithheldInternalAffairs
            | WithheldProcessInformation
            | WithheldEnforcementFile
            | WithheldInquiryMatter,
        ) => Remedy::ReviewFirst,
        Some(PartiallyDisclosed) => Remedy::ReviewFirstForTheWithheldPart,
        _ => Remedy::ReviewOrLawsuit,
    }
}

fn reply_basis(outcome: Option<ReplyOutcome>) -> Vec<String> {
    use ReplyOutcome::*;
    let article = match outcome {
        Some(Disclosed) => "第三十六条第（一）项、第（二）项",
        Some(PartiallyDisclosed) => "第三十七条",
        Some(WithheldStateSecret | WithheldProhibitedByLaw | WithheldSecurityStability) => {
            "第十四条、第三十六条第（三）项"
        }
        Some(WithheldThirdPartyRights) => "第十五条、第三十二条、第三十六条第（三）项",
        Some(WithheldInternalAffairs | WithheldProcessInformation | WithheldEnforcementFile) => {
            "第十六条、第三十六条第（三）项"
        }
        Some(WithheldInquiryMatter) => "第三十六条第（七）项",
        Some(UnavailableNotHeld) => "第三十六条第（四）项、第（五）项",
        Some(UnavailableNeedsCreation) => "第三十八条",
        Some(UnavailableStillUnclear) => "第三十条",
        Some(NotProcessedPetition | NotProcessedPublication | NotProcessedConfirmation) => "第三十九条",
        Some(NotProcessedRepeated) => "第三十六条第（六）项",
        Some(NotProcessedMassRepeated) => "第三十五条",
        Some(OtherNoCorrection) => "第三十条",
        Some(OtherUnpaid) => "第四十二条",
        Some(OtherOther) | None => "第三十六条",
    };
    vec![format!("《中华人民共和国政府信息公开条例》{article}")]
}

/// Builds the letter of one step from the records.
pub async fn build(state: &AppState, app: &application::Model, event_id: Uuid) -> Result<Letter, ApiError> {
    let handling = super::service::handling_unit(app);
    let event = application_event::Entity::get_in(handling, event_id)
        .filter(application_event::Column::ApplicationId.eq(app.id))
        .one(&state.db)
        .await?
        .ok_or(ApiError::NotFound)?;
    let kind = event.letter.as_deref().and_then(kind_of).ok_or(ApiError::NotFound)?;
    let unit = unit::Entity::find_by_id(app.unit_id).one(&state.db).await?.ok_or(ApiError::NotFound)?;
    let details: serde_json::Value = serde_json::from_str(&event.details).unwrap_or_default();
    let base = state.settings.public_base_url.trim_end_matches('/');
    let mut letter = Letter {
        kind,
        issuer: unit.name.clone(),
        recipient: app.applicant_name.clone(),
        tracking_code: app.tracking_code.clone(),
        document_number: event.document_number.clone().unwrap_or_default(),
        issued_on: event.on_date,
        received_on: app.received_on,
        request_summary: app.description.chars().take(300).collect(),
        due_on: None,
        body: Vec::new(),
        legal_basis: Vec::new(),
        contact: format!("办理进度可凭查询号在 {base}/track 查询"),
        amount_yuan: None,
        agreed_by: None,
        remedy: remedy_of(app.outcome),
    };
    match kind {
        LetterKind::Receipt => {
            letter.legal_basis = vec!["《中华人民共和国政府信息公开条例》第三十一条、第三十三条".into()];
            if let Some(c) = super::service::clock_of(&state.db, app, &super::REPLY).await? {
                letter.due_on = Some(c.due_date);
            }
        }
        LetterKind::CorrectionNotice => {
            letter.body = vec![details.get("items").and_then(|v| v.as_str()).unwrap_or_default().to_string()];
            letter.due_on = date_in(&details, "correct_by");
            letter.legal_basis = vec!["《中华人民共和国政府信息公开条例》第三十条".into()];
        }
        LetterKind::ExtensionNotice => {
            letter.body = vec![details.get("reason").and_then(|v| v.as_str()).unwrap_or_default().to_string()];
            letter.due_on = date_in(&details, "new_due_date");
            let name = details.get("agreed_by").and_then(|v| v.as_str()).unwrap_or_default();
            // Extensions recorded before capacities were named were agreed as head of the office.
            let capacity = details
                .get("agreed_as")
                .and_then(|v| serde_json::from_value::<Capacity>(v.clone()).ok())
                .unwrap_or(Capacity::DisclosureOfficeHead);
            let title = capacity.title_zh();
            letter.agreed_by = Some(format!("{title}{name}"));
            letter.legal_basis = vec!["《中华人民共和国政府信息公开条例》第三十三条第二款".into()];
        }
        LetterKind::ThirdPartyConsultation => {
            let consultation_id: Option<Uuid> =
                details.get("consultation_id").and_then(|v| v.as_str()).and_then(|s| s.parse().ok());
            let consultation = match consultation_id {
                Some(id) => {
                    application_consultation::Entity::get_in(handling, id)
                        .filter(application_consultation::Column::ApplicationId.eq(app.id))
                        .one(&state.db)
                        .await?
                }
                None => None,
            };
            if let Some(c) = consultation {
                letter.recipient = c.party_name.clone();
                letter.body = vec![c.question.clone()];
            }
            letter.due_on = date_in(&details, "answer_by");
            letter.legal_basis = vec!["《中华人民共和国政府信息公开条例》第三十二条".into()];
        }
        LetterKind::ThirdPartyDisclosureNotice => {
            letter.recipient = details.get("party_name").and_then(|v| v.as_str()).unwrap_or_default().to_string();
            let reason = details.get("reason").and_then(|v| v.as_str()).unwrap_or_default();
            letter.body = vec![
                format!("决定公开的政府信息：{}", app.draft_text.clone().unwrap_or_default().trim()),
                format!("理由：{}", reason.trim()),
            ];
            letter.legal_basis = vec!["《中华人民共和国政府信息公开条例》第十五条、第三十二条".into()];
        }
        // Not an application's letter: `kind_of` never names it.
        LetterKind::EvaluationFeedback | LetterKind::EvaluationCirculation => return Err(ApiError::NotFound),
        LetterKind::FeeNotice => {
            let amount = app.fee_amount_fen.unwrap_or(0);
            letter.amount_yuan = Some(format!("{}.{:02}", amount / 100, amount % 100));
            letter.due_on = date_in(&details, "pay_by");
            if let Some(tiers) = details.pointer("/quote/tiers").and_then(|t| t.as_array()) {
                // Items are numbered within the month of receipt; pages within this application.
                let (scope_word, unit_word) = if app.fee_method.as_deref() == Some("per_page") {
                    ("本申请", "页")
                } else {
                    ("本月", "件")
                };
                letter.body = tiers
                    .iter()
                    .map(|t| {
                        let g = |k: &str| t.get(k).and_then(serde_json::Value::as_u64).unwrap_or(0);
                        format!(
                            "{scope_word}第{}至第{}{unit_word}：每{unit_word}{}元，小计{}.{:02}元",
                            g("from"),
                            g("to"),
                            g("rate_yuan"),
                            g("subtotal_fen") / 100,
                            g("subtotal_fen") % 100
                        )
                    })
                    .collect();
            }
            letter.legal_basis = vec![
                "《中华人民共和国政府信息公开条例》第四十二条".into(),
                "《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）".into(),
            ];
        }
        LetterKind::Reply => {
            let mut body = vec![format!("答复结果：{}。", app.outcome.map(outcome_label).unwrap_or("—"))];
            body.extend(
                app.reply_text
                    .as_deref()
                    .unwrap_or_default()
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from),
            );
            letter.body = body;
            letter.legal_basis = reply_basis(app.outcome);
        }
    }
    Ok(letter)
}

/// The letter as the reader may see it: an oversight body reads it with the person's name masked,
/// as everywhere else.
pub async fn letter_for(
    state: &AppState,
    app: &application::Model,
    event_id: Uuid,
    disclosure: super::views::Disclosure,
) -> Result<Letter, ApiError> {
    let mut letter = build(state, app, event_id).await?;
    if disclosure == super::views::Disclosure::Masked {
        let natural = app.applicant_kind == entity::enums::ApplicantKind::NaturalPerson;
        letter.recipient = super::identity::mask_name(&letter.recipient, natural);
    }
    Ok(letter)
}

pub async fn respond(
    state: &AppState,
    app: &application::Model,
    event_id: Uuid,
    disclosure: super::views::Disclosure,
) -> Result<HttpResponse, ApiError> {
    let letter = letter_for(state, app, event_id, disclosure).await?;
    let name = format!("{}-{}.pdf", app.tracking_code, letter.kind.title());
    let pdf = crate::download::render_letter(&state.letters, letter).await?;
    Ok(HttpResponse::Ok()
        .content_type("application/pdf")
        .insert_header(("Content-Disposition", crate::download::content_disposition(&name)))
        .insert_header(("Cache-Control", "private, no-store"))
        .body(pdf))
}

#[cfg(test)]
mod tests {
    use entity::enums::ReplyOutcome;
    use sea_orm::Iterable;

    use super::*;

    const REVIEW_OR_LAWSUIT: &str = "如对本答复不服，可以自收到本答复书之日起60日内依法申请行政复议，\
        或者自收到本答复书之日起6个月内依法向人民法院提起行政诉讼。";
    const REVIEW_FIRST: &str = "如对本答复不服，应当自收到本答复书之日起60日内先依法申请行政复议；\
        对行政复议决定不服的，可以依法向人民法院提起行政诉讼。";
    const PARTLY: &str = "如对本答复中不予公开的部分不服，应当自收到本答复书之日起60日内先依法申请行政复议，\
        对行政复议决定不服的，可以依法向人民法院提起行政诉讼；\
        对本答复其他内容不服的，可以自收到本答复书之日起60日内依法申请行政复议，\
        或者自收到本答复书之日起6个月内依法向人民法院提起行政诉讼。";

    fn sentence(outcome: ReplyOutcome) -> &'static str {
        gongkai_letters::remedy_sentence(remedy_of(Some(outcome)))
    }

    #[test]
    fn every_outcome_of_table_3_states_its_remedies_in_the_reply() {
        use ReplyOutcome::*;
        for outcome in ReplyOutcome::iter() {
            let expected = match outcome {
                WithheldStateSecret
                | WithheldProhibitedByLaw
                | WithheldSecurityStability
                | WithheldThirdPartyRights
                | WithheldInternalAffairs
                | WithheldProcessInformation
                | WithheldEnforcementFile
                | WithheldInquiryMatter => REVIEW_FIRST,
                PartiallyDisclosed => PARTLY,
                Disclosed
                | UnavailableNotHeld
                | UnavailableNeedsCreation
                | UnavailableStillUnclear
                | NotProcessedPetition
                | NotProcessedRepeated
                | NotProcessedPublication
                | NotProcessedMassRepeated
                | NotProcessedConfirmation
                | OtherNoCorrection
                | OtherUnpaid
                | OtherOther => REVIEW_OR_LAWSUIT,
            };
            assert_eq!(sentence(outcome), expected, "{outcome:?}");
        }
    }

    #[test]
    fn an_administrative_inquiry_matter_cites_article_36_item_7() {
        assert_eq!(
            reply_basis(Some(ReplyOutcome::WithheldInquiryMatter)),
            vec!["《中华人民共和国政府信息公开条例》第三十六条第（七）项".to_string()]
        );
    }
}
