package rules

import (
	"context"

	"github.com/quotewire/quotewire"
)

// QuotationReader calls fn for the quotations with ids after after (and
// up to upto when it is positive) that have occurrences of the acts (act
// codes, see Acts; any act when nil), page quotations at a time: each
// backend's own query.
type QuotationReader func(ctx context.Context, after, upto int64, page int, acts []string, fn func(*quotewire.Quotation) error) error

// quotationPage is how many quotations Quotations reads at a time.
const quotationPage = 500

// Quotations calls fn for every quotation with an occurrence of the acts
// (every quotation when acts is empty), in id order, with those
// occurrences oldest first, read with read in pages (keyset: the ids after
// the last one read), so memory stays bounded however many there are.
func Quotations(ctx context.Context, acts []quotewire.Act, read QuotationReader, fn func(*quotewire.Quotation) error) error {
	codes, err := Acts(acts)
	if err != nil {
		return err
	}
	return read(ctx, 0, 0, quotationPage, codes, fn)
}
