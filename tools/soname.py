#!/usr/bin/env python3
"""Print the DT_SONAME of the shared library a -lNAME resolves to.

usage: soname.py NAME LIBDIR...  (the library is LIBDIR/libNAME.so, the
development symlink, in the first LIBDIR that has it).  meson passes the
directories the dependency's pkg-config file names, so that declutter
dlopens the soname of the very library it was built against, whatever
the distribution calls it (libtidy.so.5deb1 on Debian).
"""
import os
import struct
import sys


def soname(path):
    with open(path, 'rb') as f:
        data = f.read()
    if data[:4] != b'\x7fELF':
        raise SystemExit(f'{path}: not an ELF file')
    bits64 = data[4] == 2
    end = '<' if data[5] == 1 else '>'
    if bits64:
        shoff, = struct.unpack_from(end + 'Q', data, 0x28)
        shentsize, shnum = struct.unpack_from(end + 'HH', data, 0x3a)
        sh = end + 'IIQQQQIIQQ'
        dyn = end + 'qQ'
    else:
        shoff, = struct.unpack_from(end + 'I', data, 0x20)
        shentsize, shnum = struct.unpack_from(end + 'HH', data, 0x2e)
        sh = end + 'IIIIIIIIII'
        dyn = end + 'iI'
    sections = [struct.unpack_from(sh, data, shoff + i * shentsize)
                for i in range(shnum)]
    for s in sections:
        if s[1] != 6:  # SHT_DYNAMIC
            continue
        strtab = sections[s[6]]  # sh_link: its string table
        off, size = s[4], s[5]
        step = struct.calcsize(dyn)
        for at in range(off, off + size, step):
            tag, val = struct.unpack_from(dyn, data, at)
            if tag == 0:
                break
            if tag == 14:  # DT_SONAME
                start = strtab[4] + val
                return data[start:data.index(b'\0', start)].decode()
    return os.path.basename(os.path.realpath(path))


def main():
    name, dirs = sys.argv[1], sys.argv[2:]
    for d in dirs:
        path = os.path.join(d, f'lib{name}.so')
        if os.path.exists(path):
            print(soname(path))
            return
    raise SystemExit(f'lib{name}.so not found in {" ".join(dirs)}')


main()
