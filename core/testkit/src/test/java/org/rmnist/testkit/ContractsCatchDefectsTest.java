package org.rmnist.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** The contracts fail, with a message saying what broke, on extensions broken on purpose. */
class ContractsCatchDefectsTest {

  /** Runs a contract class; returns failed test method → failure message. */
  private static Map<String, String> failures(Class<?> contract) {
    Map<String, String> failed = new TreeMap<>();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(
        LauncherDiscoveryRequestBuilder.request().selectors(selectClass(contract)).build(),
        new TestExecutionListener() {
          @Override
          public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL
                && id.getSource().orElse(null) instanceof MethodSource m) {
              failed.put(
                  m.getMethodName(), result.getThrowable().map(Throwable::getMessage).orElse(""));
            }
          }
        });
    return failed;
  }

  @Test
  void anImpureAugmentationFailsWhereItIsImpure() {
    Map<String, String> failed = failures(BrokenAugmentationCheck.class);
    assertEquals(
        java.util.Set.of(
            "idIsKebabCaseAndSummaryOneLine",
            "inputUntouchedAndOffsetsShapeAndRangeHold",
            "sameParamsTwiceSameOutput",
            "sameSeedSameBytes",
            "oneThreadEqualsTwoThreads",
            "aValueOutOfRangeGivesTheHostsMessage"),
        failed.keySet(),
        failed.toString());
    assertTrue(
        failed
            .get("idIsKebabCaseAndSummaryOneLine")
            .startsWith("id 'Impure_Brighten' is not kebab-case"),
        failed.toString());
    assertTrue(
        failed.get("inputUntouchedAndOffsetsShapeAndRangeHold").contains("src was modified"),
        failed.toString());
    assertTrue(
        failed
            .get("aValueOutOfRangeGivesTheHostsMessage")
            .contains(
                "expected: <runs.contract.params: Impure_Brighten: max: must be at most 1> but was: "
                    + "<runs.contract.params: Impure_Brighten: max: must be in [0, 1], got 2.0>"),
        failed.toString());
  }

  @Test
  void aBuilderThatCopiesOneImageAndIgnoresNFails() {
    Map<String, String> failed = failures(CopyingBuilderCheck.class);
    assertEquals(
        java.util.Set.of(
            "chosenImagesAreThePoolsOwnWithTheirIndices", "nLargerThanAClassHasIsRefusedNamingN"),
        failed.keySet(),
        failed.toString());
    assertTrue(
        failed
            .get("chosenImagesAreThePoolsOwnWithTheirIndices")
            .startsWith("pool image 1000 chosen twice"),
        failed.toString());
  }

  @Test
  void aModelThatRewritesALabelFails() {
    Map<String, String> failed = failures(RelabellingModelCheck.class);
    assertEquals(
        java.util.Set.of("trainingLeavesItsInputUntouched"), failed.keySet(), failed.toString());
    assertTrue(
        failed
            .get("trainingLeavesItsInputUntouched")
            .startsWith("fit modified the training or validation pixels or labels"),
        failed.toString());
  }

  @Test
  void aModelThatForgetsOnLoadAndWritesItsInputFails() {
    Map<String, String> failed = failures(BrokenModelCheck.class);
    assertEquals(
        java.util.Set.of(
            "saveThenLoadGivesIdenticalPredictions",
            "trainingLeavesItsInputUntouched",
            "differentSeedsDifferWhenTrainingIsRandom"),
        failed.keySet(),
        failed.toString());
    assertTrue(
        failed
            .get("saveThenLoadGivesIdenticalPredictions")
            .startsWith("predictions after save and load"),
        failed.toString());
    assertTrue(
        failed
            .get("differentSeedsDifferWhenTrainingIsRandom")
            .startsWith(
                "seeds 1 and 2 gave the same probabilities; if training draws no random "
                    + "numbers, override randomTraining() to return false"),
        failed.toString());
  }

  @Test
  void aLauncherThatStartsTooManyWorkersAndHidesTheirExitsFails() {
    Map<String, String> failed = failures(OverEagerLauncherCheck.class);
    assertEquals(
        java.util.Set.of(
            "everyReportedWorkerRanAndNoMoreThanAskedFor",
            "aWorkersExitCodeComesBackAsItGaveIt",
            "describeStartsNothing"),
        failed.keySet(),
        failed.toString());
    assertTrue(
        failed
            .get("everyReportedWorkerRanAndNoMoreThanAskedFor")
            .startsWith("2 workers for --jobs 1"),
        failed.toString());
    assertTrue(
        failed.get("describeStartsNothing").startsWith("describe() started a worker"),
        failed.toString());
  }
}
