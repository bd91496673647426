//! Random picks for HRANDFIELD, SRANDMEMBER and SPOP with a count, over a collection
//! read whole in primary-key order. Uniform; the sequence is not Redis's (it cannot be:
//! Redis's depends on its hash table), only the counts and membership are.

/// The most draws a negative count may ask for. Redis streams such a reply and grows
/// without bound; here the reply is built whole, so a count like -2^62 would exhaust
/// memory. 2^26 repeats of the shortest element are a reply of about 460 MB, near
/// proto-max-bulk-len; beyond it the count is "ERR value is out of range".
pub const MAX_REPEATS: u64 = 1 << 26;

/// Refuses a negative count beyond MAX_REPEATS.
pub fn check_repeats(count: i64) -> crate::errors::Result<()> {
    if count < 0 && count.unsigned_abs() > MAX_REPEATS {
        return Err(crate::errors::Error::ValueOutOfRange);
    }
    Ok(())
}

/// Indexes into a collection of `len` elements (len > 0) for a count, as Redis picks:
/// a negative count draws |count| times with repetition; a count of at least `len`
/// takes everything in order; a smaller one draws that many distinct elements.
pub fn sample(len: usize, count: i64, mut random: impl FnMut() -> u64) -> Vec<usize> {
    if count < 0 {
        let n = count.unsigned_abs();
        return (0..n).map(|_| (random() % len as u64) as usize).collect();
    }
    let count = count as u64;
    if count >= len as u64 {
        return (0..len).collect();
    }
    // A partial Fisher-Yates shuffle: the first `count` slots end up a uniform sample.
    let mut idx: Vec<usize> = (0..len).collect();
    for i in 0..count as usize {
        let j = i + (random() % (len - i) as u64) as usize;
        idx.swap(i, j);
    }
    idx.truncate(count as usize);
    idx
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rng() -> impl FnMut() -> u64 {
        let mut s = 0x1234_5678_9abc_def0u64;
        move || {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            s
        }
    }

    #[test]
    fn counts() {
        assert_eq!(sample(3, 5, rng()), vec![0, 1, 2]);
        assert_eq!(sample(3, 3, rng()), vec![0, 1, 2]);
        let s = sample(10, 4, rng());
        assert_eq!(s.len(), 4);
        let mut d = s.clone();
        d.sort();
        d.dedup();
        assert_eq!(d.len(), 4);
        let r = sample(2, -7, rng());
        assert_eq!(r.len(), 7);
        assert!(r.iter().all(|&i| i < 2));
    }

    #[test]
    fn uniform() {
        let mut hits = [0u32; 10];
        let mut r = rng();
        for _ in 0..20_000 {
            for i in sample(10, 3, &mut r) {
                hits[i] += 1;
            }
        }
        // 6000 expected each.
        assert!(hits.iter().all(|&h| (5400..6600).contains(&h)), "{hits:?}");
    }
}
