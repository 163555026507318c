// edge: A relationship by id, with its ends.
// Sent by graph/explore to either store; CI lints it with Neo4j's Cypher 5 front end.
MATCH (a)-[r]->(b) WHERE r.id = $id RETURN a, r, b LIMIT 1
