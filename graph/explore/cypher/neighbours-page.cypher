// neighbours-page: One page of a node's relationships that pass the filters, with the nodes at their other ends.
// Sent by graph/explore to either store; CI lints it with Neo4j's Cypher 5 front end.
MATCH (n)-[r]-(m) WHERE n.id = $id
  AND ($types IS NULL OR type(r) IN $types)
  AND ($provenance OR (type(r) <> 'MENTIONS' AND NOT m:Article))
  AND ($from IS NULL OR r.date IS NULL OR r.date >= $from)
  AND ($to IS NULL OR r.date IS NULL OR r.date <= $to)
RETURN n, r, m
ORDER BY type(r), coalesce(r.date, '') DESC, r.id, m.id
SKIP $offset LIMIT $limit
