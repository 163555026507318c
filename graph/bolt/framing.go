package bolt

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// maxChunk is the largest chunk payload: the u16 size field's limit.
const maxChunk = 0xFFFF

// errTooLarge is returned for a message beyond the reader's limit.
var errTooLarge = errors.New("bolt: message too large")

// readMessage reads one chunked message: chunks of a u16 size and data,
// ended by an empty chunk. Empty chunks before any data are keep-alives
// (NOOP) and skipped. A message longer than limit is an error.
func readMessage(r *bufio.Reader, buf []byte, limit int) ([]byte, error) {
	buf = buf[:0]
	var hdr [2]byte
	for {
		if _, err := io.ReadFull(r, hdr[:]); err != nil {
			if len(buf) > 0 && errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
		n := int(binary.BigEndian.Uint16(hdr[:]))
		if n == 0 {
			if len(buf) == 0 {
				continue // NOOP
			}
			return buf, nil
		}
		if len(buf)+n > limit {
			return nil, fmt.Errorf("%w (over %d bytes)", errTooLarge, limit)
		}
		start := len(buf)
		buf = append(buf, make([]byte, n)...)
		if _, err := io.ReadFull(r, buf[start:]); err != nil {
			if errors.Is(err, io.EOF) {
				err = io.ErrUnexpectedEOF
			}
			return nil, err
		}
	}
}

// writeMessage writes msg as chunks followed by the end marker.
func writeMessage(w *bufio.Writer, msg []byte) error {
	for len(msg) > 0 {
		n := min(len(msg), maxChunk)
		if _, err := w.Write([]byte{byte(n >> 8), byte(n)}); err != nil {
			return err
		}
		if _, err := w.Write(msg[:n]); err != nil {
			return err
		}
		msg = msg[n:]
	}
	_, err := w.Write([]byte{0, 0})
	return err
}
