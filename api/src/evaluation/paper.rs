//! Paper questionnaires (EV 4(1)): the leading group's staff enter each sheet with the batch it
//! came from (where and when it was handed out) and its number in the batch. A sheet entered twice
//! is kept and counted as discarded, like any other duplicate.

use actix_web::{HttpResponse, post, web};
use chrono::NaiveDate;
use entity::enums::{DiscardReason, ResponseChannel};
use serde::Deserialize;
use utoipa::ToSchema;
use uuid::Uuid;
use validator::Validate;

use super::public::{AnswerRequest, ResponseReceipt};
use super::responses::{self, Provenance};
use super::routes::campaign_in;
use crate::audit::AuditRecord;
use crate::auth::Authorized;
use crate::error::ApiError;
use crate::extract::ValidatedJson;
use crate::openapi::ErrorResponses;
use crate::policy::permissions::EvaluationManage;
use crate::state::AppState;
use crate::text::tidy;

#[derive(Debug, Clone, Deserialize, Validate, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PaperResponseRequest {
    pub unit_id: Uuid,
    /// Where the batch was handed out, e.g. 口前镇政务服务中心.
    #[validate(length(min = 2, max = 100, code = "length"))]
    #[schema(min_length = 2, max_length = 100)]
    pub handed_out_at: String,
    pub handed_out_on: NaiveDate,
    /// The sheet's number within its batch.
    #[validate(length(min = 1, max = 40, code = "length"))]
    #[schema(min_length = 1, max_length = 40)]
    pub sheet: String,
    #[validate(length(min = 1, max = 100, code = "length"), nested)]
    pub answers: Vec<AnswerRequest>,
    #[validate(length(max = 2000, code = "length"))]
    #[schema(max_length = 2000)]
    pub opinion: Option<String>,
}

/// Staff enter one paper questionnaire.
#[utoipa::path(
    tag = "evaluation",
    params(("campaign_id" = Uuid, Path)),
    request_body = PaperResponseRequest,
    responses((status = 201, body = ResponseReceipt), ErrorResponses),
    security(("bearer" = []), ("cookie" = [])),
    extensions(("x-permission" = json!(EvaluationManage::NAME)))
)]
#[post("/evaluation/campaigns/{campaign_id}/paper-responses")]
pub async fn enter_paper(
    auth: Authorized<EvaluationManage>,
    state: web::Data<AppState>,
    path: web::Path<Uuid>,
    body: ValidatedJson<PaperResponseRequest>,
) -> Result<HttpResponse, ApiError> {
    let c = campaign_in(&state.db, &auth.reach, path.into_inner()).await?;
    let body = body.into_inner()?;
    let now = state.time.now();
    responses::ensure_open(&c, now)?;
    if body.handed_out_on > crate::time::beijing_today(now) {
        return Err(ApiError::field("handed_out_on", "in_future"));
    }
    let unit = responses::evaluated(&state.db, &c, body.unit_id).await?;
    responses::check_answers(&state.db, &c, &body.answers).await?;
    let batch = format!("{} {}", body.handed_out_on, tidy(&body.handed_out_at));
    let sheet = tidy(&body.sheet);
    let opinion = body.opinion.as_deref().map(tidy).filter(|o| !o.is_empty());
    let discarded = crate::work::run(&state, &auth.actor.audit_actor(), now, async |tx| {
        responses::serialise_per_unit(tx, c.id, unit.unit_id()).await?;
        let counted = responses::counted(tx, &c, unit).await?;
        let again = counted.iter().any(|r| {
            r.paper_batch.as_deref() == Some(batch.as_str()) && r.paper_sheet.as_deref() == Some(sheet.as_str())
        });
        let discarded = again.then_some(DiscardReason::SameSheet);
        let from = Provenance {
            paper_batch: Some(batch.clone()),
            paper_sheet: Some(sheet.clone()),
            entered_by: Some(auth.actor.user_id),
            ..Default::default()
        };
        let id = responses::record(
            tx,
            &c,
            unit,
            ResponseChannel::Paper,
            from,
            opinion.clone(),
            &body.answers,
            discarded,
            now,
        )
        .await?;
        let rec = AuditRecord::success("evaluation.paper", "evaluation_response", id)
            .in_county(Some(c.county_id))
            .with_summary(
                serde_json::json!({ "campaign_id": c.id, "batch": batch, "sheet": sheet, "discarded": discarded }),
            );
        Ok((discarded, rec))
    })
    .await?;
    let message = if discarded.is_some() {
        "该批次的这份问卷已录入过，本次录入已记录但不重复计入结果。"
    } else {
        "纸质问卷已录入并计入评议结果。"
    };
    Ok(HttpResponse::Created().json(ResponseReceipt {
        counted: discarded.is_none(),
        discarded,
        message: message.into(),
    }))
}
