package follow

import (
	"testing"
	"time"
)

func TestBackoff(t *testing.T) {
	tests := []struct {
		interval time.Duration
		failures int
		want     time.Duration
	}{
		{10 * time.Minute, 1, 10 * time.Minute},
		{10 * time.Minute, 2, 20 * time.Minute},
		{10 * time.Minute, 4, 80 * time.Minute},
		{10 * time.Minute, 6, 320 * time.Minute},
		{10 * time.Minute, 7, maxBackoff},
		{10 * time.Minute, 1000, maxBackoff},
		{3 * time.Hour, 21, maxBackoff}, // 3h<<20 overflowed into the past
		{12 * time.Hour, 19, maxBackoff},
		{12 * time.Hour, 1, maxBackoff},
	}
	for _, tt := range tests {
		if got := backoff(tt.interval, tt.failures); got != tt.want {
			t.Errorf("backoff(%v, %d) = %v, want %v", tt.interval, tt.failures, got, tt.want)
		}
	}
}
