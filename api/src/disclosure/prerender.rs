//! The portal's item page, rendered on the server inside the web UI's mount point: search engines,
//! screen readers without scripts and plain browsers read the item and its metadata block; the web UI
//! replaces it when it starts. Only what the public catalogue shows is rendered.

use entity::enums::{InformationCategory, ItemStatus};
use entity::{information_item as item, unit};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use uuid::Uuid;

use crate::error::ApiError;
use crate::state::AppState;
use crate::tenancy::UnitRef;
use crate::text::escape_markup;

/// The category's name as Art. 20–21 give it.
pub fn category_zh(c: InformationCategory) -> &'static str {
    use InformationCategory as C;
    match c {
        C::NormativeDocuments => "行政法规、规章和规范性文件",
        C::Organisation => "机关职能、机构设置",
        C::PlansPolicies => "规划及相关政策",
        C::Statistics => "统计信息",
        C::Licensing => "行政许可和其他对外管理服务事项",
        C::PenaltyEnforcement => "行政处罚、行政强制",
        C::Budget => "财政预算、决算",
        C::Fees => "行政事业性收费",
        C::Procurement => "政府集中采购",
        C::MajorProjects => "重大建设项目",
        C::SocialPolicies => "扶贫、教育、医疗、社会保障、促进就业",
        C::Emergencies => "突发公共事件",
        C::Inspections => "监督检查情况",
        C::Recruitment => "公务员招考",
        C::OtherStatutory => "其他应当主动公开的政府信息",
        C::LocalAffairs => "乡、县级公共事务",
    }
}

/// The web UI's page with the item rendered into it, or `None` for an item the catalogue does not show.
pub async fn item_page(state: &AppState, item_id: Uuid, index_html: &str) -> Result<Option<String>, ApiError> {
    let Some(it) = item::Entity::find()
        .filter(item::Column::Id.eq(item_id))
        .filter(item::Column::FirstPublishedOn.is_not_null())
        .one(&state.db)
        .await?
    else {
        return Ok(None);
    };
    let versions = super::public::latest_versions(state, std::slice::from_ref(&it)).await?;
    let Some(v) = versions.get(&it.id).and_then(|v| v.last()) else { return Ok(None) };
    let unit_name = unit::Entity::find_by_id(it.unit_id).one(&state.db).await?.map(|u| u.name).unwrap_or_default();
    let withdrawn = it.status == ItemStatus::Withdrawn;
    let today = crate::time::beijing_today(state.time.now());
    let validity = if withdrawn {
        "已撤回"
    } else if it.repealed_on.is_some() {
        "已废止"
    } else if v.valid_until.is_some_and(|d| d < today) {
        "已失效"
    } else {
        "有效"
    };
    let first_published = it.first_published_on.unwrap_or(v.published_on);
    let rows = [
        ("索引号", v.index_number.clone()),
        ("分类", category_zh(v.category).to_string()),
        ("发布机构", unit_name.clone()),
        ("成文日期", v.formed_on.to_string()),
        ("发布日期", first_published.to_string()),
        ("文号", v.doc_number.clone().unwrap_or_else(|| "无".into())),
        ("有效性", validity.to_string()),
    ];
    let mut body = String::from("<main class=\"prerendered\" lang=\"zh-CN\">\n");
    body.push_str(&format!("<h1>{}</h1>\n<table>\n", escape_markup(&v.title)));
    for (label, value) in rows {
        body.push_str(&format!("<tr><th scope=\"row\">{label}</th><td>{}</td></tr>\n", escape_markup(&value)));
    }
    body.push_str("</table>\n");
    if v.published_on != first_published {
        body.push_str(&format!("<p>本信息已于{}更正。</p>\n", v.published_on));
    }
    if withdrawn {
        let reason = it.withdrawal_reason.clone().unwrap_or_default();
        let on = it.withdrawn_on.map(|d| d.to_string()).unwrap_or_default();
        body.push_str(&format!("<p>本信息已于{on}撤回：{}</p>\n", escape_markup(&reason)));
    } else {
        for paragraph in v.body.split('\n').map(str::trim).filter(|p| !p.is_empty()) {
            body.push_str(&format!("<p>{}</p>\n", escape_markup(paragraph)));
        }
        let owner = UnitRef::owning_row(it.unit_id, it.county_id);
        let files = super::service::attachments(&state.db, owner, it.id).await?;
        let files: Vec<_> = files.into_iter().filter(|f| f.in_revision(v.revision)).collect();
        if !files.is_empty() {
            body.push_str("<h2>附件</h2>\n<ul>\n");
            for f in files {
                body.push_str(&format!(
                    "<li><a href=\"/api/v1/public/catalogue/{}/attachments/{}\">{}</a></li>\n",
                    it.id,
                    f.id,
                    escape_markup(&f.file_name)
                ));
            }
            body.push_str("</ul>\n");
        }
    }
    body.push_str("</main>");
    let county_name =
        entity::county::Entity::find_by_id(it.county_id).one(&state.db).await?.map(|c| c.name).unwrap_or_default();
    let title = format!(
        "<title>{} · {} · {}政务公开</title>",
        escape_markup(&v.title),
        escape_markup(&unit_name),
        escape_markup(&county_name)
    );
    let description = format!("<meta name=\"description\" content=\"{}\" />", escape_markup(&v.summary));
    let page = match (index_html.find("<title>"), index_html.find("</title>")) {
        (Some(a), Some(b)) if a < b => {
            format!("{}{title}\n    {description}{}", &index_html[..a], &index_html[b + 8..])
        }
        _ => index_html.to_string(),
    };
    Ok(Some(page.replacen("<div id=\"app\"></div>", &format!("<div id=\"app\">{body}</div>"), 1)))
}
