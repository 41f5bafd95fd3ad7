// Package decompress undoes the compression of an input stream, told by
// its first bytes (or, when they say nothing, by its name's suffix), so
// that every reader of quotewire's inputs — the article readers of ingest
// and the Wikidata dump reader — opens compressed files the same way and
// says the same thing when they are damaged.
package decompress

import (
	"bufio"
	"bytes"
	"compress/bzip2"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
)

// BufferSize is the size of the buffered reader Open returns.
const BufferSize = 64 << 10

// Options choose the formats besides gzip and zstd.
type Options struct {
	// Bzip2 also undoes bzip2 (told by its "BZh" magic), as Wikidata
	// publishes its dumps in.
	Bzip2 bool
}

// Open returns a buffered reader of the decompressed bytes of in, named
// name (a file name, whose ".gz", ".zst" or ".zstd" suffix counts when the
// first bytes are not a known magic number), and the function that
// releases the decompressor (it does not close in). A stream that ends
// too soon gives read errors that say it was truncated.
func Open(in io.Reader, name string, o Options) (*bufio.Reader, func() error, error) {
	br := bufio.NewReaderSize(in, BufferSize)
	none := func() error { return nil }
	magic, _ := br.Peek(len(zstdMagic))
	lower := strings.ToLower(name)
	isGzip := bytes.HasPrefix(magic, gzipMagic)
	isZstd := bytes.Equal(magic, zstdMagic) || isSkippableFrame(magic)
	isBzip2 := o.Bzip2 && bytes.HasPrefix(magic, bzip2Magic)
	if !isGzip && !isZstd && !isBzip2 {
		isGzip = strings.HasSuffix(lower, ".gz")
		isZstd = strings.HasSuffix(lower, ".zst") || strings.HasSuffix(lower, ".zstd")
	}
	switch {
	case isZstd:
		zr, err := newZstd(br, magic)
		if err != nil {
			return nil, nil, err
		}
		return bufio.NewReaderSize(zstdErrors{zr}, BufferSize), func() error { zr.Close(); return nil }, nil
	case isGzip:
		gz, err := gzip.NewReader(br)
		switch {
		case errors.Is(err, io.EOF):
			return nil, nil, errors.New("gzip: empty input")
		case errors.Is(err, io.ErrUnexpectedEOF):
			return nil, nil, fmt.Errorf("gzip: truncated header: %w", err)
		case err != nil:
			return nil, nil, err
		}
		return bufio.NewReaderSize(gzipErrors{gz}, BufferSize), gz.Close, nil
	case isBzip2:
		return bufio.NewReaderSize(bzip2Errors{bzip2.NewReader(br)}, BufferSize), none, nil
	}
	return br, none, nil
}

// The magic numbers of compressed streams.
var (
	gzipMagic  = []byte{0x1f, 0x8b}
	zstdMagic  = []byte{0x28, 0xb5, 0x2f, 0xfd}
	bzip2Magic = []byte("BZh")
)

// isSkippableFrame reports whether magic opens a zstd skippable frame,
// whose magic number is 0x184D2A50 to 0x184D2A5F.
func isSkippableFrame(magic []byte) bool {
	return len(magic) == 4 && magic[0]&0xf0 == 0x50 && magic[1] == 0x2a && magic[2] == 0x4d && magic[3] == 0x18
}

// maxZstdWindow bounds the window, and so the memory, a zstd stream may
// ask for: 128 MiB, enough for every compression level short of long
// mode ("zstd --long"), as the zstd tool's own default.
const maxZstdWindow = 128 << 20

// newZstd returns a zstd decoder of br, whose first bytes are magic. It
// decodes synchronously, without goroutines.
func newZstd(br *bufio.Reader, magic []byte) (*zstd.Decoder, error) {
	switch {
	case len(magic) == 0:
		return nil, errors.New("zstd: empty input")
	case len(magic) < len(zstdMagic) && bytes.HasPrefix(zstdMagic, magic):
		return nil, fmt.Errorf("zstd: truncated header: %w", io.ErrUnexpectedEOF)
	case !bytes.Equal(magic, zstdMagic) && !isSkippableFrame(magic):
		return nil, errors.New("zstd: invalid header: not zstd data")
	}
	zr, err := zstd.NewReader(br, zstd.WithDecoderConcurrency(1), zstd.WithDecoderMaxWindow(maxZstdWindow))
	if err != nil {
		return nil, fmt.Errorf("zstd: %w", err)
	}
	return zr, nil
}

// ErrTruncatedZstd, ErrTruncatedGzip and ErrTruncatedBzip2 are the read
// errors of a stream that ends too soon; each wraps io.ErrUnexpectedEOF.
var (
	ErrTruncatedZstd  = fmt.Errorf("zstd stream truncated: %w", io.ErrUnexpectedEOF)
	ErrTruncatedGzip  = fmt.Errorf("gzip stream truncated: %w", io.ErrUnexpectedEOF)
	ErrTruncatedBzip2 = fmt.Errorf("bzip2 stream truncated: %w", io.ErrUnexpectedEOF)
)

// zstdErrors makes the errors of a zstd decoder say what went wrong: an
// io.ErrUnexpectedEOF means the stream was cut short, and other errors
// are marked as zstd's.
type zstdErrors struct{ r io.Reader }

func (z zstdErrors) Read(p []byte) (int, error) {
	n, err := z.r.Read(p)
	switch {
	case err == nil || err == io.EOF:
	case errors.Is(err, io.ErrUnexpectedEOF):
		err = ErrTruncatedZstd
	default:
		err = fmt.Errorf("zstd: %w", err)
	}
	return n, err
}

// gzipErrors makes the errors of a gzip reader say what went wrong: an
// io.ErrUnexpectedEOF means the stream was cut short.
type gzipErrors struct{ r io.Reader }

func (g gzipErrors) Read(p []byte) (int, error) {
	n, err := g.r.Read(p)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = ErrTruncatedGzip
	}
	return n, err
}

// bzip2Errors does the same for bzip2, whose other errors it marks as
// bzip2's.
type bzip2Errors struct{ r io.Reader }

func (b bzip2Errors) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	switch {
	case err == nil || err == io.EOF:
	case errors.Is(err, io.ErrUnexpectedEOF):
		err = ErrTruncatedBzip2
	default:
		err = fmt.Errorf("bzip2: %w", err)
	}
	return n, err
}

// Compressed reports whether data opens with the magic number of a
// stream Open undoes (gzip or zstd; bzip2 too when o asks for it).
func Compressed(data []byte, o Options) bool {
	if len(data) >= len(zstdMagic) && isSkippableFrame(data[:len(zstdMagic)]) {
		return true
	}
	return bytes.HasPrefix(data, gzipMagic) || bytes.HasPrefix(data, zstdMagic) || o.Bzip2 && bytes.HasPrefix(data, bzip2Magic)
}
