package dev.flywheel.campaign;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One field of a template's form.
 *
 * @param type {@code money} (yuan, up to two decimals), {@code percent} (annual %, up to two
 *     decimals), {@code integer}, {@code string}, {@code boolean}, {@code event_type},
 *     {@code string_list}, or {@code tiers} (a list of {@code {min_amount, min_term_days,
 *     rate_percent}})
 * @param defaultValue used when the parameter is absent; null when required or unset
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TemplateParameter(String name, String type, boolean required,
    @JsonProperty("default") Object defaultValue, String description) {}
