package main

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// lockDatabase makes sure one sqlettuce server at a time serves a file. Two would share
// the data safely (SQLite's locks) but not what lives in each process: a client blocked
// in BLPOP on one would never wake for a push on the other, WATCH and pub/sub would miss
// the other's writes and messages. The lock is flock(2) on the database file itself: it
// is independent of SQLite's fcntl locks (which the sqlite3 CLI takes, and may keep
// taking while the server runs), and the kernel drops it when the process ends, however
// it ends. The returned file must stay open while the server runs.
func lockDatabase(path string) (*os.File, error) {
	if path == ":memory:" {
		return nil, nil
	}
	f, err := os.OpenFile(path, os.O_RDONLY|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s is served by another sqlettuce server: one file, one server "+
				"(two would not see each other's blocked clients, WATCH or pub/sub)", path)
		}
		return nil, fmt.Errorf("lock %s: %w", path, err)
	}
	return f, nil
}
