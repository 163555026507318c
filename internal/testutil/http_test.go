package testutil_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/kgnews/kg/internal/testutil"
)

func TestFetch(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Path", r.URL.Path)
		w.WriteHeader(http.StatusTeapot)
		w.Write([]byte("body"))
	}))
	defer srv.Close()
	req, err := http.NewRequest(http.MethodGet, srv.URL+"/p", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, data := testutil.Fetch(t, nil, req)
	if resp.StatusCode != http.StatusTeapot || string(data) != "body" || resp.Header.Get("X-Path") != "/p" {
		t.Errorf("Fetch = %d %q %v, want 418 \"body\" with X-Path /p", resp.StatusCode, data, resp.Header)
	}
}
