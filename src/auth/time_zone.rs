//! The user's time zone: taken from the browser at sign-up ([`BrowserTimeZone`], an island filling a hidden field;
//! without JavaScript the account starts in UTC), and changed in Settings ([`TimeZoneSettings`], a plain form).
//! "Today", "tomorrow 5pm" and the due dates the pages show are read in it.

use leptos::prelude::*;
use leptos::server_fn::ServerFn;
use serde::{Deserialize, Serialize};

use crate::app::form::{posted_error, FormError};
use crate::app::patch::swapped_whole;
use crate::tasks::organise_api::SetTimeZone;
use todo_domain::AppError;

use crate::app::dry_run::past_dry_run;
#[cfg(feature = "ssr")]
use crate::server_fns::as_user;
#[cfg(feature = "ssr")]
use todo_store::users;

/// What the Settings section shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeZoneSetting {
    /// The user's zone.
    pub current: String,
    /// The date and time there now ("Tue 1 Dec 17:05").
    pub now_there: String,
    /// The zones to pick from (the current one among them).
    pub zones: Vec<String>,
}

/// The user's time zone, the time there now and the zones to choose from.
#[server(prefix = "/api", endpoint = "settings/time_zone_choice")]
pub async fn time_zone_choice() -> Result<TimeZoneSetting, AppError> {
    use todo_domain::due::{now_in, zone_names};
    use todo_domain::Due;

    as_user(|pool, owner| async move {
        let zone = users::time_zone(&pool, owner).await?;
        let now = now_in(zone, chrono::Utc::now());
        let now_there = Due::new(now.date(), Some(now.time())).absolute_label(now.date());
        let mut zones: Vec<String> = zone_names().into_iter().map(str::to_owned).collect();
        let current = zone.name().to_owned();
        if let Err(at) = zones.binary_search(&current) {
            zones.insert(at, current.clone());
        }
        Ok(TimeZoneSetting { current, now_there, zones })
    })
    .await
}

/// A hidden `time_zone` field holding the browser's IANA zone (`Intl.DateTimeFormat().resolvedOptions()`), for
/// the sign-up form. Empty until the island runs: without JavaScript the account starts in UTC.
#[island]
pub fn BrowserTimeZone() -> impl IntoView {
    let field = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let (Some(input), Some(zone)) = (field.get(), browser_zone()) {
            input.set_value(&zone);
        }
    });
    view! { <input type="hidden" name="time_zone" node_ref=field value="" /> }
}

/// The browser's own IANA zone, if it reports one.
fn browser_zone() -> Option<String> {
    use leptos::wasm_bindgen::{JsCast, JsValue};
    use leptos::web_sys::js_sys::{global, Array, Function, Object, Reflect};

    let get = |target: &JsValue, key: &str| Reflect::get(target, &JsValue::from_str(key)).ok();
    let constructor: Function = get(&get(&global(), "Intl")?, "DateTimeFormat")?.dyn_into().ok()?;
    let format = Reflect::construct(&constructor, &Array::of2(&JsValue::UNDEFINED, &Object::new())).ok()?;
    let resolved: Function = get(&format, "resolvedOptions")?.dyn_into().ok()?;
    let zone = get(&resolved.call0(&format).ok()?, "timeZone")?.as_string()?;
    (!zone.is_empty()).then_some(zone)
}

/// The Settings section: the current zone, the time there, and a form to change it (works without JavaScript).
#[component]
pub fn TimeZoneSettings() -> impl IntoView {
    let error = posted_error::<SetTimeZone>().map(|e| e.to_string());
    view! {
        <section class="time-zone">
            <h2 id="time-zone-heading">"Time zone"</h2>
            <p class="muted">
                "\u{201c}Today\u{201d}, \u{201c}tomorrow 5pm\u{201d} and your due dates are read in this zone."
            </p>
            <Suspense fallback=|| view! { <p class="muted">"Loading your time zone…"</p> }>
                {
                    let error = error.clone();
                    move || {
                        let error = error.clone();
                        Suspend::new(async move {
                            past_dry_run().await;
                            match time_zone_choice().await {
                                Ok(choice) => view! { <TimeZoneForm choice error /> }.into_any(),
                                Err(e) => view! { <FormError message=Some(e.to_string()) /> }.into_any(),
                            }
                        })
                    }
                }
            </Suspense>
        </section>
    }
}

#[component]
fn TimeZoneForm(choice: TimeZoneSetting, error: Option<String>) -> impl IntoView {
    let TimeZoneSetting { current, now_there, zones } = choice;
    let options = zones
        .into_iter()
        .map(|zone| {
            let selected = zone == current;
            view! { <option value=zone.clone() selected=selected>{zone.replace('_', " ")}</option> }
        })
        .collect_view();
    let described_by = if error.is_some() { "time-zone-now time-zone-error" } else { "time-zone-now" };
    view! {
        <form method="post" action=SetTimeZone::url()>
            <div class="field">
                <label for="time-zone">"Time zone"</label>
                // Swapped whole when the zone changes (src/app/patch.rs): a patched `<select>` would keep the old
                // option's `selected` attribute.
                <select
                    id="time-zone"
                    name="time_zone"
                    aria-describedby=described_by
                    aria-invalid=error.is_some().then_some("true")
                    inner_html=swapped_whole(options)
                ></select>
                <p class="muted" id="time-zone-now">
                    {format!("It is {now_there} in {} now.", current.replace('_', " "))}
                </p>
                {error.map(|message| view! { <p class="field-error" id="time-zone-error" role="alert">{message}</p> })}
            </div>
            <button type="submit" class="primary">"Save time zone"</button>
        </form>
    }
    .into_any()
}
