import { expect, test, type Page } from "@playwright/test";
import { hydrated, signUp, uniqueEmail } from "./helpers";

// The release build is split (`cargo leptos build --split`): /settings, /login and /signup are lazy routes
// whose code is a separate WASM chunk (src/app/routes.rs), and every /pkg file name carries a content hash.

/** Records the /pkg files the page fetches from now on, with their response headers. */
function recordPkg(page: Page) {
  const fetched: { path: string; headers: Record<string, string> }[] = [];
  page.on("response", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith("/pkg/")) fetched.push({ path, headers: r.headers() });
  });
  return fetched;
}

const isChunk = (path: string) => /\/pkg\/(split_|chunk_)/.test(path);

test("the task page loads no route chunk; Settings loads its chunk on a client-side navigation and works", async ({
  page,
}) => {
  await signUp(page, uniqueEmail("lazy"));
  const fetched = recordPkg(page);
  await page.goto("/");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Your tasks" })).toBeVisible();
  expect(fetched.filter((f) => isChunk(f.path)).map((f) => f.path)).toEqual([]);

  // The main bundle: content-hashed, cached for a year, served from its brotli sibling.
  const wasm = fetched.find((f) => /\/pkg\/todo-app\.[A-Za-z0-9_-]{22}\.wasm$/.test(f.path));
  expect(wasm, "the main WASM has a content-hashed name").toBeTruthy();
  expect(wasm!.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(wasm!.headers["content-encoding"]).toBe("br");

  // A client-side navigation (the document stays) fetches the Settings chunk, then the page works.
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
  expect(fetched.some((f) => /\/pkg\/split___settings_route_view_/.test(f.path))).toBe(true);

  await page.getByLabel("Token name").fill("lazy chunk");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.locator("#new-token-value")).toHaveText(/^todo_pat_\S{20,}$/);
  // Still the same document: the form was handled by the lazily loaded code, not posted by the browser.
  expect(await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
});

test("/settings opened directly loads its chunk, hydrates and works", async ({ page }) => {
  await signUp(page, uniqueEmail("lazy-direct"));
  const fetched = recordPkg(page);
  await page.goto("/settings");
  // leptos 0.8.23 adds <link rel="preload"> for the chunks of a lazy route only sometimes (seen for /signup,
  // not for a signed-in /settings): without it the chunk is fetched once the main module runs, which works.
  await hydrated(page);
  expect(fetched.some((f) => /\/pkg\/split___settings_route_view_/.test(f.path))).toBe(true);
  await page.getByLabel("Token name").fill("direct");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.locator("#new-token-value")).toHaveText(/^todo_pat_\S{20,}$/);
});
