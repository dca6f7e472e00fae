mod certificates;
mod ledger;
