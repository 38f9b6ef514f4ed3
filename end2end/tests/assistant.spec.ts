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
