using Adal.Platform.Persistence;
using Adal.Platform.Web;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Ledger;

/// <summary>`adal audit [--tenant slug]`: audits every university's log (or one) against the database and exits 1 on any divergence.</summary>
public static class LedgerAuditCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var only = args.SkipWhile(a => a != "--tenant").Skip(1).FirstOrDefault();
        var builder = WebApplication.CreateBuilder(args.Where(a => a != "audit").ToArray());
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Configuration["Adal:SlaWatch"] = "false";
        builder.AddAdal();
        await using var app = builder.Build();
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdalDb>();
        var tenants = await db.Tenants.AsNoTracking().Where(t => only == null || t.Slug == only).OrderBy(t => t.Slug).ToListAsync();
        if (tenants.Count == 0)
        {
            Console.Error.WriteLine(only is null ? "No university on this installation." : $"No university '{only}'.");
            return 2;
        }
        var failed = false;
        foreach (var tenant in tenants)
        {
            var result = await new LedgerAudit(db).RunAsync(tenant.Id, tenant.Slug, CancellationToken.None);
            Console.WriteLine($"{tenant.Slug}: {(result.Intact ? "intact" : "DIVERGES")} — {result.EntriesAudited} of {result.LogSize} entries, " +
                $"{result.TreeHeadsVerified} signed tree heads, {result.NodesCompared} stored nodes, {result.DocumentsChecked} documents; root {result.RootHash}");
            if (!result.Intact)
            {
                Console.WriteLine($"  first divergence: {result.Divergence}");
                failed = true;
            }
        }
        return failed ? 1 : 0;
    }
}
