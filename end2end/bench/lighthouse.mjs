// Lighthouse for `make bench`: the signed-in task page, mobile (Lighthouse's default: a mid-range phone, simulated
// slow 4G) and desktop presets, in Debian's Chromium.
// Usage: node end2end/bench/lighthouse.mjs BASE_URL SESSION_COOKIE [OUT_DIR]
//
// The session cookie is sent as an extra header on every request (Lighthouse clears the origin's storage,
// cookies included, before it loads the page). Nothing leaves the machine: Chromium resolves no host name but
// loopback addresses (--host-resolver-rules) and runs without its background services, and Lighthouse is run from
// its Node API (no update check, no error reporting). Each run is bounded (LIGHTHOUSE_TIMEOUT_MS, 120 s by
// default, for both); a run over it fails.
// Prints one line: BENCH_JSON {"mobile": {...}, "desktop": {...}}: the four category scores (0-100), LCP and TBT
// (ms), CLS, total bytes; the full reports go to OUT_DIR/lighthouse-<preset>.json when OUT_DIR is given.
import { writeFileSync } from "node:fs";
import lighthouse from "lighthouse";
import desktopConfig from "lighthouse/core/config/desktop-config.js";
import * as chromeLauncher from "chrome-launcher";

const [base, cookie, outDir] = process.argv.slice(2);
if (!base || !cookie) {
  console.error("usage: node lighthouse.mjs BASE_URL SESSION_COOKIE [OUT_DIR]");
  process.exit(2);
}
const timeoutMs = Number(process.env.LIGHTHOUSE_TIMEOUT_MS ?? 120_000);
const categories = ["performance", "accessibility", "best-practices", "seo"];

const chrome = await chromeLauncher.launch({
  chromePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  chromeFlags: [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic",
    // Only loopback resolves: no request can reach another machine, whatever asks for it.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-domain-reliability", "--disable-client-side-phishing-detection", "--no-pings",
    "--metrics-recording-only", "--safebrowsing-disable-auto-update",
  ],
  logLevel: "silent",
});
const timer = setTimeout(() => {
  console.error(`lighthouse: over ${timeoutMs} ms, stopped`);
  chrome.kill();
  process.exit(3);
}, timeoutMs);

async function run(preset) {
  const flags = {
    port: chrome.port,
    output: "json",
    logLevel: "error",
    onlyCategories: categories,
    extraHeaders: { Cookie: `todo_session=${cookie}` },
    maxWaitForLoad: 30_000,
  };
  const result = await lighthouse(`${base}/`, flags, preset === "desktop" ? desktopConfig : undefined);
  const lhr = result?.lhr;
  if (!lhr) throw new Error(`lighthouse ${preset}: no result`);
  if (lhr.runtimeError) throw new Error(`lighthouse ${preset}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  if (!lhr.finalDisplayedUrl.replace(/\/$/, "").endsWith(new URL(base).host)) {
    throw new Error(`lighthouse ${preset}: ended on ${lhr.finalDisplayedUrl} (not signed in?)`);
  }
  if (outDir) writeFileSync(`${outDir}/lighthouse-${preset}.json`, result.report);
  const score = (c) => (lhr.categories[c]?.score == null ? null : Math.round(lhr.categories[c].score * 100));
  const value = (a) => lhr.audits[a]?.numericValue ?? null;
  return {
    performance: score("performance"),
    accessibility: score("accessibility"),
    best_practices: score("best-practices"),
    seo: score("seo"),
    lcp_ms: value("largest-contentful-paint"),
    tbt_ms: value("total-blocking-time"),
    cls: value("cumulative-layout-shift"),
    total_bytes: value("total-byte-weight"),
    // What kept a category below 100, for the report's notes.
    failed: Object.fromEntries(categories.map((c) => [c, (lhr.categories[c]?.auditRefs ?? [])
      .filter((r) => r.weight > 0 && (lhr.audits[r.id]?.score ?? 1) < 0.9)
      .map((r) => r.id)])),
    lighthouse: lhr.lighthouseVersion,
  };
}

let out;
try {
  out = { mobile: await run("mobile"), desktop: await run("desktop") };
} finally {
  clearTimeout(timer);
  chrome.kill();
}
console.log("BENCH_JSON " + JSON.stringify(out));
