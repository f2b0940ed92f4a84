using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crossing.Core.Security.Access;

internal sealed class CompartmentConfiguration : IEntityTypeConfiguration<Compartment>
{
    public void Configure(EntityTypeBuilder<Compartment> e)
    {
        e.ToTable("compartments");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.Name).IsUnique();
        e.Property(x => x.Name).HasMaxLength(40);
    }
}

internal sealed class StaffMemberConfiguration : IEntityTypeConfiguration<StaffMember>
{
    public void Configure(EntityTypeBuilder<StaffMember> e)
    {
        e.Property(x => x.Code).HasMaxLength(16);
        e.HasIndex(x => x.Code).IsUnique();
        e.Property(x => x.Role).HasConversion<string>().HasMaxLength(32);
        e.HasMany(x => x.Compartments).WithOne().HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StaffCompartmentConfiguration : IEntityTypeConfiguration<StaffCompartment>
{
    public void Configure(EntityTypeBuilder<StaffCompartment> e)
    {
        e.ToTable("staff_compartments");
        e.HasKey(x => new { x.StaffMemberId, x.CompartmentId });
        e.HasOne<Compartment>().WithMany().HasForeignKey(x => x.CompartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> e)
    {
        e.ToTable("api_tokens");
        e.HasKey(x => x.Id);
        e.HasIndex(x => x.Hash).IsUnique();
        e.Property(x => x.Hint).HasMaxLength(16);
        e.HasOne<StaffMember>().WithMany().HasForeignKey(x => x.StaffMemberId).OnDelete(DeleteBehavior.Cascade);
        e.Ignore(x => x.Expires);
    }
}
