//go:build !unix

package main

import "errors"

// lowerPriority is not available here.
func lowerPriority() error {
	return errors.New("--background: lowering the process's priority is not supported on this system; start it at a low priority instead")
}
