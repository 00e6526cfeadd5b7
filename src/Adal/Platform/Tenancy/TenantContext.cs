namespace Adal.Platform.Tenancy;

/// <summary>
/// The university the current request (or job) works for. Set once per scope by the tenant middleware
/// or by a background job; the database filters every query by it, so one university never sees another's rows.
/// </summary>
public sealed class TenantContext
{
    public Guid? TenantId { get; private set; }
    public string? Slug { get; private set; }

    public void Enter(Guid tenantId, string slug)
    {
        if (TenantId is not null && TenantId != tenantId)
            throw new InvalidOperationException("A scope belongs to one university; it cannot switch to another.");
        TenantId = tenantId;
        Slug = slug;
    }

    public Guid Required => TenantId ?? throw new InvalidOperationException("No university has been chosen for this scope.");
}
