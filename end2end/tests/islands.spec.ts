import { expect, test, type Page } from "@playwright/test";
import { addTask, hydrated, signUp, taskItem, uniqueEmail } from "./helpers";

// Islands mode (src/app/mod.rs): the pages are server components; the WASM bundle holds only the islands
// (the fields checked as you type). The islands router turns link clicks and form posts into fetches and
// patches the page, so nothing reloads it once the script has run.

/** Records the /pkg files the page fetches from now on, with their response headers. */
function recordPkg(page: Page) {
  const fetched: { path: string; headers: Record<string, string> }[] = [];
  page.on("response", (r) => {
    const path = new URL(r.url()).pathname;
    if (path.startsWith("/pkg/")) fetched.push({ path, headers: r.headers() });
  });
  return fetched;
}

/** A /pkg file as every one is served: brotli, content-hashed and so cached for a year. */
function expectCachedBrotli(file: { headers: Record<string, string> }) {
  expect(file.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  expect(file.headers["content-encoding"]).toBe("br");
}

/** Marks the current document; `sameDocument` tells whether the page was reloaded since. */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
}

async function sameDocument(page: Page): Promise<boolean> {
  return (await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)) === true;
}

test("the first load fetches the hashed WASM, JS, CSS and split loader, as brotli, cached for a year", async ({
  page,
}) => {
  await signUp(page, uniqueEmail("pkg"));
  const fetched = recordPkg(page);
  await page.goto("/");
  await hydrated(page);
  const names = [...new Set(fetched.map((f) => f.path))].sort();
  // The bundle, its stylesheet and wasm-split's loader; the quick-add parser's chunk is not among them.
  expect(names).toHaveLength(4);
  const hash = "[A-Za-z0-9_-]{22}";
  for (const [stem, ext] of [["todo-app", "css"], ["todo-app", "js"], ["todo-app", "wasm"], ["__wasm_split", "js"]]) {
    const re = new RegExp(`^/pkg/${stem}\\.${hash}\\.${ext}$`);
    const file = fetched.find((f) => re.test(f.path));
    expect(file, `a file named like ${re}`).toBeTruthy();
    expectCachedBrotli(file!);
  }
});

test("the quick-add parser's chunk is fetched at the first keystroke in the new-task box", async ({ page }) => {
  await signUp(page, uniqueEmail("lazy"));
  const fetched = recordPkg(page);
  await page.goto("/");
  await hydrated(page);
  // wasm-split's chunks: every .wasm but the bundle's own.
  const chunks = () => fetched.filter((f) => f.path.endsWith(".wasm") && !f.path.startsWith("/pkg/todo-app."));
  expect(chunks()).toHaveLength(0);
  await page.getByLabel("New task").pressSequentially("Pay rent tomorrow !high");
  await expect(page.locator(".quick-add-preview .recognised .chip")).toHaveText([/^due /, "high priority"]);
  await expect.poll(() => chunks().length).toBeGreaterThan(0);
  // Typed on after the first key, the text never fetches a chunk twice.
  const paths = chunks().map((f) => f.path);
  expect(new Set(paths).size).toBe(paths.length);
  for (const chunk of chunks()) expectCachedBrotli(chunk);
});

test("adding, editing, toggling, filtering, deleting and undoing never reload the page", async ({ page }) => {
  await signUp(page, uniqueEmail("noreload"));
  await hydrated(page);
  await markDocument(page);

  await addTask(page, "patched in place");
  await addTask(page, "second one");
  const item = taskItem(page, "patched in place");
  await item.getByRole("link", { name: /^Edit/ }).click();
  await expect(item.getByLabel("Title")).toBeFocused();
  await item.getByLabel("Title").fill("patched again");
  await item.getByRole("button", { name: "Save" }).click();
  await expect(taskItem(page, "patched again")).toBeVisible();
  await taskItem(page, "patched again").getByRole("button", { name: /as done$/ }).click();
  await expect(taskItem(page, "patched again")).toHaveClass(/done/);
  await page.getByRole("link", { name: "Completed" }).click();
  await expect(page.getByRole("list", { name: "Tasks" }).locator(".title")).toHaveText(["patched again"]);
  await page.getByRole("link", { name: "All", exact: true }).click();
  await taskItem(page, "second one").getByRole("button", { name: /^Delete/ }).click();
  await expect(taskItem(page, "second one")).toHaveCount(0);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(taskItem(page, "second one")).toBeVisible();

  expect(await sameDocument(page)).toBe(true);
});

test("Settings opens and creates a token without reloading the page", async ({ page }) => {
  await signUp(page, uniqueEmail("settings-nav"));
  await hydrated(page);
  await markDocument(page);
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();
  await page.getByLabel("Token name").fill("islands");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.locator("#new-token-value")).toHaveText(/^todo_pat_\S{20,}$/);
  await expect(page.getByLabel("Token name")).toHaveValue("");
  expect(await sameDocument(page)).toBe(true);
});
