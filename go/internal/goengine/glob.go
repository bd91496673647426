package goengine

// globMatch is Redis 7.0's stringmatchlen (util.c), used by KEYS, SCAN MATCH and CONFIG
// GET. SQLite's GLOB differs (no \ escapes, different [ ] rules), so it is done here.
// It keeps Redis's quirks: an unclosed '[' matches as if closed, ranges compare signed
// chars and may be written backwards, and the nesting limit against abusive patterns.
func globMatch(pattern, s []byte, nocase bool) bool {
	skip := false
	return globImpl(pattern, s, nocase, &skip, 0)
}

// at reads pattern[i], or 0 past the end (the NUL that ends an sds).
func at(b []byte, i int) byte {
	if i >= 0 && i < len(b) {
		return b[i]
	}
	return 0
}

func lowerByte(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}

func globImpl(pat, s []byte, nocase bool, skipLonger *bool, nesting int) bool {
	if nesting > 1000 {
		return false
	}
	p, i := 0, 0 // pattern and string positions; lengths left are len-p, len-i
	for len(pat)-p > 0 && len(s)-i > 0 {
		switch pat[p] {
		case '*':
			for len(pat)-p > 0 && at(pat, p+1) == '*' {
				p++
			}
			if len(pat)-p == 1 {
				return true
			}
			for len(s)-i > 0 {
				if globImpl(pat[p+1:], s[i:], nocase, skipLonger, nesting+1) {
					return true
				}
				if *skipLonger {
					return false
				}
				i++
			}
			*skipLonger = true
			return false
		case '?':
			i++
		case '[':
			p++
			not := at(pat, p) == '^'
			if not {
				p++
			}
			match := false
			for {
				if at(pat, p) == '\\' && len(pat)-p >= 2 {
					p++
					if pat[p] == s[i] {
						match = true
					}
				} else if at(pat, p) == ']' {
					break
				} else if len(pat)-p == 0 {
					p--
					break
				} else if len(pat)-p >= 3 && pat[p+1] == '-' {
					// C compares (signed) chars here.
					start, end, c := int(int8(pat[p])), int(int8(pat[p+2])), int(int8(s[i]))
					if start > end {
						start, end = end, start
					}
					if nocase {
						start, end, c = int(lowerByte(byte(start))), int(lowerByte(byte(end))), int(lowerByte(byte(c)))
					}
					p += 2
					if c >= start && c <= end {
						match = true
					}
				} else if nocase {
					if lowerByte(pat[p]) == lowerByte(s[i]) {
						match = true
					}
				} else if pat[p] == s[i] {
					match = true
				}
				p++
			}
			if not {
				match = !match
			}
			if !match {
				return false
			}
			i++
		case '\\':
			if len(pat)-p >= 2 {
				p++
			}
			fallthrough
		default:
			if nocase {
				if lowerByte(pat[p]) != lowerByte(s[i]) {
					return false
				}
			} else if pat[p] != s[i] {
				return false
			}
			i++
		}
		p++
		if len(s)-i == 0 {
			for at(pat, p) == '*' {
				p++
			}
			break
		}
	}
	return len(pat)-p == 0 && len(s)-i == 0
}
