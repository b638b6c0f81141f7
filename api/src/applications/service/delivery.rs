//! Delivery of the reply and the proceedings that follow it (table 4).

use super::*;

pub async fn record_delivery(
    tx: &impl ConnectionTrait,
    app: application::Model,
    note: &str,
    by: Uuid,
    now: DateTime<Utc>,
) -> Result<application::Model, ApiError> {
    require(&app, &[Status::Closed])?;
    if app.delivered_at.is_some() {
        return Err(ApiError::Rule(ErrorCode::AlreadyDelivered, None));
    }
    let app = save(
        tx,
        app,
        |a| {
            a.delivered_at = Set(Some(now));
            a.delivery_note = Set(Some(note.trim().chars().take(300).collect()));
        },
        now,
    )
    .await?;
    event(
        tx,
        &app,
        Ev {
            kind: "delivered",
            public: true,
            actor: Some(by),
            on: beijing_today(now),
            details: serde_json::json!({ "note": note.trim() }),
            letter: None,
        },
        now,
    )
    .await?;
    Ok(app)
}
