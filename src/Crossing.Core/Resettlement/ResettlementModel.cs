using Crossing.Core.Cases;
using Crossing.Core.Security.Access;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Crossing.Core.Resettlement;

internal sealed class RelativeConfiguration : IEntityTypeConfiguration<Relative>
{
    public void Configure(EntityTypeBuilder<Relative> e)
    {
        e.ToTable("relatives");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasConversion(id => id.Value, v => new RelativeId(v));
        e.Property(x => x.SeekerCaseId).HasConversion(id => id.Value, v => new CaseId(v));
        e.Property(x => x.SeekerCode).HasMaxLength(16);
        e.Property(x => x.Relation).HasMaxLength(32);
        e.Property(x => x.RecordedBy).HasMaxLength(16);
        e.HasIndex(x => x.SeekerCaseId);
        e.HasIndex(x => x.CompartmentId);
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.SeekerCaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Compartment>().WithMany().HasForeignKey(x => x.CompartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReunificationAlertConfiguration : IEntityTypeConfiguration<ReunificationAlert>
{
    public void Configure(EntityTypeBuilder<ReunificationAlert> e)
    {
        e.ToTable("reunification_alerts");
        e.HasKey(x => x.Id);
        e.Property(x => x.RelativeId).HasConversion(id => id.Value, v => new RelativeId(v));
        e.Property(x => x.CandidateCaseId).HasConversion(id => id.Value, v => new CaseId(v));
        e.Property(x => x.SeekerCode).HasMaxLength(16);
        e.Property(x => x.CandidateCode).HasMaxLength(16);
        e.Property(x => x.Relation).HasMaxLength(32);
        e.Property(x => x.DecidedBy).HasMaxLength(16);
        e.Property(x => x.Decision).HasConversion<string>().HasMaxLength(16);
        // One alert per sought relative and candidate, however often either side is matched again.
        e.HasIndex(x => new { x.RelativeId, x.CandidateCaseId }).IsUnique();
        e.HasIndex(x => new { x.SeekerCompartmentId, x.Decision });
        e.HasIndex(x => new { x.CandidateCompartmentId, x.Decision });
        e.HasOne<Relative>().WithMany().HasForeignKey(x => x.RelativeId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CandidateCaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ConsentConfiguration : IEntityTypeConfiguration<Consent>
{
    public void Configure(EntityTypeBuilder<Consent> e)
    {
        e.ToTable("consents");
        e.HasKey(x => x.Id);
        e.Property(x => x.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        e.Property(x => x.CaseCode).HasMaxLength(16);
        e.Property(x => x.Scope).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.RecordedBy).HasMaxLength(16);
        e.Property(x => x.RevokedBy).HasMaxLength(16);
        e.HasIndex(x => new { x.CaseId, x.Scope });
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Compartment>().WithMany().HasForeignKey(x => x.CompartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ResettlementServiceConfiguration : IEntityTypeConfiguration<ResettlementService>
{
    public void Configure(EntityTypeBuilder<ResettlementService> e)
    {
        e.ToTable("resettlement_services");
        e.HasKey(x => x.Id);
        e.Property(x => x.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        e.Property(x => x.CaseCode).HasMaxLength(16);
        e.Property(x => x.ResponsibleStaff).HasMaxLength(16);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
        e.HasIndex(x => x.CaseId);
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> e)
    {
        e.ToTable("follow_ups");
        e.HasKey(x => x.Id);
        e.Property(x => x.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        e.Property(x => x.CaseCode).HasMaxLength(16);
        e.Property(x => x.Label).HasMaxLength(8);
        e.Property(x => x.ResponsibleStaff).HasMaxLength(16);
        e.HasIndex(x => new { x.CaseId, x.DueOn }).IsUnique();
        e.HasIndex(x => new { x.ResponsibleStaff, x.DueOn });
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FollowUpReminderConfiguration : IEntityTypeConfiguration<FollowUpReminder>
{
    public void Configure(EntityTypeBuilder<FollowUpReminder> e)
    {
        e.ToTable("follow_up_reminders");
        e.HasKey(x => x.Id);
        e.Property(x => x.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        e.Property(x => x.CaseCode).HasMaxLength(16);
        e.Property(x => x.ResponsibleStaff).HasMaxLength(16);
        // The idempotency key: however often the job runs, one reminder per case and due date.
        e.HasIndex(x => new { x.CaseId, x.DueOn }).IsUnique();
        e.HasOne<FollowUp>().WithMany().HasForeignKey(x => x.FollowUpId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ContactAttemptConfiguration : IEntityTypeConfiguration<ContactAttempt>
{
    public void Configure(EntityTypeBuilder<ContactAttempt> e)
    {
        e.ToTable("contact_attempts");
        e.HasKey(x => x.Id);
        e.Property(x => x.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        e.Property(x => x.CaseCode).HasMaxLength(16);
        e.Property(x => x.StaffCode).HasMaxLength(16);
        e.Property(x => x.Channel).HasConversion<string>().HasMaxLength(16);
        e.HasIndex(x => x.CaseId);
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> e)
    {
        e.ToTable("programmes");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasConversion(id => id.Value, v => new ProgrammeId(v));
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.Title).HasMaxLength(Programme.MaxTitleLength);
        e.Property(x => x.CreatedBy).HasMaxLength(16);
        // Counters change under this token: two registrations at once cannot both take the last place.
        e.Property(x => x.Version).IsConcurrencyToken();
        e.Ignore(x => x.PlacesLeft);
        e.HasIndex(x => x.StartsOn);
    }
}

internal sealed class ProgrammeRegistrationConfiguration : IEntityTypeConfiguration<ProgrammeRegistration>
{
    public void Configure(EntityTypeBuilder<ProgrammeRegistration> e)
    {
        e.ToTable("programme_registrations");
        e.HasKey(x => x.Id);
        e.Property(x => x.ProgrammeId).HasConversion(id => id.Value, v => new ProgrammeId(v));
        e.Property(x => x.CaseId).HasConversion(id => id.Value, v => new CaseId(v));
        e.Property(x => x.CaseCode).HasMaxLength(16);
        e.Property(x => x.RecordedBy).HasMaxLength(16);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        // One registration per person and programme: registering twice is refused, not doubled.
        e.HasIndex(x => new { x.ProgrammeId, x.CaseId }).IsUnique();
        e.HasIndex(x => new { x.ProgrammeId, x.Status, x.QueueNumber });
        e.HasOne<Programme>().WithMany().HasForeignKey(x => x.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Case>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Cascade);
        e.HasOne<Compartment>().WithMany().HasForeignKey(x => x.CompartmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
