import { expect, test, type Page } from "@playwright/test";
import { PASSWORD, hydrated, signUp, taskItem, uniqueEmail } from "./helpers";

// Issue 12, the input side: quick add (with a preview as you type, and what was taken shown after saving), the
// editor's plain fields, and the user's time zone (from the browser at sign-up, changeable in Settings).

/** "2026-12-24" and "Thu 24 Dec" (the app's label) for today in `timeZone`. */
function todayIn(timeZone: string): { iso: string; label: string } {
  const now = new Date();
  const iso = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, weekday: "short", day: "numeric", month: "short" }).formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)!.value;
  return { iso, label: `${part("weekday")} ${part("day")} ${part("month")}` };
}

async function markDocument(page: Page) {
  await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
}

async function sameDocument(page: Page): Promise<boolean> {
  return (await page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)) === true;
}

async function setTimeZone(page: Page, zone: string) {
  await page.goto("/settings");
  await hydrated(page);
  await page.getByLabel("Time zone").selectOption(zone);
  await page.getByRole("button", { name: "Save time zone" }).click();
  await expect(page.locator("#time-zone-now")).toContainText(`in ${zone.replace(/_/g, " ")} now.`);
  await page.goto("/");
  await hydrated(page);
}

const preview = (page: Page) => page.locator(".quick-add-preview .recognised");
const note = (page: Page) => page.locator(".quick-added");

test.describe("with the browser in New York", () => {
  test.use({ timezoneId: "America/New_York" });

  test("sign-up takes the browser's time zone", async ({ page }) => {
    await signUp(page, uniqueEmail("tz-signup"));
    await page.goto("/settings");
    await expect(page.getByLabel("Time zone")).toHaveValue("America/New_York");
    await expect(page.locator("#time-zone-now")).toContainText("in America/New York now.");
  });
});

test("quick add previews what it recognises as you type, then says what it took", async ({ page }) => {
  await signUp(page, uniqueEmail("quick"));
  await hydrated(page);
  await markDocument(page);
  const box = page.getByLabel("New task");

  await box.fill("call mom");
  await expect(preview(page)).toHaveText("");
  await box.fill("call mom tomorrow 5pm #family !high");
  await expect(preview(page).locator(".chip")).toHaveText([/^due .* 17:00$/, "high priority", "#family"]);
  await expect(page.locator(".preview-title")).toHaveText("Title: \u201ccall mom\u201d");
  // The preview is a polite live region; the title that changes with every key is outside it.
  await expect(preview(page)).toHaveAttribute("aria-live", "polite");

  await page.getByRole("button", { name: "Add task" }).click();
  await expect(taskItem(page, "call mom")).toBeVisible();
  await expect(note(page)).toContainText("Added \u201ccall mom\u201d.");
  await expect(note(page).locator(".chip")).toHaveText([/^due .* 17:00$/, "high priority", "#family"]);
  await expect(box).toHaveValue("");
  await expect(preview(page)).toHaveText("");

  // Text the parser does not know stays in the title; the note says nothing was taken.
  await box.fill("read the someday pile");
  await page.getByRole("button", { name: "Add task" }).click();
  await expect(taskItem(page, "read the someday pile")).toBeVisible();
  await expect(note(page)).toHaveText("Added \u201cread the someday pile\u201d. Nothing was taken from the text.");
  expect(await sameDocument(page)).toBe(true);
});

test("the editor's plain fields set due date, time, priority, tags and repeat", async ({ page }) => {
  await signUp(page, uniqueEmail("editor"));
  await hydrated(page);
  await page.getByLabel("New task").fill("water the plants");
  await page.getByRole("button", { name: "Add task" }).click();
  const item = taskItem(page, "water the plants");
  await item.getByRole("link", { name: /^Edit/ }).click();
  await expect(item.getByLabel("Title", { exact: true })).toBeFocused();
  await expect(item.getByLabel("Repeats")).toHaveValue("none");

  await item.getByLabel("Due date").fill("2026-12-24");
  await item.getByLabel("Time (optional)").fill("08:15");
  await item.getByLabel("Priority").selectOption("urgent");
  await item.getByLabel("Tags (comma-separated)").fill("garden, Home");
  await item.getByLabel("Repeats").selectOption("weekly");
  await item.getByLabel("Every (days, weeks, …)").fill("2");
  // Both ends: refused, with the message next to the repeat, and the editor stays open.
  await item.getByLabel("Until (optional)").fill("2027-06-30");
  await item.getByLabel("Or this many times (optional)").fill("5");
  await item.getByRole("button", { name: "Save" }).click();
  await expect(item.locator("fieldset.repeat .field-error")).toHaveText(
    "End the repeat on a date or after a number of times, not both.",
  );
  await expect(item.getByLabel("Repeats")).toBeVisible();

  await item.getByLabel("Due date").fill("2026-12-24");
  await item.getByLabel("Time (optional)").fill("08:15");
  await item.getByLabel("Priority").selectOption("urgent");
  await item.getByLabel("Tags (comma-separated)").fill("garden, Home");
  await item.getByLabel("Repeats").selectOption("weekly");
  await item.getByLabel("Every (days, weeks, …)").fill("2");
  await item.getByLabel("Until (optional)").fill("");
  await item.getByLabel("Or this many times (optional)").fill("5");
  await item.getByLabel("Counted from").selectOption("completion");
  await item.getByRole("button", { name: "Save" }).click();
  await expect(page).not.toHaveURL(/edit=/);
  await expect(item.getByLabel("Repeats")).toHaveCount(0);

  // Opened again, the editor shows what was saved.
  await item.getByRole("link", { name: /^Edit/ }).click();
  await expect(item.getByLabel("Due date")).toHaveValue("2026-12-24");
  await expect(item.getByLabel("Time (optional)")).toHaveValue("08:15");
  await expect(item.getByLabel("Priority")).toHaveValue("urgent");
  await expect(item.getByLabel("Tags (comma-separated)")).toHaveValue("garden, Home");
  await expect(item.getByLabel("Repeats")).toHaveValue("weekly");
  await expect(item.getByLabel("Every (days, weeks, …)")).toHaveValue("2");
  await expect(item.getByLabel("Or this many times (optional)")).toHaveValue("5");
  await expect(item.getByLabel("Counted from")).toHaveValue("completion");

  // Back to no repeat and no due date.
  await item.getByLabel("Repeats").selectOption("none");
  // (fill("") leaves Chromium's date and time inputs as they were: empty them directly.)
  for (const label of ["Due date", "Time (optional)"]) {
    await item.getByLabel(label).evaluate((el) => ((el as HTMLInputElement).value = ""));
  }
  await item.getByRole("button", { name: "Save" }).click();
  await expect(page).not.toHaveURL(/edit=/);
  await item.getByRole("link", { name: /^Edit/ }).click();
  await expect(item.getByLabel("Repeats")).toHaveValue("none");
  await expect(item.getByLabel("Due date")).toHaveValue("");
});

test("the time zone from Settings changes what 'today' is", async ({ page }) => {
  // 25 hours apart: their dates always differ.
  const east = "Pacific/Kiritimati";
  const west = "Pacific/Pago_Pago";
  await signUp(page, uniqueEmail("tz-today"));
  await hydrated(page);

  for (const [zone, title] of [
    [east, "east task"],
    [west, "west task"],
  ]) {
    await setTimeZone(page, zone);
    const today = todayIn(zone);
    const box = page.getByLabel("New task");
    await box.fill(`${title} today`);
    await expect(preview(page).locator(".chip")).toHaveText([`due ${today.label}`]);
    await page.getByRole("button", { name: "Add task" }).click();
    const item = taskItem(page, title);
    await expect(item).toBeVisible();
    await item.getByRole("link", { name: /^Edit/ }).click();
    await expect(item.getByLabel("Due date")).toHaveValue(today.iso);
    await item.getByRole("link", { name: "Cancel" }).click();
    await expect(item.getByLabel("Due date")).toHaveCount(0);
  }
  expect(todayIn(east).iso).not.toBe(todayIn(west).iso);
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("quick add and the editor work as plain forms", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("Email").fill(uniqueEmail("quick-nojs"));
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page.getByRole("heading", { name: "Your tasks" })).toBeVisible();

    await page.getByLabel("New task").fill("Pay rent every month on the 1st !high #home");
    await page.getByRole("button", { name: "Add task" }).click();
    await expect(taskItem(page, "Pay rent")).toBeVisible();
    await expect(note(page)).toContainText("Added \u201cPay rent\u201d.");
    await expect(note(page).locator(".chip")).toHaveText([/^due /, "every month on the 1st", "high priority", "#home"]);

    const item = taskItem(page, "Pay rent");
    await item.getByRole("link", { name: /^Edit/ }).click();
    await expect(item.getByLabel("Repeats")).toHaveValue("monthly");
    await expect(item.getByLabel("Priority")).toHaveValue("high");
    await item.getByLabel("Priority").selectOption("low");
    await item.getByLabel("Tags (comma-separated)").fill("home, bills");
    await item.getByRole("button", { name: "Save" }).click();
    await expect(page).not.toHaveURL(/edit=/);
    await item.getByRole("link", { name: /^Edit/ }).click();
    await expect(item.getByLabel("Priority")).toHaveValue("low");
    await expect(item.getByLabel("Tags (comma-separated)")).toHaveValue("bills, home");

    // Settings: the zone is a plain select.
    await page.goto("/settings");
    await expect(page.getByLabel("Time zone")).toHaveValue("UTC");
    await page.getByLabel("Time zone").selectOption("Europe/Berlin");
    await page.getByRole("button", { name: "Save time zone" }).click();
    await expect(page.getByLabel("Time zone")).toHaveValue("Europe/Berlin");
  });
});
