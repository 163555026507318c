// node: A node by id, with its relationships counted by type.
// Sent by graph/explore to either store; CI lints it with Neo4j's Cypher 5 front end.
MATCH (n) WHERE n.id = $id
OPTIONAL MATCH (n)-[r]-()
RETURN n, type(r) AS type, count(r) AS count
