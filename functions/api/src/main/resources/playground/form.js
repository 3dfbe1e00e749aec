// The input form, generated from the Input schema of this API's OpenAPI document: one control per property, in
// x-fal-order-properties order; required ones first, the others under "Advanced", each with its default, range and
// description. The schema decides what is valid; the form only shows the API's verdict (a 422) on the right field.

const el = (tag, attributes = {}, ...children) => {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === undefined || value === null) {
      continue;
    }
    if (name === "class") {
      element.className = value;
    } else if (name === "text") {
      element.textContent = value;
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  element.append(...children);
  return element;
};

const resolve = (doc, schema) =>
  schema?.$ref ? doc.components.schemas[schema.$ref.slice("#/components/schemas/".length)] : schema;

const isPhoto = (name, schema) => schema.type === "string" && name.endsWith("_url");
const sizeParts = (doc, schema) => {
  const options = (schema.anyOf ?? []).map((option) => resolve(doc, option));
  const object = options.find((option) => option?.type === "object");
  const presets = options.find((option) => Array.isArray(option?.enum));
  return object && presets ? { object, presets } : null;
};

function formatNumber(value) {
  return Number.isInteger(value) && Math.abs(value) > 99_999 ? value.toLocaleString("en") : String(value);
}

function hintText(schema, extra = "") {
  const parts = [];
  if (schema.default !== undefined) {
    parts.push(`Default ${schema.default === "" ? "empty" : formatNumber(schema.default)}`);
  }
  if (schema.minimum !== undefined && schema.maximum !== undefined) {
    parts.push(`${formatNumber(schema.minimum)} to ${formatNumber(schema.maximum)}`);
  } else if (schema.maxLength !== undefined) {
    parts.push(`Up to ${formatNumber(schema.maxLength)} characters`);
  }
  if (extra) {
    parts.push(extra);
  }
  return [schema.description, parts.join(" · ")].filter(Boolean).join(" ");
}

/** One field's frame: label, control(s), hint and an error line, tied together for assistive technology. */
function frame(name, title, schema, control, extraHint = "") {
  const id = `field-${name}`;
  const hint = el("p", { class: "hint", id: `${id}-hint`, text: hintText(schema, extraHint) });
  const error = el("p", { class: "error", id: `${id}-error`, hidden: true });
  const wrapper = el("div", { class: "field", "data-field": name });
  if (control.labelled) {
    wrapper.append(control.node, hint, error);
  } else {
    wrapper.append(el("label", { for: id, text: title }), control.node, hint, error);
  }
  for (const input of wrapper.querySelectorAll("input:not([aria-describedby]), textarea, select")) {
    input.setAttribute("aria-describedby", `${id}-hint ${id}-error`);
  }
  return wrapper;
}

export function buildForm(doc, required, advanced) {
  const input = doc.components.schemas.FaceToStickerInput;
  const order = input["x-fal-order-properties"] ?? Object.keys(input.properties);
  const requiredNames = new Set(input.required ?? []);
  const readers = new Map();
  const writers = new Map();
  const defaults = new Map();
  let photoFile = null;
  required.replaceChildren();
  advanced.replaceChildren();

  for (const name of order) {
    const schema = input.properties[name];
    const title = schema.title ?? name;
    const id = `field-${name}`;
    defaults.set(name, schema.default);
    let node;
    if (isPhoto(name, schema)) {
      node = photoField(name, title, schema);
    } else if (sizeParts(doc, schema)) {
      node = sizeField(name, title, schema, sizeParts(doc, schema));
    } else if (schema.type === "boolean") {
      const box = el("input", { type: "checkbox", id, name });
      box.checked = schema.default === true;
      const label = el("label", { class: "check" }, box, ` ${title}`);
      node = frame(name, title, schema, { node: label, labelled: true });
      readers.set(name, () => box.checked);
      writers.set(name, (value) => { box.checked = value ?? schema.default === true; });
    } else if (schema.type === "integer" || schema.type === "number") {
      node = numberField(name, title, schema);
    } else {
      node = textField(name, title, schema, requiredNames.has(name));
    }
    (requiredNames.has(name) ? required : advanced).append(node);
  }

  function textField(name, title, schema, isRequired) {
    const id = `field-${name}`;
    const area = el("textarea", {
      id, name, rows: isRequired ? 3 : 2, maxlength: schema.maxLength, required: isRequired,
    });
    // A required text starts as its first example, so a first sticker is one photo and one click away.
    const initial = schema.default ?? (isRequired ? schema.examples?.[0] : undefined) ?? "";
    area.value = initial;
    const parts = [area];
    if (Array.isArray(schema.examples) && schema.examples.length > 1) {
      const list = el("div", { class: "examples", role: "group", "aria-label": `Example ${title.toLowerCase()}s` });
      for (const example of schema.examples) {
        const button = el("button", { type: "button", class: "chip", text: example });
        button.addEventListener("click", () => { area.value = example; area.focus(); });
        list.append(button);
      }
      parts.push(list);
    }
    readers.set(name, () => area.value);
    writers.set(name, (value) => { area.value = value ?? initial; });
    return frame(name, title, schema, { node: el("div", { class: "stack" }, ...parts) });
  }

  function numberField(name, title, schema) {
    const id = `field-${name}`;
    const integer = schema.type === "integer";
    const bounded = schema.minimum !== undefined && schema.maximum !== undefined;
    const slider = bounded && schema.maximum - schema.minimum <= 100;
    const step = integer ? 1 : "any";
    const number = el("input", {
      id, name, type: "number", inputmode: integer ? "numeric" : "decimal", step,
      min: schema.minimum, max: schema.maximum, placeholder: schema.default === undefined ? "random" : false,
    });
    number.value = schema.default ?? "";
    const parts = [];
    if (slider) {
      // The number box is the control the keyboard reaches; the slider is for pointers and touch.
      const range = el("input", {
        type: "range", min: schema.minimum, max: schema.maximum, tabindex: -1, "aria-label": `${title} (slider)`,
        step: integer ? 1 : (schema.maximum - schema.minimum) / 100,
      });
      range.value = schema.default ?? schema.minimum;
      range.addEventListener("input", () => { number.value = range.value; });
      number.addEventListener("input", () => { if (number.value !== "") range.value = number.value; });
      parts.push(range);
      writers.set(name, (value) => { number.value = value ?? schema.default ?? ""; range.value = number.value; });
    } else {
      writers.set(name, (value) => { number.value = value ?? schema.default ?? ""; });
    }
    parts.push(number);
    readers.set(name, () => (number.value.trim() === "" ? undefined : Number(number.value)));
    return frame(name, title, schema, { node: el("div", { class: slider ? "slider" : "row" }, ...parts) });
  }

  function sizeField(name, title, schema, { object, presets }) {
    const id = `field-${name}`;
    const select = el("select", { id, name });
    presets.enum.forEach((preset, index) => {
      const size = presets["x-enum-descriptions"]?.[index];
      select.append(el("option", { value: preset, text: size ? `${preset} (${size})` : preset }));
    });
    select.append(el("option", { value: "custom", text: "Custom size" }));
    select.value = schema.default ?? presets.enum[0];
    const sides = {};
    const custom = el("div", { class: "row custom-size", hidden: true });
    for (const side of ["width", "height"]) {
      const sideSchema = object.properties[side];
      const sideId = `${id}-${side}`;
      const sideInput = el("input", {
        id: sideId, type: "number", inputmode: "numeric", step: 1, min: sideSchema.minimum, max: sideSchema.maximum,
        "aria-describedby": `${id}-hint ${sideId}-error`,
      });
      sideInput.value = sideSchema.default ?? "";
      sides[side] = sideInput;
      custom.append(el("div", { class: "side" },
        el("label", { for: sideId, text: sideSchema.title ?? side }), sideInput,
        el("p", { class: "error", id: `${sideId}-error`, hidden: true })));
    }
    select.addEventListener("change", () => { custom.hidden = select.value !== "custom"; });
    readers.set(name, () => (select.value === "custom"
      ? { width: Number(sides.width.value), height: Number(sides.height.value) }
      : select.value));
    writers.set(name, (value) => {
      if (value && typeof value === "object") {
        select.value = "custom";
        sides.width.value = value.width;
        sides.height.value = value.height;
      } else {
        select.value = value ?? schema.default;
      }
      custom.hidden = select.value !== "custom";
    });
    const sideRange = `Custom sides ${object.properties.width.minimum} to ${object.properties.width.maximum}`;
    return frame(name, title, schema, { node: el("div", { class: "stack" }, select, custom) }, sideRange);
  }

  function photoField(name, title, schema) {
    const id = `field-${name}`;
    const file = el("input", { type: "file", id: `${id}-file`, accept: "image/*", class: "visually-hidden" });
    const camera = el("input", {
      type: "file", id: `${id}-camera`, accept: "image/*", capture: "user", class: "visually-hidden",
    });
    const preview = el("img", { class: "preview", alt: "", hidden: true });
    const chosen = el("p", { class: "chosen", id: `${id}-chosen`, "aria-live": "polite" });
    const url = el("input", {
      type: "url", id, name, placeholder: "https://…", inputmode: "url", autocomplete: "off",
    });
    const zone = el("div", { class: "dropzone", id: `${id}-drop` },
      preview,
      el("p", { class: "drop-text", text: "Drop a photo with a face here" }),
      el("div", { class: "row center" },
        file, el("label", { for: `${id}-file`, class: "button", text: "Choose a photo" }),
        el("span", { class: "camera" },
          camera, el("label", { for: `${id}-camera`, class: "button", text: "Take a photo" }))),
      chosen);
    const choose = (picked) => {
      if (!picked) {
        return;
      }
      photoFile = picked;
      url.value = "";
      chosen.textContent = `${picked.name || "Photo"} (${Math.max(1, Math.round(picked.size / 1024))} KB)`;
      if (preview.src.startsWith("blob:")) {
        URL.revokeObjectURL(preview.src);
      }
      preview.src = URL.createObjectURL(picked);
      preview.hidden = false;
    };
    file.addEventListener("change", () => choose(file.files[0]));
    camera.addEventListener("change", () => choose(camera.files[0]));
    url.addEventListener("input", () => {
      if (url.value.trim()) {
        photoFile = null;
        chosen.textContent = "";
        preview.hidden = true;
      }
    });
    zone.addEventListener("dragover", (event) => { event.preventDefault(); zone.classList.add("over"); });
    zone.addEventListener("dragleave", () => zone.classList.remove("over"));
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      zone.classList.remove("over");
      choose([...(event.dataTransfer?.files ?? [])].find((f) => f.type.startsWith("image/")));
    });
    readers.set(name, () => url.value.trim() || undefined);
    writers.set(name, (value) => {
      photoFile = null;
      chosen.textContent = "";
      preview.hidden = true;
      url.value = value ?? "";
    });
    const fieldset = el("fieldset", { class: "photo" }, el("legend", { text: "Photo" }), zone,
      el("label", { for: id, text: "or an image URL" }), url);
    return frame(name, title, schema, { node: fieldset, labelled: true });
  }

  return {
    /** The file chosen for the photo field, if any (uploaded before the run). */
    photo: () => photoFile,
    photoField: order.find((name) => isPhoto(name, input.properties[name])),
    /** The input: required fields always, the others only where they differ from their default. */
    values() {
      const values = {};
      for (const [name, read] of readers) {
        const value = read();
        const fallback = defaults.get(name);
        const changed = JSON.stringify(value) !== JSON.stringify(fallback);
        if (value !== undefined && (requiredNames.has(name) || changed)) {
          values[name] = value;
        }
      }
      return values;
    },
    fill(values) {
      for (const [name, write] of writers) {
        write(values?.[name]);
      }
    },
    /** Sets one field (e.g. the seed of the last run) and takes the focus there. */
    set(name, value) {
      writers.get(name)?.(value);
      const control = document.getElementById(`field-${name}`);
      const details = control?.closest("details");
      if (details) {
        details.open = true;
      }
      control?.focus();
    },
    clearErrors() {
      for (const error of document.querySelectorAll("#run-form .error")) {
        error.hidden = true;
        error.textContent = "";
      }
      for (const invalid of document.querySelectorAll("#run-form [aria-invalid]")) {
        invalid.removeAttribute("aria-invalid");
      }
    },
    /** Shows fal's 422 details on their fields; answers those that name no field of this form. */
    showErrors(details) {
      const unplaced = [];
      let first = null;
      for (const detail of details) {
        const [, field, part] = detail.loc ?? [];
        const target = document.getElementById(part ? `field-${field}-${part}` : `field-${field}`)
          ?? document.getElementById(`field-${field}`);
        const line = document.getElementById(`${target?.id}-error`)
          ?? document.getElementById(`field-${field}-error`);
        if (!target || !line) {
          unplaced.push(detail);
          continue;
        }
        line.textContent = line.textContent ? `${line.textContent} ${detail.msg}` : detail.msg;
        line.hidden = false;
        target.setAttribute("aria-invalid", "true");
        first ??= target;
      }
      if (first) {
        const details = first.closest("details");
        if (details) {
          details.open = true;
        }
        first.focus();
      }
      return unplaced;
    },
  };
}
