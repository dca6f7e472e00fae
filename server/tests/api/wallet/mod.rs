mod card;
mod certificates;
mod ledger;
mod points;
mod topups;
mod withdrawals;
