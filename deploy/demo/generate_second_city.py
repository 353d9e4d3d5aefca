#!/usr/bin/env python3
"""Writes a second city, 江川市 (Jiangchuan), as a city package in deploy/demo/second-city/
(deterministic: run it again and the files come out the same). It shares nothing with the demo
city: other area codes, departments, streets, categories and calendar, its areas with its GIS's own
property names (and levels in lower case) and its covers with its register's own column names.
Two districts, six streets, twelve communities, 72 grids, 2,016 manhole covers, ten utilities, two
bureaus and six street offices. The system test CityPackageIT loads it into an empty installation."""

import json
import random
from datetime import date, timedelta
from pathlib import Path

OUT = Path(__file__).resolve().parent / "second-city"
WEST, EAST, SOUTH, NORTH = 113.20, 113.38, 23.05, 23.17

DISTRICTS = [
    ("440851", "江北区", "Jiangbei District", [("临江街道", "Linjiang"), ("望月街道", "Wangyue"), ("石桥街道", "Shiqiao")]),
    ("440852", "江南区", "Jiangnan District", [("滨河街道", "Binhe"), ("青山街道", "Qingshan"), ("白沙街道", "Baisha")]),
]
COMMUNITIES = ["水岸", "桃源", "松林", "凤鸣", "金沙", "玉带", "云栖", "兴隆", "长乐", "福田", "明珠", "瑞丰"]
UTILITIES = [
    ("JC-WATER", "江川供水集团", "Jiangchuan Water Group"),
    ("JC-SEWER", "江川排水公司", "Jiangchuan Sewerage Co."),
    ("JC-GAS", "江川港华燃气", "Jiangchuan Towngas"),
    ("JC-POWER", "江川供电局", "Jiangchuan Power Supply Bureau"),
    ("JC-TELECOM", "江川电信", "Jiangchuan Telecom"),
    ("JC-MOBILE", "江川移动", "Jiangchuan Mobile"),
    ("JC-LIGHT", "江川市政照明所", "Jiangchuan Street Lighting"),
    ("JC-CATV", "江川广电网络", "Jiangchuan Cable Network"),
    ("JC-SIGNAL", "江川交通信号中心", "Jiangchuan Traffic Signals"),
    ("JC-HEAT", "江川能源站", "Jiangchuan District Energy"),
]
BUREAUS = [
    ("JC-URBAN", "江川市城市管理和综合执法局", "Jiangchuan Urban Management and Law Enforcement"),
    ("JC-ROADS", "江川市住房和城乡建设局", "Jiangchuan Housing and Urban-Rural Development"),
]
# Cover categories: code, name, English name, owner, share of the register.
COVERS = [
    ("JG01", "给水井盖", "Water main cover", "JC-WATER", 5),
    ("JG02", "污水井盖", "Sewer cover", "JC-SEWER", 6),
    ("JG03", "雨水井盖", "Storm drain cover", "JC-SEWER", 5),
    ("JG04", "燃气井盖", "Gas valve cover", "JC-GAS", 2),
    ("JG05", "电力井盖", "Power cover", "JC-POWER", 3),
    ("JG06", "电信井盖", "Telecom cover", "JC-TELECOM", 2),
    ("JG07", "移动通信井盖", "Mobile network cover", "JC-MOBILE", 1),
    ("JG08", "路灯井盖", "Street light cover", "JC-LIGHT", 2),
    ("JG09", "有线电视井盖", "Cable TV cover", "JC-CATV", 1),
    ("JG10", "交通信号井盖", "Traffic signal cover", "JC-SIGNAL", 1),
]
EVENTS = [
    ("SJ01", "暴露垃圾", "Exposed garbage", "EVENT", "NORMAL"),
    ("SJ02", "占道经营", "Street vending on the road", "EVENT", "NORMAL"),
    ("SJ03", "道路坑洼", "Potholed road", "EVENT", "URGENT"),
    ("SJ04", "违章搭建", "Unauthorised structure", "EVENT", "NORMAL"),
    ("SQ01", "停水报修", "Water cut", "DEMAND", "URGENT"),
]


def rect(w, s, e, n):
    w, s, e, n = (round(v, 6) for v in (w, s, e, n))
    return {"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]}


def split(lo, hi, parts):
    step = (hi - lo) / parts
    return [(lo + i * step, lo + (i + 1) * step) for i in range(parts)]


def areas():
    features, grids = [], []
    ci = 0
    for (code, name, name_en, streets), (w, e) in zip(DISTRICTS, split(WEST, EAST, 2)):
        features.append((code, "district", name, name_en, w, SOUTH, e, NORTH))
        for si, ((sname, sname_en), (s, n)) in enumerate(zip(streets, split(SOUTH, NORTH, 3)), 1):
            scode = f"{code}{si:03d}"
            features.append((scode, "street", sname, f"{sname_en} Subdistrict", w, s, e, n))
            for ki, (cw, ce) in enumerate(split(w, e, 2), 1):
                ccode = f"{scode}{ki:03d}"
                features.append((ccode, "community", COMMUNITIES[ci] + "社区", None, cw, s, ce, n))
                ci += 1
                cells = [(gw, ge, gs, gn) for gs, gn in split(s, n, 2) for gw, ge in split(cw, ce, 3)]
                for gi, (gw, ge, gs, gn) in enumerate(cells, 1):
                    gcode = f"{ccode}{gi:03d}"
                    features.append((gcode, "grid", f"{COMMUNITIES[ci - 1]}第{gi}网格", None, gw, gs, ge, gn))
                    grids.append((gcode, gw, gs, ge, gn))
    collection = {"type": "FeatureCollection", "features": []}
    for code, level, name, name_en, w, s, e, n in features:
        props = {"XZQDM": code, "JB": level, "MC": name}
        if name_en:
            props["YWMC"] = name_en
        collection["features"].append({"type": "Feature", "properties": props, "geometry": rect(w, s, e, n)})
    return collection, grids


def covers(grids, rng):
    kinds = [c for c in COVERS for _ in range(c[4])]
    rows, serials = [], {}
    for g, (gcode, w, s, e, n) in enumerate(grids):
        for _ in range(28):
            code, _, _, owner, _ = rng.choice(kinds)
            district = gcode[:6]
            serials[district] = serials.get(district, 0) + 1
            lon = round(rng.uniform(w + 0.0002, e - 0.0002), 6)
            lat = round(rng.uniform(s + 0.0002, n - 0.0002), 6)
            # Type is not owner: a few sewer covers sit on the district energy network.
            if code == "JG02" and rng.random() < 0.05:
                owner = "JC-HEAT"
            rows.append((f"{district}01{code[2:]}{serials[district]:06d}", code, lat, lon, owner,
                         f"{gcode[-6:]}号井"))
    return rows


def calendar():
    holidays = []
    for start, end, name in [("2027-01-01", "2027-01-03", "元旦"), ("2027-02-06", "2027-02-12", "春节"),
                             ("2027-04-03", "2027-04-05", "清明节"), ("2027-05-01", "2027-05-05", "劳动节"),
                             ("2027-06-09", "2027-06-11", "端午节"), ("2027-09-15", "2027-09-17", "中秋节"),
                             ("2027-10-01", "2027-10-07", "国庆节")]:
        d = date.fromisoformat(start)
        while d <= date.fromisoformat(end):
            holidays.append({"date": d.isoformat(), "name": name})
            d += timedelta(days=1)
    make_ups = [("2027-02-14", "春节调休上班"), ("2027-02-20", "春节调休上班"), ("2027-04-25", "劳动节调休上班"),
                ("2027-05-08", "劳动节调休上班"), ("2027-09-26", "国庆节调休上班"), ("2027-10-09", "国庆节调休上班")]
    return {"workingPeriods": [{"start": "09:00", "end": "12:00"}, {"start": "13:30", "end": "18:00"}],
            "weekend": ["SATURDAY", "SUNDAY"], "holidays": holidays,
            "makeUpWorkdays": [{"date": d, "name": n} for d, n in make_ups]}


def limit(amount, unit):
    return {"amount": amount, "unit": unit}


def write(name, data):
    with open(OUT / name, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2)
        f.write("\n")


def main():
    rng = random.Random(4408)
    OUT.mkdir(parents=True, exist_ok=True)
    collection, grids = areas()
    write("manifest.json", {
        "format": "casegrid-city-package", "formatVersion": 1,
        "city": {"name": "江川市", "nameEn": "Jiangchuan"}, "version": "2027.1", "timeZone": "Asia/Shanghai",
        "description": "A second, fictional city; generated by deploy/demo/generate_second_city.py.",
        "areas": {"properties": {"code": "XZQDM", "level": "JB", "name": "MC", "nameEn": "YWMC"}},
        "assets": [{"file": "covers.csv", "format": "csv", "columns": {
            "code": "井盖编号", "categoryCode": "类型", "latitude": "纬度", "longitude": "经度",
            "ownerDepartmentCode": "权属单位", "address": "位置"}}]})
    write("areas.geojson", collection)
    departments = [{"code": c, "name": n, "nameEn": e, "kind": "UTILITY"} for c, n, e in UTILITIES]
    departments += [{"code": c, "name": n, "nameEn": e, "kind": "BUREAU"} for c, n, e in BUREAUS]
    territories = []
    for code, _, _, streets in DISTRICTS:
        for si, (sname, sname_en) in enumerate(streets, 1):
            scode = f"{code}{si:03d}"
            departments.append({"code": f"JC-ST{scode[-4:]}", "name": f"{sname}办事处",
                                "nameEn": f"{sname_en} Subdistrict Office", "kind": "TERRITORIAL"})
            territories.append({"areaCode": scode, "departmentCode": f"JC-ST{scode[-4:]}"})
    write("departments.json", {"departments": departments, "territories": territories})
    categories = [{"code": c, "name": n, "nameEn": e, "kind": "COMPONENT", "defaultUrgency": "URGENT"}
                  for c, n, e, _, _ in COVERS]
    categories += [{"code": c, "name": n, "nameEn": e, "kind": k, "defaultUrgency": u} for c, n, e, k, u in EVENTS]
    write("categories.json", {"categories": categories})
    rules = [{"categoryCode": c, "departmentCode": o} for c, _, _, o, _ in COVERS]
    rules += [
        # Exposed garbage goes to the office of the street where it lies (属地).
        {"categoryCode": "SJ01", "territorialOffice": "STREET"},
        # Street vending is the enforcement bureau's, except in Jiangnan, which gives it to its streets.
        {"categoryCode": "SJ02", "departmentCode": "JC-URBAN"},
        {"categoryCode": "SJ02", "districtCode": "440852", "territorialOffice": "STREET"},
        {"categoryCode": "SJ03", "departmentCode": "JC-ROADS", "coHandlerCodes": ["JC-URBAN"]},
        {"categoryCode": "SJ04", "departmentCode": "JC-URBAN"},
        {"categoryCode": "SQ01", "departmentCode": "JC-WATER"},
    ]
    write("routing.json", {"rules": rules})
    policies = [
        {"urgency": "NORMAL", "sign": limit(2, "WORKING_HOURS"), "resolve": limit(5, "WORKING_DAYS")},
        {"urgency": "URGENT", "sign": limit(1, "NATURAL_HOURS"), "resolve": limit(12, "NATURAL_HOURS")},
        {"urgency": "EMERGENCY", "sign": limit(0.25, "NATURAL_HOURS"), "resolve": limit(2, "NATURAL_HOURS"),
         "warningShare": 0.7},
    ]
    for code, *_ in COVERS:
        policies.append({"categoryCode": code, "urgency": "URGENT", "sign": limit(0.5, "NATURAL_HOURS"),
                         "makeSafe": limit(1, "NATURAL_HOURS"), "resolve": limit(8, "NATURAL_HOURS")})
    policies.append({"categoryCode": "SJ01", "urgency": "NORMAL", "sign": limit(1, "WORKING_HOURS"),
                     "resolve": limit(4, "WORKING_HOURS")})
    write("deadlines.json", {"policies": policies, "supervisionOrderResponse": limit(4, "WORKING_HOURS")})
    write("calendar.json", calendar())
    write("escalation.json", {"period": "WEEK", "rungs": [{"overdueCases": 2, "step": "YELLOW_CARD"},
                                                          {"overdueCases": 5, "step": "ACCOUNTABILITY_NOTICE"}]})
    write("sensor-rules.json", {"rules": [{"kind": "MISSING", "debounceSeconds": 0},
                                          {"kind": "TILT", "threshold": 20, "debounceSeconds": 60}]})
    write("metric-weights.json", {"weights": {"on-time-closure": 0.4, "satisfaction": 0.3, "closure": 0.3}})
    with open(OUT / "covers.csv", "w", encoding="utf-8", newline="") as f:
        f.write("井盖编号,类型,纬度,经度,权属单位,位置\n")
        for code, cat, lat, lon, owner, address in covers(grids, rng):
            f.write(f"{code},{cat},{lat:.6f},{lon:.6f},{owner},{address}\n")


if __name__ == "__main__":
    main()
