package org.rmnist.host.config;

import java.util.List;

/**
 * A run that trains nothing itself: it averages the class probabilities of other runs of the same
 * experiment on the same data (as Nielsen's anneal.py averaged its networks).
 *
 * @param members names of the runs to average; a run listed twice counts twice (its weight)
 * @param acrossSeeds false: one ensemble per training seed (members differ in config); true: one
 *     ensemble of every seed of every member (members differ in seed)
 */
public record EnsembleSpec(List<String> members, Boolean acrossSeeds) {
  public EnsembleSpec {
    members = members == null ? List.of() : List.copyOf(members);
    acrossSeeds = acrossSeeds != null && acrossSeeds;
  }
}
