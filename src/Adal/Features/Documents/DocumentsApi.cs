using Adal.Features.Ledger;
using Adal.Features.Requests;
using Adal.Ledger;
using Adal.Platform;
using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Adal.Features.Documents;

public sealed record DocumentInfo(string Number, string Title, string HolderName, string ServiceSlug, Guid RequestId, string Language,
    DateTime IssuedAt, string Sha256, bool Revoked, DateTime? RevokedAt, string PdfUrl, string VerifyUrl);

public sealed record RevokeBody(string? Reason);

public static class DocumentsApi
{
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/documents").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("Documents");
        api.MapGet("/{number}", Get)
            .WithSummary("An issued document: JSON by default, the PDF itself with Accept: application/pdf (holder and case staff only)")
            .Produces<DocumentInfo>().Produces(200, contentType: "application/pdf").ProducesProblem(404);
        api.MapPost("/{number}/revoke", Revoke)
            .WithSummary("Revokes an issued document with a reason (registrar or administrator); recorded in the integrity ledger; verification then says revoked")
            .Produces<DocumentInfo>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapGet("/{number}/pdf", Pdf).WithSummary("The issued PDF, byte for byte as issued").Produces(200, contentType: "application/pdf").ProducesProblem(404);
        return app;
    }

    private static async Task<IResult> Get(string number, HttpContext http, AdalDb db, RequestWorkflow workflow, DocumentFiles files, CancellationToken ct)
    {
        var document = await FindVisibleAsync(number, http, db, workflow, ct);
        if (document is null) return Problems.NotFound("Problem.DocumentNotFound", Languages.Current).ToResult();
        var wantsPdf = http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase));
        if (wantsPdf) return TypedResults.File(await files.PdfAsync(db, document, ct), "application/pdf", $"{document.Number}.pdf");
        return TypedResults.Ok(new DocumentInfo(document.Number, document.Title, document.HolderName, document.ServiceSlug, document.RequestId,
            document.Language, document.IssuedAt, document.Sha256, document.RevokedAt is not null, document.RevokedAt,
            $"/api/documents/{document.Number}/pdf", $"/verify/{document.Number}"));
    }

    private static async Task<IResult> Pdf(string number, HttpContext http, AdalDb db, RequestWorkflow workflow, DocumentFiles files, CancellationToken ct)
    {
        var document = await FindVisibleAsync(number, http, db, workflow, ct);
        return document is null
            ? Problems.NotFound("Problem.DocumentNotFound", Languages.Current).ToResult()
            : TypedResults.File(await files.PdfAsync(db, document, ct), "application/pdf", $"{document.Number}.pdf");
    }

    private static async Task<IResult> Revoke(string number, RevokeBody body, HttpContext http, AdalDb db, LedgerRecorder ledger, TimeProvider clock, CancellationToken ct)
    {
        var actor = Actor.From(http.User)!;
        var language = Languages.Current;
        if (!actor.Has(Role.Registrar) && !actor.Has(Role.Admin)) return Problems.Forbidden("Problem.NotYourTurn", language).ToResult();
        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > 2000)
            return Problems.Invalid(new FieldErrors { ["reason"] = [Languages.Text("Validation.ReasonRequired", language)] }, language).ToResult();
        var document = number.Length > 40 ? null : await db.Documents.FirstOrDefaultAsync(d => d.Number == number.ToUpperInvariant(), ct);
        if (document is null) return Problems.NotFound("Problem.DocumentNotFound", language).ToResult();
        if (document.RevokedAt is not null) return Problems.Conflict("Problem.AlreadyRevoked", language).ToResult();
        var now = clock.GetUtcNow().UtcDateTime;
        document.RevokedAt = now;
        document.RevocationReason = body.Reason.Trim();
        // A revocation is a decision like any other: it enters the ledger with the same commit.
        ledger.Record(new LedgerDraft(LedgerEventTypes.DocumentRevoked, now)
            .Text("document", document.Number)
            .Integer("issued_entry", document.LedgerIndex ?? -1)
            .Committed("reason", document.RevocationReason)
            .Committed("actor", actor.UserId.ToString()));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new DocumentInfo(document.Number, document.Title, document.HolderName, document.ServiceSlug, document.RequestId,
            document.Language, document.IssuedAt, document.Sha256, true, document.RevokedAt, $"/api/documents/{document.Number}/pdf", $"/verify/{document.Number}"));
    }

    /// <summary>The holder and whoever may see the request that issued it; anyone else gets a plain 404.</summary>
    internal static async Task<IssuedDocument?> FindVisibleAsync(string number, HttpContext http, AdalDb db, RequestWorkflow workflow, CancellationToken ct)
    {
        var actor = Actor.From(http.User);
        if (actor is null || number.Length > 40) return null;
        var document = await db.Documents.AsNoTracking().FirstOrDefaultAsync(d => d.Number == number.ToUpperInvariant(), ct);
        if (document is null) return null;
        if (document.HolderId == actor.UserId) return document;
        var request = await db.Requests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == document.RequestId, ct);
        return request is not null && await workflow.MaySeeAsync(actor, request, ct) ? document : null;
    }
}
