using Crossing.Core.Security.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crossing.Core.Cases;

internal sealed class FamilyGroupConfiguration : IEntityTypeConfiguration<FamilyGroup>
{
    public void Configure(EntityTypeBuilder<FamilyGroup> e)
    {
        e.ToTable("family_groups");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasConversion(id => id.Value, v => new FamilyGroupId(v));
        e.Property(x => x.Code).HasMaxLength(16);
        e.HasIndex(x => x.Code).IsUnique();
        e.HasIndex(x => x.CompartmentId);
        e.HasOne<Compartment>().WithMany().HasForeignKey(x => x.CompartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CaseConfiguration : IEntityTypeConfiguration<Case>
{
    public void Configure(EntityTypeBuilder<Case> e)
    {
        e.ToTable("cases");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasConversion(id => id.Value, v => new CaseId(v));
        e.Property(x => x.FamilyGroupId).HasConversion(id => id.Value, v => new FamilyGroupId(v));
        e.Property(x => x.Code).HasMaxLength(16);
        e.HasIndex(x => x.Code).IsUnique();
        e.HasIndex(x => new { x.CompartmentId, x.Status });
        e.HasIndex(x => x.FamilyGroupId);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.HasOne<Compartment>().WithMany().HasForeignKey(x => x.CompartmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<FamilyGroup>().WithMany().HasForeignKey(x => x.FamilyGroupId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DuplicateAlertConfiguration : IEntityTypeConfiguration<DuplicateAlert>
{
    public void Configure(EntityTypeBuilder<DuplicateAlert> e)
    {
        e.ToTable("duplicate_alerts");
        e.HasKey(x => x.Id);
        e.Property(x => x.ExistingCaseId).HasConversion(id => id.Value, v => new CaseId(v));
        e.Property(x => x.CaseCode).HasMaxLength(16);
        e.Property(x => x.OtherCaseCode).HasMaxLength(16);
        e.Property(x => x.RaisedBy).HasMaxLength(16);
        e.HasIndex(x => new { x.CompartmentId, x.ResolvedAt });
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.ExistingCaseId).OnDelete(DeleteBehavior.Cascade);
    }
}
