// Package bolt serves a graph store over Neo4j's Bolt protocol, so that
// Neo4j's drivers (and tools built on them) can query kg's embedded store.
//
// It speaks Bolt 5.0 to 5.8 (not 5.5, which no server negotiates): the
// version handshake (a plain answer; the 5.7 manifest is declined by
// answering from a legacy slot), chunked framing, PackStream v2 values (see
// Encode and Decode) and the connection state machine of HELLO, LOGON,
// LOGOFF, RUN, PULL, DISCARD, BEGIN, COMMIT, ROLLBACK, RESET, GOODBYE, ROUTE
// and TELEMETRY, answering with SUCCESS, RECORD, FAILURE (Neo4j status
// codes; GQL statuses from 5.7) and IGNORED.
//
// # Transports
//
// One port serves plain Bolt, Bolt over WebSocket (browsers: a GET with an
// upgrade, whose binary messages carry the Bolt byte stream) and, with
// Config.TLS, both inside TLS only; a connection's first bytes tell them
// apart. WebSocket pages are admitted by origin (Config.AllowOrigins).
//
// Auto-commit writes run as one atomic store update unless the server is
// read-only. An explicit transaction in write mode runs in the store's own
// transaction when the store is a Beginner (the embedded store is): BEGIN
// takes the writer lock, COMMIT persists, and ROLLBACK, RESET, a failed
// statement or a closed connection undo it. On other stores, and in read
// mode, a writing statement inside BEGIN … COMMIT fails with
// Neo.ClientError.Statement.AccessMode.
//
// The catalogue statements clients send on connect (SHOW DATABASES, SHOW
// PROCEDURES, SHOW FUNCTIONS, dbms.components, dbms.clientConfig,
// dbms.showCurrentUser, db.schema.visualization) are answered by the
// server itself, on the "neo4j" database and on "system", which refuses
// every other statement.
//
// The plan of an EXPLAIN and the profile of a PROFILE, when the store
// returns one (graph.Result.Plan), travel in the final SUCCESS as Bolt's
// "plan" or "profile" map: operatorType, identifiers, args (Details) and
// children, a profile adding rows and dbHits.
package bolt
