// resolve: The ends of relationships by their ids (for the graph of a result).
// Sent by graph/explore to either store; CI lints it with Neo4j's Cypher 5 front end.
MATCH (a)-[r]->(b) WHERE r.id IN $ids RETURN a, b
