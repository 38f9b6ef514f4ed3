import { expect, test } from "@playwright/test";
import { addTask, signUp, taskItem, uniqueEmail } from "./helpers";

// The pages' Content-Security-Policy (src/security_headers.rs) lets only the page's own nonced hydration script
// run, and what it imports. The islands must still hydrate and the islands router still patch pages under it.

test("the app runs under its script policy with no violation", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) =>
      console.error(`Content Security Policy violation: ${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const response = await page.goto("/signup");
  expect(response!.headers()["content-security-policy"]).toMatch(/script-src 'nonce-[^']+'/);
  await signUp(page, uniqueEmail("csp"));
  await addTask(page, "runs under the policy");
  await expect(taskItem(page, "runs under the policy")).toBeVisible();
  // An island checks the field as you type: proof that the WASM ran.
  await page.getByLabel("New task").fill("   ");
  await expect(page.getByLabel("New task")).toHaveAttribute("aria-invalid", "true");
  expect(violations).toEqual([]);
});
