package testutil

import (
	"io"
	"net/http"
	"testing"
)

// Fetch sends req with client (nil: http.DefaultClient) and returns the
// response, its body read and closed, failing tb on any error.
func Fetch(tb testing.TB, client *http.Client, req *http.Request) (*http.Response, []byte) {
	tb.Helper()
	if client == nil {
		client = http.DefaultClient
	}
	resp, err := client.Do(req)
	if err != nil {
		tb.Fatal(err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		tb.Fatal(err)
	}
	return resp, data
}
