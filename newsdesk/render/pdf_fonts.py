"""TrueType faces embedded in a PDF as CID-keyed subsets (Type0 / CIDFontType2, Identity-H).

Why not reportlab's TTFont for the painter: it splits a face into subsets of 256 characters, each
its own PDF font, so a line of Chinese text changes font every two or three characters, and it
parses the whole cmap and hmtx of a 3 MB face when the face is registered (about 20 ms). Here a
face is one PDF font per document. Characters get two-byte codes in order of first use; code n
is glyph n of a small TrueType file holding just those glyphs (0 is .notdef) with the head, hhea,
maxp, loca, glyf, hmtx and hinting tables of the face, a post table without glyph names and a
small name table. A ToUnicode CMap maps codes back to text (UTF-16, so characters beyond the
BMP copy out right) and a W array gives the widths.

Only the tables and cmap entries used are read; the cmap is searched per new character.
"""

from __future__ import annotations

import struct
import sys
from array import array
from bisect import bisect_left
from pathlib import Path

try:  # CPython's own SHA-1: hashlib would load OpenSSL first (~3 ms of every galley)
    from _sha1 import sha1
except ImportError:  # pragma: no cover
    from hashlib import sha1

from newsdesk.errors import FontError
from newsdesk.render.pdf_file import Name, PdfFile, Ref, Text

_REQUIRED = ("head", "hhea", "maxp", "loca", "glyf", "hmtx", "cmap")
_HINTING = ("cvt ", "fpgm", "prep")

# Composite glyph flags (TrueType glyf table).
_ARGS_ARE_WORDS = 0x0001
_HAVE_SCALE = 0x0008
_MORE_COMPONENTS = 0x0020
_HAVE_XY_SCALE = 0x0040
_HAVE_2X2 = 0x0080


def _big_endian(typecode: str, data: bytes) -> array:
    values = array(typecode, data)
    if sys.byteorder == "little":
        values.byteswap()
    return values


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return sum(_big_endian("I", padded)) & 0xFFFFFFFF


class TrueTypeFace:
    """The parts of one TrueType face (a .ttf, or one face of a .ttc) the PDF needs."""

    def __init__(self, path: str, index: int = 0) -> None:
        self.path = path
        try:
            self._read(Path(path).read_bytes(), index)
        except FontError as exc:
            raise FontError(f"字体文件无法嵌入 PDF：{path}（{exc}）") from exc
        except (OSError, struct.error, ValueError, IndexError) as exc:
            raise FontError(f"字体文件无法嵌入 PDF：{path}（{exc}）") from exc

    def _read(self, data: bytes, index: int) -> None:
        base = 0
        if data[:4] == b"ttcf":
            (count,) = struct.unpack_from(">I", data, 8)
            if not 0 <= index < count:
                raise FontError(f"字体集合中没有第 {index} 个字体")
            (base,) = struct.unpack_from(">I", data, 12 + 4 * index)
        version, count = struct.unpack_from(">IH", data, base)
        if version not in (0x00010000, 0x74727565):  # b"OTTO": CFF outlines
            raise FontError("不是 TrueType 轮廓字体（PDF 只嵌入 TrueType 轮廓）")
        self.data = data
        self.tables: dict[str, tuple[int, int]] = {}
        for i in range(count):
            tag, _sum, offset, length = struct.unpack_from(">4sIII", data, base + 12 + 16 * i)
            self.tables[tag.decode("latin-1")] = (offset, length)
        missing = [t for t in _REQUIRED if t not in self.tables]
        if missing:
            raise FontError(f"缺少字体表 {'、'.join(missing)}")
        head = self.table("head")
        self.units_per_em = struct.unpack_from(">H", head, 18)[0] or 1000
        self.bbox = struct.unpack_from(">4h", head, 36)
        self.mac_style = struct.unpack_from(">H", head, 44)[0]
        long_loca = struct.unpack_from(">h", head, 50)[0] == 1
        hhea = self.table("hhea")
        self.ascender, self.descender = struct.unpack_from(">hh", hhea, 4)
        self.h_metrics = struct.unpack_from(">H", hhea, 34)[0]
        self.num_glyphs = struct.unpack_from(">H", self.table("maxp"), 4)[0]
        loca = self.table("loca")
        if long_loca:
            self.loca = _big_endian("I", loca[: 4 * (self.num_glyphs + 1)])
        else:
            self.loca = array(
                "I", (2 * v for v in _big_endian("H", loca[: 2 * (self.num_glyphs + 1)]))
            )
        self.hmtx = self.table("hmtx")
        self.advances = _big_endian("H", self.hmtx[: 4 * self.h_metrics])[::2]
        self._read_os2_post()
        self._read_cmap()
        self.name = self._postscript_name()

    def table(self, tag: str) -> bytes:
        offset, length = self.tables[tag]
        return self.data[offset : offset + length]

    def _read_os2_post(self) -> None:
        scale = 1000.0 / self.units_per_em
        self.ascent = self.ascender * scale
        self.descent = self.descender * scale
        self.cap_height = self.ascent
        weight = 400
        if "OS/2" in self.tables:
            os2 = self.table("OS/2")
            version, _avg, weight = struct.unpack_from(">HhH", os2, 0)
            typo_ascender, typo_descender = struct.unpack_from(">hh", os2, 68)
            self.ascent, self.descent = typo_ascender * scale, typo_descender * scale
            self.cap_height = self.ascent
            if version > 1 and len(os2) >= 90:
                self.cap_height = struct.unpack_from(">h", os2, 88)[0] * scale
        self.stem_v = 50 + int((weight / 65.0) ** 2)
        self.italic_angle = 0.0
        self.fixed_pitch = False
        if "post" in self.tables:
            post = self.table("post")
            whole, fraction = struct.unpack_from(">hH", post, 4)
            self.italic_angle = whole + fraction / 65536.0
            self.fixed_pitch = struct.unpack_from(">I", post, 12)[0] != 0

    def _read_cmap(self) -> None:
        cmap_offset, _ = self.tables["cmap"]
        data = self.data
        count = struct.unpack_from(">H", data, cmap_offset + 2)[0]
        found: dict[tuple[int, int, int], int] = {}
        for i in range(count):
            platform, encoding, offset = struct.unpack_from(">HHI", data, cmap_offset + 4 + 8 * i)
            sub = cmap_offset + offset
            fmt = struct.unpack_from(">H", data, sub)[0]
            if fmt in (4, 12):
                found[(platform, encoding, fmt)] = sub
        for key in ((3, 10, 12), (0, 4, 12), (0, 6, 12), (3, 1, 4), (0, 3, 4), (0, 4, 4)):
            if key in found:
                break
        else:
            if not found:
                raise FontError("字体没有可用的 Unicode 字符映射表（cmap）")
            key = next(iter(found))
        sub = found[key]
        self._cmap_format = key[2]
        if key[2] == 4:
            seg2 = struct.unpack_from(">H", data, sub + 6)[0]
            ends = sub + 14
            self._ends = _big_endian("H", data[ends : ends + seg2])
            self._starts = _big_endian("H", data[ends + seg2 + 2 : ends + 2 * seg2 + 2])
            self._deltas = _big_endian("H", data[ends + 2 * seg2 + 2 : ends + 3 * seg2 + 2])
            self._range_at = ends + 3 * seg2 + 2
            self._ranges = _big_endian("H", data[self._range_at : self._range_at + seg2])
        else:
            groups = struct.unpack_from(">I", data, sub + 12)[0]
            values = _big_endian("I", data[sub + 16 : sub + 16 + 12 * groups])
            self._starts, self._ends, self._first_glyphs = values[0::3], values[1::3], values[2::3]

    def glyph_id(self, ch: str) -> int:
        """The face's glyph for a character (0, .notdef, when it has none)."""
        cp = ord(ch)
        i = bisect_left(self._ends, cp)
        if i == len(self._ends) or self._starts[i] > cp:
            return 0
        if self._cmap_format == 12:
            gid = self._first_glyphs[i] + cp - self._starts[i]
        elif self._ranges[i] == 0:
            gid = (cp + self._deltas[i]) & 0xFFFF
        else:
            at = self._range_at + 2 * i + self._ranges[i] + 2 * (cp - self._starts[i])
            gid = struct.unpack_from(">H", self.data, at)[0]
            if gid:
                gid = (gid + self._deltas[i]) & 0xFFFF
        return gid if gid < self.num_glyphs else 0

    def advance(self, gid: int) -> int:
        return self.advances[min(gid, self.h_metrics - 1)]

    def _left_bearing(self, gid: int) -> bytes:
        if gid < self.h_metrics:
            return self.hmtx[4 * gid + 2 : 4 * gid + 4]
        at = 4 * self.h_metrics + 2 * (gid - self.h_metrics)
        return self.hmtx[at : at + 2] or b"\0\0"

    def _postscript_name(self) -> str:
        name = ""
        if "name" in self.tables:
            table = self.table("name")
            count, strings = struct.unpack_from(">HH", table, 2)
            for i in range(count):
                platform, encoding, _lang, name_id, length, offset = struct.unpack_from(
                    ">6H", table, 6 + 12 * i
                )
                if name_id != 6:
                    continue
                raw = table[strings + offset : strings + offset + length]
                name = raw.decode("utf-16-be" if platform in (0, 3) else "latin-1", "replace")
                if name:
                    break
        clean = "".join(c for c in name if "!" <= c <= "~" and c not in "()<>[]{}/%#")
        return clean or "".join(c for c in Path(self.path).stem if c.isalnum()) or "Font"

    def subset_program(self, glyph_ids: list[int]) -> tuple[bytes, list[int]]:
        """A TrueType file whose glyph n is glyph_ids[n] of this face (glyph_ids[0] is 0),
        followed by the components of composite glyphs; returns it with the full glyph list."""
        order = list(glyph_ids)
        slots: dict[int, int] = {}  # component glyph -> its place in `order`
        glyf_offset, _ = self.tables["glyf"]
        data, loca = self.data, self.loca
        pieces: list[bytes] = []
        metrics = bytearray()
        i = 0
        while i < len(order):
            gid = order[i]
            glyph = data[glyf_offset + loca[gid] : glyf_offset + loca[gid + 1]]
            if len(glyph) >= 10 and struct.unpack_from(">h", glyph, 0)[0] < 0:
                glyph = self._renumber_components(glyph, order, slots)
            pieces.append(glyph + b"\0" * (-len(glyph) % 4))
            metrics += struct.pack(">H", self.advance(gid)) + self._left_bearing(gid)
            i += 1
        offsets = [0]
        for piece in pieces:
            offsets.append(offsets[-1] + len(piece))
        loca_data = array("I", offsets)
        if sys.byteorder == "little":
            loca_data.byteswap()
        head = bytearray(self.table("head"))
        head[8:12] = b"\0\0\0\0"  # checkSumAdjustment, set below
        head[50:52] = struct.pack(">h", 1)  # long loca offsets
        hhea = bytearray(self.table("hhea"))
        hhea[34:36] = struct.pack(">H", len(order))
        maxp = bytearray(self.table("maxp"))
        maxp[4:6] = struct.pack(">H", len(order))
        tables = {
            "glyf": b"".join(pieces),
            "head": bytes(head),
            "hhea": bytes(hhea),
            "hmtx": bytes(metrics),
            "loca": loca_data.tobytes(),
            "maxp": bytes(maxp),
        }
        for tag in _HINTING:
            if tag in self.tables:
                tables[tag] = self.table(tag)
        # Not read by PDF viewers, but strict font checkers (preflight, PostScript converters)
        # expect a TrueType file to have them: no glyph names (post 3.0) and the font's name.
        tables["post"] = self._post_table()
        tables["name"] = _name_table(self.name)
        program, head_at = _sfnt(tables)
        adjust = (0xB1B0AFBA - _checksum(program)) & 0xFFFFFFFF
        program = program[: head_at + 8] + struct.pack(">I", adjust) + program[head_at + 12 :]
        return program, order

    def _post_table(self) -> bytes:
        """Version 3.0 (no glyph names) with the face's italic angle and underline."""
        if "post" in self.tables and self.tables["post"][1] >= 32:
            return struct.pack(">I", 0x00030000) + self.table("post")[4:32]
        underline = -self.units_per_em // 10, self.units_per_em // 20
        return struct.pack(">IihhI16x", 0x00030000, 0, *underline, int(self.fixed_pitch))

    @staticmethod
    def _renumber_components(glyph: bytes, order: list[int], slots: dict[int, int]) -> bytes:
        out = bytearray(glyph)
        at = 10
        while True:
            flags, component = struct.unpack_from(">HH", out, at)
            slot = slots.get(component)
            if slot is None:
                slot = slots[component] = len(order)
                order.append(component)
            struct.pack_into(">H", out, at + 2, slot)
            at += 4 + (4 if flags & _ARGS_ARE_WORDS else 2)
            if flags & _HAVE_SCALE:
                at += 2
            elif flags & _HAVE_XY_SCALE:
                at += 4
            elif flags & _HAVE_2X2:
                at += 8
            if not flags & _MORE_COMPONENTS:
                return bytes(out)


def _name_table(postscript_name: str) -> bytes:
    """A name table naming the subset (family, style, full and PostScript name; Windows
    Unicode records)."""
    family = postscript_name.encode("utf-16-be")
    names = [(1, family), (2, "Regular".encode("utf-16-be")), (4, family), (6, family)]
    records = bytearray()
    strings = bytearray()
    for name_id, raw in names:
        records += struct.pack(">6H", 3, 1, 0x409, name_id, len(raw), len(strings))
        strings += raw
    return struct.pack(">3H", 0, len(names), 6 + len(records)) + bytes(records + strings)


def _sfnt(tables: dict[str, bytes]) -> tuple[bytes, int]:
    """The font file of `tables`, and where its head table starts."""
    tags = sorted(tables)
    count = len(tags)
    power = 1
    while power * 2 <= count:
        power *= 2
    header = struct.pack(
        ">IHHHH", 0x00010000, count, power * 16, power.bit_length() - 1, count * 16 - power * 16
    )
    records = []
    body = []
    offset = 12 + 16 * count
    head_at = 0
    for tag in tags:
        data = tables[tag]
        if tag == "head":
            head_at = offset
        records.append(
            struct.pack(">4sIII", tag.encode("latin-1"), _checksum(data), offset, len(data))
        )
        padded = data + b"\0" * (-len(data) % 4)
        body.append(padded)
        offset += len(padded)
    return header + b"".join(records) + b"".join(body), head_at


def to_unicode_cmap(name: str, chars: list[str]) -> str:
    """The ToUnicode CMap of two-byte codes 1..n (chars[n - 1]); UTF-16 for characters beyond
    the BMP; entries in blocks of at most 100, as the CMap format asks."""
    entries = [
        f"<{code:04X}> <{ch.encode('utf-16-be').hex().upper()}>"
        for code, ch in enumerate(chars, start=1)
    ]
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        f"/CMapName /{name}-UCS def",
        "/CMapType 2 def",
        "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    return cmap_text(lines, entries)


def cmap_text(header: list[str], entries: list[str]) -> str:
    """A ToUnicode CMap program: `header` (up to the codespace), then the bfchar `entries` in
    blocks of at most 100, as the CMap format asks, then the closing lines."""
    lines = list(header)
    for start in range(0, len(entries), 100):
        block = entries[start : start + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines.extend(block)
        lines.append("endbfchar")
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


class EmbeddedFont:
    """One face in one PDF document: codes for characters as they are first drawn, and when the
    file is written, the font objects (write_objects)."""

    def __init__(self, face: TrueTypeFace, internal_name: str) -> None:
        self.face = face
        self.internal_name = internal_name  # the resource name, e.g. "F1"
        self.hex: dict[str, str] = {}  # character -> four hex digits
        self.advance: dict[str, float] = {}  # character -> advance in 1/1000 em
        self.chars: list[str] = []  # code n copies out as chars[n - 1] (its ToUnicode text)
        self.glyphs: list[int] = [0]  # code n is face glyph glyphs[n]
        self.stand_ins: dict[tuple[str, str], str] = {}  # (drawn, source) -> four hex digits
        self._scale = 1000.0 / face.units_per_em

    def _new_code(self, drawn: str, text: str) -> str:
        self.chars.append(text)
        self.glyphs.append(self.face.glyph_id(drawn))
        return f"{len(self.chars):04x}"

    def add(self, ch: str) -> None:
        self.hex[ch] = self._new_code(ch, ch)
        aw = self.face.advance(self.glyphs[-1])
        self.advance[ch] = aw if self.face.units_per_em == 1000 else aw * self._scale

    def encode_as(self, drawn: str, source: str) -> str:
        """The hex code drawing `drawn`'s glyph that copies out as `source`: a vertical
        presentation form (︵ for （) extracts as the character of the copy. A code of its own,
        so the same form typed as itself elsewhere still copies out as itself."""
        if drawn == source or not source:
            return self.encode(drawn)
        code = self.stand_ins.get((drawn, source))
        if code is None:
            code = self.stand_ins[(drawn, source)] = self._new_code(drawn, source)
        return code

    def encode(self, text: str) -> str:
        """Hex codes for `text` (new characters get codes)."""
        for ch in text:
            if ch not in self.hex:
                self.add(ch)
        return "".join(map(self.hex.__getitem__, text))

    def write_objects(self, pdf: PdfFile) -> Ref:
        """The font's objects (Type0, CIDFont, descriptor, subset program, ToUnicode) written
        into `pdf`, once every character of the document has its code; returns the Type0 font."""
        face = self.face
        program, order = face.subset_program(self.glyphs)
        tag = "".join(chr(65 + b % 26) for b in sha1(program).digest()[:6])
        base_font = Name(f"{tag}+{face.name}"[:127])
        scale = self._scale
        widths = [round(face.advance(g) * scale, 3) for g in order]
        font_file = pdf.put_stream(program, {"Length1": len(program)})
        flags = 4 | (1 if face.fixed_pitch else 0) | (64 if face.italic_angle else 0)
        descriptor = pdf.put(
            {
                "Type": Name("FontDescriptor"),
                "FontName": base_font,
                "Flags": flags,
                "FontBBox": [round(v * scale) for v in face.bbox],
                "ItalicAngle": face.italic_angle,
                "Ascent": round(face.ascent),
                "Descent": round(face.descent),
                "CapHeight": round(face.cap_height),
                "StemV": face.stem_v,
                "FontFile2": font_file,
            }
        )
        cid_font = pdf.put(
            {
                "Type": Name("Font"),
                "Subtype": Name("CIDFontType2"),
                "BaseFont": base_font,
                "CIDSystemInfo": {
                    "Registry": Text("Adobe"),
                    "Ordering": Text("Identity"),
                    "Supplement": 0,
                },
                "FontDescriptor": descriptor,
                "DW": widths[0],
                "W": [0, widths],
                "CIDToGIDMap": Name("Identity"),
            }
        )
        cmap = pdf.put_stream(to_unicode_cmap(tag, self.chars).encode("latin-1"))
        return pdf.put(
            {
                "Type": Name("Font"),
                "Subtype": Name("Type0"),
                "BaseFont": base_font,
                "Encoding": Name("Identity-H"),
                "DescendantFonts": [cid_font],
                "ToUnicode": cmap,
            }
        )
