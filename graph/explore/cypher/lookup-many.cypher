// lookup-many: The nodes with the given ids.
// Sent by graph/explore to either store; CI lints it with Neo4j's Cypher 5 front end.
MATCH (n) WHERE n.id IN $ids RETURN n
