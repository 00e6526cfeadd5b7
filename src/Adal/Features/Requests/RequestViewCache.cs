using System.Collections.Concurrent;
using System.Text.Json;
using Adal.Platform.Identity;
using Adal.Platform.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Adal.Features.Requests;

/// <summary>
/// Status views already written as JSON, one per request, each valid for one revision of its request. On registration
/// day a student checks the same few requests over and over; when nothing has moved since the last read, the stored
/// bytes are the answer instead of the timeline, the attachments and the serialiser.
/// <para>
/// Every change to a request raises its revision, and <see cref="Changes"/> sees every change this process saves before
/// its SQL runs: it puts a marker ("changing to revision n", no view) in place of the stored view. A view is stored only
/// when no marker with a later revision is there, so a read that saw the row before a change cannot put its older view
/// back after the marker.
/// </para>
/// <para>
/// When this process is the only one writing to the database (<see cref="PersistenceSetup.IsOnlyWriter"/>: the embedded
/// SQLite file), the markers see every change there is, and an applicant's read of their own request is answered from
/// the stored view without reading the row at all: the read that registration day does most costs three times less.
/// Otherwise (PostgreSQL, where other nodes may write) each read still reads the row and compares its revision.
/// </para>
/// Memory is bounded: two generations of at most <see cref="GenerationBytes"/> each. A view read from the older one is
/// kept; the rest of the older generation is dropped when the young one fills. Views and markers are stored under one
/// lock, so a marker is always seen by a store that follows it, unless two generations turned over in between; a
/// store checks that (<see cref="Epoch"/>) and gives up.
/// </summary>
public sealed class RequestViewCache
{
    public const long GenerationBytes = 2L << 20;

    /// <summary>A stored view, or (Json null) the marker of a change being saved, which answers nobody.</summary>
    private sealed record Entry(int Revision, Guid ApplicantId, string? Language, bool StaffView, byte[]? Json);

    private readonly JsonSerializerOptions _options;
    private readonly Lock _writes = new();
    private ConcurrentDictionary<Guid, Entry> _young = new();
    private ConcurrentDictionary<Guid, Entry> _old = new();
    private long _youngBytes;
    private long _epoch;

    public RequestViewCache(IOptions<HttpJsonOptions> json, IConfiguration configuration)
    {
        _options = json.Value.SerializerOptions;
        TrustsOwnWrites = PersistenceSetup.IsOnlyWriter(configuration);
        Changes = new ChangeMarker(this);
    }

    /// <summary>True when every change to the database goes through this process, so its markers see them all.</summary>
    public bool TrustsOwnWrites { get; }

    /// <summary>How many times the generations turned over; a read takes it before reading the row and hands it to
    /// <see cref="Store"/>.</summary>
    public long Epoch => Volatile.Read(ref _epoch);

    /// <summary>Marks the requests a save is about to change; EF Core calls it for every save of any context.</summary>
    public ISaveChangesInterceptor Changes { get; }

    /// <summary>
    /// The stored view of request <paramref name="id"/> when <paramref name="applicantId"/> is its applicant and the
    /// view is current without reading the row; null when that cannot be known (another process may write, nothing
    /// stored, a change being saved, another language).
    /// </summary>
    public byte[]? FindOwn(Guid id, Guid applicantId, string language)
    {
        if (!TrustsOwnWrites) return null;
        var entry = Lookup(id);
        return entry is { Json: { } bytes, StaffView: false } && entry.ApplicantId == applicantId && entry.Language == language ? bytes : null;
    }

    /// <summary>The stored view of <paramref name="request"/> as it stands, in <paramref name="language"/>, for
    /// <paramref name="viewer"/>'s audience (staff see officers' names, applicants see roles); null when there is none.</summary>
    public byte[]? Find(ServiceRequest request, Actor viewer, string language)
    {
        var entry = Lookup(request.Id);
        return entry is { Json: { } bytes } && entry.Revision == request.Revision && entry.Language == language
            && entry.StaffView == RequestViews.ShowsNames(viewer, request) ? bytes : null;
    }

    /// <summary>Writes <paramref name="view"/> as JSON and returns it; keeps it for the next read unless a change saved
    /// since <paramref name="epoch"/> made it old.</summary>
    public byte[] Store(ServiceRequest request, Actor viewer, string language, RequestView view, long epoch)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(view, _options);
        var entry = new Entry(request.Revision, request.ApplicantId, language, RequestViews.ShowsNames(viewer, request), bytes);
        lock (_writes)
        {
            // Two turnovers since the row was read may have dropped a marker set after it.
            if (_epoch - epoch > 1) return bytes;
            if (LatestUnlocked(request.Id) is { } latest && latest.Revision > request.Revision) return bytes;
            KeepUnlocked(request.Id, entry);
        }
        return bytes;
    }

    /// <summary>Request <paramref name="id"/> is being saved at <paramref name="revision"/>: its stored view is no longer
    /// the answer, and no view of an earlier revision may be stored.</summary>
    internal void Changing(Guid id, int revision)
    {
        lock (_writes)
        {
            var latest = LatestUnlocked(id);
            KeepUnlocked(id, new Entry(Math.Max(revision, latest?.Revision ?? revision), Guid.Empty, null, false, null));
        }
    }

    private Entry? Lookup(Guid id)
    {
        if (_young.TryGetValue(id, out var entry)) return entry;
        if (!_old.TryGetValue(id, out entry)) return null;
        // Read again from the older generation: kept, unless a change or a store got to the young one first.
        lock (_writes)
        {
            if (_young.TryGetValue(id, out var newer)) return newer;
            if (_old.TryGetValue(id, out entry)) KeepUnlocked(id, entry);
            return entry;
        }
    }

    private Entry? LatestUnlocked(Guid id) =>
        _young.TryGetValue(id, out var entry) || _old.TryGetValue(id, out entry) ? entry : null;

    private void KeepUnlocked(Guid id, Entry entry)
    {
        _young[id] = entry;
        // A marker has no bytes of its own; counted as a small view, so that markers alone still turn generations over.
        _youngBytes += entry.Json?.Length ?? 64;
        if (_youngBytes <= GenerationBytes) return;
        _old = _young;
        _young = new ConcurrentDictionary<Guid, Entry>();
        _youngBytes = 0;
        Volatile.Write(ref _epoch, _epoch + 1);
    }

    /// <summary>
    /// Before a save runs its SQL: each request it changes gets a raised revision (if the change did not raise it
    /// itself, so a view is never kept across a change) and a marker. A save that then fails leaves the marker: the
    /// request's next reads read the row until a later change is saved.
    /// </summary>
    private sealed class ChangeMarker(RequestViewCache views) : SaveChangesInterceptor
    {
        public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
        {
            Mark(eventData.Context);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
            CancellationToken cancellationToken = default)
        {
            Mark(eventData.Context);
            return ValueTask.FromResult(result);
        }

        private void Mark(DbContext? db)
        {
            if (db is null) return;
            // Only the requests' entries are compared with their snapshots here (a save of a grade import tracks
            // thousands of other rows); EF Core's own detection for the save runs after this, as always.
            var tracker = db.ChangeTracker;
            var detect = tracker.AutoDetectChangesEnabled;
            tracker.AutoDetectChangesEnabled = false;
            try
            {
                foreach (var entry in tracker.Entries<ServiceRequest>())
                {
                    if (detect) entry.DetectChanges();
                    if (entry.State is not (EntityState.Modified or EntityState.Deleted)) continue;
                    var revision = entry.Property(r => r.Revision);
                    if (entry.State == EntityState.Modified && !revision.IsModified)
                    {
                        entry.Entity.Revision++;
                        revision.IsModified = true;
                    }
                    views.Changing(entry.Entity.Id, entry.Entity.Revision);
                }
            }
            finally
            {
                tracker.AutoDetectChangesEnabled = detect;
            }
        }
    }
}
