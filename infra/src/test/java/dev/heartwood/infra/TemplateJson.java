package dev.heartwood.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import software.amazon.awscdk.assertions.Template;

/** A synthesized template as plain maps, with the few lookups the tests share. */
record TemplateJson(Template template, Map<String, Object> json) {

    static TemplateJson of(Template template) {
        return new TemplateJson(template, template.toJSON());
    }

    Map<String, Object> resources() {
        return map(json.get("Resources"));
    }

    Map<String, Object> outputs() {
        return map(json.get("Outputs"));
    }

    /** Logical id → resource, for every resource of {@code type}. */
    Map<String, Map<String, Object>> ofType(String type) {
        Map<String, Map<String, Object>> found = new java.util.LinkedHashMap<>();
        resources().forEach((id, resource) -> {
            if (type.equals(map(resource).get("Type"))) {
                found.put(id, map(resource));
            }
        });
        return found;
    }

    /** The logical id of the one resource of {@code type} whose properties match. */
    String idOf(String type, Predicate<Map<String, Object>> properties) {
        List<String> ids = ofType(type).entrySet().stream().filter(e -> properties.test(properties(e.getValue())))
                .map(Map.Entry::getKey).toList();
        assertThat(ids).as("resources of type %s matching", type).hasSize(1);
        return ids.getFirst();
    }

    Map<String, Object> propertiesOf(String logicalId) {
        return properties(map(resources().get(logicalId)));
    }

    /** The properties of the one resource of {@code type} with {@code property} equal to {@code value}. */
    Map<String, Object> with(String type, String property, Object value) {
        return propertiesOf(idOf(type, p -> value.equals(p.get(property))));
    }

    static Map<String, Object> properties(Map<String, Object> resource) {
        Object properties = resource.get("Properties");
        return properties == null ? Map.of() : map(properties);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        assertThat(value).as("a JSON object").isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    /** A JSON value that may be one item or a list of them, as a list. */
    static List<Object> list(Object value) {
        if (value == null) {
            return List.of();
        }
        return value instanceof List<?> items ? new ArrayList<>(items) : List.of(value);
    }

    static Map<String, Object> ref(String logicalId) {
        return Map.of("Ref", logicalId);
    }

    static Map<String, Object> arnOf(String logicalId) {
        return Map.of("Fn::GetAtt", List.of(logicalId, "Arn"));
    }
}
