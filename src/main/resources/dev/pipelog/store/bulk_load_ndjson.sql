-- The writer's bulk path (NdjsonBulkLoad): every column typed up front, so nothing is sniffed; times
-- arrive as epoch microseconds. message_lc is Java's lower case, like the Appender's (queries lower-case
-- their needle in Java too); it is left out when it equals the message. maximum_object_size matches NdjsonBulkLoad.MAX_LINE_BYTES.
INSERT INTO log_record
SELECT id, make_timestamp(ts), make_timestamp(received_at), level, logger, message, pipeline_id, execution_id,
       correlation_id, span_id, parent_span_id, module, function, line, thread, process_id, host, source,
       extra, stack_trace, coalesce(message_lc, message)
FROM read_ndjson(?, format = 'newline_delimited', maximum_object_size = 8388608,
                 columns = {id: 'VARCHAR', ts: 'BIGINT', received_at: 'BIGINT', level: 'UTINYINT',
                            logger: 'VARCHAR', message: 'VARCHAR', message_lc: 'VARCHAR', pipeline_id: 'VARCHAR',
                            execution_id: 'VARCHAR', correlation_id: 'VARCHAR', span_id: 'VARCHAR',
                            parent_span_id: 'VARCHAR', module: 'VARCHAR', function: 'VARCHAR',
                            line: 'INTEGER', thread: 'VARCHAR', process_id: 'BIGINT', host: 'VARCHAR',
                            source: 'VARCHAR', extra: 'VARCHAR', stack_trace: 'VARCHAR'})
