using Microsoft.AspNetCore.Diagnostics;
using Adal.Platform.Localization;

namespace Adal.Platform.Web;

/// <summary>
/// Bugs only: user mistakes never arrive here as exceptions. The client gets a ProblemDetails (API) or the
/// error page (site) with a trace id to quote, never a stack trace; the log keeps the details.
/// Malformed requests the framework itself rejects (bad JSON, too large) keep their 4xx status.
/// </summary>
public sealed class UnexpectedErrors(IProblemDetailsService problems, ILogger<UnexpectedErrors> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var status = exception is BadHttpRequestException bad ? bad.StatusCode : StatusCodes.Status500InternalServerError;
        if (status >= 500) log.LogError(exception, "Unhandled error on {Path}", http.Request.Path);
        http.Response.StatusCode = status;
        if (!http.Request.Path.StartsWithSegments("/api"))
        {
            http.Response.ContentType = "text/html; charset=utf-8";
            await http.Response.WriteAsync($"<!doctype html><meta charset=utf-8><title>Adal</title><p>{System.Net.WebUtility.HtmlEncode(Languages.Text(status >= 500 ? "Problem.Unexpected" : "Problem.Invalid", Languages.Current))}</p><p><a href=\"/\">Adal</a></p>", ct);
            return true;
        }
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = status, Title = Languages.Text(status >= 500 ? "Problem.Unexpected" : "Problem.Invalid", Languages.Current) },
            Exception = exception,
        });
    }
}
