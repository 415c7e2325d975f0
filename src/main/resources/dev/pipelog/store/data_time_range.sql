-- First and last record time of the whole store, from the small summary table.
SELECT epoch_us(min(first_ts)), epoch_us(max(last_ts)) FROM execution_summary
