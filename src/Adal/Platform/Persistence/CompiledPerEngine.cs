using System.Collections.Concurrent;

namespace Adal.Platform.Persistence;

/// <summary>
/// A compiled query (EF.CompileAsyncQuery) for each database engine. EF Core binds a compiled query to the provider
/// of the first context that runs it; SQLite and PostgreSQL contexts can share a process (the tests run both).
/// </summary>
public sealed class CompiledPerEngine<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<Type, TQuery> _compiled = new();

    public TQuery For(AdalDb db) => _compiled.GetOrAdd(db.GetType(), _ => compile());
}
