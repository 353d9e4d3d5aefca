-- Reference data an administrator loads for the map and the bulletins: the administrative areas
-- and grids with their polygons (the same data intake locates cases with), and the names of
-- departments and categories, so that documents show names rather than codes.
CREATE TABLE area (
    code        TEXT PRIMARY KEY,
    level       TEXT NOT NULL CHECK (level IN ('DISTRICT', 'STREET', 'COMMUNITY', 'GRID')),
    name        TEXT NOT NULL,
    name_en     TEXT,
    parent_code TEXT,
    -- GeoJSON Polygon or MultiPolygon, as checked and rewritten on loading.
    geometry    TEXT NOT NULL
);
CREATE INDEX area_level ON area (level);

CREATE TABLE reference_name (
    kind    TEXT NOT NULL CHECK (kind IN ('DEPARTMENT', 'CATEGORY')),
    code    TEXT NOT NULL,
    name    TEXT NOT NULL,
    name_en TEXT,
    PRIMARY KEY (kind, code)
);
