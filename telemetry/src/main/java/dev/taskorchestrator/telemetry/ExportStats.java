package dev.taskorchestrator.telemetry;

/**
 * Counters of what telemetry delivered and dropped since start.
 *
 * @param spansExported spans the exporter accepted
 * @param spansDropped spans dropped because the export queue was full
 * @param spansFailed spans in batches the endpoint refused, or that timed out or failed
 * @param scoresSent scores Langfuse accepted
 * @param scoresDropped scores dropped because the score queue was full
 * @param scoresFailed scores that could not be delivered
 */
public record ExportStats(long spansExported, long spansDropped, long spansFailed,
    long scoresSent, long scoresDropped, long scoresFailed) {}
