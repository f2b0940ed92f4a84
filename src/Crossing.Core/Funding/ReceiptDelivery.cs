using Crossing.Core.Persistence;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Crossing.Core.Funding;

/// <summary>A receipt to deliver: to whom, in which words, with which PDF.</summary>
public sealed record ReceiptMail(string To, string ToName, string Subject, string Body, string FileName, byte[] Pdf)
{
    public override string ToString() => $"[receipt mail {FileName}]";
}

/// <summary>
/// Sends receipts by SMTP (MailKit) when Crossing:Receipts:Smtp:Host is set; otherwise writes each as an .eml file in
/// the outbox folder, for an operator to send or inspect. Answers "smtp" or "outbox".
/// </summary>
public sealed class ReceiptDelivery(IOptions<ReceiptOptions> options, StorageOptions storage)
{
    public const string Smtp = "smtp";
    public const string Outbox = "outbox";

    public string OutboxFolder => options.Value.OutboxFolder is { Length: > 0 } folder ? folder : Path.Combine(storage.DataDirectory, "outbox");

    public async Task<string> DeliverAsync(ReceiptMail mail, CancellationToken ct)
    {
        var settings = options.Value;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress(settings.OrganisationName, settings.FromAddress));
        message.To.Add(new MailboxAddress(mail.ToName, mail.To));
        message.Subject = mail.Subject;
        var body = new BodyBuilder { TextBody = mail.Body };
        body.Attachments.Add(mail.FileName, mail.Pdf, new ContentType("application", "pdf"));
        message.Body = body.ToMessageBody();

        if (settings.Smtp.Host is { Length: > 0 } host)
        {
            using var client = new SmtpClient();
            var security = !settings.Smtp.UseTls ? SecureSocketOptions.None
                : settings.Smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(host, settings.Smtp.Port, security, ct);
            if (settings.Smtp.UserName is { Length: > 0 } user)
                await client.AuthenticateAsync(user, settings.Smtp.Password ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(true, ct);
            return Smtp;
        }

        Directory.CreateDirectory(OutboxFolder);
        var path = Path.Combine(OutboxFolder, Path.GetFileNameWithoutExtension(mail.FileName) + ".eml");
        // Written under a temporary name and moved, so a reader of the outbox never sees half a message.
        var partial = path + ".partial";
        await message.WriteToAsync(partial, ct);
        File.Move(partial, path, overwrite: true);
        return Outbox;
    }
}
