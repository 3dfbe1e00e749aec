package dev.sticker.engine.vision;

import dev.sticker.engine.nn.ModelResources;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * An OpenCV boosted cascade of LBP stumps (stageType BOOST, featureType LBP), evaluated like OpenCV's
 * {@code detectMultiScale}: the window slides over an image pyramid (scale factor 1.1) on an integral image, and
 * raw hits are merged like {@code groupRectangles}. Immutable and thread-safe.
 */
public final class LbpCascade {

    /** A detection in pixel coordinates of the searched image; neighbours = raw hits merged into it. */
    public record Box(int x, int y, int width, int height, int neighbours) {
    }

    private static final double SCALE_FACTOR = 1.1;
    private static final double GROUP_EPS = 0.2;
    private static final int SUBSET_WORDS = 8;

    private final int windowWidth;
    private final int windowHeight;
    private final float[] stageThreshold;
    private final int[] stageFirstWeak;
    private final int[] weakFeature;
    private final int[] weakSubsets;
    private final float[] weakLeaves;
    private final int[] featureRects;

    private LbpCascade(int windowWidth, int windowHeight, float[] stageThreshold, int[] stageFirstWeak,
            int[] weakFeature, int[] weakSubsets, float[] weakLeaves, int[] featureRects) {
        this.windowWidth = windowWidth;
        this.windowHeight = windowHeight;
        this.stageThreshold = stageThreshold;
        this.stageFirstWeak = stageFirstWeak;
        this.weakFeature = weakFeature;
        this.weakSubsets = weakSubsets;
        this.weakLeaves = weakLeaves;
        this.featureRects = featureRects;
    }

    /** The bundled frontal-face cascade, checksum-verified. */
    public static LbpCascade frontalFace(ModelResources resources) {
        return parse(resources.read("lbpcascade_frontalface_improved.xml"));
    }

    /** Parses an OpenCV cascade XML file of the LBP kind. */
    public static LbpCascade parse(byte[] xml) {
        Document document;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("cascade is not readable XML", e);
        }
        Element cascade = child(document.getDocumentElement(), "cascade");
        if (!text(cascade, "stageType").equals("BOOST") || !text(cascade, "featureType").equals("LBP")) {
            throw new IllegalArgumentException("only BOOST cascades of LBP features are supported");
        }
        int width = Integer.parseInt(text(cascade, "width"));
        int height = Integer.parseInt(text(cascade, "height"));
        List<Element> stages = items(child(cascade, "stages"));
        float[] stageThreshold = new float[stages.size()];
        int[] stageFirstWeak = new int[stages.size() + 1];
        List<int[]> nodes = new ArrayList<>();
        List<float[]> leaves = new ArrayList<>();
        for (int s = 0; s < stages.size(); s++) {
            Element stage = stages.get(s);
            stageThreshold[s] = Float.parseFloat(text(stage, "stageThreshold"));
            for (Element weak : items(child(stage, "weakClassifiers"))) {
                int[] node = ints(text(weak, "internalNodes"));
                float[] leaf = floats(text(weak, "leafValues"));
                if (node.length != 3 + SUBSET_WORDS || leaf.length != 2) {
                    throw new IllegalArgumentException("only single-split categorical stumps are supported");
                }
                nodes.add(node);
                leaves.add(leaf);
            }
            stageFirstWeak[s + 1] = nodes.size();
        }
        int[] weakFeature = new int[nodes.size()];
        int[] weakSubsets = new int[nodes.size() * SUBSET_WORDS];
        float[] weakLeaves = new float[nodes.size() * 2];
        for (int w = 0; w < nodes.size(); w++) {
            weakFeature[w] = nodes.get(w)[2];
            System.arraycopy(nodes.get(w), 3, weakSubsets, w * SUBSET_WORDS, SUBSET_WORDS);
            weakLeaves[2 * w] = leaves.get(w)[0];
            weakLeaves[2 * w + 1] = leaves.get(w)[1];
        }
        List<Element> features = items(child(cascade, "features"));
        int[] featureRects = new int[features.size() * 4];
        for (int f = 0; f < features.size(); f++) {
            int[] rect = ints(text(features.get(f), "rect"));
            System.arraycopy(rect, 0, featureRects, f * 4, 4);
        }
        return new LbpCascade(width, height, stageThreshold, stageFirstWeak, weakFeature, weakSubsets, weakLeaves,
                featureRects);
    }

    /**
     * Objects in a grayscale image (values 0..255, row-major), grouped so that each has at least
     * {@code minNeighbours} + 1 raw hits, largest first.
     */
    public List<Box> detect(float[] gray, int width, int height, int minNeighbours) {
        List<int[]> hits = new ArrayList<>();
        for (double factor = 1; ; factor *= SCALE_FACTOR) {
            int scaledWidth = (int) Math.round(width / factor);
            int scaledHeight = (int) Math.round(height / factor);
            if (scaledWidth < windowWidth || scaledHeight < windowHeight) {
                break;
            }
            int[] integral = integral(scaled(gray, width, height, scaledWidth, scaledHeight), scaledWidth,
                    scaledHeight);
            int step = factor > 2 ? 1 : 2;
            int windowSize = (int) Math.round(windowWidth * factor);
            int windowSizeY = (int) Math.round(windowHeight * factor);
            for (int y = 0; y + windowHeight <= scaledHeight; y += step) {
                for (int x = 0; x + windowWidth <= scaledWidth; x += step) {
                    if (accepts(integral, scaledWidth + 1, x, y)) {
                        hits.add(new int[] {(int) Math.round(x * factor), (int) Math.round(y * factor), windowSize,
                                windowSizeY});
                    }
                }
            }
        }
        List<Box> boxes = group(hits, minNeighbours);
        boxes.sort((a, b) -> Integer.compare(b.width() * b.height(), a.width() * a.height()));
        return boxes;
    }

    private boolean accepts(int[] integral, int stride, int x, int y) {
        for (int s = 0; s < stageThreshold.length; s++) {
            float sum = 0;
            for (int w = stageFirstWeak[s]; w < stageFirstWeak[s + 1]; w++) {
                int code = lbpCode(integral, stride, x, y, weakFeature[w]);
                boolean inSubset = (weakSubsets[w * SUBSET_WORDS + (code >> 5)] & (1 << (code & 31))) != 0;
                sum += weakLeaves[2 * w + (inSubset ? 0 : 1)];
            }
            if (sum < stageThreshold[s]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The 8-bit local binary pattern of a 3x3 grid of equal blocks: each outer block's sum compared with the centre
     * block's, clockwise from the top-left block (bit 7) to the middle-left block (bit 0), as OpenCV's LBPEvaluator.
     */
    private int lbpCode(int[] integral, int stride, int x, int y, int feature) {
        int fx = x + featureRects[feature * 4];
        int fy = y + featureRects[feature * 4 + 1];
        int fw = featureRects[feature * 4 + 2];
        int fh = featureRects[feature * 4 + 3];
        int r0 = fy * stride + fx;
        int r1 = r0 + fh * stride;
        int r2 = r1 + fh * stride;
        int r3 = r2 + fh * stride;
        int p0 = integral[r0];
        int p1 = integral[r0 + fw];
        int p2 = integral[r0 + 2 * fw];
        int p3 = integral[r0 + 3 * fw];
        int p4 = integral[r1];
        int p5 = integral[r1 + fw];
        int p6 = integral[r1 + 2 * fw];
        int p7 = integral[r1 + 3 * fw];
        int p8 = integral[r2];
        int p9 = integral[r2 + fw];
        int p10 = integral[r2 + 2 * fw];
        int p11 = integral[r2 + 3 * fw];
        int p12 = integral[r3];
        int p13 = integral[r3 + fw];
        int p14 = integral[r3 + 2 * fw];
        int p15 = integral[r3 + 3 * fw];
        int center = p5 - p6 - p9 + p10;
        return (p0 - p1 - p4 + p5 >= center ? 128 : 0)
                | (p1 - p2 - p5 + p6 >= center ? 64 : 0)
                | (p2 - p3 - p6 + p7 >= center ? 32 : 0)
                | (p6 - p7 - p10 + p11 >= center ? 16 : 0)
                | (p10 - p11 - p14 + p15 >= center ? 8 : 0)
                | (p9 - p10 - p13 + p14 >= center ? 4 : 0)
                | (p8 - p9 - p12 + p13 >= center ? 2 : 0)
                | (p4 - p5 - p8 + p9 >= center ? 1 : 0);
    }

    private static int[] scaled(float[] gray, int width, int height, int scaledWidth, int scaledHeight) {
        PixelGrid.Taps columns = PixelGrid.Taps.of(width, scaledWidth);
        PixelGrid.Taps rows = PixelGrid.Taps.of(height, scaledHeight);
        float[] horizontal = new float[height * scaledWidth];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < scaledWidth; x++) {
                float sum = 0;
                for (int k = columns.start()[x]; k < columns.start()[x + 1]; k++) {
                    sum += columns.weight()[k] * gray[y * width + columns.index()[k]];
                }
                horizontal[y * scaledWidth + x] = sum;
            }
        }
        int[] out = new int[scaledWidth * scaledHeight];
        for (int y = 0; y < scaledHeight; y++) {
            for (int x = 0; x < scaledWidth; x++) {
                float sum = 0;
                for (int k = rows.start()[y]; k < rows.start()[y + 1]; k++) {
                    sum += rows.weight()[k] * horizontal[rows.index()[k] * scaledWidth + x];
                }
                out[y * scaledWidth + x] = Math.round(sum);
            }
        }
        return out;
    }

    /** Summed-area table with a zero first row and column: (width + 1) x (height + 1). */
    private static int[] integral(int[] pixels, int width, int height) {
        int stride = width + 1;
        int[] sums = new int[stride * (height + 1)];
        for (int y = 0; y < height; y++) {
            int rowSum = 0;
            for (int x = 0; x < width; x++) {
                rowSum += pixels[y * width + x];
                sums[(y + 1) * stride + x + 1] = sums[y * stride + x + 1] + rowSum;
            }
        }
        return sums;
    }

    /**
     * OpenCV's groupRectangles: hits whose sides all lie within eps of each other form a class; a class with more
     * than {@code minNeighbours} members becomes its average box, and a box inside a stronger one is dropped.
     */
    static List<Box> group(List<int[]> hits, int minNeighbours) {
        int n = hits.size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                if (similar(hits.get(i), hits.get(j))) {
                    parent[root(parent, i)] = root(parent, j);
                }
            }
        }
        int[] classOf = new int[n];
        int classes = 0;
        int[] label = new int[n];
        java.util.Arrays.fill(label, -1);
        for (int i = 0; i < n; i++) {
            int r = root(parent, i);
            if (label[r] < 0) {
                label[r] = classes++;
            }
            classOf[i] = label[r];
        }
        long[][] sums = new long[classes][4];
        int[] counts = new int[classes];
        for (int i = 0; i < n; i++) {
            int c = classOf[i];
            for (int k = 0; k < 4; k++) {
                sums[c][k] += hits.get(i)[k];
            }
            counts[c]++;
        }
        List<Box> averaged = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            double s = 1.0 / counts[c];
            averaged.add(new Box((int) Math.round(sums[c][0] * s), (int) Math.round(sums[c][1] * s),
                    (int) Math.round(sums[c][2] * s), (int) Math.round(sums[c][3] * s), counts[c]));
        }
        List<Box> result = new ArrayList<>();
        for (Box r1 : averaged) {
            if (r1.neighbours() <= minNeighbours) {
                continue;
            }
            boolean inside = false;
            for (Box r2 : averaged) {
                if (r2 == r1 || r2.neighbours() <= minNeighbours) {
                    continue;
                }
                int dx = (int) Math.round(r2.width() * GROUP_EPS);
                int dy = (int) Math.round(r2.height() * GROUP_EPS);
                if (r1.x() >= r2.x() - dx && r1.y() >= r2.y() - dy && r1.x() + r1.width() <= r2.x() + r2.width() + dx
                        && r1.y() + r1.height() <= r2.y() + r2.height() + dy
                        && (r2.neighbours() > Math.max(3, r1.neighbours()) || r1.neighbours() < 3)) {
                    inside = true;
                    break;
                }
            }
            if (!inside) {
                result.add(r1);
            }
        }
        return result;
    }

    private static boolean similar(int[] a, int[] b) {
        double delta = GROUP_EPS * (Math.min(a[2], b[2]) + Math.min(a[3], b[3])) * 0.5;
        return Math.abs(a[0] - b[0]) <= delta && Math.abs(a[1] - b[1]) <= delta
                && Math.abs(a[0] + a[2] - b[0] - b[2]) <= delta && Math.abs(a[1] + a[3] - b[1] - b[3]) <= delta;
    }

    private static int root(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("cascade has no <" + name + "> in <" + parent.getTagName() + ">");
    }

    private static List<Element> items(Element parent) {
        List<Element> items = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) {
                items.add(e);
            }
        }
        return items;
    }

    private static String text(Element parent, String name) {
        return child(parent, name).getTextContent().strip();
    }

    private static int[] ints(String text) {
        String[] parts = text.strip().split("\\s+");
        int[] values = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Integer.parseInt(parts[i]);
        }
        return values;
    }

    private static float[] floats(String text) {
        String[] parts = text.strip().split("\\s+");
        float[] values = new float[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = Float.parseFloat(parts[i]);
        }
        return values;
    }
}
