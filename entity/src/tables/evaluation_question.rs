use sea_orm::entity::prelude::*;

use crate::enums::EvaluationDimension;

/// A question of a campaign's questionnaire, in force from one version to another: a question
/// changed after opening is a new row, so answers keep the wording they were given.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "evaluation_questions")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub campaign_id: Uuid,
    pub dimension: EvaluationDimension,
    pub text: String,
    pub position: i32,
    /// The first questionnaire version the question is in.
    pub from_version: i32,
    /// The last version it is in; `None` while it is current.
    pub to_version: Option<i32>,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
