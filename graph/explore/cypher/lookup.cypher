// lookup: A node by id.
// Sent by graph/explore to either store; CI lints it with Neo4j's Cypher 5 front end.
MATCH (n) WHERE n.id = $id RETURN n LIMIT 1
