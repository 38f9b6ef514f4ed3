import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { addTask, hydrated, signUp, taskItem, uniqueEmail } from "./helpers";

// axe-core on every page, in the light and the dark theme: no violation of any rule it checks (WCAG A/AA
// and best practices, colour contrast included).

async function expectNoViolations(page: Page, what: string) {
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).analyze();
    const found = results.violations.map(
      (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
    );
    expect(found, `${what}, ${colorScheme} theme`).toEqual([]);
  }
}

test("log-in and sign-up pages have no axe violations, with and without an error shown", async ({ page }) => {
  await page.goto("/login");
  await hydrated(page);
  await expectNoViolations(page, "/login");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("wrong password");
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("alert")).toBeVisible();
  await expectNoViolations(page, "/login with an error");

  await page.goto("/signup");
  await hydrated(page);
  await page.getByLabel("Email").fill("not an email");
  await expect(page.locator(".field-error")).toBeVisible();
  await expectNoViolations(page, "/signup with a field error");
});

test("the task page and Settings have no axe violations", async ({ page }) => {
  await signUp(page, uniqueEmail("axe"));
  await hydrated(page);
  await expectNoViolations(page, "/ (empty)");
  await addTask(page, "Book dentist", "before Friday");
  await addTask(page, "Water the plants");
  await taskItem(page, "Water the plants").getByRole("button", { name: /as done$/ }).click();
  await expect(taskItem(page, "Water the plants")).toHaveClass(/done/);
  await page.getByLabel("Message the assistant").fill("what's left?");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("list", { name: "Conversation" }).locator(".msg")).toHaveCount(2);
  await taskItem(page, "Book dentist").getByRole("button", { name: /^Delete/ }).click();
  await expect(page.getByRole("status")).toBeVisible();
  await expectNoViolations(page, "/ with tasks, a conversation and the undo banner");
  await page.getByRole("button", { name: "Undo" }).click();
  await taskItem(page, "Book dentist").getByRole("link", { name: /^Edit/ }).click();
  await expect(page.getByLabel("Title", { exact: true })).toBeVisible();
  await expectNoViolations(page, "/?edit= (the editor open)");

  await page.goto("/settings");
  await page.getByLabel("Token name").fill("axe");
  await page.getByRole("button", { name: "Create token" }).click();
  await expect(page.locator("#new-token-value")).toBeVisible();
  await expectNoViolations(page, "/settings with a token");

  await page.goto("/no-such-page");
  await expectNoViolations(page, "404");
});

test("the Edit link is named for its task and set apart from the title", async ({ page }) => {
  await signUp(page, uniqueEmail("edit-link"));
  await addTask(page, "Book dentist");
  const item = taskItem(page, "Book dentist");
  const title = await item.locator(".title").boundingBox();
  const edit = item.getByRole("link", { name: "Edit “Book dentist”" });
  const link = await edit.boundingBox();
  expect(title && link && link.x >= title.x + title.width + 8, "at least 8 px between title and Edit").toBe(true);
});

test("on a 375 px phone the header stays on one line", async ({ page }) => {
  await page.setViewportSize({ width: 375, height: 740 });
  await signUp(page, uniqueEmail("a-rather-long-address-for-a-phone"));
  const header = page.locator(".site-header");
  const brand = await header.locator(".brand").boundingBox();
  const logout = await header.getByRole("button", { name: "Log out" }).boundingBox();
  expect(brand && logout && Math.abs(brand.y + brand.height / 2 - (logout.y + logout.height / 2)) < 8).toBe(true);
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, "no horizontal scrolling").toBeLessThanOrEqual(375);
});

test("every page has a meta description", async ({ page }) => {
  await page.goto("/login");
  await expect(page.locator('meta[name="description"]')).toHaveAttribute("content", /.{20,}/);
});
