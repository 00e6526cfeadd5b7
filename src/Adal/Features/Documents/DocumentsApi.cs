using Adal.Features.Requests;
using Adal.Platform;
using Adal.Platform.Identity;
using Adal.Platform.Localization;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Adal.Features.Documents;

public sealed record DocumentInfo(string Number, string Title, string HolderName, string ServiceSlug, Guid RequestId, string Language,
    DateTime IssuedAt, string Sha256, bool Revoked, DateTime? RevokedAt, string PdfUrl, string VerifyUrl);

public static class DocumentsApi
{
    public static IEndpointRouteBuilder MapDocumentsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/documents").RequireAuthorization(AuthSetup.ApiPolicy).WithTags("Documents");
        api.MapGet("/{number}", Get)
            .WithSummary("An issued document: JSON by default, the PDF itself with Accept: application/pdf (holder and case staff only)")
            .Produces<DocumentInfo>().Produces(200, contentType: "application/pdf").ProducesProblem(404);
        api.MapGet("/{number}/pdf", Pdf).WithSummary("The issued PDF, byte for byte as issued").Produces(200, contentType: "application/pdf").ProducesProblem(404);
        return app;
    }

    private static async Task<IResult> Get(string number, HttpContext http, AdalDb db, RequestWorkflow workflow, CancellationToken ct)
    {
        var document = await FindVisibleAsync(number, http, db, workflow, ct);
        if (document is null) return Problems.NotFound("Problem.DocumentNotFound", Languages.Current).ToResult();
        var wantsPdf = http.Request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals("application/pdf", StringComparison.OrdinalIgnoreCase));
        if (wantsPdf) return TypedResults.File(document.Pdf, "application/pdf", $"{document.Number}.pdf");
        return TypedResults.Ok(new DocumentInfo(document.Number, document.Title, document.HolderName, document.ServiceSlug, document.RequestId,
            document.Language, document.IssuedAt, document.Sha256, document.RevokedAt is not null, document.RevokedAt,
            $"/api/documents/{document.Number}/pdf", $"/verify/{document.Number}"));
    }

    private static async Task<IResult> Pdf(string number, HttpContext http, AdalDb db, RequestWorkflow workflow, CancellationToken ct)
    {
        var document = await FindVisibleAsync(number, http, db, workflow, ct);
        return document is null
            ? Problems.NotFound("Problem.DocumentNotFound", Languages.Current).ToResult()
            : TypedResults.File(document.Pdf, "application/pdf", $"{document.Number}.pdf");
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
