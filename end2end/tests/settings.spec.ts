import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./helpers";

const mcpUrl = process.env.E2E_MCP_URL ?? "http://127.0.0.1:8080/mcp";

/** An MCP `initialize` request to todo-mcp with `token` (or none). */
function initialize(request: import("@playwright/test").APIRequestContext, token?: string) {
  return request.post(mcpUrl, {
    headers: {
      Accept: "application/json, text/event-stream",
      "Content-Type": "application/json",
      ...(token ? { Authorization: `Bearer ${token}` } : {}),
    },
    data: {
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "e2e", version: "1" } },
    },
  });
}

test("a personal access token is created on Settings, shown once, works on the MCP server, and is revoked", async ({
  page,
  request,
}) => {
  await signUp(page, uniqueEmail("pat"));
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page.getByRole("heading", { name: "Settings" })).toBeVisible();

  await page.getByLabel("Token name").fill("Claude Desktop");
  await page.getByRole("button", { name: "Create token" }).click();
  const secret = page.locator("#new-token-value");
  await expect(secret).toHaveText(/^todo_pat_\S{20,}$/);
  const token = (await secret.textContent())!.trim();
  await expect(page.getByRole("table", { name: "Your tokens" })).toContainText("Claude Desktop");

  expect((await initialize(request, token)).status()).toBe(200);
  expect((await initialize(request)).status()).toBe(401);

  // Shown once: a reload lists the token by name and prefix only.
  await page.reload();
  await expect(page.locator("#new-token-value")).toHaveCount(0);
  await expect(page.getByRole("table", { name: "Your tokens" })).not.toContainText(token);

  await page.getByRole("button", { name: "Revoke token “Claude Desktop”" }).click();
  await expect(page.getByText("You have no tokens yet.")).toBeVisible();
  expect((await initialize(request, token)).status()).toBe(401);
});
