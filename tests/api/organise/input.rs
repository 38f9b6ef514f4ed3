//! The input side of organising (issue 12) through HTTP: the new-task box (quick add as a form post, what was
//! taken handed to the page once), the editor's plain fields (repeat presets, every N, until/count) and the time
//! zone (sign-up, Settings).

use reqwest::{header, StatusCode};
use serde_json::{json, Value};

use crate::helpers::spawn_app;
use crate::support::User;

/// Posts `form` to `endpoint` as a browser form does (with or without JavaScript: the islands router sends the
/// same request), from the page `referer`; returns the redirect's target.
async fn form_post(user: &User, endpoint: &str, referer: &str, form: &[(&str, &str)]) -> String {
    let res = user
        .http
        .post(format!("{}/api/{endpoint}", user.address))
        .header(header::ACCEPT, "text/html")
        .header(header::REFERER, format!("{}{referer}", user.address))
        .form(form)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::FOUND, "{endpoint}");
    // server_fn appends a `?` to the page it sends a successful post back to.
    res.headers()[header::LOCATION].to_str().unwrap().trim_end_matches('?').to_owned()
}

#[tokio::test]
async fn a_quick_add_form_post_shows_what_was_taken_once() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    let _: String = ada.ok("settings/set_time_zone", &[("time_zone", "Europe/Berlin")]).await;

    let back =
        form_post(&ada, "tasks/quick_add", "/", &[("text", "Pay rent every month on the 1st !high #home")])
            .await;
    assert_eq!(back, format!("{}/", app.address));
    let page = ada.get("/").await.text().await.unwrap();
    assert!(page.contains("Added \u{201c}Pay rent\u{201d}."), "{page}");
    for label in ["every month on the 1st", "high priority", "#home"] {
        assert!(page.contains(&format!(r#"<span class="chip">{label}</span>"#)), "{label}: {page}");
    }
    assert!(page.contains(r#"<span class="chip">due "#), "the due date taken from the repeat");
    assert!(page.contains(r#"data-component="QuickAddPreview_"#), "the preview island");
    assert!(page.contains("Europe/Berlin"), "the preview reads today in the user's zone");
    // Shown for a short while, whatever reads it (a page render may ask more than once).
    let again = ada.get("/").await.text().await.unwrap();
    assert!(again.contains("Added \u{201c}Pay rent\u{201d}."), "{again}");

    // Text with nothing recognised: the note says so; unrecognised words stay in the title.
    form_post(&ada, "tasks/quick_add", "/", &[("text", "read someday maybe")]).await;
    let page = ada.get("/").await.text().await.unwrap();
    assert!(page.contains("Added \u{201c}read someday maybe\u{201d}."), "{page}");
    assert!(page.contains("Nothing was taken from the text."), "{page}");

    // The JSON call (the API) answers with what was taken and leaves nothing for the page.
    let added: Value = ada.ok("tasks/quick_add", &[("text", "call mom tomorrow 5pm #family")]).await;
    assert_eq!(added["task"]["title"], "call mom");
    let just_added: Value = ada.ok("tasks/quick_add_note", &[]).await;
    assert_eq!(just_added["task"]["title"], "read someday maybe", "the last form post's task");

    // A blank text adds nothing and comes back with the message for the field.
    let back = form_post(&ada, "tasks/quick_add", "/", &[("text", "  ")]).await;
    assert!(back.contains("__err="), "{back}");
    let page = ada.get(&back.replacen(&app.address, "", 1)).await.text().await.unwrap();
    assert!(page.contains("Title is required."), "{page}");
    let count: i64 = sqlx::query_scalar("SELECT count(*) FROM tasks").fetch_one(&app.pool).await.unwrap();
    assert_eq!(count, 3);

    // Bob's page never shows Ada's note, and his quick adds are his.
    let bob = app.signed_up("bob@example.com").await;
    form_post(&ada, "tasks/quick_add", "/", &[("text", "ada's secret p1")]).await;
    let page = bob.get("/").await.text().await.unwrap();
    assert!(!page.contains("secret"), "{page}");
    app.cleanup().await;
}

#[tokio::test]
async fn the_editor_pre_fills_its_fields_and_saves_presets() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    let added: Value = ada.ok("tasks/quick_add", &[("text", "standup every weekday 9:30 #work !low")]).await;
    let id = added["task"]["id"].as_i64().unwrap();
    let sid = id.to_string();

    let editor = ada.get(&format!("/?edit={id}")).await.text().await.unwrap();
    let due = added["task"]["due"].as_str().unwrap();
    assert!(editor.contains(&format!(r#"value="{}""#, &due[..10])), "due date: {editor}");
    assert!(editor.contains(r#"value="09:30""#), "due time");
    assert!(editor.contains(r#"value="work""#), "tags");
    assert!(editor.contains(r#"<option value="low" selected"#), "priority: {editor}");
    assert!(editor.contains(r#"<option value="weekdays" selected"#), "repeat preset: {editor}");
    assert!(editor.contains(r#"action="/api/tasks/update_fields""#));

    // A plain form post of the whole editor: presets, every N and a count become the RRULE; the editor closes.
    let form = |repeat: &'static str, every: &'static str, until: &'static str, count: &'static str| {
        vec![
            ("id", sid.clone()),
            ("title", "standup".to_owned()),
            ("description", String::new()),
            ("due_date", "2026-12-07".to_owned()),
            ("due_time", "10:00".to_owned()),
            ("priority", "high".to_owned()),
            ("tags", "work, Team".to_owned()),
            ("repeat", repeat.to_owned()),
            ("repeat_every", every.to_owned()),
            ("repeat_until", until.to_owned()),
            ("repeat_count", count.to_owned()),
            ("repeat_from", "due".to_owned()),
        ]
    };
    let post = |f: Vec<(&'static str, String)>| {
        let ada = &ada;
        async move {
            let pairs: Vec<(&str, &str)> = f.iter().map(|(k, v)| (*k, v.as_str())).collect();
            form_post(ada, "tasks/update_fields", &format!("/?edit={id}"), &pairs).await
        }
    };
    let back = post(form("weekly", "2", "", "6")).await;
    assert_eq!(back, format!("{}/#task-{id}", app.address), "the editor closes");
    let task: Value = ada.ok("tasks/get", &[("id", &sid)]).await;
    assert_eq!(task["due"], "2026-12-07T10:00");
    assert_eq!(task["priority"], "high");
    assert_eq!(task["tags"], json!(["Team", "work"]));
    assert_eq!(task["recurrence"]["rrule"], "FREQ=WEEKLY;INTERVAL=2;COUNT=6");

    // The editor sends every field: emptied ones clear (a plain form posts them as `name=`).
    let mut emptied = form("none", "", "", "");
    for (name, value) in emptied.iter_mut() {
        if ["due_date", "due_time", "tags"].contains(name) {
            value.clear();
        }
    }
    emptied.push(("all_fields", "true".to_owned()));
    post(emptied).await;
    let cleared: Value = ada.ok("tasks/get", &[("id", &sid)]).await;
    assert_eq!(
        (&cleared["due"], &cleared["tags"], &cleared["recurrence"]),
        (&Value::Null, &json!([]), &Value::Null)
    );
    let task: Value = ada
        .ok(
            "tasks/update_fields",
            &[
                ("id", &sid),
                ("due_date", "2026-12-07"),
                ("due_time", "10:00"),
                ("priority", "high"),
                ("tags", "Team, work"),
                ("repeat", "FREQ=WEEKLY;INTERVAL=2;COUNT=6"),
            ],
        )
        .await;

    // Bad repeat fields: the editor stays open with the message next to the repeat, and nothing changes.
    for (repeat, every, until, count) in
        [("daily", "0", "", ""), ("daily", "", "2027-01-01", "3"), ("fortnightly", "", "", "")]
    {
        let back = post(form(repeat, every, until, count)).await;
        assert!(back.contains(&format!("edit={id}")) && back.contains("__err="), "{back}");
        let page = ada.get(&back.replacen(&app.address, "", 1)).await.text().await.unwrap();
        assert!(page.contains(&format!(r#"id="edit-{id}-repeat-error""#)), "{page}");
    }
    let unchanged: Value = ada.ok("tasks/get", &[("id", &sid)]).await;
    assert_eq!(unchanged, task);

    // Through the JSON API the same fields answer 422 naming the field.
    let (status, err) =
        ada.err("tasks/update_fields", &[("id", &sid), ("repeat", "daily"), ("repeat_count", "0")]).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(err["Invalid"]["field"], "recurrence");
    // An RRULE alone keeps its own end; "none" clears the repeat.
    let kept: Value =
        ada.ok("tasks/update_fields", &[("id", &sid), ("repeat", "FREQ=DAILY;UNTIL=20270101")]).await;
    assert_eq!(kept["recurrence"]["rrule"], "FREQ=DAILY;UNTIL=20270101");
    let cleared: Value = ada.ok("tasks/update_fields", &[("id", &sid), ("repeat", "none")]).await;
    assert_eq!(cleared["recurrence"], Value::Null);

    // Bob can neither open Ada's task in the editor nor save it.
    let bob = app.signed_up("bob@example.com").await;
    let page = bob.get(&format!("/?edit={id}")).await.text().await.unwrap();
    assert!(!page.contains(&format!(r#"id="edit-{id}-title""#)) && !page.contains("standup"), "{page}");
    let (status, _) = bob.err("tasks/update_fields", &[("id", &sid), ("repeat", "daily")]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = bob.err("tasks/get", &[("id", &sid)]).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    app.cleanup().await;
}

#[tokio::test]
async fn settings_offer_the_zones_and_a_form_post_changes_it() {
    let app = spawn_app().await;
    let ada = app.signed_up("ada@example.com").await;
    let choice: Value = ada.ok("settings/time_zone_choice", &[]).await;
    assert_eq!(choice["current"], "UTC");
    let zones: Vec<String> = serde_json::from_value(choice["zones"].clone()).unwrap();
    for zone in ["UTC", "Europe/Berlin", "America/New_York", "Pacific/Kiritimati"] {
        assert!(zones.contains(&zone.to_owned()), "{zone}");
    }
    assert!(!zones.iter().any(|z| z.starts_with("US/")), "no legacy aliases");

    let page = ada.get("/settings").await.text().await.unwrap();
    assert!(page.contains(r#"action="/api/settings/set_time_zone""#), "{page}");
    assert!(page.contains(r#"<option value="UTC" selected"#), "{page}");

    let back = form_post(&ada, "settings/set_time_zone", "/settings", &[("time_zone", "Asia/Tokyo")]).await;
    assert_eq!(back, format!("{}/settings", app.address));
    let page = ada.get("/settings").await.text().await.unwrap();
    assert!(page.contains(r#"<option value="Asia/Tokyo" selected"#), "{page}");
    assert!(page.contains(" in Asia/Tokyo now."), "{page}");

    let back = form_post(&ada, "settings/set_time_zone", "/settings", &[("time_zone", "Mars/Olympus")]).await;
    let page = ada.get(&back.replacen(&app.address, "", 1)).await.text().await.unwrap();
    assert!(page.contains("Unknown time zone"), "{page}");
    assert_eq!(ada.ok::<String>("settings/time_zone", &[]).await, "Asia/Tokyo", "unchanged");

    // The sign-up page carries the island that sends the browser's zone.
    let visitor = app.client();
    let signup = visitor.get("/signup").await.text().await.unwrap();
    assert!(signup.contains(r#"data-component="BrowserTimeZone_"#), "{signup}");
    assert!(signup.contains(r#"name="time_zone""#));
    app.cleanup().await;
}

#[tokio::test]
async fn signed_out_visitors_cannot_use_the_input_functions() {
    let app = spawn_app().await;
    let visitor = app.client();
    for (endpoint, form) in [
        ("tasks/quick_add", vec![("text", "sneaky #x")]),
        ("tasks/quick_add_note", vec![]),
        ("tasks/update_fields", vec![("id", "1"), ("repeat", "daily")]),
        ("settings/time_zone_choice", vec![]),
        ("settings/set_time_zone", vec![("time_zone", "Europe/Berlin")]),
    ] {
        let (status, body) = visitor.err(endpoint, &form).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{endpoint}");
        assert_eq!(body, json!("Unauthorized"));
    }
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM tasks").fetch_one(&app.pool).await.unwrap();
    assert_eq!(rows, 0);
    app.cleanup().await;
}
