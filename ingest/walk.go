package ingest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Walk calls fn for each input file that paths name, in order, so that
// fn can Open it. A path that is a directory is expanded recursively, in
// lexical order, into the files under it whose extension FormatOf knows
// (a ".gz", ".zst" or ".zstd" suffix allowed; see Extensions), skipping
// hidden files and directories (names starting with "."), other files and
// symbolic links to directories. A path that is a file, hidden or not and
// whatever its extension, and "-" for standard input, are passed on as
// they are.
//
// A path that cannot be read (missing, permission denied, an unreadable
// directory) is passed to fn with a non-nil error, and Walk goes on. When
// fn returns an error Walk stops and returns it, except fs.SkipAll, which
// stops it without error.
func Walk(paths []string, fn func(path string, err error) error) error {
	return WalkSkipping(paths, nil, fn)
}

// WalkSkipping is Walk that also tells skip about every file of a folder
// it does not pass on, and why: one of no input format quotewire reads
// (by its extension), or no regular file. Hidden files and folders are
// skipped without a word, as every tool skips ".git" and ".DS_Store".
func WalkSkipping(paths []string, skip func(path, why string), fn func(path string, err error) error) error {
	if skip == nil {
		skip = func(string, string) {}
	}
	err := walk(paths, skip, fn)
	if errors.Is(err, fs.SkipAll) {
		return nil
	}
	return err
}

// stopError carries an error of Walk's fn through filepath.WalkDir, which
// would otherwise give fs.SkipDir and fs.SkipAll their own meanings.
type stopError struct{ err error }

func (e stopError) Error() string { return e.err.Error() }

func walk(paths []string, skip func(path, why string), fn func(path string, err error) error) error {
	for _, p := range paths {
		if p == "-" {
			if err := fn(p, nil); err != nil {
				return err
			}
			continue
		}
		info, err := os.Stat(p)
		if err != nil {
			if err := fn(p, err); err != nil {
				return err
			}
			continue
		}
		if !info.IsDir() {
			if err := fn(p, nil); err != nil {
				return err
			}
			continue
		}
		err = filepath.WalkDir(p, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				// An unreadable directory, or an entry gone since it
				// was listed: report it and go on without it.
				if err := fn(path, err); err != nil {
					return stopError{err}
				}
				return nil
			}
			if path != p && strings.HasPrefix(d.Name(), ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			if d.IsDir() {
				return nil
			}
			if FormatOf(path) == Auto {
				what := "it has no extension"
				if ext := filepath.Ext(path); ext != "" {
					what = "its extension " + ext + " is no input format"
				}
				skip(path, what+" (name the file itself to have its format read from its first bytes)")
				return nil
			}
			if !d.Type().IsRegular() {
				info, err := os.Stat(path) // follow a symbolic link
				if err != nil {
					if err := fn(path, err); err != nil {
						return stopError{err}
					}
					return nil
				}
				if !info.Mode().IsRegular() {
					skip(path, "not a regular file (a link to a folder, a device or a pipe)")
					return nil
				}
			}
			if err := fn(path, nil); err != nil {
				return stopError{err}
			}
			return nil
		})
		var stop stopError
		if errors.As(err, &stop) {
			return stop.err
		}
		if err != nil {
			return err
		}
	}
	return nil
}
