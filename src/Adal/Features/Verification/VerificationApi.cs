using Adal.Platform;
using Adal.Platform.Localization;

namespace Adal.Features.Verification;

/// <summary>Public, no account: an employer or a registrar elsewhere checks a document by number or by file.</summary>
public static class VerificationApi
{
    public const int MaxPdfBytes = 20 * 1024 * 1024;

    public static IEndpointRouteBuilder MapVerificationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/verify").WithTags("Verification").AllowAnonymous();
        api.MapGet("/{number}", ByNumber).WithSummary("Is the document with this number genuine? Shows only what the document shows")
            .Produces<VerificationResult>().ProducesProblem(404);
        api.MapPost("/", ByFile).WithSummary("Upload the PDF itself (body application/pdf): genuine only if it is byte for byte the issued file")
            .Accepts<byte[]>("application/pdf").Produces<VerificationResult>().ProducesProblem(400).ProducesProblem(404);
        return app;
    }

    private static async Task<IResult> ByNumber(string number, DocumentVerification verification, CancellationToken ct)
    {
        var result = await verification.ByNumberAsync(number, ct);
        return result is null ? Problems.NotFound("Problem.DocumentNotFound", Languages.Current).ToResult() : TypedResults.Ok(result);
    }

    private static async Task<IResult> ByFile(HttpContext http, DocumentVerification verification, CancellationToken ct)
    {
        var language = Languages.Current;
        using var buffer = new MemoryStream();
        await http.Request.Body.CopyToAsync(buffer, ct);
        if (buffer.Length is 0 or > MaxPdfBytes)
            return new Failure(400, "Problem.NotAPdf", Languages.Text("Problem.NotAPdf", language)).ToResult();
        var result = await verification.ByFileAsync(buffer.ToArray(), ct);
        return result is null ? Problems.NotFound("Problem.NotGenuine", language).ToResult() : TypedResults.Ok(result);
    }
}
