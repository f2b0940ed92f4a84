using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crossing.Core.Security.Audit;

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> e)
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
        // Rows written before keyed chaining existed are version 1 (plain SHA-256).
        e.Property(x => x.Version).HasDefaultValue(AuditEvent.LegacyVersion);
    }
}

internal sealed class AuditHeadConfiguration : IEntityTypeConfiguration<AuditHead>
{
    public void Configure(EntityTypeBuilder<AuditHead> e)
    {
        e.ToTable("audit_head");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).ValueGeneratedNever();
        e.Property(x => x.Sequence).IsConcurrencyToken();
        e.Property(x => x.Hash).HasMaxLength(64);
        e.Property(x => x.Mac).HasMaxLength(64);
    }
}
