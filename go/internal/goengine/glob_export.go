package goengine

// GlobMatch is Redis's stringmatchlen, for the server's PSUBSCRIBE patterns and PUBSUB
// CHANNELS (the one glob implementation on the Go side).
func GlobMatch(pattern, s []byte) bool { return globMatch(pattern, s, false) }
