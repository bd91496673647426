package goengine

import "math/rand/v2"

// maxRepeats is the most draws a negative count may ask for. Redis streams such a reply
// and grows without bound; here the reply is built whole, so a count like -2^62 would
// exhaust memory. 2^26 repeats of the shortest element are a reply of about 460 MB, near
// proto-max-bulk-len; beyond it the count is "ERR value is out of range".
const maxRepeats = 1 << 26

// checkRepeats refuses a negative count beyond maxRepeats.
func checkRepeats(count int64) error {
	if count < -maxRepeats {
		return errValueRange
	}
	return nil
}

// sample picks indexes into a collection of n elements (n > 0) for HRANDFIELD,
// SRANDMEMBER and SPOP with a count, as Redis picks: a negative count draws |count|
// times with repetition; a count of at least n takes everything in order; a smaller one
// draws that many distinct elements. Uniform; the sequence is not Redis's (it cannot be:
// Redis's depends on its hash table), only the counts and membership are.
func sample(n int, count int64) []int {
	if count < 0 {
		picks := make([]int, -count)
		for i := range picks {
			picks[i] = rand.IntN(n)
		}
		return picks
	}
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	if count >= int64(n) {
		return idx
	}
	// A partial Fisher-Yates shuffle: the first count slots end up a uniform sample.
	for i := 0; i < int(count); i++ {
		j := i + rand.IntN(n-i)
		idx[i], idx[j] = idx[j], idx[i]
	}
	return idx[:count]
}
