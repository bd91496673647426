package goengine

import "testing"

func TestParseTimeoutLikeRedis(t *testing.T) {
	for in, want := range map[string]int64{"0": 0, "-0": 0, "-0.0001": 0, "0.0001": 1,
		"1e-400": 1, "0.1": 100, "1.5": 1500, "0x10": 16000,
		"9223372036854775": 9223372036854775000} {
		got, err := parseTimeout([]byte(in))
		if err != nil || got != want {
			t.Errorf("%q: got %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"-1", "inf", "-inf", "1e30", "9223372036854775807"} {
		if _, err := parseTimeout([]byte(in)); err != errTimeoutNegative {
			t.Errorf("%q: got %v, want %v", in, err, errTimeoutNegative)
		}
	}
	for _, in := range []string{"abc", "nan", " 1", "1 ", ""} {
		if _, err := parseTimeout([]byte(in)); err != errTimeoutNotFloat {
			t.Errorf("%q: got %v, want %v", in, err, errTimeoutNotFloat)
		}
	}
}
