-- Staff (app/src/staff): who works for Rynok or for a seller, and where. A role is
-- granted to a phone number (E.164): whoever signs in with it holds the role, and a
-- phone change leaves the role behind. operator: of a pickup point (scope = the
-- point); seller_staff: of a seller (scope = the seller); support and admin: of the
-- whole shop (scope 0).
CREATE TABLE staff_roles (
    phone TEXT NOT NULL,
    role TEXT NOT NULL,
    scope_id INTEGER NOT NULL,
    granted_at INTEGER NOT NULL,
    PRIMARY KEY (phone, role, scope_id)
);
