-- Which of the staged ids are already stored. Only the batch's own time range is searched: a
-- replayed record has the timestamp it had the first time, and zone maps make the range cheap.
SELECT DISTINCT s.id
FROM append_ids s
WHERE EXISTS (SELECT 1 FROM log_record r WHERE r.ts BETWEEN ? AND ? AND r.id = s.id)
