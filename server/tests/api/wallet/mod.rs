mod certificates;
mod ledger;
mod points;
