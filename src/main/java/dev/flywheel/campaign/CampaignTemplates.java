package dev.flywheel.campaign;

import dev.flywheel.campaign.template.ActivityTemplate;
import dev.flywheel.campaign.template.Params;
import dev.flywheel.campaign.template.TemplateCatalog;
import dev.flywheel.platform.web.FieldIssue;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * The activity templates of seeds 000 and 003: forms of parameters that produce rules. Pure and
 * thread-safe; the produced rules are compiled like hand-written ones when a campaign is saved.
 */
@Service
public class CampaignTemplates {

  /** What a template produced from a form. */
  public sealed interface Production {
    /** @param caps caps the activity implies, or null; @param budget implied budget (e.g. stock) */
    record Produced(List<RuleDefinition> rules, Caps caps, Map<Asset, Long> budget) implements Production {}

    record Invalid(List<FieldIssue> issues) implements Production {}

    record UnknownTemplate(String key) implements Production {}
  }

  public List<TemplateDescription> list() {
    return TemplateCatalog.all().stream().map(ActivityTemplate::description).toList();
  }

  public Production produce(String key, Map<String, Object> parameters) {
    var template = TemplateCatalog.find(key);
    if (template.isEmpty()) {
      return new Production.UnknownTemplate(key);
    }
    Params params = new Params(parameters);
    ActivityTemplate.Output output = template.get().produce(params);
    if (!params.issues().isEmpty()) {
      return new Production.Invalid(params.issues());
    }
    return new Production.Produced(output.rules(), output.caps(), output.budget());
  }
}
