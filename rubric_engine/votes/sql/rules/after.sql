-- after: every vote later than the cut-off time (contest time), e.g. a notarised count.
SELECT line FROM deduped_keys WHERE t > $time
