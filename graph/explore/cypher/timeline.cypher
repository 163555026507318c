// timeline: The fact relationships of an entity, or between two, by date.
// Sent by graph/explore to either store; CI lints it with Neo4j's Cypher 5 front end.
MATCH (a)-[r]-(m) WHERE a.id = $a
  AND type(r) IN $facts
  AND ($b IS NULL OR m.id = $b)
  AND ($types IS NULL OR type(r) IN $types)
  AND ($from IS NULL OR r.date IS NULL OR r.date >= $from)
  AND ($to IS NULL OR r.date IS NULL OR r.date <= $to)
RETURN a, r, m
ORDER BY coalesce(r.date, ''), type(r), r.id
LIMIT $limit
