// search: Every named node with its degree (relationships other than MENTIONS): the search index.
// Sent by graph/explore to either store; CI lints it with Neo4j's Cypher 5 front end.
MATCH (n) WHERE n.name IS NOT NULL
RETURN n AS node, COUNT { (n)-[r]-() WHERE type(r) <> 'MENTIONS' } AS degree
