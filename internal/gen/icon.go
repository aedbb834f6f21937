package gen

import (
	"encoding/binary"
	"hash/adler32"
	"hash/crc32"
)

// iconPNG returns a 20x20 solid-colour PNG built by hand (zlib stored
// block), so its bytes never depend on an encoder's version.
func iconPNG() []byte {
	const w, h = 20, 20
	raw := make([]byte, 0, h*(1+3*w))
	for y := 0; y < h; y++ {
		raw = append(raw, 0) // filter: none
		for x := 0; x < w; x++ {
			raw = append(raw, 0x11, 0x8D, 0xFF)
		}
	}
	z := []byte{0x78, 0x01, 1} // zlib header, final stored block
	z = binary.LittleEndian.AppendUint16(z, uint16(len(raw)))
	z = binary.LittleEndian.AppendUint16(z, ^uint16(len(raw)))
	z = append(z, raw...)
	z = binary.BigEndian.AppendUint32(z, adler32.Checksum(raw))

	out := []byte("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		out = binary.BigEndian.AppendUint32(out, uint32(len(data)))
		start := len(out)
		out = append(out, typ...)
		out = append(out, data...)
		out = binary.BigEndian.AppendUint32(out, crc32.ChecksumIEEE(out[start:]))
	}
	ihdr := binary.BigEndian.AppendUint32(nil, w)
	ihdr = binary.BigEndian.AppendUint32(ihdr, h)
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8-bit RGB
	chunk("IHDR", ihdr)
	chunk("IDAT", z)
	chunk("IEND", nil)
	return out
}
