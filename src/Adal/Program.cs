using Adal.Platform.Web;

// `adal` serves; `adal catalog check [folder]` validates the catalogue; `adal audit` audits the integrity ledger;
// `adal verify FILE.pdf --proof PROOF.json [--key KEY.pem]` checks an issued document offline.
if (args is ["catalog", "check", ..]) return Adal.Features.Catalog.CatalogCommand.Check(args.Length > 2 ? args[2] : null);
if (args is ["audit", ..]) return await Adal.Features.Ledger.LedgerAuditCommand.RunAsync(args);
if (args is ["verify", ..]) return Adal.Features.Verification.VerifyCommand.Run(args[1..], Console.Out, Console.Error);

NativeHeap.LimitArenas();
var builder = WebApplication.CreateBuilder(args);
builder.AddAdal();
var app = builder.Build();
app.UseAdal();
await app.PrepareAsync();
await app.RunAsync();
return 0;

public partial class Program;
