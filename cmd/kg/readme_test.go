package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestCommandsDocumented is the check of the recipe "add a command": every
// subcommand lives in its own file, <name>.go, and has its section in the
// README, a heading "### `kg <name>…`"; and every such heading names a
// command that exists.
func TestCommandsDocumented(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	documented := map[string]bool{}
	for _, line := range strings.Split(string(readme), "\n") {
		if rest, ok := strings.CutPrefix(line, "### `kg "); ok {
			name, _, _ := strings.Cut(rest, " ")
			documented[strings.TrimSuffix(name, "`")] = true
		}
	}
	app := newApp(&globalOptions{stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard})
	commands := map[string]bool{}
	for _, c := range app.Commands {
		commands[c.Name] = true
		if !documented[c.Name] {
			t.Errorf("kg %s has no README section (a heading \"### `kg %s …`\")", c.Name, c.Name)
		}
		if _, err := os.Stat(c.Name + ".go"); err != nil {
			t.Errorf("kg %s: no file cmd/kg/%s.go (one file per subcommand)", c.Name, c.Name)
		}
	}
	for name := range documented {
		if !commands[name] {
			t.Errorf("the README documents kg %s, which is no command", name)
		}
	}
}
