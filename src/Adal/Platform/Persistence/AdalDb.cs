using Adal.Features.Assignment;
using Adal.Features.Catalog;
using Adal.Features.Documents;
using Adal.Features.Ledger;
using Adal.Features.Notifications;
using Adal.Features.Records;
using Adal.Features.Requests;
using Adal.Features.University;
using Adal.Platform.Identity;
using Adal.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Adal.Platform.Persistence;

/// <summary>
/// The one database of the platform, used directly by the feature slices. Every university-owned row is
/// filtered by the scope's tenant, so isolation does not depend on each query remembering a Where clause.
/// SqliteAdalDb and PostgresAdalDb only carry the two migration sets.
/// Contexts are pooled: setting one up (EF Core's internal services, its connection object) cost a status read more
/// than its queries. A context taken from the pool is bound to the scope's university and ledger recorder
/// (<see cref="Bind"/>) before anything uses it; an unbound one belongs to no university and sees no university's rows.
/// </summary>
public abstract class AdalDb(DbContextOptions options) : DbContext(options)
{
    private TenantContext tenant = new();
    private LedgerRecorder ledger = new(TimeProvider.System);
    private readonly List<object> inserted = [];

    /// <summary>Gives this context to a scope: its university, its unit of work's ledger events; bulk rows a
    /// previous user left unsaved are dropped.</summary>
    public AdalDb Bind(TenantContext scopeTenant, LedgerRecorder scopeLedger)
    {
        tenant = scopeTenant;
        ledger = scopeLedger;
        BulkRows.Discard(this);
        inserted.Clear();
        return this;
    }

    /// <summary>
    /// Adds a new row, with the new rows in its collections (a request's timeline and attachments). When the unit of
    /// work only adds, the group commit writes these rows without EF Core ever tracking them (tracking a filing's eight
    /// objects was about a tenth of its CPU); otherwise they join the change tracker before EF Core saves, exactly as
    /// <c>DbSet.Add</c> would have added them.
    /// </summary>
    public void Insert(object entity) => inserted.Add(entity);

    /// <summary>The rows given to <see cref="Insert"/> and not yet tracked or written.</summary>
    internal IReadOnlyList<object> Inserted => inserted;

    /// <summary>Hands the inserted rows to the change tracker, before EF Core saves.</summary>
    internal void TrackInserted()
    {
        if (inserted.Count == 0) return;
        foreach (var entity in inserted) Add(entity);
        inserted.Clear();
    }

    /// <summary>The inserted rows were written (by the group commit): nothing is left to track.</summary>
    internal void ForgetInserted() => inserted.Clear();

    /// <summary>Saves the unit of work; when it recorded ledger events, appends them in the same transaction.</summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (!ledger.HasPending)
        {
            TrackInserted();
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        return await LedgerAppender.SaveWithLedgerAsync(this, tenant.Required, ledger.TakeAll(), acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>The unit of work's own rows, without its ledger events: what the appender saves inside its transaction.</summary>
    internal Task<int> SaveRowsAsync(bool acceptAllChangesOnSuccess, CancellationToken ct)
    {
        TrackInserted();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, ct);
    }

    /// <summary>Synchronous saves cannot take part in the ledger's locking; a unit of work with events must save asynchronously.</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (ledger.HasPending) throw new InvalidOperationException("Ledger events are pending: use SaveChangesAsync.");
        TrackInserted();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    private Guid? CurrentTenantId => tenant.TenantId;

    /// <summary>A second context on the same database and university, with its own connection: for reading alongside this one.</summary>
    /// <param name="reuse">An idle sibling made earlier (its change tracker empty, its connection closed): taken when it is on the same database.</param>
    public AdalDb Sibling(AdalDb? reuse = null)
    {
        var options = this.GetService<IDbContextOptions>();
        if (reuse is not null && ReferenceEquals(reuse.GetService<IDbContextOptions>(), options))
            return reuse.Bind(tenant, new LedgerRecorder(TimeProvider.System));
        reuse?.Dispose();
        return ((AdalDb)Activator.CreateInstance(GetType(), options)!).Bind(tenant, new LedgerRecorder(TimeProvider.System));
    }

    /// <summary>Bulk rows (a CSV import's grades, the ledger's entries) are written inside the same transaction as the unit
    /// of work. The host's options carry the interceptor already (a pooled context may not change its options here);
    /// a context built by hand from bare options gets it now.</summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder)
    {
        var interceptors = optionsBuilder.Options.FindExtension<CoreOptionsExtension>()?.Interceptors;
        if (interceptors?.Contains(BulkRows.Interceptor) != true) optionsBuilder.AddInterceptors(BulkRows.Interceptor);
    }

    /// <summary>
    /// The people holding any of <paramref name="roles"/>, found from the role index: a university has tens of thousands
    /// of students and a few dozen staff, and asking each user "do you hold this role?" reads all of them.
    /// </summary>
    public IQueryable<User> UsersInRole(params string[] roles) =>
        Users.Where(u => UserRoles.Where(r => roles.Contains(r.Role)).Select(r => r.UserId).Contains(u.Id));

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<User> Users => Set<User>();
    public DbSet<UserRole> UserRoles => Set<UserRole>();
    public DbSet<Faculty> Faculties => Set<Faculty>();
    public DbSet<Programme> Programmes => Set<Programme>();
    public DbSet<Student> Students => Set<Student>();
    public DbSet<ServiceDefinitionVersion> DefinitionVersions => Set<ServiceDefinitionVersion>();
    public DbSet<ServiceRequest> Requests => Set<ServiceRequest>();
    public DbSet<RequestTransition> Transitions => Set<RequestTransition>();
    public DbSet<RequestAttachment> Attachments => Set<RequestAttachment>();
    public DbSet<IssuedDocument> Documents => Set<IssuedDocument>();
    public DbSet<DocumentPart> DocumentParts => Set<DocumentPart>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<ConflictOfInterestDeclaration> Conflicts => Set<ConflictOfInterestDeclaration>();
    public DbSet<LedgerBundleRow> LedgerBundles => Set<LedgerBundleRow>();
    public DbSet<LedgerTileRow> LedgerTiles => Set<LedgerTileRow>();
    public DbSet<LedgerState> LedgerStates => Set<LedgerState>();
    public DbSet<LedgerTreeHeadRow> LedgerTreeHeads => Set<LedgerTreeHeadRow>();
    public DbSet<LedgerKeyRow> LedgerKeys => Set<LedgerKeyRow>();
    public DbSet<AcademicPeriod> AcademicPeriods => Set<AcademicPeriod>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<CourseOffering> CourseOfferings => Set<CourseOffering>();
    public DbSet<Enrolment> Enrolments => Set<Enrolment>();
    public DbSet<Grade> Grades => Set<Grade>();
    public DbSet<GradeChange> GradeChanges => Set<GradeChange>();
    public DbSet<ProgrammeCredits> ProgrammeCredits => Set<ProgrammeCredits>();
    public DbSet<RecordImport> RecordImports => Set<RecordImport>();

    /// <summary>All times are UTC; SQLite stores them as text without a kind, so reading marks them UTC again.</summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
        configurationBuilder.Properties<DateTime?>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AdalDb).Assembly);
        modelBuilder.Entity<User>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<UserRole>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<Faculty>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<Programme>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<Student>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<ServiceRequest>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<RequestTransition>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<RequestAttachment>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<IssuedDocument>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<Notification>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<ConflictOfInterestDeclaration>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<AcademicPeriod>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<Course>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<CourseOffering>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<Enrolment>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<Grade>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<GradeChange>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<ProgrammeCredits>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
        modelBuilder.Entity<RecordImport>().HasQueryFilter(e => e.TenantId == CurrentTenantId);
    }
}

public sealed class SqliteAdalDb(DbContextOptions<SqliteAdalDb> options) : AdalDb(options);

public sealed class PostgresAdalDb(DbContextOptions<PostgresAdalDb> options) : AdalDb(options);

internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
