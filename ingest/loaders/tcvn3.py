"""Legacy TCVN3 (ABC, TCVN 5712:1993 VN3) text: the .VnTime font encoding of older
Vietnamese government files.

VN3 keeps ASCII and puts Vietnamese letters on single bytes 0xA1-0xFF. Its upper-case
toned letters were drawn with separate fonts (.VnTimeH) from the lower-case codes, so
such text decodes to lower case: an inherent limit of the encoding, not of this table.
The table agrees byte for byte with glibc's TCVN5712-1 in that range (tested against
`iconv`); bytes below 0xA0 are read as Windows-1252, as those fonts did.
"""
from __future__ import annotations

# Bytes 0xA0..0xFF, in order. 0xB0-0xB4 are the standard's combining tone marks.
_HIGH = (
    "\u00a0ĂÂÊÔƠƯĐăâêôơưđẰ"
    "\u0300\u0309\u0303\u0301\u0323àảãáạẲằẳẵắẴ"
    "ẮẦẨẪẤỀặầẩẫấậèỂẻẽ"
    "éẹềểễếệìỉỄẾỒĩíịò"
    "Ổỏõóọồổỗốộờởỡớợù"
    "ỖủũúụừửữứựỳỷỹýỵỐ"
)
assert len(_HIGH) == 96

_DECODE = {0xA0 + i: ch for i, ch in enumerate(_HIGH)}
_ENCODE = {ch: bytes([b]) for b, ch in _DECODE.items()}


def decode_tcvn3(data: bytes) -> str:
    """TCVN3 bytes -> str (never fails: unknown low bytes fall back to Latin-1)."""
    out = []
    for b in data:
        ch = _DECODE.get(b)
        if ch is None:
            ch = bytes([b]).decode("cp1252", errors="ignore") or chr(b)
        out.append(ch)
    return "".join(out)


def encode_tcvn3(text: str) -> bytes:
    """str (NFC) -> TCVN3 bytes; letters the encoding lacks raise UnicodeEncodeError.

    Used by tests to produce legacy files; the loader only decodes.
    """
    out = bytearray()
    for i, ch in enumerate(text):
        if ch in _ENCODE:
            out += _ENCODE[ch]
        elif ord(ch) < 0x80:
            out.append(ord(ch))
        else:
            raise UnicodeEncodeError("tcvn3", text, i, i + 1, "not in TCVN3")
    return bytes(out)
