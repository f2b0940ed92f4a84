using Crossing.Core.Security.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Crossing.Core.Journeys;

internal static class JourneyColumns
{
    public static PropertyBuilder<PartnerId> Id(this PropertyBuilder<PartnerId> p) => p.HasConversion(id => id.Value, v => new PartnerId(v));

    public static PropertyBuilder<SafeHouseId> Id(this PropertyBuilder<SafeHouseId> p) => p.HasConversion(id => id.Value, v => new SafeHouseId(v));

    public static PropertyBuilder<RouteId> Id(this PropertyBuilder<RouteId> p) => p.HasConversion(id => id.Value, v => new RouteId(v));

    public static PropertyBuilder<RouteId?> Id(this PropertyBuilder<RouteId?> p) => p.HasConversion(new ValueConverter<RouteId, Guid>(id => id.Value, v => new RouteId(v)));

    public static PropertyBuilder<WindowId> Id(this PropertyBuilder<WindowId> p) => p.HasConversion(id => id.Value, v => new WindowId(v));

    public static PropertyBuilder<WindowId?> Id(this PropertyBuilder<WindowId?> p) => p.HasConversion(new ValueConverter<WindowId, Guid>(id => id.Value, v => new WindowId(v)));

    public static PropertyBuilder<JourneyId> Id(this PropertyBuilder<JourneyId> p) => p.HasConversion(id => id.Value, v => new JourneyId(v));

    public static void Code<T>(this EntityTypeBuilder<T> e) where T : class
    {
        e.Property<string>("Code").HasMaxLength(16);
        e.HasIndex("Code").IsUnique();
    }

    public static void InCompartment<T>(this EntityTypeBuilder<T> e) where T : class, ICompartmented =>
        e.HasOne<Compartment>().WithMany().HasForeignKey(x => x.CompartmentId).OnDelete(DeleteBehavior.Restrict);
}

internal sealed class PartnerConfiguration : IEntityTypeConfiguration<Partner>
{
    public void Configure(EntityTypeBuilder<Partner> e)
    {
        e.ToTable("partners");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).Id();
        e.Code();
        e.Property(x => x.Role).HasConversion<string>().HasMaxLength(16);
        e.InCompartment();
    }
}

internal sealed class SafeHouseConfiguration : IEntityTypeConfiguration<SafeHouse>
{
    public void Configure(EntityTypeBuilder<SafeHouse> e)
    {
        e.ToTable("safe_houses");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).Id();
        e.Code();
        e.InCompartment();
    }
}

internal sealed class RouteConfiguration : IEntityTypeConfiguration<Route>
{
    public void Configure(EntityTypeBuilder<Route> e)
    {
        e.ToTable("routes");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).Id();
        e.Code();
        e.Property(x => x.Name).HasMaxLength(80);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.InCompartment();
    }
}

internal sealed class RouteLegConfiguration : IEntityTypeConfiguration<RouteLeg>
{
    public void Configure(EntityTypeBuilder<RouteLeg> e)
    {
        e.ToTable("route_legs");
        e.HasKey(x => x.Id);
        e.Property(x => x.RouteId).Id();
        e.Property(x => x.FromSafeHouseId).Id();
        e.Property(x => x.ToSafeHouseId).Id();
        e.HasIndex(x => new { x.RouteId, x.Order }).IsUnique();
        e.HasIndex(x => x.FromSafeHouseId);
        e.HasIndex(x => x.ToSafeHouseId);
        e.HasOne<Route>().WithMany().HasForeignKey(x => x.RouteId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<SafeHouse>().WithMany().HasForeignKey(x => x.FromSafeHouseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<SafeHouse>().WithMany().HasForeignKey(x => x.ToSafeHouseId).OnDelete(DeleteBehavior.Restrict);
        e.InCompartment();
    }
}

internal sealed class RouteLegPartnerConfiguration : IEntityTypeConfiguration<RouteLegPartner>
{
    public void Configure(EntityTypeBuilder<RouteLegPartner> e)
    {
        e.ToTable("route_leg_partners");
        e.HasKey(x => new { x.LegId, x.PartnerId });
        e.Property(x => x.RouteId).Id();
        e.Property(x => x.PartnerId).Id();
        e.HasIndex(x => x.PartnerId);
        e.HasOne<RouteLeg>().WithMany().HasForeignKey(x => x.LegId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Partner>().WithMany().HasForeignKey(x => x.PartnerId).OnDelete(DeleteBehavior.Restrict);
        e.InCompartment();
    }
}

internal sealed class RouteStatusChangeConfiguration : IEntityTypeConfiguration<RouteStatusChange>
{
    public void Configure(EntityTypeBuilder<RouteStatusChange> e)
    {
        e.ToTable("route_status_changes");
        e.HasKey(x => x.Id);
        e.Property(x => x.RouteId).Id();
        e.Property(x => x.From).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.To).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Actor).HasMaxLength(40);
        e.Property(x => x.Reason).HasMaxLength(200);
        e.HasIndex(x => x.RouteId);
        e.HasOne<Route>().WithMany().HasForeignKey(x => x.RouteId).OnDelete(DeleteBehavior.Cascade);
        e.InCompartment();
    }
}

internal sealed class TravelWindowConfiguration : IEntityTypeConfiguration<TravelWindow>
{
    public void Configure(EntityTypeBuilder<TravelWindow> e)
    {
        e.ToTable("travel_windows");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).Id();
        e.Property(x => x.RouteId).Id();
        e.Code();
        e.Property(x => x.Currency).HasMaxLength(3);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Basis).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.EstimateReason).HasMaxLength(200);
        e.HasIndex(x => new { x.RouteId, x.Date });
        e.HasOne<Route>().WithMany().HasForeignKey(x => x.RouteId).OnDelete(DeleteBehavior.Cascade);
        e.InCompartment();
    }
}

internal sealed class JourneyConfiguration : IEntityTypeConfiguration<Journey>
{
    public void Configure(EntityTypeBuilder<Journey> e)
    {
        e.ToTable("journeys");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).Id();
        e.Property(x => x.RouteId).Id();
        e.Property(x => x.WindowId).Id();
        e.Code();
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.CoordinatorCode).HasMaxLength(16);
        e.HasIndex(x => new { x.CompartmentId, x.Status });
        e.HasIndex(x => x.RouteId);
        e.HasOne<Route>().WithMany().HasForeignKey(x => x.RouteId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<TravelWindow>().WithMany().HasForeignKey(x => x.WindowId).OnDelete(DeleteBehavior.Restrict);
        e.InCompartment();
    }
}

internal sealed class JourneyGroupConfiguration : IEntityTypeConfiguration<JourneyGroup>
{
    public void Configure(EntityTypeBuilder<JourneyGroup> e)
    {
        e.ToTable("journey_groups");
        e.HasKey(x => x.Id);
        e.Property(x => x.JourneyId).Id();
        e.Property(x => x.GroupCode).HasMaxLength(16);
        e.HasIndex(x => new { x.JourneyId, x.GroupCode }).IsUnique();
        e.HasOne<Journey>().WithMany().HasForeignKey(x => x.JourneyId).OnDelete(DeleteBehavior.Cascade);
        e.InCompartment();
    }
}

internal sealed class JourneyPersonConfiguration : IEntityTypeConfiguration<JourneyPerson>
{
    public void Configure(EntityTypeBuilder<JourneyPerson> e)
    {
        e.ToTable("journey_people");
        e.HasKey(x => x.Id);
        e.Property(x => x.JourneyId).Id();
        e.Property(x => x.GroupCode).HasMaxLength(16);
        e.Property(x => x.CaseCode).HasMaxLength(16);
        e.HasIndex(x => new { x.JourneyId, x.CaseCode }).IsUnique();
        e.HasOne<Journey>().WithMany().HasForeignKey(x => x.JourneyId).OnDelete(DeleteBehavior.Cascade);
        e.InCompartment();
    }
}

internal sealed class JourneyCheckInConfiguration : IEntityTypeConfiguration<JourneyCheckIn>
{
    public void Configure(EntityTypeBuilder<JourneyCheckIn> e)
    {
        e.ToTable("journey_check_ins");
        e.HasKey(x => x.Id);
        e.Property(x => x.JourneyId).Id();
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Incident).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Severity).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.By).HasMaxLength(16);
        e.HasIndex(x => new { x.JourneyId, x.At });
        e.HasOne<Journey>().WithMany().HasForeignKey(x => x.JourneyId).OnDelete(DeleteBehavior.Cascade);
        e.InCompartment();
    }
}

internal sealed class JourneyNeedConfiguration : IEntityTypeConfiguration<JourneyNeed>
{
    public void Configure(EntityTypeBuilder<JourneyNeed> e)
    {
        e.ToTable("journey_needs");
        e.HasKey(x => x.Id);
        e.Property(x => x.JourneyId).Id();
        e.Property(x => x.CaseCode).HasMaxLength(16);
        e.Property(x => x.Need).HasConversion<string>().HasMaxLength(16);
        e.HasIndex(x => new { x.JourneyId, x.CaseCode, x.Need }).IsUnique();
        e.HasOne<Journey>().WithMany().HasForeignKey(x => x.JourneyId).OnDelete(DeleteBehavior.Cascade);
        e.InCompartment();
    }
}

internal sealed class JourneyCostConfiguration : IEntityTypeConfiguration<JourneyCost>
{
    public void Configure(EntityTypeBuilder<JourneyCost> e)
    {
        e.ToTable("journey_costs");
        e.HasKey(x => x.Id);
        e.Property(x => x.JourneyId).Id();
        e.Property(x => x.RouteId).Id();
        e.Property(x => x.Currency).HasMaxLength(3);
        e.Property(x => x.By).HasMaxLength(16);
        e.HasIndex(x => new { x.RouteId, x.Currency, x.At });
        e.HasIndex(x => x.JourneyId);
        e.HasOne<Journey>().WithMany().HasForeignKey(x => x.JourneyId).OnDelete(DeleteBehavior.Cascade);
        e.InCompartment();
    }
}

internal sealed class JourneyAlertConfiguration : IEntityTypeConfiguration<JourneyAlert>
{
    public void Configure(EntityTypeBuilder<JourneyAlert> e)
    {
        e.ToTable("journey_alerts");
        e.HasKey(x => x.Id);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Subject).HasMaxLength(16);
        e.Property(x => x.Summary).HasMaxLength(2000);
        e.Property(x => x.RaisedBy).HasMaxLength(40);
        e.HasIndex(x => new { x.CompartmentId, x.ResolvedAt });
        e.InCompartment();
    }
}
