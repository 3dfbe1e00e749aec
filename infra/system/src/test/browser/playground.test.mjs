// The playground in a real browser: headless Chromium from the system's packages, driven by playwright-core (both
// pinned: package-lock.json here, Debian's chromium), against the local cloud. Run by the JUnit test
// PlaygroundBrowserTest with STICKER_API_URL, STICKER_PHOTO, STICKER_CHROMIUM and STICKER_ARTIFACTS set;
// `node --test` exits non-zero on any failure. Screenshots and downloads are kept in STICKER_ARTIFACTS.
//
// The API's keys are a contract this page is written against before the API enforces them: the key tests stand in
// for the API's refusals (401, 403, 429) and its publishable browser access by answering those routes in the
// browser, and check what the page sends and shows.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import axe from "axe-core";

const API = (process.env.STICKER_API_URL ?? "").replace(/\/$/, "");
const PHOTO = process.env.STICKER_PHOTO;
const CHROMIUM = process.env.STICKER_CHROMIUM ?? "/usr/bin/chromium";
const ARTIFACTS = process.env.STICKER_ARTIFACTS ?? "target/browser";
assert.ok(API, "STICKER_API_URL must name the API under test");
assert.ok(PHOTO, "STICKER_PHOTO must name a photo with a face");
mkdirSync(ARTIFACTS, { recursive: true });

const MODEL = "fal-ai/face-to-sticker";
const RUN = { timeout: 180_000 };
const photoBytes = readFileSync(PHOTO);
const dataUri = `data:image/png;base64,${photoBytes.toString("base64")}`;
// Flags for a machine without internet: no background connections of Chromium's own, no QUIC, no first-run UI.
// Playwright gives each launch a fresh profile (user data directory) of its own.
const CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let browser;

before(async () => {
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_FLAGS });
});

after(async () => {
  await browser?.close();
  // Node's fetch keeps idle connections open; they must not hold the process up once the tests are done.
  setTimeout(() => process.exit(process.exitCode ?? 0), 100).unref();
});

/** A fresh context and page, with the console's errors, uncaught exceptions and every request recorded. */
async function openPage({ width = 1280, height = 900, context } = {}) {
  const ctx = context ?? await browser.newContext({ viewport: { width, height }, acceptDownloads: true });
  await ctx.addInitScript(() => {
    window.seenStatuses = [];
    document.addEventListener("DOMContentLoaded", () => {
      const status = document.getElementById("status");
      new MutationObserver(() => window.seenStatuses.push(status.textContent))
        .observe(status, { childList: true, characterData: true, subtree: true });
    });
  });
  const page = await ctx.newPage();
  const record = { errors: [], requests: [] };
  page.on("console", (message) => {
    if (message.type() === "error") {
      record.errors.push(`${message.text()} at ${message.location().url}`);
    }
  });
  page.on("pageerror", (error) => record.errors.push(`uncaught: ${error.message}`));
  page.on("request", (request) => record.requests.push(request));
  await page.goto(`${API}/`);
  await page.locator("#field-prompt").waitFor();
  return { context: ctx, page, record };
}

/** Drops the sample photo on the drop zone, as a person dragging a file from their desktop would. */
async function dropPhoto(page) {
  const transfer = await page.evaluateHandle(({ base64, name }) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const data = new DataTransfer();
    data.items.add(new File([bytes], name, { type: "image/png" }));
    return data;
  }, { base64: photoBytes.toString("base64"), name: "astronaut.png" });
  await page.dispatchEvent("#field-image_url-drop", "dragover", { dataTransfer: transfer });
  await page.dispatchEvent("#field-image_url-drop", "drop", { dataTransfer: transfer });
  await page.locator("#field-image_url-chosen", { hasText: "astronaut.png" }).waitFor();
}

async function statusAfterRun(page) {
  await page.waitForFunction(() => /^(COMPLETED|Cancelled|Stopped|The input)/
    .test(document.getElementById("status").textContent), null, RUN);
  return page.locator("#status").textContent();
}

async function imagesLoaded(page) {
  await page.waitForFunction(() => ["sticker", "transparent"].every((id) => {
    const image = document.getElementById(id);
    return image.complete && image.naturalWidth > 0;
  }), null, RUN);
  return page.evaluate(() => ["sticker", "transparent"].map((id) => {
    const image = document.getElementById(id);
    return { src: image.currentSrc, width: image.naturalWidth, height: image.naturalHeight };
  }));
}

const shownJson = async (page, id) => JSON.parse(await page.locator(id).textContent());

async function accessibilityViolations(page) {
  await page.evaluate(axe.source);
  const results = await page.evaluate(() => window.axe.run(document, {
    runOnly: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"],
  }));
  return results.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}

async function noHorizontalOverflow(page, width, name) {
  await page.setViewportSize({ width, height: 900 });
  await page.screenshot({ path: join(ARTIFACTS, name), fullPage: true });
  const overflow = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    viewport: document.documentElement.clientWidth,
    offenders: [...document.querySelectorAll("body *")]
      .filter((element) => element.getClientRects().length > 0
        && element.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .map((element) => element.id || element.className || element.tagName).slice(0, 10),
  }));
  assert.ok(overflow.scrollWidth <= overflow.viewport,
    `at ${width} px the page is ${overflow.scrollWidth} px wide: ${overflow.offenders}`);
  assert.deepEqual(overflow.offenders, [], `at ${width} px these stick out`);
}

const apiRequests = (record) => record.requests.filter((r) => r.url().startsWith(`${API}/`)
  && !/\/(playground\/[^/]+|openapi\.json|files\/.*)$/.test(new URL(r.url()).pathname) && r.url() !== `${API}/`);

describe("the playground against the local cloud", () => {
  let session;
  let finished;
  let uploadedPhotoUrl;

  test("the form is generated from the OpenAPI document, every control labelled", async () => {
    session = await openPage();
    const { page } = session;
    const schema = (await (await fetch(`${API}/openapi.json`)).json()).components.schemas.FaceToStickerInput;

    for (const [name, property] of Object.entries(schema.properties)) {
      const control = page.locator(`#field-${name}`);
      assert.equal(await control.count(), 1, `a control for ${name}`);
      const hint = await page.locator(`#field-${name}-hint`).textContent();
      assert.ok(hint.includes(property.description), `${name} shows its description`);
      if (property.default !== undefined && typeof property.default !== "object") {
        assert.ok(hint.includes(`Default ${property.default === "" ? "empty" : property.default}`),
          `${name} shows its default: ${hint}`);
      }
      if (property.type === "integer" || property.type === "number") {
        assert.equal(await control.getAttribute("max"), String(property.maximum), `${name} has its maximum`);
      }
    }
    assert.equal(await page.locator("#field-prompt").inputValue(), schema.properties.prompt.examples[0]);
    assert.equal(await page.locator("#field-num_inference_steps").inputValue(), "20");
    assert.equal(await page.locator("#field-image_size").inputValue(), "square_hd");
    assert.ok(await page.locator("#advanced #field-guidance_scale").count(), "optional fields are under Advanced");
    assert.equal(await page.locator(".examples .chip").count(), schema.properties.prompt.examples.length);
    assert.deepEqual(await accessibilityViolations(page), []);
    assert.deepEqual(session.record.errors, []);
  });

  test("a dropped photo is uploaded and run with defaults: queue, logs, both images, downloads", RUN, async () => {
    const { page, record } = session;
    await dropPhoto(page);
    await page.getByRole("button", { name: "a person, vibrant, gold outline" }).click();

    await page.locator("#run").click();
    const status = await statusAfterRun(page);

    assert.match(status, /^COMPLETED in \d+\.\d s$/);
    const seen = await page.evaluate(() => window.seenStatuses);
    assert.ok(seen.some((s) => /^IN_QUEUE · position \d+/.test(s) || s === "IN_PROGRESS"), `statuses: ${seen}`);
    const logs = await page.locator("#logs li").allTextContents();
    assert.ok(logs.some((line) => line.includes("detecting face")), `log lines: ${logs}`);
    assert.match(await page.locator("#elapsed").textContent(), /^Elapsed \d+\.\d s$/);

    const sent = await shownJson(page, "#request-json");
    assert.deepEqual(Object.keys(sent), ["image_url", "prompt"], "defaults are not sent");
    assert.ok(sent.image_url.startsWith(`${API}/files/uploads/`), sent.image_url);
    uploadedPhotoUrl = sent.image_url;
    const initiate = record.requests.find((r) => r.url().startsWith(`${API}/storage/upload/initiate`));
    assert.equal(initiate?.method(), "POST");
    const put = record.requests.find((r) => r.method() === "PUT");
    assert.ok(put && !put.url().startsWith(API), "the bytes go to the presigned storage URL");

    finished = await shownJson(page, "#result-json");
    const images = await imagesLoaded(page);
    for (const [image, output] of [[images[0], finished.sticker_image],
      [images[1], finished.sticker_image_background_removed]]) {
      assert.equal(image.width, output.width);
      assert.equal(image.height, output.height);
    }
    assert.equal(finished.sticker_image.width, 1024, "square_hd by default");
    assert.equal(await page.locator("#seed-used").textContent(), String(finished.seed));

    for (const [button, output] of [["#download-sticker", finished.sticker_image],
      ["#download-transparent", finished.sticker_image_background_removed]]) {
      const [download] = await Promise.all([page.waitForEvent("download"), page.locator(button).click()]);
      const path = join(ARTIFACTS, download.suggestedFilename());
      await download.saveAs(path);
      const bytes = readFileSync(path);
      assert.equal(download.suggestedFilename(), output.file_name);
      assert.equal(bytes.length, output.file_size);
      assert.deepEqual([...bytes.subarray(1, 4)], [...Buffer.from("PNG")]);
    }

    await page.locator("#tab-js").click();
    const javascript = await page.locator("#code").textContent();
    assert.ok(javascript.includes(`"image_url": "${sent.image_url}"`), javascript);
    assert.ok(javascript.includes(`const API = "${API}"`), javascript);
    await page.locator("#tab-python").click();
    assert.ok((await page.locator("#code").textContent()).includes("fal_client.submit("));
    await page.locator("#tab-curl").click();
    assert.ok((await page.locator("#code").textContent()).includes(`${API}/${MODEL}/requests/`));

    await page.locator("#reuse-seed").click();
    assert.equal(await page.locator("#field-seed").inputValue(), String(finished.seed));
    assert.equal(await page.evaluate(() => document.activeElement.id), "field-seed");

    assert.deepEqual(await accessibilityViolations(page), []);
    assert.deepEqual(record.errors, [], "the console stays clean during the run");
  });

  test("a refused input shows each error on its own field", RUN, async () => {
    const { page, record } = await openPage({ context: session.context });
    await page.locator("#field-image_url").fill("ftp://example.com/face.png");
    await page.locator("#field-prompt").fill("a person");
    await page.locator("#advanced > summary").click();
    await page.locator("#field-guidance_scale").fill("25");

    await page.locator("#run").click();

    assert.match(await statusAfterRun(page), /^The input needs a change/);
    assert.match(await page.locator("#field-guidance_scale-error").textContent(), /less than or equal to 20/);
    assert.match(await page.locator("#field-image_url-error").textContent(), /http/);
    assert.equal(await page.locator("#field-guidance_scale").getAttribute("aria-invalid"), "true");
    assert.equal(await page.evaluate(() => document.activeElement.id), "field-image_url", "focus on the first");
    assert.ok(record.errors.every((e) => e.includes("422")), `only the expected 422: ${record.errors}`);
    await page.close();
  });

  test("a queued run is cancelled", RUN, async () => {
    const blockers = [];
    for (let i = 0; i < 2; i++) {
      const response = await fetch(`${API}/${MODEL}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ image_url: dataUri, prompt: "a person", upscale: true }),
      });
      blockers.push((await response.json()).request_id);
    }
    const { page } = await openPage({ context: session.context });
    await page.locator("#field-image_url-file").setInputFiles(PHOTO);
    await page.locator("#field-prompt").fill("a person to cancel");

    await page.locator("#run").click();
    await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("IN_QUEUE"),
      null, RUN);
    await page.locator("#cancel").click();

    assert.equal(await statusAfterRun(page), "Cancelled.");
    assert.equal((await shownJson(page, "#result-json")).detail, "Request cancelled");
    assert.ok(await page.locator("#history li", { hasText: "a person to cancel" }).getByText(/^CANCELLED/).count());
    await Promise.all(blockers.map((id) => fetch(`${API}/${MODEL}/requests/${id}/cancel`, { method: "PUT" })));
    await page.close();
  });

  test("a run is reopened from the history after a reload", RUN, async () => {
    const { page } = session;
    await page.reload();
    await page.locator("#history li").first().waitFor();

    const entry = page.locator("#history li", { hasText: "a person, vibrant, gold outline" });
    await entry.getByRole("button", { name: /^Open/ }).click();

    const images = await imagesLoaded(page);
    assert.equal(images[0].width, finished.sticker_image.width);
    assert.equal((await shownJson(page, "#result-json")).seed, finished.seed);
    assert.equal(await page.locator("#field-prompt").inputValue(), "a person, vibrant, gold outline");
  });

  test("with every part open, nothing overflows from a 360 px phone to a wide screen", async () => {
    const { page } = session;
    await page.locator("#advanced > summary").click();
    await page.locator("#field-image_size").selectOption("custom");
    await page.locator("#key-summary").click();
    for (const details of await page.locator("details.json > summary").all()) {
      await details.click();
    }
    for (const width of [360, 375, 1280, 1920]) {
      await noHorizontalOverflow(page, width, `playground-${width}.png`);
    }
    assert.deepEqual(await accessibilityViolations(page), []);
  });

  test("keyboard only: every control is reached with Tab, focus is visible, and a run starts", RUN, async () => {
    const { page } = await openPage({ context: session.context });
    const focused = [];
    for (let i = 0; i < 40 && !focused.includes("run"); i++) {
      await page.keyboard.press("Tab");
      focused.push(await page.evaluate(() => {
        const element = document.activeElement;
        const ring = (e) => e && getComputedStyle(e).outlineStyle !== "none"
          && getComputedStyle(e).outlineWidth !== "0px";
        const visible = ring(element) || ring(element.closest(".dropzone"));
        return visible ? element.id || element.textContent.trim() : `INVISIBLE:${element.outerHTML.slice(0, 80)}`;
      }));
    }
    assert.ok(focused.every((id) => !id.startsWith("INVISIBLE")), `focus not visible: ${focused}`);
    for (const id of ["field-image_url-file", "field-image_url", "field-prompt", "run"]) {
      assert.ok(focused.includes(id), `${id} reached by Tab: ${focused}`);
    }

    await page.locator("#field-image_url").focus();
    await page.keyboard.type(uploadedPhotoUrl);
    await page.keyboard.press("Tab");
    await page.keyboard.press("ControlOrMeta+A");
    await page.keyboard.type("a person, comic ink");
    await page.locator("#run").focus();
    await page.keyboard.press("Enter");
    assert.match(await statusAfterRun(page), /^COMPLETED/);
    assert.equal((await shownJson(page, "#request-json")).prompt, "a person, comic ink");
    await page.close();
  });

  after(() => session?.context.close());
});

describe("keys, against the API's answers for a deployment that has them", () => {
  const runWithPhoto = async (page) => {
    await dropPhoto(page);
    await page.locator("#field-prompt").fill("a person");
    await page.locator("#run").click();
    return statusAfterRun(page);
  };

  test("a key is sent on every API call but never to storage, kept in this tab only, never shown", RUN,
    async () => {
      const context = await browser.newContext();
      let billingKey;
      await context.route(`${API}/v1/account/billing?expand=credits`, (route) => {
        billingKey = route.request().headers().authorization;
        return route.fulfill({ json: { username: "ada", credits: { current_balance: 12.34, currency: "USD" } } });
      });
      const { page, record } = await openPage({ context });
      await page.locator("#key-summary").click();
      await page.locator("#key-input").fill("kid-1:sekrit-value");
      await page.locator("#key-input").press("Enter");

      await page.locator("#credit", { hasText: "Credit: 12.34 USD" }).waitFor();
      assert.equal(billingKey, "Key kid-1:sekrit-value");
      assert.equal(await page.locator("#key-summary").textContent(), "API key: set");
      assert.match(await runWithPhoto(page), /^COMPLETED/);

      const calls = apiRequests(record).filter((r) => !r.url().includes("/v1/account/"));
      assert.ok(calls.length >= 4, calls.map((r) => r.url()).join("\n"));
      for (const call of calls) {
        assert.equal(call.headers().authorization, "Key kid-1:sekrit-value", call.url());
      }
      const put = record.requests.find((r) => r.method() === "PUT");
      assert.equal(put.headers().authorization, undefined, "no key to storage");
      for (const tab of ["#tab-curl", "#tab-js", "#tab-python"]) {
        await page.locator(tab).click();
        const snippet = await page.locator("#code").textContent();
        assert.ok(!snippet.includes("sekrit") && snippet.includes("YOUR_KEY_ID:YOUR_KEY_SECRET"), snippet);
      }
      const stored = await page.evaluate(() => ({ session: JSON.stringify(sessionStorage),
        local: JSON.stringify(localStorage), text: document.body.innerText }));
      assert.ok(stored.session.includes("sekrit"));
      assert.ok(!stored.local.includes("sekrit"), "the history keeps no key");
      assert.ok(!stored.text.includes("sekrit"), "the key is never shown");
      assert.deepEqual(record.errors, []);
      await context.close();
    });

  test("a deployment that needs a key: the page says so and asks for one", RUN, async () => {
    const context = await browser.newContext();
    const refuse = (route) => route.fulfill({ status: 401, json: { detail: "No user found for Key ID and Secret" } });
    await context.route(`${API}/storage/**`, refuse);
    await context.route(`${API}/${MODEL}**`, refuse);
    await context.route(`${API}/fal/browser-proxy`, (route) => route.fulfill({
      status: 401, json: { detail: "No publishable access for this origin" } }));
    const { page } = await openPage({ context });

    assert.equal(await runWithPhoto(page), "Stopped.");

    assert.match(await page.locator("#notice").textContent(), /needs an API key/);
    assert.ok(await page.locator("#key-details").evaluate((details) => details.open));
    assert.equal(await page.evaluate(() => document.activeElement.id), "key-input");
    await context.close();
  });

  test("publishable browser access: no key, every call through the browser proxy", RUN, async () => {
    const context = await browser.newContext();
    const refuse = (route) => route.fulfill({ status: 401, json: { detail: "No user found for Key ID and Secret" } });
    await context.route(`${API}/storage/**`, refuse);
    await context.route(`${API}/${MODEL}**`, refuse);
    // The browser proxy speaks fal's proxy protocol exactly as /fal/proxy does; the latter answers in its place.
    await context.route(`${API}/fal/browser-proxy`, async (route) => route.fulfill({
      response: await route.fetch({ url: `${API}/fal/proxy` }) }));
    const { page, record } = await openPage({ context });

    assert.match(await runWithPhoto(page), /^COMPLETED/);

    await imagesLoaded(page);
    const proxied = record.requests.filter((r) => r.url() === `${API}/fal/browser-proxy`);
    const targets = proxied.map((r) => r.headers()["x-fal-target-url"]);
    assert.ok(targets.includes("https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3"), targets);
    assert.ok(targets.includes(`https://queue.fal.run/${MODEL}`), targets);
    assert.ok(targets.some((t) => /\/requests\/[^/]+\/status\?logs=1$/.test(t)), targets);
    assert.ok(proxied.every((r) => r.headers().authorization === undefined));
    await context.close();
  });

  test("an exhausted balance and too many requests are explained in plain words", RUN, async () => {
    const context = await browser.newContext();
    let answer = { status: 403, json: { detail: "User is locked. Reason: Exhausted balance. Top up." } };
    await context.route(`${API}/${MODEL}`, (route) => route.fulfill(answer));
    const { page } = await openPage({ context });

    await runWithPhoto(page);
    assert.match(await page.locator("#notice").textContent(), /no credit left/);

    answer = { status: 429, headers: { "Retry-After": "7" }, json: { detail: "Too many requests" } };
    await page.locator("#run").click();
    await page.locator("#notice", { hasText: "Try again in 7 s" }).waitFor(RUN);
    await context.close();
  });
});
