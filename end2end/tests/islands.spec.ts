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

/** Marks the current document; `sameDocument` tells whether the page was reloaded since. */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
}

async function sameDocument(page: Page): Promise<boolean> {
  return (await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)) === true;
}

test("the first load fetches one content-hashed WASM, JS and CSS file each, from brotli, cached for a year", async ({
  page,
}) => {
  await signUp(page, uniqueEmail("pkg"));
  const fetched = recordPkg(page);
  await page.goto("/");
  await hydrated(page);
  const names = [...new Set(fetched.map((f) => f.path))].sort();
  expect(names).toHaveLength(3);
  for (const ext of ["css", "js", "wasm"]) {
    const file = fetched.find((f) => new RegExp(`^/pkg/todo-app\\.[A-Za-z0-9_-]{22}\\.${ext}$`).test(f.path));
    expect(file, `a content-hashed .${ext}`).toBeTruthy();
    expect(file!.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(file!.headers["content-encoding"]).toBe("br");
  }
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
