package coref

import "testing"

func TestTitleCase(t *testing.T) {
	tests := []struct {
		in       string
		shouting bool
		want     string
	}{
		{"ANDREW RIDLAND", true, "Andrew Ridland"},
		{"MARIE-CLAIRE O'NEIL", true, "Marie-Claire O'Neil"},
		{"TOMAS MALAKAUSKAS", true, "Tomas Malakauskas"},
		{"NATO", false, "Nato"},
		{"Andrew Ridland", false, "Andrew Ridland"},
		{"J K", false, "J K"},
	}
	for _, tt := range tests {
		if got := shouting(tt.in); got != tt.shouting {
			t.Errorf("shouting(%q) = %v, want %v", tt.in, got, tt.shouting)
		}
		if got := titleCase(tt.in); got != tt.want {
			t.Errorf("titleCase(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestAnimate(t *testing.T) {
	for h, want := range map[string]bool{
		"spokesman": true, "minister": true, "witness": true, "resident": true, "teacher": true,
		"analyst": true, "official": true, "event": false, "report": false, "complaint": false, "ceremony": false,
	} {
		if got := animate(h); got != want {
			t.Errorf("animate(%q) = %v, want %v", h, got, want)
		}
	}
}

func TestSpeaks(t *testing.T) {
	for h, want := range map[string]bool{
		"spokesman": true, "officials": true, "ministry": true, "police": true, "report": true, "study": true,
		"children": true, "victims": true, "head": true, "tweet": true, "residents": true,
		"name": false, "swing": false, "result": false, "observations": false, "event": false,
	} {
		if got := speaks(h); got != want {
			t.Errorf("speaks(%q) = %v, want %v", h, got, want)
		}
	}
}
