// Statements of kg's Neo4j store that do not depend on a label or type
// (written by hand). Each statement follows a "// name:" line and ends
// with ';'. CI lints this file with Neo4j's Cypher 5 front end.

// name: ping
RETURN 1 AS ok;

// name: counts-nodes
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS count;

// name: counts-relationships
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS count;

// name: snapshot-nodes
MATCH (n)
RETURN n.id AS id, elementId(n) AS elementId, labels(n) AS labels, properties(n) AS props;

// name: snapshot-relationships
MATCH (a)-[r]->(b)
RETURN r.id AS id, elementId(r) AS elementId, type(r) AS type,
       coalesce(a.id, elementId(a)) AS start, coalesce(b.id, elementId(b)) AS end,
       properties(r) AS props;
