using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crossing.Core.Security.Vault;

internal sealed class DataKeyConfiguration : IEntityTypeConfiguration<DataKey>
{
    public void Configure(EntityTypeBuilder<DataKey> e)
    {
        e.ToTable("data_keys");
        e.HasKey(k => k.Id);
        e.HasIndex(k => new { k.EntityType, k.RecordId }).IsUnique();
        e.HasIndex(k => k.MasterKeyId);
        e.Property(k => k.EntityType).HasMaxLength(64);
        e.Property(k => k.RecordId).HasMaxLength(64);
        e.Property(k => k.MasterKeyId).HasMaxLength(32);
    }
}

internal sealed class BlindIndexEntryConfiguration : IEntityTypeConfiguration<BlindIndexEntry>
{
    public void Configure(EntityTypeBuilder<BlindIndexEntry> e)
    {
        e.ToTable("blind_index_entries");
        e.HasKey(x => x.Id);
        e.HasIndex(x => new { x.IndexName, x.Value });
        e.HasIndex(x => new { x.EntityType, x.RecordId });
        e.Property(x => x.IndexName).HasMaxLength(64);
        e.Property(x => x.EntityType).HasMaxLength(64);
        e.Property(x => x.RecordId).HasMaxLength(64);
    }
}
