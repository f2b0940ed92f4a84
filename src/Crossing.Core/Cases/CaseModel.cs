using Crossing.Core.Security.Access;
using Microsoft.EntityFrameworkCore;

namespace Crossing.Core.Cases;

/// <summary>The cases tables, applied from CrossingDbContext.OnModelCreating.</summary>
internal static class CaseModel
{
    public static void ConfigureCases(this ModelBuilder b)
    {
        b.Entity<FamilyGroup>(e =>
        {
            e.ToTable("family_groups");
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).HasConversion(id => id.Value, v => new FamilyGroupId(v));
            e.Property(x => x.Code).HasMaxLength(16);
            e.HasIndex(x => x.Code).IsUnique();
            e.HasIndex(x => x.CompartmentId);
            e.HasOne<Compartment>().WithMany().HasForeignKey(x => x.CompartmentId).OnDelete(DeleteBehavior.Restrict);
        });

        b.Entity<Case>(e =>
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
        });

        b.Entity<DuplicateAlert>(e =>
        {
            e.ToTable("duplicate_alerts");
            e.HasKey(x => x.Id);
            e.Property(x => x.ExistingCaseId).HasConversion(id => id.Value, v => new CaseId(v));
            e.Property(x => x.RaisedBy).HasMaxLength(16);
            e.HasIndex(x => new { x.CompartmentId, x.ResolvedAt });
            e.HasOne<Case>().WithMany().HasForeignKey(x => x.ExistingCaseId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
