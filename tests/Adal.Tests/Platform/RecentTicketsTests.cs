using System.Net;
using System.Security.Claims;
using Adal.Platform.Identity;
using Adal.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Adal.Tests.Platform;

/// <summary>Sign-in tickets read once and then served from memory: same tickets, same expiry, bounded memory.</summary>
public sealed class RecentTicketsTests(AdalApp app) : IClassFixture<AdalApp>
{
    /// <summary>The real ticket format, counting how often a token is read in full.</summary>
    private sealed class CountingFormat(ISecureDataFormat<AuthenticationTicket> real) : ISecureDataFormat<AuthenticationTicket>
    {
        public int FullReads;
        public string Protect(AuthenticationTicket data) => real.Protect(data);
        public string Protect(AuthenticationTicket data, string? purpose) => real.Protect(data, purpose);
        public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);
        public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
        {
            Interlocked.Increment(ref FullReads);
            return real.Unprotect(protectedText, purpose);
        }
    }

    private static readonly DateTimeOffset Now = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private static (RecentTickets Tokens, CountingFormat Format, FakeTimeProvider Clock) Fresh()
    {
        var format = new CountingFormat(new TicketDataFormat(new EphemeralDataProtectionProvider().CreateProtector("tests")));
        var clock = new FakeTimeProvider(Now);
        return (new RecentTickets(format, clock), format, clock);
    }

    private static AuthenticationTicket Ticket(string user)
    {
        var identity = new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user), new Claim(ClaimTypes.Role, "student")], BearerTokenDefaults.AuthenticationScheme);
        var properties = new AuthenticationProperties { ExpiresUtc = Now.AddHours(8) };
        return new AuthenticationTicket(new ClaimsPrincipal(identity), properties, BearerTokenDefaults.AuthenticationScheme);
    }

    [Fact]
    public void A_token_is_read_in_full_once_and_each_caller_gets_its_own_copy_of_the_same_ticket()
    {
        var (tokens, format, _) = Fresh();
        var token = tokens.Protect(Ticket("aigerim"));

        var first = tokens.Unprotect(token)!;
        var second = tokens.Unprotect(token)!;
        var third = tokens.Unprotect(token)!;

        Assert.Equal(1, format.FullReads);
        foreach (var ticket in new[] { first, second, third })
        {
            Assert.Equal("aigerim", ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
            Assert.True(ticket.Principal.IsInRole("student"));
            Assert.Equal(Now.AddHours(8), ticket.Properties.ExpiresUtc);
            Assert.Equal(BearerTokenDefaults.AuthenticationScheme, ticket.AuthenticationScheme);
        }
        Assert.NotSame(second.Principal, third.Principal);

        // What one request does to its principal and properties is not what the next one reads.
        ((ClaimsIdentity)second.Principal.Identity!).AddClaim(new Claim(ClaimTypes.Role, "admin"));
        second.Properties.ExpiresUtc = Now.AddYears(1);
        var fourth = tokens.Unprotect(token)!;
        Assert.False(fourth.Principal.IsInRole("admin"));
        Assert.Equal(Now.AddHours(8), fourth.Properties.ExpiresUtc);
    }

    [Fact]
    public void An_unreadable_token_is_refused_every_time_and_never_kept()
    {
        var (tokens, format, _) = Fresh();
        var good = tokens.Protect(Ticket("aigerim"));
        var tampered = good[..^4] + (good[^4] == 'A' ? 'B' : 'A') + good[^3..];

        Assert.Null(tokens.Unprotect(tampered));
        Assert.Null(tokens.Unprotect(tampered));
        Assert.Null(tokens.Unprotect("not a token"));
        Assert.Null(tokens.Unprotect(null));
        Assert.Null(tokens.Unprotect(new string('A', RecentTickets.LongestKept + 1)));

        Assert.Equal(0, tokens.Count);
        Assert.Equal(5, format.FullReads);
    }

    [Fact]
    public void A_token_is_read_in_full_again_once_its_trust_has_run_out()
    {
        var (tokens, format, clock) = Fresh();
        var token = tokens.Protect(Ticket("aigerim"));

        tokens.Unprotect(token);
        clock.Advance(RecentTickets.Trust - TimeSpan.FromSeconds(1));
        tokens.Unprotect(token);
        Assert.Equal(1, format.FullReads);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(tokens.Unprotect(token));
        Assert.Equal(2, format.FullReads);
        tokens.Unprotect(token);
        Assert.Equal(2, format.FullReads);
    }

    [Fact]
    public void Memory_is_bounded_to_two_generations_and_a_token_in_use_stays()
    {
        var (tokens, format, _) = Fresh();
        var busy = tokens.Protect(Ticket("busy"));
        tokens.Unprotect(busy);

        for (var i = 0; i < 3 * RecentTickets.GenerationSize; i++)
        {
            tokens.Unprotect(tokens.Protect(Ticket($"student{i}")));
            if (i % 100 == 0) tokens.Unprotect(busy);
            Assert.True(tokens.Count <= 2 * RecentTickets.GenerationSize, $"{tokens.Count} tokens kept");
        }

        var before = format.FullReads;
        Assert.Equal("busy", tokens.Unprotect(busy)!.Principal.FindFirstValue(ClaimTypes.NameIdentifier));
        Assert.Equal(before, format.FullReads);
    }

    [Fact]
    public async Task The_api_and_the_site_read_tickets_through_it_and_a_kept_token_still_expires()
    {
        var bearer = app.Service<IOptionsMonitor<BearerTokenOptions>>().Get(BearerTokenDefaults.AuthenticationScheme);
        Assert.IsType<RecentTickets>(bearer.BearerTokenProtector);
        var cookie = app.Service<IOptionsMonitor<CookieAuthenticationOptions>>().Get(CookieAuthenticationDefaults.AuthenticationScheme);
        Assert.IsType<RecentTickets>(cookie.TicketDataFormat);

        var student = await app.SignedInAsync("student@demo.local");
        Assert.Equal(HttpStatusCode.OK, (await student.GetAsync("/api/ping")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await student.GetAsync("/api/ping")).StatusCode);

        // Tokens live eight hours (AuthSetup); the expiry is checked on every request, kept token or not.
        app.Clock.Advance(TimeSpan.FromHours(8) + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.Unauthorized, (await student.GetAsync("/api/ping")).StatusCode);
    }
}
