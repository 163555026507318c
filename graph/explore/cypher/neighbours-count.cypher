// neighbours-count: How many relationships of a node pass the filters (types, provenance, dates; undated edges pass).
// Sent by graph/explore to either store; CI lints it with Neo4j's Cypher 5 front end.
MATCH (n)-[r]-(m) WHERE n.id = $id
  AND ($types IS NULL OR type(r) IN $types)
  AND ($provenance OR (type(r) <> 'MENTIONS' AND NOT m:Article))
  AND ($from IS NULL OR r.date IS NULL OR r.date >= $from)
  AND ($to IS NULL OR r.date IS NULL OR r.date <= $to)
RETURN count(r) AS total
