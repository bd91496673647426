package goengine

import (
	"errors"
	"math"
	"strconv"

	"sqlettuce/go/internal/resp"
)

// Scores and ranges as Redis 7.0 reads and writes them: glibc strtod for parsing
// (decimal, hex floats, inf/infinity, leading blanks where Redis allows them), "%.17g"
// for replies, and the (/[/-/+ range syntax of ZRANGEBYSCORE and ZRANGEBYLEX. The Rust
// engine's commands/zset/score.rs is the same code.

// strtodResult is what strtod read at the start of a string: the value, the bytes
// consumed (0: no number), and ERANGE (a finite number that overflowed to ±inf or
// underflowed to zero).
type strtodResult struct {
	value      float64
	used       int
	rangeError bool
}

// strtod is glibc's: leading blanks, an optional sign, then inf/infinity,
// nan[(chars)], a 0x hex float or a decimal number; the longest prefix that forms a
// number is read.
func strtod(s []byte) strtodResult {
	i := 0
	for i < len(s) && isCSpace(s[i]) {
		i++
	}
	neg := false
	if i < len(s) && (s[i] == '+' || s[i] == '-') {
		neg = s[i] == '-'
		i++
	}
	sign := func(v float64) float64 {
		if neg {
			return -v
		}
		return v
	}
	rest := s[i:]
	starts := func(w string) bool { return len(rest) >= len(w) && equalFold(rest[:len(w)], w) }
	switch {
	case starts("inf"):
		n := 3
		if starts("infinity") {
			n = 8
		}
		return strtodResult{value: sign(math.Inf(1)), used: i + n}
	case starts("nan"):
		n := 3
		if len(rest) > 3 && rest[3] == '(' {
			j := 4
			for j < len(rest) && (isAlnum(rest[j]) || rest[j] == '_') {
				j++
			}
			if j < len(rest) && rest[j] == ')' {
				n = j + 1
			}
		}
		return strtodResult{value: math.NaN(), used: i + n}
	case len(rest) >= 2 && rest[0] == '0' && rest[1]|0x20 == 'x':
		if v, n, rangeErr, ok := hexFloat(rest[2:]); ok {
			return strtodResult{value: sign(v), used: i + 2 + n, rangeError: rangeErr}
		}
		// "0x" without hex digits: strtod reads the "0".
		return strtodResult{value: sign(0), used: i + 1}
	}
	if v, n, rangeErr, ok := decimalFloat(rest); ok {
		return strtodResult{value: sign(v), used: i + n, rangeError: rangeErr}
	}
	return strtodResult{}
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}

// countDigits counts the decimal digits at the start of s.
func countDigits(s []byte) int {
	n := 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		n++
	}
	return n
}

// decimalFloat reads digits [. digits] [e [sign] digits] with at least one mantissa
// digit (the exponent counts only with a digit), rounded correctly by strconv.
func decimalFloat(s []byte) (v float64, n int, rangeErr, ok bool) {
	intDigits := countDigits(s)
	n = intDigits
	fracDigits := 0
	if n < len(s) && s[n] == '.' {
		fracDigits = countDigits(s[n+1:])
		n += 1 + fracDigits
	}
	if intDigits+fracDigits == 0 {
		return 0, 0, false, false
	}
	mantissa := s[:n]
	if n < len(s) && (s[n] == 'e' || s[n] == 'E') {
		e := n + 1
		if e < len(s) && (s[e] == '+' || s[e] == '-') {
			e++
		}
		if d := countDigits(s[e:]); d > 0 {
			n = e + d
		}
	}
	v, err := strconv.ParseFloat(string(s[:n]), 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, 0, false, false
	}
	nonzero := false
	for _, c := range mantissa {
		if c >= '1' && c <= '9' {
			nonzero = true
		}
	}
	return v, n, math.IsInf(v, 0) || (v == 0 && nonzero), true
}

// hexFloat reads a hex float body after "0x": hexdigits [. hexdigits] [p [sign]
// digits], rounded once to nearest-even by strconv. ok is false without a hex digit.
func hexFloat(s []byte) (v float64, n int, rangeErr, ok bool) {
	i := 0
	for i < len(s) && isHexDigit(s[i]) {
		i++
	}
	digits := i
	if i < len(s) && s[i] == '.' {
		j := i + 1
		for j < len(s) && isHexDigit(s[j]) {
			j++
		}
		if digits > 0 || j > i+1 {
			digits += j - i - 1
			i = j
		}
	}
	if digits == 0 {
		return 0, 0, false, false
	}
	mantissa := s[:i]
	exp := "0"
	if i < len(s) && (s[i] == 'p' || s[i] == 'P') {
		e := i + 1
		start := e
		if e < len(s) && (s[e] == '+' || s[e] == '-') {
			e++
		}
		if d := countDigits(s[e:]); d > 0 {
			exp = string(s[start : e+d])
			i = e + d
		}
	}
	text := "0x" + string(mantissa)
	if mantissa[len(mantissa)-1] == '.' {
		text += "0"
	}
	v, err := strconv.ParseFloat(text+"p"+exp, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, 0, false, false
	}
	nonzero := false
	for _, c := range mantissa {
		if c != '0' && c != '.' {
			nonzero = true
		}
	}
	return v, i, math.IsInf(v, 0) || (v == 0 && nonzero), true
}

// parseScore is Redis's string2d (ZADD scores, ZINCRBY, WEIGHTS): the whole string is
// one strtod number, no leading blank, not NaN, and not out of range (overflow to inf,
// or a nonzero number that underflows to zero). "inf" itself is fine.
func parseScore(s []byte) (float64, bool) {
	if len(s) == 0 || isCSpace(s[0]) {
		return 0, false
	}
	r := strtod(s)
	if r.used != len(s) || math.IsNaN(r.value) {
		return 0, false
	}
	if r.rangeError && (math.IsInf(r.value, 0) || r.value == 0) {
		return 0, false
	}
	return r.value, true
}

// parseRangeNumber is zslParseRange's strtod on a C string: leading blanks allowed, the
// rest must be the number (the empty string is 0), NaN refused, overflow gives ±inf.
func parseRangeNumber(s []byte) (float64, bool) {
	s = cString(s)
	r := strtod(s)
	if r.used != len(s) || math.IsNaN(r.value) {
		return 0, false
	}
	return r.value, true
}

// formatListpackScore is a score as a listpack holds it, which is what ZSCAN of a small
// sorted set replies: Redis 7.0's zzlInsertAt stores an integral score within
// ±LLONG_MAX/2 as an integer (double2ll) and anything else as "%.17g" text, so 1e18
// scans as "1000000000000000000" where ZRANGE says "1e+18". A -0 score only exists where
// Redis holds a skiplist (see zset_negzero), so it keeps formatScore's "-0".
func formatListpackScore(v float64) []byte {
	const limit = float64(math.MaxInt64 / 2)
	if v >= -limit && v <= limit && v == math.Trunc(v) && !(v == 0 && math.Signbit(v)) {
		return strconv.AppendInt(nil, int64(v), 10)
	}
	return formatScore(v)
}

// formatScore is "%.17g", as Redis 7.0's addReplyDouble prints a score ("inf", "-inf",
// integral values without a point, exponents as e+NN).
func formatScore(v float64) []byte { return resp.AppendDouble(nil, v) }

// scoreRange is a score interval with both ends inclusive: an exclusive end is moved to
// the next double, which is exact.
type scoreRange struct{ min, max float64 }

func (r scoreRange) empty() bool { return r.min > r.max }

// parseScoreRange is zslParseRange: "[(]number" twice, or "min or max is not a float".
func parseScoreRange(min, max []byte) (scoreRange, error) {
	bound := func(arg []byte) (float64, bool, bool) {
		if len(arg) > 0 && arg[0] == '(' {
			v, ok := parseRangeNumber(arg[1:])
			return v, true, ok
		}
		v, ok := parseRangeNumber(arg)
		return v, false, ok
	}
	lo, loEx, ok1 := bound(min)
	hi, hiEx, ok2 := bound(max)
	if !ok1 || !ok2 {
		return scoreRange{}, errMinMaxNotFloat
	}
	empty := scoreRange{1, 0}
	if loEx {
		if math.IsInf(lo, 1) {
			return empty, nil
		}
		lo = math.Nextafter(lo, math.Inf(1))
	}
	if hiEx {
		if math.IsInf(hi, -1) {
			return empty, nil
		}
		hi = math.Nextafter(hi, math.Inf(-1))
	}
	return scoreRange{lo, hi}, nil
}

// lexRange is a lex interval as [lower, upper) in member bytes; upper is nil for "+"
// (no end). An inclusive end x becomes x + "\x00", the next byte string after x.
type lexRange struct {
	lower []byte
	upper []byte
	empty bool // "+" as min or "-" as max
}

// parseLexRange is zslParseLexRange: "-", "+" (alone, as C strings), "[member" or
// "(member" twice, or "min or max not valid string range item".
func parseLexRange(min, max []byte) (lexRange, error) {
	r := lexRange{lower: []byte{}}
	next := func(b []byte) []byte { return append(append([]byte{}, b...), 0) }
	valid := func(arg []byte) bool {
		if len(arg) == 0 {
			return false
		}
		switch arg[0] {
		case '+', '-':
			return len(cString(arg)) == 1
		case '[', '(':
			return true
		}
		return false
	}
	if !valid(min) || !valid(max) {
		return lexRange{}, errMinMaxNotLex
	}
	switch min[0] {
	case '+':
		r.empty = true
	case '[':
		r.lower = append([]byte{}, min[1:]...)
	case '(':
		r.lower = next(min[1:])
	}
	switch max[0] {
	case '-':
		r.empty = true
	case '[':
		r.upper = next(max[1:])
	case '(':
		r.upper = append([]byte{}, max[1:]...)
	}
	return r, nil
}
