// name: most-connected
// title: Most connected actors and countries
// description: Actors and countries ranked by their number of fact relationships (SPOKE_WITH, PLEDGED,
// description: SANCTIONED, TRADES_WITH), with the count of each kind.
// param: limit  int  20  how many to list
MATCH (e)-[r:SPOKE_WITH|PLEDGED|SANCTIONED|TRADES_WITH]-()
WHERE e:Actor OR e:Country
WITH e, count(r) AS degree,
     sum(CASE type(r) WHEN 'SPOKE_WITH' THEN 1 ELSE 0 END) AS calls,
     sum(CASE type(r) WHEN 'PLEDGED' THEN 1 ELSE 0 END) AS pledges,
     sum(CASE type(r) WHEN 'SANCTIONED' THEN 1 ELSE 0 END) AS sanctions
RETURN e.name AS name, labels(e)[0] AS label, degree, calls, pledges, sanctions
ORDER BY degree DESC, name
LIMIT $limit
