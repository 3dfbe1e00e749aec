// The playground in a real browser: headless Chromium from the system's packages, driven by playwright-core (both
// pinned: package-lock.json here, Debian's chromium), against a local cloud. Run by the JUnit test
// PlaygroundBrowserTest, which sets STICKER_API_URL, STICKER_PHOTO, STICKER_CHROMIUM, STICKER_ARTIFACTS and what the
// key tests need: STICKER_KEY (an account with credit, whose key the page is given as a person would give it),
// STICKER_EXHAUSTED_KEY (an account with no credit), STICKER_RATE_LIMITED_KEY (one call a minute),
// STICKER_PUBLISHABLE_URL (the same API under another origin, which the cloud made publishable) and
// STICKER_PUBLISHABLE_ACCOUNT_KEY (the account that origin bills). Every answer the page gets is the API's own.
// `node --test` exits non-zero on any failure. Screenshots and downloads are kept in STICKER_ARTIFACTS.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import axe from "axe-core";

const API = (process.env.STICKER_API_URL ?? "").replace(/\/$/, "");
const PUBLISHABLE = (process.env.STICKER_PUBLISHABLE_URL ?? "").replace(/\/$/, "");
const PHOTO = process.env.STICKER_PHOTO;
const CHROMIUM = process.env.STICKER_CHROMIUM ?? "/usr/bin/chromium";
const ARTIFACTS = process.env.STICKER_ARTIFACTS ?? "target/browser";
const KEY = process.env.STICKER_KEY;
const EXHAUSTED_KEY = process.env.STICKER_EXHAUSTED_KEY;
const RATE_LIMITED_KEY = process.env.STICKER_RATE_LIMITED_KEY;
const PUBLISHABLE_ACCOUNT_KEY = process.env.STICKER_PUBLISHABLE_ACCOUNT_KEY;
assert.ok(API, "STICKER_API_URL must name the API under test");
assert.ok(PUBLISHABLE, "STICKER_PUBLISHABLE_URL must name the API under an origin it made publishable");
assert.ok(PHOTO, "STICKER_PHOTO must name a photo with a face");
for (const [name, value] of Object.entries({ STICKER_KEY: KEY, STICKER_EXHAUSTED_KEY: EXHAUSTED_KEY,
  STICKER_RATE_LIMITED_KEY: RATE_LIMITED_KEY, STICKER_PUBLISHABLE_ACCOUNT_KEY: PUBLISHABLE_ACCOUNT_KEY })) {
  assert.match(value ?? "", /^[^:\s]+:[^:\s]+$/, `${name} must be an API key, key_id:key_secret`);
}
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

/**
 * A fresh context and page at `origin`, with the console's errors, uncaught exceptions, every request and every
 * answer recorded.
 */
async function openPage({ width = 1280, height = 900, context, origin = API } = {}) {
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
  const record = { errors: [], requests: [], responses: [] };
  page.on("console", (message) => {
    if (message.type() === "error") {
      record.errors.push(`${message.text()} at ${message.location().url}`);
    }
  });
  page.on("pageerror", (error) => record.errors.push(`uncaught: ${error.message}`));
  page.on("request", (request) => record.requests.push(request));
  page.on("response", (response) => record.responses.push(response));
  await page.goto(`${origin}/`);
  await page.locator("#field-prompt").waitFor();
  return { context: ctx, page, record };
}

/** Enters a key in the page's key form, as a person would, and waits for the page to read the credit with it. */
async function enterKey(page, key) {
  await page.locator("#key-summary").click();
  await page.locator("#key-input").fill(key);
  const billing = `${new URL(page.url()).origin}/v1/account/billing?expand=credits`;
  await Promise.all([page.waitForResponse(billing), page.locator("#key-input").press("Enter")]);
  assert.equal(await page.locator("#key-summary").textContent(), "API key: set");
}

/** An account's credit as the API reports it to the account's own key. */
async function credits(key) {
  const response = await fetch(`${API}/v1/account/billing?expand=credits`, {
    headers: { authorization: `Key ${key}` },
  });
  assert.equal(response.status, 200, await response.clone().text());
  return (await response.json()).credits;
}

/** Waits until a request of STICKER_KEY's account is COMPLETED: done, failed or cancelled. */
async function completed(requestId) {
  const deadline = Date.now() + RUN.timeout;
  for (;;) {
    const response = await fetch(`${API}/${MODEL}/requests/${requestId}/status`, {
      headers: { authorization: `Key ${KEY}` },
    });
    if ((await response.json()).status === "COMPLETED") {
      return;
    }
    assert.ok(Date.now() < deadline, `${requestId} is still not COMPLETED`);
    await new Promise((resolve) => { setTimeout(resolve, 500); });
  }
}

const shownCredit = (credit) => `Credit: ${credit.current_balance.toFixed(2)} ${credit.currency}`;

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
    await enterKey(page, KEY);
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
    await enterKey(page, KEY);
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
        headers: { "content-type": "application/json", authorization: `Key ${KEY}` },
        body: JSON.stringify({ image_url: dataUri, prompt: "a person", upscale: true }),
      });
      assert.equal(response.status, 200, await response.clone().text());
      blockers.push((await response.json()).request_id);
    }
    const { page } = await openPage({ context: session.context });
    await enterKey(page, KEY);
    await page.locator("#field-image_url-file").setInputFiles(PHOTO);
    await page.locator("#field-prompt").fill("a person to cancel");

    await page.locator("#run").click();
    await page.waitForFunction(() => document.getElementById("status").textContent.startsWith("IN_QUEUE"),
      null, RUN);
    await page.locator("#cancel").click();

    assert.equal(await statusAfterRun(page), "Cancelled.");
    assert.equal((await shownJson(page, "#result-json")).detail, "Request cancelled");
    assert.ok(await page.locator("#history li", { hasText: "a person to cancel" }).getByText(/^CANCELLED/).count());
    await Promise.all(blockers.map((id) => fetch(`${API}/${MODEL}/requests/${id}/cancel`, {
      method: "PUT", headers: { authorization: `Key ${KEY}` } })));
    // A blocker already running is charged when it ends: later tests compare the credit shown with the account's.
    await Promise.all(blockers.map(completed));
    await page.close();
  });

  test("a run is reopened from the history after a reload, the key kept in the tab", RUN, async () => {
    const { page } = session;
    await page.reload();
    await page.locator("#history li").first().waitFor();
    assert.equal(await page.locator("#key-summary").textContent(), "API key: set");

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
    for (const id of ["key-summary", "field-image_url-file", "field-image_url", "field-prompt", "run"]) {
      assert.ok(focused.includes(id), `${id} reached by Tab: ${focused}`);
    }

    await page.locator("#key-summary").focus();
    await page.keyboard.press("Enter");
    await page.keyboard.press("Tab");
    assert.equal(await page.evaluate(() => document.activeElement.id), "key-input");
    await page.keyboard.type(KEY);
    await Promise.all([page.waitForResponse(`${API}/v1/account/billing?expand=credits`),
      page.keyboard.press("Enter")]);
    assert.equal(await page.locator("#key-summary").textContent(), "API key: set");

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

describe("keys, credit and limits, against the API's own answers", () => {
  const runWithPhoto = async (page) => {
    await dropPhoto(page);
    await page.locator("#field-prompt").fill("a person");
    await page.locator("#run").click();
    return statusAfterRun(page);
  };
  const answer = async (record, matches) => {
    const response = record.responses.find(matches);
    assert.ok(response, `an answer among ${record.responses.map((r) => `${r.status()} ${r.url()}`).join("\n")}`);
    return { status: response.status(), headers: response.headers(), detail: (await response.json()).detail };
  };
  const secret = (key) => key.slice(key.indexOf(":") + 1);

  test("a key is sent on every API call but never to storage, kept in this tab only, never shown", RUN,
    async () => {
      const { context, page, record } = await openPage();
      const before = await credits(KEY);

      await enterKey(page, KEY);

      await page.locator("#credit", { hasText: shownCredit(before) }).waitFor();
      assert.match(await runWithPhoto(page), /^COMPLETED/);
      const calls = apiRequests(record);
      assert.ok(calls.length >= 5, calls.map((r) => r.url()).join("\n"));
      for (const call of calls) {
        assert.equal(call.headers().authorization, `Key ${KEY}`, call.url());
      }
      const put = record.requests.find((r) => r.method() === "PUT");
      assert.equal(put.headers().authorization, undefined, "no key to storage");
      for (const tab of ["#tab-curl", "#tab-js", "#tab-python"]) {
        await page.locator(tab).click();
        const snippet = await page.locator("#code").textContent();
        assert.ok(!snippet.includes(secret(KEY)) && snippet.includes("YOUR_KEY_ID:YOUR_KEY_SECRET"), snippet);
      }
      const stored = await page.evaluate(() => ({ session: JSON.stringify(sessionStorage),
        local: JSON.stringify(localStorage), text: document.body.innerText }));
      assert.ok(stored.session.includes(secret(KEY)));
      assert.ok(!stored.local.includes(secret(KEY)), "the history keeps no key");
      assert.ok(!stored.text.includes(secret(KEY)), "the key is never shown");
      assert.deepEqual(record.errors, []);
      await context.close();
    });

  test("the credit shown is the account's, and goes down by what a run is charged", RUN, async () => {
    const { context, page } = await openPage();
    await enterKey(page, KEY);
    const before = await credits(KEY);
    await page.locator("#credit", { hasText: shownCredit(before) }).waitFor();

    assert.match(await runWithPhoto(page), /^COMPLETED/);

    const charged = await credits(KEY);
    assert.ok(charged.current_balance < before.current_balance, `${charged.current_balance} after the run`);
    await page.locator("#credit", { hasText: shownCredit(charged) }).waitFor();
    await context.close();
  });

  test("without a key, on an origin that is not publishable, the page says a key is needed and asks for one", RUN,
    async () => {
      const { context, page, record } = await openPage();

      assert.equal(await runWithPhoto(page), "Stopped.");

      assert.match(await page.locator("#notice").textContent(), /needs an API key/);
      assert.ok(await page.locator("#key-details").evaluate((details) => details.open));
      assert.equal(await page.evaluate(() => document.activeElement.id), "key-input");
      const initiate = await answer(record, (r) => r.url().startsWith(`${API}/storage/upload/initiate`));
      assert.equal(initiate.status, 401);
      assert.equal(initiate.detail, "Missing Authorization header: send 'Authorization: Key <key_id>:<key_secret>'");
      const proxy = await answer(record, (r) => r.url() === `${API}/fal/browser-proxy`);
      assert.equal(proxy.status, 401);
      assert.equal(proxy.detail, `No publishable access for origin ${API}; call with a key instead`);
      await context.close();
    });

  test("an unknown key is refused, and the page asks for another", RUN, async () => {
    const { context, page, record } = await openPage();
    await enterKey(page, `00000000-0000-4000-8000-000000000000:${"0".repeat(64)}`);

    assert.equal(await runWithPhoto(page), "Stopped.");

    const refused = await answer(record, (r) => r.url().startsWith(`${API}/storage/upload/initiate`));
    assert.equal(refused.status, 401);
    assert.equal(refused.detail, "No user found for Key ID and Secret");
    assert.ok((await page.locator("#notice").textContent()).includes(`refused the key (${refused.detail})`));
    assert.ok(await page.locator("#key-details").evaluate((details) => details.open));
    assert.equal(await page.evaluate(() => document.activeElement.id), "key-input");
    await context.close();
  });

  test("publishable browser access: no key, every call through the browser proxy, billed to the origin's account",
    RUN, async () => {
      const { context, page, record } = await openPage({ origin: PUBLISHABLE });
      const before = await credits(PUBLISHABLE_ACCOUNT_KEY);
      // The origin may make fewer calls a minute than a run does, so one of the page's polls is refused until the
      // minute ends. The limit counts in wall-clock minutes: the run starts with 10 s of its minute left at least,
      // lest the count start afresh midway.
      const leftOfMinute = 60_000 - (Date.now() % 60_000);
      if (leftOfMinute < 10_000) {
        await new Promise((resolve) => { setTimeout(resolve, leftOfMinute); });
      }

      assert.match(await runWithPhoto(page), /^COMPLETED/);

      await imagesLoaded(page);
      const proxied = record.requests.filter((r) => r.url() === `${PUBLISHABLE}/fal/browser-proxy`);
      const targets = proxied.map((r) => r.headers()["x-fal-target-url"]);
      assert.ok(targets.includes("https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3"), targets);
      assert.ok(targets.includes(`https://queue.fal.run/${MODEL}`), targets);
      assert.ok(targets.some((t) => /\/requests\/[^/]+\/status\?logs=1$/.test(t)), targets);
      assert.ok(targets.some((t) => /\/requests\/[^/]+$/.test(t)), targets);
      assert.ok(proxied.every((r) => r.headers().authorization === undefined));
      const after = await credits(PUBLISHABLE_ACCOUNT_KEY);
      assert.ok(after.current_balance < before.current_balance, `${after.current_balance} after the run`);

      // The refused poll did not end the run: the page waited as long as it was told, then went on.
      const limited = await answer(record, (r) => r.status() === 429);
      assert.match(limited.headers["retry-after"], /^\d+$/);
      const seen = await page.evaluate(() => window.seenStatuses);
      assert.ok(seen.includes(`Too many requests right now: checking again in ${limited.headers["retry-after"]} s`),
        `statuses: ${seen}`);
      await context.close();
    });

  test("an exhausted balance is explained in plain words, without asking for another key", RUN, async () => {
    const { context, page, record } = await openPage();
    await enterKey(page, EXHAUSTED_KEY);
    await page.locator("#credit", { hasText: "Credit: 0.00 USD" }).waitFor();

    assert.equal(await runWithPhoto(page), "Stopped.");

    const refused = await answer(record, (r) => r.status() === 403);
    assert.equal(refused.detail, "User is locked. Reason: Exhausted balance. Top up your balance to continue.");
    assert.match(await page.locator("#notice").textContent(), /no credit left/);
    assert.equal(await page.locator("#key-details").evaluate((details) => details.open), false);
    await context.close();
  });

  test("too many requests: the page says how long to wait, as the API's Retry-After says", RUN, async () => {
    const { context, page, record } = await openPage();
    // The key's one call a minute goes to reading the credit.
    await enterKey(page, RATE_LIMITED_KEY);

    assert.equal(await runWithPhoto(page), "Stopped.");

    const refused = await answer(record, (r) => r.status() === 429);
    assert.match(refused.headers["retry-after"], /^\d+$/);
    assert.match(await page.locator("#notice").textContent(),
      new RegExp(`^Too many requests right now\\. Try again in ${refused.headers["retry-after"]} s\\.$`));
    await context.close();
  });
});
