#!/usr/bin/env python3
"""Writes the demo city as a city package (docs/CITY-PACKAGE.md), deterministic: run it again and
the files come out the same. The demo city, 示范市, is fictional: 3 districts, 6 streets, 12
communities and 48 grids tiling a rectangle near 30.26 N 120.16 E, about 300 manhole covers,
the departments that own and handle them, a routing catalogue, the 2026 calendar and the deadline
policies. The local stack loads it through the same path as any city's package."""

import hashlib
import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "embedded-servers/src/main/resources/demo/city"
WEST, EAST, SOUTH, NORTH = 120.08, 120.24, 30.20, 30.32

DISTRICTS = [
    ("339901", "东湖区", "Donghu District", [("湖滨街道", "Hubin"), ("翠苑街道", "Cuiyuan")]),
    ("339902", "西山区", "Xishan District", [("灵峰街道", "Lingfeng"), ("龙井街道", "Longjing")]),
    ("339903", "南江区", "Nanjiang District", [("江滨街道", "Jiangbin"), ("望潮街道", "Wangchao")]),
]
COMMUNITY_NAMES = ["桂花", "荷风", "柳浪", "梅园", "竹影", "松涛", "枫林", "兰亭", "芙蓉", "银杏", "海棠", "丹桂"]

COVERS = [
    ("0101", "上水井盖", "Water supply manhole cover", "WATER", 40),
    ("0102", "污水井盖", "Sewage manhole cover", "DRAINAGE", 60),
    ("0103", "雨水井盖", "Storm water manhole cover", "DRAINAGE", 55),
    ("0104", "雨水箅子", "Storm grate", "DRAINAGE", 30),
    ("0105", "电力井盖", "Power manhole cover", "POWER", 35),
    ("0106", "路灯井盖", "Street light manhole cover", "STREETLIGHT", 15),
    ("0107", "通讯井盖", "Telecom manhole cover", "TELECOM", 30),
    ("0108", "电视井盖", "Cable TV manhole cover", "CATV", 8),
    ("0109", "网络井盖", "Network manhole cover", "TELECOM", 10),
    ("0110", "热力井盖", "Heating manhole cover", "HEATING", 8),
    ("0111", "燃气井盖", "Gas manhole cover", "GAS", 12),
    ("0112", "公安井盖", "Public security manhole cover", "PUBLIC_SECURITY", 4),
    ("0113", "消防井盖", "Fire hydrant manhole cover", "FIRE", 6),
    ("0114", "无主井盖", "Unowned or unknown manhole cover", None, 6),
]
OTHER_COMPONENTS = [
    ("0201", "道路路面", "Road surface", "NORMAL"),
    ("0202", "人行道板", "Pavement slab", "NORMAL"),
    ("0203", "交通信号灯", "Traffic signal", "URGENT"),
    ("0204", "交通护栏", "Traffic barrier", "NORMAL"),
    ("0301", "公共厕所", "Public toilet", "NORMAL"),
    ("0302", "垃圾箱", "Litter bin", "NORMAL"),
    ("0401", "行道树", "Street tree", "NORMAL"),
    ("0402", "绿地", "Green space", "NORMAL"),
    ("0501", "危房", "Dangerous building", "URGENT"),
    ("0601", "路灯", "Street lamp", "NORMAL"),
]
EVENTS = [
    ("E0101", "暴露垃圾", "Exposed garbage", "NORMAL"),
    ("E0102", "堆物堆料", "Piled materials", "NORMAL"),
    ("E0103", "道路不洁", "Road not clean", "NORMAL"),
    ("E0201", "违规户外广告", "Illegal outdoor advertising", "NORMAL"),
    ("E0301", "无证掘路", "Road excavation without permit", "URGENT"),
    ("E0302", "施工扰民", "Construction disturbing residents", "NORMAL"),
    ("E0401", "占道经营", "Occupying the road to trade", "NORMAL"),
    ("E0402", "违法建设", "Illegal building", "NORMAL"),
    ("E0501", "道路积水", "Flooded road", "URGENT"),
    ("E0502", "路面塌陷", "Road collapse", "EMERGENCY"),
    ("E0601", "噪声扰民", "Noise nuisance", "NORMAL"),
    ("E0199", "其他事件", "Other events", "NORMAL"),
]
DEMANDS = [
    ("H0101", "停水", "Water outage", "URGENT"),
    ("H0102", "停电", "Power outage", "URGENT"),
    ("H0103", "燃气故障", "Gas fault", "URGENT"),
    ("H0104", "供暖不热", "Heating not warm", "URGENT"),
    ("H0201", "物业纠纷", "Property management dispute", "NORMAL"),
    ("H0301", "市场价格", "Market prices", "NORMAL"),
    ("H0401", "政策咨询", "Policy consultation", "NORMAL"),
    ("H0501", "公交线路", "Bus routes", "NORMAL"),
]
UTILITIES = [
    ("WATER", "示范市自来水公司", "Demo City Water Supply Co."),
    ("DRAINAGE", "示范市排水公司", "Demo City Drainage Co."),
    ("GAS", "示范市燃气集团", "Demo City Gas Group"),
    ("HEATING", "示范市热力公司", "Demo City Heating Co."),
    ("POWER", "国网示范市供电公司", "Demo City Power Supply Co."),
    ("STREETLIGHT", "示范市路灯管理所", "Demo City Street Light Office"),
    ("TELECOM", "示范市通信管线公司", "Demo City Telecom Ducts Co."),
    ("CATV", "示范市广电网络公司", "Demo City Cable TV Network Co."),
    ("TRAFFIC_SIGNAL", "示范市交通信号管理中心", "Demo City Traffic Signal Centre"),
    ("UTILITY_TUNNEL", "示范市综合管廊公司", "Demo City Utility Tunnel Co."),
    ("PUBLIC_SECURITY", "示范市公安局", "Demo City Public Security Bureau"),
    ("FIRE", "示范市消防救援支队", "Demo City Fire and Rescue"),
]
BUREAUS = [
    ("CITY_MANAGEMENT", "示范市城市管理局", "Demo City Urban Management Bureau"),
    ("HOUSING", "示范市住房和城乡建设局", "Demo City Housing and Construction Bureau"),
    ("MARKET", "示范市市场监督管理局", "Demo City Market Supervision Bureau"),
    ("ECOLOGY", "示范市生态环境局", "Demo City Ecology and Environment Bureau"),
    ("TRANSPORT", "示范市交通运输局", "Demo City Transport Bureau"),
]


def rect(west, south, east, north):
    w, s, e, n = (round(v, 6) for v in (west, south, east, north))
    return {"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]}


def split(lo, hi, parts):
    step = (hi - lo) / parts
    return [(lo + i * step, lo + (i + 1) * step) for i in range(parts)]


def areas_and_grids():
    areas, grids = [], []
    for (code, name, name_en, streets), (w, e) in zip(DISTRICTS, split(WEST, EAST, 3)):
        areas.append(dict(code=code, level="DISTRICT", name=name, nameEn=name_en, parentCode=None,
                          geometry=rect(w, SOUTH, e, NORTH)))
        for si, ((sname, sname_en), (s, n)) in enumerate(zip(streets, split(SOUTH, NORTH, 2)), 1):
            scode = f"{code}{si:03d}"
            areas.append(dict(code=scode, level="STREET", name=sname, nameEn=f"{sname_en} Street",
                              parentCode=code, geometry=rect(w, s, e, n)))
            for ci, (cw, ce) in enumerate(split(w, e, 2), 1):
                ccode = f"{scode}{ci:03d}"
                cname = COMMUNITY_NAMES[(int(code[-1]) - 1) * 4 + (si - 1) * 2 + ci - 1] + "社区"
                areas.append(dict(code=ccode, level="COMMUNITY", name=cname, nameEn=None,
                                  parentCode=scode, geometry=rect(cw, s, ce, n)))
                quarters = [(gw, ge, gs, gn) for gs, gn in split(s, n, 2) for gw, ge in split(cw, ce, 2)]
                for gi, (gw, ge, gs, gn) in enumerate(quarters, 1):
                    gcode = f"{ccode}{gi:03d}"
                    areas.append(dict(code=gcode, level="GRID", name=f"{name}{sname}{cname}第{gi}网格",
                                      nameEn=None, parentCode=ccode, geometry=rect(gw, gs, ge, gn)))
                    grids.append((gcode, gw, gs, ge, gn))
    return areas, grids


def assets(grids, rng):
    kinds = [c for c in COVERS for _ in range(c[4])]
    serials, result = {}, []
    for _ in range(300):
        code, _, _, owner, _ = rng.choice(kinds)
        gcode, w, s, e, n = rng.choice(grids)
        # Keep covers off grid edges so each lies in exactly one grid.
        lon = round(rng.uniform(w + 0.0002, e - 0.0002), 6)
        lat = round(rng.uniform(s + 0.0002, n - 0.0002), 6)
        district = gcode[:6]
        serials[district] = serials.get(district, 0) + 1
        # Type is not owner: a few sewage and storm covers sit on another utility's tunnel.
        if code in ("0102", "0103") and rng.random() < 0.06:
            owner = rng.choice(["HEATING", "UTILITY_TUNNEL"])
        result.append(dict(code=f"{district}01{code[2:]}{serials[district]:06d}", categoryCode=code,
                           latitude=lat, longitude=lon, ownerDepartmentCode=owner))
    return result


# Demo only: a real city issues each application a random key (openssl rand -hex 20).
OPEN311_DEMO_API_KEY = "o311-708cc52ef6b996865488aaa9fe2fd3d0ba59c1b2"


def intake(rng):
    areas, grids = areas_and_grids()
    categories = [dict(code=c, name=n, nameEn=e, kind="COMPONENT", defaultUrgency="URGENT")
                  for c, n, e, _, _ in COVERS]
    categories += [dict(code=c, name=n, nameEn=e, kind="COMPONENT", defaultUrgency=u) for c, n, e, u in OTHER_COMPONENTS]
    categories += [dict(code=c, name=n, nameEn=e, kind="EVENT", defaultUrgency=u) for c, n, e, u in EVENTS]
    categories += [dict(code=c, name=n, nameEn=e, kind="DEMAND", defaultUrgency=u) for c, n, e, u in DEMANDS]
    # The demo Open311 client application; its api_key (in the README) is kept as a SHA-256 only.
    open311 = [dict(clientId="open311-demo-app", name="Open311 demo application",
                    apiKeySha256=hashlib.sha256(OPEN311_DEMO_API_KEY.encode()).hexdigest())]
    # The departments, as intake checks the owners named in the asset register against them.
    departments = [dict(code=d["code"], name=d["name"], nameEn=d["nameEn"]) for d in dispatch()["departments"]]
    return dict(categories=categories, areas=areas, departments=departments, assets=assets(grids, rng),
                open311Clients=open311)


def dispatch():
    departments = [dict(code=c, name=n, nameEn=e, kind="UTILITY", parentCode=None) for c, n, e in UTILITIES]
    departments += [dict(code=c, name=n, nameEn=e, kind="BUREAU", parentCode=None) for c, n, e in BUREAUS]
    territories, rules = [], []
    for code, name, name_en, streets in DISTRICTS:
        departments.append(dict(code=f"GOV-{code}", name=f"{name}人民政府", nameEn=f"{name_en} Government",
                                kind="TERRITORIAL", parentCode=None))
        departments.append(dict(code=f"CM-{code}", name=f"{name}城市管理局", nameEn=f"{name_en} Urban Management",
                                kind="BUREAU", parentCode="CITY_MANAGEMENT"))
        for si, (sname, sname_en) in enumerate(streets, 1):
            scode = f"{code}{si:03d}"
            departments.append(dict(code=f"ST-{scode}", name=f"{sname}办事处", nameEn=f"{sname_en} Street Office",
                                    kind="TERRITORIAL", parentCode=f"GOV-{code}"))
            territories.append(dict(streetCode=scode, departmentCode=f"ST-{scode}"))
        for event in ("E0101", "E0102", "E0103", "E0201", "E0401"):
            rules.append(dict(categoryCode=event, districtCode=code, departmentCode=f"CM-{code}", coHandlerCodes=[]))
        rules.append(dict(categoryCode="E0402", districtCode=code, departmentCode=f"CM-{code}",
                          coHandlerCodes=["HOUSING"]))
        # An unowned cover: city management is competent, the district's bureau secures the site.
        rules.append(dict(categoryCode="0114", districtCode=code, departmentCode="CITY_MANAGEMENT",
                          coHandlerCodes=[f"CM-{code}"]))
    # Covers by purpose, for when the asset register names no owner.
    for code, _, _, owner, _ in COVERS:
        if owner:
            rules.append(dict(categoryCode=code, districtCode=None, departmentCode=owner, coHandlerCodes=[]))
    city_wide = [("0201", "TRANSPORT"), ("0202", "CITY_MANAGEMENT"), ("0203", "TRAFFIC_SIGNAL"),
                 ("0204", "TRANSPORT"), ("0301", "CITY_MANAGEMENT"), ("0302", "CITY_MANAGEMENT"),
                 ("0401", "CITY_MANAGEMENT"), ("0402", "CITY_MANAGEMENT"), ("0501", "HOUSING"),
                 ("0601", "STREETLIGHT"), ("E0101", "CITY_MANAGEMENT"), ("E0301", "CITY_MANAGEMENT"),
                 ("E0302", "HOUSING"), ("E0501", "DRAINAGE"), ("E0502", "TRANSPORT"), ("E0601", "ECOLOGY"),
                 ("H0101", "WATER"), ("H0102", "POWER"), ("H0103", "GAS"), ("H0104", "HEATING"),
                 ("H0201", "HOUSING"), ("H0301", "MARKET"), ("H0501", "TRANSPORT")]
    rules += [dict(categoryCode=c, districtCode=None, departmentCode=d, coHandlerCodes=[]) for c, d in city_wide]
    # E0199 (other events) and H0401 (policy consultation) have no rule on purpose: the first
    # falls back to the street office, and a consultation is answered on the call.
    return dict(departments=departments, territories=territories, routingRules=rules)


def limit(amount, unit):
    return dict(amount=amount, unit=unit)


def supervision():
    off = [("2026-01-01", "2026-01-03", "元旦"), ("2026-02-15", "2026-02-23", "春节"),
           ("2026-04-04", "2026-04-06", "清明节"), ("2026-05-01", "2026-05-05", "劳动节"),
           ("2026-06-19", "2026-06-21", "端午节"), ("2026-09-25", "2026-09-27", "中秋节"),
           ("2026-10-01", "2026-10-07", "国庆节")]
    from datetime import date, timedelta
    holidays = []
    for start, end, name in off:
        d = date.fromisoformat(start)
        while d <= date.fromisoformat(end):
            holidays.append(dict(date=d.isoformat(), name=name))
            d += timedelta(days=1)
    make_ups = [("2026-01-04", "元旦调休上班"), ("2026-02-14", "春节调休上班"), ("2026-02-28", "春节调休上班"),
                ("2026-05-09", "劳动节调休上班"), ("2026-09-20", "国庆节调休上班"), ("2026-10-10", "国庆节调休上班")]
    urgent_sign = limit(0.5, "NATURAL_HOURS")
    policies = [
        dict(categoryCode=None, urgency="NORMAL", sign=limit(1, "WORKING_HOURS"), makeSafe=None,
             resolve=limit(7, "WORKING_DAYS"), warningShare=0.8),
        dict(categoryCode=None, urgency="URGENT", sign=urgent_sign, makeSafe=None,
             resolve=limit(24, "NATURAL_HOURS"), warningShare=0.8),
        dict(categoryCode=None, urgency="EMERGENCY", sign=limit(0.25, "NATURAL_HOURS"), makeSafe=None,
             resolve=limit(2, "NATURAL_HOURS"), warningShare=0.75),
    ]
    for code, *_ in COVERS:
        for urgency in ("URGENT", "EMERGENCY"):
            policies.append(dict(categoryCode=code, urgency=urgency, sign=urgent_sign,
                                 makeSafe=limit(0.5, "NATURAL_HOURS"), resolve=limit(6, "NATURAL_HOURS"),
                                 warningShare=0.8))
        policies.append(dict(categoryCode=code, urgency="NORMAL", sign=limit(1, "NATURAL_HOURS"),
                             makeSafe=None, resolve=limit(36, "NATURAL_HOURS"), warningShare=0.8))
    policies += [
        dict(categoryCode="E0101", urgency="NORMAL", sign=limit(1, "WORKING_HOURS"), makeSafe=None,
             resolve=limit(1, "WORKING_DAYS"), warningShare=0.8),
        dict(categoryCode="E0103", urgency="NORMAL", sign=limit(1, "WORKING_HOURS"), makeSafe=None,
             resolve=limit(5, "WORKING_HOURS"), warningShare=0.8),
        dict(categoryCode="E0402", urgency="NORMAL", sign=limit(4, "WORKING_HOURS"), makeSafe=None,
             resolve=limit(20, "WORKING_DAYS"), warningShare=0.8),
    ]
    for code in ("H0101", "H0102", "H0103", "H0104"):
        policies.append(dict(categoryCode=code, urgency="URGENT", sign=urgent_sign, makeSafe=None,
                             resolve=limit(24, "NATURAL_HOURS"), warningShare=0.8))
    calendar = dict(workingPeriods=[dict(start="08:30", end="12:00"), dict(start="13:30", end="17:30")],
                    weekend=["SATURDAY", "SUNDAY"], holidays=holidays,
                    makeUpWorkdays=[dict(date=d, name=n) for d, n in make_ups])
    # The speeches' ladder: first time a yellow card, second time accountability, third time a
    # report to leadership, counted per department and month.
    ladder = dict(period="MONTH", rungs=[dict(overdueCases=1, step="YELLOW_CARD"),
                                         dict(overdueCases=2, step="ACCOUNTABILITY_NOTICE"),
                                         dict(overdueCases=3, step="LEADERSHIP_REPORT")])
    return dict(calendar=calendar, deadlinePolicies=policies,
                supervisionOrderResponse=limit(1, "WORKING_DAYS"), escalationLadder=ladder)


# A missing cover opens a case at once; a tilt only after 30 s, so that a passing truck opens nothing.
SENSOR_RULES = [dict(kind="TILT", threshold=15, debounceSeconds=30),
                dict(kind="OPEN", threshold=None, debounceSeconds=10),
                dict(kind="DISPLACEMENT", threshold=0.05, debounceSeconds=60),
                dict(kind="SETTLEMENT", threshold=0.03, debounceSeconds=600),
                dict(kind="MISSING", threshold=None, debounceSeconds=0),
                dict(kind="WATER_LEVEL", threshold=0.5, debounceSeconds=120),
                dict(kind="GAS", threshold=20, debounceSeconds=0)]
WEIGHTS = {"on-time-closure": 0.35, "closure": 0.2, "no-rework": 0.15, "accurate-dispatch": 0.1,
           "satisfaction": 0.2}


def write_json(path, data):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
        f.write("\n")


def without_nulls(d):
    return {k: v for k, v in d.items() if v is not None}


def write_package(out, intake_data, dispatch_data, supervision_data):
    """The three services' data as one city package."""
    out.mkdir(parents=True, exist_ok=True)
    write_json(out / "manifest.json", dict(
        format="casegrid-city-package", formatVersion=1,
        city=dict(name="示范市", nameEn="Demo City"), version="2026.1", timeZone="Asia/Shanghai",
        description="The fictional demo city of casegrid; generated by deploy/demo/generate_demo_city.py.",
        assets=[dict(file="assets.csv", format="csv")]))
    features = [dict(type="Feature", properties=without_nulls(dict(
        code=a["code"], level=a["level"], name=a["name"], nameEn=a["nameEn"], parentCode=a["parentCode"])),
        geometry=a["geometry"]) for a in intake_data["areas"]]
    write_json(out / "areas.geojson", dict(type="FeatureCollection", features=features))
    write_json(out / "departments.json", dict(
        departments=[without_nulls(d) for d in dispatch_data["departments"]],
        territories=[dict(areaCode=t["streetCode"], departmentCode=t["departmentCode"])
                     for t in dispatch_data["territories"]]))
    write_json(out / "categories.json", dict(categories=intake_data["categories"]))
    write_json(out / "routing.json", dict(rules=[without_nulls(r) for r in dispatch_data["routingRules"]]))
    write_json(out / "deadlines.json", dict(
        policies=[without_nulls(p) for p in supervision_data["deadlinePolicies"]],
        supervisionOrderResponse=supervision_data["supervisionOrderResponse"]))
    write_json(out / "calendar.json", supervision_data["calendar"])
    write_json(out / "escalation.json", supervision_data["escalationLadder"])
    write_json(out / "sensor-rules.json", dict(rules=[without_nulls(r) for r in SENSOR_RULES]))
    write_json(out / "metric-weights.json", dict(weights=WEIGHTS))
    write_json(out / "open311-clients.json", dict(clients=intake_data["open311Clients"]))
    with open(out / "assets.csv", "w", encoding="utf-8", newline="") as f:
        f.write("code,categoryCode,latitude,longitude,ownerDepartmentCode,address\n")
        for a in intake_data["assets"]:
            f.write(f"{a['code']},{a['categoryCode']},{a['latitude']:.6f},{a['longitude']:.6f},"
                    f"{a['ownerDepartmentCode'] or ''},\n")


def main():
    rng = random.Random(20261123)
    write_package(OUT, intake(rng), dispatch(), supervision())


if __name__ == "__main__":
    main()
