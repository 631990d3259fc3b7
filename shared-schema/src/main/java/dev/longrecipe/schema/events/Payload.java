package dev.longrecipe.schema.events;

/**
 * What an event on one topic says beyond its {@link EventHeader}: one record per topic, holding only that topic's
 * own fields. {@link Events#typeOf} maps a topic to its payload type.
 */
public sealed interface Payload permits RunRequested, AnalysisCompleted, SamplesReady, CheckpointReady, ModelMerged,
        BenchmarkCompleted, StageFailed, StageProgress {
}
