-- How many bonus points a purchase earns, in per cent of the goods as paid, by
-- rule: 'receipt' is credited when the shopper receives the order at the point.
CREATE TABLE points_rules (
    kind TEXT PRIMARY KEY,
    percent INTEGER NOT NULL CHECK (percent >= 0 AND percent <= 100)
);
INSERT INTO points_rules (kind, percent) VALUES ('receipt', 2);
