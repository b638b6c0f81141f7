use std::collections::BTreeSet;

use gongkai_api::policy::permissions::CATALOGUE;
use gongkai_api::policy::{Domain, policy_rows};
use gongkai_tests::{json, spawn_app};
use reqwest::StatusCode;

#[test]
fn policy_files_load_and_name_only_known_permissions() {
    let rows = policy_rows().expect("policy files parse");
    let known: BTreeSet<(String, String)> = CATALOGUE.iter().map(|(o, a)| ((*o).into(), (*a).into())).collect();
    for row in &rows {
        assert!(known.contains(&(row.object.clone(), row.action.clone())), "unknown permission in {row:?}");
    }
    let used: BTreeSet<(String, String)> = rows.iter().map(|r| (r.object.clone(), r.action.clone())).collect();
    assert_eq!(used, known, "every permission the code knows is granted to some role");
}

enum Where {
    Own,
    Other,
    County,
    Platform,
}

#[tokio::test]
async fn roles_hold_exactly_the_permissions_of_the_matrix() {
    let app = spawn_app().await;
    // (user, where, permission, allowed)
    let table: &[(&str, Where, &str, bool)] = &[
        ("kouqian.handler", Where::Own, "member.read", true),
        ("kouqian.handler", Where::Own, "unit.read", true),
        ("kouqian.handler", Where::Own, "member.manage_handlers", false),
        ("kouqian.handler", Where::Own, "audit.read", false),
        ("kouqian.handler", Where::Other, "unit.read", false),
        ("kouqian.leader", Where::Own, "member.manage_handlers", true),
        ("kouqian.leader", Where::Own, "audit.read", true),
        ("kouqian.leader", Where::Own, "member.manage", false),
        ("kouqian.leader", Where::Own, "unit.update", false),
        ("kouqian.leader", Where::Other, "member.read", false),
        ("kouqian.leader", Where::County, "unit.read", false),
        ("kouqian.leader", Where::Platform, "unit.read", false),
        ("zhengfuban.handler", Where::County, "member.read", true),
        ("zhengfuban.handler", Where::County, "audit.read", true),
        ("zhengfuban.handler", Where::County, "audit.verify", true),
        ("zhengfuban.handler", Where::County, "member.manage_handlers", false),
        ("zhengfuban.handler", Where::County, "unit.update", false),
        ("baomiju.leader", Where::County, "unit.read", true),
        ("baomiju.leader", Where::County, "member.read", false),
        ("baomiju.leader", Where::County, "audit.read", false),
        ("jianwei.handler", Where::County, "audit.read", true),
        ("jianwei.handler", Where::County, "audit.verify", false),
        ("xianzhengfu.leader", Where::County, "unit.read", true),
        ("xianzhengfu.leader", Where::County, "member.read", false),
        ("jiaoyu.leader", Where::County, "unit.read", false),
        ("admin", Where::Platform, "user.create", true),
        ("admin", Where::Platform, "county.create", true),
    ];
    let other = app.unit_id("xiyang").await;
    for (username, place, permission, expected) in table {
        let user = app.user_id(username).await;
        let slug = username.split('.').next().unwrap();
        let own = if *username == "admin" { other } else { app.unit_id(slug).await };
        let county_id = entity::unit::Entity::find_by_id(own).one(&app.state.db).await.unwrap().unwrap().county_id;
        let domain = match place {
            Where::Own => Domain::Unit(own),
            Where::Other => Domain::Unit(other),
            Where::County => Domain::County(county_id),
            Where::Platform => Domain::Platform,
        };
        let (object, action) = permission.split_once('.').unwrap();
        assert_eq!(
            app.state.policy.allows(user, domain, object, action),
            *expected,
            "{username} {permission} in {domain}"
        );
    }
    // The platform administrator holds every permission.
    let admin = app.user_id("admin").await;
    for (o, a) in CATALOGUE {
        assert!(app.state.policy.allows(admin, Domain::Platform, o, a), "admin lacks {o}.{a}");
    }
}

use sea_orm::EntityTrait;

#[tokio::test]
async fn the_matrix_is_served_from_the_policy_files() {
    let app = spawn_app().await;
    let open = app.login("zhengfuban.leader").await;
    let matrix = json(app.get("/api/v1/policy/matrix", &open).await, StatusCode::OK).await;
    assert_eq!(matrix["permissions"].as_array().unwrap().len(), CATALOGUE.len());
    let roles: Vec<&str> = matrix["roles"].as_array().unwrap().iter().map(|r| r["role"].as_str().unwrap()).collect();
    for role in ["leader", "handler", "openness_office:leader", "secrecy_bureau:handler", "platform_admin"] {
        assert!(roles.contains(&role), "{role} missing from {roles:?}");
    }
    let handler = app.login("kouqian.handler").await;
    assert_eq!(app.get("/api/v1/policy/matrix", &handler).await.status(), StatusCode::FORBIDDEN);
}
