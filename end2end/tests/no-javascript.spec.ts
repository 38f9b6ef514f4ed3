import { expect, test } from "@playwright/test";
import { PASSWORD, taskItem, uniqueEmail } from "./helpers";

// Every action is a real form: with JavaScript off the server handles the post and re-renders.
test.use({ javaScriptEnabled: false });

test("with JavaScript disabled a user can sign up, add, complete and delete tasks", async ({ page }) => {
  await page.goto("/signup");
  await page.getByLabel("Email").fill(uniqueEmail("nojs"));
  await page.getByLabel(/^Password/).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up" }).click();
  await expect(page.getByRole("heading", { name: "Your tasks" })).toBeVisible();

  await page.getByLabel("New task").fill("added without JS");
  await page.getByRole("button", { name: "Add task" }).click();
  await expect(taskItem(page, "added without JS")).toBeVisible();
  await expect(page.getByText("1 task left")).toBeVisible();

  // A bad title comes back as a message on the re-rendered page, and adds nothing.
  await page.getByLabel("New task").fill("  ");
  await page.getByRole("button", { name: "Add task" }).click();
  await expect(page.getByText("Title is required.")).toBeVisible();
  await expect(page.getByRole("list", { name: "Tasks" }).getByRole("listitem")).toHaveCount(1);

  // Edit: the editor opens on its own URL; a bad title keeps it open with the message, a good one closes it.
  await taskItem(page, "added without JS").getByRole("link", { name: /^Edit/ }).click();
  await expect(page).toHaveURL(/[?&]edit=\d+/);
  const editor = taskItem(page, "added without JS");
  await editor.getByLabel("Title").fill("  ");
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(editor.getByText("Title is required.")).toBeVisible();
  await editor.getByLabel("Title").fill("edited without JS");
  await editor.getByLabel("Description").fill("no script needed");
  await editor.getByRole("button", { name: "Save" }).click();
  await expect(taskItem(page, "edited without JS").locator(".description")).toHaveText("no script needed");
  await expect(page).not.toHaveURL(/edit=/);
  await expect(page.getByLabel("Title", { exact: true })).toHaveCount(0);

  await taskItem(page, "edited without JS").getByRole("button", { name: /as done$/ }).click();
  await expect(taskItem(page, "edited without JS")).toHaveClass(/done/);
  await expect(page.getByText("0 tasks left")).toBeVisible();

  await taskItem(page, "edited without JS").getByRole("button", { name: /^Delete/ }).click();
  await expect(page.getByRole("list", { name: "Tasks" }).getByRole("listitem")).toHaveCount(0);
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(taskItem(page, "edited without JS")).toBeVisible();
});
