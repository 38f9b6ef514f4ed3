import { expect, test } from "@playwright/test";
import { PASSWORD, hydrated, logIn, signUp, uniqueEmail } from "./helpers";

const NEW_PASSWORD = "a brand new passphrase";

test("changing the password keeps this session, ends the other ones, and the new password logs in", async ({
  page,
  browser,
}) => {
  const email = uniqueEmail("password");
  await signUp(page, email);
  // A second session of the same account: another browser context, its own cookies.
  const elsewhere = await browser.newContext();
  const otherPage = await elsewhere.newPage();
  await logIn(otherPage, email);

  await page.goto("/settings");
  await hydrated(page);
  await expect(page.getByRole("heading", { name: "Account", exact: true })).toBeVisible();
  await page.getByLabel("Current password").fill("not my password");
  await page.getByLabel(/^New password/).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByText("That is not your current password.")).toBeVisible();

  await page.getByLabel("Current password").fill(PASSWORD);
  await page.getByLabel(/^New password/).fill(NEW_PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Your password was changed." })).toBeVisible();

  // This session carries on; the other one is signed out.
  await page.goto("/");
  await expect(page.getByRole("heading", { name: "Your tasks" })).toBeVisible();
  await otherPage.goto("/");
  await expect(otherPage.getByRole("heading", { name: "Log in" })).toBeVisible();

  // The old password no longer works, the new one does.
  await otherPage.getByLabel("Email").fill(email);
  await otherPage.getByLabel("Password").fill(PASSWORD);
  await otherPage.getByRole("button", { name: "Log in" }).click();
  await expect(otherPage.getByText("Email or password is incorrect.")).toBeVisible();
  await otherPage.getByLabel("Email").fill(email);
  await otherPage.getByLabel("Password").fill(NEW_PASSWORD);
  await otherPage.getByRole("button", { name: "Log in" }).click();
  await expect(otherPage.getByRole("heading", { name: "Your tasks" })).toBeVisible();
  await elsewhere.close();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("deleting the account needs the password, then the account is gone", async ({ page }) => {
    const email = uniqueEmail("delete");
    await signUp(page, email, { waitForHydration: false });
    await page.getByLabel("New task").fill("soon gone");
    await page.getByRole("button", { name: "Add task" }).click();

    await page.goto("/settings");
    await page.getByLabel("Your password, to confirm").fill("not my password");
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(page.getByText("That is not your current password.")).toBeVisible();
    await page.goto("/");
    await expect(page.getByRole("heading", { name: "Your tasks" })).toBeVisible();

    await page.goto("/settings");
    await page.getByLabel("Your password, to confirm").fill(PASSWORD);
    await page.getByRole("button", { name: "Delete my account" }).click();
    await expect(page).toHaveURL(/\/signup$/);
    await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();

    await page.goto("/login");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Log in" }).click();
    await expect(page.getByText("Email or password is incorrect.")).toBeVisible();
  });
});
