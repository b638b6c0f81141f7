use sea_orm::entity::prelude::*;

use crate::enums::UserStatus;

/// A staff account. Platform administrators have no county; everyone else belongs to one county and
/// holds roles in units of that county only.
#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "users")]
pub struct Model {
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: Uuid,
    pub county_id: Option<Uuid>,
    pub username: String,
    pub display_name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub password_hash: String,
    pub is_platform_admin: bool,
    pub status: UserStatus,
    /// `zh-CN` or `en`: the language of the person's emails and inbox.
    pub locale: String,
    pub password_changed_at: DateTimeUtc,
    pub created_at: DateTimeUtc,
    pub updated_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
