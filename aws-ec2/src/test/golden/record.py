"""Records what the AWS CLI v1 would send for a seeded corpus of EC2 security-group commands.

Runs awscli's own driver in-process with fake credentials and region; a before-call handler captures the
validated request parameters and aborts before anything is signed or sent (the HTTP layer is also disabled).
Writes one JSON object per line: {"id", "line", "sent": {...} | null, "error": "...", "deliberate": "..."}.
"deliberate" names the category of a case the CLI sends but Portcullis refuses on purpose (see aws-ec2 README).

Usage: python3 record.py OUT.jsonl   (aws-cli 1.45, Python 3.11; seed fixed, so the output is reproducible)
"""
import atexit, contextlib, copy, io, ipaddress, json, os, random, shlex, sys, tempfile

# A config with only a fake default profile, so that --profile default means the same in every run.
_config = tempfile.NamedTemporaryFile("w", suffix=".ini", delete=False)
_config.write("[default]\nregion = us-east-1\naws_access_key_id = AKIDEXAMPLEFAKE\n"
              "aws_secret_access_key = fake-secret\n")
_config.close()
atexit.register(os.remove, _config.name)
os.environ.update({"AWS_ACCESS_KEY_ID": "AKIDEXAMPLEFAKE", "AWS_SECRET_ACCESS_KEY": "fake-secret",
                   "AWS_DEFAULT_REGION": "us-east-1", "AWS_CONFIG_FILE": _config.name,
                   "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_EC2_METADATA_DISABLED": "true"})
os.environ.pop("AWS_PROFILE", None)
os.environ.pop("AWS_SESSION_TOKEN", None)

import botocore.endpoint
import botocore.session
from awscli import clidriver


def _no_network(*a, **k):
    raise RuntimeError("network disabled")


botocore.endpoint.Endpoint._send = _no_network

# Building a client dominates each run; one client per service gives the same parameters much faster.
_clients = {}
_create_client = botocore.session.Session.create_client


def _cached_client(self, service_name, *args, **kwargs):
    if service_name not in _clients:
        _clients[service_name] = _create_client(self, service_name, *args, **kwargs)
    return _clients[service_name]


botocore.session.Session.create_client = _cached_client


class Captured(Exception):
    pass


state = {}


def _params(params, **kwargs):
    state["pending"] = copy.deepcopy(params)


def _before_call(**kwargs):
    state["sent"] = state.get("pending")
    raise Captured()


driver = clidriver.create_clidriver()
driver.session.register("before-parameter-build.ec2", _params)
driver.session.register("before-call.ec2", _before_call)


def run(argv):
    state.clear()
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            driver.main(argv)
        except SystemExit:
            pass
    if "sent" in state:
        return state["sent"], ""
    lines = [l for l in err.getvalue().strip().splitlines() if l.strip()]
    return None, (lines[-1] if lines else "refused")[:200]


# ---- Portcullis's deliberate refusals of what the CLI sends (independent of the Java code) ----

EC2_DESCRIPTION = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 ._-:/()#,@[]+=&;{}!$*")
NAMED = {"tcp": 6, "udp": 17, "icmp": 1, "icmpv6": 58}


def protocol_number(p):
    if p.lower() in NAMED:
        return NAMED[p.lower()]
    if p == "-1":
        return -1
    if p.isascii() and p.isdigit() and len(p) <= 3 and int(p) <= 255:
        return int(p)
    return None


def cidr_ok(c, version):
    try:
        n = ipaddress.ip_network(c, strict=True)
    except ValueError:
        return False
    return n.version == version and c.isascii()


def deliberate(sent, simple):
    """The category Portcullis refuses, or None when it must read the permissions exactly as sent. The simple
    options may leave the ports out (all ports, as the CLI documents them)."""
    if set(sent) - {"GroupId", "GroupName", "IpPermissions", "DryRun"} or not sent.get("IpPermissions"):
        return "options"
    if ("GroupId" in sent and "GroupName" in sent) or "" in (sent.get("GroupId"), sent.get("GroupName")):
        return "group"
    for p in sent.get("IpPermissions") or []:
        proto = p.get("IpProtocol")
        n = protocol_number(proto) if proto else None
        if n is None:
            return "protocol"
        f, t = p.get("FromPort"), p.get("ToPort")
        if isinstance(f, bool) or isinstance(t, bool):
            return "ports"
        if simple and f is None and t is None:
            pass
        elif n in (6, 17):
            if f is None or t is None or not ((f == t == -1) or (0 <= f <= t <= 65535)):
                return "ports"
        elif n in (1, 58):
            if (n == 1 and (f is None or t is None)) or (f is None) != (t is None):
                return "ports"
            if f is not None and (not (-1 <= f <= 255 and -1 <= t <= 255) or (f == -1 and t != -1)):
                return "ports"
        elif f not in (None, -1) or t not in (None, -1):
            return "ports"
        ranges = {k: p.get(k) or [] for k in ("IpRanges", "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs")}
        pairs = ranges["UserIdGroupPairs"]
        if not any(ranges.values()) or ((ranges["IpRanges"] or ranges["Ipv6Ranges"]) and pairs):
            return "remote"
        if any(not r.get("GroupId") and not r.get("GroupName") for r in pairs):
            return "remote"
        for items in ranges.values():
            for r in items:
                d = r.get("Description")
                if d is not None and (len(d) > 255 or not set(d) <= EC2_DESCRIPTION):
                    return "description"
        for r in ranges["IpRanges"]:
            if not cidr_ok(r.get("CidrIp", ""), 4) or n == 58:
                return "remote"
        for r in ranges["Ipv6Ranges"]:
            if not cidr_ok(r.get("CidrIpv6", ""), 6) or n == 1:
                return "remote"
        if any(not r.get("PrefixListId") for r in ranges["PrefixListIds"]):
            return "remote"
        for r in pairs:
            if any(k in r and not r[k] for k in ("GroupId", "GroupName", "UserId", "VpcId", "VpcPeeringConnectionId")):
                return "remote"
    return None


# ---- the corpus ----

R = random.Random(17)
GROUP_OPTS = [["--group-id", "sg-0a1b2c3d"], ["--group-name", "web"], ["--group-id=sg-0a1b2c3d"]]
CIDRS4 = ["0.0.0.0/0", "10.0.0.0/8", "203.0.113.0/24", "192.0.2.1/32", "10.0.0.1/8", "192.0.2.7", "300.1.1.1/8"]
CIDRS6 = ["::/0", "2001:db8::/32", "2001:DB8:0::/48", "2001:db8::1/32", "::1/128"]
DESCRIPTIONS = ["admin", "ssh from office", "a=b", "env=prod", "x,y", "[x]", "{y}", "semi;colon", "tab\there",
                "caf\u00e9", "q\"uote", "back\\slash", "", "   padded  ", "a" * 256, "$HOME (home)", "emoji \U0001F600"]


def sh_value(v):
    """A shorthand value as a user might write it: bare, double- or single-quoted, or with escaped commas."""
    style = R.random()
    if style < 0.55:
        return v
    if style < 0.8:
        return '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if style < 0.92:
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'"
    return v.replace(",", "\\,")


def random_ports(proto):
    """Mostly what EC2 accepts for the protocol; about one in eight is a deliberate mistake."""
    if R.random() < 0.06:
        return R.choice([(22, -1), (-1, 22), (80, 22), (0, 65536), (70000, 70000), (22, None), (None, 22),
                         (R.randint(-1, 300), R.randint(-1, 300)), (None, None)])
    n = proto.lower()
    if n in ("tcp", "udp", "6", "17", "006"):
        c = R.random()
        if c < 0.6:
            a = R.choice([22, 80, 443, 0, 1, 3389, 65535, 8080, 53])
            return a, a
        if c < 0.9:
            a = R.randint(0, 65535)
            return a, R.randint(a, 65535)
        return R.choice([(0, 65535), (1, 65535), (-1, -1)])
    if n in ("icmp", "1", "icmpv6", "58"):
        c = R.random()
        if c < 0.3:
            return -1, -1
        if c < 0.5:
            return R.randint(0, 255), -1
        if c < 0.9:
            return R.randint(0, 255), R.randint(0, 255)
        return (None, None) if n in ("icmpv6", "58") else (8, 0)
    return R.choice([(-1, -1), (None, None)])


def random_permission():
    proto = R.choice(["tcp"] * 6 + ["udp"] * 3 + ["icmp", "icmp", "icmpv6", "icmpv6", "-1", "-1", "6", "17", "1",
                      "58", "50", "0", "255", "TCP", "Udp", "006"] + (["256", "all", "any", "gre"] if R.random() < 0.3
                      else []))
    f, t = random_ports(proto)
    perm = {"IpProtocol": proto}
    if f is not None:
        perm["FromPort"] = f
    if t is not None:
        perm["ToPort"] = t
    kinds = R.sample(["IpRanges", "Ipv6Ranges", "PrefixListIds", "UserIdGroupPairs"], R.choice([1, 1, 1, 2]))
    if "UserIdGroupPairs" in kinds and len(kinds) == 2 and R.random() < 0.8:
        kinds = ["UserIdGroupPairs"]  # EC2 takes no CIDR and group in one permission: mostly valid ones
    if R.random() < 0.04:
        kinds = []
    for k in kinds:
        items = []
        for _ in range(R.choice([1, 1, 2, 3])):
            if k == "IpRanges":
                item = {"CidrIp": R.choice(CIDRS4 if R.random() < 0.05 else CIDRS4[:4] + CIDRS4[5:6])}
            elif k == "Ipv6Ranges":
                item = {"CidrIpv6": R.choice(CIDRS6 if R.random() < 0.05 else CIDRS6[:3] + CIDRS6[4:])}
            elif k == "PrefixListIds":
                item = {"PrefixListId": R.choice(["pl-12345678", "pl-63a5400a"])}
            else:
                item = R.choice([{"GroupId": "sg-0123456789abcdef0"}, {"GroupName": "default"},
                                 {"GroupId": "sg-0a1b2c3d", "UserId": "123456789012"},
                                 {"GroupId": "sg-0a1b2c3d", "VpcPeeringConnectionId": "pcx-1a2b3c4d",
                                  "VpcId": "vpc-1a2b3c4d"}])
            if R.random() < 0.35:
                item["Description"] = R.choice(DESCRIPTIONS if R.random() < 0.15 else DESCRIPTIONS[:9])
            items.append(item)
        perm[k] = items
    return perm


def shorthand(perm):
    def struct(d, top):
        parts = []
        for k, v in d.items():
            if isinstance(v, list):
                inner = ",".join("{" + struct(i, False) + "}" for i in v)
                if len(v) == 1 and R.random() < 0.08:
                    parts.append(f"{k}={{{struct(v[0], False)}}}")  # the CLI wraps a lone structure in a list
                else:
                    parts.append(f"{k}=[{inner}]")
            else:
                parts.append(f"{k}={sh_value(str(v))}")
        sep = R.choice([",", ",", ",", ", ", " ,", " , "]) if top else R.choice([",", ",", ", "])
        return sep.join(parts)
    return struct(perm, True)


def json_text(perms):
    style = R.random()
    if style < 0.1 and len(perms) == 1:
        return json.dumps(perms[0])
    return json.dumps(perms, indent=R.choice([None, None, 2]))


def simple_options():
    opts = []
    if R.random() < 0.95:
        opts += ["--protocol", R.choice(["tcp", "udp", "icmp", "all", "-1", "6", "50", "icmpv6", "TCP", "300"])]
    if R.random() < 0.8:
        opts += ["--port", R.choice(["22", "1000-2000", "-1", "all", "0", "3-4", "8", "65535", "22-", "x", "0-65535",
                                     "80-22"])]
    c = R.random()
    if c < 0.6:
        opts += ["--cidr", R.choice(CIDRS4)]
    elif c < 0.9:
        opts += ["--source-group", R.choice(["sg-0a1b2c3d", "default", "web-servers"])]
        if R.random() < 0.5:
            opts += ["--group-owner", "123456789012"]
    elif c < 0.95:
        opts += ["--cidr", "10.0.0.0/8", "--source-group", "sg-0a1b2c3d"]
    if R.random() < 0.1:
        opts += ["--dry-run"]
    return opts


def command(op, group, rest):
    words = ["ec2", op] + group + rest
    g = R.random()
    if g < 0.1:
        words = ["--region", "us-west-2"] + words
    elif g < 0.15:
        words = words + ["--region", "eu-west-1", "--output", "json"]
    elif g < 0.2:
        words = ["ec2"] + ["--endpoint-url", "http://127.0.0.1:1"] + words[1:]
    return words


OPS = ["authorize-security-group-ingress", "revoke-security-group-ingress", "authorize-security-group-egress",
       "revoke-security-group-egress"]


def corpus():
    cases = []
    for _ in range(1300):
        perms = [random_permission() for _ in range(R.choice([1, 1, 1, 2, 3]))]
        cases.append(command(R.choice(OPS), R.choice(GROUP_OPTS), ["--ip-permissions"] + [shorthand(p) for p in perms]))
    for _ in range(600):
        perms = [random_permission() for _ in range(R.choice([1, 1, 2]))]
        cases.append(command(R.choice(OPS), R.choice(GROUP_OPTS), ["--ip-permissions", json_text(perms)]))
    for _ in range(500):
        cases.append(command(R.choice(OPS), R.choice(GROUP_OPTS), simple_options()))
    return cases


def edges():
    ing = ["ec2", "authorize-security-group-ingress", "--group-id", "sg-1"]
    tcp = "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]"
    jt = '{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"10.0.0.0/8"}]}'
    ju = '{"IpProtocol":"udp","FromPort":53,"ToPort":53,"IpRanges":[{"CidrIp":"10.0.0.0/8"}]}'
    ipp = [
        # trailing JSON content
        jt + "," + ju, "[" + jt + "] [" + ju + "]", "[" + jt + "]]", "[" + jt + "] x", "[" + jt + "]\n",
        "[" + jt + "," + ju + "]", "  [" + jt + "]", "[]", "{}", "[1]", "[" + jt.replace("22", "22.0", 1) + "]",
        "[" + jt.replace("22", '"22"', 1) + "]", "[" + jt.replace('"tcp"', "6") + "]",
        "[" + jt.replace('"tcp"', '"tcp","IpProtocol":"udp"') + "]", "[" + jt.replace('22,', 'true,', 1) + "]",
        "[" + jt.replace('"tcp"', "null") + "]", '[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,'
        '"IpRanges":{"CidrIp":"10.0.0.0/8"}}]', "[" + jt.replace("10.0.0.0/8", "10.0.0.0/8\\u0000") + "]",
        '[{"IpProtocol":"tcp","FromPort":22,"ToPort":22,"IpRanges":[{"CidrIp":"10.0.0.0/8","Description":"a\\nb"}]}]',
        "[" + jt.replace("22,", "1e2,", 1) + "]", "[" + jt.replace("22,", "NaN,", 1) + "]",
        "[" + jt.replace("22,", "99999999999999999999,", 1) + "]", "[" + jt.replace("ToPort", "toport") + "]",
        # shorthand quoting and escapes
        'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description="\\\\"}]',
        'IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description="say \\"hi\\""}]',
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description='it\\'s'}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description=env=prod}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description=a[b]}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description={x}",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description=a\\,b}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description=a b  }]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description=}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,UserIdGroupPairs=[{GroupName=a=b}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,UserIdGroupPairs=[{GroupId=sg-1,GroupId=sg-2}]",
        "IpProtocol=tcp , FromPort=22 ,ToPort=22, IpRanges=[{CidrIp=10.0.0.0/8}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges={CidrIp=10.0.0.0/8}",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8},{CidrIp=192.0.2.0/24}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8},]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[ { CidrIp = 10.0.0.0/8 } ]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}],IpProtocol=udp",
        "IpProtocol=tcp,FromPort=22,ToPort=-1,IpRanges=[{CidrIp=10.0.0.0/8}]",
        "IpProtocol=tcp,FromPort=-1,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]",
        "IpProtocol=tcp,FromPort=0,ToPort=0,IpRanges=[{CidrIp=10.0.0.0/8}]",
        "IpProtocol=udp,FromPort=0,ToPort=0,IpRanges=[{CidrIp=10.0.0.0/8}]",
        "IpProtocol=tcp,FromPort=0,ToPort=65535,IpRanges=[{CidrIp=10.0.0.0/8}]",
        "IpProtocol=all,IpRanges=[{CidrIp=10.0.0.0/8}]", "IpProtocol=any,IpRanges=[{CidrIp=10.0.0.0/8}]",
        "IpProtocol=-1,IpRanges=[{CidrIp=10.0.0.0/8}]", "IpProtocol=,IpRanges=[{CidrIp=10.0.0.0/8}]",
        "IpProtocol=icmpv6,UserIdGroupPairs=[{GroupId=sg-1}]", "IpProtocol=58,PrefixListIds=[{PrefixListId=pl-1}]",
        "IpProtocol=icmpv6,FromPort=-1,ToPort=-1,UserIdGroupPairs=[{GroupId=sg-1}]",
        "IpProtocol=icmpv6,FromPort=128,ToPort=0,Ipv6Ranges=[{CidrIpv6=::/0}]",
        "IpProtocol=-1,UserIdGroupPairs=[{GroupId=sg-1}]", "IpProtocol=-1,PrefixListIds=[{PrefixListId=pl-1}]",
        "IpProtocol=icmp,FromPort=-1,ToPort=-1,UserIdGroupPairs=[{GroupId=sg-1}]",
        "IpProtocol=tcp,FromPort=+22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]",
        "IpProtocol=tcp,FromPort=2_2,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]",
        "IpProtocol=tcp,FromPort=022,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]",
        "IpProtocol=tcp,FromPort=\u0662\u0662,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]",
        "IpProtocol=tcp,FromPort=22.0,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]",
        "IpProtocol=tcp,FromPort= 22 ,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]",
        "IpProtocol=tcp,FromPort=22,23,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}],Foo=bar",
        "ipprotocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description=emoji\U0001F600}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description=x}],y\\,z=1",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp@=10.0.0.0/8}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}" + "]" * 3,
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=" + "[{CidrIp=" * 50 + "x" + "}]" * 50,
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=" + "[" * 300 + "]" * 300,
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]\n",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp='10.0.0.0/8'}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.1/8}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,Ipv6Ranges=[{CidrIpv6=2001:DB8::/32}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,Ipv6Ranges=[{CidrIpv6=10.0.0.0/8}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=2001:db8::/32}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp='10.0.0.0/8 '}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=' 10.0.0.0/8'}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,UserIdGroupPairs=[{GroupId=sg-1,Description=peer}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,UserIdGroupPairs=[{GroupId=sg-1,PeeringStatus=active}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,UserIdGroupPairs=[{GroupId=''}]",
        "IpProtocol=icmp,FromPort=3,ToPort=4,IpRanges=[{CidrIp=0.0.0.0/0}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description=\"a\\\\b\"}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description='a\\'b'}]",
        'IpProtocol="tcp\\"",FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]',
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description=x\u00a0}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}], ",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}],IpRanges=[]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description=a,b}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description=[a,b]}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8,Description={a=b}}]",
        "IpProtocol=icmp,FromPort=8,ToPort=-1,IpRanges=[{CidrIp=0.0.0.0/0}]",
        "IpProtocol=icmp,FromPort=-1,ToPort=4,IpRanges=[{CidrIp=0.0.0.0/0}]",
        "IpProtocol=icmp,IpRanges=[{CidrIp=0.0.0.0/0}]", "IpProtocol=icmpv6,Ipv6Ranges=[{CidrIpv6=::/0}]",
        "IpProtocol=50,FromPort=-1,ToPort=-1,IpRanges=[{CidrIp=0.0.0.0/0}]",
        "IpProtocol=50,FromPort=0,ToPort=65535,IpRanges=[{CidrIp=0.0.0.0/0}]",
        "IpProtocol=tcp,FromPort=22,ToPort=22", "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[]",
        "", " ", "IpProtocol", "IpProtocol=tcp,", ",IpProtocol=tcp", "=tcp",
    ]
    out = [ing + ["--ip-permissions", v] for v in ipp]
    out += [
        ing + ["--ip-permissions", jt, ju], ing + ["--ip-permissions", tcp, "IpProtocol=udp,FromPort=53,ToPort=53,"
                                                   "IpRanges=[{CidrIp=10.0.0.0/8}]"],
        ing + ["--ip-permissions", tcp, jt], ing + ["--ip-permissions", jt, tcp],
        ing + ["--ip-permissions", tcp, "--ip-permissions", tcp.replace("tcp", "udp")],
        ing + ["--ip-permissions=" + tcp], ing + ["--ip-permissions", tcp, "--dry-run", "--no-dry-run"],
        ing + ["--ip-permissions", tcp, "--no-dry-run", "--dry-run"], ing + ["--dry-run", "--ip-permissions", tcp],
        ["--region", "us-east-1", "ec2", "authorize-security-group-ingress", "--group-id", "sg-1", "--ip-permissions",
         tcp],
        ["--endpoint-url", "http://127.0.0.1:1", "ec2", "authorize-security-group-ingress", "--group-id", "sg-1",
         "--ip-permissions", tcp],
        ["ec2", "--region", "us-east-1", "authorize-security-group-ingress", "--group-id", "sg-1", "--ip-permissions",
         tcp],
        ["--region=us-east-1", "ec2", "authorize-security-group-ingress", "--group-id=sg-1", "--protocol=tcp",
         "--port=22", "--cidr=10.0.0.0/8"],
        ing + ["--group-id", "sg-2", "--protocol", "tcp", "--port", "22", "--cidr", "10.0.0.0/8"],
        ing + ["--protocol", "tcp", "--protocol", "udp", "--port", "53", "--cidr", "10.0.0.0/8"],
        ing + ["--protocol", "tcp", "--port", "22", "--cidr", "10.0.0.0/8", "--cidr", "192.0.2.0/24"],
        ing + ["--protocol", "tcp", "--port", "0", "--cidr", "10.0.0.0/8"],
        ing + ["--protocol", "tcp", "--cidr", "10.0.0.0/8"], ing + ["--protocol", "all", "--cidr", "10.0.0.0/8"],
        ing + ["--protocol", "icmp", "--port", "8", "--cidr", "10.0.0.0/8"],
        ing + ["--protocol", "tcp", "--port", "22", "--cidr", "10.0.0.0/8", "--ip-permissions", tcp],
        ing + ["--protocol", "tcp", "--port", "22", "--source-group", "sg-2", "--group-owner", "123456789012"],
        ing + ["--protocol", "tcp", "--port", "22", "--cidr", "10.0.0.0/8", "--debug"],
        ing + ["--protocol", "tcp", "--port", "22", "--cidr", "10.0.0.0/8", "--no-verify-ssl", "--no-paginate"],
        ing + ["--protocol", "tcp", "--port", "22", "--cidr", "10.0.0.0/8", "--query", "Return", "--color", "off"],
        ing + ["--protocol", "tcp", "--port", "22", "--cidr", "10.0.0.0/8", "--cli-read-timeout", "5"],
        ing + ["--protocol", "tcp", "--port", "22", "--cidr", "10.0.0.0/8", "--profile", "default"],
        ing + ["--protocol", "tcp", "--port", "22", "--cidr", "10.0.0.0/8", "--bogus"],
        ing + ["--protocol", "tcp", "--port", "22", "--cidr", "10.0.0.0/8", "extra"],
        ing + ["--ip-perm", tcp], ing + ["--dry", "--ip-permissions", tcp],
        ing + ["--ip-permissions", tcp, "--tag-specifications",
               "ResourceType=security-group-rule,Tags=[{Key=a,Value=b}]"],
        ["ec2", "revoke-security-group-ingress", "--group-id", "sg-1", "--security-group-rule-ids", "sgr-1"],
        ["ec2", "authorize-security-group-ingress", "--ip-permissions", tcp],
        ["ec2", "authorize-security-group-egress", "--ip-permissions", tcp],
        ["ec2", "authorize-security-group-egress", "--group-name", "web", "--ip-permissions", tcp],
        ["ec2", "describe-security-groups"], ["s3", "ls"],
        ing + ["--group-name", "web", "--protocol", "tcp", "--port", "22", "--cidr", "10.0.0.0/8"],
        ing, ing + ["--dry-run"], ing + ["--ip-permissions"], ing + ["--protocol", "", "--cidr", "10.0.0.0/8"],
        ing + ["--protocol", "tcp", "--port", "22", "--cidr", "10.0.0.0/8", "--ip-protocol", "udp"],
        ing + ["--protocol", "+6", "--port", "22", "--cidr", "10.0.0.0/8"],
        ing + ["--protocol", "tcp", "--port", " 22", "--cidr", "10.0.0.0/8"],
        ing + ["--protocol", "tcp", "--port", "22", "--source-group", "sg-2", "--cidr", "10.0.0.0/8"],
        ing + ["--protocol", "tcp", "--port", "22", "--group-owner", "123456789012", "--cidr", "10.0.0.0/8"],
        ing + ["--protocol", "tcp", "--port=22", "--cidr=10.0.0.0/8", "--dry-run=yes"],
        ing + ["--protocol", "tcp", "--port", "22", "--cidr", "10.0.0.0/8", "--output", "yaml"],
        ing + ["--protocol", "tcp", "--port", "22", "--cidr", "10.0.0.0/8", "--version"],
        ing + ["--ip-permissions", "IpProtocol=tcp,FromPort=22,ToPort=22,IpRanges=[{CidrIp=10.0.0.0/8}]",
               "--ip-permissions", "IpProtocol=udp,FromPort=53,ToPort=53,IpRanges=[{CidrIp=10.0.0.0/8 }]"],
    ]
    return out


def main():
    seen, cases = set(), []
    for argv in corpus() + edges():
        key = tuple(argv)
        if key not in seen:
            seen.add(key)
            cases.append(argv)
    with open(sys.argv[1], "w", encoding="utf-8") as out:
        for i, argv in enumerate(cases):
            sent, error = run(argv)
            line = "aws " + shlex.join(argv)
            rec = {"id": i, "line": line, "sent": sent}
            if sent is None:
                rec["error"] = error
            else:
                d = "operation" if not any(op in argv for op in OPS) else deliberate(
                    sent, "--ip-permissions" not in " ".join(argv))
                if d:
                    rec["deliberate"] = d
            out.write(json.dumps(rec, ensure_ascii=False, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
