package goengine

import (
	"testing"

	"sqlettuce/go/internal/engine/enginetest"
)

// The pub/sub side of the engine contract (go/internal/engine/enginetest), which the
// Rust engine's tests run too.
func TestPubSubInsideExec(t *testing.T) { enginetest.PubSubInsideExec(t, openTest(t, "")) }

func TestClientListAndInfoShowPubSubAndBlocking(t *testing.T) {
	enginetest.ClientListAndInfo(t, openTest(t, ""))
}
