//! Withdrawals to a bank account. So far the rules: the amount and the bank details.

pub mod model;
