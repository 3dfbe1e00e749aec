package dev.sticker.local.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class IntrinsicsTest {

    private static final String YAML = """
            Parameters:
              Env: {Type: String, Default: dev}
              Size: {Type: Number, Default: 7}
              Required: {Type: String}
            Mappings:
              Sizes:
                dev: {Memory: 512}
                prod: {Memory: 2048}
            Conditions:
              IsProd: !Equals [!Ref Env, prod]
              IsDev: !Not [!Condition IsProd]
              Both: !And [!Condition IsDev, !Equals [a, a]]
            Resources:
              Queue:
                Type: AWS::SQS::Queue
              Gated:
                Type: AWS::SQS::Queue
                Condition: IsProd
            """;

    private final Template template = Template.from(CloudFormationYaml.parse(YAML));
    private final Intrinsics intrinsics = new Intrinsics(template, Map.of("Required", "given"),
            (resource, attribute) -> resource.logicalId() + "/" + attribute);

    @Test
    void shortTagsBecomeTheLongForm() {
        Map<String, Object> parsed = CloudFormationYaml.parse("a: !GetAtt Queue.Arn\nb: !Sub 'x'\nc: !Ref Env\n");
        assertEquals(Map.of("Fn::GetAtt", List.of("Queue", "Arn")), parsed.get("a"));
        assertEquals(Map.of("Fn::Sub", "x"), parsed.get("b"));
        assertEquals(Map.of("Ref", "Env"), parsed.get("c"));
    }

    @Test
    void refGivesParametersPseudoParametersAndResources() {
        assertEquals("dev", resolve("!Ref Env"));
        assertEquals("7", resolve("!Ref Size"));
        assertEquals("given", resolve("!Ref Required"));
        assertEquals("sticker-local", resolve("!Ref AWS::StackName"));
        assertEquals("Queue/Ref", resolve("!Ref Queue"));
        assertEquals("Queue/Arn", resolve("!GetAtt Queue.Arn"));
    }

    @Test
    void subReplacesVariablesAttributesAndLiterals() {
        assertEquals("dev-000000000000-us-east-1-Queue/QueueName-${Kept}",
                resolve("!Sub '${Env}-${AWS::AccountId}-${AWS::Region}-${Queue.QueueName}-${!Kept}'"));
        assertEquals("v=dev!", resolve("!Sub ['v=${X}!', {X: !Ref Env}]"));
    }

    @Test
    void listFunctionsCompose() {
        assertEquals("a,b,dev", resolve("!Join [',', [a, b, !Ref Env]]"));
        assertEquals("b", resolve("!Select [1, !Split ['/', 'a/b/c']]"));
        assertEquals("512", resolve("!FindInMap [Sizes, !Ref Env, Memory]"));
        assertEquals("ZGV2", resolve("!Base64 dev"));
    }

    @Test
    void conditionsDecideIfAndResourcePresence() {
        assertEquals("small", resolve("!If [IsProd, big, small]"));
        assertTrue(intrinsics.condition("Both"));
        assertEquals(false, intrinsics.isActive(template.resource("Gated")));
        Intrinsics prod = new Intrinsics(template, Map.of("Env", "prod", "Required", "x"), (r, a) -> "");
        assertTrue(prod.isActive(template.resource("Gated")));
    }

    @Test
    void noValueDropsTheKey() {
        Object resolved = intrinsics.resolve(CloudFormationYaml.parse("a: 1\nb: !If [IsProd, 2, !Ref AWS::NoValue]\n"));
        assertEquals(Map.of("a", 1), resolved);
    }

    @Test
    void missingParameterValueAndUnsupportedFunctionsAreReported() {
        assertThrows(TemplateException.class, () -> new Intrinsics(template, Map.of(), (r, a) -> ""));
        TemplateException failure = assertThrows(TemplateException.class, () -> resolve("!ImportValue other"));
        assertTrue(failure.getMessage().contains("Fn::ImportValue"));
    }

    private String resolve(String yamlValue) {
        return intrinsics.resolveString(CloudFormationYaml.parse("v: " + yamlValue + "\n").get("v"));
    }
}
