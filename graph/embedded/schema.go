package embedded

import (
	"context"
	"fmt"
	"strings"

	bolt "go.etcd.io/bbolt"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/cypher"
)

// The schema statements Neo4j's store sends (CREATE CONSTRAINT … IS UNIQUE
// and CREATE INDEX … ON, see cypher.ParseSchema) are recorded in the meta
// bucket under "schema:<name>" → "<KIND> <target>". A uniqueness
// constraint is accepted only on the model's id property, which the
// store's id indexes already keep unique across all nodes and across all
// relationships (ErrConstraint), so it holds for every label and type. An
// index is recorded only: queries run on the in-memory graph, which needs
// none.
const schemaKeyPrefix = "schema:"

// checkSchema refuses the rules the store cannot keep.
func checkSchema(query string, cmd *cypher.SchemaCommand) error {
	if cmd.Kind == "CONSTRAINT" && !cmd.Drop && cmd.Property != graph.PropID {
		return &cypher.Error{Type: cypher.SemanticError, Phase: "semantic", Query: query,
			Msg: fmt.Sprintf("the embedded store enforces uniqueness of the %q property only, not of %s", graph.PropID, cmd.Target())}
	}
	return nil
}

// schemaRule returns the meta key and value that record cmd.
func schemaRule(cmd *cypher.SchemaCommand) (key, val string) {
	val = cmd.Kind + " " + cmd.Target()
	name := cmd.Name
	if name == "" {
		name = strings.ToLower(cmd.Kind) + val[len(cmd.Kind):]
	}
	return schemaKeyPrefix + name, val
}

// recordSchema records cmd in tx: nothing when an equivalent rule exists
// and the statement says IF NOT EXISTS; an error when it does not, or when
// the name is taken by another rule. A DROP removes the rule instead.
func recordSchema(tx *bolt.Tx, query string, cmd *cypher.SchemaCommand) error {
	if cmd.Drop {
		return dropSchema(tx, query, cmd)
	}
	meta := tx.Bucket(bucketMeta)
	key, val := schemaRule(cmd)
	if old := meta.Get([]byte(key)); old != nil {
		if string(old) == val && cmd.IfNotExists {
			return nil
		}
		return &cypher.Error{Type: cypher.SchemaError, Phase: "schema", Query: query,
			Msg: fmt.Sprintf("a schema rule named %q exists already: %s", key[len(schemaKeyPrefix):], old)}
	}
	return meta.Put([]byte(key), []byte(val))
}

// Schema returns the recorded schema rules, name → "<KIND> <target>".
func (s *Store) Schema() (map[string]string, error) {
	out := map[string]string{}
	err := s.view(func(tx *bolt.Tx) error {
		c := tx.Bucket(bucketMeta).Cursor()
		for k, v := c.Seek([]byte(schemaKeyPrefix)); k != nil && strings.HasPrefix(string(k), schemaKeyPrefix); k, v = c.Next() {
			out[string(k[len(schemaKeyPrefix):])] = string(v)
		}
		return nil
	})
	return out, err
}

// runSchema applies one schema statement as its own transaction.
func (s *Store) runSchema(ctx context.Context, query string, cmd *cypher.SchemaCommand) (*graph.Result, error) {
	if s.readOnly {
		return nil, fmt.Errorf("query: %w", ErrReadOnly)
	}
	if err := checkSchema(query, cmd); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	if err := s.updateTx(func(tx *bolt.Tx) error { return recordSchema(tx, query, cmd) }); err != nil {
		return nil, err
	}
	return &graph.Result{}, nil
}

// dropSchema removes the rule cmd names from tx: an error when there is
// none of its kind, unless the statement says IF EXISTS.
func dropSchema(tx *bolt.Tx, query string, cmd *cypher.SchemaCommand) error {
	meta := tx.Bucket(bucketMeta)
	key := []byte(schemaKeyPrefix + cmd.Name)
	if old := meta.Get(key); old != nil && strings.HasPrefix(string(old), cmd.Kind+" ") {
		return meta.Delete(key)
	}
	if cmd.IfExists {
		return nil
	}
	what := strings.ToLower(cmd.Kind)
	return &cypher.Error{Type: cypher.SchemaError, Phase: "schema", Query: query,
		Detail: strings.ToUpper(what[:1]) + what[1:] + "DropFailed",
		Msg:    fmt.Sprintf("Unable to drop %s `%s`: No such %s %s.", what, cmd.Name, what, cmd.Name)}
}
