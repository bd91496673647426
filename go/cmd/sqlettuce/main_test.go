package main

import (
	"strings"
	"testing"
)

// The flags a user gets wrong are refused with a message naming the flag, before anything
// opens the database.
func TestParseFlags(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		wantErr string // "" for success
	}{
		{nil, ""},
		{[]string{"--appendfsync", "always"}, ""},
		{[]string{"--appendfsync", "no", "--engine", "go"}, ""},
		{[]string{"--appendfsync", "sometimes"}, "--appendfsync must be always, everysec or no"},
		{[]string{"--engine", "c"}, "--engine must be rust or go"},
		{[]string{"--sqlite-locking", "shared"}, "--sqlite-locking must be normal or exclusive"},
		{[]string{"--engine", "go", "--crossing", "command"}, "--crossing applies to --engine rust only"},
		{[]string{"--port", "70000"}, "out of range"},
		{[]string{"extra"}, "unexpected argument"},
		{[]string{"--maxclients", "0"}, "--maxclients must be at least 1"},
		{[]string{"--timeout", "-1"}, "--timeout must be 0"},
		{[]string{"--maxclients", "5", "--timeout", "300"}, ""},
		{[]string{"--protected-mode", "no"}, ""},
		{[]string{"--protected-mode", "off"}, "--protected-mode must be yes or no"},
	} {
		c, err := parseFlags(tc.args)
		switch {
		case tc.wantErr == "" && err != nil:
			t.Errorf("%v: %v", tc.args, err)
		case tc.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tc.wantErr)):
			t.Errorf("%v: error %v, want one containing %q", tc.args, err, tc.wantErr)
		}
		if tc.args == nil && (c.fsync != "everysec" || c.engine != "rust" || c.port != 6379 || c.bind != "127.0.0.1" ||
			c.maxConns != 10000 || c.idle != 0 || c.protect != "yes") {
			t.Errorf("defaults: %+v", c)
		}
	}
}
