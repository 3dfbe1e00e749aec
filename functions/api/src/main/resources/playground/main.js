// The playground: builds the form from this API's OpenAPI document, runs a request through the queue (upload,
// submit, status with logs, result or cancel), shows the stickers, the JSON and the same call as code, and keeps a
// history of this browser's runs.

import * as api from "./api.js";
import * as code from "./code.js";
import * as history from "./history.js";
import { buildForm } from "./form.js";

const $ = (id) => document.getElementById(id);
const POLL_INTERVAL_MS = 500;
/** How long a poll waits after a 429 that did not say (the API always sends Retry-After). */
const RETRY_WITHOUT_RETRY_AFTER_S = 5;
const sleep = (ms) => new Promise((resolve) => { setTimeout(resolve, ms); });

let form = null;
let running = null;
let shown = null;
let codeLanguage = "curl";

start();

async function start() {
  wireKey();
  wireCode();
  wireResults();
  renderHistory();
  $("run-form").addEventListener("submit", (event) => {
    event.preventDefault();
    run();
  });
  $("reset").addEventListener("click", () => {
    form?.fill({});
    form?.clearErrors();
  });
  try {
    const response = await fetch("openapi.json", { cache: "no-cache", credentials: "omit" });
    form = buildForm(await response.json(), $("fields"), $("advanced-fields"));
    $("run").disabled = false;
  } catch (error) {
    $("fields").textContent = `The input schema could not be loaded (${error.message}). Reload the page to retry.`;
  }
  showKeyState();
}

// ---- running a request ----

async function run(replayed) {
  if (running || !form) {
    return;
  }
  form.clearErrors();
  notice("");
  $("form-error").hidden = true;
  running = { started: performance.now(), requestId: null, cancelling: false };
  const timer = setInterval(showElapsed, 100);
  setBusy(true);
  try {
    const input = replayed ?? form.values();
    const photo = replayed ? null : form.photo();
    if (photo) {
      status("Uploading the photo…");
      input[form.photoField] = await uploadOnto(photo);
    }
    const body = photoFirst(input);
    $("request-json").textContent = JSON.stringify(body, null, 2);
    status("Submitting…");
    const submitted = await api.call("POST", `${api.QUEUE}/${api.MODEL}`, body);
    if (submitted.status === 422) {
      showFieldErrors(submitted.json.detail);
      status("The input needs a change: see the marked fields.");
      return;
    }
    const queued = api.expect(submitted, 200);
    running.requestId = queued.request_id;
    show({ requestId: queued.request_id, input: body, state: "IN_QUEUE", at: Date.now() });
    history.remember(shown);
    renderHistory();
    $("cancel").hidden = false;
    await follow(queued.request_id);
    $("cancel").hidden = true;
    await finish(queued.request_id, body);
  } catch (error) {
    fail(error);
  } finally {
    clearInterval(timer);
    showElapsed();
    $("cancel").hidden = true;
    running = null;
    setBusy(false);
    showCredit();
  }
}

/** The photo is uploaded first; a refused type is reported on the photo field. */
async function uploadOnto(photo) {
  try {
    return await api.upload(photo);
  } catch (error) {
    if (error.fieldErrors?.length) {
      error.body.detail = error.fieldErrors.map((detail) => ({ ...detail, loc: ["body", form.photoField] }));
    }
    throw error;
  }
}

const photoFirst = (input) => Object.fromEntries(Object.entries(input)
  .sort(([a], [b]) => (b === form.photoField) - (a === form.photoField)));

/**
 * A call about a request already submitted. A 429 here does not stop the run: the request goes on (and is billed)
 * whether the page looks or not, so the page waits as long as Retry-After asks and calls again.
 */
async function callPatiently(method, falUrl) {
  for (;;) {
    try {
      return await api.call(method, falUrl);
    } catch (error) {
      if (!(error instanceof api.ApiError) || error.status !== 429) {
        throw error;
      }
      const wait = error.retryAfterSeconds ?? RETRY_WITHOUT_RETRY_AFTER_S;
      if (!running?.cancelling) {
        status(`Too many requests right now: checking again in ${wait} s`);
      }
      await sleep(wait * 1000);
    }
  }
}

/** Polls the status (with logs) until COMPLETED, showing the queue position and each new log line. */
async function follow(requestId) {
  for (;;) {
    const reply = api.expect(await callPatiently("GET", `${api.requestUrl(requestId)}/status?logs=1`), 200, 202);
    showLogs(reply.logs ?? []);
    if (reply.status === "COMPLETED") {
      return;
    }
    if (!running.cancelling) {
      status(reply.status === "IN_QUEUE"
        ? `IN_QUEUE · position ${reply.queue_position ?? 0}${reply.queue_position ? "" : " (next to start)"}`
        : "IN_PROGRESS");
    }
    await sleep(POLL_INTERVAL_MS);
  }
}

async function finish(requestId, input) {
  const reply = await callPatiently("GET", api.requestUrl(requestId));
  if (reply.status === 200) {
    show({ requestId, input, state: "COMPLETED", result: reply.json, at: shown.at });
    status(`COMPLETED in ${elapsedSeconds()} s`);
  } else if (reply.status === 422) {
    show({ requestId, input, state: "FAILED", error: reply.json, at: shown.at });
    showFieldErrors(reply.json.detail);
    status("COMPLETED without a sticker: see the marked field.");
  } else if (reply.status === 400 && reply.json?.detail === "Request cancelled") {
    show({ requestId, input, state: "CANCELLED", error: reply.json, at: shown.at });
    status("Cancelled.");
  } else {
    show({ requestId, input, state: "FAILED", error: reply.json, at: shown.at });
    status(`COMPLETED with an error: ${reply.json?.detail ?? reply.status}`);
  }
  history.remember(shown);
  renderHistory();
}

async function cancel() {
  if (!running?.requestId || running.cancelling) {
    return;
  }
  running.cancelling = true;
  $("cancel").disabled = true;
  status("Cancelling…");
  try {
    api.expect(await api.call("PUT", `${api.requestUrl(running.requestId)}/cancel`), 202, 400);
  } catch (error) {
    fail(error);
  } finally {
    $("cancel").disabled = false;
  }
}

function fail(error) {
  if (error instanceof api.ApiError && error.fieldErrors.length) {
    showFieldErrors(error.fieldErrors);
    status("The photo could not be used: see the photo field.");
    return;
  }
  status("Stopped.");
  notice(error instanceof api.ApiError ? error.message : `The API could not be reached (${error.message}).`);
  if (error instanceof api.ApiError && error.needsKey) {
    $("key-details").open = true;
    $("key-input").focus();
  }
}

function showFieldErrors(details) {
  const unplaced = form.showErrors(details ?? []);
  if (unplaced.length) {
    $("form-error").textContent = unplaced.map((d) => `${(d.loc ?? []).join(".")}: ${d.msg}`).join(" ");
    $("form-error").hidden = false;
  }
}

// ---- what the output panel shows ----

function show(runShown) {
  shown = runShown;
  $("request-json").textContent = JSON.stringify(runShown.input, null, 2);
  $("result-json").textContent = runShown.result || runShown.error
    ? JSON.stringify(runShown.result ?? runShown.error, null, 2) : "No result yet.";
  renderCode();
  const result = runShown.result;
  $("results").hidden = !result;
  $("seed-line").hidden = !result;
  if (result) {
    showImage("sticker", result.sticker_image);
    showImage("transparent", result.sticker_image_background_removed);
    $("seed-used").textContent = String(result.seed);
  }
}

function showImage(id, image) {
  $(id).src = image.url;
  $(id).width = image.width;
  $(id).height = image.height;
  $(`${id}-caption`).textContent = `${image.width}×${image.height} · ${Math.round(image.file_size / 1024)} KB`;
}

function showLogs(lines) {
  const list = $("logs");
  $("log-box").hidden = lines.length === 0;
  for (const line of lines.slice(list.children.length)) {
    const time = line.timestamp ? new Date(line.timestamp).toLocaleTimeString() : "";
    const item = document.createElement("li");
    item.append(Object.assign(document.createElement("time"), { textContent: time }), ` ${line.message}`);
    list.append(item);
  }
  $("log-box").scrollTop = $("log-box").scrollHeight;
}

function setBusy(busy) {
  $("run").disabled = busy;
  $("output").setAttribute("aria-busy", String(busy));
  if (busy) {
    $("logs").replaceChildren();
    $("log-box").hidden = true;
    $("results").hidden = true;
    $("seed-line").hidden = true;
    $("result-json").textContent = "No result yet.";
  }
}

const elapsedSeconds = () => (running ? ((performance.now() - running.started) / 1000).toFixed(1) : "");

function showElapsed() {
  if (running) {
    $("elapsed").textContent = `Elapsed ${elapsedSeconds()} s`;
  }
}

function status(text) {
  $("status").textContent = text;
}

function notice(text) {
  $("notice").textContent = text;
  $("notice").hidden = !text;
}

function wireResults() {
  $("cancel").addEventListener("click", cancel);
  $("reuse-seed").addEventListener("click", () => form?.set("seed", shown?.result?.seed));
  $("download-sticker").addEventListener("click", () => download(shown?.result?.sticker_image));
  $("download-transparent").addEventListener("click",
    () => download(shown?.result?.sticker_image_background_removed));
  $("clear-history").addEventListener("click", () => {
    history.forgetAll();
    renderHistory();
  });
}

/** Saves an image under its own name; where the storage refuses a cross-origin read, opens it instead. */
async function download(image) {
  if (!image) {
    return;
  }
  try {
    // Not from the cache: the <img> loaded it without CORS, and that copy may not be read by a script.
    const response = await fetch(image.url, { credentials: "omit", cache: "no-store" });
    if (!response.ok) {
      throw new Error(String(response.status));
    }
    const link = document.createElement("a");
    link.href = URL.createObjectURL(await response.blob());
    link.download = image.file_name || "sticker.png";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
  } catch {
    window.open(image.url, "_blank", "noopener");
  }
}

// ---- history ----

function renderHistory() {
  const list = $("history");
  list.replaceChildren();
  for (const entry of history.runs()) {
    const item = document.createElement("li");
    const image = entry.result?.sticker_image;
    if (image) {
      const thumbnail = Object.assign(document.createElement("img"), {
        src: image.url, alt: "", width: 56, height: 56, loading: "lazy",
      });
      thumbnail.addEventListener("error", () => thumbnail.remove());
      item.append(thumbnail);
    }
    const when = new Date(entry.at).toLocaleString();
    const text = document.createElement("div");
    text.className = "history-text";
    text.append(Object.assign(document.createElement("p"), { textContent: entry.input?.prompt ?? "(no prompt)" }),
      Object.assign(document.createElement("p"), { className: "hint", textContent: `${entry.state} · ${when}` }));
    const open = button("Open", `Open the run of ${when}`, () => {
      form?.fill(entry.input);
      show(entry);
      status(`${entry.state} · request ${entry.requestId}`);
      $("output-title").scrollIntoView({ block: "start" });
    });
    const again = button("Run again", `Run again the run of ${when}`, () => {
      form?.fill(entry.input);
      run(entry.input);
    });
    const actions = document.createElement("div");
    actions.className = "row";
    actions.append(open, again);
    item.append(text, actions);
    list.append(item);
  }
  $("clear-history").hidden = list.children.length === 0;
}

function button(label, description, onClick) {
  const element = Object.assign(document.createElement("button"), { type: "button", textContent: label });
  element.className = "quiet";
  element.setAttribute("aria-label", description);
  element.addEventListener("click", onClick);
  return element;
}

// ---- "Use this in code" ----

function wireCode() {
  const tabs = [...document.querySelectorAll("[role=tab]")];
  const select = (tab) => {
    for (const other of tabs) {
      other.setAttribute("aria-selected", String(other === tab));
      other.tabIndex = other === tab ? 0 : -1;
    }
    $("code-panel").setAttribute("aria-labelledby", tab.id);
    codeLanguage = tab.id.slice("tab-".length);
    renderCode();
  };
  for (const tab of tabs) {
    tab.addEventListener("click", () => select(tab));
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (step) {
        const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length];
        select(next);
        next.focus();
      }
    });
  }
  $("copy-code").addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText($("code").textContent);
      $("copy-code").textContent = "Copied";
    } catch {
      getSelection().selectAllChildren($("code"));
      $("copy-code").textContent = "Selected: press Ctrl+C";
    }
    setTimeout(() => { $("copy-code").textContent = "Copy"; }, 2000);
  });
}

function renderCode() {
  if (!shown) {
    return;
  }
  const render = { curl: code.curl, js: code.javascript, python: code.python }[codeLanguage];
  $("code").textContent = render(shown.input, shown.requestId);
}

// ---- the key ----

function wireKey() {
  $("key-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = $("key-input").value.trim();
    $("key-input").value = "";
    if (value) {
      api.setKey(value);
      notice("");
      $("key-details").open = false;
    }
    showKeyState();
  });
  $("key-forget").addEventListener("click", () => {
    api.forgetKey();
    showKeyState();
  });
}

function showKeyState() {
  $("key-summary").textContent = api.key() ? "API key: set" : "API key";
  $("key-forget").hidden = !api.key();
  showCredit();
}

async function showCredit() {
  const credits = await api.credit();
  $("credit").hidden = !credits;
  $("credit").textContent = credits
    ? `Credit: ${credits.current_balance.toFixed(2)} ${credits.currency ?? ""}`.trim() : "";
}
