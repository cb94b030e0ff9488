"""Expected facts for the held-out plain-question set (questions_heldout.tsv).

Standalone: standard library only.  Every expected fact is computed from the
rows of the UN General Assembly voting CSV and from questions_groups.json,
following the answer contract for `votebot ask --json`.

    python tests/eval/questions_expected.py --csv /work/shared/data/unga-votes.csv.gz --print

Definitions used throughout
---------------------------
* Only rows whose `resolution` starts with "A/RES/" are resolutions; the
  others (draft symbols, MISSING_DATA) are counted nowhere.
* A country's vote on a resolution is its row's ms_vote (Y yes, N no,
  A abstain, X non_voting); no row means "not_member".
* A topic is a case-insensitive regex searched in the title, with the
  trailing " : resolution / adopted by the General Assembly" removed.
* A period is since/until, both inclusive, on the ISO date of the vote; a
  missing bound is open (until defaults to `today`).
* Group membership: a member counts on a date when from <= date <= until
  (null = open).  Only members with a row on the resolution are "recorded".
* Rankings use the stated tally (total_yes, total_no, total_abstentions);
  resolutions whose stated tally is 0-0-0 (no vote list at all) are left out.

Spec keys by shape (the `spec` column of the TSV)
-------------------------------------------------
howvoted, not_member   country, symbol          -> the vote (not_member: no row)
yesno                  country, symbol, vote    -> the vote, and whether it is `vote`
                                                   (text must begin "Yes." / "No.")
sided                  country, symbol          -> sided_with = every other code with
                                                   the same vote; opposed_by must hold
                                                   every code with the opposite yes/no
group_filter           group, symbol[, vote]    -> the four lists restricted to the
                                                   group's recorded members (all checked)
group_vote             group, symbol            -> votes {code: vote}, split {vote: n}
ever / count / always  country, vote, topic_regex[, since, until]
                                                -> the matching votes of the country
                                                   (always: the others, non_voting
                                                   included, are the exceptions)
ranking_*              [since, until, topic_regex][, country for minority]
                                                -> the set of top-ranked symbols (ties)
switch_pair            from, to                 -> changes for members recorded on both
switch_series          topic_regex[, since, until] -> first and last of the series
compare_group          country, group | other, since[, until]
                                                -> votes and agreement; a group's vote
                                                   is its members' most common cast vote
                                                   (a tie gives no position)
allies_group           country | group, since[, until]
                                                -> agreement of every other country
                                                   (a group: with or without its members)
topic_period           country, topic_regex[, since, until] -> the entries in date order
both_readings          countries[2], symbol | since/until -> one reading per seat
names_then             symbol, names {code: name}[, group] -> lists and name_then
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
GROUPS_PATH = os.path.join(HERE, "questions_groups.json")
TSV_PATH = os.path.join(HERE, "questions_heldout.tsv")

VOTE_WORD = {"Y": "yes", "N": "no", "A": "abstain", "X": "non_voting"}
CAST = ("yes", "no", "abstain")
LIST_KEYS = {
    "yes": "yes_votes",
    "no": "no_votes",
    "abstain": "abstentions",
    "non_voting": "non_voting",
}
TITLE_TAIL = re.compile(r"\s*:\s*resolution\s*/\s*adopted by the General Assembly\s*$", re.I)


# --------------------------------------------------------------------------
# loading


class Data:
    def __init__(self, res, groups):
        self.res = res  # symbol -> dict
        self.groups = groups  # id -> {"name", "members"}
        self.order = sorted(res, key=lambda s: (res[s]["date"], s))


def load_rows(csv_path, groups_path=GROUPS_PATH):
    """Read the (gzip) CSV into resolutions keyed by symbol, plus the groups file."""
    opener = gzip.open if csv_path.endswith(".gz") else open
    res = {}
    with opener(csv_path, "rt", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            sym = row["resolution"]
            if not sym.startswith("A/RES/"):
                continue
            r = res.get(sym)
            if r is None:
                r = res[sym] = {
                    "symbol": sym,
                    "date": row["date"],
                    "session": row["session"],
                    "title": TITLE_TAIL.sub("", row["title"]).strip(),
                    "yes": int(row["total_yes"] or 0),
                    "no": int(row["total_no"] or 0),
                    "abstain": int(row["total_abstentions"] or 0),
                    "non_voting": int(row["total_non_voting"] or 0),
                    "votes": {},
                    "names": {},
                }
            r["votes"][row["ms_code"]] = VOTE_WORD[row["ms_vote"]]
            r["names"][row["ms_code"]] = row["ms_name"]
    groups = {}
    if groups_path and os.path.exists(groups_path):
        with open(groups_path, encoding="utf-8") as fh:
            groups = json.load(fh)
    return Data(res, groups)


# --------------------------------------------------------------------------
# helpers


def vote_of(data, code, sym):
    return data.res[sym]["votes"].get(code, "not_member")


def in_period(date, spec, today):
    since = spec.get("since")
    until = spec.get("until") or today
    if since and date < since:
        return False
    return not (until and date > until)


def candidates(data, spec, today):
    """Resolutions in the spec's period and topic, in date order."""
    pat = re.compile(spec["topic_regex"], re.I) if spec.get("topic_regex") else None
    out = []
    for sym in data.order:
        r = data.res[sym]
        if not in_period(r["date"], spec, today):
            continue
        if pat and not pat.search(r["title"]):
            continue
        out.append(sym)
    return out


def group_members(data, gid, date):
    out = set()
    for m in data.groups[gid]["members"]:
        started = m.get("from") is None or m["from"] <= date
        not_ended = m.get("until") is None or date <= m["until"]
        if started and not_ended:
            out.add(m["code"])
    return out


def group_recorded(data, gid, sym):
    r = data.res[sym]
    return sorted(c for c in group_members(data, gid, r["date"]) if c in r["votes"])


def group_position(data, gid, sym):
    """Most common of yes/no/abstain among the group's recorded members; None on a tie."""
    votes = data.res[sym]["votes"]
    c = Counter(votes[m] for m in group_recorded(data, gid, sym) if votes[m] in CAST)
    if not c:
        return None
    top = c.most_common()
    if len(top) > 1 and top[0][1] == top[1][1]:
        return None
    return top[0][0]


def res_summary(data, sym):
    r = data.res[sym]
    return {
        "symbol": sym,
        "date": r["date"],
        "yes": r["yes"],
        "no": r["no"],
        "abstain": r["abstain"],
        "title": r["title"][:90],
    }


def lists_for(data, sym, restrict=None):
    out = {k: [] for k in LIST_KEYS.values()}
    for code, v in sorted(data.res[sym]["votes"].items()):
        if restrict is None or code in restrict:
            out[LIST_KEYS[v]].append(code)
    return out


def norm_name(s):
    s = unicodedata.normalize("NFKD", str(s))
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "", s.lower())


def agreement_table(data, ref_votes):
    """ref_votes: sym -> position of the reference (yes/no/abstain) or None.
    Returns {code: [same, votes]} for every country with a cast vote on a
    resolution where the reference has a position."""
    tab = defaultdict(lambda: [0, 0])
    for sym, pos in ref_votes.items():
        if pos is None:
            continue
        for code, v in data.res[sym]["votes"].items():
            if v in CAST:
                t = tab[code]
                t[1] += 1
                if v == pos:
                    t[0] += 1
    return tab


def reference_positions(data, spec, today):
    """The group's (if the spec names one) or else the country's cast vote per resolution."""
    syms = candidates(data, spec, today)
    if spec.get("group"):
        return {s: group_position(data, spec["group"], s) for s in syms}
    c = spec["country"]
    out = {}
    for s in syms:
        v = data.res[s]["votes"].get(c)
        out[s] = v if v in CAST else None
    return out


# --------------------------------------------------------------------------
# expected facts, one function per shape


def _exp_vote(s, shape, today, data):
    sym, code = s["symbol"], s["country"]
    if sym not in data.res:
        raise KeyError(f"unknown symbol {sym}")
    r = data.res[sym]
    v = vote_of(data, code, sym)
    f = {
        "country": code,
        "symbol": sym,
        "date": r["date"],
        "vote": v,
        "name_then": r["names"].get(code),
    }
    if shape == "not_member" and v != "not_member":
        raise ValueError(f"{code} has a seat on {sym}")
    if shape == "yesno":
        f["asked"] = s["vote"]
        f["answer_yes"] = v == s["vote"]
    if shape == "sided":
        if v not in CAST:
            raise ValueError(f"{code} cast no vote on {sym}")
        f["sided_with"] = sorted(c for c, w in r["votes"].items() if w == v and c != code)
        opp = {"yes": "no", "no": "yes"}.get(v)
        f["opposite"] = sorted(c for c, w in r["votes"].items() if opp and w == opp)
    return f


def _exp_group_filter(s, shape, today, data):
    sym, gid = s["symbol"], s["group"]
    r = data.res[sym]
    members = group_recorded(data, gid, sym)
    return {
        "symbol": sym,
        "date": r["date"],
        "group": gid,
        "members": members,
        "asked": s.get("vote"),
        "lists": lists_for(data, sym, set(members)),
        "recorded_all": sorted(r["votes"]),
    }


def _exp_group_vote(s, shape, today, data):
    sym, gid = s["symbol"], s["group"]
    r = data.res[sym]
    members = group_recorded(data, gid, sym)
    votes = {m: r["votes"][m] for m in members}
    absent = sorted(group_members(data, gid, r["date"]) - set(members))
    return {
        "symbol": sym,
        "date": r["date"],
        "group": gid,
        "votes": votes,
        "split": dict(Counter(votes.values())),
        "not_member": absent,
    }


def _exp_ever(s, shape, today, data):
    code, want = s["country"], s["vote"]
    syms = [x for x in candidates(data, s, today) if code in data.res[x]["votes"]]
    allv = [
        {"symbol": x, "date": data.res[x]["date"], "vote": data.res[x]["votes"][code]} for x in syms
    ]
    match = [e for e in allv if e["vote"] == want]
    f = {
        "country": code,
        "vote": want,
        "topic_regex": s.get("topic_regex"),
        "topic_votes": len(allv),
        "count": len(match),
        "votes": match,
        "first": match[0]["date"] if match else None,
        "last": match[-1]["date"] if match else None,
    }
    if shape == "ever":
        f["answer_yes"] = bool(match)
    if shape == "always":
        if not allv:
            raise ValueError(f"no topic votes for {code}")
        f["exceptions"] = [e for e in allv if e["vote"] != want]
        f["answer_yes"] = not f["exceptions"]
    return f


def _tally_key(kind, r):
    y, n, a = r["yes"], r["no"], r["abstain"]
    if kind == "closest":
        return y - n
    if kind == "lopsided":
        return -(y - n)
    if kind == "divisive":
        return y / (y + n + a)
    if kind == "recent":
        return tuple(-int(p) for p in r["date"].split("-"))
    raise ValueError(f"unknown ranking {kind}")


def _exp_ranking(s, shape, today, data):
    kind = shape[len("ranking_") :]
    syms = [
        x
        for x in candidates(data, s, today)
        if data.res[x]["yes"] + data.res[x]["no"] + data.res[x]["abstain"] > 0
    ]
    keyed = {}
    for x in syms:
        r = data.res[x]
        if kind == "minority":
            v = r["votes"].get(s["country"])
            if v in CAST:
                keyed[x] = sum(1 for w in r["votes"].values() if w == v)
        else:
            keyed[x] = _tally_key(kind, r)
    if not keyed:
        raise ValueError("no candidates")
    best = min(keyed.values())
    top = sorted(x for x, k in keyed.items() if k == best)
    ranked = sorted(keyed, key=lambda x: (keyed[x], x))
    leaders = []
    for x in ranked[:5]:
        d = res_summary(data, x)
        d["key"] = None if kind == "recent" else keyed[x]
        if kind == "minority":
            d["country_vote"] = data.res[x]["votes"][s["country"]]
        leaders.append(d)
    f = {
        "ranking": kind,
        "candidates": len(keyed),
        "top": top,
        "top_value": data.res[top[0]]["date"] if kind == "recent" else best,
        "leaders": leaders,
    }
    if kind == "minority":
        f["country"] = s["country"]
    return f


def _exp_switch(s, shape, today, data):
    f = {}
    if shape == "switch_pair":
        a, b = s["from"], s["to"]
    else:
        syms = candidates(data, s, today)
        if len(syms) < 2:
            raise ValueError("series too short")
        a, b = syms[0], syms[-1]
        f["series"] = syms
    va, vb = data.res[a]["votes"], data.res[b]["votes"]
    changes = [
        {"code": c, "from": va[c], "to": vb[c]} for c in sorted(set(va) & set(vb)) if va[c] != vb[c]
    ]
    f.update(
        {
            "from": a,
            "to": b,
            "from_date": data.res[a]["date"],
            "to_date": data.res[b]["date"],
            "changes": changes,
        }
    )
    return f


def _exp_compare(s, shape, today, data):
    # the reference is the group (or the first country); the other country is compared with it
    ref = reference_positions(data, s, today)
    other = s["country"] if s.get("group") else s["other"]
    same, n = agreement_table(data, ref).get(other, [0, 0])
    if not n:
        raise ValueError("no shared votes")
    return {
        "a": s["country"],
        "b": s.get("group") or s.get("other"),
        "votes": n,
        "same": same,
        "agreement": same / n,
    }


def _allies_variant(tab, drop):
    rows = {c: (t[0] / t[1], t[1]) for c, t in tab.items() if c not in drop and t[1] > 0}
    # "full participants": at least 90% of the largest number of shared votes
    full_min = 0.9 * max(v[1] for v in rows.values())
    full = {c: v for c, v in rows.items() if v[1] >= full_min}
    hi = max(v[0] for v in full.values())
    lo = min(v[0] for v in full.values())
    return {
        "table": rows,
        "full_min": full_min,
        "bar_most": hi,
        "bar_least": lo,
        "most_full": sorted(c for c, v in full.items() if v[0] == hi),
        "least_full": sorted(c for c, v in full.items() if v[0] == lo),
        "most5": sorted(rows, key=lambda c: (-rows[c][0], c))[:5],
        "least5": sorted(rows, key=lambda c: (rows[c][0], c))[:5],
    }


def _exp_allies(s, shape, today, data):
    ref = reference_positions(data, s, today)
    tab = agreement_table(data, ref)
    positioned = sum(1 for v in ref.values() if v is not None)
    if s.get("group"):
        excl = set()
        for sym in ref:
            excl |= group_members(data, s["group"], data.res[sym]["date"])
        # the group's allies among non-members, or (also accepted) among everyone
        variants = {"others": _allies_variant(tab, excl), "all": _allies_variant(tab, set())}
        label = s["group"]
    else:
        variants = {"others": _allies_variant(tab, {s["country"]})}
        label = s["country"]
    return {"ref": label, "positioned": positioned, "variants": variants}


def _exp_topic_period(s, shape, today, data):
    code = s["country"]
    entries = [
        {
            "symbol": x,
            "date": data.res[x]["date"],
            "vote": data.res[x]["votes"].get(code, "not_member"),
        }
        for x in candidates(data, s, today)
    ]
    return {
        "country": code,
        "entries": entries,
        "since": s.get("since"),
        "until": s.get("until") or today,
    }


def _exp_both(s, shape, today, data):
    f = {"countries": list(s["countries"])}
    if s.get("symbol"):
        f["symbol"] = s["symbol"]
        f["votes"] = {c: vote_of(data, c, s["symbol"]) for c in s["countries"]}
        return f
    syms = candidates(data, s, today)
    f["entries"] = {
        c: [
            {"symbol": x, "date": data.res[x]["date"], "vote": data.res[x]["votes"][c]}
            for x in syms
            if c in data.res[x]["votes"]
        ]
        for c in s["countries"]
    }
    f["since"], f["until"] = s.get("since"), s.get("until")
    return f


def _exp_names(s, shape, today, data):
    sym = s["symbol"]
    r = data.res[sym]
    restrict = set(group_recorded(data, s["group"], sym)) if s.get("group") else None
    names = {c: {"recorded": r["names"].get(c), "expected": n} for c, n in s["names"].items()}
    for c, d in names.items():
        if d["recorded"] is None:
            raise ValueError(f"{c} has no row on {sym}")
    return {
        "symbol": sym,
        "date": r["date"],
        "lists": lists_for(data, sym, restrict),
        "names": names,
    }


EXPECTED = {
    "howvoted": _exp_vote,
    "not_member": _exp_vote,
    "yesno": _exp_vote,
    "sided": _exp_vote,
    "group_filter": _exp_group_filter,
    "group_vote": _exp_group_vote,
    "ever": _exp_ever,
    "count": _exp_ever,
    "always": _exp_ever,
    "ranking_closest": _exp_ranking,
    "ranking_divisive": _exp_ranking,
    "ranking_lopsided": _exp_ranking,
    "ranking_minority": _exp_ranking,
    "ranking_recent": _exp_ranking,
    "switch_pair": _exp_switch,
    "switch_series": _exp_switch,
    "compare_group": _exp_compare,
    "allies_group": _exp_allies,
    "topic_period": _exp_topic_period,
    "both_readings": _exp_both,
    "names_then": _exp_names,
}


def expected(row_spec: dict, shape: str, today: str, data) -> dict:
    """The expected facts of one row (see the module docstring for the definitions)."""
    if shape not in EXPECTED:
        raise ValueError(f"unknown shape {shape}")
    f = {"shape": shape}
    f.update(EXPECTED[shape](row_spec, shape, today, data))
    return f


# --------------------------------------------------------------------------
# checking an answer


def _code(x):
    return x.get("code") if isinstance(x, dict) else x


def _codes(xs):
    return {_code(x) for x in (xs or [])}


def _sym(x):
    return x.get("symbol") if isinstance(x, dict) else x


def _share(x):
    """An agreement given as a share (0..1) or a percentage."""
    x = float(x)
    return x / 100.0 if x > 1.0 + 1e-9 else x


def _diff(label, want, got):
    want, got = set(want), set(got)
    if want == got:
        return None
    miss, extra = sorted(want - got), sorted(got - want)
    return f"{label}: missing {miss[:12]}, extra {extra[:12]}"


def _text_yes(answer):
    t = (answer.get("text") or "").lstrip()
    if t.startswith("Yes."):
        return True
    if t.startswith("No."):
        return False
    return None


def _check_yes_text(f, a):
    ty = _text_yes(a)
    if ty is None:
        return "text does not begin with Yes. or No."
    if ty != f["answer_yes"]:
        said, want = ("Yes" if ty else "No"), ("Yes" if f["answer_yes"] else "No")
        return f"text says {said}, want {want}"
    return None


def _check_howvoted(f, a):
    if a.get("kind") != "howvoted":
        return f"kind is {a.get('kind')!r}, want howvoted"
    if _code(a.get("country")) != f["country"]:
        return f"country {_code(a.get('country'))!r}, want {f['country']}"
    if _sym(a.get("resolution")) != f["symbol"]:
        return f"resolution {_sym(a.get('resolution'))!r}, want {f['symbol']}"
    if a.get("vote") != f["vote"]:
        return f"vote {a.get('vote')!r}, want {f['vote']}"
    return None


def _check_history_entries(want_entries, a_entries, label):
    got = {}
    for e in a_entries or []:
        got[_sym(e.get("resolution", e.get("symbol")))] = e.get("vote")
    err = _diff(label + " symbols", [e["symbol"] for e in want_entries], got)
    if err:
        return err
    for e in want_entries:
        if got[e["symbol"]] != e["vote"]:
            return f"{label} {e['symbol']}: vote {got[e['symbol']]!r}, want {e['vote']}"
    return None


def _chk_vote(shape, f, a):
    err = _check_howvoted(f, a)
    if err or shape in ("howvoted", "not_member"):
        return err
    if shape == "yesno":
        return _check_yes_text(f, a)
    # sided
    err = _diff("sided_with", f["sided_with"], _codes(a.get("sided_with")))
    if err:
        return err
    opp = _codes(a.get("opposed_by"))
    if opp & set(f["sided_with"]) or f["country"] in opp:
        return "opposed_by overlaps sided_with"
    if not set(f["opposite"]) <= opp:
        return f"opposed_by lacks {sorted(set(f['opposite']) - opp)[:12]}"
    return None


def _chk_names(f, a):
    named = {}
    for key in LIST_KEYS.values():
        for e in a.get(key + "_named") or []:
            named[e.get("code")] = e.get("name_then")
    for code, d in f["names"].items():
        got = named.get(code)
        if got is None:
            return f"no name_then for {code}"
        if norm_name(got) not in {norm_name(d["recorded"]), norm_name(d["expected"])}:
            return f"name_then of {code} is {got!r}, want {d['expected']!r}"
    return None


def _chk_resolution(shape, f, a):
    if a.get("kind") != "resolution":
        return f"kind is {a.get('kind')!r}, want resolution"
    if _sym(a.get("resolution")) != f["symbol"]:
        return f"resolution {_sym(a.get('resolution'))!r}, want {f['symbol']}"
    if shape == "group_filter":
        g = a.get("group") or {}
        got = _codes(g.get("members")) & set(f["recorded_all"])
        err = _diff("group members (recorded)", f["members"], got)
        if err:
            return err
    for key, want in f["lists"].items():
        err = _diff(key, want, _codes(a.get(key)))
        if err:
            return err
    return _chk_names(f, a) if shape == "names_then" else None


def _chk_group_vote(shape, f, a):
    if a.get("kind") != "group_vote":
        return f"kind is {a.get('kind')!r}, want group_vote"
    if _sym(a.get("resolution")) != f["symbol"]:
        return f"resolution {_sym(a.get('resolution'))!r}, want {f['symbol']}"
    votes = a.get("votes") or {}
    err = _diff("group members", f["votes"], {c for c, v in votes.items() if v != "not_member"})
    if err:
        return err
    for c, v in f["votes"].items():
        if votes.get(c) != v:
            return f"vote of {c} is {votes.get(c)!r}, want {v}"
    split = {k: v for k, v in (a.get("split") or {}).items() if v and k != "not_member"}
    if split != f["split"]:
        return f"split {split!r}, want {f['split']!r}"
    return None


def _chk_ever(shape, f, a):
    if a.get("kind") != "ever":
        return f"kind is {a.get('kind')!r}, want ever"
    if _code(a.get("country")) != f["country"]:
        return f"country {_code(a.get('country'))!r}, want {f['country']}"
    if a.get("vote") != f["vote"]:
        return f"vote {a.get('vote')!r}, want {f['vote']}"
    if int(a.get("count", -1)) != f["count"]:
        return f"count {a.get('count')!r}, want {f['count']}"
    if shape == "always":
        want = [e["symbol"] for e in f["exceptions"]]
        err = _diff("exceptions", want, {_sym(e) for e in a.get("exceptions") or []})
    else:
        got = a.get("votes") or []
        err = _diff("votes", [e["symbol"] for e in f["votes"]], {_sym(e) for e in got})
        if not err and got:
            first, last = got[0].get("date"), got[-1].get("date")
            if (first, last) != (f["first"], f["last"]):
                err = f"first/last {first}/{last}, want {f['first']}/{f['last']}"
    if err or shape == "count":
        return err
    return _check_yes_text(f, a)


def _chk_ranking(shape, f, a):
    if a.get("kind") != "ranking":
        return f"kind is {a.get('kind')!r}, want ranking"
    if a.get("ranking") != f["ranking"]:
        return f"ranking {a.get('ranking')!r}, want {f['ranking']}"
    results = a.get("results") or []
    if not results:
        return "no results"
    first = _sym(results[0])
    if first not in f["top"]:
        return f"first result {first}, want one of {f['top'][:8]}"
    return None


def _chk_switch(shape, f, a):
    if a.get("kind") != "switch":
        return f"kind is {a.get('kind')!r}, want switch"
    got_from, got_to = _sym(a.get("from")), _sym(a.get("to"))
    if (got_from, got_to) != (f["from"], f["to"]):
        return f"from/to {got_from}/{got_to}, want {f['from']}/{f['to']}"
    want = {(c["code"], c["from"], c["to"]) for c in f["changes"]}
    got = {(c.get("code"), c.get("from"), c.get("to")) for c in a.get("changes") or []}
    return _diff("changes", want, got)


def _chk_compare(shape, f, a):
    if a.get("kind") != "compare":
        return f"kind is {a.get('kind')!r}, want compare"
    if int(a.get("votes", -1)) != f["votes"]:
        return f"votes {a.get('votes')!r}, want {f['votes']}"
    if abs(_share(a.get("agreement")) - f["agreement"]) > 0.001:
        return f"agreement {a.get('agreement')!r}, want {f['agreement']:.4f}"
    return None


def _check_allies_variant(v, a):
    """most[0] must agree with the reference at least as well as the best full
    participant (and least[0] at most as well as the worst one); a country
    with fewer shared votes may come first only if it does better still.
    The agreement reported for it must match."""
    tab = v["table"]
    for side, bar in (("most", v["bar_most"]), ("least", v["bar_least"])):
        lst = a.get(side) or []
        if not lst:
            return f"no {side} list"
        c = _code(lst[0])
        if c not in tab:
            return f"{side}[0] {c} is not a candidate"
        mine = tab[c][0]
        if (side == "most" and mine < bar - 1e-9) or (side == "least" and mine > bar + 1e-9):
            want = v["most_full"] if side == "most" else v["least_full"]
            return f"{side}[0] {c} ({mine:.4f}), want one of {want[:6]} ({bar:.4f}) or better"
        if isinstance(lst[0], dict) and lst[0].get("agreement") is not None:
            if abs(_share(lst[0]["agreement"]) - mine) > 0.001:
                return f"{side}[0] {c} agreement {lst[0]['agreement']!r}, want {mine:.4f}"
    return None


def _chk_allies(shape, f, a):
    if a.get("kind") != "allies":
        return f"kind is {a.get('kind')!r}, want allies"
    errs = []
    for label, v in f["variants"].items():
        err = _check_allies_variant(v, a)
        if err is None:
            return None
        errs.append(f"{label}: {err}")
    return "; ".join(errs)


def _chk_topic_period(shape, f, a):
    if a.get("kind") != "history":
        return f"kind is {a.get('kind')!r}, want history"
    if _code(a.get("country")) != f["country"]:
        return f"country {_code(a.get('country'))!r}, want {f['country']}"
    want = [e for e in f["entries"] if e["vote"] != "not_member"]
    got = [e for e in a.get("entries") or [] if e.get("vote") != "not_member"]
    return _check_history_entries(want, got, "entries")


def _chk_ambiguous(f, a):
    """Asking back is acceptable for a year (no symbol) if both seats are offered."""
    if a.get("status") != "ambiguous":
        return f"unresolved ({a.get('status')!r}), want both readings or a question naming both"
    cand = a.get("candidates") or []
    codes = {_code(x) if isinstance(x, dict) else x for x in cand}
    if set(f["countries"]) <= codes:
        return None
    blob = json.dumps(cand, ensure_ascii=False).lower()
    aliases = {
        "GER": ("federal republic", "west germany"),
        "DDR": ("german democratic republic", "east germany"),
    }
    if all(any(n in blob for n in aliases.get(c, ())) for c in f["countries"]):
        return None
    return f"ambiguous, but the candidates do not name both {f['countries']}"


def _chk_both(shape, f, a):
    if a.get("kind") == "unresolved" and not f.get("symbol"):
        return _chk_ambiguous(f, a)
    if a.get("kind") != "readings":
        return f"kind is {a.get('kind')!r}, want readings"
    rd = a.get("readings") or []
    if len(rd) != 2:
        return f"{len(rd)} readings, want 2"
    by = {_code(r.get("country")): r for r in rd}
    err = _diff("reading countries", f["countries"], by)
    if err:
        return err
    for c in f["countries"]:
        r = by[c]
        if f.get("symbol"):
            err = _check_howvoted({"country": c, "symbol": f["symbol"], "vote": f["votes"][c]}, r)
        elif r.get("kind") != "history":
            err = f"kind is {r.get('kind')!r}, want history"
        else:
            err = _check_history_entries(f["entries"][c], r.get("entries"), "entries")
        if err:
            return f"reading {c}: {err}"
    return None


CHECKS = {
    "howvoted": _chk_vote,
    "not_member": _chk_vote,
    "yesno": _chk_vote,
    "sided": _chk_vote,
    "group_filter": _chk_resolution,
    "names_then": _chk_resolution,
    "group_vote": _chk_group_vote,
    "ever": _chk_ever,
    "count": _chk_ever,
    "always": _chk_ever,
    "ranking_closest": _chk_ranking,
    "ranking_divisive": _chk_ranking,
    "ranking_lopsided": _chk_ranking,
    "ranking_minority": _chk_ranking,
    "ranking_recent": _chk_ranking,
    "switch_pair": _chk_switch,
    "switch_series": _chk_switch,
    "compare_group": _chk_compare,
    "allies_group": _chk_allies,
    "topic_period": _chk_topic_period,
    "both_readings": _chk_both,
}


def check(shape: str, facts: dict, answer: dict) -> tuple[bool, str]:
    """Compare an answer object (votebot ask --json) with the expected facts."""
    if shape not in CHECKS:
        return False, f"unknown shape {shape}"
    if not isinstance(answer, dict):
        return False, "answer is not an object"
    try:
        why = CHECKS[shape](shape, facts, answer)
    except Exception as exc:  # a malformed answer
        why = f"malformed answer: {type(exc).__name__}: {exc}"
    return why is None, why or "ok"


# --------------------------------------------------------------------------
# the table and --print


def read_tsv(path=TSV_PATH):
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    for r in rows:
        r["spec"] = json.loads(r["spec"])
    return rows


def _line(e):
    return f"{e['date']} {e['symbol']} {e['vote']}"


def _joined(codes):
    return f"{len(codes)}: {' '.join(codes)}"


def _brief_variants(variants):
    out = {}
    for k, v in variants.items():
        tab = v["table"]
        out[k] = {
            "most": [f"{c} {tab[c][0]:.3f}/{tab[c][1]}" for c in v["most5"]],
            "least": [f"{c} {tab[c][0]:.3f}/{tab[c][1]}" for c in v["least5"]],
            "full_min_votes": round(v["full_min"], 1),
            "best_full": f"{' '.join(v['most_full'])} {v['bar_most']:.3f}",
            "worst_full": f"{' '.join(v['least_full'])} {v['bar_least']:.3f}",
        }
    return out


def _brief_entries(entries):
    if isinstance(entries, dict):
        return {
            c: f"{len(v)} votes, {dict(Counter(e['vote'] for e in v))}" for c, v in entries.items()
        }
    return [_line(e) for e in entries]


def _brief(f):
    """A readable digest of the facts for --print."""
    out = dict(f)
    out.pop("recorded_all", None)
    out.pop("shape", None)
    if "lists" in out:
        out["lists"] = {k: _joined(v) for k, v in out["lists"].items()}
    if isinstance(out.get("votes"), list):
        out["votes"] = [_line(e) for e in out["votes"]]
    if "exceptions" in out:
        out["exceptions"] = [_line(e) for e in out["exceptions"]]
    if "entries" in out:
        out["entries"] = _brief_entries(out["entries"])
    if "changes" in out:
        out["n_changes"] = len(out["changes"])
        out["changes"] = [f"{c['code']} {c['from']}>{c['to']}" for c in out["changes"]]
    if "series" in out:
        out["series"] = _joined(out["series"])
    if "sided_with" in out:
        out["sided_with"] = _joined(out["sided_with"])
        out["opposite"] = _joined(out["opposite"])
    if "variants" in out:
        out["variants"] = _brief_variants(out["variants"])
    if "agreement" in out:
        out["agreement"] = round(out["agreement"], 4)
    if "members" in out:
        out["members"] = _joined(out["members"])
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--csv", default="/work/shared/data/unga-votes.csv.gz")
    ap.add_argument("--tsv", default=TSV_PATH)
    ap.add_argument("--groups", default=GROUPS_PATH)
    ap.add_argument("--print", action="store_true", help="print every row with its facts")
    args = ap.parse_args(argv)
    data = load_rows(args.csv, args.groups)
    rows = read_tsv(args.tsv)
    bad = 0
    by_shape = Counter()
    for i, r in enumerate(rows, 1):
        by_shape[r["shape"]] += 1
        try:
            f = expected(r["spec"], r["shape"], r["today"], data)
        except Exception as exc:
            bad += 1
            print(f"{i:3d} ERROR {r['shape']} | {r['question']} | {type(exc).__name__}: {exc}")
            continue
        if args.print:
            print(f"{i:3d} [{r['shape']}] {r['question']}  (today {r['today']})")
            print(f"    spec: {json.dumps(r['spec'], ensure_ascii=False)}")
            for k, v in _brief(f).items():
                shown = v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
                print(f"    {k}: {shown}")
    print(f"rows: {len(rows)}, errors: {bad}")
    print("by shape: " + ", ".join(f"{k} {n}" for k, n in sorted(by_shape.items())))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
