#!/usr/bin/env python3
"""Agreement of the mail parser with golden outputs and with Python's `email` package.

usage: scripts/mail_agreement.py [--corpora DIR] [--bench PATH] [--verbose] [--json OUT]

Reads the e-mail test suites under DIR (default ../shared/corpora/email: `zbateson/` and
`php-mime-mail-parser/`, each with `expected/expected.json`), runs `triage-bench mail-dump` over their
messages, parses the same files with Python's `email` package (policy.default) and compares both with the
goldens, field by field.

A field counts as *agreed* when the golden and Python give the same answer; the headline figure is the
share of messages whose every agreed field is right (a field where the two references disagree is
ambiguous and listed, not scored). Also printed: agreement with the golden alone, and Python's own score.

Comparison rules (the same for both parsers):
- subject: equal strings.
- from / to: the first mailbox; address equal ignoring case, display name equal (no name = the address
  for php-mime-mail-parser, which reports it that way).
- message_id: equal without angle brackets. date: the same instant.
- text / html (zbateson): equal after collapsing white space; HTML after removing tags and entities
  (as upstream's test does). text / html (php-mime-mail-parser): `exact` = equal after collapsing white
  space, `substring_count` = the substring occurs that many times.
- attachments (zbateson): the count. (php-mime-mail-parser): count, then per attachment in order the
  decoded size and the file name (names the golden made up, `noname…`, are not compared).

Skips with a message (exit 0) when the corpora folder is absent.
"""
import argparse, email, email.policy, html, json, os, re, subprocess, sys
from email import utils as email_utils

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)


def collapse(text):
    return re.sub(r"\s+", " ", text or "").strip()


def strip_html(text):
    text = re.sub(r"(?s)<!--.*?-->", "", text or "")
    text = re.sub(r"(?s)<[^>]*>", "", text)
    return html.unescape(text.replace("&nbsp;", " ")).replace("\u00a0", " ")


# ----------------------------------------------------------------------------------------------- Python side

def leaf_parts(msg):
    """Every part that is not a multipart container, in order; message/* parts are leaves (not entered)."""
    stack = [msg]
    out = []
    while stack:
        part = stack.pop(0)
        if part.get_content_maintype() == "multipart" and isinstance(part.get_payload(), list):
            stack = list(part.get_payload()) + stack
        else:
            out.append(part)
    return out


def python_view(path):
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    view = {}

    def safe(fn):
        try:
            return fn()
        except Exception:  # noqa: BLE001 - a reference that throws has no answer
            return None

    view["subject"] = safe(lambda: str(msg["subject"]) if msg["subject"] is not None else None)

    def first(name):
        header = msg[name]
        if header is None:
            return None
        addrs = header.addresses
        if not addrs:
            return None
        return {"name": addrs[0].display_name or None, "address": addrs[0].addr_spec}

    view["from"] = safe(lambda: first("from"))
    view["to"] = safe(lambda: first("to"))
    view["message_id"] = safe(lambda: str(msg["message-id"]).strip().strip("<>") if msg["message-id"] else None)
    view["date"] = safe(lambda: msg["date"].datetime.timestamp() if msg["date"] is not None else None)
    plain = safe(lambda: msg.get_body(("plain",)))
    htmlpart = safe(lambda: msg.get_body(("html",)))
    view["text"] = safe(lambda: plain.get_content()) if plain is not None else None
    view["html"] = safe(lambda: htmlpart.get_content()) if htmlpart is not None else None
    atts = []
    for part in safe(lambda: leaf_parts(msg)) or []:
        if part is plain or part is htmlpart or part is msg and msg.get_content_maintype() == "text":
            continue
        data = safe(lambda: part.get_payload(decode=True))
        if data is None and part.get_content_maintype() == "message":
            data = safe(lambda: part.as_bytes())
        atts.append({"filename": safe(part.get_filename), "size": len(data or b""),
                     "content_type": part.get_content_type()})
    view["attachments"] = atts
    return view


def swift_views(bench, files):
    out = subprocess.run([bench, "mail-dump", *files], capture_output=True, check=True)
    views = {}
    for line in out.stdout.decode().splitlines():
        rec = json.loads(line)
        fr = rec.get("from") or []
        to = rec.get("to") or []
        date = None
        if rec.get("date"):
            from datetime import datetime
            date = datetime.fromisoformat(rec["date"].replace("Z", "+00:00")).timestamp()
        views[rec["file"]] = {
            "subject": rec.get("subject"),
            "from": {"name": fr[0].get("name"), "address": fr[0]["address"]} if fr else None,
            "to": {"name": to[0].get("name"), "address": to[0]["address"]} if to else None,
            "message_id": rec.get("messageID"),
            "date": date,
            "text": rec.get("text"),
            "html": rec.get("html"),
            "attachments": [{"filename": a.get("filename"), "size": a["size"], "content_type": a["contentType"]}
                            for a in rec.get("attachments", [])],
            "defects": rec.get("defects", []),
        }
    return views


# ----------------------------------------------------------------------------------------------- goldens

def zbateson_cases(root):
    base = os.path.join(root, "zbateson")
    expected = json.load(open(os.path.join(base, "expected", "expected.json")))
    files_dir = os.path.join(base, "tests", "_data", "emails", "files")
    cases = []
    for key, props in sorted(expected.items()):
        path = os.path.join(base, "tests", "_data", "emails", key + ".txt")
        checks = {}

        def mailbox_check(exp):
            def check(v):
                if v is None:
                    return False
                if "email" in exp and (v["address"] or "").lower() != exp["email"].lower():
                    return False
                if "name" in exp and (v["name"] or "") != exp["name"]:
                    return False
                return True
            return check

        if "From" in props:
            checks["from"] = mailbox_check(props["From"])
        if "To" in props:
            checks["to"] = mailbox_check(props["To"])
        if "Subject" in props:
            checks["subject"] = (lambda exp: lambda v: v == exp)(props["Subject"])
        if "Message-ID" in props:
            checks["message_id"] = (lambda exp: lambda v: v == exp)(props["Message-ID"])
        if "Date" in props:
            from datetime import datetime
            want = datetime.fromisoformat(props["Date"]["iso_utc"].replace("Z", "+00:00")).timestamp()
            checks["date"] = (lambda exp: lambda v: v is not None and abs(v - exp) < 1)(want)
        if "text" in props:
            want = collapse(open(os.path.join(files_dir, props["text"]), "rb").read().decode("latin-1"))
            checks["text"] = (lambda exp: lambda v: v is not None and collapse(v) == exp)(want)
        if "html" in props:
            want = collapse(open(os.path.join(files_dir, props["html"]), "rb").read().decode("latin-1"))
            checks["html"] = (lambda exp: lambda v: v is not None and collapse(strip_html(v)) == exp)(want)
        if props.get("attachments"):
            checks["attachments"] = (lambda exp: lambda v: len(v) == exp)(props["attachments"])
        cases.append(("zbateson", key, path, checks))
    return cases


def php_cases(root):
    base = os.path.join(root, "php-mime-mail-parser")
    expected = json.load(open(os.path.join(base, "expected", "expected.json")))
    cases = []
    for props in expected:
        path = os.path.join(base, "tests", "mails", props["mid"])
        checks = {}

        def mailbox_check(exp):
            def check(v):
                if v is None:
                    return False
                return (v["address"] or "").lower() == exp["address"].lower() and \
                    (v["name"] or v["address"]) == exp["display"]
            return check

        checks["subject"] = (lambda exp: lambda v: v == exp)(props["subject"])
        if props["from_addresses"]:
            checks["from"] = mailbox_check(props["from_addresses"][0])
        if props["to_addresses"]:
            checks["to"] = mailbox_check(props["to_addresses"][0])
        for field, key, transform in (("text", "text_expected", lambda s: s), ("html", "html_expected", lambda s: s)):
            exp = props.get(key)
            if not exp:
                continue
            if exp["mode"] == "exact":
                checks[field] = (lambda e: lambda v: collapse(v) == collapse(e))(exp["value"])
            else:
                checks[field] = (lambda e: lambda v: (v or "").count(e["substring"]) == e["count"])(exp)
        atts = props["attachments"]

        def att_check(exp):
            def check(v):
                if len(v) != len(exp):
                    return False
                for got, want in zip(v, exp):
                    if got["size"] != want["decoded_size"]:
                        return False
                    if not re.fullmatch(r"noname\d*", want["filename"]) and got["filename"] != want["filename"]:
                        return False
                return True
            return check

        checks["attachments"] = att_check(atts)
        cases.append(("php-mime-mail-parser", props["mid"], path, checks))
    return cases


# ----------------------------------------------------------------------------------------------- report

def safe_check(check, value):
    try:
        return bool(check(value))
    except Exception:  # noqa: BLE001 - a value of the wrong shape is a miss
        return False


def short(value):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 160 else text[:157] + "..."


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpora", default=os.path.join(ROOT, "..", "shared", "corpora", "email"))
    ap.add_argument("--bench", default=None, help="triage-bench binary (default: .build/release, then debug)")
    ap.add_argument("--verbose", action="store_true", help="list every difference")
    ap.add_argument("--json", help="write the per-message results here")
    args = ap.parse_args()
    if not os.path.isdir(args.corpora):
        print(f"mail_agreement: SKIP, no corpora at {args.corpora}", file=sys.stderr)
        return 0
    bench = args.bench
    if bench is None:
        for candidate in (".build/release/triage-bench", ".build/debug/triage-bench"):
            if os.access(os.path.join(ROOT, candidate), os.X_OK):
                bench = os.path.join(ROOT, candidate)
                break
    if bench is None:
        print("mail_agreement: build triage-bench first (swift build -c release --product triage-bench)",
              file=sys.stderr)
        return 2

    cases = zbateson_cases(args.corpora) + php_cases(args.corpora)
    missing = [c for c in cases if not os.path.exists(c[2])]
    for suite, key, _, _ in missing:
        print(f"mail_agreement: {suite}/{key}: golden without a message file, not scored", file=sys.stderr)
    cases = [c for c in cases if os.path.exists(c[2])]
    ours = swift_views(bench, [path for _, _, path, _ in cases])
    fields = ["subject", "from", "to", "message_id", "date", "text", "html", "attachments"]
    results = []
    for suite, key, path, checks in cases:
        py = python_view(path)
        mine = ours.get(path)
        row = {"suite": suite, "id": key, "fields": {}}
        for field, check in checks.items():
            golden_py = safe_check(check, py.get(field))
            ok = mine is not None and safe_check(check, mine[field])
            row["fields"][field] = {"ours": ok, "python": golden_py, "agreed": golden_py,
                                    "our_value": None if mine is None else mine[field], "python_value": py.get(field)}
        results.append(row)

    def pct(a, b):
        return f"{a}/{b} ({100.0 * a / b:.1f} %)" if b else "-"

    for suite in ("zbateson", "php-mime-mail-parser", "all"):
        rows = [r for r in results if suite == "all" or r["suite"] == suite]
        print(f"== {suite}: {len(rows)} messages")
        print(f"{'field':<12} {'golden':>7} {'ours=golden':>18} {'python=golden':>18} {'ours, refs agree':>20}")
        for field in fields:
            cells = [r["fields"][field] for r in rows if field in r["fields"]]
            if not cells:
                continue
            agreed = [c for c in cells if c["agreed"]]
            print(f"{field:<12} {len(cells):>7} {pct(sum(c['ours'] for c in cells), len(cells)):>18} "
                  f"{pct(sum(c['python'] for c in cells), len(cells)):>18} "
                  f"{pct(sum(c['ours'] for c in agreed), len(agreed)):>20}")
        whole_golden = sum(all(c["ours"] for c in r["fields"].values()) for r in rows)
        whole_py = sum(all(c["python"] for c in r["fields"].values()) for r in rows)
        whole_agreed = sum(all(c["ours"] for c in r["fields"].values() if c["agreed"]) for r in rows)
        print(f"whole message: ours = golden {pct(whole_golden, len(rows))}; python = golden "
              f"{pct(whole_py, len(rows))}; ours right on every field where golden and python agree "
              f"{pct(whole_agreed, len(rows))}")
        print()

    print("differences (field: ours / python; * = golden and python agree, so ours is wrong):")
    for r in results:
        for field, c in r["fields"].items():
            if c["ours"]:
                continue
            mark = "*" if c["agreed"] else " "
            print(f" {mark} {r['suite']}/{r['id']} {field}")
            if args.verbose:
                print(f"      ours:   {short(c['our_value'])}")
                print(f"      python: {short(c['python_value'])}")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(results, f, ensure_ascii=True, indent=1, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
