using System.Security.Cryptography;
using Adal.Features.Documents;
using Adal.Features.Ledger;
using Adal.Tests.Infrastructure;
using Adal.Tests.Verification;
using Microsoft.EntityFrameworkCore;

namespace Adal.Tests.Documents;

/// <summary>Issued certificates in the database: the fonts they share stored once, each download the file the ledger recorded.</summary>
public abstract class DocumentStorageTests<TApp>(TApp app) where TApp : AdalApp
{
    [Fact]
    public async Task Certificates_store_the_shared_fonts_once_and_download_as_issued()
    {
        var certificates = new List<IssuedCertificate>();
        for (var i = 0; i < 3; i++) certificates.Add(await Certificates.IssueAsync(app));

        var numbers = certificates.Select(c => c.Number).ToList();
        var (partCount, stored) = await app.InDemoAsync(async (_, db) =>
            (await db.DocumentParts.CountAsync(), await db.Documents.AsNoTracking().Where(d => numbers.Contains(d.Number)).ToListAsync()));
        Assert.Equal(2, partCount);
        foreach (var certificate in certificates)
        {
            var document = stored.Single(d => d.Number == certificate.Number);
            Assert.Equal(document.Sha256, Convert.ToHexStringLower(SHA256.HashData(certificate.Pdf)));
            Assert.StartsWith("%PDF-1.7", System.Text.Encoding.ASCII.GetString(certificate.Pdf, 0, 8));
            Assert.True(document.StoredPdf.Length < certificate.Pdf.Length / 3,
                $"{document.Number} is stored in {document.StoredPdf.Length:N0} bytes of its {certificate.Pdf.Length:N0}");
        }

        // A document stored whole, as every one was before, downloads the same.
        var first = certificates[0];
        await app.InDemoAsync((_, db) => db.Documents.Where(d => d.Number == first.Number).ExecuteUpdateAsync(u => u.SetProperty(d => d.StoredPdf, first.Pdf)));
        Assert.Equal(first.Pdf, await first.Student.GetByteArrayAsync($"/api/documents/{first.Number}/pdf"));
        var audit = await AuditAsync();
        Assert.True(audit.Intact, audit.Divergence);
    }

    [Fact]
    public async Task A_shared_part_changed_in_the_database_is_caught_by_the_audit()
    {
        await Certificates.IssueAsync(app);
        var part = await app.InDemoAsync((_, db) => db.DocumentParts.AsNoTracking().OrderBy(p => p.Sha256).FirstAsync());
        var changed = part.Bytes.ToArray();
        changed[changed.Length / 2] ^= 0x01;
        await app.InDemoAsync((_, db) => db.DocumentParts.Where(p => p.Sha256 == part.Sha256).ExecuteUpdateAsync(u => u.SetProperty(p => p.Bytes, changed)));
        try
        {
            var audit = await AuditAsync();
            Assert.False(audit.Intact);
            Assert.Contains("the stored PDF is not the one the ledger recorded", audit.Divergence);
        }
        finally
        {
            await app.InDemoAsync((_, db) => db.DocumentParts.Where(p => p.Sha256 == part.Sha256).ExecuteUpdateAsync(u => u.SetProperty(p => p.Bytes, part.Bytes)));
        }
        var restored = await AuditAsync();
        Assert.True(restored.Intact, restored.Divergence);
    }

    private Task<LedgerAuditResult> AuditAsync() =>
        app.InDemoAsync((_, db) => new LedgerAudit(db).RunAsync(db.Tenants.Single(t => t.Slug == "demo").Id, "demo", default));
}

public sealed class DocumentStorageOnSqlite(AdalApp app) : DocumentStorageTests<AdalApp>(app), IClassFixture<AdalApp>;

public sealed class DocumentStorageOnPostgres(PostgresApp app) : DocumentStorageTests<PostgresApp>(app), IClassFixture<PostgresApp>;
