using Adal.Features.Ledger;
using Adal.Ledger;
using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adal.Features.Admin;

/// <summary>The university's ledger for its administrators and auditors: the current signed head and the full audit on demand.</summary>
[Authorize(Roles = $"{Role.Admin},{Role.Auditor}")]
public sealed class LedgerModel(UniversityLog log, AdalDb db, TenantContext tenant) : PageModel
{
    public SignedTreeHead Head { get; private set; } = null!;
    public LedgerAuditResult? Audit { get; private set; }

    public async Task OnGetAsync(bool audit, CancellationToken ct)
    {
        Head = await log.LatestHeadAsync(tenant.Required, tenant.Slug!, ct);
        if (audit) Audit = await new LedgerAudit(db).RunAsync(tenant.Required, tenant.Slug!, ct);
    }
}
