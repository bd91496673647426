package server

import (
	"testing"
	"time"
)

// The soft limit closes a client only once its output has stayed above it for more than
// the limit's seconds, as Redis's checkClientOutputBufferLimits; dropping below resets.
func TestOutputLimitSoft(t *testing.T) {
	var l Limits
	l.setOutputLimits("normal 0 0 0 slave 1 2 3 pubsub 0 1000 2")
	o := &l.PubSub
	var since int64
	t0 := time.Unix(1000, 0)
	if o.overSoftLimit(2000, &since, t0) || since != 1000 {
		t.Fatalf("first time above: closed or not recorded (since %d)", since)
	}
	if o.overSoftLimit(2000, &since, t0.Add(2*time.Second)) {
		t.Errorf("closed after exactly the soft seconds")
	}
	if !o.overSoftLimit(2000, &since, t0.Add(3*time.Second)) {
		t.Errorf("not closed past the soft seconds")
	}
	if o.overSoftLimit(500, &since, t0.Add(4*time.Second)) || since != 0 {
		t.Errorf("below the soft limit: closed or not reset")
	}
	if o.overHardLimit(1 << 40) {
		t.Errorf("hard limit 0 means none")
	}
	if l.Normal.overHardLimit(1<<40) || l.Normal.overSoftLimit(1<<40, &since, t0) {
		t.Errorf("normal 0 0 0 limits nothing")
	}
}

func TestOutputLimitsDefaults(t *testing.T) {
	var l Limits
	l.setDefaults()
	if l.PubSub.Hard.Load() != 32<<20 || l.PubSub.Soft.Load() != 8<<20 || l.PubSub.SoftSeconds.Load() != 60 {
		t.Errorf("pubsub defaults: %d %d %d", l.PubSub.Hard.Load(), l.PubSub.Soft.Load(), l.PubSub.SoftSeconds.Load())
	}
	if l.Normal.Hard.Load() != 0 || l.QueryBufferLimit.Load() != 1<<30 {
		t.Errorf("normal / query defaults")
	}
}
