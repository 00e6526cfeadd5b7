namespace Adal.Ledger;
