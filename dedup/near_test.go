package dedup

import (
	"os"
	"strings"
	"testing"
)

const wire = `KRASNODAR, October 4. /TASS/. Russia's Foreign Minister Sergey Lavrov said on Wednesday that contacts with the United Nations on Syria are very important. "It is not for nothing that UN representatives always take part in the meetings held by Russia, Turkey and Iran in Astana," he said. According to the minister, the new counter-terrorism office will be shaped in a way that makes it effective. The talks in Ankara between the presidents of Russia and Turkey produced an understanding on how to proceed in Idlib, he added.`

func TestSignatureSimilarity(t *testing.T) {
	a := Signature(wire)
	if len(a) != SignatureLen {
		t.Fatalf("signature length %d", len(a))
	}
	// a syndicated copy: new headline and byline, curly quotes, one
	// sentence dropped
	copy := "By Staff Writer\n\n" + strings.ReplaceAll(strings.Replace(wire, ` The talks in Ankara between the presidents of Russia and Turkey produced an understanding on how to proceed in Idlib, he added.`, "", 1), `"`, "”")
	other := `WASHINGTON, May 2. The Senate voted on Tuesday to approve a spending bill that keeps the government open through September, after weeks of negotiations between party leaders over border security and health care funding for miners.`
	tests := []struct {
		name     string
		b        string
		min, max float64
	}{
		{"same text", wire, 1, 1},
		{"case and punctuation", strings.ToUpper(wire), 1, 1},
		{"syndicated copy", copy, 0.7, 1},
		{"another story", other, 0, 0.15},
	}
	for _, tt := range tests {
		s := Similarity(a, Signature(tt.b))
		if s < tt.min || s > tt.max {
			t.Errorf("%s: similarity %.2f, want %.2f..%.2f", tt.name, s, tt.min, tt.max)
		}
	}
	if Signature("too short") != nil || Similarity(nil, a) != 0 {
		t.Errorf("short texts have no signature")
	}
}

func BenchmarkSignature(b *testing.B) {
	data, err := os.ReadFile("../testdata/seed/tass-2017-10-04-lavrov-krasnodar.txt")
	if err != nil {
		b.Skip(err)
	}
	text := string(data)
	b.Run("read", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			n := 0
			for i := 0; i < len(text); i++ {
				if text[i] == ' ' {
					n++
				}
			}
			_ = n
		}
	})
	b.Run("signature", func(b *testing.B) {
		b.SetBytes(int64(len(text)))
		for b.Loop() {
			Signature(text)
		}
	})
}
