using Adal.Features.Ledger;
using Adal.Ledger;
using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Adal.Features.Admin;

/// <summary>The university's ledger for its administrators and auditors: the current signed head and the full audit on demand.</summary>
[Authorize(Roles = $"{Role.Admin},{Role.Auditor}")]
public sealed class LedgerModel(UniversityLog log, AdalDb db, TenantContext tenant, UniversityKeys keys) : PageModel
{
    /// <summary>
    /// Rotates the signing key (administrators only): the next head is signed with a new key; every head signed
    /// before stays verifiable, because the old public key stays published.
    /// </summary>
    public async Task<IActionResult> OnPostRotateAsync(CancellationToken ct)
    {
        if (!User.IsInRole(Role.Admin)) return Forbid();
        await keys.RotateAsync(tenant.Required, ct);
        return Redirect("/admin/ledger");
    }

    public SignedTreeHead Head { get; private set; } = null!;
    public LedgerAuditResult? Audit { get; private set; }

    public async Task OnGetAsync(bool audit, CancellationToken ct)
    {
        Head = await log.LatestHeadAsync(tenant.Required, tenant.Slug!, ct);
        if (audit) Audit = await new LedgerAudit(db).RunAsync(tenant.Required, tenant.Slug!, ct);
    }
}
