// articles: The Article nodes of a citation list.
// Sent by graph/explore to either store; CI lints it with Neo4j's Cypher 5 front end.
MATCH (a:Article) WHERE a.id IN $ids RETURN a
