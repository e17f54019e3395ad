#!/usr/bin/env python3
"""throughput.py - how fast declutter is, and how much memory it takes.

Run by hand (never as a test); see bench/README.md.

    bench/throughput.py                      # 200 MB, 5 runs each
    bench/throughput.py --size 50 --runs 3   # quicker
    bench/throughput.py --perf               # and profile declutter

It generates (or reuses) a large stream of made-up scraped pages with
bench/gen-pages.py, then times `cat`, `iconv -f utf-8 -t utf-8` and
`declutter` on it, input from the file, output to /dev/null, N times
each, in rounds, and prints the medians of wall time, MB/s and peak RSS
with ratios against cat and iconv.  One extra run of declutter keeps its
output to check that every page's article marker survived and that peak
RSS stayed under the bar.  When ../shared/bench exists it does the same on
the real pages there, and times declutter once per page over a sample.

Only the Python 3 standard library is used.  MB is 10^6 bytes; RSS is
reported in MiB (2^20 bytes).
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
GEN = os.path.join(HERE, 'gen-pages.py')
MB = 1000 * 1000
MIB = 1024 * 1024
SHOWN = ['build/declutter']   # the binary's name in messages
# A marker may be wrapped across lines; in JSON lines the break is \n.
MARKER = re.compile(rb'Document(?:\s|\\n)+(\d+)(?:\s|\\n)+marker')
LANG_NAMES = {'e': 'en', 'd': 'de', 's': 'es', 'f': 'fr', 'r': 'ru', 'z': 'zh'}
STYLE_NAMES = {'l': 'lynx', 'h': 'html2text', 'g': 'gettext', 'p': 'paste'}


def say(*a):
    print(*a, flush=True)


def q(argv):
    return ' '.join(shlex.quote(x) for x in argv)


# ------------------------------------------------------------------ machine

def machine_info(declutter):
    cpu = '?'
    try:
        with open('/proc/cpuinfo') as f:
            for line in f:
                if line.startswith('model name'):
                    cpu = line.split(':', 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        ver = subprocess.run([declutter, '--version'], capture_output=True,
                             text=True, timeout=10).stdout.strip().splitlines()
        ver = ver[0] if ver else '?'
    except (OSError, subprocess.SubprocessError):
        ver = '?'
    mtime = '?'
    try:
        mtime = datetime.datetime.fromtimestamp(
            os.stat(declutter).st_mtime).strftime('%Y-%m-%d %H:%M:%S')
    except OSError:
        pass
    return [
        ('date', datetime.datetime.now().astimezone().strftime('%Y-%m-%d %H:%M:%S %Z')),
        ('nproc', str(os.cpu_count())),
        ('cpu', cpu),
        ('kernel', '%s %s %s' % (platform.system(), platform.release(), platform.machine())),
        ('python', platform.python_version()),
        ('declutter', '%s (%s, built %s)' % (declutter, ver, mtime)),
    ]


def help_features(declutter):
    """What declutter --help says it supports."""
    try:
        h = subprocess.run([declutter, '--help'], capture_output=True,
                           text=True, timeout=10).stdout
    except (OSError, subprocess.SubprocessError):
        h = ''
    return {
        'jobs': bool(re.search(r'(^|[\s,])-j\b|--jobs\b', h, re.M)),
        'nul': bool(re.search(r'(^|[\s,])-z\b|--null\b|--zero\b', h, re.M)),
        'jsonl': '--jsonl' in h,
    }


# ------------------------------------------------------------------ running

class Runner:
    """Run one command with stdin from a file; measure wall and peak RSS."""

    def __init__(self, rss_source):
        self.rss_source = rss_source
        self.tmp = tempfile.NamedTemporaryFile(prefix='dc-bench-rss-', delete=False)
        self.tmp.close()

    def close(self):
        try:
            os.unlink(self.tmp.name)
        except OSError:
            pass

    def run(self, argv, infile, outfile=os.devnull):
        """Return (wall seconds, peak RSS KiB, exit status)."""
        if self.rss_source == 'time':
            full = ['/usr/bin/time', '-f', '%M', '-o', self.tmp.name] + argv
        else:
            full = argv
        with open(infile, 'rb') as fin, open(outfile, 'wb') as fout:
            t0 = time.perf_counter()
            p = subprocess.Popen(full, stdin=fin, stdout=fout,
                                 stderr=subprocess.PIPE if self.rss_source == 'time' else None)
            if self.rss_source == 'time':
                _, err = p.communicate()
                wall = time.perf_counter() - t0
                status = p.returncode
                rss = None
                try:
                    with open(self.tmp.name) as f:
                        for line in f:
                            line = line.strip()
                            if line.isdigit():
                                rss = int(line)
                except OSError:
                    pass
                if err:
                    sys.stderr.write(err.decode('utf-8', 'replace'))
            else:
                _, st, ru = os.wait4(p.pid, 0)
                wall = time.perf_counter() - t0
                p.returncode = status = os.waitstatus_to_exitcode(st)
                rss = ru.ru_maxrss      # KiB on Linux
        return wall, rss, status


def measure(runner, cmds, runs, label):
    """cmds: list of (name, argv, infile).  Round-robin N rounds; return
    {name: [(wall, rss), ...]}."""
    res = {name: [] for name, _, _ in cmds}
    for r in range(runs):
        for name, argv, infile in cmds:
            wall, rss, st = runner.run(argv, infile)
            if st != 0:
                say('  warning: %s exited %s (run %d)' % (name, st, r + 1))
            res[name].append((wall, rss))
        say('  %s: round %d/%d done (%s)' % (label, r + 1, runs, ', '.join(
            '%s %.2fs' % (n, res[n][-1][0]) for n, _, _ in cmds)))
    return res


def table(res, cmds, sizes):
    """Print medians and ratios.  sizes: {name: input bytes}."""
    med = {}
    for name, _, _ in cmds:
        walls = [w for w, _ in res[name]]
        rsss = [r for _, r in res[name] if r is not None]
        med[name] = (statistics.median(walls),
                     statistics.median(rsss) if rsss else None,
                     max(rsss) if rsss else None, min(walls), max(walls))
    base_cat = med.get('cat', (None,))[0]
    base_iconv = med.get('iconv', (None,))[0]
    hdr = '%-26s %4s %9s %9s %9s %9s %8s %8s' % (
        'command', 'runs', 'wall s', 'min-max', 'MB/s', 'RSS MiB', 'x cat', 'x iconv')
    say(hdr)
    say('-' * len(hdr))
    for name, _, _ in cmds:
        wall, rss, rss_max, lo, hi = med[name]
        mbs = sizes[name] / MB / wall if wall > 0 else float('inf')
        say('%-26s %4d %9.3f %9s %9.1f %9s %8s %8s' % (
            name, len(res[name]), wall, '%.2f-%.2f' % (lo, hi), mbs,
            '%.1f' % (rss / 1024) if rss is not None else '?',
            '%.1f' % (wall / base_cat) if base_cat else '-',
            '%.1f' % (wall / base_iconv) if base_iconv else '-'))
    say('(medians; "x cat" and "x iconv" are wall-time ratios: how many times '
        'slower than that command on the same input)')
    return med


# ------------------------------------------------------------------ input

def gen_file(workdir, size, seed, fmt):
    """Generate (or reuse) the page stream; return (path, meta)."""
    with open(GEN, 'rb') as f:
        genhash = hashlib.sha1(f.read()).hexdigest()[:10]
    ext = {'plain': 'txt', 'nul': 'nul', 'jsonl': 'jsonl'}[fmt]
    base = 'pages-%gMB-seed%d-%s.%s' % (size, seed, genhash, ext)
    path = os.path.join(workdir, base)
    meta_path = path + '.meta.json'
    argv = [sys.executable, GEN, '--size', '%g' % size, '--seed', str(seed),
            '-o', path, '--meta', meta_path]
    if fmt == 'nul':
        argv.insert(2, '-z')
    elif fmt == 'jsonl':
        argv.insert(2, '--jsonl')
    try:
        with open(meta_path) as f:
            meta = json.load(f)
        if (meta.get('format') == fmt and meta.get('seed') == seed and
                abs(meta.get('size_mb', -1) - size) < 1e-9 and
                os.path.getsize(path) == meta.get('bytes')):
            say('input: reusing %s (%d pages, %d bytes)' % (path, meta['docs'], meta['bytes']))
            say('  made by: %s' % q(argv))
            return path, meta
    except (OSError, ValueError):
        pass
    say('input: generating %s' % path)
    say('  $ %s' % q(argv))
    t0 = time.perf_counter()
    subprocess.run(argv, check=True)
    with open(meta_path) as f:
        meta = json.load(f)
    say('  %d pages, %d bytes in %.1f s' % (meta['docs'], meta['bytes'],
                                             time.perf_counter() - t0))
    return path, meta


# ------------------------------------------------------------------ checks

def count_markers(path):
    """Set of marker numbers in a file, and how many occurrences.  A marker
    may span a line break, so chunks overlap by 64 bytes."""
    found, total, tail = set(), 0, b''
    with open(path, 'rb') as f:
        while True:
            chunk = f.read(8 << 20)
            data = tail + chunk
            cut = len(data) - 64 if chunk else len(data)
            last_end = 0
            for m in MARKER.finditer(data):
                if m.start() >= cut:
                    break
                found.add(int(m.group(1)))
                total += 1
                last_end = m.end()
            if not chunk:
                return found, total
            tail = data[max(cut, last_end):]


def verify(runner, argv, infile, meta, workdir, bar_mib, keep, label):
    """One run with output kept: RSS bar and markers."""
    out = os.path.join(workdir, 'declutter-out-%d.txt' % os.getpid())
    say('  $ %s < %s > %s' % (q(argv), infile, out))
    wall, rss, st = runner.run(argv, infile, out)
    out_bytes = os.path.getsize(out)
    found, total = count_markers(out)
    docs = meta['docs']
    ok_rss = rss is not None and rss / 1024 < bar_mib
    say('  exit %s, %.2f s, %.1f MB/s, output %d bytes (%.1f%% of input)' % (
        st, wall, meta['bytes'] / MB / wall, out_bytes, 100.0 * out_bytes / meta['bytes']))
    say('  memory bar: peak RSS %s MiB %s %d MiB: %s' % (
        '%.1f' % (rss / 1024) if rss is not None else '?', '<' if ok_rss else '>=',
        bar_mib, 'PASS' if ok_rss else 'FAIL'))
    kept = len(found & set(range(1, docs + 1)))
    say('  articles kept: %d of %d page markers found in the output (%.2f%%), '
        '%d occurrences: %s' % (kept, docs, 100.0 * kept / docs, total,
                                'PASS' if kept == docs else 'FAIL'))
    if kept < docs:
        langs, styles = meta.get('doc_langs', ''), meta.get('doc_styles', '')
        by_lang, by_style = {}, {}
        for i in range(docs):
            lg = LANG_NAMES.get(langs[i:i + 1], '?')
            sty = STYLE_NAMES.get(styles[i:i + 1], '?')
            hit = (i + 1) in found
            a = by_lang.setdefault(lg, [0, 0])
            a[0] += hit
            a[1] += 1
            b = by_style.setdefault(sty, [0, 0])
            b[0] += hit
            b[1] += 1
        say('  kept by language: ' + ', '.join(
            '%s %d/%d' % (k, v[0], v[1]) for k, v in sorted(by_lang.items())))
        say('  kept by style:    ' + ', '.join(
            '%s %d/%d' % (k, v[0], v[1]) for k, v in sorted(by_style.items())))
        missing = [i for i in range(1, docs + 1) if i not in found][:10]
        say('  first missing pages: %s' % ', '.join(map(str, missing)))
        say('  to read one: %s --size %g --seed %d --pick N | %s --explain' % (
            GEN, meta['size_mb'], meta['seed'], SHOWN[0]))
    if keep:
        say('  output kept: %s' % out)
    else:
        os.unlink(out)
    return ok_rss, kept == docs, rss


# ------------------------------------------------------------------ real pages

def real_pages(shared):
    files = []
    for ds in sorted(os.listdir(shared)):
        d = os.path.join(shared, ds)
        if not os.path.isdir(d):
            continue
        for fn in sorted(os.listdir(d)):
            if fn.endswith(('.lynx.txt', '.html2text.txt', '.gettext.txt')):
                files.append(os.path.join(d, fn))
    return files


def real_html(shared):
    files = []
    for ds in sorted(os.listdir(shared)):
        d = os.path.join(shared, ds)
        if os.path.isdir(d):
            files += [os.path.join(d, fn) for fn in sorted(os.listdir(d))
                      if fn.endswith('.html')]
    return files


def html_section(runner, declutter, files, shared, workdir, runs):
    """The HTML path (libtidy) on the real pages: as one -z stream at -j1
    and -j2 against cat, and one process per page."""
    path = os.path.join(workdir, 'real-html-%d.nul' % os.getpid())
    with open(path, 'wb') as out:
        for fn in files:
            with open(fn, 'rb') as f:
                out.write(f.read().replace(b'\0', b' '))
            out.write(b'\0')
    size = os.path.getsize(path)
    say('== real HTML pages: %d *.html files of every set in %s, one -z stream: '
        '%.1f MB ==' % (len(files), shared, size / MB))
    cmds = [('cat', ['cat'], path),
            ('declutter -z -j1', [declutter, '-z', '-j1'], path),
            ('declutter -z -j2', [declutter, '-z', '-j2'], path)]
    for n, argv_, f in cmds:
        say('  $ %s < %s > /dev/null' % (q(argv_), f))
    res = measure(runner, cmds, runs, 'html')
    say('')
    med = table(res, cmds, {n: size for n, _, _ in cmds})
    one = size / MB / med['declutter -z -j1'][0]
    say('  HTML at -j1: %.1f MB/s, %.0f times the 2.5 MB/s the HTML issue '
        'gives for trafilatura (its figure; trafilatura is not installed here)'
        % (one, one / 2.5))
    os.unlink(path)


def per_page(runner, argv, pages, runs):
    """Run argv once per page, runs times; return per-round totals and
    per-page median walls."""
    totals, each = [], [[] for _ in pages]
    for r in range(runs):
        t0 = time.perf_counter()
        for i, p in enumerate(pages):
            wall, rss, st = runner.run(argv, p)
            each[i].append((wall, rss))
        totals.append(time.perf_counter() - t0)
    return totals, each


# ------------------------------------------------------------------ perf

def profile(declutter, infile, workdir, mb):
    perf = shutil.which('perf')
    if not perf:
        say('perf: not installed (apt-get install linux-perf)')
        return
    sl = os.path.join(workdir, 'perf-slice.txt')
    with open(infile, 'rb') as f, open(sl, 'wb') as g:
        g.write(f.read(int(mb * MB)))
    data = os.path.join(workdir, 'perf.data')
    rec = [perf, 'record', '-q', '-o', data, '--', declutter]
    say('  $ %s < %s > /dev/null' % (q(rec), sl))
    with open(sl, 'rb') as fin, open(os.devnull, 'wb') as fout:
        r = subprocess.run(rec, stdin=fin, stdout=fout, stderr=subprocess.PIPE)
    if r.returncode != 0:
        say('  perf record failed: %s' % r.stderr.decode('utf-8', 'replace').strip()[-300:])
        return
    rep = [perf, 'report', '-i', data, '--stdio', '--no-children',
           '--sort', 'dso,symbol', '--percent-limit', '0.8']
    say('  $ %s' % q(rep))
    r = subprocess.run(rep, capture_output=True, text=True)
    lines = [l for l in r.stdout.splitlines() if l.strip() and not l.startswith('#')]
    for l in lines[:20]:
        say('    ' + l.rstrip())
    os.unlink(sl)


# ------------------------------------------------------------------ main

def main(argv=None):
    ap = argparse.ArgumentParser(
        description='Throughput and memory of declutter against cat and iconv.')
    ap.add_argument('--size', type=float, default=200.0,
                    help='MB (10^6 bytes) of generated pages (default 200)')
    ap.add_argument('--runs', '-n', type=int, default=5,
                    help='timed runs of each command (default 5); medians reported')
    ap.add_argument('--seed', type=int, default=1, help='generator seed (default 1)')
    ap.add_argument('--workdir', default=os.path.join(tempfile.gettempdir(), 'declutter-bench'),
                    help='where generated input and temporary files go '
                    '(default /tmp/declutter-bench; never the repository)')
    ap.add_argument('--declutter', default=os.path.join(ROOT, 'build', 'declutter'),
                    help='the binary (default build/declutter)')
    ap.add_argument('--shared', default=os.path.join(os.path.dirname(ROOT), 'shared', 'bench'),
                    help='real benchmark pages (default ../shared/bench)')
    ap.add_argument('--pages', type=int, default=300,
                    help='real pages to run declutter on one by one (default 300)')
    ap.add_argument('--rss-bar', type=float, default=64.0,
                    help='peak RSS bar for declutter on the stream, MiB (default 64)')
    ap.add_argument('--rss', choices=('auto', 'time', 'wait4'), default='auto',
                    help='peak RSS from /usr/bin/time -f %%M or os.wait4 (default: '
                    'time if installed)')
    ap.add_argument('--no-real', action='store_true', help='skip ../shared/bench')
    ap.add_argument('--perf', nargs='?', const=20.0, type=float, metavar='MB',
                    help='also profile declutter with perf on the first MB '
                    '(default 20) of the stream')
    ap.add_argument('--keep', action='store_true',
                    help='keep declutter\'s output of the checking run')
    a = ap.parse_args(argv)

    declutter = os.path.abspath(a.declutter)
    if not os.access(declutter, os.X_OK):
        sys.exit('throughput: %s not found; build first: ninja -C build' % declutter)
    os.makedirs(a.workdir, exist_ok=True)
    wd = os.path.realpath(a.workdir)
    if wd == os.path.realpath(ROOT) or wd.startswith(os.path.realpath(ROOT) + os.sep):
        sys.exit('throughput: --workdir must be outside the repository')

    # Time a private copy, so that a rebuild during the run (others share
    # build/) does not change the binary half-way.  The rules are compiled
    # in, so the copy behaves the same; the --jsonl module, which declutter
    # loads from its own directory, is copied with it.
    frozen_dir = os.path.join(a.workdir, 'declutter-%d' % os.getpid())
    os.makedirs(frozen_dir, exist_ok=True)
    frozen = os.path.join(frozen_dir, 'declutter')
    shutil.copy2(declutter, frozen)
    module = os.path.join(os.path.dirname(declutter), 'declutter-jsonl.so')
    if os.path.exists(module):
        shutil.copy2(module, frozen_dir)
    built_from = declutter
    SHOWN[0] = built_from
    declutter = frozen

    if a.rss == 'auto':
        rss_source = 'time' if os.access('/usr/bin/time', os.X_OK) else 'wait4'
    else:
        rss_source = a.rss
    if rss_source == 'time' and not os.access('/usr/bin/time', os.X_OK):
        sys.exit('throughput: /usr/bin/time missing: apt-get install time, or use --rss wait4')

    say('== declutter throughput benchmark ==')
    for k, v in machine_info(built_from):
        say('%-10s %s' % (k + ':', v))
    say('%-10s %s (a copy of it, run as %s)' % ('timed:', built_from, declutter))
    feat = help_features(declutter)
    say('%-10s %s' % ('features:', ', '.join('%s %s' % (k, 'yes' if v else 'no')
                                             for k, v in feat.items())
                      + '  (from declutter --help; -j, -z and --jsonl are measured only when offered)'))
    say('%-10s %s' % ('peak RSS:', '/usr/bin/time -f %M' if rss_source == 'time'
                      else 'os.wait4() rusage of each child (ru_maxrss)'))
    say('%-10s %d runs of each command, medians; input from a file on disk, '
        'output to /dev/null' % ('method:', a.runs))
    say('')

    runner = Runner(rss_source)
    ok = True
    try:
        path, meta = gen_file(a.workdir, a.size, a.seed, 'plain')
        size = os.path.getsize(path)
        # Warm the page cache so that the first command is not charged for
        # reading the disk.
        with open(path, 'rb') as f:
            while f.read(16 << 20):
                pass

        base = [('cat', ['cat'], path),
                ('iconv', ['iconv', '-f', 'utf-8', '-t', 'utf-8'], path)]
        if feat['jobs']:
            # Standard input is one document: -j cannot help there, and
            # both are measured to show it.
            base += [('declutter -j 1', [declutter, '-j', '1'], path),
                     ('declutter -j 2', [declutter, '-j', '2'], path)]
        else:
            base.append(('declutter', [declutter], path))
        sizes = {n: size for n, _, _ in base}
        # The same pages as NUL records and as JSON lines: cat and iconv
        # on each file too, then declutter at -j 1 and -j 2.
        for fmt, flag, tag in (('nul', '-z', 'nul'), ('jsonl', '--jsonl', 'jsonl')):
            if not feat[tag]:
                continue
            xpath, _ = gen_file(a.workdir, a.size, a.seed, fmt)
            xsize = os.path.getsize(xpath)
            with open(xpath, 'rb') as f:
                while f.read(16 << 20):
                    pass
            runs_ = [('cat %s' % flag, ['cat'], xpath),
                     ('iconv %s' % flag, ['iconv', '-f', 'utf-8', '-t', 'utf-8'], xpath)]
            if feat['jobs']:
                runs_ += [('declutter %s -j 1' % flag, [declutter, flag, '-j', '1'], xpath),
                          ('declutter %s -j 2' % flag, [declutter, flag, '-j', '2'], xpath)]
            else:
                runs_.append(('declutter %s' % flag, [declutter, flag], xpath))
            base += runs_
            for n_, _, _ in runs_:
                sizes[n_] = xsize
        main_name = 'declutter -j 1' if feat['jobs'] else 'declutter'

        say('')
        say('== generated stream: %d pages, %.1f MB ==' % (meta['docs'], size / MB))
        say('commands (each run: CMD < FILE > /dev/null%s):' % (
            ', under /usr/bin/time -f %M' if rss_source == 'time' else ''))
        for n, argv_, f in base:
            say('  $ %s < %s > /dev/null' % (q(argv_), f))
        res = measure(runner, base, a.runs, 'stream')
        say('')
        med = table(res, base, sizes)

        if feat['jobs']:
            say('')
            say('== -j 2 / -j 1 speedup (median wall of -j 1 / median wall of -j 2) ==')
            for flag in ('', ' -z', ' --jsonl'):
                n1, n2 = 'declutter%s -j 1' % flag, 'declutter%s -j 2' % flag
                if n1 in med and n2 in med:
                    say('  %-22s %.2fx%s' % (('declutter' + flag).strip(), med[n1][0] / med[n2][0],
                                            '   (one document: -j has nothing to share out)'
                                            if not flag else ''))

        say('')
        say('== check (one more run, output kept) ==')
        main_argv = [x for n, x, _ in base if n == main_name][0]
        rss_max = max((r for _, r in res[main_name] if r is not None), default=None)
        ok_rss, ok_markers, rss_v = verify(runner, main_argv, path, meta, a.workdir,
                                           a.rss_bar, a.keep, main_name)
        if rss_max is not None and rss_max / 1024 >= a.rss_bar:
            say('  memory bar: a timed run peaked at %.1f MiB: FAIL' % (rss_max / 1024))
            ok_rss = False
        ok = ok and ok_rss and ok_markers
        for extra in ('declutter -z -j 1', 'declutter --jsonl -j 1',
                      'declutter -z', 'declutter --jsonl'):
            if extra in sizes:
                xpath = [f for n, _, f in base if n == extra][0]
                say('  -- %s' % extra)
                r1, r2, _ = verify(runner, [x for n, x, _ in base if n == extra][0],
                                   xpath, dict(meta, bytes=sizes[extra]), a.workdir,
                                   a.rss_bar, a.keep, extra)
                ok = ok and r1 and r2

        if a.perf:
            say('')
            say('== perf profile of declutter (first %g MB of the stream) ==' % a.perf)
            profile(declutter, path, a.workdir, a.perf)

        say('')
        if a.no_real:
            say('== real pages: skipped (--no-real) ==')
        elif not os.path.isdir(a.shared):
            say('== real pages: %s does not exist; real-page throughput not '
                'measured ==' % a.shared)
        else:
            files = real_pages(a.shared)
            if not files:
                say('== real pages: no *.lynx.txt, *.html2text.txt or *.gettext.txt '
                    'under %s ==' % a.shared)
            else:
                cat_path = os.path.join(a.workdir, 'real-pages-%d.txt' % os.getpid())
                with open(cat_path, 'wb') as out:
                    for fn in files:
                        with open(fn, 'rb') as f:
                            data = f.read()
                        out.write(data)
                        if data and not data.endswith(b'\n'):
                            out.write(b'\n')
                        out.write(b'\n')
                rsize = os.path.getsize(cat_path)
                say('== real pages: %d files (*.lynx.txt, *.html2text.txt, *.gettext.txt '
                    'of every set in %s), concatenated: %.1f MB ==' % (
                        len(files), a.shared, rsize / MB))
                cmds = [('cat', ['cat'], cat_path),
                        ('iconv', ['iconv', '-f', 'utf-8', '-t', 'utf-8'], cat_path),
                        ('declutter', [declutter], cat_path)]
                for n, argv_, f in cmds:
                    say('  $ %s < %s > /dev/null' % (q(argv_), f))
                rres = measure(runner, cmds, a.runs, 'real')
                say('')
                table(rres, cmds, {n: rsize for n, _, _ in cmds})
                os.unlink(cat_path)

                # One process a page: start-up and per-document costs.
                k = min(a.pages, len(files))
                step = len(files) / k
                sample = [files[int(i * step)] for i in range(k)]
                sbytes = sum(os.path.getsize(f) for f in sample)
                say('')
                say('-- one process per page: %d pages (every %.1fth file of the '
                    'sorted list), %.2f MB, %d rounds --' % (k, step, sbytes / MB, a.runs))
                say('  $ for f in PAGES; do %s < $f > /dev/null; done   (and the same with cat)'
                    % q([declutter]))
                ctot, _ = per_page(runner, ['cat'], sample, a.runs)
                dtot, each = per_page(runner, [declutter], sample, a.runs)
                cm, dm = statistics.median(ctot), statistics.median(dtot)
                say('  %-10s %9s %9s %9s %12s' % ('command', 'total s', 'pages/s',
                                                  'MB/s', 'ms/page'))
                for name, t in (('cat', cm), ('declutter', dm)):
                    say('  %-10s %9.2f %9.1f %9.2f %12.2f' % (name, t, k / t, sbytes / MB / t,
                                                            1000 * t / k))
                say('  declutter minus cat (the work beyond starting a process): '
                    '%.2f ms/page' % (1000 * (dm - cm) / k))
                pmed = [(statistics.median(w for w, _ in e), max((r or 0) for _, r in e), f)
                        for e, f in zip(each, sample)]
                say('  peak RSS one page: median %.1f MiB, max %.1f MiB' % (
                    statistics.median(r for _, r, _ in pmed) / 1024,
                    max(r for _, r, _ in pmed) / 1024))
                say('  slowest pages (median wall, size, MB/s):')
                for w, r, f in sorted(pmed, reverse=True)[:5]:
                    sz = os.path.getsize(f)
                    say('    %7.1f ms %8d B %7.2f MB/s  %s' % (
                        1000 * w, sz, sz / MB / w, os.path.relpath(f, a.shared)))
        if not a.no_real and os.path.isdir(a.shared):
            hfiles = real_html(a.shared)
            say('')
            if hfiles:
                html_section(runner, declutter, hfiles, a.shared, a.workdir, a.runs)
            else:
                say('== real HTML pages: no *.html under %s ==' % a.shared)
    finally:
        runner.close()
        shutil.rmtree(frozen_dir, ignore_errors=True)

    say('')
    say('== result: %s ==' % ('all checks passed' if ok else 'CHECKS FAILED (see above)'))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main())
