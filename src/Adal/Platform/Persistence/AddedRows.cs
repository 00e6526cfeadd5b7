using System.Collections.Concurrent;
using System.Data.Common;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Adal.Platform.Persistence;

/// <summary>
/// The rows of units of work that only add (a filing: the request, its transitions and attachments, the document it
/// issues, the notification), written together with <see cref="ModelTableWriter{T}"/>: per table one prepared multi-row
/// INSERT for the whole group commit, instead of EF Core's change tracking, SQL generation and one prepared statement per
/// row for each unit. The rows are the same as EF Core would write (its model's columns and conversions).
/// </summary>
public sealed class AddedRows
{
    private static readonly MethodInfo WriteTableMethod = typeof(AddedRows).GetMethod(nameof(WriteTableAsync), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly ConcurrentDictionary<Type, Func<DbContext, DbConnection, List<object>, DbTransaction, CancellationToken, Task>> Writers = new();
    private static readonly ConcurrentDictionary<(IModel, Type), int> Depths = new();

    private readonly Dictionary<IEntityType, List<object>> _rows = [];

    public int Count { get; private set; }

    /// <summary>
    /// The rows <paramref name="db"/> would insert, when saving it inserts and nothing else; null when it also updates or
    /// deletes, has bulk rows pending, or adds an entity the writer cannot write (shadow properties, owned types).
    /// </summary>
    public static AddedRows? Of(AdalDb db)
    {
        if (BulkRows.HasPending(db)) return null;
        // HasChanges() and Entries() detect changes themselves when the context does so automatically (detecting twice
        // was a tenth of a filing's commit); a context that does not is asked once here.
        if (!db.ChangeTracker.AutoDetectChangesEnabled) db.ChangeTracker.DetectChanges();
        if (db.Inserted.Count > 0)
        {
            // Rows that EF Core never tracked, when nothing else changed (a filing): written as they are.
            if (!db.ChangeTracker.HasChanges() && OfInserted(db) is { } rows) return rows;
            db.TrackInserted();
        }
        var added = new AddedRows();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Unchanged) continue;
            if (entry.State != EntityState.Added || !Writable(entry.Metadata)) return null;
            if (!added._rows.TryGetValue(entry.Metadata, out var rows)) added._rows[entry.Metadata] = rows = [];
            rows.Add(entry.Entity);
            added.Count++;
        }
        return added.Count > 0 ? added : null;
    }

    private static AddedRows? OfInserted(AdalDb db)
    {
        var added = new AddedRows();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        foreach (var entity in db.Inserted)
            if (!added.AddWithDependents(db.Model, entity, seen)) return null;
        return added;
    }

    /// <summary>
    /// Adds <paramref name="entity"/> and the rows in its collections, as <c>DbSet.Add</c> would, when that needs no
    /// judgement: false (EF Core decides) for a reference to another row, which may exist, or a dependent whose foreign
    /// key does not already name its principal.
    /// </summary>
    private bool AddWithDependents(IModel model, object entity, HashSet<object> seen)
    {
        if (!seen.Add(entity)) return true;
        var type = model.FindEntityType(entity.GetType());
        if (type is null || !Writable(type)) return false;
        if (!_rows.TryGetValue(type, out var rows)) _rows[type] = rows = [];
        rows.Add(entity);
        Count++;
        foreach (var navigation in type.GetNavigations())
        {
            if (navigation.GetGetter().GetClrValue(entity) is not { } value) continue;
            if (!navigation.IsCollection || navigation.IsOnDependent) return false;
            var key = navigation.ForeignKey;
            foreach (var dependent in (System.Collections.IEnumerable)value)
            {
                for (var i = 0; i < key.Properties.Count; i++)
                    if (!Equals(key.Properties[i].GetGetter().GetClrValue(dependent), key.PrincipalKey.Properties[i].GetGetter().GetClrValue(entity)))
                        return false;
                if (!AddWithDependents(model, dependent, seen)) return false;
            }
        }
        return true;
    }

    /// <summary>Writes the rows of <paramref name="units"/>, table by table, principals before the rows that refer to them.</summary>
    public static async Task WriteAsync(DbContext db, DbTransaction transaction, IReadOnlyList<AddedRows> units, CancellationToken ct)
    {
        var tables = new Dictionary<IEntityType, List<object>>();
        foreach (var unit in units)
        foreach (var (type, rows) in unit._rows)
        {
            if (!tables.TryGetValue(type, out var all)) tables[type] = all = [];
            all.AddRange(rows);
        }
        var connection = transaction.Connection!;
        foreach (var (type, rows) in tables.OrderBy(t => Depth(t.Key)))
            await Writers.GetOrAdd(type.ClrType, clr => WriteTableMethod.MakeGenericMethod(clr)
                    .CreateDelegate<Func<DbContext, DbConnection, List<object>, DbTransaction, CancellationToken, Task>>())
                (db, connection, rows, transaction, ct);
    }

    private static async Task WriteTableAsync<T>(DbContext db, DbConnection connection, List<object> rows, DbTransaction transaction, CancellationToken ct)
        where T : class
    {
        using var writer = new ModelTableWriter<T>(db, connection);
        await writer.WriteAsync(rows.ConvertAll(r => (T)r), transaction, ct);
    }

    /// <summary>Whether the writer can write the type's rows: worked out once per type and kept on the model.</summary>
    private static bool Writable(IEntityType type) =>
        type.GetOrAddRuntimeAnnotationValue("Adal:Writable", static t => !t!.IsOwned() && t.GetProperties().All(p => !p.IsShadowProperty())
            && t.GetNavigations().All(n => !n.TargetEntityType.IsOwned()), type);

    /// <summary>How many foreign keys away from a table that refers to no other: tables are written in this order.</summary>
    private static int Depth(IEntityType type) => Depths.GetOrAdd((type.Model, type.ClrType), _ => Depth(type, []));

    private static int Depth(IEntityType type, HashSet<IEntityType> path) =>
        !path.Add(type) ? 0 // a cycle of references (none in Adal's model): its tables keep their order
            : type.GetForeignKeys().Select(k => k.PrincipalEntityType).Where(p => p != type)
                .Select(p => Depth(p, [.. path]) + 1).DefaultIfEmpty(0).Max();
}
