package org.gen4j.core.spec;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One regularizer of a run with its weight.
 *
 * @param name the registered name
 * @param weight the factor its penalty is multiplied by, in [0, 1e6]; null (not written) means
 *     the regularizer's own default ({@code RegularizerFactory.defaultWeight()}, for example 10
 *     for {@code wgan-gp})
 * @param options its options
 */
public record RegularizerSpec(
        @JsonProperty("name") String name,
        @JsonProperty("weight") Double weight,
        @JsonProperty("options") Map<String, Object> options) {

    /** Fills in defaults: no options. */
    public RegularizerSpec {
        options = options == null ? Map.of() : Map.copyOf(options);
    }
}
