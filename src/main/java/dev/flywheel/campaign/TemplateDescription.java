package dev.flywheel.campaign;

import java.util.List;

/** An activity template as the console's form shows it. */
public record TemplateDescription(String key, String title, String description, List<TemplateParameter> parameters) {}
