//! Enumerations stored as short strings, so both SQLite and PostgreSQL hold the same values and
//! adding a variant never needs a database type change.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The kind of a unit (DOMAIN.md §0).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// 乡镇人民政府
    #[sea_orm(string_value = "township")]
    Township,
    /// 开发区管委会
    #[sea_orm(string_value = "development_zone")]
    DevelopmentZone,
    /// 县政府各部门
    #[sea_orm(string_value = "department")]
    Department,
    /// 县政府直属机构
    #[sea_orm(string_value = "affiliated")]
    Affiliated,
    /// 中省直驻县部门
    #[sea_orm(string_value = "stationed")]
    Stationed,
    /// 公共企事业单位
    #[sea_orm(string_value = "public_enterprise")]
    PublicEnterprise,
    /// 法律法规授权的组织
    #[sea_orm(string_value = "non_admin_org")]
    NonAdminOrg,
    /// County-level bodies outside the government's departments (县政府, 监委, 保密局, 领导小组…).
    #[sea_orm(string_value = "county_body")]
    CountyBody,
}

/// The public service sector of a public enterprise (公共企事业单位).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum Sector {
    #[sea_orm(string_value = "education")]
    Education,
    #[sea_orm(string_value = "healthcare")]
    Healthcare,
    #[sea_orm(string_value = "family_planning")]
    FamilyPlanning,
    #[sea_orm(string_value = "water")]
    Water,
    #[sea_orm(string_value = "power")]
    Power,
    #[sea_orm(string_value = "gas")]
    Gas,
    #[sea_orm(string_value = "heating")]
    Heating,
    #[sea_orm(string_value = "environment")]
    Environment,
    #[sea_orm(string_value = "public_transport")]
    PublicTransport,
    #[sea_orm(string_value = "telecom")]
    Telecom,
    #[sea_orm(string_value = "post")]
    Post,
}

/// A county-wide oversight function held by one unit of the county; its members act across units,
/// but only for this function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(32))")]
#[serde(rename_all = "snake_case")]
pub enum OversightFunction {
    /// 县政务公开主管部门
    #[sea_orm(string_value = "openness_office")]
    OpennessOffice,
    /// 监察机关
    #[sea_orm(string_value = "supervisory_commission")]
    SupervisoryCommission,
    /// 保密工作部门
    #[sea_orm(string_value = "secrecy_bureau")]
    SecrecyBureau,
    /// 县人民政府
    #[sea_orm(string_value = "county_government")]
    CountyGovernment,
    /// 政务公开领导小组
    #[sea_orm(string_value = "leading_group")]
    LeadingGroup,
    /// 考核组
    #[sea_orm(string_value = "assessment_group")]
    AssessmentGroup,
    /// 绩效评估部门
    #[sea_orm(string_value = "performance_office")]
    PerformanceOffice,
}

impl OversightFunction {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::OpennessOffice => "openness_office",
            Self::SupervisoryCommission => "supervisory_commission",
            Self::SecrecyBureau => "secrecy_bureau",
            Self::CountyGovernment => "county_government",
            Self::LeadingGroup => "leading_group",
            Self::AssessmentGroup => "assessment_group",
            Self::PerformanceOffice => "performance_office",
        }
    }
}

/// A person's role inside one unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum UnitRole {
    /// 领导: approves and decides.
    #[sea_orm(string_value = "leader")]
    Leader,
    /// 承办人: does the work.
    #[sea_orm(string_value = "handler")]
    Handler,
}

impl UnitRole {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Leader => "leader",
            Self::Handler => "handler",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum UserStatus {
    #[sea_orm(string_value = "active")]
    Active,
    #[sea_orm(string_value = "disabled")]
    Disabled,
}

/// Whether an audited request changed state or was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, ToSchema)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::N(16))")]
#[serde(rename_all = "snake_case")]
pub enum AuditOutcome {
    #[sea_orm(string_value = "success")]
    Success,
    #[sea_orm(string_value = "denied")]
    Denied,
}

impl AuditOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Success => "success",
            Self::Denied => "denied",
        }
    }
}
