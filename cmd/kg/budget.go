package main

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/urfave/cli/v2"

	"github.com/kgnews/kg/graph/cypher"
)

// Default query budget: long enough for any saved query on a large store,
// short enough that a runaway query does not hold the machine.
const (
	defaultTimeout   = 60 * time.Second
	defaultMaxMemory = "512MiB"
)

// budgetFlags are the flags of the commands that run queries: the time
// limit and the memory budget of one query (the same knobs a server's
// per-transaction limits would be).
func budgetFlags(g *globalOptions) []cli.Flag {
	return []cli.Flag{
		&cli.DurationFlag{Name: "timeout", Value: defaultTimeout, EnvVars: []string{"KG_TIMEOUT"}, Destination: &g.timeout,
			Usage: "stop the query after this long (0: never)"},
		&cli.StringFlag{Name: "max-memory", Value: defaultMaxMemory, EnvVars: []string{"KG_MAX_MEMORY"},
			Usage: "stop the query when its rows and collections take more than this (embedded store; 0: no limit)"},
	}
}

// setBudget reads --max-memory into g.
func setBudget(c *cli.Context, g *globalOptions) error {
	n, err := parseBytes(c.String("max-memory"))
	if err != nil {
		return usageErr("for example --max-memory 512MiB or 2GiB", "bad --max-memory: %v", err)
	}
	g.maxMemory = n
	return nil
}

// parseBytes parses a size such as 512MiB, 2GiB, 100MB, 64k or 1048576.
func parseBytes(s string) (int64, error) {
	t := strings.TrimSpace(s)
	i := len(t)
	for i > 0 && (t[i-1] < '0' || t[i-1] > '9') && t[i-1] != '.' {
		i--
	}
	num, unit := t[:i], strings.ToLower(strings.TrimSpace(t[i:]))
	f, err := strconv.ParseFloat(num, 64)
	if err != nil || f < 0 {
		return 0, fmt.Errorf("%q is not a size", s)
	}
	mult := map[string]float64{"": 1, "b": 1,
		"k": 1 << 10, "kb": 1e3, "kib": 1 << 10,
		"m": 1 << 20, "mb": 1e6, "mib": 1 << 20,
		"g": 1 << 30, "gb": 1e9, "gib": 1 << 30,
		"t": 1 << 40, "tb": 1e12, "tib": 1 << 40}[unit]
	if mult == 0 {
		return 0, fmt.Errorf("%q has an unknown unit %q", s, unit)
	}
	if f*mult > 1<<62 {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return int64(f * mult), nil
}

// queryContext is ctx with the query's time limit.
func (g *globalOptions) queryContext(ctx context.Context) (context.Context, context.CancelFunc) {
	if g.timeout <= 0 {
		return context.WithCancel(ctx)
	}
	return context.WithTimeout(ctx, g.timeout)
}

// budgetError says which budget a failed query exceeded.
func (g *globalOptions) budgetError(err error) error {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return &restated{fmt.Sprintf("the query exceeded its time limit of %s", g.timeout), err}
	case errors.Is(err, cypher.ErrMemoryBudget):
		return &restated{fmt.Sprintf("the query exceeded its memory budget of %s", cypher.FormatBytes(g.maxMemory)), err}
	}
	return err
}

// restated is an error shown with a message of its own, still matching
// its cause with errors.Is.
type restated struct {
	msg string
	err error
}

func (e *restated) Error() string { return e.msg }
func (e *restated) Unwrap() error { return e.err }
