using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Adal.Features.Catalog;
using Adal.Features.Requests;
using Adal.Features.Ledger;
using Adal.Features.Records;
using Adal.Features.Sla;
using Adal.Features.University;
using Adal.Ledger;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Adal.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Documents;

/// <summary>
/// Renders the document a service issues from its template and the university's record of the applicant,
/// numbers it, stores the PDF (the parts every document shares once: <see cref="DocumentFiles"/>) with its SHA-256,
/// in the same unit of work as the decision that issues it.
/// </summary>
public sealed class DocumentIssuer(AdalDb db, TimeProvider clock, IConfiguration configuration, SlaClock sla, LedgerRecorder ledger, RecordDocuments records,
    TenantDirectory tenants, PersonReads people, DocumentFiles files)
{
    // Crockford's base32 without I, L, O, U: no letters a reader confuses when typing a number from paper.
    private const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public async Task<IssuedDocument> IssueAsync(ServiceRequest request, ServiceDefinition service, CancellationToken ct)
    {
        var template = service.Document ?? throw new InvalidOperationException($"{service.Slug} issues no document.");
        var fields = JsonSerializer.Deserialize<Dictionary<string, string>>(request.FieldsJson) ?? [];
        // A transcript or diploma supplement is generated from the academic record, in the language the service says.
        var record = await records.ForAsync(service.Slug, request.ApplicantId, fields, request.Language, ct);
        var language = record?.Language ?? request.Language;
        var now = clock.GetUtcNow().UtcDateTime;
        var tenant = await tenants.GetAsync(db, request.TenantId, ct) ?? throw new InvalidOperationException($"University {request.TenantId} is missing.");
        var holder = await people.FindAsync(request.ApplicantId, ct) ?? throw new InvalidOperationException($"Applicant {request.ApplicantId} is missing.");
        var holderName = holder.FullName;
        var student = holder.Student;
        var number = NewNumber(tenant.Slug, now);
        var culture = Languages.Culture(language);
        var values = new Dictionary<string, string>
        {
            ["fullName"] = holderName,
            ["studentNumber"] = student?.StudentNumber ?? "",
            ["programme"] = holder.Programme?.Name(language) ?? "",
            ["faculty"] = holder.Faculty?.Name(language) ?? "",
            ["year"] = student?.Year.ToString(culture) ?? "",
            ["date"] = TimeZoneInfo.ConvertTimeFromUtc(now, sla.Calendar.TimeZone).ToString("d MMMM yyyy", culture),
            ["documentNumber"] = number,
            ["university"] = tenant.Name(language),
            ["iin"] = student?.Iin ?? "",
        };
        foreach (var field in service.Fields)
        {
            if (!fields.TryGetValue(field.Name, out var value)) { values[field.Name] = ""; continue; }
            values[field.Name] = field.Type switch
            {
                FieldType.Select => field.Options.FirstOrDefault(o => o.Value == value)?.Label.In(language) ?? value,
                FieldType.Checkbox => Languages.Text(value == "true" ? "Common.Yes" : "Common.No", language),
                FieldType.Date when DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) => date.ToString("d MMMM yyyy", culture),
                _ => value,
            };
        }
        var body = CatalogLoader.Placeholder().Replace(template.Body.In(language), m => values.GetValueOrDefault(m.Groups[1].Value, m.Value));
        var baseUrl = (configuration["Adal:PublicBaseUrl"] ?? "http://127.0.0.1:5000").TrimEnd('/');
        var content = new DocumentContent(language, tenant.Name(language), template.Title.In(language), body,
            holderName, number, now, $"{baseUrl}/verify/{number}", LedgerIndex: null) { Table = record?.Table };
        var document = new IssuedDocument
        {
            Number = number,
            TenantId = request.TenantId,
            RequestId = request.Id,
            HolderId = request.ApplicantId,
            ServiceSlug = service.Slug,
            HolderName = holderName,
            Title = template.Title.In(language),
            Language = language,
            Sha256 = "",
            StoredPdf = [],
            IssuedAt = now,
        };
        // The PDF prints its own ledger index, known only inside the group commit: all but that line is drawn now, and
        // the commit finishes the file (a fraction of its cost) with the index.
        var draft = DocumentPdf.Draft(content);
        await files.StoreSharedAsync(db, draft, ct);
        ledger.Record(index =>
        {
            var pdf = draft.FinishFile(index);
            var hash = pdf.Sha256();
            document.StoredPdf = DocumentFile.Pack(pdf);
            document.Sha256 = Convert.ToHexStringLower(hash);
            document.LedgerIndex = index;
            return new LedgerDraft(LedgerEventTypes.DocumentIssued, now)
                .Text("document", number)
                .Bytes("sha256", hash)
                .Text("service", service.Slug)
                .Text("template", template.Template)
                .Committed("holder", holderName)
                .Committed("request", request.Id.ToString());
        });
        db.Insert(document);
        return document;
    }

    /// <summary>TENANT-YEAR-8 random characters (40 bits): unique in practice and not guessable by counting.</summary>
    internal static string NewNumber(string tenantSlug, DateTime now)
    {
        Span<byte> bytes = stackalloc byte[8];
        RandomNumberGenerator.Fill(bytes);
        var chars = new char[8];
        for (var i = 0; i < 8; i++) chars[i] = Alphabet[bytes[i] & 31];
        return $"{tenantSlug.ToUpperInvariant()}-{now.Year}-{new string(chars)}";
    }
}
