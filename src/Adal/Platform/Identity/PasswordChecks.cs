using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;

namespace Adal.Platform.Identity;

/// <summary>
/// Password checks on threads of their own. A check is PBKDF2 (ASP.NET Core Identity's hash: 100,000 rounds of
/// HMAC-SHA512, ~80 ms of one core) and cannot be made cheaper without making a stolen hash cheaper to crack. Run on
/// the thread pool, a burst of sign-ins at nine in the morning held every pool thread: under 64 connections of
/// sign-ins, status reads on the same host fell to 2.5/s at ~100 ms each. Here the checks queue for as many threads
/// as the machine has cores, and the pool's threads stay free for everything else (the operating system shares the
/// cores between both).
/// </summary>
public static class PasswordChecks
{
    private static readonly PasswordHasher<User> Hasher = new();
    private static readonly BlockingCollection<Check> Queue = new(new ConcurrentQueue<Check>());

    // A hash of a password nobody has, checked when the e-mail is unknown: a sign-in with an unknown e-mail takes as
    // long as one with a wrong password, so the answer's timing does not tell who has an account.
    private static readonly string NobodysHash = Hasher.HashPassword(null!, Convert.ToBase64String(Guid.NewGuid().ToByteArray()));

    private sealed record Check(string Hash, string Password, TaskCompletionSource<bool> Result, CancellationToken Abandoned);

    static PasswordChecks()
    {
        for (var i = 0; i < Environment.ProcessorCount; i++)
            new Thread(Run) { IsBackground = true, Name = $"Adal password check {i + 1}" }.Start();
    }

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// <summary>True when <paramref name="password"/> matches <paramref name="hash"/>; with no hash (no such account), the
    /// same work is done and the answer is false. A check still queued when <paramref name="ct"/> fires (the client gave
    /// up) is not done.</summary>
    public static async Task<bool> VerifyAsync(string? hash, string password, CancellationToken ct)
    {
        var result = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        Queue.Add(new Check(hash ?? NobodysHash, password, result, ct), ct);
        return await result.Task && hash is not null;
    }

    private static void Run()
    {
        foreach (var check in Queue.GetConsumingEnumerable())
        {
            if (check.Abandoned.IsCancellationRequested)
            {
                check.Result.SetCanceled(check.Abandoned);
                continue;
            }
            try
            {
                check.Result.SetResult(Hasher.VerifyHashedPassword(null!, check.Hash, check.Password) != PasswordVerificationResult.Failed);
            }
            catch (Exception e)
            {
                check.Result.SetException(e);
            }
        }
    }
}
