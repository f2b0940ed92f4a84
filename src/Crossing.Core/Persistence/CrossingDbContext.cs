using System.Linq.Expressions;
using Crossing.Core.Cases;
using Crossing.Core.Security.Access;
using Crossing.Core.Security.Audit;
using Crossing.Core.Security.Vault;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Crossing.Core.Persistence;

/// <summary>
/// The one model for both providers. Each provider has its own subclass only so that each keeps its own
/// migrations (Persistence/Migrations/Sqlite and Persistence/Migrations/Postgres).
/// </summary>
public abstract class CrossingDbContext(DbContextOptions options, CallerScope? callers)
    : IdentityDbContext<StaffMember, IdentityRole<Guid>, Guid>(options)
{
    public DbSet<DataKey> DataKeys => Set<DataKey>();
    public DbSet<BlindIndexEntry> BlindIndexEntries => Set<BlindIndexEntry>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<AuditHead> AuditHeads => Set<AuditHead>();
    public DbSet<Compartment> Compartments => Set<Compartment>();
    public DbSet<StaffCompartment> StaffCompartments => Set<StaffCompartment>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<Case> Cases => Set<Case>();
    public DbSet<FamilyGroup> FamilyGroups => Set<FamilyGroup>();
    public DbSet<DuplicateAlert> DuplicateAlerts => Set<DuplicateAlert>();

    protected abstract bool StoresTimeAsInteger { get; }

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<CompartmentId>().HaveConversion<CompartmentIdConverter>();
        builder.Properties<SealedValue>().HaveConversion<SealedValueConverter>();
        if (StoresTimeAsInteger)
        {
            // SQLite has no time type; microseconds since the epoch sort and compare correctly in SQL.
            builder.Properties<DateTimeOffset>().HaveConversion<UtcMicrosecondsConverter>();
            builder.Properties<DateTimeOffset?>().HaveConversion<UtcMicrosecondsConverter>();
        }
    }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        // Each capability configures its own tables with IEntityTypeConfiguration classes in its folder.
        b.ApplyConfigurationsFromAssembly(typeof(CrossingDbContext).Assembly);
        AddCompartmentFilters(b);
    }

    /// <summary>
    /// The compartments the current caller holds (empty when nobody acts: no rows). EF Core reads this member of
    /// the context running each query, so the filter below is bound to that context's caller.
    /// </summary>
    internal List<CompartmentId> CallerCompartments => callers?.VisibleCompartments ?? NoCompartments;

    private static readonly List<CompartmentId> NoCompartments = [];

    /// <summary>
    /// Deny by default: every compartmented entity gets the named filter "compartments", so a query returns only
    /// rows in the caller's compartments whether or not the code remembered the access policy. Reading across
    /// compartments takes <see cref="CompartmentBypass"/>, which audits each use.
    /// </summary>
    private void AddCompartmentFilters(ModelBuilder b)
    {
        var contains = typeof(List<CompartmentId>).GetMethod(nameof(List<CompartmentId>.Contains), [typeof(CompartmentId)])!;
        foreach (var entity in b.Model.GetEntityTypes().Where(e => e.BaseType is null && typeof(ICompartmented).IsAssignableFrom(e.ClrType)).ToList())
        {
            var row = Expression.Parameter(entity.ClrType, "row");
            var compartments = Expression.Property(Expression.Constant(this), nameof(CallerCompartments));
            var body = Expression.Call(compartments, contains, Expression.Property(row, nameof(ICompartmented.CompartmentId)));
            b.Entity(entity.ClrType).HasQueryFilter(CompartmentFilter.Name, Expression.Lambda(body, row));
        }
    }

    private sealed class CompartmentIdConverter() : ValueConverter<CompartmentId, Guid>(id => id.Value, value => new CompartmentId(value));

    private sealed class SealedValueConverter() : ValueConverter<SealedValue, byte[]>(v => v.ToStorage(), bytes => SealedValue.FromStorage(bytes));

    private sealed class UtcMicrosecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => (v.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10,
        v => new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + v * 10, TimeSpan.Zero));
}

public sealed class SqliteCrossingDbContext(DbContextOptions<SqliteCrossingDbContext> options, CallerScope? callers = null) : CrossingDbContext(options, callers)
{
    protected override bool StoresTimeAsInteger => true;
}

public sealed class PostgresCrossingDbContext(DbContextOptions<PostgresCrossingDbContext> options, CallerScope? callers = null) : CrossingDbContext(options, callers)
{
    protected override bool StoresTimeAsInteger => false;
}
