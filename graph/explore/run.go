package explore

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/kgnews/kg/graph"
	"github.com/kgnews/kg/graph/cypher"
	"github.com/kgnews/kg/graph/value"
	"github.com/kgnews/kg/queries"
)

// ReadQuerier is a store that can run a statement in a read-only
// transaction, which the server itself refuses to write in (Neo4j's read
// access mode). The handler runs client Cypher through it when the store
// has it.
type ReadQuerier interface {
	QueryRead(ctx context.Context, query string, params map[string]any) (*graph.Result, error)
}

// Result is the answer of a saved query or of Cypher: the columns, the
// rows (at most Config.MaxRows; Truncated says when more were cut), the
// graph of every node and edge in them, and the time the store took.
type Result struct {
	Columns   []string `json:"columns"`
	Rows      [][]any  `json:"rows"`
	Graph     Graph    `json:"graph"`
	Truncated bool     `json:"truncated"`
	ElapsedMs int64    `json:"elapsedMs"`
}

// QueryInfo describes a saved query for /api/queries.
type QueryInfo struct {
	Name        string      `json:"name"`
	Title       string      `json:"title"`
	Description string      `json:"description"`
	Params      []ParamInfo `json:"params"`
}

// ParamInfo describes a saved query's parameter.
type ParamInfo struct {
	Name        string `json:"name"`
	Type        string `json:"type"`
	Default     string `json:"default,omitempty"`
	Required    bool   `json:"required"`
	Description string `json:"description"`
}

func (h *handler) listQueries(w http.ResponseWriter, r *http.Request) (any, error) {
	list := []QueryInfo{}
	for _, q := range h.cfg.Queries.Queries() {
		info := QueryInfo{Name: q.Name, Title: q.Title, Description: q.Description, Params: []ParamInfo{}}
		for _, p := range q.Params {
			pi := ParamInfo{Name: p.Name, Type: p.Type, Required: p.Required, Description: p.Description}
			if !p.Required {
				pi.Default = p.Default
			}
			info.Params = append(info.Params, pi)
		}
		list = append(list, info)
	}
	return map[string]any{"queries": list}, nil
}

// savedQuery finds the query the path names, or a 404.
func (h *handler) savedQuery(r *http.Request) (*queries.Query, error) {
	name := r.PathValue("name")
	q, ok := h.cfg.Queries.Get(name)
	if !ok {
		return nil, notFound("no saved query %s; the saved queries are %s", quote(name), strings.Join(h.cfg.Queries.Names(), ", "))
	}
	return q, nil
}

// runQueryGet answers GET /api/queries/{name}?param=value….
func (h *handler) runQueryGet(w http.ResponseWriter, r *http.Request) (any, error) {
	q, err := h.savedQuery(r)
	if err != nil {
		return nil, err
	}
	args := map[string]string{}
	for k, v := range r.URL.Query() {
		if len(v) > 1 {
			return nil, badRequest(codeArgument, "parameter %s is given %d times", k, len(v))
		}
		args[k] = v[0]
	}
	return h.runSaved(r.Context(), q, args)
}

// runQueryPost answers POST /api/queries/{name} with {"params": {…}}.
func (h *handler) runQueryPost(w http.ResponseWriter, r *http.Request) (any, error) {
	q, err := h.savedQuery(r)
	if err != nil {
		return nil, err
	}
	var body struct {
		Params map[string]any `json:"params"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	args := make(map[string]string, len(body.Params))
	for k, v := range body.Params {
		text, err := paramText(v)
		if err != nil {
			return nil, badRequest(codeArgument, "query %s: parameter %s: %v (parameters: %s)", q.Name, k, err, q.Usage())
		}
		args[k] = text
	}
	return h.runSaved(r.Context(), q, args)
}

// paramText is the text form queries.Query.Bind types: a JSON string as
// it is, numbers and booleans as JSON writes them, a list of scalars
// comma-separated.
func paramText(v any) (string, error) {
	switch v := v.(type) {
	case string:
		return v, nil
	case json.Number:
		return v.String(), nil
	case bool:
		return strconv.FormatBool(v), nil
	case []any:
		parts := make([]string, len(v))
		for i, x := range v {
			if _, ok := x.([]any); ok {
				return "", errors.New("a list of lists is not a parameter value")
			}
			s, err := paramText(x)
			if err != nil {
				return "", err
			}
			if strings.Contains(s, ",") {
				return "", fmt.Errorf("list item %q holds a comma", s)
			}
			parts[i] = s
		}
		return strings.Join(parts, ","), nil
	case nil:
		return "", errors.New("null is not a parameter value; leave the parameter out for its default")
	}
	return "", fmt.Errorf("a %T is not a parameter value", v)
}

// runSaved binds args to q's parameters and runs it.
func (h *handler) runSaved(ctx context.Context, q *queries.Query, args map[string]string) (any, error) {
	params, err := q.Bind(args)
	if err != nil {
		var pe *queries.ParamError
		if errors.As(err, &pe) {
			code := codeArgument
			if strings.HasPrefix(pe.Msg, "missing") {
				code = codeParamMissing
			}
			return nil, badRequest(code, "%s", pe.Error())
		}
		return nil, err
	}
	if err := checkReadOnly(q.Body); err != nil {
		return nil, fmt.Errorf("saved query %s: %w", q.Name, err)
	}
	return h.run(ctx, q.Body, params)
}

// cypherPost answers POST /api/cypher with {"query": "…", "params": {…}}.
func (h *handler) cypherPost(w http.ResponseWriter, r *http.Request) (any, error) {
	var body struct {
		Query  string         `json:"query"`
		Params map[string]any `json:"params"`
	}
	if err := decodeBody(r, &body); err != nil {
		return nil, err
	}
	if strings.TrimSpace(body.Query) == "" {
		return nil, badRequest(codeArgument, "the body's query is empty")
	}
	if err := checkReadOnly(body.Query); err != nil {
		return nil, err
	}
	return h.run(r.Context(), body.Query, value.ConvertMap(body.Params, cypherParam))
}

// cypherParam converts a decoded JSON value to a query parameter: numbers
// without a fraction or exponent become integers.
func cypherParam(v any) any {
	switch v := v.(type) {
	case json.Number:
		if n, err := strconv.ParseInt(v.String(), 10, 64); err == nil {
			return n
		}
		f, _ := v.Float64()
		return f
	case []any:
		return value.ConvertList(v, cypherParam)
	case map[string]any:
		return value.ConvertMap(v, cypherParam)
	}
	return v
}

// checkReadOnly refuses a statement that may write: a schema command, an
// updating clause, or a CALL of a procedure not known to be read-only. A
// statement kg's parser accepts is judged exactly; another (Neo4j syntax
// kg lacks) by its tokens, erring on the side of writing.
func checkReadOnly(query string) error {
	readOnly := false
	if _, schema, _ := cypher.ParseSchema(query); schema {
		readOnly = false
	} else if st, err := cypher.Parse(query); err == nil {
		readOnly = st.ReadOnly()
	} else {
		readOnly = !cypher.MayWrite(query)
	}
	if !readOnly {
		return badRequest(codeAccessMode, "the explorer is read-only: the statement writes (CREATE, MERGE, SET, DELETE, REMOVE, a schema command or a procedure that may write)")
	}
	return nil
}

// run runs a read-only statement under the timeout and converts its result.
func (h *handler) run(ctx context.Context, query string, params map[string]any) (*Result, error) {
	ctx, cancel := h.queryContext(ctx)
	defer cancel()
	start := time.Now()
	var res *graph.Result
	var err error
	if rq, ok := h.cfg.Store.(ReadQuerier); ok {
		res, err = rq.QueryRead(ctx, query, params)
	} else {
		res, err = h.cfg.Store.Query(ctx, query, params)
	}
	if err != nil {
		return nil, err
	}
	if res.Stats.NodesCreated+res.Stats.NodesDeleted+res.Stats.RelationshipsCreated+res.Stats.RelationshipsDeleted+
		res.Stats.PropertiesSet+res.Stats.LabelsAdded+res.Stats.LabelsRemoved > 0 {
		// checkReadOnly let a writing statement through: a bug to report loudly
		return nil, &apiError{http.StatusInternalServerError, codeDatabaseError, "a statement judged read-only changed the graph"}
	}
	out := &Result{Columns: res.Columns, Rows: [][]any{}}
	if out.Columns == nil {
		out.Columns = []string{}
	}
	rows := res.Rows
	if len(rows) > h.cfg.MaxRows {
		rows, out.Truncated = rows[:h.cfg.MaxRows], true
	}
	c := newCollector()
	for _, row := range rows {
		for _, v := range row {
			c.walk(v)
		}
	}
	if err := h.resolveEnds(ctx, c); err != nil {
		return nil, err
	}
	for _, row := range rows {
		jr := make([]any, len(row))
		for i, v := range row {
			jr[i] = jsonValue(v, c)
		}
		out.Rows = append(out.Rows, jr)
	}
	out.Graph = c.graph()
	out.ElapsedMs = time.Since(start).Milliseconds()
	return out, nil
}

// maxResolve bounds the edges whose ends resolveEnds looks up.
const maxResolve = 5000

// resolveEnds adds to c the nodes at the ends of its edges that the rows
// did not hold, so that every edge of the graph joins two of its nodes.
func (h *handler) resolveEnds(ctx context.Context, c *collector) error {
	var ids []any
	for _, eid := range c.edgeList {
		r := c.edges[eid]
		_, okStart := c.nodes[r.StartElementID]
		_, okEnd := c.nodes[r.EndElementID]
		if id, ok := r.Props[graph.PropID].(string); ok && (!okStart || !okEnd) && len(ids) < maxResolve {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	res, err := h.cfg.Store.Query(ctx, resolveQuery, map[string]any{"ids": ids})
	if err != nil {
		return err
	}
	for _, row := range res.Rows {
		c.walk(row[0])
		c.walk(row[1])
	}
	return nil
}

// decodeBody reads a JSON request body into v: the content type must be
// JSON, the body one object with no unknown fields.
func decodeBody(r *http.Request, v any) error {
	mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return &apiError{http.StatusUnsupportedMediaType, codeRequestFormat, "send the body as JSON, with Content-Type: application/json"}
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		return err // a *http.MaxBytesError becomes a 413
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return badRequest(codeRequestFormat, "the body is not the JSON this endpoint takes: %v", err)
	}
	if dec.More() {
		return badRequest(codeRequestFormat, "the body holds more than one JSON value")
	}
	return nil
}
