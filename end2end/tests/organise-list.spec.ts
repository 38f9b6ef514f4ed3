import { expect, test, type Page } from "@playwright/test";
import { hydrated, PASSWORD, signUp, taskItem, uniqueEmail } from "./helpers";

// The task list of issue 12: views, search, tags, sort and pages all live in the URL (links and a GET form),
// so they work with and without JavaScript. Tasks with due dates, tags and repeats are added through the
// quick-add server function, in the signed-in user's time zone (the browser's, taken at sign-up).

/** Adds a task from quick-add text through the server function, as the signed-in user of `page`. */
async function quickAdd(page: Page, text: string): Promise<void> {
  const res = await page.request.post("/api/tasks/quick_add", {
    form: { text },
    headers: { Accept: "application/json" },
  });
  expect(res.ok(), `quick add "${text}": ${await res.text()}`).toBe(true);
}

function views(page: Page) {
  return page.getByRole("navigation", { name: "Views" });
}

/** The titles of the list named `name` ("Tasks", or a day in Upcoming), in order. */
function titles(page: Page, name: string | RegExp = "Tasks") {
  return page.getByRole("list", { name }).locator(".title");
}

/** A week of tasks: overdue, today, tomorrow, in three days, undated. */
async function aWeek(page: Page): Promise<void> {
  await quickAdd(page, "pay the old bill 2020-01-15");
  await quickAdd(page, "pay rent today !high #home");
  await quickAdd(page, "call mom tomorrow 5pm #family");
  await quickAdd(page, "book dentist in 3 days");
  await quickAdd(page, "read a novel #home");
}

/** Marks the document; `sameDocument` tells whether it was reloaded since. */
async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
}
async function sameDocument(page: Page): Promise<boolean> {
  return (await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)) === true;
}

test("Today shows what is due today and overdue; Upcoming the next 7 days by day", async ({ page }) => {
  await signUp(page, uniqueEmail("views"));
  await aWeek(page);
  await page.goto("/");
  await hydrated(page);
  await markDocument(page);

  await views(page).getByRole("link", { name: "Today", exact: true }).click();
  await expect(page).toHaveURL(/\?view=today$/);
  await expect(titles(page)).toHaveText(["pay the old bill", "pay rent"]);
  await expect(taskItem(page, "pay the old bill").locator(".due")).toContainText("Overdue");
  await expect(taskItem(page, "pay rent").locator(".due")).toContainText("Today");
  await expect(taskItem(page, "pay rent")).toContainText("High");
  await expect(views(page).locator("[aria-current=page]")).toHaveText(["Today"]);

  await views(page).getByRole("link", { name: "Upcoming" }).click();
  await expect(page).toHaveURL(/\?view=upcoming$/);
  await expect(views(page).locator("[aria-current=page]")).toHaveText(["Upcoming"]);
  await expect(page.getByRole("heading", { name: /^Today · / })).toBeVisible();
  await expect(titles(page, /^Today · /)).toHaveText(["pay rent"]);
  await expect(titles(page, /^Tomorrow · /)).toHaveText(["call mom"]);
  await expect(page.getByRole("list", { name: /^Tomorrow · / }).locator(".due")).toHaveText(/Tomorrow 17:00/);
  // In three days: a heading with its weekday.
  await expect(page.getByRole("heading", { level: 3 })).toHaveCount(3);
  await expect(page.getByText("pay the old bill")).toHaveCount(0);
  await expect(page.getByText("read a novel")).toHaveCount(0);

  await views(page).getByRole("link", { name: "All tasks" }).click();
  await expect(titles(page)).toHaveCount(5);
  expect(await sameDocument(page)).toBe(true);
});

test("search finds words in titles and descriptions; a tag on a row opens its view", async ({ page }) => {
  await signUp(page, uniqueEmail("search"));
  await aWeek(page);
  const res = await page.request.post("/api/tasks/quick_add", {
    form: { text: "plan the trip #travel", description: "renew the passport first" },
    headers: { Accept: "application/json" },
  });
  expect(res.ok()).toBe(true);
  await page.goto("/");
  await hydrated(page);

  await page.getByLabel("Search tasks").fill("pass");
  await page.getByLabel("Search tasks").press("Enter");
  await expect(page).toHaveURL(/[?&]q=pass/);
  await expect(titles(page)).toHaveText(["plan the trip"]);
  await expect(page.getByRole("heading", { name: /search for “pass”/ })).toBeVisible();
  await page.getByLabel("Search tasks").fill("nothing like it");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByText("No tasks match “nothing like it”.")).toBeVisible();
  await page.getByRole("link", { name: "Clear search and filters" }).click();
  await expect(titles(page)).toHaveCount(6);

  await taskItem(page, "pay rent").getByRole("link", { name: "#home" }).click();
  await expect(page).toHaveURL(/\?tag=home$/);
  await expect(page.getByRole("heading", { name: "#home" })).toBeVisible();
  await expect(titles(page)).toHaveText(["read a novel", "pay rent"]);
  await expect(views(page).locator("[aria-current=page]")).toContainText(["#home"]);
});

test("sorting by title or priority reorders the list, and the choice stays in the URL", async ({ page }) => {
  await signUp(page, uniqueEmail("sort"));
  await quickAdd(page, "banana !low");
  await quickAdd(page, "cherry !urgent");
  await quickAdd(page, "apple !medium");
  await page.goto("/");
  await hydrated(page);
  await expect(titles(page)).toHaveText(["apple", "cherry", "banana"]);

  await page.getByText("Filters and sort").click();
  await page.getByLabel("Sort").selectOption({ label: "Title, A to Z" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(page).toHaveURL(/[?&]sort=title(&|$)/);
  await expect(titles(page)).toHaveText(["apple", "banana", "cherry"]);

  await page.getByText("Filters and sort").click();
  await page.getByLabel("Sort").selectOption({ label: "Priority, most urgent first" });
  await page.getByRole("button", { name: "Apply" }).click();
  await expect(titles(page)).toHaveText(["cherry", "apple", "banana"]);
  await page.reload();
  await expect(titles(page)).toHaveText(["cherry", "apple", "banana"]);
  await expect(page.getByLabel("Sort")).toHaveValue("priority");
});

test("a long list comes a page at a time: Show more, then back to the first page", async ({ page }) => {
  await signUp(page, uniqueEmail("pages"));
  for (let i = 1; i <= 55; i++) {
    await quickAdd(page, `task number ${String(i).padStart(2, "0")}`);
  }
  await page.goto("/");
  await hydrated(page);
  await expect(titles(page)).toHaveCount(50);
  await expect(titles(page).first()).toHaveText("task number 55");
  await expect(page.getByText("55 tasks left")).toBeVisible();

  await page.getByRole("link", { name: "Show more" }).click();
  await expect(page).toHaveURL(/[?&]cursor=/);
  await expect(titles(page)).toHaveText([
    "task number 05",
    "task number 04",
    "task number 03",
    "task number 02",
    "task number 01",
  ]);
  // Patched in place, the page takes the reader to the top of the new tasks.
  await expect(page.getByRole("heading", { name: "All tasks, page 2" })).toBeFocused();
  await expect(page.getByRole("heading", { name: "All tasks, page 2" })).toBeInViewport();
  await expect(page.getByRole("link", { name: "Show more" })).toHaveCount(0);
  await page.getByRole("link", { name: "Back to the first page" }).click();
  await expect(titles(page)).toHaveCount(50);
});

test("completing a repeating task creates its next occurrence, shown in Upcoming", async ({ page }) => {
  await signUp(page, uniqueEmail("repeat"));
  await quickAdd(page, "water the plants every day #home");
  await page.goto("/?view=upcoming");
  await hydrated(page);
  const today = page.getByRole("list", { name: /^Today · / });
  await expect(today.locator(".repeat")).toHaveText(/every day/);
  await today.getByRole("button", { name: "Mark “water the plants” as done" }).click();
  await expect(today.getByRole("listitem")).toHaveClass(/done/);
  const tomorrow = page.getByRole("list", { name: /^Tomorrow · / });
  await expect(tomorrow.locator(".title")).toHaveText(["water the plants"]);
  await expect(tomorrow.getByRole("listitem")).not.toHaveClass(/done/);
  await expect(page.getByText("1 task left")).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("views, search, a tag link, pages and completing a repeating task all work", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("Email").fill(uniqueEmail("nojs-list"));
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page.getByRole("heading", { name: "Your tasks" })).toBeVisible();
    await aWeek(page);
    await quickAdd(page, "water the plants every day #home");

    await page.goto("/");
    await views(page).getByRole("link", { name: "Today", exact: true }).click();
    await expect(page).toHaveURL(/\?view=today$/);
    await expect(titles(page)).toHaveText(["pay the old bill", "pay rent", "water the plants"]);

    await page.getByLabel("Search tasks").fill("rent");
    await page.getByRole("button", { name: "Search" }).click();
    await expect(page).toHaveURL(/view=today.*q=rent/);
    await expect(titles(page)).toHaveText(["pay rent"]);

    await taskItem(page, "pay rent").getByRole("link", { name: "#home" }).click();
    await expect(page).toHaveURL(/\?tag=home$/);
    await expect(titles(page)).toHaveText(["water the plants", "read a novel", "pay rent"]);

    await page.goto("/?tag=home&limit=2");
    await expect(titles(page)).toHaveCount(2);
    await page.getByRole("link", { name: "Show more" }).click();
    await expect(titles(page)).toHaveText(["pay rent"]);

    await views(page).getByRole("link", { name: "Upcoming" }).click();
    await page
      .getByRole("list", { name: /^Today · / })
      .getByRole("button", { name: "Mark “water the plants” as done" })
      .click();
    await expect(page).toHaveURL(/\?view=upcoming/);
    await expect(titles(page, /^Tomorrow · /)).toHaveText(["call mom", "water the plants"]);
  });
});
