using System.Collections.Concurrent;
using Adal.Features.Requests;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Adal.Features.Assignment;

/// <summary>
/// How many open cases each holder of a role holds, per university: counted again after a few seconds or a hundred
/// assignments, whichever comes first, and kept up as this process assigns. The weighting only has to lean toward the
/// idle; counting every open case on every submission was the most expensive query of registration day. One request
/// recounts while the others go on with the previous count.
/// </summary>
public sealed class OfficerLoads(TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);
    private const int MaxAssignments = 100;
    private static readonly RequestState[] OpenStates = [RequestState.Submitted, RequestState.InReview, RequestState.NeedsCorrection];
    private readonly ConcurrentDictionary<(Guid Tenant, string Role), Entry> _entries = new();

    private sealed class Entry
    {
        public Counted? Current;
        public int Recounting;
    }

    private sealed record Counted(DateTimeOffset At, ConcurrentDictionary<Guid, int> Open)
    {
        public int Assignments;
    }

    public async Task<IReadOnlyDictionary<Guid, int>> CurrentAsync(AdalDb db, Guid tenantId, string role, CancellationToken ct)
    {
        var entry = _entries.GetOrAdd((tenantId, role), _ => new Entry());
        var counted = Volatile.Read(ref entry.Current);
        var now = clock.GetUtcNow();
        var fresh = counted is not null && now - counted.At < MaxAge && counted.At <= now && Volatile.Read(ref counted.Assignments) < MaxAssignments;
        if (fresh) return counted!.Open;
        var recounting = Interlocked.CompareExchange(ref entry.Recounting, 1, 0) == 0;
        if (counted is not null && !recounting) return counted.Open;
        try
        {
            // Seeks per officer and state in the (tenant, assignee, state) index: the open cases only, never the closed millions.
            var holders = db.UsersInRole(role).Select(u => u.Id);
            var open = await db.Requests.AsNoTracking()
                .Where(r => r.AssigneeId != null && holders.Contains(r.AssigneeId.Value) && OpenStates.Contains(r.State))
                .GroupBy(r => r.AssigneeId!.Value)
                .Select(g => new { Officer = g.Key, Open = g.Count() })
                .ToDictionaryAsync(x => x.Officer, x => x.Open, ct);
            counted = new Counted(now, new ConcurrentDictionary<Guid, int>(open));
            Volatile.Write(ref entry.Current, counted);
            return counted.Open;
        }
        finally
        {
            if (recounting) Volatile.Write(ref entry.Recounting, 0);
        }
    }

    /// <summary>A case just given to <paramref name="officer"/> counts at once, so a burst of submissions spreads out.</summary>
    public void Assigned(Guid tenantId, string role, Guid officer)
    {
        if (!_entries.TryGetValue((tenantId, role), out var entry) || Volatile.Read(ref entry.Current) is not { } counted) return;
        counted.Open.AddOrUpdate(officer, 1, (_, n) => n + 1);
        Interlocked.Increment(ref counted.Assignments);
    }
}
