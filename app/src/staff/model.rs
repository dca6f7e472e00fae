//! Staff roles.

use serde::{Deserialize, Serialize};

/// What a member of staff may do, and over what (`scope`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A pickup point's operator: hands orders over, takes payment on receipt.
    /// Scope: the pickup point.
    Operator,
    /// A seller's staff: their products, orders and buyers' questions. Scope: the seller.
    SellerStaff,
    /// Rynok's support agent. Scope: 0, the whole shop.
    Support,
    /// Rynok's administrator. Scope: 0.
    Admin,
}

impl Role {
    pub const ALL: [Role; 4] = [
        Role::Operator,
        Role::SellerStaff,
        Role::Support,
        Role::Admin,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Operator => "operator",
            Role::SellerStaff => "seller_staff",
            Role::Support => "support",
            Role::Admin => "admin",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        Self::ALL.into_iter().find(|r| r.as_str() == s.trim())
    }

    /// The role's bit in a set of roles held (the header's menu).
    pub fn bit(self) -> u8 {
        1 << (self as u8)
    }

    /// Whether the role's scope is one place (a point, a seller) rather than the shop.
    pub fn scoped(self) -> bool {
        matches!(self, Role::Operator | Role::SellerStaff)
    }
}

/// The roles one account holds, each with its scope (0 for the shop-wide roles).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grants(pub Vec<(Role, i64)>);

impl Grants {
    /// The roles held, as a set of [`Role::bit`]s.
    pub fn bits(&self) -> u8 {
        self.0.iter().fold(0, |bits, (r, _)| bits | r.bit())
    }

    /// The scopes over which `role` is held.
    pub fn scopes(&self, role: Role) -> Vec<i64> {
        self.0
            .iter()
            .filter(|(r, _)| *r == role)
            .map(|(_, s)| *s)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_round_trip() {
        for r in Role::ALL {
            assert_eq!(Role::parse(r.as_str()), Some(r));
        }
        assert_eq!(Role::parse("root"), None);
        assert!(Role::Operator.scoped() && !Role::Support.scoped());
    }

    #[test]
    fn each_role_has_a_bit_of_its_own() {
        let all = Role::ALL.iter().fold(0u8, |bits, r| {
            assert_eq!(bits & r.bit(), 0, "{r:?}");
            bits | r.bit()
        });
        assert_eq!(all.count_ones(), 4);
    }

    #[test]
    fn grants_give_bits_and_scopes() {
        let g = Grants(vec![
            (Role::Operator, 7),
            (Role::SellerStaff, 2),
            (Role::SellerStaff, 5),
        ]);
        assert_eq!(g.bits(), Role::Operator.bit() | Role::SellerStaff.bit());
        assert_eq!(g.scopes(Role::SellerStaff), vec![2, 5]);
        assert!(g.scopes(Role::Support).is_empty());
        assert_eq!(Grants::default().bits(), 0);
    }
}
