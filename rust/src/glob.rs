//! Redis's glob matcher (util.c stringmatchlen), byte for byte: `*`, `?`, `[abc]`, `[^a]`,
//! `[a-z]`, `\` escapes. SQLite's GLOB differs (no `\` escape, `[^` spelled `[^`
//! differently, NUL handling), so KEYS/SCAN/CONFIG GET filter with this instead.

/// Whether `string` matches `pattern`. `nocase` folds ASCII case (CONFIG GET).
pub fn matches(pattern: &[u8], string: &[u8], nocase: bool) -> bool {
    let mut skip_longer = false;
    match_impl(pattern, string, nocase, &mut skip_longer)
}

fn lower(c: u8, nocase: bool) -> u8 {
    if nocase {
        c.to_ascii_lowercase()
    } else {
        c
    }
}

fn match_impl(pat: &[u8], s: &[u8], nocase: bool, skip_longer: &mut bool) -> bool {
    // C reads pattern[i] past the end as the terminating NUL; p(i) does the same.
    let p = |i: usize| pat.get(i).copied().unwrap_or(0);
    let (mut pi, mut si) = (0usize, 0usize);
    // Lengths go negative in C in one corner ("[" at the very end); keep them signed.
    let mut plen = pat.len() as isize;
    let mut slen = s.len() as isize;
    while plen > 0 && slen > 0 {
        match p(pi) {
            b'*' => {
                while plen > 0 && p(pi + 1) == b'*' {
                    pi += 1;
                    plen -= 1;
                }
                if plen == 1 {
                    return true;
                }
                while slen > 0 {
                    if match_impl(&pat[pi + 1..], &s[si..], nocase, skip_longer) {
                        return true;
                    }
                    if *skip_longer {
                        return false;
                    }
                    si += 1;
                    slen -= 1;
                }
                // Nothing after this star matched anywhere: earlier stars cannot help.
                *skip_longer = true;
                return false;
            }
            b'?' => {
                si += 1;
                slen -= 1;
            }
            b'[' => {
                pi += 1;
                plen -= 1;
                let not = p(pi) == b'^';
                if not {
                    pi += 1;
                    plen -= 1;
                }
                let mut matched = false;
                let c = s[si];
                loop {
                    if p(pi) == b'\\' && plen >= 2 {
                        pi += 1;
                        plen -= 1;
                        if p(pi) == c {
                            matched = true;
                        }
                    } else if p(pi) == b']' {
                        break;
                    } else if plen == 0 {
                        pi -= 1;
                        plen += 1;
                        break;
                    } else if plen >= 3 && p(pi + 1) == b'-' {
                        // C compares (signed) chars here.
                        let mut start = lower(p(pi), nocase) as i8 as i32;
                        let mut end = lower(p(pi + 2), nocase) as i8 as i32;
                        let cc = lower(c, nocase) as i8 as i32;
                        if start > end {
                            std::mem::swap(&mut start, &mut end);
                        }
                        pi += 2;
                        plen -= 2;
                        if cc >= start && cc <= end {
                            matched = true;
                        }
                    } else if lower(p(pi), nocase) == lower(c, nocase) {
                        matched = true;
                    }
                    pi += 1;
                    plen -= 1;
                }
                if not {
                    matched = !matched;
                }
                if !matched {
                    return false;
                }
                si += 1;
                slen -= 1;
            }
            ch => {
                let mut ch = ch;
                if ch == b'\\' && plen >= 2 {
                    pi += 1;
                    plen -= 1;
                    ch = p(pi);
                }
                if lower(ch, nocase) != lower(s[si], nocase) {
                    return false;
                }
                si += 1;
                slen -= 1;
            }
        }
        pi += 1;
        plen -= 1;
        if slen == 0 {
            while p(pi) == b'*' && plen > 0 {
                pi += 1;
                plen -= 1;
            }
            break;
        }
    }
    plen == 0 && slen == 0
}

#[cfg(test)]
mod tests {
    use super::matches;

    fn m(p: &str, s: &str) -> bool {
        matches(p.as_bytes(), s.as_bytes(), false)
    }

    #[test]
    fn glob_rules() {
        assert!(m("*", "anything"));
        // Redis special-cases a lone "*" in KEYS/SCAN; the matcher itself says no.
        assert!(!m("*", ""));
        assert!(m("h?llo", "hello"));
        assert!(!m("h?llo", "hllo"));
        assert!(m("h*llo", "hllo"));
        assert!(m("h*llo", "heeeello"));
        assert!(m("h[ae]llo", "hallo"));
        assert!(!m("h[ae]llo", "hillo"));
        assert!(m("h[^e]llo", "hallo"));
        assert!(!m("h[^e]llo", "hello"));
        assert!(m("h[a-b]llo", "hbllo"));
        assert!(m("h[b-a]llo", "hallo"));
        assert!(!m("h[a-b]llo", "hcllo"));
        assert!(m("h\\*llo", "h*llo"));
        assert!(!m("h\\*llo", "hello"));
        assert!(m("a[\\]]b", "a]b"));
        assert!(m("user:*:name", "user:42:name"));
        assert!(!m("user:*:name", "user:42:nam"));
        assert!(m("a*", "a"));
        assert!(m("a**", "a"));
        assert!(!m("", "a"));
        assert!(m("", ""));
        assert!(!m("a", ""));
        // An unterminated class matches what it has seen.
        assert!(m("a[b", "ab"));
        assert!(m("*a*a*a*a*a*a*a*a*a*a*b", &("a".repeat(40) + "b")));
        assert!(!m("*a*a*a*a*a*a*a*a*a*a*b", &"a".repeat(60)));
        assert!(matches(b"SAVE", b"save", true));
        assert!(!matches(b"SAVE", b"save", false));
    }
}
