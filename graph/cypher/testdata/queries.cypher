MATCH (n:Actor {name: $name}) RETURN n
MATCH (a)-[r:SPOKE_WITH|PLEDGED*1..4]-(b) WHERE a.name = 'Iran' RETURN a, r, b LIMIT 10
MATCH p = shortestPath((a:Country {name: $a})-[*..6]-(b:Country {name: $b})) RETURN p, length(p)
OPTIONAL MATCH (n)-[:SANCTIONED]->(m) RETURN n.name, collect(DISTINCT m.name) AS targets ORDER BY n.name DESC SKIP 1 LIMIT 5
UNWIND [1, 2, 3] AS x WITH x WHERE x > 1 RETURN x, [y IN range(0, x) WHERE y % 2 = 0 | y * 2] AS ys
MERGE (a:Actor {id: 'x'}) ON CREATE SET a.n = 1 ON MATCH SET a.n = a.n + 1 RETURN a
MATCH (n) WHERE n.name =~ '(?i)ir.*' AND any(l IN labels(n) WHERE l = 'Country') RETURN CASE WHEN n.x IS NULL THEN 0 ELSE 1 END
MATCH (a)-->(b) DETACH DELETE a, b
RETURN reduce(acc = 0, x IN [1, 2, 3] | acc + x), {a: 1, b: [1, 'x']}['a'], [1, 2, 3][0..2]
MATCH (n) RETURN count(*) UNION ALL MATCH (m) RETURN count(*)
CALL db.labels() YIELD label AS l WHERE l STARTS WITH 'A' RETURN l
CALL db.propertyKeys
MATCH (n) WHERE EXISTS { MATCH (n)-->(m) WHERE m.x > 1 RETURN m } RETURN n, COUNT { (n)--() } AS deg
EXPLAIN MATCH (a:P {id: $x})-[:R*1..3]->(b) RETURN b.name AS name ORDER BY name LIMIT 3
PROFILE MATCH (a) OPTIONAL MATCH (a)-->(b) RETURN a, count(b) UNION MATCH (a) RETURN a, 0 AS `count(b)`
RETURN point({x: 1, y: 2}).x, point.distance(point({longitude: 1, latitude: 2}), point({longitude: 3, latitude: 4, crs: 'wgs-84'}))
MATCH (n) WHERE point.withinBBox(n.at, point({x: 0, y: 0}), point({x: 1, y: 1})) RETURN n.at.srid
