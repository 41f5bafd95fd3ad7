package ingest_test

import (
	"errors"
	"fmt"
	"io"

	"github.com/quotewire/quotewire"
	"github.com/quotewire/quotewire/ingest"
)

// Open picks the reader by the file's extension; a bad record is reported
// and skipped, and reading goes on.
func ExampleOpen() {
	r, err := ingest.Open("testdata/example.jsonl", ingest.Options{})
	if err != nil {
		fmt.Println(err)
		return
	}
	defer r.Close()
	fmt.Println("format:", r.Format())
	for {
		a, err := r.Next()
		if err == io.EOF {
			break
		}
		var rerr *quotewire.RecordError
		if errors.As(err, &rerr) {
			fmt.Println("skipped line", rerr.Origin.Line)
			continue
		}
		if err != nil {
			fmt.Println(err)
			return
		}
		fmt.Printf("%s %q\n", a.ID, a.Text)
	}
	// Output:
	// format: jsonl
	// wire-1 "\"We see no serious efforts,\" Lavrov said."
	// skipped line 2
	// wire-3 "Talks will go on, officials said."
}

// Sniff tells formats apart by their first bytes.
func ExampleSniff() {
	for _, head := range []string{
		`{"id":1,"text":"..."}`,
		"<!DOCTYPE html><html><body><p>...",
		`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>`,
		" date 2017-10-04 KRASNODAR, October 4.",
	} {
		fmt.Println(ingest.Sniff([]byte(head)))
	}
	// Output:
	// jsonl
	// html
	// feed
	// text
}

// Walk expands directories into the input files under them.
func ExampleWalk() {
	err := ingest.Walk([]string{"testdata"}, func(path string, err error) error {
		if err != nil {
			fmt.Println("cannot read:", err)
			return nil
		}
		fmt.Println(path)
		return nil
	})
	if err != nil {
		fmt.Println(err)
	}
	// Output:
	// testdata/example.jsonl
}
