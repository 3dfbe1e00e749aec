package dev.sticker.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The interpreter reproduces TensorFlow.js, element by element, on every reference case. */
class GraphModelReferenceTest {

    private static final float TOLERANCE = 1e-3f;
    private static final Map<String, GraphModel> MODELS = new HashMap<>();

    @BeforeAll
    static void loadModels() {
        ModelResources resources = ModelResources.bundled();
        for (String model : List.of("blazeface-front", "blazeface", "selfie")) {
            MODELS.put(model, GraphModel.load(resources, model + ".json"));
        }
    }

    static List<ReferenceCases.Case> cases() {
        return ReferenceCases.load();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesTensorFlowJsElementWise(ReferenceCases.Case reference) {
        double sum = 0;
        for (float value : reference.input()) {
            sum += value;
        }
        assertEquals(reference.expectedInputSum(), sum, 0.0, "rebuilt input differs from the script's");
        assertArrayEquals(reference.expectedInputHead(),
                java.util.Arrays.copyOf(reference.input(), reference.expectedInputHead().length));

        Map<String, Tensor> outputs = MODELS.get(reference.model()).run(reference.input());

        for (ReferenceCases.Output expected : reference.outputs()) {
            Tensor actual = outputs.get(expected.node());
            assertArrayEquals(expected.shape(), actual.shape(), expected.node() + " shape");
            float[] sampled = ReferenceCases.subsample(actual.values(), actual.shape(), expected.sampleStep());
            assertEquals(expected.expected().length, sampled.length, expected.node() + " element count");
            float maxError = 0;
            int worst = -1;
            for (int i = 0; i < sampled.length; i++) {
                float error = Math.abs(sampled[i] - expected.expected()[i]);
                if (!(error <= maxError)) {
                    maxError = error;
                    worst = i;
                }
            }
            System.out.printf("%s %s: max abs error %.3g%n", reference.name(), expected.node(), maxError);
            assertTrue(maxError <= TOLERANCE, reference.name() + " " + expected.node() + ": max abs error " + maxError
                    + " at element " + worst);
        }
    }

    @Test
    void outputsAreNamedAfterTheSignature() {
        assertEquals(List.of("Identity", "Identity_1", "Identity_2", "Identity_3"),
                MODELS.get("blazeface-front").outputNames());
        assertEquals(List.of("activation_10"), MODELS.get("selfie").outputNames());
    }
}
