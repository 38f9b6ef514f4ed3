//! Export and import: through the REST API (`/api/v1/export`, `/api/v1/import`) and Settings (downloads, the
//! multipart upload, the preview, confirm). Round trips, each import format with a good file and a bad row
//! (nothing written, the line reported), the caps, scopes, and one user never reaching another's tasks.

mod formats;
mod round_trip;
mod settings;

use reqwest::header;
use serde_json::Value;

use crate::helpers::{TestApp, User};
use crate::rest::Answer;

/// Posts `file` with Settings' import form (`POST /settings/import`, multipart), as a browser without
/// JavaScript does; redirects are not followed.
pub async fn upload(user: &User, file_name: &str, file: &str, format: &str) -> reqwest::Response {
    let boundary = "----todoBoundary7MA4YWxkTrZu0gW";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
         Content-Type: application/octet-stream\r\n\r\n{file}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"format\"\r\n\r\n{format}\r\n--{boundary}--\r\n"
    );
    user.http
        .post(format!("{}/settings/import", user.address))
        .header(header::CONTENT_TYPE, format!("multipart/form-data; boundary={boundary}"))
        .header(header::ACCEPT, "text/html")
        .body(body)
        .send()
        .await
        .unwrap()
}

/// Sends `body` to `POST /api/v1/import?{query}` with `token`, as `content_type`.
pub async fn import_raw(app: &TestApp, token: &str, query: &str, body: &str, content_type: &str) -> Answer {
    let res = reqwest::Client::new()
        .post(format!("{}/api/v1/import?{query}", app.address))
        .bearer_auth(token)
        .header(header::CONTENT_TYPE, content_type)
        .body(body.to_owned())
        .send()
        .await
        .expect("request sent");
    let status = res.status();
    let headers = res.headers().clone();
    let text = res.text().await.unwrap();
    let body = serde_json::from_str(&text).unwrap_or(Value::String(text));
    Answer { status, headers, body }
}

/// `GET /api/v1/export?format={format}` with `token`: the status, headers and the body as text.
pub async fn export_raw(app: &TestApp, token: &str, format: &str) -> (u16, header::HeaderMap, String) {
    let res = reqwest::Client::new()
        .get(format!("{}/api/v1/export?format={format}", app.address))
        .bearer_auth(token)
        .send()
        .await
        .expect("request sent");
    (res.status().as_u16(), res.headers().clone(), res.text().await.unwrap())
}

/// The titles of the token owner's tasks, sorted.
pub async fn titles(app: &TestApp, token: &str) -> Vec<String> {
    let (status, _, body) = export_raw(app, token, "json").await;
    assert_eq!(status, 200, "{body}");
    let doc: Value = serde_json::from_str(&body).unwrap();
    let mut titles: Vec<String> =
        doc["tasks"].as_array().unwrap().iter().map(|t| t["title"].as_str().unwrap().to_owned()).collect();
    titles.sort();
    titles
}
