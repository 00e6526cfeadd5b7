using System.Collections.Concurrent;
using Adal.Ledger;
using Adal.Platform.Persistence;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Ledger;

/// <summary>
/// Each university signs its tree heads with its own ECDSA P-256 key (see docs/adr/0005). The private key is
/// generated on first use and kept only encrypted (ASP.NET Data Protection); the public keys, old ones
/// included, are published at /.well-known/adal/keys so any head ever signed stays verifiable.
/// </summary>
public sealed class UniversityKeys(IServiceScopeFactory scopes, IDataProtectionProvider protection, TimeProvider clock)
{
    private readonly IDataProtector _protector = protection.CreateProtector("Adal.Ledger.SigningKey.v1");
    private readonly ConcurrentDictionary<Guid, LogSigner> _signers = new();
    private readonly SemaphoreSlim _creating = new(1, 1);

    public static string LogId(string tenantSlug) => $"adal/{tenantSlug}";

    public async Task<LogSigner> SignerAsync(Guid tenantId, string tenantSlug, CancellationToken ct)
    {
        if (_signers.TryGetValue(tenantId, out var signer)) return signer;
        await _creating.WaitAsync(ct);
        try
        {
            if (_signers.TryGetValue(tenantId, out signer)) return signer;
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AdalDb>();
            var row = await db.LedgerKeys.Where(k => k.TenantId == tenantId && k.RetiredAt == null).OrderByDescending(k => k.CreatedAt).FirstOrDefaultAsync(ct);
            if (row is null)
            {
                signer = LogSigner.Generate(LogId(tenantSlug), clock);
                db.LedgerKeys.Add(new LedgerKeyRow
                {
                    KeyId = signer.KeyId, TenantId = tenantId, PublicKey = signer.ExportSubjectPublicKeyInfo(),
                    ProtectedPrivateKey = _protector.Protect(signer.ExportPrivateKeyPem()), CreatedAt = clock.GetUtcNow().UtcDateTime,
                });
                await db.SaveChangesAsync(ct);
            }
            else
            {
                signer = LogSigner.FromPrivateKeyPem(LogId(tenantSlug), _protector.Unprotect(row.ProtectedPrivateKey), clock);
            }
            return _signers[tenantId] = signer;
        }
        finally
        {
            _creating.Release();
        }
    }

    /// <summary>Retires the current key; the next head is signed with a new one. Old heads still verify with the old public key.</summary>
    public async Task RotateAsync(Guid tenantId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AdalDb>();
        var now = clock.GetUtcNow().UtcDateTime;
        await db.LedgerKeys.Where(k => k.TenantId == tenantId && k.RetiredAt == null).ExecuteUpdateAsync(u => u.SetProperty(k => k.RetiredAt, now), ct);
        _signers.TryRemove(tenantId, out _);
    }

    /// <summary>A verifier trusting every key the university has ever used.</summary>
    public static async Task<TreeHeadVerifier> VerifierAsync(AdalDb db, Guid tenantId, string tenantSlug, CancellationToken ct)
    {
        var verifier = new TreeHeadVerifier(LogId(tenantSlug));
        foreach (var key in await db.LedgerKeys.AsNoTracking().Where(k => k.TenantId == tenantId).ToListAsync(ct))
            verifier.TrustSubjectPublicKeyInfo(key.PublicKey);
        return verifier;
    }
}
