import { expect, type Page } from "@playwright/test";

let counter = 0;

/** A unique email per call, so tests never collide with each other or earlier runs. */
export function uniqueEmail(name: string): string {
  counter += 1;
  return `${name}-${Date.now()}-${counter}@example.com`;
}

export const PASSWORD = "correct horse battery";

/** Waits until the WASM bundle has hydrated the page (the app marks <body> when it has). */
export async function hydrated(page: Page): Promise<void> {
  await expect(page.locator("body[data-hydrated]")).toHaveCount(1);
}

/** Signs up through the form and lands on the task page. */
export async function signUp(page: Page, email: string, { waitForHydration = true } = {}): Promise<void> {
  await page.goto("/signup");
  if (waitForHydration) await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: "Your tasks" })).toBeVisible();
}

/** Logs in through the form and lands on the task page. */
export async function logIn(page: Page, email: string): Promise<void> {
  await page.goto("/login");
  await hydrated(page);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Log in" }).click();
  await expect(page.getByRole("heading", { name: "Your tasks" })).toBeVisible();
}

/** Adds a task with the "New task" form and waits for it to be listed. */
export async function addTask(page: Page, title: string, description = ""): Promise<void> {
  await page.getByLabel("New task").fill(title);
  if (description) await page.getByLabel("Description (optional)").fill(description);
  await page.getByRole("button", { name: "Add task" }).click();
  await expect(taskItem(page, title)).toBeVisible();
}

/** The list item of the task titled `title`. */
export function taskItem(page: Page, title: string) {
  return page
    .getByRole("list", { name: "Tasks" })
    .getByRole("listitem")
    .filter({ has: page.locator(".title", { hasText: new RegExp(`^${escapeRegExp(title)}$`) }) });
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
