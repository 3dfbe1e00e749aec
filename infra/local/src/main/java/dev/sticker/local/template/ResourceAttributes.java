package dev.sticker.local.template;

/** Answers {@code Ref} and {@code Fn::GetAtt} of a resource with its local physical value. */
@FunctionalInterface
public interface ResourceAttributes {

    /** The pseudo attribute name {@link #REF} asks for what {@code Ref} returns. */
    String REF = "Ref";

    String attribute(Resource resource, String attribute);
}
