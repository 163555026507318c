package neo4j_test

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

var repoRoot = filepath.Join("..", "..")

// composeFile is the part of docker-compose.yml the test checks.
type composeFile struct {
	Services map[string]struct {
		Image       string            `yaml:"image"`
		Ports       []string          `yaml:"ports"`
		Volumes     []string          `yaml:"volumes"`
		Environment map[string]string `yaml:"environment"`
		Healthcheck struct {
			Test []string `yaml:"test"`
		} `yaml:"healthcheck"`
	} `yaml:"services"`
	Volumes map[string]any `yaml:"volumes"`
}

// TestComposeFile checks docker-compose.yml: the pinned Neo4j 5.26 image
// (the integration tests' image), APOC, ports, named volumes, the password
// from NEO4J_PASSWORD with a default of at least 8 characters, a healthcheck
// that works without curl, memory settings, and a Browser post-connect
// command whose style and guide exist in browser/ and are served with CORS.
func TestComposeFile(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repoRoot, "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var c composeFile
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatalf("docker-compose.yml: %v", err)
	}
	neo, ok := c.Services["neo4j"]
	if !ok {
		t.Fatal("no neo4j service")
	}
	if neo.Image != Image {
		t.Errorf("neo4j image = %q, want %q (the integration tests' image)", neo.Image, Image)
	}
	if !regexp.MustCompile(`^neo4j:5\.26\.\d+-community$`).MatchString(neo.Image) {
		t.Errorf("neo4j image %q is not a pinned 5.26 community tag", neo.Image)
	}
	for _, p := range []string{"7474:7474", "7687:7687"} {
		if !containsPrefix(neo.Ports, p) {
			t.Errorf("neo4j ports %v lack %s", neo.Ports, p)
		}
	}
	for _, v := range []string{"neo4j-data:/data", "neo4j-logs:/logs"} {
		if !containsPrefix(neo.Volumes, v) {
			t.Errorf("neo4j volumes %v lack %s", neo.Volumes, v)
		}
		if _, ok := c.Volumes[strings.Split(v, ":")[0]]; !ok {
			t.Errorf("volume %s is not declared", v)
		}
	}
	env := neo.Environment
	auth := regexp.MustCompile(`^neo4j/\$\{NEO4J_PASSWORD:-([^}]+)\}$`).FindStringSubmatch(env["NEO4J_AUTH"])
	if auth == nil || len(auth[1]) < 8 {
		t.Errorf("NEO4J_AUTH = %q, want neo4j/${NEO4J_PASSWORD:-default of 8+ characters}", env["NEO4J_AUTH"])
	}
	if !strings.Contains(env["NEO4J_PLUGINS"], `"apoc"`) {
		t.Errorf("NEO4J_PLUGINS = %q, want apoc", env["NEO4J_PLUGINS"])
	}
	for _, k := range []string{"NEO4J_server_memory_heap_max__size", "NEO4J_server_memory_pagecache_size"} {
		if env[k] == "" {
			t.Errorf("%s not set", k)
		}
	}
	hc := strings.Join(neo.Healthcheck.Test, " ")
	if !strings.Contains(hc, "wget") || strings.Contains(hc, "curl") || !strings.Contains(hc, "7474") {
		t.Errorf("healthcheck %q: want wget on 7474 (the image has no curl)", hc)
	}
	if wl := env["NEO4J_browser_remote__content__hostname__whitelist"]; !strings.Contains(wl, "localhost") {
		t.Errorf("remote content whitelist %q lacks localhost", wl)
	}

	// post_connect_cmd: style and play commands without colons, on files
	// that the browser service serves from browser/.
	cmd := env["NEO4J_browser_post__connect__cmd"]
	cmds := map[string]string{}
	for _, part := range strings.Split(cmd, ";") {
		verb, arg, _ := strings.Cut(strings.TrimSpace(part), " ")
		cmds[verb] = arg
	}
	for _, verb := range []string{"style", "play"} {
		url := cmds[verb]
		if !strings.HasPrefix(url, "http://localhost:8001/") {
			t.Errorf("post-connect %s %q: want a URL on http://localhost:8001/", verb, url)
			continue
		}
		if _, err := os.Stat(filepath.Join(repoRoot, "browser", strings.TrimPrefix(url, "http://localhost:8001/"))); err != nil {
			t.Errorf("post-connect %s: %v", verb, err)
		}
	}
	web, ok := c.Services["browser"]
	if !ok {
		t.Fatal("no browser service")
	}
	if !containsPrefix(web.Ports, "8001:") || !containsPrefix(web.Volumes, "./browser:") {
		t.Errorf("browser service ports %v volumes %v: want 8001 and ./browser", web.Ports, web.Volumes)
	}
	// Alpine resolves localhost to ::1 first, where the servers do not
	// listen: healthchecks must name 127.0.0.1.
	for name, svc := range map[string][]string{"neo4j": neo.Healthcheck.Test, "browser": web.Healthcheck.Test} {
		if hc := strings.Join(svc, " "); !strings.Contains(hc, "http://127.0.0.1") || strings.Contains(hc, "localhost") {
			t.Errorf("%s healthcheck %q: want http://127.0.0.1, not localhost", name, hc)
		}
	}
	conf, err := os.ReadFile(filepath.Join(repoRoot, "browser", "nginx.conf"))
	if err != nil || !strings.Contains(string(conf), "Access-Control-Allow-Origin") {
		t.Errorf("browser/nginx.conf does not send the CORS header (%v)", err)
	}
	// Neo4j Browser's fetches of the guide and style send pragma and
	// cache-control request headers; the preflight must allow both.
	m := regexp.MustCompile(`Access-Control-Allow-Headers\s+"([^"]*)"`).FindStringSubmatch(string(conf))
	if m == nil || !strings.Contains(m[1], "pragma") || !strings.Contains(m[1], "cache-control") {
		t.Errorf("browser/nginx.conf: Access-Control-Allow-Headers %v, want pragma and cache-control", m)
	}
}

func containsPrefix(list []string, prefix string) bool {
	for _, s := range list {
		if strings.HasPrefix(s, prefix) {
			return true
		}
	}
	return false
}
