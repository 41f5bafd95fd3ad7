package dedup

import (
	"strings"

	"github.com/quotewire/quotewire"
)

// SignatureLen is the number of values in a Signature.
const SignatureLen = 64

// shingle is the number of words in one shingle.
const shingle = 4

// Signature returns the MinHash signature of a text for finding near
// duplicates — syndicated copies of one wire story that differ in a
// headline, a byline or a trailing paragraph. Two texts agree on about the
// share of signature values that their sets of four-word shingles share
// (their Jaccard similarity). Words are compared as quotewire.QuoteKey
// normalises them, so case, punctuation and curly quotes do not matter.
//
// It uses one-permutation hashing: each shingle is hashed once, its top
// bits choose one of SignatureLen bins and each bin keeps its smallest
// hash; empty bins borrow from the next full one. A text of fewer than
// four words has a nil signature.
func Signature(text string) []uint32 {
	key, n := quotewire.QuoteKey(text)
	if n < shingle {
		return nil
	}
	var mins [SignatureLen]uint64
	for i := range mins {
		mins[i] = ^uint64(0)
	}
	// the start offsets of the last shingle words, in a ring
	var starts [shingle]int
	w := 0
	for i := 0; i <= len(key); i++ {
		if i < len(key) && key[i] != ' ' {
			if i == 0 || key[i-1] == ' ' {
				starts[w%shingle] = i
				w++
				if w >= shingle {
					end := strings.IndexByte(key[i:], ' ')
					if end < 0 {
						end = len(key)
					} else {
						end += i
					}
					h := hash64(key[starts[(w-shingle)%shingle]:end])
					bin := h >> 58 // top 6 bits: 64 bins
					if v := h & (1<<58 - 1); v < mins[bin] {
						mins[bin] = v
					}
				}
			}
		}
	}
	sig := make([]uint32, SignatureLen)
	for i := range mins {
		j := i
		for k := 0; k < SignatureLen && mins[j] == ^uint64(0); k++ {
			j = (j + 1) % SignatureLen
		}
		// a borrowed value is marked with the distance it came from, so
		// two texts agree on it only if they borrowed alike
		sig[i] = uint32(mix(mins[j]+uint64(j-i+SignatureLen)%SignatureLen) >> 32)
	}
	return sig
}

// hash64 is FNV-1a of s, mixed: stable across runs and machines (the
// signatures are stored).
func hash64(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return mix(h)
}

// mix is the splitmix64 finaliser.
func mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xBF58476D1CE4E5B9
	h ^= h >> 27
	h *= 0x94D049BB133111EB
	h ^= h >> 31
	return h
}

// Similarity is the share of values two signatures agree on: an estimate
// of the Jaccard similarity of the texts' shingles. It is 0 when either
// signature is missing.
func Similarity(a, b []uint32) float64 {
	if len(a) != SignatureLen || len(b) != SignatureLen {
		return 0
	}
	same := 0
	for i := range a {
		if a[i] == b[i] {
			same++
		}
	}
	return float64(same) / SignatureLen
}
