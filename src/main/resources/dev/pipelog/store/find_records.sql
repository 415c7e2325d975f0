-- One keyset page of records within one time slice; filters and direction are the store's own fragments.
SELECT id, epoch_us(ts), epoch_us(received_at), level, logger, message, pipeline_id, execution_id,
       correlation_id, span_id, parent_span_id, module, function, line, thread, process_id, host,
       source, extra, stack_trace
FROM log_record
WHERE ${filters} AND ts >= ? AND ts < ?
ORDER BY ts ${direction}, id ${direction}
LIMIT ?
