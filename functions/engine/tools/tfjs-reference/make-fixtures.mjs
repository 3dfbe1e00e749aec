// Runs the engine's TensorFlow.js graph models on the pure-JavaScript CPU backend and
// writes their outputs as little-endian float32 fixtures for the Java interpreter's tests.
//
// Inputs are recipes both sides rebuild bit for bit, so the fixtures stay small:
//   noise: xorshift32 from a seed, value = (state >>> 8) / 2^24, mapped to the model's range
//   image: an RGB PNG from the test resources, from (left, top) subsampled by an integer step, mapped to the model's range
// Run: npm ci && npm run fixtures
import * as tf from '@tensorflow/tfjs';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const engineDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const modelsDir = join(engineDir, 'src', 'main', 'resources', 'models');
const imagesDir = join(engineDir, 'src', 'test', 'resources', 'images');
const referenceDir = join(engineDir, 'src', 'test', 'resources', 'reference');

const CASES = [
  { name: 'blazeface-front-noise', model: 'blazeface-front', range: 'minusOneToOne',
    input: { kind: 'noise', seed: 20240611 }, sampleStep: 1 },
  { name: 'blazeface-front-astronaut', model: 'blazeface-front', range: 'minusOneToOne',
    input: { kind: 'image', file: 'astronaut.png', step: 4 }, sampleStep: 1 },
  { name: 'blazeface-back-astronaut', model: 'blazeface', range: 'minusOneToOne',
    input: { kind: 'image', file: 'astronaut.png', step: 2 }, sampleStep: 1 },
  { name: 'selfie-astronaut', model: 'selfie', range: 'zeroToOne',
    input: { kind: 'image', file: 'astronaut.png', step: 2 }, sampleStep: 1 },
  // A full-resolution crop around the head; a quarter of the rows and columns keeps this fixture small while
  // still covering the whole mask.
  { name: 'selfie-astronaut-head', model: 'selfie', range: 'zeroToOne',
    input: { kind: 'image', file: 'astronaut.png', step: 1, left: 96, top: 0 }, sampleStep: 4 },
];

function loadModel(name) {
  const model = JSON.parse(readFileSync(join(modelsDir, `${name}.json`), 'utf8'));
  const weightSpecs = model.weightsManifest.flatMap((group) => group.weights);
  const weightData = Buffer.concat(model.weightsManifest.flatMap(
    (group) => group.paths.map((path) => readFileSync(join(modelsDir, path)))));
  const handler = {
    load: async () => ({
      modelTopology: model.modelTopology,
      format: model.format,
      generatedBy: model.generatedBy,
      convertedBy: model.convertedBy,
      signature: model.signature,
      userDefinedMetadata: model.userDefinedMetadata,
      weightSpecs,
      weightData: weightData.buffer.slice(weightData.byteOffset, weightData.byteOffset + weightData.byteLength),
    }),
  };
  return tf.loadGraphModel(handler);
}

// Minimal decoder for 8-bit RGB, non-interlaced PNGs (the test photos).
function decodeRgbPng(path) {
  const bytes = readFileSync(path);
  let offset = 8;
  let width = 0;
  let height = 0;
  const idat = [];
  while (offset < bytes.length) {
    const length = bytes.readUInt32BE(offset);
    const type = bytes.toString('latin1', offset + 4, offset + 8);
    const data = bytes.subarray(offset + 8, offset + 8 + length);
    if (type === 'IHDR') {
      width = data.readUInt32BE(0);
      height = data.readUInt32BE(4);
      if (data[8] !== 8 || data[9] !== 2 || data[12] !== 0) {
        throw new Error(`${path}: only 8-bit RGB non-interlaced PNGs are supported`);
      }
    } else if (type === 'IDAT') {
      idat.push(data);
    }
    offset += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * 3;
  const rgb = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const left = i >= 3 ? rgb[y * stride + i - 3] : 0;
      const up = y > 0 ? rgb[(y - 1) * stride + i] : 0;
      const upLeft = y > 0 && i >= 3 ? rgb[(y - 1) * stride + i - 3] : 0;
      let predictor;
      switch (filter) {
        case 0: predictor = 0; break;
        case 1: predictor = left; break;
        case 2: predictor = up; break;
        case 3: predictor = (left + up) >> 1; break;
        case 4: {
          const p = left + up - upLeft;
          const pa = Math.abs(p - left);
          const pb = Math.abs(p - up);
          const pc = Math.abs(p - upLeft);
          predictor = pa <= pb && pa <= pc ? left : (pb <= pc ? up : upLeft);
          break;
        }
        default: throw new Error(`${path}: bad PNG filter ${filter}`);
      }
      rgb[y * stride + i] = (line[i] + predictor) & 0xff;
    }
  }
  return { width, height, rgb };
}

function toModelRange(byteValue, range) {
  return range === 'minusOneToOne' ? byteValue / 127.5 - 1 : byteValue / 255;
}

function buildInput(testCase, size) {
  const values = new Float32Array(size * size * 3);
  if (testCase.input.kind === 'noise') {
    let state = testCase.input.seed >>> 0;
    for (let i = 0; i < values.length; i++) {
      state ^= state << 13; state >>>= 0;
      state ^= state >>> 17;
      state ^= state << 5; state >>>= 0;
      const unit = (state >>> 8) / 16777216;
      values[i] = testCase.range === 'minusOneToOne' ? unit * 2 - 1 : unit;
    }
  } else {
    const image = decodeRgbPng(join(imagesDir, testCase.input.file));
    const { step, left = 0, top = 0 } = testCase.input;
    if (image.width < left + size * step || image.height < top + size * step) {
      throw new Error(`${testCase.input.file} is too small for ${size}x${size} at step ${step}`);
    }
    for (let y = 0; y < size; y++) {
      for (let x = 0; x < size; x++) {
        for (let c = 0; c < 3; c++) {
          const byteValue = image.rgb[((top + y * step) * image.width + left + x * step) * 3 + c];
          values[(y * size + x) * 3 + c] = toModelRange(byteValue, testCase.range);
        }
      }
    }
  }
  return values;
}

function subsample(values, shape, step) {
  if (step === 1) {
    return { values, shape };
  }
  const [batch, height, width, channels] = shape;
  const outHeight = Math.ceil(height / step);
  const outWidth = Math.ceil(width / step);
  const out = new Float32Array(batch * outHeight * outWidth * channels);
  let i = 0;
  for (let y = 0; y < height; y += step) {
    for (let x = 0; x < width; x += step) {
      for (let c = 0; c < channels; c++) {
        out[i++] = values[(y * width + x) * channels + c];
      }
    }
  }
  return { values: out, shape: [batch, outHeight, outWidth, channels] };
}

async function main() {
  await tf.setBackend('cpu');
  mkdirSync(referenceDir, { recursive: true });
  const manifest = { generator: `@tensorflow/tfjs ${tf.version.tfjs}, backend ${tf.getBackend()}`, cases: [] };
  const models = new Map();
  for (const testCase of CASES) {
    if (!models.has(testCase.model)) {
      models.set(testCase.model, await loadModel(testCase.model));
    }
    const model = models.get(testCase.model);
    const inputShape = model.inputs[0].shape.map((d) => (d === -1 || d == null ? 1 : d));
    const size = inputShape[1];
    const inputValues = buildInput(testCase, size);
    const inputTensor = tf.tensor(inputValues, inputShape, 'float32');
    const outputNames = model.outputs.map((o) => o.name).sort();
    const results = model.execute(inputTensor, outputNames);
    const outputTensors = Array.isArray(results) ? results : [results];
    const outputs = [];
    for (let i = 0; i < outputNames.length; i++) {
      const node = outputNames[i].replace(/:0$/, '');
      const full = outputTensors[i].dataSync();
      const sampled = subsample(full, outputTensors[i].shape, testCase.sampleStep);
      const file = `${testCase.name}.${node}.f32`;
      writeFileSync(join(referenceDir, file), Buffer.from(sampled.values.buffer, sampled.values.byteOffset, sampled.values.byteLength));
      outputs.push({ node, shape: outputTensors[i].shape, sampleStep: testCase.sampleStep, file });
    }
    manifest.cases.push({
      name: testCase.name,
      model: testCase.model,
      input: { ...testCase.input, range: testCase.range, shape: inputShape,
        checkSum: inputValues.reduce((a, b) => a + b, 0), head: Array.from(inputValues.slice(0, 6)) },
      outputs,
    });
    tf.dispose([inputTensor, ...outputTensors]);
    console.log(`${testCase.name}: ${outputs.map((o) => `${o.node}${JSON.stringify(o.shape)}`).join(' ')}`);
  }
  writeFileSync(join(referenceDir, 'cases.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

await main();
