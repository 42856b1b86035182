package dev.flywheel.campaign;

import java.util.List;

/** What one rule decided for one activation; a "no" says why, for explanations to operators. */
public sealed interface Decision {
  String ruleId();

  record Applies(String ruleId, List<ComputedEffect> effects) implements Decision {
    public Applies {
      effects = List.copyOf(effects);
    }
  }

  /**
   * @param condition for {@link Why#CONDITION_FALSE}: the text of the first false part of the
   *     condition (its top-level {@code &&} parts are checked in order), else null
   */
  record DoesNotApply(String ruleId, Why why, String condition, String detail) implements Decision {}

  enum Why {
    /** The event is not the rule's trigger type. */
    OTHER_EVENT_TYPE,
    /** A part of the condition is false. */
    CONDITION_FALSE,
    /** An expression failed at run time (missing attribute, overflow, wrong type): never a grant. */
    EVALUATION_ERROR,
    /** Every computed grant amount was zero or less and there was no other effect. */
    NOTHING_TO_GRANT
  }
}
