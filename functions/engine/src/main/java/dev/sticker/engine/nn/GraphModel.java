package dev.sticker.engine.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TensorFlow.js graph model (model.json + weight files) compiled for the CPU: the graph is parsed once, ordered
 * topologically, its static shapes inferred and its intermediate tensors packed into as few arrays as their
 * lifetimes allow. Immutable after loading and safe to share: each concurrent {@link #run} borrows its own arrays.
 */
public final class GraphModel {

    private static final Logger LOG = LoggerFactory.getLogger(GraphModel.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final int[] inputShape;
    private final int inputTensor;
    private final Map<String, Integer> outputTensors;
    private final int[][] tensorShapes;
    private final List<Step> steps;
    private final int[] bufferOfTensor;
    private final int[] bufferSizes;
    private final int scratchSize;
    private final int tapRows;
    private final int planeSize;
    private final ConcurrentLinkedQueue<Workspace> idleWorkspaces = new ConcurrentLinkedQueue<>();

    /** The arrays one call computes in: tensor buffers and scratch space. */
    private record Workspace(float[][] buffers, Scratch scratch) {
    }

    private GraphModel(String name, Compiled compiled) {
        this.name = name;
        this.inputShape = compiled.inputShape;
        this.inputTensor = compiled.inputTensor;
        this.outputTensors = Map.copyOf(compiled.outputTensors);
        this.tensorShapes = compiled.shapes.toArray(int[][]::new);
        this.steps = List.copyOf(compiled.steps);
        BufferPlan plan = BufferPlan.of(compiled);
        this.bufferOfTensor = plan.bufferOfTensor;
        this.bufferSizes = plan.bufferSizes;
        this.scratchSize = steps.stream().mapToInt(Step::scratchSize).max().orElse(0);
        this.tapRows = steps.stream().mapToInt(Step::tapRows).max().orElse(0);
        this.planeSize = steps.stream().mapToInt(Step::planeSize).max().orElse(0);
        LOG.debug("compiled model {}: {} steps, {} tensors in {} buffers of {} floats", name, steps.size(),
                tensorShapes.length, bufferSizes.length, Arrays.stream(bufferSizes).asLongStream().sum());
    }

    /** Loads {@code jsonFile} and the weight files its manifest names, each verified by {@code resources}. */
    public static GraphModel load(ModelResources resources, String jsonFile) {
        return load(resources, jsonFile, null, List.of());
    }

    /**
     * Loads a fully convolutional model for another input size: {@code inputShape} replaces the declared one and
     * the graph ends at the named {@code outputs} (nodes before any reshape that bakes in the declared size).
     */
    public static GraphModel load(ModelResources resources, String jsonFile, int[] inputShape, List<String> outputs) {
        JsonNode model;
        try {
            model = JSON.readTree(resources.read(jsonFile));
        } catch (IOException e) {
            throw new UncheckedIOException("model " + jsonFile + " is not valid JSON", e);
        }
        JsonNode manifest = model.path("weightsManifest");
        List<byte[]> parts = new ArrayList<>();
        int total = 0;
        for (JsonNode group : manifest) {
            for (JsonNode path : group.path("paths")) {
                byte[] part = resources.read(path.asText());
                parts.add(part);
                total = Math.addExact(total, part.length);
            }
        }
        ByteBuffer weightData = ByteBuffer.allocate(total);
        parts.forEach(weightData::put);
        weightData.flip();
        Map<String, Constant> constants = WeightsDecoder.decode(manifest, weightData);
        return new GraphModel(jsonFile, new Compiler(jsonFile, model, constants, inputShape, outputs).compile());
    }

    public int[] inputShape() {
        return inputShape.clone();
    }

    /** Output node names, e.g. {@code Identity_1}. */
    public List<String> outputNames() {
        return outputTensors.keySet().stream().sorted().toList();
    }

    /** Runs the graph on one NHWC input of {@link #inputShape()}; the array is only read. */
    public Map<String, Tensor> run(float[] input) {
        if (input.length != Tensor.elementCount(inputShape)) {
            throw new IllegalArgumentException("model " + name + " takes " + Arrays.toString(inputShape) + " ("
                    + Tensor.elementCount(inputShape) + " values), got " + input.length + " values");
        }
        Workspace workspace = idleWorkspaces.poll();
        if (workspace == null) {
            float[][] buffers = new float[bufferSizes.length][];
            for (int b = 0; b < buffers.length; b++) {
                buffers[b] = new float[bufferSizes[b]];
            }
            workspace = new Workspace(buffers, Scratch.of(scratchSize, tapRows, planeSize));
        }
        try {
            float[][] tensors = new float[tensorShapes.length][];
            for (int t = 0; t < tensors.length; t++) {
                tensors[t] = t == inputTensor ? input : workspace.buffers()[bufferOfTensor[t]];
            }
            for (Step step : steps) {
                step.run(tensors, workspace.scratch());
            }
            Map<String, Tensor> outputs = new LinkedHashMap<>();
            for (String output : outputNames()) {
                int t = outputTensors.get(output);
                int[] shape = tensorShapes[t];
                float[] values = new float[Tensor.elementCount(shape)];
                if (shape.length == 4) {
                    Relayout.toRowMajor(tensors[t], values, shape);
                } else {
                    System.arraycopy(tensors[t], 0, values, 0, values.length);
                }
                outputs.put(output, new Tensor(shape.clone(), values));
            }
            return outputs;
        } finally {
            idleWorkspaces.offer(workspace);
        }
    }

    /** The graph after compilation: tensors are numbered, steps read and write them by number. */
    private static final class Compiled {
        final List<int[]> shapes = new ArrayList<>();
        final List<Step> steps = new ArrayList<>();
        final List<int[]> stepInputs = new ArrayList<>();
        final List<Integer> stepOutputs = new ArrayList<>();
        /** Per step: the input tensor whose array the output may take over when that input dies here, or -1. */
        final List<Integer> stepInPlace = new ArrayList<>();
        final Map<String, Integer> outputTensors = new HashMap<>();
        int[] inputShape;
        int inputTensor = -1;

        int newTensor(int[] shape) {
            shapes.add(shape);
            return shapes.size() - 1;
        }

        void add(Step step, int[] inputs, int output, int inPlaceInput) {
            steps.add(step);
            stepInputs.add(inputs);
            stepOutputs.add(output);
            stepInPlace.add(inPlaceInput);
        }
    }

    /**
     * Assigns each tensor an array: walking the steps in order, a tensor's array returns to the free list after its
     * last reader, and a new tensor takes the smallest free array that fits (or grows the largest free one).
     */
    private record BufferPlan(int[] bufferOfTensor, int[] bufferSizes) {

        static BufferPlan of(Compiled graph) {
            int tensorCount = graph.shapes.size();
            int[] lastUse = new int[tensorCount];
            Arrays.fill(lastUse, -1);
            for (int s = 0; s < graph.steps.size(); s++) {
                for (int t : graph.stepInputs.get(s)) {
                    lastUse[t] = s;
                }
            }
            for (int t : graph.outputTensors.values()) {
                lastUse[t] = Integer.MAX_VALUE;
            }
            int[] bufferOf = new int[tensorCount];
            Arrays.fill(bufferOf, -1);
            List<Integer> sizes = new ArrayList<>();
            List<Integer> free = new ArrayList<>();
            for (int s = 0; s < graph.steps.size(); s++) {
                int out = graph.stepOutputs.get(s);
                int size = Tensor.elementCount(graph.shapes.get(out));
                int inPlace = graph.stepInPlace.get(s);
                if (inPlace >= 0 && inPlace != graph.inputTensor && lastUse[inPlace] == s
                        && sizes.get(bufferOf[inPlace]) >= size) {
                    bufferOf[out] = bufferOf[inPlace];
                } else {
                    bufferOf[out] = takeFree(free, sizes, size);
                }
                for (int t : graph.stepInputs.get(s)) {
                    if (lastUse[t] == s && t != graph.inputTensor && bufferOf[t] != bufferOf[out]
                            && !free.contains(bufferOf[t])) {
                        free.add(bufferOf[t]);
                    }
                }
            }
            bufferOf[graph.inputTensor] = -1;
            return new BufferPlan(bufferOf, sizes.stream().mapToInt(Integer::intValue).toArray());
        }

        private static int takeFree(List<Integer> free, List<Integer> sizes, int size) {
            int best = -1;
            for (int i = 0; i < free.size(); i++) {
                int candidate = sizes.get(free.get(i));
                if (candidate >= size && (best < 0 || candidate < sizes.get(free.get(best)))) {
                    best = i;
                }
            }
            if (best < 0 && !free.isEmpty()) {
                int largest = 0;
                for (int i = 1; i < free.size(); i++) {
                    if (sizes.get(free.get(i)) > sizes.get(free.get(largest))) {
                        largest = i;
                    }
                }
                int buffer = free.remove(largest);
                sizes.set(buffer, size);
                return buffer;
            }
            if (best >= 0) {
                return free.remove(best);
            }
            sizes.add(size);
            return sizes.size() - 1;
        }
    }

    /** Turns the node list into steps, in dependency order, with every shape known in advance. */
    private static final class Compiler {
        private final String model;
        private final JsonNode json;
        private final Map<String, Constant> constants;
        private final int[] inputShape;
        private final List<String> requestedOutputs;
        private final Map<String, NodeDef> nodes = new LinkedHashMap<>();
        private final Map<String, Integer> tensorOfNode = new HashMap<>();
        private final Compiled graph = new Compiled();

        Compiler(String model, JsonNode json, Map<String, Constant> constants, int[] inputShape,
                 List<String> outputs) {
            this.model = model;
            this.json = json;
            this.constants = constants;
            this.inputShape = inputShape == null ? null : inputShape.clone();
            this.requestedOutputs = List.copyOf(outputs);
            for (JsonNode node : json.path("modelTopology").path("node")) {
                NodeDef def = NodeDef.parse(node);
                nodes.put(def.name(), def);
            }
        }

        Compiled compile() {
            List<String> outputs = outputNodes();
            List<NodeDef> order = new ArrayList<>();
            Map<String, Boolean> visiting = new HashMap<>();
            for (String output : outputs) {
                visit(output, visiting, order);
            }
            for (NodeDef node : order) {
                compileNode(node);
            }
            if (graph.inputTensor < 0) {
                throw new UnsupportedGraphException("model " + model + " has no Placeholder input");
            }
            for (String output : outputs) {
                graph.outputTensors.put(output, tensor(output));
            }
            return graph;
        }

        private List<String> outputNodes() {
            if (!requestedOutputs.isEmpty()) {
                return requestedOutputs;
            }
            JsonNode signature = json.has("signature") ? json.get("signature")
                    : json.path("userDefinedMetadata").path("signature");
            List<String> outputs = new ArrayList<>();
            signature.path("outputs").fieldNames().forEachRemaining(key -> outputs.add(key.replaceFirst(":0$", "")));
            if (outputs.isEmpty()) {
                // no signature: every non-constant node nobody reads is an output
                Set<String> read = new HashSet<>();
                nodes.values().forEach(n -> read.addAll(n.inputs()));
                nodes.values().stream().filter(n -> !n.op().equals("Const") && !read.contains(n.name()))
                        .forEach(n -> outputs.add(n.name()));
            }
            outputs.sort(String::compareTo);
            return outputs;
        }

        private void visit(String name, Map<String, Boolean> visiting, List<NodeDef> order) {
            // iterative depth-first search: graphs can be deeper than a comfortable recursion
            record Frame(NodeDef node, int next) {
            }
            if (visiting.containsKey(name)) {
                return;
            }
            List<Frame> stack = new ArrayList<>();
            stack.add(new Frame(node(name), 0));
            visiting.put(name, true);
            while (!stack.isEmpty()) {
                Frame top = stack.remove(stack.size() - 1);
                if (top.next < top.node.inputs().size()) {
                    stack.add(new Frame(top.node, top.next + 1));
                    String input = top.node.inputs().get(top.next);
                    Boolean state = visiting.get(input);
                    if (state == null) {
                        visiting.put(input, true);
                        stack.add(new Frame(node(input), 0));
                    } else if (state) {
                        throw new UnsupportedGraphException("model " + model + " has a cycle through " + input);
                    }
                } else {
                    visiting.put(top.node.name(), false);
                    order.add(top.node);
                }
            }
        }

        private NodeDef node(String name) {
            NodeDef node = nodes.get(name);
            if (node == null) {
                throw new UnsupportedGraphException("model " + model + " refers to missing node " + name);
            }
            return node;
        }

        private int tensor(String nodeName) {
            Integer tensor = tensorOfNode.get(nodeName);
            if (tensor == null) {
                throw new UnsupportedGraphException("model " + model + ": node " + nodeName
                        + " is used as a computed tensor but is a constant");
            }
            return tensor;
        }

        private int[] shape(String nodeName) {
            return graph.shapes.get(tensor(nodeName));
        }

        private Constant constant(NodeDef node, int inputIndex) {
            String input = node.inputs().get(inputIndex);
            Constant constant = constants.get(input);
            if (constant == null) {
                throw new UnsupportedGraphException("model " + model + ": input " + input + " of " + node.name()
                        + " must be a constant");
            }
            return constant;
        }

        private float[] floats(NodeDef node, int inputIndex) {
            if (constant(node, inputIndex) instanceof Constant.Floats floats) {
                return floats.values();
            }
            throw new UnsupportedGraphException("model " + model + ": input " + inputIndex + " of " + node.name()
                    + " must be float32");
        }

        private int[] ints(NodeDef node, int inputIndex) {
            if (constant(node, inputIndex) instanceof Constant.Ints ints) {
                return ints.values();
            }
            throw new UnsupportedGraphException("model " + model + ": input " + inputIndex + " of " + node.name()
                    + " must be int32");
        }

        private void compileNode(NodeDef node) {
            switch (node.op()) {
                case "Const" -> {
                    if (!constants.containsKey(node.name())) {
                        throw new UnsupportedGraphException("model " + model + ": constant " + node.name()
                                + " has no weights");
                    }
                }
                case "Placeholder" -> placeholder(node);
                case "Conv2D", "_FusedConv2D" -> conv(node);
                case "DepthwiseConv2dNative" -> depthwise(node);
                case "Conv2DBackpropInput" -> transposedConv(node);
                case "MaxPool" -> pool(node, Pool2d.Kind.MAX);
                case "AvgPool" -> pool(node, Pool2d.Kind.AVERAGE);
                case "ResizeBilinear" -> resize(node);
                case "Add", "AddV2" -> binary(node, Binary.Function.ADD);
                case "Mul" -> binary(node, Binary.Function.MUL);
                case "AddN" -> addN(node);
                case "Relu" -> unary(node, Unary.Function.RELU);
                case "Relu6" -> unary(node, Unary.Function.RELU6);
                case "Sigmoid" -> unary(node, Unary.Function.SIGMOID);
                case "Pad" -> pad(node);
                case "Reshape" -> reshape(node);
                case "Identity" -> relayout(node, shape(node.inputs().get(0)));
                default -> throw new UnsupportedGraphException("model " + model + ": node " + node.name()
                        + " uses unsupported operation " + node.op());
            }
        }

        private void placeholder(NodeDef node) {
            if (graph.inputTensor >= 0) {
                throw new UnsupportedGraphException("model " + model + " has more than one input");
            }
            JsonNode dims = node.attrs().path("shape").path("shape").path("dim");
            int[] shape = new int[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                int size = dims.get(i).path("size").asInt(-1);
                shape[i] = size < 0 ? 1 : size; // unknown batch: one image at a time
            }
            if (inputShape != null) {
                if (inputShape.length != shape.length) {
                    throw new UnsupportedGraphException("model " + model + " takes rank " + shape.length
                            + " input, not " + Arrays.toString(inputShape));
                }
                shape = inputShape.clone();
            }
            graph.inputShape = shape;
            graph.inputTensor = graph.newTensor(shape);
            if (shape.length == 4) {
                // the caller passes NHWC; inside the graph rank-4 tensors are planar
                addStep(node, shape.clone(), new Relayout(graph.inputTensor, nextTensor(), shape, false, shape, true),
                        new int[] {graph.inputTensor}, -1);
            } else {
                tensorOfNode.put(node.name(), graph.inputTensor);
            }
        }

        private int[] imageShape(NodeDef node, String input) {
            int[] shape = shape(input);
            if (shape.length != 4 || shape[0] != 1) {
                throw new UnsupportedGraphException("model " + model + ": node " + node.name()
                        + " needs a single NHWC image, got " + Arrays.toString(shape));
            }
            String format = node.string("data_format", "NHWC");
            if (!format.equals("NHWC")) {
                throw new UnsupportedGraphException("model " + model + ": node " + node.name() + " uses " + format);
            }
            return shape;
        }

        private Window[] windows(NodeDef node, int inH, int inW, int kh, int kw) {
            int[] strides = node.ints("strides", new int[] {1, 1, 1, 1});
            int[] dilations = node.ints("dilations", new int[] {1, 1, 1, 1});
            int[] explicit = node.ints("explicit_paddings", new int[8]);
            String padding = node.string("padding", "VALID");
            return new Window[] {
                Window.of(padding, inH, kh, strides[1], dilations[1], explicit[2], explicit[3]),
                Window.of(padding, inW, kw, strides[2], dilations[2], explicit[4], explicit[5]),
            };
        }

        private int addStep(NodeDef node, int[] outShape, Step step, int[] inputs, int inPlaceInput) {
            int out = graph.newTensor(outShape);
            tensorOfNode.put(node.name(), out);
            graph.add(step, inputs, out, inPlaceInput);
            return out;
        }

        private int nextTensor() {
            return graph.shapes.size();
        }

        private void conv(NodeDef node) {
            String input = node.inputs().get(0);
            int[] in = imageShape(node, input);
            Constant.Floats filter = floatConstant(node, 1);
            int[] f = filter.shape();
            if (f[2] != in[3]) {
                throw new UnsupportedGraphException("model " + model + ": node " + node.name()
                        + " has a filter for " + f[2] + " channels on a " + in[3] + "-channel input");
            }
            float[] bias = null;
            Activation activation = Activation.NONE;
            if (node.op().equals("_FusedConv2D")) {
                List<String> fused = node.strings("fused_ops");
                if (fused.isEmpty() || !fused.get(0).equals("BiasAdd") || fused.size() > 2
                        || node.integer("num_args", 1) != 1) {
                    throw new UnsupportedGraphException("model " + model + ": node " + node.name()
                            + " fuses unsupported operations " + fused);
                }
                bias = floats(node, 2);
                if (fused.size() == 2) {
                    activation = Activation.fromOp(fused.get(1));
                }
            }
            Window[] w = windows(node, in[1], in[2], f[0], f[1]);
            int[] outShape = {1, w[0].outputSize(), w[1].outputSize(), f[3]};
            int inputTensor = tensor(input);
            addStep(node, outShape, new Conv2d(inputTensor, nextTensor(), w[0], w[1], f[2], f[3], filter.values(), bias,
                    activation), new int[] {inputTensor}, -1);
        }

        private Constant.Floats floatConstant(NodeDef node, int inputIndex) {
            if (constant(node, inputIndex) instanceof Constant.Floats floats) {
                return floats;
            }
            throw new UnsupportedGraphException("model " + model + ": input " + inputIndex + " of " + node.name()
                    + " must be float32");
        }

        private void depthwise(NodeDef node) {
            String input = node.inputs().get(0);
            int[] in = imageShape(node, input);
            Constant.Floats filter = floatConstant(node, 1);
            int[] f = filter.shape();
            if (f[2] != in[3]) {
                throw new UnsupportedGraphException("model " + model + ": node " + node.name()
                        + " has a depthwise filter for " + f[2] + " channels on a " + in[3] + "-channel input");
            }
            Window[] w = windows(node, in[1], in[2], f[0], f[1]);
            int[] outShape = {1, w[0].outputSize(), w[1].outputSize(), f[2] * f[3]};
            int inputTensor = tensor(input);
            addStep(node, outShape, new DepthwiseConv2d(inputTensor, nextTensor(), w[0], w[1], f[2], f[3],
                    filter.values()), new int[] {inputTensor}, -1);
        }

        private void transposedConv(NodeDef node) {
            int[] outShape = ints(node, 0);
            Constant.Floats filter = floatConstant(node, 1);
            String input = node.inputs().get(2);
            int[] in = imageShape(node, input);
            int[] f = filter.shape();
            if (outShape.length != 4 || outShape[0] != 1 || f[2] != outShape[3] || f[3] != in[3]) {
                throw new UnsupportedGraphException("model " + model + ": node " + node.name()
                        + " has inconsistent shapes");
            }
            // the windows of the forward convolution this op transposes: from our output back to our input
            Window[] w = windows(node, outShape[1], outShape[2], f[0], f[1]);
            if (w[0].outputSize() != in[1] || w[1].outputSize() != in[2]) {
                throw new UnsupportedGraphException("model " + model + ": node " + node.name()
                        + " cannot produce " + Arrays.toString(outShape) + " from " + Arrays.toString(in));
            }
            int inputTensor = tensor(input);
            addStep(node, outShape.clone(), new TransposedConv2d(inputTensor, nextTensor(), w[0], w[1], in[3], f[2],
                    filter.values()), new int[] {inputTensor}, -1);
        }

        private void pool(NodeDef node, Pool2d.Kind kind) {
            String input = node.inputs().get(0);
            int[] in = imageShape(node, input);
            int[] ksize = node.ints("ksize", null);
            if (ksize == null || ksize[0] != 1 || ksize[3] != 1) {
                throw new UnsupportedGraphException("model " + model + ": node " + node.name()
                        + " pools across batch or channels");
            }
            Window[] w = windows(node, in[1], in[2], ksize[1], ksize[2]);
            int[] outShape = {1, w[0].outputSize(), w[1].outputSize(), in[3]};
            int inputTensor = tensor(input);
            addStep(node, outShape, new Pool2d(kind, inputTensor, nextTensor(), w[0], w[1], in[3]),
                    new int[] {inputTensor}, -1);
        }

        private void resize(NodeDef node) {
            String input = node.inputs().get(0);
            int[] in = imageShape(node, input);
            int[] size = ints(node, 1);
            int[] outShape = {1, size[0], size[1], in[3]};
            int inputTensor = tensor(input);
            addStep(node, outShape, new ResizeBilinear(inputTensor, nextTensor(), in[1], in[2], in[3], size[0], size[1],
                    node.bool("align_corners", false), node.bool("half_pixel_centers", false)),
                    new int[] {inputTensor}, -1);
        }

        private void binary(NodeDef node, Binary.Function function) {
            String a = node.inputs().get(0);
            String b = node.inputs().get(1);
            boolean aConstant = constants.containsKey(a);
            boolean bConstant = constants.containsKey(b);
            if (aConstant && bConstant) {
                throw new UnsupportedGraphException("model " + model + ": node " + node.name()
                        + " combines two constants");
            }
            int[] aShape = aConstant ? constants.get(a).shape() : shape(a);
            int[] bShape = bConstant ? constants.get(b).shape() : shape(b);
            int[] outShape = Binary.broadcastShape(node.name(), aShape, bShape);
            int outSize = Tensor.elementCount(outShape);
            // both operations commute: put the operand that has the output's full size first
            if (Tensor.elementCount(aShape) != outSize && Tensor.elementCount(bShape) == outSize) {
                String swapName = a;
                a = b;
                b = swapName;
                boolean swapConstant = aConstant;
                aConstant = bConstant;
                bConstant = swapConstant;
                int[] swapShape = aShape;
                aShape = bShape;
                bShape = swapShape;
            }
            int aTensor = aConstant ? -1 : tensor(a);
            int bTensor = bConstant ? -1 : tensor(b);
            float[] aValues = aConstant ? planarIfImage(floats(node, node.inputs().indexOf(a)), aShape) : null;
            float[] bValues = bConstant ? planarIfImage(floats(node, node.inputs().indexOf(b)), bShape) : null;
            int[] inputs = aConstant ? new int[] {bTensor} : bConstant ? new int[] {aTensor}
                    : new int[] {aTensor, bTensor};
            int inPlace = !aConstant && Tensor.elementCount(aShape) == outSize ? aTensor : -1;
            addStep(node, outShape, new Binary(function, aTensor, aValues, aShape, bTensor, bValues, bShape,
                    nextTensor(), outShape), inputs, inPlace);
        }

        private static float[] planarIfImage(float[] values, int[] shape) {
            if (shape.length != 4) {
                return values;
            }
            float[] planar = new float[values.length];
            Relayout.toPlanar(values, planar, shape);
            return planar;
        }

        private void addN(NodeDef node) {
            int[] inputs = new int[node.inputs().size()];
            int[] outShape = shape(node.inputs().get(0));
            for (int i = 0; i < inputs.length; i++) {
                inputs[i] = tensor(node.inputs().get(i));
                if (!Arrays.equals(graph.shapes.get(inputs[i]), outShape)) {
                    throw new UnsupportedGraphException("model " + model + ": node " + node.name()
                            + " adds tensors of different shapes");
                }
            }
            addStep(node, outShape.clone(), new AddN(inputs, nextTensor(), Tensor.elementCount(outShape)), inputs,
                    inputs[0]);
        }

        private void unary(NodeDef node, Unary.Function function) {
            int input = tensor(node.inputs().get(0));
            int[] shape = graph.shapes.get(input);
            addStep(node, shape.clone(), new Unary(function, input, nextTensor(), Tensor.elementCount(shape)),
                    new int[] {input}, input);
        }

        private void pad(NodeDef node) {
            String input = node.inputs().get(0);
            int[] in = shape(input);
            int[] paddings = ints(node, 1);
            if (in.length != 4 || paddings.length != 8) {
                throw new UnsupportedGraphException("model " + model + ": node " + node.name()
                        + " pads a tensor that is not rank 4");
            }
            int[] before = new int[4];
            int[] outShape = new int[4];
            for (int d = 0; d < 4; d++) {
                if (paddings[2 * d] < 0 || paddings[2 * d + 1] < 0) {
                    throw new UnsupportedGraphException("model " + model + ": node " + node.name() + " crops");
                }
                before[d] = paddings[2 * d];
                outShape[d] = in[d] + paddings[2 * d] + paddings[2 * d + 1];
            }
            int inputTensor = tensor(input);
            addStep(node, outShape, new Pad(inputTensor, nextTensor(), in, outShape, before), new int[] {inputTensor},
                    -1);
        }

        private void reshape(NodeDef node) {
            int[] in = shape(node.inputs().get(0));
            int[] target = ints(node, 1).clone();
            int known = 1;
            int unknown = -1;
            for (int d = 0; d < target.length; d++) {
                if (target[d] == -1) {
                    unknown = d;
                } else {
                    known *= target[d];
                }
            }
            if (unknown >= 0) {
                target[unknown] = Tensor.elementCount(in) / known;
            }
            if (Tensor.elementCount(target) != Tensor.elementCount(in)) {
                throw new UnsupportedGraphException("model " + model + ": node " + node.name() + " cannot reshape "
                        + Arrays.toString(in) + " to " + Arrays.toString(target));
            }
            relayout(node, target);
        }

        private void relayout(NodeDef node, int[] outShape) {
            int input = tensor(node.inputs().get(0));
            int[] inShape = graph.shapes.get(input);
            // an image keeping its shape keeps its planar order: a plain copy
            boolean convert = !Arrays.equals(inShape, outShape);
            Relayout step = new Relayout(input, nextTensor(), inShape, convert && inShape.length == 4, outShape,
                    convert && outShape.length == 4);
            addStep(node, outShape.clone(), step, new int[] {input}, step.copiesOnly() ? input : -1);
        }
    }
}
