using Adal.Features.Requests;
using Adal.Platform.Localization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Adal.Platform;

/// <summary>The failures the slices return, with their messages in the user's language.</summary>
public static class Problems
{
    public static Failure NotFound(string key, string language, params object[] args) => new(404, key, Languages.Text(key, language, args));
    public static Failure Forbidden(string key, string language, params object[] args) => new(403, key, Languages.Text(key, language, args));
    public static Failure Conflict(string key, string language, params object[] args) => new(409, key, Languages.Text(key, language, args));
    public static Failure Invalid(FieldErrors errors, string language) => new(400, "Problem.Invalid", Languages.Text("Problem.Invalid", language), errors);

    /// <summary>ProblemDetails for the API: the status, a localised title, and field errors when there are any.</summary>
    public static IResult ToResult(this Failure failure) => failure.Fields is { Count: > 0 } fields
        ? TypedResults.ValidationProblem(fields, title: failure.Message, extensions: Code(failure))
        : TypedResults.Problem(title: failure.Message, statusCode: failure.Status, extensions: Code(failure));

    public static ProblemHttpResult ToProblem(this Failure failure) =>
        TypedResults.Problem(title: failure.Message, statusCode: failure.Status, extensions: Code(failure));

    private static Dictionary<string, object?> Code(Failure failure) => new() { ["code"] = failure.Code };
}
