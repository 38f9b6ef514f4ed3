//! The `<head>` links to the bundle (`/pkg/todo-app[.<hash>].{css,js,wasm}`), with the file names read from the
//! build's `hash.txt` once, at start-up.
//!
//! leptos' `HydrationScripts` and leptos_meta's `HashedStylesheet` find the running binary, check for `hash.txt`
//! beside it and read it on every render: five system calls, two file reads and the parsing, per page. Here they
//! run once: [`Bundle::get`] renders leptos' own `HydrationScripts` a single time (so its loader script is
//! exactly leptos', whatever its version) and keeps what it wrote; each page then writes the same elements with
//! its own nonce.

use std::sync::OnceLock;

use leptos::nonce::use_nonce;
use leptos::prelude::*;
use leptos::tachys::view::RenderHtml;

/// What a page's `<head>` needs from the bundle.
#[derive(Debug)]
pub struct Bundle {
    css: String,
    js: String,
    wasm: String,
    /// The islands loader and router script, as `HydrationScripts` wrote it (file names included).
    script: String,
}

static BUNDLE: OnceLock<Bundle> = OnceLock::new();

impl Bundle {
    /// The bundle of this process (read on the first call: `Application::build` makes it at start-up).
    pub fn get(options: &LeptosOptions) -> &'static Bundle {
        BUNDLE.get_or_init(|| Self::read(options))
    }

    fn read(options: &LeptosOptions) -> Self {
        let html = Owner::new().with(|| {
            view! { <HydrationScripts options=options.clone() islands=true islands_router=true /> }.to_html()
        });
        let css = view! { <leptos_meta::HashedStylesheet options=options.clone() /> }.to_html();
        let bundle = Self {
            css: attribute(&css, "href").unwrap_or_default(),
            js: attribute(&html, "href").unwrap_or_default(),
            wasm: html
                .find("rel=\"preload\"")
                .and_then(|at| attribute(&html[at..], "href"))
                .unwrap_or_default(),
            script: script_text(&html).unwrap_or_default(),
        };
        if bundle.css.is_empty() || bundle.js.is_empty() || bundle.wasm.is_empty() || bundle.script.is_empty()
        {
            tracing::error!(%html, "unexpected HydrationScripts output: the pages will not load their script");
        }
        bundle
    }
}

/// The value of the first `name="…"` attribute in `html`.
fn attribute(html: &str, name: &str) -> Option<String> {
    let start = html.find(&format!(" {name}=\""))? + name.len() + 3;
    let len = html[start..].find('"')?;
    Some(html[start..start + len].to_owned())
}

/// The text of the first `<script …>…</script>` in `html`.
fn script_text(html: &str) -> Option<String> {
    let open = html.find("<script")?;
    let start = open + html[open..].find('>')? + 1;
    let len = html[start..].find("</script>")?;
    Some(html[start..start + len].to_owned())
}

/// The stylesheet link (`HashedStylesheet`'s element, from the names read once).
#[component]
pub fn BundleStylesheet(options: LeptosOptions) -> impl IntoView {
    let bundle = Bundle::get(&options);
    view! { <link id="leptos" rel="stylesheet" href=bundle.css.as_str() /> }
}

/// The islands' script and its preloads (`HydrationScripts`' elements, from the names read once), with this
/// page's nonce.
#[component]
pub fn BundleScripts(options: LeptosOptions) -> impl IntoView {
    let bundle = Bundle::get(&options);
    // As HydrationScripts does in islands mode: the page's server-rendered markup is not hydrated as a whole.
    if let Some(context) = Owner::current_shared_context() {
        context.set_is_hydrating(false);
    }
    let nonce = use_nonce();
    let crossorigin = nonce.as_ref().map(|n| n.to_string()).unwrap_or_default();
    view! {
        <link rel="modulepreload" href=bundle.js.as_str() crossorigin=nonce.clone() />
        <link rel="preload" href=bundle.wasm.as_str() r#as="fetch" r#type="application/wasm" crossorigin=crossorigin />
        <script type="module" nonce=nonce inner_html=bundle.script.as_str()></script>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_names_and_the_script_are_taken_from_what_hydration_scripts_writes() {
        let html = r#"<link rel="modulepreload" href="/pkg/todo-app.AB.js"><link rel="preload" href="/pkg/todo-app.CD.wasm" as="fetch" type="application/wasm" crossorigin=""><script type="module">((a) => a)("/pkg");</script>"#;
        assert_eq!(attribute(html, "href").as_deref(), Some("/pkg/todo-app.AB.js"));
        let at = html.find("rel=\"preload\"").unwrap();
        assert_eq!(attribute(&html[at..], "href").as_deref(), Some("/pkg/todo-app.CD.wasm"));
        assert_eq!(script_text(html).as_deref(), Some(r#"((a) => a)("/pkg");"#));
    }

    #[test]
    fn the_bundle_of_a_build_without_hashes_is_named_after_the_package() {
        let options = LeptosOptions::builder().output_name("todo-app").build();
        let bundle = Bundle::read(&options);
        assert_eq!(bundle.css, "/pkg/todo-app.css");
        assert_eq!(bundle.js, "/pkg/todo-app.js");
        assert!(bundle.wasm.starts_with("/pkg/todo-app"), "{}", bundle.wasm);
        assert!(bundle.script.contains("todo-app"), "{}", bundle.script);
    }
}
