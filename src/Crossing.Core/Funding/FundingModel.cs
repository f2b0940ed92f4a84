using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Crossing.Core.Funding;

internal sealed class LedgerAccountConfiguration : IEntityTypeConfiguration<LedgerAccount>
{
    public void Configure(EntityTypeBuilder<LedgerAccount> e)
    {
        e.ToTable("ledger_accounts");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(LedgerAccount.MaxIdLength);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Ignore(x => x.FundId);
        e.HasData(LedgerAccounts.Seed());
    }
}

internal sealed class LedgerBalanceConfiguration : IEntityTypeConfiguration<LedgerBalance>
{
    public void Configure(EntityTypeBuilder<LedgerBalance> e)
    {
        e.ToTable("ledger_balances");
        e.HasKey(x => new { x.AccountId, x.CurrencyCode });
        e.Property(x => x.AccountId).HasMaxLength(LedgerAccount.MaxIdLength);
        e.Property(x => x.CurrencyCode).HasMaxLength(3);
        e.Ignore(x => x.Net);
        e.HasOne<LedgerAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class LedgerTransferConfiguration : IEntityTypeConfiguration<LedgerTransfer>
{
    public void Configure(EntityTypeBuilder<LedgerTransfer> e)
    {
        e.ToTable("ledger_transfers");
        e.HasKey(x => x.Id);
        e.Property(x => x.Key).HasMaxLength(LedgerTransfer.MaxKeyLength);
        e.HasIndex(x => x.Key).IsUnique();
        e.Property(x => x.DebitAccountId).HasMaxLength(LedgerAccount.MaxIdLength);
        e.Property(x => x.CreditAccountId).HasMaxLength(LedgerAccount.MaxIdLength);
        e.Property(x => x.CurrencyCode).HasMaxLength(3);
        e.Property(x => x.Code).HasMaxLength(32);
        e.Property(x => x.Reference).HasMaxLength(LedgerTransfer.MaxKeyLength);
        e.HasIndex(x => x.Reference);
        e.HasOne<LedgerAccount>().WithMany().HasForeignKey(x => x.DebitAccountId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<LedgerAccount>().WithMany().HasForeignKey(x => x.CreditAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DonorConfiguration : IEntityTypeConfiguration<Donor>
{
    public void Configure(EntityTypeBuilder<Donor> e)
    {
        e.ToTable("donors");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasConversion<DonorIdConverter>();
        e.Property(x => x.Code).HasMaxLength(16);
        e.HasIndex(x => x.Code).IsUnique();
        e.Property(x => x.Language).HasMaxLength(8);
    }
}

internal sealed class GiftConfiguration : IEntityTypeConfiguration<Gift>
{
    public void Configure(EntityTypeBuilder<Gift> e)
    {
        e.ToTable("gifts");
        e.HasKey(x => x.Id);
        e.Property(x => x.Processor).HasMaxLength(32);
        e.Property(x => x.PaymentId).HasMaxLength(GiftIntake.MaxIdLength);
        e.Property(x => x.InvoiceId).HasMaxLength(GiftIntake.MaxIdLength);
        e.HasIndex(x => new { x.Processor, x.PaymentId }).IsUnique();
        // Only invoice gifts have an invoice id; one-time and imported gifts (nearly all rows) stay out of this index.
        e.HasIndex(x => new { x.Processor, x.InvoiceId }).IsUnique().HasFilter("\"InvoiceId\" IS NOT NULL");
        e.Property(x => x.Channel).HasMaxLength(32);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.DonorId).HasConversion<DonorIdConverter>();
        e.HasOne<Donor>().WithMany().HasForeignKey(x => x.DonorId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.DonorId);
        e.HasIndex(x => x.GivenAt);
        e.Property(x => x.CurrencyCode).HasMaxLength(8);
        e.Property(x => x.RawAmount).HasMaxLength(40);
        e.Property(x => x.FundId).HasMaxLength(40);
        e.Property(x => x.Designation).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.CampaignId).HasMaxLength(64);
        e.Property(x => x.FundraiserId).HasMaxLength(64);
        e.Property(x => x.Status).HasConversion<string>().HasMaxLength(16);
        e.HasIndex(x => x.Status);
        e.Property(x => x.Problem).HasMaxLength(300);
        e.Ignore(x => x.TransferKey);
        e.Ignore(x => x.Amount);
    }
}

internal sealed class GiftAdjustmentConfiguration : IEntityTypeConfiguration<GiftAdjustment>
{
    public void Configure(EntityTypeBuilder<GiftAdjustment> e)
    {
        e.ToTable("gift_adjustments");
        e.HasKey(x => x.Id);
        e.Property(x => x.Processor).HasMaxLength(32);
        e.Property(x => x.PaymentId).HasMaxLength(GiftIntake.MaxIdLength);
        e.Property(x => x.EventId).HasMaxLength(GiftIntake.MaxIdLength);
        e.HasIndex(x => x.EventId).IsUnique();
        e.HasIndex(x => new { x.Processor, x.PaymentId });
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.CurrencyCode).HasMaxLength(8);
        e.Property(x => x.DisputeId).HasMaxLength(GiftIntake.MaxIdLength);
        e.Property(x => x.DisputeStatus).HasMaxLength(16);
        e.Property(x => x.Problem).HasMaxLength(300);
    }
}

internal sealed class InvoicePaymentLinkConfiguration : IEntityTypeConfiguration<InvoicePaymentLink>
{
    public void Configure(EntityTypeBuilder<InvoicePaymentLink> e)
    {
        e.ToTable("invoice_payment_links");
        e.HasKey(x => x.InvoiceId);
        e.Property(x => x.InvoiceId).HasMaxLength(GiftIntake.MaxIdLength);
        e.Property(x => x.PaymentId).HasMaxLength(GiftIntake.MaxIdLength);
    }
}

internal sealed class CampaignConfiguration : IEntityTypeConfiguration<Campaign>
{
    public void Configure(EntityTypeBuilder<Campaign> e)
    {
        e.ToTable("campaigns");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(64);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.FundId).HasMaxLength(40);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.GoalCurrency).HasMaxLength(3);
        e.HasIndex(x => new { x.From, x.To });
    }
}

internal sealed class FundraiserConfiguration : IEntityTypeConfiguration<Fundraiser>
{
    public void Configure(EntityTypeBuilder<Fundraiser> e)
    {
        e.ToTable("fundraisers");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(64);
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.FundId).HasMaxLength(40);
    }
}

internal sealed class ProcessorEventConfiguration : IEntityTypeConfiguration<ProcessorEvent>
{
    public void Configure(EntityTypeBuilder<ProcessorEvent> e)
    {
        e.ToTable("processor_events");
        e.HasKey(x => x.Id);
        e.Property(x => x.Id).HasMaxLength(GiftIntake.MaxIdLength);
        e.Property(x => x.Processor).HasMaxLength(32);
        e.Property(x => x.Type).HasMaxLength(100);
        e.Property(x => x.ApiVersion).HasMaxLength(40);
        e.Property(x => x.Outcome).HasConversion<string>().HasMaxLength(16);
        e.HasIndex(x => x.Outcome);
        e.Property(x => x.Reference).HasMaxLength(120);
        e.Property(x => x.Problem).HasMaxLength(300);
    }
}

internal sealed class DonorIdConverter() : ValueConverter<DonorId, Guid>(id => id.Value, v => new DonorId(v));

internal sealed class ReceiptRecordConfiguration : IEntityTypeConfiguration<ReceiptRecord>
{
    public void Configure(EntityTypeBuilder<ReceiptRecord> e)
    {
        e.ToTable("receipts");
        e.HasKey(x => x.Id);
        e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(16);
        e.Property(x => x.DonorId).HasConversion<DonorIdConverter>();
        e.HasOne<Donor>().WithMany().HasForeignKey(x => x.DonorId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => new { x.Kind, x.DonorId, x.Year });
        e.HasIndex(x => x.GiftId);
        e.Property(x => x.Number).HasMaxLength(64);
        e.HasIndex(x => x.Number).IsUnique();
        e.Property(x => x.Delivery).HasMaxLength(16);
        e.Property(x => x.Language).HasMaxLength(8);
        // Rows from before the state existed were recorded after delivery: they are sent.
        e.Property(x => x.State).HasConversion<string>().HasMaxLength(16).HasDefaultValue(ReceiptState.Sent);
        e.HasIndex(x => x.State);
        e.Property(x => x.MessageId).HasMaxLength(200);
    }
}

internal sealed class PaymentFailureConfiguration : IEntityTypeConfiguration<PaymentFailure>
{
    public void Configure(EntityTypeBuilder<PaymentFailure> e)
    {
        e.ToTable("payment_failures");
        e.HasKey(x => x.Id);
        e.Property(x => x.Processor).HasMaxLength(32);
        e.Property(x => x.EventId).HasMaxLength(GiftIntake.MaxIdLength);
        e.HasIndex(x => x.EventId).IsUnique();
        e.Property(x => x.InvoiceId).HasMaxLength(GiftIntake.MaxIdLength);
        e.Property(x => x.SubscriptionId).HasMaxLength(GiftIntake.MaxIdLength);
        e.Property(x => x.DonorId).HasConversion<DonorIdConverter>();
        e.HasOne<Donor>().WithMany().HasForeignKey(x => x.DonorId).OnDelete(DeleteBehavior.Restrict);
        e.HasIndex(x => x.DonorId);
        e.Property(x => x.CurrencyCode).HasMaxLength(8);
    }
}
