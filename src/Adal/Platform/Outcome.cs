using Adal.Features.Requests;

namespace Adal.Platform;

/// <summary>
/// A user's mistake or a refusal, in the user's language: travels as a value, not an exception, and becomes
/// ProblemDetails at the API edge or a message on the form.
/// </summary>
public sealed record Failure(int Status, string Code, string Message, FieldErrors? Fields = null);

public readonly record struct Outcome<T>
{
    public T? Value { get; }
    public Failure? Failure { get; }

    private Outcome(T? value, Failure? failure) { Value = value; Failure = failure; }

    public bool Succeeded => Failure is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);
    public static implicit operator Outcome<T>(Failure failure) => new(default, failure);
}
