rowid NOT IN (
    -- The newest N records of every pipeline (records without one form their own group). The
    -- top-N aggregate finds each pipeline's cutoff time cheaply; the window ranks only rows past it.
    SELECT r.rowid
    FROM log_record r
    JOIN (SELECT pipeline_id, list_min(max(ts, ?)) AS cutoff FROM log_record GROUP BY pipeline_id) c
      ON r.pipeline_id IS NOT DISTINCT FROM c.pipeline_id AND r.ts >= c.cutoff
    QUALIFY row_number() OVER (PARTITION BY r.pipeline_id ORDER BY r.ts DESC, r.id DESC) <= ?)
