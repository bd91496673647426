package rustengine

import (
	"testing"

	"sqlettuce/go/internal/engine/enginetest"
)

// The pub/sub side of the engine contract (go/internal/engine/enginetest), as the Go
// engine's tests run it, in both crossing modes: the calls come through the FFI.
func TestPubSubInsideExec(t *testing.T) {
	for _, mode := range []string{"batch", "command"} {
		t.Run(mode, func(t *testing.T) { enginetest.PubSubInsideExec(t, openTest(t, mode)) })
	}
}

func TestClientListAndInfoShowPubSubAndBlocking(t *testing.T) {
	for _, mode := range []string{"batch", "command"} {
		t.Run(mode, func(t *testing.T) { enginetest.ClientListAndInfo(t, openTest(t, mode)) })
	}
}
