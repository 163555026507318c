// Package explore is kg's explorer: a read-only HTTP JSON API over any
// [graph.Store] (the embedded store or Neo4j alike), and the web page that
// draws it, served from an [fs.FS] the caller passes in.
//
// # Endpoints
//
// API.md beside this file is the contract the page is built against:
// stats, the graph style, search by name and alias, a node with its
// neighbours, an edge with its citations per source article, the timeline
// of an entity or a pair, the saved query pack, and a read-only Cypher
// endpoint. Every answer is JSON; every error is JSON too, with the HTTP
// status and the Neo4j status code of what went wrong.
//
// # Safety
//
// Nothing reaches the store as a write: every statement the handler runs
// is its own or a saved query (parameters passed as parameters, never
// spliced into the text), or a client's Cypher that kg's parser judges
// read-only (a statement it cannot parse is judged by its tokens, and on a
// store that has a read mode, such as Neo4j, runs in it). Each statement
// runs under [Config.QueryTimeout]; every list has a default and a maximum
// length; bodies are bounded by [Config.MaxBodyBytes]. Requests that carry
// an Origin must come from the server's own origin or one of
// [Config.AllowedOrigins], and when [Config.Hosts] is set (as for a server
// bound to loopback: see [LoopbackHosts]) the Host header must be one of
// them, which defeats DNS rebinding.
package explore
