package main

import (
	"errors"
	"testing"
	"time"
)

func TestOrderedKeepsOrder(t *testing.T) {
	var got []int
	err := ordered(4, func(emit func(func() int)) error {
		for i := 0; i < 100; i++ {
			emit(func() int {
				time.Sleep(time.Duration(100-i) * time.Microsecond) // later work finishes first
				return i
			})
		}
		return nil
	}, func(v int) error { got = append(got, v); return nil })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 100 {
		t.Fatalf("got %d results, want 100", len(got))
	}
	for i, v := range got {
		if v != i {
			t.Fatalf("result %d = %d: order lost", i, v)
		}
	}
}

func TestOrderedStopsOnSinkError(t *testing.T) {
	boom := errors.New("boom")
	emitted := 0
	err := ordered(2, func(emit func(func() int)) error {
		for i := 0; i < 1000; i++ {
			emitted++
			emit(func() int { return i })
		}
		return nil
	}, func(v int) error {
		if v == 3 {
			return boom
		}
		return nil
	})
	if !errors.Is(err, boom) {
		t.Fatalf("err = %v, want boom", err)
	}
}
