mod card;
mod certificates;
mod ledger;
mod ledger_races;
mod points;
mod topups;
mod withdrawal_inbox;
mod withdrawals;
