package dev.taskorchestrator.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ConfigSchemaTest {

  @Test
  void everyForeignDeclarationNamesAComponentOfItsRecordWithItsType() {
    ForeignSettings.BY_RECORD.forEach((record, declarations) -> {
      for (Method m : declarations.getDeclaredMethods()) {
        RecordComponent c = Arrays.stream(record.getRecordComponents()).filter(rc -> rc.getName().equals(m.getName()))
            .findFirst().orElse(null);
        assertThat(c).as(declarations.getSimpleName() + "." + m.getName() + " names a component of "
            + record.getSimpleName()).isNotNull();
        assertThat(m.getGenericReturnType()).as(m.getName()).isEqualTo(c.getGenericType());
        assertThat(m.getAnnotation(Allowed.class)).as(m.getName() + " declares what is allowed").isNotNull();
      }
    });
  }

  @Test
  void theKeysAreTheOnesTheYamlBindingAccepts() {
    assertThat(ConfigSchema.keys()).extracting(ConfigSchema.Key::path)
        .contains("data-dir", "server.max-request-bytes", "logging.level", "providers[].headers",
            "providers[].api-key-env", "archetypes.<name>.system-prompt", "tool-servers.<name>.command",
            "telemetry.otlp-endpoint", "resilience.failure-rate-percent", "budget.prices[].cached-input",
            "budget.fallback-price.output", "budget.local-models.base-urls", "patterns.min-confidence")
        .doesNotHaveDuplicates()
        .allSatisfy(k -> assertThat(k).matches("[a-z][a-z0-9.\\-\\[\\]<>]*"));
  }

  @Test
  void everyDeclaredBoundParses() {
    // A bound that does not parse, or names no sibling, would silently never apply.
    for (Class<?> record : new Class<?>[] {ServerSettings.class, ResilienceConfig.class, PatternsConfig.class,
        BudgetConfig.class, BudgetConfig.Price.class, BudgetConfig.PriceEntry.class,
        OrchestratorConfig.LoggingSettings.class}) {
      checkBounds(record, Arrays.stream(record.getRecordComponents()).toArray(RecordComponent[]::new));
    }
    ForeignSettings.BY_RECORD.keySet().forEach(r -> checkBounds(r, r.getRecordComponents()));
  }

  private static void checkBounds(Class<?> record, RecordComponent[] components) {
    for (RecordComponent c : components) {
      Allowed a = ConfigSchema.allowed(record, c);
      if (a == null) {
        continue;
      }
      Class<?> type = ConfigSchema.raw(c.getGenericType());
      if (java.util.Map.class.isAssignableFrom(type)) {
        type = ConfigSchema.raw(ConfigSchema.typeArgument(c.getGenericType(), 1));
      }
      ValueRule.Kind kind = ValueRule.kindOf(type);
      for (String bound : new String[] {a.min(), a.max(), a.above(), a.below()}) {
        if (bound.isEmpty()) {
          continue;
        }
        boolean sibling = bound.matches("[a-z][a-z0-9-]*");
        if (sibling) {
          assertThat(Arrays.stream(components).map(ConfigSchema::key)).as(record.getSimpleName() + "." + c.getName()
              + " is bounded by a sibling").contains(bound);
        } else if (kind == ValueRule.Kind.DURATION) {
          assertThat(Durations.parse(bound)).isNotNull();
        } else {
          assertThat(new java.math.BigDecimal(bound)).as(c.getName()).isNotNull();
          assertThat(kind).as(c.getName() + " is a number").isIn(ValueRule.Kind.WHOLE, ValueRule.Kind.NUMBER);
        }
      }
    }
  }
}
