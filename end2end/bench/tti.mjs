// Time to interactive for `make bench`: the signed-in task page in Debian's Chromium (headless).
// Usage: node end2end/bench/tti.mjs BASE_URL SESSION_COOKIE [N=10]
// Each cold run uses a fresh browser context (empty HTTP cache, like a first visit); warm runs reload
// in one context (WASM and JS from cache). For every run it records, relative to navigation start
// (performance.timeOrigin): responseEnd of the HTML and the moment <body> gets `data-hydrated` (set by
// the WASM entry point right after hydrate_body). Each cold run then adds a task through the form and
// waits for it to be listed as saved, proving the page is interactive (click → saved item time).
// The first cold run also lists what the browser fetched from /pkg before the page was interactive (Resource
// Timing: bytes on the wire, i.e. as served, compressed): with a split bundle that is the main chunk and any
// chunk the page needed to hydrate; chunks fetched later (e.g. for another route) are listed apart.
// Prints one line: BENCH_JSON {...} (milliseconds, medians over N).
import { chromium } from "@playwright/test";

const [base, cookie, nArg] = process.argv.slice(2);
const N = Number(nArg ?? 10);
if (!base || !cookie) {
  console.error("usage: node tti.mjs BASE_URL SESSION_COOKIE [N]");
  process.exit(2);
}

const observeHydration = () => {
  window.__hydratedAt = null;
  new MutationObserver((_, obs) => {
    if (document.body && document.body.hasAttribute("data-hydrated")) {
      window.__hydratedAt = performance.now();
      obs.disconnect();
    }
  }).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-hydrated"] });
};

const median = (xs) => {
  const a = [...xs].sort((x, y) => x - y);
  const m = a.length >> 1;
  return a.length % 2 ? a[m] : (a[m - 1] + a[m]) / 2;
};
const round = (x) => Math.round(x * 10) / 10;

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

async function newContext() {
  const context = await browser.newContext();
  await context.addCookies([{ name: "todo_session", value: cookie, url: base }]);
  await context.addInitScript(observeHydration);
  return context;
}

async function measure(page) {
  await page.waitForSelector("body[data-hydrated]", { timeout: 15_000 });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const pkg = performance.getEntriesByType("resource")
      .filter((r) => new URL(r.name).pathname.startsWith("/pkg/"))
      .map((r) => ({
        name: new URL(r.name).pathname.slice(5),
        wire: r.encodedBodySize,
        decoded: r.decodedBodySize,
        before_interactive: r.responseEnd <= window.__hydratedAt,
      }));
    return { html: nav.responseEnd, dcl: nav.domContentLoadedEventEnd, hydrated: window.__hydratedAt, pkg };
  });
}

const cold = [];
for (let i = 0; i < N; i++) {
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(base + "/", { waitUntil: "commit" });
  const m = await measure(page);
  if (m.hydrated == null) throw new Error("hydration marker not observed");
  if ((await page.locator("ul.task-list > li.task").count()) < 1) throw new Error("task list is empty: not signed in?");
  // The add form works: submit through the hydrated form, wait until the task shows as saved.
  const title = `tti ${Date.now()} ${i}`;
  await page.getByLabel("New task").fill(title);
  const t0 = Date.now();
  await page.getByRole("button", { name: "Add task" }).click();
  await page.locator("ul.task-list > li.task:not(.pending) .title", { hasText: title }).waitFor({ timeout: 10_000 });
  m.add = Date.now() - t0;
  cold.push(m);
  await context.close();
}

const warm = [];
{
  const context = await newContext();
  const page = await context.newPage();
  await page.goto(base + "/");
  await measure(page);
  for (let i = 0; i < N; i++) {
    await page.reload({ waitUntil: "commit" });
    warm.push(await measure(page));
  }
  await context.close();
}
await browser.close();

const out = {
  n: N,
  cold_html_ms: round(median(cold.map((m) => m.html))),
  cold_dcl_ms: round(median(cold.map((m) => m.dcl))),
  cold_hydrated_ms: round(median(cold.map((m) => m.hydrated))),
  cold_hydrated_max_ms: round(Math.max(...cold.map((m) => m.hydrated))),
  add_roundtrip_ms: round(median(cold.map((m) => m.add))),
  warm_hydrated_ms: round(median(warm.map((m) => m.hydrated))),
  cold_hydrated_all_ms: cold.map((m) => round(m.hydrated)),
  // What the first cold load fetched from /pkg (bytes as served): before `data-hydrated`, and after it.
  first_load_fetched: cold[0].pkg.filter((r) => r.before_interactive),
  first_load_wire_bytes: cold[0].pkg.filter((r) => r.before_interactive).reduce((a, r) => a + r.wire, 0),
  fetched_after_interactive: cold[0].pkg.filter((r) => !r.before_interactive),
};
console.log("BENCH_JSON " + JSON.stringify(out));
