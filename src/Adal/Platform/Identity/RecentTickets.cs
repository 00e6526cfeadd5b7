using System.Collections.Concurrent;
using Microsoft.AspNetCore.Authentication;

namespace Adal.Platform.Identity;

/// <summary>
/// Sign-in tickets already read from their bearer token or site cookie. A phone that polls its request's status sends
/// the same token every time, and reading one (ASP.NET Core's data protection: a key derived for the token, AES-CBC,
/// HMAC-SHA256, then the claims) was half the CPU of the API's cheapest request.
/// <para>
/// Only what the real format accepted is kept, so nothing is trusted that was not once read in full; an unreadable
/// token is read in full every time. The handler still checks the ticket's expiry on every request (the expiry
/// travels in the ticket). A token is read in full again once <see cref="Trust"/> has passed since its last full read,
/// so a data-protection key the operator revoked stops tokens within that time. Each caller gets its own copy of the
/// ticket: nothing a request does to its principal or properties (the cookie's sliding expiry) reaches another request.
/// </para>
/// Memory is bounded: two generations of at most <see cref="GenerationSize"/> tokens (~3.5 KB each with the ticket); a
/// token found in the older generation moves to the young one, and the older one is dropped when the young one fills.
/// </summary>
public sealed class RecentTickets(ISecureDataFormat<AuthenticationTicket> format, TimeProvider time) : ISecureDataFormat<AuthenticationTicket>
{
    public const int GenerationSize = 512;

    /// <summary>Longer than that, a token is longer than any Adal issues: it is read in full and not kept.</summary>
    public const int LongestKept = 4096;

    public static readonly TimeSpan Trust = TimeSpan.FromMinutes(5);

    private sealed record Entry(AuthenticationTicket Ticket, DateTimeOffset ReadAt);

    private readonly Lock _turnover = new();
    private ConcurrentDictionary<string, Entry> _young = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, Entry> _old = new(StringComparer.Ordinal);

    /// <summary>How many tokens are kept now, in both generations.</summary>
    public int Count => _young.Count + _old.Count;

    public string Protect(AuthenticationTicket data) => format.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => format.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, purpose: null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (protectedText is null || purpose is not null || protectedText.Length > LongestKept) return format.Unprotect(protectedText, purpose);
        var now = time.GetUtcNow();
        if (Find(protectedText) is { } entry && now - entry.ReadAt < Trust && now >= entry.ReadAt) return entry.Ticket.Clone();
        var ticket = format.Unprotect(protectedText);
        if (ticket is not null) Keep(protectedText, new Entry(ticket.Clone(), now));
        return ticket;
    }

    private Entry? Find(string token)
    {
        if (_young.TryGetValue(token, out var entry)) return entry;
        if (!_old.TryGetValue(token, out entry)) return null;
        Keep(token, entry);
        return entry;
    }

    private void Keep(string token, Entry entry)
    {
        var young = _young;
        young[token] = entry;
        if (young.Count < GenerationSize) return;
        lock (_turnover)
        {
            if (!ReferenceEquals(young, _young)) return;
            _old = young;
            _young = new ConcurrentDictionary<string, Entry>(StringComparer.Ordinal);
        }
    }
}
