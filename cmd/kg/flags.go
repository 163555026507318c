package main

import (
	"slices"
	"strings"

	"github.com/urfave/cli/v2"
)

// interspersed reorders a command line into the shape urfave/cli v2
// parses, so that flags work where users type them:
//
//   - a command's flags that follow its positional arguments move in front
//     of them (`kg query run linking -p a=Iran`): urfave/cli stops parsing
//     flags at the first argument;
//   - a global flag given after the command (`kg stats --db x.db`, `kg query
//     run linking --neo4j-uri bolt://h`) moves in front of the command name,
//     after any global flags already there, so that it is read as if typed
//     `kg --db x.db stats`; a command's own flag of the same name would win.
//
// Which flags take a value is read from the flag definitions. Everything
// after "--" stays as it is. A global flag that needs a value but ends the
// line is an error: moved, it would take the command name as its value.
func interspersed(app *cli.App, args []string) ([]string, error) {
	if len(args) < 2 {
		return args, nil
	}
	out := []string{args[0]}
	var global []string // global flags found after a command, with values
	insertAt := -1      // where they go: before the first command name
	flags, commands := app.Flags, app.Commands
	inCommand := false
	rest := args[1:]
	// take copies the flag at rest[i] (and its value) to dst, or to global
	// when a command does not define it but the app does, and returns the
	// number of tokens taken.
	take := func(dst *[]string, i int) (int, error) {
		a := rest[i]
		owner := flags
		if inCommand && !defines(flags, a) && isGlobal(app, a) {
			owner, dst = app.Flags, &global
		}
		n := 1
		if takesValue(owner, a) {
			switch {
			case i+1 < len(rest):
				n = 2
			case dst == &global:
				return 0, usageErr("run 'kg --help' for the global flags", "flag needs an argument: %s", a)
			}
		}
		*dst = append(*dst, rest[i:i+n]...)
		return n, nil
	}
	// The flags and names of the command path: kg [flags] cmd [flags] sub …
	i := 0
	for i < len(rest) {
		if isFlag(rest[i]) {
			n, err := take(&out, i)
			if err != nil {
				return nil, err
			}
			i += n
			continue
		}
		cmd := findCommand(commands, rest[i])
		if cmd == nil {
			break // positional arguments of the current command
		}
		if insertAt < 0 {
			insertAt = len(out)
		}
		out = append(out, rest[i])
		i++
		flags, commands, inCommand = cmd.Flags, cmd.Subcommands, true
		if len(commands) == 0 {
			break
		}
	}
	// The last command's arguments: its flags first, then the positional ones.
	var fl, pos []string
	for ; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			pos = append(pos, rest[i:]...)
			break
		}
		if !isFlag(a) {
			pos = append(pos, a)
			continue
		}
		n, err := take(&fl, i)
		if err != nil {
			return nil, err
		}
		i += n - 1
	}
	out = append(out, fl...)
	out = append(out, pos...)
	if len(global) > 0 {
		out = slices.Insert(out, insertAt, global...)
	}
	return out, nil
}

func isFlag(a string) bool { return len(a) > 1 && a[0] == '-' && a != "--" }

// flagName is the name a flag token gives: "--db=x" and "-db" name "db".
func flagName(a string) string {
	name, _, _ := strings.Cut(strings.TrimLeft(a, "-"), "=")
	return name
}

// defines reports whether flags defines the flag the token a names.
func defines(flags []cli.Flag, a string) bool { return lookupFlag(flags, a) != nil }

// isGlobal reports whether the token a names one of the app's own flags
// (--db, --neo4j-uri, …); help is every command's and stays where it is.
func isGlobal(app *cli.App, a string) bool {
	name := flagName(a)
	return name != "help" && name != "h" && defines(app.Flags, a)
}

func lookupFlag(flags []cli.Flag, a string) cli.Flag {
	name := flagName(a)
	for _, f := range flags {
		if slices.Contains(f.Names(), name) {
			return f
		}
	}
	return nil
}

// takesValue reports whether the flag token a names a flag that takes its
// value in the next token.
func takesValue(flags []cli.Flag, a string) bool {
	if strings.Contains(a, "=") {
		return false
	}
	f := lookupFlag(flags, a)
	if f == nil {
		return false
	}
	_, isBool := f.(*cli.BoolFlag)
	return !isBool
}

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}
