-- The names of the categories and areas, from the city's package, so that dispatch's consoles show
-- people names (污水井盖, 湖滨街道桂花社区第1网格) with the codes small beside them.
CREATE TABLE reference_name (
    kind    TEXT NOT NULL CHECK (kind IN ('CATEGORY', 'AREA')),
    code    TEXT NOT NULL,
    name    TEXT NOT NULL,
    name_en TEXT,
    PRIMARY KEY (kind, code)
);
