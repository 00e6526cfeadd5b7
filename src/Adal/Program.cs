using Adal.Platform.Web;

// `adal` serves; `adal catalog check [folder]` validates the catalogue; `adal audit` audits the integrity ledger.
if (args is ["catalog", "check", ..]) return Adal.Features.Catalog.CatalogCommand.Check(args.Length > 2 ? args[2] : null);
if (args is ["audit", ..]) return await Adal.Features.Ledger.LedgerAuditCommand.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddAdal();
var app = builder.Build();
app.UseAdal();
await app.PrepareAsync();
await app.RunAsync();
return 0;

public partial class Program;
