import { expect, test } from "@playwright/test";

// The REST API's docs page (/api/docs, Swagger UI served from the binary) works offline: with every request to
// any other origin blocked, it loads its assets and the OpenAPI document from the app and renders every operation.

test("/api/docs renders the operations with the network blocked except for the app", async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const blocked: string[] = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (new URL(url).origin === origin) {
      return route.continue();
    }
    blocked.push(url);
    return route.abort("blockedbyclient");
  });
  const failed: string[] = [];
  page.on("requestfailed", (r) => {
    if (new URL(r.url()).origin === origin) failed.push(`${r.url()}: ${r.failure()?.errorText}`);
  });
  const spec = page.waitForResponse((r) => r.url().endsWith("/api/v1/openapi.json") && r.ok());

  await page.goto("/api/docs/");
  await spec;
  await expect(page.locator(".swagger-ui .info .title")).toContainText("todo-app REST API");
  const operations = page.locator(".opblock");
  for (const [method, path] of [
    ["get", "/api/v1/tasks"],
    ["post", "/api/v1/tasks"],
    ["patch", "/api/v1/tasks/{id}"],
    ["get", "/api/v1/tags"],
    ["get", "/api/v1/export"],
    ["post", "/api/v1/import"],
  ]) {
    await expect(
      operations.filter({ has: page.locator(`.opblock-summary-method:text-is("${method.toUpperCase()}")`) })
        .filter({ has: page.locator(`.opblock-summary-path[data-path="${path}"]`) }),
      `${method} ${path}`,
    ).toHaveCount(1);
  }
  // Opening an operation shows its parameters and responses, rendered from the document.
  await page.locator('.opblock-summary-path[data-path="/api/v1/export"]').click();
  await expect(page.locator(".opblock.is-open .parameters")).toContainText("format");
  await expect(page.locator(".opblock.is-open .responses-table")).toContainText("200");
  expect(failed, "every request to the app succeeded").toEqual([]);
  expect(blocked, "the page asked for nothing outside the app").toEqual([]);
});
