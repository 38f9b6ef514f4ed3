//! The `/pkg` bundle's names, as the web app links them (its build's `hash.txt`: `js: <hash>`, `wasm: <hash>`,
//! `css: <hash>`), and the islands' hydration scripts Leptos inlines in the page's head (leptos 0.8.23's
//! `HydrationScripts` with `islands=true islands_router=true`; the two scripts are copied from that crate).

use maud::{html, Markup, PreEscaped};

const ISLAND_SCRIPT: &str = include_str!("../assets/island_script.js");
const ISLANDS_ROUTING: &str = include_str!("../assets/islands_routing.js");
/// The web app's `output-name` and `site-pkg-dir` (Cargo.toml `[package.metadata.leptos]`).
const OUTPUT_NAME: &str = "todo-app";
const PKG_DIR: &str = "pkg";

/// The bundle's file names, without extension (`todo-app.<hash>`).
#[derive(Clone, Debug)]
pub struct Assets {
    js: String,
    wasm: String,
    css: String,
}

impl Assets {
    /// From the contents of the build's `hash.txt`; without one (files not hashed), the plain names.
    pub fn from_hash_file(contents: Option<&str>) -> Self {
        let name = |kind: &str| {
            let hash = contents
                .into_iter()
                .flat_map(str::lines)
                .filter_map(|line| line.trim().split_once(':'))
                .find(|(file, _)| file.trim() == kind)
                .map(|(_, hash)| hash.trim().to_owned());
            match hash {
                Some(hash) => format!("{OUTPUT_NAME}.{hash}"),
                None => OUTPUT_NAME.to_owned(),
            }
        };
        Self { js: name("js"), wasm: name("wasm"), css: name("css") }
    }

    pub fn css_href(&self) -> String {
        format!("/{PKG_DIR}/{}.css", self.css)
    }

    /// The module preload, the WASM preload and the one inline script (carrying this response's `nonce`).
    pub fn hydration_scripts(&self, nonce: &str) -> Markup {
        let script = format!(
            "{ISLAND_SCRIPT}({:?}, {PKG_DIR:?}, {:?}, {:?}, false);{ISLANDS_ROUTING}",
            "", self.js, self.wasm
        );
        html! {
            link rel="modulepreload" href=(format!("/{PKG_DIR}/{}.js", self.js)) crossorigin=(nonce);
            link rel="preload" href=(format!("/{PKG_DIR}/{}.wasm", self.wasm)) as="fetch" type="application/wasm"
                crossorigin=(nonce);
            script type="module" nonce=(nonce) { (PreEscaped(script)) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_come_from_the_hash_file() {
        let a = Assets::from_hash_file(Some("js: AAA\nwasm: BBB\ncss: CCC\n"));
        assert_eq!(a.css_href(), "/pkg/todo-app.CCC.css");
        let html = a.hydration_scripts("n0nce").into_string();
        assert!(html.contains(r#"href="/pkg/todo-app.AAA.js""#));
        assert!(html.contains(r#"("", "pkg", "todo-app.AAA", "todo-app.BBB", false);"#));
        assert_eq!(Assets::from_hash_file(None).css_href(), "/pkg/todo-app.css");
    }
}
