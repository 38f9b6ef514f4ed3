import { expect, test } from "@playwright/test";
import { PASSWORD, hydrated, signUp, taskItem, uniqueEmail } from "./helpers";

// scripts/e2e.sh starts todo-mcp beside the web app: the assistant's tool calls really run.

test("chatting \u201cadd buy milk\u201d adds it to the list and shows the tool call", async ({ page }) => {
  await signUp(page, uniqueEmail("chat"));
  await hydrated(page);
  const message = page.getByLabel("Message the assistant");
  await message.fill("add buy milk");
  await page.getByRole("button", { name: "Send" }).click();

  await expect(taskItem(page, "buy milk")).toBeVisible();
  const log = page.getByRole("list", { name: "Conversation" });
  await expect(log.getByText("add buy milk")).toBeVisible();
  await expect(log.getByRole("list", { name: "Tool calls" })).toContainText(/add_task → created #\d+ 'buy milk'/);
  await expect(message).toHaveValue("");

  await message.fill("done with milk");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(taskItem(page, "buy milk")).toHaveClass(/done/);

  // The conversation is stored: it is still there after a reload.
  await page.reload();
  await expect(page.getByRole("list", { name: "Conversation" }).getByText("done with milk")).toBeVisible();
});

test("while a message is answered the panel says it is thinking, then shows the reply", async ({ page }) => {
  await signUp(page, uniqueEmail("thinking"));
  await hydrated(page);
  const thinking = page.locator("#assistant-thinking");
  await expect(thinking).toBeHidden();
  // The offline brain answers in milliseconds: hold the answer back long enough to see the note.
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/assistant/send", async (route) => {
    await held;
    await route.continue();
  });
  const message = page.getByLabel("Message the assistant");
  await message.fill("add feed the cat");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Thinking\u2026" })).toBeVisible();
  await expect(message).toHaveValue("");
  release();
  await expect(page.getByRole("list", { name: "Conversation" })).toContainText("Added \u201cfeed the cat\u201d");
  await expect(thinking).toBeHidden();
  await expect(taskItem(page, "feed the cat")).toBeVisible();

  // And again for the next message (the note is shown by the page's script each time).
  await page.unroute("**/api/assistant/send");
  let releaseAgain: () => void = () => {};
  const heldAgain = new Promise<void>((resolve) => (releaseAgain = resolve));
  await page.route("**/api/assistant/send", async (route) => {
    await heldAgain;
    await route.continue();
  });
  await message.fill("what's left?");
  await page.getByRole("button", { name: "Send" }).click();
  await expect(thinking).toBeVisible();
  releaseAgain();
  await expect(thinking).toBeHidden();
  await expect(page.getByRole("list", { name: "Conversation" })).toContainText("what's left?");
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the chat form posts and the page shows the reply and the new task", async ({ page }) => {
    await page.goto("/signup");
    await page.getByLabel("Email").fill(uniqueEmail("nojs-chat"));
    await page.getByLabel(/^Password/).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign up" }).click();
    await expect(page.getByRole("heading", { name: "Your tasks" })).toBeVisible();

    await page.getByLabel("Message the assistant").fill("add water the plants");
    await page.getByRole("button", { name: "Send" }).click();
    await expect(taskItem(page, "water the plants")).toBeVisible();
    await expect(page.getByRole("list", { name: "Conversation" })).toContainText("Added \u201cwater the plants\u201d");
  });
});
