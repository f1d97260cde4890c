package org.rmnist.plugins.convnet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rmnist.api.Model;

class ExtensionsTest {
  @Test
  void idsSummariesAndDefaults() {
    List<Model<?>> models = List.of(new ConvnetModel(), new MlpModel(), new ResnetModel());
    assertEquals(List.of("convnet", "mlp", "resnet18"), models.stream().map(Model::id).toList());
    for (Model<?> m : models) {
      assertEquals(m.configType(), m.defaults().getClass());
      assertFalse(m.summary().isBlank());
      assertTrue(m.getClass().isAnnotationPresent(org.pf4j.Extension.class));
    }
  }
}
