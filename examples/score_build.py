"""Score a build of examples/corpus against examples/MANIFEST.json (what must stay, go, titles, dates).

Usage: python examples/score_build.py DB   (after: storyline build examples/corpus --db DB)
"""
import json, sys, subprocess
from pathlib import Path
m = json.loads((Path(__file__).resolve().parent / 'MANIFEST.json').read_text())
rows = [json.loads(l) for l in subprocess.run([sys.executable, '-m', 'storyline', 'export', 'articles', '--db', sys.argv[1]],capture_output=True,text=True).stdout.splitlines()]
def key(r):
    p = r['path'].split('/')[-1]
    return p
byfile = {}
for r in rows: byfile[key(r)] = r
sq = lambda s: " ".join(s.split())
tot = dict(keep=0, keep_ok=0, rem=0, rem_ok=0, title=0, title_ok=0, date=0, date_ok=0, joined=0, joined_ok=0)
for e in m:
    k = e['file'] + (f":{e['id']}" if 'id' in e else '')
    cands = [r for p, r in byfile.items() if p.startswith(e['file'])]
    if 'id' in e: cands = [r for r in cands if r['id'] == e['id']]
    if not cands: print('MISSING', k); continue
    r = cands[0]; text = sq(r['text'])
    for s in e.get('must_keep', []):
        tot['keep'] += 1
        if sq(s) in text: tot['keep_ok'] += 1
        else: print('LOST  ', e['file'][:30], '|', s[:90])
    for s in e.get('must_remove', []):
        tot['rem'] += 1
        if sq(s) not in text: tot['rem_ok'] += 1
        else: print('LEAK  ', e['file'][:30], '|', s[:90])
    for s in e.get('joined', []):
        tot['joined'] += 1
        if sq(s) in text: tot['joined_ok'] += 1
        else: print('NOJOIN', e['file'][:30], '|', s[:90])
    tot['title'] += 1
    if (r['title'] or '').strip() == e['title'].strip(): tot['title_ok'] += 1
    else: print('TITLE ', e['file'][:30], '|', r['title'], '| want:', e['title'])
    tot['date'] += 1
    if r['published'] == e['published']: tot['date_ok'] += 1
    else: print('DATE  ', e['file'][:30], '|', r['published'], r['published_source'], '| want:', e['published'], e['published_source'])
print(tot)
