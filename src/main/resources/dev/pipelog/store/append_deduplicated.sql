-- Moves a staged batch into log_record, skipping ids already stored (looked up only within the
-- batch's own time range, so zone maps keep it cheap) and repeats inside the batch.
INSERT INTO log_record
SELECT s.*
FROM append_staging s
WHERE NOT EXISTS (
    SELECT 1 FROM log_record r
    WHERE r.ts BETWEEN ? AND ? AND r.id = s.id)
QUALIFY row_number() OVER (PARTITION BY s.id ORDER BY s.ts) = 1
