package dev.longrecipe.shards;

/** What a finished shard holds, as listed in manifest.json. crc32c is the trailer value, as unsigned hex. */
public record ShardSummary(String file, long samples, long tokens, long bytes, String crc32c) {
}
