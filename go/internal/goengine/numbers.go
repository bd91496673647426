package goengine

import (
	"math/big"
	"strconv"

	"sqlettuce/go/internal/resp"
)

// parseInt is getLongLongFromObject: Redis's string2ll rules (no spaces, no '+', no
// leading zeros, no overflow).
func parseInt(b []byte) (int64, error) {
	n, ok := resp.ParseInt(b)
	if !ok {
		return 0, errNotInteger
	}
	return n, nil
}

// appendInt formats like Redis's ll2string.
func appendInt(dst []byte, n int64) []byte { return strconv.AppendInt(dst, n, 10) }

// Long doubles. Redis on x86-64 does INCRBYFLOAT in the x87 80-bit format: a 64-bit
// significand, exponents down to 2^-16382 (then subnormals), up to 2^16383. math/big
// with 64 bits of precision and round-to-nearest-even gives the same results for
// additions of normal numbers; the exponent range is checked by hand.
const (
	ldPrec    = 64
	ldMaxExp  = 16384  // big.Float exponent (value = mant * 2^exp, 0.5 <= mant < 1) of the largest finite
	ldMinExp  = -16444 // smallest subnormal is 2^-16445 = 0.5 * 2^-16444
	ldMaxText = 5*1024 - 1
)

// parseLongDouble is Redis's string2ld: strtold on the whole string, refusing leading
// space, trailing bytes, NaN, and values that overflow or underflow to zero.
func parseLongDouble(b []byte) (*big.Float, error) {
	// No cString here: string2ld also requires strtold to consume all slen bytes, so a
	// NUL inside the value makes it "not a valid float" (checked against 7.0.15).
	if len(b) == 0 || len(b) > ldMaxText {
		return nil, errNotFloat
	}
	f, ok := strtold(b)
	if !ok {
		return nil, errNotFloat
	}
	return f, nil
}

// strtold accepts C's grammar: [sign] then decimal digits with optional point and
// exponent, a 0x hex float with optional p exponent, "inf"/"infinity", or "nan" (which
// Redis refuses). Anything else is not a number.
func strtold(s []byte) (*big.Float, bool) {
	i := 0
	neg := false
	if s[i] == '+' || s[i] == '-' {
		neg = s[i] == '-'
		i++
	}
	rest := lower(s[i:])
	if rest == "inf" || rest == "infinity" {
		return new(big.Float).SetPrec(ldPrec).SetInf(neg), true
	}
	if rest == "nan" || (len(rest) > 4 && rest[:4] == "nan(" && rest[len(rest)-1] == ')') {
		return nil, false
	}
	if len(rest) > 2 && rest[0] == '0' && rest[1] == 'x' {
		return parseHexFloat(s[i+2:], neg)
	}
	return parseDecFloat(s[i:], neg)
}

func lower(b []byte) string {
	if len(b) > 16 {
		return ""
	}
	out := make([]byte, len(b))
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return string(out)
}

// parseDecFloat converts exactly (big.Rat) and rounds once to 64 bits, as glibc does.
func parseDecFloat(s []byte, neg bool) (*big.Float, bool) {
	var digits []byte
	i, point, sawDigit := 0, -1, false
	for ; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			digits = append(digits, c)
			sawDigit = true
		} else if c == '.' && point < 0 {
			point = len(digits)
		} else {
			break
		}
	}
	if !sawDigit {
		return nil, false
	}
	exp := int64(0)
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		eneg := false
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			eneg = s[j] == '-'
			j++
		}
		if j == len(s) {
			return nil, false // "1e" leaves "e" unparsed in C: not a number for Redis
		}
		for ; j < len(s); j++ {
			if s[j] < '0' || s[j] > '9' {
				return nil, false
			}
			if exp < 1e9 {
				exp = exp*10 + int64(s[j]-'0')
			}
		}
		if eneg {
			exp = -exp
		}
		i = j
	}
	if i != len(s) {
		return nil, false
	}
	if point >= 0 {
		exp -= int64(len(digits) - point)
	}
	// Strip leading zeros; an all-zero mantissa is zero whatever the exponent.
	k := 0
	for k < len(digits) && digits[k] == '0' {
		k++
	}
	digits = digits[k:]
	if len(digits) == 0 {
		f := new(big.Float).SetPrec(ldPrec)
		if neg {
			f.Neg(f)
		}
		return f, true
	}
	// Magnitude check before building huge rationals: the value is about
	// 10^(len(digits)+exp).
	mag := int64(len(digits)) + exp
	if mag > 4933+1 {
		return nil, false // overflow: ERANGE with HUGE_VAL
	}
	if mag < -4951-1 {
		return nil, false // underflow to zero: ERANGE with zero
	}
	mant, _ := new(big.Int).SetString(string(digits), 10)
	r := new(big.Rat).SetInt(mant)
	if exp > 0 {
		r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(exp), nil)))
	} else if exp < 0 {
		r.Quo(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(-exp), nil)))
	}
	f := new(big.Float).SetPrec(ldPrec).SetMode(big.ToNearestEven).SetRat(r)
	if neg {
		f.Neg(f)
	}
	return ldRange(f)
}

func parseHexFloat(s []byte, neg bool) (*big.Float, bool) {
	mant := new(big.Int)
	i, point, sawDigit := 0, -1, false
	nd := 0
	for ; i < len(s); i++ {
		c := s[i]
		var d int64
		switch {
		case c >= '0' && c <= '9':
			d = int64(c - '0')
		case c >= 'a' && c <= 'f':
			d = int64(c-'a') + 10
		case c >= 'A' && c <= 'F':
			d = int64(c-'A') + 10
		case c == '.' && point < 0:
			point = nd
			continue
		default:
			goto done
		}
		mant.Lsh(mant, 4)
		mant.Or(mant, big.NewInt(d))
		nd++
		sawDigit = true
	}
done:
	if !sawDigit {
		return nil, false
	}
	exp := int64(0)
	if i < len(s) && (s[i] == 'p' || s[i] == 'P') {
		j := i + 1
		eneg := false
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			eneg = s[j] == '-'
			j++
		}
		if j == len(s) {
			return nil, false
		}
		for ; j < len(s); j++ {
			if s[j] < '0' || s[j] > '9' {
				return nil, false
			}
			if exp < 1e9 {
				exp = exp*10 + int64(s[j]-'0')
			}
		}
		if eneg {
			exp = -exp
		}
		i = j
	}
	if i != len(s) {
		return nil, false
	}
	if point >= 0 {
		exp -= 4 * int64(nd-point)
	}
	f := new(big.Float).SetPrec(ldPrec).SetMode(big.ToNearestEven).SetInt(mant)
	if f.Sign() == 0 {
		if neg {
			f.Neg(f)
		}
		return f, true
	}
	if exp > 1<<20 {
		return nil, false
	}
	if exp < -(1 << 20) {
		return nil, false
	}
	f.SetMantExp(f, int(exp))
	if neg {
		f.Neg(f)
	}
	return ldRange(f)
}

// ldRange refuses what strtold reports as ERANGE overflow or underflow to zero.
func ldRange(f *big.Float) (*big.Float, bool) {
	if f.IsInf() {
		return f, true
	}
	e := f.MantExp(nil)
	if e > ldMaxExp {
		return nil, false
	}
	if e < ldMinExp {
		return nil, false
	}
	return f, true
}

// addLongDouble is the x87 addition, rounded to 64 bits; ok is false when the sum
// overflows to infinity (or is NaN: inf + -inf).
func addLongDouble(a, b *big.Float) (sum *big.Float, ok bool) {
	if a.IsInf() || b.IsInf() {
		return nil, false
	}
	s := new(big.Float).SetPrec(ldPrec).SetMode(big.ToNearestEven).Add(a, b)
	if s.Sign() != 0 && s.MantExp(nil) > ldMaxExp {
		return nil, false
	}
	return s, true
}

// formatLongDouble is ld2string with LD_STR_HUMAN: "%.17Lf", then trailing zeros (and a
// bare point) removed, and "-0" shown as "0". big.Float's 'f' formatting rounds the exact
// value half-to-even, as glibc's printf does.
func formatLongDouble(f *big.Float) []byte {
	b := f.Append(nil, 'f', 17)
	if bytesIndexByte(b, '.') >= 0 {
		n := len(b)
		for b[n-1] == '0' {
			n--
		}
		if b[n-1] == '.' {
			n--
		}
		b = b[:n]
	}
	if len(b) == 2 && b[0] == '-' && b[1] == '0' {
		b = b[1:]
	}
	return b
}

func bytesIndexByte(b []byte, c byte) int {
	for i, x := range b {
		if x == c {
			return i
		}
	}
	return -1
}
