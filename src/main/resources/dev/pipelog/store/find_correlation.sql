-- Every record of one correlation id, oldest first; the time range (from correlation_range) lets
-- zone maps skip everything else.
SELECT id, epoch_us(ts), epoch_us(received_at), level, logger, message, pipeline_id, execution_id,
       correlation_id, span_id, parent_span_id, module, function, line, thread, process_id, host,
       source, extra, stack_trace
FROM log_record
WHERE correlation_id = ? AND ts >= ? AND ts <= ?
ORDER BY ts, id
