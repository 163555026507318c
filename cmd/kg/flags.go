package main

import (
	"strings"

	"github.com/urfave/cli/v2"
)

// interspersed moves the flags that follow a command's positional
// arguments in front of them, so that `kg query run linking -p a=Iran`
// works as users expect: urfave/cli v2 stops parsing flags at the first
// argument. Which flags take a value is read from the command's own flag
// definitions. Everything after "--" stays as it is.
func interspersed(app *cli.App, args []string) []string {
	if len(args) < 2 {
		return args
	}
	out := []string{args[0]}
	rest := args[1:]
	flags := app.Flags
	commands := app.Commands
	for {
		// Copy the flags that precede the next command name (or argument).
		i := 0
		for i < len(rest) && isFlag(rest[i]) {
			n := 1
			if takesValue(flags, rest[i]) && i+1 < len(rest) {
				n = 2
			}
			out = append(out, rest[i:i+n]...)
			i += n
		}
		rest = rest[i:]
		if len(rest) == 0 {
			return out
		}
		cmd := findCommand(commands, rest[0])
		if cmd == nil {
			break // positional arguments of the current command
		}
		out = append(out, rest[0])
		rest = rest[1:]
		flags, commands = cmd.Flags, cmd.Subcommands
		if len(commands) == 0 {
			break
		}
	}
	var fl, pos []string
	for i := 0; i < len(rest); i++ {
		a := rest[i]
		if a == "--" {
			pos = append(pos, rest[i:]...)
			break
		}
		if !isFlag(a) {
			pos = append(pos, a)
			continue
		}
		fl = append(fl, a)
		if takesValue(flags, a) && i+1 < len(rest) {
			fl = append(fl, rest[i+1])
			i++
		}
	}
	out = append(out, fl...)
	return append(out, pos...)
}

func isFlag(a string) bool { return len(a) > 1 && a[0] == '-' && a != "--" }

// takesValue reports whether the flag token a names a flag that takes its
// value in the next token.
func takesValue(flags []cli.Flag, a string) bool {
	if strings.Contains(a, "=") {
		return false
	}
	name := strings.TrimLeft(a, "-")
	for _, f := range flags {
		for _, n := range f.Names() {
			if n == name {
				_, isBool := f.(*cli.BoolFlag)
				return !isBool
			}
		}
	}
	if name == "help" || name == "h" {
		return false
	}
	return false
}

func findCommand(cmds []*cli.Command, name string) *cli.Command {
	for _, c := range cmds {
		if c.HasName(name) {
			return c
		}
	}
	return nil
}
