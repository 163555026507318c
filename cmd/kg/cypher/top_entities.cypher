// The entities with the most fact relationships (SPOKE_WITH, PLEDGED, SANCTIONED).
MATCH (n)-[r:SPOKE_WITH|PLEDGED|SANCTIONED]-()
WHERE n:Actor OR n:Country OR n:Agreement OR n:Commitment
RETURN labels(n)[0] AS label, n.name AS name, count(r) AS degree
ORDER BY degree DESC, name ASC
LIMIT $limit
