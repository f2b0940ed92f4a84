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
public abstract class CrossingDbContext(DbContextOptions options)
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

        b.Entity<DataKey>(e =>
        {
            e.ToTable("data_keys");
            e.HasKey(k => k.Id);
            e.HasIndex(k => new { k.EntityType, k.RecordId }).IsUnique();
            e.HasIndex(k => k.MasterKeyId);
            e.Property(k => k.EntityType).HasMaxLength(64);
            e.Property(k => k.RecordId).HasMaxLength(64);
            e.Property(k => k.MasterKeyId).HasMaxLength(32);
        });

        b.Entity<BlindIndexEntry>(e =>
        {
            e.ToTable("blind_index_entries");
            e.HasKey(x => x.Id);
            e.HasIndex(x => new { x.IndexName, x.Value });
            e.HasIndex(x => new { x.EntityType, x.RecordId });
            e.Property(x => x.IndexName).HasMaxLength(64);
            e.Property(x => x.EntityType).HasMaxLength(64);
            e.Property(x => x.RecordId).HasMaxLength(64);
        });

        b.Entity<AuditEvent>(e =>
        {
            e.ToTable("audit_events");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedNever();
            e.Property(x => x.Actor).HasMaxLength(200);
            e.Property(x => x.Action).HasMaxLength(200);
            e.Property(x => x.RecordCode).HasMaxLength(64);
            e.Property(x => x.Outcome).HasMaxLength(200);
            e.Property(x => x.PreviousHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
        });

        b.Entity<AuditHead>(e =>
        {
            e.ToTable("audit_head");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Sequence).IsConcurrencyToken();
            e.Property(x => x.Hash).HasMaxLength(64);
        });

        b.Entity<Compartment>(e =>
        {
            e.ToTable("compartments");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.Name).IsUnique();
            e.Property(x => x.Name).HasMaxLength(40);
        });

        b.Entity<StaffMember>(e =>
        {
            e.Property(x => x.Code).HasMaxLength(16);
            e.HasIndex(x => x.Code).IsUnique();
            e.Property(x => x.Role).HasConversion<string>().HasMaxLength(32);
            e.HasMany(x => x.Compartments).WithOne().HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
        });

        b.Entity<StaffCompartment>(e =>
        {
            e.ToTable("staff_compartments");
            e.HasKey(x => new { x.StaffMemberId, x.CompartmentId });
            e.HasOne<Compartment>().WithMany().HasForeignKey(x => x.CompartmentId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<ApiToken>(e =>
        {
            e.ToTable("api_tokens");
            e.HasKey(x => x.Id);
            e.HasIndex(x => x.Hash).IsUnique();
            e.Property(x => x.Hint).HasMaxLength(16);
            e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(x => x.IsActive);
        });

        b.ConfigureCases();
        b.ApplyConfigurationsFromAssembly(typeof(CrossingDbContext).Assembly, t => t.Namespace == "Crossing.Core.Funding");
    }

    private sealed class CompartmentIdConverter() : ValueConverter<CompartmentId, Guid>(id => id.Value, value => new CompartmentId(value));

    private sealed class SealedValueConverter() : ValueConverter<SealedValue, byte[]>(v => v.ToStorage(), bytes => SealedValue.FromStorage(bytes));

    private sealed class UtcMicrosecondsConverter() : ValueConverter<DateTimeOffset, long>(
        v => (v.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10,
        v => new DateTimeOffset(DateTimeOffset.UnixEpoch.UtcTicks + v * 10, TimeSpan.Zero));
}

public sealed class SqliteCrossingDbContext(DbContextOptions<SqliteCrossingDbContext> options) : CrossingDbContext(options)
{
    protected override bool StoresTimeAsInteger => true;
}

public sealed class PostgresCrossingDbContext(DbContextOptions<PostgresCrossingDbContext> options) : CrossingDbContext(options)
{
    protected override bool StoresTimeAsInteger => false;
}
