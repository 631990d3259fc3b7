package dev.longrecipe.segmenter;

import dev.longrecipe.shards.ShardSummary;

import java.nio.file.Path;
import java.util.List;

/** A finished segmenter run: where its files are, its shards and its statistics. */
public record SegmenterResult(Path outDir, Path manifest, Path statsFile, List<ShardSummary> shards, SegmenterStats stats) {
}
