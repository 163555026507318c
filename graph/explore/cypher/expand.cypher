// expand: The relationships of several nodes that pass the filters (types, provenance, dates; undated edges pass), with the nodes at their other ends, each node's in the order of neighbours-page.
// Sent by graph/explore to either store; CI lints it with Neo4j's Cypher 5 front end.
MATCH (n)-[r]-(m) WHERE n.id IN $ids
  AND ($types IS NULL OR type(r) IN $types)
  AND ($provenance OR (type(r) <> 'MENTIONS' AND NOT m:Article))
  AND ($from IS NULL OR r.date IS NULL OR r.date >= $from)
  AND ($to IS NULL OR r.date IS NULL OR r.date <= $to)
RETURN n, r, m
ORDER BY n.id, type(r), coalesce(r.date, '') DESC, r.id, m.id
